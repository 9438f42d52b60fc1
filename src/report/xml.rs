//! XML escaping for the XML formats (checkstyle, junit).

/// Escapes text for an XML attribute value in double quotes or for element content.
///
/// Besides `& < > " '`, line breaks and tabs are written as character references so an
/// attribute keeps them (a parser would normalise a literal one to a space). Other
/// control characters, which XML 1.0 forbids (C0, even as references) or discourages
/// (DEL, C1; XML 1.1 forbids them raw) and a terminal showing the report would act on,
/// are written as visible text, `\x1b` or `\u{9b}`, as in the other formats; U+FFFE and
/// U+FFFF, which XML forbids too, become U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if c.is_control() => crate::text::escape::push_control(&mut out, c),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_quotes_breaks_and_forbidden_characters() {
        assert_eq!(
            escape("a<b> & \"c\" 'd'\n\te\u{1}f\u{1b}\u{7f}\u{9b}\u{ffff}"),
            "a&lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;&#10;&#9;e\\x01f\\x1b\\x7f\\u{9b}\u{fffd}"
        );
        assert_eq!(escape("“curly” é"), "“curly” é");
    }
}
