//! `--diff-base REV`: which lines of which files changed since a git revision, so that
//! only findings on added or changed lines are reported.
//!
//! git runs from the repository root (`git rev-parse --show-toplevel`) with
//! `git diff --unified=0 REV`, which compares REV with the working tree (staged and
//! unstaged changes). Each hunk header `@@ -a,b +c,d @@` adds lines `c..c+d` of the new
//! file. Files git does not track (new, untracked or ignored) count as entirely new.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::process::Command;

/// Changed lines per file, relative to the repository root.
#[derive(Debug, Default)]
pub struct ChangedLines {
    root: PathBuf,
    /// Inclusive 1-based line ranges added or changed, per repository-relative path.
    changed: HashMap<String, Vec<(usize, usize)>>,
    /// Every tracked file, repository-relative.
    tracked: HashSet<String>,
}

/// Runs git with `args` in `dir` and returns its standard output.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                "--diff-base needs git, and there is no `git` in PATH".to_string()
            }
            _ => format!("--diff-base: cannot run git: {e}"),
        })?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(err.trim().to_string());
    }
    Ok(out.stdout)
}

impl ChangedLines {
    /// Asks git what changed between `rev` and the working tree of the repository that
    /// holds the current directory.
    pub fn since(rev: &str) -> Result<ChangedLines, crate::error::Error> {
        Self::since_text(rev).map_err(crate::error::Error::Git)
    }

    fn since_text(rev: &str) -> Result<ChangedLines, String> {
        let cwd = std::env::current_dir()
            .map_err(|e| format!("--diff-base: no current directory: {e}"))?;
        let top = git(&cwd, &["rev-parse", "--show-toplevel"]).map_err(|e| {
            format!("--diff-base needs a git repository, and this is not one ({e})")
        })?;
        let top = String::from_utf8_lossy(&top)
            .trim_end_matches(['\n', '\r'])
            .to_string();
        let root = Path::new(&top)
            .canonicalize()
            .unwrap_or_else(|_| PathBuf::from(&top));
        if rev.starts_with('-') {
            return Err(format!("--diff-base: `{rev}` is not a revision"));
        }
        // Fixed prefixes and no renames, whatever the user's git config says, so the
        // `+++ b/path` lines parse the same everywhere.
        let diff = git(
            &root,
            &[
                "-c",
                "core.quotePath=false",
                "diff",
                "--no-color",
                "--no-ext-diff",
                "--no-renames",
                "--unified=0",
                "--src-prefix=a/",
                "--dst-prefix=b/",
                rev,
                "--",
            ],
        )
        .map_err(|e| format!("--diff-base: `git diff {rev}` failed: {e}"))?;
        let tracked = git(&root, &["ls-files", "-z"])
            .map_err(|e| format!("--diff-base: `git ls-files` failed: {e}"))?;
        Ok(ChangedLines {
            root,
            changed: parse_diff(&String::from_utf8_lossy(&diff)),
            tracked: tracked
                .split(|&b| b == 0)
                .filter(|p| !p.is_empty())
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .collect(),
        })
    }

    /// The repository-relative path of a linted file, if it is inside the repository.
    fn in_repo(&self, path: &str) -> Option<String> {
        let abs = Path::new(path).canonicalize().ok()?;
        let rel = abs.strip_prefix(&self.root).ok()?;
        let parts: Vec<String> = rel
            .components()
            .filter(|c| matches!(c, Component::Normal(_)))
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        Some(parts.join("/"))
    }

    /// Whether lines `first..=last` of `path` (as linted) include an added or changed
    /// line. Files outside the repository, untracked files and standard input are new.
    pub fn touches(&self, path: &str, first: usize, last: usize) -> bool {
        let Some(rel) = self.in_repo(path) else {
            return true;
        };
        if let Some(ranges) = self.changed.get(&rel) {
            return ranges.iter().any(|&(a, b)| a <= last && first <= b);
        }
        !self.tracked.contains(&rel)
    }
}

/// Parses `git diff --unified=0` output into the added line ranges of each new file.
pub fn parse_diff(diff: &str) -> HashMap<String, Vec<(usize, usize)>> {
    let mut out: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    let mut current: Option<String> = None;
    // `+++ ` names the file only in a file's header; in a hunk it is an added line that
    // starts with `++`.
    let mut in_header = false;
    for line in diff.lines() {
        if line.starts_with("diff --git ") {
            current = None;
            in_header = true;
        } else if in_header && line.starts_with("+++ ") {
            let p = unquote(&line[4..]);
            current = p.strip_prefix("b/").map(str::to_string);
            if let Some(c) = &current {
                out.entry(c.clone()).or_default();
            }
        } else if let Some(range) = hunk_added(line) {
            in_header = false;
            if let (Some(path), Some(r)) = (&current, range) {
                out.entry(path.clone()).or_default().push(r);
            }
        }
    }
    out
}

/// For a hunk header `@@ -a,b +c,d @@ …`: `Some(Some((c, c+d-1)))`, or `Some(None)` when it
/// adds no line (`d` = 0); `None` when the line is not a hunk header.
fn hunk_added(line: &str) -> Option<Option<(usize, usize)>> {
    let rest = line.strip_prefix("@@ -")?;
    let plus = rest.split_whitespace().nth(1)?.strip_prefix('+')?;
    let (start, count) = match plus.split_once(',') {
        Some((s, c)) => (s.parse::<usize>().ok()?, c.parse::<usize>().ok()?),
        None => (plus.parse::<usize>().ok()?, 1),
    };
    Some((count > 0).then(|| (start, start + count - 1)))
}

/// Undoes git's C-style quoting of unusual paths (`"b/a\"b.md"`, octal bytes).
fn unquote(p: &str) -> String {
    let Some(inner) = p.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
        return p.to_string();
    };
    let mut bytes = Vec::with_capacity(inner.len());
    let mut it = inner.bytes().peekable();
    while let Some(b) = it.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match it.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(b'r') => bytes.push(b'\r'),
            Some(d @ b'0'..=b'7') => {
                let mut v = u32::from(d - b'0');
                for _ in 0..2 {
                    match it.peek() {
                        Some(&o @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(o - b'0');
                            it.next();
                        }
                        _ => break,
                    }
                }
                bytes.push((v & 0xff) as u8);
            }
            Some(other) => bytes.push(other),
            None => bytes.push(b'\\'),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_give_added_line_ranges() {
        let diff = "diff --git a/a.md b/a.md\n\
            index 1..2 100644\n\
            --- a/a.md\n\
            +++ b/a.md\n\
            @@ -3 +3 @@ heading\n\
            -old\n\
            +new\n\
            @@ -10,0 +11,2 @@\n\
            +++ an added line that starts with two pluses\n\
            +y\n\
            @@ -20,2 +21,0 @@\n\
            -gone\n\
            -gone\n\
            diff --git a/old.md b/old.md\n\
            --- a/old.md\n\
            +++ /dev/null\n\
            @@ -1 +0,0 @@\n\
            -bye\n\
            diff --git \"a/q\\\"\\303\\251.md\" \"b/q\\\"\\303\\251.md\"\n\
            --- \"a/q\\\"\\303\\251.md\"\n\
            +++ \"b/q\\\"\\303\\251.md\"\n\
            @@ -0,0 +1 @@\n\
            +hi\n";
        let m = parse_diff(diff);
        assert_eq!(m.get("a.md"), Some(&vec![(3, 3), (11, 12)]));
        assert_eq!(m.get("q\"é.md"), Some(&vec![(1, 1)]));
        assert_eq!(m.len(), 2, "{m:?}");
    }

    #[test]
    fn a_line_starting_with_at_signs_in_content_is_not_a_header() {
        assert_eq!(hunk_added("@@ -1,2 +5,3 @@"), Some(Some((5, 7))));
        assert_eq!(hunk_added("@@ -1 +0,0 @@"), Some(None));
        assert_eq!(hunk_added("+@@ text"), None);
    }
}
