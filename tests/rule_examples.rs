//! Every example of every built-in rule runs as a test: `bad` must be flagged by its rule,
//! `fixed` must be what the rule's fixes make of `bad`, and `good` must not be flagged.
//! A meta-test checks each rule's documentation and example coverage.

use copydesk::diagnostic::Applicability;
use copydesk::engine::{self, RuleSettings};
use copydesk::registry::Registry;
use copydesk::text::markup::{ExtractOptions, Format};
use copydesk::text::source::SourceFile;

fn registry() -> &'static Registry {
    copydesk::Registry::builtin().unwrap_or_else(|e| panic!("built-in rules do not load:\n{e}"))
}

fn lint_one(reg: &Registry, index: usize, text: &str) -> Vec<copydesk::Diagnostic> {
    let src = SourceFile::new("example", text.to_string());
    let mut settings = RuleSettings::only(reg, index);
    settings.active[index] = true;
    engine::lint(
        &src,
        Format::Plain,
        &ExtractOptions::default(),
        reg,
        &settings,
    )
}

#[test]
fn every_rule_example_behaves() {
    let reg = registry();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (i, rule) in reg.rules().iter().enumerate() {
        for ex in &rule.examples {
            checked += 1;
            if let Some(bad) = &ex.bad {
                let diags = lint_one(reg, i, bad);
                if diags.is_empty() {
                    failures.push(format!("{}: not flagged: {bad:?}", rule.id));
                    continue;
                }
                if let Some(fixed) = &ex.fixed {
                    // Apply until stable, as `copydesk fix` does.
                    let mut text = bad.clone();
                    for _ in 0..5 {
                        let d = lint_one(reg, i, &text);
                        let (next, n) =
                            copydesk::engine::fix::apply(&text, &d, Applicability::Unsafe);
                        text = next;
                        if n == 0 {
                            break;
                        }
                    }
                    if &text != fixed {
                        failures.push(format!(
                            "{}: fixing {bad:?} gave {text:?}, expected {fixed:?}",
                            rule.id
                        ));
                    }
                }
            }
            if let Some(good) = &ex.good {
                let diags = lint_one(reg, i, good);
                for d in diags {
                    failures.push(format!(
                        "{}: false positive {:?} in good example {good:?}",
                        rule.id,
                        &good[d.span.range()]
                    ));
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} examples found");
    assert!(
        failures.is_empty(),
        "{} example failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_is_documented_and_has_examples() {
    let reg = registry();
    let mut problems = Vec::new();
    for rule in reg.rules() {
        let bad = rule.examples.iter().filter(|e| e.bad.is_some()).count();
        let good = rule.examples.iter().filter(|e| e.good.is_some()).count();
        if bad < 3 || good < 3 {
            problems.push(format!(
                "{}: needs at least 3 bad and 3 good examples (has {bad}/{good})",
                rule.id
            ));
        }
        if rule.fix != Applicability::None
            && rule
                .examples
                .iter()
                .any(|e| e.bad.is_some() && e.fixed.is_none())
        {
            problems.push(format!(
                "{}: has a fix, so every bad example needs `fixed`",
                rule.id
            ));
        }
        if rule.description.trim().len() < 20 {
            problems.push(format!("{}: description too short", rule.id));
        }
        if !rule
            .link
            .as_deref()
            .is_some_and(|l| l.starts_with("https://"))
        {
            problems.push(format!("{}: needs an https link to its source", rule.id));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn all_packs_are_present() {
    let reg = registry();
    for pack in ["errors", "variants", "typography"] {
        assert!(
            reg.rules()
                .iter()
                .any(|r| r.id.starts_with(&format!("{pack}."))),
            "pack {pack} is missing"
        );
    }
}

#[test]
fn doubled_words_in_markdown_skip_emphasis_but_not_links() {
    let reg = registry();
    let Some(i) = reg.index_of("errors.doubled-words") else {
        panic!("no errors.doubled-words rule");
    };
    let flagged = |md: &str| -> Vec<String> {
        let src = SourceFile::new("t.md", md.to_string());
        let mut settings = RuleSettings::only(reg, i);
        settings.active[i] = true;
        engine::lint(
            &src,
            Format::Markdown,
            &ExtractOptions::default(),
            reg,
            &settings,
        )
        .iter()
        .map(|d| src.text[d.span.range()].to_string())
        .collect()
    };
    // Words named or stressed with emphasis are not one word repeated.
    assert_eq!(
        flagged("Do not use it for _and_ or _or_ in a list.\n"),
        Vec::<String>::new()
    );
    assert_eq!(
        flagged("Let's be real. Like, **us** us. We are people.\n"),
        Vec::<String>::new()
    );
    // A link's edge between the two is the slip itself.
    assert_eq!(
        flagged("Join the [the Plain Language group](https://example.gov/) today.\n"),
        vec!["the [the".to_string()]
    );
    // So is plain text, also across a line break.
    assert_eq!(
        flagged("It was the\nthe best.\n"),
        vec!["the\nthe".to_string()]
    );
}
