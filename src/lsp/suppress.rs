//! Where "disable this rule on this line" writes its suppression comment, a
//! `<!-- copydesk-disable-next-line RULE -->` that covers the next line with prose:
//!
//! - appended to the line before the finding when that line has prose of its own (the
//!   comment is then inline HTML in the same paragraph or list, which renders as
//!   nothing and does not split the block), or
//! - on a line of its own before the finding's line (the finding's line starts the
//!   document or a block, so an HTML block there changes nothing either).
//!
//! Each candidate is checked by linting the text with it: one that does not remove the
//! finding (the line is code for the parser, front matter, a table row) is not offered.

use crate::diagnostic::Diagnostic;
use crate::engine::suppress::UNKNOWN_RULE;
use crate::text::markup::{self, ExtractOptions, Format};

/// The offset and text of a suppression comment for `d`'s rule on `d`'s line, if one
/// works; `lint` lints a version of the text.
pub fn comment_for(
    text: &str,
    d: &Diagnostic,
    format: Format,
    opts: &ExtractOptions,
    lint: &dyn Fn(&str) -> Vec<Diagnostic>,
) -> Option<(usize, String)> {
    let directive = format!("<!-- copydesk-disable-next-line {} -->", d.rule);
    let line_start = line_start(text, d.span.start);
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let indent: String = text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let own_line = (line_start, format!("{indent}{directive}{eol}"));
    let mut candidates = Vec::new();
    if line_start > 0 {
        let prev_start = self::line_start(text, line_start - 1);
        let prev = &text[prev_start..line_start];
        let content = prev.trim_end_matches(['\n', '\r']);
        let has_prose = markup::extract(text, format, opts)
            .pieces
            .iter()
            .any(|p| p.src.start < prev_start + content.len() && p.src.end > prev_start);
        if has_prose && !content.trim().is_empty() {
            // Before trailing spaces or a backslash: Markdown's hard line breaks.
            let kept = content.trim_end_matches([' ', '\t']);
            let kept = kept
                .strip_suffix('\\')
                .unwrap_or(kept)
                .trim_end_matches([' ', '\t']);
            candidates.push((prev_start + kept.len(), format!(" {directive}")));
        }
    }
    candidates.push(own_line);
    let count = |diags: &[Diagnostic]| {
        let same = diags.iter().filter(|x| x.rule == d.rule).count();
        let unknown = diags.iter().filter(|x| &*x.rule == UNKNOWN_RULE).count();
        (same, unknown)
    };
    let (before, unknown_before) = count(&lint(text));
    candidates.into_iter().find(|(at, insert)| {
        let mut t = text.to_string();
        t.insert_str(*at, insert);
        let (after, unknown_after) = count(&lint(&t));
        after < before && unknown_after <= unknown_before
    })
}

/// The start of the line holding byte `at` (lines end at LF, CRLF or a lone CR).
fn line_start(text: &str, at: usize) -> usize {
    let at = crate::text::source::floor_char_boundary(text, at.min(text.len()));
    text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::registry::Registry;

    fn lint_md(t: &str) -> Vec<Diagnostic> {
        let reg = Registry::builtin().unwrap();
        let source = crate::text::source::SourceFile::new("a.md", t.to_string());
        let settings = crate::engine::RuleSettings::defaults(reg);
        let opts = ExtractOptions::default();
        crate::engine::lint(&source, Format::Markdown, &opts, reg, &settings)
    }

    fn suppressed(text: &str) -> String {
        let d = lint_md(text)
            .into_iter()
            .find(|d| &*d.rule == "errors.eggcorns")
            .expect("a finding");
        let opts = ExtractOptions::default();
        let (at, insert) =
            comment_for(text, &d, Format::Markdown, &opts, &lint_md).expect("a comment");
        let mut t = text.to_string();
        t.insert_str(at, &insert);
        assert!(
            !lint_md(&t).iter().any(|x| &*x.rule == "errors.eggcorns"),
            "{t}"
        );
        t
    }

    #[test]
    fn first_line_of_a_block_gets_a_line_of_its_own() {
        let t = suppressed("Intro.\n\nIt was a hair-brained plan.\n");
        assert_eq!(
            t,
            "Intro.\n\n<!-- copydesk-disable-next-line errors.eggcorns -->\nIt was a hair-brained plan.\n"
        );
    }

    #[test]
    fn inside_a_paragraph_the_comment_joins_the_line_before() {
        let t = suppressed("First line  \nit was a hair-brained plan.\r\n");
        assert_eq!(
            t,
            "First line <!-- copydesk-disable-next-line errors.eggcorns -->  \nit was a hair-brained plan.\r\n"
        );
    }
}
