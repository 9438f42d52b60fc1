//! The CI gates: what a run hides from its findings before it reports them. A baseline's
//! known findings, findings below a minimum severity, and findings on lines that did not
//! change since a git revision. Each is read before linting, so that a bad baseline or a
//! missing git fails fast.

use super::baseline::{self, Applied, Baseline};
use super::gitdiff::{ChangedLines, GitLines};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::outcome::Outcome;
use std::path::{Path, PathBuf};

/// The gates of one run.
#[derive(Debug, Default)]
pub struct Gates {
    baseline: Option<(Baseline, PathBuf)>,
    min_severity: Option<Severity>,
    changed: Option<ChangedLines>,
}

impl Gates {
    /// Reads the baseline file and asks git what changed since `diff_base`.
    ///
    /// # Errors
    ///
    /// [`Error::Baseline`] for a baseline that cannot be read, [`Error::Git`] when git
    /// cannot answer.
    pub fn load(
        baseline: Option<&Path>,
        min_severity: Option<Severity>,
        diff_base: Option<&str>,
    ) -> Result<Gates, Error> {
        let baseline = match baseline {
            Some(p) => Some((Baseline::read(p)?, p.to_path_buf())),
            None => None,
        };
        let changed = match diff_base {
            Some(rev) => Some(ChangedLines::since(rev)?),
            None => None,
        };
        Ok(Gates {
            baseline,
            min_severity,
            changed,
        })
    }

    /// Whether the gates read the text of files with findings: a baseline matches
    /// findings by the text around them, and `--diff-base` counts lines as git does.
    pub fn need_text(&self) -> bool {
        self.baseline.is_some() || self.changed.is_some()
    }

    /// Hides what the gates hide: baselined findings (matched on every finding first, so
    /// that entries are not taken for fixed when another gate hides them), then findings
    /// below the minimum severity, then findings on unchanged lines. Returns the baseline
    /// file and what it matched, when there is one.
    pub fn apply(&self, outcome: &mut Outcome) -> Option<(&Path, Applied)> {
        let applied = self
            .baseline
            .as_ref()
            .map(|(b, path)| (path.as_path(), b.apply(outcome, &baseline::base_dir(path))));
        if let Some(min) = self.min_severity {
            outcome.retain(|_, d| d.severity >= min);
        }
        if let Some(c) = &self.changed {
            for f in &mut outcome.files {
                let path = crate::text::path::from_display(&f.source.path);
                // git counts lines by LF alone; copydesk also by a lone CR.
                let git_lines = GitLines::of(&f.source.text);
                f.diagnostics.retain(|d| {
                    let (first, last) = match &git_lines {
                        Some(g) => g.lines(d.span.start, d.span.end),
                        None => (d.line, last_line(d)),
                    };
                    c.touches(&path, first, last)
                });
            }
            outcome.files.retain(|f| !f.diagnostics.is_empty());
        }
        applied
    }
}

/// The last line a finding covers: a span that ends at the start of a line does not
/// cover that line.
fn last_line(d: &Diagnostic) -> usize {
    if d.end_line > d.line && d.end_column == 1 {
        d.end_line - 1
    } else {
        d.end_line
    }
}
