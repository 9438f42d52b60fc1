//! `--format rdjson`: reviewdog's Diagnostic Format (one `DiagnosticResult` document), for
//! `reviewdog -f=rdjson`. Its columns count UTF-8 bytes, so they are computed here from
//! the byte offsets rather than taken from copydesk's character columns; end positions
//! are exclusive. Fixes (or, without one, the suggestions) become `suggestions`, which
//! reviewdog posts as GitHub suggested changes.

use super::position::byte_line_col;
use crate::diagnostic::Severity;
use crate::outcome::Outcome;
use crate::text::source::SourceFile;
use crate::text::span::Span;
use serde_json::{json, Value};
use std::io::{self, Write};

fn range(source: &SourceFile, span: Span) -> Value {
    let (sl, sc) = byte_line_col(source, span.start);
    let (el, ec) = byte_line_col(source, span.end);
    json!({"start": {"line": sl, "column": sc}, "end": {"line": el, "column": ec}})
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

/// Writes the whole document.
pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let mut diagnostics = Vec::new();
    for f in &outcome.files {
        for d in &f.diagnostics {
            let suggestions: Vec<Value> = match &d.fix {
                Some(fix) => fix
                    .edits
                    .iter()
                    .map(|e| json!({"range": range(&f.source, e.span), "text": e.replacement}))
                    .collect(),
                None => d
                    .suggestions
                    .iter()
                    .map(|s| json!({"range": range(&f.source, d.span), "text": s}))
                    .collect(),
            };
            let mut code = json!({"value": &*d.rule});
            if let Some(link) = outcome.rule(&d.rule).and_then(|r| r.link.as_ref()) {
                code["url"] = json!(link);
            }
            diagnostics.push(json!({
                "message": d.message,
                "location": {"path": f.source.path, "range": range(&f.source, d.span)},
                "severity": severity(d.severity),
                "source": {"name": "copydesk"},
                "code": code,
                "suggestions": suggestions,
            }));
        }
    }
    let doc = json!({
        "source": {"name": "copydesk", "url": super::sarif::INFORMATION_URI},
        "diagnostics": diagnostics,
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
