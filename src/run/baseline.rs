//! Baselines: record the findings a project already has, so that CI fails only on new ones.
//!
//! An entry is keyed by the file's path (relative to the baseline file's directory), the
//! rule, the text found and a hash of the sentence around it. Line numbers are kept for
//! readers but not matched, so a baseline survives edits elsewhere in the file. Keys are
//! counted: a key that occurs twice in a file needs two entries.

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::outcome::Outcome;
use crate::text::context::{context_hash, squash};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// The file `copydesk baseline` writes and `--baseline` is usually given.
pub const DEFAULT_FILE: &str = "copydesk-baseline.json";

/// The format version written and accepted.
const VERSION: u32 = 1;

/// A baseline file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Format version, 1.
    pub version: u32,
    /// The known findings, sorted by path and line.
    pub entries: Vec<Entry>,
}

/// One known finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Path relative to the baseline file's directory, `/`-separated.
    pub path: String,
    /// Rule id.
    pub rule: String,
    /// The text found, whitespace runs as one space.
    pub text: String,
    /// FNV-1a hash of the sentence around the finding ([`crate::text::context::context_hash`]).
    pub context: String,
    /// The line when the baseline was written (informational; not matched).
    #[serde(default)]
    pub line: usize,
}

type Key = (String, String, String, String);

impl Entry {
    fn key(&self) -> Key {
        (
            self.path.clone(),
            self.rule.clone(),
            self.text.clone(),
            self.context.clone(),
        )
    }
}

/// What applying a baseline did.
#[derive(Debug, Default)]
pub struct Applied {
    /// Findings hidden because the baseline has them.
    pub known: usize,
    /// Entries of linted files that no finding matched any more (fixed, or reworded).
    pub gone: Vec<Entry>,
}

/// `path` (relative to the current directory, or absolute) relative to `base`, with `/`
/// separators. Both are resolved through the file system when they exist, so `./a.md`,
/// `a.md` and `/abs/a.md` give one key; otherwise the path is used as given.
pub fn relative_path(path: &str, base: &Path) -> String {
    let resolve = |p: &Path| -> Option<PathBuf> { p.canonicalize().ok() };
    // `path` is shown as `display` shows it; the file system needs its bytes back.
    let raw = crate::text::path::from_display(path);
    let rel = match (resolve(&raw), resolve(base)) {
        (Some(p), Some(b)) => diff_paths(&p, &b).unwrap_or(p),
        _ => raw,
    };
    crate::text::path::slash_path(&rel)
}

/// `path` relative to `base`, both absolute, climbing with `..` where needed.
fn diff_paths(path: &Path, base: &Path) -> Option<PathBuf> {
    let p: Vec<Component> = path.components().collect();
    let b: Vec<Component> = base.components().collect();
    // Different roots (another drive): no relative path.
    if p.first() != b.first() {
        return None;
    }
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c.as_os_str());
    }
    Some(out)
}

/// The directory relative paths of a baseline file are taken from.
pub fn base_dir(file: &Path) -> PathBuf {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn entry(path: &str, text: &str, d: &Diagnostic) -> Entry {
    Entry {
        path: path.to_string(),
        rule: d.rule.to_string(),
        text: squash(text.get(d.span.range()).unwrap_or("")),
        context: context_hash(text, d.span),
        line: d.line,
    }
}

impl Baseline {
    /// A baseline of every finding in `outcome`, for a baseline file in `dir`.
    pub fn of(outcome: &Outcome, dir: &Path) -> Baseline {
        let mut entries = Vec::new();
        for f in &outcome.files {
            let path = relative_path(&f.source.path, dir);
            for d in &f.diagnostics {
                entries.push(entry(&path, &f.source.text, d));
            }
        }
        entries.sort_by(|a, b| {
            (&a.path, a.line, &a.rule, &a.text).cmp(&(&b.path, b.line, &b.rule, &b.text))
        });
        Baseline {
            version: VERSION,
            entries,
        }
    }

    /// Reads a baseline file; the error names the file and says what is wrong.
    pub fn read(file: &Path) -> Result<Baseline, Error> {
        Self::read_text(file).map_err(Error::Baseline)
    }

    fn read_text(file: &Path) -> Result<Baseline, String> {
        let shown = crate::text::path::display(file);
        // A regular file or a pipe, and not endless: a repository can ship the baseline
        // as a link to a device.
        let text = crate::text::file::read(
            file,
            crate::text::file::Kind::RegularOrPipe,
            crate::text::file::INPUT_LIMIT,
        )
        .and_then(|bytes| {
            String::from_utf8(bytes).map_err(|_| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, "is not valid UTF-8")
            })
        })
        .map_err(|e| {
            format!(
                "cannot read baseline {shown}: {} (write one with `copydesk baseline`)",
                crate::text::path::io_message(&e)
            )
        })?;
        let b: Baseline = serde_json::from_str(&text)
            .map_err(|e| format!("{shown} is not a copydesk baseline: {e}"))?;
        if b.version != VERSION {
            return Err(format!(
                "{shown}: baseline version {} is not supported (expected {VERSION})",
                b.version
            ));
        }
        Ok(b)
    }

    /// The file's text: pretty JSON, one entry per line group, ending in a newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Writes the baseline to `file` atomically (a temporary file in the same directory,
    /// renamed over it), so that a full disk or a crash leaves the old baseline whole.
    ///
    /// # Errors
    ///
    /// [`Error::Baseline`], naming the file and what went wrong.
    pub fn write(&self, file: &Path) -> Result<(), Error> {
        super::atomic::write_new_or_replace(file, self.to_json().as_bytes()).map_err(|e| {
            Error::Baseline(format!(
                "cannot write {}: {}",
                crate::text::path::display(file),
                crate::text::path::io_message(&e)
            ))
        })
    }

    /// For every finding of `outcome` (file by file, in order), whether the baseline
    /// knows it: what a report marks as not new. Each entry matches one finding.
    pub fn known(&self, outcome: &Outcome, dir: &Path) -> Vec<Vec<bool>> {
        self.matches(outcome, dir).0
    }

    /// Which findings the entries match, and how many entries of each key are left.
    fn matches(&self, outcome: &Outcome, dir: &Path) -> (Vec<Vec<bool>>, HashMap<Key, usize>) {
        let mut left: HashMap<Key, usize> = HashMap::new();
        for e in &self.entries {
            *left.entry(e.key()).or_default() += 1;
        }
        let marks = outcome
            .files
            .iter()
            .map(|f| {
                let path = relative_path(&f.source.path, dir);
                let text = &f.source.text;
                f.diagnostics
                    .iter()
                    .map(|d| match left.get_mut(&entry(&path, text, d).key()) {
                        Some(n) if *n > 0 => {
                            *n -= 1;
                            true
                        }
                        _ => false,
                    })
                    .collect()
            })
            .collect();
        (marks, left)
    }

    /// Removes the findings the baseline knows from `outcome` (each entry hides one
    /// finding) and reports the entries of linted files that matched nothing. `dir` is the
    /// baseline file's directory.
    pub fn apply(&self, outcome: &mut Outcome, dir: &Path) -> Applied {
        let (marks, mut left) = self.matches(outcome, dir);
        let mut known = 0;
        for (f, marks) in outcome.files.iter_mut().zip(marks) {
            let mut marks = marks.into_iter();
            f.diagnostics.retain(|_| {
                let hit = marks.next().unwrap_or(false);
                known += usize::from(hit);
                !hit
            });
        }
        outcome.files.retain(|f| !f.diagnostics.is_empty());
        // Entries of files not linted in this run (another shard, another path) are not
        // gone: nothing was looked at.
        let linted: HashSet<String> = outcome
            .linted
            .iter()
            .map(|p| relative_path(p, dir))
            .collect();
        let mut gone = Vec::new();
        for e in &self.entries {
            if !linted.contains(&e.path) {
                continue;
            }
            if let Some(n) = left.get_mut(&e.key()) {
                if *n > 0 {
                    *n -= 1;
                    gone.push(e.clone());
                }
            }
        }
        Applied { known, gone }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::context::sentence;
    use crate::text::span::Span;

    fn span_of(text: &str, needle: &str) -> Span {
        let s = text.find(needle).unwrap_or(0);
        Span::new(s, s + needle.len())
    }

    #[test]
    fn sentence_is_bounded_by_marks_and_blank_lines() {
        let t = "First one. The hair-brained plan\nfailed! Next.\n\nNew para here.";
        assert_eq!(
            sentence(t, span_of(t, "hair-brained")),
            "The hair-brained plan\nfailed!"
        );
        assert_eq!(sentence(t, span_of(t, "para")), "New para here.");
        // A dot inside a word (a URL, "e.g.") does not end a sentence.
        let t = "See example.com for the hair-brained plan. Done.";
        assert_eq!(
            sentence(t, span_of(t, "hair-brained")),
            "See example.com for the hair-brained plan."
        );
    }

    #[test]
    fn context_survives_moves_and_rewrapping_but_not_rewording() {
        let a = "Intro.\n\nThe hair-brained plan failed.\n";
        let b = "Intro.\n\nA new paragraph.\n\nThe hair-brained\nplan failed.\n";
        let c = "Intro.\n\nThe hair-brained plan worked.\n";
        let h = |t: &str| context_hash(t, span_of(t, "hair-brained"));
        assert_eq!(h(a), h(b));
        assert_ne!(h(a), h(c));
    }

    #[test]
    fn relative_paths_climb_and_descend() {
        assert_eq!(
            diff_paths(Path::new("/r/a/b.md"), Path::new("/r/c")),
            Some(PathBuf::from("../a/b.md"))
        );
        assert_eq!(
            diff_paths(Path::new("/r/a/b.md"), Path::new("/r")),
            Some(PathBuf::from("a/b.md"))
        );
        // Paths that do not exist are kept as given, without `./`.
        assert_eq!(
            relative_path("./no/such.md", Path::new("/no/where")),
            "no/such.md"
        );
    }
}
