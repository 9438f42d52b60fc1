//! Trust nothing a repository ships: a checkout decides what is linted and with which
//! configuration, never whether its findings are believed, what else is read or written,
//! or whether a run ends. Rows of the README's "Bad input" table.

mod common;
use common::{tmp, write};

use std::fs;
use std::path::Path;
use std::time::Duration;

/// No test here should take long; one that hangs fails instead.
const TIMEOUT: Duration = Duration::from_secs(60);

/// A finding every run should report.
const FINDING: &str = "a.md:1:5: warning [errors.eggcorns]";

/// Runs copydesk in `dir` with the result cache's key kept in the tests' own cache
/// directory (never the user's), the environment's cache settings cleared and `env` set,
/// under a memory
/// limit (a run that reads without end fails instead of taking the machine's memory) and
/// a timeout. Returns the exit code, stdout and stderr.
fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let bin = assert_cmd::cargo::cargo_bin("copydesk");
    let mut c = assert_cmd::Command::new("sh");
    c.arg("-c")
        .arg("ulimit -v 3000000; exec \"$0\" \"$@\"")
        .arg(&bin)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env(
            "XDG_CACHE_HOME",
            std::env::temp_dir().join("copydesk-tests-xdg-cache"),
        )
        .env_remove("COPYDESK_NO_CACHE")
        .env_remove("COPYDESK_CACHE_DIR")
        .timeout(TIMEOUT);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run_env(dir, args, &[])
}

/// A tree with `a.md` (one finding) and `docs/b.md` (one finding).
fn tree() -> tempfile::TempDir {
    let d = tmp();
    write(&d.path().join("a.md"), "The hair-brained plan failed.\n");
    fs::create_dir(d.path().join("docs")).unwrap_or_else(|e| panic!("{e}"));
    write(&d.path().join("docs/b.md"), "They could of gone.\n");
    d
}

/// `check --format concise .` without the cache: what every cached run must print.
fn uncached(dir: &Path) -> (i32, String) {
    let (code, out, err) = run(dir, &["check", "--format", "concise", ".", "--no-cache"]);
    assert!(out.contains(FINDING), "{out}{err}");
    (code, out)
}

#[cfg(unix)]
fn mkfifo(p: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(p)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "mkfifo {}", p.display());
}

/// The cache file of a cache directory (whatever its version), once a run wrote it.
fn results_file(cache: &Path) -> std::path::PathBuf {
    fs::read_dir(cache)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("results-"))
        })
        .unwrap_or_else(|| panic!("no results file in {}", cache.display()))
}

// ------------------------------------------------------------------ the cache directory

/// Flags, environment, and the cache directory as the warning names it.
type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);

#[test]
fn a_cache_directory_that_holds_linted_files_is_not_used() {
    let d = tree();
    let expected = uncached(d.path());
    let cwd = d.path().to_string_lossy().into_owned();
    let runs: [Case; 4] = [
        (&["--cache-dir", "."], &[], "."),
        (&[], &[("COPYDESK_CACHE_DIR", &cwd)], &cwd),
        (&["--cache-dir", "docs"], &[], "docs"),
        // A cache directory above the linted tree.
        (&["--cache-dir", ".."], &[], ".."),
    ];
    for (flags, env, shown) in runs {
        for _ in 0..2 {
            let mut args = vec!["check", "--format", "concise", "."];
            args.extend_from_slice(flags);
            let (code, out, err) = run_env(d.path(), &args, env);
            assert_eq!((code, &out), (expected.0, &expected.1), "{flags:?} {err}");
            assert!(
                err.starts_with(&format!("warning: not using the cache in {shown}: ")),
                "{err}"
            );
        }
        // Nothing was written into the linted tree.
        for dir in [d.path(), &d.path().join("docs")] {
            assert!(!dir.join(".gitignore").exists(), "{flags:?}");
            assert!(!dir.join("CACHEDIR.TAG").exists(), "{flags:?}");
        }
    }
    // A linted path inside the cache directory.
    let (code, out, err) = run(
        d.path(),
        &[
            "check",
            "--format",
            "concise",
            "docs/b.md",
            "--cache-dir",
            "docs",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("docs/b.md:1:"), "{out}");
    assert!(
        err.starts_with("warning: not using the cache in docs: "),
        "{err}"
    );
    // The default cache directory, inside the tree and hidden, is used.
    for _ in 0..2 {
        let (code, out, err) = run(d.path(), &["check", "--format", "concise", "."]);
        assert_eq!((code, &out), (expected.0, &expected.1), "{err}");
        assert!(!err.contains("warning"), "{err}");
    }
    assert!(d.path().join(".copydesk_cache/.gitignore").exists());
}

#[test]
fn a_cache_made_under_another_key_is_never_served() {
    let d = tree();
    let expected = uncached(d.path());
    let args = ["check", "--format", "concise", "."];
    let (home_a, home_b) = (tmp(), tmp());
    let home = |d: &tempfile::TempDir| d.path().to_string_lossy().into_owned();
    let (a, b) = (home(&home_a), home(&home_b));
    let (code, out, _) = run_env(d.path(), &args, &[("XDG_CACHE_HOME", &a)]);
    assert_eq!((code, &out), (expected.0, &expected.1));
    // Another user (or a repository that ships its cache): the entries are not theirs.
    let (code, out, err) = run_env(d.path(), &["check", "."], &[("XDG_CACHE_HOME", &b)]);
    assert_eq!(code, expected.0);
    assert!(!err.contains("from the cache"), "{err}");
    assert!(out.contains("errors.eggcorns"), "{out}");
    // The owner's key still serves them (the other run rewrote the file with its own).
    let (_, _, err) = run_env(d.path(), &["check", "."], &[("XDG_CACHE_HOME", &b)]);
    assert!(err.contains("2 unchanged, from the cache"), "{err}");
    // A key inside the linted tree (XDG_CACHE_HOME pointing into the checkout) could
    // have been shipped with the cache: neither is used, and nothing is written there.
    let inside = d.path().join(".cache").to_string_lossy().into_owned();
    let (code, out, err) = run_env(d.path(), &args, &[("XDG_CACHE_HOME", &inside)]);
    assert_eq!((code, &out), (expected.0, &expected.1));
    assert!(
        err.starts_with("warning: not using the cache in .copydesk_cache: its key's directory "),
        "{err}"
    );
    assert!(!d.path().join(".cache").exists());
}

#[test]
fn a_tampered_cache_entry_is_never_served() {
    let d = tree();
    let expected = uncached(d.path());
    let args = ["check", "--format", "concise", "."];
    run(d.path(), &args);
    let file = results_file(&d.path().join(".copydesk_cache"));
    // Flip a bit in every byte position after the header, one copy at a time: no
    // damaged file may change what is reported.
    let good = fs::read(&file).unwrap_or_else(|e| panic!("{e}"));
    for at in (16..good.len()).step_by(good.len() / 24 + 1) {
        let mut bad = good.clone();
        bad[at] ^= 0x01;
        fs::write(&file, &bad).unwrap_or_else(|e| panic!("{e}"));
        let (code, out, err) = run(d.path(), &args);
        assert_eq!((code, &out), (expected.0, &expected.1), "byte {at}: {err}");
    }
}

#[cfg(unix)]
#[test]
fn cache_files_are_never_followed_through_links_or_read_from_pipes_or_devices() {
    use std::os::unix::fs::symlink;
    let d = tree();
    let expected = uncached(d.path());
    let args = ["check", "--format", "concise", "."];
    let cache = d.path().join(".copydesk_cache");
    fs::create_dir(&cache).unwrap_or_else(|e| panic!("{e}"));
    // Dangling links where the cache's marker files go.
    symlink("../gitignore-target", cache.join(".gitignore")).unwrap_or_else(|e| panic!("{e}"));
    symlink("../tag-target", cache.join("CACHEDIR.TAG")).unwrap_or_else(|e| panic!("{e}"));
    let (code, out, _) = run(d.path(), &args);
    assert_eq!((code, &out), (expected.0, &expected.1));
    assert!(!d.path().join("gitignore-target").exists());
    assert!(!d.path().join("tag-target").exists());
    for name in [".gitignore", "CACHEDIR.TAG"] {
        let meta = fs::symlink_metadata(cache.join(name)).unwrap_or_else(|e| panic!("{e}"));
        assert!(meta.is_file(), "{name} is not a regular file");
        assert!(meta.len() > 0, "{name} is empty");
    }
    // An empty marker (a full disk) is repaired, even by a run that changes nothing.
    write(&cache.join(".gitignore"), "");
    let (_, out, err) = run(d.path(), &["check", "."]);
    assert!(err.contains("2 unchanged, from the cache"), "{out}{err}");
    assert!(fs::read_to_string(cache.join(".gitignore")).is_ok_and(|s| s.contains('*')));
    write(&cache.join("CACHEDIR.TAG"), "");
    let file = results_file(&cache);
    // The results file as a pipe nobody writes to, and as a link to an endless device.
    fs::remove_file(&file).unwrap_or_else(|e| panic!("{e}"));
    mkfifo(&file);
    let (code, out, _) = run(d.path(), &args);
    assert_eq!((code, &out), (expected.0, &expected.1));
    assert!(fs::read_to_string(cache.join("CACHEDIR.TAG")).is_ok_and(|s| s.contains("Signature")));
    fs::remove_file(&file).unwrap_or_else(|e| panic!("{e}"));
    symlink("/dev/zero", &file).unwrap_or_else(|e| panic!("{e}"));
    let (code, out, _) = run(d.path(), &args);
    assert_eq!((code, &out), (expected.0, &expected.1));
    // A link to a file elsewhere is replaced, not written through.
    let elsewhere = d.path().join("elsewhere.bin");
    write(&elsewhere, "keep me");
    fs::remove_file(&file).unwrap_or_else(|e| panic!("{e}"));
    symlink(&elsewhere, &file).unwrap_or_else(|e| panic!("{e}"));
    let (code, out, _) = run(d.path(), &args);
    assert_eq!((code, &out), (expected.0, &expected.1));
    assert_eq!(
        fs::read_to_string(&elsewhere).ok().as_deref(),
        Some("keep me")
    );
    // The cache directory itself as a link (a checkout can ship one) is not used.
    fs::remove_dir_all(&cache).unwrap_or_else(|e| panic!("{e}"));
    fs::create_dir(d.path().join("target")).unwrap_or_else(|e| panic!("{e}"));
    symlink("target", &cache).unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = run(d.path(), &args);
    assert_eq!((code, &out), (expected.0, &expected.1));
    assert!(
        err.starts_with("warning: not using the cache in .copydesk_cache: "),
        "{err}"
    );
    assert_eq!(
        fs::read_dir(d.path().join("target"))
            .map(|r| r.count())
            .ok(),
        Some(0)
    );
}

// --------------------------------------------------------------------- named inputs

#[cfg(unix)]
#[test]
fn devices_are_refused_and_pipes_are_read_up_to_the_limit() {
    let d = tree();
    let (code, out, err) = run(
        d.path(),
        &[
            "check",
            "--format",
            "concise",
            "--no-cache",
            "/dev/zero",
            "a.md",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(out.contains(FINDING), "{out}");
    assert_eq!(err, "error: /dev/zero: is not a regular file\n");
    // A pipe named on the command line (`<(cmd)`) is read.
    let fifo = d.path().join("in.md");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::write(&fifo, "They could of gone.\n"))
    };
    let (code, out, err) = run(
        d.path(),
        &["check", "--format", "concise", "--no-cache", "in.md"],
    );
    assert!(writer.join().is_ok_and(|r| r.is_ok()));
    assert_eq!(code, 1, "{err}");
    assert!(out.starts_with("in.md:1:"), "{out}");
    // A file over the limit is not read at all (a sparse file: no disk is used).
    let big = fs::File::create(d.path().join("big.md")).unwrap_or_else(|e| panic!("{e}"));
    big.set_len((1 << 30) + 1).unwrap_or_else(|e| panic!("{e}"));
    drop(big);
    let (code, out, err) = run(
        d.path(),
        &[
            "check",
            "--format",
            "concise",
            "--no-cache",
            "big.md",
            "a.md",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(out.contains(FINDING), "{out}");
    assert_eq!(err, "error: big.md: larger than 1 GiB; not linted\n");
    // Walked, too.
    let (code, _, err) = run(
        d.path(),
        &["check", "--format", "concise", "--no-cache", "."],
    );
    assert_eq!(code, 2, "{err}");
    assert_eq!(err, "error: big.md: larger than 1 GiB; not linted\n");
}

// ------------------------------------------------------------------- configuration

/// `check --format concise a.md` in `dir`, with the path of `dir` dropped from stderr.
fn check_a(dir: &Path) -> (i32, String, String) {
    let (code, out, err) = run(dir, &["check", "--format", "concise", "--no-cache", "a.md"]);
    (code, out, err.replace(&format!("{}/", dir.display()), ""))
}

/// Makes something at a path.
type Make<'a> = &'a dyn Fn(&Path);

#[cfg(unix)]
#[test]
fn a_discovered_config_that_is_not_a_file_is_an_error() {
    use std::os::unix::fs::symlink;
    let cases: [(&str, Make, &str); 5] = [
        (
            "a broken link",
            &|p| symlink("missing.toml", p).unwrap_or_else(|e| panic!("{e}")),
            "cannot read config: no such file or directory",
        ),
        (
            "a link loop",
            &|p| symlink("copydesk.toml", p).unwrap_or_else(|e| panic!("{e}")),
            "cannot read config: too many levels of symbolic links",
        ),
        (
            "a directory",
            &|p| fs::create_dir(p).unwrap_or_else(|e| panic!("{e}")),
            "cannot read config: is a directory",
        ),
        (
            "a pipe",
            &|p| mkfifo(p),
            "cannot read config: is not a regular file",
        ),
        (
            "a device",
            &|p| symlink("/dev/zero", p).unwrap_or_else(|e| panic!("{e}")),
            "cannot read config: is not a regular file",
        ),
    ];
    for (what, make, message) in cases {
        let d = tree();
        make(&d.path().join("copydesk.toml"));
        let (code, out, err) = check_a(d.path());
        assert_eq!((code, out.as_str()), (2, ""), "{what}: {err}");
        assert_eq!(err, format!("error: copydesk.toml: {message}\n"), "{what}");
    }
}

#[test]
fn discovery_stops_at_the_repository_root() {
    let outer = tmp();
    // A configuration above the repository (a shared or world-writable parent).
    write(&outer.path().join("copydesk.toml"), "this is not toml\n");
    for git in ["dir", "file"] {
        let repo = outer.path().join(format!("repo-{git}"));
        fs::create_dir_all(repo.join("sub")).unwrap_or_else(|e| panic!("{e}"));
        if git == "dir" {
            fs::create_dir(repo.join(".git")).unwrap_or_else(|e| panic!("{e}"));
        } else {
            write(&repo.join(".git"), "gitdir: /elsewhere/.git/worktrees/x\n");
        }
        write(&repo.join("sub/a.md"), "The hair-brained plan failed.\n");
        let (code, out, err) = check_a(&repo.join("sub"));
        assert_eq!(code, 1, "{git}: {err}");
        assert!(out.contains(FINDING), "{out}");
        // The repository root's own configuration applies.
        write(
            &repo.join("copydesk.toml"),
            "disable = [\"errors.eggcorns\"]\n",
        );
        let (code, out, err) = check_a(&repo.join("sub"));
        assert_eq!((code, out.as_str()), (0, ""), "{git}: {err}");
    }
    // Outside any repository the parent's configuration still applies.
    fs::create_dir(outer.path().join("plain")).unwrap_or_else(|e| panic!("{e}"));
    write(&outer.path().join("plain/a.md"), "A line.\n");
    let (code, _, err) = check_a(&outer.path().join("plain"));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_pack_directory_reads_only_rule_files_and_never_echoes_other_files() {
    let d = tree();
    fs::create_dir_all(d.path().join("etc/app")).unwrap_or_else(|e| panic!("{e}"));
    write(&d.path().join("copydesk.toml"), "packs = [\"etc\"]\n");
    let secrets = [
        // Valid TOML, not a rule file.
        "[database]\npassword = \"hunter2\"\n",
        // Not TOML at all.
        "password: hunter2\n",
        // A value of the wrong type where a rule file's key would be.
        "message = \"hunter2\"\ndescription = 3\n",
    ];
    for secret in secrets {
        write(&d.path().join("etc/app/settings.toml"), secret);
        let (code, out, err) = check_a(d.path());
        assert_eq!((code, out.as_str()), (2, ""), "{err}");
        assert!(err.contains("etc/app/settings.toml"), "{err}");
        assert!(!err.contains("hunter2"), "{err}");
        assert!(err.contains("not a rule file"), "{err}");
    }
    // A real rule file's error still points at its line.
    fs::remove_file(d.path().join("etc/app/settings.toml")).unwrap_or_else(|e| panic!("{e}"));
    write(
        &d.path().join("etc/app/rule.toml"),
        "message = \"m\"\ndescription = \"d\"\ncolour = 1\n[existence]\ntokens = [\"x\"]\n",
    );
    let (code, _, err) = check_a(d.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("colour = 1"), "{err}");
    assert!(err.contains("etc/app/rule.toml:3:1"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_pipe_in_a_pack_directory_does_not_hang() {
    let d = tree();
    fs::create_dir_all(d.path().join("pack/p")).unwrap_or_else(|e| panic!("{e}"));
    write(&d.path().join("copydesk.toml"), "packs = [\"pack\"]\n");
    mkfifo(&d.path().join("pack/p/r.toml"));
    let (code, _, err) = check_a(d.path());
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err,
        "error: pack/p/r.toml: cannot read rule file: is not a regular file\n"
    );
}

#[cfg(unix)]
#[test]
fn a_baseline_that_is_a_device_is_refused() {
    let d = tree();
    std::os::unix::fs::symlink("/dev/zero", d.path().join("copydesk-baseline.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = run(
        d.path(),
        &[
            "check",
            "--no-cache",
            "--baseline",
            "copydesk-baseline.json",
            ".",
        ],
    );
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert_eq!(
        err,
        "error: cannot read baseline copydesk-baseline.json: is not a regular file (write one with `copydesk baseline`)\n"
    );
}
