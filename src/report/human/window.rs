//! Excerpts that fit the screen. Prose keeps a paragraph on one line of hundreds or
//! thousands of characters, so the human format never shows a whole line: it shows, for
//! each group of nearby findings, a window of its line (the sentence around them, cut to
//! the terminal's width, `…` where text is cut). The windows become the lines of a small
//! text that codespan-reporting renders as it would a file; [`Excerpt`] tells codespan the
//! real line number of each window and the exact line and column of each finding, so
//! what it prints stays exact.

use crate::text::escape::push_control;
use crate::text::source::{floor_char_boundary, SourceFile};
use codespan_reporting::files::{Error, Files, Location};
use std::collections::BTreeMap;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// What the excerpt must show: a span of the source and where it starts.
#[derive(Debug, Clone)]
pub struct Mark {
    /// Byte range in the source file.
    pub span: Range<usize>,
    /// Its exact 1-based line and column (Unicode scalar values), as reported.
    pub line: usize,
    /// See `line`.
    pub column: usize,
    /// Display width of the label codespan writes after the mark's carets.
    pub tail: usize,
}

/// The windows of a source, as one text for codespan: one window per line of the text,
/// two empty lines where the source skips text on a line or skips lines (codespan then
/// draws a `·` break).
#[derive(Debug)]
pub struct Excerpt<'a> {
    name: &'a str,
    text: String,
    rows: Vec<Row>,
    /// Exact locations of the marks' starts, by their offset in `text`.
    starts: Vec<(usize, Location)>,
}

#[derive(Debug, Clone)]
struct Row {
    /// Range in `Excerpt::text`, without the line break.
    range: Range<usize>,
    /// The source line it shows (for the empty rows of a break, the line above).
    line: usize,
}

/// A window of one source line.
#[derive(Debug, Clone)]
struct Window {
    line: usize,
    /// Byte range of the source shown.
    range: Range<usize>,
    /// Whether the line goes on before and after it.
    cut_before: bool,
    cut_after: bool,
}

/// The width of the `…` that marks a cut.
const ELLIPSIS: &str = "…";

impl<'a> Excerpt<'a> {
    /// The windows that show `marks` of `source` in rows at most `width` columns wide,
    /// and each mark's range in the excerpt's text.
    pub fn new(source: &'a SourceFile, marks: &[Mark], width: usize) -> (Self, Vec<Range<usize>>) {
        let text = source.text.as_str();
        // Every mark's pieces, one per line it covers.
        let mut by_line: BTreeMap<usize, Vec<(Range<usize>, usize)>> = BTreeMap::new();
        for m in marks {
            for (line, piece) in pieces(source, m) {
                by_line.entry(line).or_default().push((piece, m.tail));
            }
        }
        let mut windows: Vec<Window> = Vec::new();
        for (line, mut pieces) in by_line {
            let content = content(source, line);
            pieces.sort_by_key(|(r, _)| (r.start, r.end));
            for cluster in clusters(text, &pieces, width) {
                let (a, b, tail) = cluster;
                let mut w = window(text, content.clone(), a..b, tail, width);
                w.line = line;
                // Windows of one line never show the same text twice.
                if let Some(prev) = windows.last_mut().filter(|p| p.line == line) {
                    if w.range.start < prev.range.end {
                        w.range.start = prev.range.end.min(w.range.end);
                    }
                    // A row that continues the one above starts at a word, not a space.
                    if w.range.start == prev.range.end {
                        let rest = &text[w.range.clone()];
                        let blank = rest.len() - rest.trim_start().len();
                        w.range.start += blank;
                    }
                }
                windows.push(w);
            }
        }
        let mut out = Excerpt {
            name: &source.path,
            text: String::new(),
            rows: Vec::new(),
            starts: Vec::new(),
        };
        // Where each window's text begins in `out.text`, after any `…`.
        let mut placed: Vec<(Window, usize)> = Vec::with_capacity(windows.len());
        for (i, w) in windows.iter().enumerate() {
            let prev = i.checked_sub(1).map(|p| &windows[p]);
            let next = windows.get(i + 1);
            let joined_before = prev.is_some_and(|p| follows(source, p, w));
            let joined_after = next.is_some_and(|n| follows(source, w, n));
            // Text skipped on one line, or lines skipped, show as codespan's `·` break
            // (two rows it is never asked to show, numbered as the row above so that a
            // label across them still has line numbers); the next line follows directly.
            if let Some(p) = prev.filter(|p| !joined_before && w.line != p.line + 1) {
                out.push_row("", p.line);
                out.push_row("", p.line);
            }
            // A cut between words keeps its space: `… Drivers from across …`.
            let spaced_before = text[..w.range.start].ends_with(char::is_whitespace);
            let spaced_after = text[w.range.end..].starts_with(char::is_whitespace);
            let mut row = String::new();
            if w.cut_before && !joined_before {
                row.push_str(ELLIPSIS);
                if spaced_before {
                    row.push(' ');
                }
            }
            let at = out.text.len() + row.len();
            push_shown(&mut row, &text[w.range.clone()]);
            if w.cut_after && !joined_after {
                if spaced_after {
                    row.push(' ');
                }
                row.push_str(ELLIPSIS);
            }
            out.push_row(&row, w.line);
            placed.push((w.clone(), at));
        }
        let ranges = marks
            .iter()
            .map(|m| {
                let start = out.place(text, &placed, source, m.span.start, false);
                let end = out
                    .place(text, &placed, source, m.span.end, true)
                    .max(start);
                out.starts.push((
                    start,
                    Location {
                        line_number: m.line,
                        column_number: m.column,
                    },
                ));
                start..end
            })
            .collect();
        (out, ranges)
    }

    fn push_row(&mut self, row: &str, line: usize) {
        let start = self.text.len();
        self.text.push_str(row);
        self.rows.push(Row {
            range: start..self.text.len(),
            line,
        });
        self.text.push('\n');
    }

    /// Where source offset `at` is in the excerpt: in the window of its line that holds
    /// it, or at the nearest edge of one (a mark's end past a cut ends at the cut).
    fn place(
        &self,
        text: &str,
        placed: &[(Window, usize)],
        source: &SourceFile,
        at: usize,
        is_end: bool,
    ) -> usize {
        let at = floor_char_boundary(text, at);
        let (mut line, _) = source.line_col(at);
        // An end at the very start of a line belongs to the line before.
        if is_end && line > 1 && source.line_start(line) == Some(at) {
            line -= 1;
        }
        let on_line = placed.iter().filter(|(w, _)| w.line == line);
        let best = on_line
            .clone()
            .find(|(w, _)| w.range.start <= at && at <= w.range.end)
            .or_else(|| {
                if is_end {
                    on_line.clone().rfind(|(w, _)| w.range.start <= at)
                } else {
                    on_line.clone().find(|(w, _)| w.range.end >= at)
                }
            });
        match best {
            Some((w, base)) => {
                let to = at.clamp(w.range.start, w.range.end);
                let mut shown = String::new();
                push_shown(&mut shown, &text[w.range.start..to]);
                base + shown.len()
            }
            None => 0,
        }
    }

    /// The excerpt's text (for tests).
    #[cfg(test)]
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// Whether window `b` continues window `a` with nothing but spaces between them: the
/// rest of the same line, or the start of the next line after the whole of `a`'s line.
fn follows(source: &SourceFile, a: &Window, b: &Window) -> bool {
    if a.line == b.line {
        // Rows split at a space read as one text wrapped.
        return a.range.end <= b.range.start
            && source.text[a.range.end..b.range.start]
                .chars()
                .all(char::is_whitespace);
    }
    b.line == a.line + 1
        && a.range.end == content(source, a.line).end
        && b.range.start == content(source, b.line).start
}

/// Text as the terminal will show it: control characters other than tab escaped.
fn push_shown(out: &mut String, s: &str) {
    for c in s.chars() {
        if c.is_control() && c != '\t' {
            push_control(out, c);
        } else {
            out.push(c);
        }
    }
}

/// Columns `s` takes on screen once shown (a tab counted at its widest).
fn columns(s: &str) -> usize {
    s.chars()
        .map(|c| match c {
            '\t' => 4,
            c if c.is_control() => {
                let mut e = String::new();
                push_control(&mut e, c);
                e.len()
            }
            c => c.width().unwrap_or(0),
        })
        .sum()
}

/// The text of 1-based `line` without its line break (or a leading BOM).
fn content(source: &SourceFile, line: usize) -> Range<usize> {
    let text = source.text.as_bytes();
    let mut start = source.line_start(line).unwrap_or(text.len());
    if line == 1 && source.has_bom() {
        start = start.max('\u{feff}'.len_utf8()).min(text.len());
    }
    let mut end = source.line_start(line + 1).unwrap_or(text.len());
    if end > start && text[end - 1] == b'\n' {
        end -= 1;
    }
    if end > start && text[end - 1] == b'\r' {
        end -= 1;
    }
    start..end
}

/// The pieces of a mark, one per source line it covers, clipped to the line's text.
fn pieces(source: &SourceFile, m: &Mark) -> Vec<(usize, Range<usize>)> {
    let text = &source.text;
    let start = floor_char_boundary(text, m.span.start);
    let end = floor_char_boundary(text, m.span.end).max(start);
    let (first, _) = source.line_col(start);
    let (mut last, _) = source.line_col(end);
    if last > first && source.line_start(last) == Some(end) {
        last -= 1;
    }
    (first..=last)
        .map(|line| {
            let c = content(source, line);
            let a = start.clamp(c.start, c.end);
            let b = end.clamp(a, c.end);
            (line, a..b)
        })
        .collect()
}

/// Groups a line's pieces (sorted) into runs that fit one window together: each run's
/// first start, last end, and the width of the label after its last piece.
fn clusters(
    text: &str,
    pieces: &[(Range<usize>, usize)],
    width: usize,
) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for (r, tail) in pieces {
        if let Some(last) = out.last_mut() {
            let end = last.1.max(r.end);
            if end - last.0 <= 4 * width && columns(&text[last.0..end]) + 4 + tail < width {
                last.1 = end;
                last.2 = *tail;
                continue;
            }
        }
        out.push((r.start, r.end, *tail));
    }
    out
}

/// The window of line `content` around `core`: the whole line if it fits, else the
/// sentence around `core`, cut at word boundaries to fit `width` columns with room for
/// `tail` columns of label after the core.
fn window(
    text: &str,
    content: Range<usize>,
    core: Range<usize>,
    tail: usize,
    width: usize,
) -> Window {
    let (line_start, line_end) = (content.start, content.end);
    let whole = |range: Range<usize>| Window {
        line: 0,
        cut_before: range.start > line_start,
        cut_after: range.end < line_end,
        range,
    };
    let label_room = if tail > 0 { tail + 1 } else { 0 };
    // A character takes at most 4 bytes: a longer line cannot fit, and is not measured
    // (a paragraph on one line can run to megabytes).
    if content.len() <= 4 * width
        && columns(&text[content.clone()]) <= width
        && columns(&text[content.start..core.end]) + label_room <= width
    {
        return whole(content);
    }
    // Two ellipses and their spaces at most.
    let room = width.saturating_sub(4);
    let core_cols = if core.len() > 4 * room {
        room
    } else {
        columns(&text[core.clone()])
    };
    if core_cols >= room {
        // The span alone is wider than the screen: show its beginning.
        let mut end = core.start;
        let mut used = 0;
        for (i, c) in text[core.clone()].char_indices() {
            used += columns(c.encode_utf8(&mut [0; 4]));
            if used > room {
                break;
            }
            end = core.start + i + c.len_utf8();
        }
        return whole(core.start..end.max(core.start));
    }
    let sentence = sentence_range(text, core.clone(), content.clone());
    let free = room - core_cols;
    let want_left = columns(&text[sentence.start..core.start]);
    let want_right = columns(&text[core.end..sentence.end]);
    // The label after the carets must fit on the row: it limits the text on the left.
    let left_max = free.saturating_sub(label_room);
    let left_cols = want_left
        .min(left_max)
        .min((free / 2).max(free.saturating_sub(want_right)));
    let start = cut_left(text, sentence.start, core.start, left_cols);
    let right_cols = free - columns(&text[start..core.start]).min(free);
    let end = cut_right(text, core.end, sentence.end, right_cols);
    whole(start..end)
}

/// The sentence around `core`, within `content`.
fn sentence_range(text: &str, core: Range<usize>, content: Range<usize>) -> Range<usize> {
    let s =
        crate::text::context::sentence(text, crate::text::span::Span::new(core.start, core.end));
    // `sentence` returns a slice of `text`: its offset is where it starts.
    let start = (s.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    if start > text.len() {
        return content;
    }
    let end = start + s.len();
    start.clamp(content.start, core.start)..end.clamp(core.end, content.end)
}

/// The start of at most `cols` columns of `text[from..to]` that end at `to`, moved to
/// the start of a word when the cut would fall inside one.
fn cut_left(text: &str, from: usize, to: usize, cols: usize) -> usize {
    let mut start = to;
    let mut used = 0;
    for (i, c) in text[from..to].char_indices().rev() {
        used += columns(c.encode_utf8(&mut [0; 4]));
        if used > cols {
            break;
        }
        start = from + i;
    }
    if start > from {
        // Cut inside a word: drop its end, start at the next word.
        if let Some(sp) = text[start..to].find(char::is_whitespace) {
            let after = start + sp;
            let next = text[after..to]
                .find(|c: char| !c.is_whitespace())
                .map_or(to, |k| after + k);
            if !text[..start].ends_with(char::is_whitespace) {
                start = next;
            }
        }
    }
    start
}

/// The end of at most `cols` columns of `text[from..to]` that start at `from`, moved to
/// the end of a word when the cut would fall inside one.
fn cut_right(text: &str, from: usize, to: usize, cols: usize) -> usize {
    let mut end = from;
    let mut used = 0;
    for (i, c) in text[from..to].char_indices() {
        used += columns(c.encode_utf8(&mut [0; 4]));
        if used > cols {
            break;
        }
        end = from + i + c.len_utf8();
    }
    if end < to && !text[end..].starts_with(char::is_whitespace) {
        if let Some(sp) = text[from..end].rfind(char::is_whitespace) {
            end = from + sp;
        }
    }
    // No trailing spaces before a `…`.
    from + text[from..end].trim_end().len()
}

impl<'f> Files<'f> for Excerpt<'_> {
    type FileId = ();
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, (): ()) -> Result<&'f str, Error> {
        Ok(self.name)
    }

    fn source(&'f self, (): ()) -> Result<&'f str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'f self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self
            .rows
            .partition_point(|r| r.range.start <= byte_index)
            .saturating_sub(1))
    }

    fn line_number(&'f self, (): (), line_index: usize) -> Result<usize, Error> {
        Ok(self.rows.get(line_index).map_or(0, |r| r.line))
    }

    fn line_range(&'f self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        self.rows
            .get(line_index)
            .map(|r| r.range.clone())
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: self.rows.len().saturating_sub(1),
            })
    }

    /// The exact place of a mark's start, as the finding reports it.
    fn location(&'f self, (): (), byte_index: usize) -> Result<Location, Error> {
        if let Some((_, loc)) = self.starts.iter().find(|(at, _)| *at == byte_index) {
            return Ok(*loc);
        }
        let i = self.line_index((), byte_index)?;
        Ok(Location {
            line_number: self.line_number((), i)?,
            column_number: 1,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(src: &SourceFile, needle: &str, tail: usize) -> Mark {
        let s = src.text.find(needle).unwrap_or(0);
        let (line, column) = src.line_col(s);
        Mark {
            span: s..s + needle.len(),
            line,
            column,
            tail,
        }
    }

    #[test]
    fn a_long_line_is_cut_around_its_marks_with_exact_places() {
        let para =
            "Word ".repeat(100) + "Kiev is here. " + &"more ".repeat(100) + "a hair-brained end.";
        let src = SourceFile::new("a.md", format!("Title\n\n{para}\n"));
        let marks = [mark(&src, "Kiev", 10), mark(&src, "hair-brained", 10)];
        let (ex, ranges) = Excerpt::new(&src, &marks, 60);
        for line in ex.text().lines() {
            assert!(columns(line) <= 60, "{line}");
        }
        assert_eq!(&ex.text()[ranges[0].clone()], "Kiev");
        assert_eq!(&ex.text()[ranges[1].clone()], "hair-brained");
        assert!(ex.text().starts_with("… "), "{}", ex.text());
        let place = |at: usize| {
            ex.location((), at)
                .map(|l| (l.line_number, l.column_number))
                .ok()
        };
        assert_eq!(place(ranges[0].start), Some((3, 501)));
        assert_eq!(place(ranges[1].start), Some((3, marks[1].column)));
        // Two windows of one line, with a break (two rows codespan never shows) between.
        assert_eq!(ex.rows.len(), 4);
        assert!(ex.rows.iter().all(|r| r.line == 3));
    }

    #[test]
    fn control_characters_are_escaped_and_offsets_follow_them() {
        let src = SourceFile::new("a", "a\u{1b}[31m b\tKiev\r\nnext\n".to_string());
        let (ex, ranges) = Excerpt::new(&src, &[mark(&src, "Kiev", 0)], 80);
        assert_eq!(ex.text(), "a\\x1b[31m b\tKiev\n");
        assert_eq!(&ex.text()[ranges[0].clone()], "Kiev");
    }

    #[test]
    fn a_span_across_lines_keeps_both_rows_together() {
        let src = SourceFile::new("a", "one two\nthree four\n".to_string());
        let s = src.text.find("two").unwrap_or(0);
        let e = src.text.find(" four").unwrap_or(0);
        let m = Mark {
            span: s..e,
            line: 1,
            column: 5,
            tail: 0,
        };
        let (ex, ranges) = Excerpt::new(&src, &[m], 80);
        assert_eq!(ex.text(), "one two\nthree four\n");
        assert_eq!(&ex.text()[ranges[0].clone()], "two\nthree");
    }

    #[test]
    fn cuts_fall_on_character_boundaries_at_every_width() {
        // Curly apostrophes, accents and wide characters next to every cut.
        let line = "l’été “déjà” 東京 the mayor’s office’s plan—twice—isn’t it? ".repeat(12);
        let src = SourceFile::new("a", format!("{line}Kiev ’90s{line}\n"));
        let marks = [mark(&src, "Kiev", 12), mark(&src, "’90s", 3)];
        for width in 20..120 {
            let (ex, ranges) = Excerpt::new(&src, &marks, width);
            assert_eq!(&ex.text()[ranges[0].clone()], "Kiev", "{width}");
            assert_eq!(&ex.text()[ranges[1].clone()], "’90s", "{width}");
        }
    }
}
