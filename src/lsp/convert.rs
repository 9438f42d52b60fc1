//! copydesk's findings and configuration errors as the protocol's diagnostics: the rule id
//! as `code`, the rule's link as `codeDescription`, severities as SARIF maps them (error,
//! warning, note → information), related locations for consistency rules.

use super::documents::path_to_uri;
use super::position::{Encoding, LineIndex};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::FileError;
use crate::registry::Registry;
use lsp_types as lsp;
use lsp_types::Uri;
use std::collections::BTreeMap;

/// The `source` of every diagnostic.
pub const SOURCE: &str = "copydesk";

/// The protocol's severity for a copydesk severity (SARIF's mapping: info is a note).
pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    }
}

/// The rule's link, if it has one that is a valid URI.
pub fn rule_link(reg: Option<&Registry>, rule: &str) -> Option<Uri> {
    let reg = reg?;
    let r = &reg.rules()[reg.index_of(rule)?];
    r.link.as_deref()?.parse().ok()
}

/// One finding in a document.
pub fn diagnostic(
    d: &Diagnostic,
    uri: &Uri,
    text: &str,
    index: &LineIndex,
    reg: Option<&Registry>,
) -> lsp::Diagnostic {
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|l| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), index.range(text, l.span.start, l.span.end)),
            message: l.message.clone(),
        })
        .collect();
    let mut message = d.message.clone();
    if !d.suggestions.is_empty() && d.fix.is_none() {
        let shown: Vec<String> = d
            .suggestions
            .iter()
            .take(3)
            .map(|s| format!("‘{s}’"))
            .collect();
        message.push_str(&format!(" (perhaps {})", shown.join(", ")));
    }
    lsp::Diagnostic {
        range: index.range(text, d.span.start, d.span.end),
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.rule.to_string())),
        code_description: rule_link(reg, &d.rule).map(|href| lsp::CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The diagnostic shown at the top of a document whose configuration has errors (the
/// errors themselves are shown in the configuration's files).
pub fn config_notice(config: &str, count: usize) -> lsp::Diagnostic {
    let errors = if count == 1 { "an error" } else { "errors" };
    lsp::Diagnostic {
        range: lsp::Range::default(),
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        code: Some(lsp::NumberOrString::String("copydesk.config".to_string())),
        source: Some(SOURCE.to_string()),
        message: format!(
            "The configuration {config} has {errors}; this document is checked with the \
             built-in rules at their defaults until it is fixed."
        ),
        ..Default::default()
    }
}

/// Configuration and rule-pack errors, grouped by the file they are in.
pub fn file_errors(errors: &[FileError], enc: Encoding) -> BTreeMap<String, Vec<lsp::Diagnostic>> {
    let mut out: BTreeMap<String, Vec<lsp::Diagnostic>> = BTreeMap::new();
    for e in errors {
        // Configuration files are small: index each error's text on its own.
        let range = match (&e.text, &e.span) {
            (Some(text), Some(span)) => {
                let idx = LineIndex::new(text, enc);
                let end = span.end.max(span.start);
                idx.range(text, span.start, end)
            }
            _ => lsp::Range::default(),
        };
        out.entry(e.path.clone())
            .or_default()
            .push(lsp::Diagnostic {
                range,
                severity: Some(lsp::DiagnosticSeverity::ERROR),
                code: Some(lsp::NumberOrString::String("copydesk.config".to_string())),
                source: Some(SOURCE.to_string()),
                message: e.message.clone(),
                ..Default::default()
            });
    }
    out
}

/// The URI of a file named as copydesk shows paths.
pub fn shown_to_uri(shown: &str) -> Option<Uri> {
    path_to_uri(&crate::text::path::from_display(shown))
}
