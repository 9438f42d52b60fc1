//! The result cache's secret key: 128 random bits made on first use and kept outside
//! every checkout, in the user's own cache directory (`$XDG_CACHE_HOME/copydesk/key`,
//! else `~/.cache/copydesk/key`; `%LOCALAPPDATA%\copydesk\key` on Windows). Every cache
//! entry carries a digest of itself keyed with it, so an entry is served only if a run
//! of this user wrote it: a cache file shipped in a repository, or edited, never
//! validates.

use crate::text::file::{self, Kind};
use crate::text::path::{display, io_message};
use std::path::{Path, PathBuf};

/// The key's length in bytes.
const LEN: usize = 16;

/// The secret key that authenticates cache entries.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Secret([u8; LEN]);

impl std::fmt::Debug for Secret {
    // Never printed, even in a debug dump.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

impl Secret {
    /// The user's key, made (at random) and stored if there is none yet or the stored
    /// one is damaged. The error says why there is none: then the cache is not used.
    ///
    /// A key inside `roots` (the paths linted, `-` aside) is refused before it is read or
    /// made: a checkout could ship one along with a cache made under it, when
    /// `XDG_CACHE_HOME` points into it (as some CI set-ups do).
    pub fn load(roots: &[PathBuf]) -> Result<Secret, String> {
        let dir = key_dir().ok_or("no cache directory for its key (set XDG_CACHE_HOME or HOME)")?;
        if let Some(root) = super::place::linted_within(&dir, roots) {
            return Err(format!(
                "its key's directory {} is inside {}, which is linted",
                display(&dir),
                display(root)
            ));
        }
        let path = dir.join("key");
        let failed = |e: std::io::Error| {
            format!(
                "cannot keep its key in {}: {}",
                display(&path),
                io_message(&e)
            )
        };
        match file::read(&path, Kind::RegularNoLink, 64) {
            Ok(bytes) => match <[u8; LEN]>::try_from(bytes.as_slice()) {
                Ok(key) => Ok(Secret(key)),
                Err(_) => make(&dir, &path, true).map_err(failed),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                make(&dir, &path, false).map_err(failed)
            }
            Err(e) => Err(failed(e)),
        }
    }

    /// A fixed key (tests).
    #[cfg(test)]
    pub fn fixed(byte: u8) -> Secret {
        Secret([byte; LEN])
    }

    /// The key's bytes, mixed into every entry's digest.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

/// Makes a key and stores it at `path` atomically (readable by the user alone). Two runs
/// that start together each make one, and the first stored wins: the other reads it.
fn make(dir: &Path, path: &Path, replace: bool) -> std::io::Result<Secret> {
    let mut key = [0u8; LEN];
    getrandom::fill(&mut key).map_err(std::io::Error::other)?;
    create_private_dir(dir)?;
    // Made 0600 by tempfile.
    let mut tmp = tempfile::Builder::new().prefix(".key-").tempfile_in(dir)?;
    std::io::Write::write_all(&mut tmp, &key)?;
    tmp.as_file().sync_all()?;
    let stored = if replace {
        tmp.persist(path).map(drop)
    } else {
        tmp.persist_noclobber(path).map(drop)
    };
    match stored {
        Ok(()) => Ok(Secret(key)),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            let bytes = file::read(path, Kind::RegularNoLink, 64)?;
            <[u8; LEN]>::try_from(bytes.as_slice())
                .map(Secret)
                .map_err(|_| std::io::Error::other("the stored key is damaged"))
        }
        Err(e) => Err(e.error),
    }
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Where the key lives: the user's cache directory, by the XDG rules (a relative
/// `XDG_CACHE_HOME` is ignored, as the specification says).
fn key_dir() -> Option<PathBuf> {
    let absolute = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    if cfg!(windows) {
        return absolute("LOCALAPPDATA").map(|d| d.join("copydesk"));
    }
    absolute("XDG_CACHE_HOME")
        .or_else(|| absolute("HOME").map(|h| h.join(".cache")))
        .map(|d| d.join("copydesk"))
}
