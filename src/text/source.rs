//! Source files: their bytes as read, decoded as UTF-8, and the one place where byte
//! offsets become 1-based lines and columns.

use std::fmt;

/// Why a file's bytes could not be linted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes contain NUL: a binary file.
    Binary,
    /// UTF-16 text (it starts with a UTF-16 byte-order mark).
    Utf16,
    /// Not valid UTF-8; the offset of the first invalid byte, and its 1-based line.
    InvalidUtf8 {
        /// Byte offset of the first bad byte.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary => write!(f, "looks like a binary file (it contains NUL bytes)"),
            DecodeError::Utf16 => write!(
                f,
                "is UTF-16 encoded; copydesk reads UTF-8: convert it (e.g. `iconv -f UTF-16 -t UTF-8`)"
            ),
            DecodeError::InvalidUtf8 { offset, line } => write!(
                f,
                "is not valid UTF-8 (first bad byte at offset {offset}, line {line})"
            ),
        }
    }
}

/// A file's text with its line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user should see it.
    pub path: String,
    /// The full text as read, a leading BOM included.
    pub text: String,
    /// Whether the text starts with a UTF-8 byte-order mark.
    bom: bool,
    /// The line index, built on the first position asked for: most files of a corpus
    /// have no finding and never need it.
    index: std::sync::OnceLock<LineIndex>,
}

/// Where lines start, and character counts for columns.
#[derive(Debug, Clone)]
struct LineIndex {
    /// Byte offset of the start of every line.
    line_starts: Vec<usize>,
    /// For counting columns on long lines in linear time: `(byte offset, characters
    /// before it)` at the first character boundary of every [`CHAR_MARK`] bytes. Empty
    /// when the text is ASCII (then characters are bytes). Worked out for the first
    /// column on a long line: most files have none.
    char_marks: std::sync::OnceLock<Vec<(usize, usize)>>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        // A line ends at LF, CRLF, or a lone CR (old Mac files; mixed endings count each
        // as one break).
        let bytes = text.as_bytes();
        // Sized for lines of about 40 bytes, so most files never regrow it.
        let mut line_starts = Vec::with_capacity(bytes.len() / 40 + 1);
        line_starts.push(0);
        // memchr jumps between line-break bytes instead of testing every byte.
        line_starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                .map(|i| i + 1),
        );
        LineIndex {
            line_starts,
            char_marks: std::sync::OnceLock::new(),
        }
    }

    /// The character marks of `text` (see `char_marks`).
    fn char_marks(&self, text: &str) -> &[(usize, usize)] {
        self.char_marks.get_or_init(|| {
            if text.is_ascii() {
                return Vec::new();
            }
            let mut marks = Vec::with_capacity(text.len() / CHAR_MARK + 1);
            let (mut at, mut chars) = (0, 0);
            while at < text.len() {
                marks.push((at, chars));
                let next = ceil_char_boundary(text, at + CHAR_MARK);
                chars += text[at..next].chars().count();
                at = next;
            }
            marks
        })
    }
}

/// Distance between the checkpoints of `LineIndex::char_marks`.
const CHAR_MARK: usize = 4096;

const BOM: &str = "\u{feff}";

impl SourceFile {
    /// Decodes `bytes` as UTF-8 (with or without BOM). Binary and UTF-16 input are errors.
    pub fn from_bytes(path: impl Into<String>, bytes: Vec<u8>) -> Result<Self, DecodeError> {
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(DecodeError::Utf16);
        }
        // Binary sniffing as git does it: a NUL in the first 8 KiB. A NUL later still
        // fails below only if it is invalid UTF-8; NUL is valid UTF-8, so check it all.
        if memchr_nul(&bytes) {
            return Err(DecodeError::Binary);
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Self::new(path, text)),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let before = &e.as_bytes()[..offset];
                let line = 1 + before
                    .iter()
                    .enumerate()
                    .filter(|&(i, &b)| {
                        b == b'\n' || (b == b'\r' && e.as_bytes().get(i + 1) != Some(&b'\n'))
                    })
                    .count();
                Err(DecodeError::InvalidUtf8 { offset, line })
            }
        }
    }

    /// Wraps text that is already UTF-8.
    pub fn new(path: impl Into<String>, text: String) -> Self {
        SourceFile {
            path: path.into(),
            bom: text.starts_with(BOM),
            text,
            index: std::sync::OnceLock::new(),
        }
    }

    fn index(&self) -> &LineIndex {
        self.index.get_or_init(|| LineIndex::new(&self.text))
    }

    /// Whether the file starts with a BOM.
    pub fn has_bom(&self) -> bool {
        self.bom
    }

    /// 1-based line and column of a byte offset. Columns count Unicode scalar values;
    /// a leading BOM is not counted. An offset inside a character is moved back to its start.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let starts = &self.index().line_starts;
        let line = match starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let mut start = starts[line];
        if line == 0 && self.bom {
            start = BOM.len();
        }
        let start = start.min(offset);
        // Most lines are short: count their characters directly; the marks bound the
        // count on a long line (a paragraph on one line runs to kilobytes).
        let col = if offset - start <= CHAR_MARK {
            self.text[start..offset].chars().count() + 1
        } else {
            self.chars_before(offset) - self.chars_before(start) + 1
        };
        (line + 1, col)
    }

    /// Number of characters before byte `offset` (a char boundary), in time bounded by
    /// [`CHAR_MARK`] whatever the length of the line.
    fn chars_before(&self, offset: usize) -> usize {
        let marks = self.index().char_marks(&self.text);
        if marks.is_empty() {
            return offset;
        }
        let i = marks.partition_point(|&(at, _)| at <= offset);
        let (at, chars) = marks[i.saturating_sub(1)];
        chars + self.text[at..offset].chars().count()
    }

    /// Byte offset where 1-based `line` starts, if the file has that line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        line.checked_sub(1)
            .and_then(|i| self.index().line_starts.get(i))
            .copied()
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.index().line_starts.len()
    }
}

fn memchr_nul(bytes: &[u8]) -> bool {
    memchr::memchr(0, bytes).is_some()
}

/// The smallest char boundary at or above `i` (the length when past the end).
fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The largest char boundary at or below `i`.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_chars_and_skip_bom() {
        let f = SourceFile::new("a", "\u{feff}é x\nab".to_string());
        // "x" is at byte 3 (BOM) + 2 (é) + 1 (space) = 6
        assert_eq!(f.line_col(6), (1, 3));
        assert_eq!(f.line_col(3), (1, 1));
        assert_eq!(f.line_col(8), (2, 1));
        assert_eq!(f.line_col(10), (2, 3));
    }

    #[test]
    fn columns_on_long_non_ascii_lines_count_characters() {
        let line = "é a ".repeat(5000);
        let f = SourceFile::new("a", format!("x\n{line}"));
        for k in [0usize, 1, 999, 1000, 1001, 2047, 4999] {
            // Each "é a " is 5 bytes and 4 characters.
            assert_eq!(f.line_col(2 + k * 5), (2, k * 4 + 1), "{k}");
            assert_eq!(f.line_col(2 + k * 5 + 3), (2, k * 4 + 3), "{k}");
        }
        let ascii = SourceFile::new("a", "ab\ncd".to_string());
        assert_eq!(ascii.line_col(4), (2, 2));
    }

    #[test]
    fn lone_cr_and_mixed_endings_break_lines() {
        let f = SourceFile::new("a", "a\rb\r\nc\nd".to_string());
        assert_eq!(f.line_count(), 4);
        assert_eq!(f.line_col(2), (2, 1));
        assert_eq!(f.line_col(5), (3, 1));
        assert_eq!(f.line_col(7), (4, 1));
        assert_eq!(
            SourceFile::from_bytes("a", b"x\ry\r\xC3(".to_vec()).err(),
            Some(DecodeError::InvalidUtf8 { offset: 4, line: 3 })
        );
    }

    #[test]
    fn decode_errors() {
        assert_eq!(
            SourceFile::from_bytes("a", vec![b'a', 0, b'b']).err(),
            Some(DecodeError::Binary)
        );
        assert_eq!(
            SourceFile::from_bytes("a", vec![0xFF, 0xFE, b'a']).err(),
            Some(DecodeError::Utf16)
        );
        assert_eq!(
            SourceFile::from_bytes("a", b"ok\n\xC3(".to_vec()).err(),
            Some(DecodeError::InvalidUtf8 { offset: 3, line: 2 })
        );
    }
}
