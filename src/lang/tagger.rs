//! The tagger: a sentence's words and punctuation as tokens, each with every part of
//! speech the lexicon allows and the one the context makes likely. Rules, not a model:
//! the lexicon lists a word's readings most likely first, and a few contextual rules
//! (a determiner before a noun, a modal before a base verb, `have` before a participle)
//! override that order where the neighbours decide it.

use crate::lang::lexicon::{lexicon, Entry};
use crate::lang::tags::{Tag, TagSet};
use crate::text::span::ProseSpan;

/// A word or punctuation mark of a sentence.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    /// Where it is in the prose.
    pub span: ProseSpan,
    /// The likely part of speech in context.
    pub tag: Tag,
    /// Every part of speech the word may have (for an unknown word, the guessed one).
    pub readings: TagSet,
    /// The lexicon's entry for the word (without a possessive `'s`), if it has one.
    pub entry: Option<Entry>,
    /// Whether the word ends in a possessive `'s` or `’s` that the lookup dropped.
    pub possessive: bool,
    /// Whether some reading is a form of `be` ([`BE`]), `have` ([`HAVE`]) or `do` ([`DO`]).
    pub auxiliary: u8,
}

/// [`Token::auxiliary`]: a form of `be`.
pub const BE: u8 = 1;
/// [`Token::auxiliary`]: a form of `have`.
pub const HAVE: u8 = 2;
/// [`Token::auxiliary`]: a form of `do`.
pub const DO: u8 = 4;

/// Which auxiliaries `entry` is a form of.
fn auxiliary_of(entry: Option<Entry>) -> u8 {
    let Some(e) = entry else { return 0 };
    if !e.tags().meets(TagSet::parse("VB*").unwrap_or_default()) {
        return 0;
    }
    e.readings().fold(0, |acc, (t, l)| {
        if !t.is_verb() {
            return acc;
        }
        acc | match l {
            "be" => BE,
            "have" => HAVE,
            "do" => DO,
            _ => 0,
        }
    })
}

impl Token {
    /// The lemma of the chosen reading (the word itself when unknown), lower-case for
    /// the lexicon's lower-case forms.
    pub fn lemma(&self) -> Option<&'static str> {
        self.entry.map(|e| e.lemma_for(self.tag))
    }

    /// Whether any reading's lemma is `lemma`.
    pub fn has_lemma(&self, lemma: &str) -> bool {
        self.entry.is_some_and(|e| {
            e.form().eq_ignore_ascii_case(lemma) || e.readings().any(|(_, l)| l == lemma)
        })
    }

    /// Whether the token is a word (not punctuation).
    pub fn is_word(&self) -> bool {
        self.tag != Tag::PUNCT && self.tag != Tag::SYM
    }
}

/// The tokens of the sentence at `sentence`, whose words (in order) are `words`.
pub fn tag_sentence(text: &str, sentence: ProseSpan, words: &[ProseSpan]) -> Vec<Token> {
    let mut out = Vec::with_capacity(words.len() + words.len() / 4 + 2);
    let mut pos = sentence.start;
    for (wi, &w) in words.iter().enumerate() {
        punctuation(text, pos, w.start, &mut out);
        out.push(word_token(&text[w.range()], w, wi == 0));
        pos = w.end;
    }
    punctuation(text, pos, sentence.end, &mut out);
    disambiguate(&mut out, text);
    out
}

/// One token per mark of punctuation between `from` and `to`.
fn punctuation(text: &str, from: usize, to: usize, out: &mut Vec<Token>) {
    let Some(gap) = text.get(from..to) else {
        return;
    };
    for (i, c) in gap.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        let tag = if c.is_ascii_punctuation()
            && !matches!(c, '$' | '%' | '&' | '+' | '=' | '#' | '@')
            || matches!(c, '“' | '”' | '‘' | '’' | '—' | '–' | '…')
        {
            Tag::PUNCT
        } else {
            Tag::SYM
        };
        let start = from + i;
        out.push(Token {
            span: ProseSpan::new(start, start + c.len_utf8()),
            tag,
            readings: tag.set(),
            entry: None,
            possessive: false,
            auxiliary: 0,
        });
    }
}

/// A word's token with its lexicon readings (or a guess from its shape).
fn word_token(word: &str, span: ProseSpan, first: bool) -> Token {
    let lex = lexicon();
    // A sentence's first word is capitalised for the sentence, not as a name ("He", not
    // the symbol for helium), when the lexicon has it in lower case too.
    let sentence_case = first
        && word.starts_with(|c: char| c.is_uppercase())
        && !word.chars().skip(1).any(char::is_uppercase);
    let lowered = sentence_case
        .then(|| {
            let mut cs = word.chars();
            let f: String = cs.next().into_iter().flat_map(char::to_lowercase).collect();
            lex.exact(&(f + cs.as_str()))
        })
        .flatten();
    let found = lowered.or_else(|| lex.find(word));
    let (entry, possessive) = match found {
        Some(e) => (Some(e), false),
        None => match strip_possessive(word) {
            Some(base) => (lex.find(base), true),
            None => (None, false),
        },
    };
    let (tag, readings) = match entry {
        Some(e) if !e.tags().is_empty() => {
            // A capitalised word mid-sentence that the lexicon has only in lower case
            // is most likely part of a name.
            let name = !first
                && word.chars().next().is_some_and(char::is_uppercase)
                && e.form().chars().next().is_some_and(char::is_lowercase)
                && !e.tags().meets(CLOSED);
            let first_tag = e.first_tag().unwrap_or(Tag::UNK);
            if name {
                (Tag::NNP, e.tags().with(Tag::NNP))
            } else {
                (first_tag, e.tags())
            }
        }
        _ => {
            let g = guess(word, first);
            (g, g.set())
        }
    };
    Token {
        span,
        tag,
        readings,
        entry,
        possessive,
        auxiliary: auxiliary_of(entry),
    }
}

/// The closed classes: function words, never read as part of a name.
const CLOSED: TagSet = TagSet(
    1 << 14
        | 1 << 15
        | 1 << 16
        | 1 << 17
        | 1 << 18
        | 1 << 19
        | 1 << 20
        | 1 << 21
        | 1 << 22
        | 1 << 23
        | 1 << 24
        | 1 << 25
        | 1 << 26
        | 1 << 29,
);

/// `word` without a possessive ending (`'s`, `’s`, or the apostrophe after a plural).
fn strip_possessive(word: &str) -> Option<&str> {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix("s'").map(|_| &word[..word.len() - 1]))
        .or_else(|| word.strip_suffix("s’").map(|_| &word[..word.len() - 3]))
        .filter(|b| !b.is_empty())
}

/// The likely tag of a word the lexicon does not have, from its shape.
fn guess(word: &str, first: bool) -> Tag {
    if word.chars().any(|c| c.is_ascii_digit()) {
        return Tag::CD;
    }
    let upper = word.chars().next().is_some_and(char::is_uppercase);
    if upper && !first {
        return Tag::NNP;
    }
    let lower = word.to_lowercase();
    let ends = |s: &str| lower.len() > s.len() + 2 && lower.ends_with(s);
    if ends("ly") {
        Tag::RB
    } else if ends("ing") {
        Tag::VBG
    } else if ends("ed") {
        Tag::VBN
    } else if ends("ous")
        || ends("ful")
        || ends("ive")
        || ends("able")
        || ends("ible")
        || ends("ic")
        || ends("al")
    {
        Tag::JJ
    } else if upper {
        Tag::NNP
    } else if ends("s") && !ends("ss") {
        Tag::NNS
    } else {
        Tag::NN
    }
}

/// Whether the token is a form of `have`.
fn is_have(t: &Token) -> bool {
    t.tag.is_verb() && t.auxiliary & HAVE != 0
}

/// Whether the token is a form of `be`.
fn is_be(t: &Token) -> bool {
    t.tag.is_verb() && t.auxiliary & BE != 0
}

/// Picks each ambiguous word's reading from its neighbours, left to right.
fn disambiguate(tokens: &mut [Token], text: &str) {
    let nominal = Tag::NN.set().with(Tag::NNS).with(Tag::JJ);
    for i in 0..tokens.len() {
        let t = tokens[i];
        if t.readings.iter().count() < 2 {
            continue;
        }
        // The previous word, skipping adverbs ("has not been", "will soon go").
        let mut j = i;
        let prev = loop {
            if j == 0 {
                break None;
            }
            j -= 1;
            let p = tokens[j];
            if p.tag == Tag::RB && j + 1 < i + 1 && (is_neg_or_adverb(text, &p)) {
                continue;
            }
            break Some(p);
        };
        let next = tokens.get(i + 1).copied();
        let r = t.readings;
        let pick = match prev {
            Some(p) if matches!(p.tag, Tag::MD | Tag::TO) && r.has(Tag::VB) => Some(Tag::VB),
            Some(p) if is_have(&p) && r.has(Tag::VBN) => Some(Tag::VBN),
            Some(p) if is_be(&p) && r.has(Tag::VBG) => Some(Tag::VBG),
            Some(p) if is_be(&p) && r.has(Tag::VBN) && !r.has(Tag::JJ) => Some(Tag::VBN),
            // After a determiner, a possessive or an adjective, a word read first as a
            // verb is a noun or an adjective ("the run", "their first attempt").
            Some(p)
                if matches!(
                    p.tag,
                    Tag::DT | Tag::PRPS | Tag::CD | Tag::JJ | Tag::JJS | Tag::JJR
                ) || p.possessive =>
            {
                // Forms of `be`, `have` and `do` stay verbs ("the cars are", "its staff
                // have"): their noun readings (the unit of area) are rare.
                let auxiliary = t.auxiliary != 0;
                let verb_first = !auxiliary
                    && t.entry
                        .and_then(|e| e.first_tag())
                        .is_some_and(Tag::is_verb);
                let next_nominal = next.is_some_and(|n| {
                    n.entry
                        .and_then(|e| e.first_tag())
                        .is_some_and(|f| matches!(f, Tag::NN | Tag::NNS | Tag::NNP))
                });
                let closed = t
                    .entry
                    .and_then(|e| e.first_tag())
                    .is_some_and(|f| CLOSED.has(f));
                if auxiliary || closed {
                    None
                } else if r.has(Tag::JJ) && next_nominal {
                    Some(Tag::JJ)
                } else if !verb_first {
                    None
                } else if r.has(Tag::NN) {
                    Some(Tag::NN)
                } else if r.has(Tag::NNS) {
                    Some(Tag::NNS)
                } else if r.meets(nominal) {
                    Some(Tag::JJ)
                } else {
                    None
                }
            }
            Some(p) if matches!(p.tag, Tag::PRP | Tag::WP | Tag::WDT | Tag::EX) => {
                [Tag::VBD, Tag::VBZ, Tag::VB, Tag::MD]
                    .into_iter()
                    .find(|v| r.has(*v))
            }
            _ => None,
        };
        if let Some(tag) = pick {
            tokens[i].tag = tag;
        }
    }
}

/// Whether `p` is `not` or an adverb that sits between an auxiliary and its verb.
fn is_neg_or_adverb(text: &str, p: &Token) -> bool {
    let w = &text[p.span.range()];
    w.eq_ignore_ascii_case("not")
        || w.eq_ignore_ascii_case("n't")
        || (w.len() > 4 && w.ends_with("ly"))
        || [
            "also", "never", "already", "just", "still", "always", "often", "ever", "even", "soon",
        ]
        .iter()
        .any(|a| w.eq_ignore_ascii_case(a))
}

/// A document's sentences, each tagged on first use: most sentences hold none of the
/// words a pattern rule starts from, and tagging is a lexicon lookup per word.
#[derive(Debug, Default)]
pub struct SentenceTags {
    /// The sentences' spans, in order.
    pub spans: Vec<ProseSpan>,
    cells: Vec<std::cell::OnceCell<Vec<Token>>>,
}

impl SentenceTags {
    /// Sentences at `spans` (in order), none tagged yet.
    pub fn new(spans: Vec<ProseSpan>) -> Self {
        let cells = spans.iter().map(|_| std::cell::OnceCell::new()).collect();
        SentenceTags { spans, cells }
    }

    /// The index of the sentence that holds prose offset `at`.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.spans.partition_point(|s| s.end <= at);
        self.spans.get(i).filter(|s| s.start <= at).map(|_| i)
    }

    /// The tokens of sentence `i`, tagged now if not yet; `words` are the words of the
    /// whole text, in order.
    pub fn tokens(&self, i: usize, text: &str, words: &[ProseSpan]) -> &[Token] {
        let (Some(cell), Some(&span)) = (self.cells.get(i), self.spans.get(i)) else {
            return &[];
        };
        cell.get_or_init(|| {
            let lo = words.partition_point(|w| w.start < span.start);
            let n = words[lo..].partition_point(|w| w.end <= span.end);
            tag_sentence(text, span, &words[lo..lo + n])
        })
    }

    /// The tokens of sentence `i` if it has been tagged.
    pub fn tagged(&self, i: usize) -> Option<&[Token]> {
        self.cells.get(i).and_then(|c| c.get()).map(Vec::as_slice)
    }
}
