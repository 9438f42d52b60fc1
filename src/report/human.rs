//! `--format human`: codespan-reporting excerpts with labels, suggestions and help.

use crate::diagnostic::Severity;
use crate::outcome::Outcome;
use crate::text::escape::{controls, push_control};
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
        // Control characters (ESC, CSI, …) are shown as escapes, never sent raw; the
        // spans move by what the escapes add.
        let escaped = Escaped::of(&shown);
        let shown = escaped.as_ref().map_or(shown.as_ref(), |e| e.text.as_str());
        let file = SimpleFile::new(f.source.path.as_str(), shown);
        let at = |i: usize| {
            let i = i.saturating_sub(skip);
            escaped.as_ref().map_or(i, |e| e.offset(i))
        };
        let shift = |r: std::ops::Range<usize>| at(r.start)..at(r.end);
        for d in &f.diagnostics {
            let mut labels =
                vec![Label::primary((), shift(d.span.range())).with_message(
                    match d.suggestions.as_slice() {
                        [] => String::new(),
                        [one] => format!("did you mean “{}”?", controls(one, &[])),
                        many => format!(
                            "did you mean {}?",
                            many.iter()
                                .map(|s| format!("“{}”", controls(s, &[])))
                                .collect::<Vec<_>>()
                                .join(" or ")
                        ),
                    },
                )];
            labels.extend(d.labels.iter().map(|l| {
                Label::secondary((), shift(l.span.range())).with_message(controls(&l.message, &[]))
            }));
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
                notes.push(format!("help: {}", controls(h, &['\n'])));
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
                .with_message(controls(&d.message, &['\n']))
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

/// A text with its control characters escaped for the terminal, and where its bytes went.
struct Escaped {
    text: String,
    /// For each escaped character: its offset in the original and how many bytes the
    /// escapes up to and including it added.
    moved: Vec<(usize, usize)>,
}

impl Escaped {
    /// `None` when `text` has nothing to escape: no control character but tab and the
    /// line breaks (LF, and CR before LF) that codespan lays out.
    fn of(text: &str) -> Option<Escaped> {
        let b = text.as_bytes();
        let shown = |i: usize, c: char| {
            !c.is_control() || c == '\t' || c == '\n' || (c == '\r' && b.get(i + 1) == Some(&b'\n'))
        };
        if text.char_indices().all(|(i, c)| shown(i, c)) {
            return None;
        }
        let mut out = String::with_capacity(text.len() + 16);
        let mut moved = Vec::new();
        for (i, c) in text.char_indices() {
            if shown(i, c) {
                out.push(c);
            } else {
                let before = out.len();
                push_control(&mut out, c);
                let added = moved.last().map_or(0, |&(_, a)| a);
                moved.push((i, added + (out.len() - before) - c.len_utf8()));
            }
        }
        Some(Escaped { text: out, moved })
    }

    /// Where byte `i` of the original is in the escaped text: a span that starts at an
    /// escaped character starts at its escape, and one that ends after it ends after it.
    fn offset(&self, i: usize) -> usize {
        let n = self.moved.partition_point(|&(at, _)| at < i);
        i + n.checked_sub(1).map_or(0, |k| self.moved[k].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_move_the_offsets_after_them() {
        assert!(Escaped::of("plain\ttext\r\nline\n").is_none());
        let text = "a\u{1b}b\u{9b}c";
        let Some(e) = Escaped::of(text) else {
            panic!("escaped");
        };
        assert_eq!(e.text, "a\\x1bb\\u{9b}c");
        let at = |s: &str| text.find(s).unwrap_or(0);
        assert_eq!(&e.text[e.offset(at("b"))..e.offset(at("c"))], "b\\u{9b}");
        assert_eq!(&e.text[e.offset(0)..e.offset(at("b"))], "a\\x1b");
        assert_eq!(e.offset(text.len()), e.text.len());
    }
}
