//! The `triggers` of the attribution rules are a speed-up only: with them, the rules'
//! patterns run on the paragraphs that hold a trigger word (or a digit, for figures);
//! without them, over the whole text. Both must find exactly the same things. This lints
//! every rule example, the labelled evaluation articles and the fixture articles both
//! ways and compares.

use copydesk::engine::{self, RuleSettings};
use copydesk::markup::{ExtractOptions, Format};
use copydesk::pack::{builtin_sources, RuleSource};
use copydesk::registry::Registry;
use copydesk::source::SourceFile;

/// The built-in rule files with every `triggers = [...]` line taken out.
fn without_triggers() -> Vec<RuleSource> {
    builtin_sources()
        .into_iter()
        .map(|mut s| {
            s.text = s
                .text
                .lines()
                .filter(|l| !l.trim_start().starts_with("triggers ="))
                .map(|l| format!("{l}\n"))
                .collect();
            s
        })
        .collect()
}

/// Texts to lint: rule examples (as plain text) and articles (by extension).
fn samples(reg: &Registry) -> Vec<(String, Format)> {
    let mut out: Vec<(String, Format)> = reg
        .rules()
        .iter()
        .flat_map(|r| &r.examples)
        .filter_map(|e| e.bad.clone().or_else(|| e.good.clone()))
        .map(|t| (t, Format::Plain))
        .collect();
    for dir in ["fixtures/attribution", "fixtures/articles"] {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .flatten()
            .map(|e| e.path())
            .collect();
        paths.sort();
        for p in paths {
            let format = match p.extension().and_then(|e| e.to_str()) {
                Some("md") => Format::Markdown,
                Some("txt") => Format::Plain,
                Some("html") => Format::Html,
                _ => continue,
            };
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{e}"));
            out.push((text, format));
        }
    }
    out
}

#[test]
fn triggers_change_no_finding() {
    let gated = Registry::from_sources(&builtin_sources()).unwrap_or_else(|e| panic!("{e:?}"));
    let plain = Registry::from_sources(&without_triggers()).unwrap_or_else(|e| panic!("{e:?}"));
    // The test means something only if some rule has triggers.
    assert!(builtin_sources()
        .iter()
        .any(|s| s.text.lines().any(|l| l.starts_with("triggers ="))));
    let texts = samples(&gated);
    assert!(texts.len() > 300, "{} samples", texts.len());
    let (sg, sp) = (
        RuleSettings::defaults(&gated),
        RuleSettings::defaults(&plain),
    );
    let mut flagged = 0;
    for (text, format) in &texts {
        let src = SourceFile::new("sample", text.clone());
        let opts = ExtractOptions::default();
        let a = engine::lint(&src, *format, &opts, &gated, &sg);
        let b = engine::lint(&src, *format, &opts, &plain, &sp);
        assert_eq!(a, b, "{text}");
        flagged += a
            .iter()
            .filter(|d| d.rule.starts_with("attribution."))
            .count();
    }
    assert!(flagged > 100, "only {flagged} attribution findings");
}

/// Whether `text` holds `word` as a whole word (ASCII case-insensitive), as the shared
/// phrase matcher finds triggers.
fn has_word(text: &str, word: &str) -> bool {
    let lower = text.to_lowercase();
    lower.match_indices(word).any(|(i, m)| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn every_pattern_match_holds_a_trigger() {
    // The stronger, per-match form of the invariant: each match of each pattern alone, in
    // every sample, holds a trigger word (or, for figures, a digit). A pattern added
    // without its trigger fails here even when its paragraph happens to hold another.
    let reg = Registry::from_sources(&builtin_sources()).unwrap_or_else(|e| panic!("{e:?}"));
    let texts = samples(&reg);
    let mut checked = 0;
    for src in builtin_sources() {
        let (_, spec) = copydesk::pack::parse(&src).unwrap_or_else(|e| panic!("{e}"));
        let copydesk::rules::KindSpec::Attribution(spec) = spec else {
            continue;
        };
        if spec.triggers.is_empty() {
            continue;
        }
        let digits = src.id == "attribution.unsourced-statistic";
        for p in &spec.patterns {
            let re = regex::RegexBuilder::new(&copydesk::rules::ascii_classes(p))
                .case_insensitive(true)
                .build()
                .unwrap_or_else(|e| panic!("{p}: {e}"));
            let mut matched = 0;
            for (text, _) in &texts {
                for m in re.find_iter(text) {
                    let t = m.as_str();
                    let ok = (digits && t.bytes().any(|b| b.is_ascii_digit()))
                        || spec.triggers.iter().any(|w| has_word(t, &w.to_lowercase()));
                    assert!(
                        ok,
                        "{}: pattern {p} matched “{t}”, which holds no trigger",
                        src.id
                    );
                    matched += 1;
                }
            }
            assert!(matched > 0, "{}: no sample exercises pattern {p}", src.id);
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked} patterns checked");
}
