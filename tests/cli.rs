//! CLI behaviour: exit codes, formats, config discovery and errors, bad input.

mod common;
use common::{copydesk, run, tmp};

use std::fs;

#[test]
fn exit_codes_follow_findings_and_fail_on() {
    let d = tmp();
    fs::write(d.path().join("a.md"), "It was a hair-brained plan.\n").unwrap_or_default();
    fs::write(d.path().join("clean.md"), "It was a harebrained plan.\n").unwrap_or_default();
    assert_eq!(run(d.path(), &["check", "clean.md"]).0, 0);
    assert_eq!(run(d.path(), &["check", "a.md"]).0, 1);
    assert_eq!(run(d.path(), &["check", "--fail-on", "error", "a.md"]).0, 0);
    let (code, out, err) = run(d.path(), &["check", "--format", "concise"]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "a.md:1:10: warning [errors.eggcorns] “hair-brained” is an eggcorn; the expression is “harebrained”.\n"
    );
    assert_eq!(err, "", "machine formats print no summary");
    let (_, _, err) = run(d.path(), &["check", "a.md"]);
    assert!(
        err.starts_with("1 file checked, 1 problem found (0 errors, 1 warning, 0 info)"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let d = tmp();
    assert_eq!(run(d.path(), &["check", "--format", "nope"]).0, 2);
    assert_eq!(run(d.path(), &["frobnicate"]).0, 2);
    let (code, _, err) = run(d.path(), &["check", "missing.md"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("missing.md: no such file or directory"),
        "{err}"
    );
}

#[test]
fn bad_files_are_reported_and_the_walk_goes_on() {
    let d = tmp();
    fs::write(d.path().join("a.md"), b"ok \xff\xfe bad\n").unwrap_or_default();
    fs::write(d.path().join("b.md"), b"bin\0ary").unwrap_or_default();
    fs::write(d.path().join("c.md"), "A hinderance.\n").unwrap_or_default();
    let (code, out, err) = run(d.path(), &["check", "--format", "concise", "."]);
    assert_eq!(code, 2);
    assert!(
        out.contains("c.md:1:3: warning [errors.misspellings]"),
        "{out}"
    );
    assert!(
        err.contains("a.md: is not valid UTF-8 (first bad byte at offset 3, line 1)"),
        "{err}"
    );
    assert!(err.contains("b.md: looks like a binary file"), "{err}");
}

#[test]
fn walk_honours_ignore_files_extensions_and_exclude() {
    let d = tmp();
    fs::create_dir_all(d.path().join("drafts")).unwrap_or_default();
    fs::create_dir_all(d.path().join(".hidden")).unwrap_or_default();
    for f in [
        "a.md",
        "b.txt",
        "c.rs",
        "drafts/d.md",
        ".hidden/e.md",
        "ignored.md",
    ] {
        fs::write(d.path().join(f), "A hinderance.\n").unwrap_or_default();
    }
    fs::write(d.path().join(".gitignore"), "ignored.md\n").unwrap_or_default();
    let files = |args: &[&str]| {
        let (_, out, _) = run(d.path(), args);
        let mut v: Vec<String> = out
            .lines()
            .map(|l| l.split(':').next().unwrap_or("").to_string())
            .collect();
        v.dedup();
        v
    };
    assert_eq!(
        files(&["check", "--format", "concise"]),
        vec!["a.md", "b.txt", "drafts/d.md"]
    );
    assert_eq!(
        files(&["check", "--format", "concise", "--exclude", "drafts/**"]),
        vec!["a.md", "b.txt"]
    );
    // Named explicitly: linted even if ignored or of another extension.
    assert_eq!(
        files(&["check", "--format", "concise", "ignored.md", "c.rs"]),
        vec!["c.rs", "ignored.md"]
    );
    assert_eq!(
        files(&["check", "--format", "concise", "--no-ignore"]),
        vec![".hidden/e.md", "a.md", "b.txt", "drafts/d.md", "ignored.md"]
    );
}

#[test]
fn config_is_discovered_and_applied_with_overrides() {
    let d = tmp();
    fs::create_dir_all(d.path().join("drafts")).unwrap_or_default();
    fs::write(
        d.path().join("copydesk.toml"),
        "accept = [\"hinderance\"]\ndisable = [\"errors.doubled-words\"]\n[severity]\n\"errors.*\" = \"error\"\n[[overrides]]\nfiles = [\"drafts/**\"]\ndisable = [\"errors.eggcorns\"]\n",
    )
    .unwrap_or_default();
    let text = "A hinderance. The the plan. A hair-brained idea.\n";
    fs::write(d.path().join("a.md"), text).unwrap_or_default();
    fs::write(d.path().join("drafts/b.md"), text).unwrap_or_default();
    let (_, out, _) = run(d.path(), &["check", "--format", "concise"]);
    assert_eq!(
        out,
        "a.md:1:31: error [errors.eggcorns] “hair-brained” is an eggcorn; the expression is “harebrained”.\n"
    );
}

#[test]
fn files_reached_through_dot_dot_take_their_own_config_not_the_working_directorys() {
    // From `main/`, `../other/a.md` is configured by `other/` and its ancestors: the
    // working directory's config is a sibling's, not an ancestor's.
    let d = tmp();
    fs::create_dir_all(d.path().join("main")).unwrap_or_default();
    fs::create_dir_all(d.path().join("other")).unwrap_or_default();
    fs::write(
        d.path().join("main/copydesk.toml"),
        "disable = [\"errors.eggcorns\"]\n",
    )
    .unwrap_or_default();
    fs::write(d.path().join("other/a.md"), "A hair-brained idea.\n").unwrap_or_default();
    let expected = "../other/a.md:1:3: warning [errors.eggcorns] “hair-brained” is an eggcorn; the expression is “harebrained”.\n";
    for path in ["../other", "../other/a.md", "../main/../other"] {
        let (_, out, _) = run(
            &d.path().join("main"),
            &["check", path, "--format", "concise"],
        );
        let shown = out.replace(path.trim_end_matches("/a.md"), "../other");
        assert_eq!(shown, expected, "{path}");
    }
}

#[test]
fn config_errors_name_file_line_and_key() {
    let d = tmp();
    fs::write(d.path().join("a.md"), "fine\n").unwrap_or_default();
    // A run under `config` must stop with exit code 2; its stderr.
    let errors = |config: &str| {
        fs::write(d.path().join("copydesk.toml"), config).unwrap_or_default();
        let (code, _, err) = run(d.path(), &["check"]);
        assert_eq!(code, 2, "{config}: {err}");
        err
    };
    let err = errors("accept = []\nbogus-key = 1\n");
    assert!(err.contains("copydesk.toml:2:1"), "{err}");
    assert!(err.contains("bogus-key"), "{err}");

    let err = errors("disable = [\"errors.nope\"]\n");
    assert!(err.contains("unknown rule or pack `errors.nope`"), "{err}");
    assert!(err.contains("copydesk.toml:1:"), "{err}");

    // Every glob that does not compile, in `exclude` and in an override, at its line.
    let err = errors(
        "exclude = [\"a[\"]\n\n[[overrides]]\nfiles = [\"ok/**\", \"b{\"]\ndisable = [\"errors.*\"]\n",
    );
    assert!(err.contains("copydesk.toml:1:"), "{err}");
    assert!(err.contains("copydesk.toml:4:"), "{err}");
    assert_eq!(err.matches("invalid glob").count(), 2, "{err}");
}

#[test]
fn user_rule_packs_load_and_errors_point_into_them() {
    let d = tmp();
    fs::create_dir_all(d.path().join("styles/house")).unwrap_or_default();
    fs::write(d.path().join("copydesk.toml"), "packs = [\"styles\"]\n").unwrap_or_default();
    fs::write(
        d.path().join("styles/house/email.toml"),
        "severity = \"error\"\nmessage = \"House style: “{replacement}”, not “{match}”.\"\ndescription = \"House spelling of email.\"\nfix = \"safe\"\n[substitution]\nswap = { \"e-mail\" = \"email\" }\n",
    )
    .unwrap_or_default();
    fs::write(d.path().join("a.md"), "Send an e-mail.\n").unwrap_or_default();
    let (code, out, _) = run(d.path(), &["check", "--format", "concise"]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "a.md:1:9: error [house.email] House style: “email”, not “e-mail”.\n"
    );

    fs::write(
        d.path().join("styles/house/email.toml"),
        "severity = \"error\"\nmessage = \"m\"\ndescription = \"d\"\n[existence]\npatterns = [\"(unclosed\"]\n",
    )
    .unwrap_or_default();
    let (code, _, err) = run(d.path(), &["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("email.toml:5:"), "{err}");
    assert!(err.contains("invalid regex"), "{err}");
}

#[test]
fn rules_explain_and_init() {
    let d = tmp();
    let (code, out, _) = run(d.path(), &["rules"]);
    assert_eq!(code, 0);
    assert!(
        out.lines()
            .any(|l| l.starts_with("errors.eggcorns") && l.contains("substitution")),
        "{out}"
    );
    let (code, out, _) = run(d.path(), &["explain", "errors.eggcorns"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("flagged:") && out.contains("Source: https://"),
        "{out}"
    );
    assert_eq!(run(d.path(), &["explain", "errors.nope"]).0, 2);
    assert_eq!(run(d.path(), &["init"]).0, 0);
    assert!(d.path().join("copydesk.toml").is_file());
    assert_eq!(run(d.path(), &["init"]).0, 2, "init does not overwrite");
    // The starter config is valid.
    fs::write(d.path().join("a.md"), "fine\n").unwrap_or_default();
    assert_eq!(run(d.path(), &["check"]).0, 0);
}

#[test]
fn stdin_is_linted_with_its_filename() {
    let out = copydesk()
        .args([
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "x.md",
            "-",
        ])
        .write_stdin("Some `hinderance` code and a hinderance.\n")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "x.md:1:30: warning [errors.misspellings] “hinderance” is a misspelling of “hindrance”.\n"
    );
}

#[test]
fn crlf_and_bom_positions() {
    let d = tmp();
    fs::write(
        d.path().join("a.txt"),
        "\u{feff}First line.\r\nA hinderance here.\r\n",
    )
    .unwrap_or_default();
    let (_, out, _) = run(d.path(), &["check", "--format", "json", "a.txt"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    let diag = &v["diagnostics"][0];
    assert_eq!(diag["span"]["start"], 18);
    assert_eq!(diag["line"], 2);
    assert_eq!(diag["column"], 3);
    assert_eq!(diag["text"], "hinderance");
}

#[test]
fn format_override_and_html_attributes_from_config() {
    let d = tmp();
    fs::write(
        d.path().join("copydesk.toml"),
        "html-attributes = [\"alt\"]\n[[overrides]]\nfiles = [\"*.page\"]\nformat = \"html\"\n",
    )
    .unwrap_or_default();
    fs::write(
        d.path().join("a.page"),
        "<p title=\"a hinderance\">Fine <code>hinderance</code>.</p><img alt=\"A seperate image\">\n",
    )
    .unwrap_or_default();
    let (_, out, _) = run(d.path(), &["check", "--format", "concise", "a.page"]);
    assert_eq!(
        out,
        "a.page:1:70: warning [errors.misspellings] “seperate” is a misspelling of “separate”.\n",
        "title is no longer prose, code is skipped, alt is linted"
    );
    fs::write(
        d.path().join("copydesk.toml"),
        "[[overrides]]\nfiles = [\"*.page\"]\nformat = \"latex\"\n",
    )
    .unwrap_or_default();
    let (code, _, err) = run(d.path(), &["check", "a.page"]);
    assert_eq!(code, 2);
    assert!(err.contains("copydesk.toml:3:"), "{err}");
}

#[test]
fn files_reached_twice_are_linted_once_and_named_files_win() {
    let d = tmp();
    fs::create_dir_all(d.path().join("drafts")).unwrap_or_default();
    fs::write(
        d.path().join("copydesk.toml"),
        "exclude = [\"drafts/**\"]\n",
    )
    .unwrap_or_default();
    for f in ["a.md", "drafts/d.md"] {
        fs::write(d.path().join(f), "A hinderance.\n").unwrap_or_default();
    }
    let (_, out, _) = run(d.path(), &["check", "--format", "concise"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    // The root twice, and a file under it by name: each file once, in path order; the
    // named file is linted although the configuration excludes it from walks.
    let (_, out, _) = run(
        d.path(),
        &[
            "check",
            "--format",
            "concise",
            ".",
            "drafts/d.md",
            "./",
            "a.md",
        ],
    );
    let files: Vec<&str> = out.lines().filter_map(|l| l.split(':').next()).collect();
    assert_eq!(files, vec!["a.md", "drafts/d.md"], "{out}");
}

#[test]
fn a_bad_config_is_reported_even_when_it_lints_nothing() {
    let d = tmp();
    fs::create_dir_all(d.path().join("code")).unwrap_or_default();
    fs::write(d.path().join("a.md"), "Fine.\n").unwrap_or_default();
    // Its directory holds no article: no file is linted under it.
    fs::write(d.path().join("code/main.rs"), "fn main() {}\n").unwrap_or_default();
    for (config, expected) in [
        ("bogus-key = 1\n", "bogus-key"),
        (
            "disable = [\"errors.nope\"]\n",
            "unknown rule or pack `errors.nope`",
        ),
    ] {
        fs::write(d.path().join("code/copydesk.toml"), config).unwrap_or_default();
        let (code, out, err) = run(d.path(), &["check", "--format", "concise"]);
        assert_eq!(code, 2, "{config}: {out}{err}");
        assert!(err.contains("code/copydesk.toml:1:"), "{err}");
        assert!(err.contains(expected), "{err}");
    }
}

#[test]
fn a_tree_larger_than_the_walk_queue_is_linted_whole() {
    // More files than the walk may queue ahead of the linting (4,096): the walk waits
    // for the workers, and every file is linted once, with one thread or several.
    let d = tmp();
    for dir in 0..7 {
        let sub = d.path().join(format!("d{dir}"));
        fs::create_dir_all(&sub).unwrap_or_default();
        for i in 0..600 {
            fs::write(sub.join(format!("{i}.md")), "Fine.\n").unwrap_or_default();
        }
    }
    fs::write(d.path().join("d3/bad.md"), "A hinderance.\n").unwrap_or_default();
    for threads in ["1", "3"] {
        // Human output: its summary line on stderr counts the files.
        let (code, out, err) = run(d.path(), &["check", "--threads", threads]);
        assert_eq!(code, 1, "{err}");
        assert_eq!(out.matches("errors.misspellings").count(), 1, "{out}");
        assert!(err.contains("4201 files checked"), "{err}");
    }
}
