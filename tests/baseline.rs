//! Baselines end to end: write one for a copy of the fixture articles, edit the copy, and
//! check that only new findings are reported and fixed ones are reported as gone.

mod common;
use common::{read, run};

use std::fs;

fn copy_articles() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let to = d.path().join("articles");
    fs::create_dir(&to).unwrap_or_else(|e| panic!("{e}"));
    for e in fs::read_dir("fixtures/articles")
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        fs::copy(e.path(), to.join(e.file_name())).unwrap_or_else(|e| panic!("{e}"));
    }
    d
}

#[test]
fn baseline_round_trip() {
    let d = copy_articles();
    let root = d.path();
    let (code, out, err) = run(root, &["baseline", "articles"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "");
    let file = root.join("copydesk-baseline.json");
    let baseline: serde_json::Value = serde_json::from_str(&read(&file)).unwrap_or_default();
    let entries = baseline["entries"].as_array().cloned().unwrap_or_default();
    assert!(entries.len() > 20, "{}", entries.len());
    assert!(
        err.starts_with(&format!(
            "wrote {} entries to copydesk-baseline.json",
            entries.len()
        )),
        "{err}"
    );
    assert_eq!(entries[0]["path"], "articles/border-crossing.md");

    // Nothing new: clean exit, nothing printed on stdout.
    let (code, out, err) = run(
        root,
        &[
            "check",
            "--baseline",
            "copydesk-baseline.json",
            "--format",
            "concise",
            "articles",
        ],
    );
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert!(
        err.contains(&format!("{} known problems hidden", entries.len())),
        "{err}"
    );

    // Insert lines above existing findings and add one new error.
    let a = root.join("articles/council-budget.md");
    let text = read(&a);
    let cut = text.find("\n\n").map_or(0, |i| i + 2);
    let edited = format!(
        "{}A new first paragraph, pushing everything down.\n\nAnother one.\n\n{}\nThe plan was hair-brained from the start.\n",
        &text[..cut],
        &text[cut..]
    );
    fs::write(&a, edited).unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = run(
        root,
        &[
            "check",
            "--baseline",
            "copydesk-baseline.json",
            "--format",
            "concise",
            "articles",
        ],
    );
    assert_eq!(code, 1, "the new error fails the run: {err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(lines[0].starts_with("articles/council-budget.md:"), "{out}");
    assert!(
        lines[0].contains("[errors.eggcorns] “hair-brained”"),
        "{out}"
    );
    assert!(!err.contains("gone"), "{err}");

    // Fix an old error: its entry is reported as gone.
    let b = root.join("articles/border-crossing.md");
    let text = read(&b);
    assert!(text.contains("deep-seeded"));
    fs::write(&b, text.replacen("deep-seeded", "deep-seated", 1)).unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = run(
        root,
        &[
            "check",
            "--baseline",
            "copydesk-baseline.json",
            "--format",
            "concise",
            "articles",
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("; 1 entry no longer found (fixed?)"), "{err}");
    assert!(
        err.contains("  gone: articles/border-crossing.md:23: [errors.eggcorns] “deep-seeded”"),
        "{err}"
    );

    // Linting one file does not report the other files' entries as gone.
    let (_, _, err) = run(
        root,
        &[
            "check",
            "--baseline",
            "copydesk-baseline.json",
            "articles/science-desk.md",
        ],
    );
    assert!(!err.contains("no longer found"), "{err}");

    // The baseline works from another directory: paths are relative to its file.
    let (code, out, _) = run(
        &root.join("articles"),
        &[
            "check",
            "--baseline",
            "../copydesk-baseline.json",
            "--format",
            "concise",
            ".",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn repeated_findings_are_counted() {
    let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = d.path();
    fs::write(root.join("a.md"), "A hinderance.\n\nA hinderance.\n")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run(root, &["baseline", "a.md"]).0, 0);
    let b = read(&root.join("copydesk-baseline.json"));
    assert_eq!(
        b.matches("\"rule\": \"errors.misspellings\"").count(),
        2,
        "{b}"
    );
    fs::write(
        root.join("a.md"),
        "A hinderance.\n\nA hinderance.\n\nA hinderance.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (code, out, _) = run(
        root,
        &[
            "check",
            "--baseline",
            "copydesk-baseline.json",
            "--format",
            "concise",
            "a.md",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 1, "a third occurrence is new: {out}");
}

#[test]
fn missing_or_malformed_baselines_are_errors_naming_the_file() {
    let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = d.path();
    fs::write(root.join("a.md"), "Clean.\n").unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = run(root, &["check", "--baseline", "nope.json", "a.md"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("cannot read baseline nope.json: no such file or directory"),
        "{err}"
    );
    fs::write(
        root.join("bad.json"),
        "{\"version\": 1, \"entries\": [{\"path\": 3}]}",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = run(root, &["check", "--baseline", "bad.json", "a.md"]);
    assert_eq!(code, 2);
    assert!(err.contains("bad.json is not a copydesk baseline"), "{err}");
    fs::write(root.join("v2.json"), "{\"version\": 2, \"entries\": []}")
        .unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = run(root, &["check", "--baseline", "v2.json", "a.md"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("v2.json: baseline version 2 is not supported"),
        "{err}"
    );
}

/// A baseline that cannot be written whole (here: the file size limit, `ulimit -f`, with
/// SIGXFSZ ignored so the write fails with EFBIG as on a full disk) leaves the old one
/// as it was, and no temporary file.
#[cfg(unix)]
#[test]
fn baseline_that_cannot_be_written_whole_leaves_the_old_one() {
    let d = copy_articles();
    let root = d.path();
    let file = root.join("copydesk-baseline.json");
    let old = "{\n  \"version\": 1,\n  \"entries\": []\n}\n";
    fs::write(&file, old).unwrap_or_else(|e| panic!("{e}"));
    let bin = assert_cmd::cargo::cargo_bin("copydesk");
    let out = std::process::Command::new("sh")
        .current_dir(root)
        .env("NO_COLOR", "1")
        .env("COPYDESK_NO_CACHE", "1")
        .arg("-c")
        .arg(r#"trap '' XFSZ; ulimit -f 4 && exec "$0" baseline articles"#)
        .arg(&bin)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("error: cannot write copydesk-baseline.json: "),
        "{err}"
    );
    assert_eq!(read(&file), old);
    let names: Vec<String> = fs::read_dir(root)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}
