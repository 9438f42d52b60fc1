//! The result cache: a second run serves unchanged files from the cache, and nothing it
//! serves is ever stale (a changed file, rule pack, config or option is linted again).

mod common;
use common::{run, tmp, write};
use std::path::Path;

/// Runs `check` with a cache directory; returns (exit code, stdout, files served from the
/// cache as the summary line reports them).
fn check(dir: &Path, extra: &[&str]) -> (i32, String, usize) {
    // Human output: its summary line on stderr says how many files the cache served.
    let mut args = vec!["check", ".", "--cache-dir", "cache"];
    args.extend_from_slice(extra);
    let (code, out, err) = run(dir, &args);
    // "3 files (2 unchanged, from the cache) checked, ..."
    let cached = err
        .find(" unchanged, from the cache)")
        .map(|end| {
            let start = err[..end].rfind('(').map_or(0, |i| i + 1);
            err[start..end].trim().parse().unwrap_or(usize::MAX)
        })
        .unwrap_or(0);
    (code, out, cached)
}

fn tree() -> tempfile::TempDir {
    let dir = tmp();
    write(&dir.path().join("a.md"), "The hair-brained plan failed.\n");
    write(&dir.path().join("b.md"), "A clean sentence.\n");
    write(&dir.path().join("c.txt"), "They could of gone.\n");
    dir
}

#[test]
fn second_run_comes_from_the_cache_with_the_same_output() {
    let dir = tree();
    let (code1, out1, cached1) = check(dir.path(), &[]);
    assert_eq!(cached1, 0);
    assert_eq!(code1, 1);
    assert!(out1.contains("errors.eggcorns"), "{out1}");
    let (code2, out2, cached2) = check(dir.path(), &[]);
    assert_eq!(cached2, 3);
    assert_eq!((code2, &out2), (code1, &out1));
    // The cache marks itself as disposable.
    assert!(dir.path().join("cache/.gitignore").exists());
    assert!(dir.path().join("cache/CACHEDIR.TAG").exists());
}

#[test]
fn a_changed_file_is_linted_again() {
    let dir = tree();
    check(dir.path(), &[]);
    write(&dir.path().join("b.md"), "A doggy-dog world.\n");
    let (_, out, cached) = check(dir.path(), &[]);
    assert_eq!(cached, 2);
    assert!(out.contains("b.md:1:3"), "{out}");
    // Back to the first text within the same second: the content decides, not the time.
    write(&dir.path().join("b.md"), "A clean sentence.\n");
    let (_, out, _) = check(dir.path(), &[]);
    assert!(!out.contains("b.md"), "{out}");
}

#[test]
fn a_file_served_by_its_stamp_is_linted_again_after_a_same_size_rewrite() {
    // Files older than two seconds are served by their stamp (inode, size, times) without
    // being read. A rewrite that keeps the size and sets the modification time back must
    // still be seen: the change time moves on every write.
    let dir = tree();
    let b = dir.path().join("b.md");
    let old_mtime = std::fs::metadata(&b)
        .and_then(|m| m.modified())
        .unwrap_or_else(|e| panic!("{e}"));
    std::thread::sleep(std::time::Duration::from_millis(2200));
    let (_, out1, _) = check(dir.path(), &[]);
    let (code2, out2, cached2) = check(dir.path(), &[]);
    assert_eq!((cached2, &out2), (3, &out1));
    assert_eq!(code2, 1);
    // Same length as "A clean sentence.\n", same modification time.
    write(&b, "A doggy-dog world\n");
    let f = std::fs::File::options()
        .write(true)
        .open(&b)
        .unwrap_or_else(|e| panic!("{e}"));
    f.set_modified(old_mtime).unwrap_or_else(|e| panic!("{e}"));
    drop(f);
    // Old enough again for a stamp: only the stamp's change time tells the rewrite.
    std::thread::sleep(std::time::Duration::from_millis(2200));
    let (_, out3, cached3) = check(dir.path(), &[]);
    assert_eq!(cached3, 2);
    assert!(out3.contains("b.md:1:3"), "{out3}");
}

#[test]
fn formats_without_excerpts_are_served_without_reading_files_with_findings() {
    // Concise, GitHub, Checkstyle and JUnit output use the findings' recorded lines and
    // columns only, so a file served by its stamp is not read even when it has findings.
    let dir = tree();
    std::thread::sleep(std::time::Duration::from_millis(2200));
    let root = dir.path();
    let opts = |text: bool| copydesk::run::CheckOptions {
        paths: vec![root.to_path_buf()],
        cache_dir: Some(root.join("cache")),
        needs: copydesk::outcome::ReportNeeds { text, rules: false },
        ..Default::default()
    };
    let first = copydesk::run::check(&opts(false));
    assert_eq!(first.cached, 0);
    // Linted afresh, the text is dropped once linted too: the findings carry positions.
    assert_eq!(first.files.len(), 2, "{:?}", first.files);
    assert!(first.files.iter().all(|f| f.source.text.is_empty()));
    let warm = copydesk::run::check(&opts(false));
    assert_eq!(warm.cached, 3);
    assert_eq!(warm.files.len(), 2, "{:?}", warm.files);
    for (a, b) in first.files.iter().zip(&warm.files) {
        assert_eq!(a.diagnostics, b.diagnostics);
        assert!(b.source.text.is_empty(), "{} was read", b.source.path);
    }
    // Output that shows excerpts reads them, and a fresh run keeps them.
    let fresh = copydesk::run::check(&copydesk::run::CheckOptions {
        cache_dir: None,
        ..opts(true)
    });
    assert!(fresh.files.iter().all(|f| !f.source.text.is_empty()));
    let human = copydesk::run::check(&opts(true));
    assert_eq!(human.cached, 3);
    assert!(human.files.iter().all(|f| !f.source.text.is_empty()));
    // And through the command line, each such format prints what a fresh run prints.
    for format in ["concise", "github", "checkstyle", "junit"] {
        let (_, cold, _) = run(root, &["check", ".", "--format", format]);
        let (_, warm, _) = check(root, &["--format", format]);
        assert_eq!(warm, cold, "{format}");
        assert!(cold.contains("a.md"), "{format}: {cold}");
    }
}

#[test]
fn a_changed_config_is_linted_again() {
    let dir = tree();
    let (_, out, _) = check(dir.path(), &[]);
    assert!(out.contains("errors.should-of"), "{out}");
    write(
        &dir.path().join("copydesk.toml"),
        "disable = [\"errors.should-of\"]\n",
    );
    let (_, out, cached) = check(dir.path(), &[]);
    assert_eq!(cached, 0);
    assert!(!out.contains("errors.should-of"), "{out}");
    // Back to the first config: its entries were replaced, so this lints again too.
    std::fs::remove_file(dir.path().join("copydesk.toml")).unwrap_or_else(|e| panic!("{e}"));
    let (_, out, _) = check(dir.path(), &[]);
    assert!(out.contains("errors.should-of"), "{out}");
}

#[test]
fn a_changed_rule_pack_is_linted_again() {
    let dir = tree();
    let pack = dir.path().join("house");
    std::fs::create_dir(&pack).unwrap_or_else(|e| panic!("{e}"));
    write(&dir.path().join("copydesk.toml"), "packs = [\"house\"]\n");
    let rule = |word: &str| {
        format!(
            "severity = \"warning\"\nmessage = \"Say “{{replacement}}”.\"\ndescription = \"House words.\"\n\n[substitution]\nswap = {{ \"{word}\" = \"fine\" }}\n\n[[examples]]\nbad = \"A {word} day.\"\nfixed = \"A fine day.\"\n\n[[examples]]\ngood = \"A fine day.\"\n"
        )
    };
    write(&pack.join("words.toml"), &rule("clean"));
    let (_, out, _) = check(dir.path(), &[]);
    assert!(out.contains("house.words"), "{out}");
    write(&pack.join("words.toml"), &rule("sentence"));
    let (_, out, cached) = check(dir.path(), &[]);
    assert_eq!(cached, 0);
    assert!(out.contains("b.md:1:9"), "{out}");
    // A rule file added to the pack (the others unchanged) is a change too.
    let (_, _, cached) = check(dir.path(), &[]);
    assert_eq!(cached, 3);
    write(&pack.join("more.toml"), &rule("plan"));
    let (_, out, cached) = check(dir.path(), &[]);
    assert_eq!(cached, 0);
    assert!(out.contains("house.more"), "{out}");
}

#[test]
fn a_rule_that_does_not_compile_is_a_config_error_with_the_cache_too() {
    // With the cache on, rules compile only when a file needs linting; a bad regex must
    // still stop the run with exit 2 and the file, line and key, and lint nothing.
    let dir = tree();
    check(dir.path(), &[]);
    let pack = dir.path().join("house");
    std::fs::create_dir(&pack).unwrap_or_else(|e| panic!("{e}"));
    write(&dir.path().join("copydesk.toml"), "packs = [\"house\"]\n");
    write(
        &pack.join("bad.toml"),
        "severity = \"warning\"\nmessage = \"No.\"\ndescription = \"Bad.\"\n\n[existence]\npatterns = [\"(unclosed\"]\n",
    );
    let (code, out, err) = run(dir.path(), &["check", ".", "--cache-dir", "cache"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("bad.toml:6"), "{err}");
    assert!(!err.contains("do not compile"), "{err}");
    // Nothing was cached under the broken rule set: fixing the rule lints every file.
    write(
        &pack.join("bad.toml"),
        "severity = \"warning\"\nmessage = \"No.\"\ndescription = \"Bad.\"\n\n[existence]\npatterns = [\"unclosed\"]\n",
    );
    let (code, out, cached) = check(dir.path(), &[]);
    assert_eq!((code, cached), (1, 0), "{out}");
}

#[test]
fn options_that_change_findings_are_part_of_the_key() {
    let dir = tree();
    write(
        &dir.path().join("b.md"),
        "Fine. <!-- copydesk-disable-next-line errors.eggcorns -->\n\nAll good.\n",
    );
    let (_, out, _) = check(dir.path(), &[]);
    assert!(!out.contains("unused"), "{out}");
    let (_, out, cached) = check(dir.path(), &["--report-unused-suppressions"]);
    assert_eq!(cached, 0);
    assert!(out.contains("b.md"), "{out}");
}

#[test]
fn no_cache_and_the_environment() {
    let dir = tree();
    let (_, _, _) = check(dir.path(), &[]);
    // --no-cache neither reads nor writes it.
    let (code, _, err) = run(dir.path(), &["check", ".", "--no-cache"]);
    assert_eq!(code, 1);
    assert!(!err.contains("from the cache"), "{err}");
    // COPYDESK_NO_CACHE is set by the test harness: nothing is written by default.
    run(dir.path(), &["check", "."]);
    assert!(!dir.path().join(".copydesk_cache").exists());
    // COPYDESK_CACHE_DIR picks the directory when the cache is on.
    let out = common::copydesk()
        .current_dir(dir.path())
        .env_remove("COPYDESK_NO_CACHE")
        .env("COPYDESK_CACHE_DIR", "elsewhere")
        .args(["check", "."])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(dir.path().join("elsewhere/results-v4.bin").exists());
}

#[test]
fn a_corrupt_cache_is_ignored() {
    let dir = tree();
    let (_, out1, _) = check(dir.path(), &[]);
    write(&dir.path().join("cache/results-v4.bin"), "CDCACHE4 damaged");
    let (code, out2, cached) = check(dir.path(), &[]);
    assert_eq!(cached, 0);
    assert_eq!(code, 1);
    assert_eq!(out1, out2);
}

#[test]
fn fix_does_not_use_the_cache() {
    let dir = tree();
    check(dir.path(), &[]);
    let (code, _, err) = run(dir.path(), &["fix", ".", "--cache-dir", "cache"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        common::read(&dir.path().join("a.md")),
        "The harebrained plan failed.\n"
    );
    // The fixed file is linted afresh, not served its old findings.
    let (code, out, _) = check(dir.path(), &[]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn progress_bar_only_when_asked_or_on_a_terminal() {
    let dir = tree();
    // Not a terminal: no bar by default.
    let (_, _, err) = run(dir.path(), &["check", "."]);
    assert!(!err.contains("files/s"), "{err}");
    let (_, out, err) = run(dir.path(), &["check", ".", "--progress", "always"]);
    // Drawn on stderr from the start (the total grows as the walk finds files, marked
    // `+` until it is over), last with the final counts, then cleared; stdout never
    // sees it.
    assert!(err.starts_with("\r["), "{err:?}");
    assert!(err.contains("] 3/3 files"), "{err:?}");
    assert!(err.contains("\r\u{1b}[K3 files checked"), "{err:?}");
    assert!(!out.contains("files/s"), "{out}");
    // Never in a machine format unless asked, and --progress never wins.
    let (_, out, err) = run(dir.path(), &["check", ".", "--format", "json"]);
    assert!(!err.contains("files/s") && !out.contains("files/s"));
    let (_, _, err) = run(dir.path(), &["check", ".", "--progress", "never"]);
    assert!(!err.contains("files/s"), "{err}");
}

#[test]
fn formats_that_describe_rules_are_the_same_when_every_file_is_served() {
    // A run the cache serves whole never needs the rules to lint; SARIF (which lists
    // every rule) and rdjson (which links each finding's rule) still describe them.
    let dir = tree();
    check(dir.path(), &[]);
    for format in ["sarif", "rdjson"] {
        let (_, fresh, _) = run(
            dir.path(),
            &["check", ".", "--no-cache", "--format", format],
        );
        let (_, served, _) = check(dir.path(), &["--format", format]);
        assert!(fresh.contains("errors.eggcorns"), "{fresh}");
        assert_eq!(served, fresh, "{format}");
    }
    let (_, sarif, _) = check(dir.path(), &["--format", "sarif"]);
    assert!(sarif.contains("\"helpUri\""), "{sarif}");
}

/// Runs a check of `root` through the library with the cache in `cache`: the files
/// linted, relative to `root`.
fn walk_check(root: &Path, cache: &Path) -> Vec<String> {
    let outcome = copydesk::run::check(&copydesk::run::CheckOptions {
        paths: vec![root.to_path_buf()],
        cache_dir: Some(cache.to_path_buf()),
        needs: copydesk::outcome::ReportNeeds {
            text: false,
            rules: false,
        },
        ..Default::default()
    });
    assert!(
        outcome.config_errors.is_empty(),
        "{:?}",
        outcome.config_errors
    );
    outcome
        .linted
        .iter()
        .map(|p| {
            Path::new(p)
                .strip_prefix(root)
                .unwrap_or(Path::new(p))
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// A tree old enough for the result cache to trust its files' stamps (nothing changed
/// in the two seconds before a run): `site/` with two articles and one ignored by
/// `.gitignore`.
fn old_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tmp();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("sub")).unwrap_or_else(|e| panic!("{e}"));
    write(
        &site.join("a.md"),
        "The hair-brained plan could of worked.\n",
    );
    write(&site.join("sub/b.md"), "They could of gone.\n");
    write(&site.join("ignored.md"), "A doggy-dog world.\n");
    write(&site.join(".gitignore"), "ignored.md\n");
    std::thread::sleep(std::time::Duration::from_millis(2200));
    (dir, site)
}

#[test]
fn a_cached_run_sees_an_edited_ignore_file() {
    let (dir, site) = old_site();
    let cache = dir.path().join("cache");
    let both = vec!["a.md".to_string(), "sub/b.md".to_string()];
    assert_eq!(walk_check(&site, &cache), both);
    assert_eq!(walk_check(&site, &cache), both);
    // An ignore file rewritten in place leaves its directory's listing as it was.
    let ignore = std::fs::OpenOptions::new()
        .append(true)
        .open(site.join(".gitignore"))
        .and_then(|mut f| std::io::Write::write_all(&mut f, b"sub/\n"));
    ignore.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(walk_check(&site, &cache), vec!["a.md".to_string()]);
}

#[test]
fn configurations_apply_the_same_to_cached_runs() {
    // `sub/` has its own configuration; from the working directory `.`, and through
    // `./site`, cached runs find it as the first run did.
    let (dir, site) = old_site();
    write(
        &site.join("sub/.copydesk.toml"),
        "disable = [\"errors.should-of\"]\n",
    );
    std::thread::sleep(std::time::Duration::from_millis(2200));
    for root in ["site", "./site"] {
        let args = ["check", root, "--cache-dir", "cache", "--format", "concise"];
        let first = run(dir.path(), &args).1;
        assert!(
            first.contains("a.md:1:23: warning [errors.should-of]"),
            "{first}"
        );
        assert!(!first.contains("b.md"), "{first}");
        for _ in 0..2 {
            assert_eq!(run(dir.path(), &args).1, first, "{root}");
        }
    }
}

#[test]
fn a_cache_directory_inside_the_walked_tree_changes_nothing() {
    let (_dir, site) = old_site();
    let args = ["check", ".", "--cache-dir", "cache", "--format", "concise"];
    let first = run(&site, &args).1;
    assert!(first.contains("a.md"), "{first}");
    for _ in 0..2 {
        assert_eq!(run(&site, &args).1, first);
    }
}

#[test]
fn files_ignore_files_and_configs_that_appear_are_seen_by_the_next_run() {
    let (dir, site) = old_site();
    let cache = dir.path().join("cache");
    walk_check(&site, &cache);
    // A new file in a walked directory.
    write(&site.join("sub/c.md"), "A clean sentence.\n");
    assert_eq!(walk_check(&site, &cache), ["a.md", "sub/b.md", "sub/c.md"]);
    // An ignore file above the root applies to the walk.
    write(&dir.path().join(".ignore"), "b.md\n");
    assert_eq!(walk_check(&site, &cache), ["a.md", "sub/c.md"]);
    // A configuration above the root applies to its files.
    write(
        &dir.path().join("copydesk.toml"),
        "disable = [\"errors.eggcorns\"]\n",
    );
    let (_, out, _) = run(
        dir.path(),
        &[
            "check",
            "site",
            "--cache-dir",
            "cache",
            "--format",
            "concise",
        ],
    );
    assert!(!out.contains("errors.eggcorns"), "{out}");
    assert!(
        out.contains("site/a.md:1:23: warning [errors.should-of]"),
        "{out}"
    );
    assert!(!out.contains("b.md"), "{out}");
}
