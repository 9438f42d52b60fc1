//! `--format human`: findings under excerpts that fit the terminal, rendered by
//! codespan-reporting. Findings of one paragraph share one excerpt, in order; each excerpt
//! is a window of its line around the findings (see [`window`]), so a paragraph written
//! on one line of 2,000 characters is never printed whole, and the carets stay on screen.

mod notes;
mod window;

use crate::diagnostic::{Diagnostic, Severity};
use crate::outcome::{FileReport, Outcome};
use crate::text::escape::controls;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};
use std::io::{self, Write};
use window::{Excerpt, Mark};

/// At most this many findings share one excerpt; a paragraph with more is shown in parts.
const MAX_GROUP: usize = 8;

/// Writes every finding under an excerpt at most `width` columns wide.
pub fn write(outcome: &Outcome, color: bool, width: usize, out: &mut dyn Write) -> io::Result<()> {
    if color {
        render(outcome, width, &mut Ansi::new(out))
    } else {
        render(outcome, width, &mut NoColor::new(out))
    }
}

fn render(outcome: &Outcome, width: usize, w: &mut dyn WriteColor) -> io::Result<()> {
    let config = Config::default();
    for f in &outcome.files {
        for group in paragraphs(&f.source.text, &f.diagnostics) {
            emit(f, &f.diagnostics[group], width, &config, w)?;
        }
    }
    Ok(())
}

/// Runs of findings (indices into `ds`, which is sorted by position) with no blank line
/// between one and the next, at most [`MAX_GROUP`] each.
fn paragraphs(text: &str, ds: &[Diagnostic]) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    let mut reach = 0;
    for (i, d) in ds.iter().enumerate() {
        let joined = out.last().is_some_and(|g| {
            g.len() < MAX_GROUP && !has_blank_line(text.get(reach..d.span.start).unwrap_or(""))
        });
        match out.last_mut() {
            Some(g) if joined => g.end = i + 1,
            _ => {
                out.push(i..i + 1);
                reach = 0;
            }
        }
        reach = reach.max(d.span.end);
    }
    out
}

/// Whether `s` holds an empty or blank line: two line breaks (LF, CRLF or a lone CR)
/// with only spaces and tabs between them.
fn has_blank_line(s: &str) -> bool {
    let b = s.as_bytes();
    let mut breaks = 0;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'\n' => breaks += 1,
            b'\r' if b.get(i + 1) != Some(&b'\n') => breaks += 1,
            b'\r' | b' ' | b'\t' => {}
            _ => breaks = 0,
        }
        if breaks >= 2 {
            return true;
        }
    }
    false
}

/// One excerpt: a single finding with its own header, or several, numbered, under a
/// header that counts them.
fn emit(
    f: &FileReport,
    group: &[Diagnostic],
    width: usize,
    config: &Config,
    w: &mut dyn WriteColor,
) -> io::Result<()> {
    let numbered = group.len() > 1;
    let mut marks = Vec::new();
    // (primary?, message) per mark, in the order of `marks`.
    let mut kinds = Vec::new();
    for (i, d) in group.iter().enumerate() {
        let mut msg = inline(d, &f.source.text);
        if numbered {
            msg = if msg.is_empty() {
                format!("{}", i + 1)
            } else {
                format!("{}: {msg}", i + 1)
            };
        }
        marks.push(Mark {
            span: d.span.range(),
            line: d.line,
            column: d.column,
            tail: window_width(&msg),
        });
        kinds.push((true, msg));
        for l in &d.labels {
            let (line, column) = f.source.line_col(l.span.start);
            let msg = controls(&l.message, &[]).into_owned();
            marks.push(Mark {
                span: l.span.range(),
                line,
                column,
                tail: window_width(&msg),
            });
            kinds.push((false, msg));
        }
    }
    // The gutter takes the line number's digits and ` │ `.
    let digits = marks
        .iter()
        .map(|m| m.line)
        .max()
        .unwrap_or(1)
        .to_string()
        .len();
    // codespan draws a column of its own left of the text for each label that spans lines.
    let multi = marks
        .iter()
        .filter(|m| {
            let end = m.span.end.max(m.span.start + 1).min(f.source.text.len());
            f.source.line_col(end.saturating_sub(1)).0 != m.line
        })
        .count();
    let text_width = width.saturating_sub(digits + 3 + 2 * multi).max(20);
    let (excerpt, ranges) = Excerpt::new(&f.source, &marks, text_width);
    let labels = kinds
        .into_iter()
        .zip(ranges)
        .map(|((primary, msg), range)| {
            if primary {
                Label::primary((), range).with_message(msg)
            } else {
                Label::secondary((), range).with_message(msg)
            }
        })
        .collect();
    let note_width = width.saturating_sub(digits + 3).max(30);
    let cs = if numbered {
        let worst = group
            .iter()
            .map(|d| d.severity)
            .max()
            .unwrap_or(Severity::Info);
        CsDiagnostic::new(severity(worst))
            .with_message(format!("{} problems in this paragraph", group.len()))
            .with_labels(labels)
            .with_notes(notes::numbered(group, note_width))
    } else {
        let d = &group[0];
        // The header is `severity[rule]: message`; the message wraps under itself.
        let lead = d.severity.as_str().len() + d.rule.len() + 4;
        let message = notes::wrap_from(&controls(&d.message, &['\n']), width, 4, lead);
        CsDiagnostic::new(severity(d.severity))
            .with_message(message)
            .with_code(&*d.rule)
            .with_labels(labels)
            .with_notes(notes::single(d, note_width))
    };
    term::emit(w, config, &excerpt, &cs).map_err(|e| match e {
        codespan_reporting::files::Error::Io(io) => io,
        other => io::Error::other(other),
    })
}

/// The label after a finding's carets: what is flagged and what to write instead,
/// `hair-brained → harebrained` (empty when the rule suggests nothing).
fn inline(d: &Diagnostic, text: &str) -> String {
    if d.suggestions.is_empty() {
        return String::new();
    }
    let found = crate::text::context::squash(text.get(d.span.range()).unwrap_or(""));
    let found = shorten(&found, 30);
    let instead = d
        .suggestions
        .iter()
        .take(3)
        .map(|s| {
            if s.is_empty() {
                "(delete)".to_string()
            } else {
                shorten(&controls(s, &[]), 30)
            }
        })
        .collect::<Vec<_>>()
        .join(" or ");
    format!("{} → {instead}", controls(&found, &[]))
}

/// `s` cut to `max` characters, with `…` where it was cut.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

fn window_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}
