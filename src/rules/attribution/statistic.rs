//! unsourced-statistic: figures with no source in their paragraph and no link, unless
//! the writer gives them as a measure, threshold, example or target.

use super::doc::{sentence_index, tail_from_space, Doc};
use super::phrases::listed;
use super::{Attribution, AttributionSpec, Finding, Input, Rule};
use crate::text::span::ProseSpan;
use crate::text::tokens::words;

impl Attribution {
    /// unsourced-statistic: the first figure of a sentence with no source (see
    /// [`Attribution::statistics`]).
    pub(super) fn unsourced_statistic(
        &self,
        w: &FigureContext,
        rule: &Rule,
        input: &Input<'_>,
        out: &mut Vec<Finding>,
    ) {
        let figures = self.figures(input);
        if !figures.is_empty() {
            self.statistics(w, rule, input, &Doc::new(input), &figures, out);
        }
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

    /// unsourced-statistic: the first figure of a sentence, unless a sentence of its
    /// paragraph (so also the one before it) attributes, or a link cites.
    fn statistics(
        &self,
        w: &FigureContext,
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
                || w.is_target(before)
                || words(&text[s.span.range()]).take(6).count() < 6
                || input.prose.is_quoted_block(s.block)
                || doc.is_headline(s.block)
                || w.excuses(before, &text[m.start..s.span.end.max(m.start)])
                || w.record.any_in(&doc.lower(s.span))
            {
                continue;
            }
            done = Some(s.span.start);
            let sourced = *block_sourced[s.block].get_or_insert_with(|| {
                sents.iter().any(|o| {
                    doc.span_has_link(o.span)
                        || doc.span_cites_work(o.span)
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
}

/// How many words of a figure (digits, amount words) are read past before its unit.
const MAX_FIGURE_WORDS: usize = 64;

/// How much of the text before a figure the target test reads, in bytes (from a space
/// on): more than its last six words.
const TARGET_TAIL: usize = 400;

/// unsourced-statistic: the words around a figure that make it something other than a
/// claim to source. Lists from the rule file, lower case.
#[derive(Debug, Default)]
pub(super) struct FigureContext {
    /// Units and measured things: "1,000 words", "48,000 labor categories".
    measure_words: Vec<String>,
    /// Right before the figure: "exceeds $50,000", "a limit of 1,000".
    thresholds: Vec<String>,
    /// Right before the figure: "for example, 505,485".
    examples: Vec<String>,
    /// Words that end the reading after a figure: "12,000 jobs in the data centre".
    measure_stops: Vec<String>,
    /// Words of the figure itself, read past: "5 million page views".
    amount_words: Vec<String>,
    /// Verbs that set a goal: "cut the rate to 15%".
    target_verbs: Vec<String>,
    /// Beginnings of goal nouns: "a target of 15%".
    target_nouns: Vec<String>,
    /// The prepositions right before a target figure: "to", "by", "of".
    target_prepositions: Vec<String>,
    /// Words of the public record: "turnout", "bail".
    record: super::phrases::PhraseSet,
}

impl FigureContext {
    /// The lists from the spec; `low` lower-cases a list.
    pub(super) fn new(
        spec: &mut AttributionSpec,
        low: impl Fn(Vec<String>) -> Vec<String>,
    ) -> Self {
        let take = std::mem::take;
        FigureContext {
            measure_words: low(take(&mut spec.measure_words)),
            thresholds: low(take(&mut spec.threshold_phrases)),
            examples: low(take(&mut spec.example_phrases)),
            measure_stops: low(take(&mut spec.measure_stops)),
            amount_words: low(take(&mut spec.amount_words)),
            target_verbs: low(take(&mut spec.target_verbs)),
            target_nouns: low(take(&mut spec.target_nouns)),
            target_prepositions: low(take(&mut spec.target_prepositions)),
            record: super::phrases::PhraseSet::new(&low(take(&mut spec.record_words))),
        }
    }

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
        // phrase ("12,000 jobs in the data centre": only "jobs"). Lower-cased a word at a
        // time, as far as they are read (`from` runs to the end of the sentence).
        let mut ws = from
            .split(|c: char| c.is_whitespace() || c == '/')
            .filter_map(|w| {
                let w = w.to_lowercase();
                let t = w.trim_matches(|c: char| !c.is_alphanumeric());
                (!t.is_empty()).then(|| t.to_string())
            });
        // The figure itself: digits, "million", currency and percent signs. A figure is
        // a few words; past `MAX_FIGURE_WORDS` of them the words are a list of numbers,
        // not one figure with its unit.
        let mut first = None;
        for (i, w) in ws.by_ref().enumerate() {
            if !(w.starts_with(|c: char| c.is_ascii_digit()) || listed(&self.amount_words, &w)) {
                first = Some(w);
                break;
            }
            if i >= MAX_FIGURE_WORDS {
                return false;
            }
        }
        let mut prev: Option<String> = None;
        for w in first
            .into_iter()
            .chain(ws)
            .take_while(|w| !listed(&self.measure_stops, w))
            .take(3)
        {
            let singular = w.strip_suffix('s').unwrap_or(&w);
            let two = prev
                .as_ref()
                .map(|p| (format!("{p} {w}"), format!("{p} {singular}")));
            if self.measure_words.iter().any(|m| {
                *m == w || m == singular || two.as_ref().is_some_and(|(t, ts)| m == t || m == ts)
            }) {
                return true;
            }
            prev = Some(w);
        }
        false
    }

    /// Whether the text before a figure makes it a goal ("reduce the rate to 15%").
    fn is_target(&self, before: &str) -> bool {
        // Only the end of `before` (which runs from the start of the sentence) is read:
        // the preposition and the six words before the figure.
        let b = tail_from_space(before.trim_end(), TARGET_TAIL).to_lowercase();
        let b = b.trim_end();
        // The preposition as the last word: " to", " by", " of".
        let preposition = self
            .target_prepositions
            .iter()
            .any(|p| b.strip_suffix(p.as_str()).is_some_and(|r| r.ends_with(' ')));
        preposition
            && b.split_whitespace().rev().take(6).any(|w| {
                listed(&self.target_verbs, w)
                    || self.target_nouns.iter().any(|n| w.starts_with(n.as_str()))
            })
    }
}
