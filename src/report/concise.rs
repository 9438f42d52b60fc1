//! `--format concise`: `path:line:col: severity [rule] message`, one finding per line.
//! One record is one line: a newline in a message is a space, in a path `\x0a` (paths
//! are shown escaped, [`crate::text::path::display`]), and other control characters are
//! escaped too.

use crate::outcome::Outcome;
use crate::text::escape::controls;
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
                controls(&d.message.replace('\n', " "), &['\t'])
            )?;
        }
    }
    Ok(())
}
