//! Markup awareness: snapshots of the markup edge-case fixtures, an oracle check that no
//! diagnostic lands in code, URLs, front matter, comments, tags or template tags, and a
//! property test over generated Markdown.

mod common;
use common::copydesk;

use proptest::prelude::*;
use regex::Regex;
use serde_json::Value;

fn check_json(args: &[&str]) -> Value {
    let out = copydesk()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("bad JSON: {e}"))
}

#[test]
fn markup_fixtures_snapshot() {
    let out = copydesk()
        .args([
            "check",
            "--format",
            "concise",
            "--report-unused-suppressions",
            "fixtures/markup",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!("markup_concise", String::from_utf8_lossy(&out.stdout));
}

/// Byte ranges that are not prose, found by crude patterns that are independent of the
/// extractors. Prose keys of front matter (title, description, summary) are allowed.
fn forbidden(text: &str) -> Vec<(usize, usize, &'static str)> {
    let mut v = Vec::new();
    let pats: &[(&str, &str)] = &[
        (r"(?s)```.*?```", "fenced code"),
        (r"`[^`\n]+`", "inline code"),
        (r"(?m)^    [^-*+\s\d].*$", "indented code"),
        (r"(?s)<!--.*?-->", "comment"),
        (r"(?s)\{\{.*?\}\}", "template tag"),
        (r"(?s)\{%.*?%\}", "template tag"),
        (r"https?://[^\s)>]+", "URL"),
        (r"\]\([^)]*\)", "link destination"),
        (r"(?m)^\[[^\]^][^\]]*\]:.*$", "reference definition"),
        (r"<[A-Za-z/][^>]*>", "tag"),
        (r"[\w.]+@[\w.]+\.\w+", "e-mail"),
        (
            r"(?s)<(pre|code|kbd|samp|script|style|head)\b.*?</(pre|code|kbd|samp|script|style|head)>",
            "code element",
        ),
        (
            r"(?m)^(slug|tags|draft|date|author)\s*[:=].*$",
            "front matter",
        ),
    ];
    for (p, what) in pats {
        let re = Regex::new(p).unwrap_or_else(|e| panic!("{e}"));
        for m in re.find_iter(text) {
            v.push((m.start(), m.end(), *what));
        }
    }
    v
}

#[test]
fn no_diagnostic_lands_in_non_prose() {
    let report = check_json(&["check", "--format", "json", "fixtures"]);
    let diags = report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(diags.len() > 20);
    for d in &diags {
        let path = d["path"].as_str().unwrap_or_default();
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let s = d["span"]["start"].as_u64().unwrap_or(0) as usize;
        let e = d["span"]["end"].as_u64().unwrap_or(0) as usize;
        assert_eq!(d["text"].as_str(), Some(&text[s..e]));
        let rule = d["rule"].as_str().unwrap_or_default();
        if rule.starts_with("copydesk.") {
            continue; // directive reports point at the comment itself
        }
        // A quotation's span includes its quotation marks.
        let t = if rule == "attribution.unattributed-quote" {
            text[s..e].trim_matches(['"', '“', '”'])
        } else {
            &text[s..e]
        };
        assert!(
            !t.contains(['<', '>', '=', '"', '`']),
            "{path}:{}: {rule} diagnostic text {t:?} contains markup",
            d["line"]
        );
        for (fs, fe, what) in forbidden(&text) {
            // The alt/title attribute values of HTML tags are prose by design.
            let attr_value =
                what == "tag" && (text[fs..fe].contains("alt=") || text[fs..fe].contains("title="));
            assert!(
                attr_value || e <= fs || s >= fe,
                "{path}:{}: {rule} diagnostic {:?} lies in {what} {:?}",
                d["line"],
                &text[s..e],
                &text[fs..fe]
            );
        }
    }
}

#[test]
fn html_entities_map_to_their_source_bytes() {
    let report = check_json(&["check", "--format", "json", "fixtures/markup/article.html"]);
    let texts: Vec<&str> = report["diagnostics"]
        .as_array()
        .map(|a| a.iter().filter_map(|d| d["text"].as_str()).collect())
        .unwrap_or_default();
    assert!(texts.contains(&"hair-brained"), "{texts:?}");
    assert!(
        !texts.iter().any(|t| t.contains("definately")),
        "code/pre/kbd/head leaked: {texts:?}"
    );
}

// ---- property test -------------------------------------------------------------------

/// A piece of a generated document: prose (with or without a known error) or markup that
/// hides an error word.
#[derive(Debug, Clone)]
enum Part {
    Clean(&'static str),
    Error(&'static str),
    Hidden(String),
}

fn part() -> impl Strategy<Value = Part> {
    let clean = prop::sample::select(vec![
        "The council met on Tuesday.",
        "Its members voted for a separate fund.",
        "Prices rose in Minsk and Kyiv.",
        "Nothing here is wrong at all.",
        "A user asked an honest question.",
    ])
    .prop_map(Part::Clean);
    let error = prop::sample::select(vec!["hinderance", "definately", "seperate", "hair-brained"])
        .prop_map(Part::Error);
    let hidden = prop::sample::select(vec![
        "`hinderance`",
        "<code>definately</code>",
        "<kbd>seperate</kbd>",
        "https://x.org/seperate",
        "{{< ref \"hinderance\" >}}",
        "<!-- seperate -->",
        "[a link](https://x.org/hinderance)",
    ])
    .prop_map(|s| Part::Hidden(s.to_string()));
    prop_oneof![3 => clean, 2 => error, 2 => hidden]
}

fn block_sep() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        " ", "\n", "\r\n", "\n\n", "\n\n- ", "\n\n> ", "\n\n## ",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]
    #[test]
    fn errors_in_prose_are_found_exactly_and_hidden_ones_never(
        parts in prop::collection::vec((part(), block_sep()), 1..12),
        fence in any::<bool>(),
    ) {
        let mut doc = String::new();
        let mut expected = Vec::new();
        if fence {
            doc.push_str("```\nhinderance seperate\n```\n\n");
        }
        for (p, sep) in &parts {
            match p {
                Part::Clean(s) => doc.push_str(s),
                Part::Error(w) => {
                    doc.push_str("Word ");
                    expected.push((doc.len(), doc.len() + w.len()));
                    doc.push_str(w);
                    doc.push_str(" here.");
                }
                Part::Hidden(h) => {
                    doc.push_str("See ");
                    doc.push_str(h);
                    doc.push_str(" now.");
                }
            }
            doc.push_str(sep);
        }
        let diags = copydesk::lint_str(&doc, copydesk::Format::Markdown)
            .unwrap_or_else(|e| panic!("{e}"));
        let got: Vec<(usize, usize)> = diags
            .iter()
            .filter(|d| d.rule.starts_with("errors."))
            .map(|d| (d.span.start, d.span.end))
            .collect();
        prop_assert_eq!(got, expected, "document: {:?}", doc);
        for d in &diags {
            prop_assert!(doc.is_char_boundary(d.span.start) && doc.is_char_boundary(d.span.end));
        }
    }
}
