//! The two ways files travel from the walk to the lint workers. A check lints files as
//! the walk finds them: walk threads find each file's configuration and hand the file
//! over a bounded channel to rayon workers, while the result cache is read on a thread
//! of its own. A fix walks everything first and resolves every configuration, so that a
//! configuration error stops it before it writes anything.

use super::cache::{Cache, Secret};
use super::lint::{lint_job, FileResult};
use super::scope::{push_unique, Profiles, Scope};
use super::walk::{self, Found};
use super::{progress::Progress, shard::Shard, CheckOptions, FixOptions};
use crate::config::Profile;
use crate::diagnostic::Severity;
use crate::error::FileError;
use crate::outcome::FileFailure;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// Files found by the walk and not yet taken by a lint worker, at the most.
const QUEUE: usize = 4096;

/// A walked (or named) file to lint, with its configuration.
struct Job {
    found: Found,
    scope: Arc<Scope>,
}

/// One linted file's result, with what orders it and what the run takes from its profile.
pub(super) struct Linted {
    /// Its [`walk::sort_key`] (empty when the results come in path order already).
    key: Vec<u8>,
    pub fail_on: Option<Severity>,
    /// Boxed: results are collected, sorted and moved a few times.
    pub result: Box<FileResult>,
}

/// Finds the configuration of each file as the walk hands it over, from any walk
/// thread: discovery, the shard and the configuration's file filters decide whether
/// the file is linted at all. Config errors are collected; a run with any lints nothing.
pub(super) struct Resolver {
    profiles: Mutex<Profiles>,
    fixed: Option<PathBuf>,
    shard: Option<Shard>,
    errors: Mutex<Vec<FileError>>,
}

/// A walk thread's last answer: files come a directory at a time, so most files share
/// the directory (and so the configuration) of the file before them.
#[derive(Default)]
struct LastDir {
    dir: PathBuf,
    scope: Option<Option<Arc<Scope>>>,
}

impl Resolver {
    /// A resolver for `opts`; see [`Profiles::new`] for `lazy` and `keyed`.
    pub fn new(opts: &CheckOptions, lazy: bool, keyed: Option<bool>) -> Resolver {
        Resolver {
            profiles: Mutex::new(Profiles::new(lazy, keyed).with_selection(opts.rules.clone())),
            fixed: opts.config.clone(),
            shard: opts.shard,
            errors: Mutex::new(Vec::new()),
        }
    }

    /// The job for `f`, or `None` if it is not linted.
    fn job(&self, f: Found, last: &mut LastDir) -> Option<Job> {
        if self.shard.as_ref().is_some_and(|s| !s.contains(&f.path)) {
            return None;
        }
        let dir = crate::text::path::parent_of(&f.path);
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
        let mut profiles = self.lock();
        // Walked paths are files: their directory is the parent (no stat needed).
        let cfg = self.fixed.clone().or_else(|| profiles.discover_in(dir));
        profiles
            .scope(cfg.as_deref())
            .map_err(|errs| self.record(errs))
            .ok()
    }

    /// A job's profile (`None` when it has errors, recorded).
    fn profile(&self, job: &Job) -> Option<Arc<Profile>> {
        job.scope.profile().map_err(|errs| self.record(errs)).ok()
    }

    /// The configurations, for a caller on one thread.
    pub fn lock(&self) -> std::sync::MutexGuard<'_, Profiles> {
        self.profiles.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records configuration errors (each once).
    pub fn record(&self, errs: Vec<FileError>) {
        push_unique(
            &mut self.errors.lock().unwrap_or_else(|e| e.into_inner()),
            errs,
        );
    }

    /// The configurations and the errors recorded.
    pub fn into_parts(self) -> (Profiles, Vec<FileError>) {
        let profiles = self
            .profiles
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        let errors = self.errors.into_inner().unwrap_or_else(|e| e.into_inner());
        (profiles, errors)
    }
}

/// What the pipelines share: the options, the configurations, the progress bar and the
/// thread pool.
pub(super) struct Pipeline<'a> {
    pub opts: &'a CheckOptions,
    pub resolver: &'a Resolver,
    pub progress: Option<&'a Progress>,
    pub pool: Option<rayon::ThreadPool>,
    /// When the run started: files changed shortly before it get no stamp in the cache.
    pub run_start: i64,
}

impl Pipeline<'_> {
    fn in_pool(&self, f: &mut (dyn FnMut() + Send)) {
        match &self.pool {
            Some(pool) => pool.install(f),
            None => f(),
        }
    }

    fn tick(&self) {
        if let Some(p) = self.progress {
            p.tick();
        }
    }

    /// Fix mode: walks every path, resolves every file's configuration (compiling its
    /// rules), then lints and fixes the files in parallel, unless a configuration had
    /// errors. Returns the results in path order, the walk's failures, and how many files
    /// were never started because the run was interrupted.
    pub fn fix_all(
        &self,
        paths: &[PathBuf],
        fix: FixOptions,
    ) -> (Vec<Linted>, Vec<FileFailure>, usize) {
        let (found, walk_errors) = walk::walk(paths, &self.opts.walk);
        let failures = walk_errors.into_iter().map(failure).collect();
        let mut last = LastDir::default();
        let jobs: Vec<Job> = found
            .into_iter()
            .filter_map(|f| self.resolver.job(f, &mut last))
            .collect();
        if let Some(p) = self.progress {
            p.found(jobs.len());
            p.walked();
        }
        let profiled: Vec<(&Job, Arc<Profile>)> = jobs
            .iter()
            .filter_map(|job| Some((job, self.resolver.profile(job)?)))
            .collect();
        let mut results = Vec::new();
        let clean = self.resolver.errors.lock().map_or(true, |e| e.is_empty());
        if clean {
            self.in_pool(&mut || {
                results = profiled
                    .par_iter()
                    // After Ctrl-C no further file is started (see `interrupt`).
                    .filter(|_| !super::interrupt::requested())
                    .map(|(job, profile)| {
                        let profile = || Some(profile.clone());
                        let r = lint_job(
                            &job.found,
                            &job.scope,
                            &profile,
                            self.opts,
                            Some(fix),
                            None,
                            self.run_start,
                        );
                        self.tick();
                        Linted {
                            key: Vec::new(),
                            fail_on: job.scope.fail_on,
                            result: Box::new(r),
                        }
                    })
                    .collect();
            });
        }
        let not_started = jobs.len().saturating_sub(results.len());
        (results, failures, not_started)
    }

    /// Check mode: lints files as the walk finds them, through the result cache in
    /// the directory given with its key (read on a thread of its own meanwhile). Returns
    /// the results in path order, the walk's failures, and the cache, to be saved.
    pub fn check_as_walked(
        &self,
        paths: &[PathBuf],
        cache_dir: Option<(&Path, Secret)>,
    ) -> (Vec<Linted>, Vec<FileFailure>, Option<Cache>) {
        let opening = CacheOpening::start(cache_dir);
        // Bounded, so that a walk far ahead of the linting (a large tree on a slow disk
        // or many cores) waits instead of queueing every file of the tree.
        let (tx, rx) = std::sync::mpsc::sync_channel::<Job>(QUEUE);
        let mut rx = Some(rx);
        let mut results: Vec<Linted> = Vec::new();
        let threads = self.opts.threads.unwrap_or(0);
        let walk_errors = std::thread::scope(|s| {
            let walker = s.spawn(|| {
                let errors = walk::walk_each(paths, &self.opts.walk, threads, || {
                    let tx = tx.clone();
                    let mut last = LastDir::default();
                    move |f: Found| {
                        if let Some(job) = self.resolver.job(f, &mut last) {
                            if let Some(p) = self.progress {
                                p.found(1);
                            }
                            let _ = tx.send(job);
                        }
                    }
                });
                // The last sender goes: the linting below ends with the walk.
                drop(tx);
                if let Some(p) = self.progress {
                    p.walked();
                }
                errors
            });
            // Every file waits for the result cache: wait here, before the lint workers
            // start and take the cores that are reading it and walking.
            opening.get();
            self.in_pool(&mut || {
                let Some(rx) = rx.take() else { return };
                results = rx
                    .into_iter()
                    .par_bridge()
                    .map(|job| {
                        let profile = || self.resolver.profile(&job);
                        let r = lint_job(
                            &job.found,
                            &job.scope,
                            &profile,
                            self.opts,
                            None,
                            opening.get(),
                            self.run_start,
                        );
                        self.tick();
                        Linted {
                            key: walk::sort_key(&job.found.path),
                            fail_on: job.scope.fail_on,
                            result: Box::new(r),
                        }
                    })
                    .collect();
            });
            walker.join()
        });
        let failures = match walk_errors {
            Ok(errs) => errs.into_iter().map(failure).collect(),
            Err(panic) => std::panic::resume_unwind(panic),
        };
        results.sort_unstable_by(|a, b| a.key.cmp(&b.key));
        (results, failures, opening.into_cache())
    }
}

/// The thread reading the cache, or where it is and its key when no thread could start.
type Opener = Result<std::thread::JoinHandle<Cache>, (PathBuf, Secret)>;

/// The result cache, read on a thread of its own from the start of a check; the first
/// file that wants it waits for it.
struct CacheOpening {
    thread: Mutex<Option<Opener>>,
    opened: OnceLock<Option<Cache>>,
}

impl CacheOpening {
    fn start(dir: Option<(&Path, Secret)>) -> CacheOpening {
        let thread = dir.map(|(dir, secret)| {
            let owned = dir.to_path_buf();
            std::thread::Builder::new()
                .name("open-cache".into())
                .spawn(move || Cache::open(&owned, secret))
                .map_err(|_| (dir.to_path_buf(), secret))
        });
        CacheOpening {
            thread: Mutex::new(thread),
            opened: OnceLock::new(),
        }
    }

    /// The cache, once read (`None` without one).
    fn get(&self) -> Option<&Cache> {
        self.opened
            .get_or_init(|| {
                match self
                    .thread
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .take()?
                {
                    Ok(handle) => handle.join().ok(),
                    // No thread to spare: read it here.
                    Err((dir, secret)) => Some(Cache::open(&dir, secret)),
                }
            })
            .as_ref()
    }

    fn into_cache(self) -> Option<Cache> {
        self.opened.into_inner().flatten()
    }
}

/// A walk error as a file failure.
fn failure(e: walk::WalkError) -> FileFailure {
    FileFailure {
        path: e.path,
        message: e.message,
    }
}
