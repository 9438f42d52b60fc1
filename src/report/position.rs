//! Positions in the units other tools expect. copydesk's own columns count Unicode scalar
//! values (see [`SourceFile::line_col`]); some formats count UTF-8 bytes instead.

use crate::text::source::SourceFile;

/// 1-based line and 1-based column counted in UTF-8 bytes, of a byte offset. Like the
/// character columns, a leading BOM is not counted.
pub fn byte_line_col(source: &SourceFile, offset: usize) -> (usize, usize) {
    let (line, _) = source.line_col(offset);
    let mut start = source.line_start(line).unwrap_or(0);
    if line == 1 && source.has_bom() {
        start = '\u{feff}'.len_utf8();
    }
    (line, offset.saturating_sub(start) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_columns_count_bytes_and_skip_the_bom() {
        let f = SourceFile::new("a", "\u{feff}é x\nab é".to_string());
        // "x": byte 6; after the BOM (3 bytes) the line holds "é " = 3 bytes before it.
        assert_eq!(byte_line_col(&f, 6), (1, 4));
        assert_eq!(f.line_col(6), (1, 3));
        // Line 2 starts at byte 8; "é" at byte 11.
        assert_eq!(byte_line_col(&f, 11), (2, 4));
        assert_eq!(byte_line_col(&f, 13), (2, 6));
    }
}
