//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.
//!
//! - `tool.driver.rules` lists every rule of the configuration(s) used, from the registry
//!   (summary, description, link, configured default level); results point into it with
//!   `ruleIndex`.
//! - Regions carry lines and columns (`columnKind` is `unicodeCodePoints`: copydesk's
//!   columns count Unicode scalar values; the end column is exclusive, as SARIF's is)
//!   and the exact `byteOffset`/`byteLength`.
//! - Fixes become `fixes` with byte-addressed replacements.
//! - `partialFingerprints` holds the hash of the sentence around the finding (as in
//!   baselines), so a finding keeps its identity when lines move.
//! - Files that could not be linted are `toolExecutionNotifications`.

use crate::diagnostic::{Diagnostic, Severity};
use crate::outcome::{Outcome, RuleInfo};
use crate::text::source::SourceFile;
use crate::text::span::Span;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{self, Write};

/// Where to read about copydesk: the package's repository if the manifest names one,
/// else its crates.io page.
pub const INFORMATION_URI: &str = match option_env!("CARGO_PKG_REPOSITORY") {
    Some(r) if !r.is_empty() => r,
    _ => "https://crates.io/crates/copydesk",
};

/// The schema URI written as `$schema`.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF level of a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: relative paths stay relative (to `%SRCROOT%`, the directory
/// copydesk ran in), with `/` separators and percent-encoding for anything outside the
/// unreserved characters; absolute paths become `file://` URIs. `path` is shown as
/// [`crate::text::path::display`] shows it; the URI encodes the bytes of the name itself
/// (a byte that is not UTF-8 as `%FF`), so it points at the file.
pub fn uri(path: &str) -> String {
    let raw = crate::text::path::from_display(path);
    let mut p = raw.as_os_str().as_encoded_bytes().to_vec();
    if cfg!(not(unix)) {
        // A separator there, a character of the name on Unix.
        for b in &mut p {
            if *b == b'\\' {
                *b = b'/';
            }
        }
    }
    let mut p = p.as_slice();
    while let Some(rest) = p.strip_prefix(b"./") {
        p = rest;
    }
    let mut out = String::with_capacity(p.len());
    if p.starts_with(b"/") {
        out.push_str("file://");
    }
    for &b in p {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn artifact(path: &str) -> Value {
    if uri(path).starts_with("file://") {
        json!({"uri": uri(path)})
    } else {
        json!({"uri": uri(path), "uriBaseId": "%SRCROOT%"})
    }
}

fn region(source: &SourceFile, span: Span) -> Value {
    let (sl, sc) = source.line_col(span.start);
    let (el, ec) = source.line_col(span.end);
    json!({
        "startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec,
        "byteOffset": span.start, "byteLength": span.len(),
    })
}

fn rule_value(r: &RuleInfo) -> Value {
    let mut v = json!({
        "id": &*r.id,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.description},
        "defaultConfiguration": {"level": level(r.severity), "enabled": r.enabled},
        "properties": {"tags": [r.id.split('.').next().unwrap_or_default()]},
    });
    if let Some(link) = &r.link {
        v["helpUri"] = json!(link);
    }
    let help = r.help.as_deref().unwrap_or(&r.description);
    v["help"] = json!({"text": help});
    v
}

fn result(f: &crate::outcome::FileReport, d: &Diagnostic, rule_index: usize) -> Value {
    let text = f.source.text.get(d.span.range()).unwrap_or("");
    let mut location = region(&f.source, d.span);
    location["snippet"] = json!({"text": text});
    let mut v = json!({
        "ruleId": &*d.rule,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact(&f.source.path),
            "region": location,
        }}],
        "partialFingerprints": {
            "copydeskContext/v1": crate::text::context::context_hash(&f.source.text, d.span),
        },
    });
    if let Some(fix) = &d.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| {
                json!({
                    "deletedRegion": {"byteOffset": e.span.start, "byteLength": e.span.len()},
                    "insertedContent": {"text": e.replacement},
                })
            })
            .collect();
        let what = match fix.edits.as_slice() {
            [e] => format!("Replace with “{}”", e.replacement),
            _ => "Apply the fix".to_string(),
        };
        v["fixes"] = json!([{
            "description": {"text": what},
            "artifactChanges": [{
                "artifactLocation": artifact(&f.source.path),
                "replacements": replacements,
            }],
        }]);
    }
    if !d.labels.is_empty() {
        v["relatedLocations"] = d
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                json!({
                    "id": i,
                    "message": {"text": l.message},
                    "physicalLocation": {
                        "artifactLocation": artifact(&f.source.path),
                        "region": region(&f.source, l.span),
                    },
                })
            })
            .collect();
    }
    v
}

/// Builds the SARIF log.
pub fn log(outcome: &Outcome) -> Value {
    let mut rules: Vec<Value> = outcome.rules.iter().map(rule_value).collect();
    let mut index: HashMap<&str, usize> = outcome
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (&*r.id, i))
        .collect();
    let mut results = Vec::new();
    for f in &outcome.files {
        for d in &f.diagnostics {
            // A rule the run does not describe (should not happen) still gets an entry,
            // so `ruleIndex` is always valid.
            let i = *index.entry(&d.rule).or_insert_with(|| {
                rules.push(json!({"id": &*d.rule}));
                rules.len() - 1
            });
            results.push(result(f, d, i));
        }
    }
    let notifications: Vec<Value> = outcome
        .failures
        .iter()
        .map(|f| {
            json!({
                "level": "error",
                "message": {"text": format!("{}: {}", f.path, f.message)},
                "locations": [{"physicalLocation": {"artifactLocation": artifact(&f.path)}}],
            })
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "copydesk",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": outcome.failures.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// Writes the SARIF log.
pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(outcome))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_references_or_file_uris() {
        assert_eq!(uri("./a/b c.md"), "a/b%20c.md");
        #[cfg(not(unix))]
        assert_eq!(uri("dir\\é#1.md"), "dir/%C3%A9%231.md");
        // On Unix a backslash is part of a name (shown doubled), and bytes that are not
        // UTF-8 (shown as `\xff`) are encoded as themselves.
        #[cfg(unix)]
        assert_eq!(uri("dir\\\\é#1.md\\xff"), "dir%5C%C3%A9%231.md%FF");
        assert_eq!(uri("/tmp/x.md"), "file:///tmp/x.md");
    }
}
