//! The sentence around a finding, and its stable hash: how baselines and SARIF
//! fingerprints recognise a finding after the text around it has moved.

use crate::text::hash;
use crate::text::span::Span;

/// How far from a finding the sentence search looks, in bytes each way; it keeps the
/// context of a finding in a long unpunctuated run (a table, a list of names) local.
const MAX_CONTEXT: usize = 400;

/// Whitespace runs as one space, trimmed: re-wrapping a paragraph keeps its keys.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `text[i..]` starts with a paragraph break: a line break, optional spaces, and
/// another line break.
fn paragraph_break_at(bytes: &[u8], i: usize) -> bool {
    if bytes.get(i) != Some(&b'\n') {
        return false;
    }
    let rest = &bytes[i + 1..];
    let blanks = rest
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t' || b == b'\r')
        .count();
    rest.get(blanks) == Some(&b'\n')
}

fn sentence_end(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?')
}

/// The text of the sentence around `span`: from just after the previous `.`, `!` or `?`
/// that is followed by whitespace (or after the previous blank line) to the next such mark
/// (or blank line), at most [`MAX_CONTEXT`] bytes each way, trimmed.
pub fn sentence(text: &str, span: Span) -> &str {
    let bytes = text.as_bytes();
    let end_of_span = span.end.min(text.len());
    let start_of_span = span.start.min(end_of_span);
    let lower = start_of_span.saturating_sub(MAX_CONTEXT);
    let mut start = lower;
    let mut i = start_of_span;
    while i > lower {
        i -= 1;
        let next_is_space = bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace);
        if (sentence_end(bytes[i]) && next_is_space && i + 1 < start_of_span)
            || paragraph_break_at(bytes, i)
        {
            start = i + 1;
            break;
        }
    }
    let upper = (end_of_span + MAX_CONTEXT).min(text.len());
    let mut end = upper;
    let mut j = end_of_span;
    while j < upper {
        let next_is_space = bytes.get(j + 1).is_none_or(u8::is_ascii_whitespace);
        if sentence_end(bytes[j]) && next_is_space {
            end = j + 1;
            break;
        }
        if paragraph_break_at(bytes, j) {
            end = j;
            break;
        }
        j += 1;
    }
    let start = crate::text::source::floor_char_boundary(text, start);
    let end = crate::text::source::floor_char_boundary(text, end).max(start);
    text[start..end].trim()
}

/// The hash of the whitespace-normalised sentence around `span`, 16 hex digits.
pub fn context_hash(text: &str, span: Span) -> String {
    hash::hex(squash(sentence(text, span)).as_bytes())
}
