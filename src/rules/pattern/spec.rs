//! The `[pattern]` table as rule files write it: sequences of token tests.
//!
//! ```toml
//! [[pattern.match]]
//! tokens = [{ word = "its", mark = true }, { tag = ["DT", "VBN", "VBG"] }]
//! suggest = ["it's"]
//!
//! [[pattern.except]]
//! tokens = [{ word = "its" }, { word = "own" }]
//! ```

use serde::Deserialize;

/// One string or a list of them.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// A single value.
    One(String),
    /// Several values: any of them.
    Many(Vec<String>),
}

impl OneOrMany {
    /// The values.
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// The `[pattern]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternSpec {
    /// Sequences that report a finding (`[[pattern.match]]`).
    #[serde(rename = "match")]
    pub matches: Vec<SequenceSpec>,
    /// Sequences that, where they match over a finding's reported tokens, cancel it
    /// (`[[pattern.except]]`).
    #[serde(default, rename = "except")]
    pub excepts: Vec<SequenceSpec>,
}

/// One sequence of token tests.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SequenceSpec {
    /// The tokens, in order.
    pub tokens: Vec<TokenSpec>,
    /// Replacements for the reported tokens, best first; `{2}` is the text of the
    /// sequence's second token, `{2:lower}` it in lower case, `{2:as(rein)}` the word
    /// `rein` in the form of the second token (`reigned` gives `reined`), `{2:plural}`
    /// the plural of its noun, `{2:replace(a,e)}` it with its first `a` made `e`.
    #[serde(default)]
    pub suggest: Vec<String>,
    /// A message for this sequence instead of the rule's.
    pub message: Option<String>,
}

/// The tests on one token; a token passes when it passes every test given.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TokenSpec {
    /// The word, any case (curly and straight apostrophes alike), or any of a list.
    pub word: Option<OneOrMany>,
    /// Not this word (or any of these).
    pub not_word: Option<OneOrMany>,
    /// A lemma of any of the word's readings (`went` has the lemma `go`).
    pub lemma: Option<OneOrMany>,
    /// Not a word with this lemma.
    pub not_lemma: Option<OneOrMany>,
    /// The part of speech the tagger chose (`NN`, `VB*` ...).
    pub tag: Option<OneOrMany>,
    /// Not this chosen part of speech.
    pub not_tag: Option<OneOrMany>,
    /// A part of speech the word may have in some reading.
    pub may_be: Option<OneOrMany>,
    /// No reading of the word has this part of speech.
    pub not_may_be: Option<OneOrMany>,
    /// The word's most likely reading out of context (the lexicon's first) is this
    /// part of speech: `first = ["NNS"]` takes “homes” (a verb only now and then).
    pub first: Option<OneOrMany>,
    /// A regex the whole token must match.
    pub regex: Option<String>,
    /// `lower`, `upper` (all capitals) or `title` (first letter a capital).
    pub case: Option<String>,
    /// Whether the word is a possessive (`year's`, `companies'`).
    pub possessive: Option<bool>,
    /// Whether the word is in the dictionary.
    pub known: Option<bool>,
    /// The token may be absent.
    #[serde(default)]
    pub optional: bool,
    /// Up to this many tokens may come between this token and the next.
    #[serde(default)]
    pub skip: u8,
    /// The token is part of the reported span (default: every token is).
    #[serde(default)]
    pub mark: bool,
    /// The token is the first word of its sentence.
    #[serde(default)]
    pub start: bool,
    /// The token is the last word of its sentence (only punctuation follows).
    #[serde(default)]
    pub end: bool,
}
