//! One file: read it, lint it (through the result cache when there is one) and, in fix
//! mode, fix it.

use super::atomic::Snapshot;
use super::cache::{self, Cache};
use super::scope::Scope;
use super::walk::{self, Found};
use super::{CheckOptions, FixOptions};
use crate::config::Profile;
use crate::diagnostic::Diagnostic;
use crate::engine;
use crate::outcome::{FileFailure, FileReport};
use crate::text::path::io_message;
use crate::text::source::SourceFile;
use std::path::Path;
use std::sync::Arc;

/// One file's result.
pub(super) type FileResult = Result<(FileReport, Option<FileFix>), FileFailure>;

/// What fixing one file did.
#[derive(Debug)]
pub(super) struct FileFix {
    pub applied: usize,
    pub diff: Option<String>,
    pub text: String,
    pub unstable: Vec<String>,
}

/// Reads and lints one walked file, through the cache when there is one.
///
/// The profile is asked for (`profile`, which resolves it on first use: loading the rule
/// files is most of a cached run's own work) only when the file is linted; the cache is
/// keyed by the scope alone.
pub(super) fn lint_job(
    f: &Found,
    scope: &Scope,
    profile: &(dyn Fn() -> Option<Arc<Profile>> + Sync),
    opts: &CheckOptions,
    fix: Option<FixOptions>,
    cache: Option<&Cache>,
    run_start: i64,
) -> FileResult {
    let shown = crate::text::path::display(&f.path);
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
        // A fix is written only over the file it was made from: its size and time before
        // the read, and the bytes read.
        let writes = fix.is_some_and(|f| !f.diff_only);
        let before = match writes {
            true => Some(std::fs::metadata(&f.path).map_err(read_failure)?),
            false => None,
        };
        let bytes = walk::read_file(&f.path, !f.explicit).map_err(read_failure)?;
        let snapshot = before.map(|m| Snapshot::of(&m, &bytes));
        return lint_file(&shown, &f.path, bytes, &profile, opts, fix, snapshot);
    };
    // A walked file whose stamp (inode, size, times) is as recorded is served without
    // being read, unless its findings need its text for rendering.
    let stamp = if f.explicit {
        None
    } else {
        std::fs::symlink_metadata(&f.path)
            .ok()
            .and_then(|m| cache::stamp(&m, run_start))
    };
    let unchanged = stamp.and_then(|st| cache.get_unchanged(&shown, settings, st));
    let unchanged = match unchanged {
        Some((_, diagnostics)) if diagnostics.is_empty() || !opts.needs.text => {
            return Ok(served_without_text(cache, scope, shown, diagnostics));
        }
        other => other,
    };
    // Otherwise the bytes are hashed in the read buffer and copied out only when they
    // are needed: to lint the file, or to render the findings the cache holds for it.
    let (content, found) = walk::with_file(&f.path, !f.explicit, |bytes| {
        let content = cache::content(bytes);
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
    // Fixes never use the cache (see above), so nothing here is written.
    let r = lint_file(&shown, &f.path, bytes, &profile, opts, fix, None);
    if let Ok((report, _)) = &r {
        cache.put(&shown, settings, content, stamp, &report.diagnostics);
    }
    r
}

/// A cache hit reported without the file's text: it has no findings, or they are
/// rendered from their recorded positions alone.
fn served_without_text(
    cache: &Cache,
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

/// Decodes and lints one file's bytes and, in fix mode, fixes them: the file is written
/// when `write` says what was read (standard input never is), or a diff is made with
/// `--diff`.
pub(super) fn lint_file(
    shown: &str,
    path: &Path,
    bytes: Vec<u8>,
    profile: &Profile,
    opts: &CheckOptions,
    fix: Option<FixOptions>,
    write: Option<Snapshot>,
) -> FileResult {
    let source = SourceFile::from_bytes(shown, bytes).map_err(|e| FileFailure {
        path: shown.to_string(),
        message: e.to_string(),
    })?;
    let mut settings = profile.settings_for(path);
    if opts.report_unused_suppressions {
        settings.to_mut().report_unused_suppressions = true;
    }
    let format = profile.format_for(path);
    let lint = |src: &SourceFile| {
        engine::lint(src, format, &profile.extract, &profile.registry, &settings)
    };
    let Some(fix) = fix else {
        let diagnostics = lint(&source);
        // Only files with findings are rendered, and only by formats that show text.
        let source = if diagnostics.is_empty() || !opts.needs.text {
            SourceFile::new(source.path, String::new())
        } else {
            source
        };
        let report = FileReport {
            source,
            diagnostics,
        };
        return Ok((report, None));
    };
    let relint = |text: &str| lint(&SourceFile::new(shown, text.to_string()));
    let fixed = engine::fix::fix_until_stable(&source.text, fix.min, &relint);
    let changed = fixed.text != source.text;
    let mut diff = None;
    if changed && fix.diff_only {
        diff = Some(super::diff::unified(path, &source.text, &fixed.text));
    } else if let (true, Some(read)) = (changed, write) {
        super::atomic::replace(path, fixed.text.as_bytes(), &read).map_err(|e| FileFailure {
            path: shown.to_string(),
            message: e.to_string(),
        })?;
    }
    // With --diff nothing is written, but what is reported is what `fix` would leave:
    // the findings of the fixed text, at their places in it.
    let (text, diagnostics) = (fixed.text.clone(), fixed.remaining);
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

/// Why a file could not be read, as shown after its path.
pub(super) fn read_error(path: &Path, e: &std::io::Error) -> String {
    if path.is_dir() {
        return "is a directory".into();
    }
    if e.kind() == std::io::ErrorKind::FileTooLarge {
        return format!("{}; not linted", io_message(e));
    }
    io_message(e)
}
