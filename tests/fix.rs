//! `copydesk fix`: what it changes, what it keeps, and that it never leaves a half-written file.

mod common;
use common::{copydesk, read, run, tmp, write};

use std::fs;
use std::path::Path;

#[test]
fn fixes_keep_case_apostrophes_bom_crlf_and_code() {
    let d = tmp();
    let a = d.path().join("a.md");
    write(
        &a,
        "\u{feff}It was HAIR-BRAINED.\r\nHair-brained, said the length’s he would go to.\r\nAnd the length's she went to.\r\n\r\n```\r\nhinderance\r\n```\r\n",
    );
    let (code, out, err) = run(d.path(), &["fix", "a.md"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        read(&a),
        "\u{feff}It was HAREBRAINED.\r\nHarebrained, said the lengths he would go to.\r\nAnd the lengths she went to.\r\n\r\n```\r\nhinderance\r\n```\r\n"
    );
    assert!(
        err.contains("Fixed 4 problems in 1 file; 0 problems remaining."),
        "{err}"
    );
}

#[test]
fn unsafe_fixes_need_the_flag() {
    let d = tmp();
    let a = d.path().join("a.md");
    write(&a, "We waited a hour.\n");
    let (code, _, _) = run(d.path(), &["fix", "a.md"]);
    assert_eq!(code, 1, "the a/an finding remains");
    assert_eq!(read(&a), "We waited a hour.\n");
    let (code, _, _) = run(d.path(), &["fix", "--unsafe-fixes", "a.md"]);
    assert_eq!(code, 0);
    assert_eq!(read(&a), "We waited an hour.\n");
}

#[cfg(unix)]
#[test]
fn permissions_mtime_and_read_only_files() {
    use std::os::unix::fs::PermissionsExt;
    let d = tmp();
    let a = d.path().join("a.md");
    let clean = d.path().join("clean.md");
    let ro = d.path().join("ro.md");
    write(&a, "A hinderance.\n");
    write(&clean, "Nothing to fix.\n");
    write(&ro, "A hinderance.\n");
    fs::set_permissions(&a, fs::Permissions::from_mode(0o640)).unwrap_or_else(|e| panic!("{e}"));
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap_or_else(|e| panic!("{e}"));
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(86_400);
    let f = fs::File::options()
        .write(true)
        .open(&clean)
        .unwrap_or_else(|e| panic!("{e}"));
    f.set_modified(old).unwrap_or_else(|e| panic!("{e}"));
    drop(f);
    let mtime = |p: &Path| {
        fs::metadata(p)
            .and_then(|m| m.modified())
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let before = mtime(&clean);

    let (code, _, err) = run(d.path(), &["fix", "."]);
    assert_eq!(
        code, 2,
        "a file that could not be written makes the run fail: {err}"
    );
    assert!(
        err.contains("ro.md: cannot write fixes: permission denied"),
        "{err}"
    );
    assert_eq!(
        read(&a),
        "A hindrance.\n",
        "the run went on past the read-only file"
    );
    assert_eq!(read(&ro), "A hinderance.\n");
    let mode = fs::metadata(&a)
        .map(|m| m.permissions().mode() & 0o777)
        .unwrap_or(0);
    assert_eq!(mode, 0o640);
    assert_eq!(
        mtime(&clean),
        before,
        "a file with nothing to fix is not touched"
    );
}

#[test]
fn diff_writes_nothing_and_git_apply_accepts_it() {
    let d = tmp();
    let a = d.path().join("a.md");
    let original = "Line one.\nA hinderance here.\nLine three.\n";
    write(&a, original);
    let (code, diff, _) = run(d.path(), &["fix", "--diff", "a.md"]);
    assert_eq!(code, 1, "changes pending");
    assert_eq!(read(&a), original, "--diff writes nothing");
    assert_eq!(
        diff,
        "--- a/a.md\n+++ b/a.md\n@@ -1,3 +1,3 @@\n Line one.\n-A hinderance here.\n+A hindrance here.\n Line three.\n"
    );
    let patch = d.path().join("p.diff");
    write(&patch, &diff);
    let git = std::process::Command::new("git")
        .current_dir(d.path())
        .args(["apply", "--unsafe-paths", "p.diff"])
        .status();
    if let Ok(status) = git {
        assert!(status.success(), "git apply rejected the diff");
        assert_eq!(read(&a), "Line one.\nA hindrance here.\nLine three.\n");
    }
    let (code, diff, _) = run(d.path(), &["fix", "--diff", "a.md"]);
    assert_eq!((code, diff.as_str()), (0, ""), "nothing left to fix");
}

/// File names that a diff header cannot carry as they are (a tab, a newline, a quote, a
/// backslash, a byte that is not UTF-8) are quoted as git quotes them, `"a/x\ty.md"`,
/// and a name with a space ends with a tab, as git writes it; `git apply` and `patch`
/// take the diff and fix the right files.
#[cfg(unix)]
#[test]
fn diff_headers_quote_odd_file_names_as_git_does() {
    use std::os::unix::ffi::OsStrExt;
    let d = tmp();
    let names: [(&[u8], &str); 5] = [
        (b"tab\there.md", "\"a/tab\\there.md\""),
        (b"new\nline.md", "\"a/new\\nline.md\""),
        (b"q\"uo\\te\x1b.md", "\"a/q\\\"uo\\\\te\\033.md\""),
        (b"caf\xc3\xa9 \xff.md", "\"a/caf\u{e9} \\377.md\"\t"),
        (b"plain name.md", "a/plain name.md\t"),
    ];
    let text = "Line one.\nA hinderance here.\n";
    for (name, _) in names {
        fs::write(d.path().join(std::ffi::OsStr::from_bytes(name)), text)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let (code, diff, err) = run(d.path(), &["fix", "--diff", "."]);
    assert_eq!(code, 1, "{err}");
    for (_, header) in names {
        let b = header.replacen("a/", "b/", 1);
        assert!(
            diff.contains(&format!("\n--- {header}\n+++ {b}\n"))
                || diff.starts_with(&format!("--- {header}\n+++ {b}\n")),
            "{header:?} in {diff:?}"
        );
    }
    assert_eq!(diff.matches("\n+A hindrance here.\n").count(), 5, "{diff}");
    let patch = d.path().join("p.diff");
    write(&patch, &diff);
    if let Ok(dry) = std::process::Command::new("patch")
        .current_dir(d.path())
        .args(["-p1", "--dry-run", "-i", "p.diff"])
        .output()
    {
        assert!(
            dry.status.success(),
            "patch: {}",
            String::from_utf8_lossy(&dry.stdout)
        );
    }
    let applied = std::process::Command::new("git")
        .current_dir(d.path())
        .args(["apply", "--unsafe-paths", "p.diff"])
        .output();
    let Ok(applied) = applied else { return }; // no git
    assert!(
        applied.status.success(),
        "git apply: {}",
        String::from_utf8_lossy(&applied.stderr)
    );
    for (name, _) in names {
        let p = d.path().join(std::ffi::OsStr::from_bytes(name));
        assert_eq!(read(&p), "Line one.\nA hindrance here.\n", "{p:?}");
    }
    assert_eq!(
        fs::read_dir(d.path()).map(Iterator::count).unwrap_or(0),
        6,
        "no new files"
    );
}

#[test]
fn stdin_fix_prints_the_fixed_text() {
    let out = copydesk()
        .args(["fix", "--stdin-filename", "x.md", "-"])
        .write_stdin("Some `hinderance` code and a hinderance.\n")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Some `hinderance` code and a hindrance.\n"
    );
}

#[test]
fn fixing_fixtures_twice_changes_nothing_the_second_time() {
    let d = tmp();
    for entry in fs::read_dir("fixtures/articles")
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        fs::copy(entry.path(), d.path().join(entry.file_name())).unwrap_or_else(|e| panic!("{e}"));
    }
    for entry in fs::read_dir("fixtures/markup")
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        fs::copy(entry.path(), d.path().join(entry.file_name())).unwrap_or_else(|e| panic!("{e}"));
    }
    let (_, _, err) = run(d.path(), &["fix", "--unsafe-fixes", "."]);
    assert!(err.starts_with("Fixed "), "{err}");
    assert!(!err.contains("Fixed 0 problems"), "{err}");
    let snapshot: Vec<(std::ffi::OsString, Vec<u8>)> = fs::read_dir(d.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|e| (e.file_name(), fs::read(e.path()).unwrap_or_default()))
        .collect();
    let (_, _, err) = run(d.path(), &["fix", "--unsafe-fixes", "."]);
    assert!(err.contains("Fixed 0 problems in 0 files"), "{err}");
    for (name, bytes) in snapshot {
        assert_eq!(
            fs::read(d.path().join(&name)).unwrap_or_default(),
            bytes,
            "{name:?} changed"
        );
    }
}

#[cfg(unix)]
#[test]
fn sigkill_leaves_every_file_entirely_old_or_entirely_new() {
    let d = tmp();
    let old: String = "A hinderance, definately a seperate matter. ".repeat(400) + "\n";
    let new: String = "A hindrance, definitely a separate matter. ".repeat(400) + "\n";
    for i in 0..1500 {
        let sub = d.path().join(format!("d{}", i % 30));
        fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{e}"));
        write(&sub.join(format!("f{i}.md")), &old);
    }
    let bin = assert_cmd::cargo::cargo_bin("copydesk");
    let mut child = std::process::Command::new(bin)
        .current_dir(d.path())
        .args(["fix", "--quiet", "--threads", "2", "."])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    std::thread::sleep(std::time::Duration::from_millis(250));
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
    let (mut n_old, mut n_new) = (0, 0);
    for i in 0..1500 {
        let p = d
            .path()
            .join(format!("d{}", i % 30))
            .join(format!("f{i}.md"));
        let text = read(&p);
        if text == old {
            n_old += 1;
        } else if text == new {
            n_new += 1;
        } else {
            panic!(
                "{} is neither old nor new ({} bytes)",
                p.display(),
                text.len()
            );
        }
    }
    assert_eq!(n_old + n_new, 1500);
}
