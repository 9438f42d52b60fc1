//! Unified diffs of fixed files (`fix --diff`), as `patch -p1` and `git apply` read them.
//!
//! Fixes rarely add or remove a line, so old and new text usually have the same lines
//! but for some changed ones: then the diff is those lines, found in one pass. A general
//! line diff (Myers, through `similar`) takes time that grows with the product of the
//! length and the number of changes, which was minutes for a file with tens of thousands
//! of fixes; it is used only when the line counts differ.
//!
//! File names are written in the headers as git writes them: a name with a control
//! character, a quotation mark, a backslash or a byte that is not UTF-8 is quoted in C
//! style, prefix and all (`"a/tab\there.md"`, `"a/na\033me.md"`, `"a/\377.md"`), which
//! `git apply` and GNU `patch` undo; a name with a space is followed by a tab, which ends
//! it for `patch`. Other names, UTF-8 ones included, are written as they are.

use std::path::Path;

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// A unified diff of `old` and `new`, with `a/PATH` and `b/PATH` headers (see the
/// module's documentation for how odd names are written).
pub fn unified(path: &Path, old: &str, new: &str) -> String {
    let mut out = format!("--- {}\n+++ {}\n", header("a/", path), header("b/", path));
    let (a, b) = (lines(old), lines(new));
    if a.len() == b.len() {
        same_shape(&a, &b, &mut out);
    } else {
        let diff = similar::TextDiff::from_lines(old, new);
        for hunk in diff.unified_diff().context_radius(CONTEXT).iter_hunks() {
            out.push_str(&hunk.to_string());
        }
    }
    out
}

/// `PREFIX` and the path, without a leading `./`, for a `---` or `+++` line: quoted as
/// git quotes names when it must be, and followed by a tab when it has a space.
fn header(prefix: &str, path: &Path) -> String {
    #[cfg(unix)]
    let bytes =
        std::borrow::Cow::Borrowed(std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()));
    #[cfg(not(unix))]
    let bytes =
        std::borrow::Cow::<[u8]>::Owned(path.to_string_lossy().replace('\\', "/").into_bytes());
    let mut name: &[u8] = &bytes;
    while let Some(rest) = name.strip_prefix(b"./") {
        name = rest;
    }
    let mut full = prefix.as_bytes().to_vec();
    full.extend_from_slice(name);
    let mut out = quoted(&full);
    if name.contains(&b' ') {
        out.push('\t');
    }
    out
}

/// A name as git's `quote_c_style` writes it: unchanged when it is UTF-8 without control
/// characters, `"` or `\`; else in quotation marks, with `\t`, `\n`, `\"`, `\\` and the
/// like, and each byte of any other control character (C0, DEL, C1) or of bytes that
/// are not UTF-8 in octal (`\033`, `\302\233`, `\377`).
fn quoted(name: &[u8]) -> String {
    let plain = |c: char| !c.is_control() && c != '"' && c != '\\';
    if let Ok(s) = std::str::from_utf8(name) {
        if s.chars().all(plain) {
            return s.to_string();
        }
    }
    let octal = |out: &mut String, bytes: &[u8]| {
        for b in bytes {
            out.push_str(&format!("\\{b:03o}"));
        }
    };
    let mut out = String::with_capacity(name.len() + 8);
    out.push('"');
    for chunk in name.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\u{7}' => out.push_str("\\a"),
                '\u{8}' => out.push_str("\\b"),
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\u{b}' => out.push_str("\\v"),
                '\u{c}' => out.push_str("\\f"),
                '\r' => out.push_str("\\r"),
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => octal(&mut out, c.encode_utf8(&mut [0; 4]).as_bytes()),
                c => out.push(c),
            }
        }
        octal(&mut out, chunk.invalid());
    }
    out.push('"');
    out
}

/// The text's lines, each with its line ending.
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// The hunks of two texts with the same number of lines: each run of changed lines, its
/// old lines then its new ones, with up to [`CONTEXT`] unchanged lines around it, and runs
/// whose context would touch merged into one hunk.
fn same_shape(a: &[&str], b: &[&str], out: &mut String) {
    let changed: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    let mut k = 0;
    while k < changed.len() {
        // The changes of one hunk: while the next change is within twice the context.
        let mut end = k;
        while end + 1 < changed.len() && changed[end + 1] - changed[end] <= 2 * CONTEXT + 1 {
            end += 1;
        }
        let first = changed[k].saturating_sub(CONTEXT);
        let last = (changed[end] + CONTEXT + 1).min(a.len());
        let len = last - first;
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(first, len),
            range(first, len)
        ));
        let mut i = first;
        while i < last {
            if a[i] == b[i] {
                push_line(out, ' ', a[i]);
                i += 1;
                continue;
            }
            let run_end = (i..last).find(|&j| a[j] == b[j]).unwrap_or(last);
            for line in &a[i..run_end] {
                push_line(out, '-', line);
            }
            for line in &b[i..run_end] {
                push_line(out, '+', line);
            }
            i = run_end;
        }
        k = end + 1;
    }
}

/// A hunk's range as unified diffs write it: `START,LEN` (1-based), `START` alone for
/// one line, and the line before for none.
fn range(first: usize, len: usize) -> String {
    match len {
        0 => format!("{first},0"),
        1 => format!("{}", first + 1),
        _ => format!("{},{len}", first + 1),
    }
}

/// One line with its prefix; a last line without a line ending gets the marker `patch`
/// expects.
fn push_line(out: &mut String, prefix: char, line: &str) {
    out.push(prefix);
    out.push_str(line);
    if !line.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `similar` makes of the same texts: the diff this module must equal.
    fn reference(path: &str, old: &str, new: &str) -> String {
        let p = path.trim_start_matches("./");
        let mut out = format!("--- a/{p}\n+++ b/{p}\n");
        let diff = similar::TextDiff::from_lines(old, new);
        for hunk in diff.unified_diff().context_radius(CONTEXT).iter_hunks() {
            out.push_str(&hunk.to_string());
        }
        out
    }

    #[test]
    fn a_changed_last_line_without_a_line_ending() {
        let (old, new) = ("a\nb\nc", "a\nb\nC");
        let x = Path::new("x.md");
        assert_eq!(unified(x, old, new), reference("x.md", old, new));
        assert!(unified(x, old, new).contains("\\ No newline at end of file"));
    }

    #[test]
    fn names_are_quoted_as_git_quotes_them() {
        assert_eq!(header("a/", Path::new("./d/café.md")), "a/d/café.md");
        assert_eq!(header("b/", Path::new("my file.md")), "b/my file.md\t");
        assert_eq!(
            header("a/", Path::new("t\tn\nq\"b\\e\u{1b}c\u{9b}\u{7f}\u{7}.md")),
            "\"a/t\\tn\\nq\\\"b\\\\e\\033c\\302\\233\\177\\a.md\""
        );
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let p = Path::new(std::ffi::OsStr::from_bytes(b"x\xff\xc3.md"));
            assert_eq!(header("a/", p), "\"a/x\\377\\303.md\"");
        }
    }

    proptest::proptest! {
        /// Numbered lines (so that there is one best alignment, which both find), each
        /// changed or not: every shape of run, gap and edge, with and without a final
        /// line ending.
        #[test]
        fn same_shape_diffs_equal_the_reference(
            lines in proptest::collection::vec(("[ab]{0,2}", proptest::bool::ANY), 0..24),
            end in proptest::bool::ANY,
        ) {
            let join = |v: Vec<String>| {
                let mut s = v.join("\n");
                if end && !s.is_empty() {
                    s.push('\n');
                }
                s
            };
            let old = join(lines.iter().enumerate().map(|(i, (l, _))| format!("{i}{l}x")).collect());
            let new = join(
                lines
                    .iter()
                    .enumerate()
                    .map(|(i, (l, c))| if *c { format!("{i}{l}y") } else { format!("{i}{l}x") })
                    .collect(),
            );
            proptest::prop_assert_eq!(unified(Path::new("d/x.md"), &old, &new), reference("d/x.md", &old, &new));
        }
    }
}
