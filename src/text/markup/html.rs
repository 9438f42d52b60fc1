//! HTML through the html5gum tokenizer (WHATWG-compliant, with byte spans). Prose is the
//! text of the body outside `script`, `style`, `code`, `pre`, `kbd`, `samp` and friends,
//! plus the `alt` and `title` attributes (configurable). Entities are decoded while keeping
//! the map back to source bytes; whitespace runs fold to one space, as a browser shows them.

use super::template::Masks;
use super::{ExtractOptions, Prose, ProseBuilder};
use crate::text::span::Span;
use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Elements whose content is never prose.
const SKIP: &[&str] = &[
    "script", "style", "code", "pre", "kbd", "samp", "var", "textarea", "template", "svg", "math",
    "noscript", "head", "iframe", "object", "canvas", "select",
];

/// Elements that start and end a block of prose.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "td",
    "th",
    "tr",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "hr",
    "address",
    "details",
    "summary",
    "body",
    "html",
    "form",
    "fieldset",
    "legend",
    "option",
    "br",
];

/// Extracts prose from HTML.
pub fn extract(text: &str, opts: &ExtractOptions) -> Prose {
    let masks = Masks::scan(text);
    let mut b = ProseBuilder::for_source(text.len());
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut skip: Vec<String> = Vec::new();
    let mut link_start: Option<usize> = None;
    for token in Tokenizer::new_with_emitter(text, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if BLOCKS.contains(&name.as_str()) {
                    b.end_block();
                } else if skip.is_empty() {
                    // An inline tag between words stands for nothing: no space is added,
                    // so "<b>hair</b>-brained" stays one word.
                }
                if skip.is_empty() {
                    // In source order (not the order of the option), so that pieces stay
                    // in source order: `<img title="…" alt="…">`.
                    let mut values: Vec<(Span, &[u8])> = opts
                        .html_attributes
                        .iter()
                        .filter_map(|key| tag.attributes.get(key.as_bytes()))
                        .filter_map(|v| {
                            attribute_value_span(text, v.span.start).map(|s| (s, &v.value[..]))
                        })
                        .collect();
                    values.sort_by_key(|(s, _)| (s.start, s.end));
                    values.dedup_by_key(|(s, _)| s.start);
                    for (span, value) in values {
                        b.end_block();
                        push_text(&mut b, text, span, value, &masks);
                        b.end_block();
                    }
                }
                if name == "blockquote" && skip.is_empty() {
                    b.block_quote(true);
                }
                if name == "a" && tag.attributes.contains_key(b"href".as_slice()) {
                    link_start = Some(b.position());
                }
                if SKIP.contains(&name.as_str()) && !tag.self_closing {
                    b.end_block();
                    skip.push(name);
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if name == "blockquote" && skip.is_empty() {
                    b.block_quote(false);
                }
                if name == "a" {
                    if let Some(start) = link_start.take() {
                        b.link(start);
                    }
                }
                if let Some(pos) = skip.iter().rposition(|s| *s == name) {
                    skip.truncate(pos);
                } else if BLOCKS.contains(&name.as_str()) {
                    b.end_block();
                }
            }
            Token::String(s) => {
                if skip.is_empty() {
                    push_text(
                        &mut b,
                        text,
                        Span::new(s.span.start, s.span.end),
                        &s.value,
                        &masks,
                    );
                }
            }
            Token::Comment(c) => {
                b.end_block();
                b.comment(
                    Span::new(c.span.start, c.span.end),
                    &String::from_utf8_lossy(&c.value),
                );
            }
            Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    b.finish()
}

/// The source span of an attribute's value, given where the attribute (its name) starts:
/// after `=` and optional whitespace, inside the quotes if there are any.
fn attribute_value_span(source: &str, name_start: usize) -> Option<Span> {
    let bytes = source.as_bytes();
    let mut i = name_start;
    while i < bytes.len() && bytes[i] != b'=' {
        if bytes[i] == b'>' {
            return None;
        }
        i += 1;
    }
    i += 1;
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    let quote = *bytes.get(i)?;
    if quote == b'"' || quote == b'\'' {
        let start = i + 1;
        let end = start + source.get(start..)?.find(quote as char)?;
        Some(Span::new(start, end))
    } else {
        let start = i;
        let len = source[start..]
            .find(|c: char| c.is_ascii_whitespace() || c == '>')
            .unwrap_or(source.len() - start);
        Some(Span::new(start, start + len))
    }
}

/// Pushes one text token. Source text between entities is exact (whitespace runs folded);
/// each entity is an opaque piece with its decoded text. If our piecewise decoding does not
/// reproduce the tokenizer's, the whole token becomes one opaque piece: positions stay
/// correct, only coarser.
fn push_text(b: &mut ProseBuilder, source: &str, span: Span, decoded: &[u8], masks: &Masks) {
    let Some(raw) = source.get(span.range()) else {
        return;
    };
    let decoded = String::from_utf8_lossy(decoded);
    if raw == decoded {
        b.html_text(source, span, masks);
        return;
    }
    let mut pieces: Vec<(Span, Option<String>)> = Vec::new();
    let mut check = String::with_capacity(raw.len());
    let mut pos = 0;
    while let Some(rel) = raw[pos..].find('&') {
        let amp = pos + rel;
        if let Some((len, dec)) = entity_at(&raw[amp..]) {
            pieces.push((Span::new(span.start + pos, span.start + amp), None));
            pieces.push((
                Span::new(span.start + amp, span.start + amp + len),
                Some(dec.clone()),
            ));
            check.push_str(&raw[pos..amp]);
            check.push_str(&dec);
            pos = amp + len;
        } else {
            check.push_str(&raw[pos..=amp]);
            pieces.push((Span::new(span.start + pos, span.start + amp + 1), None));
            pos = amp + 1;
        }
    }
    pieces.push((Span::new(span.start + pos, span.end), None));
    check.push_str(&raw[pos..]);
    if check != decoded {
        let folded: String = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
        b.opaque(span, &folded);
        return;
    }
    for (s, dec) in pieces {
        match dec {
            None => b.html_text(source, s, masks),
            Some(d) => b.opaque(s, &d),
        }
    }
}

/// The length and decoded text of a character reference at the start of `s`.
fn entity_at(s: &str) -> Option<(usize, String)> {
    let bytes = s.as_bytes();
    let mut end = 1;
    if bytes.get(1) == Some(&b'#') {
        end = 2;
        if matches!(bytes.get(2), Some(b'x' | b'X')) {
            end = 3;
        }
        while end < bytes.len() && end < 12 && bytes[end].is_ascii_hexdigit() {
            end += 1;
        }
    } else {
        while end < bytes.len() && end < 40 && bytes[end].is_ascii_alphanumeric() {
            end += 1;
        }
    }
    if bytes.get(end) == Some(&b';') {
        end += 1;
    }
    if end <= 2 {
        return None;
    }
    let candidate = &s[..end];
    // Let the tokenizer decode the reference on its own: one entity table, the spec's.
    let mut out = Vec::new();
    for t in Tokenizer::new(candidate).flatten() {
        if let Token::String(v) = t {
            out.extend_from_slice(&v.value);
        }
    }
    let dec = String::from_utf8(out).ok()?;
    (dec != candidate).then_some((end, dec))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_text_entities_and_attributes() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\n<p>Fish &amp; chips,\n  it&#8217;s  <b>good</b>.</p><pre>the the</pre><img alt=\"A hair-brained plan\"><script>x=1</script></body></html>";
        let p = extract(html, &ExtractOptions::default());
        assert_eq!(p.text, "Fish & chips, it’s good.\n\nA hair-brained plan");
        for piece in p.pieces.iter().filter(|p| p.exact) {
            assert_eq!(
                &p.text[piece.prose_start..piece.prose_end],
                &html[piece.src.range()]
            );
        }
        let i = p.text.find("it’s").unwrap_or(0);
        let s = p.to_source(crate::text::span::ProseSpan::new(i, i + "it’s".len()));
        assert_eq!(&html[s.range()], "it&#8217;s");
    }

    #[test]
    fn attributes_are_taken_in_source_order() {
        // Found by the `html` fuzz target: `alt` came first whatever its place in the tag,
        // so pieces went out of source order.
        let html = "<img title=\"A title\" alt=\"An alt\">";
        let p = extract(html, &ExtractOptions::default());
        assert_eq!(p.text, "A title\n\nAn alt");
        let starts: Vec<usize> = p.pieces.iter().map(|p| p.src.start).collect();
        let mut sorted = starts.clone();
        sorted.sort_unstable();
        assert_eq!(starts, sorted);
    }

    #[test]
    fn nbsp_entity_next_to_space_is_kept() {
        let p = extract("<p>a &nbsp;b</p>", &ExtractOptions::default());
        assert_eq!(p.text, "a \u{a0}b");
    }

    #[test]
    fn attribute_values_map_inside_their_quotes() {
        let html = "<img alt = 'A &amp; B' title=plain>";
        let p = extract(html, &ExtractOptions::default());
        assert_eq!(p.text, "A & B\n\nplain");
        let s = p.to_source(crate::text::span::ProseSpan::new(0, 1));
        assert_eq!(&html[s.range()], "A");
        let i = p.text.find("plain").unwrap_or(0);
        let s = p.to_source(crate::text::span::ProseSpan::new(i, i + 5));
        assert_eq!(&html[s.range()], "plain");
    }
}
