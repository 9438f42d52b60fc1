//! Markdown (CommonMark + GFM tables, footnotes, strikethrough) through pulldown-cmark's
//! offset iterator. Prose is headings, paragraphs, list items, block quotes, table cells,
//! link text, image alt text and footnote text. Code, raw HTML, link destinations, autolinks,
//! bare URLs, template tags and front matter (except its prose keys) are skipped.

use super::template::Masks;
use super::{ExtractOptions, Prose, ProseBuilder};
use crate::text::span::Span;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// Extracts prose from Markdown.
pub fn extract(text: &str, opts: &ExtractOptions) -> Prose {
    // pulldown-cmark does not see front matter behind a BOM; parse after it and shift.
    let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[base..];
    let masks = Masks::scan(text);
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    options.insert(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS);
    options.insert(Options::ENABLE_HEADING_ATTRIBUTES);

    let mut b = ProseBuilder::for_source(text.len());
    let mut code_depth = 0usize;
    let mut in_meta = false;
    let mut autolink_depth = 0usize;
    // Link types of the open links, so their closing tags can be matched.
    let mut links: Vec<(bool, usize)> = Vec::new();
    // Open inline HTML elements whose content is not prose (`<code>`, `<kbd>` …).
    let mut html_skip: Vec<String> = Vec::new();
    // Where the text of an open inline-HTML `<a href>` starts.
    let mut html_link: Option<usize> = None;

    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let span = Span::new(range.start + base, range.end + base);
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) => {
                    b.end_block();
                    code_depth += 1;
                }
                Tag::MetadataBlock(_) => {
                    b.end_block();
                    in_meta = true;
                }
                Tag::Link { link_type, .. } => {
                    let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    if auto {
                        autolink_depth += 1;
                        b.placeholder(span);
                    }
                    links.push((auto, b.position()));
                }
                Tag::HtmlBlock => {
                    // The start event spans the whole block: comments may cover many lines.
                    comments(&mut b, &text[span.range()], span);
                    b.end_block();
                }
                Tag::BlockQuote(_) => b.block_quote(true),
                Tag::Heading { .. } | Tag::Item | Tag::TableCell => b.fragment(true),
                Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Image { .. } => {}
                _ => b.end_block(),
            },
            Event::End(tag) => match tag {
                TagEnd::BlockQuote(_) => b.block_quote(false),
                TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell => b.fragment(false),
                TagEnd::CodeBlock => code_depth = code_depth.saturating_sub(1),
                TagEnd::MetadataBlock(_) => in_meta = false,
                TagEnd::Link => match links.pop() {
                    Some((true, _)) => autolink_depth = autolink_depth.saturating_sub(1),
                    Some((false, start)) => b.link(start),
                    None => {}
                },
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Image => {}
                _ => b.end_block(),
            },
            Event::Text(t) => {
                if in_meta {
                    front_matter(&mut b, text, span, opts, &masks);
                } else if code_depth > 0 || autolink_depth > 0 || !html_skip.is_empty() {
                    // not prose
                } else if text.get(span.range()) == Some(t.as_ref()) {
                    b.inline_text(text, span, &masks);
                } else {
                    // Decoded text (an escape or an entity): opaque, mapped to its source.
                    b.opaque(span, &t);
                }
            }
            Event::InlineHtml(h) => {
                comments(&mut b, &h, span);
                track_inline_html(&h, &mut html_skip);
                if code_depth == 0 && !in_meta {
                    b.placeholder(span);
                    html_anchor(&h, &mut b, &mut html_link);
                }
            }
            Event::Code(_) | Event::InlineMath(_) | Event::FootnoteReference(_) => {
                if code_depth == 0 && !in_meta {
                    b.placeholder(span);
                }
            }
            Event::SoftBreak | Event::HardBreak => b.space(span),
            Event::Html(_) => b.end_block(),
            Event::DisplayMath(_) => b.end_block(),
            Event::Rule | Event::TaskListMarker(_) => {}
        }
    }
    b.finish()
}

/// Follows `<a href="…">…</a>` written in inline HTML: a link like `[…](…)`. Kept out of
/// line so the extraction loop stays as the optimiser had it.
#[inline(never)]
fn html_anchor(tag: &str, b: &mut ProseBuilder, open: &mut Option<usize>) {
    let t = tag.trim_start().as_bytes();
    let starts = |p: &[u8]| t.len() >= p.len() && t[..p.len()].eq_ignore_ascii_case(p);
    if starts(b"<a ") && tag.to_ascii_lowercase().contains("href") {
        *open = Some(b.position());
    } else if starts(b"</a") {
        if let Some(start) = open.take() {
            b.link(start);
        }
    }
}

/// Inline HTML elements whose content is code, not prose.
const INLINE_SKIP: &[&str] = &[
    "code", "kbd", "samp", "var", "pre", "script", "style", "math", "svg",
];

/// Follows `<code>` … `</code>` and the like in inline HTML.
fn track_inline_html(tag: &str, open: &mut Vec<String>) {
    let t = tag.trim();
    let Some(rest) = t.strip_prefix('<') else {
        return;
    };
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if !INLINE_SKIP.contains(&name.as_str()) {
        return;
    }
    if closing {
        if let Some(pos) = open.iter().rposition(|n| *n == name) {
            open.truncate(pos);
        }
    } else if !t.ends_with("/>") {
        open.push(name);
    }
}

/// Records the `<!-- … -->` comments inside a raw HTML event.
fn comments(b: &mut ProseBuilder, html: &str, span: Span) {
    let mut pos = 0;
    while let Some(rel) = html[pos..].find("<!--") {
        let start = pos + rel;
        let Some(end_rel) = html[start + 4..].find("-->") else {
            break;
        };
        let end = start + 4 + end_rel + 3;
        b.comment(
            Span::new(span.start + start, span.start + end),
            &html[start + 4..end - 3],
        );
        pos = end;
    }
}

/// Lints the values of prose keys (`title: …`) in YAML or TOML front matter, each as its own block.
fn front_matter(
    b: &mut ProseBuilder,
    text: &str,
    span: Span,
    opts: &ExtractOptions,
    masks: &Masks,
) {
    let mut pos = span.start;
    for line in text[span.range()].split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let content = line.trim_end_matches(['\r', '\n']);
        // Only top-level keys: no indentation.
        let Some(sep) = content.find([':', '=']) else {
            continue;
        };
        let key = content[..sep].trim_end();
        if matches!(key.trim_matches('"'), "author" | "authors" | "byline") {
            b.set_byline();
        }
        if key.trim_matches('"') == "date" && !content.starts_with([' ', '\t']) {
            if let Some(year) = super::year_of(&content[sep + 1..]) {
                b.set_year(year);
            }
        }
        if key.is_empty()
            || key.starts_with([' ', '\t'])
            || !opts.prose_keys.iter().any(|k| k == key.trim_matches('"'))
        {
            continue;
        }
        let rest = &content[sep + 1..];
        let lead = rest.len() - rest.trim_start().len();
        let mut value = rest.trim();
        let mut vstart = line_start + sep + 1 + lead;
        // YAML quotes are syntax, not prose: strip the opening one, and the closing one
        // when the value ends on this line (a longer value goes on over several lines).
        if let Some(q) = value.chars().next().filter(|c| *c == '"' || *c == '\'') {
            value = &value[1..];
            vstart += 1;
            if value.ends_with(q) {
                value = &value[..value.len() - 1];
            }
        }
        // Block scalars (`>`, `|`) and empty values are not linted.
        if value.is_empty() || value.starts_with(['>', '|']) {
            continue;
        }
        b.fragment(true);
        b.inline_text(text, Span::new(vstart, vstart + value.len()), masks);
        b.fragment(false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(md: &str) -> String {
        extract(md, &ExtractOptions::default()).text
    }

    #[test]
    fn front_matter_date_gives_the_year() {
        let p = extract(
            "---\ntitle: T\ndate: 2004-05-06T10:00:00Z\n---\n\nText.\n",
            &ExtractOptions::default(),
        );
        assert_eq!(p.year, Some(2004));
        let p = extract(
            "+++\ndate = \"1987-10-19\"\n+++\n\nText.\n",
            &ExtractOptions::default(),
        );
        assert_eq!(p.year, Some(1987));
        let p = extract("Text with date: 2001.\n", &ExtractOptions::default());
        assert_eq!(p.year, None);
    }

    #[test]
    fn skips_code_urls_and_front_matter() {
        let md = "---\ntitle: The Title\nslug: the-slug\n---\n\n# Head\n\nSome `code` and\nmore [text](http://x.org) at https://y.org.\n\n```\nthe the\n```\n";
        assert_eq!(
            prose(md),
            "The Title\n\nHead\n\nSome \u{FFFC} and more text at \u{FFFC}."
        );
    }

    #[test]
    fn exact_pieces_map_back() {
        let md = "\u{feff}A *b* &amp; c\r\nd {{< x >}} e";
        let p = extract(md, &ExtractOptions::default());
        assert_eq!(p.text, "A b & c d \u{FFFC} e");
        for piece in p.pieces.iter().filter(|p| p.exact) {
            assert_eq!(
                &p.text[piece.prose_start..piece.prose_end],
                &md[piece.src.range()]
            );
        }
    }

    #[test]
    fn spaces_around_a_link_destination_are_not_contiguous() {
        let md = "See [the site ](http://x.org) now, and  here.";
        let p = extract(md, &ExtractOptions::default());
        let i = p.text.find("  ").unwrap_or(0);
        assert!(
            !p.is_contiguous(crate::text::span::ProseSpan::new(i, i + 2)),
            "{:?}",
            p.text
        );
        let j = p.text.rfind("  ").unwrap_or(0);
        assert!(p.is_contiguous(crate::text::span::ProseSpan::new(j, j + 2)));
    }
}
