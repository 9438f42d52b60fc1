//! Linting a document as the command line would lint the file: the configuration found
//! from the document's path (each configuration resolved once and kept until it, its
//! words file or a rule pack changes), its settings for that path, and the engine on the
//! text the editor holds.

use super::documents::format_of;
use crate::config::{Config, Discovery, Profile, Selection};
use crate::diagnostic::Diagnostic;
use crate::engine;
use crate::error::FileError;
use crate::text::markup::Format;
use crate::text::source::SourceFile;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// A configuration as resolved for a document.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The config file that applies (`None`: none was found, the built-in defaults).
    pub config: Option<PathBuf>,
    /// The profile to lint with: the configuration's, or the built-in defaults when it
    /// has errors (`None` only if the built-in rules themselves do not load).
    pub profile: Option<Arc<Profile>>,
    /// The configuration's errors (in it, its words file or its rule packs).
    pub errors: Arc<Vec<FileError>>,
}

/// What a file looked like when a configuration was read from it.
type Stamp = Option<(SystemTime, u64)>;

fn stamp(path: &Path) -> Stamp {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

#[derive(Debug)]
struct Entry {
    /// The config file and its words file, with their stamps when read: a change to
    /// either is seen on the next lint, even by an editor that does not watch files.
    watched: Vec<(PathBuf, Stamp)>,
    resolved: Resolved,
}

/// The configurations resolved so far, by config file.
#[derive(Debug, Default)]
pub struct Profiles {
    entries: HashMap<Option<PathBuf>, Entry>,
    defaults: Option<Arc<Profile>>,
}

impl Profiles {
    /// Forgets every configuration (one of them, or a rule pack, changed).
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// The configuration for a document at `path` (`None`: an unsaved buffer, which
    /// gets the built-in defaults).
    pub fn for_document(&mut self, path: Option<&Path>) -> Resolved {
        // A fresh discovery each time: a few metadata calls, and a config file created
        // since the last lint is found.
        let config = path.and_then(|p| Discovery::default().for_path(p));
        if let Some(e) = self.entries.get(&config) {
            if e.watched.iter().all(|(p, s)| stamp(p) == *s) {
                return e.resolved.clone();
            }
        }
        let (resolved, watched) = self.resolve(config.clone());
        self.entries.insert(
            config,
            Entry {
                watched,
                resolved: resolved.clone(),
            },
        );
        resolved
    }

    /// The built-in rules at their defaults (the fallback for a configuration with
    /// errors).
    fn defaults(&mut self) -> Result<Arc<Profile>, Vec<FileError>> {
        if let Some(p) = &self.defaults {
            return Ok(p.clone());
        }
        let p = Arc::new(Profile::resolve(Config::default(), &Selection::default())?);
        self.defaults = Some(p.clone());
        Ok(p)
    }

    fn resolve(&mut self, config: Option<PathBuf>) -> (Resolved, Vec<(PathBuf, Stamp)>) {
        let mut watched = Vec::new();
        let read = match &config {
            Some(path) => {
                watched.push((path.clone(), stamp(path)));
                Config::read(path).map_err(|e| vec![e])
            }
            None => Ok(Config::default()),
        };
        let profile = read.and_then(|c| {
            if let Some(dir) = c.path.as_ref().and_then(|p| p.parent()) {
                let words = c.file.words.as_deref().unwrap_or(crate::config::WORDS_FILE);
                let words = dir.join(words);
                watched.push((words.clone(), stamp(&words)));
            }
            let p = Profile::resolve(c, &Selection::default())?;
            // Rule packs compile on first use; their errors are the configuration's.
            p.registry.compiled()?;
            Ok(Arc::new(p))
        });
        let (profile, errors) = match profile {
            Ok(p) => (Some(p), Vec::new()),
            // The built-in rules are tested to load; if they ever did not, their errors
            // are shown like the configuration's, and nothing is linted.
            Err(mut errors) => match self.defaults() {
                Ok(p) => (Some(p), errors),
                Err(more) => {
                    errors.extend(more);
                    (None, errors)
                }
            },
        };
        (
            Resolved {
                config,
                profile,
                errors: Arc::new(errors),
            },
            watched,
        )
    }
}

/// Lints `text` (a document at `path`, in the editor's `language`) with `profile`. A
/// panic in a rule (a bug) is caught and returned as its message, so that one document
/// never stops the server.
pub fn lint(
    profile: &Profile,
    path: Option<&Path>,
    language: &str,
    text: &str,
) -> Result<(Format, Vec<Diagnostic>), String> {
    let format = format_of(Some(profile), path, language);
    let shown = path.map_or_else(|| "<untitled>".to_string(), crate::text::path::display);
    let source = SourceFile::new(shown, text.to_string());
    let settings = match path {
        Some(p) => profile.settings_for(p),
        None => std::borrow::Cow::Borrowed(&profile.base),
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        engine::lint(
            &source,
            format,
            &profile.extract,
            &profile.registry,
            &settings,
        )
    }))
    .map(|diags| (format, diags))
    .map_err(|panic| {
        panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string())
    })
}

/// The findings of [`lint`], none if it failed.
pub fn findings(
    profile: &Profile,
    path: Option<&Path>,
    language: &str,
    text: &str,
) -> Vec<Diagnostic> {
    lint(profile, path, language, text)
        .map(|(_, d)| d)
        .unwrap_or_default()
}
