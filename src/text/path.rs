//! How a file is named: paths for display, their extension and parent found over the
//! bytes, absolute paths worked out without the file system, and short I/O messages.

use std::path::{Path, PathBuf};

/// A human message for an I/O error.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            // "Too many levels of symbolic links (os error 40)" -> "too many levels of
            // symbolic links": the same style as the messages above.
            let full = e.to_string();
            let text = match full.rfind(" (os error ") {
                Some(i) if full.ends_with(')') => &full[..i],
                _ => full.as_str(),
            };
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => full,
            }
        }
    }
}

/// `path` made absolute against `cwd` without asking the file system: `.` dropped and
/// `..` taken as the parent of what precedes it, as the shell's `cd` does (a link
/// followed by `..` is not resolved).
pub fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    // On Unix, over the bytes: `PathBuf::push` per component was most of configuration
    // discovery's time.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::{OsStrExt, OsStringExt};
        let mut out: Vec<u8> =
            Vec::with_capacity(cwd.as_os_str().len() + path.as_os_str().len() + 1);
        let mut push = |bytes: &[u8]| {
            for part in bytes.split(|&b| b == b'/') {
                match part {
                    b"" | b"." => {}
                    b".." => match memchr::memrchr(b'/', &out) {
                        Some(i) => out.truncate(i.max(1)),
                        None => out.clear(),
                    },
                    name => {
                        if out.last() != Some(&b'/') {
                            out.push(b'/');
                        }
                        out.extend_from_slice(name);
                    }
                }
            }
        };
        if !path.is_absolute() {
            push(cwd.as_os_str().as_bytes());
        }
        push(path.as_os_str().as_bytes());
        if out.is_empty() {
            out.push(b'/');
        }
        PathBuf::from(std::ffi::OsString::from_vec(out))
    }
    #[cfg(not(unix))]
    absolute_by_components(cwd, path)
}

/// [`absolute`] by `std`'s path components, on every platform.
#[cfg(any(not(unix), test))]
fn absolute_by_components(cwd: &Path, path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = if path.is_absolute() {
        PathBuf::new()
    } else {
        cwd.to_path_buf()
    };
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Where the file name of `path` starts in its bytes, when the path is the plain
/// `dir/name` (or `name`) a walk makes; `None` for anything else (a trailing separator,
/// a root, `.` or `..` as the name), which the callers leave to `std`.
fn name_start(bytes: &[u8]) -> Option<usize> {
    #[cfg(unix)]
    let last_separator = memchr::memrchr(b'/', bytes);
    #[cfg(not(unix))]
    let last_separator = bytes
        .iter()
        .rposition(|&b| std::path::is_separator(b as char));
    let start = match last_separator {
        Some(0) => return None,
        Some(i) => i + 1,
        None => 0,
    };
    let name = &bytes[start..];
    (!name.is_empty() && name != b"." && name != b"..").then_some(start)
}

/// The extension of a path, as [`Path::extension`] gives it, found with one scan back
/// over the bytes: `std` parses the path's components from the back on every call,
/// which was a fifth of a warm run's own work (a few calls for each of thousands of
/// files). `None` for an extension that is not UTF-8.
pub fn extension_of(path: &Path) -> Option<&str> {
    let bytes = path.as_os_str().as_encoded_bytes();
    let Some(start) = name_start(bytes) else {
        return path.extension().and_then(|e| e.to_str());
    };
    let name = &bytes[start..];
    match memchr::memrchr(b'.', name) {
        // A leading dot starts a hidden name, not an extension.
        Some(0) | None => None,
        Some(dot) => std::str::from_utf8(&name[dot + 1..]).ok(),
    }
}

/// The directory of a walked file's path, like [`Path::parent`] (see [`extension_of`]
/// for why); for a path with doubled separators it keeps the trailing ones, which
/// names the same directory.
pub fn parent_of(path: &Path) -> &Path {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        if let Some(start) = name_start(bytes) {
            let end = start.saturating_sub(1);
            return Path::new(std::ffi::OsStr::from_bytes(&bytes[..end]));
        }
    }
    path.parent().unwrap_or(Path::new(""))
}

/// Drops a leading `./` so paths read as the user expects.
pub fn clean(p: &Path) -> PathBuf {
    p.strip_prefix(".")
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| p.to_path_buf())
}

/// A relative path as `a/b/c`: `.` components dropped, separators made `/`, so that keys
/// built from it (baselines, shards) are the same on every platform. Names are shown as
/// [`display`] shows them, so two names that differ only in bytes that are not UTF-8 keep
/// two keys.
pub fn slash_path(p: &Path) -> String {
    p.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| display(Path::new(c.as_os_str())))
        .collect::<Vec<_>>()
        .join("/")
}

/// A path for display, as the bytes that name it: a UTF-8 path without control
/// characters or backslashes is shown as it is. Otherwise each byte that is not UTF-8 is
/// shown as `\xff`, a C0 control character or DEL as `\x1b` (its byte), a C1 control
/// character as `\u{9b}`, and a backslash as `\\` (on Unix, where it is not a separator),
/// so that no file name can move the terminal's cursor or start an escape sequence, a
/// newline cannot split a record, and two names never look the same.
/// [`from_display`] turns it back into the path.
pub fn display(p: &Path) -> String {
    // Most paths are UTF-8 and plain: a copy, checked in one pass.
    match p.to_str() {
        Some(s) if !s.chars().any(needs_escape) => s.to_owned(),
        Some(s) => escape_str(s),
        None => escape_bytes(p.as_os_str().as_encoded_bytes()),
    }
}

/// Whether [`display`] shows `c` escaped.
fn needs_escape(c: char) -> bool {
    c.is_control() || (cfg!(unix) && c == '\\')
}

fn escape_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_char(&mut out, c);
    }
    out
}

fn push_char(out: &mut String, c: char) {
    match c {
        '\\' if cfg!(unix) => out.push_str("\\\\"),
        c if c.is_control() => crate::text::escape::push_control(out, c),
        c => out.push(c),
    }
}

/// [`display`] for bytes that are not all UTF-8 (on Windows, WTF-8: an unpaired surrogate
/// is shown by its three bytes).
fn escape_bytes(mut bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() + 8);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                for c in s.chars() {
                    push_char(&mut out, c);
                }
                return out;
            }
            Err(e) => {
                let (good, bad) = bytes.split_at(e.valid_up_to());
                for c in String::from_utf8_lossy(good).chars() {
                    push_char(&mut out, c);
                }
                let n = e.error_len().unwrap_or(bad.len());
                for b in &bad[..n] {
                    let _ = write!(out, "\\x{b:02x}");
                }
                bytes = &bad[n..];
            }
        }
    }
}

/// The path a [`display`] string names: escapes undone (on Unix; elsewhere the string is
/// the path). A string with a malformed escape is taken as it is.
pub fn from_display(shown: &str) -> PathBuf {
    #[cfg(unix)]
    if shown.contains('\\') {
        use std::os::unix::ffi::OsStringExt;
        if let Some(bytes) = unescape(shown) {
            return PathBuf::from(std::ffi::OsString::from_vec(bytes));
        }
    }
    PathBuf::from(shown)
}

/// The bytes of an escaped [`display`] string.
#[cfg(unix)]
fn unescape(shown: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(shown.len());
    let mut rest = shown;
    while let Some(i) = rest.find('\\') {
        out.extend_from_slice(&rest.as_bytes()[..i]);
        let esc = &rest[i + 1..];
        rest = if let Some(after) = esc.strip_prefix('\\') {
            out.push(b'\\');
            after
        } else if let Some(hex) = esc.strip_prefix('x') {
            out.push(u8::from_str_radix(hex.get(..2)?, 16).ok()?);
            &hex[2..]
        } else if let Some(u) = esc.strip_prefix("u{") {
            let end = u.find('}')?;
            let c = char::from_u32(u32::from_str_radix(&u[..end], 16).ok()?)?;
            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            &u[end + 1..]
        } else {
            return None;
        };
    }
    out.extend_from_slice(rest.as_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_by_bytes_is_absolute_by_components() {
        for (cwd, p) in [
            ("/work/main", "../shared/./corpus"),
            ("/work/main", "a//b/../c/"),
            ("/", ".."),
            ("/", "a"),
            ("/a", "/x/../../y"),
            ("/a/b", "../../.."),
            ("/a/b/", "c"),
            ("/a/./b", "c"),
        ] {
            let (cwd, p) = (Path::new(cwd), Path::new(p));
            assert_eq!(
                absolute(cwd, p),
                absolute_by_components(cwd, p),
                "{cwd:?} {p:?}"
            );
        }
    }

    #[test]
    fn absolute_takes_dot_dot_as_the_parent() {
        let cwd = Path::new("/work/main");
        assert_eq!(
            absolute(cwd, Path::new("../shared/./corpus")),
            Path::new("/work/shared/corpus")
        );
        assert_eq!(absolute(cwd, Path::new("")), cwd);
        assert_eq!(absolute(cwd, Path::new("/a/../b")), Path::new("/b"));
        assert_eq!(absolute(Path::new("/"), Path::new("../..")), Path::new("/"));
    }

    #[test]
    fn extension_and_parent_agree_with_std() {
        for p in [
            "a/b/c.md",
            "c.md",
            "a/.hidden",
            "a/b.tar.gz",
            "a/b.",
            "a/noext",
            "/c.md",
            "a/b/",
            "a/..",
            "..",
            ".",
            "",
            "a//b.MD",
            "./a/b.txt",
        ] {
            let path = Path::new(p);
            assert_eq!(
                extension_of(path),
                path.extension().and_then(|e| e.to_str()),
                "{p}"
            );
            let std_parent = path.parent().unwrap_or(Path::new(""));
            assert_eq!(
                parent_of(path).components().collect::<Vec<_>>(),
                std_parent.components().collect::<Vec<_>>(),
                "{p}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn display_escapes_what_a_terminal_would_act_on_and_is_undone() {
        use std::os::unix::ffi::OsStrExt;
        let cases: [(&[u8], &str); 6] = [
            (b"plain/caf\xc3\xa9.md", "plain/café.md"),
            (b"a\xff.md", "a\\xff.md"),
            (b"a\xfe.md", "a\\xfe.md"),
            (b"\x1b]0;x\x07\nz.md", "\\x1b]0;x\\x07\\x0az.md"),
            (b"c1\xc2\x9b.md\x7f", "c1\\u{9b}.md\\x7f"),
            (b"back\\xff.md", "back\\\\xff.md"),
        ];
        for (raw, shown) in cases {
            let p = Path::new(std::ffi::OsStr::from_bytes(raw));
            assert_eq!(display(p), shown);
            assert_eq!(from_display(shown), p, "{shown}");
        }
        // Two names that differ only in bytes that are not UTF-8 look different.
        let a = display(Path::new(std::ffi::OsStr::from_bytes(b"\xff")));
        let b = display(Path::new(std::ffi::OsStr::from_bytes(b"\xfe")));
        assert_ne!(a, b);
        assert_eq!(
            slash_path(Path::new(std::ffi::OsStr::from_bytes(b"./d/\xff"))),
            "d/\\xff"
        );
    }

    #[test]
    fn io_messages_are_short_and_lower_case() {
        let e = std::io::Error::from_raw_os_error(40);
        assert_eq!(io_message(&e), "too many levels of symbolic links");
        let e = std::io::Error::new(std::io::ErrorKind::NotFound, "x");
        assert_eq!(io_message(&e), "no such file or directory");
        let e = std::io::Error::other("Disk on fire");
        assert_eq!(io_message(&e), "disk on fire");
    }
}
