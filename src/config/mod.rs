//! `copydesk.toml`: discovery (nearest file upward from each linted path, or `--config`;
//! [`Discovery`]), strict parsing (unknown keys are errors with file, line and key), and resolution into a
//! [`Profile`]: the rule set plus per-file settings, with per-glob overrides layered on top.

mod discover;
mod profile;
mod trace;

pub use discover::{project_root, Discovery};
pub use profile::{Profile, RuleOrigin};
pub use trace::FileTrace;

use crate::diagnostic::Severity;
use crate::error::locate;
use crate::error::FileError;
use crate::text::markup::Format;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// File names searched for, in order, in every directory from the linted path upward.
pub const CONFIG_NAMES: [&str; 2] = ["copydesk.toml", ".copydesk.toml"];

/// The words file read beside a config file that names none.
pub const WORDS_FILE: &str = "copydesk-words.txt";

/// Article file extensions linted when walking directories.
pub const DEFAULT_EXTENSIONS: [&str; 6] = ["md", "markdown", "txt", "text", "html", "htm"];

/// The rules chosen on the command line: the last layer, over the configuration and
/// its `[[overrides]]`, for every file. Selectors are ids, `pack.*` or `*`, as in the
/// configuration's `enable` and `disable`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Selection {
    /// `--select`: only these rules are on (`None`: the configuration's set).
    pub select: Option<Vec<String>>,
    /// `--enable`: turned on, after `select`.
    pub enable: Vec<String>,
    /// `--disable`: turned off, last.
    pub disable: Vec<String>,
}

impl Selection {
    /// Whether the command line chose nothing.
    pub fn is_empty(&self) -> bool {
        self.select.is_none() && self.enable.is_empty() && self.disable.is_empty()
    }
}

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Extra rule-pack directories, relative to the config file.
    #[serde(default)]
    pub packs: Vec<String>,
    /// Rules or `pack.*` to turn on (opt-in rules included).
    #[serde(default)]
    pub enable: Vec<String>,
    /// Rules or `pack.*` to turn off.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Words and phrases never flagged.
    #[serde(default)]
    pub accept: Vec<String>,
    /// Severity per rule or `pack.*`.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Extensions linted when walking directories.
    #[serde(default)]
    pub extensions: Option<Vec<String>>,
    /// Globs excluded from the walk.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Front-matter keys linted as prose.
    #[serde(default)]
    pub prose_keys: Option<Vec<String>>,
    /// HTML attributes linted as prose.
    #[serde(default)]
    pub html_attributes: Option<Vec<String>>,
    /// Lowest severity that fails the run.
    #[serde(default)]
    pub fail_on: Option<Severity>,
    /// The dialect whose dictionary the spelling rule uses (`en-US`, `en-GB`, `en-CA`,
    /// `en-AU`); none: every dialect's spellings are accepted.
    #[serde(default)]
    pub dialect: Option<String>,
    /// The project's words file, relative to the config file (default:
    /// `copydesk-words.txt` beside it, if there is one): one accepted word per line.
    #[serde(default)]
    pub words: Option<String>,
    /// Per-glob settings.
    #[serde(default)]
    pub overrides: Vec<OverrideFile>,
}

/// One `[[overrides]]` table.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OverrideFile {
    /// Globs, relative to the config file's directory.
    pub files: Vec<String>,
    /// Rules to turn on for these files.
    #[serde(default)]
    pub enable: Vec<String>,
    /// Rules to turn off for these files.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Extra accepted words.
    #[serde(default)]
    pub accept: Vec<String>,
    /// Severity changes.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Lint these files as this format, whatever their extension.
    #[serde(default)]
    pub format: Option<Format>,
}

/// A config file read from disk (or the empty default).
#[derive(Debug, Default)]
pub struct Config {
    /// Where it was read from; `None` for the built-in default.
    pub path: Option<PathBuf>,
    /// The directory globs and pack paths are relative to.
    pub dir: PathBuf,
    /// The parsed file.
    pub file: ConfigFile,
    /// Its text, for error locations.
    pub text: String,
}

impl Config {
    /// Reads and parses a config file.
    pub fn read(path: &Path) -> Result<Config, FileError> {
        let shown = crate::text::path::display(path);
        let text = crate::text::file::read_config(path).map_err(|e| {
            FileError::whole(
                &shown,
                format!("cannot read config: {}", crate::text::path::io_message(&e)),
            )
        })?;
        let file: ConfigFile =
            toml::from_str(&text).map_err(|e| FileError::from_toml(&shown, &text, &e))?;
        let dir = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        Ok(Config {
            path: Some(path.to_path_buf()),
            dir: if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir
            },
            file,
            text,
        })
    }

    /// The config file in `dir` itself, if there is one (discovery walks up from a
    /// file's directory with this; see [`Discovery`], which remembers each answer).
    /// Anything by that name counts, even a broken link, a directory or a pipe: reading
    /// it then reports what it is, rather than a configuration silently not applying.
    pub fn in_dir(dir: &Path) -> Option<PathBuf> {
        CONFIG_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|candidate| candidate.symlink_metadata().is_ok())
    }

    /// The extensions of the files a walk lints, lower case, without the dot.
    pub fn extensions(&self) -> Vec<String> {
        match &self.file.extensions {
            Some(list) => list
                .iter()
                .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
                .collect(),
            None => DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// The `exclude` globs as one set (globs that do not compile are reported when the
    /// profile is resolved; until then the set is empty).
    pub fn exclude_set(&self) -> GlobSet {
        glob_set(&self.file.exclude).unwrap_or_else(|_| GlobSet::empty())
    }

    /// Each `[[overrides]]` table's globs as one set, with its format (as for
    /// [`Config::exclude_set`], a set that does not compile is empty here).
    pub fn override_sets(&self) -> Vec<(GlobSet, Option<Format>)> {
        self.file
            .overrides
            .iter()
            .map(|o| {
                let set = glob_set(&o.files).unwrap_or_else(|_| GlobSet::empty());
                (set, o.format)
            })
            .collect()
    }

    /// The rule pack directories the configuration adds, as paths.
    pub fn pack_dirs(&self) -> Vec<PathBuf> {
        self.file.packs.iter().map(|p| self.dir.join(p)).collect()
    }

    fn shown(&self) -> String {
        self.path.as_ref().map_or_else(
            || "<default config>".to_string(),
            |p| crate::text::path::display(p),
        )
    }

    pub(crate) fn err(&self, needle: &str, msg: String) -> FileError {
        FileError::at(self.shown(), &self.text, locate(&self.text, needle), msg)
    }
}

/// `path` relative to `dir` when it is inside it (both made absolute), else as given.
pub fn relative_to(path: &Path, dir: &Path) -> PathBuf {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (p, d) = (abs(path), abs(dir));
    p.strip_prefix(&d).map(Path::to_path_buf).unwrap_or(p)
}

/// Globs as one set.
pub(crate) fn glob_set(globs: &[String]) -> Result<GlobSet, globset::Error> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(Glob::new(g)?);
    }
    b.build()
}

/// Reports each glob of `globs` that does not compile, at its place in the config.
pub(crate) fn invalid_globs(config: &Config, globs: &[String], errors: &mut Vec<FileError>) {
    for g in globs {
        if let Err(e) = Glob::new(g) {
            errors.push(config.err(g, format!("invalid glob: {e}")));
        }
    }
}

/// The format of `path` under `[[overrides]]` given as (globs relative to `dir`, format)
/// pairs: the last matching override's format, else by extension (plain text when the
/// extension is unknown).
pub fn format_under<'a>(
    overrides: impl Iterator<Item = (&'a GlobSet, Option<Format>)> + Clone,
    dir: &Path,
    path: &Path,
) -> Format {
    let mut format = None;
    if overrides.clone().any(|(_, f)| f.is_some()) {
        let rel = relative_to(path, dir);
        for (set, f) in overrides {
            if f.is_some() && set.is_match(&rel) {
                format = f;
            }
        }
    }
    format.unwrap_or_else(|| Format::for_path(path))
}
