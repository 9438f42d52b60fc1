//! Where the cache may live, and its marker files. The cache directory gets a
//! `.gitignore` of `*`, which hides everything in it from the walk; so it must never be
//! (or hold) a path being linted, nor hold anything but the cache's own files, or those
//! files would silently stop being linted. A directory that is a link is not used either:
//! a checkout can ship `.copydesk_cache` as a link to anywhere.

use crate::text::file::{self, Kind};
use crate::text::path::display;
use std::path::{Path, PathBuf};

/// The marker files of a cache directory and what they say: git and backup tools skip
/// the directory.
const MARKERS: [(&str, &str); 2] = [
    (".gitignore", "# Made by copydesk: the result cache.\n*\n"),
    (
        "CACHEDIR.TAG",
        "Signature: 8a477f597d28d172789f06886806bc55\n# copydesk result cache\n",
    ),
];

/// Why `dir` cannot hold the result cache of a run over `roots` (`-` is standard input),
/// if it cannot. A directory that does not exist yet holds nothing and is made when the
/// cache is written.
pub fn unfit(dir: &Path, roots: &[PathBuf]) -> Option<String> {
    let meta = dir.symlink_metadata().ok()?;
    if meta.file_type().is_symlink() {
        return Some("it is a symbolic link".into());
    }
    if !meta.is_dir() {
        return Some("it is not a directory".into());
    }
    let Ok(real) = dir.canonicalize() else {
        return Some("its path cannot be resolved".into());
    };
    for root in linted(roots) {
        if root.canonicalize().is_ok_and(|r| r.starts_with(&real)) {
            return Some(format!(
                "{} is linted, and the cache's .gitignore would hide it",
                display(root)
            ));
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return Some(crate::text::path::io_message(&e)),
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !is_ours(&name) {
            return Some(format!(
                "it holds {name}, which is not the cache's, and the cache's .gitignore would hide it"
            ));
        }
    }
    None
}

/// The linted paths of `roots` (not standard input).
fn linted(roots: &[PathBuf]) -> impl Iterator<Item = &PathBuf> {
    roots.iter().filter(|r| r.as_os_str() != "-")
}

/// The first linted root that `path` (which need not exist yet) is inside of, if any:
/// compared as the system resolves both, or, for a path not made yet, as written.
pub fn linted_within<'a>(path: &Path, roots: &'a [PathBuf]) -> Option<&'a PathBuf> {
    let resolved = path
        .canonicalize()
        .or_else(|_| std::path::absolute(path))
        .ok()?;
    linted(roots).find(|root| {
        root.canonicalize()
            .is_ok_and(|r| r.is_dir() && resolved.starts_with(&r))
    })
}

/// A name the cache (this version or an earlier one) writes in its directory.
fn is_ours(name: &str) -> bool {
    matches!(
        name,
        ".gitignore" | "CACHEDIR.TAG" | "walks-v1" | "walks-v1.bin"
    ) || (name.starts_with("results-v") && (name.ends_with(".bin") || name.ends_with(".json")))
        || (name.starts_with(".write-") && name.ends_with(".tmp"))
}

/// Creates the cache directory `dir` if need be, with its marker files. A marker that is
/// missing, empty (a disk that filled up), different, or not a regular file (a link is
/// replaced, never written through) is written again, atomically.
pub fn mark(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in MARKERS {
        let path = dir.join(name);
        let current = file::read(&path, Kind::RegularNoLink, 4096).ok();
        if current.as_deref() != Some(text.as_bytes()) {
            write(dir, name, text.as_bytes())?;
        }
    }
    Ok(())
}

/// Writes `bytes` as the file `name` of `dir`, atomically: written beside and renamed
/// over, so concurrent runs each leave a whole file, the last one wins, a reader never
/// sees half of one, and a link in its place is replaced rather than followed.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".write-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    std::io::Write::write_all(&mut tmp, bytes)?;
    tmp.persist(dir.join(name)).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_with_other_files_or_a_linted_path_is_unfit() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let cache = dir.path().join("cache");
        let roots = [dir.path().join("docs")];
        assert_eq!(unfit(&cache, &roots), None);
        mark(&cache).unwrap_or_else(|e| panic!("{e}"));
        write(&cache, "results-v4.bin", b"x").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(unfit(&cache, &roots), None);
        std::fs::write(cache.join("a.md"), "x").unwrap_or_else(|e| panic!("{e}"));
        assert!(unfit(&cache, &roots).is_some_and(|why| why.starts_with("it holds a.md")));
        std::fs::create_dir(dir.path().join("docs")).unwrap_or_else(|e| panic!("{e}"));
        assert!(unfit(dir.path(), &roots).is_some_and(|why| why.contains("is linted")));
    }
}
