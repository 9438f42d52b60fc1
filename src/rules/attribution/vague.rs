//! vague-source: claims credited to nobody in particular ("observers believe"), unless a
//! name, a namer or a link pins them down, or the writer sets up a view in their own voice.

use super::cues::COMMON_MODIFIERS;
use super::doc::Doc;
use super::{Attribution, Finding, Input, Rule};
use crate::text::span::ProseSpan;
use crate::text::tokens::words;

impl Attribution {
    /// vague-source: the cues that pass the shared filters and the vague-source ones (see
    /// [`Attribution::cue_findings`]).
    pub(super) fn vague_source(&self, rule: &Rule, input: &Input<'_>, out: &mut Vec<Finding>) {
        let spans = self.cue_spans(input);
        if !spans.is_empty() {
            self.cue_findings(rule, input, &Doc::new(input), &spans, true, out);
        }
    }
}

/// Whether a vague cue is pinned to a name right next to it: a proper noun or possessive
/// before it ("Census data show", "the ministry's own studies show"), or a named body
/// after it ("according to experts at the World Bank").
pub(super) fn named_around(text: &str, sentence: ProseSpan, cue: ProseSpan) -> bool {
    const MODIFIERS: &[&str] = &[
        "own",
        "latest",
        "new",
        "recent",
        "internal",
        "annual",
        "independent",
        "leading",
        "top",
        "senior",
        "early",
        "preliminary",
        "ongoing",
        "initial",
        "previous",
        "past",
    ];
    let before: Vec<&str> = text[sentence.start..cue.start].split_whitespace().collect();
    let mut k = before.len();
    while k > 0 {
        let w = before[k - 1].trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
        if MODIFIERS.contains(&w.to_lowercase().as_str()) {
            k -= 1;
            continue;
        }
        // At the start of a sentence a capital says nothing, unless the word is not one
        // that commonly opens sentences ("Census data show", "Pew researchers say").
        const OPENERS: &[&str] = &[
            "the",
            "a",
            "an",
            "but",
            "and",
            "so",
            "yet",
            "many",
            "some",
            "most",
            "other",
            "others",
            "these",
            "those",
            "still",
            "now",
            "today",
            "however",
            "meanwhile",
            "also",
            "indeed",
            "in",
            "on",
            "at",
            "by",
            "for",
            "as",
            "while",
            "when",
            "if",
            "although",
            "though",
            "because",
            "since",
            "after",
            "before",
            "here",
            "there",
            "this",
            "that",
            "such",
            "few",
            "several",
            "all",
            "both",
            "recent",
            "new",
            "local",
            "foreign",
            "independent",
            "outside",
        ];
        // "the experts agreed": experts the story has already introduced.
        if matches!(
            w.to_lowercase().as_str(),
            "the" | "these" | "those" | "both" | "this"
        ) && k == before.len()
        {
            return true;
        }
        // "Our experience and research shows": step over "X and".
        if matches!(w, "and" | "or") && k >= 2 {
            k -= 2;
            continue;
        }
        let sentence_initial = k == 1;
        let lw = w.to_lowercase();
        let capital = w.starts_with(char::is_uppercase)
            && (!sentence_initial
                || !(OPENERS.contains(&lw.as_str()) || COMMON_MODIFIERS.contains(&lw.as_str())));
        let possessive = w.ends_with("'s")
            || w.ends_with("’s")
            || w.ends_with("s'")
            || w.ends_with("s’")
            || matches!(
                w.to_lowercase().as_str(),
                "our" | "my" | "their" | "its" | "his" | "her" | "your"
            );
        if capital || possessive {
            return true;
        }
        break;
    }
    let after: Vec<&str> = text[cue.end..sentence.end]
        .split_whitespace()
        .take(6)
        .collect();
    let capital = |w: &str| {
        w.trim_start_matches(['(', '“', '"'])
            .starts_with(char::is_uppercase)
    };
    (0..after.len().min(3)).any(|i| {
        matches!(
            after[i].trim_matches(','),
            "at" | "from" | "of" | "with" | "in" | "for"
        ) && match after.get(i + 1) {
            Some(&("the" | "a")) => after.get(i + 2).is_some_and(|w| capital(w)),
            Some(w) => capital(w),
            None => false,
        }
    })
}

/// Words for unnamed holders of a view: "Some say", "Many believe", "Everyone agrees".
pub(super) const OPINION_HOLDERS: &[&str] =
    &["some", "many", "most", "others", "everyone", "everybody"];

/// Whether the writer of a paragraph speaks in their own voice: "I", "my", "we", "our" or
/// "you" outside quotation marks.
pub(super) fn writer_voice(input: &Input<'_>, doc: &Doc<'_>, block: usize) -> bool {
    let b = &input.prose.blocks[block];
    let t = &input.prose.text[b.clone()];
    words(t).any(|w| {
        matches!(
            &t[w.range()],
            "I" | "my" | "My" | "we" | "We" | "our" | "Our" | "you" | "You" | "your" | "Your"
        ) && !doc.in_quote(b.start + w.start)
    })
}
