//! copydesk's errors: [`Error`], the one error type of the library, and [`FileError`],
//! an error in a file the user wrote (configuration and rule packs) with the exact place,
//! rendered with codespan-reporting, pointing at the line and key.
//!
//! The files named here, and the files themselves, may come from a repository: every
//! rendering escapes control characters (see [`crate::text::escape`]) in the path, the
//! message and the echoed source line, so that none reaches a terminal raw. Paths are
//! given as [`crate::text::path::display`] shows them (bytes that are not UTF-8 as `\xff`).

use crate::text::escape::controls;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label as CsLabel};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

/// Everything that can go wrong in the library.
#[derive(Debug, Clone)]
pub enum Error {
    /// Configuration or rule files with errors, each at its place.
    Files(Vec<FileError>),
    /// A baseline file that cannot be read or used.
    Baseline(String),
    /// `--diff-base`: git could not say what changed.
    Git(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Files(errs) => {
                for (i, e) in errs.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{e}")?;
                }
                Ok(())
            }
            // A baseline's name and parts of its text are in the message; git's own
            // message may run over several lines.
            Error::Baseline(m) => f.write_str(&controls(m, &[])),
            Error::Git(m) => f.write_str(&controls(m, &['\n'])),
        }
    }
}

impl std::error::Error for Error {}

impl From<Vec<FileError>> for Error {
    fn from(errs: Vec<FileError>) -> Self {
        Error::Files(errs)
    }
}

/// An error located in a configuration or rule file.
#[derive(Debug, Clone)]
pub struct FileError {
    /// The file's path.
    pub path: String,
    /// The file's text, when it could be read.
    pub text: Option<String>,
    /// The bytes at fault, when known.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: String,
}

impl FileError {
    /// An error about a whole file (it could not be read, or is missing something).
    pub fn whole(path: impl Into<String>, message: impl Into<String>) -> Self {
        FileError {
            path: path.into(),
            text: None,
            span: None,
            message: message.into(),
        }
    }

    /// An error at a place in a file.
    pub fn at(
        path: impl Into<String>,
        text: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        FileError {
            path: path.into(),
            text: Some(text.to_string()),
            span,
            message: message.into(),
        }
    }

    /// From a TOML parse or schema error.
    pub fn from_toml(path: &str, text: &str, e: &toml::de::Error) -> Self {
        FileError::at(path, text, e.span(), e.message().to_string())
    }

    /// 1-based line of the error, if it has a place.
    pub fn line(&self) -> Option<usize> {
        let (text, span) = (self.text.as_ref()?, self.span.as_ref()?);
        let end = span.start.min(text.len());
        Some(
            1 + text.as_bytes()[..end]
                .iter()
                .filter(|&&b| b == b'\n')
                .count(),
        )
    }

    /// Writes the error as codespan-reporting renders it, with control characters
    /// escaped in the path, the message and the echoed line.
    pub fn render(&self, out: &mut dyn term::termcolor::WriteColor) -> std::io::Result<()> {
        let config = term::Config::default();
        let (path, message) = (controls(&self.path, &[]), controls(&self.message, &[]));
        match (&self.text, &self.span) {
            (Some(text), Some(span)) => {
                let (text, span) = echoed(text, clamp(span.clone(), text.len()));
                let file = SimpleFile::new(path.as_ref(), text.as_ref());
                let diag = CsDiagnostic::error()
                    .with_message(message)
                    .with_labels(vec![CsLabel::primary((), span)]);
                term::emit(out, &config, &file, &diag).map_err(std::io::Error::other)
            }
            _ => writeln!(out, "error: {path}: {message}"),
        }
    }
}

fn clamp(span: Range<usize>, len: usize) -> Range<usize> {
    let start = span.start.min(len);
    start..span.end.clamp(start, len)
}

/// `text` as codespan-reporting may echo it, and `span` moved to match: every control
/// character escaped (`\x1b`) except the line endings codespan-reporting splits on and
/// trims (`\n`, and `\r` before one) and tabs (which it expands to spaces). The lines
/// stay the same; columns count the escapes, as the echoed line shows them.
fn echoed(text: &str, span: Range<usize>) -> (Cow<'_, str>, Range<usize>) {
    let bytes = text.as_bytes();
    let kept = |i: usize, c: char| {
        c == '\n' || c == '\t' || (c == '\r' && bytes.get(i + 1) == Some(&b'\n'))
    };
    if !text
        .char_indices()
        .any(|(i, c)| c.is_control() && !kept(i, c))
    {
        return (Cow::Borrowed(text), span);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let (mut start, mut end) = (None, None);
    for (i, c) in text.char_indices() {
        if i >= span.start && start.is_none() {
            start = Some(out.len());
        }
        if i >= span.end && end.is_none() {
            end = Some(out.len());
        }
        if c.is_control() && !kept(i, c) {
            crate::text::escape::push_control(&mut out, c);
        } else {
            out.push(c);
        }
    }
    let start = start.unwrap_or(out.len());
    let end = end.unwrap_or(out.len()).max(start);
    (Cow::Owned(out), start..end)
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (path, message) = (controls(&self.path, &[]), controls(&self.message, &[]));
        match self.line() {
            Some(line) => write!(f, "{path}:{line}: {message}"),
            None => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for FileError {}

/// Where `needle` is written in a TOML file (a configuration or rule file), for pointing
/// an error at it: the span the TOML parser gives the first key or string value, in the
/// order of the file, that equals `needle`; else, for a needle that is no whole key or
/// value (a table header such as `[[examples]]`), the first place the text has it.
pub fn locate(text: &str, needle: &str) -> Option<Range<usize>> {
    if needle.is_empty() {
        return None;
    }
    if let Ok(doc) = toml::de::DeTable::parse(text) {
        let mut first: Option<Range<usize>> = None;
        find_in_table(doc.get_ref(), needle, text, &mut first);
        if first.is_some() {
            return first;
        }
    }
    // A string value is usually written as a TOML basic string: look for its escaped form
    // first (a regex `\bx` is written `"\\bx"`), then for the text as it is.
    let escaped = needle.replace('\\', "\\\\").replace('"', "\\\"");
    if escaped != needle {
        if let Some(i) = text.find(&escaped) {
            return Some(i..i + escaped.len());
        }
    }
    text.find(needle).map(|i| i..i + needle.len())
}

/// Keeps in `first` the earliest span of a key or string value equal to `needle`.
fn find_in_table(
    table: &toml::de::DeTable<'_>,
    needle: &str,
    text: &str,
    first: &mut Option<Range<usize>>,
) {
    for (key, value) in table {
        if key.get_ref().as_ref() == needle {
            keep_earliest(first, inside_quotes(text, key.span()));
        }
        find_in_value(value, needle, text, first);
    }
}

fn find_in_value(
    value: &toml::Spanned<toml::de::DeValue<'_>>,
    needle: &str,
    text: &str,
    first: &mut Option<Range<usize>>,
) {
    match value.get_ref() {
        toml::de::DeValue::String(s) if s.as_ref() == needle => {
            keep_earliest(first, inside_quotes(text, value.span()));
        }
        toml::de::DeValue::Array(items) => {
            for item in items.iter() {
                find_in_value(item, needle, text, first);
            }
        }
        toml::de::DeValue::Table(t) => find_in_table(t, needle, text, first),
        _ => {}
    }
}

/// A string value's span without its quotation marks: the error points at the text.
fn inside_quotes(text: &str, span: Range<usize>) -> Range<usize> {
    let written = text.get(span.clone()).unwrap_or_default();
    let q = ["\"\"\"", "'''", "\"", "'"]
        .iter()
        .find(|q| {
            written.len() >= 2 * q.len() && written.starts_with(**q) && written.ends_with(**q)
        })
        .map_or(0, |q| q.len());
    span.start + q..span.end - q
}

fn keep_earliest(first: &mut Option<Range<usize>>, span: Range<usize>) {
    if first.as_ref().is_none_or(|f| span.start < f.start) {
        *first = Some(span);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_uses_the_parsers_spans() {
        // The needle in a comment and inside a longer string is passed over: the key and
        // the value that are it are found.
        let text = "# groups of words\ndescription = \"groups\"\n[consistency]\ngroups = [\"a\", \"\\\\bx\"]\n";
        let at = |needle: &str| locate(text, needle).map(|r| &text[r]);
        assert_eq!(at("groups"), Some("groups"));
        assert_eq!(locate(text, "groups"), Some(33..39));
        assert_eq!(at("a"), Some("a"));
        assert_eq!(at("\\bx"), Some("\\\\bx"));
        assert_eq!(at("consistency"), Some("consistency"));
        // No key or value: the text as written.
        assert_eq!(at("[consistency]"), Some("[consistency]"));
    }

    #[test]
    fn echoed_text_escapes_controls_and_keeps_the_span_on_its_bytes() {
        let text = "a = 1\r\nb\t= \"\u{1b}]0;x\u{7}\" # \u{9b}\r\n";
        let at = text.find('"').unwrap_or_default();
        let (shown, span) = echoed(text, at..at + 8);
        assert_eq!(shown, "a = 1\r\nb\t= \"\\x1b]0;x\\x07\" # \\u{9b}\r\n");
        assert_eq!(&shown[span], "\"\\x1b]0;x\\x07\"");
        let (shown, span) = echoed("plain\n", 0..5);
        assert!(matches!(shown, Cow::Borrowed(_)));
        assert_eq!(span, 0..5);
        let (shown, span) = echoed("x\ry", 3..3);
        assert_eq!((shown.as_ref(), span), ("x\\x0dy", 6..6));
    }

    #[test]
    fn locate_finds_escaped_strings() {
        let text = "a = \"x\"\npatterns = [\"\\\\bfoo\\\\b\"]\n";
        assert_eq!(locate(text, "\\bfoo\\b"), Some(21..30));
        assert_eq!(locate(text, "x"), Some(5..6));
        assert_eq!(locate(text, ""), None);
    }
}
