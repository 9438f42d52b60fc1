//! Precision and recall of the attribution rules on a labeled evaluation set
//! (fixtures/attribution: short articles and labels.toml, every sentence labeled with the
//! rules that must fire on it). Prints a table (`cargo test --test attribution_eval --
//! --nocapture`) and holds the rules to the targets: precision ≥ 0.9 for every rule at
//! warning severity, recall ≥ 0.7 overall.

use copydesk::engine::{self, RuleSettings};
use copydesk::text::markup::{ExtractOptions, Format};
use copydesk::text::source::SourceFile;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Labels {
    sentence: Vec<Labeled>,
}

#[derive(Deserialize)]
struct Labeled {
    file: String,
    text: String,
    flag: Vec<String>,
}

#[derive(Default, Debug, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    positives: usize,
    found: usize,
}

const DIR: &str = "fixtures/attribution";

#[test]
fn attribution_precision_and_recall() {
    let labels_text =
        std::fs::read_to_string(format!("{DIR}/labels.toml")).unwrap_or_else(|e| panic!("{e}"));
    let labels: Labels =
        toml::from_str(&labels_text).unwrap_or_else(|e| panic!("labels.toml: {e}"));
    let reg = copydesk::Registry::builtin().unwrap_or_else(|e| panic!("{e}"));
    let mut settings = RuleSettings::defaults(reg);
    for (i, r) in reg.rules().iter().enumerate() {
        settings.active[i] = r.id.starts_with("attribution.");
    }
    let mut by_file: BTreeMap<&str, Vec<&Labeled>> = BTreeMap::new();
    for l in &labels.sentence {
        by_file.entry(l.file.as_str()).or_default().push(l);
    }
    let mut scores: BTreeMap<String, Score> = BTreeMap::new();
    for r in reg
        .rules()
        .iter()
        .filter(|r| r.id.starts_with("attribution."))
    {
        scores.insert(
            r.id.trim_start_matches("attribution.").to_string(),
            Score::default(),
        );
    }
    let mut misses = Vec::new();
    for (file, sents) in &by_file {
        let text = std::fs::read_to_string(format!("{DIR}/{file}"))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let ranges: Vec<(usize, usize, &Labeled)> = sents
            .iter()
            .map(|l| {
                let s = text
                    .find(&l.text)
                    .unwrap_or_else(|| panic!("{file}: label text not found: {:?}", l.text));
                (s, s + l.text.len(), *l)
            })
            .collect();
        let src = SourceFile::new(*file, text.clone());
        let diags = engine::lint(
            &src,
            Format::Markdown,
            &ExtractOptions::default(),
            reg,
            &settings,
        );
        for (rule, score) in scores.iter_mut() {
            let mut covered = vec![false; ranges.len()];
            for d in diags
                .iter()
                .filter(|d| d.rule.trim_start_matches("attribution.") == rule)
            {
                let over: Vec<usize> = ranges
                    .iter()
                    .enumerate()
                    .filter(|(_, (s, e, _))| d.span.start < *e && *s < d.span.end)
                    .map(|(i, _)| i)
                    .collect();
                if over.is_empty() {
                    continue; // outside labeled text (a heading)
                }
                let hit: Vec<usize> = over
                    .iter()
                    .copied()
                    .filter(|&i| ranges[i].2.flag.iter().any(|f| f == rule))
                    .collect();
                if hit.is_empty() {
                    score.fp += 1;
                    misses.push(format!("FP {rule}: {file}: {:?}", &text[d.span.range()]));
                } else {
                    score.tp += 1;
                    for i in hit {
                        covered[i] = true;
                    }
                }
            }
            for (i, (_, _, l)) in ranges.iter().enumerate() {
                if l.flag.iter().any(|f| f == rule) {
                    score.positives += 1;
                    if covered[i] {
                        score.found += 1;
                    } else {
                        misses.push(format!("FN {rule}: {file}: {:?}", l.text));
                    }
                }
            }
        }
    }
    println!(
        "{:24} {:>6} {:>6} {:>9} {:>7}",
        "rule", "TP", "FP", "precision", "recall"
    );
    let (mut pos, mut found) = (0, 0);
    let mut failures = Vec::new();
    for (rule, s) in &scores {
        let precision = if s.tp + s.fp == 0 {
            1.0
        } else {
            s.tp as f64 / (s.tp + s.fp) as f64
        };
        let recall = if s.positives == 0 {
            1.0
        } else {
            s.found as f64 / s.positives as f64
        };
        println!(
            "{rule:24} {:>6} {:>6} {precision:>9.2} {recall:>7.2}  ({} of {} labeled)",
            s.tp, s.fp, s.found, s.positives
        );
        pos += s.positives;
        found += s.found;
        let id = format!("attribution.{rule}");
        let warning = reg
            .index_of(&id)
            .is_some_and(|i| reg.rules()[i].severity >= copydesk::Severity::Warning);
        if warning && precision < 0.9 {
            failures.push(format!("{rule}: precision {precision:.2} < 0.90"));
        }
        assert!(
            s.positives >= 10,
            "{rule}: only {} labeled positives",
            s.positives
        );
    }
    let overall = found as f64 / pos.max(1) as f64;
    println!(
        "overall recall {overall:.2} ({found} of {pos}); {} labeled sentences",
        labels.sentence.len()
    );
    for m in &misses {
        println!("  {m}");
    }
    if overall < 0.7 {
        failures.push(format!("overall recall {overall:.2} < 0.70"));
    }
    assert!(
        labels.sentence.len() >= 300,
        "the evaluation set needs at least 300 sentences"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
