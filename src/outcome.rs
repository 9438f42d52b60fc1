//! What a run produced: the linted files and their findings, the files that could not be
//! linted, configuration errors, and what reporters need to know of the rules. Reporters
//! and baselines read this; only `run` builds it.

use crate::config::Profile;
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::suppress;
use crate::error::FileError;
use crate::text::source::SourceFile;
use std::sync::Arc;

/// What the report of a run will read from its [`Outcome`], so that a run keeps no more
/// than that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportNeeds {
    /// The text of every file with findings (for excerpts and baseline context). Without
    /// it, findings are used by their recorded positions alone: a file the result cache
    /// serves unchanged is not read even when it has findings, and a linted file's text
    /// is dropped once it is linted.
    pub text: bool,
    /// A description of every rule of the run's configurations (SARIF, rdjson), even
    /// when the result cache serves every file and no rule is loaded otherwise.
    pub rules: bool,
}

impl Default for ReportNeeds {
    /// Text, no rule descriptions: what a library caller reading excerpts expects.
    fn default() -> Self {
        ReportNeeds {
            text: true,
            rules: false,
        }
    }
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
    pub fail_on: Option<Severity>,
    /// Every file linted (with or without findings), as displayed, in path order.
    pub linted: Vec<String>,
    /// How many of the linted files were served from the result cache.
    pub cached: usize,
    /// What the run could not do as asked but went on without (a cache directory it
    /// would not use), shown on stderr as `warning: …`.
    pub warnings: Vec<String>,
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
    pub severity: Severity,
    /// Whether the configuration turns it on.
    pub enabled: bool,
}

/// The `copydesk.*` findings that come from suppression comments, not from a rule pack.
pub fn builtin_rules() -> Vec<RuleInfo> {
    let rule = |id: &str, summary: &str, description: &str| RuleInfo {
        id: Arc::from(id),
        summary: summary.to_string(),
        description: description.to_string(),
        link: None,
        help: None,
        severity: Severity::Warning,
        enabled: true,
    };
    vec![
        rule(
            suppress::UNKNOWN_RULE,
            "A suppression comment names a rule that does not exist.",
            "A suppression comment names a rule that does not exist. Check the id with `copydesk rules`.",
        ),
        rule(
            suppress::UNUSED,
            "A suppression comment suppressed nothing.",
            "A suppression comment suppressed nothing (reported with --report-unused-suppressions). Remove it.",
        ),
    ]
}

/// The rules of every profile in `profiles`, each id once, then the built-in ones.
pub fn rule_infos<'a>(profiles: impl Iterator<Item = &'a Arc<Profile>>) -> Vec<RuleInfo> {
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
