//! `--format json`: one JSON document, version 1 (schema in README).

use super::Counts;
use crate::diagnostic::Diagnostic;
use crate::outcome::Outcome;
use serde_json::{json, Value};
use std::io::{self, Write};

/// The JSON object for one diagnostic (also used by line-oriented formats).
pub fn diagnostic_value(path: &str, text: &str, d: &Diagnostic) -> Value {
    let fix = d.fix.as_ref().map(|f| {
        json!({
            "applicability": f.applicability,
            "edits": f.edits.iter().map(|e| json!({
                "span": {"start": e.span.start, "end": e.span.end},
                "replacement": e.replacement,
            })).collect::<Vec<_>>(),
        })
    });
    json!({
        "path": path,
        "rule": &*d.rule,
        "severity": d.severity,
        "message": d.message,
        "span": {"start": d.span.start, "end": d.span.end},
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line,
        "end_column": d.end_column,
        "text": text.get(d.span.range()).unwrap_or(""),
        "suggestions": d.suggestions,
        "help": d.help,
        "fix": fix,
        "labels": d.labels.iter().map(|l| json!({
            "span": {"start": l.span.start, "end": l.span.end},
            "message": l.message,
        })).collect::<Vec<_>>(),
    })
}

/// Writes the whole document; with `statistics`, a `statistics` array of
/// `{"rule", "count"}` (most findings first).
pub fn write(outcome: &Outcome, statistics: bool, out: &mut dyn Write) -> io::Result<()> {
    let doc = document(outcome, statistics);
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// One changed file of `fix --diff`: its path, the fixes applied, its unified diff.
pub type FileDiff<'a> = (&'a str, usize, &'a str);

/// `fix --diff --format json`: the document of the findings the fixes would leave (at
/// their places in the fixed text), with a `fixes` array of
/// `{"path", "applied", "diff"}`, one per file the fixes would change.
pub fn write_with_diffs(
    outcome: &Outcome,
    diffs: &[FileDiff<'_>],
    statistics: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut doc = document(outcome, statistics);
    doc["fixes"] = diffs
        .iter()
        .map(|(path, applied, diff)| json!({"path": path, "applied": applied, "diff": diff}))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

fn document(outcome: &Outcome, statistics: bool) -> Value {
    let diagnostics: Vec<Value> = outcome
        .files
        .iter()
        .flat_map(|f| {
            f.diagnostics
                .iter()
                .map(|d| diagnostic_value(&f.source.path, &f.source.text, d))
        })
        .collect();
    let c = Counts::of(outcome);
    let errors: Vec<Value> = outcome
        .failures
        .iter()
        .map(|f| json!({"path": f.path, "message": f.message}))
        .collect();
    let mut doc = json!({
        "version": 1,
        "diagnostics": diagnostics,
        "errors": errors,
        "summary": {
            "files": outcome.checked,
            "diagnostics": c.total(),
            "error": c.error,
            "warning": c.warning,
            "info": c.info,
        },
    });
    if statistics {
        doc["statistics"] = super::stats::per_rule(outcome)
            .into_iter()
            .map(|(rule, count)| json!({"rule": rule, "count": count}))
            .collect();
    }
    doc
}
