//! Fixture articles: their full expected output is a snapshot, and every diagnostic obeys
//! the span invariant (its text is the source bytes at its span; line and column agree).

mod common;
use common::copydesk;

use serde_json::Value;
use std::path::Path;

fn json_for(dir: &str) -> Value {
    let out = copydesk()
        .args(["check", "--format", "json", dir])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("bad JSON: {e}"))
}

/// Independent line/column computation: 1-based, columns in Unicode scalar values,
/// a leading BOM not counted.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut col_text = &text[line_start..offset];
    if line_start == 0 {
        col_text = col_text.strip_prefix('\u{feff}').unwrap_or(col_text);
    }
    (line, col_text.chars().count() + 1)
}

/// Checks the span invariant for every diagnostic of a JSON report.
pub fn assert_spans_exact(report: &Value) -> usize {
    let diags = report["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("no diagnostics array"));
    for d in diags {
        let path = d["path"].as_str().unwrap_or_default();
        let bytes = std::fs::read(Path::new(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        let (s, e) = (
            d["span"]["start"].as_u64().unwrap_or(0) as usize,
            d["span"]["end"].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(
            d["text"].as_str(),
            Some(&text[s..e]),
            "text != source bytes for {d}"
        );
        assert!(e > s, "empty span: {d}");
        let (l, c) = line_col(&text, s);
        let (el, ec) = line_col(&text, e);
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(l as u64), Some(c as u64)),
            "{d}"
        );
        assert_eq!(
            (d["end_line"].as_u64(), d["end_column"].as_u64()),
            (Some(el as u64), Some(ec as u64)),
            "{d}"
        );
    }
    diags.len()
}

#[test]
fn fixture_spans_are_exact() {
    let report = json_for("fixtures");
    assert!(assert_spans_exact(&report) > 10);
}

#[test]
fn fixture_articles_snapshot() {
    let out = copydesk()
        .args(["check", "--format", "concise", "fixtures/articles"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("articles_concise", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn fixture_articles_human_snapshot() {
    let out = copydesk()
        .args([
            "check",
            "--color",
            "never",
            "fixtures/articles/border-crossing.md",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!(
        "border_crossing_human",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn clean_article_has_no_findings() {
    let out = copydesk()
        .args([
            "check",
            "--format",
            "concise",
            "fixtures/articles/clean-feature.md",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn fixture_json_snapshot() {
    let report = json_for("fixtures/articles/science-desk.md");
    insta::assert_json_snapshot!("science_desk_json", report);
}
