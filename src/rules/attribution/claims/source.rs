//! Whether a sentence near a claim names its source: a speech verb with a name, an
//! accountable body or a pronoun beside it.

use super::Claims;
use crate::text::span::ProseSpan;

/// Where a named source speaks in a sentence: each span runs from the speech verb to the
/// name (either order), in prose offsets. See [`Claims::source_spans`].
pub(in crate::rules::attribution) type SourceSpans = Vec<ProseSpan>;

/// Whether a named source speaks outside the claim at `skip` (a claim's own words, "Critics
/// accused Trump", are no source of it).
pub(in crate::rules::attribution) fn speaks_outside(spans: &SourceSpans, skip: ProseSpan) -> bool {
    spans
        .iter()
        .any(|p| p.end <= skip.start || p.start >= skip.end)
}

impl Claims {
    /// Where, in the sentence `sent` of `text`, a named source speaks: a speech verb
    /// ("said", "predicts", "according to") with a name, an accountable body ("police") or
    /// a pronoun for one beside it. "…, experts predict." then "predicts Oliver Irish,
    /// editor of …" names who is meant. Worked out once per sentence (a run-on sentence
    /// of many claims asks for it once per claim).
    pub(in crate::rules::attribution) fn source_spans(
        &self,
        text: &str,
        sent: ProseSpan,
    ) -> SourceSpans {
        if self.speech_verbs.is_empty() {
            return Vec::new();
        }
        let t = &text[sent.range()];
        let spans: Vec<ProseSpan> = crate::text::tokens::words(t).collect();
        let word = |i: usize| &t[spans[i].range()];
        let lexicon = crate::lang::lexicon::lexicon();
        let speaks = |w: &str| {
            let low = w.to_lowercase();
            if low == "according" {
                return true;
            }
            lexicon.find(&low).is_some_and(|e| {
                e.readings()
                    .any(|(tag, lemma)| tag.is_verb() && self.speech_verbs.contains(lemma))
            })
        };
        let named = |i: usize| {
            let w = word(i);
            let low = w.to_lowercase();
            let bare = low.trim_end_matches("'s").trim_end_matches("’s");
            if self.named_speakers.contains(bare) {
                return true;
            }
            // A definite noun phrase points at a body the story has named: "the party
            // informed the press", "the agency said".
            if i > 0
                && matches!(word(i - 1).to_lowercase().as_str(), "the" | "this" | "its")
                && lexicon
                    .find(&low)
                    .is_some_and(|e| e.readings().any(|(t, _)| t.is_noun()))
            {
                return true;
            }
            // A capital inside the sentence, or at its start on a word the lexicon
            // does not know in lower case ("Smith said").
            w.starts_with(char::is_uppercase)
                && (spans[i].start > 0 || lexicon.exact(&low).is_none())
                && !self.quantifiers.contains(low.as_str())
                && !self.is_group(bare)
        };
        let lower = |i: usize| word(i).to_lowercase();
        let mut out = Vec::new();
        for v in 0..spans.len() {
            if !speaks(word(v)) {
                continue;
            }
            // A passive ("is widely believed") has no speaker here.
            let mut k = v;
            while k > 0 && lower(k - 1).ends_with("ly") {
                k -= 1;
            }
            if k > 0 && self.be.contains(lower(k - 1).as_str()) {
                continue;
            }
            // "neither government has said so": nobody spoke.
            if (v.saturating_sub(3)..v).any(|i| {
                let w = lower(i);
                self.negations.contains(w.as_str()) || w == "neither" || w.ends_with("n't")
            }) {
                continue;
            }
            // "according to Reuters", "according to the ministry"
            let after = if lower(v) == "according" && lower(v + 1) == "to" {
                v + 2
            } else {
                v + 1
            };
            // After the verb, the speaker closes its clause: "…, said the agency." (not
            // "say the Tarn seams are …").
            let closes = |i: usize| {
                spans.get(i + 1).is_none_or(|n| {
                    t[spans[i].end..n.start].contains([',', ';', '.', ':', '(', '—'])
                })
            };
            let ends_named = |from: usize| {
                (from..(from + 4).min(spans.len()))
                    .take_while(|&i| named(i) || word(i).starts_with(char::is_uppercase))
                    .any(closes)
            };
            let after_named = after < spans.len()
                && (ends_named(after)
                    || (lower(after) == "the" && after + 1 < spans.len() && ends_named(after + 1)));
            // The subject: up to three words before the verb ("Police said", "the
            // agency's spokesman told", "Oliver Irish, editor of the Gazette, predicts").
            let before_named = (v.saturating_sub(3)..v).any(named);
            let at = |a: usize, b: usize| {
                ProseSpan::new(sent.start + spans[a].start, sent.start + spans[b].end)
            };
            if after_named {
                out.push(at(v, (after + 4).min(spans.len()) - 1));
            } else if before_named {
                out.push(at(v.saturating_sub(3), v));
            }
        }
        out
    }
}
