//! `--format concise`: `path:line:col: severity [rule] message`, one finding per line.

use crate::outcome::Outcome;
use std::io::{self, Write};

/// Writes one line per finding.
pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    for f in &outcome.files {
        for d in &f.diagnostics {
            writeln!(
                out,
                "{}:{}:{}: {} [{}] {}",
                f.source.path,
                d.line,
                d.column,
                d.severity,
                d.rule,
                d.message.replace('\n', " ")
            )?;
        }
    }
    Ok(())
}
