//! `--format junit`: a JUnit XML report, for CI systems that show test results (GitLab,
//! Jenkins, Azure Pipelines). Every linted file is one `<testcase>`; each finding at or
//! above the failing severity is one `<failure>`, and findings below it (which do not
//! fail the run) are listed in the testcase's `<system-out>`, so a passing run reads as
//! passing; a file that could not be linted is a testcase with an `<error>`.

use super::xml::escape;
use crate::diagnostic::{Diagnostic, Severity};
use crate::outcome::Outcome;
use std::collections::HashMap;
use std::io::{self, Write};

/// Writes the whole document; findings at or above `fail_on` are failures.
pub fn write(outcome: &Outcome, fail_on: Severity, out: &mut dyn Write) -> io::Result<()> {
    let by_path: HashMap<&str, usize> = outcome
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.source.path.as_str(), i))
        .collect();
    let tests = outcome.linted.len() + outcome.failures.len();
    let failing = |d: &&Diagnostic| d.severity >= fail_on;
    let failures: usize = outcome
        .files
        .iter()
        .map(|f| f.diagnostics.iter().filter(failing).count())
        .sum();
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
        let line = |d: &Diagnostic| {
            let (l, c, sev, rule) = (d.line, d.column, d.severity, &d.rule);
            escape(&format!("{path}:{l}:{c}: {sev} [{rule}] {}", d.message))
        };
        for d in f.diagnostics.iter().filter(failing) {
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}</failure>"#,
                escape(&d.rule),
                escape(&d.message),
                line(d)
            )?;
        }
        let passing: Vec<String> = f
            .diagnostics
            .iter()
            .filter(|d| d.severity < fail_on)
            .map(line)
            .collect();
        if !passing.is_empty() {
            writeln!(out, "      <system-out>{}</system-out>", passing.join("\n"))?;
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
