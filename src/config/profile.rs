//! A configuration resolved against its rule set: the registry (the built-in packs and
//! the configuration's own), the settings every file starts from, and the per-glob
//! overrides layered on top of them for each file.

use super::{format_under, glob_set, invalid_globs, relative_to, Config, OverrideFile, Selection};
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
    pub(super) overrides: Vec<(GlobSet, OverrideFile)>,
    /// The configuration's own rule settings (its top level), for [`Profile::trace`].
    pub(super) top: OverrideFile,
    /// The command line's rule selection, applied after the configuration and its
    /// overrides, to every file.
    pub(super) selection: Selection,
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
    pub fn resolve(config: Config, selection: &Selection) -> Result<Profile, Vec<FileError>> {
        let packs = config.pack_dirs();
        // Compiled on first use: the run decides when (see `run::scope`).
        let registry = if packs.is_empty() {
            Registry::builtin_lazy()?
        } else {
            Arc::new(Registry::load_lazy(&packs)?)
        };
        let mut base = RuleSettings::defaults(&registry);
        let top = OverrideFile {
            files: Vec::new(),
            enable: config.file.enable.clone(),
            disable: config.file.disable.clone(),
            accept: config.file.accept.clone(),
            severity: config.file.severity.clone(),
            format: None,
        };
        let mut errors = Vec::new();
        // Each layer's selectors that name no rule, reported where the layer is written.
        let mut unknown = Vec::new();
        let mut note = |sel: &str| unknown.push(sel.to_string());
        apply(&registry, &mut base, Layer::of(&top), &mut note, None);
        for o in &config.file.overrides {
            invalid_globs(&config, &o.files, &mut errors);
            // Validate the override's selectors now, against a scratch copy.
            let mut scratch = base.clone();
            apply(&registry, &mut scratch, Layer::of(o), &mut note, None);
        }
        for sel in unknown.drain(..) {
            errors.push(config.err(&sel, registry.unknown_message(&sel)));
        }
        let mut note = |sel: &str| unknown.push(sel.to_string());
        apply(&registry, &mut base, Layer::cli(selection), &mut note, None);
        for sel in unknown {
            let message = registry.unknown_message(&sel);
            errors.push(FileError::whole("command line", message));
        }
        invalid_globs(&config, &config.file.exclude, &mut errors);
        if let Some(d) = &config.file.dialect {
            match crate::lang::dialect::Dialect::parse(d) {
                Some(d) => base.dialects = d.bits(),
                None => errors.push(config.err(
                    "dialect",
                    format!(
                        "unknown dialect `{d}`: use one of {}",
                        crate::lang::dialect::Dialect::NAMES.join(", ")
                    ),
                )),
            }
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
            top,
            selection: selection.clone(),
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
                apply(&self.registry, settings, Layer::of(o), &mut |_| {}, None);
            }
        }
        // The command line wins over the overrides too (in `base` it is already applied;
        // applying it again leaves the rules it names as it says).
        if let Some(settings) = s.as_mut() {
            let cli = Layer::cli(&self.selection);
            apply(&self.registry, settings, cli, &mut |_| {}, None);
        }
        match s {
            Some(s) => std::borrow::Cow::Owned(s),
            None => std::borrow::Cow::Borrowed(&self.base),
        }
    }
}

/// One layer of rule settings: the configuration's top level, one `[[overrides]]`
/// table, or the command line.
#[derive(Debug, Clone, Copy)]
pub(super) struct Layer<'a> {
    /// Only these rules are on (the command line's `--select`).
    pub select: Option<&'a [String]>,
    pub enable: &'a [String],
    pub disable: &'a [String],
    pub severity: Option<&'a BTreeMap<String, Severity>>,
    pub accept: &'a [String],
}

impl<'a> Layer<'a> {
    /// The rule settings of a config table (top level or override).
    pub fn of(o: &'a OverrideFile) -> Layer<'a> {
        Layer {
            select: None,
            enable: &o.enable,
            disable: &o.disable,
            severity: Some(&o.severity),
            accept: &o.accept,
        }
    }

    /// The command line's selection.
    pub fn cli(sel: &'a Selection) -> Layer<'a> {
        Layer {
            select: sel.select.as_deref(),
            enable: &sel.enable,
            disable: &sel.disable,
            severity: None,
            accept: &[],
        }
    }
}

/// Where a rule's state and severity were last set, by [`apply`] with a trace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleOrigin {
    /// What turned the rule on or off (`default` when nothing did).
    pub active: String,
    /// What set its severity (`default` when nothing did).
    pub severity: String,
}

/// A trace of [`apply`]: the per-rule origins, and the name of the layer being applied
/// (`copydesk.toml`, `copydesk.toml [[overrides]] #1`, `command line`).
pub(super) type Trace<'t> = (&'t mut [RuleOrigin], &'t str);

/// Applies one layer to `s`; `unknown` is told each selector that names no rule.
pub(super) fn apply(
    reg: &Registry,
    s: &mut RuleSettings,
    layer: Layer<'_>,
    unknown: &mut dyn FnMut(&str),
    mut trace: Option<Trace<'_>>,
) {
    if layer.select.is_some() {
        // Everything off, then the selected rules on (below).
        for i in 0..reg.rules().len() {
            s.active[i] = false;
            if let Some((origins, name)) = trace.as_mut() {
                origins[i].active = format!("{name}: not in --select");
            }
        }
    }
    let mut set = |key: &str, sel: &str, on: Option<bool>, sev: Option<Severity>| {
        let ids = reg.select(sel);
        if ids.is_empty() {
            unknown(sel);
        }
        for i in ids {
            if let Some(on) = on {
                s.active[i] = on;
            }
            if let Some(sev) = sev {
                s.severity[i] = sev;
            }
            if let Some((origins, name)) = trace.as_mut() {
                let why = format!("{name}: {key} {sel}");
                match on {
                    Some(_) => origins[i].active = why,
                    None => origins[i].severity = why,
                }
            }
        }
    };
    for sel in layer.select.into_iter().flatten() {
        set("--select", sel, Some(true), None);
    }
    let (enable, disable) = match layer.select.is_some() || layer.severity.is_none() {
        // The command line's flags are named as typed.
        true => ("--enable", "--disable"),
        false => ("enable", "disable"),
    };
    for sel in layer.enable {
        set(enable, sel, Some(true), None);
    }
    for sel in layer.disable {
        set(disable, sel, Some(false), None);
    }
    for (sel, sev) in layer.severity.into_iter().flatten() {
        set("severity", sel, None, Some(*sev));
    }
    s.accept.extend(
        layer
            .accept
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
