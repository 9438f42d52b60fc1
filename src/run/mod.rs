//! Linting paths: walk them, find each file's configuration as the walk goes, read and
//! lint the files in parallel (through the result cache when there is one), and collect
//! the results in a deterministic order (by path). `fix` resolves every configuration
//! before it writes anything.
//!
//! - [`pipeline`]: how files travel from the walk to the lint workers, for a check and
//!   for a fix;
//! - [`scope`]: the configurations of a run and their profiles;
//! - [`lint`]: one file, through the result cache ([`cache`]), fixed and written
//!   atomically ([`atomic`]) in fix mode;
//! - [`walk`], [`shard`], [`progress`], [`interrupt`]: the walk and its companions;
//! - [`Gates`], [`baseline`], [`gitdiff`]: what a CI run hides from its findings.

mod atomic;
pub mod baseline;
pub(crate) mod cache;
mod diff;
mod gates;
pub mod gitdiff;
pub mod interrupt;
mod lint;
mod pipeline;
pub mod progress;
mod scope;
pub mod shard;
pub(crate) mod walk;

pub use atomic::write_new_or_replace as write_atomically;
pub use gates::Gates;
pub use scope::Profiles;
pub use walk::WalkOptions;

/// Where the result cache lives unless told otherwise.
pub const DEFAULT_CACHE_DIR: &str = cache::DEFAULT_DIR;

use crate::diagnostic::Applicability;
use crate::outcome::{rule_infos, FileFailure, Outcome, ReportNeeds};
use lint::{lint_file, FileResult};
use pipeline::{Pipeline, Resolver};
use scope::push_unique;
use std::path::{Path, PathBuf};

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
    pub shard: Option<shard::Shard>,
    /// The result cache's directory; `None` lints everything afresh. Fixing never uses it.
    pub cache_dir: Option<PathBuf>,
    /// Progress bar on stderr: `None` for none, or whether to show it from the start
    /// (otherwise only once the run has lasted a second).
    pub progress: Option<progress::Start>,
    /// What the report will read from the outcome.
    pub needs: ReportNeeds,
    /// The command line's rule selection, over every configuration.
    pub rules: crate::config::Selection,
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
    /// Each changed file's unified diff, in path order (with `--diff`).
    pub diffs: Vec<FileDiff>,
    /// The fixed text of standard input, if it was read.
    pub stdin_text: Option<String>,
    /// Files whose fixes did not settle, with the rules involved.
    pub unstable: Vec<(String, Vec<String>)>,
    /// Files left untouched because the run was interrupted (Ctrl-C) before they started.
    pub not_started: usize,
}

/// What `--diff` would change in one file.
#[derive(Debug, Clone)]
pub struct FileDiff {
    /// The file, as reports show it.
    pub path: String,
    /// Fixes it would apply.
    pub applied: usize,
    /// Its unified diff.
    pub diff: String,
}

/// Lints the paths in `opts`.
pub fn check(opts: &CheckOptions) -> Outcome {
    run(opts, None).0
}

/// Lints and fixes the paths in `opts`; the outcome holds the findings that remain.
pub fn fix(opts: &CheckOptions, fix: FixOptions) -> (Outcome, FixSummary) {
    run(opts, Some(fix))
}

fn run(opts: &CheckOptions, fix: Option<FixOptions>) -> (Outcome, FixSummary) {
    // A check may be served whole from the result cache, so its rules compile only when
    // a file needs linting; a fix compiles them before it writes anything. A cache that
    // cannot be trusted with the run is not used, and the run says why.
    let mut warnings = Vec::new();
    let cache = match (&opts.cache_dir, fix) {
        (Some(dir), None) => match cache::prepare(dir, &opts.paths) {
            Ok(secret) => Some((dir.as_path(), secret)),
            Err(why) => {
                let shown = crate::text::path::display(dir);
                warnings.push(format!("not using the cache in {shown}: {why}"));
                None
            }
        },
        _ => None,
    };
    let cached = cache.is_some();
    let resolver = Resolver::new(
        opts,
        fix.is_none(),
        cached.then_some(opts.report_unused_suppressions),
    );
    let (stdin, paths): (Vec<&PathBuf>, Vec<&PathBuf>) =
        opts.paths.iter().partition(|p| p.as_os_str() == "-");
    let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
    let stdin_job = if stdin.is_empty() {
        None
    } else {
        stdin_profile(opts, &resolver)
    };
    let progress = opts.progress.map(progress::Progress::start);
    let pipeline = Pipeline {
        opts,
        resolver: &resolver,
        progress: progress.as_ref(),
        pool: opts
            .threads
            .and_then(|n| rayon::ThreadPoolBuilder::new().num_threads(n).build().ok()),
        run_start: cache::now_ns(),
    };
    let mut outcome = Outcome {
        warnings,
        ..Outcome::default()
    };
    let mut summary = FixSummary::default();
    let (results, failures, cache) = match fix {
        Some(fix) => {
            let (results, failures, not_started) = pipeline.fix_all(&paths, fix);
            summary.not_started = not_started;
            (results, failures, None)
        }
        None => pipeline.check_as_walked(&paths, cache),
    };
    drop(pipeline);
    outcome.failures = failures;
    if let Some(p) = progress {
        p.finish();
    }
    // The failing severity of the first file's configuration (or standard input's).
    outcome.fail_on = match results.first() {
        Some(r) => r.fail_on,
        None => stdin_job.as_ref().and_then(|(_, p)| p.fail_on),
    };
    let (profiles, errors) = resolver.into_parts();
    outcome.config_errors = errors;
    // Rules compile at the first file that needs linting; if they did not compile, that
    // is a configuration error like any other, and nothing is reported as linted.
    let (used, errors) = profiles.resolved(opts.needs.rules || !cached);
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
        let r = lint_stdin(&name, &profile, opts, fix);
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
    (outcome, summary)
}

/// The name standard input is linted as and its profile, compiled now (standard input is
/// never cached); `None` when its configuration has errors (recorded).
fn stdin_profile(
    opts: &CheckOptions,
    resolver: &Resolver,
) -> Option<(PathBuf, std::sync::Arc<crate::config::Profile>)> {
    let name = opts
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from("<stdin>"));
    let mut profiles = resolver.lock();
    let cfg = opts.config.clone().or_else(|| {
        opts.stdin_filename
            .as_ref()
            .and_then(|p| profiles.discover(p))
            .or_else(|| profiles.discover(Path::new(".")))
    });
    let profile = profiles.get(cfg.as_deref()).and_then(|p| {
        p.registry.compiled()?;
        Ok(p)
    });
    drop(profiles);
    match profile {
        Ok(p) => Some((name, p)),
        Err(errs) => {
            resolver.record(errs);
            None
        }
    }
}

/// Reads standard input and lints (or fixes) it as `name`.
fn lint_stdin(
    name: &Path,
    profile: &crate::config::Profile,
    opts: &CheckOptions,
    fix: Option<FixOptions>,
) -> FileResult {
    let mut bytes = Vec::new();
    let limit = crate::text::file::INPUT_LIMIT;
    match crate::text::file::read_rest(std::io::stdin().lock(), limit, &mut bytes) {
        Ok(_) => lint_file(
            &crate::text::path::display(name),
            name,
            bytes,
            profile,
            opts,
            fix,
            None,
        ),
        Err(e) => Err(FileFailure {
            path: "<stdin>".into(),
            message: lint::read_error(Path::new("-"), &e),
        }),
    }
}

/// Adds one file's result to the outcome and the fix summary.
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
                summary.diffs.extend(ff.diff.map(|diff| FileDiff {
                    path: rep.source.path.clone(),
                    applied: ff.applied,
                    diff,
                }));
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
