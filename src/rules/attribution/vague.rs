//! vague-source: claims credited to nobody in particular ("observers believe"), unless a
//! name, a namer or a link pins them down, or the writer sets up a view in their own voice.

use super::cues::CueWords;
use super::doc::Doc;
use super::phrases::listed;
use super::{Attribution, Finding, Input, Rule};
use crate::text::span::ProseSpan;
use crate::text::tokens::words;

impl Attribution {
    /// vague-source: the cues that pass the shared filters and the vague-source ones (see
    /// [`Attribution::cue_findings`]).
    pub(super) fn vague_source(
        &self,
        w: &CueWords,
        rule: &Rule,
        input: &Input<'_>,
        out: &mut Vec<Finding>,
    ) {
        let spans = self.cue_spans(w, input);
        if !spans.is_empty() {
            self.cue_findings(w, rule, input, &spans, true, out);
        }
    }
}

impl CueWords {
    /// Whether a vague cue is pinned to a name right next to it: a proper noun or possessive
    /// before it ("Census data show", "the ministry's own studies show"), or a named body
    /// after it ("according to experts at the World Bank").
    pub(super) fn named_around(&self, text: &str, sentence: ProseSpan, cue: ProseSpan) -> bool {
        let before: Vec<&str> = text[sentence.start..cue.start].split_whitespace().collect();
        let mut k = before.len();
        while k > 0 {
            let w =
                before[k - 1].trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
            if listed(&self.cue_modifiers, &w.to_lowercase()) {
                k -= 1;
                continue;
            }
            // At the start of a sentence a capital says nothing, unless the word is not one
            // that commonly opens sentences ("Census data show", "Pew researchers say").
            // "the experts agreed": experts the story has already introduced.
            if listed(&self.back_references, &w.to_lowercase()) && k == before.len() {
                return true;
            }
            // "Our experience and research shows": step over "X and".
            if listed(&self.conjunctions, w) && k >= 2 {
                k -= 2;
                continue;
            }
            let sentence_initial = k == 1;
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
