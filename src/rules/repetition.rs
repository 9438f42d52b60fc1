//! `repetition`: a word written twice in a row ("the the"), also across a line break.

use super::{Finding, Input, Rule};
use crate::text::span::ProseSpan;
use serde::Deserialize;
use std::collections::HashSet;

/// `[repetition]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RepetitionSpec {
    /// Words that may be doubled.
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// Words that may be doubled when one of the listed words, or a form of it, comes
    /// up to four words before: `is = ["what"]` for “what it is is”, `in = ["log"]` for
    /// “logged in in the morning”, `her = ["give"]` for “gave her her badge”.
    #[serde(default)]
    pub after: std::collections::BTreeMap<String, Vec<String>>,
}

/// Compiled repetition data.
#[derive(Debug)]
pub struct Repetition {
    exceptions: HashSet<String>,
    after: std::collections::HashMap<String, Vec<String>>,
}

impl Repetition {
    /// Compiles the spec.
    pub fn compile(spec: RepetitionSpec) -> Self {
        Repetition {
            exceptions: spec.exceptions.iter().map(|e| e.to_lowercase()).collect(),
            after: spec
                .after
                .into_iter()
                .map(|(k, v)| {
                    (
                        k.to_lowercase(),
                        v.iter().map(|w| w.to_lowercase()).collect(),
                    )
                })
                .collect(),
        }
    }

    pub(super) fn check(&self, rule: &Rule, input: &Input<'_>, out: &mut Vec<Finding>) {
        let text = &input.prose.text;
        let bytes = text.as_bytes();
        let mut prev: Option<ProseSpan> = None;
        let words = input.words();
        // Asked once, at the first candidate: whether the document is a transcript.
        let mut transcript: Option<bool> = None;
        for (i, &w) in words.iter().enumerate() {
            if let Some(p) = prev {
                // Cheapest tests first, on bytes (no char-boundary checks): this runs for
                // every pair of words, and almost every pair differs in length.
                if p.end - p.start != w.end - w.start
                    || !bytes[p.range()].eq_ignore_ascii_case(&bytes[w.range()])
                {
                    prev = Some(w);
                    continue;
                }
                let a = &text[p.range()];
                let b = &text[w.range()];
                let gap = &text[p.end..w.start];
                // Only plain whitespace between the words: a single line break at most, no
                // block boundary, no punctuation ("that, that" is deliberate).
                let plain_gap = !gap.is_empty()
                    && gap.chars().all(|c| c == ' ' || c == '\t' || c == '\u{a0}')
                    && !gap.contains('\n');
                // Markup dropped between them is emphasis or code ("_and_ or _or_",
                // "**us** us"): words named or stressed, not one repeated. A link's edge
                // is not ("the [the Plain Language …]"): that is the slip itself.
                let link_edge = input
                    .prose
                    .links
                    .iter()
                    .any(|l| l.start == w.start || l.end == p.end);
                if plain_gap
                    && (link_edge || input.prose.is_contiguous(ProseSpan::new(p.start, w.end)))
                    && a.chars().any(char::is_alphabetic)
                    && !b.chars().next().is_some_and(char::is_uppercase)
                    // "GET get", "US us": a word in capitals before the same word in lower
                    // case is a name or a code beside a word, not a slip of the keyboard.
                    && !is_all_caps(a)
                    // "Open Data data.json", "gov.uk uk": a word inside a dotted name (a
                    // file, a domain) is part of that name, not a word repeated.
                    && !dotted(bytes, p.start, p.end)
                    && !dotted(bytes, w.start, w.end)
                    && !self.exceptions.contains(&a.to_lowercase())
                    && !self.allowed_here(text, words, i, &a.to_lowercase())
                    && !tripled(text, words, i)
                    && (FUNCTION_WORDS.contains(&a.to_lowercase().as_str()) || !spoken(input, p))
                    && !*transcript.get_or_insert_with(|| is_transcript(input))
                {
                    let span = ProseSpan::new(p.start, w.end);
                    let mut f = rule.replace_finding(input, span, vec![a.to_string()]);
                    f.message = rule.render_message(a, Some(a));
                    out.push(f);
                    // "the the the": report once, then start afresh.
                    prev = None;
                    continue;
                }
            }
            prev = Some(w);
        }
    }
}

impl Repetition {
    /// Whether the doubling that ends at word `i` is one its context allows: a listed
    /// word, or a form of one, up to four words before the pair.
    fn allowed_here(&self, text: &str, words: &[ProseSpan], i: usize, word: &str) -> bool {
        let Some(cues) = self.after.get(word) else {
            return false;
        };
        // Word `i` is the second of the pair; the one before the pair is `i - 2`.
        (2..=5)
            .filter_map(|k| i.checked_sub(k).and_then(|j| words.get(j)))
            .map(|s| &text[s.range()])
            .any(|b| {
                let entry = crate::lang::lexicon::lexicon().find(b);
                cues.iter().any(|c| {
                    b.eq_ignore_ascii_case(c)
                        || entry.is_some_and(|e| e.readings().any(|(_, l)| l == c))
                })
            })
    }
}

/// Words whose doubling is a slip even in quoted speech: speakers stress or hesitate on
/// words that carry meaning (“really really nervous”, “no no”, “very very”), seldom on
/// these.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "with", "from", "by", "as", "and", "or",
    "but", "is", "are", "was", "were", "be", "been", "it", "its", "this", "their", "his", "our",
    "your", "my", "i", "we", "they", "he", "she", "you", "will", "would", "can", "could", "should",
    "has", "have", "not", "into", "than", "then", "which", "who",
];

/// Whether the word after the pair that ends at word `i` is the same word again (“no no
/// no”): a repetition on purpose.
fn tripled(text: &str, words: &[ProseSpan], i: usize) -> bool {
    let same = |a: usize, b: usize| match (words.get(a), words.get(b)) {
        (Some(x), Some(y)) => {
            text[x.range()].eq_ignore_ascii_case(&text[y.range()])
                && text[x.end..y.start].chars().all(|c| c == ' ' || c == ',')
        }
        _ => false,
    };
    same(i, i + 1) || (i >= 2 && same(i - 2, i - 1))
}

/// Whether the document is a transcript: three or more paragraphs (not list items) open
/// with a speaker's label (“Charlie: No, we had …”, “MODERATOR: …”). A transcript
/// records speech as it was said, false starts (“we we had”) and all, so its doublings
/// are not slips.
fn is_transcript(input: &Input<'_>) -> bool {
    let text = &input.prose.text;
    input
        .prose
        .blocks
        .iter()
        .enumerate()
        // List items ("**Roads:** the fund falls") label topics, not speakers.
        .filter(|(i, _)| !input.prose.is_fragment_block(*i))
        .filter(|(_, b)| {
            let block = &text[(*b).clone()];
            let Some(colon) = block.get(..block.len().min(40)).and_then(|h| h.find(": ")) else {
                return false;
            };
            let label = &block[..colon];
            let words: Vec<&str> = label.split(' ').collect();
            words.len() <= 3
                && words.iter().all(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        && w.chars()
                            .all(|c| c.is_alphabetic() || c == '.' || c == '\'' || c == '-')
                })
        })
        .nth(2)
        .is_some()
}

/// Whether the word at `span` is inside a quotation.
fn spoken(input: &Input<'_>, span: ProseSpan) -> bool {
    let qs = input.quotations();
    let k = qs.partition_point(|q| q.span.start <= span.start);
    k > 0 && qs[k - 1].span.end >= span.end
}

/// Whether the word at `start..end` is joined to a letter or digit by a dot on either
/// side ("data.json", "gov.uk"): part of a file or domain name.
fn dotted(bytes: &[u8], start: usize, end: usize) -> bool {
    let after =
        bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric);
    let before = start >= 2 && bytes[start - 1] == b'.' && bytes[start - 2].is_ascii_alphanumeric();
    after || before
}

/// Two or more letters, all of them capitals.
fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

impl super::RuleKind for Repetition {
    type Spec = RepetitionSpec;
    const NAME: &'static str = "repetition";

    fn compile(
        spec: RepetitionSpec,
        _: &super::Compile<'_>,
    ) -> Result<Self, crate::error::FileError> {
        Ok(Repetition::compile(spec))
    }

    fn scans(&self) -> bool {
        true
    }

    fn check(&self, rule: &super::Rule, input: &super::Input<'_>, out: &mut Vec<super::Finding>) {
        Repetition::check(self, rule, input, out)
    }
}
