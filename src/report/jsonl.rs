//! `--format jsonl`: one JSON object per line per finding, the same object as in the
//! `diagnostics` array of `--format json`, for tools that stream or `grep` findings.

use super::json::diagnostic_value;
use crate::outcome::Outcome;
use std::io::{self, Write};

/// Writes one compact JSON object per finding.
pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    for f in &outcome.files {
        for d in &f.diagnostics {
            serde_json::to_writer(
                &mut *out,
                &diagnostic_value(&f.source.path, &f.source.text, d),
            )?;
            writeln!(out)?;
        }
    }
    Ok(())
}
