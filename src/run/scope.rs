//! The configurations of a run. Each is read once, when the walk first meets a directory
//! it applies to ([`Scope`]: which files it lints and under which result-cache key), and
//! its profile (rule files parsed, settings checked against them) is resolved at the
//! first file that needs linting. So the walk never waits for the rules to load, and a
//! run the cache serves whole never parses them.

use crate::config::{format_under, relative_to, Config, Discovery, Profile, Selection};
use crate::diagnostic::Severity;
use crate::error::FileError;
use crate::run::cache;
use crate::text::markup::Format;
use crate::text::path::{display, extension_of};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// The configurations of a run, each read once (found per directory by discovery), with
/// their profiles, resolved when first needed.
#[derive(Default)]
pub struct Profiles {
    scopes: HashMap<Option<PathBuf>, Result<Arc<Scope>, Vec<FileError>>>,
    discovery: Discovery,
    /// Leave the rules uncompiled until a file needs linting (a check, where the result
    /// cache may serve every file). Otherwise they compile with the profile, so that
    /// every rule-file error is reported before any file is touched.
    lazy: bool,
    /// Work out each scope's result-cache key, with whether unused suppressions are
    /// reported (the one run option that changes findings).
    keyed: Option<bool>,
    /// The command line's rule selection, resolved into every profile.
    selection: Arc<Selection>,
}

/// One configuration as a run uses it: which walked files it lints and under which
/// result-cache key, known as soon as the file is read, and its profile, resolved at the
/// first file that is linted.
pub struct Scope {
    dir: PathBuf,
    extensions: Vec<String>,
    /// `None` without `exclude` globs.
    exclude: Option<globset::GlobSet>,
    /// Each `[[overrides]]` table's globs and format.
    overrides: Vec<(globset::GlobSet, Option<Format>)>,
    /// The failing severity the configuration asks for.
    pub fail_on: Option<Severity>,
    /// The result-cache key of everything but the file that decides its findings (see
    /// [`Scope::file_key`]); `None` when not caching, or a pack cannot be read.
    identity: Option<cache::Key>,
    lazy: bool,
    selection: Arc<Selection>,
    /// Some file was served from the cache under this scope's key.
    served: AtomicBool,
    /// The configuration, until the profile is resolved from it.
    config: Mutex<Option<Config>>,
    profile: OnceLock<Result<Arc<Profile>, Vec<FileError>>>,
}

impl Scope {
    fn new(config: Config, lazy: bool, keyed: Option<bool>, selection: Arc<Selection>) -> Scope {
        Scope {
            dir: config.dir.clone(),
            extensions: config.extensions(),
            exclude: (!config.file.exclude.is_empty()).then(|| config.exclude_set()),
            overrides: config.override_sets(),
            fail_on: config.file.fail_on,
            identity: keyed.and_then(|unused| identity(&config, unused, &selection)),
            lazy,
            selection,
            served: AtomicBool::new(false),
            config: Mutex::new(Some(config)),
            profile: OnceLock::new(),
        }
    }

    /// Whether a walked (not explicitly named) file is an article of this configuration.
    pub fn wants(&self, path: &Path) -> bool {
        let ext = extension_of(path).unwrap_or_default();
        self.extensions.iter().any(|e| e.eq_ignore_ascii_case(ext))
            && self
                .exclude
                .as_ref()
                .is_none_or(|set| !set.is_match(relative_to(path, &self.dir)))
    }

    /// The result-cache key of a file's settings: the scope's identity, the format the
    /// file is linted as, and which overrides apply to it. Together with the file's
    /// bytes that decides its findings.
    pub fn file_key(&self, path: &Path) -> Option<cache::Key> {
        let identity = self.identity?;
        let overrides = self.overrides.iter().map(|(set, f)| (set, *f));
        // The format as a byte (the enum is fieldless): no formatting per file.
        let format = format_under(overrides, &self.dir, path) as u8;
        if self.overrides.is_empty() {
            return Some(cache::combine(identity, u128::from(format)));
        }
        let rel = relative_to(path, &self.dir);
        let mut h = cache::hasher();
        h.update(&identity.to_le_bytes());
        h.update(&[format]);
        for (i, (set, _)) in self.overrides.iter().enumerate() {
            if set.is_match(&rel) {
                h.update(&(i as u64).to_le_bytes());
            }
        }
        Some(h.digest128())
    }

    /// Notes a file served from the cache under this scope's key: its configuration and
    /// rules are as they were in a run that resolved them without error.
    pub fn served(&self) {
        self.served.store(true, Ordering::Relaxed);
    }

    /// The profile, resolved on the first call (by whichever thread gets there first).
    pub fn profile(&self) -> Result<Arc<Profile>, Vec<FileError>> {
        self.profile
            .get_or_init(|| {
                let config = self
                    .config
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .take()
                    .unwrap_or_default();
                let profile = Arc::new(Profile::resolve(config, &self.selection)?);
                if !self.lazy {
                    profile.registry.compiled()?;
                }
                Ok(profile)
            })
            .clone()
    }
}

/// A digest of everything besides the file that decides its findings under `config`:
/// the copydesk version, the rule files (built-in and the config's packs: their ids,
/// paths and texts), the configuration file as written and where it is, and whether
/// unused suppressions are reported and the command line's rule selection. Worked out without parsing the rules, which a run
/// served from the cache then never does. `None` if a pack cannot be read (the profile
/// reports it).
fn identity(config: &Config, report_unused: bool, selection: &Selection) -> Option<cache::Key> {
    let (sources, errors) = crate::registry::sources(&config.pack_dirs());
    if !errors.is_empty() {
        return None;
    }
    let mut h = cache::hasher();
    h.update(&crate::registry::fingerprint(&sources).to_le_bytes());
    let path = config.path.as_deref().map(display).unwrap_or_default();
    for part in [path.as_str(), config.text.as_str()] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.update(&[u8::from(report_unused)]);
    if !selection.is_empty() {
        // Each list with its length, each selector with its length: unambiguous.
        let select = selection.select.as_deref();
        let lists = [
            select.unwrap_or_default(),
            &selection.enable,
            &selection.disable,
        ];
        h.update(&[u8::from(select.is_some())]);
        for list in lists {
            h.update(&(list.len() as u64).to_le_bytes());
            for sel in list {
                h.update(&(sel.len() as u64).to_le_bytes());
                h.update(sel.as_bytes());
            }
        }
    }
    Some(h.digest128())
}

impl Profiles {
    /// Configurations for a run: `lazy` leaves rules uncompiled until a file needs them;
    /// `keyed` works out result-cache keys (with whether unused suppressions are reported).
    pub fn new(lazy: bool, keyed: Option<bool>) -> Profiles {
        Profiles {
            lazy,
            keyed,
            ..Profiles::default()
        }
    }

    /// The same, with the command line's rule selection resolved into every profile.
    pub fn with_selection(mut self, selection: Selection) -> Profiles {
        self.selection = Arc::new(selection);
        self
    }

    /// The profile for a config file (`None`: built-in defaults).
    pub fn get(&mut self, config: Option<&Path>) -> Result<Arc<Profile>, Vec<FileError>> {
        self.scope(config)?.profile()
    }

    /// The scope of a config file (`None`: built-in defaults), read on first use.
    pub fn scope(&mut self, config: Option<&Path>) -> Result<Arc<Scope>, Vec<FileError>> {
        let key = config.map(Path::to_path_buf);
        let (lazy, keyed) = (self.lazy, self.keyed);
        let selection = Arc::clone(&self.selection);
        self.scopes
            .entry(key)
            .or_insert_with(|| {
                let cfg = match config {
                    Some(p) => Config::read(p).map_err(|e| vec![e])?,
                    None => Config {
                        dir: PathBuf::from("."),
                        ..Config::default()
                    },
                };
                Ok(Arc::new(Scope::new(cfg, lazy, keyed, selection)))
            })
            .clone()
    }

    /// The nearest config for a path (a directory, or a file's directory).
    pub fn discover(&mut self, path: &Path) -> Option<PathBuf> {
        self.discovery.for_path(path)
    }

    /// The nearest config for a file in `dir`.
    pub fn discover_in(&mut self, dir: &Path) -> Option<PathBuf> {
        self.discovery.in_dir(dir)
    }

    /// The profiles of the run, by config path, and their errors. With `all`, every
    /// scope's profile is resolved (the run describes its rules). Otherwise those no file
    /// needed are resolved only if no file was served under them either: a bad
    /// configuration is reported even when it lints nothing, and one the cache served
    /// from is the configuration of a run that resolved it without error.
    pub fn resolved(&self, all: bool) -> (Vec<Arc<Profile>>, Vec<FileError>) {
        let mut scopes: Vec<_> = self.scopes.iter().collect();
        scopes.sort_by(|a, b| a.0.cmp(b.0));
        let (mut profiles, mut errors) = (Vec::new(), Vec::new());
        for (_, scope) in scopes {
            let scope = match scope {
                Ok(s) => s,
                Err(errs) => {
                    push_unique(&mut errors, errs.clone());
                    continue;
                }
            };
            let resolve =
                all || scope.profile.get().is_some() || !scope.served.load(Ordering::Relaxed);
            if !resolve {
                continue;
            }
            match scope.profile() {
                Ok(p) => {
                    if let Some(errs) = p.registry.compile_errors() {
                        push_unique(&mut errors, errs);
                    }
                    profiles.push(p);
                }
                Err(errs) => push_unique(&mut errors, errs),
            }
        }
        (profiles, errors)
    }
}

/// Adds the errors not already in `into` (one bad configuration is met by many files).
pub fn push_unique(into: &mut Vec<FileError>, errs: Vec<FileError>) {
    for e in errs {
        if !into
            .iter()
            .any(|x| x.path == e.path && x.message == e.message)
        {
            into.push(e);
        }
    }
}
