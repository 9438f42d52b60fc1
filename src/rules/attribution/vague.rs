//! vague-source: claims credited to nobody in particular ("observers believe"), unless a
//! name, a namer or a link pins them down, or the writer sets up a view in their own voice.

use super::cues::CueWords;
use super::doc::Doc;
use super::phrases::listed;
use super::{Attribution, Finding, Input, Rule};
use crate::text::span::ProseSpan;
use crate::text::tokens::words;

/// How many words back from a cue [`CueWords::named_around`] reads at most, stepping
/// over modifiers and "X and" pairs ("the ministry's own latest studies show").
const MAX_WORDS_BACK: usize = 32;

impl Attribution {
    /// vague-source (`vague`) and anonymous-source: the cues that pass the shared
    /// filters, and for vague-source the vague-source ones too (see
    /// [`Attribution::cue_findings`]).
    pub(super) fn cue_source(
        &self,
        w: &CueWords,
        rule: &Rule,
        input: &Input<'_>,
        vague: bool,
        out: &mut Vec<Finding>,
    ) {
        let mut spans = self.cue_spans(w, input);
        let structural = self.claim_spans(input);
        if !structural.is_empty() {
            // A listed cue and a structure over the same words are one finding (the
            // cue's, which the list words more exactly).
            for s in &structural {
                if !spans.iter().any(|c| c.start < s.end && s.start < c.end) {
                    spans.push(*s);
                }
            }
            spans.sort_by_key(|s| (s.start, s.end));
        }
        if !spans.is_empty() {
            self.cue_findings(w, rule, input, &spans, &structural, vague, out);
        }
    }

    /// vague-source: the claim structures (see `claims`) of the sentences that hold one
    /// of the words they start from.
    fn claim_spans(&self, input: &Input<'_>) -> Vec<ProseSpan> {
        let Some(claims) = &self.claims else {
            return Vec::new();
        };
        let first = self.first_claim_anchor();
        let tags = input.tagged();
        let mut sentences: Vec<usize> = input
            .hits
            .iter()
            .filter(|h| h.local as usize >= first)
            .filter_map(|h| tags.sentence_at(h.span.start))
            .collect();
        sentences.dedup();
        sentences
            .into_iter()
            .flat_map(|i| claims.find(&input.prose.text, input.sentence_tokens(i)))
            .collect()
    }
}

impl CueWords {
    /// Whether a vague cue is pinned to a name right next to it: a proper noun or possessive
    /// before it ("Census data show", "the ministry's own studies show"), or a named body
    /// after it ("according to experts at the World Bank").
    pub(super) fn named_around(&self, text: &str, sentence: ProseSpan, cue: ProseSpan) -> bool {
        // The words before the cue, read back from it, as far as the loop below goes:
        // collecting every word from the start of the sentence read the whole sentence
        // for each cue in it.
        let mut before = text[sentence.start..cue.start]
            .split_whitespace()
            .rev()
            .peekable();
        let mut next_to_cue = true;
        // Modifiers and "X and" pairs are stepped over: no name stands behind more than
        // a few of them, and the cap keeps a run of them from being read again for each
        // of many cues after it.
        let mut steps = 0;
        while let Some(raw) = before.next() {
            steps += 1;
            if steps > MAX_WORDS_BACK {
                break;
            }
            let w = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
            if listed(&self.cue_modifiers, &w.to_lowercase()) {
                next_to_cue = false;
                continue;
            }
            // At the start of a sentence a capital says nothing, unless the word is not one
            // that commonly opens sentences ("Census data show", "Pew researchers say").
            // "the experts agreed": experts the story has already introduced.
            if listed(&self.back_references, &w.to_lowercase()) && next_to_cue {
                return true;
            }
            next_to_cue = false;
            // "Our experience and research shows": step over "X and".
            if listed(&self.conjunctions, w) && before.peek().is_some() {
                before.next();
                continue;
            }
            let sentence_initial = before.peek().is_none();
            let lw = w.to_lowercase();
            let capital = w.starts_with(char::is_uppercase)
                && (!sentence_initial
                    || !(listed(&self.sentence_openers, &lw)
                        || listed(&self.common_modifiers, &lw)));
            let possessive = w.ends_with("'s")
                || w.ends_with("’s")
                || w.ends_with("s'")
                || w.ends_with("s’")
                || listed(&self.possessives, &w.to_lowercase());
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
            listed(&self.name_prepositions, after[i].trim_matches(','))
                && match after.get(i + 1) {
                    Some(w) if listed(&self.name_articles, w) => {
                        after.get(i + 2).is_some_and(|w| capital(w))
                    }
                    Some(w) => capital(w),
                    None => false,
                }
        })
    }

    /// Whether the writer of a paragraph speaks in their own voice: "I", "my", "we", "our" or
    /// "you" outside quotation marks.
    pub(super) fn writer_voice(&self, input: &Input<'_>, doc: &Doc<'_>, block: usize) -> bool {
        let b = &input.prose.blocks[block];
        let t = &input.prose.text[b.clone()];
        words(t).any(|w| {
            let word = &t[w.range()];
            listed(&self.writer_voice, word) && !doc.in_quote(b.start + w.start)
        })
    }
}
