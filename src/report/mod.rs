//! Reporters: one module per output format. This is the only code that writes findings out.

pub mod checkstyle;
pub mod concise;
pub mod github;
pub mod grouped;
pub mod html;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod position;
pub mod rdjson;
pub mod rules;
pub mod sarif;
pub mod settings;
pub mod stats;
pub mod summary;
pub mod tags;
pub mod width;
pub mod xml;

use crate::diagnostic::Severity;
use crate::outcome::Outcome;
use std::io::{self, Write};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Rendered for people: excerpts cut to the terminal's width, one per paragraph.
    Human,
    /// One block per file, one line per finding (for long runs).
    Grouped,
    /// One line per finding: `path:line:col: severity [rule] message`.
    Concise,
    /// One JSON document (see README for the schema).
    Json,
    /// One JSON object per finding per line (the objects of `json`'s diagnostics).
    Jsonl,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
    /// Checkstyle XML.
    Checkstyle,
    /// JUnit XML: one testcase per file, one failure per finding that fails the run.
    Junit,
    /// reviewdog's Diagnostic Format (rdjson; columns in UTF-8 bytes).
    Rdjson,
}

impl OutputFormat {
    /// What the format reads from an outcome: source text when it shows or hashes it
    /// (excerpts, the matched text), not only the findings' recorded lines and columns;
    /// rule descriptions when it describes the rules of the run.
    pub fn needs(self) -> crate::outcome::ReportNeeds {
        crate::outcome::ReportNeeds {
            text: self.needs_text(),
            rules: matches!(self, OutputFormat::Sarif | OutputFormat::Rdjson),
        }
    }

    fn needs_text(self) -> bool {
        match self {
            OutputFormat::Human
            | OutputFormat::Json
            | OutputFormat::Jsonl
            | OutputFormat::Sarif
            | OutputFormat::Rdjson => true,
            OutputFormat::Concise
            | OutputFormat::Grouped
            | OutputFormat::Github
            | OutputFormat::Checkstyle
            | OutputFormat::Junit => false,
        }
    }
}

/// How to write a report besides its format.
#[derive(Debug, Clone, Copy)]
pub struct WriteOptions {
    /// Colour (human output only).
    pub color: bool,
    /// Include per-rule counts (json only; other formats print them on stderr).
    pub statistics: bool,
    /// The lowest severity that fails the run (junit reports only these as failures).
    pub fail_on: Severity,
    /// Columns to lay human output out in (see [`width::terminal_width`]).
    pub width: usize,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            color: false,
            statistics: false,
            fail_on: Severity::default(),
            width: width::DEFAULT_WIDTH,
        }
    }
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
    opts: WriteOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Human => human::write(outcome, opts.color, opts.width, out),
        OutputFormat::Grouped => grouped::write(outcome, opts.color, out),
        OutputFormat::Concise => concise::write(outcome, out),
        OutputFormat::Json => json::write(outcome, opts.statistics, out),
        OutputFormat::Jsonl => jsonl::write(outcome, out),
        OutputFormat::Sarif => sarif::write(outcome, out),
        OutputFormat::Github => github::write(outcome, out),
        OutputFormat::Checkstyle => checkstyle::write(outcome, out),
        OutputFormat::Junit => junit::write(outcome, opts.fail_on, out),
        OutputFormat::Rdjson => rdjson::write(outcome, out),
    }
}
