//! Safe fixes never make a text worse: applying every safe fix of a text once gives a
//! text with no warning (or error) finding that the original did not have, over every
//! rule example of every built-in rule and over random text.

use copydesk::diagnostic::{Applicability, Severity};
use copydesk::engine::{self, fix, RuleSettings};
use copydesk::text::markup::{ExtractOptions, Format};
use copydesk::text::source::SourceFile;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn lint(text: &str) -> Vec<copydesk::Diagnostic> {
    let reg = copydesk::Registry::builtin().unwrap_or_else(|e| panic!("{e}"));
    let mut settings = RuleSettings::defaults(reg);
    // Opt-in rules too: their safe fixes are held to the same promise.
    settings.active = vec![true; reg.rules().len()];
    let source = SourceFile::new("doc", text.to_string());
    engine::lint(
        &source,
        Format::Plain,
        &ExtractOptions::default(),
        reg,
        &settings,
    )
}

/// `(start, end)` of `text` widened over the spaces and the word on each side: the place
/// of an edit, where what it does to the words around it shows.
fn widen(text: &str, (start, end): (usize, usize)) -> (usize, usize) {
    let word = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-');
    let b = text[..start].trim_end_matches([' ', '\u{a0}']);
    let b = b.trim_end_matches(word);
    let a = text[end..].trim_start_matches([' ', '\u{a0}']);
    let a = a.trim_start_matches(word);
    (b.len(), text.len() - a.len())
}

/// Warning findings per rule of `text` that touch the place of one of `spans`.
fn near_counts(text: &str, spans: &[(usize, usize)]) -> BTreeMap<String, usize> {
    let mut by_rule = BTreeMap::new();
    let places: Vec<(usize, usize)> = spans.iter().map(|&s| widen(text, s)).collect();
    for d in lint(text)
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
    {
        let near = places
            .iter()
            .any(|&(s, e)| d.span.start <= e && s <= d.span.end);
        if near {
            *by_rule.entry(d.rule.to_string()).or_default() += 1;
        }
    }
    by_rule
}

/// Applies the safe fixes of `text` once and reports the warning rules that find more
/// near the edits afterwards than before. Near the edits: a fix may reveal an error far
/// away that a paragraph-wide count hid (the dictionary leaves a paragraph of many
/// unknown words alone), which is not an error it made.
fn check(text: &str) -> Result<(), String> {
    let diags = lint(text);
    let edits = fix::select(text, &diags, Applicability::Safe);
    if edits.is_empty() {
        return Ok(());
    }
    let before: Vec<(usize, usize)> = edits
        .iter()
        .map(|(_, e)| (e.span.start, e.span.end))
        .collect();
    let mut fixed = String::new();
    let mut after = Vec::new();
    let mut pos = 0;
    for (_, e) in &edits {
        fixed.push_str(&text[pos..e.span.start]);
        let start = fixed.len();
        fixed.push_str(&e.replacement);
        after.push((start, fixed.len()));
        pos = e.span.end;
    }
    fixed.push_str(&text[pos..]);
    let (old, new) = (near_counts(text, &before), near_counts(&fixed, &after));
    let worse: Vec<String> = new
        .into_iter()
        .filter(|(r, n)| *n > old.get(r).copied().unwrap_or(0))
        .map(|(r, n)| format!("{r}: {} -> {n}", old.get(&r).copied().unwrap_or(0)))
        .collect();
    if worse.is_empty() {
        Ok(())
    } else {
        Err(format!("{text:?} -> {fixed:?} adds {worse:?}"))
    }
}

#[test]
fn glued_edit_is_not_safe() {
    let text = "Its's gratifying to see the results.";
    let diags = lint(text);
    let (fixed, _) = fix::apply(text, &diags, Applicability::Safe);
    assert!(!fixed.contains("Itss"), "{fixed}");
}

#[test]
fn safe_fixes_of_rule_examples_add_no_warning() {
    let reg = copydesk::Registry::builtin().unwrap_or_else(|e| panic!("{e}"));
    let mut failures = Vec::new();
    for rule in reg.rules() {
        for ex in &rule.examples {
            for text in [&ex.bad, &ex.good].into_iter().flatten() {
                if let Err(e) = check(text) {
                    failures.push(format!("{}: {e}", rule.id));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Words and marks that make findings with fixes, and ordinary prose around them.
fn fragment() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "Its's ",
        "its' ",
        "it's own ",
        "the the ",
        "a a ",
        "an user ",
        "a apple ",
        "a hour ",
        "Kiev ",
        "Kiev's ",
        "Bombay ",
        "Swaziland ",
        "chicken Kiev ",
        "judgement ",
        "judgment ",
        "colour ",
        "color ",
        "hair-brained ",
        "should of ",
        "  ",
        "   ",
        ".  ",
        ". ",
        ", ",
        "The ",
        "council ",
        "voted ",
        "to ",
        "approve ",
        "budget",
        "\n",
        "\n\n",
        "nil ",
        "Yes   No\n",
        "Total    1    2\n",
        "“",
        "”",
        "'",
        "(",
        ")",
        "formerly ",
        "honest ",
        "FBI ",
        "NATO ",
        "in in ",
        "that that ",
        "alot ",
        "definately ",
        "recieve ",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, .. ProptestConfig::default() })]

    #[test]
    fn safe_fixes_of_random_text_add_no_warning(parts in prop::collection::vec(fragment(), 0..30)) {
        let text = parts.concat();
        prop_assert!(check(&text).is_ok(), "{:?}", check(&text));
    }
}
