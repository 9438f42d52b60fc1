//! Non-prose spans found by scanning the raw source: template tags (Hugo shortcodes
//! `{{< … >}}` and `{{% … %}}`, Go/Jinja `{{ … }}` and `{% … %}`), bare URLs and e-mail
//! addresses. Extractors cut these out of prose and leave a placeholder.

use crate::text::span::Span;

/// Sorted, non-overlapping source spans that are not prose.
#[derive(Debug, Clone, Default)]
pub struct Masks {
    spans: Vec<Span>,
}

impl Masks {
    /// Scans `text` for template tags, URLs and e-mail addresses.
    pub fn scan(text: &str) -> Masks {
        let mut spans = Vec::new();
        scan_templates(text, &mut spans);
        scan_urls(text, &mut spans);
        spans.sort();
        // Merge overlaps so callers can walk them in one pass.
        let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
        for s in spans {
            match merged.last_mut() {
                Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
                _ => merged.push(s),
            }
        }
        Masks { spans: merged }
    }

    /// The masked spans that overlap `range`, in order.
    pub fn within(&self, range: Span) -> &[Span] {
        let lo = self.spans.partition_point(|s| s.end <= range.start);
        let hi = self.spans.partition_point(|s| s.start < range.end);
        &self.spans[lo..hi.max(lo)]
    }

    /// All masked spans.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }
}

fn scan_templates(text: &str, out: &mut Vec<Span>) {
    let b = text.as_bytes();
    let mut i = 0;
    // Jump from brace to brace: most documents have none, and memchr skips a whole
    // vector of bytes at a time.
    while let Some(rel) = memchr::memchr(b'{', &b[i..]) {
        i += rel;
        if i + 1 >= b.len() {
            break;
        }
        if b[i + 1] == b'{' || b[i + 1] == b'%' {
            let close: &[u8] = if b[i + 1] == b'{' { b"}}" } else { b"%}" };
            // Template tags may span lines (shortcode parameters), but not whole documents:
            // give up after 4 KiB so a stray "{{" does not hide the rest of the article.
            let limit = (i + 4096).min(b.len());
            if let Some(rel) = memchr::memmem::find(&b[i + 2..limit], close) {
                let end = i + 2 + rel + close.len();
                out.push(Span::new(i, end));
                i = end;
                continue;
            }
        }
        i += 1;
    }
}

/// URL schemes that start a masked link, each recognised at the `:` that ends it.
const SCHEMES: [&[u8]; 4] = [b"https://", b"http://", b"ftp://", b"mailto:"];

fn scan_urls(text: &str, out: &mut Vec<Span>) {
    let b = text.as_bytes();
    let at_word_start = |i: usize| i == 0 || !b[i - 1].is_ascii_alphanumeric();
    // Every URL or address has a `:` (scheme), a `.` (after "www") or an `@` near its
    // start; look only at those bytes instead of trying every scheme at every byte.
    let mut i = 0;
    let mut from = 0;
    while let Some(rel) = memchr::memchr3(b':', b'.', b'@', &b[from..]) {
        let t = from + rel;
        from = t + 1;
        let start = match b[t] {
            b':' => SCHEMES.iter().find_map(|scheme| {
                let name = scheme.iter().position(|&c| c == b':').unwrap_or(0);
                let s = t.checked_sub(name)?;
                (s >= i && at_word_start(s) && starts_with_ci(&b[s..], scheme)).then_some(s)
            }),
            b'.' => t
                .checked_sub(3)
                .filter(|&s| s >= i && at_word_start(s) && b[s..t].eq_ignore_ascii_case(b"www")),
            _ => None,
        };
        if let Some(s) = start {
            let end = url_end(b, s);
            out.push(Span::new(s, end));
            i = end;
            from = from.max(end);
            continue;
        }
        if b[t] == b'@' && t >= i && t > 0 && b[t - 1].is_ascii_alphanumeric() {
            // An e-mail address: extend left over the local part and right over the domain.
            let mut s = t;
            while s > 0 && (b[s - 1].is_ascii_alphanumeric() || b"._%+-".contains(&b[s - 1])) {
                s -= 1;
            }
            let mut e = t + 1;
            while e < b.len() && (b[e].is_ascii_alphanumeric() || b".-".contains(&b[e])) {
                e += 1;
            }
            while e > t + 1 && b[e - 1] == b'.' {
                e -= 1;
            }
            if e > t + 1 && b[t + 1..e].contains(&b'.') {
                out.push(Span::new(s, e));
                i = e;
                from = from.max(e);
            }
        }
    }
}

fn starts_with_ci(hay: &[u8], prefix: &[u8]) -> bool {
    hay.len() >= prefix.len() && hay[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Where a URL starting at `start` ends: at whitespace, a quote or angle bracket, and
/// without trailing sentence punctuation or an unbalanced closing parenthesis.
fn url_end(b: &[u8], start: usize) -> usize {
    let mut e = start;
    let mut parens = 0i32;
    while e < b.len() {
        let c = b[e];
        if c.is_ascii_whitespace() || c == b'<' || c == b'>' || c == b'"' || c == b'`' {
            break;
        }
        // Stop at the first non-ASCII byte that is a curly quote or other punctuation.
        if c >= 0x80 && text_punct_at(b, e) {
            break;
        }
        if c == b'(' {
            parens += 1;
        } else if c == b')' {
            if parens == 0 {
                break;
            }
            parens -= 1;
        }
        e += 1;
    }
    while e > start && b".,;:!?'*_".contains(&b[e - 1]) {
        e -= 1;
    }
    e
}

fn text_punct_at(b: &[u8], i: usize) -> bool {
    // U+2018..U+201D (curly quotes) are E2 80 98..9D; U+00A0 is C2 A0.
    (b[i] == 0xE2 && b.get(i + 1) == Some(&0x80)) || (b[i] == 0xC2 && b.get(i + 1) == Some(&0xA0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str) -> Vec<&str> {
        Masks::scan(text)
            .spans()
            .iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn finds_templates_urls_and_emails() {
        assert_eq!(
            masked(
                "See {{< img src=\"a\" >}} and {% raw %} at https://x.org/a_(b). Mail a.b@gsa.gov."
            ),
            vec![
                "{{< img src=\"a\" >}}",
                "{% raw %}",
                "https://x.org/a_(b)",
                "a.b@gsa.gov"
            ]
        );
    }

    /// The byte-by-byte definition the scanner must agree with.
    fn reference_urls(text: &str) -> Vec<Span> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            let at_word_start = i == 0 || !b[i - 1].is_ascii_alphanumeric();
            if at_word_start
                && ["https://", "http://", "ftp://", "mailto:", "www."]
                    .iter()
                    .any(|p| starts_with_ci(&b[i..], p.as_bytes()))
            {
                let end = url_end(b, i);
                out.push(Span::new(i, end));
                i = end;
                continue;
            }
            if b[i] == b'@' && i > 0 && b[i - 1].is_ascii_alphanumeric() {
                let mut s = i;
                while s > 0 && (b[s - 1].is_ascii_alphanumeric() || b"._%+-".contains(&b[s - 1])) {
                    s -= 1;
                }
                let mut e = i + 1;
                while e < b.len() && (b[e].is_ascii_alphanumeric() || b".-".contains(&b[e])) {
                    e += 1;
                }
                while e > i + 1 && b[e - 1] == b'.' {
                    e -= 1;
                }
                if e > i + 1 && b[i + 1..e].contains(&b'.') {
                    out.push(Span::new(s, e));
                    i = e;
                    continue;
                }
            }
            i += 1;
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn urls_match_the_reference(
            text in "(https?://|ftp://|mailto:|[wW]{3}\\.|[a-z]{1,3}|@|\\.|:|/| |\\(|\\)|’|x@y\\.z){0,12}"
        ) {
            let mut fast = Vec::new();
            scan_urls(&text, &mut fast);
            proptest::prop_assert_eq!(fast, reference_urls(&text));
        }
    }

    #[test]
    fn unclosed_tag_is_not_masked() {
        assert!(masked("a {{ b").is_empty());
    }
}
