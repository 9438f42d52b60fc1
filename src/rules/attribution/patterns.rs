//! The rule's `patterns`: compiled into one regex, and searched either over the whole
//! text or, with `triggers`, only within reach of a trigger (or a digit).

use super::{Attribution, Input};
use crate::error::FileError;
use crate::text::span::ProseSpan;
use regex::RegexBuilder;
use regex_automata::meta::Regex as MetaRegex;

/// A rule's `patterns`, compiled.
#[derive(Debug)]
pub(super) struct Patterns {
    /// Their union, as one regex.
    re: MetaRegex,
    /// The longest text a pattern can match, in bytes, when that is bounded: a match
    /// that holds a trigger then lies within this distance of it.
    max_len: Option<usize>,
}

impl Patterns {
    /// Compiles the patterns into one regex (none for an empty list); an error names
    /// the pattern at fault.
    pub(super) fn compile(
        patterns: &[String],
        err: &dyn Fn(&str, String) -> FileError,
        thorough: bool,
    ) -> Result<Option<Self>, FileError> {
        if patterns.is_empty() {
            return Ok(None);
        }
        let mut max_len = None;
        // ASCII word boundaries keep the regex on its fast DFA path: a Unicode `\b`
        // forces a slower engine as soon as the text has one curly quote.
        let joined = patterns
            .iter()
            .map(|p| format!("(?:{})", super::ascii_classes(p)))
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
            max_len = hir.properties().maximum_len();
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
            Ok(re) => {
                // Within the size limit, but maybe too slow to search (the shipped rules
                // are checked by the test suite).
                for p in patterns.iter().filter(|_| thorough) {
                    super::regex_budget(&super::ascii_classes(p), true).map_err(|m| err(p, m))?;
                }
                Ok(Some(Patterns { re, max_len }))
            }
            // Only when the whole fails, compile each pattern alone, so the error
            // points at the one at fault (compiling them all up front doubled the
            // start-up cost of the pack).
            Err(e) => {
                for p in patterns {
                    RegexBuilder::new(p)
                        .size_limit(1 << 20)
                        .build()
                        .map_err(|e| err(p, super::regex_error(p, &e)))?;
                }
                Err(err(
                    "patterns",
                    format!("the patterns together are too large: {e}"),
                ))
            }
        }
    }
}

/// Whether `bytes` holds an ASCII digit. In chunks without an early exit inside each,
/// which the compiler turns into vector code: a byte-at-a-time `any` was a tenth of the
/// figure rule's time.
pub(super) fn has_ascii_digit(bytes: &[u8]) -> bool {
    bytes.chunks(32).any(|chunk| {
        chunk
            .iter()
            .fold(false, |found, &b| found | (b.wrapping_sub(b'0') < 10))
    })
}

impl Attribution {
    /// Every match of `re` in the prose; with triggers, only in the paragraphs that have
    /// a trigger hit or (`digits`) an ASCII digit. A match cannot hold a trigger or digit
    /// of another paragraph, so this finds the same matches as a search of the whole text
    /// (a test compares the two on the examples, the evaluation set and the fixtures).
    pub(super) fn pattern_matches(
        &self,
        patterns: &Patterns,
        input: &Input<'_>,
        digits: bool,
    ) -> Vec<ProseSpan> {
        let re = &patterns.re;
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
            stretches.push(match patterns.max_len {
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
}
