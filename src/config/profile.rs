//! A configuration resolved against its rule set: the registry (the built-in packs and
//! the configuration's own), the settings every file starts from, and the per-glob
//! overrides layered on top of them for each file.

use super::{format_under, glob_set, invalid_globs, relative_to, Config, OverrideFile};
use crate::diagnostic::Severity;
use crate::engine::RuleSettings;
use crate::error::FileError;
use crate::registry::Registry;
use crate::text::markup::{ExtractOptions, Format};
use globset::GlobSet;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A resolved configuration: the rule set and how it applies to each file.
#[derive(Debug)]
pub struct Profile {
    /// The config it came from.
    pub config_path: Option<PathBuf>,
    /// Directory for relative globs.
    pub dir: PathBuf,
    /// The compiled rules.
    /// The compiled rules (the built-in set is shared by every profile without packs of
    /// its own, and lives as long as the process).
    pub registry: Arc<Registry>,
    /// Settings for every file.
    pub base: RuleSettings,
    overrides: Vec<(GlobSet, OverrideFile)>,
    /// Extraction options.
    pub extract: ExtractOptions,
    /// Extensions linted when walking.
    pub extensions: Vec<String>,
    /// Globs excluded from the walk, relative to `dir`.
    pub exclude: Vec<String>,
    /// Failing severity from the file.
    pub fail_on: Option<Severity>,
}

impl Profile {
    /// Compiles a config into a profile.
    pub fn resolve(config: Config) -> Result<Profile, Vec<FileError>> {
        let packs = config.pack_dirs();
        // Compiled on first use: the run decides when (see `run::scope`).
        let registry = if packs.is_empty() {
            Registry::builtin_lazy()?
        } else {
            Arc::new(Registry::load_lazy(&packs)?)
        };
        let mut base = RuleSettings::defaults(&registry);
        let f = &config.file;
        let mut errors = Vec::new();
        apply(
            &registry,
            &config,
            &mut base,
            &f.enable,
            &f.disable,
            &f.accept,
            &f.severity,
            &mut errors,
        );
        for o in &config.file.overrides {
            invalid_globs(&config, &o.files, &mut errors);
            // Validate the override's selectors now, against a scratch copy.
            let mut scratch = base.clone();
            apply(
                &registry,
                &config,
                &mut scratch,
                &o.enable,
                &o.disable,
                &o.accept,
                &o.severity,
                &mut errors,
            );
        }
        invalid_globs(&config, &config.file.exclude, &mut errors);
        if let Some(d) = &f.dialect {
            match crate::lang::dialect::Dialect::parse(d) {
                Some(d) => {
                    base.dialects = d.bits();
                    base.house.dialect = Some(d);
                }
                None => errors.push(config.err(
                    "dialect",
                    format!(
                        "unknown dialect `{d}`: use one of {}",
                        crate::lang::dialect::Dialect::NAMES.join(", ")
                    ),
                )),
            }
        }
        base.house.as_of = f.as_of;
        if let Some(s) = f.sentence_spacing {
            base.house.sentence_spacing = s;
        }
        match read_words(&config) {
            Ok(words) => base.accept.extend(words),
            Err(e) => errors.push(e),
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let overrides = config
            .file
            .overrides
            .iter()
            .map(|o| Ok((glob_set(&o.files)?, o.clone())))
            .collect::<Result<Vec<_>, globset::Error>>()
            .map_err(|e| vec![config.err("files", format!("invalid globs: {e}"))])?;
        let mut extract = ExtractOptions::default();
        if let Some(keys) = &config.file.prose_keys {
            extract.prose_keys = keys.clone();
        }
        if let Some(attrs) = &config.file.html_attributes {
            extract.html_attributes = attrs.iter().map(|a| a.to_ascii_lowercase()).collect();
        }
        let extensions = config.extensions();
        Ok(Profile {
            config_path: config.path.clone(),
            dir: config.dir.clone(),
            registry,
            base,
            overrides,
            extract,
            extensions,
            exclude: config.file.exclude.clone(),
            fail_on: config.file.fail_on,
        })
    }

    /// The format of a file: the last matching override's `format`, else by extension
    /// (plain text when the extension is unknown).
    pub fn format_for(&self, path: &Path) -> Format {
        format_under(
            self.overrides.iter().map(|(set, o)| (set, o.format)),
            &self.dir,
            path,
        )
    }

    /// The settings for one file, with every matching override applied in order.
    pub fn settings_for(&self, path: &Path) -> std::borrow::Cow<'_, RuleSettings> {
        if self.overrides.is_empty() {
            return std::borrow::Cow::Borrowed(&self.base);
        }
        let rel = relative_to(path, &self.dir);
        let mut s = None;
        for (set, o) in &self.overrides {
            if set.is_match(&rel) {
                let settings = s.get_or_insert_with(|| self.base.clone());
                let mut ignored = Vec::new();
                let dummy = Config::default();
                apply(
                    &self.registry,
                    &dummy,
                    settings,
                    &o.enable,
                    &o.disable,
                    &o.accept,
                    &o.severity,
                    &mut ignored,
                );
                if o.as_of.is_some() {
                    settings.house.as_of = o.as_of;
                }
            }
        }
        match s {
            Some(s) => std::borrow::Cow::Owned(s),
            None => std::borrow::Cow::Borrowed(&self.base),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn apply(
    reg: &Registry,
    config: &Config,
    s: &mut RuleSettings,
    enable: &[String],
    disable: &[String],
    accept: &[String],
    severity: &BTreeMap<String, Severity>,
    errors: &mut Vec<FileError>,
) {
    let pick = |sel: &str, errors: &mut Vec<FileError>| {
        let ids = reg.select(sel);
        if ids.is_empty() {
            errors.push(config.err(
                sel,
                format!("unknown rule or pack `{sel}` (see `copydesk rules`)"),
            ));
        }
        ids
    };
    for sel in enable {
        for i in pick(sel, errors) {
            s.active[i] = true;
        }
    }
    for sel in disable {
        for i in pick(sel, errors) {
            s.active[i] = false;
        }
    }
    for (sel, sev) in severity {
        for i in pick(sel, errors) {
            s.severity[i] = *sev;
        }
    }
    s.accept.extend(
        accept
            .iter()
            .map(|a| crate::rules::normalize_phrase(&a.to_lowercase().replace('’', "'"))),
    );
}

/// The project's words file: the one the config names (an error if it cannot be read),
/// else `copydesk-words.txt` beside the config if there is one. One word or phrase per
/// line; `#` starts a comment.
fn read_words(config: &Config) -> Result<Vec<String>, FileError> {
    let (path, named) = match &config.file.words {
        Some(w) => (config.dir.join(w), true),
        None if config.path.is_some() => (config.dir.join(crate::config::WORDS_FILE), false),
        None => return Ok(Vec::new()),
    };
    let text = match crate::text::file::read_config(&path) {
        Ok(t) => t,
        Err(e) if !named && e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(config.err(
                "words",
                format!(
                    "cannot read the words file {}: {}",
                    crate::text::path::display(&path),
                    crate::text::path::io_message(&e)
                ),
            ))
        }
    };
    Ok(text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(|l| crate::rules::normalize_phrase(&l.to_lowercase().replace('’', "'")))
        .collect())
}
