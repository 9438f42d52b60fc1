//! `--diff-base REV`: which lines of which files changed since a git revision, so that
//! only findings on added or changed lines are reported.
//!
//! git runs from the repository root (`git rev-parse --show-toplevel`) with
//! `git diff --unified=0 REV`, which compares REV with the working tree (staged and
//! unstaged changes). Each hunk header `@@ -a,b +c,d @@` adds lines `c..c+d` of the new
//! file. Files git does not track (new, untracked or ignored) count as entirely new.
//!
//! Paths are compared as bytes, as git writes them: a `+++ b/…` name is either quoted
//! C-style (control characters, quotes, backslashes) or raw up to a tab that git adds when
//! the name has a space. git counts lines by LF alone, while a lone CR also ends a line
//! for copydesk, so in a file with lone CRs a finding's lines are counted again by LF
//! ([`GitLines`]).

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::process::Command;

/// Changed lines per file, relative to the repository root.
#[derive(Debug, Default)]
pub struct ChangedLines {
    root: PathBuf,
    /// Inclusive 1-based line ranges added or changed, per repository-relative path.
    changed: HashMap<Vec<u8>, Vec<(usize, usize)>>,
    /// Every tracked file, repository-relative.
    tracked: HashSet<Vec<u8>>,
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
            changed: parse_diff(&diff),
            tracked: tracked
                .split(|&b| b == 0)
                .filter(|p| !p.is_empty())
                .map(<[u8]>::to_vec)
                .collect(),
        })
    }

    /// The repository-relative path of a linted file, if it is inside the repository, as
    /// git names it: `/`-separated bytes.
    fn in_repo(&self, path: &Path) -> Option<Vec<u8>> {
        let abs = path.canonicalize().ok()?;
        let rel = abs.strip_prefix(&self.root).ok()?;
        let parts: Vec<&[u8]> = rel
            .components()
            .filter_map(|c| match c {
                Component::Normal(name) => Some(name.as_encoded_bytes()),
                _ => None,
            })
            .collect();
        Some(parts.join(&b'/'))
    }

    /// Whether git's lines `first..=last` of `path` (the file linted) include an added or
    /// changed line. Files outside the repository, untracked files and standard input are
    /// new.
    pub fn touches(&self, path: &Path, first: usize, last: usize) -> bool {
        let Some(rel) = self.in_repo(path) else {
            return true;
        };
        if let Some(ranges) = self.changed.get(&rel) {
            return ranges.iter().any(|&(a, b)| a <= last && first <= b);
        }
        !self.tracked.contains(&rel)
    }
}

/// Line numbers as git counts them (LF alone ends a line), for a text in which copydesk
/// counts others too (a lone CR).
#[derive(Debug)]
pub struct GitLines {
    /// Byte offsets of every LF.
    lfs: Vec<usize>,
}

impl GitLines {
    /// `None` when git's lines are copydesk's: the text has no lone CR.
    pub fn of(text: &str) -> Option<GitLines> {
        let b = text.as_bytes();
        let lone_cr = memchr::memchr_iter(b'\r', b).any(|i| b.get(i + 1) != Some(&b'\n'));
        lone_cr.then(|| GitLines {
            lfs: memchr::memchr_iter(b'\n', b).collect(),
        })
    }

    /// git's 1-based line of byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.lfs.partition_point(|&lf| lf < offset) + 1
    }

    /// git's first and last line of the bytes `start..end` (a span that ends just after an
    /// LF does not cover the next line).
    pub fn lines(&self, start: usize, end: usize) -> (usize, usize) {
        let first = self.line(start);
        (first, self.line(end.saturating_sub(1)).max(first))
    }
}

/// Parses `git diff --unified=0` output into the added line ranges of each new file,
/// keyed by the path's bytes.
pub fn parse_diff(diff: &[u8]) -> HashMap<Vec<u8>, Vec<(usize, usize)>> {
    let mut out: HashMap<Vec<u8>, Vec<(usize, usize)>> = HashMap::new();
    let mut current: Option<Vec<u8>> = None;
    // `+++ ` names the file only in a file's header; in a hunk it is an added line that
    // starts with `++`.
    let mut in_header = false;
    for line in diff.split(|&b| b == b'\n') {
        if line.starts_with(b"diff --git ") {
            current = None;
            in_header = true;
        } else if in_header && line.starts_with(b"+++ ") {
            let p = name(&line[4..]);
            current = p.strip_prefix(b"b/").map(<[u8]>::to_vec);
            if let Some(c) = &current {
                out.entry(c.clone()).or_default();
            }
        } else if let Some(range) = std::str::from_utf8(line).ok().and_then(hunk_added) {
            in_header = false;
            if let (Some(path), Some(r)) = (&current, range) {
                out.entry(path.clone()).or_default().push(r);
            }
        }
    }
    out
}

/// The name on a `---`/`+++` line: unquoted when git quoted it, else up to the tab git
/// adds after a name with a space (a name with a tab in it is always quoted).
fn name(field: &[u8]) -> Vec<u8> {
    if field.first() == Some(&b'"') {
        return unquote(field);
    }
    field.strip_suffix(b"\t").unwrap_or(field).to_vec()
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
fn unquote(p: &[u8]) -> Vec<u8> {
    let Some(inner) = p.strip_prefix(b"\"").and_then(|s| s.strip_suffix(b"\"")) else {
        return p.to_vec();
    };
    let mut bytes = Vec::with_capacity(inner.len());
    let mut it = inner.iter().copied().peekable();
    while let Some(b) = it.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match it.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(b'r') => bytes.push(b'\r'),
            Some(b'a') => bytes.push(0x07),
            Some(b'b') => bytes.push(0x08),
            Some(b'f') => bytes.push(0x0c),
            Some(b'v') => bytes.push(0x0b),
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
    bytes
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
            +hi\n\
            diff --git a/a b.md b/a b.md\n\
            --- a/a b.md\t\n\
            +++ b/a b.md\t\n\
            @@ -1,0 +2 @@\n\
            +there\n";
        let m = parse_diff(diff.as_bytes());
        assert_eq!(m.get(b"a.md".as_slice()), Some(&vec![(3, 3), (11, 12)]));
        assert_eq!(m.get("q\"é.md".as_bytes()), Some(&vec![(1, 1)]));
        assert_eq!(m.get(b"a b.md".as_slice()), Some(&vec![(2, 2)]));
        assert_eq!(m.len(), 3, "{m:?}");
        // Bytes that are not UTF-8 stay themselves, raw or quoted.
        let m = parse_diff(b"diff --git a/x b/x\n+++ b/\xff.md\n@@ -0,0 +1 @@\n");
        assert_eq!(m.get(b"\xff.md".as_slice()), Some(&vec![(1, 1)]));
        assert_eq!(unquote(br#""b/\377\t.md""#), b"b/\xff\t.md");
    }

    #[test]
    fn git_lines_count_lf_only() {
        assert!(GitLines::of("a\r\nb\n").is_none());
        let text = "one\rtwo\rthree\nfour\n";
        let Some(g) = GitLines::of(text) else {
            panic!("a lone CR");
        };
        let at = |s: &str| text.find(s).unwrap_or(0);
        assert_eq!(g.line(at("two")), 1);
        assert_eq!(g.line(at("four")), 2);
        // A span that ends with the LF stays on its line.
        assert_eq!(g.lines(at("three"), at("four")), (1, 1));
        assert_eq!(g.lines(at("two"), at("four") + 2), (1, 2));
    }

    #[test]
    fn a_line_starting_with_at_signs_in_content_is_not_a_header() {
        assert_eq!(hunk_added("@@ -1,2 +5,3 @@"), Some(Some((5, 7))));
        assert_eq!(hunk_added("@@ -1 +0,0 @@"), Some(None));
        assert_eq!(hunk_added("+@@ text"), None);
    }
}
