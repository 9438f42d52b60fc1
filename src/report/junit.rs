//! `--format junit`: a JUnit XML report, for CI systems that show test results (GitLab,
//! Jenkins, Azure Pipelines). Every linted file is one `<testcase>`; each finding in it is
//! one `<failure>`; a file that could not be linted is a testcase with an `<error>`.

use super::xml::escape;
use crate::outcome::Outcome;
use std::collections::HashMap;
use std::io::{self, Write};

/// Writes the whole document.
pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let by_path: HashMap<&str, usize> = outcome
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.source.path.as_str(), i))
        .collect();
    let tests = outcome.linted.len() + outcome.failures.len();
    let failures: usize = outcome.files.iter().map(|f| f.diagnostics.len()).sum();
    let errors = outcome.failures.len();
    let head = format!(r#"tests="{tests}" failures="{failures}" errors="{errors}""#);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="copydesk" {head}>"#)?;
    writeln!(out, r#"  <testsuite name="copydesk" {head}>"#)?;
    for path in &outcome.linted {
        let p = escape(path);
        let Some(f) = by_path.get(path.as_str()).map(|&i| &outcome.files[i]) else {
            writeln!(
                out,
                r#"    <testcase name="{p}" classname="copydesk" file="{p}"/>"#
            )?;
            continue;
        };
        writeln!(
            out,
            r#"    <testcase name="{p}" classname="copydesk" file="{p}">"#
        )?;
        for d in &f.diagnostics {
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}</failure>"#,
                escape(&d.rule),
                escape(&d.message),
                escape(&format!(
                    "{}:{}:{}: {} [{}] {}",
                    path, d.line, d.column, d.severity, d.rule, d.message
                ))
            )?;
        }
        writeln!(out, "    </testcase>")?;
    }
    for f in &outcome.failures {
        let p = escape(&f.path);
        writeln!(
            out,
            r#"    <testcase name="{p}" classname="copydesk" file="{p}">"#
        )?;
        writeln!(
            out,
            r#"      <error type="copydesk.unreadable" message="{}"/>"#,
            escape(&f.message)
        )?;
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}
