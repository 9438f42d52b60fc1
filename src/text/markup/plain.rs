//! Plain text: paragraphs split on blank lines; line breaks inside a paragraph fold to
//! one space so phrases and doubled words are found across a hard wrap.

use super::template::Masks;
use super::{Prose, ProseBuilder};
use crate::text::span::Span;

/// Extracts prose from plain text.
pub fn extract(text: &str) -> Prose {
    let masks = Masks::scan(text);
    let mut b = ProseBuilder::for_source(text.len());
    // Skip a BOM: it is not prose.
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut para_start: Option<usize> = None;
    let mut pos = start;
    for line in text[start..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = para_start.take() {
                push_paragraph(&mut b, text, Span::new(s, pos), &masks);
            }
        } else if para_start.is_none() {
            para_start = Some(pos);
        }
        pos += line.len();
    }
    if let Some(s) = para_start {
        push_paragraph(&mut b, text, Span::new(s, text.len()), &masks);
    }
    b.finish()
}

fn push_paragraph(b: &mut ProseBuilder, text: &str, para: Span, masks: &Masks) {
    b.inline_text(text, para, masks);
    b.end_block();
}
