//! unattributed-quote: quotation marks that hold no one's speech (titles, mentions of
//! words, cited passages, model phrases in advice to the reader).

use super::doc::{tail_from_space, Doc};
use super::phrases::listed;
use super::quote::QuoteWords;
use super::Attribution;
use crate::text::prose::Quotation;
use crate::text::tokens::words;

/// Whether `bytes` hold "you" in any case (a necessary condition for a `reader-words`
/// entry, when they all hold it).
fn has_you(bytes: &[u8]) -> bool {
    memchr::memchr2_iter(b'y', b'Y', bytes).any(|i| {
        bytes
            .get(i + 1..i + 3)
            .is_some_and(|r| r.eq_ignore_ascii_case(b"ou"))
    })
}

impl Attribution {
    /// Quotation marks that do not hold someone's speech: short or title-case text, marks
    /// that pair wrongly, mentions of words ("the phrase “…”", "click “…”", "an “…”
    /// event"), link titles and cited passages, model phrases in advice to the reader.
    pub(super) fn not_speech(
        &self,
        w: &QuoteWords,
        doc: &Doc<'_>,
        q: &Quotation,
        lead: &str,
        after: &str,
        memo: &mut QuoteMemo,
    ) -> bool {
        let input = doc.input();
        let text = &input.prose.text;
        let inner = &text[q.inner.clone()];
        if q.continued
            || words(inner).take(self.min_words).count() < self.min_words
            || is_title_case(inner, &w.title_small_words)
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
        // The words right before the quotation are all the tests below read of its
        // clause, which may be long: only its end is lower-cased.
        let lower = tail_from_space(lead, CLAUSE_TAIL).to_lowercase();
        let bare = lower.trim_end_matches([',', ':']).trim_end();
        let list = w
            .conjunctions
            .iter()
            .find_map(|c| bare.strip_suffix(c.as_str()))
            .unwrap_or(bare)
            .trim_end_matches(',');
        if stray || list.ends_with(['”', '"']) || lead.ends_with(['\u{FFFC}', '=', '(', ')']) {
            return true;
        }
        if w.mentions.iter().any(|m| ends_with_word(bare, m))
            || bare.split_whitespace().rev().take(6).any(|t| {
                let t = t.trim_matches(|c: char| !c.is_alphanumeric());
                let singular = t.strip_suffix('s').unwrap_or(t);
                w.mention_words
                    .iter()
                    .any(|m| m == t || (m == singular && !singular.is_empty()))
            })
        {
            return true;
        }
        // A link on the quotation, or right after it, or before it in its clause, cites
        // where the words come from; so does a link opening the next paragraph.
        let clause_start = q.span.start - lead.len();
        // "[Source page](<https://…" that the parser left as text is a citation too.
        let unparsed_link = after.trim_start().starts_with('[')
            && memo.unparsed_link_after(text, block, q.span.end);
        // A link that cites the quotation follows it within a few words ("— via"): links
        // further on are not looked at, so a paragraph of many quotations and links is
        // not read once for each quotation.
        let reach = (q.span.end + LINK_REACH).min(block.end);
        let cited = unparsed_link
            || doc.overlaps_link(q.span)
            || doc.links_starting(q.span.end, reach).iter().any(|l| {
                strip_leading(
                    text[q.span.end..l.start].trim_matches(|c: char| {
                        c.is_whitespace() || matches!(c, '—' | '–' | '-' | ',' | '(' | '.')
                    }),
                    &w.citation_words,
                )
                .trim()
                .is_empty()
            })
            || doc.link_within(clause_start, q.span.start)
            || input.prose.blocks.get(q.block + 1).is_some_and(|b| {
                let t = text[b.clone()].trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, '—' | '–' | '-' | '(')
                });
                let at = b.end - t.len();
                after.trim().is_empty() && !doc.links_starting(at, at).is_empty()
            });
        if cited {
            return true;
        }
        // “There’s an app for that.” … this trademarked slogan: a set phrase, named as one
        // in the sentences around it.
        if !w.set_phrases.is_empty() {
            if let Some(at) = doc.locate(q.span.start) {
                let named = doc.around(at, at, 1, 2).any(|s| {
                    *memo.set_phrase.entry(s.span.start).or_insert_with(|| {
                        let l = doc.span_lower_unquoted(s.span);
                        l.split(|c: char| !c.is_alphanumeric()).any(|t| {
                            let singular = t.strip_suffix('s').unwrap_or(t);
                            w.set_phrases.iter().any(|p| p == t || p == singular)
                        })
                    })
                });
                if named {
                    return true;
                }
            }
        }
        // Advice to the reader ("you", "your") quotes model phrases, not sources: a
        // reader word outside every quotation of the paragraph (this one among them), the
        // same answer for each quotation of the paragraph.
        if w.reader_words.is_empty() {
            return false;
        }
        if let Some((b, v)) = memo.reader {
            if b == q.block {
                return v;
            }
        }
        let para = &text[block.clone()];
        // Most paragraphs have no "you" at all: when every reader word holds it, a byte
        // scan rules them out before the word-by-word check.
        let v = (!w.reader_words_hold_you || has_you(para.as_bytes()))
            && words(para).any(|t| {
                let abs = block.start + t.start;
                let word = &para[t.range()];
                let second_person = w.reader_words.iter().any(|r| r.eq_ignore_ascii_case(word));
                second_person && !doc.in_quote(abs)
            });
        memo.reader = Some((q.block, v));
        v
    }
}

/// How far after a quotation a link can start and still cite it, in bytes: what stands
/// between them is punctuation and citation words ("— via").
const LINK_REACH: usize = 400;

/// How much of the end of a clause the mention tests read, in bytes (from a space on):
/// they look at its last six words and the phrases it ends with.
const CLAUSE_TAIL: usize = 400;

/// What the quotations of a paragraph share, worked out once for the first that asks
/// and kept for the others (a paragraph of many quotations was read once for each).
#[derive(Default)]
pub(super) struct QuoteMemo {
    /// The clause of each quotation: see [`Clauses`].
    pub(super) clauses: Clauses,
    /// The paragraph last asked about, and whether a reader word stands in it outside
    /// quotation marks.
    reader: Option<(usize, bool)>,
    /// The paragraph last asked about, and where the last "](" in it starts.
    unparsed: Option<(usize, Option<usize>)>,
    /// The paragraph last asked about, and the index of its first sentence that opens
    /// with a name (see `named_subject`).
    pub(super) named: Option<(usize, Option<usize>)>,
    /// The paragraph last asked about, where its last double quotation mark stands, and
    /// whether a byline follows that mark.
    pub(super) last_mark: Option<(usize, Option<usize>, bool)>,
    /// By sentence start: whether the sentence names a set phrase.
    set_phrase: std::collections::HashMap<usize, bool>,
    /// By sentence start: whether the sentence holds a source word outside quotation
    /// marks.
    pub(super) sourced: std::collections::HashMap<usize, bool>,
}

impl QuoteMemo {
    /// Whether "](" stands in `text` between `from` and the end of paragraph `block`.
    fn unparsed_link_after(
        &mut self,
        text: &str,
        block: &std::ops::Range<usize>,
        from: usize,
    ) -> bool {
        let last = match self.unparsed {
            Some((start, last)) if start == block.start => last,
            _ => {
                let last = text[block.clone()].rfind("](").map(|i| block.start + i);
                self.unparsed = Some((block.start, last));
                last
            }
        };
        last.is_some_and(|i| i >= from)
    }
}

/// The clause each quotation of a paragraph belongs to (what follows the last sentence
/// end before it, as [`clause_before`] finds it), read forward once per paragraph: the
/// quotations of a paragraph come in order, and searching back from each one to the last
/// full stop read a paragraph without one once for each of its quotations.
#[derive(Default)]
pub(super) struct Clauses {
    /// The paragraph's start.
    start: usize,
    /// Where reading has got to: every stop before it has been judged.
    read: usize,
    /// The last stop followed by a space or line break, before `read`.
    last_end: Option<usize>,
}

impl Clauses {
    /// The clause of a quotation whose paragraph starts at `start` and whose lead (the
    /// paragraph up to it, trailing whitespace trimmed) ends at `lead_end`.
    pub(super) fn clause<'t>(&mut self, text: &'t str, start: usize, lead_end: usize) -> &'t str {
        if self.start != start || lead_end < self.read || self.read < start {
            *self = Clauses {
                start,
                read: start,
                last_end: None,
            };
        }
        let b = text.as_bytes();
        // A stop is judged by the byte after it once that byte is in the lead; the last
        // byte of the lead ends a sentence if it is a stop.
        let upto = lead_end.saturating_sub(1).max(self.read);
        for i in memchr::memchr3_iter(b'.', b'!', b'?', &b[self.read..upto]) {
            let i = self.read + i;
            if matches!(b[i + 1], b' ' | b'\n') {
                self.last_end = Some(i);
            }
        }
        self.read = upto;
        if lead_end > start && matches!(b[lead_end - 1], b'.' | b'!' | b'?') {
            return "";
        }
        match self.last_end {
            Some(i) => text[i + 1..lead_end].trim_start(),
            None => &text[start..lead_end],
        }
    }
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

/// `s` without any leading run of `words` ("via via x" -> " x"); matched as written.
fn strip_leading<'a>(mut s: &'a str, words: &[String]) -> &'a str {
    while let Some(rest) = words
        .iter()
        .filter(|w| !w.is_empty())
        .find_map(|w| s.strip_prefix(w.as_str()))
    {
        s = rest;
    }
    s
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
/// allowed its small words, `small`, lower case).
fn is_title_case(s: &str, small: &[String]) -> bool {
    let mut any = false;
    for w in s.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        any = true;
        if !w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) && !listed(small, w) {
            return false;
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::{has_you, Clauses};

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
            assert_eq!(clause_before(lead), clause, "{lead:?}");
        }
    }

    #[test]
    fn clauses_read_forward_are_the_clauses_found_back() {
        let text = "Why? She said!\nThen he said. A 3.5% rise.\tU.S. officials said… Done. x. ";
        for start in [0, 5, 16] {
            let mut clauses = Clauses::default();
            for end in start..=text.len() {
                if !text.is_char_boundary(end) {
                    continue;
                }
                let lead = text[start..end].trim_end();
                let got = clauses.clause(text, start, start + lead.len());
                assert_eq!(got, clause_before(lead), "{start}..{end}");
            }
        }
    }
}
