//! One token test, compiled: the word, lemma, part-of-speech, shape and position tests a
//! rule file gives for one token of a sequence.

use super::spec::{OneOrMany, TokenSpec};
use crate::lang::tagger::Token;
use crate::lang::tags::TagSet;

/// How a token's letters must be cased.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// No capital letters.
    Lower,
    /// Every letter a capital (two or more letters).
    Upper,
    /// The first letter a capital.
    Title,
}

/// A compiled token test.
#[derive(Debug, Default)]
pub struct TokenTest {
    /// Lower-case words with straight apostrophes; empty: any word.
    pub words: Vec<String>,
    not_words: Vec<String>,
    lemmas: Vec<String>,
    not_lemmas: Vec<String>,
    tag: Option<TagSet>,
    not_tag: Option<TagSet>,
    may_be: Option<TagSet>,
    not_may_be: Option<TagSet>,
    first: Option<TagSet>,
    regex: Option<regex::Regex>,
    case: Option<Case>,
    possessive: Option<bool>,
    known: Option<bool>,
    /// The token may be absent.
    pub optional: bool,
    /// Up to this many tokens may follow before the next test's token.
    pub skip: usize,
    /// Part of the reported span.
    pub mark: bool,
    start: bool,
    end: bool,
}

/// A word as the tests compare it: lower case, straight apostrophes.
pub fn fold(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

/// [`fold`] into `buf` without allocating, for an ASCII word (a curly apostrophe is
/// allowed) that fits; `None` otherwise.
fn fold_ascii<'b>(word: &str, buf: &'b mut [u8; 48]) -> Option<&'b str> {
    let mut n = 0;
    for c in word.chars() {
        let b = match c {
            '’' => b'\'',
            c if c.is_ascii() => (c as u8).to_ascii_lowercase(),
            _ => return None,
        };
        *buf.get_mut(n)? = b;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

fn folded(v: Option<OneOrMany>) -> Vec<String> {
    v.map(OneOrMany::into_vec)
        .unwrap_or_default()
        .iter()
        .map(|w| fold(w))
        .collect()
}

fn tags(v: Option<OneOrMany>) -> Result<Option<TagSet>, String> {
    let Some(v) = v else { return Ok(None) };
    let mut set = TagSet::EMPTY;
    for name in v.into_vec() {
        set = set.union(TagSet::parse(&name).ok_or_else(|| {
            format!("unknown part-of-speech tag `{name}` (see rules/README.md for the tags)")
        })?);
    }
    Ok(Some(set))
}

impl TokenTest {
    /// Compiles one token's tests; the error names what is wrong.
    pub fn compile(spec: TokenSpec) -> Result<TokenTest, String> {
        let case = match spec.case.as_deref() {
            None => None,
            Some("lower") => Some(Case::Lower),
            Some("upper") => Some(Case::Upper),
            Some("title") => Some(Case::Title),
            Some(other) => {
                return Err(format!(
                    "case `{other}` is not one of `lower`, `upper`, `title`"
                ))
            }
        };
        let regex = match spec.regex {
            Some(r) => {
                let anchored = format!("^(?:{r})$");
                crate::rules::regex_budget(&anchored, false)?;
                Some(
                    regex::RegexBuilder::new(&anchored)
                        .size_limit(1 << 20)
                        .build()
                        .map_err(|e| crate::rules::regex_error(&r, &e))?,
                )
            }
            None => None,
        };
        Ok(TokenTest {
            words: folded(spec.word),
            not_words: folded(spec.not_word),
            lemmas: folded(spec.lemma),
            not_lemmas: folded(spec.not_lemma),
            tag: tags(spec.tag)?,
            not_tag: tags(spec.not_tag)?,
            may_be: tags(spec.may_be)?,
            not_may_be: tags(spec.not_may_be)?,
            first: tags(spec.first)?,
            regex,
            case,
            possessive: spec.possessive,
            known: spec.known,
            optional: spec.optional,
            skip: usize::from(spec.skip),
            mark: spec.mark,
            start: spec.start,
            end: spec.end,
        })
    }

    /// Whether token `i` of `sentence` passes.
    pub fn passes(&self, text: &str, sentence: &[Token], i: usize) -> bool {
        let Some(t) = sentence.get(i) else {
            return false;
        };
        let raw = &text[t.span.range()];
        // The cheap tests first: most tokens fail on their part of speech or case.
        if self.tag.is_some_and(|s| !s.has(t.tag)) || self.not_tag.is_some_and(|s| s.has(t.tag)) {
            return false;
        }
        if self.may_be.is_some_and(|s| !s.meets(t.readings))
            || self.not_may_be.is_some_and(|s| s.meets(t.readings))
        {
            return false;
        }
        let needs_fold = !self.words.is_empty()
            || !self.not_words.is_empty()
            || !self.lemmas.is_empty()
            || !self.not_lemmas.is_empty();
        let mut buf = [0u8; 48];
        let owned;
        let word: &str = if !needs_fold {
            ""
        } else if let Some(w) = fold_ascii(raw, &mut buf) {
            w
        } else {
            owned = fold(raw);
            &owned
        };
        if !self.words.is_empty() && !self.words.iter().any(|w| w == word) {
            return false;
        }
        if self.not_words.iter().any(|w| w == word) {
            return false;
        }
        let has_lemma = |ls: &[String]| ls.iter().any(|l| *l == word || t.has_lemma(l));
        if !self.lemmas.is_empty() && !has_lemma(&self.lemmas) {
            return false;
        }
        if !self.not_lemmas.is_empty() && has_lemma(&self.not_lemmas) {
            return false;
        }
        if let Some(f) = self.first {
            let likely = t.entry.and_then(|e| e.first_tag()).unwrap_or(t.tag);
            if !f.has(likely) {
                return false;
            }
        }
        if self.possessive.is_some_and(|p| p != t.possessive)
            || self.known.is_some_and(|k| k != t.entry.is_some())
        {
            return false;
        }
        if let Some(c) = self.case {
            let mut letters = raw.chars().filter(|c| c.is_alphabetic());
            let ok = match c {
                Case::Lower => !raw.chars().any(char::is_uppercase),
                Case::Title => letters.next().is_some_and(char::is_uppercase),
                Case::Upper => {
                    raw.chars().filter(|c| c.is_alphabetic()).count() > 1
                        && letters.all(char::is_uppercase)
                }
            };
            if !ok {
                return false;
            }
        }
        if self.regex.as_ref().is_some_and(|r| !r.is_match(raw)) {
            return false;
        }
        if self.start && sentence[..i].iter().any(Token::is_word) {
            return false;
        }
        if self.end && sentence[i + 1..].iter().any(Token::is_word) {
            return false;
        }
        true
    }
}
