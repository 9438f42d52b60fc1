//! A real editor: headless Neovim attaches `copydesk lsp` to a Markdown file, receives
//! its diagnostics, applies a quick fix and a suppression through its own code-action
//! machinery, and writes the buffer (tests/editor/lsp.lua); this test checks the file.
//!
//! Skipped, with a notice, when `nvim` is not installed, unless
//! `COPYDESK_REQUIRE_EDITOR=1` (set by .ci/run, which installs Debian's `neovim`).

// A test that cannot go on fails at once, with the reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn neovim_applies_a_quick_fix_and_a_suppression() {
    let has_nvim = Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has_nvim {
        assert!(
            std::env::var_os("COPYDESK_REQUIRE_EDITOR").is_none(),
            "COPYDESK_REQUIRE_EDITOR is set but nvim is not installed"
        );
        eprintln!("note: nvim not found; the editor test is skipped (apt-get install neovim)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let file = dir.path().join("article.md");
    let text =
        "# Émile’s 😀 plan\n\nÉmile 😀 said it was a hair-brained plan, then\nflew to Kiev.\n";
    std::fs::write(&file, text).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/editor/lsp.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n"])
        .arg("-c")
        .arg(format!("luafile {script}"))
        .env("COPYDESK_BIN", env!("CARGO_BIN_EXE_copydesk"))
        .env("COPYDESK_FILE", &file)
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish in time");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        use std::io::Read;
        let _ = e.read_to_string(&mut err);
    }
    assert!(status.success(), "nvim failed: {err}");
    let after = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        after,
        "# Émile’s 😀 plan\n\nÉmile 😀 said it was a harebrained plan, then \
         <!-- copydesk-disable-next-line variants.places -->\nflew to Kiev.\n"
    );
}
