//! Diagnostics: what a rule found, where, and how to fix it.

use crate::text::span::Span;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; never fails a run unless `--fail-on info`.
    Info,
    /// Most likely wrong.
    #[default]
    Warning,
    /// Certainly wrong.
    Error,
}

impl Severity {
    /// The lower-case name used in files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning` or `info`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a fix may be applied without a person looking at it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// No automatic fix; suggestions only.
    #[default]
    None,
    /// Applied by `copydesk fix` only with `--unsafe-fixes`.
    Unsafe,
    /// Applied by `copydesk fix`.
    Safe,
}

/// One replacement of source bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    /// The source bytes to replace.
    pub span: Span,
    /// What replaces them.
    pub replacement: String,
}

/// A set of edits that together fix one finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// The edits, in source order, not overlapping.
    pub edits: Vec<Edit>,
    /// Whether it is safe to apply unattended.
    pub applicability: Applicability,
}

/// A secondary location related to a finding (e.g. the disclaimer a claim contradicts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What it is.
    pub message: String,
}

/// A finding tied to a span of one source file. Serialised as is only by the result
/// cache; reporters build their own shapes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The rule id, `pack.rule`.
    pub rule: Arc<str>,
    /// Severity after configuration.
    pub severity: Severity,
    /// Byte span into the file as read.
    pub span: Span,
    /// The message.
    pub message: String,
    /// How to resolve it, if the rule says.
    pub help: Option<String>,
    /// Suggested replacements for the span, best first.
    pub suggestions: Vec<String>,
    /// A machine-applicable fix.
    pub fix: Option<Fix>,
    /// Related locations.
    pub labels: Vec<Label>,
    /// 1-based line of `span.start`.
    pub line: usize,
    /// 1-based column (Unicode scalar values) of `span.start`.
    pub column: usize,
    /// 1-based line of `span.end`.
    pub end_line: usize,
    /// 1-based, exclusive column of `span.end`.
    pub end_column: usize,
}
