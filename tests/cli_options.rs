//! The command line a ruff user reaches for: rule selection, --exit-zero,
//! --show-settings, -o, completions and the man page, FORCE_COLOR, grouped help, the
//! cache at the project root; and the rough edges of `fix --diff`, `explain` and JUnit.

mod common;
use common::{copydesk, read, run, tmp, write};
use std::path::Path;

/// An article with an eggcorn, a misspelling, a `should of` (all warnings with safe
/// fixes) and a name only the opt-in `variants.names` reports.
const ARTICLE: &str =
    "Qaddafi spoke. It was a hair-brained plan. A hinderance. He should of known.\n";

/// The rules `check --format concise` reports, in order.
fn rules_reported(dir: &Path, args: &[&str]) -> (i32, Vec<String>) {
    let mut all = vec!["check", "--format", "concise"];
    all.extend_from_slice(args);
    let (code, out, err) = run(dir, &all);
    let rules = out
        .lines()
        .filter_map(|l| Some(l.split_once('[')?.1.split_once(']')?.0.to_string()))
        .collect();
    assert!(code != 2, "{err}");
    (code, rules)
}

#[test]
fn select_enable_and_disable_take_ids_and_packs_and_win_over_the_config() {
    let d = tmp();
    write(&d.path().join("a.md"), ARTICLE);
    let all = ["errors.eggcorns", "errors.misspellings", "errors.should-of"];
    assert_eq!(rules_reported(d.path(), &["a.md"]).1, all);
    let only = rules_reported(d.path(), &["--select", "errors.eggcorns", "a.md"]).1;
    assert_eq!(only, ["errors.eggcorns"]);
    // Comma-separated or repeated; `--disable` wins over `--select`.
    let args = [
        "--select",
        "errors.*,variants.names",
        "--disable",
        "errors.misspellings",
    ];
    let picked = rules_reported(d.path(), &[&args[..], &["a.md"]].concat()).1;
    assert_eq!(
        picked,
        ["variants.names", "errors.eggcorns", "errors.should-of"]
    );
    // --enable adds an opt-in rule to the configuration's set; the ruff names are aliases.
    let more = rules_reported(d.path(), &["--extend-select", "variants.names", "a.md"]).1;
    assert_eq!(more.len(), 4, "{more:?}");
    let fewer = rules_reported(d.path(), &["--ignore", "errors.*", "a.md"]);
    assert_eq!(fewer, (0, vec![]));

    // The command line is the last layer: over the config's `enable`/`disable` and over
    // its overrides.
    write(
        &d.path().join("copydesk.toml"),
        "disable = [\"errors.eggcorns\"]\n\n[[overrides]]\nfiles = [\"a.md\"]\nenable = [\"errors.eggcorns\"]\ndisable = [\"errors.should-of\"]\n",
    );
    assert_eq!(
        rules_reported(d.path(), &["a.md"]).1,
        ["errors.eggcorns", "errors.misspellings"]
    );
    let cli = [
        "--enable",
        "errors.should-of",
        "--disable",
        "errors.eggcorns",
        "a.md",
    ];
    assert_eq!(
        rules_reported(d.path(), &cli).1,
        ["errors.misspellings", "errors.should-of"]
    );
}

#[test]
fn the_rule_selection_is_part_of_the_cache_key() {
    let d = tmp();
    write(&d.path().join("a.md"), ARTICLE);
    let cached = |extra: &[&str]| {
        let mut args = vec!["--cache-dir", "cache", "a.md"];
        args.extend_from_slice(extra);
        rules_reported(d.path(), &args).1.len()
    };
    assert_eq!(cached(&[]), 3);
    assert_eq!(cached(&["--disable", "errors.eggcorns"]), 2);
    assert_eq!(cached(&["--select", "errors.eggcorns"]), 1);
    assert_eq!(cached(&[]), 3);
}

#[test]
fn unknown_rules_exit_2_with_a_suggestion() {
    let d = tmp();
    write(&d.path().join("a.md"), ARTICLE);
    for flag in ["--select", "--enable", "--disable"] {
        let (code, out, err) = run(d.path(), &["check", flag, "errors.egcorns", "a.md"]);
        assert_eq!((code, out.as_str()), (2, ""), "{flag}");
        assert!(
            err.contains("unknown rule or pack `errors.egcorns`: did you mean `errors.eggcorns`?"),
            "{flag}: {err}"
        );
    }
    let (code, _, err) = run(d.path(), &["check", "--disable", "erors.*", "a.md"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `errors.*`?"), "{err}");
    // The same in a config file, at the place of the mistake.
    write(
        &d.path().join("copydesk.toml"),
        "enable = [\"variants.name\"]\n",
    );
    let (code, _, err) = run(d.path(), &["check", "a.md"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown rule or pack `variants.name`: did you mean `variants.names`?"),
        "{err}"
    );
    assert!(err.contains("copydesk.toml:1:"), "{err}");
    // And for `explain`; nothing close: no suggestion.
    std::fs::remove_file(d.path().join("copydesk.toml")).unwrap_or_default();
    let (code, _, err) = run(d.path(), &["explain", "errors.should-off"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `errors.should-of`?"), "{err}");
    let (code, _, err) = run(d.path(), &["explain", "weather.rain"]);
    assert_eq!(code, 2);
    assert!(!err.contains("did you mean"), "{err}");
}

/// Fails on main before this branch: `explain` knew only the rules of rule files.
#[test]
fn explain_knows_copydesks_own_checks() {
    let d = tmp();
    for id in ["copydesk.unused-suppression", "copydesk.unknown-rule"] {
        let (code, out, err) = run(d.path(), &["explain", id]);
        assert_eq!(code, 0, "{id}: {err}");
        assert!(
            out.starts_with(&format!("{id}  (copydesk's own check")),
            "{out}"
        );
    }
    let (_, _, err) = run(d.path(), &["explain", "copydesk.unused-supression"]);
    assert!(
        err.contains("did you mean `copydesk.unused-suppression`?"),
        "{err}"
    );
}

#[test]
fn exit_zero_passes_findings_but_not_errors() {
    let d = tmp();
    write(&d.path().join("a.md"), ARTICLE);
    assert_eq!(run(d.path(), &["check", "a.md"]).0, 1);
    let (code, out, _) = run(
        d.path(),
        &["check", "--exit-zero", "--format", "concise", "a.md"],
    );
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 3, "findings are still reported");
    assert_eq!(run(d.path(), &["check", "--exit-zero", "missing.md"]).0, 2);
    assert_eq!(
        run(
            d.path(),
            &["check", "--exit-zero", "--select", "nope", "a.md"]
        )
        .0,
        2
    );
    assert_eq!(
        run(d.path(), &["fix", "--diff", "--exit-zero", "a.md"]).0,
        0
    );
}

#[test]
fn output_file_gets_the_report_without_colour() {
    let d = tmp();
    write(&d.path().join("a.md"), ARTICLE);
    let out = copydesk()
        .current_dir(d.path())
        .env_remove("NO_COLOR")
        .env("FORCE_COLOR", "1")
        .args(["check", "a.md", "-o", "report.txt"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "the report went to the file");
    let report = read(&d.path().join("report.txt"));
    assert!(report.contains("warning[errors.eggcorns]"), "{report}");
    assert!(!report.contains('\x1b'), "no colour in a file: {report:?}");
    let (code, _, _) = run(
        d.path(),
        &[
            "check",
            "--format",
            "json",
            "--output-file",
            "r.json",
            "a.md",
        ],
    );
    assert_eq!(code, 1);
    let doc: serde_json::Value =
        serde_json::from_str(&read(&d.path().join("r.json"))).unwrap_or_default();
    assert_eq!(doc["summary"]["diagnostics"], 3);
    // A file that cannot be written is an error naming it.
    let (code, _, err) = run(d.path(), &["check", "a.md", "-o", "no/such/dir/r.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/dir/r.txt"), "{err}");
}

#[test]
fn force_color_colours_output_that_is_not_a_terminal_unless_no_color_says_otherwise() {
    let d = tmp();
    write(&d.path().join("a.md"), ARTICLE);
    let coloured = |env: &[(&str, &str)], extra: &[&str]| {
        let mut c = copydesk();
        c.current_dir(d.path())
            .env_remove("NO_COLOR")
            .env_remove("FORCE_COLOR");
        for (k, v) in env {
            c.env(k, v);
        }
        let out = c.args(["check", "a.md"]).args(extra).output();
        let out = out.unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8_lossy(&out.stdout).contains("\x1b[")
    };
    assert!(!coloured(&[], &[]), "not a terminal: no colour");
    assert!(coloured(&[("FORCE_COLOR", "1")], &[]));
    assert!(coloured(&[("FORCE_COLOR", "true")], &[]));
    assert!(!coloured(&[("FORCE_COLOR", "0")], &[]));
    assert!(!coloured(&[("FORCE_COLOR", "")], &[]));
    assert!(!coloured(&[("FORCE_COLOR", "1"), ("NO_COLOR", "1")], &[]));
    assert!(!coloured(&[("FORCE_COLOR", "1")], &["--color", "never"]));
    assert!(coloured(&[("NO_COLOR", "1")], &["--color", "always"]));
}

#[test]
fn completions_name_the_subcommands_and_options() {
    let d = tmp();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = run(d.path(), &["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        for word in ["check", "explain", "baseline", "select", "exit-zero"] {
            assert!(out.contains(word), "{shell} completion lacks {word}");
        }
    }
    assert_eq!(run(d.path(), &["completions", "tcsh"]).0, 2);
}

#[test]
fn the_man_page_has_a_title_and_every_commands_options() {
    let d = tmp();
    let (code, page, _) = run(d.path(), &["man"]);
    assert_eq!(code, 0);
    assert!(
        page.starts_with(".ie") || page.contains(".TH copydesk 1"),
        "{page}"
    );
    assert!(page.contains(".TH copydesk 1"));
    for word in [
        "COPYDESK CHECK",
        "\\-\\-select",
        "\\-\\-exit\\-zero",
        "\\-\\-show\\-settings",
        "completions",
    ] {
        assert!(page.contains(word), "the man page lacks {word}");
    }
    let (code, _, err) = run(d.path(), &["man", "--out-dir", "man1"]);
    assert_eq!(code, 0, "{err}");
    let check = read(&d.path().join("man1/copydesk-check.1"));
    assert!(check.contains(".TH copydesk-check 1"), "{check}");
    assert!(check.contains("\\-\\-output\\-file"));
    assert!(d.path().join("man1/copydesk.1").is_file());
}

#[test]
fn check_help_is_grouped_into_sections() {
    // The width is pinned: clap wraps help to the terminal's, or to $COLUMNS.
    let out = copydesk()
        .env("COLUMNS", "100")
        .args(["check", "--help"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout).into_owned();
    insta::assert_snapshot!("check_help", help);
}

#[test]
fn show_settings_says_where_each_setting_comes_from() {
    let d = tmp();
    std::fs::create_dir_all(d.path().join("drafts")).unwrap_or_default();
    write(&d.path().join("drafts/a.txt"), ARTICLE);
    write(
        &d.path().join("copydesk.toml"),
        "fail-on = \"error\"\ndialect = \"en-GB\"\naccept = [\"Qaddafi\"]\nenable = [\"variants.*\"]\n[severity]\n\"errors.*\" = \"error\"\n\n[[overrides]]\nfiles = [\"drafts/**\"]\nformat = \"markdown\"\ndisable = [\"attribution.*\"]\n",
    );
    let args = [
        "check",
        "--show-settings",
        "drafts/a.txt",
        "--disable",
        "errors.a-an",
        "--no-cache",
    ];
    let (code, out, err) = run(d.path(), &args);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("show_settings", out);
    // Run from elsewhere, the same file finds the same configuration.
    let sub = d.path().join("drafts");
    let args = [
        "check",
        "--show-settings",
        "a.txt",
        "--disable",
        "errors.a-an",
    ];
    let (_, again, _) = run(&sub, &args);
    assert!(
        again.contains("copydesk.toml (the nearest to the file)"),
        "{again}"
    );
    assert!(again.contains("\nerrors.a-an                      off  error     command line: --disable errors.a-an; severity: "), "{again}");
}

#[test]
fn the_cache_lives_at_the_project_root_wherever_copydesk_runs() {
    let cache_run = |dir: &Path| {
        let out = copydesk()
            .current_dir(dir)
            .env_remove("COPYDESK_NO_CACHE")
            .args(["check", "."])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(out.status.code(), Some(2));
    };
    // The nearest config's directory.
    let d = tmp();
    std::fs::create_dir_all(d.path().join("site/posts")).unwrap_or_default();
    write(&d.path().join("site/copydesk.toml"), "");
    write(&d.path().join("site/posts/a.md"), ARTICLE);
    cache_run(&d.path().join("site/posts"));
    assert!(d.path().join("site/.copydesk_cache").is_dir());
    assert!(!d.path().join("site/posts/.copydesk_cache").exists());
    // Without a config: the repository root.
    let r = tmp();
    std::fs::create_dir_all(r.path().join(".git")).unwrap_or_default();
    std::fs::create_dir_all(r.path().join("docs/guide")).unwrap_or_default();
    write(&r.path().join("docs/guide/a.md"), ARTICLE);
    cache_run(&r.path().join("docs/guide"));
    assert!(r.path().join(".copydesk_cache").is_dir());
    assert!(!r.path().join("docs/guide/.copydesk_cache").exists());
    // Neither: the current directory.
    let n = tmp();
    write(&n.path().join("a.md"), ARTICLE);
    cache_run(n.path());
    assert!(n.path().join(".copydesk_cache").is_dir());
}

/// Fails on main before this branch: `fix --diff` counted the findings of the file as
/// it is ("3 problems remaining") where `fix` leaves none.
#[test]
fn fix_diff_reports_what_the_fixes_would_leave() {
    let d = tmp();
    let a = d.path().join("a.md");
    write(&a, ARTICLE);
    let (code, diff, err) = run(d.path(), &["fix", "--diff", "a.md"]);
    assert_eq!(code, 1);
    assert!(
        diff.contains("+Qaddafi spoke. It was a harebrained plan."),
        "{diff}"
    );
    assert_eq!(
        err,
        "Would fix 3 problems in 1 file; 0 problems remaining.\n"
    );
    assert_eq!(read(&a), ARTICLE, "--diff writes nothing");
    let (_, _, err) = run(d.path(), &["fix", "a.md"]);
    assert_eq!(err, "Fixed 3 problems in 1 file; 0 problems remaining.\n");
}

/// Fails on main before this branch: `fix --diff --format json` printed the diff.
#[test]
fn fix_diff_json_is_json_with_the_diffs_and_what_would_remain() {
    let d = tmp();
    write(&d.path().join("a.md"), ARTICLE);
    write(
        &d.path().join("b.md"),
        "The junta in Burma met. A hinderance.\n",
    );
    let optional = "variants.places-optional";
    let args = [
        "fix", "--diff", "--format", "json", "--enable", optional, ".",
    ];
    let (code, out, err) = run(d.path(), &args);
    assert_eq!(code, 1, "{err}");
    let doc: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"));
    let fixes = doc["fixes"].as_array().cloned().unwrap_or_default();
    assert_eq!(fixes.len(), 2);
    assert_eq!(fixes[0]["path"], "a.md");
    assert_eq!(fixes[0]["applied"], 3);
    let diff = fixes[1]["diff"].as_str().unwrap_or("");
    assert!(
        diff.contains("+The junta in Burma met. A hindrance."),
        "{diff}"
    );
    // What remains once fixed: the optional place name, whose fix is unsafe, at its
    // place in the fixed text.
    let left = doc["diagnostics"].as_array().cloned().unwrap_or_default();
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0]["rule"], optional);
    assert_eq!(left[0]["text"], "Burma");
    assert_eq!(doc["summary"]["diagnostics"], 1);
    assert_eq!(
        err,
        "Would fix 4 problems in 2 files; 1 problem remaining.\n"
    );
    // Other machine formats have no place for a diff: a usage error.
    assert_eq!(
        run(d.path(), &["fix", "--diff", "--format", "sarif", "."]).0,
        2
    );
}

/// Fails on main before this branch: every finding was a JUnit failure, so a run that
/// passed (only info findings) read as failed.
#[test]
fn junit_failures_are_only_the_findings_that_fail_the_run() {
    let d = tmp();
    write(
        &d.path().join("a.md"),
        "Officials said 6,000 people crossed. It was a hair-brained plan.\n",
    );
    let (code, out, _) = run(
        d.path(),
        &["check", "--format", "junit", "--fail-on", "error", "a.md"],
    );
    assert_eq!(code, 0);
    assert!(out.contains(r#"failures="0""#), "{out}");
    assert!(!out.contains("<failure"), "{out}");
    assert!(out.contains("<system-out>a.md:1:"), "{out}");
    assert!(out.contains("info [attribution.anonymous-source]"), "{out}");
    let (code, out, _) = run(d.path(), &["check", "--format", "junit", "a.md"]);
    assert_eq!(code, 1);
    assert!(out.contains(r#"failures="1""#), "{out}");
    assert!(out.contains(r#"<failure type="errors.eggcorns""#), "{out}");
    assert!(
        !out.contains(r#"<failure type="attribution."#),
        "infos pass: {out}"
    );
}

#[test]
fn a_mistyped_rule_in_a_suppression_comment_gets_a_suggestion() {
    let d = tmp();
    write(
        &d.path().join("a.md"),
        "<!-- copydesk-disable-next-line errors.egcorns -->\nIt was a hair-brained plan.\n",
    );
    let (_, out, _) = run(d.path(), &["check", "--format", "concise", "a.md"]);
    assert!(
        out.contains("[copydesk.unknown-rule] Unknown rule `errors.egcorns` in a suppression comment; did you mean `errors.eggcorns`?"),
        "{out}"
    );
}
