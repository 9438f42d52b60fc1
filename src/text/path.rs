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
/// built from it (baselines, shards) are the same on every platform.
pub fn slash_path(p: &Path) -> String {
    p.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// A path for display, with forward slashes.
pub fn display(p: &Path) -> String {
    // Most paths are UTF-8: a plain copy, not the formatter's lossy conversion.
    match p.to_str() {
        Some(s) => s.to_owned(),
        None => p.display().to_string(),
    }
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
