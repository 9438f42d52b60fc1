//! `--format human`: codespan-reporting excerpts with labels, suggestions and help.

use crate::diagnostic::Severity;
use crate::outcome::Outcome;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};
use std::io::{self, Write};

/// Writes every finding as a rendered excerpt.
pub fn write(outcome: &Outcome, color: bool, out: &mut dyn Write) -> io::Result<()> {
    if color {
        render(outcome, &mut Ansi::new(out))
    } else {
        render(outcome, &mut NoColor::new(out))
    }
}

fn render(outcome: &Outcome, w: &mut dyn WriteColor) -> io::Result<()> {
    let config = Config::default();
    for f in &outcome.files {
        // codespan counts a BOM as a column; render from after it and shift spans.
        let text = f.source.text.as_str();
        let skip = if text.starts_with('\u{feff}') { 3 } else { 0 };
        // codespan breaks lines at LF only: show a lone CR (old Mac line ending) as LF,
        // which keeps every byte offset and matches the lines of the other formats.
        let shown: std::borrow::Cow<'_, str> = if text.contains('\r') {
            lone_cr_as_lf(&text[skip..]).into()
        } else {
            text[skip..].into()
        };
        let file = SimpleFile::new(f.source.path.as_str(), shown.as_ref());
        let shift =
            |r: std::ops::Range<usize>| r.start.saturating_sub(skip)..r.end.saturating_sub(skip);
        for d in &f.diagnostics {
            let mut labels =
                vec![Label::primary((), shift(d.span.range())).with_message(
                    match d.suggestions.as_slice() {
                        [] => String::new(),
                        [one] => format!("did you mean “{one}”?"),
                        many => format!(
                            "did you mean {}?",
                            many.iter()
                                .map(|s| format!("“{s}”"))
                                .collect::<Vec<_>>()
                                .join(" or ")
                        ),
                    },
                )];
            labels.extend(
                d.labels
                    .iter()
                    .map(|l| Label::secondary((), shift(l.span.range())).with_message(&l.message)),
            );
            let mut notes = Vec::new();
            if line_len(&f.source, d.line) > LONG_LINE {
                // An excerpt of a very long line would print the whole line for every
                // finding on it (and codespan counts its columns each time): show where.
                labels.clear();
                notes.push(format!(
                    "at {}:{}:{} (the line is too long to show)",
                    f.source.path, d.line, d.column
                ));
            }
            if let Some(h) = &d.help {
                notes.push(format!("help: {h}"));
            }
            if let Some(fix) = &d.fix {
                notes.push(format!(
                    "fix: available ({})",
                    match fix.applicability {
                        crate::diagnostic::Applicability::Safe => "safe",
                        _ => "unsafe: needs --unsafe-fixes",
                    }
                ));
            }
            let cs = CsDiagnostic::new(severity(d.severity))
                .with_message(&d.message)
                .with_code(&*d.rule)
                .with_labels(labels)
                .with_notes(notes);
            term::emit(w, &config, &file, &cs).map_err(|e| match e {
                codespan_reporting::files::Error::Io(io) => io,
                other => io::Error::other(other),
            })?;
        }
    }
    Ok(())
}

/// Lines longer than this many bytes are not shown as excerpts.
const LONG_LINE: usize = 2000;

/// The length in bytes of 1-based `line` (0 if there is no such line).
fn line_len(source: &crate::text::source::SourceFile, line: usize) -> usize {
    let Some(start) = source.line_start(line) else {
        return 0;
    };
    let end = source.line_start(line + 1).unwrap_or(source.text.len());
    end.saturating_sub(start)
}

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// `text` with every CR that is not followed by LF replaced by LF (same length).
fn lone_cr_as_lf(text: &str) -> String {
    let b = text.as_bytes();
    text.char_indices()
        .map(|(i, c)| {
            if c == '\r' && b.get(i + 1) != Some(&b'\n') {
                '\n'
            } else {
                c
            }
        })
        .collect()
}
