//! CI gates: --min-severity, --max-warnings, --statistics, --shard, --diff-base and
//! baselines, end to end through the binary.

mod common;
use common::{copydesk, run, tmp};

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    fs::write(p, text).unwrap_or_else(|e| panic!("{e}"));
}

/// Two warnings (misspelling, eggcorn) and one info (an opt-in info rule turned on).
fn mixed(dir: &Path) {
    write(
        dir,
        "copydesk.toml",
        "enable = [\"variants.places-optional\"]\n",
    );
    write(
        dir,
        "a.md",
        "A hinderance.\n\nA hair-brained plan.\n\nThey flew to Burma.\n",
    );
}

#[test]
fn min_severity_hides_findings_from_output_and_counts() {
    let d = tmp();
    mixed(d.path());
    let (code, out, _) = run(d.path(), &["check", "--format", "concise", "a.md"]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(out.contains(": info [variants.places-optional]"), "{out}");
    let (code, out, err) = run(d.path(), &["check", "--min-severity", "warning", "a.md"]);
    assert_eq!(code, 1);
    assert!(!out.contains("places-optional"), "{out}");
    assert!(
        err.starts_with("1 file checked, 2 problems found (0 errors, 2 warnings, 0 info)"),
        "{err}"
    );
    let (code, out, _) = run(
        d.path(),
        &[
            "check",
            "--format",
            "json",
            "--min-severity",
            "error",
            "a.md",
        ],
    );
    assert_eq!(code, 0, "nothing left at error level");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(doc["summary"]["diagnostics"], 0);
    assert_eq!(doc["diagnostics"], serde_json::json!([]));
}

#[test]
fn max_warnings_fails_even_when_fail_on_passes() {
    let d = tmp();
    mixed(d.path());
    let base = ["check", "-q", "--fail-on", "error", "a.md"];
    assert_eq!(run(d.path(), &base).0, 0);
    let with = |n: &str| {
        let mut a = base.to_vec();
        a.extend(["--max-warnings", n]);
        run(d.path(), &a)
    };
    assert_eq!(with("2").0, 0, "two warnings are allowed");
    let (code, _, err) = with("1");
    assert_eq!(code, 1);
    assert_eq!(err, "");
    let (code, _, err) = run(
        d.path(),
        &["check", "--fail-on", "error", "--max-warnings", "1", "a.md"],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("2 warnings found; --max-warnings allows 1"),
        "{err}"
    );
    // The count is taken after --min-severity.
    assert_eq!(
        run(
            d.path(),
            &[
                "check",
                "-q",
                "--max-warnings",
                "0",
                "--min-severity",
                "error",
                "a.md"
            ]
        )
        .0,
        0
    );
    assert_eq!(
        run(d.path(), &["check", "--max-warnings", "x", "a.md"]).0,
        2
    );
}

#[test]
fn statistics_count_per_rule_on_stderr_and_in_json() {
    let d = tmp();
    write(
        d.path(),
        "a.md",
        "A hinderance.\n\nAnother hinderance.\n\nA hair-brained plan.\n",
    );
    let (_, out, err) = run(
        d.path(),
        &["check", "--statistics", "--format", "concise", "a.md"],
    );
    assert_eq!(out.lines().count(), 3);
    assert_eq!(
        err,
        "Problems per rule:\n2  errors.misspellings\n1  errors.eggcorns\n"
    );
    let (_, out, err) = run(
        d.path(),
        &["check", "--statistics", "--format", "json", "a.md"],
    );
    assert_eq!(err, "");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(
        doc["statistics"],
        serde_json::json!([
            {"rule": "errors.misspellings", "count": 2},
            {"rule": "errors.eggcorns", "count": 1},
        ])
    );
    let (_, out, _) = run(d.path(), &["check", "--format", "json", "a.md"]);
    assert!(!out.contains("statistics"), "only on request");
}

/// The files a run linted, from the junit report (one testcase per file).
fn linted(dir: &Path, extra: &[&str]) -> BTreeSet<String> {
    let mut args = vec!["check", "--format", "junit"];
    args.extend(extra);
    let (_, out, _) = run(dir, &args);
    out.lines()
        .filter_map(|l| l.trim().strip_prefix("<testcase name=\""))
        .filter_map(|l| l.split('"').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn shards_partition_the_files() {
    let d = tmp();
    for i in 0..30 {
        write(
            d.path(),
            &format!("dir{}/article-{i}.md", i % 4),
            "A hinderance.\n",
        );
    }
    let all = linted(d.path(), &["."]);
    assert_eq!(all.len(), 30);
    let mut union = BTreeSet::new();
    let mut total = 0;
    for k in 1..=3 {
        let part = linted(d.path(), &["--shard", &format!("{k}/3"), "."]);
        assert!(!part.is_empty(), "shard {k}/3 is empty");
        total += part.len();
        union.extend(part);
    }
    assert_eq!(total, all.len(), "no file is in two shards");
    assert_eq!(union, all);
    // Stable: the shard of a file does not depend on what else is walked.
    let one = linted(d.path(), &["--shard", "2/3", "dir1"]);
    let two = linted(d.path(), &["--shard", "2/3", "."]);
    assert!(one.iter().all(|p| two.contains(p)), "{one:?} {two:?}");
    for bad in ["0/3", "4/3", "1/0", "x", "1/2/3"] {
        let (code, _, err) = run(d.path(), &["check", "--shard", bad, "."]);
        assert_eq!(code, 2, "{bad}");
        assert!(err.contains("is not a shard"), "{err}");
    }
}

fn git(dir: &Path, args: &[&str]) {
    let st = std::process::Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("git: {e}"));
    assert!(
        st.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&st.stderr)
    );
}

#[test]
fn diff_base_reports_only_added_and_changed_lines() {
    let d = tmp();
    let root = d.path();
    git(root, &["init", "-q"]);
    write(
        root,
        "docs/a.md",
        "# Title\n\nA hinderance here.\n\nClean line.\n\nOld hair-brained plan.\n",
    );
    write(root, "docs/same.md", "A hinderance stays.\n");
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "base"]);
    // Change line 5 to add an error; insert a line above the old ones; add a new file.
    write(
        root,
        "docs/a.md",
        "# Title\n\nInserted line.\n\nA hinderance here.\n\nClean line with hinderance.\n\nOld hair-brained plan.\n",
    );
    write(root, "docs/new.md", "A brand new hinderance.\n");
    let (code, out, err) = run(
        &root.join("docs"),
        &["check", "--format", "concise", "--diff-base", "HEAD", "."],
    );
    assert_eq!(code, 1, "{err}");
    let found: Vec<&str> = out
        .lines()
        .map(|l| l.split(" “").next().unwrap_or_default())
        .collect();
    assert_eq!(
        found,
        [
            "a.md:7:17: warning [errors.misspellings]",
            "new.md:1:13: warning [errors.misspellings]"
        ],
        "{out}"
    );
    // Without the gate, the old findings are there.
    let (_, out, _) = run(&root.join("docs"), &["check", "--format", "concise", "."]);
    assert_eq!(out.lines().count(), 5, "{out}");
    // A bad revision and a directory outside any repository are errors.
    let (code, _, err) = run(root, &["check", "--diff-base", "no-such-rev", "."]);
    assert_eq!(code, 2);
    assert!(err.contains("`git diff no-such-rev` failed"), "{err}");
    let outside = tmp();
    write(outside.path(), "a.md", "A hinderance.\n");
    let (code, _, err) = run(outside.path(), &["check", "--diff-base", "HEAD", "."]);
    assert_eq!(code, 2);
    assert!(err.contains("--diff-base needs a git repository"), "{err}");
}

#[test]
fn diff_base_without_git_is_a_clear_error() {
    let d = tmp();
    write(d.path(), "a.md", "A hinderance.\n");
    let out = copydesk()
        .current_dir(d.path())
        .env("PATH", "")
        .args(["check", "--diff-base", "HEAD", "."])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no `git` in PATH"), "{err}");
}

/// A tracked file whose name has a space (git ends its `+++ b/…` line with a tab) and one
/// with lone CRs, which end lines for copydesk but not for git: the changed lines are
/// found in both, and unchanged lines are not taken for changed ones.
#[test]
fn diff_base_sees_names_with_spaces_and_lines_after_lone_crs() {
    let d = tmp();
    let root = d.path();
    git(root, &["init", "-q"]);
    write(root, "a b.md", "Clean.\n");
    write(root, "cr.md", "Old hinderance.\rOne.\rAn old hinderance.\n");
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "base"]);
    write(root, "a b.md", "Clean.\nA hinderance.\n");
    // git's line 2 is new; copydesk's lines 1 to 3 are git's line 1, and its line 4 is
    // git's line 2.
    write(
        root,
        "cr.md",
        "Old hinderance.\rOne.\rAn old hinderance.\nA new hinderance.\n",
    );
    let (code, out, err) = run(
        root,
        &["check", "--format", "concise", "--diff-base", "HEAD", "."],
    );
    assert_eq!(code, 1, "{err}");
    let found: Vec<&str> = out
        .lines()
        .map(|l| l.split(" [").next().unwrap_or_default())
        .collect();
    assert_eq!(
        found,
        ["a b.md:2:3: warning", "cr.md:4:7: warning"],
        "{out}"
    );
}
