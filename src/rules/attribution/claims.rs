//! vague-source by sentence structure, over the tagger's tokens: the claims no phrase
//! list can enumerate.
//!
//! - **Agentless attributive passives.** A form of "be" (not after a modal: "can be
//!   seen" is sight, "may be considered" the writer's own hedge), optional adverbs, then
//!   a participle of an attributive verb:
//!   - impersonal, "it" + participle + "that" ("it has long been suggested that");
//!   - with an infinitive ("is said to", "were believed to have");
//!   - a judgement ("is considered", "was regarded as") only when something makes it
//!     someone's opinion rather than a classification: an adverb of generality ("is
//!     widely considered"), a vague agent ("by many"), or an evaluative complement ("one
//!     of the finest", "the best", "influential"). "Lamb is considered a meat" is not a
//!     claim about anyone's view.
//!
//!   A named agent ("is regarded by the WHO as") pins any of them down; a quoted term
//!   after it ("is said to be ‘split’", "is often described as ‘X’") is a definition.
//! - **Vague groups with a reporting verb.** A plural group noun ("critics", "fans",
//!   "art historians", "other studies") that is the subject of its clause — after a
//!   quantifier ("some", "many", "a number of"), or bare at the start of a clause — then a
//!   reporting verb in any tense ("have long maintained", "argue", "praised"), with "of
//!   …" and a parenthetical ", however," allowed between.
//! - **Hearsay adverbs** ("reportedly", "supposedly").
//!
//! The spans go through vague-source's shared filters (quotations, conditions, a name or
//! a namer nearby); every word list is the rule file's `[attribution.claims]` table.

use crate::lang::tagger::{Token, BE, DO, HAVE};
use crate::lang::tags::Tag;
use crate::text::span::ProseSpan;
use std::collections::HashSet;

mod sentence;
mod source;
mod spec;

use sentence::Sentence;
pub(super) use source::{speaks_outside, SourceSpans};
pub use spec::ClaimWordsSpec;

/// One word list, for lookups.
type Words = HashSet<Box<str>>;

/// The compiled `[attribution.claims]` table.
#[derive(Debug, Default)]
pub(super) struct Claims {
    hearsay: Words,
    be: Words,
    modals: Words,
    negations: Words,
    impersonal: Words,
    infinitive: Words,
    judgement: Words,
    need_as: Words,
    generality: Words,
    evaluative: Words,
    quantifiers: Words,
    counting: Words,
    groups: Words,
    evidence: Words,
    reporting: Words,
    evidence_verbs: Words,
    openers: Words,
    quantified_only: Words,
    speech_verbs: Words,
    named_speakers: Words,
}

/// Who a passive names as its agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Agent {
    /// No "by" in the clause.
    None,
    /// "by many", "by critics".
    Vague,
    /// "by the WHO", "by his colleagues".
    Named,
}

/// How far a clause is read for an agent or a complement, in tokens.
const CLAUSE_REACH: usize = 12;

impl Claims {
    /// The lists, lower-cased.
    pub(super) fn new(spec: &ClaimWordsSpec) -> Self {
        let set = |v: &[String]| -> Words {
            v.iter()
                .map(|w| w.trim().to_lowercase().into_boxed_str())
                .collect()
        };
        Claims {
            hearsay: set(&spec.hearsay_adverbs),
            be: set(&spec.be_forms),
            modals: set(&spec.modals),
            negations: set(&spec.negations),
            impersonal: set(&spec.impersonal),
            infinitive: set(&spec.infinitive),
            judgement: set(&spec.judgement),
            need_as: set(&spec.need_as),
            generality: set(&spec.generality),
            evaluative: set(&spec.evaluative),
            quantifiers: set(&spec.quantifiers),
            counting: set(&spec.counting_nouns),
            groups: set(&spec.groups),
            evidence: set(&spec.evidence),
            reporting: set(&spec.reporting_verbs),
            evidence_verbs: set(&spec.evidence_verbs),
            openers: set(&spec.clause_openers),
            quantified_only: set(&spec.quantified_only),
            speech_verbs: set(&spec.speech_verbs),
            named_speakers: set(&spec.named_speakers),
        }
    }

    /// The words a structure starts from, for the shared matcher: a sentence without one
    /// is never tagged for this analysis.
    pub(super) fn anchors(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .hearsay
            .iter()
            .chain(&self.impersonal)
            .chain(&self.infinitive)
            .chain(&self.judgement)
            .chain(&self.groups)
            .chain(&self.evidence)
            .map(|w| w.to_string())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Whether the anchor word at `at` can start a structure, read from the text alone: a
    /// participle only after a form of "be" among the three words before it ("said" in
    /// "she said" cannot). Most sentences with a common participle are then never tagged.
    pub(super) fn worth_tagging(&self, text: &str, at: ProseSpan) -> bool {
        let w = text[at.range()].to_lowercase();
        if self.hearsay.contains(w.as_str()) || self.is_group(&w) {
            return true;
        }
        text[..at.start].split_whitespace().rev().take(3).any(|p| {
            let p = p
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            self.be.contains(p.as_str())
        })
    }

    /// The spans of the structures in one sentence's tokens.
    pub(super) fn find(&self, text: &str, toks: &[Token]) -> Vec<ProseSpan> {
        let s = Sentence::new(text, toks);
        let mut out = Vec::new();
        for (i, tok) in toks.iter().enumerate() {
            let w = s.low(i);
            if self.hearsay.contains(w) {
                out.push(s.span(i, i));
            } else if self.be.contains(w) && tok.auxiliary & BE != 0 {
                if let Some(span) = self.passive(&s, i) {
                    out.push(span);
                }
            } else if self.groups.contains(w) || self.evidence.contains(w) {
                if let Some(span) = self.group(&s, i) {
                    out.push(span);
                }
            }
        }
        out
    }

    /// A passive whose "be" is token `i`.
    fn passive(&self, s: &Sentence<'_>, i: usize) -> Option<ProseSpan> {
        if self.after_modal(s, i) {
            return None;
        }
        let mut j = i + 1;
        let mut general = false;
        while j < s.len() && j <= i + 4 {
            let w = s.low(j);
            if self.negations.contains(w) {
                return None;
            }
            if self.be.contains(w) {
                j += 1;
            } else if s.is_adverb(j) {
                general |= self.generality.contains(w);
                j += 1;
            } else {
                break;
            }
        }
        let p = s.low(j);
        let next = s.low(j + 1);
        let agent = self.agent(s, j);
        if agent == Agent::Named {
            return None;
        }
        if self.impersonal.contains(p) && next == "that" {
            if let Some(it) = self.impersonal_subject(s, i) {
                return Some(s.span(it, j));
            }
        }
        // "is said to have", not "is known to police".
        let infinitive = next == "to" && s.toks.get(j + 2).is_some_and(|t| t.tag == Tag::VB);
        if self.infinitive.contains(p) && infinitive {
            // "is said to be ‘split’": a term being defined.
            if s.quote_at(j + 3) || s.quote_at(j + 2) {
                return None;
            }
            if !self.judgement.contains(p)
                || general
                || agent == Agent::Vague
                || self.evaluative_from(s, j + 2)
            {
                return Some(s.span(i, j + 1));
            }
            return None;
        }
        if self.judgement.contains(p) {
            let has_as = next == "as";
            if self.need_as.contains(p) && !has_as && agent != Agent::Vague {
                return None;
            }
            let complement = j + 1 + usize::from(has_as);
            // "is often described as ‘a story that …’", "as the ‘Australasian robins’":
            // a definition or a name.
            if s.quote_at(complement)
                || (s.toks.get(complement).is_some_and(|t| t.tag == Tag::DT)
                    && s.quote_at(complement + 1))
            {
                return None;
            }
            if general || agent == Agent::Vague || self.evaluative_from(s, complement) {
                return Some(s.span(i, j));
            }
        }
        None
    }

    /// Whether a modal stands before token `i`, over adverbs ("can also be seen").
    fn after_modal(&self, s: &Sentence<'_>, i: usize) -> bool {
        let mut k = i;
        while k > 0 {
            k -= 1;
            let w = s.low(k);
            if self.modals.contains(w) {
                return true;
            }
            if !(s.is_adverb(k) || self.negations.contains(w)) {
                return false;
            }
        }
        false
    }

    /// The token of "it" before the "be" at `i` ("it is", "it has been", "it had long
    /// been"), if the passive is impersonal.
    fn impersonal_subject(&self, s: &Sentence<'_>, i: usize) -> Option<usize> {
        let mut k = i;
        while k > 0 {
            k -= 1;
            if s.low(k) == "it" {
                return Some(k);
            }
            if !(s.toks[k].auxiliary & HAVE != 0 || s.is_adverb(k)) {
                return None;
            }
        }
        None
    }

    /// The agent of the passive participle at `j`: a "by" (or "among") in the rest of
    /// its clause, before an infinitive, a relative clause or another participle takes
    /// over ("is believed to be haunted by spirits": the spirits haunt).
    fn agent(&self, s: &Sentence<'_>, j: usize) -> Agent {
        for k in j + 1..s.len().min(j + CLAUSE_REACH) {
            if s.clause_end(k)
                || matches!(s.low(k), "to" | "that" | "which" | "who" | "whom" | "where")
                || (k > j + 1 && matches!(s.toks[k].tag, Tag::VBN | Tag::VBD))
            {
                break;
            }
            if !matches!(s.low(k), "by" | "among" | "amongst") {
                continue;
            }
            let mut a = k + 1;
            // "by many critics", "by most historians", "by art historians"
            if self.quantifiers.contains(s.low(a)) || s.low(a) == "others" {
                return Agent::Vague;
            }
            while a < s.len() && s.is_lower_modifier(a) && !self.is_group(s.low(a)) {
                a += 1;
            }
            return if self.is_group(s.low(a)) && !s.is_name(k + 1) {
                Agent::Vague
            } else {
                Agent::Named
            };
        }
        Agent::None
    }

    /// Whether an evaluative word, a superlative or "one of the" is in the clause from
    /// token `from`.
    fn evaluative_from(&self, s: &Sentence<'_>, from: usize) -> bool {
        (from..s.len().min(from + 8))
            .take_while(|&k| !s.clause_end(k))
            .any(|k| {
                let w = s.low(k);
                self.evaluative.contains(w)
                    || matches!(s.toks[k].tag, Tag::JJS | Tag::RBS)
                    || (w == "one" && s.low(k + 1) == "of" && s.low(k + 2) == "the")
            })
    }

    /// Whether `w` is a group or evidence noun.
    fn is_group(&self, w: &str) -> bool {
        self.groups.contains(w) || self.evidence.contains(w)
    }

    /// A vague group at token `g` that is its clause's subject, with a reporting verb.
    fn group(&self, s: &Sentence<'_>, g: usize) -> Option<ProseSpan> {
        // The noun phrase: up to three modifiers before the noun ("early modern art
        // historians"); a capitalised one inside the sentence is a name ("Pew
        // researchers"), as is a possessive ("the team's critics").
        let mut start = g;
        while start > 0 && g - start < 3 {
            let k = start - 1;
            if s.toks[k].possessive || s.is_name(k) {
                return None;
            }
            if s.is_modifier(k) && !self.quantifiers.contains(s.low(k)) {
                start = k;
            } else {
                break;
            }
        }
        let mut first = start;
        let mut counted = false;
        if start > 0 {
            let q = start - 1;
            let w = s.low(q);
            if self.quantifiers.contains(w) {
                first = q;
                counted = true;
            } else if w == "of"
                && q >= 2
                && self.counting.contains(s.low(q - 1))
                && s.toks[q - 2].tag == Tag::DT
            {
                first = q - 2;
                counted = true;
            } else if !self.opens_clause(s, q) {
                return None;
            }
            if first > 0 && !self.opens_clause(s, first - 1) {
                return None;
            }
        }
        if !counted && self.quantified_only.contains(s.low(g)) {
            return None;
        }
        // The verb: over "of …" ("critics of the plan argue"), a parenthetical ", however,",
        // auxiliaries and adverbs.
        let mut v = g + 1;
        if s.low(v) == "of" {
            v += 1;
            let stop = (v + 5).min(s.len());
            while v < stop
                && !s.clause_end(v)
                && !self.negations.contains(s.low(v))
                && !self.modals.contains(s.low(v))
                && !self.reports(s, v, g)
            {
                v += 1;
            }
            // "reports of broken links.": a noun phrase's last word, not its verb.
            if v + 1 >= s.len() || s.clause_end(v + 1) {
                return None;
            }
        }
        let mut after_have = false;
        for _ in 0..5 {
            if v >= s.len() {
                return None;
            }
            if self.negations.contains(s.low(v)) {
                // "locals do not call them": no view credited.
                return None;
            }
            if s.low(v) == "," && s.is_adverb(v + 1) && s.low(v + 2) == "," {
                v += 3;
            } else if s.is_adverb(v)
                || self.modals.contains(s.low(v))
                || s.toks[v].auxiliary & (HAVE | DO) != 0 && !self.reports(s, v, g)
            {
                after_have |= s.toks[v].auxiliary & HAVE != 0;
                v += 1;
            } else {
                break;
            }
        }
        // After "have" only a participle is the verb ("have argued", not "had questions").
        let participle = !after_have || s.toks[v].readings.has(Tag::VBN);
        (participle && self.reports(s, v, g)).then(|| s.span(first, v))
    }

    /// Whether token `v` is a reporting verb fit for the group noun at `g`.
    fn reports(&self, s: &Sentence<'_>, v: usize, g: usize) -> bool {
        let Some(entry) = s.toks.get(v).and_then(|t| t.entry) else {
            return false;
        };
        let evidence = self.evidence.contains(s.low(g));
        let verbs = if evidence {
            &self.evidence_verbs
        } else {
            &self.reporting
        };
        let found = entry
            .readings()
            .any(|(t, lemma)| t.is_verb() && verbs.contains(lemma));
        // The tagger may read the verb after a noun as part of a compound ("treatment
        // claim that …"): a word it reads as a noun counts only when what follows can
        // open its object, not a compound's end ("data points.", "reports of broken
        // links.") or a noun phrase going on ("had questions about").
        let tag = s.toks[v].tag;
        found
            && (tag.is_verb()
                || tag == Tag::UNK
                || s.toks.get(v + 1).is_some_and(|n| {
                    matches!(n.tag, Tag::DT | Tag::PRP | Tag::PRPS | Tag::CD)
                        || s.low(v + 1) == "that"
                }))
    }

    /// Whether token `k` ends what comes before a clause's subject: punctuation, a
    /// conjunction or a subordinator.
    fn opens_clause(&self, s: &Sentence<'_>, k: usize) -> bool {
        if s.toks[k].tag == Tag::PUNCT {
            // "(DAP) data confirms": a bracket closes a name, it opens no clause.
            return !s.quote_at(k) && !matches!(s.raw(k), ")" | "]");
        }
        // "Smith, Jones and others saw": "and" after a name joins a list of them.
        let joins_names = matches!(s.low(k), "and" | "or") && k > 0 && s.is_name(k - 1);
        // "supporters said studies show": a reported clause whose "that" is left out.
        let reported = s.toks[k].tag.is_verb()
            && s.toks[k].entry.is_some_and(|e| {
                e.readings()
                    .any(|(t, lemma)| t.is_verb() && self.speech_verbs.contains(lemma))
            });
        (self.openers.contains(s.low(k)) && !joins_names) || reported
    }
}

#[cfg(test)]
mod tests;
