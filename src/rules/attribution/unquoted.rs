//! unquoted-quotation: in a third-person news article, a first-person paragraph with no
//! quotation marks (a quotation that lost its marks and speaker).

use super::doc::Doc;
use super::phrases::listed;
use super::{Attribution, AttributionSpec, Finding, Input, Rule};
use crate::error::FileError;
use crate::text::tokens::words;

/// The word lists of unquoted-quotation, as written in the rule file (see the spec).
#[derive(Debug, Default)]
pub(super) struct FirstPersonWords {
    /// The author's own "I": in two paragraphs, a column or an essay.
    author_words: Vec<String>,
    /// Someone speaking: a flagged paragraph holds one.
    speaker_words: Vec<String>,
    /// Words that match a cue but are not the pronoun ("US").
    not_cues: Vec<String>,
}

impl FirstPersonWords {
    /// The lists from the spec. Each `speaker-words` entry must be one the shared
    /// matcher finds ([`SINGULAR`], in the cases [`is_first_person_singular`] takes, up to
    /// an apostrophe): the check runs only on documents with such a hit, so any other
    /// entry could never be met.
    pub(super) fn new(
        spec: &mut AttributionSpec,
        err: &dyn Fn(&str, String) -> FileError,
    ) -> Result<Self, FileError> {
        let take = std::mem::take;
        let speaker_words = take(&mut spec.speaker_words);
        for w in &speaker_words {
            let stem = w.split(['\'', '’']).next().unwrap_or_default();
            if !is_first_person_singular(stem) {
                return Err(err(
                    w,
                    format!(
                        "`speaker-words` entries are forms of “I”, “me”, “my” or “myself” \
                         (“I”, “me”, “Me”, “my”, “My”, “myself”, “Myself”, then optionally an \
                         apostrophe and more); “{w}” is not one"
                    ),
                ));
            }
        }
        Ok(FirstPersonWords {
            author_words: take(&mut spec.author_words),
            speaker_words,
            not_cues: take(&mut spec.not_cues),
        })
    }
}

impl Attribution {
    /// unquoted-quotation (see [`Attribution::first_person`]).
    pub(super) fn unquoted_quotation(
        &self,
        w: &FirstPersonWords,
        rule: &Rule,
        input: &Input<'_>,
        out: &mut Vec<Finding>,
    ) {
        let text = &input.prose.text;
        // The flagged paragraph needs "I", "me" or "my": most documents have none.
        if input
            .hits
            .iter()
            .any(|h| is_first_person_singular(&text[h.span.range()]))
        {
            self.first_person(w, rule, input, &Doc::new(input), out);
        }
    }

    /// unquoted-quotation: in an article written in the third person, a paragraph in the
    /// first person with no quotation marks. The cues are the first-person words.
    fn first_person(
        &self,
        w: &FirstPersonWords,
        rule: &Rule,
        input: &Input<'_>,
        doc: &Doc<'_>,
        out: &mut Vec<Finding>,
    ) {
        let text = &input.prose.text;
        let blocks = &input.prose.blocks;
        // A post that names its author in front matter is signed: its "I" is the author's.
        if input.prose.byline {
            return;
        }
        // The author writing "I" in two or more paragraphs makes it a column or an essay:
        // decided first, it spares the rest of the work for most first-person documents.
        let singular = |t: &str| listed(&w.author_words, t);
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
                    .any(|t| singular(&text[t.range()]) && !doc.in_quote(t.start))
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
                .filter(|t| self.is_first_person(w, &text[t.range()]) && !doc.in_quote(t.start))
                .count();
            // Quotations come in paragraph order: a binary search, not a pass over all of
            // them for each paragraph.
            let quotes = doc.quotes();
            let quoted = quotes
                .get(quotes.partition_point(|q| q.block < bi))
                .is_some_and(|q| q.block == bi)
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
            if !words(bt).any(|t| {
                let t = &bt[t.range()];
                listed(&w.speaker_words, t)
            }) {
                continue;
            }
            for s in doc.block(bi).iter().filter(|s| {
                let st = &text[s.span.range()];
                words(st).any(|t| self.is_first_person(w, &st[t.range()]))
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

    /// Whether `word` is a first-person cue ("we", "our"), as the text writes it.
    fn is_first_person(&self, w: &FirstPersonWords, word: &str) -> bool {
        // "US" is the country, not "us"; "i" alone is not the pronoun.
        if listed(&w.not_cues, word) {
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
}

/// The first-person singular words the shared matcher finds for unquoted-quotation
/// (case-insensitively; [`is_first_person_singular`] then takes the cases that count).
pub(super) const SINGULAR: &[&str] = &["i", "me", "my", "myself"];

/// Whether a word is "I", "me", "my" or "myself" as a speaker writes them: lower case or
/// capitalised, not "i" or "ME" ("I’m" is found at its "I").
fn is_first_person_singular(word: &str) -> bool {
    matches!(word, "I" | "me" | "Me" | "my" | "My" | "myself" | "Myself")
}

#[cfg(test)]
mod tests {
    use super::{is_first_person_singular, SINGULAR};

    #[test]
    fn the_gate_takes_the_cases_a_speaker_writes() {
        for yes in ["I", "me", "Me", "my", "My", "myself", "Myself"] {
            assert!(is_first_person_singular(yes), "{yes}");
        }
        // Shouting, a lower-case "i", other words (the matcher finds whole words only:
        // tests/attribution_words.rs checks that end to end).
        for no in ["ME", "MY", "i", "mine", "We", "Mexico", "I’m", ""] {
            assert!(!is_first_person_singular(no), "{no}");
        }
    }

    #[test]
    fn every_word_the_matcher_is_asked_for_can_pass_the_gate() {
        for w in SINGULAR {
            let capital: String = w
                .chars()
                .enumerate()
                .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
                .collect();
            assert!(
                is_first_person_singular(w) || is_first_person_singular(&capital),
                "{w}"
            );
        }
    }
}
