//! The `pattern` kind: rules written as sequences of token tests (word, lemma, part of
//! speech, case, shape, sentence position), with optional and skipped tokens, exception
//! sequences that cancel a match, a choice of which tokens are reported, and suggestions
//! built from the matched tokens. Tokens come from the tagger ([`crate::lang::tagger`]),
//! one sentence at a time, so a sequence never crosses a sentence end.
//!
//! A sequence runs only where the shared phrase matcher found one of its anchor words:
//! the first token that has a `word` test and only fixed tokens before it. A sequence
//! without one is tried at every token of every sentence.

pub mod spec;
mod template;
mod test;

pub use self::spec::PatternSpec;
use self::spec::SequenceSpec;
use self::template::Template;
use self::test::TokenTest;
use super::{Compile, Finding, Input, Literal, Rule, RuleKind};
use crate::error::FileError;
use crate::lang::tagger::Token;
use crate::text::span::ProseSpan;

/// The commonest words of English: an anchor with one of them is tried almost
/// everywhere.
const COMMON: [&str; 40] = [
    "the", "of", "and", "to", "a", "in", "is", "it", "that", "for", "on", "with", "as", "was",
    "be", "by", "at", "are", "this", "or", "from", "an", "have", "not", "but", "they", "we", "you",
    "he", "his", "has", "had", "were", "been", "will", "can", "more", "all", "their", ",",
];

/// One compiled sequence.
#[derive(Debug)]
struct Sequence {
    tests: Vec<TokenTest>,
    suggest: Vec<Template>,
    message: Option<String>,
    /// The test the phrase matcher anchors the sequence at.
    anchor: Option<usize>,
}

/// A compiled `[pattern]` table.
#[derive(Debug)]
pub struct Pattern {
    matches: Vec<Sequence>,
    excepts: Vec<Sequence>,
}

impl Sequence {
    fn compile(spec: SequenceSpec, what: &str, ctx: &Compile<'_>) -> Result<Sequence, FileError> {
        if spec.tokens.is_empty() {
            return Err((ctx.err)(
                "tokens",
                format!("a {what} sequence needs at least one token"),
            ));
        }
        let n = spec.tokens.len();
        let mut tests = Vec::with_capacity(n);
        for t in spec.tokens {
            tests.push(TokenTest::compile(t).map_err(|m| (ctx.err)("tokens", m))?);
        }
        if tests.iter().all(|t| t.optional) {
            return Err((ctx.err)(
                "tokens",
                format!("a {what} sequence needs a token that is not optional"),
            ));
        }
        let mut suggest = Vec::new();
        for s in &spec.suggest {
            suggest.push(Template::parse(s, n).map_err(|m| (ctx.err)(s, m))?);
        }
        let fixed = tests
            .iter()
            .position(|t| t.optional || t.skip > 0)
            .unwrap_or(n);
        // The phrase matcher finds words, so an anchor's words must all have a letter
        // or digit (a test for a comma anchors nothing).
        let candidate = |i: &usize| {
            *i <= fixed
                && !tests[*i].optional
                && !tests[*i].words.is_empty()
                && tests[*i]
                    .words
                    .iter()
                    .all(|w| w.chars().any(char::is_alphanumeric))
        };
        // The rarer the anchor, the fewer places the sequence is tried: a token without
        // the commonest words of English is preferred.
        let anchor = (0..n)
            .filter(candidate)
            .find(|&i| !tests[i].words.iter().any(|w| COMMON.contains(&w.as_str())))
            .or_else(|| (0..n).find(candidate));
        Ok(Sequence {
            tests,
            suggest,
            message: spec.message,
            anchor,
        })
    }

    /// Matches the sequence with its first test at token `k` of `sentence`, leaving in
    /// `taken` the token each test took (`None` for an absent optional one).
    fn match_at(
        &self,
        text: &str,
        sentence: &[Token],
        k: usize,
        taken: &mut Vec<Option<usize>>,
    ) -> bool {
        taken.clear();
        self.step(text, sentence, 0, k, taken)
    }

    /// Backtracking over optional tokens and skips; the sequences are short.
    fn step(
        &self,
        text: &str,
        sentence: &[Token],
        ti: usize,
        k: usize,
        taken: &mut Vec<Option<usize>>,
    ) -> bool {
        let Some(test) = self.tests.get(ti) else {
            return true;
        };
        if test.passes(text, sentence, k) {
            taken.push(Some(k));
            let last = ti + 1 == self.tests.len();
            let reach = if last { 0 } else { test.skip };
            for gap in 0..=reach {
                if k + 1 + gap > sentence.len() {
                    break;
                }
                if self.step(text, sentence, ti + 1, k + 1 + gap, taken) {
                    return true;
                }
            }
            taken.pop();
        }
        if test.optional {
            taken.push(None);
            if self.step(text, sentence, ti + 1, k, taken) {
                return true;
            }
            taken.pop();
        }
        false
    }

    /// The reported tokens' span: the marked tokens, or all when none is marked.
    fn reported(&self, taken: &[Option<usize>]) -> Option<(usize, usize)> {
        let any_mark = self.tests.iter().any(|t| t.mark);
        let idx: Vec<usize> = self
            .tests
            .iter()
            .zip(taken)
            .filter(|(t, _)| !any_mark || t.mark)
            .filter_map(|(_, k)| *k)
            .collect();
        Some((*idx.first()?, *idx.last()?))
    }
}

impl RuleKind for Pattern {
    type Spec = PatternSpec;
    const NAME: &'static str = "pattern";

    fn compile(spec: PatternSpec, ctx: &Compile<'_>) -> Result<Self, FileError> {
        if spec.matches.is_empty() {
            return Err((ctx.err)(
                "pattern",
                "a pattern rule needs a [[pattern.match]] sequence".into(),
            ));
        }
        let mut matches = Vec::new();
        for s in spec.matches {
            matches.push(Sequence::compile(s, "match", ctx)?);
        }
        let mut excepts = Vec::new();
        for s in spec.excepts {
            excepts.push(Sequence::compile(s, "except", ctx)?);
        }
        Ok(Pattern { matches, excepts })
    }

    fn literals(&self) -> Vec<Literal> {
        let mut out = Vec::new();
        for (i, s) in self.matches.iter().enumerate() {
            let Some(a) = s.anchor else { continue };
            for w in &s.tests[a].words {
                out.push(Literal {
                    text: w.clone(),
                    local: i as u32,
                    exception: false,
                    ignore_case: true,
                });
            }
        }
        out
    }

    fn scans(&self) -> bool {
        self.matches.iter().any(|s| s.anchor.is_none())
    }

    fn is_gate(&self, _local: u32) -> bool {
        true
    }

    fn check(&self, rule: &Rule, input: &Input<'_>, out: &mut Vec<Finding>) {
        let text = &input.prose.text;
        let mut seen: Vec<ProseSpan> = Vec::new();
        let mut taken: Vec<Option<usize>> = Vec::new();
        let mut try_at = |seq: &Sequence, sentence: &[Token], k: usize, out: &mut Vec<Finding>| {
            if !seq.match_at(text, sentence, k, &mut taken) {
                return;
            }
            let Some((first, last)) = seq.reported(&taken) else {
                return;
            };
            if self.excepted(text, sentence, first, last) {
                return;
            }
            let span = ProseSpan::new(sentence[first].span.start, sentence[last].span.end);
            if seen.contains(&span) {
                return;
            }
            seen.push(span);
            out.push(self.finding(rule, input, seq, sentence, &taken, span));
        };
        for h in input.hits {
            let Some(seq) = self.matches.get(h.local as usize) else {
                continue;
            };
            let Some(a) = seq.anchor else { continue };
            let Some(si) = input.tagged().sentence_at(h.span.start) else {
                continue;
            };
            let sentence = input.sentence_tokens(si);
            let k = sentence.partition_point(|t| t.span.start < h.span.start);
            if sentence
                .get(k)
                .is_some_and(|t| t.span.start == h.span.start)
                && k >= a
            {
                try_at(seq, sentence, k - a, out);
            }
        }
        for seq in self.matches.iter().filter(|s| s.anchor.is_none()) {
            for si in 0..input.tagged().spans.len() {
                let sentence = input.sentence_tokens(si);
                for k in 0..sentence.len() {
                    try_at(seq, sentence, k, out);
                }
            }
        }
    }
}

impl Pattern {
    /// Whether an exception sequence matches over tokens `first..=last`.
    fn excepted(&self, text: &str, sentence: &[Token], first: usize, last: usize) -> bool {
        self.excepts.iter().any(|e| {
            let reach: usize = e.tests.iter().map(|t| t.skip + 1).sum();
            let lo = first.saturating_sub(reach);
            let mut taken = Vec::with_capacity(e.tests.len());
            (lo..=last).any(|k| {
                e.match_at(text, sentence, k, &mut taken) && {
                    let mut idx = taken.iter().flatten();
                    idx.next().is_some_and(|&a| a <= last)
                        && taken
                            .iter()
                            .flatten()
                            .next_back()
                            .is_some_and(|&b| b >= first)
                }
            })
        })
    }

    fn finding(
        &self,
        rule: &Rule,
        input: &Input<'_>,
        seq: &Sequence,
        sentence: &[Token],
        taken: &[Option<usize>],
        span: ProseSpan,
    ) -> Finding {
        let text = &input.prose.text;
        let matched = &text[span.range()];
        let mut suggestions: Vec<String> = Vec::new();
        for t in &seq.suggest {
            let Some(s) = t.render(text, sentence, taken) else {
                continue;
            };
            let s = super::adapt_case(matched, &s, input.curly);
            if s != matched && !suggestions.contains(&s) {
                suggestions.push(s);
            }
        }
        let mut f = rule.replace_finding(input, span, suggestions);
        if let Some(m) = &seq.message {
            let first = f.suggestions.first().cloned();
            let mut msg = m.replace("{match}", matched);
            if let Some(r) = first {
                msg = msg.replace("{replacement}", &r);
            }
            f.message = msg;
        }
        f
    }
}
