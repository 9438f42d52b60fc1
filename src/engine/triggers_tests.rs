//! The rules' speed-ups must not change what they find. `triggers` let the attribution
//! rules' patterns run only within reach of a trigger word (their longest match on either
//! side; the whole paragraph when that is unbounded, as for the reference figure regexes
//! below), and the existence
//! rules' patterns only on the lines that hold a trigger string; without them, the
//! patterns run over the whole text. And unsourced-statistic reads its figure shapes from
//! the words around each digit and anchor word (`rules::attribution::figures`) where it
//! once ran a union of regexes over every paragraph with a digit: those regexes are kept
//! here as the reference the shapes must agree with. Both comparisons lint every rule
//! example, the labelled evaluation articles, the fixture articles and (for figures) a
//! list of edge cases, both ways.

use crate::engine::{self, RuleSettings};
use crate::pack::{builtin_sources, RuleSource};
use crate::registry::Registry;
use crate::text::markup::{ExtractOptions, Format};
use crate::text::source::SourceFile;

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
    let flagged = lint_both_ways(&gated, &plain, &texts, "attribution.");
    assert!(flagged > 100, "only {flagged} attribution findings");
}

/// Lints every text with both registries, asserts the findings are the same, and returns
/// how many of them belong to rules whose id starts with `counted`.
fn lint_both_ways(a: &Registry, b: &Registry, texts: &[(String, Format)], counted: &str) -> usize {
    let (sa, sb) = (RuleSettings::defaults(a), RuleSettings::defaults(b));
    let opts = ExtractOptions::default();
    let mut n = 0;
    for (text, format) in texts {
        let src = SourceFile::new("sample", text.clone());
        let found = engine::lint(&src, *format, &opts, a, &sa);
        assert_eq!(found, engine::lint(&src, *format, &opts, b, &sb), "{text}");
        n += found.iter().filter(|d| d.rule.starts_with(counted)).count();
    }
    n
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

/// Asserts that every match of pattern `p` in `texts` satisfies `holds` (it holds a
/// trigger) and that some sample exercises it.
fn each_match_holds(
    id: &str,
    p: &str,
    case_insensitive: bool,
    texts: &[(String, Format)],
    holds: impl Fn(&str) -> bool,
) {
    let re = regex::RegexBuilder::new(&crate::rules::ascii_classes(p))
        .case_insensitive(case_insensitive)
        .build()
        .unwrap_or_else(|e| panic!("{p}: {e}"));
    let mut matched = 0;
    for (text, _) in texts {
        for m in re.find_iter(text) {
            let t = m.as_str();
            assert!(holds(t), "{id}: pattern {p} matched “{t}”, which holds no trigger (or, for existence rules, crosses a line)");
            matched += 1;
        }
    }
    assert!(matched > 0, "{id}: no sample exercises pattern {p}");
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
        let (_, spec) = crate::pack::parse(&src).unwrap_or_else(|e| panic!("{e}"));
        match &spec {
            // Existence triggers are exact strings, and a match stays on one line.
            crate::rules::KindSpec::Existence(spec) if !spec.triggers.is_empty() => {
                for p in &spec.patterns {
                    each_match_holds(&src.id, p, spec.ignore_case, &texts, |t| {
                        spec.triggers.iter().any(|w| t.contains(w.as_str())) && !t.contains('\n')
                    });
                    checked += 1;
                }
            }
            // Attribution triggers are whole words in any case; figures may hold a digit.
            crate::rules::KindSpec::Attribution(spec) if !spec.triggers.is_empty() => {
                let digits = src.id == "attribution.unsourced-statistic";
                for p in &spec.patterns {
                    each_match_holds(&src.id, p, true, &texts, |t| {
                        (digits && t.bytes().any(|b| b.is_ascii_digit()))
                            || spec.triggers.iter().any(|w| has_word(t, &w.to_lowercase()))
                    });
                    checked += 1;
                }
            }
            _ => {}
        }
    }
    assert!(checked >= 4, "{checked} patterns checked");
}

/// The figure patterns unsourced-statistic ran before its shapes were code: the
/// reference. Case-insensitive, with ASCII `\b`, `\d`, `\s` (as the rule compiled them).
const REFERENCE_FIGURES: &str = r#"
patterns = [
  '\b\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b|per cent\b|percentage points?\b)',
  '\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\s(?:[a-z-]+\s){0,3}?(?:in|out of)\s(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\b',
  '\b(?:half|a third|a quarter|a fifth|a tenth|two[- ]thirds|three[- ]quarters|a majority|the majority)\sof\s(?:(?:its|the|their|all|our)\s)?(?:[a-z-]+\s)?(?:riders|voters|residents|people|workers|patients|students|children|users|customers|members|households|homes|adults|teachers|doctors|nurses|farmers|businesses|companies|shops|schools|hospitals|families|drivers|passengers|employees|respondents|americans|citizens)\b',
  '[$€£¥]\s?(?:\d{1,3}(?:,\d{3})+|\d{5,})(?:\.\d+)?',
  '[$€£¥]\s?\d+(?:\.\d+)?\s?(?:million|billion|trillion|bn|m|k)\b',
  '\b\d[\d,]*(?:\.\d+)?\s(?:million|billion|trillion)\b',
  '\b\d{1,3}(?:,\d{3})+\s(?:[a-z-]+\s){0,2}?[a-z]+\b',
  '\b[1-9]\d{2,}\s(?:[a-z-]+\s){0,2}?(?:jobs|people|residents|voters|workers|patients|cases|deaths|homes|households|students|children|users|customers|members|visitors|tourists|refugees|migrants|troops|soldiers|fighters|civilians|arrests|complaints|applications|signatures|employees|passengers|victims|teachers|nurses|doctors|families)\b',
  '\b(?:(?:has|have|had|nearly|almost|roughly|more than)\s)?(?:doubled|tripled|trebled|quadrupled|halved)(?:\s(?:in|since|from|to|over|last|this|between|after|during|within)\b|[.,;])',
  '\b(?:rose|risen|fell|fallen|jumped|climbed|dropped|declined|increased|decreased|grew|grown|shrank|shrunk|surged|plunged|soared|slumped|tumbled|slipped|lost|gained)\s(?:by\s)?(?:nearly\s|almost\s|about\s|more than\s|over\s)?(?:half|a\s(?:third|quarter|half|fifth|tenth)|one[- ]third|two[- ]thirds|\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent\b|per cent\b|percentage points?\b))?)',
  '\b(?:world|country|nation|state|city|region|continent|europe|africa|asia|america)(?:\x27s|’s)\s(?:largest|biggest|highest|lowest|fastest[- ]growing|oldest|busiest|poorest|richest|deadliest|most\s\w+|least\s\w+)',
  '\branked\s(?:first|second|third|fourth|fifth|last|\d+(?:st|nd|rd|th)|no\.\s?\d+)\b',
  '\bthan any other\b',
  '\bthe\s(?:largest|biggest|oldest|busiest|poorest|richest|deadliest|highest|lowest)\s(?:[a-z-]+\s){0,2}in\s(?:the|its|their)\b',
]
triggers = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "half", "third", "thirds", "quarter", "quarters", "fifth", "tenth", "majority", "doubled", "tripled", "trebled", "quadrupled", "halved", "largest", "biggest", "highest", "lowest", "fastest", "oldest", "busiest", "poorest", "richest", "deadliest", "most", "least", "ranked", "than any other"]
"#;

/// Sentences at the edges of the figure shapes: each long enough, and unsourced, so that
/// a figure in it is reported.
const FIGURE_EDGES: &[&str] = &[
    "The port handled 14 percent more containers this winter than last.",
    "The port handled 14% more containers this winter than last.",
    "The port handled 14 % more containers this winter than last.",
    "Turnout was up 3.5 percentage points on the last local election.",
    "Turnout was up 3 per cent on the last local election in town.",
    "Turnout was up 3 percentages on the last local election in town.",
    "Turnout was up 3 percentage point on the last local election in town.",
    "One in five children in the district lives in poverty today.",
    "Three newly qualified teachers in four leave within five years.",
    "Two out of 10 riders now pay with their phones on the line.",
    "Two out of 1000 riders now pay with their phones on the line.",
    "A total of 1 in 1000 riders now pay with their phones there.",
    "We counted 7 of the best in 3 weeks for the whole market there.",
    "Half of all voters in the county now back the bypass plan.",
    "A third of the new residents have never used the old bus line.",
    "Two-thirds of its members voted to leave the federation last spring.",
    "Three quarters of households in the valley heat with wood all winter.",
    "The majority of drivers on the road now use satnav every day.",
    "The scheme has cost taxpayers $4.2 billion over the last decade.",
    "The scheme has cost taxpayers $ 4.2bn over the last decade so far.",
    "The scheme has cost taxpayers US$12,000,000 over the last decade.",
    "The scheme has cost taxpayers €50000 over the last decade or so.",
    "The scheme has cost taxpayers £12,000.50 over the last decade alone.",
    "The scheme has cost taxpayers ¥300m over the last decade alone there.",
    "The scheme has cost taxpayers $250k over the last decade alone there.",
    "The scheme has cost taxpayers $12,0000 over the last decade alone there.",
    "The scheme costs $9 a head and the soup is good every day.",
    "The repairs will cost 1.5 million euros over the coming ten years.",
    "The repairs will cost 1,500 million euros over the coming ten years.",
    "The factory will create 12,000 jobs over a decade in the region.",
    "The factory will create 12,000 well-paid jobs over a decade there.",
    "The factory will create 12,000.5 jobs over a decade in the region.",
    "The factory will create 1234,000 jobs over a decade in the region.",
    "The archive holds 12,000 -- more or less -- letters from the war.",
    "The plant will employ 300 skilled local workers within a year or so.",
    "The plant will employ 300 very skilled local workers within a year.",
    "The plant will employ 0300 workers within a year from this spring.",
    "The plant will employ 300 workers2 within a year from this spring.",
    "Rents have doubled in the old town since the bridge was opened.",
    "Rents more than doubled since the bridge was opened to the traffic.",
    "Sales tripled after the bridge opened to traffic in the spring.",
    "Sales quadrupled; nobody in the company had expected anything like it.",
    "The doubled word is a typo that our checker finds in every draft.",
    "Crime fell by a third in the first year of the new program.",
    "Crime fell by a half in the first year of the new program here.",
    "Crime fell half in the first year of the new program in town.",
    "Crime fell by nearly one-third in the first year of the program.",
    "Crime fell by more than two thirds in the first year of the program.",
    "Exports grew 8 percent in the third quarter of the year again.",
    "Exports grew by about 2,000 containers in the third quarter again.",
    "Exports arose 8 percent in the third quarter of the year again.",
    "The port is now the country's busiest container terminal by far.",
    "The port is now the country’s busiest container terminal by far.",
    "It is the world's fastest-growing city by some distance today.",
    "It is the world's fastest growing city by some distance today.",
    "It is the world's fastest city by some distance, they say, today.",
    "It is the city's most visited museum by a wide margin this year.",
    "It is the superworld's largest museum by a wide margin this year.",
    "The region ranked last among 27 for broadband speed this year.",
    "The region ranked 3rd among 27 for broadband speed this year.",
    "The region ranked No. 4 among 27 for broadband speed this year.",
    "The region ranked No.12 among 27 for broadband speed this year.",
    "The region ranked 3x among 27 for broadband speed this year again.",
    "The region grows faster than any other in the whole country now.",
    "It is the largest port in the region by tonnage and by value.",
    "It is the oldest working lighthouse in its county by half a century.",
    "It is the busiest small regional airport in the country by far now.",
    "It is the busiest airport of them all in the country by far now.",
    "ONE IN FIVE CHILDREN IN THE DISTRICT LIVES IN POVERTY TODAY.",
    "The city spends €3 million a year on street cleaning and lights.",
    "More than 2,500 residents have left since the mine closed down.",
    "x_5% of the snake_case names in the code base are too long.",
];

/// The built-in rule files with unsourced-statistic's figure shapes replaced by the
/// reference regexes.
fn with_reference_figures() -> Vec<RuleSource> {
    builtin_sources()
        .into_iter()
        .map(|mut s| {
            if s.id == "attribution.unsourced-statistic" {
                let Some(start) = s.text.find("[attribution.figures]") else {
                    panic!("no figures table in {}", s.id);
                };
                let Some(len) = s.text[start..].find("[[examples]]") else {
                    panic!("no examples after the figures table in {}", s.id);
                };
                let end = start + len;
                let head = s.text[..start].replacen(
                    "[attribution]\n",
                    &format!("[attribution]\n{REFERENCE_FIGURES}"),
                    1,
                );
                s.text = format!("{head}{}", &s.text[end..]).into();
            }
            s
        })
        .collect()
}

#[test]
fn figure_shapes_agree_with_the_reference_regexes() {
    let shapes = Registry::from_sources(&builtin_sources()).unwrap_or_else(|e| panic!("{e:?}"));
    let reference =
        Registry::from_sources(&with_reference_figures()).unwrap_or_else(|e| panic!("{e:?}"));
    let mut texts = samples(&shapes);
    texts.extend(FIGURE_EDGES.iter().map(|t| (t.to_string(), Format::Plain)));
    // All edge sentences in one article too: figures next to each other in one paragraph.
    texts.push((FIGURE_EDGES.join(" "), Format::Plain));
    let figures = lint_both_ways(
        &shapes,
        &reference,
        &texts,
        "attribution.unsourced-statistic",
    );
    // The edge cases alone hold 55 reported figures, the samples about 60.
    assert!(figures > 100, "only {figures} figures");
}
