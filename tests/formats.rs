//! Output formats: a snapshot of every format over fixtures/articles, SARIF validated
//! against the official SARIF 2.1.0 schema on every fixture, and exact checks of escaping
//! and positions in the machine formats.

mod common;
use common::run as run_in;

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn run(args: &[&str]) -> (i32, String, String) {
    run_in(Path::new("."), args)
}

fn articles(format: &str) -> String {
    let (code, out, err) = run(&["check", "--format", format, "fixtures/articles"]);
    assert_eq!(code, 1, "{err}");
    if format != "human" {
        assert_eq!(err, "", "machine formats print nothing on stderr");
    }
    out
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("bad JSON ({e}): {s}"))
}

#[test]
fn human_snapshot() {
    insta::assert_snapshot!("articles_human", articles("human"));
}

#[test]
fn json_snapshot() {
    insta::assert_json_snapshot!("articles_json", json(&articles("json")));
}

#[test]
fn jsonl_snapshot_and_lines_equal_json_diagnostics() {
    let out = articles("jsonl");
    let lines: Vec<Value> = out.lines().map(json).collect();
    let doc = json(&articles("json"));
    assert_eq!(Some(&lines), doc["diagnostics"].as_array());
    insta::assert_snapshot!("articles_jsonl", out);
}

#[test]
fn github_snapshot() {
    insta::assert_snapshot!("articles_github", articles("github"));
}

#[test]
fn checkstyle_snapshot() {
    insta::assert_snapshot!("articles_checkstyle", articles("checkstyle"));
}

#[test]
fn junit_snapshot() {
    insta::assert_snapshot!("articles_junit", articles("junit"));
}

#[test]
fn rdjson_snapshot() {
    insta::assert_json_snapshot!("articles_rdjson", json(&articles("rdjson")));
}

/// The SARIF log with what changes with every rule edit or release shortened: rule
/// descriptions and help (the registry's text, tested elsewhere) and the version.
#[test]
fn sarif_snapshot() {
    let mut log = json(&articles("sarif"));
    let driver = &mut log["runs"][0]["tool"]["driver"];
    driver["version"] = "[version]".into();
    driver["semanticVersion"] = "[version]".into();
    for r in driver["rules"].as_array_mut().into_iter().flatten() {
        r["fullDescription"]["text"] = "[description]".into();
        r["help"]["text"] = "[help]".into();
    }
    insta::assert_json_snapshot!("articles_sarif", log);
}

/// The pattern of the `language` properties in the official schema has a lone `]`, which ECMA-262
/// (Annex B) reads as a literal `]` but Rust's regex engines reject.
const LANGUAGE_PATTERN: &str = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;

fn sarif_validator() -> jsonschema::Validator {
    let text =
        fs::read_to_string("tests/data/sarif-schema-2.1.0.json").unwrap_or_else(|e| panic!("{e}"));
    // Escape that `]`: the same language to JavaScript, compilable here. The file itself
    // stays byte-for-byte the official one.
    assert_eq!(text.matches(LANGUAGE_PATTERN).count(), 2);
    let schema = json(&text.replace(
        LANGUAGE_PATTERN,
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#,
    ));
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("schema does not compile: {e}"))
}

fn assert_valid_sarif(v: &jsonschema::Validator, log: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: invalid SARIF:\n{}",
        errors.join("\n")
    );
}

/// Checks what the schema cannot: rule indexes, regions and fixes agree with the source.
fn assert_sarif_consistent(log: &Value, what: &str) -> usize {
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap_or_else(|| panic!("no rules"));
    let results = run["results"]
        .as_array()
        .unwrap_or_else(|| panic!("no results"));
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
        assert_eq!(
            rules.get(i).map(|x| &x["id"]),
            Some(&r["ruleId"]),
            "{what}: {r}"
        );
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap_or_default();
        let text = fs::read(uri).unwrap_or_else(|e| panic!("{what}: {uri}: {e}"));
        let reg = &loc["region"];
        let start = reg["byteOffset"].as_u64().unwrap_or(0) as usize;
        let len = reg["byteLength"].as_u64().unwrap_or(0) as usize;
        let found = String::from_utf8_lossy(&text[start..start + len]);
        assert_eq!(
            reg["snippet"]["text"].as_str(),
            Some(&*found),
            "{what}: {r}"
        );
        // startColumn counts code points from the line start (a BOM not counted).
        let line_start = text[..start]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let prefix = String::from_utf8_lossy(&text[line_start..start]);
        let prefix = prefix.strip_prefix('\u{feff}').unwrap_or(&prefix);
        assert_eq!(
            reg["startColumn"].as_u64(),
            Some(prefix.chars().count() as u64 + 1),
            "{what}: {r}"
        );
    }
    results.len()
}

fn fixture_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["fixtures/articles", "fixtures/markup"] {
        for e in fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .flatten()
        {
            files.push(e.path());
        }
    }
    files.sort();
    files
}

#[test]
fn sarif_is_valid_on_every_fixture() {
    let v = sarif_validator();
    let mut results = 0;
    for f in fixture_files() {
        let p = f.to_string_lossy().into_owned();
        let (code, out, err) = run(&["check", "--format", "sarif", &p]);
        assert!(code == 0 || code == 1, "{p}: {err}");
        let log = json(&out);
        assert_valid_sarif(&v, &log, &p);
        results += assert_sarif_consistent(&log, &p);
    }
    assert!(results > 20, "only {results} results");
    // Both directories at once, with the unused-suppression findings of `copydesk.*`.
    let (_, out, _) = run(&[
        "check",
        "--format",
        "sarif",
        "--report-unused-suppressions",
        "fixtures/articles",
        "fixtures/markup",
    ]);
    let log = json(&out);
    assert_valid_sarif(&v, &log, "fixtures");
    assert_sarif_consistent(&log, "fixtures");
}

#[test]
fn sarif_with_fixes_failures_and_odd_paths_is_valid() {
    let v = sarif_validator();
    let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::create_dir(d.path().join("sub dir")).unwrap_or_else(|e| panic!("{e}"));
    fs::write(
        d.path().join("sub dir/é #1.md"),
        "\u{feff}Café: a hair-brained plan.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    fs::write(d.path().join("bad.md"), b"\xff\xfe\x00x").unwrap_or_else(|e| panic!("{e}"));
    let (code, out, _) = run_in(d.path(), &["check", "--format", "sarif", "."]);
    assert_eq!(code, 2);
    let log = json(&out);
    assert_valid_sarif(&v, &log, "temp");
    let run = &log["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    let r = &run["results"][0];
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "sub%20dir/%C3%A9%20%231.md");
    // BOM (3 bytes) + "Café: a " (9 bytes) = byte 12; column 9 in code points.
    assert_eq!(loc["region"]["byteOffset"], 12);
    assert_eq!(loc["region"]["startColumn"], 9);
    assert_eq!(loc["region"]["endColumn"], 21);
    let rep = &r["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(rep["deletedRegion"]["byteOffset"], 12);
    assert_eq!(rep["deletedRegion"]["byteLength"], 12);
    assert_eq!(rep["insertedContent"]["text"], "harebrained");
}

#[test]
fn the_schema_check_can_fail() {
    let v = sarif_validator();
    let (_, out, _) = run(&[
        "check",
        "--format",
        "sarif",
        "fixtures/articles/science-desk.md",
    ]);
    let mut log = json(&out);
    log["runs"][0]["results"][0]["level"] = "warn".into();
    assert!(!v.is_valid(&log), "a bad level must not validate");
    let schema = json(
        &fs::read_to_string("tests/data/sarif-schema-2.1.0.json").unwrap_or_else(|e| panic!("{e}")),
    );
    assert_eq!(
        schema["$id"],
        "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
    );
}

#[test]
fn sarif_rules_come_from_the_registry() {
    let (_, out, _) = run(&[
        "check",
        "--format",
        "sarif",
        "fixtures/articles/clean-feature.md",
    ]);
    let log = json(&out);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let (_, listed, _) = run(&["rules", "--json"]);
    let listed = json(&listed);
    for r in listed.as_array().into_iter().flatten() {
        let s = rules
            .iter()
            .find(|x| x["id"] == r["id"])
            .unwrap_or_else(|| panic!("{} missing from SARIF", r["id"]));
        assert_eq!(s["shortDescription"]["text"], r["summary"]);
        assert_eq!(s["defaultConfiguration"]["enabled"], r["enabled"]);
        let level = match r["severity"].as_str() {
            Some("info") => "note",
            other => other.unwrap_or_default(),
        };
        assert_eq!(s["defaultConfiguration"]["level"], level);
        if !r["link"].is_null() {
            assert_eq!(s["helpUri"], r["link"]);
        }
    }
    assert!(rules.iter().any(|x| x["id"] == "copydesk.unknown-rule"));
}

/// A file whose message, path and text exercise the escaping of the XML formats and the
/// byte columns of rdjson.
fn odd_dir() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::write(
        d.path().join("a&b.md"),
        "Ünïcödé <b> & “so”: a hair-brained plan.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    d
}

#[test]
fn checkstyle_escapes_exactly() {
    let d = odd_dir();
    let (code, out, _) = run_in(d.path(), &["check", "--format", "checkstyle", "a&b.md"]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <checkstyle version=\"4.3\">\n  \
         <file name=\"a&amp;b.md\">\n    \
         <error line=\"1\" column=\"23\" severity=\"warning\" message=\"“hair-brained” is an eggcorn; the expression is “harebrained”.\" source=\"errors.eggcorns\"/>\n  \
         </file>\n\
         </checkstyle>\n"
    );
}

#[test]
fn junit_lists_every_file_and_a_failure_per_finding() {
    let d = odd_dir();
    fs::write(d.path().join("clean.md"), "A harebrained plan.\n").unwrap_or_else(|e| panic!("{e}"));
    let (code, out, _) = run_in(d.path(), &["check", "--format", "junit", "."]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"copydesk\" tests=\"2\" failures=\"1\" errors=\"0\">\n  \
         <testsuite name=\"copydesk\" tests=\"2\" failures=\"1\" errors=\"0\">\n    \
         <testcase name=\"a&amp;b.md\" classname=\"copydesk\" file=\"a&amp;b.md\">\n      \
         <failure type=\"errors.eggcorns\" message=\"“hair-brained” is an eggcorn; the expression is “harebrained”.\">a&amp;b.md:1:23: warning [errors.eggcorns] “hair-brained” is an eggcorn; the expression is “harebrained”.</failure>\n    \
         </testcase>\n    \
         <testcase name=\"clean.md\" classname=\"copydesk\" file=\"clean.md\"/>\n  \
         </testsuite>\n\
         </testsuites>\n"
    );
}

#[test]
fn rdjson_columns_count_utf8_bytes() {
    let d = odd_dir();
    let (code, out, _) = run_in(d.path(), &["check", "--format", "rdjson", "a&b.md"]);
    assert_eq!(code, 1);
    let doc = json(&out);
    let diag = &doc["diagnostics"][0];
    // "Ünïcödé <b> & “so”: a " is 22 characters but 30 bytes (4 two-byte letters, two
    // three-byte quotes).
    assert_eq!(
        diag["location"]["range"],
        serde_json::json!({"start": {"line": 1, "column": 31}, "end": {"line": 1, "column": 43}})
    );
    assert_eq!(diag["severity"], "WARNING");
    assert_eq!(diag["code"]["value"], "errors.eggcorns");
    assert_eq!(diag["suggestions"][0]["text"], "harebrained");
    assert_eq!(diag["suggestions"][0]["range"], diag["location"]["range"]);
}

#[test]
fn github_commands_escape_paths_and_messages() {
    let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::write(d.path().join("a,b:c%.md"), "A hinderance.\n").unwrap_or_else(|e| panic!("{e}"));
    fs::write(d.path().join("bad.md"), b"x\xffy").unwrap_or_else(|e| panic!("{e}"));
    let (code, out, _) = run_in(d.path(), &["check", "--format", "github", "."]);
    assert_eq!(code, 2);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with(
            "::warning file=a%2Cb%3Ac%25.md,line=1,col=3,endLine=1,endColumn=13,title=copydesk errors.misspellings::"
        ),
        "{out}"
    );
    assert!(
        lines[0].contains("%0A"),
        "help follows on a new line: {out}"
    );
    assert_eq!(
        lines[1],
        "::error file=bad.md,title=copydesk%3A cannot lint::is not valid UTF-8 (first bad byte at offset 1, line 1)"
    );
}

/// Whether `s` is text XML 1.0 allows, without the characters it discourages (DEL and the
/// C1 controls, which XML 1.1 forbids raw and a terminal may act on): every character a
/// `Char` of the specification, and every character reference too.
fn xml_chars_ok(s: &str) -> Result<(), String> {
    let allowed = |c: u32| {
        matches!(c, 0x9 | 0xA | 0xD | 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD) || c >= 0x10000
    };
    if let Some(c) = s.chars().find(|&c| !allowed(c as u32)) {
        return Err(format!("raw {c:?}"));
    }
    for (i, _) in s.match_indices("&#") {
        let rest = &s[i + 2..];
        let end = rest.find(';').ok_or("unterminated reference")?;
        let n = match rest[..end].strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16),
            None => rest[..end].parse(),
        }
        .map_err(|e| format!("bad reference {}: {e}", &rest[..end]))?;
        if !allowed(n) {
            return Err(format!("reference to {n:#x}"));
        }
    }
    Ok(())
}

/// Control characters that reach a message (from the article, through `{match}`, or
/// from a rule pack's own message) are written as visible escapes in checkstyle and
/// junit, never raw and never as references XML forbids.
#[test]
fn xml_formats_escape_control_characters() {
    let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let put = |name: &str, text: &str| {
        let p = d.path().join(name);
        fs::create_dir_all(p.parent().unwrap_or(d.path())).unwrap_or_else(|e| panic!("{e}"));
        fs::write(p, text).unwrap_or_else(|e| panic!("{e}"));
    };
    put("copydesk.toml", "packs = [\"styles\"]\n");
    put(
        "styles/house/ctl.toml",
        "severity = \"warning\"\nmessage = \"found “{match}” \\u009b\\u007f\\u0001\"\n\
         description = \"d.\"\n[existence]\npatterns = ['\\S*pwned\\S*']\n",
    );
    put("a.md", "Read \u{1b}]0;pwned\u{7} here.\n");
    let shown = "found “\\x1b]0;pwned\\x07” \\u{9b}\\x7f\\x01";
    for format in ["checkstyle", "junit"] {
        let (code, out, err) = run_in(d.path(), &["check", "--format", format, "a.md"]);
        assert_eq!(code, 1, "{err}");
        xml_chars_ok(&out).unwrap_or_else(|e| panic!("{format}: {e}: {out:?}"));
        assert!(
            out.contains(&format!("message=\"{shown}\"")),
            "{format}: {out}"
        );
    }
}
