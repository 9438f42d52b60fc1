//! Sentences over extracted prose, shared by every rule kind that needs them. Segmentation
//! is rule-based and tuned for news copy, where generic Unicode segmentation fails:
//! honorifics and titles (“Mr.”, “Dr.”, “Sen.”), months (“Jan. 5”), initials (“Brian F.
//! Bridgeforth”), “No. 10”, “U.S.”, decimals (“3.5”), ellipses, and closing quotation
//! marks after the full stop (“… he said.” / “Stop.” She left.). Quotations (paired
//! double marks within a paragraph) are found here too.

use crate::text::markup::Prose;
use crate::text::span::ProseSpan;

/// One sentence: its span in the prose and its block (paragraph) index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Where it is, trimmed of surrounding whitespace.
    pub span: ProseSpan,
    /// Index into `Prose::blocks`.
    pub block: usize,
}

/// Words after which a full stop does not end a sentence (compared without the dot,
/// case-insensitively).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
    "cmdr", "adm", "maj", "cpl", "pvt", "rev", "fr", "st", "jr", "sr", "hon", "pres", "supt",
    "insp", "det", "atty", "inc", "ltd", "co", "corp", "bros", "vs", "v", "no", "nos", "vol", "pp",
    "p", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mt", "ft", "ave", "blvd", "rd", "approx", "est", "dept", "univ", "assn", "e.g", "i.e",
    "cf", "al", "ca", "gop",
];

/// Splits every block of `prose` into sentences.
pub fn sentences(prose: &Prose) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (bi, block) in prose.blocks.iter().enumerate() {
        split_block(&prose.text, block.start, block.end, bi, &mut out);
    }
    out
}

/// The sentences of one block: the same as that block's part of [`sentences`], for an
/// analysis that needs only a few paragraphs of a document.
pub fn block_sentences(prose: &Prose, bi: usize) -> Vec<Sentence> {
    let mut out = Vec::new();
    if let Some(block) = prose.blocks.get(bi) {
        split_block(&prose.text, block.start, block.end, bi, &mut out);
    }
    out
}

fn split_block(text: &str, start: usize, end: usize, block: usize, out: &mut Vec<Sentence>) {
    let s = &text[start..end];
    let bytes = s.as_bytes();
    let mut sent_start = 0;
    let mut i = 0;
    // The next '.', '!' or '?' and the next lead byte of '…' (0xE2, shared with curly
    // quotes and dashes) at or after `i`, each found with memchr and kept until passed:
    // a byte-at-a-time test was a fifth of the segmentation cost.
    let mut next_term: Option<usize> = Some(0);
    let mut next_e2: Option<usize> = Some(0);
    while i < bytes.len() {
        // Jump to the next byte that can end a sentence ('.', '!', '?', or the lead byte
        // of '…').
        if next_term.is_some_and(|t| t < i) {
            next_term = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]).map(|r| i + r);
        }
        if next_e2.is_some_and(|t| t < i) {
            next_e2 = memchr::memchr(0xE2, &bytes[i..]).map(|r| i + r);
        }
        match (next_term, next_e2) {
            (Some(a), Some(b)) => i = a.min(b),
            (Some(a), None) | (None, Some(a)) => i = a,
            (None, None) => break,
        }
        let c = bytes[i];
        let is_term = c == b'.' || c == b'!' || c == b'?';
        let is_ellipsis = c == 0xE2 && s[i..].starts_with('…');
        if !is_term && !is_ellipsis {
            i += 1;
            continue;
        }
        let mut j = i + if is_ellipsis { '…'.len_utf8() } else { 1 };
        // Runs of terminators: "?!", "...".
        while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?') {
            j += 1;
        }
        let dots = j - i;
        if c == b'.' && dots == 1 && !ends_sentence_at_dot(s, i) {
            i = j;
            continue;
        }
        // Closing quotes and brackets belong to the sentence they close.
        let mut k = j;
        loop {
            let rest = &s[k..];
            let Some(ch) = rest.chars().next() else { break };
            if matches!(ch, '"' | '”' | '’' | '\'' | ')' | ']' | '»') {
                k += ch.len_utf8();
            } else {
                break;
            }
        }
        let rest = &s[k..];
        let after_ws = rest.trim_start_matches([' ', '\u{a0}', '\t', '\n']);
        let has_ws = after_ws.len() < rest.len();
        let next = after_ws.chars().next();
        let boundary = match next {
            None => true,
            Some(n) => {
                let starts_new = n.is_uppercase()
                    || n.is_ascii_digit()
                    || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '[' | '*' | '\u{FFFC}');
                // After an ellipsis only a capital letter starts a new sentence.
                has_ws && starts_new && (!(is_ellipsis || dots > 2) || n.is_uppercase())
            }
        };
        if boundary {
            push(start, &s[sent_start..k], sent_start, block, out);
            sent_start = k;
        }
        i = k.max(i + 1);
    }
    if sent_start < s.len() {
        push(start, &s[sent_start..], sent_start, block, out);
    }
}

fn push(base: usize, piece: &str, offset: usize, block: usize, out: &mut Vec<Sentence>) {
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let s = base + offset + lead;
    out.push(Sentence {
        span: ProseSpan::new(s, s + trimmed.len()),
        block,
    });
}

/// Whether the full stop at byte `i` of `s` can end a sentence.
fn ends_sentence_at_dot(s: &str, i: usize) -> bool {
    let before = &s[..i];
    let after = &s[i + 1..];
    // Decimals and numbers: "3.5", "1.2 million".
    if before.ends_with(|c: char| c.is_ascii_digit())
        && after.starts_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    // The word before the dot.
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '[' | '—'))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    // Initials: "F." in "Brian F. Bridgeforth"; "U.S.", "a.m.", "e.g." (letters with dots).
    // Checked without allocating: this runs at every full stop of every document that
    // an attribution rule looks at.
    let mut letters = word.chars().filter(|c| *c != '.');
    if let (Some(only), None) = (letters.next(), letters.next()) {
        if only.is_alphabetic() {
            // An initial ("Brian F. Bridgeforth") does not end a sentence.
            return !only.is_uppercase();
        }
    }
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 1) {
        // "U.S. The" would need a lookup of sentence starters; keep the sentence whole.
        return false;
    }
    // The list is ASCII and has no "k" (the one letter a sign outside ASCII, the Kelvin
    // sign, lower-cases to), so an ASCII comparison is the same as lower-casing.
    if ABBREVIATIONS
        .iter()
        .any(|a| a.len() == word.len() && a.eq_ignore_ascii_case(word))
    {
        // "No. 10", "Jan. 5", "Dr. Smith": an abbreviation followed by a digit or a name.
        return false;
    }
    true
}

/// A quotation: its span (with the marks), its inner text, its block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// The quotation with its marks.
    pub span: ProseSpan,
    /// Between the marks.
    pub inner: std::ops::Range<usize>,
    /// Its block.
    pub block: usize,
    /// Opens a paragraph that continues a quotation left open in the paragraph before.
    pub continued: bool,
}

/// Pairs double quotation marks within each block: “…” by direction, "…" by alternation.
/// An opening mark left unclosed runs to the end of its block.
pub fn quotations(prose: &Prose) -> Vec<Quotation> {
    let text = &prose.text;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut prev_open = false;
    // One pass over the marks of the whole text, walking the blocks beside it: most
    // paragraphs of a document with a quotation have no mark, and are passed over
    // without a search of their own.
    let mut marks = quote_marks(bytes, 0, bytes.len()).peekable();
    for (bi, b) in prose.blocks.iter().enumerate() {
        while marks.next_if(|&m| m < b.start).is_some() {}
        if marks.peek().is_none_or(|&m| m >= b.end) {
            prev_open = false;
            continue;
        }
        let mut open: Option<(usize, char)> = None;
        let mut first_in_block = true;
        let starts_with_quote = || text[b.clone()].trim_start().starts_with(['“', '"']);
        while let Some(at) = marks.next_if(|&m| m < b.end) {
            let c = if bytes[at] == b'"' {
                '"'
            } else if at + 2 >= b.end {
                // A curly mark cut by the end of the block is not one of its marks.
                continue;
            } else if bytes[at + 2] == 0x9C {
                '“'
            } else {
                '”'
            };
            match (c, open) {
                ('“', None) | ('"', None) => open = Some((at, c)),
                // Writers mix marks ("“Nahh," I said"): any closing-capable mark closes.
                ('”', Some((s, _))) | ('"', Some((s, _))) => {
                    out.push(Quotation {
                        span: ProseSpan::new(s, at + c.len_utf8()),
                        inner: s + text[s..].chars().next().map_or(1, char::len_utf8)..at,
                        block: bi,
                        continued: first_in_block && prev_open && starts_with_quote(),
                    });
                    first_in_block = false;
                    open = None;
                }
                _ => {}
            }
        }
        if let Some((s, _)) = open {
            let inner_start = s + text[s..].chars().next().map_or(1, char::len_utf8);
            out.push(Quotation {
                span: ProseSpan::new(s, b.end),
                inner: inner_start..b.end,
                block: bi,
                continued: first_in_block && prev_open && starts_with_quote(),
            });
        }
        prev_open = open.is_some();
    }
    out
}

/// Offsets of `"`, `“` (E2 80 9C) and `”` (E2 80 9D) in `bytes[start..end]`. memchr
/// jumps between `"` and the last bytes of the curly marks, 9C and 9D: searching for
/// their lead byte E2 instead stopped at every curly apostrophe and dash as well.
pub(crate) fn quote_marks(
    bytes: &[u8],
    start: usize,
    end: usize,
) -> impl Iterator<Item = usize> + '_ {
    let end = end.min(bytes.len());
    let start = start.min(end);
    memchr::memchr3_iter(b'"', 0x9C, 0x9D, &bytes[start..end]).filter_map(move |i| {
        let i = start + i;
        if bytes[i] == b'"' {
            return Some(i);
        }
        // A curly mark wholly inside the range.
        let lead = i.checked_sub(2).filter(|&l| l >= start)?;
        (bytes[lead] == 0xE2 && bytes[lead + 1] == 0x80).then_some(lead)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::markup::{plain, ProseBuilder};

    #[test]
    fn quote_marks_are_double_marks_only() {
        let t = "a \"b “c” ‘d’ e… f—g";
        let found: Vec<&str> = quote_marks(t.as_bytes(), 0, t.len())
            .map(|i| &t[i..i + if t.as_bytes()[i] == b'"' { 1 } else { 3 }])
            .collect();
        assert_eq!(found, vec!["\"", "“", "”"]);
        // A mark cut by the end of the range is not found.
        assert_eq!(quote_marks(t.as_bytes(), 5, 6).count(), 0);
        assert_eq!(quote_marks(b"plain \xe2", 0, 7).count(), 0);
        // Nor one whose lead byte is before the range, nor another character ending in
        // the byte of a curly mark ("Ŝ" is C5 9C).
        let at = t.find('“').unwrap_or_default();
        assert_eq!(quote_marks(t.as_bytes(), at + 1, t.len()).count(), 1);
        let s = "Ŝ 9\u{201D}";
        assert_eq!(
            quote_marks(s.as_bytes(), 0, s.len()).collect::<Vec<_>>(),
            vec![4]
        );
    }

    fn split(text: &str) -> Vec<String> {
        let p = plain::extract(text);
        sentences(&p)
            .iter()
            .map(|s| p.text[s.span.range()].to_string())
            .collect()
    }

    #[test]
    fn news_abbreviations() {
        assert_eq!(
            split(
                "Mr. Smith met Dr. Jones on Jan. 5 at No. 10 Downing St. in London. They talked."
            ),
            vec![
                "Mr. Smith met Dr. Jones on Jan. 5 at No. 10 Downing St. in London.",
                "They talked."
            ]
        );
        assert_eq!(
            split("Brian F. Bridgeforth spoke. Prices rose 3.5 percent in the U.S. last year."),
            vec![
                "Brian F. Bridgeforth spoke.",
                "Prices rose 3.5 percent in the U.S. last year."
            ]
        );
    }

    #[test]
    fn quotes_after_the_stop_and_ellipses() {
        assert_eq!(
            split("“We are ready.” She left. He said, “Wait!” and ran… to the door. Then what?"),
            vec![
                "“We are ready.”",
                "She left.",
                "He said, “Wait!” and ran… to the door.",
                "Then what?"
            ]
        );
        assert_eq!(
            split("“Is it over?” she asked."),
            vec!["“Is it over?” she asked."]
        );
    }

    #[test]
    fn paragraphs_are_separate() {
        let mut b = ProseBuilder::new();
        b.exact(0, "One");
        b.end_block();
        b.exact(4, "Two. Three");
        let p = b.finish();
        let s = sentences(&p);
        assert_eq!(s.len(), 3);
        assert_eq!((s[0].block, s[1].block, s[2].block), (0, 1, 1));
    }
}
