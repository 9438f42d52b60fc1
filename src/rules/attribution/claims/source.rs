//! Whether a sentence near a claim names its source: a speech verb with a name, an
//! accountable body or a pronoun beside it.

use super::Claims;
use crate::text::span::ProseSpan;

impl Claims {
    /// Whether the sentence `sent` of `text`, outside the claim at `skip`, has a named
    /// source speak: a speech verb ("said", "predicts", "according to") with a name, an
    /// accountable body ("police") or a pronoun for one within four words of it. "…,
    /// experts predict." then "predicts Oliver Irish, editor of …" names who is meant.
    pub(in crate::rules::attribution) fn names_source(
        &self,
        text: &str,
        sent: ProseSpan,
        skip: ProseSpan,
    ) -> bool {
        if self.speech_verbs.is_empty() {
            return false;
        }
        let t = &text[sent.range()];
        let spans: Vec<ProseSpan> = crate::text::tokens::words(t)
            .filter(|w| {
                let (a, b) = (sent.start + w.start, sent.start + w.end);
                b <= skip.start || a >= skip.end
            })
            .collect();
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
        let definite = |i: usize| i > 0 && matches!(lower(i - 1).as_str(), "the" | "this" | "its");
        (0..spans.len()).any(|v| {
            if !speaks(word(v)) {
                return false;
            }
            // A passive ("is widely believed") has no speaker here.
            let mut k = v;
            while k > 0 && lower(k - 1).ends_with("ly") {
                k -= 1;
            }
            if k > 0 && self.be.contains(lower(k - 1).as_str()) {
                return false;
            }
            // "neither government has said so": nobody spoke.
            if (v.saturating_sub(3)..v).any(|i| {
                let w = lower(i);
                self.negations.contains(w.as_str()) || w == "neither" || w.ends_with("n't")
            }) {
                return false;
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
            let before_named =
                (v.saturating_sub(3)..v).any(|i| named(i) || (definite(i) && named(i)));
            after_named || before_named
        })
    }
}
