//! The lines a person reads on stderr after a run: the summary of a check, of a fix, and
//! what a baseline hid.

use crate::outcome::Outcome;
use crate::report::Counts;
use crate::text::escape::controls;
use crate::text::path::display;
use std::path::Path;

/// `1 file`, `2 files`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// An entry of a baseline that no finding matched any more: its path, line, rule and
/// the text it recorded.
pub type Gone<'a> = (&'a str, usize, &'a str, &'a str);

/// What a baseline hid (`known` findings), and the entries no finding matched any more,
/// one per line.
pub fn baseline(path: &Path, known: usize, gone_entries: &[Gone<'_>]) -> String {
    let gone = gone_entries.len();
    let mut out = format!(
        "baseline {}: {} hidden",
        display(path),
        plural(known, "known problem")
    );
    if gone > 0 {
        out.push_str(&format!(
            "; {} no longer found (fixed?): shrink it with `copydesk baseline --output {}`",
            if gone == 1 {
                "1 entry".to_string()
            } else {
                format!("{gone} entries")
            },
            display(path)
        ));
    }
    // The entries come from the baseline file, which anyone may have written.
    for (path, line, rule, text) in gone_entries {
        out.push_str(&format!(
            "\n  gone: {}:{line}: [{}] “{}”",
            controls(path, &[]),
            controls(rule, &[]),
            controls(text, &[])
        ));
    }
    out
}

/// The closing line of a check: files, findings by severity, time, and failures.
pub fn check(outcome: &Outcome, counts: &Counts, seconds: f64) -> String {
    format!(
        "{}{} checked, {} found ({} error{}, {} warning{}, {} info) in {:.2}s{}",
        plural(outcome.checked, "file"),
        if outcome.cached > 0 {
            format!(" ({} unchanged, from the cache)", outcome.cached)
        } else {
            String::new()
        },
        plural(counts.total(), "problem"),
        counts.error,
        if counts.error == 1 { "" } else { "s" },
        counts.warning,
        if counts.warning == 1 { "" } else { "s" },
        counts.info,
        seconds,
        if outcome.failures.is_empty() {
            String::new()
        } else {
            format!(
                "; {} could not be checked",
                plural(outcome.failures.len(), "path")
            )
        }
    )
}

/// The closing line of a fix: `applied` fixes in `files` files (`Fixed ...`, or
/// `Would fix ...` with `--diff`).
pub fn fix(applied: usize, files: usize, counts: &Counts, diff: bool) -> String {
    let verb = if diff { "Would fix" } else { "Fixed" };
    format!(
        "{verb} {} in {}; {} remaining.",
        plural(applied, "problem"),
        plural(files, "file"),
        plural(counts.total(), "problem")
    )
}
