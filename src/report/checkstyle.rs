//! `--format checkstyle`: Checkstyle's XML report, read by many CI tools (Jenkins warnings,
//! reviewdog `-f=checkstyle`, GitLab converters). One `<file>` per file with findings, one
//! `<error>` per finding; `source` is the rule id; columns count Unicode scalar values.

use super::xml::escape;
use crate::outcome::Outcome;
use std::io::{self, Write};

/// Writes the whole document.
pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for f in &outcome.files {
        writeln!(out, r#"  <file name="{}">"#, escape(&f.source.path))?;
        for d in &f.diagnostics {
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="{}"/>"#,
                d.line,
                d.column,
                d.severity,
                escape(&d.message),
                escape(&d.rule)
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}
