//! The human format: excerpts that fit the terminal's width with exact places, findings of
//! a paragraph under one excerpt, and `--format grouped`. Snapshots at two widths of a
//! file with non-ASCII text, tabs and CRLF line endings, plus checks over every fixture
//! that the places shown are those of the JSON output and that rows fit the width.

mod common;

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const WIDE: &str = "tests/data/human/wide.md";

fn human(width: usize, paths: &[&str]) -> String {
    let out = common::copydesk()
        .current_dir(Path::new("."))
        .env("COLUMNS", width.to_string())
        .args(["check", "--format", "human"])
        .args(paths)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn wide_paragraph_at_60_columns() {
    insta::assert_snapshot!("wide_60", human(60, &[WIDE]));
}

#[test]
fn wide_paragraph_at_100_columns() {
    insta::assert_snapshot!("wide_100", human(100, &[WIDE]));
}

#[test]
fn grouped_format_snapshot() {
    let (code, out, err) = common::run(
        Path::new("."),
        &["check", "--format", "grouped", "fixtures/articles", WIDE],
    );
    assert_eq!(code, 1, "{err}");
    insta::assert_snapshot!("grouped", out);
}

/// Every finding of the JSON output, as `path:line:column`.
fn places(paths: &[&str]) -> Vec<String> {
    let (_, out, _) = common::run(
        Path::new("."),
        &[&["check", "--format", "json"], paths].concat(),
    );
    let doc: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}"));
    doc["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            format!(
                "{}:{}:{}",
                d["path"].as_str().unwrap_or(""),
                d["line"],
                d["column"]
            )
        })
        .collect()
}

/// Display columns of a line of output (tabs are expanded by the renderer already).
fn columns(s: &str) -> usize {
    s.chars()
        .map(|c| {
            // The wide characters of the test data (CJK) take two columns.
            if ('\u{3000}'..='\u{9fff}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum()
}

/// The output's excerpts, each as one string: from a header (a line that does not start
/// with a space) to the next, lines joined by spaces.
fn blocks(out: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    for line in out.lines() {
        if !line.starts_with(' ')
            && !line.is_empty()
            && !line.chars().next().is_some_and(|c| c.is_ascii_digit())
        {
            blocks.push(String::new());
        }
        if let Some(b) = blocks.last_mut() {
            b.push(' ');
            b.push_str(line);
        }
    }
    blocks
}

#[test]
fn places_are_exact_and_rows_fit_at_every_width() {
    let paths = ["fixtures/articles", "fixtures/markup", WIDE];
    let expected = places(&paths);
    assert!(expected.len() > 20);
    let locus = regex::Regex::new(r"┌─ (\S+):(\d+:\d+)").unwrap_or_else(|e| panic!("{e}"));
    let note = regex::Regex::new(r"= \d+:\s+(?:error|warning|info)\[[^\]]+\]\s+at\s+(\d+:\d+):")
        .unwrap_or_else(|e| panic!("{e}"));
    for width in [40, 60, 80, 100, 160] {
        let out = human(width, &paths);
        // Each finding is either an excerpt's own (its header's locus) or a numbered
        // note of a paragraph's excerpt (`= 1: warning[rule] at L:C: …`, maybe wrapped).
        let mut shown = Vec::new();
        for block in blocks(&out) {
            let Some(locus) = locus.captures(&block) else {
                panic!("no locus in {block}");
            };
            let path = &locus[1];
            if block.contains("problems in this paragraph") {
                for c in note.captures_iter(&block) {
                    shown.push(format!("{path}:{}", &c[1]));
                }
            } else {
                shown.push(format!("{path}:{}", &locus[2]));
            }
        }
        for line in out.lines() {
            // Source rows (`12 │ text`) fit the width.
            if line
                .trim_start()
                .split_once(" │ ")
                .is_some_and(|(n, _)| n.parse::<usize>().is_ok())
            {
                assert!(columns(line) <= width, "{width}: {line}");
            }
        }
        let got: BTreeSet<&String> = shown.iter().collect();
        let want: BTreeSet<&String> = expected.iter().collect();
        assert_eq!(got, want, "width {width}");
        assert_eq!(shown.len(), expected.len(), "width {width}");
    }
}

#[test]
fn a_paragraph_with_many_findings_is_shown_once() {
    let out = human(100, &[WIDE]);
    assert_eq!(
        out.matches("Café owners").count(),
        0,
        "the cut start of the line"
    );
    assert_eq!(out.matches("problems in this paragraph").count(), 2);
    assert!(out.contains("hair-brained → harebrained"), "{out}");
    assert!(out.contains("┌─ tests/data/human/wide.md:3:71"), "{out}");
}
