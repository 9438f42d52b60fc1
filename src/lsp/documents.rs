//! The documents the editor has open: their text as the editor holds it (unsaved edits
//! included), its version, and the findings last worked out for it. Also the mapping
//! between `file://` URIs and paths.

use super::position::{Encoding, LineIndex};
use crate::config::Profile;
use crate::diagnostic::Diagnostic;
use crate::text::markup::Format;
use lsp_types::Uri;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Arc;

/// One open document.
#[derive(Debug)]
pub struct Document {
    /// The editor's version number of `text`.
    pub version: i32,
    /// The text as the editor holds it.
    pub text: Arc<str>,
    /// The file it is, for configuration discovery; `None` for an unsaved buffer.
    pub path: Option<PathBuf>,
    /// The editor's language id (`markdown`, `html`, `plaintext`, ...).
    pub language: String,
    /// Line starts of `text`.
    pub index: LineIndex,
    /// The findings last worked out (for `version`, or for an earlier one while the
    /// newest is waiting to be linted).
    pub linted: Option<Linted>,
    /// The newest version, shared with the worker so that it skips stale jobs.
    pub latest: Arc<AtomicI32>,
}

impl Document {
    /// A document as opened.
    pub fn new(uri: &Uri, version: i32, text: String, language: String, enc: Encoding) -> Self {
        let index = LineIndex::new(&text, enc);
        Document {
            version,
            text: Arc::from(text),
            path: uri_to_path(uri),
            language,
            index,
            linted: None,
            latest: Arc::new(AtomicI32::new(version)),
        }
    }

    /// Replaces the text (a new version); the findings are out of date until linted.
    pub fn replace(&mut self, version: i32, text: String, enc: Encoding) {
        self.index = LineIndex::new(&text, enc);
        self.text = Arc::from(text);
        self.version = version;
        self.latest.store(version, Ordering::Release);
    }

    /// The findings, if they are for the current version.
    pub fn fresh(&self) -> Option<&Linted> {
        self.linted.as_ref().filter(|l| l.version == self.version)
    }

    /// Whether copydesk lints it: prose documents, not its own configuration.
    pub fn is_prose(&self) -> bool {
        let toml = self.language == "toml"
            || self
                .path
                .as_deref()
                .and_then(Path::extension)
                .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        !toml
    }
}

/// The result of linting one version of a document.
#[derive(Debug, Clone)]
pub struct Linted {
    /// The version linted.
    pub version: i32,
    /// The findings, in source order.
    pub diagnostics: Arc<Vec<Diagnostic>>,
    /// The profile used (the built-in defaults when the configuration has errors).
    pub profile: Option<Arc<Profile>>,
    /// The configuration file that applies, if any.
    pub config: Option<PathBuf>,
    /// The format it was linted as.
    pub format: Format,
}

/// The markup format of a document: an override or a known extension decides; else the
/// editor's language id (an untitled buffer, or `.mdx` the editor calls Markdown).
pub fn format_of(profile: Option<&Profile>, path: Option<&Path>, language: &str) -> Format {
    let by_language = match language {
        "markdown" | "mdx" | "quarto" | "rmd" => Some(Format::Markdown),
        "html" | "xhtml" | "htm" => Some(Format::Html),
        "plaintext" | "text" | "txt" => Some(Format::Plain),
        _ => None,
    };
    let known_ext = path
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension)
        .is_some();
    match (profile, path) {
        (Some(p), Some(path)) if known_ext || by_language.is_none() => p.format_for(path),
        (None, Some(path)) if known_ext => Format::for_path(path),
        _ => by_language.unwrap_or(Format::Plain),
    }
}

/// The path of a `file:` URI (percent-decoded), `None` for other schemes.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s
        .strip_prefix("file://")
        .or_else(|| s.strip_prefix("FILE://"))?;
    // An authority (`file://host/path`) other than localhost is not a local file.
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(i) if rest[..i].eq_ignore_ascii_case("localhost") => &rest[i..],
        _ => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let mut bytes = Vec::with_capacity(path.len());
    let raw = path.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (raw[i], raw.get(i + 1).copied(), raw.get(i + 2).copied()) {
            (b'%', Some(h), Some(l)) if hex(h).is_some() && hex(l).is_some() => {
                let v = hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0);
                bytes.push(u8::try_from(v).unwrap_or(b'?'));
                i += 3;
            }
            (b, _, _) => {
                bytes.push(b);
                i += 1;
            }
        }
    }
    Some(bytes_to_path(bytes))
}

#[cfg(unix)]
fn bytes_to_path(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn bytes_to_path(bytes: Vec<u8>) -> PathBuf {
    // `/C:/dir/file` on Windows.
    let s = String::from_utf8_lossy(&bytes).into_owned();
    let s = match s.strip_prefix('/') {
        Some(rest) if rest.as_bytes().get(1) == Some(&b':') => rest.to_string(),
        _ => s,
    };
    PathBuf::from(s)
}

/// The `file:` URI of an absolute path, percent-encoding what a URI path cannot hold.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let abs = std::path::absolute(path).ok()?;
    let raw = abs.as_os_str().as_encoded_bytes();
    let mut out = String::from("file://");
    if !raw.starts_with(b"/") {
        out.push('/');
    }
    for &b in raw {
        let b = if cfg!(not(unix)) && b == b'\\' {
            b'/'
        } else {
            b
        };
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip() {
        let uri: Uri = "file:///tmp/a%20b/caf%C3%A9.md".parse().unwrap();
        let path = uri_to_path(&uri).unwrap();
        assert_eq!(path, PathBuf::from("/tmp/a b/café.md"));
        assert_eq!(path_to_uri(&path).unwrap(), uri);
        let other: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(uri_to_path(&other), None);
    }

    #[test]
    fn language_decides_for_unknown_extensions() {
        assert_eq!(format_of(None, None, "markdown"), Format::Markdown);
        let mdx = Path::new("/x/a.mdx");
        assert_eq!(format_of(None, Some(mdx), "markdown"), Format::Markdown);
        assert_eq!(
            format_of(None, Some(Path::new("/x/a.html")), "x"),
            Format::Html
        );
    }
}
