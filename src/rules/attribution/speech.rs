//! unattributed-quote: quotation marks that hold no one's speech (titles, mentions of
//! words, cited passages, model phrases in advice to the reader).

use super::doc::Doc;
use super::phrases::listed;
use super::quote::QuoteWords;
use super::{Attribution, Input};
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
        input: &Input<'_>,
        doc: &Doc<'_>,
        q: &Quotation,
        lead_full: &str,
        after: &str,
    ) -> bool {
        let text = &input.prose.text;
        let inner = &text[q.inner.clone()];
        let lead = clause_before(lead_full);
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
        let lower = lead.to_lowercase();
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
        let links = &input.prose.links;
        let clause_start = q.span.start - lead.len();
        // "[Source page](<https://…" that the parser left as text is a citation too.
        let unparsed_link = after.trim_start().starts_with('[') && after.contains("](");
        let cited = unparsed_link
            || links.iter().any(|l| {
                (l.start < q.span.end && q.span.start < l.end)
                    || (l.start >= q.span.end
                        && l.start <= block.end
                        && strip_leading(
                            text[q.span.end..l.start].trim_matches(|c: char| {
                                c.is_whitespace() || matches!(c, '—' | '–' | '-' | ',' | '(' | '.')
                            }),
                            &w.citation_words,
                        )
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
        if !w.set_phrases.is_empty() {
            if let Some(at) = doc.locate(q.span.start) {
                let named = doc.around(at, at, 1, 2).any(|s| {
                    let l = doc.span_lower_unquoted(s.span);
                    l.split(|c: char| !c.is_alphanumeric()).any(|t| {
                        let singular = t.strip_suffix('s').unwrap_or(t);
                        w.set_phrases.iter().any(|p| p == t || p == singular)
                    })
                });
                if named {
                    return true;
                }
            }
        }
        // Advice to the reader ("you", "your") quotes model phrases, not sources.
        let para = &text[block.clone()];
        // Most paragraphs have no "you" at all: when every reader word holds it, a byte
        // scan rules them out before the word-by-word check.
        if w.reader_words.is_empty() || (w.reader_words_hold_you && !has_you(para.as_bytes())) {
            return false;
        }
        words(para).any(|t| {
            let abs = block.start + t.start;
            let word = &para[t.range()];
            let second_person = w.reader_words.iter().any(|r| r.eq_ignore_ascii_case(word));
            second_person && (abs < q.span.start || abs >= q.span.end) && !doc.in_quote(abs)
        })
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
    use super::{clause_before, has_you};

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
}
