//! `attribution`: claims, figures and quotations the reader cannot trace to a source.
//!
//! One kind, six analyses (see [`AttributionCheck`]), each in its own file; all work on
//! sentences from [`crate::text::prose`]. This file compiles a rule's `[attribution]`
//! table, gives the shared phrase matcher its literals and runs the rule's analysis.
//!
//! - `vague`: vague-source; `anonymous`: anonymous-source; `cues`: the cue spans and
//!   filters those two share.
//! - `statistic`: unsourced-statistic; `figures`: its figure shapes; `figure_scan`: the
//!   byte-level reading the shapes are made of.
//! - `quote`: unattributed-quote; `speech`: quotation marks that hold no one's speech.
//! - `unquoted`: unquoted-quotation.
//! - `unverified`: unverified-as-fact; `words`: the content words and stems it matches by.
//! - `spec`: the rule-file table; `doc`: the sentence and paragraph navigator; `patterns`:
//!   the rule's regexes and their trigger gate; `phrases`: searching the rule's lists.
//!
//! # Every word list is data
//!
//! The English words the analyses look for are in the rule files,
//! `rules/attribution/<rule>.toml`, so a newsroom can extend or trim them: the lists every
//! analysis may use (cues, sources, namers, hedges, exceptions, patterns and triggers), the
//! figure vocabularies and the small words between a figure's parts (`[attribution.figures]`),
//! and the lists of each analysis's filters (see [`AttributionSpec`], from `conditions`
//! on). A filter list is refused on a rule for an analysis that does not read it (it
//! would be ignored, which hides a mistake), and one compared word by word refuses
//! phrases; a filter list left out is empty, and its filter then never applies.
//!
//! A list two analyses read is repeated in each rule file rather than shared through a
//! common table: the only such lists are small (`conditions`, `impersonal-cues` and
//! `convention-openers`, which vague-source and anonymous-source both apply; `conjunctions`,
//! two words, in vague-source and unattributed-quote), and each rule file stays complete on
//! its own, as a user's copy of one must be.
//!
//! # What stays in code, and why
//!
//! - The gate of unquoted-quotation: the words it asks the shared matcher for ("i", "me",
//!   "my", "myself") and the cases of them it takes ("I", "my", "My", not "i" or "ME").
//!   It is a byte-level prefilter that spares most documents the paragraph analysis, not
//!   vocabulary; compile checks that every `speaker-words` entry is a form it takes, so
//!   the gate can never hide a paragraph the analysis would flag.
//! - The byte scan for "you" before the `reader-words` test, used only when every entry
//!   holds "you" (a prefilter, as above).
//! - Spelling, not words: the possessive endings "'s", "’s", "s'", "s’"; the curly
//!   apostrophe made straight, and the possessive "'s" dropped, before content words are
//!   stemmed; the `&lsquo;` and `&rsquo;` entities; quotation marks and dashes.
//! - The syntax of the figure shapes (see `figures`): "in" and "out of" in a proportion,
//!   "of" in a share, "by" after a change verb, "in" after a superlative, "ranked", "No.",
//!   ordinal suffixes, "than any other", "fastest-growing", "most"/"least" with the next
//!   word, "half", "one-third", "two-thirds". A shape is these connectors; the words between
//!   them are data.

mod claims;
mod cues;
mod doc;
mod figure_scan;
pub mod figures;
mod patterns;
mod phrases;
mod quote;
mod spec;
mod speech;
mod statistic;
mod unquoted;
mod unverified;
mod vague;
mod words;

pub use spec::{AttributionCheck, AttributionSpec};

use super::{
    ascii_classes, normalize_phrase, regex_budget, regex_error, Finding, Hit, Input, Literal, Rule,
};
use crate::error::FileError;
use claims::Claims;
use cues::CueWords;
use figures::Figures;
use patterns::Patterns;
use phrases::{PhraseSet, Sets};
use quote::QuoteWords;
use statistic::FigureContext;
use unquoted::FirstPersonWords;
use words::ContentWords;

/// The analysis a rule runs, with the word lists only it reads (boxed: most are large
/// and a rule has one).
#[derive(Debug)]
enum Analysis {
    // One variant per [`AttributionCheck`], in its order.
    VagueSource(Box<CueWords>),
    AnonymousSource(Box<CueWords>),
    UnsourcedStatistic(Box<FigureContext>),
    UnattributedQuote(Box<QuoteWords>),
    UnquotedQuotation(Box<FirstPersonWords>),
    UnverifiedAsFact(Box<ContentWords>),
}

/// Compiled attribution data.
#[derive(Debug)]
pub struct Attribution {
    /// The analysis, with its own lists.
    analysis: Analysis,
    /// Trigger phrases, lower case (see the spec).
    cues: Vec<String>,
    /// Words that attribute, lower case.
    sources: Vec<String>,
    /// Phrases containing a cue that are fine, lower case.
    exceptions: Vec<String>,
    /// The rule's `patterns`, as one regex.
    patterns: Option<Patterns>,
    /// unsourced-statistic: the built-in figure shapes (boxed: rarely present).
    shapes: Option<Box<Figures>>,
    /// Words every pattern match contains (see the spec): the patterns run only on
    /// paragraphs with one. Registered with the shared matcher after the cues.
    triggers: Vec<String>,
    /// The words figures start from ([`Figures::anchors`]), registered after the
    /// triggers.
    anchors: Vec<String>,
    /// unquoted-quotation: "I", "me", "my" and "myself", registered after the anchors: a
    /// document with none of them (most) has no paragraph to flag, and the shared matcher
    /// says so without a scan of its own.
    speaker_words: Vec<String>,
    /// vague-source: the claim structures and the words they start from, registered
    /// last (boxed: rarely present).
    claims: Option<Box<Claims>>,
    claim_anchors: Vec<String>,
    /// The first bytes of the cues, ASCII lower case (a filter for
    /// [`Attribution::is_first_person`]).
    cue_initials: Box<[bool; 256]>,
    window: usize,
    min_words: usize,
    /// `sources`, `namers`, `hedges` and `cues` as automata, for the sentence tests that
    /// ask whether any phrase of a list occurs (a substring search per phrase per sentence
    /// was a sixth of the pack's cost). Boxed: the rule kinds are variants of one enum.
    sets: Box<Sets>,
}

impl Attribution {
    /// Validates the spec: each analysis needs its lists.
    pub fn compile(
        mut spec: AttributionSpec,
        err: &dyn Fn(&str, String) -> FileError,
        thorough: bool,
    ) -> Result<Self, FileError> {
        use AttributionCheck as C;
        let need = |list: &[String], key: &str| -> Result<(), FileError> {
            if list.is_empty() {
                Err(err(
                    key,
                    format!("this check needs a non-empty `{key}` list"),
                ))
            } else {
                Ok(())
            }
        };
        match spec.check {
            C::VagueSource | C::AnonymousSource | C::UnverifiedAsFact | C::UnquotedQuotation => {
                need(&spec.cues, "cues")?
            }
            C::UnsourcedStatistic => {
                // Figures are recognised by the built-in shapes, the patterns, or both.
                if spec.figures.is_none() && spec.patterns.is_empty() {
                    return Err(err(
                        "figures",
                        "this check needs an `[attribution.figures]` table or `patterns`".into(),
                    ));
                }
                need(&spec.sources, "sources")?;
            }
            C::UnattributedQuote => need(&spec.sources, "sources")?,
        }
        if !spec.triggers.is_empty() && spec.patterns.is_empty() {
            return Err(err(
                "triggers",
                "`triggers` gate the `patterns`; this rule has none".into(),
            ));
        }
        if spec.figures.is_some() && spec.check != C::UnsourcedStatistic {
            return Err(err(
                "figures",
                "`figures` is only for the unsourced-statistic check".into(),
            ));
        }
        spec.check_analysis_lists(err)?;
        let shapes = spec.figures.as_ref().map(|f| Box::new(Figures::new(f)));
        let claims = spec.claims.take().map(|c| Box::new(Claims::new(&c)));
        let claim_anchors = claims.as_ref().map_or_else(Vec::new, |c| c.anchors());
        let anchors = shapes.as_ref().map_or_else(Vec::new, |s| s.anchors());
        let patterns = Patterns::compile(&spec.patterns, err, thorough)?;
        let low = |v: Vec<String>| -> Vec<String> {
            v.iter()
                .map(|s| normalize_phrase(&s.to_lowercase()))
                .collect()
        };
        let take = std::mem::take;
        let analysis = match spec.check {
            C::VagueSource => Analysis::VagueSource(Box::new(CueWords::new(&mut spec, low))),
            C::AnonymousSource => {
                Analysis::AnonymousSource(Box::new(CueWords::new(&mut spec, low)))
            }
            C::UnsourcedStatistic => {
                Analysis::UnsourcedStatistic(Box::new(FigureContext::new(&mut spec, low)))
            }
            C::UnattributedQuote => {
                Analysis::UnattributedQuote(Box::new(QuoteWords::new(&mut spec, low)))
            }
            C::UnquotedQuotation => {
                Analysis::UnquotedQuotation(Box::new(FirstPersonWords::new(&mut spec, err)?))
            }
            C::UnverifiedAsFact => {
                Analysis::UnverifiedAsFact(Box::new(ContentWords::new(&mut spec, low)))
            }
        };
        let (cues, sources, namers, hedges) = (
            low(take(&mut spec.cues)),
            low(take(&mut spec.sources)),
            low(take(&mut spec.namers)),
            low(take(&mut spec.hedges)),
        );
        let sets = Box::new(Sets {
            sources: PhraseSet::new(&sources),
            namers: PhraseSet::new(&namers),
            hedges: PhraseSet::new(&hedges),
            // Only unverified-as-fact asks whether a sentence holds a cue.
            cues: if spec.check == C::UnverifiedAsFact {
                PhraseSet::new(&cues)
            } else {
                PhraseSet::default()
            },
        });
        let mut cue_initials = Box::new([false; 256]);
        for c in &cues {
            if let Some(&b) = c.as_bytes().first() {
                cue_initials[usize::from(b.to_ascii_lowercase())] = true;
            }
        }
        Ok(Attribution {
            analysis,
            cue_initials,
            cues,
            sources,
            exceptions: low(take(&mut spec.exceptions)),
            patterns,
            shapes,
            triggers: low(take(&mut spec.triggers)),
            anchors,
            speaker_words: if spec.check == C::UnquotedQuotation {
                unquoted::SINGULAR.iter().map(|w| w.to_string()).collect()
            } else {
                Vec::new()
            },
            claims,
            claim_anchors,
            window: spec.window,
            min_words: spec.min_words.max(1),
            sets,
        })
    }

    /// Cue phrases go through the shared matcher; the other analyses scan sentences.
    pub fn literals(&self) -> Vec<Literal> {
        let cues = if self.uses_cue_hits() {
            &self.cues[..]
        } else {
            &[]
        };
        // Triggers after the cues: a hit's `local` tells which it is.
        let mains = cues
            .iter()
            .chain(&self.triggers)
            .chain(&self.anchors)
            .chain(&self.speaker_words)
            .chain(&self.claim_anchors)
            .enumerate()
            .map(|(i, c)| Literal {
                text: c.clone(),
                local: i as u32,
                exception: false,
                ignore_case: true,
            });
        let excs = self
            .exceptions
            .iter()
            .filter(|_| self.uses_cue_hits())
            .map(|e| Literal {
                text: e.clone(),
                local: 0,
                exception: true,
                ignore_case: true,
            });
        mains.chain(excs).collect()
    }

    /// Whether literal `local` is a trigger (they come after the cues).
    pub fn is_gate(&self, local: u32) -> bool {
        (local as usize) >= self.n_cue_literals()
    }

    /// How many literals are cues (none when the cues are not matched).
    fn n_cue_literals(&self) -> usize {
        if self.uses_cue_hits() {
            self.cues.len()
        } else {
            0
        }
    }

    /// The literal hits that are cues (not triggers).
    fn cue_hits<'a>(&self, input: &'a Input<'_>) -> impl Iterator<Item = &'a Hit> {
        let n = self.n_cue_literals();
        input.hits.iter().filter(move |h| (h.local as usize) < n)
    }

    /// Whether the cues go through the shared matcher (the analyses that report or
    /// start from a cue).
    fn uses_cue_hits(&self) -> bool {
        matches!(
            self.analysis,
            Analysis::VagueSource(_) | Analysis::AnonymousSource(_) | Analysis::UnverifiedAsFact(_)
        )
    }

    /// The index of the first claim anchor among the literals.
    fn first_claim_anchor(&self) -> usize {
        self.n_cue_literals() + self.triggers.len() + self.anchors.len() + self.speaker_words.len()
    }

    /// Whether the rule scans prose without literal hits.
    pub fn scans(&self) -> bool {
        !self.uses_cue_hits() || self.patterns.is_some()
    }

    /// Runs the rule's analysis. Each gates itself on a cheap test first: sentences and
    /// quotations are only worked out for documents with a candidate (most documents have
    /// no cue, no figure, no quotation mark).
    pub(super) fn check(&self, rule: &Rule, input: &Input<'_>, out: &mut Vec<Finding>) {
        match &self.analysis {
            Analysis::VagueSource(w) => self.cue_source(w, rule, input, true, out),
            Analysis::AnonymousSource(w) => self.cue_source(w, rule, input, false, out),
            Analysis::UnsourcedStatistic(w) => self.unsourced_statistic(w, rule, input, out),
            Analysis::UnattributedQuote(w) => self.unattributed_quote(w, rule, input, out),
            Analysis::UnquotedQuotation(w) => self.unquoted_quotation(w, rule, input, out),
            Analysis::UnverifiedAsFact(w) => self.unverified_as_fact(w, rule, input, out),
        }
    }
}

impl super::RuleKind for Attribution {
    type Spec = AttributionSpec;
    const NAME: &'static str = "attribution";

    fn compile(
        spec: AttributionSpec,
        ctx: &super::Compile<'_>,
    ) -> Result<Self, crate::error::FileError> {
        Attribution::compile(spec, ctx.err, ctx.thorough)
    }

    fn literals(&self) -> Vec<super::Literal> {
        Attribution::literals(self)
    }

    fn scans(&self) -> bool {
        Attribution::scans(self)
    }

    fn is_gate(&self, local: u32) -> bool {
        Attribution::is_gate(self, local)
    }

    fn check(&self, rule: &super::Rule, input: &super::Input<'_>, out: &mut Vec<super::Finding>) {
        Attribution::check(self, rule, input, out)
    }
}
