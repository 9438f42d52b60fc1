//! Markup extraction: turns a source file into prose with an exact map back to source bytes.
//!
//! Every extractor builds a [`Prose`] through [`ProseBuilder`]. Prose is one string made of
//! *pieces*; each piece knows the source range it came from. A piece is either *exact*
//! (its text is the source text, byte for byte) or *opaque* (decoded or replaced text: an
//! entity, a line break folded to a space, a placeholder for inline code). Blocks
//! (paragraphs, headings, list items, table cells) are separated by `"\n\n"` that maps to
//! nothing, so no rule matches across a block boundary by accident.

pub mod html;
pub mod markdown;
pub mod plain;
pub mod table;
pub mod template;

use crate::text::span::{ProseSpan, Span};
use std::ops::Range;

/// Stands in for non-prose inline content (code spans, inline HTML, shortcodes, URLs) so
/// that words on either side are not glued together or seen as adjacent.
pub const PLACEHOLDER: char = '\u{FFFC}';

/// The input formats copydesk understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// CommonMark + GFM, with front matter and template tags.
    Markdown,
    /// HTML; body text and `alt`/`title` attributes.
    Html,
    /// Plain text; paragraphs split on blank lines.
    Plain,
}

impl Format {
    /// The format for a file extension (without dot), if it is an article format.
    pub fn from_extension(ext: &str) -> Option<Format> {
        const BY_EXTENSION: [(&str, Format); 10] = [
            ("md", Format::Markdown),
            ("markdown", Format::Markdown),
            ("mdx", Format::Markdown),
            ("mdown", Format::Markdown),
            ("mkd", Format::Markdown),
            ("txt", Format::Plain),
            ("text", Format::Plain),
            ("html", Format::Html),
            ("htm", Format::Html),
            ("xhtml", Format::Html),
        ];
        // Case-insensitive without lower-casing a copy: this runs for every file.
        BY_EXTENSION
            .iter()
            .find(|(e, _)| e.eq_ignore_ascii_case(ext))
            .map(|(_, f)| *f)
    }

    /// The format of a file by its extension alone: plain text when it is unknown.
    pub fn for_path(path: &std::path::Path) -> Format {
        crate::text::path::extension_of(path)
            .and_then(Format::from_extension)
            .unwrap_or(Format::Plain)
    }
}

/// Options for extraction that come from the configuration.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// Front-matter keys whose values are prose.
    pub prose_keys: Vec<String>,
    /// HTML attributes whose values are prose.
    pub html_attributes: Vec<String>,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            prose_keys: vec!["title".into(), "description".into(), "summary".into()],
            html_attributes: vec!["alt".into(), "title".into()],
        }
    }
}

/// One piece of prose and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Start of the piece in the prose text.
    pub prose_start: usize,
    /// End of the piece in the prose text.
    pub prose_end: usize,
    /// The source bytes it stands for.
    pub src: Span,
    /// Whether the prose text equals the source text byte for byte.
    pub exact: bool,
}

/// Extracted prose with its map back to the source.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    /// The prose text.
    pub text: String,
    /// Pieces in prose order (also in source order: extractors never reorder).
    pub pieces: Vec<Piece>,
    /// Prose ranges of the blocks (paragraphs, headings, items, cells).
    pub blocks: Vec<Range<usize>>,
    /// Comments in the source (for suppression directives): span and inner text.
    pub comments: Vec<(Span, String)>,
    /// Prose spans of hyperlink text: a link is a citation for attribution rules.
    pub links: Vec<ProseSpan>,
    /// Indices of the blocks that are inside a block quotation (Markdown `>`, HTML
    /// `<blockquote>`), sorted.
    pub quoted_blocks: Vec<usize>,
    /// Indices of the blocks that are fragments rather than running prose: headings, list
    /// items, table cells and front-matter values, sorted.
    pub fragment_blocks: Vec<usize>,
    /// Whether the document names its author in front matter (`author`, `authors`,
    /// `byline`): a signed post, whose first person is the author's.
    pub byline: bool,
    /// The year of the document's date in front matter (`date: 2004-05-06`), if any: the
    /// date its names are judged by.
    pub year: Option<i32>,
}

/// The year a date value starts with (`2004-05-06`, `"1987"`, `2019-01-04T10:00:00Z`):
/// four digits, 1000 to 2999, after an optional quote.
pub fn year_of(value: &str) -> Option<i32> {
    let v = value.trim().trim_start_matches(['"', '\'']);
    let digits = v.get(..4)?;
    let rest = &v[4..];
    if !digits.bytes().all(|c| c.is_ascii_digit()) || rest.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    digits.parse().ok().filter(|y| (1000..3000).contains(y))
}

impl Prose {
    /// Maps a prose span to a source span. Offsets inside an exact piece map one to one;
    /// offsets inside an opaque piece snap outward to the piece's source range.
    pub fn to_source(&self, span: ProseSpan) -> Span {
        let start = self.map_offset(span.start, false);
        let end = self.map_offset(span.end, true).max(start);
        Span::new(start, end)
    }

    fn map_offset(&self, off: usize, is_end: bool) -> usize {
        // The piece that contains `off`; for an end offset, the piece that contains off-1.
        let probe = if is_end { off.saturating_sub(1) } else { off };
        let idx = self.pieces.partition_point(|p| p.prose_end <= probe);
        let Some(p) = self.pieces.get(idx).or_else(|| self.pieces.last()) else {
            return 0;
        };
        if probe < p.prose_start {
            // In a block separator: snap to the nearest piece edge.
            return if is_end {
                idx.checked_sub(1)
                    .and_then(|i| self.pieces.get(i))
                    .map_or(p.src.start, |q| q.src.end)
            } else {
                p.src.start
            };
        }
        if p.exact {
            let off = off.clamp(p.prose_start, p.prose_end);
            p.src.start + (off - p.prose_start)
        } else if is_end {
            p.src.end
        } else {
            p.src.start
        }
    }

    /// Whether a prose span stands for one unbroken run of source: the pieces it touches
    /// follow each other in the source with nothing skipped between them (no link
    /// destination, tag or code span). Decoded entities count as part of the run.
    pub fn is_contiguous(&self, span: ProseSpan) -> bool {
        let lo = self.pieces.partition_point(|p| p.prose_end <= span.start);
        let mut touched = self.pieces[lo..]
            .iter()
            .take_while(|p| p.prose_start < span.end);
        let Some(first) = touched.next() else {
            return false;
        };
        let mut end = first.src.end;
        for p in touched {
            if p.src.start != end {
                return false;
            }
            end = p.src.end;
        }
        true
    }

    /// Whether block `i` is inside a block quotation.
    pub fn is_quoted_block(&self, i: usize) -> bool {
        self.quoted_blocks.binary_search(&i).is_ok()
    }

    /// Whether block `i` is a heading, list item, table cell or front-matter value.
    pub fn is_fragment_block(&self, i: usize) -> bool {
        self.fragment_blocks.binary_search(&i).is_ok()
    }

    /// The block that contains a prose offset.
    pub fn block_of(&self, off: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.end < off);
        self.blocks
            .get(i)
            .filter(|b| b.start <= off && off <= b.end)
            .map(|_| i)
    }
}

/// Builds [`Prose`] piece by piece.
#[derive(Debug, Default)]
pub struct ProseBuilder {
    prose: Prose,
    block_start: Option<usize>,
    quote_depth: usize,
    fragment_depth: usize,
}

impl ProseBuilder {
    /// A new, empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder for the prose of a source of `len` bytes: the text is sized for it up
    /// front, since growing it by doubling copied every document several times, and so
    /// are the piece and block lists. Articles average a piece per ~100 bytes of
    /// Markdown and a block per ~250 (over ../shared/corpus); reserving for a piece per
    /// 64 and a block per 128 leaves 86% of its files without a regrowth of either.
    pub fn for_source(len: usize) -> Self {
        let mut b = Self::default();
        b.prose.text.reserve(len);
        b.prose.pieces.reserve(len / 64);
        b.prose.blocks.reserve(len / 128);
        b
    }

    fn open_block(&mut self) {
        if self.block_start.is_none() {
            if !self.prose.text.is_empty() {
                self.prose.text.push_str("\n\n");
            }
            self.block_start = Some(self.prose.text.len());
        }
    }

    /// Appends source text verbatim; `src_start` is where `text` starts in the source.
    pub fn exact(&mut self, src_start: usize, text: &str) {
        if text.is_empty() {
            return;
        }
        self.open_block();
        let start = self.prose.text.len();
        self.prose.text.push_str(text);
        self.push_piece(start, Span::new(src_start, src_start + text.len()), true);
    }

    /// Appends text that stands for the source range `src` but is not equal to it.
    pub fn opaque(&mut self, src: Span, text: &str) {
        if text.is_empty() {
            return;
        }
        self.open_block();
        let start = self.prose.text.len();
        self.prose.text.push_str(text);
        self.push_piece(start, src, false);
    }

    /// Appends a single space for a line break (or other whitespace) inside a block.
    pub fn space(&mut self, src: Span) {
        if self.block_start.is_some() && !self.prose.text.ends_with(' ') {
            self.opaque(src, " ");
        }
    }

    /// Appends a placeholder for inline content that is not prose.
    pub fn placeholder(&mut self, src: Span) {
        // A template tag that pulldown-cmark split into text and inline HTML arrives in
        // touching pieces: keep one placeholder for it.
        if self.block_start.is_some() && self.prose.text.ends_with(PLACEHOLDER) {
            if let Some(last) = self.prose.pieces.last_mut() {
                if !last.exact && src.start <= last.src.end && src.end >= last.src.start {
                    last.src.end = last.src.end.max(src.end);
                    return;
                }
            }
        }
        let mut buf = [0u8; 4];
        self.opaque(src, PLACEHOLDER.encode_utf8(&mut buf));
    }

    fn push_piece(&mut self, prose_start: usize, src: Span, exact: bool) {
        let prose_end = self.prose.text.len();
        // Merge with the previous exact piece when both are contiguous: keeps the map small.
        if exact {
            if let Some(last) = self.prose.pieces.last_mut() {
                if last.exact && last.prose_end == prose_start && last.src.end == src.start {
                    last.prose_end = prose_end;
                    last.src.end = src.end;
                    return;
                }
            }
        }
        self.prose.pieces.push(Piece {
            prose_start,
            prose_end,
            src,
            exact,
        });
    }

    /// Appends `source[range]` as inline prose: line breaks (with the indentation after
    /// them) fold to one space, leading and trailing whitespace is dropped, and masked
    /// spans (template tags, URLs) become placeholders.
    pub fn inline_text(&mut self, source: &str, range: Span, masks: &template::Masks) {
        let mut pos = range.start;
        for m in masks.within(range) {
            self.lines(source, Span::new(pos, m.start.max(pos)));
            self.placeholder(Span::new(m.start.max(range.start), m.end.min(range.end)));
            pos = m.end.min(range.end);
        }
        self.lines(source, Span::new(pos, range.end));
    }

    fn lines(&mut self, source: &str, range: Span) {
        if range.is_empty() {
            return;
        }
        let text = &source[range.range()];
        // Most inline text is one line: the general loop below, for that case, without
        // setting up a line splitter (this runs for every text event of every document).
        if memchr::memchr(b'\n', text.as_bytes()).is_none() {
            let body = text.strip_suffix('\r').unwrap_or(text);
            let lead = if self.block_start.is_some() {
                0
            } else {
                body.len() - body.trim_start_matches([' ', '\t']).len()
            };
            self.exact(range.start + lead, &body[lead..]);
            return;
        }
        let mut pos = range.start;
        let mut break_start = range.start;
        for (i, line) in text.split('\n').enumerate() {
            let line_start = pos;
            pos += line.len() + 1;
            let body = line.strip_suffix('\r').unwrap_or(line);
            let lead = if i == 0 && self.block_start.is_some() {
                0
            } else {
                body.len() - body.trim_start_matches([' ', '\t']).len()
            };
            if i > 0 {
                // The break: from the end of the previous line's text to the next content.
                self.space(Span::new(break_start, line_start + lead));
            }
            let mut content = &body[lead..];
            if line_start + line.len() < range.end {
                // Whitespace before a line break is invisible, not a gap between words.
                content = content.trim_end_matches([' ', '\t']);
            }
            self.exact(line_start + lead, content);
            break_start = line_start + lead + content.len();
        }
    }

    /// Enters (`true`) or leaves a block quotation.
    pub fn block_quote(&mut self, enter: bool) {
        self.end_block();
        if enter {
            self.quote_depth += 1;
        } else {
            self.quote_depth = self.quote_depth.saturating_sub(1);
        }
    }

    /// Enters (`true`) or leaves a fragment: a heading, list item, table cell or
    /// front-matter value. Blocks ended inside one are recorded in `fragment_blocks`.
    pub fn fragment(&mut self, enter: bool) {
        self.end_block();
        if enter {
            self.fragment_depth += 1;
        } else {
            self.fragment_depth = self.fragment_depth.saturating_sub(1);
        }
    }

    /// Records the year of the document's date (front matter `date`).
    pub fn set_year(&mut self, year: i32) {
        self.prose.year = Some(year);
    }

    /// Records that the document names its author in front matter.
    pub fn set_byline(&mut self) {
        self.prose.byline = true;
    }

    /// The current end of the prose text (to mark where an inline element starts).
    pub fn position(&self) -> usize {
        self.prose.text.len()
    }

    /// Records hyperlink text that ran from `start` (a [`Self::position`]) to here.
    pub fn link(&mut self, start: usize) {
        let end = self.prose.text.len();
        if end > start {
            self.prose.links.push(ProseSpan::new(start, end));
        }
    }

    /// Records a source comment (`<!-- … -->`) with its inner text.
    pub fn comment(&mut self, span: Span, inner: &str) {
        self.prose.comments.push((span, inner.to_string()));
    }

    /// Appends HTML text: like [`Self::inline_text`], but every run of ASCII whitespace
    /// folds to one space, as a browser renders it.
    pub fn html_text(&mut self, source: &str, range: Span, masks: &template::Masks) {
        let mut pos = range.start;
        for m in masks.within(range) {
            self.html_run(source, Span::new(pos, m.start.max(pos)));
            self.placeholder(Span::new(m.start.max(range.start), m.end.min(range.end)));
            pos = m.end.min(range.end);
        }
        self.html_run(source, Span::new(pos, range.end));
    }

    fn html_run(&mut self, source: &str, range: Span) {
        let bytes = source.as_bytes();
        let mut i = range.start;
        while i < range.end {
            let ws = bytes[i].is_ascii_whitespace();
            let mut j = i;
            while j < range.end && bytes[j].is_ascii_whitespace() == ws {
                j += 1;
            }
            if !ws {
                self.exact(i, &source[i..j]);
            } else if self.block_start.is_some() {
                if j - i == 1 && bytes[i] == b' ' {
                    self.exact(i, " ");
                } else {
                    self.space(Span::new(i, j));
                }
            }
            i = j;
        }
    }

    /// Ends the current block, if one is open. Trailing spaces added for breaks are dropped.
    pub fn end_block(&mut self) {
        if let Some(start) = self.block_start.take() {
            // Drop a trailing folded space piece so blocks end on content.
            if self.prose.text.ends_with(' ') {
                if let Some(last) = self.prose.pieces.last() {
                    if !last.exact && last.prose_end - last.prose_start == 1 {
                        self.prose.text.pop();
                        self.prose.pieces.pop();
                    }
                }
            }
            let end = self.prose.text.len();
            if end > start {
                if self.quote_depth > 0 {
                    self.prose.quoted_blocks.push(self.prose.blocks.len());
                }
                if self.fragment_depth > 0 {
                    self.prose.fragment_blocks.push(self.prose.blocks.len());
                }
                self.prose.blocks.push(start..end);
            }
        }
    }

    /// Finishes the prose.
    pub fn finish(mut self) -> Prose {
        self.end_block();
        self.prose
    }
}

/// Extracts prose from a source text in the given format.
pub fn extract(text: &str, format: Format, opts: &ExtractOptions) -> Prose {
    match format {
        Format::Markdown => markdown::extract(text, opts),
        Format::Html => html::extract(text, opts),
        Format::Plain => plain::extract(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_exact_and_opaque_pieces() {
        let src = "ab &amp; cd";
        let mut b = ProseBuilder::new();
        b.exact(0, "ab ");
        b.opaque(Span::new(3, 8), "&");
        b.exact(8, " cd");
        let p = b.finish();
        assert_eq!(p.text, "ab & cd");
        assert_eq!(p.to_source(ProseSpan::new(0, 2)), Span::new(0, 2));
        assert_eq!(p.to_source(ProseSpan::new(3, 4)), Span::new(3, 8));
        assert_eq!(p.to_source(ProseSpan::new(5, 7)), Span::new(9, 11));
        assert_eq!(&src[p.to_source(ProseSpan::new(0, 7)).range()], src);
    }
}
