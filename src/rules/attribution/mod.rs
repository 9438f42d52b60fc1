//! `attribution`: claims, figures and quotations the reader cannot trace to a source.
//! One kind, six analyses (see [`AttributionCheck`]); every list they use (cues, source
//! verbs, namers, hedges, figure vocabularies, window) is data in the rule file, so a newsroom
//! can extend them. All analyses work on sentences from [`crate::text::prose`].

pub mod figures;

use figures::Figures;
use super::{normalize_phrase, Finding, Input, Literal, Rule};
use crate::error::FileError;
use crate::text::prose::Sentence;
use crate::text::span::ProseSpan;
use crate::text::tokens::words;
use regex::RegexBuilder;
use regex_automata::meta::Regex as MetaRegex;
use serde::Deserialize;
use std::collections::HashSet;

/// Which attribution analysis a rule runs.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum AttributionCheck {
    /// Claims credited to nobody in particular ("observers believe").
    VagueSource,
    /// Unnamed sources ("officials said").
    AnonymousSource,
    /// Figures with no source nearby.
    UnsourcedStatistic,
    /// Direct quotations with no speaker.
    UnattributedQuote,
    /// First-person paragraphs without quotation marks in a third-person article.
    UnquotedQuotation,
    /// Claims the article calls unverified, stated elsewhere as fact.
    UnverifiedAsFact,
}

/// `[attribution]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AttributionSpec {
    /// The analysis.
    pub check: AttributionCheck,
    /// Trigger phrases (vague and anonymous sourcing, disclaimers), matched whole-word.
    #[serde(default)]
    pub cues: Vec<String>,
    /// Words and phrases that attribute ("said", "according to", "told reporters").
    #[serde(default)]
    pub sources: Vec<String>,
    /// Phrases that name who is meant ("among them", "including").
    #[serde(default)]
    pub namers: Vec<String>,
    /// Words that mark a sentence as a reported, not asserted, claim ("allegedly").
    #[serde(default)]
    pub hedges: Vec<String>,
    /// Phrases containing a cue that are fine.
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// unattributed-quote: phrases that, right before a quotation, make it a mention of
    /// words rather than speech ("such as", "called", "the phrase", "an").
    #[serde(default)]
    pub mentions: Vec<String>,
    /// unattributed-quote: words that, among the last few of the clause before a
    /// quotation, make it a mention ("slogan", "click", "search").
    #[serde(default)]
    pub mention_words: Vec<String>,
    /// unattributed-quote: nouns for set phrases ("slogan", "adage"); a quotation next to a
    /// sentence that calls it one is not speech.
    #[serde(default)]
    pub set_phrases: Vec<String>,
    /// unsourced-statistic: the vocabularies of the built-in figure shapes.
    #[serde(default)]
    pub figures: Option<figures::FigureWordsSpec>,
    /// Regexes that recognise a cue (vague-source) or, beside `figures`, more figures
    /// (unsourced-statistic).
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Words or phrases of which every match of `patterns` contains at least one (for
    /// unsourced-statistic, a match may hold an ASCII digit instead). With this list the
    /// patterns run only on paragraphs that have a trigger (found by the shared phrase
    /// matcher) or, for figures, a digit, instead of over the whole text.
    #[serde(default)]
    pub triggers: Vec<String>,
    /// unsourced-statistic: units and measured things ("words", "rows", "MB", "page
    /// views"); a figure followed by one is the writer's own measure, not a claim.
    #[serde(default)]
    pub measure_words: Vec<String>,
    /// unsourced-statistic: phrases that, right before a figure, make it a threshold or a
    /// limit ("exceeds", "limit of", "no more than").
    #[serde(default)]
    pub threshold_phrases: Vec<String>,
    /// unsourced-statistic: phrases that, right before a figure, make it an illustration
    /// ("for example", "e.g.").
    #[serde(default)]
    pub example_phrases: Vec<String>,
    /// How many sentences before and after count as "adjacent".
    #[serde(default = "figures::one")]
    pub window: usize,
    /// Shortest quotation (in words) that needs a speaker.
    #[serde(default = "figures::four")]
    pub min_words: usize,
}

/// Compiled attribution data.
#[derive(Debug)]
pub struct Attribution {
    check: AttributionCheck,
    cues: Vec<String>,
    sources: Vec<String>,
    exceptions: Vec<String>,
    mentions: Vec<String>,
    mention_words: Vec<String>,
    set_phrases: Vec<String>,
    /// unsourced-statistic: what makes a figure the writer's own measure, a threshold or
    /// an example (lower case).
    measures: FigureContext,
    /// The rule's `patterns`, as one regex.
    patterns: Option<MetaRegex>,
    /// The longest text a pattern can match, in bytes, when that is bounded: a match
    /// that holds a trigger then lies within this distance of it.
    pattern_max_len: Option<usize>,
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

/// Whether `bytes` holds an ASCII digit. In chunks without an early exit inside each,
/// which the compiler turns into vector code: a byte-at-a-time `any` was a tenth of the
/// figure rule's time.
fn has_ascii_digit(bytes: &[u8]) -> bool {
    bytes.chunks(32).any(|chunk| {
        chunk
            .iter()
            .fold(false, |found, &b| found | (b.wrapping_sub(b'0') < 10))
    })
}

/// Whether `bytes` hold a straight double quote or a left curly one (U+201C): a byte
/// search ([`crate::text::prose::quote_marks`]), where a `char` pattern decoded every character
/// of a document that has none (most of them), 75 M instructions over the corpus.
fn has_opening_mark(bytes: &[u8]) -> bool {
    crate::text::prose::quote_marks(bytes, 0, bytes.len())
        .any(|i| bytes[i] == b'"' || bytes.get(i + 2) == Some(&0x9C))
}

/// Whether `bytes` hold "you" in any case (a necessary condition for a second-person word).
fn has_you(bytes: &[u8]) -> bool {
    memchr::memchr2_iter(b'y', b'Y', bytes).any(|i| {
        bytes
            .get(i + 1..i + 3)
            .is_some_and(|r| r.eq_ignore_ascii_case(b"ou"))
    })
}

/// The phrase lists the sentence tests search, each as one automaton.
#[derive(Debug, Default)]
struct Sets {
    sources: PhraseSet,
    namers: PhraseSet,
    hedges: PhraseSet,
    cues: PhraseSet,
}

/// Lower-case phrases and one Aho-Corasick automaton over them.
#[derive(Debug, Default)]
struct PhraseSet {
    phrases: Vec<String>,
    ac: Option<aho_corasick::AhoCorasick>,
}

impl PhraseSet {
    fn new(phrases: &[String]) -> Self {
        let ac = if phrases.is_empty() {
            None
        } else {
            aho_corasick::AhoCorasick::new(phrases).ok()
        };
        PhraseSet {
            phrases: phrases.to_vec(),
            ac,
        }
    }

    /// Whether `hay` (lower case) contains one of the phrases as whole words: what
    /// [`contains_any`] answers, in one pass over `hay`.
    fn any_in(&self, hay: &str) -> bool {
        let Some(ac) = &self.ac else {
            // No automaton (an empty list, or one too large to build): the plain search.
            return contains_any(hay, &self.phrases);
        };
        ac.find_overlapping_iter(hay).any(|m| {
            let ok_start = hay[..m.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let ok_end = hay[m.end()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            ok_start && ok_end
        })
    }
}

impl Attribution {
    /// Validates the spec: each analysis needs its lists.
    pub fn compile(
        spec: AttributionSpec,
        err: &dyn Fn(&str, String) -> FileError,
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
        let shapes = spec.figures.as_ref().map(|f| Box::new(Figures::new(f)));
        let anchors = shapes.as_ref().map_or_else(Vec::new, |s| s.anchors());
        let mut pattern_max_len = None;
        let patterns = if spec.patterns.is_empty() {
            None
        } else {
            // ASCII word boundaries keep the regex on its fast DFA path: a Unicode `\b`
            // forces a slower engine as soon as the text has one curly quote.
            let joined = spec
                .patterns
                .iter()
                .map(|p| format!("(?:{})", crate::rules::ascii_classes(p)))
                .collect::<Vec<_>>()
                .join("|");
            // Built without a literal prefilter: extracting the literals of the patterns'
            // union (case-insensitive words) was most of the pack's start-up, ~20 M
            // instructions, and the prefilter saved nothing over the corpus.
            // Parsed once: the syntax tree gives the longest possible match (for the
            // search near triggers) and is what the regex is built from.
            let parsed = regex_automata::util::syntax::parse_with(
                &joined,
                &regex_automata::util::syntax::Config::new().case_insensitive(true),
            )
            .map_err(|e| e.to_string());
            let joined = parsed.and_then(|hir| {
                pattern_max_len = hir.properties().maximum_len();
                MetaRegex::builder()
                    .configure(
                        MetaRegex::config()
                            .auto_prefilter(false)
                            // Only whole matches are asked for: no capture states to compile.
                            .which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit)
                            .nfa_size_limit(Some(1 << 22))
                            // A larger lazy-DFA cache: with a small one the automaton is
                            // thrown away and rebuilt over and over on a large corpus.
                            .hybrid_cache_capacity(32 << 20),
                    )
                    .build_from_hir(&hir)
                    .map_err(|e| e.to_string())
            });
            match joined {
                Ok(re) => Some(re),
                // Only when the whole fails, compile each pattern alone, so the error
                // points at the one at fault (compiling them all up front doubled the
                // start-up cost of the pack).
                Err(e) => {
                    for p in &spec.patterns {
                        RegexBuilder::new(p)
                            .size_limit(1 << 20)
                            .build()
                            .map_err(|e| err(p, super::regex_error(p, &e)))?;
                    }
                    return Err(err(
                        "patterns",
                        format!("the patterns together are too large: {e}"),
                    ));
                }
            }
        };
        let low = |v: Vec<String>| -> Vec<String> {
            v.iter()
                .map(|s| normalize_phrase(&s.to_lowercase()))
                .collect()
        };
        let (cues, sources, namers, hedges) = (
            low(spec.cues),
            low(spec.sources),
            low(spec.namers),
            low(spec.hedges),
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
            check: spec.check,
            cue_initials,
            cues,
            sources,
            exceptions: low(spec.exceptions),
            mentions: low(spec.mentions),
            mention_words: low(spec.mention_words),
            set_phrases: low(spec.set_phrases),
            measures: FigureContext {
                measure_words: low(spec.measure_words),
                thresholds: low(spec.threshold_phrases),
                examples: low(spec.example_phrases),
            },
            patterns,
            pattern_max_len,
            shapes,
            triggers: low(spec.triggers),
            anchors,
            speaker_words: if spec.check == C::UnquotedQuotation {
                SINGULAR.iter().map(|w| w.to_string()).collect()
            } else {
                Vec::new()
            },
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

    fn n_cue_literals(&self) -> usize {
        if self.uses_cue_hits() {
            self.cues.len()
        } else {
            0
        }
    }

    /// The literal hits that are cues (not triggers).
    fn cue_hits<'a>(&self, input: &'a Input<'_>) -> impl Iterator<Item = &'a crate::rules::Hit> {
        let n = self.n_cue_literals();
        input.hits.iter().filter(move |h| (h.local as usize) < n)
    }

    /// unsourced-statistic: the figures of the prose, from the built-in shapes and the
    /// patterns, sorted; where two overlap, the one that starts first (then the shape).
    fn figures(&self, input: &Input<'_>) -> Vec<ProseSpan> {
        let text: &str = &input.prose.text;
        let blocks = &input.prose.blocks;
        let mut found = match &self.shapes {
            Some(shapes) => {
                let first_anchor = self.n_cue_literals() + self.triggers.len();
                let anchor_hits: Vec<(ProseSpan, std::ops::Range<usize>)> = input
                    .hits
                    .iter()
                    .filter(|h| h.local as usize >= first_anchor)
                    .filter_map(|h| {
                        let b = input.prose.block_of(h.span.start)?;
                        Some((h.span, blocks.get(b)?.clone()))
                    })
                    .collect();
                shapes.find(text, input.runs, blocks, &anchor_hits)
            }
            None => Vec::new(),
        };
        if let Some(re) = &self.patterns {
            let extra = self.pattern_matches(re, input, true);
            if !extra.is_empty() {
                found.extend(extra);
                found.sort_by_key(|s| s.start);
                let mut last_end = 0;
                let mut kept = Vec::with_capacity(found.len());
                for s in found {
                    if kept.is_empty() || s.start >= last_end {
                        last_end = s.end;
                        kept.push(s);
                    }
                }
                found = kept;
            }
        }
        found
    }

    /// Every match of `re` in the prose; with triggers, only in the paragraphs that have
    /// a trigger hit or (`digits`) an ASCII digit. A match cannot hold a trigger or digit
    /// of another paragraph, so this finds the same matches as a search of the whole text
    /// (a test compares the two on the examples, the evaluation set and the fixtures).
    fn pattern_matches(&self, re: &MetaRegex, input: &Input<'_>, digits: bool) -> Vec<ProseSpan> {
        let text: &str = &input.prose.text;
        let span = |m: regex_automata::Match| ProseSpan::new(m.start(), m.end());
        if self.triggers.is_empty() {
            return re.find_iter(text).map(span).collect();
        }
        let blocks = &input.prose.blocks;
        // The stretches to search: a whole paragraph with a digit (`digits`); around a
        // trigger, as far as a match holding it can reach, within its paragraph (or the
        // whole paragraph when the patterns' length is unbounded). A match holds a
        // trigger, so it lies in one stretch; stretches that overlap are merged, so the
        // search of each finds the matches a search of the paragraph finds there.
        let mut stretches: Vec<std::ops::Range<usize>> = Vec::new();
        for h in input.hits.iter().filter(|h| self.is_gate(h.local)) {
            let Some(block) = input
                .prose
                .block_of(h.span.start)
                .and_then(|b| blocks.get(b))
            else {
                continue;
            };
            stretches.push(match self.pattern_max_len {
                Some(m) => {
                    h.span.end.saturating_sub(m).max(block.start)..(h.span.start + m).min(block.end)
                }
                None => block.clone(),
            });
        }
        if digits {
            stretches.extend(
                blocks
                    .iter()
                    .filter(|r| {
                        text.as_bytes()
                            .get((*r).clone())
                            .is_some_and(has_ascii_digit)
                    })
                    .cloned(),
            );
        }
        stretches.sort_unstable_by_key(|r| (r.start, r.end));
        let mut out = Vec::new();
        let mut open: Option<std::ops::Range<usize>> = None;
        let search = |r: std::ops::Range<usize>, out: &mut Vec<ProseSpan>| {
            // With the text around the stretch as context for `\b`.
            let input = regex_automata::Input::new(text).range(r);
            out.extend(re.find_iter(input).map(span));
        };
        for r in stretches {
            match &mut open {
                Some(o) if r.start <= o.end => o.end = o.end.max(r.end),
                _ => {
                    if let Some(o) = open.replace(r) {
                        search(o, &mut out);
                    }
                }
            }
        }
        if let Some(o) = open {
            search(o, &mut out);
        }
        out
    }

    fn uses_cue_hits(&self) -> bool {
        matches!(
            self.check,
            AttributionCheck::VagueSource
                | AttributionCheck::AnonymousSource
                | AttributionCheck::UnverifiedAsFact
        )
    }

    /// Whether the rule scans prose without literal hits.
    pub fn scans(&self) -> bool {
        !self.uses_cue_hits() || self.patterns.is_some()
    }

    pub(super) fn check(&self, rule: &Rule, input: &Input<'_>, out: &mut Vec<Finding>) {
        // Sentences and quotations are only worked out for documents with a candidate:
        // most documents have no cue, no figure, no quotation mark.
        let text = &input.prose.text;
        match self.check {
            AttributionCheck::VagueSource | AttributionCheck::AnonymousSource => {
                let spans = self.cue_spans(input);
                if !spans.is_empty() {
                    let vague = self.check == AttributionCheck::VagueSource;
                    self.cue_findings(rule, input, &Doc::new(input), &spans, vague, out);
                }
            }
            AttributionCheck::UnsourcedStatistic => {
                let figures = self.figures(input);
                if !figures.is_empty() {
                    self.statistics(rule, input, &Doc::new(input), &figures, out);
                }
            }
            AttributionCheck::UnattributedQuote => {
                if has_opening_mark(text.as_bytes()) {
                    self.quotes(rule, input, &Doc::new(input), out);
                }
            }
            AttributionCheck::UnquotedQuotation => {
                // The flagged paragraph needs "I", "me" or "my": most documents have none.
                if input
                    .hits
                    .iter()
                    .any(|h| is_first_person_singular(&text[h.span.range()]))
                {
                    self.first_person(rule, input, &Doc::new(input), out);
                }
            }
            AttributionCheck::UnverifiedAsFact => {
                if self.cue_hits(input).next().is_some() {
                    self.unverified(rule, input, &Doc::new(input), out);
                }
            }
        }
    }

    /// vague-source and anonymous-source: a cue outside quotation marks; vague cues are
    /// fine when a nearby sentence names who is meant or cites a link.
    /// Literal cues from the shared matcher, plus the rule's patterns, sorted, overlaps
    /// resolved.
    fn cue_spans(&self, input: &Input<'_>) -> Vec<ProseSpan> {
        let mut spans: Vec<ProseSpan> = self.cue_hits(input).map(|h| h.span).collect();
        if let Some(re) = &self.patterns {
            // A pattern's optional leading word may have caught a function word ("and
            // experts agree"): the finding starts after it.
            const LEAD: &[&str] = &[
                "and ", "or ", "but ", "that ", "the ", "as ", "of ", "in ", "so ", "while ",
                "because ", "if ", "when ", "yet ",
            ];
            spans.extend(
                self.pattern_matches(re, input, false)
                    .into_iter()
                    .map(|m| {
                        let t = &input.prose.text[m.range()];
                        let skip = LEAD
                            .iter()
                            .find(|l| t.len() > l.len() && t[..l.len()].eq_ignore_ascii_case(l))
                            .map_or(0, |l| l.len());
                        ProseSpan::new(with_modifier(&input.prose.text, m.start + skip), m.end)
                    })
                    .filter(|s| !capitalized_name_lead(&input.prose.text[s.range()]))
                    .filter(|s| {
                        !input
                            .exceptions
                            .iter()
                            .any(|e| e.start <= s.start && s.end <= e.end)
                    }),
            );
            spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
            let mut kept: Vec<ProseSpan> = Vec::with_capacity(spans.len());
            for s in spans {
                if kept.last().is_none_or(|k| s.start >= k.end) {
                    kept.push(s);
                }
            }
            spans = kept;
        }
        spans
    }

    fn cue_findings(
        &self,
        rule: &Rule,
        input: &Input<'_>,
        doc: &Doc<'_>,
        spans: &[ProseSpan],
        vague: bool,
        out: &mut Vec<Finding>,
    ) {
        for &span in spans {
            let hit = crate::rules::Hit { local: 0, span };
            if doc.in_quote(hit.span.start) {
                continue;
            }
            let Some(at) = doc.locate(hit.span.start) else {
                continue;
            };
            let this = doc.sentence(at);
            // A block quotation is someone else's text, quoted; so is text in single
            // quotation marks (‘…’), which the quotation pairing leaves out.
            let sent = this.span;
            if input.prose.is_quoted_block(this.block)
                || in_single_quotes(&input.prose.text[sent.range()], hit.span.start - sent.start)
            {
                continue;
            }
            // "When user research indicates …", "If experts agree …": a condition, not a
            // claim; "If no code is shown, it is assumed …": a convention.
            let cue = input.prose.text[hit.span.range()].to_lowercase();
            let sentence_text = &input.prose.text[sent.range()];
            if conditional_before(&input.prose.text[sent.start..hit.span.start])
                || (cue.starts_with("it is")
                    && ["If ", "Unless ", "When ", "Where "]
                        .iter()
                        .any(|c| sentence_text.starts_with(c)))
            {
                continue;
            }
            // "Some say …", "Many believe …", "Everyone agrees …" in a paragraph where the
            // writer speaks as "I", "we" or to "you": an essayist setting up a view to
            // answer, not a news claim credited to nobody. Evidence cues ("studies show")
            // are flagged in any voice.
            let opinion = cue
                .split_whitespace()
                .next()
                .is_some_and(|w| OPINION_HOLDERS.contains(&w));
            if vague && opinion && writer_voice(input, doc, this.block) {
                continue;
            }
            if vague
                && (named_around(&input.prose.text, sent, hit.span)
                    || doc.around(at, at, self.window, self.window).any(|s| {
                        doc.span_has_link(s.span) || self.sets.namers.any_in(&doc.lower(s.span))
                    }))
            {
                continue;
            }
            let mut f = rule.replace_finding(input, hit.span, Vec::new());
            f.message = rule.render_message(&input.prose.text[hit.span.range()], None);
            out.push(f);
        }
    }

    /// unsourced-statistic: the first figure of a sentence, unless a sentence of its
    /// paragraph (so also the one before it) attributes, or a link cites.
    fn statistics(
        &self,
        rule: &Rule,
        input: &Input<'_>,
        doc: &Doc<'_>,
        figures: &[ProseSpan],
        out: &mut Vec<Finding>,
    ) {
        let text = &input.prose.text;
        let blocks = &input.prose.blocks;
        let mut block_sourced: Vec<Option<bool>> = vec![None; blocks.len()];
        // One finding per sentence (its first figure): the start of the last one flagged.
        let mut done: Option<usize> = None;
        for m in figures {
            let Some(b) = input.prose.block_of(m.start) else {
                continue;
            };
            // The sentences of the paragraphs with a figure only: most paragraphs of a
            // document with a figure have none.
            let sents = input.block_sentences(b);
            let Some(s) = sentence_index(sents, m.start).map(|i| sents[i]) else {
                continue;
            };
            if done == Some(s.span.start) {
                continue;
            }
            // A figure in a fragment (a list entry, a table row), set as a target ("cut the
            // bounce rate to 15%") or inside a quotation is not a claim that needs a source.
            // So is a figure in a block quotation (someone else's text, quoted), or one
            // the writer gives as a measure, a threshold or an example ("1,000 words",
            // "if the amount exceeds $50,000", "for example, 505,485").
            let before = &text[s.span.start.min(m.start)..m.start];
            if doc.in_quote(m.start)
                || is_target(before)
                || words(&text[s.span.range()]).take(6).count() < 6
                || input.prose.is_quoted_block(s.block)
                || self
                    .measures
                    .excuses(before, &text[m.start..s.span.end.max(m.start)])
            {
                continue;
            }
            done = Some(s.span.start);
            let sourced = *block_sourced[s.block].get_or_insert_with(|| {
                sents.iter().any(|o| {
                    doc.span_has_link(o.span)
                        || self.sets.sources.any_in(&doc.span_lower_unquoted(o.span))
                })
            });
            if sourced {
                continue;
            }
            let mut f = rule.replace_finding(input, *m, Vec::new());
            f.message = rule.render_message(text[m.range()].trim(), None);
            out.push(f);
        }
    }

    /// unattributed-quote: a quotation of `min_words` or more words with no speaker in its
    /// sentences or the adjacent ones, no colon introducing it, and no introduction in the
    /// paragraph before. A speaker carries over to the later quotations of a paragraph and
    /// to a run of quote-only paragraphs, as an editor reads them.
    fn quotes(&self, rule: &Rule, input: &Input<'_>, doc: &Doc<'_>, out: &mut Vec<Finding>) {
        let text = &input.prose.text;
        let blocks = &input.prose.blocks;
        // The last paragraph with an attributed quotation, and the last quote-only paragraph
        // whose speaker is known (a run of quotes after "Users told us:" shares it).
        let mut attributed_block: Option<usize> = None;
        let mut chain_block: Option<usize> = None;
        for q in doc.quotes() {
            // Block quotations are set off as quotations; headings, list items, table cells
            // and front matter hold titles, labels, examples and survey answers.
            if input.prose.is_quoted_block(q.block) || input.prose.is_fragment_block(q.block) {
                continue;
            }
            let block = &blocks[q.block];
            let lead_full = text[block.start..q.span.start].trim_end();
            // A template tag or image before the quotation is not text that introduces it.
            let opens_block = lead_full
                .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FFFC}')
                .is_empty();
            let after = &text[q.span.end..block.end];
            let quote_only = opens_block
                && after
                    .trim_matches(|c: char| c.is_whitespace() || c == '\u{FFFC}')
                    .trim_start_matches(['.', ',', '!', '?', ';'])
                    .trim()
                    .is_empty();
            // The paragraph before (skipping blocks with no words, such as images).
            let prev_block = (0..q.block)
                .rev()
                .find(|&b| text[blocks[b].clone()].contains(char::is_alphanumeric));
            let introduced = attributed_block == Some(q.block)
                || (opens_block
                    && prev_block.is_some_and(|pb| {
                        (quote_only && chain_block == Some(pb)) || self.introduces(input, doc, pb)
                    }));
            if self.not_speech(input, doc, q, lead_full, after) {
                if quote_only && introduced {
                    chain_block = Some(q.block);
                }
                continue;
            }
            let attributed = introduced || self.speaker_near(input, doc, q, lead_full, after);
            if attributed {
                attributed_block = Some(q.block);
                if quote_only {
                    chain_block = Some(q.block);
                }
                continue;
            }
            let mut f = rule.replace_finding(input, q.span, Vec::new());
            f.message = rule.render_message(&text[q.span.range()], None);
            out.push(f);
        }
    }

    /// Whether a paragraph introduces the quotations that open the next one: it names a
    /// speaker with a source word, ends with a colon ("Users told us:"), or asks the
    /// question the quotation answers (an interview).
    fn introduces(&self, input: &Input<'_>, doc: &Doc<'_>, block: usize) -> bool {
        let t = input.prose.text[input.prose.blocks[block].clone()].trim_end();
        if t.ends_with([':', '?']) {
            return true;
        }
        doc.block(block)
            .iter()
            .any(|s| self.sets.sources.any_in(&doc.span_lower_unquoted(s.span)))
    }

    /// Quotation marks that do not hold someone's speech: short or title-case text, marks
    /// that pair wrongly, mentions of words ("the phrase “…”", "click “…”", "an “…”
    /// event"), link titles and cited passages, model phrases in advice to the reader.
    fn not_speech(
        &self,
        input: &Input<'_>,
        doc: &Doc<'_>,
        q: &crate::text::prose::Quotation,
        lead_full: &str,
        after: &str,
    ) -> bool {
        let text = &input.prose.text;
        let inner = &text[q.inner.clone()];
        let lead = clause_before(lead_full);
        if q.continued
            || words(inner).take(self.min_words).count() < self.min_words
            || is_title_case(inner)
            // An opening mark inside: the writer left a quotation unclosed, and the pair
            // found spans text between two quotations. (Searched as bytes: a char
            // pattern decodes every character of a long quotation.)
            || memchr::memchr(b'"', inner.as_bytes()).is_some()
            || memchr::memmem::find(inner.as_bytes(), "“".as_bytes()).is_some()
            || !looks_like_speech(inner, lead.is_empty(), after)
        {
            return true;
        }
        // A quotation right after another one is part of a list of examples; an unclosed
        // one that no paragraph continues is a stray mark.
        let block = &input.prose.blocks[q.block];
        let stray = q.span.end == block.end
            && !text[..q.span.end].ends_with(['”', '"'])
            && !input
                .prose
                .blocks
                .get(q.block + 1)
                .is_some_and(|b| text[b.clone()].trim_start().starts_with(['“', '"']));
        let lower = lead.to_lowercase();
        let bare = lower.trim_end_matches([',', ':']).trim_end();
        let list = bare
            .strip_suffix(" and")
            .or_else(|| bare.strip_suffix(" or"))
            .unwrap_or(bare)
            .trim_end_matches(',');
        if stray || list.ends_with(['”', '"']) || lead.ends_with(['\u{FFFC}', '=', '(', ')']) {
            return true;
        }
        if self.mentions.iter().any(|m| ends_with_word(bare, m))
            || bare.split_whitespace().rev().take(6).any(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                let singular = w.strip_suffix('s').unwrap_or(w);
                self.mention_words
                    .iter()
                    .any(|m| m == w || (m == singular && !singular.is_empty()))
            })
        {
            return true;
        }
        // A link on the quotation, or right after it, or before it in its clause, cites
        // where the words come from; so does a link opening the next paragraph.
        let links = &input.prose.links;
        let clause_start = q.span.start - lead.len();
        // "[Source page](<https://…" that the parser left as text is a citation too.
        let unparsed_link = after.trim_start().starts_with('[') && after.contains("](");
        let cited = unparsed_link
            || links.iter().any(|l| {
                (l.start < q.span.end && q.span.start < l.end)
                    || (l.start >= q.span.end
                        && l.start <= block.end
                        && text[q.span.end..l.start]
                            .trim_matches(|c: char| {
                                c.is_whitespace() || matches!(c, '—' | '–' | '-' | ',' | '(' | '.')
                            })
                            .trim_start_matches("via")
                            .trim()
                            .is_empty())
                    || (l.end <= q.span.start && l.start >= clause_start)
            })
            || input.prose.blocks.get(q.block + 1).is_some_and(|b| {
                let t = text[b.clone()].trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, '—' | '–' | '-' | '(')
                });
                let at = b.end - t.len();
                after.trim().is_empty() && links.iter().any(|l| l.start == at)
            });
        if cited {
            return true;
        }
        // “There’s an app for that.” … this trademarked slogan: a set phrase, named as one
        // in the sentences around it.
        if !self.set_phrases.is_empty() {
            if let Some(at) = doc.locate(q.span.start) {
                let named = doc.around(at, at, 1, 2).any(|s| {
                    let l = doc.span_lower_unquoted(s.span);
                    l.split(|c: char| !c.is_alphanumeric()).any(|w| {
                        let singular = w.strip_suffix('s').unwrap_or(w);
                        self.set_phrases.iter().any(|p| p == w || p == singular)
                    })
                });
                if named {
                    return true;
                }
            }
        }
        // Advice to the reader ("you", "your") quotes model phrases, not sources.
        let para = &text[block.clone()];
        // Most paragraphs have no "you" at all: a byte scan rules them out before the
        // word-by-word check.
        if !has_you(para.as_bytes()) {
            return false;
        }
        words(para).any(|w| {
            let abs = block.start + w.start;
            let t = &para[w.range()];
            let second_person = t.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("you"))
                && matches!(
                    t[3..].to_ascii_lowercase().as_str(),
                    "" | "r"
                        | "rs"
                        | "rself"
                        | "’ll"
                        | "'ll"
                        | "’re"
                        | "'re"
                        | "’ve"
                        | "'ve"
                        | "’d"
                        | "'d"
                );
            second_person && (abs < q.span.start || abs >= q.span.end) && !doc.in_quote(abs)
        })
    }

    /// Whether the quotation follows, in its paragraph, a sentence about a named person
    /// ("Aisha R., for example, has stopped trying. “I called the bank…”"): that person
    /// is the speaker. Only first-person quotations count, and only sentences that open
    /// with the name.
    fn named_subject(
        &self,
        input: &Input<'_>,
        doc: &Doc<'_>,
        q: &crate::text::prose::Quotation,
    ) -> bool {
        let text = &input.prose.text;
        let inner = &text[q.inner.clone()];
        if !words(inner).any(|w| {
            matches!(
                &inner[w.range()],
                "I" | "we" | "We" | "my" | "My" | "our" | "Our" | "me" | "us"
            )
        }) {
            return false;
        }
        // The sentences of the quotation's paragraph, up to the one that holds it.
        let Some((b, i)) = doc.locate(q.span.start) else {
            return false;
        };
        let upto = if b == q.block {
            doc.block(b).get(..=i).unwrap_or_default()
        } else {
            &[]
        };
        upto.iter().any(|s| {
            let st = &text[s.span.range()];
            if st.trim_start().starts_with(['“', '"']) {
                return false;
            }
            let mut ws = st
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
            let (Some(a), Some(b)) = (ws.next(), ws.next()) else {
                return false;
            };
            const NOT_NAMES: &[&str] = &[
                "The", "A", "An", "In", "On", "At", "By", "For", "As", "But", "And", "When",
                "While", "After", "Before", "This", "That", "These", "Those", "Our", "Their",
                "His", "Her", "Its", "If", "So", "Some", "Many", "Most", "Every", "All",
            ];
            let cap = |w: &str| w.starts_with(char::is_uppercase) && w.chars().count() > 0;
            cap(a) && cap(b) && !NOT_NAMES.contains(&a)
        })
    }

    /// Whether a speaker stands near the quotation: a source word in its sentences or the
    /// adjacent ones, a colon, dash, comma or question introducing it, a name and verb
    /// after it, or a byline.
    fn speaker_near(
        &self,
        input: &Input<'_>,
        doc: &Doc<'_>,
        q: &crate::text::prose::Quotation,
        lead_full: &str,
        after: &str,
    ) -> bool {
        let inner = &input.prose.text[q.inner.clone()];
        // "Ruiz put it plainly: “…”", "As Owen cautions, “…”", "What advice does she
        // have? “…”": the clause before introduces the words.
        if lead_full.ends_with([':', ',', '?', '—']) {
            return true;
        }
        if speaker_follows(inner, after)
            || byline_follows(input, q.block)
            || byline_starts(after)
            || byline_ends(after)
            || self.named_subject(input, doc, q)
        {
            return true;
        }
        let (Some(first), Some(last)) = (
            doc.locate(q.span.start),
            doc.locate(q.span.end.saturating_sub(1)),
        ) else {
            return true;
        };
        doc.around(first, last, self.window, self.window)
            .any(|s| self.sets.sources.any_in(&doc.span_lower_unquoted(s.span)))
    }

    /// unquoted-quotation: in an article written in the third person, a paragraph in the
    /// first person with no quotation marks. The cues are the first-person words.
    fn first_person(&self, rule: &Rule, input: &Input<'_>, doc: &Doc<'_>, out: &mut Vec<Finding>) {
        let text = &input.prose.text;
        let blocks = &input.prose.blocks;
        // A post that names its author in front matter is signed: its "I" is the author's.
        if input.prose.byline {
            return;
        }
        // The author writing "I" in two or more paragraphs makes it a column or an essay:
        // decided first, it spares the rest of the work for most first-person documents.
        let singular = |t: &str| {
            matches!(
                t,
                "I" | "me" | "my" | "My" | "Me" | "myself" | "I'm" | "I’m"
            )
        };
        // The document's words (shared with the other rules), a paragraph at a time:
        // words never cross a paragraph break.
        let all_words = input.words();
        let block_words = |b: &std::ops::Range<usize>| {
            let lo = all_words.partition_point(|w| w.start < b.start);
            let n = all_words[lo..].partition_point(|w| w.start < b.end);
            &all_words[lo..lo + n]
        };
        let mut singular_blocks = 0;
        for (bi, b) in blocks.iter().enumerate() {
            if !input.prose.is_quoted_block(bi)
                && block_words(b)
                    .iter()
                    .any(|w| singular(&text[w.range()]) && !doc.in_quote(w.start))
            {
                singular_blocks += 1;
                if singular_blocks >= 2 {
                    return;
                }
            }
        }
        let mut stats = Vec::with_capacity(blocks.len());
        for (bi, b) in blocks.iter().enumerate() {
            let ws = block_words(b);
            let fp = ws
                .iter()
                .filter(|w| self.is_first_person(&text[w.range()]) && !doc.in_quote(w.start))
                .count();
            let quoted = doc.quotes().iter().any(|q| q.block == bi)
                || crate::text::prose::quote_marks(text.as_bytes(), b.start, b.end)
                    .next()
                    .is_some();
            stats.push((ws.len(), fp, quoted));
        }
        let prose_blocks = stats.iter().filter(|(n, _, _)| *n >= 6).count();
        let first_person_blocks = stats
            .iter()
            .enumerate()
            .filter(|(bi, (n, fp, _))| *n >= 6 && *fp >= 1 && !input.prose.is_quoted_block(*bi))
            .count();
        // A third-person article has at most the one stray first-person paragraph; an
        // author writing "we" or "I" in two paragraphs writes in the first person.
        if prose_blocks < 3 || first_person_blocks != 1 {
            return;
        }
        for (bi, &(n, fp, quoted)) in stats.iter().enumerate() {
            if n < 6 || fp < 2 || quoted || input.prose.is_quoted_block(bi) {
                continue;
            }
            // A lost quotation sits in news copy, among paragraphs that report what people
            // said: a paragraph next to it attributes, or two others do. A blog author
            // writing "I" for one paragraph has no such company.
            if !self.sources.is_empty() && !self.news_copy(input, doc, bi) {
                continue;
            }
            // A lost quotation is someone speaking: "I", "me", "my". A paragraph in "we"
            // and "our" alone is usually an organisation's own voice.
            let bt = &text[blocks[bi].clone()];
            if !words(bt).any(|w| {
                matches!(
                    &bt[w.range()],
                    "I" | "me" | "my" | "My" | "I'm" | "I’m" | "myself"
                )
            }) {
                continue;
            }
            for s in doc.block(bi).iter().filter(|s| {
                let st = &text[s.span.range()];
                words(st).any(|w| self.is_first_person(&st[w.range()]))
            }) {
                let mut f = rule.replace_finding(input, s.span, Vec::new());
                f.message = rule.render_message(&text[s.span.range()], None);
                out.push(f);
            }
        }
    }

    /// Whether block `bi` sits in news copy: the paragraph before or after it (blocks with
    /// no words skipped) has a source word outside quotation marks, or two other
    /// paragraphs do.
    fn news_copy(&self, input: &Input<'_>, doc: &Doc<'_>, bi: usize) -> bool {
        let text = &input.prose.text;
        let blocks = &input.prose.blocks;
        let has_words = |b: &usize| text[blocks[*b].clone()].contains(char::is_alphanumeric);
        let attributes = |b: usize| {
            doc.block(b)
                .iter()
                .any(|s| self.sets.sources.any_in(&doc.span_lower_unquoted(s.span)))
        };
        let prev = (0..bi).rev().find(has_words);
        let next = (bi + 1..blocks.len()).find(has_words);
        if [prev, next].into_iter().flatten().any(attributes) {
            return true;
        }
        (0..blocks.len())
            .filter(|&b| b != bi && Some(b) != prev && Some(b) != next)
            .filter(|&b| attributes(b))
            .nth(1)
            .is_some()
    }

    fn is_first_person(&self, word: &str) -> bool {
        // "US" is the country, not "us"; "i" alone is not the pronoun.
        if word == "US" || word == "i" {
            return false;
        }
        // Most words start with a letter no cue starts with: one table lookup, where
        // comparing with every cue was most of this rule's time.
        let Some(&first) = word.as_bytes().first() else {
            return false;
        };
        self.cue_initials[usize::from(first.to_ascii_lowercase())]
            && word.len() <= 10
            && self
                .cues
                .iter()
                .any(|c| c.len() == word.len() && c.eq_ignore_ascii_case(word))
    }

    /// unverified-as-fact: sentences that state, without a hedge, what a disclaimer says
    /// could not be verified (matched by shared content words).
    fn unverified(&self, rule: &Rule, input: &Input<'_>, doc: &Doc<'_>, out: &mut Vec<Finding>) {
        let text = &input.prose.text;
        let mut flagged: HashSet<usize> = HashSet::new();
        // Words in many sentences are the story's topic (its place, its people), not the
        // particular claim: they do not count as shared content.
        let sentence_words: Vec<HashSet<String>> = doc
            .sentences()
            .iter()
            .map(|s| content_words(&text[s.span.range()]).collect())
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
                    names.extend(content_words(t));
                }
            }
        }
        for hit in self.cue_hits(input) {
            let Some(d) = doc.sentence_at(hit.span.start) else {
                continue;
            };
            // The claim is what the disclaimer's paragraph reports, up to the disclaimer.
            let block = doc.sentences()[d].block;
            let claim_sents: Vec<usize> = (0..=d)
                .rev()
                .take_while(|&j| doc.sentences()[j].block == block)
                .collect();
            let claim: HashSet<String> = claim_sents
                .iter()
                .flat_map(|&j| sentence_words[j].iter().cloned())
                .filter(|w| df.get(w.as_str()).is_some_and(|&n| n <= common))
                .filter(|w| !self.cues.iter().any(|c| c.split(' ').any(|cw| cw == w)))
                .collect();
            if claim.len() < 3 {
                continue;
            }
            for (j, s) in doc.sentences().iter().enumerate() {
                if claim_sents.contains(&j) || flagged.contains(&j) {
                    continue;
                }
                let lower = doc.lower(s.span);
                if self.sets.hedges.any_in(&lower) || self.sets.cues.any_in(&lower) {
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

/// unsourced-statistic: the words around a figure that make it something other than a
/// claim to source. Lists from the rule file, lower case.
#[derive(Debug, Default)]
struct FigureContext {
    /// Units and measured things: "1,000 words", "48,000 labor categories".
    measure_words: Vec<String>,
    /// Right before the figure: "exceeds $50,000", "a limit of 1,000".
    thresholds: Vec<String>,
    /// Right before the figure: "for example, 505,485".
    examples: Vec<String>,
}

impl FigureContext {
    /// Whether the figure that starts `from` (to the end of its sentence), after
    /// `before` (its sentence up to the figure), is a measure, threshold or example.
    fn excuses(&self, before: &str, from: &str) -> bool {
        // The phrase may stand a couple of words before the figure: "limited to the
        // first 225", "for example, 505,485". Only the last five words are lower-cased:
        // `before` runs from the start of the sentence.
        let mut tail: Vec<&str> = before.split_whitespace().rev().take(5).collect();
        tail.reverse();
        let tail = tail.join(" ").to_lowercase();
        let tail = tail.trim_end_matches(|c: char| !c.is_alphanumeric());
        // A phrase starts at the start of the tail or after a non-alphanumeric character:
        // the few such places are tried for each phrase, where building a substring
        // searcher per phrase per figure was a tenth of the pack's time.
        let starts: Vec<usize> = tail
            .char_indices()
            .scan(true, |edge, (i, c)| {
                let start = *edge;
                *edge = !c.is_alphanumeric();
                Some(start.then_some(i))
            })
            .flatten()
            .collect();
        let near = |p: &String| {
            let p = p.as_str();
            starts
                .iter()
                .filter(|&&i| tail[i..].starts_with(p))
                .any(|&i| {
                    let rest = &tail[i + p.len()..];
                    let edge_after = rest.chars().next().is_none_or(|c| !c.is_alphanumeric());
                    // At most two words between the phrase and the figure.
                    edge_after && rest.split_whitespace().take(3).count() <= 2
                })
        };
        if self.thresholds.iter().any(near) || self.examples.iter().any(near) {
            return true;
        }
        if self.measure_words.is_empty() {
            return false;
        }
        // The words after the number: up to three, stopping at a word that starts a new
        // phrase ("12,000 jobs in the data centre": only "jobs").
        const STOP: &[&str] = &[
            "in", "of", "from", "to", "per", "and", "or", "have", "has", "had", "are", "were",
            "was", "is", "that", "who", "which", "a", "an", "the", "for", "by", "with", "on", "at",
            "than",
        ];
        let lower = from.to_lowercase();
        let mut ws = lower
            .split(|c: char| c.is_whitespace() || c == '/')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            // The figure itself: digits, "million", currency and percent signs.
            .skip_while(|w| {
                w.starts_with(|c: char| c.is_ascii_digit())
                    || matches!(*w, "million" | "billion" | "trillion" | "thousand")
            })
            .take_while(|w| !STOP.contains(w))
            .take(3);
        let mut prev: Option<&str> = None;
        for w in ws.by_ref() {
            let singular = w.strip_suffix('s').unwrap_or(w);
            let two = prev.map(|p| (format!("{p} {w}"), format!("{p} {singular}")));
            if self.measure_words.iter().any(|m| {
                m == w || m == singular || two.as_ref().is_some_and(|(t, ts)| m == t || m == ts)
            }) {
                return true;
            }
            prev = Some(w);
        }
        false
    }
}

/// Per-document views the analyses share: sentences, quotations, lower-cased sentences.
struct Doc<'a> {
    input: &'a Input<'a>,
}

impl<'a> Doc<'a> {
    fn new(input: &'a Input<'a>) -> Self {
        Doc { input }
    }

    /// Sentences, segmented on first use (shared with the other rules of the document).
    fn sentences(&self) -> &'a [Sentence] {
        self.input.sentences()
    }

    /// Quotations, found on first use (shared likewise).
    fn quotes(&self) -> &'a [crate::text::prose::Quotation] {
        self.input.quotations()
    }

    fn sentence_at(&self, off: usize) -> Option<usize> {
        sentence_index(self.sentences(), off)
    }

    /// The sentences of paragraph `b` (segmented on first use).
    fn block(&self, b: usize) -> &'a [Sentence] {
        self.input.block_sentences(b)
    }

    /// The sentence of a [`Doc::locate`] answer.
    fn sentence(&self, (b, i): (usize, usize)) -> Sentence {
        self.block(b)[i]
    }

    /// The sentence that holds `off`, as (paragraph, index in it): the one
    /// [`Doc::sentence_at`] finds in the whole document, from the paragraphs around
    /// `off` only.
    fn locate(&self, off: usize) -> Option<(usize, usize)> {
        // The last paragraph that starts at or before `off`; a sentence of an earlier one
        // holds `off` only by ending exactly there (with no space between paragraphs).
        let b = self
            .input
            .prose
            .blocks
            .partition_point(|r| r.start <= off)
            .checked_sub(1)?;
        let sents = self.block(b);
        if let Some(i) = sentence_index(sents, off) {
            return Some((b, i));
        }
        if sents.first().is_some_and(|s| s.span.start <= off) {
            return None;
        }
        let (pb, last) = self.before((b, 0))?;
        (last.span.end == off).then_some(pb)
    }

    /// The sentence before `(b, i)` in the document (across paragraphs), with its place.
    fn before(&self, (b, i): (usize, usize)) -> Option<((usize, usize), Sentence)> {
        if i > 0 {
            return Some(((b, i - 1), self.block(b)[i - 1]));
        }
        (0..b).rev().find_map(|pb| {
            let s = self.block(pb);
            let i = s.len().checked_sub(1)?;
            Some(((pb, i), s[i]))
        })
    }

    /// The sentence after `(b, i)` in the document (across paragraphs), with its place.
    fn after(&self, (b, i): (usize, usize)) -> Option<((usize, usize), Sentence)> {
        if let Some(&s) = self.block(b).get(i + 1) {
            return Some(((b, i + 1), s));
        }
        (b + 1..self.input.prose.blocks.len()).find_map(|nb| {
            let s = *self.block(nb).first()?;
            Some(((nb, 0), s))
        })
    }

    /// Up to `n` sentences from `at` (not included), forward or back across paragraphs,
    /// appended to `out` in the order met; the place of the last one (`at` if none).
    fn walk(
        &self,
        mut at: (usize, usize),
        n: usize,
        forward: bool,
        out: &mut Vec<Sentence>,
    ) -> (usize, usize) {
        for _ in 0..n {
            let next = if forward {
                self.after(at)
            } else {
                self.before(at)
            };
            let Some((p, s)) = next else { break };
            out.push(s);
            at = p;
        }
        at
    }

    /// The sentences from `back` before `first` to `ahead` after `last` (`first` at or
    /// before `last`), in order: a window of the document's sentence list, which it
    /// clips at either end, read from the paragraphs it reaches only.
    fn around(
        &self,
        first: (usize, usize),
        last: (usize, usize),
        back: usize,
        ahead: usize,
    ) -> impl Iterator<Item = Sentence> {
        let mut out: Vec<Sentence> = Vec::with_capacity(back + ahead + 1);
        self.walk(first, back, false, &mut out);
        out.reverse();
        out.push(self.sentence(first));
        let mut at = first;
        while at != last {
            let next = self.walk(at, 1, true, &mut out);
            if next == at {
                break;
            }
            at = next;
        }
        self.walk(at, ahead, true, &mut out);
        out.into_iter()
    }

    /// A sentence, lower-cased.
    fn lower(&self, span: ProseSpan) -> String {
        self.input.prose.text[span.range()].to_lowercase()
    }

    /// A sentence, lower-cased, with quoted words blanked out (a source verb inside a
    /// quotation does not attribute it).
    fn span_lower_unquoted(&self, span: ProseSpan) -> String {
        let text = &self.input.prose.text;
        let mut s = String::with_capacity(span.end - span.start);
        let mut pos = span.start;
        let first = self.quotes().partition_point(|q| q.inner.end <= span.start);
        for q in self.quotes()[first..]
            .iter()
            .take_while(|q| q.inner.start < span.end)
        {
            let (qs, qe) = (q.inner.start.max(pos), q.inner.end.min(span.end));
            if qs > pos {
                s.push_str(&text[pos..qs].to_lowercase());
            }
            if qe > qs {
                s.push(' ');
            }
            pos = pos.max(qe);
        }
        if pos < span.end {
            s.push_str(&text[pos..span.end].to_lowercase());
        }
        s
    }

    /// Whether a sentence holds a link.
    fn span_has_link(&self, s: ProseSpan) -> bool {
        // "[text](" left in the prose is a link the parser could not take (a template tag
        // or an unclosed "<" as its destination): the writer still cited something.
        if self.input.prose.text[s.range()].contains("](") {
            return true;
        }
        self.input
            .prose
            .links
            .iter()
            .any(|l| l.start < s.end && s.start < l.end)
    }

    fn in_quote(&self, off: usize) -> bool {
        // Quotations are sorted and do not overlap.
        let i = self.quotes().partition_point(|q| q.span.end <= off);
        self.quotes().get(i).is_some_and(|q| q.span.start <= off)
    }
}

/// The index of the sentence of `sents` (sorted) that holds `off`; an offset in the
/// space after a sentence belongs to it.
fn sentence_index(sents: &[Sentence], off: usize) -> Option<usize> {
    let i = sents.partition_point(|s| s.span.end <= off);
    sents
        .get(i)
        .filter(|s| s.span.start <= off)
        .map(|_| i)
        .or_else(|| i.checked_sub(1).filter(|&j| sents[j].span.end >= off))
}

/// Common adjectives before a group ("Health experts", "legal scholars"): not names.
const COMMON_MODIFIERS: &[&str] = &[
    "health",
    "legal",
    "security",
    "mining",
    "housing",
    "environmental",
    "independent",
    "foreign",
    "local",
    "political",
    "medical",
    "military",
    "financial",
    "economic",
    "industry",
    "energy",
    "climate",
    "education",
    "public",
    "tech",
    "technology",
    "western",
    "many",
    "some",
    "most",
    "other",
    "others",
    "leading",
    "top",
    "senior",
    "outside",
    "international",
    "academic",
    "labor",
    "labour",
    "human",
    "rights",
    "privacy",
    "policy",
    "market",
    "defense",
    "defence",
    "trade",
    "transport",
    "tax",
    "data",
    "several",
    "few",
    "numerous",
    "prominent",
    "conservative",
    "liberal",
    "progressive",
    "religious",
    "civic",
    "business",
    "safety",
    "design",
    "web",
    "government",
    "campaign",
    "community",
    "parent",
    "student",
    "patient",
];

/// Where a group's finding starts: one word earlier when that word is a lower-case or
/// common adjective ("health experts"), so the finding shows the whole group.
fn with_modifier(text: &str, start: usize) -> usize {
    let before = &text[..start];
    let Some(rest) = before.strip_suffix(' ') else {
        return start;
    };
    let w_start = rest
        .rfind(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map_or(0, |i| {
            i + rest[i..].chars().next().map_or(1, char::len_utf8)
        });
    let w = &rest[w_start..];
    let lw = w.to_lowercase();
    let modifier = !w.is_empty()
        && (COMMON_MODIFIERS.contains(&lw.as_str())
            || (w.starts_with(char::is_lowercase)
                && ![
                    "and", "or", "but", "that", "the", "as", "of", "in", "so", "while", "because",
                    "if", "when", "yet", "a", "an", "to", "for", "with", "by", "many", "some",
                    "most",
                ]
                .contains(&w)));
    if modifier && !["many", "some", "most"].contains(&lw.as_str()) {
        w_start
    } else {
        start
    }
}

/// Whether a pattern match opens with a capitalised word that is a name ("Pew researchers
/// say") rather than a common modifier at the start of a sentence ("Health experts say").
fn capitalized_name_lead(m: &str) -> bool {
    const COMMON: &[&str] = COMMON_MODIFIERS;
    let Some(first) = m.split_whitespace().next() else {
        return false;
    };
    first.starts_with(char::is_uppercase)
        && m.split_whitespace().count() > 2
        && !COMMON.contains(&first.to_lowercase().as_str())
}

/// Whether a vague cue is pinned to a name right next to it: a proper noun or possessive
/// before it ("Census data show", "the ministry's own studies show"), or a named body
/// after it ("according to experts at the World Bank").
fn named_around(text: &str, sentence: ProseSpan, cue: ProseSpan) -> bool {
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
const OPINION_HOLDERS: &[&str] = &["some", "many", "most", "others", "everyone", "everybody"];

/// Whether the writer of a paragraph speaks in their own voice: "I", "my", "we", "our" or
/// "you" outside quotation marks.
fn writer_voice(input: &Input<'_>, doc: &Doc<'_>, block: usize) -> bool {
    let b = &input.prose.blocks[block];
    let t = &input.prose.text[b.clone()];
    words(t).any(|w| {
        matches!(
            &t[w.range()],
            "I" | "my" | "My" | "we" | "We" | "our" | "Our" | "you" | "You" | "your" | "Your"
        ) && !doc.in_quote(b.start + w.start)
    })
}

/// Whether offset `at` of sentence `s` lies between an opening ‘ (at a word start) and a
/// closing ’ (at a word end).
fn in_single_quotes(s: &str, at: usize) -> bool {
    // Markdown sources often spell the marks as entities.
    if s.contains("&lsquo;") {
        let decoded = s[..at.min(s.len())]
            .replace("&lsquo;", "‘")
            .replace("&rsquo;", "’");
        let rest = s[at.min(s.len())..].replace("&rsquo;", "’");
        let n = decoded.len();
        return in_single_quotes(&(decoded + &rest), n);
    }
    let (before, after) = s.split_at(at.min(s.len()));
    let opened = before.rfind('‘').is_some_and(|i| {
        before[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
            && !before[i..].contains('’')
    });
    opened
        && after.match_indices('’').any(|(i, m)| {
            after[i + m.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
        })
}

/// Whether the words before a cue (skipping up to two lower-case modifiers, as in "when
/// user research indicates") open a conditional clause.
fn conditional_before(before: &str) -> bool {
    const CONDITIONS: &[&str] = &["if", "when", "whenever", "unless", "until", "once"];
    before
        .split_whitespace()
        .rev()
        .take(3)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .enumerate()
        .any(|(i, w)| {
            CONDITIONS.contains(&w.as_str())
                && before
                    .split_whitespace()
                    .rev()
                    .take(i)
                    .all(|m| m.starts_with(char::is_lowercase))
        })
}

/// The first-person singular words the shared matcher finds for unquoted-quotation
/// (case-insensitively; [`is_first_person_singular`] then takes the cases that count).
const SINGULAR: &[&str] = &["i", "me", "my", "myself"];

/// Whether a word is "I", "me", "my" or "myself" as a speaker writes them: lower case or
/// capitalised, not "i" or "ME" ("I’m" is found at its "I").
fn is_first_person_singular(word: &str) -> bool {
    matches!(word, "I" | "me" | "Me" | "my" | "My" | "myself" | "Myself")
}

/// Whole-phrase search in lower-cased text: each phrase must start and end at word edges.
fn contains_any(hay: &str, phrases: &[String]) -> bool {
    phrases.iter().any(|p| {
        let mut from = 0;
        while let Some(rel) = hay[from..].find(p.as_str()) {
            let s = from + rel;
            let e = s + p.len();
            let ok_start = hay[..s]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let ok_end = hay[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if ok_start && ok_end {
                return true;
            }
            from = s + p.chars().next().map_or(1, char::len_utf8);
        }
        false
    })
}

/// Whether the text before a figure makes it a goal ("reduce the rate to 15%").
fn is_target(before: &str) -> bool {
    let b = before.to_lowercase();
    let b = b.trim_end();
    const VERBS: &[&str] = &[
        "reduce", "increase", "cut", "raise", "lower", "grow", "boost", "bring", "limit", "keep",
    ];
    (b.ends_with(" to") || b.ends_with(" by") || b.ends_with(" of"))
        && b.split_whitespace().rev().take(6).any(|w| {
            VERBS.contains(&w)
                || w.starts_with("goal")
                || w.starts_with("target")
                || w.starts_with("aim")
        })
}

/// “…,” Gormley enthused / “…?” she asked: a quotation that ends in a comma, question or
/// exclamation mark inside the marks, followed by a name or a pronoun and a verb, is
/// attributed whatever the verb.
fn speaker_follows(inner: &str, after: &str) -> bool {
    if !inner.trim_end().ends_with([',', '?', '!']) {
        return false;
    }
    let mut ws = after.split_whitespace();
    let Some(first) = ws.next() else {
        return false;
    };
    let first = first.trim_matches(|c: char| !c.is_alphanumeric());
    let pronoun = matches!(first, "he" | "she" | "they" | "we" | "I" | "it");
    let Some(second) = ws.next() else {
        return false;
    };
    // "…,” Ruiz said" / "…,” she said" / "…,” shares Amy Lee".
    pronoun || first.starts_with(char::is_uppercase) || second.starts_with(char::is_uppercase)
}

/// A byline right after the quotation on the same line: "“…” — Ana Ruiz", "“…” - **Ana**".
fn byline_starts(after: &str) -> bool {
    let t = after.trim_start();
    let rest = t.trim_start_matches(['—', '–', '―', '-', '~']);
    rest.len() < t.len()
        && rest
            .trim_start()
            .trim_start_matches(['*', '_'])
            .starts_with(char::is_uppercase)
}

/// A byline closing the paragraph the quotation is in: "“…” he wrote. “…” — Ana Ruiz".
fn byline_ends(after: &str) -> bool {
    after.rfind(['”', '"']).is_some_and(|i| {
        byline_starts(&after[i + after[i..].chars().next().map_or(1, char::len_utf8)..])
    })
}

/// A testimonial's attribution on the next line: "— Ana Ruiz, product manager".
fn byline_follows(input: &Input<'_>, block: usize) -> bool {
    input.prose.blocks.get(block + 1).is_some_and(|b| {
        let t = input.prose.text[b.clone()].trim_start();
        let rest = t.trim_start_matches(['—', '–', '―', '-', '~']);
        rest.len() < t.len() && rest.trim_start().starts_with(char::is_uppercase)
    })
}

/// Speech quoted in news is a sentence or a clause of one: it starts with a capital
/// letter, ends with punctuation inside the marks (“…,” / “….”), or is a whole sentence
/// with the full stop outside (“…”.), and is not a question put to the reader. Lower-case
/// fragments are usually mentions or scare quotes; unpunctuated ones are titles, labels,
/// button text and names; quoted questions are usually rhetorical.
fn looks_like_speech(inner: &str, opens_sentence: bool, after: &str) -> bool {
    let t = inner.trim();
    let punctuated = t.ends_with(['.', ',', '!', '?', '…', ';', '—']);
    t.starts_with(|c: char| c.is_uppercase())
        && !t.trim_end_matches(['"', '”', ',', '.']).ends_with('?')
        && (punctuated || (opens_sentence && after.starts_with(['.', '!'])))
}

/// The clause of `lead` (text before a quotation in its paragraph) that the quotation
/// belongs to: what follows the last sentence end.
fn clause_before(lead: &str) -> &str {
    let b = lead.as_bytes();
    // Back from the end, jumping between the full stops, question and exclamation marks.
    let mut end = b.len();
    while let Some(i) = memchr::memrchr3(b'.', b'!', b'?', &b[..end]) {
        if b.get(i + 1).is_none_or(|c| matches!(c, b' ' | b'\n')) {
            return lead[i + 1..].trim_start();
        }
        end = i;
    }
    lead
}

/// Whether `hay` ends with the phrase `p` starting at a word edge.
fn ends_with_word(hay: &str, p: &str) -> bool {
    hay.strip_suffix(p).is_some_and(|rest| {
        rest.chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// A quotation whose words are all capitalised is a title ("The Old Man and the Sea" is
/// allowed its small words).
fn is_title_case(s: &str) -> bool {
    const SMALL: &[&str] = &[
        "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from",
        "is", "are", "was", "be", "as", "but", "nor", "so", "yet", "vs", "via", "into", "onto",
        "up", "not", "across", "about", "after", "over", "under", "between", "through", "without",
        "within", "against", "toward", "towards", "per", "than", "your", "our", "its", "their",
    ];
    let mut any = false;
    for w in s.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        any = true;
        if !w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) && !SMALL.contains(&w) {
            return false;
        }
    }
    any
}

/// Content words of a sentence: lower-cased, four letters or more, not function words,
/// with a plural "s" dropped so "tanks" meets "tank".
fn content_words(s: &str) -> impl Iterator<Item = String> + '_ {
    const STOP: &[&str] = &[
        "that",
        "this",
        "these",
        "those",
        "with",
        "from",
        "have",
        "been",
        "were",
        "their",
        "they",
        "them",
        "there",
        "which",
        "would",
        "could",
        "should",
        "about",
        "after",
        "before",
        "said",
        "says",
        "also",
        "more",
        "than",
        "into",
        "over",
        "some",
        "such",
        "when",
        "where",
        "while",
        "what",
        "other",
        "only",
        "just",
        "very",
        "will",
        "being",
        "because",
        "during",
        "under",
        "between",
        "against",
        "without",
        "within",
        "through",
        "independently",
        "verified",
        "confirmed",
        "reports",
        "report",
        "claims",
        "claim",
        "according",
        "group",
        "its",
        "it's",
        "here",
        "most",
        "many",
        "much",
        "each",
        "both",
        "last",
        "first",
        "year",
        "week",
    ];
    words(s).filter_map(move |w| {
        let lw = s[w.range()].to_lowercase().replace('’', "'");
        if lw.chars().count() < 4
            || STOP.contains(&lw.as_str())
            || lw.chars().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        Some(stem(&lw))
    })
}

/// A crude stem, enough to match "captured" with "capture" and "army's" with "army".
fn stem(w: &str) -> String {
    let w = w.trim_end_matches("'s");
    for suffix in ["ing", "ed", "es", "s", "e"] {
        if let Some(base) = w.strip_suffix(suffix) {
            if base.chars().count() >= 4 {
                return base.to_string();
            }
        }
    }
    w.to_string()
}

impl super::RuleKind for Attribution {
    type Spec = AttributionSpec;
    const NAME: &'static str = "attribution";

    fn compile(
        spec: AttributionSpec,
        ctx: &super::Compile<'_>,
    ) -> Result<Self, crate::error::FileError> {
        Attribution::compile(spec, ctx.err)
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

#[cfg(test)]
mod tests {
    use super::{has_opening_mark, has_you, is_first_person_singular};

    #[test]
    fn has_you_finds_every_case_and_nothing_else() {
        for yes in ["you", "Your turn", "as YOU like", "thank-you", "bayou"] {
            assert!(has_you(yes.as_bytes()), "{yes}");
        }
        for no in ["", "yo", "Yoruba", "the year ahead", "y"] {
            assert!(!has_you(no.as_bytes()), "{no}");
        }
    }

    #[test]
    fn opening_marks_are_found_as_bytes() {
        for yes in ["a \"b", "“quoted”", "x “", "é\""] {
            assert!(has_opening_mark(yes.as_bytes()), "{yes}");
        }
        for no in ["", "plain — text’s ‘single’”", "closing” only", "é"] {
            assert!(!has_opening_mark(no.as_bytes()), "{no}");
        }
    }

    #[test]
    fn the_clause_before_a_quotation_starts_after_the_last_sentence_end() {
        // A stop not followed by a space or line break ends no sentence ("3.5"); one
        // that is, does, abbreviation or not: this is a cheap cut, not the segmenter.
        for (lead, clause) in [
            ("It rained. Mr. Ruiz said", "Ruiz said"),
            ("Why? She said!\nThen he said", "Then he said"),
            ("A 3.5% rise, officials said", "A 3.5% rise, officials said"),
            ("U.S. officials said", "officials said"),
            ("Done. ", ""),
            ("", ""),
        ] {
            assert_eq!(super::clause_before(lead), clause, "{lead:?}");
        }
    }

    #[test]
    fn first_person_singular_is_a_whole_word() {
        // Through the shared matcher, as the rule finds them.
        let Ok(reg) = crate::registry::Registry::load(&[]) else {
            panic!("the built-in rules load");
        };
        let Some(ri) = reg.index_of("attribution.unquoted-quotation") else {
            panic!("the rule exists");
        };
        let mut active = vec![false; reg.rules().len()];
        active[ri] = true;
        let has = |t: &str| {
            reg.find(t, &active).main[ri]
                .iter()
                .any(|h| is_first_person_singular(&t[h.span.range()]))
        };
        for yes in ["I said", "I’m here", "tell me.", "My town", "by myself"] {
            assert!(has(yes), "{yes}");
        }
        for no in ["We met", "Mexico", "mine", "ME", "i think", "They came", ""] {
            assert!(!has(no), "{no}");
        }
    }
}
