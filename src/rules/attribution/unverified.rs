//! unverified-as-fact: a claim the article says could not be verified, stated elsewhere
//! in it as plain fact.

use super::doc::Doc;
use super::words::ContentWords;
use super::{Attribution, Finding, Input, Rule};
use crate::text::tokens::words;
use std::collections::HashSet;

impl Attribution {
    /// unverified-as-fact, for documents with a disclaimer (see
    /// [`Attribution::unverified`]).
    pub(super) fn unverified_as_fact(
        &self,
        content: &ContentWords,
        rule: &Rule,
        input: &Input<'_>,
        out: &mut Vec<Finding>,
    ) {
        if self.cue_hits(input).next().is_some() {
            self.unverified(content, rule, input, &Doc::new(input), out);
        }
    }

    /// unverified-as-fact: sentences that state, without a hedge, what a disclaimer says
    /// could not be verified (matched by shared content words).
    fn unverified(
        &self,
        content: &ContentWords,
        rule: &Rule,
        input: &Input<'_>,
        doc: &Doc<'_>,
        out: &mut Vec<Finding>,
    ) {
        let text = &input.prose.text;
        let mut flagged: HashSet<usize> = HashSet::new();
        // Words in many sentences are the story's topic (its place, its people), not the
        // particular claim: they do not count as shared content.
        let sentence_words: Vec<HashSet<String>> = doc
            .sentences()
            .iter()
            .map(|s| content.of(&text[s.span.range()]).collect())
            .collect();
        let mut df: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for ws in &sentence_words {
            for w in ws {
                *df.entry(w.as_str()).or_default() += 1;
            }
        }
        let common = (doc.sentences().len() / 5).max(3);
        // Proper names (capitalised mid-sentence) say what a sentence is about, not what it
        // claims: a match needs at least two shared words that are not names.
        let mut names: HashSet<String> = HashSet::new();
        for sent in doc.sentences().iter() {
            let st = &text[sent.span.range()];
            for w in words(st).skip(1) {
                let t = &st[w.range()];
                if t.starts_with(char::is_uppercase) {
                    names.extend(content.of(t));
                }
            }
        }
        // What each disclaimer compares with is read once: whether a sentence hedges
        // (or repeats the disclaimer), by sentence; the claim, for each disclaimer
        // sentence (several cues in one sentence make one claim), grown sentence by
        // sentence through a paragraph rather than gathered again from its start.
        let mut hedged: Vec<Option<bool>> = vec![None; doc.sentences().len()];
        let mut last: Option<usize> = None;
        let mut claim: HashSet<String> = HashSet::new();
        let mut claim_from = 0;
        for hit in self.cue_hits(input) {
            let Some(d) = doc.sentence_at(hit.span.start) else {
                continue;
            };
            // A second cue in the same sentence has the same claim and flags nothing new.
            if last == Some(d) {
                continue;
            }
            // The claim is what the disclaimer's paragraph reports, up to the disclaimer.
            let block = doc.sentences()[d].block;
            let first = doc.sentences()[..d].partition_point(|s| s.block < block);
            let grown_from = match last {
                Some(l) if claim_from == first && l < d => l + 1,
                _ => {
                    claim.clear();
                    first
                }
            };
            claim_from = first;
            last = Some(d);
            claim.extend(
                sentence_words[grown_from..=d]
                    .iter()
                    .flat_map(|ws| ws.iter())
                    .filter(|w| df.get(w.as_str()).is_some_and(|&n| n <= common))
                    .filter(|w| !self.cues.iter().any(|c| c.split(' ').any(|cw| cw == *w)))
                    .cloned(),
            );
            if claim.len() < 3 {
                continue;
            }
            let claim_sents = first..=d;
            for (j, s) in doc.sentences().iter().enumerate() {
                if claim_sents.contains(&j) || flagged.contains(&j) {
                    continue;
                }
                let hedge = *hedged[j].get_or_insert_with(|| {
                    let lower = doc.lower(s.span);
                    self.sets.hedges.any_in(&lower) || self.sets.cues.any_in(&lower)
                });
                if hedge {
                    continue;
                }
                let own = &sentence_words[j];
                let shared = own.intersection(&claim).count();
                let plain = own
                    .intersection(&claim)
                    .filter(|w| !names.contains(*w))
                    .count();
                if plain >= 2 && (shared >= 4 || (shared >= 3 && shared * 5 >= own.len())) {
                    flagged.insert(j);
                    let mut f = rule.replace_finding(input, s.span, Vec::new());
                    f.message = rule.render_message(&text[s.span.range()], None);
                    f.labels.push((
                        doc.sentences()[d].span,
                        "the article says this could not be verified".to_string(),
                    ));
                    out.push(f);
                }
            }
        }
    }
}
