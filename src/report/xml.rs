//! XML escaping for the XML formats (checkstyle, junit).

/// Escapes text for an XML attribute value in double quotes or for element content.
///
/// Besides `& < > " '`, line breaks and tabs are written as character references so an
/// attribute keeps them (a parser would normalise a literal one to a space), and
/// characters XML 1.0 forbids (other C0 controls, U+FFFE, U+FFFF) become U+FFFD, since no
/// escape can represent them.
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
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
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
            escape("a<b> & \"c\" 'd'\n\te\u{1}f"),
            "a&lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;&#10;&#9;e\u{fffd}f"
        );
        assert_eq!(escape("“curly” é"), "“curly” é");
    }
}
