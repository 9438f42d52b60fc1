//! Finding the files to lint: directories are walked with the `ignore` crate (honouring
//! .gitignore, .ignore and hidden-file rules unless `--no-ignore`), files named on the
//! command line are always taken. A bad entry is reported and the walk goes on.

use crate::cache::walk::{Collector, WalkMemo};
use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;
use std::path::{Path, PathBuf};

/// How to walk.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Do not honour ignore files or skip hidden files.
    pub no_ignore: bool,
    /// Globs to exclude (gitignore syntax, relative to the current directory).
    pub exclude: Vec<String>,
}

/// A file found by the walk.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    /// Its path, as the user should see it.
    pub path: PathBuf,
    /// Named on the command line (linted whatever its extension).
    pub explicit: bool,
    /// Its place in path order among all the files of the walk, when the walk knows it
    /// without sorting: every file came from one replayed directory walk (whose files
    /// are recorded in path order). Otherwise `None`, and [`sort_key`] orders files.
    pub order: Option<u32>,
}

/// A path that could not be walked.
#[derive(Debug, Clone)]
pub struct WalkError {
    /// The path, when known.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

/// Walks `paths` and returns the files in path order, plus the errors met on the way.
/// A file reached twice (named, or under two roots) is listed once, as named if it was.
pub fn walk(paths: &[PathBuf], opts: &WalkOptions) -> (Vec<Found>, Vec<WalkError>) {
    let found = std::sync::Mutex::new(Vec::new());
    let errors = walk_each(paths, opts, 0, None, || {
        let found = &found;
        move |f: Found| found.lock().unwrap_or_else(|e| e.into_inner()).push(f)
    });
    let found = found.into_inner().unwrap_or_else(|e| e.into_inner());
    (sorted(found), errors)
}

/// Walks `paths`, handing each file to a visitor as soon as it is found: files named on
/// the command line first, on the calling thread, then the files under each directory,
/// on the walk's `threads` threads (0: one per core), each with a visitor of its own from
/// `visitor` (so a visitor keeps per-thread state without locks). The order of visits is
/// not deterministic; [`sort_key`] restores path order. A file reached twice (named, or
/// under two roots) is visited once, as named if it was. Returns the errors met, by root
/// and then by path.
///
/// With a walk memo, a directory whose last walk was recorded and has not changed since
/// is not walked: its files are replayed (on the calling thread), and a directory that
/// is walked is recorded for the next run.
pub fn walk_each<V>(
    paths: &[PathBuf],
    opts: &WalkOptions,
    threads: usize,
    memo: Option<&WalkMemo>,
    visitor: impl Fn() -> V + Sync,
) -> Vec<WalkError>
where
    V: FnMut(Found) + Send,
{
    let mut errors = Vec::new();
    let overrides = match build_overrides(&opts.exclude) {
        Ok(o) => o,
        Err(e) => {
            errors.push(WalkError {
                path: "--exclude".into(),
                message: e,
            });
            return errors;
        }
    };
    let mut dirs = Vec::new();
    let mut named = Vec::new();
    for root in paths {
        match std::fs::metadata(root) {
            Ok(m) if m.is_dir() => dirs.push(root),
            Ok(_) => named.push(clean(root)),
            Err(e) => errors.push(WalkError {
                path: display(root),
                message: io_message(&e),
            }),
        }
    }
    // Two roots can reach one file; one root cannot (links are not followed).
    let seen = (named.len() + dirs.len() > 1)
        .then(|| std::sync::Mutex::new(std::collections::HashSet::<PathBuf>::new()));
    let first_visit = |p: &Path| {
        seen.as_ref().is_none_or(|s| {
            s.lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(p.to_path_buf())
        })
    };
    let mut visit = visitor();
    for path in named {
        if first_visit(&path) {
            visit(Found {
                path,
                explicit: true,
                order: None,
            });
        }
    }
    drop(visit);
    for root in dirs {
        let key = memo.and_then(|m| m.key(root, opts.no_ignore, &opts.exclude));
        if let Some(files) = memo.zip(key).and_then(|(m, k)| m.replay(k)) {
            // The only source of files: their order is the recorded one.
            let sole = seen.is_none();
            let mut visit = visitor();
            for (i, path) in files.files().enumerate() {
                let path = PathBuf::from(path);
                if first_visit(&path) {
                    visit(Found {
                        path,
                        explicit: false,
                        order: sole.then_some(i as u32),
                    });
                }
            }
            continue;
        }
        let collector = key.map(|_| Collector::default());
        let mut builder = WalkBuilder::new(root);
        builder
            .standard_filters(!opts.no_ignore)
            .require_git(false)
            .follow_links(false)
            .threads(threads)
            .overrides(overrides.clone());
        // In parallel: a walk is mostly system calls (directory reads, ignore-file
        // probes), which the cores can make side by side.
        let errs = std::sync::Mutex::new(Vec::new());
        builder.build_parallel().run(|| {
            let (errs, first_visit, collector) = (&errs, &first_visit, &collector);
            let mut visit = visitor();
            Box::new(move |entry| {
                match entry {
                    // Not following links, a file type of "file" is a regular file.
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        let path = clean(e.path());
                        if let Some(c) = collector {
                            c.file(&path);
                        }
                        if first_visit(&path) {
                            visit(Found {
                                path,
                                explicit: false,
                                order: None,
                            });
                        }
                    }
                    Ok(e) => {
                        let dir = e.depth() == 0 || e.file_type().is_some_and(|t| t.is_dir());
                        if let Some(c) = collector.as_ref().filter(|_| dir) {
                            c.dir(e.path());
                        }
                    }
                    Err(err) => errs
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(WalkError {
                            path: err_path(&err).unwrap_or_else(|| display(&clean(root))),
                            message: walk_message(&err),
                        }),
                }
                ignore::WalkState::Continue
            })
        });
        let mut errs = errs.into_inner().unwrap_or_else(|e| e.into_inner());
        // A walk that met an error is walked again next time, to report it again.
        if let (Some(memo), Some(key), Some(c), true) = (memo, key, collector, errs.is_empty()) {
            memo.record(key, root, !opts.no_ignore, c.into_seen());
        }
        errs.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
        errors.extend(errs);
    }
    errors
}

/// A byte key that sorts paths in `Found`'s order (component by component): the path
/// with its separators turned into 0, which sorts before any byte of a name. Comparing
/// `Path`s splits both into components on every comparison, which was most of a
/// warm-cache run over a few thousand files; these keys compare with one `memcmp`.
pub fn sort_key(path: &Path) -> Vec<u8> {
    path.as_os_str()
        .as_encoded_bytes()
        .iter()
        .map(|&b| {
            if std::path::is_separator(b as char) {
                0
            } else {
                b
            }
        })
        .collect()
}

/// The files in `Found`'s order (see [`sort_key`]).
fn sorted(found: Vec<Found>) -> Vec<Found> {
    let keys: Vec<Vec<u8>> = found.iter().map(|f| sort_key(&f.path)).collect();
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        (&keys[a], found[a].explicit, a).cmp(&(&keys[b], found[b].explicit, b))
    });
    let mut slots: Vec<Option<Found>> = found.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

fn build_overrides(exclude: &[String]) -> Result<ignore::overrides::Override, String> {
    let mut b = OverrideBuilder::new(".");
    for g in exclude {
        b.add(&format!("!{g}"))
            .map_err(|e| format!("invalid glob `{g}`: {e}"))?;
    }
    b.build().map_err(|e| e.to_string())
}

fn err_path(err: &ignore::Error) -> Option<String> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(display(&clean(path))),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            err_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(display(&clean(child))),
        _ => None,
    }
}

/// The message of a walk error without the path (which is shown in front of it).
fn walk_message(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => walk_message(err),
        ignore::Error::Loop { ancestor, .. } => {
            format!("symbolic link loop back to {}", display(&clean(ancestor)))
        }
        ignore::Error::Io(e) => io_message(e),
        other => other.to_string(),
    }
}

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

/// Reads a whole file, like `std::fs::read`; see [`with_file`].
pub fn read_file(path: &Path, regular: bool) -> std::io::Result<Vec<u8>> {
    with_file(path, regular, <[u8]>::to_vec)
}

/// Reads a whole file into a buffer reused by this thread and lends it to `f`: a run
/// served from the cache hashes most files and never needs their bytes again, so it
/// allocates nothing for them (allocating and freeing a buffer per file made the
/// allocator grow and shrink its heap, a system call each time).
///
/// Fewer system calls than `std::fs::read` for the common case of a file under 64 KiB:
/// open, one read that comes back short, close (`std::fs::read` also asks for the size
/// first and reads once more to see the end). `regular` says the walk saw a regular
/// file: then a short read is the end of the file (Linux and the BSDs return short reads
/// of regular files only there). A path named on the command line may be a pipe
/// (`<(...)`), so its reads go on to a 0-byte read.
pub fn with_file<R>(path: &Path, regular: bool, f: impl FnOnce(&[u8]) -> R) -> std::io::Result<R> {
    use std::io::Read;
    const FIRST: usize = 64 * 1024;
    /// A buffer grown for a large file is given back above this size.
    const KEEP: usize = 4 * 1024 * 1024;
    thread_local! {
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let mut file = std::fs::File::open(path)?;
    BUF.with(|cell| {
        let mut buf = cell.borrow_mut();
        if buf.len() < FIRST {
            buf.resize(FIRST, 0);
        }
        let mut filled = 0;
        loop {
            match file.read(&mut buf[filled..FIRST]) {
                Ok(0) => break,
                Ok(n) => {
                    filled += n;
                    if filled == FIRST {
                        // A large file: the rest in one go.
                        buf.truncate(FIRST);
                        file.read_to_end(&mut buf)?;
                        filled = buf.len();
                        break;
                    }
                    if regular {
                        break;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let r = f(&buf[..filled]);
        if buf.capacity() > KEEP {
            *buf = Vec::new();
        }
        Ok(r)
    })
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
mod sort_tests {
    use super::*;

    #[test]
    fn sorted_is_path_order() {
        let paths = [
            "b/a.md", "a-b.md", "a/b.md", "./c.md", "a/b/c.md", "a.md", "B.md", "a/b.md",
        ];
        let found: Vec<Found> = paths
            .iter()
            .enumerate()
            .map(|(i, p)| Found {
                path: PathBuf::from(p),
                explicit: i % 2 == 0,
                order: None,
            })
            .collect();
        let mut expected = found.clone();
        expected.sort();
        assert_eq!(sorted(found), expected);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_file_reads_small_large_and_empty_files_whole() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for size in [
            0usize,
            1,
            1000,
            64 * 1024 - 1,
            64 * 1024,
            64 * 1024 + 1,
            300_000,
        ] {
            let p = dir.path().join(format!("f{size}"));
            let data: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            std::fs::write(&p, &data).unwrap_or_else(|e| panic!("{e}"));
            for regular in [true, false] {
                let got = read_file(&p, regular).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(got, data, "size {size}, regular {regular}");
            }
        }
        assert!(read_file(&dir.path().join("missing"), true).is_err());
    }

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
