//! Plain text: paragraphs split on blank lines; line breaks inside a paragraph fold to
//! one space so phrases and doubled words are found across a hard wrap.
//!
//! Tabular lines (fixed-width tables, pipe tables, scraped poll boxes; see
//! [`super::table`]) are not running prose: each of their cells becomes a block of its
//! own, a fragment, so the gaps between columns are never seen as spaces between words
//! and a word is never doubled across a column, while the words in the cells are still
//! checked one by one.

use super::table::{cells, tabular_lines};
use super::template::Masks;
use super::{Prose, ProseBuilder};
use crate::text::span::Span;

/// Extracts prose from plain text.
pub fn extract(text: &str) -> Prose {
    let masks = Masks::scan(text);
    let mut b = ProseBuilder::for_source(text.len());
    // Skip a BOM: it is not prose.
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut para: Vec<Span> = Vec::new();
    let mut pos = start;
    for line in text[start..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            push_paragraph(&mut b, text, &para, &masks);
            para.clear();
        } else {
            para.push(Span::new(pos, pos + content.len()));
        }
        pos += line.len();
    }
    push_paragraph(&mut b, text, &para, &masks);
    b.finish()
}

/// Pushes one paragraph given as its lines (without their line breaks): runs of prose
/// lines as one block, each cell of a tabular line as a fragment block.
fn push_paragraph(b: &mut ProseBuilder, text: &str, lines: &[Span], masks: &Masks) {
    if lines.is_empty() {
        return;
    }
    let tabular = tabular_lines(text, lines);
    let mut run_start: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        if !tabular[i] {
            run_start.get_or_insert(line.start);
            continue;
        }
        if let Some(s) = run_start.take() {
            let end = lines[i - 1].end;
            b.inline_text(text, Span::new(s, end), masks);
            b.end_block();
        }
        for cell in cells(text, *line) {
            b.fragment(true);
            b.inline_text(text, cell, masks);
            b.fragment(false);
        }
    }
    if let (Some(s), Some(last)) = (run_start, lines.last()) {
        b.inline_text(text, Span::new(s, last.end), masks);
        b.end_block();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(p: &Prose) -> Vec<&str> {
        p.blocks.iter().map(|r| &p.text[r.clone()]).collect()
    }

    #[test]
    fn prose_paragraphs_fold_lines() {
        let p = extract("One line\nand the next.\n\nSecond  para.");
        assert_eq!(blocks(&p), ["One line and the next.", "Second  para."]);
        assert!(p.fragment_blocks.is_empty());
    }

    #[test]
    fn table_cells_are_blocks_of_their_own() {
        let src = "Results were:\n  Team        Won    Lost\n  Leeds       nil     nil\n  Hull        3       1\nThe season ends today.";
        let p = extract(src);
        let b = blocks(&p);
        assert_eq!(b[0], "Results were:");
        assert!(b.contains(&"nil"));
        assert!(!b.iter().any(|s| s.contains("nil nil") || s.contains("  ")));
        assert_eq!(*b.last().unwrap_or(&""), "The season ends today.");
        // Every exact piece is its source text.
        for piece in &p.pieces {
            if piece.exact {
                assert_eq!(
                    &p.text[piece.prose_start..piece.prose_end],
                    &src[piece.src.range()]
                );
            }
        }
    }
}
