//! Finding the files to lint: directories are walked with the `ignore` crate (honouring
//! .gitignore, .ignore and hidden-file rules unless `--no-ignore`), files named on the
//! command line are always taken. A bad entry is reported and the walk goes on.

use crate::text::file::{self, Kind, INPUT_LIMIT};
use crate::text::path::{clean, display, io_message};
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
    let errors = walk_each(paths, opts, 0, || {
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
pub fn walk_each<V>(
    paths: &[PathBuf],
    opts: &WalkOptions,
    threads: usize,
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
            });
        }
    }
    drop(visit);
    for root in dirs {
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
            let (errs, first_visit) = (&errs, &first_visit);
            let mut visit = visitor();
            Box::new(move |entry| {
                match entry {
                    // Not following links, a file type of "file" is a regular file.
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        let path = clean(e.path());
                        if first_visit(&path) {
                            visit(Found {
                                path,
                                explicit: false,
                            });
                        }
                    }
                    Ok(_) => {}
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
///
/// Only regular files are read (walked files not through a link), and a path named on
/// the command line may also be a pipe; devices are refused (`is not a regular file`).
/// Nothing over [`INPUT_LIMIT`] is read (`larger than 1 GiB`): a regular file that size
/// is refused unread, a pipe when it passes the limit.
pub fn with_file<R>(path: &Path, regular: bool, f: impl FnOnce(&[u8]) -> R) -> std::io::Result<R> {
    use std::io::Read;
    const FIRST: usize = 64 * 1024;
    /// A buffer grown for a large file is given back above this size.
    const KEEP: usize = 4 * 1024 * 1024;
    thread_local! {
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let kind = if regular {
        Kind::RegularNoLink
    } else {
        Kind::RegularOrPipe
    };
    let (mut file, _) = file::open(path, kind, INPUT_LIMIT)?;
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
                        file::read_rest(&mut file, INPUT_LIMIT, &mut buf)?;
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
}
