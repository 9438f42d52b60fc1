//! The core issue's acceptance cases, through the public library API.

use copydesk::{lint_str, Format};

fn found(text: &str) -> Vec<(String, String, Vec<String>)> {
    lint_str(text, Format::Plain)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|d| {
            (
                d.rule.to_string(),
                text[d.span.range()].to_string(),
                d.suggestions,
            )
        })
        .collect()
}

fn assert_flags(text: &str, rule: &str, matched: &str, suggestion: &str) {
    let f = found(text);
    assert!(
        f.iter().any(|(r, m, s)| r == rule
            && m == matched
            && s.first().map(String::as_str) == Some(suggestion)),
        "expected {rule} on {matched:?} -> {suggestion:?} in {text:?}, got {f:?}"
    );
}

#[test]
fn flags_the_known_errors_with_the_right_suggestion() {
    assert_flags(
        "The Belarussian army stayed home.",
        "variants.demonyms",
        "Belarussian",
        "Belarusian",
    );
    assert_flags(
        "THE BELARUSSIAN ARMY",
        "variants.demonyms",
        "BELARUSSIAN",
        "BELARUSIAN",
    );
    assert_flags(
        "It was a hair-brained scheme.",
        "errors.eggcorns",
        "hair-brained",
        "harebrained",
    );
    assert_flags(
        "Hair-brained, all of it.",
        "errors.eggcorns",
        "Hair-brained",
        "Harebrained",
    );
    assert_flags(
        "We saw the length's he would go to.",
        "errors.plural-possessives",
        "length's",
        "lengths",
    );
    assert_flags(
        "We saw the length’s he would go to.",
        "errors.plural-possessives",
        "length’s",
        "lengths",
    );
    assert_flags(
        "It is no where near done.",
        "errors.closed-compounds",
        "no where",
        "nowhere",
    );
    assert_flags(
        "A hinderance to trade.",
        "errors.misspellings",
        "hinderance",
        "hindrance",
    );
    assert_flags(
        "We went to the the market.",
        "errors.doubled-words",
        "the the",
        "the",
    );
    assert_flags(
        "We went to the\nthe market.",
        "errors.doubled-words",
        "the\nthe",
        "the",
    );
}

#[test]
fn flags_space_next_to_no_break_space() {
    let f = found("A small \u{a0}lake.");
    assert!(
        f.iter()
            .any(|(r, m, _)| r == "typography.spaces" && m == " \u{a0}"),
        "{f:?}"
    );
}

#[test]
fn does_not_flag_correct_usage() {
    for text in [
        "Belarusian officers resigned.",
        "Belarus’s border is long.",
        "Belarus's border is long.",
        "We saw the lengths he would go to.",
        "The committee made its decision; it's final.",
        "The dog wagged its tail.",
        "It is nowhere near done.",
        "It was a harebrained scheme.",
        "An hour later, a user filed a one-time request with an honest broker.",
    ] {
        assert_eq!(found(text), vec![], "false positive in {text:?}");
    }
}
