//! The notes under an excerpt (`= help: …`, `= fix: …`, and for a paragraph with several
//! findings one numbered note each), word-wrapped to the terminal's width.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::text::escape::controls;
use unicode_width::UnicodeWidthStr;

/// The notes of a finding shown alone: its help and whether a fix is available.
pub fn single(d: &Diagnostic, width: usize) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(h) = &d.help {
        notes.push(wrap(&format!("help: {}", controls(h, &['\n'])), width, 6));
    }
    if let Some(fix) = &d.fix {
        notes.push(fix_note(fix.applicability));
    }
    notes
}

/// One note per finding of a paragraph, numbered as its label:
/// `1: warning[rule] at 5:107: message`, then its help (once per rule in the paragraph)
/// and whether a fix is available.
pub fn numbered(group: &[Diagnostic], width: usize) -> Vec<String> {
    let mut helped: Vec<&str> = Vec::new();
    group
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let number = format!("{}: ", i + 1);
            let indent = number.len();
            let mut note = wrap(
                &format!(
                    "{number}{}[{}] at {}:{}: {}",
                    d.severity,
                    d.rule,
                    d.line,
                    d.column,
                    controls(&d.message, &['\n'])
                ),
                width,
                indent,
            );
            if let Some(h) = &d.help {
                if !helped.contains(&&*d.rule) {
                    helped.push(&d.rule);
                    note.push('\n');
                    let help = wrap(
                        &format!("help: {}", controls(h, &['\n'])),
                        width - indent,
                        6,
                    );
                    note.push_str(&indented(&help, indent));
                }
            }
            if let Some(fix) = &d.fix {
                note.push('\n');
                note.push_str(&indented(&fix_note(fix.applicability), indent));
            }
            note
        })
        .collect()
}

fn fix_note(a: Applicability) -> String {
    format!(
        "fix: available ({})",
        match a {
            Applicability::Safe => "safe",
            _ => "unsafe: needs --unsafe-fixes",
        }
    )
}

/// Every line of `s` indented by `n` spaces.
fn indented(s: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    s.lines()
        .map(|l| format!("{pad}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `s` word-wrapped to `width` columns; lines after the first are indented by `hang`
/// spaces. Line breaks in `s` are kept; a word longer than the line stays whole.
pub fn wrap(s: &str, width: usize, hang: usize) -> String {
    wrap_from(s, width, hang, 0)
}

/// As [`wrap`], for text whose first line starts at column `start` (after a header).
pub fn wrap_from(s: &str, width: usize, hang: usize, start: usize) -> String {
    let width = width.max(hang + 10);
    let mut out = String::with_capacity(s.len() + 16);
    for (k, para) in s.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
            out.push_str(&" ".repeat(hang));
        }
        let mut col = if k > 0 { hang } else { start };
        let mut first = true;
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let w = word.width();
            if !first && col + 1 + w > width {
                out.push('\n');
                out.push_str(&" ".repeat(hang));
                col = hang;
                first = true;
            }
            if !first {
                out.push(' ');
                col += 1;
            }
            out.push_str(word);
            col += w;
            first = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_between_words_and_hangs() {
        assert_eq!(
            wrap("help: one two three four five", 16, 6),
            "help: one two\n      three four\n      five"
        );
        assert_eq!(wrap("short", 40, 2), "short");
        assert_eq!(wrap("a\nb", 40, 2), "a\n  b");
    }
}
