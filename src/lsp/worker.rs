//! The lint worker: one thread that lints documents off the main loop, so the server
//! answers requests while a long document is checked. It skips work that is already
//! stale (a newer version of the document exists) and keeps only the newest job per
//! document from what has queued up.

use super::analysis::{self, Profiles, Resolved};
use crate::diagnostic::Diagnostic;
use crate::text::markup::Format;
use crossbeam_channel::{Receiver, Sender};
use lsp_types::Uri;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Arc;

/// A document version to lint.
#[derive(Debug)]
pub struct Job {
    /// The document.
    pub uri: Uri,
    /// The version of `text`.
    pub version: i32,
    /// The document's newest version, which the main loop updates on every change: a
    /// job whose version is older is not worth doing.
    pub latest: Arc<AtomicI32>,
    /// The text to lint.
    pub text: Arc<str>,
    /// The file, for configuration discovery.
    pub path: Option<PathBuf>,
    /// The editor's language id.
    pub language: String,
}

/// What the main loop asks of the worker.
#[derive(Debug)]
pub enum Task {
    /// Lint a document.
    Lint(Job),
    /// Configurations or rule packs changed: resolve them again.
    Reload,
}

/// A job done.
#[derive(Debug)]
pub struct Done {
    /// The document.
    pub uri: Uri,
    /// The version linted.
    pub version: i32,
    /// The configuration used.
    pub resolved: Resolved,
    /// The format the document was linted as.
    pub format: Format,
    /// The findings; `Err` with a message if linting panicked (a bug, reported to the
    /// client's log; the server goes on).
    pub diagnostics: Result<Vec<Diagnostic>, String>,
}

/// Starts the worker thread.
pub fn spawn(done: Sender<Done>) -> std::io::Result<Sender<Task>> {
    let (tx, rx) = crossbeam_channel::unbounded::<Task>();
    std::thread::Builder::new()
        .name("copydesk-lint".into())
        .spawn(move || run(&rx, &done))?;
    Ok(tx)
}

fn run(rx: &Receiver<Task>, done: &Sender<Done>) {
    let mut profiles = Profiles::default();
    let mut queue: Vec<Job> = Vec::new();
    loop {
        if queue.is_empty() {
            match rx.recv() {
                Ok(t) => take(t, &mut queue, &mut profiles),
                Err(_) => return,
            }
        }
        // Whatever else has arrived meanwhile: a later job for a document replaces an
        // earlier one.
        for t in rx.try_iter() {
            take(t, &mut queue, &mut profiles);
        }
        if queue.is_empty() {
            continue;
        }
        let job = queue.remove(0);
        if job.latest.load(Ordering::Acquire) != job.version {
            continue;
        }
        let out = lint(job, &mut profiles);
        if done.send(out).is_err() {
            return;
        }
    }
}

fn take(t: Task, queue: &mut Vec<Job>, profiles: &mut Profiles) {
    match t {
        Task::Reload => profiles.clear(),
        Task::Lint(job) => {
            queue.retain(|j| j.uri != job.uri);
            queue.push(job);
        }
    }
}

/// Lints one job. A panic (a bug) while resolving the configuration or linting is
/// caught and reported in `diagnostics`, so that one bad document never stops the server.
pub fn lint(job: Job, profiles: &mut Profiles) -> Done {
    let resolved = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        profiles.for_document(job.path.as_deref())
    }));
    let resolved = match resolved {
        Ok(r) => r,
        Err(_) => {
            // Whatever was half made is dropped; the next job resolves afresh.
            *profiles = Profiles::default();
            Resolved {
                config: None,
                profile: None,
                errors: Default::default(),
            }
        }
    };
    let (format, diagnostics) = match &resolved.profile {
        Some(p) => match analysis::lint(p, job.path.as_deref(), &job.language, &job.text) {
            Ok((f, d)) => (f, Ok(d)),
            Err(e) => (Format::Plain, Err(e)),
        },
        None => (Format::Plain, Ok(Vec::new())),
    };
    Done {
        uri: job.uri,
        version: job.version,
        resolved,
        format,
        diagnostics,
    }
}
