//! The bad-input catalog (README, "Bad input"): one test per row. Each checks the exact
//! message (the file named, and the line and key for config and rule files), that the run
//! goes on past the bad file, and the exit code.

mod common;
use common::{read, run, tmp, write};

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

/// A line that the good file next to every bad one produces: the run went on.
const GOOD: &str =
    "good.md:1:3: warning [errors.misspellings] “hinderance” is a misspelling of “hindrance”.\n";

/// A directory with `good.md` (one finding) and the given bad file.
fn with_good(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let d = tmp();
    write(&d.path().join("good.md"), "A hinderance.\n");
    fs::write(d.path().join(name), bytes).unwrap_or_else(|e| panic!("{e}"));
    d
}

/// `check --format concise ARGS` in `dir`; in stderr, `dir/` is dropped from paths (a
/// discovered config is shown by its absolute path).
fn concise(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["check", "--format", "concise"];
    all.extend_from_slice(args);
    let (code, out, err) = run(dir, &all);
    (code, out, err.replace(&format!("{}/", dir.display()), ""))
}

// ---------------------------------------------------------------- encodings and content

#[test]
fn invalid_utf8_is_reported_with_offset_and_line() {
    let d = with_good("bad.md", b"fine\nok \xff bad\n");
    let (code, out, err) = concise(d.path(), &["."]);
    assert_eq!(code, 2);
    assert_eq!(out, GOOD);
    assert_eq!(
        err,
        "error: bad.md: is not valid UTF-8 (first bad byte at offset 8, line 2)\n"
    );
}

#[test]
fn utf16_with_a_bom_is_named_as_utf16() {
    for bom in [[0xFF, 0xFE], [0xFE, 0xFF]] {
        let mut bytes = bom.to_vec();
        for u in "A hinderance.\n".encode_utf16() {
            let b = if bom[0] == 0xFF {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            };
            bytes.extend_from_slice(&b);
        }
        let d = with_good("utf16.md", &bytes);
        let (code, out, err) = concise(d.path(), &["."]);
        assert_eq!(code, 2);
        assert_eq!(out, GOOD);
        assert_eq!(
            err,
            "error: utf16.md: is UTF-16 encoded; copydesk reads UTF-8: convert it (e.g. `iconv -f UTF-16 -t UTF-8`)\n"
        );
    }
}

#[test]
fn binary_file_with_a_text_extension_is_skipped_with_a_message() {
    // A PNG header named .md: NUL bytes make it binary.
    let d = with_good("image.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01");
    let (code, out, err) = concise(d.path(), &["."]);
    assert_eq!(code, 2);
    assert_eq!(out, GOOD);
    assert_eq!(
        err,
        "error: image.md: looks like a binary file (it contains NUL bytes)\n"
    );
}

#[test]
fn empty_files_are_checked_and_clean() {
    let d = tmp();
    for name in ["empty.md", "empty.html", "empty.txt"] {
        write(&d.path().join(name), "");
    }
    write(&d.path().join("bom-only.md"), "\u{feff}");
    let (code, out, err) = run(d.path(), &["check", "."]);
    assert_eq!(code, 0);
    assert_eq!(out, "");
    assert!(
        err.starts_with("4 files checked, 0 problems found (0 errors, 0 warnings, 0 info)"),
        "{err}"
    );
    let (code, out, _) = run(d.path(), &["fix", "."]);
    assert_eq!((code, out.as_str()), (0, ""));
    assert_eq!(read(&d.path().join("empty.md")), "");
}

// ---------------------------------------------------------------- size

/// A paragraph with one known finding; `n` copies make a large file.
const PARA: &str =
    "The council met on Tuesday to discuss the budget, the roads and a hinderance to trade. ";

/// Peak resident memory of a finished child, in KiB, from `/usr/bin/time -v` if present.
fn peak_rss_kib(stderr: &str) -> Option<u64> {
    stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|v| v.trim().parse().ok())
}

/// Lints `bytes` as `name` with `concise` output, counting findings; returns (exit code,
/// findings, peak RSS in KiB when measurable, seconds).
fn lint_big(name: &str, bytes: &[u8]) -> (i32, usize, Option<u64>, f64) {
    let d = tmp();
    fs::write(d.path().join(name), bytes).unwrap_or_else(|e| panic!("{e}"));
    let bin = assert_cmd::cargo::cargo_bin("copydesk");
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.arg("-v").arg(&bin);
        c
    } else {
        Command::new(&bin)
    };
    let started = std::time::Instant::now();
    let out = cmd
        .current_dir(d.path())
        .args(["check", "--format", "concise", name])
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let secs = started.elapsed().as_secs_f64();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let rss = peak_rss_kib(&stderr);
    eprintln!(
        "{name}: {} MB, {:.1}s, peak RSS {} MiB",
        bytes.len() >> 20,
        secs,
        rss.map_or("?".to_string(), |k| (k / 1024).to_string())
    );
    (
        out.status.code().unwrap_or(-1),
        stdout.lines().count(),
        rss,
        secs,
    )
}

/// Builds a text of about `mb` megabytes from [`PARA`], as lines or as one line.
fn big_text(mb: usize, one_line: bool) -> (Vec<u8>, usize) {
    let n = (mb << 20) / PARA.len();
    let mut s = String::with_capacity(n * (PARA.len() + 2));
    for i in 0..n {
        s.push_str(PARA);
        if !one_line && i % 4 == 3 {
            s.push_str("\n\n");
        }
    }
    s.push('\n');
    (s.into_bytes(), n)
}

/// The always-on variant of the size rows: 8 MB in paragraphs and a 4 MB single line
/// (fast enough in a debug build). Every copy of the finding is reported, nothing is lost.
#[test]
fn large_file_and_long_line_are_linted_completely() {
    let (bytes, n) = big_text(8, false);
    let (code, findings, _, _) = lint_big("big.md", &bytes);
    assert_eq!((code, findings), (1, n));
    let (bytes, n) = big_text(4, true);
    let (code, findings, _, _) = lint_big("line.txt", &bytes);
    assert_eq!((code, findings), (1, n));
}

/// The human format does not print a very long line once per finding on it: each
/// finding is shown in a window of the line that fits the terminal, with its place.
#[test]
fn human_output_does_not_repeat_a_long_line() {
    let d = tmp();
    let (bytes, n) = big_text(1, true);
    fs::write(d.path().join("line.txt"), &bytes).unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = run(d.path(), &["check", "line.txt"]);
    assert_eq!(code, 1, "{err}");
    // A paragraph's findings are numbered under shared excerpts; each says where it is.
    assert_eq!(
        out.matches("] at 1:").count() + out.matches("┌─ line.txt:1:").count()
            - out.matches("problems in this paragraph").count(),
        n,
        "every finding says where it is"
    );
    assert!(
        out.contains("┌─ line.txt:1:67"),
        "{}",
        &out[..500.min(out.len())]
    );
    let widest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest <= 100, "a line of {widest} characters");
    assert!(
        out.len() < 800 * n,
        "{} bytes of output for {n} findings",
        out.len()
    );
}

/// The 200 MB file of the catalog. Slow in a debug build: run it with
/// `cargo test --release --test bad_input -- --ignored`.
#[test]
#[ignore = "200 MB: run with `cargo test --release --test bad_input -- --ignored`"]
fn file_of_200_mb_is_linted_in_bounded_memory() {
    let (bytes, n) = big_text(200, false);
    let len = bytes.len() as u64;
    let (code, findings, rss, _) = lint_big("big.md", &bytes);
    assert_eq!((code, findings), (1, n));
    if let Some(kib) = rss {
        // The file is held in memory (as read, and as extracted prose) with its findings,
        // here one every 90 bytes: a bounded multiple of its size (about 9x measured).
        assert!(kib * 1024 < 16 * len, "peak RSS {kib} KiB for {len} bytes");
    }
}

/// The 50 MB single line of the catalog (see the 200 MB test for how to run it).
#[test]
#[ignore = "50 MB line: run with `cargo test --release --test bad_input -- --ignored`"]
fn single_line_of_50_mb_is_linted_in_bounded_memory() {
    let (bytes, n) = big_text(50, true);
    let len = bytes.len() as u64;
    let (code, findings, rss, _) = lint_big("line.txt", &bytes);
    assert_eq!((code, findings), (1, n));
    if let Some(kib) = rss {
        assert!(kib * 1024 < 16 * len, "peak RSS {kib} KiB for {len} bytes");
    }
}

// ---------------------------------------------------------------- structure

#[test]
fn deeply_nested_lists_and_quotes_do_not_overflow() {
    let depth = 10_000;
    let mut quotes = ">".repeat(depth);
    quotes.push_str(" A hinderance.\n");
    let mut lists = String::new();
    for i in 0..depth {
        lists.push_str(&"  ".repeat(i));
        lists.push_str("- a\n");
    }
    lists.push_str(&"  ".repeat(depth));
    lists.push_str("A hinderance.\n");
    let html = "<div>".repeat(depth) + "A hinderance." + &"</div>".repeat(depth) + "\n";
    let d = tmp();
    write(&d.path().join("quotes.md"), &quotes);
    write(&d.path().join("lists.md"), &lists);
    write(&d.path().join("nested.html"), &html);
    let (code, out, err) = concise(d.path(), &["."]);
    assert!(
        !err.contains("panicked") && !err.contains("overflow"),
        "{err}"
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        out.contains("quotes.md:1:10004: warning [errors.misspellings]"),
        "{out}"
    );
    assert!(
        out.contains("nested.html:1:50003: warning [errors.misspellings]"),
        "{out}"
    );
}

#[test]
fn unterminated_front_matter_and_fences() {
    let d = tmp();
    // No closing `---`: not front matter, so the text is Markdown (a thematic break and
    // a paragraph) and is linted.
    write(
        &d.path().join("front.md"),
        "---\ntitle: A hinderance\n\nThe body.\n",
    );
    // An unclosed fence runs to the end of the file: all of it is code, nothing is linted.
    write(
        &d.path().join("fence.md"),
        "A hinderance.\n\n```sh\necho hinderance\n\nMore hinderance.\n",
    );
    // An unclosed HTML comment hides the rest, as in a browser.
    write(
        &d.path().join("comment.md"),
        "A hinderance.\n\n<!-- no end\n\nhinderance\n",
    );
    let (code, out, err) = concise(d.path(), &["."]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        "comment.md:1:3: warning [errors.misspellings] “hinderance” is a misspelling of “hindrance”.\n\
         fence.md:1:3: warning [errors.misspellings] “hinderance” is a misspelling of “hindrance”.\n\
         front.md:2:10: warning [errors.misspellings] “hinderance” is a misspelling of “hindrance”.\n"
    );
}

#[test]
fn crlf_cr_only_and_mixed_line_endings() {
    let d = tmp();
    write(&d.path().join("crlf.md"), "Title\r\n\r\nA hinderance.\r\n");
    write(&d.path().join("cr.md"), "Title\r\rA hinderance.\r");
    write(
        &d.path().join("mixed.txt"),
        "One.\nTwo.\r\n\r\nThree.\r\rA hinderance.\n",
    );
    let (code, out, _) = concise(d.path(), &["."]);
    assert_eq!(code, 1);
    let m = "warning [errors.misspellings] “hinderance” is a misspelling of “hindrance”.";
    assert_eq!(
        out,
        format!("cr.md:3:3: {m}\ncrlf.md:3:3: {m}\nmixed.txt:6:3: {m}\n")
    );
    // The human format shows the same lines.
    let (_, out, _) = run(d.path(), &["check", "--color", "never", "cr.md"]);
    assert!(out.contains("┌─ cr.md:3:3"), "{out}");
    // Fixes keep every line ending as it was.
    let (code, _, _) = run(d.path(), &["fix", "."]);
    assert_eq!(code, 0);
    assert_eq!(read(&d.path().join("cr.md")), "Title\r\rA hindrance.\r");
    assert_eq!(
        read(&d.path().join("mixed.txt")),
        "One.\nTwo.\r\n\r\nThree.\r\rA hindrance.\n"
    );
}

// ---------------------------------------------------------------- the file system

#[test]
fn files_that_disappear_during_the_walk_are_reported() {
    let d = tmp();
    let n = 400;
    for i in 0..n {
        write(&d.path().join(format!("f{i:03}.md")), &PARA.repeat(200));
    }
    let bin = assert_cmd::cargo::cargo_bin("copydesk");
    let child = Command::new(bin)
        .current_dir(d.path())
        .args(["check", "--format", "concise", "--threads", "1", "."])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    // Delete from the end while copydesk works from the start.
    for i in (0..n).rev().step_by(2) {
        let _ = fs::remove_file(d.path().join(format!("f{i:03}.md")));
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let err = String::from_utf8_lossy(&out.stderr);
    let code = out.status.code().unwrap_or(-1);
    assert!(!err.contains("panicked"), "{err}");
    for line in err.lines() {
        assert!(
            line.starts_with("error: f") && line.ends_with(".md: no such file or directory"),
            "unexpected: {line}"
        );
    }
    // Any file that vanished makes the exit code 2; otherwise findings make it 1.
    assert_eq!(code, if err.is_empty() { 1 } else { 2 }, "{err}");
    // The files still there were all linted.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("f000.md:1:"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_not_followed_and_named_loops_are_reported() {
    use std::os::unix::fs::symlink;
    let d = with_good("plain.md", b"Plain.\n");
    fs::create_dir(d.path().join("sub")).unwrap_or_else(|e| panic!("{e}"));
    symlink("..", d.path().join("sub/up")).unwrap_or_else(|e| panic!("{e}"));
    symlink("b.md", d.path().join("a.md")).unwrap_or_else(|e| panic!("{e}"));
    symlink("a.md", d.path().join("b.md")).unwrap_or_else(|e| panic!("{e}"));
    // Walked: symbolic links are not followed, so a loop cannot trap the walk.
    let (code, out, err) = concise(d.path(), &["."]);
    assert_eq!((code, out.as_str(), err.as_str()), (1, GOOD, ""));
    // Named: the loop is reported and the other files are linted.
    let (code, out, err) = concise(d.path(), &["a.md", "good.md"]);
    assert_eq!(code, 2);
    assert_eq!(out, GOOD);
    assert_eq!(err, "error: a.md: too many levels of symbolic links\n");
}

#[test]
fn a_directory_named_like_a_file_and_a_file_where_a_directory_is_expected() {
    let d = with_good("notes.txt", b"Notes.\n");
    // A directory with an article's extension is walked as a directory.
    fs::create_dir(d.path().join("drafts.md")).unwrap_or_else(|e| panic!("{e}"));
    write(&d.path().join("drafts.md/x.md"), "A hinderance.\n");
    let (code, out, err) = concise(d.path(), &["drafts.md", "good.md"]);
    assert_eq!((code, err.as_str()), (1, ""));
    assert!(out.starts_with("drafts.md/x.md:1:3:"), "{out}");
    // A file where a directory is expected: a rule pack named as a file.
    write(&d.path().join("copydesk.toml"), "packs = [\"notes.txt\"]\n");
    let (code, out, err) = concise(d.path(), &["good.md"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "error: notes.txt: cannot read rule pack directory: not a directory\n"
    );
    // A directory where a file is expected: --config.
    let (code, _, err) = concise(d.path(), &["--config", "drafts.md", "good.md"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: drafts.md: cannot read config: is a directory\n"
    );
    // And a directory as --baseline.
    let (code, _, err) = concise(d.path(), &["--baseline", "drafts.md", "good.md"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("drafts.md"), "{err}");
}

/// Whether this process runs as root (then permissions are tested as `nobody`).
#[cfg(unix)]
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

#[cfg(unix)]
#[test]
fn permission_denied_is_reported_and_the_run_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let d = with_good("secret.md", b"A hinderance.\n");
    fs::create_dir(d.path().join("locked")).unwrap_or_else(|e| panic!("{e}"));
    write(&d.path().join("locked/x.md"), "A hinderance.\n");
    let mode = |p: &str, m: u32| {
        fs::set_permissions(d.path().join(p), fs::Permissions::from_mode(m))
            .unwrap_or_else(|e| panic!("{e}"));
    };
    mode(".", 0o755);
    mode("good.md", 0o644);
    mode("secret.md", 0o000);
    mode("locked", 0o000);
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("copydesk"));
    cmd.current_dir(d.path())
        .env("NO_COLOR", "1")
        .args(["check", "--format", "concise", "."]);
    if is_root() {
        // Root reads everything: drop to `nobody` so that permissions apply.
        cmd.uid(65534).gid(65534);
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("{e}"));
    mode("locked", 0o755);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stdout, GOOD);
    assert!(
        stderr.contains("error: secret.md: permission denied\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: locked: permission denied\n"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------- signals and pipes

#[test]
fn closed_stdout_pipe_exits_quietly() {
    let d = tmp();
    for i in 0..50 {
        write(&d.path().join(format!("f{i}.md")), &PARA.repeat(100));
    }
    for format in ["human", "concise", "json", "sarif"] {
        let mut child = copydesk_std()
            .current_dir(d.path())
            .args(["check", "--format", format, "."])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        // `| head -0`: the reader goes away before anything is written.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !err.contains("panicked") && !err.contains("cannot write"),
            "{format}: {err}"
        );
        assert_eq!(out.status.code(), Some(1), "{format}: {err}");
    }
    // The same for `rules` and `explain`.
    for args in [&["rules"][..], &["explain", "errors.eggcorns"]] {
        let mut child = copydesk_std()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!((out.status.code(), err.as_ref()), (Some(0), ""), "{args:?}");
    }
}

fn copydesk_std() -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("copydesk"));
    c.env("NO_COLOR", "1");
    c
}

/// Runs `fix` in `dir` until killed by `signal` (a name for `kill -s`) once the first
/// file has been written, and checks that it stops as it does for Ctrl-C.
#[cfg(unix)]
fn signal_in_fix_leaves_files_whole_and_no_temporary_files(signal: &str) {
    let d = tmp();
    let old: String = "A hinderance, definately a seperate matter. ".repeat(400) + "\n";
    let new: String = "A hindrance, definitely a separate matter. ".repeat(400) + "\n";
    let n = 1500;
    for i in 0..n {
        write(&d.path().join(format!("f{i:04}.md")), &old);
    }
    let child = copydesk_std()
        .current_dir(d.path())
        .args(["fix", "--threads", "2", "."])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    // Signal once the first file has been written: mid-run, with work left to do.
    let first = d.path().join("f0000.md");
    let started = std::time::Instant::now();
    while read(&first) == old && started.elapsed().as_secs() < 30 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let status = Command::new("kill")
        .args(["-s", signal, &child.id().to_string()])
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success());
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let err = String::from_utf8_lossy(&out.stderr);
    let (mut n_old, mut n_new) = (0, 0);
    for entry in fs::read_dir(d.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            !name.starts_with(".copydesk-fix-"),
            "{signal}: temporary file left: {name}"
        );
        let text = read(&entry.path());
        if text == old {
            n_old += 1;
        } else if text == new {
            n_new += 1;
        } else {
            panic!("{name} is neither old nor new ({} bytes)", text.len());
        }
    }
    assert_eq!(n_old + n_new, n);
    eprintln!("{signal}: {n_new} files fixed, {n_old} untouched: {err}");
    if out.status.code() == Some(130) {
        // Interrupted before the end: it says how many files it did not start.
        assert!(n_old > 0, "{err}");
        assert!(
            err.contains(&format!(
                "interrupted: {n_old} files not started, left unchanged"
            )),
            "{signal}: {err}"
        );
    } else {
        // The run was faster than the signal; killed by it, there is no exit code.
        assert_eq!(
            (out.status.code(), n_old),
            (Some(0), 0),
            "{signal}: {err} {:?}",
            out.status
        );
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_in_fix_leaves_files_whole_and_no_temporary_files() {
    signal_in_fix_leaves_files_whole_and_no_temporary_files("INT");
}

#[cfg(unix)]
#[test]
fn sigterm_and_sighup_in_fix_stop_as_ctrl_c_does() {
    signal_in_fix_leaves_files_whole_and_no_temporary_files("TERM");
    signal_in_fix_leaves_files_whole_and_no_temporary_files("HUP");
}

// ---------------------------------------------------------------- what `fix` writes

/// How many bytes process `pid` has read so far (`rchar` in `/proc/PID/io`).
#[cfg(target_os = "linux")]
fn bytes_read(pid: u32) -> u64 {
    fs::read_to_string(format!("/proc/{pid}/io"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("rchar: "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// Linux only: the moment copydesk has read the file is seen in `/proc/PID/io`; the
/// file is large enough that fixing it takes far longer than appending to it.
#[cfg(target_os = "linux")]
#[test]
fn text_appended_while_fixing_is_not_lost() {
    let d = tmp();
    let a = d.path().join("a.md");
    let old = "A hinderance, definately a seperate matter.\n".repeat(5_000);
    write(&a, &old);
    let child = copydesk_std()
        .current_dir(d.path())
        .args(["fix", "a.md"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let started = std::time::Instant::now();
    while bytes_read(child.id()) < old.len() as u64 && started.elapsed().as_secs() < 30 {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let mut f = fs::File::options()
        .append(true)
        .open(&a)
        .unwrap_or_else(|e| panic!("{e}"));
    std::io::Write::write_all(&mut f, b"Appended meanwhile.\n").unwrap_or_else(|e| panic!("{e}"));
    drop(f);
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("error: a.md: changed while it was being fixed; not written\n"),
        "{err}"
    );
    assert_eq!(read(&a), old + "Appended meanwhile.\n");
}

#[cfg(unix)]
fn owner(p: &Path) -> (u32, u32, u32) {
    use std::os::unix::fs::MetadataExt;
    let m = fs::metadata(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    (m.uid(), m.gid(), m.mode() & 0o7777)
}

/// As root: a file owned by `nobody` keeps its owner and group, and loses its setuid
/// and setgid bits (it was written by another user).
#[cfg(unix)]
#[test]
fn fix_keeps_owner_and_group_and_drops_setuid() {
    use std::os::unix::fs::PermissionsExt;
    if !is_root() {
        eprintln!("skipped: needs root to give a file to nobody");
        return;
    }
    let d = tmp();
    let a = d.path().join("a.md");
    write(&a, "A hinderance.\n");
    std::os::unix::fs::chown(&a, Some(65534), Some(65534)).unwrap_or_else(|e| panic!("{e}"));
    fs::set_permissions(&a, fs::Permissions::from_mode(0o6755)).unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = run(d.path(), &["fix", "a.md"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(read(&a), "A hindrance.\n");
    assert_eq!(owner(&a), (65534, 65534, 0o755));
}

/// As an unprivileged user (`nobody`, by setuid in the child when the test runs as
/// root), in a directory anyone may write: a file of root's that `nobody` may not write
/// is not replaced, although the directory would let it rename a new file over it.
#[cfg(unix)]
#[test]
fn fix_does_not_replace_a_file_the_user_may_not_write() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    if !is_root() {
        eprintln!("skipped: needs root to run as nobody");
        return;
    }
    let d = tmp();
    let a = d.path().join("a.md");
    write(&a, "A hinderance.\n");
    fs::set_permissions(d.path(), fs::Permissions::from_mode(0o777))
        .unwrap_or_else(|e| panic!("{e}"));
    fs::set_permissions(&a, fs::Permissions::from_mode(0o644)).unwrap_or_else(|e| panic!("{e}"));
    let out = copydesk_std()
        .current_dir(d.path())
        .args(["fix", "a.md"])
        .uid(65534)
        .gid(65534)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("error: a.md: cannot write fixes: permission denied"),
        "{err}"
    );
    assert_eq!(read(&a), "A hinderance.\n");
    assert_eq!(owner(&a), (0, 0, 0o644));
}

/// As `nobody` (by setuid in the child when the test runs as root): its own file whose
/// group (root) it is not a member of cannot be given that group again, so it is refused
/// rather than handed to another group.
#[cfg(unix)]
#[test]
fn fix_refuses_a_file_whose_owner_it_cannot_keep() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    if !is_root() {
        eprintln!("skipped: needs root to run as nobody");
        return;
    }
    let d = tmp();
    let a = d.path().join("a.md");
    write(&a, "A hinderance.\n");
    fs::set_permissions(d.path(), fs::Permissions::from_mode(0o777))
        .unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::chown(&a, Some(65534), Some(0)).unwrap_or_else(|e| panic!("{e}"));
    fs::set_permissions(&a, fs::Permissions::from_mode(0o664)).unwrap_or_else(|e| panic!("{e}"));
    let out = copydesk_std()
        .current_dir(d.path())
        .args(["fix", "a.md"])
        .uid(65534)
        .gid(65534)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("error: a.md: cannot keep its owner; not fixed\n"),
        "{err}"
    );
    assert_eq!(read(&a), "A hinderance.\n");
    assert_eq!(owner(&a), (65534, 0, 0o664));
    let left = fs::read_dir(d.path()).map(Iterator::count).unwrap_or(0);
    assert_eq!(left, 1, "no temporary file is left");
}

/// An access ACL (`user:nobody:rw-`, mask `rw-`, group `r--`) and a user xattr, set
/// through the xattr interface (no `setfacl` needed), survive a fix.
#[cfg(target_os = "linux")]
#[test]
fn fix_keeps_acls_and_extended_attributes() {
    let d = tmp();
    let a = d.path().join("a.md");
    write(&a, "A hinderance.\n");
    // POSIX ACL xattr: version 2, then (tag, perm, id) entries sorted by tag.
    let mut acl = 2u32.to_le_bytes().to_vec();
    for (tag, perm, id) in [
        (0x01u16, 6u16, u32::MAX), // user::rw-
        (0x02, 6, 65534),          // user:nobody:rw-
        (0x04, 4, u32::MAX),       // group::r--
        (0x10, 6, u32::MAX),       // mask::rw-
        (0x20, 4, u32::MAX),       // other::r--
    ] {
        acl.extend_from_slice(&tag.to_le_bytes());
        acl.extend_from_slice(&perm.to_le_bytes());
        acl.extend_from_slice(&id.to_le_bytes());
    }
    let set = |name: &str, value: &[u8]| {
        rustix::fs::setxattr(&a, name, value, rustix::fs::XattrFlags::empty())
    };
    if let Err(e) = set("system.posix_acl_access", &acl) {
        eprintln!("skipped: this file system has no ACLs ({e})");
        return;
    }
    set("user.copydesk-test", b"kept").unwrap_or_else(|e| panic!("{e}"));
    let get = |name: &str| {
        let mut buf = vec![0u8; 4096];
        let n =
            rustix::fs::getxattr(&a, name, &mut buf[..]).unwrap_or_else(|e| panic!("{name}: {e}"));
        buf.truncate(n);
        buf
    };
    let acl_before = get("system.posix_acl_access");
    let mode_before = owner(&a).2;
    let (code, _, err) = run(d.path(), &["fix", "a.md"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(read(&a), "A hindrance.\n");
    assert_eq!(get("system.posix_acl_access"), acl_before);
    assert_eq!(get("user.copydesk-test"), b"kept");
    assert_eq!(owner(&a).2, mode_before, "the group mask did not widen");
}

/// A symbolic link named on the command line: its target is fixed and the link stays.
/// A file with another hard link is refused (writing a new file would split the links,
/// and writing in place is not atomic).
#[cfg(unix)]
#[test]
fn fix_follows_named_symlinks_and_refuses_hard_links() {
    let d = tmp();
    let real = d.path().join("real.md");
    write(&real, "A hinderance.\n");
    std::os::unix::fs::symlink("real.md", d.path().join("link.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = run(d.path(), &["fix", "link.md"]);
    assert_eq!(code, 0, "{err}");
    let link = fs::symlink_metadata(d.path().join("link.md")).unwrap_or_else(|e| panic!("{e}"));
    assert!(link.file_type().is_symlink(), "the link is still a link");
    assert_eq!(read(&real), "A hindrance.\n");

    let h1 = d.path().join("h1.md");
    write(&h1, "A hinderance.\n");
    fs::hard_link(&h1, d.path().join("h2.md")).unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = run(d.path(), &["fix", "h1.md"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(
            "error: h1.md: has 2 hard links, and a fix would split them; not fixed (see the fixes with --diff)"
        ),
        "{err}"
    );
    assert_eq!(read(&h1), "A hinderance.\n");
    assert_eq!(read(&d.path().join("h2.md")), "A hinderance.\n");
}

// ---------------------------------------------------------------- what reaches a terminal

/// Control characters in an article, a baseline and file names reach no terminal raw, in
/// any format meant for people; file names that are not UTF-8 stay distinct (escaped as
/// `\xff`) in every format, and SARIF percent-encodes their bytes.
#[cfg(unix)]
#[test]
fn control_characters_and_odd_file_names_are_escaped() {
    use std::os::unix::ffi::OsStrExt;
    let d = tmp();
    write(
        &d.path().join("esc.md"),
        "A hinderance \u{1b}]0;pwned\u{7} here \u{9b}31m.\n",
    );
    for name in [&b"a\xff.md"[..], b"a\xfe.md", b"x\ny.md", b"\x1b[31mred.md"] {
        write(
            &d.path().join(std::ffi::OsStr::from_bytes(name)),
            "A hinderance.\n",
        );
    }
    let raw = |s: &str| s.contains('\u{1b}') || s.contains('\u{9b}') || s.contains('\u{7}');
    let m = "warning [errors.misspellings] “hinderance” is a misspelling of “hindrance”.";
    let (code, out, err) = concise(d.path(), &["."]);
    assert_eq!(code, 1, "{err}");
    assert!(!raw(&out), "{out:?}");
    let mut lines: Vec<&str> = out.lines().collect();
    lines.sort_unstable();
    assert_eq!(
        lines,
        [
            format!("\\x1b[31mred.md:1:3: {m}"),
            format!("a\\xfe.md:1:3: {m}"),
            format!("a\\xff.md:1:3: {m}"),
            format!("esc.md:1:3: {m}"),
            format!("x\\x0ay.md:1:3: {m}"),
        ]
    );
    let (_, out, _) = run(d.path(), &["check", "--color", "never", "."]);
    assert!(!raw(&out), "{out:?}");
    assert!(
        out.contains("A hinderance \\x1b]0;pwned\\x07 here \\u{9b}31m."),
        "{out}"
    );
    assert!(out.contains("┌─ a\\xff.md:1:3"), "{out}");
    let (_, out, _) = run(d.path(), &["check", "--format", "github", "."]);
    assert!(!raw(&out), "{out:?}");
    assert!(out.contains("file=a\\xff.md,line=1"), "{out}");
    let (_, out, _) = run(d.path(), &["check", "--format", "json", "."]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    let paths: Vec<&str> = doc["diagnostics"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["path"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        paths.contains(&"a\\xff.md") && paths.contains(&"a\\xfe.md"),
        "{paths:?}"
    );
    let (_, out, _) = run(d.path(), &["check", "--format", "sarif", "."]);
    for uri in [
        "\"a%FF.md\"",
        "\"a%FE.md\"",
        "\"x%0Ay.md\"",
        "\"%1B%5B31mred.md\"",
    ] {
        assert!(out.contains(&format!("\"uri\": {uri}")), "{uri}: {out}");
    }
    // A baseline's entries are shown when no finding matches them any more.
    write(
        &d.path().join("b.json"),
        r#"{"version": 1, "entries": [{"path": "esc.md", "rule": "errors.misspellings",
            "text": "\u001b]2;gone\u0007", "context": "0", "line": 1}]}"#,
    );
    let (_, _, err) = concise(d.path(), &["--baseline", "b.json", "esc.md"]);
    assert!(!raw(&err), "{err:?}");
    assert!(
        err.contains("gone: esc.md:1: [errors.misspellings] “\\x1b]2;gone\\x07”"),
        "{err}"
    );
}

/// Runs copydesk in `dir` with arguments that may not be UTF-8; returns the exit code
/// and stderr, with bytes that are not UTF-8 kept visible as U+FFFD.
#[cfg(unix)]
fn run_os(dir: &Path, args: &[&[u8]]) -> (i32, String) {
    use std::os::unix::ffi::OsStrExt;
    let out = common::copydesk()
        .current_dir(dir)
        .args(args.iter().map(|a| std::ffi::OsStr::from_bytes(a)))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Errors about configuration, rule and baseline files show the file's name escaped (as
/// every other path is shown) and escape control characters in the message and in the
/// source line codespan-reporting echoes: a repository's file names and files reach no
/// terminal raw.
#[cfg(unix)]
#[test]
fn config_rule_and_baseline_errors_escape_names_and_text() {
    use std::os::unix::ffi::OsStrExt;
    let raw = |s: &str| {
        s.chars()
            .any(|c| (c.is_control() && c != '\n') || c == '\u{fffd}')
    };
    let d = tmp();
    write(&d.path().join("good.md"), "A hinderance.\n");
    let name = &b"c\x1b]0;t\x07\n\xff.toml"[..];
    let config = d.path().join(std::ffi::OsStr::from_bytes(name));
    let shown = "c\\x1b]0;t\\x07\\x0a\\xff.toml";

    // A config whose line (a comment holding ESC) is not valid TOML: the line is echoed.
    fs::write(&config, b"accept = [\"a\"] # \x1b]0;pwned\x07\n").unwrap_or_else(|e| panic!("{e}"));
    let (code, err) = run_os(d.path(), &[b"check", b"--config", name, b"good.md"]);
    assert_eq!(code, 2, "{err}");
    assert!(!raw(&err), "{err:?}");
    assert!(err.contains(&format!("┌─ {shown}:1:")), "{err}");
    assert!(err.contains("# \\x1b]0;pwned\\x07"), "{err}");

    // A key (written with TOML escapes) that holds control characters, in the message.
    write(&config, "\"\\u001b]0;k\\u0007\" = 1\n");
    let (code, err) = run_os(d.path(), &[b"check", b"--config", name, b"good.md"]);
    assert_eq!(code, 2, "{err}");
    assert!(!raw(&err), "{err:?}");
    assert!(err.contains("unknown field `\\x1b]0;k\\x07`"), "{err}");
    assert!(err.contains(&format!("┌─ {shown}:1:1")), "{err}");

    // A rule pack directory named with ESC and a newline; a rule file named with ESC.
    write(&config, "packs = [\"p\\u001b[2J\\nq\"]\n");
    let house = d.path().join("p\u{1b}[2J\nq/house");
    fs::create_dir_all(&house).unwrap_or_else(|e| panic!("{e}"));
    write(
        &house.join("r.toml"),
        &format!("{HEAD}colour = 1\n[existence]\ntokens = [\"x\"]\n"),
    );
    let (code, err) = run_os(d.path(), &[b"check", b"--config", name, b"good.md"]);
    assert_eq!(code, 2, "{err}");
    assert!(!raw(&err), "{err:?}");
    assert!(
        err.contains("┌─ ./p\\x1b[2J\\x0aq/house/r.toml:4:1"),
        "{err}"
    );
    fs::remove_file(house.join("r.toml")).unwrap_or_else(|e| panic!("{e}"));
    write(&house.join("r\u{1b}[2J.toml"), HEAD);
    let (code, err) = run_os(d.path(), &[b"check", b"--config", name, b"good.md"]);
    assert_eq!(code, 2, "{err}");
    assert!(!raw(&err), "{err:?}");
    assert!(
        err.contains(
            "error: ./p\\x1b[2J\\x0aq/house/r\\x1b[2J.toml: rule id `house.r\\x1b[2J` is not valid"
        ),
        "{err}"
    );

    // A baseline that is missing, one that is not a baseline, one with a hostile key.
    let base = &b"b\x1b]0;t\x07\xff.json"[..];
    let (code, err) = run_os(d.path(), &[b"check", b"--baseline", base, b"good.md"]);
    assert_eq!(code, 2, "{err}");
    assert!(!raw(&err), "{err:?}");
    assert!(
        err.contains("error: cannot read baseline b\\x1b]0;t\\x07\\xff.json: no such file"),
        "{err}"
    );
    fs::write(
        d.path().join(std::ffi::OsStr::from_bytes(base)),
        "{\"\\u001b]0;t\\u0007\": 1}",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (code, err) = run_os(d.path(), &[b"check", b"--baseline", base, b"good.md"]);
    assert_eq!(code, 2, "{err}");
    assert!(!raw(&err), "{err:?}");
    assert!(
        err.contains("error: b\\x1b]0;t\\x07\\xff.json is not a copydesk baseline: unknown field `\\x1b]0;t\\x07`"),
        "{err}"
    );
}

// ---------------------------------------------------------------- config and rule packs

/// Runs `check good.md` in `dir` and returns the exit code and the error's message line
/// and location line (`path:line:column`), as codespan-reporting renders them.
fn config_error(dir: &Path) -> (i32, String, String) {
    let (code, out, err) = concise(dir, &["good.md"]);
    assert_eq!(out, "", "nothing is linted after a config error");
    let message = err
        .lines()
        .find(|l| l.starts_with("error"))
        .unwrap_or_default()
        .to_string();
    let at = err
        .lines()
        .find_map(|l| l.trim().strip_prefix("┌─ "))
        .unwrap_or_default()
        .to_string();
    (code, message, at)
}

/// A directory with `good.md`, a config and the given rule file in pack `house`.
fn with_rule(config: &str, rule: &str) -> tempfile::TempDir {
    let d = with_good("copydesk.toml", config.as_bytes());
    fs::create_dir_all(d.path().join("styles/house")).unwrap_or_else(|e| panic!("{e}"));
    write(&d.path().join("styles/house/r.toml"), rule);
    d
}

const HEAD: &str = "severity = \"warning\"\nmessage = \"m\"\ndescription = \"d.\"\n";

#[test]
fn malformed_config_toml_points_at_the_line() {
    let d = with_good("copydesk.toml", b"accept = [\"a\",\nfail-on = \"error\"\n");
    let (code, message, at) = config_error(d.path());
    assert_eq!(code, 2);
    assert_eq!(
        message,
        "error: unexpected `=` in array, expected value, `]`"
    );
    assert_eq!(at, "copydesk.toml:2:9");
}

#[test]
fn wrong_type_in_config_names_the_key() {
    let d = with_good("copydesk.toml", b"fail-on = \"error\"\naccept = 3\n");
    let (code, message, at) = config_error(d.path());
    assert_eq!(code, 2);
    assert_eq!(
        message,
        "error: invalid type: integer `3`, expected a sequence"
    );
    assert_eq!(at, "copydesk.toml:2:10");
}

#[test]
fn unknown_rule_in_enable_and_severity() {
    for (config, at) in [
        ("enable = [\"errors.eggcorn\"]\n", "copydesk.toml:1:12"),
        ("[severity]\n\"nope.*\" = \"error\"\n", "copydesk.toml:2:2"),
    ] {
        let d = with_good("copydesk.toml", config.as_bytes());
        let (code, message, loc) = config_error(d.path());
        assert_eq!(code, 2);
        assert!(
            message.starts_with("error: unknown rule or pack `"),
            "{message}"
        );
        assert_eq!(loc, at, "{config}");
    }
}

#[test]
fn unknown_key_in_a_rule_file_names_file_line_and_key() {
    let d = with_rule(
        "packs = [\"styles\"]\n",
        &format!("{HEAD}colour = \"red\"\n[substitution]\nswap = {{ \"a\" = \"b\" }}\n"),
    );
    let (code, message, at) = config_error(d.path());
    assert_eq!(code, 2);
    assert!(
        message.starts_with("error: unknown field `colour`"),
        "{message}"
    );
    assert_eq!(at, "styles/house/r.toml:4:1");
}

#[test]
fn wrong_type_in_a_rule_file_names_the_key() {
    let d = with_rule(
        "packs = [\"styles\"]\n",
        &format!("{HEAD}[substitution]\nignore-case = \"yes\"\nswap = {{ \"a\" = \"b\" }}\n"),
    );
    let (code, message, at) = config_error(d.path());
    assert_eq!(code, 2);
    assert!(message.starts_with("error: invalid type"), "{message}");
    assert_eq!(at, "styles/house/r.toml:5:15");
}

#[test]
fn figure_table_errors_name_the_key() {
    let stat = "[attribution]\ncheck = \"unsourced-statistic\"\nsources = [\"said\"]\n";
    // A misspelt vocabulary is an unknown field, at its line.
    let d = with_rule(
        "packs = [\"styles\"]\n",
        &format!("{HEAD}{stat}[attribution.figures]\npercents = [\"%\"]\n"),
    );
    let (code, message, at) = config_error(d.path());
    assert_eq!(code, 2);
    assert!(
        message.starts_with("error: unknown field `percents`, expected one of"),
        "{message}"
    );
    assert_eq!(at, "styles/house/r.toml:8:1");
    // Neither shapes nor patterns: nothing to recognise figures with.
    let d = with_rule("packs = [\"styles\"]\n", &format!("{HEAD}{stat}"));
    let (code, message, _) = config_error(d.path());
    assert_eq!(code, 2);
    assert_eq!(
        message,
        "error: styles/house/r.toml: this check needs an `[attribution.figures]` table or `patterns`"
    );
    // Figure shapes on another check.
    let d = with_rule(
        "packs = [\"styles\"]\n",
        &format!(
            "{HEAD}[attribution]\ncheck = \"vague-source\"\ncues = [\"experts say\"]\n[attribution.figures]\npercent = [\"%\"]\n"
        ),
    );
    let (code, message, at) = config_error(d.path());
    assert_eq!(code, 2);
    assert_eq!(
        message,
        "error: `figures` is only for the unsourced-statistic check"
    );
    assert_eq!(at, "styles/house/r.toml:7:14");
}

#[test]
fn attribution_word_list_errors_name_the_key() {
    // (check and lists, the message, where it points). HEAD takes lines 1 to 3, the
    // `[attribution]` header line 4, `check` line 5, `cues` line 6.
    let cases = [
        // A list that another analysis reads would be ignored: refused.
        (
            "check = \"anonymous-source\"\ncues = [\"officials said\"]\nwriter-voice = [\"I\"]\n",
            "error: `writer-voice` is only for the vague-source check",
            "styles/house/r.toml:7:1",
        ),
        (
            "check = \"unverified-as-fact\"\ncues = [\"unverified\"]\nconditions = [\"if\"]\n",
            "error: `conditions` is only for the vague-source and anonymous-source checks",
            "styles/house/r.toml:7:1",
        ),
        // A phrase in a list compared word by word would never match.
        (
            "check = \"vague-source\"\ncues = [\"experts say\"]\nsentence-openers = [\"the\", \"of course\"]\n",
            "error: `sentence-openers` is compared word by word; “of course” is not one word",
            "styles/house/r.toml:7:29",
        ),
        (
            "check = \"vague-source\"\ncues = [\"experts say\"]\nconditions = [\" \"]\n",
            "error: `conditions` has an empty entry",
            "styles/house/r.toml:7:1",
        ),
        // The gate finds only forms of "I", "me", "my" and "myself".
        (
            "check = \"unquoted-quotation\"\ncues = [\"we\"]\nspeaker-words = [\"I’m\", \"mine\"]\n",
            "error: `speaker-words` entries are forms of “I”, “me”, “my” or “myself” (“I”, “me”, \
             “Me”, “my”, “My”, “myself”, “Myself”, then optionally an apostrophe and more); \
             “mine” is not one",
            "styles/house/r.toml:7:26",
        ),
    ];
    for (table, expected, expected_at) in cases {
        let d = with_rule(
            "packs = [\"styles\"]\n",
            &format!("{HEAD}[attribution]\n{table}"),
        );
        let (code, message, at) = config_error(d.path());
        assert_eq!(code, 2, "{table}");
        assert_eq!(message, expected, "{table}");
        assert_eq!(at, expected_at, "{table}");
    }
}

#[test]
fn duplicate_rule_id_names_both_files() {
    let d = with_good("copydesk.toml", b"packs = [\"styles\"]\n");
    fs::create_dir_all(d.path().join("styles/errors")).unwrap_or_else(|e| panic!("{e}"));
    write(
        &d.path().join("styles/errors/eggcorns.toml"),
        &format!("{HEAD}[substitution]\nswap = {{ \"a\" = \"b\" }}\n"),
    );
    let (code, _, err) = concise(d.path(), &["good.md"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: styles/errors/eggcorns.toml: duplicate rule id `errors.eggcorns` (also defined in rules/errors/eggcorns.toml)\n"
    );
}

#[test]
fn regex_too_large_is_refused_with_the_limit() {
    let d = with_rule(
        "packs = [\"styles\"]\n",
        &format!("{HEAD}[existence]\npatterns = [\"\\\\pL{{1000}}\"]\n"),
    );
    let (code, message, at) = config_error(d.path());
    assert_eq!(code, 2);
    assert_eq!(
        message,
        "error: regex `\\pL{1000}` is too large: compiled, it would exceed the limit of 1024 KiB for a rule regex; simplify it or split it"
    );
    assert_eq!(at, "styles/house/r.toml:5:14");
}

#[test]
fn regex_too_complex_to_search_in_time_is_refused() {
    // Within the size limit, but nested counted repetitions make thousands of automaton
    // states, and the search ran at 24 KB/s.
    let d = with_rule(
        "packs = [\"styles\"]\n",
        &format!("{HEAD}[existence]\npatterns = [\"(a{{1,50}}){{1,50}}b\"]\n"),
    );
    let (code, message, at) = config_error(d.path());
    assert_eq!(code, 2);
    assert!(
        message.starts_with("error: regex `(a{1,50}){1,50}b` is too complex: it compiles to "),
        "{message}"
    );
    assert!(message.contains("more than the limit of 2000"), "{message}");
    assert_eq!(at, "styles/house/r.toml:5:14");
}

#[test]
fn empty_word_lists_are_refused() {
    for (body, want, at) in [
        (
            "[substitution]\nswap = {}\n",
            "error: `swap` has no entries",
            "styles/house/r.toml:5:1",
        ),
        (
            "[existence]\ntokens = []\n",
            "error: [existence] needs `tokens` or `patterns`",
            "styles/house/r.toml:4:1",
        ),
        (
            "[existence]\ntokens = [\" \"]\n",
            "error: an empty token cannot be matched",
            "styles/house/r.toml:5:1",
        ),
        (
            "[existence]\ntokens = [\"x\"]\ntriggers = [\"  \"]\n",
            "error: `triggers` gate the `patterns`; this rule has none",
            "styles/house/r.toml:6:1",
        ),
        (
            "[existence]\npatterns = ['a  b']\ntriggers = [\"\"]\n",
            "error: a trigger must be a non-empty string on one line, not \"\"",
            "styles/house/r.toml:6:1",
        ),
    ] {
        let d = with_rule("packs = [\"styles\"]\n", &format!("{HEAD}{body}"));
        let (code, message, loc) = config_error(d.path());
        assert_eq!(
            (code, message.as_str(), loc.as_str()),
            (2, want, at),
            "{body}"
        );
    }
}

#[test]
fn substitution_that_would_loop_in_fix_is_refused() {
    for (swap, want, at) in [
        (
            "\"e-mail\" = \"e-mail address\"",
            "error: the replacement of `e-mail` contains `e-mail` again: a fix would never finish",
            "styles/house/r.toml:5:11",
        ),
        (
            "\"colour\" = \"color\", \"color\" = \"colour\"",
            "error: replacements form a cycle (color -> colour -> color): a fix would never finish",
            "styles/house/r.toml:5:22",
        ),
        (
            "\"Email\" = \"email\"",
            "error: `Email` is replaced by itself: a fix would never finish",
            "styles/house/r.toml:5:11",
        ),
    ] {
        let d = with_rule(
            "packs = [\"styles\"]\n",
            &format!("{HEAD}[substitution]\nswap = {{ {swap} }}\n"),
        );
        let (code, message, loc) = config_error(d.path());
        assert_eq!(
            (code, message.as_str(), loc.as_str()),
            (2, want, at),
            "{swap}"
        );
    }
}

/// Rule packs are data: there is no key that runs a command, reads a file or fetches a
/// URL, and any such key is an unknown-field error. A `link` is only ever printed.
#[test]
fn rule_packs_cannot_run_code_read_files_or_reach_the_network() {
    for key in [
        "exec = \"rm -rf /\"",
        "command = [\"sh\", \"-c\", \"id\"]",
        "include = \"/etc/passwd\"",
        "import = \"https://example.invalid/pack.toml\"",
        "script = \"os.exit()\"",
    ] {
        let d = with_rule(
            "packs = [\"styles\"]\n",
            &format!("{HEAD}{key}\n[substitution]\nswap = {{ \"a\" = \"b\" }}\n"),
        );
        let (code, message, at) = config_error(d.path());
        let name = key.split(' ').next().unwrap_or_default();
        assert_eq!(code, 2);
        assert!(
            message.starts_with(&format!("error: unknown field `{name}`")),
            "{message}"
        );
        assert_eq!(at, "styles/house/r.toml:4:1");
    }
    // A link to a local file or a URL is text: shown by `explain`, never opened.
    let d = with_rule(
        "packs = [\"styles\"]\n",
        &format!("{HEAD}link = \"file:///etc/shadow\"\n[substitution]\nswap = {{ \"wrongly\" = \"rightly\" }}\n"),
    );
    let (code, out, _) = run(d.path(), &["explain", "house.r"]);
    assert_eq!(code, 0);
    assert!(out.contains("file:///etc/shadow"), "{out}");
    assert!(!out.contains("root:"), "{out}");
}
