//! The walk memo: the files a directory walk found, kept in the cache directory and
//! replayed instead of walking again while nothing the walk depended on has changed.
//!
//! A warm run over an unchanged tree is mostly system calls: it stats each file (the
//! result cache needs its stamp) and walks the tree to find them, reading every
//! directory and matching every entry against the ignore rules. The memo takes away the
//! walk, as git's untracked cache does: a directory's stamp (inode, size, modification
//! and change times) moves whenever an entry is added, removed or renamed in it, so
//! while the stamps of all the directories a walk read are unchanged, and so are the
//! ignore files it read (by their own stamps) and the places where an ignore file could
//! appear outside those directories (the root's ancestors, git's configuration files and
//! the global excludes file they name), the walk would find the same files. One `stat` per directory replaces reading it.
//!
//! The same stamps say which of a few names ([`MARKERS`]: the ignore files and the
//! configuration files) each directory holds, so configuration discovery asks the memo
//! instead of the file system ([`WalkMemo::config_of`]).
//!
//! A record is keyed by everything else the walk depends on: the working directory, the
//! root as given, `--no-ignore`, the `--exclude` globs, and the environment variables
//! that say where git's configuration is.
//! A walk that met an error is not recorded (errors are reported afresh), nor one where
//! anything it depends on changed less than two seconds before the run (its stamp
//! could miss a change made within the file system's time granularity). A `.git` file
//! (a worktree or submodule) is followed to the `info/exclude` it leads to, as `ignore`
//! follows it. Records are checked whole: one changed stamp and the tree is walked
//! again and recorded anew.

use super::{codec, Key, Stamp};
use crate::walk::absolute;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The directory inside the cache directory that holds the records, one file each
/// (named by its key), so a run reads only the records of the roots it walks.
const DIR_NAME: &str = "walks-v1";

/// The first bytes of a record file: the format.
const MAGIC: &[u8; 8] = b"CDWALK01";

/// Records kept at the most (the most recently written): one per root a user checks
/// from one place.
const KEEP: usize = 32;

/// The names whose presence in each directory a record keeps: the ignore files the
/// `ignore` crate's standard filters read, then the configuration files.
const MARKERS: [&str; 4] = [
    ".gitignore",
    ".ignore",
    crate::config::CONFIG_NAMES[0],
    crate::config::CONFIG_NAMES[1],
];

/// How many of [`MARKERS`] are ignore files (the first ones): their text matters too.
const IGNORE_MARKERS: usize = 2;

/// The bit beside the markers' that says a directory was walked (not an ancestor).
const WALKED: u8 = 1 << 7;

/// The environment variables that say where git's configuration is (`ignore` reads it
/// to find the global excludes file).
const GIT_ENV: [&str; 4] = [
    "HOME",
    "XDG_CONFIG_HOME",
    "GIT_CONFIG_GLOBAL",
    "GIT_CONFIG_SYSTEM",
];

/// The git configuration files `ignore` may read for `core.excludesFile`, as it finds
/// them; `None` without `HOME` (it would ask the password database).
fn git_configs() -> Option<Vec<PathBuf>> {
    let var = |v: &str| {
        std::env::var_os(v)
            .filter(|x| !x.is_empty())
            .map(PathBuf::from)
    };
    let home = var("HOME")?;
    let mut files = vec![home.join(".gitconfig")];
    let xdg = var("XDG_CONFIG_HOME").unwrap_or_else(|| home.join(".config"));
    files.push(xdg.join("git/config"));
    files.extend(var("GIT_CONFIG_GLOBAL"));
    files.push(var("GIT_CONFIG_SYSTEM").unwrap_or_else(|| PathBuf::from("/etc/gitconfig")));
    Some(files)
}

/// What a path must still be for a record to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// It does not exist.
    Missing,
    /// It is a directory (a repository's `.git`: its stamp changes with every commit,
    /// but only its existence changes the walk).
    Dir,
    /// It exists with this stamp (links followed).
    Stamp(Stamp),
}

/// A record as made by a walk, before it is written.
#[derive(Debug, Default)]
struct Record {
    /// Directories whose markers are known, with which ones are regular files (bit `i`
    /// for `MARKERS[i]`): each walked directory and each ancestor of the root.
    dirs: Vec<(String, u8)>,
    /// Paths checked before replaying, with what each must be.
    probes: Vec<(String, Expect)>,
    /// The files the walk found, as it showed them, in path order.
    files: Vec<String>,
}

/// What a walk of one root saw, handed to [`WalkMemo::record`].
#[derive(Debug, Default)]
pub struct Seen {
    /// Every directory it read (the root among them).
    pub dirs: Vec<PathBuf>,
    /// Every file it found.
    pub files: Vec<PathBuf>,
}

/// The walk memo of one run: the records made during it, and what the replayed ones
/// say of their directories.
#[derive(Debug)]
pub struct WalkMemo {
    /// The directory of the record files.
    dir: PathBuf,
    /// The cache directory it is in.
    cache_dir: PathBuf,
    run_start: i64,
    new: Mutex<Vec<(Key, Record)>>,
    /// Old records found stale this run (dropped on save).
    stale: Mutex<HashSet<Key>>,
    /// The nearest configuration file of each walked directory of a replayed record, by
    /// its path as the walk shows it.
    configs: Mutex<HashMap<std::ffi::OsString, Option<PathBuf>>>,
    replayed: std::sync::atomic::AtomicUsize,
    /// The working directory, for absolute paths.
    cwd: Option<PathBuf>,
}

impl WalkMemo {
    /// The memo in the cache directory `dir` (nothing is read until a walk is
    /// replayed). `run_start` is when the run started (see [`super::now_ns`]).
    pub fn open(dir: &Path, run_start: i64) -> WalkMemo {
        WalkMemo {
            dir: dir.join(DIR_NAME),
            cache_dir: dir.to_path_buf(),
            run_start,
            new: Mutex::new(Vec::new()),
            stale: Mutex::new(HashSet::new()),
            configs: Mutex::new(HashMap::new()),
            replayed: std::sync::atomic::AtomicUsize::new(0),
            cwd: std::env::current_dir().ok(),
        }
    }

    /// The key of a walk of `root` (a directory) with these options, from this working
    /// directory. `None` when the working directory is unknown or a path is not UTF-8
    /// (such a walk is not recorded).
    pub fn key(&self, root: &Path, no_ignore: bool, exclude: &[String]) -> Option<Key> {
        let mut h = super::hasher();
        let mut part = |s: &str| {
            h.update(&(s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        };
        part(self.cwd.as_deref()?.to_str()?);
        part(root.to_str()?);
        part(if no_ignore { "no-ignore" } else { "ignore" });
        for g in exclude {
            part(g);
        }
        // Where git's configuration is looked for (its files are probed; see
        // `git_configs`): asking `ignore` for the global excludes file itself would
        // compile a regex, a tenth of a warm run.
        for var in GIT_ENV {
            part(&std::env::var(var).unwrap_or_default());
        }
        Some(h.digest128())
    }

    /// The record file of a key.
    fn file(&self, key: Key) -> PathBuf {
        self.dir.join(format!("{key:032x}.bin"))
    }

    /// The files a walk under `key` would find, if it was recorded and nothing it
    /// depended on has changed; in path order. A missing, damaged or foreign record is
    /// no record.
    pub fn replay(&self, key: Key) -> Option<Replayed> {
        let bytes = std::fs::read(self.file(key)).ok()?;
        let stale = || {
            self.stale
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(key);
            None
        };
        let Some(view) = view(&bytes) else {
            return stale();
        };
        if !view
            .probes
            .iter()
            .all(|(path, expect)| holds(path, *expect))
        {
            return stale();
        }
        if let Some(cwd) = &self.cwd {
            // Each directory's markers by absolute path, for the walk up from the root.
            let mut markers = HashMap::new();
            let mut walked = Vec::new();
            for (dir, bits) in &view.dirs {
                let abs = absolute(cwd, Path::new(dir));
                markers.insert(abs.clone().into_os_string(), *bits);
                if bits & WALKED != 0 {
                    walked.push((*dir, abs, *bits));
                }
            }
            // Each walked directory's nearest configuration, parents first: its own,
            // else its parent's, else (the root) the nearest above it.
            walked.sort_by_key(|(dir, _, _)| dir.len());
            let mut configs = self.configs.lock().unwrap_or_else(|e| e.into_inner());
            for (dir, abs, bits) in walked {
                let parent = crate::walk::parent_of(Path::new(dir));
                let nearest = match own_config(&abs, bits) {
                    Some(c) => Some(Some(c)),
                    None if parent.as_os_str() != dir => configs
                        .get(parent.as_os_str())
                        .cloned()
                        .or_else(|| above(&markers, abs.parent())),
                    None => above(&markers, abs.parent()),
                };
                if let Some(nearest) = nearest {
                    configs.insert(dir.into(), nearest);
                }
            }
        }
        self.replayed
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let files = view.files.to_owned();
        Some(Replayed { files })
    }

    /// How many walks were replayed.
    pub fn replayed(&self) -> usize {
        self.replayed.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The nearest configuration file of the files in `dir` (as the walk shows it), if
    /// the memo knows: `dir` was walked by a replayed walk.
    pub fn config_of(&self, dir: &Path) -> Option<Option<PathBuf>> {
        let configs = self.configs.lock().unwrap_or_else(|e| e.into_inner());
        configs.get(dir.as_os_str()).cloned()
    }

    /// Records what a complete, error-free walk of `root` under `key` saw, if it can be
    /// trusted (see the module documentation). `ignore_files` says whether the walk
    /// honoured ignore files.
    pub fn record(&self, key: Key, root: &Path, ignore_files: bool, seen: Seen) {
        if let Some(record) = self.make(root, ignore_files, seen) {
            self.new
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((key, record));
        }
    }

    fn make(&self, root: &Path, ignore_files: bool, seen: Seen) -> Option<Record> {
        let mut r = Record::default();
        let cwd = self.cwd.as_deref()?;
        // The cache directory changes with every run that writes to it; when a walk
        // reads it (it is inside the root, and not hidden or `--no-ignore`), it is not
        // stamped: nothing in it is an article.
        let cache = absolute(cwd, &self.cache_dir);
        for dir in &seen.dirs {
            if absolute(cwd, dir).starts_with(&cache) {
                continue;
            }
            let meta = std::fs::metadata(dir).ok()?;
            let stamp = super::stamp_any(&meta, self.run_start)?;
            r.probes
                .push((dir.to_str()?.to_owned(), Expect::Stamp(stamp)));
            // Which markers exist is the directory's listing (its stamp); what the
            // ignore files say is theirs.
            let bits = self.markers_of(dir, false, ignore_files, &mut r.probes)?;
            // As the walk shows its files' directories (no leading `./`).
            let shown = crate::walk::clean(dir);
            r.dirs.push((shown.to_str()?.to_owned(), bits | WALKED));
        }
        // The root's ancestors: their markers apply too (ignore files and configuration
        // above the root), and one may appear there. The `ignore` crate walks up from
        // the canonical root; configuration discovery from the root as given, made
        // absolute: both are probed.
        let mut ancestors: Vec<PathBuf> = Vec::new();
        if ignore_files {
            let real = root.canonicalize().ok()?;
            ancestors.extend(real.ancestors().skip(1).map(Path::to_path_buf));
        }
        let abs = absolute(cwd, root);
        ancestors.extend(abs.ancestors().skip(1).map(Path::to_path_buf));
        ancestors.sort();
        ancestors.dedup();
        for dir in &ancestors {
            let bits = self.markers_of(dir, true, ignore_files, &mut r.probes)?;
            r.dirs.push((dir.to_str()?.to_owned(), bits));
        }
        if ignore_files {
            // Git's configuration files decide which global excludes file applies; while
            // they are unchanged (and the environment, in the key) so is its path.
            let global = ignore::gitignore::gitconfig_excludes_path();
            for path in git_configs()?.iter().chain(&global) {
                let expect = self.expect(path)?;
                r.probes.push((path.to_str()?.to_owned(), expect));
            }
        }
        r.files = seen
            .files
            .iter()
            .map(|p| p.to_str().map(str::to_owned))
            .collect::<Option<Vec<String>>>()?;
        r.files
            .sort_by_cached_key(|f| crate::walk::sort_key(Path::new(f)));
        Some(r)
    }

    /// Which [`MARKERS`] are regular files in `dir`, adding the probes that keep that
    /// true: each ignore file that exists by its stamp (when the walk read them), and
    /// with `unlisted` (a directory whose listing is not stamped) each marker that does
    /// not exist as missing. A repository's `.git` directory adds its `info/exclude`.
    /// `None` if something cannot be trusted.
    fn markers_of(
        &self,
        dir: &Path,
        unlisted: bool,
        ignore_files: bool,
        probes: &mut Vec<(String, Expect)>,
    ) -> Option<u8> {
        let mut bits = 0u8;
        for (i, name) in MARKERS.iter().enumerate() {
            let path = dir.join(name);
            let meta = std::fs::metadata(&path);
            if meta.as_ref().is_ok_and(std::fs::Metadata::is_file) {
                bits |= 1 << i;
            }
            let expect = match meta {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Expect::Missing,
                Err(_) => return None,
                // Only presence matters for a configuration file (it is read anyway).
                Ok(_) if i >= IGNORE_MARKERS || !ignore_files => Expect::Dir,
                Ok(m) => Expect::Stamp(super::stamp_any(&m, self.run_start)?),
            };
            match expect {
                Expect::Stamp(_) => probes.push((path.to_str()?.to_owned(), expect)),
                Expect::Missing if unlisted => probes.push((path.to_str()?.to_owned(), expect)),
                // Present, by the listing; or by type in an unlisted directory.
                _ if unlisted => {
                    let kind = if bits & (1 << i) != 0 {
                        Expect::Stamp(Stamp::KIND_FILE)
                    } else {
                        Expect::Dir
                    };
                    probes.push((path.to_str()?.to_owned(), kind));
                }
                _ => {}
            }
        }
        if ignore_files {
            let git = dir.join(".git");
            match std::fs::symlink_metadata(&git) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    if unlisted {
                        probes.push((git.to_str()?.to_owned(), Expect::Missing));
                    }
                }
                Ok(m) if m.is_dir() => {
                    if unlisted {
                        probes.push((git.to_str()?.to_owned(), Expect::Dir));
                    }
                    let exclude = git.join("info").join("exclude");
                    let expect = self.expect(&exclude)?;
                    probes.push((exclude.to_str()?.to_owned(), expect));
                }
                // A worktree's or submodule's `.git` file names its git directory.
                Ok(m) if m.is_file() => self.git_file_probes(&git, probes)?,
                _ => return None,
            }
        }
        Some(bits)
    }

    /// The probes for a `.git` file, as the `ignore` crate follows it to an
    /// `info/exclude`: the file itself (its text names the git directory), that
    /// directory's `commondir` file, and the `info/exclude` of the directory it names.
    fn git_file_probes(&self, git: &Path, probes: &mut Vec<(String, Expect)>) -> Option<()> {
        let mut probe = |path: &Path| -> Option<Expect> {
            let expect = self.expect(path)?;
            probes.push((path.to_str()?.to_owned(), expect));
            Some(expect)
        };
        probe(git)?;
        let text = std::fs::read_to_string(git).ok()?;
        let Some(real) = text.lines().next().and_then(|l| l.strip_prefix("gitdir: ")) else {
            return Some(());
        };
        let real = PathBuf::from(real);
        let commondir = real.join("commondir");
        if probe(&commondir)? == Expect::Missing {
            return Some(());
        }
        let text = std::fs::read_to_string(&commondir).ok()?;
        let Some(line) = text.lines().next() else {
            return Some(());
        };
        let common = if line.starts_with('.') {
            real.join(line)
        } else {
            PathBuf::from(line)
        };
        probe(&common.join("info/exclude"))?;
        Some(())
    }

    /// What `path` is now, as a probe expects it: missing, or its stamp (`None` if it
    /// changed too recently to be trusted, or cannot be read).
    fn expect(&self, path: &Path) -> Option<Expect> {
        match std::fs::metadata(path) {
            Ok(meta) => super::stamp_any(&meta, self.run_start).map(Expect::Stamp),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(Expect::Missing),
            Err(_) => None,
        }
    }

    /// Writes the records this run made, removes those it found stale, and keeps the
    /// [`KEEP`] most recently written.
    pub fn save(&self) -> std::io::Result<()> {
        let new = self.new.lock().unwrap_or_else(|e| e.into_inner());
        let stale = self.stale.lock().unwrap_or_else(|e| e.into_inner());
        for key in stale.iter() {
            let _ = std::fs::remove_file(self.file(*key));
        }
        if new.is_empty() {
            return Ok(());
        }
        super::mark_dir(&self.cache_dir)?;
        for (key, record) in new.iter() {
            let mut out = Vec::new();
            out.extend_from_slice(MAGIC);
            codec::put_str(&mut out, env!("CARGO_PKG_VERSION"));
            encode(record, &mut out);
            super::write_in(&self.dir, &format!("{key:032x}.bin"), &out)?;
        }
        // The oldest records go (their roots have not been walked for a while).
        let mut records: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(&self.dir)?
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".bin"))
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        if records.len() > KEEP {
            records.sort();
            for (_, path) in &records[..records.len() - KEEP] {
                let _ = std::fs::remove_file(path);
            }
        }
        Ok(())
    }
}

/// The files of a replayed walk, in the bytes of its record.
#[derive(Debug)]
pub struct Replayed {
    /// The files, each ended by a NUL.
    files: String,
}

impl Replayed {
    /// The files, in path order.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        let mut start = 0;
        memchr::memchr_iter(0, self.files.as_bytes()).map(move |end| {
            let file = self.files.get(start..end).unwrap_or_default();
            start = end + 1;
            file
        })
    }
}

impl Stamp {
    /// Stands for "a regular file, whatever its stamp" in a probe of an unlisted
    /// directory's configuration file (no real stamp is all zeros).
    const KIND_FILE: Stamp = Stamp([0; 5]);
}

/// The configuration file in the directory `abs` whose markers are `bits`, as
/// `Config::in_dir` finds it.
fn own_config(abs: &Path, bits: u8) -> Option<PathBuf> {
    (IGNORE_MARKERS..MARKERS.len())
        .find(|&i| bits & (1 << i) != 0)
        .map(|i| abs.join(MARKERS[i]))
}

/// The nearest configuration file in `at` or above it, by the markers; `None` if some
/// directory on the way is not known.
fn above(
    markers: &HashMap<std::ffi::OsString, u8>,
    mut at: Option<&Path>,
) -> Option<Option<PathBuf>> {
    while let Some(dir) = at {
        let bits = *markers.get(dir.as_os_str())?;
        if let Some(c) = own_config(dir, bits) {
            return Some(Some(c));
        }
        at = dir.parent();
    }
    Some(None)
}

/// Whether `path` is still as `expect` says.
fn holds(path: &str, expect: Expect) -> bool {
    match (std::fs::metadata(path), expect) {
        (Err(e), Expect::Missing) => e.kind() == std::io::ErrorKind::NotFound,
        (Ok(meta), Expect::Dir) => !meta.is_file(),
        (Ok(meta), Expect::Stamp(Stamp::KIND_FILE)) => meta.is_file(),
        // A stamp taken now would be the same whatever the run's start (only its
        // trust depends on that), so compare against one taken with no such margin.
        (Ok(meta), Expect::Stamp(st)) => super::stamp_any(&meta, i64::MAX) == Some(st),
        _ => false,
    }
}

/// Appends a record's bytes: its directories, probes and files, each a counted list.
fn encode(r: &Record, out: &mut Vec<u8>) {
    codec::put_u32(out, r.dirs.len());
    for (dir, bits) in &r.dirs {
        codec::put_str(out, dir);
        out.push(*bits);
    }
    codec::put_u32(out, r.probes.len());
    for (path, expect) in &r.probes {
        codec::put_str(out, path);
        match expect {
            Expect::Missing => out.push(0),
            Expect::Dir => out.push(1),
            Expect::Stamp(Stamp(fields)) => {
                out.push(2);
                for f in fields {
                    out.extend_from_slice(&f.to_le_bytes());
                }
            }
        }
    }
    // The files as one string, each ended by a NUL (which no path holds): one UTF-8
    // check for all of them when read.
    codec::put_u32(out, r.files.len());
    let joined: String = r.files.iter().flat_map(|f| [f.as_str(), "\0"]).collect();
    codec::put_str(out, &joined);
}

/// A record read in place: strings borrow the file's bytes.
struct View<'a> {
    dirs: Vec<(&'a str, u8)>,
    probes: Vec<(&'a str, Expect)>,
    /// The files, each ended by a NUL.
    files: &'a str,
}

/// Reads a record file; `None` if it is of another format or version, or damaged.
fn view(bytes: &[u8]) -> Option<View<'_>> {
    let mut r = codec::Reader { bytes, at: 0 };
    if r.take(MAGIC.len())? != MAGIC || r.str()? != env!("CARGO_PKG_VERSION") {
        return None;
    }
    // Counts come from the file: allocate by what was read, not by what it claims.
    let mut dirs = Vec::new();
    for _ in 0..r.u32()? {
        dirs.push((r.str()?, r.take(1)?[0]));
    }
    let mut probes = Vec::new();
    for _ in 0..r.u32()? {
        let path = r.str()?;
        let expect = match r.take(1)? {
            [0] => Expect::Missing,
            [1] => Expect::Dir,
            [2] => {
                let mut fields = [0u64; 5];
                for f in &mut fields {
                    *f = u64::from_le_bytes(r.take(8)?.try_into().ok()?);
                }
                Expect::Stamp(Stamp(fields))
            }
            _ => return None,
        };
        probes.push((path, expect));
    }
    let count = r.u32()?;
    let files = r.str()?;
    if memchr::memchr_iter(0, files.as_bytes()).count() != count {
        return None;
    }
    (r.at == bytes.len()).then_some(View {
        dirs,
        probes,
        files,
    })
}

/// Collects what the walk of one root saw, from any walk thread.
#[derive(Debug, Default)]
pub struct Collector {
    seen: Mutex<Seen>,
}

impl Collector {
    /// Notes a directory the walk read.
    pub fn dir(&self, path: &Path) {
        self.lock().dirs.push(path.to_path_buf());
    }

    /// Notes a file the walk found.
    pub fn file(&self, path: &Path) {
        self.lock().files.push(path.to_path_buf());
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// What was seen.
    pub fn into_seen(self) -> Seen {
        self.seen.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for p in ["a.md", "sub/b.md"] {
            let path = dir.path().join(p);
            std::fs::create_dir_all(path.parent().unwrap_or(dir.path()))
                .unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(&path, "x").unwrap_or_else(|e| panic!("{e}"));
        }
        dir
    }

    fn seen(root: &Path) -> Seen {
        Seen {
            dirs: vec![root.to_path_buf(), root.join("sub")],
            files: vec![root.join("sub/b.md"), root.join("a.md")],
        }
    }

    /// A run an hour from now: everything made by the test is old enough to trust.
    fn later() -> i64 {
        super::super::now_ns() + 3_600_000_000_000
    }

    fn probed(r: &Record, p: &Path, expect: fn(&Expect) -> bool) -> bool {
        r.probes.iter().any(|(q, x)| Path::new(q) == p && expect(x))
    }

    /// A cache directory outside the tree (one inside would change its listing).
    fn cache() -> tempfile::TempDir {
        tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_record_replays_until_a_directory_changes() {
        let (t, c) = (tree(), cache());
        let root = t.path();
        let memo = WalkMemo::open(c.path(), later());
        memo.record(7, root, true, seen(root));
        memo.save().unwrap_or_else(|e| panic!("{e}"));
        let memo = WalkMemo::open(c.path(), later());
        let shown = |p: &str| root.join(p).to_string_lossy().into_owned();
        let files = memo
            .replay(7)
            .map(|f| f.files().map(str::to_string).collect::<Vec<_>>());
        assert_eq!(files, Some(vec![shown("a.md"), shown("sub/b.md")]));
        assert_eq!(memo.replayed(), 1);
        assert!(memo.replay(8).is_none(), "another key");
        // A new entry in a walked directory changes its stamp.
        std::fs::write(root.join("sub/c.md"), "x").unwrap_or_else(|e| panic!("{e}"));
        let memo = WalkMemo::open(c.path(), later());
        assert!(memo.replay(7).is_none());
        // The stale record is dropped.
        memo.save().unwrap_or_else(|e| panic!("{e}"));
        assert!(!memo.file(7).exists());
    }

    #[test]
    fn only_the_most_recent_records_are_kept() {
        let (t, c) = (tree(), cache());
        let memo = WalkMemo::open(c.path(), later());
        for key in 0..KEEP as u128 + 3 {
            memo.record(key, t.path(), false, seen(t.path()));
        }
        memo.save().unwrap_or_else(|e| panic!("{e}"));
        let kept = std::fs::read_dir(c.path().join(DIR_NAME))
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(kept, KEEP);
        // The cache directory is marked as disposable.
        assert!(c.path().join("CACHEDIR.TAG").exists());
    }

    #[test]
    fn ignore_files_are_stamped_and_ancestors_probed() {
        let t = tree();
        let root = t.path().join("sub");
        std::fs::write(root.join(".gitignore"), "*.txt\n").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(t.path().join("copydesk.toml"), "").unwrap_or_else(|e| panic!("{e}"));
        let memo = WalkMemo::open(cache().path(), later());
        let seen = Seen {
            dirs: vec![root.clone()],
            files: vec![root.join("b.md")],
        };
        let record = memo
            .make(&root, true, seen)
            .unwrap_or_else(|| panic!("not recorded"));
        let real = t.path().canonicalize().unwrap_or_else(|e| panic!("{e}"));
        let stamped = |x: &Expect| matches!(x, Expect::Stamp(s) if *s != Stamp::KIND_FILE);
        assert!(probed(&record, &root.join(".gitignore"), stamped));
        // Absent in a walked directory: its stamp covers it. In an ancestor: probed.
        assert!(!probed(&record, &root.join(".ignore"), |_| true));
        assert!(probed(&record, &real.join(".ignore"), |x| *x == Expect::Missing));
        assert!(probed(&record, &real.join(".git"), |x| *x == Expect::Missing));
        // Git's configuration, which names the global excludes file.
        if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
            let gitconfig = Path::new(&home).join(".gitconfig");
            assert!(probed(&record, &gitconfig, |_| true));
        }
        // A configuration file above the root: present, whatever its text.
        assert!(probed(&record, &real.join("copydesk.toml"), |x| *x
            == Expect::Stamp(Stamp::KIND_FILE)));
        let bits = |d: &Path| {
            record
                .dirs
                .iter()
                .find(|(p, _)| Path::new(p) == d)
                .map(|(_, b)| *b)
        };
        assert_eq!(bits(&root), Some(0b0001 | WALKED));
        assert_eq!(bits(t.path()), Some(0b0100));
    }

    #[test]
    fn replayed_directories_answer_for_their_markers() {
        let (t, c) = (tree(), cache());
        let root = t.path();
        std::fs::write(root.join("sub/.copydesk.toml"), "").unwrap_or_else(|e| panic!("{e}"));
        let memo = WalkMemo::open(c.path(), later());
        memo.record(3, root, false, seen(root));
        memo.save().unwrap_or_else(|e| panic!("{e}"));
        let memo = WalkMemo::open(c.path(), later());
        assert_eq!(memo.config_of(&root.join("sub")), None);
        assert!(memo.replay(3).is_some());
        // The walked directories' nearest configurations, as discovery would find them.
        let sub_config = Some(root.join("sub/.copydesk.toml"));
        assert_eq!(memo.config_of(&root.join("sub")), Some(sub_config));
        let above_root = root
            .ancestors()
            .skip(1)
            .find_map(crate::config::Config::in_dir);
        assert_eq!(memo.config_of(root), Some(above_root));
        // Not a directory of the walk: the memo does not say.
        assert_eq!(memo.config_of(&root.join("other")), None);
    }

    #[test]
    fn the_cache_directory_is_not_stamped_when_walked() {
        let t = tree();
        let root = t.path();
        let cache = root.join("sub");
        let record = WalkMemo::open(&cache, later())
            .make(root, true, seen(root))
            .unwrap_or_else(|| panic!("not recorded"));
        assert!(probed(&record, root, |_| true));
        assert!(!probed(&record, &cache, |_| true));
    }

    #[test]
    fn recent_changes_are_not_recorded() {
        let t = tree();
        let root = t.path();
        // Made just now: not trusted.
        let memo = WalkMemo::open(cache().path(), super::super::now_ns());
        assert!(memo.make(root, true, seen(root)).is_none());
        assert!(WalkMemo::open(cache().path(), later())
            .make(root, true, seen(root))
            .is_some());
    }

    #[test]
    fn a_git_file_is_followed_to_the_exclude_file_it_leads_to() {
        // A worktree: `.git` names its git directory, whose `commondir` names the
        // repository's, where `info/exclude` is.
        let t = tree();
        let root = t.path();
        let repo = root.join("repo.git");
        let worktree = repo.join("worktrees/w");
        std::fs::create_dir_all(&worktree).unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(repo.join("info")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(repo.join("info/exclude"), "*.txt\n").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(worktree.join("commondir"), "../..\n").unwrap_or_else(|e| panic!("{e}"));
        let gitdir = format!("gitdir: {}\n", worktree.display());
        std::fs::write(root.join(".git"), gitdir).unwrap_or_else(|e| panic!("{e}"));
        let memo = WalkMemo::open(cache().path(), later());
        let record = memo
            .make(root, true, seen(root))
            .unwrap_or_else(|| panic!("not recorded"));
        let stamped = |x: &Expect| matches!(x, Expect::Stamp(_));
        assert!(probed(&record, &root.join(".git"), stamped));
        assert!(probed(&record, &worktree.join("commondir"), stamped));
        let exclude = worktree.join("../..").join("info/exclude");
        assert!(probed(&record, &exclude, stamped));
        // A `.git` file that names no git directory: the file alone.
        std::fs::write(root.join(".git"), "not a pointer\n").unwrap_or_else(|e| panic!("{e}"));
        let record = WalkMemo::open(cache().path(), later())
            .make(root, true, seen(root))
            .unwrap_or_else(|| panic!("not recorded"));
        assert!(probed(&record, &root.join(".git"), stamped));
        assert!(!probed(&record, &worktree.join("commondir"), |_| true));
    }

    #[test]
    fn damaged_records_are_no_records() {
        let (t, c) = (tree(), cache());
        let memo = WalkMemo::open(c.path(), later());
        memo.record(1, t.path(), false, seen(t.path()));
        memo.save().unwrap_or_else(|e| panic!("{e}"));
        let path = memo.file(1);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(view(&bytes).is_some());
        for cut in [0, 8, bytes.len() / 2, bytes.len() - 1] {
            assert!(view(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        // A damaged record file is not replayed, and goes at the next save.
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap_or_else(|e| panic!("{e}"));
        let memo = WalkMemo::open(c.path(), later());
        assert!(memo.replay(1).is_none());
        memo.save().unwrap_or_else(|e| panic!("{e}"));
        assert!(!path.exists());
    }
}
