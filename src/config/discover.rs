//! Configuration discovery: the nearest `copydesk.toml` (or `.copydesk.toml`) from a
//! file's directory upward, up to the repository root: the first directory holding a
//! `.git` (a directory, or a file in a worktree or submodule) is the last one looked in,
//! so a configuration in a shared parent directory (`/tmp`, a home directory others can
//! write to) never applies to a repository's files. Every directory looked at is
//! remembered, so a walk of a deep tree looks at each directory once.

use super::Config;
use crate::text::path::absolute;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The nearest configuration of each directory asked about, remembered for a run.
#[derive(Debug, Default)]
pub struct Discovery {
    /// The nearest configuration of each directory looked at, by its path as given and
    /// as made absolute (raw bytes: hashing a `Path` hashes it component by component).
    dir_config: HashMap<std::ffi::OsString, Option<PathBuf>>,
    /// The working directory, once asked.
    cwd: Option<Result<PathBuf, String>>,
}

impl Discovery {
    /// The nearest config for a path (a directory, or a file whose directory is looked in).
    pub fn for_path(&mut self, path: &Path) -> Option<PathBuf> {
        let dir = if path.is_dir() {
            path
        } else {
            path.parent().unwrap_or(Path::new(""))
        };
        self.in_dir(dir)
    }

    /// The nearest config for a file in `dir` (its own or an ancestor's, up to the
    /// repository root).
    pub fn in_dir(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(c) = self.dir_config.get(dir.as_os_str()) {
            return c.clone();
        }
        let start = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        // Relative directories are joined to the working directory, asked once per run
        // (`std::path::absolute` asks the system for it on every call), and `..` is the
        // parent: the configuration of `../other/a.md` is looked for in `../other` and
        // up, never in the working directory.
        let abs = if start.is_absolute() {
            Ok(absolute(Path::new("/"), start))
        } else {
            self.cwd
                .get_or_insert_with(|| std::env::current_dir().map_err(|e| e.to_string()))
                .as_ref()
                .map(|cwd| absolute(cwd, start))
                .map_err(Clone::clone)
        };
        let Ok(abs) = abs else {
            self.dir_config.insert(dir.as_os_str().to_owned(), None);
            return None;
        };
        // Up from `abs` to the first directory already known (or the root).
        let mut unknown = Vec::new();
        let mut found = None;
        let mut at = Some(abs.as_path());
        while let Some(d) = at {
            if let Some(c) = self.dir_config.get(d.as_os_str()) {
                found = c.clone();
                break;
            }
            if let Some(c) = Config::in_dir(d) {
                found = Some(c);
                unknown.push(d.to_path_buf());
                break;
            }
            unknown.push(d.to_path_buf());
            if d.join(".git").symlink_metadata().is_ok() {
                break;
            }
            at = d.parent();
        }
        for d in unknown {
            self.dir_config.insert(d.into_os_string(), found.clone());
        }
        self.dir_config
            .insert(dir.as_os_str().to_owned(), found.clone());
        found
    }
}

/// The project root seen from `start` (the working directory, usually): the directory
/// of `config` when one is given, else of the nearest configuration (searched as
/// [`Discovery`] does), else the nearest directory holding `.git`, else `start` itself.
/// The result cache lives there, wherever in the project copydesk is run from.
pub fn project_root(start: &Path, config: Option<&Path>) -> PathBuf {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let start = abs(start);
    let config = config
        .map(Path::to_path_buf)
        .or_else(|| Discovery::default().in_dir(&start));
    if let Some(dir) = config
        .as_deref()
        .and_then(|c| abs(c).parent().map(Path::to_path_buf))
    {
        return dir;
    }
    start
        .ancestors()
        .find(|d| d.join(".git").symlink_metadata().is_ok())
        .unwrap_or(&start)
        .to_path_buf()
}
