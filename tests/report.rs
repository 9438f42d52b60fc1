//! `copydesk report`: the HTML file is self-contained, its embedded data matches the JSON
//! output, a baseline marks what is new, and hostile text stays text. The page itself is
//! tested in a real browser by `scripts/test-report-browser` (run by `.ci/run`).

mod common;

use common::{run, tmp, write};
use serde_json::Value;
use std::fs;
use std::path::Path;

/// The JSON document the report embeds.
fn embedded(html: &str) -> Value {
    let open = r#"<script id="copydesk-data" type="application/json">"#;
    let start = html.find(open).unwrap_or_else(|| panic!("no data")) + open.len();
    let end = start
        + html[start..]
            .find("</script>")
            .unwrap_or_else(|| panic!("no end"));
    serde_json::from_str(&html[start..end]).unwrap_or_else(|e| panic!("{e}"))
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let (_, out, _) = run(dir, &[&["check", "--format", "json"], args].concat());
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn report_holds_every_finding_of_the_json_output() {
    let d = tmp();
    let out = d.path().join("r.html");
    let out_s = out.to_string_lossy().into_owned();
    let (code, stdout, err) = run(
        Path::new("."),
        &["report", "fixtures/articles", "-o", &out_s],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(stdout, "");
    assert!(err.starts_with(&format!("wrote {out_s}: ")), "{err}");
    let html = common::read(&out);
    // Self-contained: no external script, style, font or image, and a policy that
    // forbids loading any.
    for banned in ["<link", " src=", "@import", "url(", "@font-face"] {
        assert!(!html.contains(banned), "{banned}");
    }
    assert!(html.contains("default-src 'none'"));
    let data = embedded(&html);
    let doc = json(Path::new("."), &["fixtures/articles"]);
    let diags = doc["diagnostics"].as_array().cloned().unwrap_or_default();
    let findings = data["findings"].as_array().cloned().unwrap_or_default();
    assert_eq!(findings.len(), diags.len());
    assert_eq!(data["checked"], doc["summary"]["files"]);
    let files = data["files"].as_array().cloned().unwrap_or_default();
    let rules = data["rules"].as_array().cloned().unwrap_or_default();
    let strings = data["strings"].as_array().cloned().unwrap_or_default();
    let passages = data["passages"].as_array().cloned().unwrap_or_default();
    for (f, d) in findings.iter().zip(&diags) {
        let at = |k: usize| f[k].as_u64().unwrap_or(u64::MAX) as usize;
        assert_eq!(files[at(0)][0], d["path"]);
        assert_eq!(
            (f[1].clone(), f[2].clone()),
            (d["line"].clone(), d["column"].clone())
        );
        assert_eq!(rules[at(3)][0], d["rule"]);
        assert_eq!(strings[at(5)], d["message"]);
        // The span in its passage (UTF-16 offsets) is the finding's text.
        let text: Vec<u16> = passages[at(6)][2]
            .as_str()
            .unwrap_or("")
            .encode_utf16()
            .collect();
        let shown = String::from_utf16_lossy(&text[at(7)..at(8)]);
        assert_eq!(shown, d["text"].as_str().unwrap_or("").replace('\r', " "));
        assert_eq!(f[10], 1, "without a baseline every finding is new");
    }
    // Words are counted in the prose: the article with the most findings has hundreds.
    assert!(
        files.iter().all(|f| f[1].as_u64().unwrap_or(0) > 100),
        "{files:?}"
    );
}

#[test]
fn baseline_marks_what_is_new() {
    let d = tmp();
    write(
        &d.path().join("a.md"),
        "A hair-brained plan.\n\nThe Kiev office.\n",
    );
    let (code, _, err) = run(d.path(), &["baseline", "."]);
    assert_eq!(code, 0, "{err}");
    write(
        &d.path().join("a.md"),
        "A hair-brained plan.\n\nThe Kiev office.\n\nA deep-seeded doubt.\n",
    );
    let (code, _, err) = run(
        d.path(),
        &[
            "report",
            ".",
            "--baseline",
            "copydesk-baseline.json",
            "-o",
            "r.html",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let data = embedded(&common::read(&d.path().join("r.html")));
    assert_eq!(data["baseline"], "copydesk-baseline.json");
    let new: Vec<u64> = data["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| f[10].as_u64().unwrap_or(9))
        .collect();
    assert_eq!(new, [0, 0, 1]);
}

#[test]
fn hostile_text_and_names_stay_text() {
    let d = tmp();
    let name = "x<img src=x onerror=alert(1)>.md";
    write(
        &d.path().join(name),
        "A <script>alert(1)</script> hair-brained </script><!-- plan & more \u{2028}.\n",
    );
    let (code, _, err) = run(d.path(), &["report", ".", "-o", "-"]);
    assert_eq!(code, 0, "{err}");
    let (_, html, _) = run(d.path(), &["report", ".", "-o", "-", "-q"]);
    // The only script elements are the page's two.
    assert_eq!(html.matches("<script").count(), 2);
    assert_eq!(html.matches("</script>").count(), 2);
    assert!(!html.contains("<img"));
    let data = embedded(&html);
    assert_eq!(data["files"][0][0], name);
    assert!(data["passages"][0][2]
        .as_str()
        .unwrap_or("")
        .contains("<script>alert(1)</script>"));
}

#[test]
fn report_errors_exit_2_and_name_the_file() {
    let d = tmp();
    write(&d.path().join("a.md"), "A hair-brained plan.\n");
    let (code, _, err) = run(d.path(), &["report", ".", "--baseline", "missing.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.json"), "{err}");
    let (code, _, err) = run(d.path(), &["report", ".", "-o", "no/such/dir/r.html"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot write no/such/dir/r.html"), "{err}");
    fs::write(d.path().join("bad.md"), b"caf\xe9\n").unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = run(d.path(), &["report", "."]);
    assert_eq!(code, 2, "a file that cannot be linted");
    assert!(err.contains("bad.md"), "{err}");
    let html = common::read(&d.path().join("copydesk-report.html"));
    assert_eq!(embedded(&html)["failures"][0][0], "bad.md");
}
