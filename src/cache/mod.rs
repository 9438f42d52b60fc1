//! The result cache: each file's findings, keyed by everything that decides them, so a
//! second run over an unchanged tree reads files and hashes them instead of linting.
//!
//! The key of a file is an XXH3-128 hash of the copydesk version, the rule set (the text
//! of every rule file loaded), the settings that apply to the file (rules on and off,
//! severities, accepted words, format, extraction options, suppression reporting) and the
//! file's bytes. Any change to any of them gives another key, so a stale result is never
//! served; an entry whose key does not match is simply linted again and replaced.
//!
//! Everything lives in one binary file per cache directory (see `codec`), read once at
//! the start of a run (each file's findings are decoded only if they are served) and
//! replaced atomically at the end when something changed. Files that could not be
//! read or decoded are never cached. Writing is best effort: a cache that cannot be
//! written costs speed, never results.

mod codec;

use crate::diagnostic::Diagnostic;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use xxhash_rust::xxh3::Xxh3;

/// The cache directory used when neither `--cache-dir` nor `COPYDESK_CACHE_DIR` says.
pub const DEFAULT_DIR: &str = ".copydesk_cache";

/// The file inside the cache directory that holds the entries.
const FILE_NAME: &str = "results-v2.bin";

/// The first bytes of the file: the format (a file of another format is ignored whole).
const MAGIC: &[u8; 8] = b"CDCACHE2";

/// A key: 128 bits of XXH3 over everything that decides a file's findings.
pub type Key = u128;

/// Starts a key with what is the same for every file of a run: the copydesk version.
pub fn hasher() -> Xxh3 {
    let mut h = Xxh3::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(&[0]);
    h
}

/// A file's key: `settings` (a digest of its rule set and settings) and its bytes. The
/// bytes are hashed one-shot (the streaming hasher costs more per file than a typical
/// article's hash), then the two digests are hashed together.
pub fn key(settings: Key, bytes: &[u8]) -> Key {
    combine(settings, xxhash_rust::xxh3::xxh3_128(bytes))
}

/// A digest of two digests (order matters).
pub fn combine(a: Key, b: Key) -> Key {
    let mut both = [0u8; 32];
    both[..16].copy_from_slice(&a.to_le_bytes());
    both[16..].copy_from_slice(&b.to_le_bytes());
    xxhash_rust::xxh3::xxh3_128(&both)
}

/// The cache of one run: the file read at the start (entries are decoded when served),
/// and the entries written during the run, already encoded.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    /// The cache file as read.
    data: Vec<u8>,
    /// Per path: its key and where its encoded findings are in `data`.
    old: HashMap<String, (Key, Range<usize>)>,
    new: Mutex<HashMap<String, (Key, Vec<u8>)>>,
    hits: std::sync::atomic::AtomicUsize,
}

impl Cache {
    /// Opens the cache in `dir`; a missing, unreadable, damaged or foreign file is an
    /// empty cache.
    pub fn open(dir: &Path) -> Cache {
        let data = std::fs::read(dir.join(FILE_NAME)).unwrap_or_default();
        let old = index(&data).unwrap_or_default();
        Cache {
            dir: dir.to_path_buf(),
            data,
            old,
            new: Mutex::new(HashMap::new()),
            hits: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// The findings stored for `path` under `key`, if they are there.
    pub fn get(&self, path: &str, key: Key) -> Option<Vec<Diagnostic>> {
        let (k, range) = self.old.get(path)?;
        if *k != key {
            return None;
        }
        let diagnostics = codec::decode(self.data.get(range.clone())?)?;
        self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(diagnostics)
    }

    /// Records the findings of `path` under `key`.
    pub fn put(&self, path: &str, key: Key, diagnostics: &[Diagnostic]) {
        let mut encoded = Vec::new();
        codec::encode(diagnostics, &mut encoded);
        if let Ok(mut m) = self.new.lock() {
            m.insert(path.to_string(), (key, encoded));
        }
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
            return Ok(());
        }
        let kept: Vec<(&String, &(Key, Range<usize>))> = self
            .old
            .iter()
            .filter(|(path, _)| !new.contains_key(*path) && Path::new(path).exists())
            .collect();
        let mut bytes = Vec::with_capacity(self.data.len() + new.len() * 64);
        bytes.extend_from_slice(MAGIC);
        codec::put_str(&mut bytes, env!("CARGO_PKG_VERSION"));
        codec::put_u32(&mut bytes, new.len() + kept.len());
        let mut entry = |path: &str, key: Key, encoded: &[u8]| {
            codec::put_str(&mut bytes, path);
            bytes.extend_from_slice(&key.to_le_bytes());
            codec::put_u32(&mut bytes, encoded.len());
            bytes.extend_from_slice(encoded);
        };
        for (path, (key, encoded)) in &new {
            entry(path, *key, encoded);
        }
        for (path, (key, range)) in kept {
            entry(path, *key, self.data.get(range.clone()).unwrap_or_default());
        }
        std::fs::create_dir_all(&self.dir)?;
        // Tell git and backup tools the directory is disposable.
        let ignore = self.dir.join(".gitignore");
        if !ignore.exists() {
            std::fs::write(&ignore, "# Made by copydesk: the result cache.\n*\n")?;
        }
        let tag = self.dir.join("CACHEDIR.TAG");
        if !tag.exists() {
            std::fs::write(
                &tag,
                "Signature: 8a477f597d28d172789f06886806bc55\n# copydesk result cache\n",
            )?;
        }
        // Write beside and rename over: concurrent runs each leave a whole file, the
        // last one wins, and a reader never sees half of one.
        let mut tmp = tempfile::Builder::new()
            .prefix(".results-")
            .suffix(".tmp")
            .tempfile_in(&self.dir)?;
        std::io::Write::write_all(&mut tmp, &bytes)?;
        tmp.persist(self.dir.join(FILE_NAME)).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Reads the entry index of a cache file: each path's key and the range of its encoded
/// findings. `None` for a file of another format or version, or a damaged one.
fn index(data: &[u8]) -> Option<HashMap<String, (Key, Range<usize>)>> {
    let mut r = codec::Reader { bytes: data, at: 0 };
    if r.take(MAGIC.len())? != MAGIC || r.str()? != env!("CARGO_PKG_VERSION") {
        return None;
    }
    let n = r.u32()?;
    let mut map = HashMap::with_capacity(n.min(data.len()));
    for _ in 0..n {
        let path = r.str()?.to_string();
        let key = r.u128()?;
        let len = r.u32()?;
        let start = r.at;
        r.take(len)?;
        map.insert(path, (key, start..start + len));
    }
    (r.at == data.len()).then_some(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_depends_on_settings_and_bytes() {
        let a = key(1, b"text");
        assert_eq!(a, key(1, b"text"));
        assert_ne!(a, key(2, b"text"));
        assert_ne!(a, key(1, b"text."));
    }

    #[test]
    fn round_trip_and_mismatch() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("a.md");
        std::fs::write(&path, "x").unwrap_or_else(|e| panic!("{e}"));
        let shown = path.to_string_lossy().into_owned();
        let cache = Cache::open(dir.path());
        assert!(cache.get(&shown, 7).is_none());
        cache.put(&shown, 7, &[]);
        cache.save().unwrap_or_else(|e| panic!("{e}"));
        let cache = Cache::open(dir.path());
        assert_eq!(cache.get(&shown, 7), Some(Vec::new()));
        assert!(cache.get(&shown, 8).is_none());
        assert_eq!(cache.hits(), 1);
        assert!(dir.path().join(".gitignore").exists());
    }
}
