//! One sentence's tokens for the claim structures: lower-case text and the small tests
//! the structures ask of a token (adverb, quotation mark, clause end, name, modifier).

use crate::lang::tagger::Token;
use crate::lang::tags::Tag;
use crate::text::span::ProseSpan;

/// A sentence's tokens with their lower-case text.
pub(super) struct Sentence<'a> {
    text: &'a str,
    pub(super) toks: &'a [Token],
    low: Vec<String>,
}

impl<'a> Sentence<'a> {
    pub(super) fn new(text: &'a str, toks: &'a [Token]) -> Self {
        let low = toks
            .iter()
            .map(|t| text[t.span.range()].to_lowercase())
            .collect();
        Sentence { text, toks, low }
    }

    pub(super) fn len(&self) -> usize {
        self.toks.len()
    }

    /// Token `i` in lower case ("" past the end).
    pub(super) fn low(&self, i: usize) -> &str {
        self.low.get(i).map_or("", String::as_str)
    }

    /// The prose span from token `a` to token `b`, both included.
    pub(super) fn span(&self, a: usize, b: usize) -> ProseSpan {
        ProseSpan::new(self.toks[a].span.start, self.toks[b].span.end)
    }

    /// Token `i` as written.
    pub(super) fn raw(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &self.text[t.span.range()])
    }

    /// Whether token `i` can be an adverb ("still", which the tagger may read as an
    /// adjective, is stepped over all the same).
    pub(super) fn is_adverb(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| {
            matches!(t.tag, Tag::RB | Tag::RBR | Tag::RBS) || t.readings.has(Tag::RB)
        })
    }

    /// Whether token `i` is an opening or closing quotation mark.
    pub(super) fn quote_at(&self, i: usize) -> bool {
        matches!(
            self.raw(i),
            "\"" | "“" | "”" | "‘" | "’" | "'" | "«" | "»" | "`"
        )
    }

    /// Whether token `i` is punctuation that ends a clause.
    pub(super) fn clause_end(&self, i: usize) -> bool {
        matches!(
            self.raw(i),
            "," | ";" | ":" | "(" | ")" | "." | "!" | "?" | "—" | "–"
        )
    }

    /// Whether token `i` is a capitalised word inside the sentence (a name), or a
    /// capitalised word at its start that the lexicon does not know in lower case.
    pub(super) fn is_name(&self, i: usize) -> bool {
        let raw = self.raw(i);
        if !raw.starts_with(char::is_uppercase) {
            return false;
        }
        i > 0 || self.toks[i].tag == Tag::NNP || self.toks[i].entry.is_none()
    }

    /// Whether token `i` can modify a noun: an adjective, a noun, a participle, or a
    /// capitalised first word that is one of those in lower case ("Art historians").
    pub(super) fn is_modifier(&self, i: usize) -> bool {
        let t = &self.toks[i];
        matches!(
            t.tag,
            Tag::JJ | Tag::JJR | Tag::NN | Tag::NNS | Tag::VBN | Tag::VBG
        )
    }

    /// A lower-case modifier (between "by" and a group noun).
    pub(super) fn is_lower_modifier(&self, i: usize) -> bool {
        self.raw(i).starts_with(char::is_lowercase) && self.is_modifier(i)
    }
}
