//! Reporters: one module per output format. This is the only code that writes findings out.

pub mod concise;
pub mod human;
pub mod json;

use crate::diagnostic::Severity;
use crate::run::Outcome;
use std::io::{self, Write};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Rendered for people, with source excerpts (codespan-reporting).
    Human,
    /// One line per finding: `path:line:col: severity [rule] message`.
    Concise,
    /// One JSON document (see README for the schema).
    Json,
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Errors.
    pub error: usize,
    /// Warnings.
    pub warning: usize,
    /// Infos.
    pub info: usize,
}

impl Counts {
    /// Counts an outcome's findings.
    pub fn of(outcome: &Outcome) -> Counts {
        let mut c = Counts::default();
        for d in outcome.files.iter().flat_map(|f| &f.diagnostics) {
            match d.severity {
                Severity::Error => c.error += 1,
                Severity::Warning => c.warning += 1,
                Severity::Info => c.info += 1,
            }
        }
        c
    }

    /// All findings.
    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }
}

/// Writes the findings of `outcome` in `format` to `out`.
pub fn write(
    format: OutputFormat,
    outcome: &Outcome,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Human => human::write(outcome, color, out),
        OutputFormat::Concise => concise::write(outcome, out),
        OutputFormat::Json => json::write(outcome, out),
    }
}
