//! Safe fixes never make a text worse: applying every safe fix of a text once gives a
//! text with no warning (or error) finding that the original did not have, over every
//! rule example of every built-in rule and over random text.

use copydesk::diagnostic::{Applicability, Severity};
use copydesk::engine::{self, fix, RuleSettings};
use copydesk::text::markup::{ExtractOptions, Format};
use copydesk::text::source::SourceFile;
use proptest::prelude::*;

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

/// The warning rules that find more in `after` than in `before`, with their counts: a
/// fix may change the text a finding covers (“definately definately” is still a doubled
/// word as “definitely definitely”), but no rule may find more than it did.
fn new_warnings(before: &str, after: &str) -> Vec<String> {
    let count = |text: &str| {
        let mut by_rule: std::collections::BTreeMap<String, usize> = Default::default();
        for d in lint(text)
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
        {
            *by_rule.entry(d.rule.to_string()).or_default() += 1;
        }
        by_rule
    };
    let (old, new) = (count(before), count(after));
    new.into_iter()
        .filter(|(r, n)| *n > old.get(r).copied().unwrap_or(0))
        .map(|(r, n)| format!("{r}: {} -> {n}", old.get(&r).copied().unwrap_or(0)))
        .collect()
}

fn check(text: &str) -> Result<(), String> {
    let diags = lint(text);
    let (fixed, n) = fix::apply(text, &diags, Applicability::Safe);
    if n == 0 {
        return Ok(());
    }
    let worse = new_warnings(text, &fixed);
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
