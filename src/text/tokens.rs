//! The one word scanner: words of prose are maximal runs of letters and digits, with
//! inner apostrophes and hyphens kept inside the word. Every rule and the shared matcher
//! see the same words.

use crate::text::span::ProseSpan;

/// Whether `c` is part of a word for boundary purposes.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Words of a prose text: maximal runs of letters and digits, with inner apostrophes
/// and hyphens (`don't`, `well-known`) kept inside the word.
///
/// This runs over every byte of every document (for `a`/`an` and doubled words), so it
/// steps over ASCII bytes with a table and decodes a character only at non-ASCII bytes.
pub fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

/// The same words as [`words`], joined from the text's runs of word characters
/// ([`word_runs`]): a word is a chain of runs with exactly one apostrophe or hyphen
/// between each two. The runs are found once per document for the phrase matcher, so
/// this saves a second scan of every byte.
pub fn words_from_runs(text: &str, runs: &[(usize, usize)]) -> Vec<ProseSpan> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(runs.len());
    let mut rest = runs.iter();
    let Some(&(mut start, mut end)) = rest.next() else {
        return out;
    };
    // One pass, the open word carried in two locals: a run either extends it or closes
    // it and opens the next.
    for &(next, next_end) in rest {
        let joined = match next - end {
            1 => matches!(bytes.get(end), Some(b'\'' | b'-')),
            3 => bytes.get(end..next) == Some("’".as_bytes()),
            _ => false,
        };
        if !joined {
            out.push(ProseSpan::new(start, end));
            start = next;
        }
        end = next_end;
    }
    out.push(ProseSpan::new(start, end));
    out
}

/// The iterator of [`words`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

/// Byte classes for the word scanner.
const OTHER: u8 = 0;
const WORD: u8 = 1;
/// A non-ASCII byte: decode the character to classify it.
const MULTI: u8 = 2;

const CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if c >= 0x80 {
            MULTI
        } else if c.is_ascii_alphanumeric() {
            WORD
        } else {
            OTHER
        };
        i += 1;
    }
    t
};

/// Maximal runs of word characters (letters and digits; no inner apostrophes or hyphens),
/// as byte ranges: the positions where a whole-word phrase can start. The shared phrase
/// matcher looks each one up.
pub fn word_runs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let start = next_word_start(text, pos)?;
        let end = run_end(text, start);
        pos = end;
        Some((start, end))
    })
}

/// [`word_runs`], appended to `out`, eight bytes at a time: the same runs, for the one
/// scan per document whose runs everything else shares. A chunk of eight ASCII bytes is
/// classified with a few word operations (see [`ascii_word_bytes`]) and its run edges
/// are read off the mask; a chunk holding a non-ASCII byte is stepped a character at a
/// time. About a quarter of the instructions of the byte loop over the corpus.
pub fn push_word_runs(text: &str, out: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    // Whether the scan is inside a run, and where that run started.
    let (mut inside, mut start) = (false, 0);
    let mut i = 0;
    while let Some(x) = chunk_at(bytes, i) {
        if x & HIGH != 0 {
            // Step characters until past this chunk; a character may end beyond it.
            let end = i + 8;
            while i < end {
                let (word, len) = char_class_at(text, i);
                edge(&mut inside, &mut start, word, i, out);
                i += len;
            }
            continue;
        }
        // One bit (the low one) per byte, set for a word byte; a run edge is a byte whose
        // class differs from the byte before it. Edges alternate: start, end, start ...
        let w = ascii_word_bytes(x) >> 7;
        let mut edges = (w ^ ((w << 8) | u64::from(inside))) & LANES;
        while edges != 0 {
            let at = i + edges.trailing_zeros() as usize / 8;
            edges &= edges - 1;
            if inside {
                out.push((start, at));
            } else {
                start = at;
            }
            inside = !inside;
        }
        i += 8;
    }
    while i < bytes.len() {
        let (word, len) = char_class_at(text, i);
        edge(&mut inside, &mut start, word, i, out);
        i += len;
    }
    if inside {
        out.push((start, bytes.len()));
    }
}

/// Opens or closes a run at byte `i` by whether the character there is a word character.
#[inline]
fn edge(inside: &mut bool, start: &mut usize, word: bool, i: usize, out: &mut Vec<(usize, usize)>) {
    if word != *inside {
        if *inside {
            out.push((*start, i));
        } else {
            *start = i;
        }
        *inside = word;
    }
}

/// Whether the character at byte `i` (a character boundary) is a word character, and its
/// length in bytes.
#[inline]
fn char_class_at(text: &str, i: usize) -> (bool, usize) {
    let bytes = text.as_bytes();
    let b = bytes[i];
    if b < 0x80 {
        return (CLASS[b as usize] == WORD, 1);
    }
    // U+2000..=U+203F (spaces, dashes, curly quotes, ellipsis) hold no letter or digit and
    // are most of the non-ASCII bytes of English prose: no table lookup for them.
    if b == 0xE2 && bytes.get(i + 1) == Some(&0x80) {
        return (false, 3);
    }
    match text.get(i..).and_then(|t| t.chars().next()) {
        Some(c) => (is_word_char(c), c.len_utf8()),
        None => (false, 1),
    }
}

/// Eight copies of a byte, for the word-at-a-time scan.
const LANES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each of eight bytes.
const HIGH: u64 = LANES << 7;

/// The high bit of each byte of `x` that is an ASCII letter or digit (bytes in
/// little-endian order). Each range test sets a byte's high bit before subtracting, so
/// no subtraction borrows from the next byte; bytes from 0x80 up are cleared at the end.
#[inline]
fn ascii_word_bytes(x: u64) -> u64 {
    let h = x | HIGH;
    // `| 0x20` lower-cases ASCII letters and maps nothing else into `a..=z`.
    let l = h | (LANES * 0x20);
    let digit =
        h.wrapping_sub(LANES * u64::from(b'0')) & !h.wrapping_sub(LANES * u64::from(b'9' + 1));
    let letter =
        l.wrapping_sub(LANES * u64::from(b'a')) & !l.wrapping_sub(LANES * u64::from(b'z' + 1));
    (digit | letter) & !x & HIGH
}

/// The eight bytes at `pos` as a little-endian word, if there are eight.
#[inline]
fn chunk_at(bytes: &[u8], pos: usize) -> Option<u64> {
    let c: [u8; 8] = bytes.get(pos..pos + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(c))
}

/// The first byte at or after `pos` that starts a word character.
#[inline]
fn next_word_start(text: &str, mut pos: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    loop {
        // ASCII non-word bytes in a tight loop.
        let rest = bytes.get(pos..)?;
        pos += rest.iter().position(|&b| CLASS[b as usize] != OTHER)?;
        if bytes[pos] < 0x80 {
            return Some(pos);
        }
        let c = text.get(pos..)?.chars().next()?;
        if is_word_char(c) {
            return Some(pos);
        }
        pos += c.len_utf8();
    }
}

/// The end of the run of word characters that starts at or continues from `pos`.
#[inline]
fn run_end(text: &str, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        let rest = &bytes[end..];
        end += rest
            .iter()
            .position(|&b| CLASS[b as usize] != WORD)
            .unwrap_or(rest.len());
        match word_char_at(text, end) {
            Some(n) => end += n,
            None => return end,
        }
    }
}

/// The length of the word character starting at byte `i`, if one does.
#[inline]
fn word_char_at(text: &str, i: usize) -> Option<usize> {
    if i >= text.len() {
        return None;
    }
    let (word, len) = char_class_at(text, i);
    word.then_some(len)
}

impl Iterator for Words<'_> {
    type Item = ProseSpan;

    #[inline]
    fn next(&mut self) -> Option<ProseSpan> {
        let text = self.text;
        let bytes = text.as_bytes();
        let start = next_word_start(text, self.pos)?;
        let mut end = start;
        loop {
            end = run_end(text, end);
            // Keep an inner apostrophe or hyphen only if a word character follows it.
            let joiner = match bytes.get(end) {
                Some(b'\'' | b'-') => 1,
                Some(0xE2)
                    if bytes.get(end + 1) == Some(&0x80) && bytes.get(end + 2) == Some(&0x99) =>
                {
                    3
                }
                _ => 0,
            };
            if joiner > 0 && word_char_at(text, end + joiner).is_some() {
                end += joiner;
                continue;
            }
            break;
        }
        self.pos = end;
        Some(ProseSpan::new(start, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The straightforward char-by-char definition `words` must agree with.
    fn reference_words(text: &str) -> Vec<ProseSpan> {
        let mut out = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !is_word_char(c) {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = chars.peek() {
                if is_word_char(c) {
                    chars.next();
                    end = i + c.len_utf8();
                } else if matches!(c, '\'' | '’' | '-')
                    && text[i + c.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(is_word_char)
                {
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(ProseSpan::new(start, end));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn words_match_the_reference(text in "[a-zA-Z0-9 '’\\-é—ß日\u{FFFC}\u{300}\u{2070}\u{2071}ª.@\\[`{:/Z_]{0,120}") {
            let fast: Vec<ProseSpan> = words(&text).collect();
            let runs: Vec<(usize, usize)> = word_runs(&text).collect();
            let mut pushed = Vec::new();
            push_word_runs(&text, &mut pushed);
            proptest::prop_assert_eq!(&pushed, &runs);
            proptest::prop_assert_eq!(&words_from_runs(&text, &runs), &fast);
            proptest::prop_assert_eq!(fast, reference_words(&text));
        }
    }

    proptest::proptest! {
        /// Mostly ASCII, so most chunks take the word-at-a-time path, with the odd
        /// non-ASCII character to switch paths at every offset.
        #[test]
        fn pushed_runs_match_the_runs(text in "([a-zA-Z0-9]{0,9}[ .,'\\-@\\[`{/]{1,3}){0,30}(é|’|日|ª|\u{2070})?([a-z ]{0,11}[A-Z0-9 —]){0,12}") {
            let runs: Vec<(usize, usize)> = word_runs(&text).collect();
            let mut pushed = Vec::new();
            push_word_runs(&text, &mut pushed);
            proptest::prop_assert_eq!(pushed, runs);
        }
    }

    #[test]
    fn word_bytes_mask_agrees_with_the_byte_table() {
        // Every byte value in every lane, beside neighbours that could borrow or carry.
        for b in 0..=255u8 {
            for lane in 0..8 {
                for fill in [0u8, b'a', 0xff, b'/', b'9', b'Z'] {
                    let mut bytes = [fill; 8];
                    bytes[lane] = b;
                    let mask = ascii_word_bytes(u64::from_le_bytes(bytes));
                    for (i, &x) in bytes.iter().enumerate() {
                        let set = mask & (0x80u64 << (8 * i)) != 0;
                        assert_eq!(set, x.is_ascii_alphanumeric(), "byte {x:#x} lane {i}");
                    }
                }
            }
        }
    }

    #[test]
    fn general_punctuation_holds_no_word_character() {
        // The fast path of `char_class_at` for U+2000..=U+203F.
        for c in '\u{2000}'..='\u{203F}' {
            assert!(!is_word_char(c), "{c:?}");
        }
    }

    #[test]
    fn runs() {
        let t = "Don't stop—well-known ‘x’ 1990s é.";
        let r: Vec<&str> = word_runs(t).map(|(s, e)| &t[s..e]).collect();
        assert_eq!(
            r,
            vec!["Don", "t", "stop", "well", "known", "x", "1990s", "é"]
        );
    }

    #[test]
    fn word_spans() {
        let t = "Don't stop—well-known ‘x’ 1990s.";
        let w: Vec<&str> = words(t).map(|s| &t[s.range()]).collect();
        assert_eq!(w, vec!["Don't", "stop", "well-known", "x", "1990s"]);
    }
}
