//! The result cache: each file's findings, keyed by everything that decides them, so a
//! second run over an unchanged tree stats (or at most reads and hashes) files instead of
//! linting them.
//!
//! An entry holds two XXH3-128 digests: of the settings (the copydesk version, the rule
//! set, i.e. the text of every rule file loaded, and the settings that apply to the file:
//! rules on and off, severities, accepted words, format, extraction options, suppression
//! reporting) and of the file's bytes. Any change to any of them is a miss, so a stale
//! result is never served; such an entry is simply linted again and replaced. An entry
//! may also hold the file's [`Stamp`]: while the stamp is unchanged the bytes are not
//! read at all.
//!
//! **Trust.** The cache directory sits in the checkout by default, so a repository (or a
//! pull request) can ship a cache file, and the settings digest is no secret: anyone can
//! compute it, and the digest of a file they wrote, and pair them with empty findings.
//! Checking the content digest alone would not stop that, so every entry carries a tag,
//! a digest of the entry keyed with a secret that never lives in the tree ([`Secret`]:
//! 128 random bits made on first use in the user's cache directory, `key.rs`; a key
//! inside the linted tree could be shipped too, and is not used). Entries
//! whose tag does not verify are dropped when the file is read: a shipped or edited cache
//! never serves a finding, or hides one, and its paths are never looked at. We chose the
//! key over dropping the stamp shortcut (reading and hashing every file on every run)
//! because hashing alone would not have closed the hole, and because the shortcut is
//! most of a warm run's speed. Measured on /work/shared/corpus (3,726 files), second
//! runs with `--format json`, debug builds on a loaded 2-core machine (hyperfine, 20
//! runs; compare them with each other only): with the stamp shortcut and tags 660 ms
//! (± 131), without tags as before 636 ms (± 64): verifying every tag when the file is
//! read is within the noise; reading and hashing every file instead took 1,092 ms
//! (± 95), 1.7 times as long; no cache at all 8.8 s. With the key, a stamp is only
//! ever compared with one this user's own run recorded. Entries are looked up by the
//! walked path; the cache never decides which paths are read (a save keeps an entry
//! of a file the run did not see while that path exists, and only verified entries
//! are kept).
//!
//! Where the cache may live is checked first (`place.rs`): never a directory that is or
//! holds a linted path, holds files that are not the cache's, or is a link; then the run
//! goes on uncached with a warning. Its files are read only if they are regular files,
//! never through a link, and never more than [`INPUT_LIMIT`] (1 GiB); they are written
//! atomically (a temporary file renamed over, which replaces a link rather than writing
//! through it), and a missing, empty or wrong `.gitignore` or `CACHEDIR.TAG` is written
//! again.
//!
//! Everything lives in one binary file per cache directory (see `codec`), read once at
//! the start of a run (each file's findings are decoded only if they are served) and
//! replaced atomically at the end when something changed. Files that could not be
//! read or decoded are never cached. Writing is best effort: a cache that cannot be
//! written costs speed, never results.

mod codec;
mod key;
mod place;
mod stamp;

pub use stamp::{now_ns, stamp, Stamp};

pub use key::Secret;

use crate::diagnostic::Diagnostic;
use crate::text::file::{self, Kind, INPUT_LIMIT};
use crate::text::path::from_display;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use xxhash_rust::xxh3::Xxh3;

/// The cache directory used when neither `--cache-dir` nor `COPYDESK_CACHE_DIR` says.
pub const DEFAULT_DIR: &str = ".copydesk_cache";

/// The file inside the cache directory that holds the entries.
const FILE_NAME: &str = "results-v4.bin";

/// The first bytes of the file: the format (a file of another format is ignored whole).
const MAGIC: &[u8; 8] = b"CDCACHE4";

/// Whether the cache in `dir` can serve a run over `roots`, and its key: the reason it
/// cannot otherwise (the run goes on uncached and says so).
pub fn prepare(dir: &Path, roots: &[PathBuf]) -> Result<Secret, String> {
    if let Some(why) = place::unfit(dir, roots) {
        return Err(why);
    }
    Secret::load(roots)
}

/// A key: 128 bits of XXH3 over everything that decides a file's findings.
pub type Key = u128;

/// Starts a key with what is the same for every file of a run: the copydesk version.
pub fn hasher() -> Xxh3 {
    let mut h = Xxh3::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(&[0]);
    h
}

/// The digest of a file's bytes (one-shot XXH3-128: the streaming hasher costs more per
/// file than a typical article's hash).
pub fn content(bytes: &[u8]) -> Key {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// A digest of two digests (order matters).
pub fn combine(a: Key, b: Key) -> Key {
    let mut both = [0u8; 32];
    both[..16].copy_from_slice(&a.to_le_bytes());
    both[16..].copy_from_slice(&b.to_le_bytes());
    xxhash_rust::xxh3::xxh3_128(&both)
}

/// One stored entry, authenticated: its path (in the file's bytes), what it was computed
/// from, and where its encoded findings are.
#[derive(Debug, Clone)]
struct Meta {
    path: Range<usize>,
    settings: Key,
    content: Key,
    stamp: Option<Stamp>,
    findings: Range<usize>,
}

/// An entry written this run: its keys and its encoded findings.
#[derive(Debug)]
struct Fresh {
    settings: Key,
    content: Key,
    stamp: Option<Stamp>,
    findings: Vec<u8>,
}

/// The cache of one run: the file read at the start (entries are decoded when served),
/// and the entries written during the run, already encoded.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    /// The key every entry's tag is made with.
    secret: Secret,
    /// The cache file as read.
    data: Vec<u8>,
    /// Its entries, their paths left in `data`: reading the file allocates nothing per
    /// entry.
    old: Vec<Meta>,
    /// Each entry's index in `old` by the hash of its path ([`path_hash`]).
    by_path: HashMap<u64, u32, std::hash::BuildHasherDefault<Prehashed>>,
    /// Which entries of `old` this run looked up (their files exist).
    used: Vec<std::sync::atomic::AtomicBool>,
    new: Mutex<HashMap<String, Fresh>>,
    hits: std::sync::atomic::AtomicUsize,
}

/// The hash of a path, for [`Cache`]'s index.
fn path_hash(path: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(path)
}

/// A hasher for keys that are hashes already: it passes them through.
#[derive(Debug, Default)]
struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are hashed with this; fold anything else in anyway.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl Cache {
    /// Opens the cache in `dir`; a missing, unreadable, damaged or foreign file is an
    /// empty cache, and entries not tagged with `secret` are left out. Only a regular
    /// file is read, never through a link, and none over [`INPUT_LIMIT`].
    pub fn open(dir: &Path, secret: Secret) -> Cache {
        let data =
            file::read(&dir.join(FILE_NAME), Kind::RegularNoLink, INPUT_LIMIT).unwrap_or_default();
        let old = index(&data, &secret).unwrap_or_default();
        let mut by_path = HashMap::with_capacity_and_hasher(old.len(), Default::default());
        for (i, m) in old.iter().enumerate() {
            if let Some(path) = data.get(m.path.clone()) {
                by_path.insert(path_hash(path), i as u32);
            }
        }
        Cache {
            dir: dir.to_path_buf(),
            secret,
            used: old
                .iter()
                .map(|_| std::sync::atomic::AtomicBool::new(false))
                .collect(),
            data,
            old,
            by_path,
            new: Mutex::new(HashMap::new()),
            hits: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// The findings stored for `path` if it was linted under `settings` and its stamp is
    /// unchanged, without reading the file. `content` in the answer is the digest of the
    /// bytes the findings were computed from.
    pub fn get_unchanged(
        &self,
        path: &str,
        settings: Key,
        stamp: Stamp,
    ) -> Option<(Key, Vec<Diagnostic>)> {
        let m = self.lookup(path)?;
        if m.settings != settings || m.stamp != Some(stamp) {
            return None;
        }
        let diagnostics = codec::decode(self.data.get(m.findings.clone())?)?;
        Some((m.content, diagnostics))
    }

    /// The findings stored for `path` under `settings` and the digest of its bytes. A hit
    /// whose entry has no stamp, or another one, takes `stamp` for the next run.
    pub fn get(
        &self,
        path: &str,
        settings: Key,
        content: Key,
        stamp: Option<Stamp>,
    ) -> Option<Vec<Diagnostic>> {
        let m = self.lookup(path)?;
        if m.settings != settings || m.content != content {
            return None;
        }
        let raw = self.data.get(m.findings.clone())?;
        let diagnostics = codec::decode(raw)?;
        if stamp.is_some() && stamp != m.stamp {
            self.record(
                path,
                Fresh {
                    settings,
                    content,
                    stamp,
                    findings: raw.to_vec(),
                },
            );
        }
        Some(diagnostics)
    }

    /// The stored entry of `path` (two paths with the same 64-bit hash: the later one
    /// only, and the other is linted every run), noting that its file exists.
    fn lookup(&self, path: &str) -> Option<&Meta> {
        let &i = self.by_path.get(&path_hash(path.as_bytes()))?;
        let m = self.old.get(i as usize)?;
        if self.data.get(m.path.clone())? != path.as_bytes() {
            return None;
        }
        if let Some(u) = self.used.get(i as usize) {
            u.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        Some(m)
    }

    /// Records the findings of `path`, linted under `settings` from bytes with digest
    /// `content` and (if trusted) stamp `stamp`.
    pub fn put(
        &self,
        path: &str,
        settings: Key,
        content: Key,
        stamp: Option<Stamp>,
        diagnostics: &[Diagnostic],
    ) {
        let mut findings = Vec::new();
        codec::encode(diagnostics, &mut findings);
        self.record(
            path,
            Fresh {
                settings,
                content,
                stamp,
                findings,
            },
        );
    }

    /// Keeps an entry for the file written at the end of the run.
    fn record(&self, path: &str, entry: Fresh) {
        if let Ok(mut m) = self.new.lock() {
            m.insert(path.to_string(), entry);
        }
    }

    /// Counts a file served from the cache (by the caller, which alone knows whether an
    /// entry it looked up was used: one found by stamp is dropped if the bytes, read for
    /// rendering, turn out to differ).
    pub fn served(&self) {
        self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// How many files were served from the cache.
    pub fn hits(&self) -> usize {
        self.hits.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Writes the cache back if this run added anything: this run's entries, plus the old
    /// entries of other paths that still exist (another run may have linted other files).
    pub fn save(self) -> std::io::Result<()> {
        let new = self.new.into_inner().unwrap_or_default();
        if new.is_empty() {
            // Nothing to write; a marker file damaged since (emptied by a full disk) is
            // still repaired, in a directory that exists.
            if self.dir.is_dir() {
                place::mark(&self.dir)?;
            }
            return Ok(());
        }
        // Entries of other files are kept while their files exist (looked up this run,
        // or found on disk now). Only authenticated entries are here, so the paths
        // looked at are ones this user's runs linted.
        let kept: Vec<(&str, &Meta)> = self
            .old
            .iter()
            .zip(&self.used)
            .filter_map(|(m, used)| {
                let path = std::str::from_utf8(self.data.get(m.path.clone())?).ok()?;
                let exists = || {
                    used.load(std::sync::atomic::Ordering::Relaxed) || from_display(path).exists()
                };
                (!new.contains_key(path) && exists()).then_some((path, m))
            })
            .collect();
        let mut bytes = Vec::with_capacity(self.data.len() + new.len() * 64);
        bytes.extend_from_slice(MAGIC);
        codec::put_str(&mut bytes, env!("CARGO_PKG_VERSION"));
        codec::put_u32(&mut bytes, new.len() + kept.len());
        let secret = self.secret;
        let mut entry =
            |path: &str, settings: Key, content: Key, stamp: Option<Stamp>, findings: &[u8]| {
                let start = bytes.len();
                codec::put_str(&mut bytes, path);
                bytes.extend_from_slice(&settings.to_le_bytes());
                bytes.extend_from_slice(&content.to_le_bytes());
                match stamp {
                    Some(Stamp(fields)) => {
                        bytes.push(1);
                        for f in fields {
                            bytes.extend_from_slice(&f.to_le_bytes());
                        }
                    }
                    None => bytes.push(0),
                }
                codec::put_u32(&mut bytes, findings.len());
                bytes.extend_from_slice(findings);
                let tag = tag(&secret, bytes.get(start..).unwrap_or_default());
                bytes.extend_from_slice(&tag.to_le_bytes());
            };
        for (path, f) in &new {
            entry(path, f.settings, f.content, f.stamp, &f.findings);
        }
        for (path, m) in kept {
            let findings = self.data.get(m.findings.clone()).unwrap_or_default();
            entry(path, m.settings, m.content, m.stamp, findings);
        }
        place::mark(&self.dir)?;
        place::write(&self.dir, FILE_NAME, &bytes)
    }
}

/// An entry's tag: XXH3-128 of the key followed by the entry's bytes as stored (path,
/// keys, stamp, findings). XXH3 is not a cryptographic MAC; it serves here because no
/// one but the key's owner ever sees a tag made with the key (the cache file is theirs),
/// and the 128-bit key cannot be guessed.
fn tag(secret: &Secret, entry: &[u8]) -> u128 {
    let mut h = Xxh3::new();
    h.update(secret.bytes());
    h.update(entry);
    h.digest128()
}

/// Reads the entry index of a cache file: each path's keys, stamp and the range of its
/// encoded findings. `None` for a file of another format or version, or a damaged one;
/// an entry whose tag is not the one `secret` makes is left out.
fn index(data: &[u8], secret: &Secret) -> Option<Vec<Meta>> {
    let mut r = codec::Reader { bytes: data, at: 0 };
    if r.take(MAGIC.len())? != MAGIC || r.str()? != env!("CARGO_PKG_VERSION") {
        return None;
    }
    let n = r.u32()?;
    // Each entry takes more than 32 bytes: a damaged count cannot reserve much.
    let mut entries = Vec::with_capacity(n.min(data.len() / 32));
    for _ in 0..n {
        let entry_start = r.at;
        // The path's bytes are compared with the path looked up, never decoded here.
        let len = r.u32()?;
        let path = r.at..r.at + len;
        r.take(len)?;
        let settings = r.u128()?;
        let content = r.u128()?;
        let stamp = match r.take(1)? {
            [0] => None,
            [1] => {
                let mut fields = [0u64; 5];
                for f in &mut fields {
                    *f = u64::from_le_bytes(r.take(8)?.try_into().ok()?);
                }
                Some(Stamp(fields))
            }
            _ => return None,
        };
        let len = r.u32()?;
        let start = r.at;
        r.take(len)?;
        let entry = data.get(entry_start..r.at)?;
        if r.u128()? != tag(secret, entry) {
            continue;
        }
        entries.push(Meta {
            path,
            settings,
            content,
            stamp,
            findings: start..start + len,
        });
    }
    (r.at == data.len()).then_some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_and_combine_depend_on_every_input() {
        assert_eq!(content(b"text"), content(b"text"));
        assert_ne!(content(b"text"), content(b"text."));
        assert_ne!(combine(1, 2), combine(2, 1));
    }

    #[test]
    fn round_trip_and_mismatch() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("a.md");
        std::fs::write(&path, "x").unwrap_or_else(|e| panic!("{e}"));
        let shown = path.to_string_lossy().into_owned();
        let cache = Cache::open(dir.path(), Secret::fixed(1));
        assert!(cache.get(&shown, 1, 7, None).is_none());
        cache.put(&shown, 1, 7, None, &[]);
        cache.save().unwrap_or_else(|e| panic!("{e}"));
        let cache = Cache::open(dir.path(), Secret::fixed(1));
        assert_eq!(cache.get(&shown, 1, 7, None), Some(Vec::new()));
        assert!(cache.get(&shown, 1, 8, None).is_none());
        assert!(cache.get(&shown, 2, 7, None).is_none());
        cache.served();
        assert_eq!(cache.hits(), 1);
        assert!(dir.path().join(".gitignore").exists());
    }

    #[test]
    fn entries_serve_only_under_the_key_that_tagged_them() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let cache = Cache::open(dir.path(), Secret::fixed(1));
        cache.put("a.md", 1, 7, None, &[]);
        cache.put("b.md", 1, 7, None, &[]);
        cache.save().unwrap_or_else(|e| panic!("{e}"));
        assert!(Cache::open(dir.path(), Secret::fixed(2)).old.is_empty());
        // A changed byte anywhere in an entry (here its findings' count) drops that
        // entry alone.
        let file = dir.path().join(FILE_NAME);
        let mut data = std::fs::read(&file).unwrap_or_else(|e| panic!("{e}"));
        let entries = index(&data, &Secret::fixed(1)).unwrap_or_default();
        assert_eq!(entries.len(), 2);
        if let Some(b) = entries.first().and_then(|m| data.get_mut(m.findings.start)) {
            *b ^= 1;
        }
        std::fs::write(&file, &data).unwrap_or_else(|e| panic!("{e}"));
        let cache = Cache::open(dir.path(), Secret::fixed(1));
        assert_eq!(cache.old.len(), 1);
    }

    #[test]
    fn unchanged_needs_the_same_settings_and_stamp() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("a.md");
        std::fs::write(&path, "x").unwrap_or_else(|e| panic!("{e}"));
        let shown = path.to_string_lossy().into_owned();
        let st = Stamp([1, 2, 3, 4, 5]);
        let cache = Cache::open(dir.path(), Secret::fixed(1));
        cache.put(&shown, 1, 7, Some(st), &[]);
        cache.put("elsewhere.md", 1, 7, None, &[]);
        cache.save().unwrap_or_else(|e| panic!("{e}"));
        let cache = Cache::open(dir.path(), Secret::fixed(1));
        assert_eq!(cache.get_unchanged(&shown, 1, st), Some((7, Vec::new())));
        assert!(cache.get_unchanged(&shown, 2, st).is_none());
        assert!(cache
            .get_unchanged(&shown, 1, Stamp([1, 2, 3, 4, 6]))
            .is_none());
        // An entry without a stamp is never served unread; it takes one on a hit.
        assert!(cache.get_unchanged("elsewhere.md", 1, st).is_none());
    }

    #[test]
    fn a_save_keeps_entries_of_files_that_exist_or_were_looked_up() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let shown = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
        for name in ["kept.md", "gone.md", "seen.md"] {
            std::fs::write(dir.path().join(name), "x").unwrap_or_else(|e| panic!("{e}"));
        }
        let cache = Cache::open(dir.path(), Secret::fixed(1));
        for name in ["kept.md", "gone.md", "seen.md"] {
            cache.put(&shown(name), 1, 7, None, &[]);
        }
        cache.save().unwrap_or_else(|e| panic!("{e}"));
        // `gone.md` is deleted; `seen.md` too, but this run looked it up (it saw the
        // file), so it is kept without a stat.
        for name in ["gone.md", "seen.md"] {
            std::fs::remove_file(dir.path().join(name)).unwrap_or_else(|e| panic!("{e}"));
        }
        let cache = Cache::open(dir.path(), Secret::fixed(1));
        assert!(cache.get(&shown("seen.md"), 1, 7, None).is_some());
        cache.put(&shown("new.md"), 1, 7, None, &[]);
        cache.save().unwrap_or_else(|e| panic!("{e}"));
        let cache = Cache::open(dir.path(), Secret::fixed(1));
        let has = |name: &str| cache.get(&shown(name), 1, 7, None).is_some();
        assert!(has("kept.md") && has("seen.md") && has("new.md"));
        assert!(!has("gone.md"));
    }

    #[cfg(unix)]
    #[test]
    fn recently_changed_files_get_no_stamp() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("a.md");
        std::fs::write(&path, "x").unwrap_or_else(|e| panic!("{e}"));
        let meta = std::fs::metadata(&path).unwrap_or_else(|e| panic!("{e}"));
        // Written just now: racy, no stamp.
        assert!(stamp(&meta, now_ns()).is_none());
        // Seen from a run that starts an hour later, it is old enough.
        let later = now_ns() + 3_600_000_000_000;
        let st = stamp(&meta, later).unwrap_or_else(|| panic!("no stamp"));
        // A rewrite changes the stamp even with the same size and modification time.
        let modified = meta.modified().unwrap_or_else(|e| panic!("{e}"));
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&path, "y").unwrap_or_else(|e| panic!("{e}"));
        let f = std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap_or_else(|e| panic!("{e}"));
        f.set_modified(modified).unwrap_or_else(|e| panic!("{e}"));
        let meta2 = std::fs::metadata(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(meta2.modified().ok(), Some(modified));
        assert_ne!(stamp(&meta2, later), Some(st));
    }
}
