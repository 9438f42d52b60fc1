//! Unified diffs of fixed files (`fix --diff`), as `patch -p1` and `git apply` read them.
//!
//! Fixes rarely add or remove a line, so old and new text usually have the same lines
//! but for some changed ones: then the diff is those lines, found in one pass. A general
//! line diff (Myers, through `similar`) takes time that grows with the product of the
//! length and the number of changes, which was minutes for a file with tens of thousands
//! of fixes; it is used only when the line counts differ.

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// A unified diff of `old` and `new`, with `a/PATH` and `b/PATH` headers.
pub fn unified(path: &str, old: &str, new: &str) -> String {
    let p = path.trim_start_matches("./");
    let mut out = format!("--- a/{p}\n+++ b/{p}\n");
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
        assert_eq!(unified("x.md", old, new), reference("x.md", old, new));
        assert!(unified("x.md", old, new).contains("\\ No newline at end of file"));
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
            proptest::prop_assert_eq!(unified("d/x.md", &old, &new), reference("d/x.md", &old, &new));
        }
    }
}
