//! Positions as the protocol counts them: a line (split at LF, CRLF or a lone CR, as the
//! protocol splits) and a character offset in the negotiated encoding (UTF-16 code units
//! by default, UTF-8 bytes or Unicode scalar values when the client offers them). The
//! engine's spans are byte offsets into the document's text as the editor sent it (a BOM
//! the editor keeps is text like any other character), so every conversion goes through
//! this module.

use lsp_types::{Position, PositionEncodingKind, Range};

/// The unit the client and server agreed on for `Position::character`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-16 code units: the protocol's default.
    #[default]
    Utf16,
    /// UTF-8 bytes.
    Utf8,
    /// Unicode scalar values.
    Utf32,
}

impl Encoding {
    /// The encoding to use given what the client offers: UTF-8 when it can (no
    /// conversion at all), else UTF-32, else the protocol's UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or_default();
        let has = |k: &PositionEncodingKind| offered.iter().any(|o| o == k);
        if has(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if has(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    /// The protocol's name for it.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf32 => 1,
        }
    }
}

/// Where the lines of one text start, for converting in both directions.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the start of every line; the first is 0.
    starts: Vec<usize>,
    /// Every character whose length in bytes differs from its length in the encoding's
    /// units: its byte offset, and how many more bytes than units the text has up to and
    /// including it. A column is then its byte count less a difference of two lookups,
    /// so a long line with many findings is not walked once per finding.
    wide: Vec<(usize, usize)>,
    encoding: Encoding,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str, encoding: Encoding) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                .map(|i| i + 1),
        );
        let mut wide = Vec::new();
        if encoding != Encoding::Utf8 && !text.is_ascii() {
            let mut excess = 0;
            for (i, c) in text.char_indices() {
                if !c.is_ascii() {
                    excess += c.len_utf8() - encoding.units(c);
                    wide.push((i, excess));
                }
            }
        }
        LineIndex {
            starts,
            wide,
            encoding,
        }
    }

    /// How many more bytes than units the text has before byte `offset`.
    fn excess_before(&self, offset: usize) -> usize {
        match self.wide.partition_point(|&(at, _)| at < offset) {
            0 => 0,
            n => self.wide[n - 1].1,
        }
    }

    /// The position of byte `offset` (clamped to the text, moved back to a character
    /// boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = crate::text::source::floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = offset - start - (self.excess_before(offset) - self.excess_before(start));
        Position::new(to_u32(line), to_u32(character))
    }

    /// The range of bytes `start..end`.
    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range::new(self.position(text, start), self.position(text, end))
    }

    /// The byte offset of a position. A character past the end of its line means the
    /// line's end, a line past the last means the end of the text, and a position inside
    /// a character (half of a surrogate pair) means that character's start: clients may
    /// send any of these, and none is worth an error.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(pos.line as usize + 1)
            .copied()
            .unwrap_or(text.len());
        // The line without its terminator.
        let line = text[start..end].trim_end_matches(['\n', '\r']);
        let want = pos.character as usize;
        if self.encoding == Encoding::Utf8 {
            return start + crate::text::source::floor_char_boundary(line, want.min(line.len()));
        }
        let mut units = 0;
        for (i, c) in line.char_indices() {
            let next = units + self.encoding.units(c);
            if next > want {
                return start + i;
            }
            units = next;
        }
        start + line.len()
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn roundtrip(text: &str, enc: Encoding) {
        let idx = LineIndex::new(text, enc);
        for (i, _) in text.char_indices() {
            // The LF of a CRLF is inside the line break: no position names it.
            if text[..i].ends_with('\r') && text[i..].starts_with('\n') {
                continue;
            }
            let p = idx.position(text, i);
            assert_eq!(idx.offset(text, p), i, "{text:?} at {i} ({p:?})");
        }
    }

    #[test]
    fn utf16_counts_surrogate_pairs_and_accents() {
        let text = "é😀x\r\nnext";
        let idx = LineIndex::new(text, Encoding::Utf16);
        // é: 1 unit, 😀: 2 units.
        assert_eq!(idx.position(text, "é😀".len()), Position::new(0, 3));
        assert_eq!(
            idx.position(text, text.find("next").unwrap_or(0)),
            Position::new(1, 0)
        );
        let idx8 = LineIndex::new(text, Encoding::Utf8);
        assert_eq!(idx8.position(text, "é😀".len()), Position::new(0, 6));
        let idx32 = LineIndex::new(text, Encoding::Utf32);
        assert_eq!(idx32.position(text, "é😀".len()), Position::new(0, 2));
    }

    #[test]
    fn offsets_round_trip_in_every_encoding() {
        for text in ["\u{feff}a\r\nb\rc\n", "ab😀c\n\ne\u{301}", "", "x"] {
            for enc in [Encoding::Utf16, Encoding::Utf8, Encoding::Utf32] {
                roundtrip(text, enc);
            }
        }
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "ab\r\ncd";
        let idx = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(idx.offset(text, Position::new(0, 99)), 2);
        assert_eq!(idx.offset(text, Position::new(7, 0)), text.len());
        // Inside a surrogate pair: the character's start.
        let t = "😀z";
        let idx = LineIndex::new(t, Encoding::Utf16);
        assert_eq!(idx.offset(t, Position::new(0, 1)), 0);
        assert_eq!(idx.offset(t, Position::new(0, 2)), 4);
    }

    #[test]
    fn negotiation_prefers_utf8() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
