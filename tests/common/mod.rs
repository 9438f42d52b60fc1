//! Helpers shared by the integration tests: run the built binary, make temporary trees.

#![allow(dead_code)] // each test crate uses its own subset

use assert_cmd::Command;
use std::path::Path;

/// The copydesk binary, with colour off and the result cache off (tests that exercise
/// the cache turn it on with `--cache-dir`, which wins over the environment).
pub fn copydesk() -> Command {
    let mut c = Command::cargo_bin("copydesk").unwrap_or_else(|e| panic!("{e}"));
    c.env("NO_COLOR", "1");
    // Human output is laid out for the terminal's width: the same for every test run.
    c.env("COLUMNS", "100");
    c.env("COPYDESK_NO_CACHE", "1");
    c.env_remove("COPYDESK_CACHE_DIR");
    // The cache's key is made in the user's cache directory: keep the tests' out of it.
    c.env(
        "XDG_CACHE_HOME",
        std::env::temp_dir().join("copydesk-tests-xdg-cache"),
    );
    c
}

/// Runs copydesk in `dir`: exit code, stdout, stderr.
pub fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = copydesk()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh temporary directory.
pub fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

/// Writes a file or fails the test.
pub fn write(p: &Path, s: &str) {
    std::fs::write(p, s).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
}

/// Reads a file or fails the test.
pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}
