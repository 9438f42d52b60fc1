//! The structures on sentences written here (the rule file's examples and the
//! attribution evaluation set test them through the whole engine).

use super::{ClaimWordsSpec, Claims};
use crate::lang::tagger::tag_sentence;
use crate::text::span::ProseSpan;
use crate::text::tokens::words;

/// The built-in vague-source file's claim lists.
fn claims() -> Claims {
    let text = include_str!("../../../../rules/attribution/vague-source.toml");
    let spec = toml::from_str::<toml::Value>(text)
        .ok()
        .and_then(|file| file.get("attribution")?.get("claims").cloned())
        .and_then(|table| table.try_into::<ClaimWordsSpec>().ok());
    match spec {
        Some(spec) => Claims::new(&spec),
        None => panic!("the built-in vague-source file has a readable claims table"),
    }
}

/// The text of every structure found in `s`.
fn found(s: &str) -> Vec<String> {
    let spans: Vec<ProseSpan> = words(s).collect();
    let toks = tag_sentence(s, ProseSpan::new(0, s.len()), &spans);
    claims()
        .find(s, &toks)
        .into_iter()
        .map(|f| s[f.range()].to_string())
        .collect()
}

#[test]
fn agentless_passives_are_found() {
    assert_eq!(
        found("The bridge is widely regarded as an eyesore."),
        ["is widely regarded"]
    );
    assert_eq!(
        found("It has long been argued that the tax is unfair."),
        ["It has long been argued"]
    );
    assert_eq!(
        found("The painter is said to have burned his early work."),
        ["is said to"]
    );
    assert_eq!(
        found("Her second novel is considered her finest."),
        ["is considered"]
    );
    assert_eq!(
        found("The reform was seen by many as a betrayal."),
        ["was seen"]
    );
    assert_eq!(
        found("The mill was believed to be haunted."),
        ["was believed to"]
    );
}

#[test]
fn passives_that_name_or_classify_are_left_alone() {
    for s in [
        "The reform was seen by the unions as a betrayal.",
        "The comet can be seen from the northern hemisphere.",
        "Ferns are considered vascular plants.",
        "A player who holds the ball is said to be ‘in play’.",
        "The museum is not considered safe for children.",
        "A river was seen from the window.",
        "The proposal may be considered at the next meeting.",
    ] {
        assert_eq!(found(s), Vec::<String>::new(), "{s}");
    }
}

#[test]
fn vague_groups_that_report_are_found() {
    assert_eq!(
        found("Some critics have long maintained that the film is a parody."),
        ["Some critics have long maintained"]
    );
    assert_eq!(
        found("Art historians see the mural as a turning point."),
        ["Art historians see"]
    );
    assert_eq!(
        found("Critics of the scheme argue that it rewards landlords."),
        ["Critics of the scheme argue"]
    );
    assert_eq!(
        found("Other studies have shown the opposite effect."),
        ["Other studies have shown"]
    );
    assert_eq!(
        found("The band, however, lost many fans after the tour."),
        Vec::<String>::new()
    );
}

#[test]
fn groups_that_are_named_or_objects_are_left_alone() {
    for s in [
        "The senator's critics say the bill is too broad.",
        "Gallup researchers say the share has doubled.",
        "The award went to scientists who argue for open data.",
        "Scientists conducted the trial in two hospitals.",
        "Track page traffic, errors and reports of broken links.",
        "A review of the Analytics Program (DAP) data confirms the trend.",
        "Several others had questions about the schedule.",
        "Authors of a law cannot possibly predict every case.",
    ] {
        assert_eq!(found(s), Vec::<String>::new(), "{s}");
    }
}

#[test]
fn hearsay_adverbs_are_found() {
    assert_eq!(
        found("The singer reportedly cancelled the tour."),
        ["reportedly"]
    );
}
