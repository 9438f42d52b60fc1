//! The result cache: each file's findings, keyed by everything that decides them, so a
//! second run over an unchanged tree reads files and hashes them instead of linting.
//!
//! The key of a file is an XXH3-128 hash of the copydesk version, the rule set (the text
//! of every rule file loaded), the settings that apply to the file (rules on and off,
//! severities, accepted words, format, extraction options, suppression reporting) and the
//! file's bytes. Any change to any of them gives another key, so a stale result is never
//! served; an entry whose key does not match is simply linted again and replaced.
//!
//! Everything lives in one JSON file per cache directory, read once at the start of a run
//! and replaced atomically at the end when something changed. Files that could not be
//! read or decoded are never cached. Writing is best effort: a cache that cannot be
//! written costs speed, never results.

use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use xxhash_rust::xxh3::Xxh3;

/// The cache directory used when neither `--cache-dir` nor `COPYDESK_CACHE_DIR` says.
pub const DEFAULT_DIR: &str = ".copydesk_cache";

/// The file inside the cache directory that holds the entries.
const FILE_NAME: &str = "results-v1.json";

/// A key: 128 bits of XXH3 over everything that decides a file's findings.
pub type Key = u128;

/// Starts a key with what is the same for every file of a run: the copydesk version.
pub fn hasher() -> Xxh3 {
    let mut h = Xxh3::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(&[0]);
    h
}

/// A file's key: `settings` (a digest of its rule set and settings) and its bytes.
pub fn key(settings: Key, bytes: &[u8]) -> Key {
    let mut h = Xxh3::new();
    h.update(&settings.to_le_bytes());
    h.update(bytes);
    h.digest128()
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    /// The key as 32 hex digits (JSON numbers cannot hold 128 bits).
    key: String,
    diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    /// The version that wrote the file; another version's file is ignored whole.
    version: String,
    entries: HashMap<String, Entry>,
}

/// The cache of one run: entries read at the start, and those written during the run.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    old: HashMap<String, Entry>,
    new: Mutex<HashMap<String, Entry>>,
    hits: std::sync::atomic::AtomicUsize,
}

impl Cache {
    /// Opens the cache in `dir`; a missing, unreadable or foreign file is an empty cache.
    pub fn open(dir: &Path) -> Cache {
        let old = std::fs::read(dir.join(FILE_NAME))
            .ok()
            .and_then(|b| serde_json::from_slice::<Stored>(&b).ok())
            .filter(|s| s.version == env!("CARGO_PKG_VERSION"))
            .map(|s| s.entries)
            .unwrap_or_default();
        Cache {
            dir: dir.to_path_buf(),
            old,
            new: Mutex::new(HashMap::new()),
            hits: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// The findings stored for `path` under `key`, if they are there.
    pub fn get(&self, path: &str, key: Key) -> Option<Vec<Diagnostic>> {
        let e = self.old.get(path)?;
        if e.key != hex(key) {
            return None;
        }
        self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(e.diagnostics.clone())
    }

    /// Records the findings of `path` under `key`.
    pub fn put(&self, path: &str, key: Key, diagnostics: &[Diagnostic]) {
        if let Ok(mut m) = self.new.lock() {
            m.insert(
                path.to_string(),
                Entry {
                    key: hex(key),
                    diagnostics: diagnostics.to_vec(),
                },
            );
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
        let mut entries = new;
        for (path, e) in self.old {
            if !entries.contains_key(&path) && Path::new(&path).exists() {
                entries.insert(path, e);
            }
        }
        let stored = Stored {
            version: env!("CARGO_PKG_VERSION").to_string(),
            entries,
        };
        let bytes = serde_json::to_vec(&stored).map_err(std::io::Error::other)?;
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

fn hex(key: Key) -> String {
    format!("{key:032x}")
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
