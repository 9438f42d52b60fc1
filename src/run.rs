//! Linting paths: walk them, find each file's configuration as the walk goes, read and
//! lint the files in parallel (through the result cache when there is one), and collect
//! the results in a deterministic order (by path). `fix` resolves every configuration
//! before it writes anything.

use crate::cache::walk::WalkMemo;
use crate::config::{relative_to, Config, Profile};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::engine;
use crate::error::FileError;
use crate::markup::Format;
use crate::source::SourceFile;
use crate::walk::{self, Found, WalkOptions};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What to lint and how.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Files and directories; `-` is standard input.
    pub paths: Vec<PathBuf>,
    /// A config file to use for every path instead of discovery.
    pub config: Option<PathBuf>,
    /// Walk settings.
    pub walk: WalkOptions,
    /// The name standard input is linted as (format and config discovery).
    pub stdin_filename: Option<PathBuf>,
    /// Worker threads; `None` for all cores.
    pub threads: Option<usize>,
    /// Report suppression comments that suppressed nothing.
    pub report_unused_suppressions: bool,
    /// Lint only the files of this shard (standard input is always linted).
    pub shard: Option<crate::shard::Shard>,
    /// The result cache's directory; `None` lints everything afresh. Fixing never uses it.
    pub cache_dir: Option<PathBuf>,
    /// Progress bar on stderr: `None` for none, or whether to show it from the start
    /// (otherwise only once the run has lasted a second).
    pub progress: Option<crate::progress::Start>,
    /// The findings will be used by their recorded positions alone (no source excerpt,
    /// no baseline context): a file the cache serves by its unchanged stamp is then not
    /// read even when it has findings, a linted file's text is dropped once it is linted,
    /// and no report holds text.
    pub positions_only: bool,
    /// The report describes the rules of the run (SARIF, rdjson): every configuration's
    /// rules are loaded for `Outcome::rules` even when the cache serves every file.
    pub describe_rules: bool,
    /// The process ends after this run: the compiled rules are not freed (dropping them
    /// was ~2 ms of a 20 ms pre-commit run over one file).
    pub exit_after: bool,
}

/// One linted file and its findings.
#[derive(Debug)]
pub struct FileReport {
    /// The source (its text is kept only when there are diagnostics).
    pub source: SourceFile,
    /// Findings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// A file that could not be linted.
#[derive(Debug, Clone)]
pub struct FileFailure {
    /// The path.
    pub path: String,
    /// Why.
    pub message: String,
}

/// The result of a check run.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Linted files with findings, in path order.
    pub files: Vec<FileReport>,
    /// Number of files linted.
    pub checked: usize,
    /// Files and paths that could not be linted.
    pub failures: Vec<FileFailure>,
    /// Configuration and rule-pack errors (nothing was linted if any).
    pub config_errors: Vec<FileError>,
    /// The failing severity the configuration asks for, if any.
    pub fail_on: Option<crate::diagnostic::Severity>,
    /// Every file linted (with or without findings), as displayed, in path order.
    pub linted: Vec<String>,
    /// How many of the linted files were served from the result cache.
    pub cached: usize,
    /// How many directories were not walked: their files came from the walk memo.
    pub walks_replayed: usize,
    /// The rules of the profiles used, in registry order (first profile first), then the
    /// built-in `copydesk.*` rules; for reporters that describe rules (SARIF).
    pub rules: Vec<RuleInfo>,
}

impl Outcome {
    /// Keeps only the findings for which `keep(path, diagnostic)` is true; files left
    /// without findings are dropped from `files` (they stay in `linted`).
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &Diagnostic) -> bool) {
        for f in &mut self.files {
            let path = f.source.path.clone();
            f.diagnostics.retain(|d| keep(&path, d));
        }
        self.files.retain(|f| !f.diagnostics.is_empty());
    }

    /// The metadata of a rule id, if the run knows it.
    pub fn rule(&self, id: &str) -> Option<&RuleInfo> {
        self.rules.iter().find(|r| &*r.id == id)
    }
}

/// What reporters need to know about a rule, taken from the registry and configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo {
    /// `pack.rule`.
    pub id: Arc<str>,
    /// The first sentence of the description.
    pub summary: String,
    /// The whole description.
    pub description: String,
    /// The style guide or dictionary the rule follows.
    pub link: Option<String>,
    /// How to resolve a finding.
    pub help: Option<String>,
    /// Severity after the configuration's base settings (not per-file overrides).
    pub severity: crate::diagnostic::Severity,
    /// Whether the configuration turns it on.
    pub enabled: bool,
}

/// The `copydesk.*` findings that come from suppression comments, not from a rule pack.
fn builtin_rules() -> Vec<RuleInfo> {
    let rule = |id: &str, summary: &str, description: &str| RuleInfo {
        id: Arc::from(id),
        summary: summary.to_string(),
        description: description.to_string(),
        link: None,
        help: None,
        severity: crate::diagnostic::Severity::Warning,
        enabled: true,
    };
    vec![
        rule(
            crate::suppress::UNKNOWN_RULE,
            "A suppression comment names a rule that does not exist.",
            "A suppression comment names a rule that does not exist. Check the id with `copydesk rules`.",
        ),
        rule(
            crate::suppress::UNUSED,
            "A suppression comment suppressed nothing.",
            "A suppression comment suppressed nothing (reported with --report-unused-suppressions). Remove it.",
        ),
    ]
}

/// The rules of every profile in `profiles`, each id once, then the built-in ones.
fn rule_infos<'a>(profiles: impl Iterator<Item = &'a Arc<Profile>>) -> Vec<RuleInfo> {
    let mut out: Vec<RuleInfo> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for p in profiles {
        for (i, r) in p.registry.rules().iter().enumerate() {
            if !seen.insert(r.id.clone()) {
                continue;
            }
            out.push(RuleInfo {
                id: r.id.clone(),
                summary: r.summary().to_string(),
                description: r.description.trim().to_string(),
                link: r.link.clone(),
                help: r.help.clone(),
                severity: p.base.severity.get(i).copied().unwrap_or(r.severity),
                enabled: p.base.active.get(i).copied().unwrap_or(r.enabled),
            });
        }
    }
    out.extend(
        builtin_rules()
            .into_iter()
            .filter(|r| seen.insert(r.id.clone())),
    );
    out
}

/// The configurations of a run, each read once (found per directory by discovery), with
/// their profiles, resolved when first needed.
#[derive(Default)]
pub struct Profiles {
    scopes: HashMap<Option<PathBuf>, Result<Arc<Scope>, Vec<FileError>>>,
    /// The nearest configuration of each directory looked at, by its path as given and
    /// as made absolute (raw bytes: hashing a `Path` hashes it component by component).
    dir_config: HashMap<std::ffi::OsString, Option<PathBuf>>,
    /// Leave the rules uncompiled until a file needs linting (a check, where the result
    /// cache may serve every file). Otherwise they compile with the profile, so that
    /// every rule-file error is reported before any file is touched.
    lazy: bool,
    /// Work out each scope's result-cache key, with whether unused suppressions are
    /// reported (the one run option that changes findings).
    keyed: Option<bool>,
    /// The working directory, once asked.
    cwd: Option<Result<PathBuf, String>>,
}

/// One configuration as a run uses it: which walked files it lints and under which
/// result-cache key, known as soon as the file is read, and its profile, resolved (rule
/// files parsed, settings checked against them) at the first file that is linted. So
/// the walk never waits for the rules to load, and a run the cache serves whole never
/// parses them.
pub struct Scope {
    dir: PathBuf,
    extensions: Vec<String>,
    /// `None` without `exclude` globs.
    exclude: Option<globset::GlobSet>,
    /// Each `[[overrides]]` table's globs and format.
    overrides: Vec<(globset::GlobSet, Option<crate::markup::Format>)>,
    fail_on: Option<crate::diagnostic::Severity>,
    /// The result-cache key of everything but the file that decides its findings (see
    /// [`Scope::file_key`]); `None` when not caching, or a pack cannot be read.
    identity: Option<crate::cache::Key>,
    lazy: bool,
    /// Some file was served from the cache under this scope's key.
    served: std::sync::atomic::AtomicBool,
    /// The configuration, until the profile is resolved from it.
    config: std::sync::Mutex<Option<Config>>,
    profile: std::sync::OnceLock<Result<Arc<Profile>, Vec<FileError>>>,
}

impl Scope {
    fn new(config: Config, lazy: bool, keyed: Option<bool>) -> Scope {
        Scope {
            dir: config.dir.clone(),
            extensions: config.extensions(),
            exclude: (!config.file.exclude.is_empty()).then(|| config.exclude_set()),
            overrides: config.override_sets(),
            fail_on: config.file.fail_on,
            identity: keyed.and_then(|unused| identity(&config, unused)),
            lazy,
            served: std::sync::atomic::AtomicBool::new(false),
            config: std::sync::Mutex::new(Some(config)),
            profile: std::sync::OnceLock::new(),
        }
    }

    /// Whether a walked (not explicitly named) file is an article of this configuration.
    fn wants(&self, path: &Path) -> bool {
        let ext = walk::extension_of(path).unwrap_or_default();
        self.extensions.iter().any(|e| e.eq_ignore_ascii_case(ext))
            && self
                .exclude
                .as_ref()
                .is_none_or(|set| !set.is_match(relative_to(path, &self.dir)))
    }

    /// The result-cache key of a file's settings: the scope's identity, the format the
    /// file is linted as, and which overrides apply to it. Together with the file's
    /// bytes that decides its findings.
    fn file_key(&self, path: &Path) -> Option<crate::cache::Key> {
        let identity = self.identity?;
        let overrides = self.overrides.iter().map(|(set, f)| (set, *f));
        // The format as a byte (the enum is fieldless): no formatting per file.
        let format = crate::config::format_under(overrides, &self.dir, path) as u8;
        if self.overrides.is_empty() {
            return Some(crate::cache::combine(identity, u128::from(format)));
        }
        let rel = relative_to(path, &self.dir);
        let mut h = crate::cache::hasher();
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
    fn served(&self) {
        self.served
            .store(true, std::sync::atomic::Ordering::Relaxed);
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
                let profile = Arc::new(Profile::resolve(config)?);
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
/// unused suppressions are reported. Worked out without parsing the rules, which a run
/// served from the cache then never does. `None` if a pack cannot be read (the profile
/// reports it).
fn identity(config: &Config, report_unused: bool) -> Option<crate::cache::Key> {
    let (sources, errors) = crate::registry::sources(&config.pack_dirs());
    if !errors.is_empty() {
        return None;
    }
    let mut h = crate::cache::hasher();
    h.update(&crate::registry::fingerprint(&sources).to_le_bytes());
    let path = config
        .path
        .as_deref()
        .map(walk::display)
        .unwrap_or_default();
    for part in [path.as_str(), config.text.as_str()] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.update(&[u8::from(report_unused)]);
    Some(h.digest128())
}

impl Profiles {
    /// The profile for a config file (`None`: built-in defaults).
    pub fn get(&mut self, config: Option<&Path>) -> Result<Arc<Profile>, Vec<FileError>> {
        self.scope(config)?.profile()
    }

    /// The scope of a config file (`None`: built-in defaults), read on first use.
    pub fn scope(&mut self, config: Option<&Path>) -> Result<Arc<Scope>, Vec<FileError>> {
        let key = config.map(Path::to_path_buf);
        let (lazy, keyed) = (self.lazy, self.keyed);
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
                Ok(Arc::new(Scope::new(cfg, lazy, keyed)))
            })
            .clone()
    }

    /// The profiles of the run, by config path, and their errors. With `all`, every
    /// scope's profile is resolved (the run describes its rules). Otherwise those no file
    /// needed are resolved only if no file was served under them either: a bad
    /// configuration is reported even when it lints nothing, and one the cache served
    /// from is the configuration of a run that resolved it without error.
    fn resolved(&self, all: bool) -> (Vec<Arc<Profile>>, Vec<FileError>) {
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
            let resolve = all
                || scope.profile.get().is_some()
                || !scope.served.load(std::sync::atomic::Ordering::Relaxed);
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

    /// The nearest config for a path, cached per directory.
    pub fn discover(&mut self, path: &Path) -> Option<PathBuf> {
        let dir = if path.is_dir() {
            path
        } else {
            path.parent().unwrap_or(Path::new(""))
        };
        self.discover_in(dir, None)
    }

    /// The nearest config for a file in `dir` (its own or an ancestor's). Every directory
    /// looked at is remembered, so a walk of a deep tree looks at each directory once,
    /// where asking [`Config::discover`] per file checked every ancestor again.
    fn discover_in(&mut self, dir: &Path, memo: Option<&WalkMemo>) -> Option<PathBuf> {
        if let Some(c) = self.dir_config.get(dir.as_os_str()) {
            return c.clone();
        }
        // A directory of a replayed walk: the memo worked its configuration out.
        if let Some(c) = memo.and_then(|m| m.config_of(dir)) {
            self.dir_config
                .insert(dir.as_os_str().to_owned(), c.clone());
            return c;
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
            Ok(walk::absolute(Path::new("/"), start))
        } else {
            self.cwd
                .get_or_insert_with(|| std::env::current_dir().map_err(|e| e.to_string()))
                .as_ref()
                .map(|cwd| walk::absolute(cwd, start))
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

/// What `fix` does besides linting.
#[derive(Debug, Clone, Copy)]
pub struct FixOptions {
    /// Lowest applicability applied (safe, or unsafe with `--unsafe-fixes`).
    pub min: Applicability,
    /// Print a unified diff instead of writing files.
    pub diff_only: bool,
}

/// What a fix run changed.
#[derive(Debug, Default)]
pub struct FixSummary {
    /// Fixes applied (or that would be, with `--diff`).
    pub applied: usize,
    /// Files changed (or that would be).
    pub files: usize,
    /// Unified diffs, in path order (with `--diff`).
    pub diffs: Vec<String>,
    /// The fixed text of standard input, if it was read.
    pub stdin_text: Option<String>,
    /// Files whose fixes did not settle, with the rules involved.
    pub unstable: Vec<(String, Vec<String>)>,
    /// Files left untouched because the run was interrupted (Ctrl-C) before they started.
    pub not_started: usize,
}

/// Lints the paths in `opts`.
pub fn check(opts: &CheckOptions) -> Outcome {
    run(opts, None).0
}

/// Lints and fixes the paths in `opts`; the outcome holds the findings that remain.
pub fn fix(opts: &CheckOptions, fix: FixOptions) -> (Outcome, FixSummary) {
    run(opts, Some(fix))
}

/// One file's result.
type FileResult = Result<(FileReport, Option<FileFix>), FileFailure>;

/// What fixing one file did.
#[derive(Debug)]
struct FileFix {
    applied: usize,
    diff: Option<String>,
    text: String,
    unstable: Vec<String>,
}

/// Files found by the walk and not yet taken by a lint worker, at the most.
const QUEUE: usize = 4096;

/// A walked (or named) file to lint, with its configuration.
struct Job {
    found: Found,
    scope: Arc<Scope>,
}

/// One linted file's result, with what orders it and what the run takes from its profile.
struct Linted {
    /// The file's place in path order, if the walk knew it (see [`Found::order`]).
    order: Option<u32>,
    /// Its [`walk::sort_key`] otherwise.
    key: Vec<u8>,
    fail_on: Option<crate::diagnostic::Severity>,
    /// Boxed: results are collected, sorted and moved a few times.
    result: Box<FileResult>,
}

/// Finds the configuration of each file as the walk hands it over, from any walk
/// thread: discovery, the shard and the configuration's file filters decide whether
/// the file is linted at all. Config errors are collected; a run with any lints nothing.
struct Resolver<'m> {
    profiles: std::sync::Mutex<Profiles>,
    /// The walk memo, which knows where the configuration files of a replayed walk are.
    memo: Option<&'m WalkMemo>,
    fixed: Option<PathBuf>,
    shard: Option<crate::shard::Shard>,
    errors: std::sync::Mutex<Vec<FileError>>,
}

/// A walk thread's last answer: files come a directory at a time, so most files share
/// the directory (and so the configuration) of the file before them.
#[derive(Default)]
struct LastDir {
    dir: PathBuf,
    scope: Option<Option<Arc<Scope>>>,
}

impl Resolver<'_> {
    /// The job for `f`, or `None` if it is not linted.
    fn job(&self, f: Found, last: &mut LastDir) -> Option<Job> {
        if self.shard.as_ref().is_some_and(|s| !s.contains(&f.path)) {
            return None;
        }
        let dir = walk::parent_of(&f.path);
        if last.scope.is_none() || last.dir.as_os_str() != dir.as_os_str() {
            last.dir = dir.to_path_buf();
            last.scope = Some(self.scope_in(dir));
        }
        let scope = last.scope.clone().flatten()?;
        if !f.explicit && !scope.wants(&f.path) {
            return None;
        }
        Some(Job { found: f, scope })
    }

    /// The configuration of files in `dir` (`None` when it has errors, recorded).
    fn scope_in(&self, dir: &Path) -> Option<Arc<Scope>> {
        let mut profiles = self.profiles.lock().unwrap_or_else(|e| e.into_inner());
        // Walked paths are files: their directory is the parent (no stat needed).
        let cfg = self
            .fixed
            .clone()
            .or_else(|| profiles.discover_in(dir, self.memo));
        profiles
            .scope(cfg.as_deref())
            .map_err(|errs| self.record(errs))
            .ok()
    }

    /// A job's profile (`None` when it has errors, recorded).
    fn profile(&self, job: &Job) -> Option<Arc<Profile>> {
        job.scope.profile().map_err(|errs| self.record(errs)).ok()
    }

    fn record(&self, errs: Vec<FileError>) {
        push_unique(
            &mut self.errors.lock().unwrap_or_else(|e| e.into_inner()),
            errs,
        );
    }
}

fn run(opts: &CheckOptions, fix: Option<FixOptions>) -> (Outcome, FixSummary) {
    // A check lints files as the walk finds them, compiling the rules at the first file
    // that needs linting (with the result cache, none may). A fix run resolves every
    // file's configuration first, so that a config error stops it before it writes.
    let lazy = fix.is_none();
    // With the result cache a check may never need the rules; otherwise they load (and
    // compile) on a thread of their own while the walk starts.
    let cached = opts.cache_dir.is_some() && fix.is_none();
    if !cached {
        crate::registry::load_builtin_early(true);
    }
    // Files changed less than two seconds before this get no stamp in the cache.
    let run_start = crate::cache::now_ns();
    let mut outcome = Outcome::default();
    let mut summary = FixSummary::default();
    // A check reads the result cache on a thread of its own while the rules load and
    // the walk starts; the first file that wants it waits for it.
    let opening = std::sync::Mutex::new(opts.cache_dir.clone().filter(|_| cached).map(|dir| {
        std::thread::Builder::new()
            .name("open-cache".into())
            .spawn({
                let dir = dir.clone();
                move || crate::cache::Cache::open(&dir)
            })
            .map_err(|_| dir)
    }));
    // The walk memo: the walk replays its records (each read when its root is walked),
    // and configuration discovery asks the replayed ones.
    let memo = opts
        .cache_dir
        .as_deref()
        .filter(|_| fix.is_none())
        .map(|dir| WalkMemo::open(dir, run_start));
    let resolver = Resolver {
        memo: memo.as_ref(),
        profiles: std::sync::Mutex::new(Profiles {
            lazy,
            keyed: cached.then_some(opts.report_unused_suppressions),
            ..Profiles::default()
        }),
        fixed: opts.config.clone(),
        shard: opts.shard,
        errors: std::sync::Mutex::new(Vec::new()),
    };

    let (stdin, paths): (Vec<&PathBuf>, Vec<PathBuf>) = {
        let (s, p): (Vec<&PathBuf>, Vec<&PathBuf>) =
            opts.paths.iter().partition(|p| p.as_os_str() == "-");
        (s, p.into_iter().cloned().collect())
    };
    let stdin_job = (!stdin.is_empty()).then(|| {
        let name = opts
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("<stdin>"));
        let mut profiles = resolver.profiles.lock().unwrap_or_else(|e| e.into_inner());
        let cfg = opts.config.clone().or_else(|| {
            opts.stdin_filename
                .as_ref()
                .and_then(|p| profiles.discover(p))
                .or_else(|| profiles.discover(Path::new(".")))
        });
        // Standard input is never cached, so its rules compile now.
        match profiles.get(cfg.as_deref()).and_then(|p| {
            p.registry.compiled()?;
            Ok(p)
        }) {
            Ok(p) => Some((name, p)),
            Err(errs) => {
                resolver.record(errs);
                None
            }
        }
    });
    let stdin_job = stdin_job.flatten();
    let progress = opts.progress.map(crate::progress::Progress::start);
    let threads = opts.threads.unwrap_or(0);
    let pool = opts
        .threads
        .and_then(|n| rayon::ThreadPoolBuilder::new().num_threads(n).build().ok());
    let in_pool = |f: &mut (dyn FnMut() + Send)| match &pool {
        Some(pool) => pool.install(f),
        None => f(),
    };
    let mut results: Vec<Linted> = Vec::new();
    let cache;
    if let Some(fix) = fix {
        cache = None;
        let (found, walk_errors) = walk::walk(&paths, &opts.walk);
        outcome
            .failures
            .extend(walk_errors.into_iter().map(failure));
        let mut last = LastDir::default();
        let jobs: Vec<Job> = found
            .into_iter()
            .filter_map(|f| resolver.job(f, &mut last))
            .collect();
        if let Some(p) = &progress {
            p.found(jobs.len());
            p.walked();
        }
        // Every configuration is resolved (and its rules compiled) before any file is
        // written.
        let profiled: Vec<(&Job, Arc<Profile>)> = jobs
            .iter()
            .filter_map(|job| Some((job, resolver.profile(job)?)))
            .collect();
        if resolver.errors.lock().map_or(true, |e| e.is_empty()) {
            in_pool(&mut || {
                results = profiled
                    .par_iter()
                    // After Ctrl-C no further file is started (see `interrupt`).
                    .filter(|_| !crate::interrupt::requested())
                    .map(|(job, profile)| {
                        let profile = || Some(profile.clone());
                        let r = lint_job(
                            &job.found,
                            &job.scope,
                            &profile,
                            opts,
                            Some(fix),
                            None,
                            run_start,
                        );
                        if let Some(p) = &progress {
                            p.tick();
                        }
                        Linted {
                            order: None,
                            key: Vec::new(),
                            fail_on: job.scope.fail_on,
                            result: Box::new(r),
                        }
                    })
                    .collect();
            });
        }
        summary.not_started = jobs.len().saturating_sub(results.len());
    } else {
        let opened: std::sync::OnceLock<Option<crate::cache::Cache>> = std::sync::OnceLock::new();
        let open = || {
            opened
                .get_or_init(|| {
                    match opening.lock().unwrap_or_else(|e| e.into_inner()).take()? {
                        Ok(handle) => handle.join().ok(),
                        // No thread to spare: read it here.
                        Err(dir) => Some(crate::cache::Cache::open(&dir)),
                    }
                })
                .as_ref()
        };
        // Bounded, so that a walk far ahead of the linting (a large tree on a slow disk
        // or many cores) waits instead of queueing every file of the tree.
        let (tx, rx) = std::sync::mpsc::sync_channel::<Job>(QUEUE);
        let mut rx = Some(rx);
        let walk_errors = std::thread::scope(|s| {
            let walker = {
                let (paths, resolver, progress, memo) =
                    (&paths, &resolver, &progress, memo.as_ref());
                s.spawn(move || {
                    let errors = walk::walk_each(paths, &opts.walk, threads, memo, || {
                        let tx = tx.clone();
                        let mut last = LastDir::default();
                        move |f: Found| {
                            if let Some(job) = resolver.job(f, &mut last) {
                                if let Some(p) = progress {
                                    p.found(1);
                                }
                                let _ = tx.send(job);
                            }
                        }
                    });
                    // The last sender goes: the linting below ends with the walk.
                    drop(tx);
                    if let Some(p) = progress {
                        p.walked();
                    }
                    let replayed = memo.map_or(0, WalkMemo::replayed);
                    // Best effort, like the result cache; written while the linting goes on.
                    if let Some(memo) = memo {
                        let _ = memo.save();
                    }
                    (errors, replayed)
                })
            };
            // Every file waits for the result cache: wait here, before the lint workers
            // start and take the cores that are reading it and walking.
            open();
            in_pool(&mut || {
                let Some(rx) = rx.take() else { return };
                results = rx
                    .into_iter()
                    .par_bridge()
                    .map(|job| {
                        let profile = || resolver.profile(&job);
                        let r = lint_job(
                            &job.found,
                            &job.scope,
                            &profile,
                            opts,
                            None,
                            open(),
                            run_start,
                        );
                        if let Some(p) = &progress {
                            p.tick();
                        }
                        Linted {
                            order: job.found.order,
                            key: match job.found.order {
                                Some(_) => Vec::new(),
                                None => walk::sort_key(&job.found.path),
                            },
                            fail_on: job.scope.fail_on,
                            result: Box::new(r),
                        }
                    })
                    .collect();
            });
            walker.join()
        });
        match walk_errors {
            Ok((errs, replayed)) => {
                outcome.failures.extend(errs.into_iter().map(failure));
                outcome.walks_replayed = replayed;
            }
            Err(panic) => std::panic::resume_unwind(panic),
        }
        // Files from one replayed walk carry their order (all of them, or none).
        match results.iter().all(|r| r.order.is_some()) {
            true => results.sort_unstable_by_key(|r| r.order),
            false => results.sort_unstable_by(|a, b| a.key.cmp(&b.key)),
        }
        cache = opened.into_inner().flatten();
    }
    if let Some(p) = progress {
        p.finish();
    }
    // The failing severity of the first file's configuration (or standard input's).
    outcome.fail_on = match results.first() {
        Some(r) => r.fail_on,
        None => stdin_job.as_ref().and_then(|(_, p)| p.fail_on),
    };
    let profiles = resolver
        .profiles
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    outcome.config_errors = resolver
        .errors
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    // Rules compile at the first file that needs linting; if they did not compile, that
    // is a configuration error like any other, and nothing is reported as linted.
    let (used, errors) = profiles.resolved(opts.describe_rules || opts.cache_dir.is_none());
    push_unique(&mut outcome.config_errors, errors);
    if !outcome.config_errors.is_empty() {
        return (outcome, summary);
    }
    if let Some(cache) = cache {
        outcome.cached = cache.hits();
        // Best effort: a cache that cannot be written costs the next run time, not results.
        let _ = cache.save();
    }
    if let Some((name, profile)) = stdin_job {
        let mut bytes = Vec::new();
        let r = match std::io::stdin().read_to_end(&mut bytes) {
            Ok(_) => process(
                &walk::display(&name),
                &name,
                bytes,
                &profile,
                opts,
                fix,
                false,
            ),
            Err(e) => Err(FileFailure {
                path: "<stdin>".into(),
                message: e.to_string(),
            }),
        };
        if let Ok((_, Some(ff))) = &r {
            summary.stdin_text = Some(ff.text.clone());
        }
        absorb(&mut outcome, &mut summary, r);
    }
    for r in results {
        absorb(&mut outcome, &mut summary, *r.result);
    }
    outcome
        .files
        .sort_by(|a, b| a.source.path.cmp(&b.source.path));
    outcome.linted.sort();
    outcome.rules = rule_infos(used.iter());
    if opts.exit_after {
        std::mem::forget(used);
        std::mem::forget(profiles);
    }
    (outcome, summary)
}

/// A walk error as a file failure.
fn failure(e: walk::WalkError) -> FileFailure {
    FileFailure {
        path: e.path,
        message: e.message,
    }
}

/// A cache hit reported without the file's text: it has no findings, or they are
/// rendered from their recorded positions alone.
fn served_without_text(
    cache: &crate::cache::Cache,
    scope: &Scope,
    shown: String,
    diagnostics: Vec<Diagnostic>,
) -> (FileReport, Option<FileFix>) {
    cache.served();
    scope.served();
    (
        FileReport {
            source: SourceFile::new(shown, String::new()),
            diagnostics,
        },
        None,
    )
}

/// Reads and lints one walked file, through the cache when there is one.
///
/// The profile is asked for (`profile`, which resolves it on first use: loading the rule
/// files is most of a cached run's own work) only when the file is linted; the cache is
/// keyed by the scope alone.
fn lint_job(
    f: &Found,
    scope: &Scope,
    profile: &(dyn Fn() -> Option<Arc<Profile>> + Sync),
    opts: &CheckOptions,
    fix: Option<FixOptions>,
    cache: Option<&crate::cache::Cache>,
    run_start: i64,
) -> FileResult {
    let shown = walk::display(&f.path);
    let read_failure = |e: std::io::Error| FileFailure {
        path: shown.clone(),
        message: read_error(&f.path, &e),
    };
    // A profile with errors stops the run, which reports them; this result is dropped.
    let linting = || {
        let p = profile().ok_or_else(|| FileFailure {
            path: shown.clone(),
            message: "its configuration has errors".into(),
        })?;
        compiles(&p, &shown)?;
        Ok(p)
    };
    let keyed = cache
        .filter(|_| fix.is_none())
        .and_then(|c| Some((c, scope.file_key(&f.path)?)));
    let Some((cache, settings)) = keyed else {
        let profile = linting()?;
        let bytes = walk::read_file(&f.path, !f.explicit).map_err(read_failure)?;
        return process(&shown, &f.path, bytes, &profile, opts, fix, true);
    };
    // A walked file whose stamp (inode, size, times) is as recorded is served without
    // being read, unless its findings need its text for rendering (`positions_only`
    // says they do not).
    let stamp = if f.explicit {
        None
    } else {
        std::fs::symlink_metadata(&f.path)
            .ok()
            .and_then(|m| crate::cache::stamp(&m, run_start))
    };
    let unchanged = stamp.and_then(|st| cache.get_unchanged(&shown, settings, st));
    let unchanged = match unchanged {
        Some((_, diagnostics)) if diagnostics.is_empty() || opts.positions_only => {
            return Ok(served_without_text(cache, scope, shown, diagnostics));
        }
        other => other,
    };
    // Otherwise the bytes are hashed in the read buffer and copied out only when they
    // are needed: to lint the file, or to render the findings the cache holds for it.
    let (content, found) = walk::with_file(&f.path, !f.explicit, |bytes| {
        let content = crate::cache::content(bytes);
        let found = match unchanged {
            // Served by stamp: the text is read for rendering, and must be what the
            // findings were computed from (the file may change while the run goes on).
            Some((c, d)) if c == content => Some(d),
            _ => cache.get(&shown, settings, content, stamp),
        };
        match found {
            Some(d) if d.is_empty() => (content, Ok(d)),
            Some(d) => (content, Err((Some(d), bytes.to_vec()))),
            None => (content, Err((None, bytes.to_vec()))),
        }
    })
    .map_err(read_failure)?;
    let (cached, bytes) = match found {
        Ok(diagnostics) => return Ok(served_without_text(cache, scope, shown, diagnostics)),
        Err(miss) => miss,
    };
    if let Some(diagnostics) = cached {
        cache.served();
        scope.served();
        // Files with findings keep their text, for rendering; decoding cannot fail here,
        // since only files that decoded were cached.
        let source = SourceFile::from_bytes(&shown, bytes).map_err(|e| FileFailure {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        return Ok((
            FileReport {
                source,
                diagnostics,
            },
            None,
        ));
    }
    let profile = linting()?;
    let r = process(&shown, &f.path, bytes, &profile, opts, fix, true);
    if let Ok((report, _)) = &r {
        cache.put(&shown, settings, content, stamp, &report.diagnostics);
    }
    r
}

/// Fails a file whose rules do not compile: the run reports the rule errors once, as
/// configuration errors, and drops this.
fn compiles(profile: &Profile, shown: &str) -> Result<(), FileFailure> {
    match profile.registry.compiled() {
        Ok(_) => Ok(()),
        Err(_) => Err(FileFailure {
            path: shown.to_string(),
            message: "the rules do not compile".into(),
        }),
    }
}

fn absorb(outcome: &mut Outcome, summary: &mut FixSummary, r: FileResult) {
    match r {
        Ok((mut rep, ff)) => {
            outcome.checked += 1;
            // Most files have no findings: their report goes, its path is kept.
            outcome
                .linted
                .push(match rep.diagnostics.is_empty() && ff.is_none() {
                    true => std::mem::take(&mut rep.source.path),
                    false => rep.source.path.clone(),
                });
            if let Some(ff) = ff {
                if ff.applied > 0 {
                    summary.applied += ff.applied;
                    summary.files += 1;
                }
                summary.diffs.extend(ff.diff);
                if !ff.unstable.is_empty() {
                    summary
                        .unstable
                        .push((rep.source.path.clone(), ff.unstable));
                }
            }
            if !rep.diagnostics.is_empty() {
                outcome.files.push(rep);
            }
        }
        Err(f) => outcome.failures.push(f),
    }
}

/// Lints one file's bytes and, in fix mode, fixes them (writing the file when `write`).
fn process(
    shown: &str,
    path: &Path,
    bytes: Vec<u8>,
    profile: &Profile,
    opts: &CheckOptions,
    fix: Option<FixOptions>,
    write: bool,
) -> FileResult {
    let Some(fix) = fix else {
        return lint_bytes(shown, path, bytes, profile, opts).map(|r| (r, None));
    };
    let source = SourceFile::from_bytes(shown, bytes).map_err(|e| FileFailure {
        path: shown.to_string(),
        message: e.to_string(),
    })?;
    let mut settings = profile.settings_for(path);
    if opts.report_unused_suppressions {
        settings.to_mut().report_unused_suppressions = true;
    }
    let format = profile.format_for(path);
    let lint = |text: &str| {
        let src = SourceFile::new(shown, text.to_string());
        engine::lint(&src, format, &profile.extract, &profile.registry, &settings)
    };
    let fixed = crate::fix::fix_until_stable(&source.text, fix.min, &lint);
    let changed = fixed.text != source.text;
    let mut diff = None;
    if changed && fix.diff_only {
        diff = Some(unified_diff(shown, &source.text, &fixed.text));
    } else if changed && write {
        crate::atomic::replace(path, fixed.text.as_bytes()).map_err(|e| FileFailure {
            path: shown.to_string(),
            message: format!("cannot write fixes: {}", walk::io_message(&e)),
        })?;
    }
    // With --diff nothing is written: the findings reported are those of the file as it is.
    let (text, diagnostics) = if fix.diff_only {
        (source.text.clone(), lint(&source.text))
    } else {
        (fixed.text.clone(), fixed.remaining)
    };
    let report = FileReport {
        source: SourceFile::new(
            shown,
            if diagnostics.is_empty() {
                String::new()
            } else {
                text
            },
        ),
        diagnostics,
    };
    Ok((
        report,
        Some(FileFix {
            applied: if changed { fixed.applied } else { 0 },
            diff,
            text: fixed.text,
            unstable: fixed.unstable,
        }),
    ))
}

/// A unified diff that `patch -p1` and `git apply` accept.
fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut out = String::new();
    let p = path.trim_start_matches("./");
    out.push_str(&format!("--- a/{p}\n+++ b/{p}\n"));
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        out.push_str(&hunk.to_string());
    }
    out
}

fn push_unique(into: &mut Vec<FileError>, errs: Vec<FileError>) {
    for e in errs {
        if !into
            .iter()
            .any(|x| x.path == e.path && x.message == e.message)
        {
            into.push(e);
        }
    }
}

fn read_error(path: &Path, e: &std::io::Error) -> String {
    if path.is_dir() {
        return "is a directory".into();
    }
    walk::io_message(e)
}

/// The format for a path: by extension, plain text when unknown.
pub fn format_for(path: &Path) -> Format {
    walk::extension_of(path)
        .and_then(Format::from_extension)
        .unwrap_or(Format::Plain)
}

/// Decodes and lints one file's bytes.
fn lint_bytes(
    shown: &str,
    path: &Path,
    bytes: Vec<u8>,
    profile: &Profile,
    opts: &CheckOptions,
) -> Result<FileReport, FileFailure> {
    let source = SourceFile::from_bytes(shown, bytes).map_err(|e| FileFailure {
        path: shown.to_string(),
        message: e.to_string(),
    })?;
    let mut settings = profile.settings_for(path);
    if opts.report_unused_suppressions {
        settings.to_mut().report_unused_suppressions = true;
    }
    let diagnostics = engine::lint(
        &source,
        profile.format_for(path),
        &profile.extract,
        &profile.registry,
        &settings,
    );
    let source = if diagnostics.is_empty() || opts.positions_only {
        // Free the text early: only files with findings are rendered, and only by formats
        // that show text (the positions are in the findings already). Keeping the text of
        // every file with a finding was 4 MB of peak memory over the corpus, and ~1,000
        // page faults, in a concise run.
        SourceFile::new(source.path, String::new())
    } else {
        source
    };
    Ok(FileReport {
        source,
        diagnostics,
    })
}
