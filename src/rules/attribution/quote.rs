//! unattributed-quote: direct quotations with no speaker near them, no introduction and
//! no byline.

use super::doc::Doc;
use super::phrases::listed;
use super::speech::QuoteMemo;
use super::{Attribution, AttributionSpec, Finding, Input, Rule};
use crate::text::prose::Quotation;
use crate::text::tokens::words;

/// The word lists of unattributed-quote (from the rule file, lower case unless a field
/// says "as written"; see the spec for each).
#[derive(Debug, Default)]
pub(super) struct QuoteWords {
    /// Phrases right before a quotation that make it a mention ("such as").
    pub(super) mentions: Vec<String>,
    /// Words late in the clause before a quotation that make it a mention ("click").
    pub(super) mention_words: Vec<String>,
    /// Nouns for set phrases ("slogan").
    pub(super) set_phrases: Vec<String>,
    /// Small words a title leaves in lower case ("the", "of").
    pub(super) title_small_words: Vec<String>,
    /// Words that address the reader ("you", "your").
    pub(super) reader_words: Vec<String>,
    /// Whether every `reader_words` entry holds "you", so that a paragraph without
    /// "you" (a byte search) has none of them.
    pub(super) reader_words_hold_you: bool,
    /// As written: first-person words of a quotation ("I", "we").
    first_person_words: Vec<String>,
    /// As written: capitalised sentence openers that are not names ("The", "When").
    not_names: Vec<String>,
    /// As written: pronouns naming the speaker after a quotation ("she").
    speaker_pronouns: Vec<String>,
    /// As written: words between a quotation and the link that cites it ("via").
    pub(super) citation_words: Vec<String>,
    /// Each preceded by a space: the word ending a clause that lists examples (" or").
    pub(super) conjunctions: Vec<String>,
}

impl QuoteWords {
    /// The lists from the spec; `low` lower-cases a list.
    pub(super) fn new(
        spec: &mut AttributionSpec,
        low: impl Fn(Vec<String>) -> Vec<String>,
    ) -> Self {
        let take = std::mem::take;
        let reader_words = low(take(&mut spec.reader_words));
        QuoteWords {
            mentions: low(take(&mut spec.mentions)),
            mention_words: low(take(&mut spec.mention_words)),
            set_phrases: low(take(&mut spec.set_phrases)),
            title_small_words: low(take(&mut spec.title_small_words)),
            reader_words_hold_you: reader_words
                .iter()
                .all(|w| w.to_ascii_lowercase().contains("you")),
            reader_words,
            first_person_words: take(&mut spec.first_person_words),
            not_names: take(&mut spec.not_names),
            speaker_pronouns: take(&mut spec.speaker_pronouns),
            citation_words: take(&mut spec.citation_words),
            conjunctions: low(take(&mut spec.conjunctions))
                .into_iter()
                .map(|c| format!(" {c}"))
                .collect(),
        }
    }
}

/// Whether `bytes` hold a straight double quote or a left curly one (U+201C): a byte
/// search ([`crate::text::prose::quote_marks`]), where a `char` pattern decoded every character
/// of a document that has none (most of them), 75 M instructions over the corpus.
fn has_opening_mark(bytes: &[u8]) -> bool {
    crate::text::prose::quote_marks(bytes, 0, bytes.len())
        .any(|i| bytes[i] == b'"' || bytes.get(i + 2) == Some(&0x9C))
}

impl Attribution {
    /// unattributed-quote, for documents with an opening quotation mark (see
    /// [`Attribution::quotes`]).
    pub(super) fn unattributed_quote(
        &self,
        w: &QuoteWords,
        rule: &Rule,
        input: &Input<'_>,
        out: &mut Vec<Finding>,
    ) {
        if has_opening_mark(input.prose.text.as_bytes()) {
            self.quotes(w, rule, input, &Doc::new(input), out);
        }
    }

    /// unattributed-quote: a quotation of `min_words` or more words with no speaker in its
    /// sentences or the adjacent ones, no colon introducing it, and no introduction in the
    /// paragraph before. A speaker carries over to the later quotations of a paragraph and
    /// to a run of quote-only paragraphs, as an editor reads them.
    fn quotes(
        &self,
        w: &QuoteWords,
        rule: &Rule,
        input: &Input<'_>,
        doc: &Doc<'_>,
        out: &mut Vec<Finding>,
    ) {
        let text = &input.prose.text;
        let blocks = &input.prose.blocks;
        // The last paragraph with an attributed quotation, and the last quote-only paragraph
        // whose speaker is known (a run of quotes after "Users told us:" shares it).
        let mut attributed_block: Option<usize> = None;
        let mut chain_block: Option<usize> = None;
        let mut memo = QuoteMemo::default();
        // The last paragraph with words before the current one, found by walking the
        // paragraphs once as the quotations move on (not back from each quotation).
        let mut wordy_before: Option<usize> = None;
        let mut walked = 0;
        // The paragraph last asked whether it introduces the quotations after it.
        let mut introduces: Option<(usize, bool)> = None;
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
            if walked > q.block {
                (wordy_before, walked) = (None, 0);
            }
            while walked < q.block {
                if text[blocks[walked].clone()].contains(char::is_alphanumeric) {
                    wordy_before = Some(walked);
                }
                walked += 1;
            }
            let prev_block = wordy_before;
            let introduced = attributed_block == Some(q.block)
                || (opens_block
                    && prev_block.is_some_and(|pb| {
                        (quote_only && chain_block == Some(pb))
                            || match introduces {
                                Some((b, v)) if b == pb => v,
                                _ => {
                                    let v = self.introduces(input, doc, pb);
                                    introduces = Some((pb, v));
                                    v
                                }
                            }
                    }));
            let lead = memo
                .clauses
                .clause(text, block.start, block.start + lead_full.len());
            if self.not_speech(w, doc, q, lead, after, &mut memo) {
                if quote_only && introduced {
                    chain_block = Some(q.block);
                }
                continue;
            }
            let attributed =
                introduced || self.speaker_near(w, doc, q, lead_full, after, &mut memo);
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

    /// Whether a speaker stands near the quotation: a source word in its sentences or the
    /// adjacent ones, a colon, dash, comma or question introducing it, a name and verb
    /// after it, or a byline.
    fn speaker_near(
        &self,
        w: &QuoteWords,
        doc: &Doc<'_>,
        q: &Quotation,
        lead_full: &str,
        after: &str,
        memo: &mut QuoteMemo,
    ) -> bool {
        let input = doc.input();
        let inner = &input.prose.text[q.inner.clone()];
        // "Ruiz put it plainly: “…”", "As Owen cautions, “…”", "What advice does she
        // have? “…”": the clause before introduces the words.
        if lead_full.ends_with([':', ',', '?', '—']) {
            return true;
        }
        if w.speaker_follows(inner, after)
            || byline_follows(input, q.block)
            || byline_starts(after)
            || memo.byline_ends(&input.prose.text, &input.prose.blocks[q.block], q.span.end)
            || memo.named_subject(w, input, doc, q)
        {
            return true;
        }
        let (Some(first), Some(last)) = (
            doc.locate(q.span.start),
            doc.locate(q.span.end.saturating_sub(1)),
        ) else {
            return true;
        };
        doc.around(first, last, self.window, self.window).any(|s| {
            *memo
                .sourced
                .entry(s.span.start)
                .or_insert_with(|| self.sets.sources.any_in(&doc.span_lower_unquoted(s.span)))
        })
    }
}

impl QuoteMemo {
    /// Whether the quotation follows, in its paragraph, a sentence about a named person
    /// ("Aisha R., for example, has stopped trying. “I called the bank…”"): that person
    /// is the speaker. Only first-person quotations count, and only sentences that open
    /// with the name.
    fn named_subject(
        &mut self,
        w: &QuoteWords,
        input: &Input<'_>,
        doc: &Doc<'_>,
        q: &Quotation,
    ) -> bool {
        let text = &input.prose.text;
        let inner = &text[q.inner.clone()];
        if !words(inner).any(|t| {
            let t = &inner[t.range()];
            listed(&w.first_person_words, t)
        }) {
            return false;
        }
        // The sentences of the quotation's paragraph, up to the one that holds it.
        let Some((b, i)) = doc.locate(q.span.start) else {
            return false;
        };
        if b != q.block {
            return false;
        }
        // The first sentence of the paragraph that opens with a name, found once for
        // the paragraph: one before the quotation's (or its own) names the speaker.
        let first = match self.named {
            Some((nb, first)) if nb == b => first,
            _ => {
                let first = doc.block(b).iter().position(|s| {
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
                    let cap = |w: &str| w.starts_with(char::is_uppercase) && w.chars().count() > 0;
                    cap(a) && cap(b) && !listed(&w.not_names, a)
                });
                self.named = Some((b, first));
                first
            }
        };
        first.is_some_and(|j| j <= i)
    }

    /// A byline closing the paragraph the quotation is in: "“…” he wrote. “…” — Ana
    /// Ruiz" ([`byline_ends`] of the text after the quotation, which ends at `from`). The
    /// paragraph's last mark is found once for all its quotations.
    fn byline_ends(&mut self, text: &str, block: &std::ops::Range<usize>, from: usize) -> bool {
        let (last, byline) = match self.last_mark {
            Some((start, last, byline)) if start == block.start => (last, byline),
            _ => {
                let last = text[block.clone()]
                    .rfind(['”', '"'])
                    .map(|i| block.start + i);
                let byline = last.is_some_and(|i| byline_ends(&text[i..block.end]));
                self.last_mark = Some((block.start, last, byline));
                (last, byline)
            }
        };
        last.is_some_and(|i| i >= from) && byline
    }
}

impl QuoteWords {
    /// “…,” Gormley enthused / “…?” she asked: a quotation that ends in a comma, question or
    /// exclamation mark inside the marks, followed by a name or a pronoun and a verb, is
    /// attributed whatever the verb.
    fn speaker_follows(&self, inner: &str, after: &str) -> bool {
        if !inner.trim_end().ends_with([',', '?', '!']) {
            return false;
        }
        let mut ws = after.split_whitespace();
        let Some(first) = ws.next() else {
            return false;
        };
        let first = first.trim_matches(|c: char| !c.is_alphanumeric());
        let pronoun = listed(&self.speaker_pronouns, first);
        let Some(second) = ws.next() else {
            return false;
        };
        // "…,” Ruiz said" / "…,” she said" / "…,” shares Amy Lee".
        pronoun || first.starts_with(char::is_uppercase) || second.starts_with(char::is_uppercase)
    }
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

#[cfg(test)]
mod tests {
    use super::has_opening_mark;

    #[test]
    fn opening_marks_are_found_as_bytes() {
        for yes in ["a \"b", "“quoted”", "x “", "é\""] {
            assert!(has_opening_mark(yes.as_bytes()), "{yes}");
        }
        for no in ["", "plain — text’s ‘single’”", "closing” only", "é"] {
            assert!(!has_opening_mark(no.as_bytes()), "{no}");
        }
    }
}
