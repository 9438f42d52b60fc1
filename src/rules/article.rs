//! `article`: “a” before a vowel sound and “an” before a consonant sound, by the sound of
//! the next word: word starts listed in the rule override the spelling (an hour, a user).

use super::{Finding, Input, Rule};
use crate::text::span::ProseSpan;
use serde::Deserialize;

/// `[article]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ArticleSpec {
    /// Word starts taking "an" despite a consonant letter.
    #[serde(default)]
    pub an: Vec<String>,
    /// Word starts taking "a" despite a vowel letter.
    #[serde(default)]
    pub a: Vec<String>,
    /// Word starts after which both are fine.
    #[serde(default)]
    pub either: Vec<String>,
}

/// Compiled a/an data.
#[derive(Debug)]
pub struct Article {
    an: Starts,
    a: Starts,
    either: Starts,
}

/// Listed words, lower case: whole words (matched as the word, its plural or its
/// possessive, or the part of a hyphenated word before the hyphen) and word starts (an
/// entry that ends in `*`, or in `-`, matched as the start of a word), the starts
/// bucketed by first byte. Whole words, because a start such as “hiv” would also take
/// “hive”.
#[derive(Debug)]
struct Starts {
    words: std::collections::HashSet<String>,
    starts: Vec<Vec<String>>,
}

impl Starts {
    fn new(list: Vec<String>) -> Self {
        let mut starts = vec![Vec::new(); 256];
        let mut words = std::collections::HashSet::new();
        for s in list {
            let s = s.to_lowercase();
            if let Some(p) = s.strip_suffix('*') {
                if let Some(&b) = p.as_bytes().first() {
                    starts[usize::from(b)].push(p.to_string());
                }
            } else if s.ends_with('-') {
                if let Some(&b) = s.as_bytes().first() {
                    starts[usize::from(b)].push(s);
                }
            } else if !s.is_empty() {
                words.insert(s);
            }
        }
        Starts { words, starts }
    }

    /// How well the list matches `word` (lower case): the length of the longest listed
    /// start of it, or of the whole word when it is listed (as a word, its plural or
    /// possessive, or before a hyphen); 0 for no match.
    fn longest(&self, word: &str) -> usize {
        let Some(&b) = word.as_bytes().first() else {
            return 0;
        };
        let head = word.split('-').next().unwrap_or(word);
        let bare = head
            .strip_suffix("'s")
            .or_else(|| head.strip_suffix("’s"))
            .unwrap_or(head);
        let whole = [
            bare,
            bare.strip_suffix('s').unwrap_or(""),
            bare.strip_suffix("es").unwrap_or(""),
        ]
        .iter()
        .any(|w| !w.is_empty() && self.words.contains(*w));
        let start = self.starts[usize::from(b)]
            .iter()
            .filter(|p| word.starts_with(p.as_str()))
            .map(String::len)
            .max()
            .unwrap_or(0);
        if whole {
            start.max(word.len())
        } else {
            start
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    A,
    An,
    Either,
}

impl Article {
    /// Compiles the spec; word starts are matched case-insensitively.
    pub fn compile(spec: ArticleSpec) -> Self {
        Article {
            an: Starts::new(spec.an),
            a: Starts::new(spec.a),
            either: Starts::new(spec.either),
        }
    }

    fn want(&self, word: &str) -> Want {
        let first = word.chars().next().unwrap_or(' ');
        if first.is_ascii_digit() {
            return want_number(word);
        }
        let head = word.split('-').next().unwrap_or(word);
        if head.chars().count() == 1 && first.is_alphabetic() {
            // A letter said by its name: "an X-ray", "a U-turn". A lone letter ("a x", "plan
            // a") is too often a variable, a label or a foreign word to judge.
            if !word.contains('-') {
                return Want::Either;
            }
            return if "aefhilmnorsxAEFHILMNORSX".contains(first) {
                Want::An
            } else {
                Want::A
            };
        }
        // Initialisms and acronyms (judged by the part before a hyphen: "an HIV-specific
        // test") go by how they are read; see `initialism`.
        // A mixed-case initialism ("RDFa", "PDFs") is read by its leading capitals.
        let lead = head
            .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit()))
            .map_or(head, |i| &head[..i]);
        let caps = lead.len() >= 2 && lead.chars().any(|c| c.is_ascii_uppercase());
        let head = if caps { lead } else { head };
        let mut buf = [0u8; 32];
        let ascii_lower = ascii_lower(word, &mut buf);
        if !caps
            && ascii_lower.is_some_and(|w| {
                matches!(
                    w,
                    "a" | "an"
                        | "the"
                        | "un"
                        | "una"
                        | "unos"
                        | "unas"
                        | "uno"
                        | "el"
                        | "la"
                        | "los"
                        | "las"
                        | "estos"
                        | "estas"
                        | "otras"
                        | "otros"
                        | "estados"
                )
            })
        {
            // "a an", "a the": a mention of the words themselves, or a garble that another
            // rule is better placed to name; "a una", "a Estados": Spanish, where "a" is a
            // preposition.
            return Want::Either;
        }
        if !first.is_alphabetic() || !first.is_ascii() {
            return Want::Either;
        }
        // Most words are ASCII and short: lower-cased on the stack.
        let owned;
        let lower = match ascii_lower {
            Some(w) => w,
            None => {
                owned = word.to_lowercase();
                owned.as_str()
            }
        };
        let (e, n, a) = (
            self.either.longest(lower),
            self.an.longest(lower),
            self.a.longest(lower),
        );
        if e > 0 && e >= n && e >= a {
            return Want::Either;
        }
        if n > 0 && n >= a {
            return Want::An;
        }
        if a > 0 {
            return Want::A;
        }
        if caps {
            return initialism(head);
        }
        if "aeiou".contains(lower.chars().next().unwrap_or(' ')) {
            Want::An
        } else {
            Want::A
        }
    }

    pub(super) fn check(&self, rule: &Rule, input: &Input<'_>, out: &mut Vec<Finding>) {
        let text = &input.prose.text;
        let mut prev: Option<ProseSpan> = None;
        let mut foreign: Option<(usize, bool)> = None;
        for &w in input.words() {
            if let Some(p) = prev.take() {
                let before = out.len();
                self.check_pair(rule, input, p, w, out);
                // Spanish and French use "a" as a preposition: drop findings in blocks
                // not in English. Asked only when there is a finding, because counting a
                // block's function words costs more than all the other checks together.
                if out.len() > before {
                    let skip = match (input.prose.block_of(p.start), foreign) {
                        (Some(b), Some((fb, f))) if fb == b => f,
                        (Some(b), _) => {
                            let f = is_foreign(&text[input.prose.blocks[b].clone()]);
                            foreign = Some((b, f));
                            f
                        }
                        (None, _) => false,
                    };
                    if skip {
                        out.truncate(before);
                    }
                }
            }
            // Byte tests: this runs on every word of every document.
            let is_article = match text.as_bytes().get(w.range()) {
                Some([a]) => a | 0x20 == b'a',
                Some([a, n]) => a | 0x20 == b'a' && n | 0x20 == b'n',
                _ => false,
            };
            if is_article {
                prev = Some(w);
            }
        }
    }

    fn check_pair(
        &self,
        rule: &Rule,
        input: &Input<'_>,
        art: ProseSpan,
        next: ProseSpan,
        out: &mut Vec<Finding>,
    ) {
        let text = &input.prose.text;
        let gap = &text[art.end..next.start];
        if gap != " " {
            return;
        }
        let before = text[..art.start].chars().next_back();
        // An article stands after a space, an opening mark or at the start of a block;
        // "a" glued to anything else ("schedule_a", "U.S.-a", "'a'") is part of a token.
        if before.is_some_and(|c| {
            !(c.is_whitespace() || matches!(c, '(' | '[' | '"' | '“' | '‘' | '—' | '–'))
        }) {
            return;
        }
        let article = &text[art.range()];
        if article == "A" || article == "AN" {
            // A capital A mid-sentence is a label ("Exhibit A", "Type A"); only trust it
            // at the start of a sentence or block.
            let prior = text[..art.start].trim_end_matches([' ', '"', '“', '‘', '(', '*']);
            let sentence_start = prior.is_empty()
                || prior.ends_with(['.', '!', '?', ':', '\n'])
                || prior.ends_with('\u{FFFC}');
            if !sentence_start {
                return;
            }
        }
        let word = &text[next.range()];
        // "An Wang", "An Nam": a capitalised "An" before a capitalised word that is not
        // all capitals is more often a name (a Vietnamese or Korean one) than an article.
        if article == "An"
            && word.starts_with(|c: char| c.is_uppercase())
            && word.chars().skip(1).any(char::is_lowercase)
            && !"AEIOU".contains(word.chars().next().unwrap_or('A'))
        {
            return;
        }
        // "in a in a series", "turn a into an API", "whether a each field": an article
        // before a word that never takes one is a stray or a dropped word, and "an in" would
        // be the wrong fix. Doubled-words and the writer handle those; this rule stays out.
        if ascii_lower(word, &mut [0u8; 32]).is_some_and(takes_no_article) {
            return;
        }
        let want = self.want(word);
        let is_an = article.len() == 2;
        let replacement = match (want, is_an) {
            (Want::A, true) => "a",
            (Want::An, false) => "an",
            _ => return,
        };
        let replacement = if article.chars().all(char::is_uppercase) && article.len() == 2 {
            replacement.to_uppercase()
        } else if article.starts_with(char::is_uppercase) {
            let mut c = replacement.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        } else {
            replacement.to_string()
        };
        let mut f = rule.replace_finding(input, art, vec![replacement.clone()]);
        f.message = rule.render_message(
            &format!("{article} {word}"),
            Some(&format!("{replacement} {word}")),
        );
        out.push(f);
    }
}

/// The article of an initialism or acronym in capitals that the lists do not name, by
/// how it is read. Said letter by letter, it takes "an" when its first letter's name
/// starts with a vowel sound (A, E, F, H, I, L, M, N, O, R, S, X: "an FBI agent", "an
/// NHS trust", "a UN agency", "a BBC report"). Said as a word ("a NATO summit", "an OPEC
/// quota") it goes by its first letter as a word does. The readings differ only for F,
/// H, L, M, N, R, S and X, so only there does the reading matter:
///
/// - no vowel (MVP, NHS, HTML), or a consonant cluster no English word opens or closes
///   with (FBI, NHTSA, NAACP): letters, so "an";
/// - an everyday word of four letters or more in capitals (SWAT): a word, so "a";
/// - anything else (SEC, FAQ, SQL and LOT are said both ways or are emphasis; NIBIB, NIST
///   may be): either, so nothing is reported; the rule's `a` list names the acronyms
///   everyone reads as words (NATO, NASA, FEMA).
fn initialism(head: &str) -> Want {
    let letters: String = head.chars().filter(char::is_ascii_alphabetic).collect();
    let Some(first) = letters.chars().next() else {
        return Want::Either;
    };
    let by_letter = if "AEFHILMNORSX".contains(first) {
        Want::An
    } else {
        Want::A
    };
    if !"FHLMNRSX".contains(first) || head.chars().any(|c| c.is_ascii_digit()) {
        return by_letter;
    }
    let lower = letters.to_ascii_lowercase();
    if !lower.contains(['a', 'e', 'i', 'o', 'u', 'y']) {
        return by_letter;
    }
    if !pronounceable(&lower) {
        return by_letter;
    }
    let everyday = letters.len() >= 4
        && crate::lang::lexicon::lexicon()
            .exact(&lower)
            .is_some_and(|e| e.tier() <= 2);
    if everyday {
        Want::A
    } else {
        Want::Either
    }
}

/// Whether a lower-case string of letters can be read as an English word: it has a vowel,
/// opens with a consonant cluster English words open with, closes with one they close
/// with, and has no run of more than two consonants inside.
fn pronounceable(w: &str) -> bool {
    const ONSETS: &[&str] = &[
        "bl", "br", "ch", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "pl", "pr", "sc", "sh", "sk",
        "sl", "sm", "sn", "sp", "st", "sw", "th", "tr", "tw", "wh", "ph", "str", "spr", "scr",
    ];
    const CODAS: &[&str] = &[
        "ck", "ct", "ft", "ld", "lk", "lm", "lp", "lt", "mp", "nd", "ng", "nk", "nt", "pt", "rd",
        "rk", "rm", "rn", "rp", "rs", "rt", "sh", "sk", "sp", "ss", "st", "th", "ch", "ds", "ts",
        "ps", "ks", "ns", "ms", "ls", "gs", "bs", "ll", "ff", "dd",
    ];
    let vowel = |c: char| "aeiouy".contains(c);
    let runs: Vec<&str> = w.split(vowel).collect();
    if runs.len() < 2 {
        return false;
    }
    let (onset, coda) = (runs[0], runs[runs.len() - 1]);
    let onset_ok = onset.len() <= 1 || ONSETS.contains(&onset);
    let coda_ok = coda.len() <= 1 || CODAS.contains(&coda);
    let inner_ok = runs[1..runs.len() - 1].iter().all(|r| r.len() <= 2);
    onset_ok && coda_ok && inner_ok
}

/// Whether a word (lower case) never follows "a" or "an": prepositions, articles,
/// determiners, pronouns, conjunctions and forms of "be". A `match` on the string, where
/// comparing with each word of a list cost a tenth of this rule's time.
fn takes_no_article(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "in"
            | "into"
            | "on"
            | "onto"
            | "of"
            | "at"
            | "to"
            | "for"
            | "from"
            | "with"
            | "by"
            | "as"
            | "each"
            | "every"
            | "either"
            | "neither"
            | "any"
            | "all"
            | "this"
            | "that"
            | "these"
            | "those"
            | "its"
            | "our"
            | "your"
            | "their"
            | "his"
            | "her"
            | "my"
            | "it"
            | "is"
            | "are"
            | "was"
            | "were"
            | "and"
            | "or"
            | "but"
            | "if"
            | "upon"
            | "unless"
            | "us"
            | "him"
            | "them"
            | "me"
            | "which"
            | "who"
    )
}

/// `word` in ASCII lower case, written to `buf`, if it is ASCII and fits (the case of
/// every word the rule compares with a list; a longer or non-ASCII word matches none of
/// the fixed lists, and is lower-cased in full for the word starts).
fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    let out = buf.get_mut(..word.len())?;
    if !word.is_ascii() {
        return None;
    }
    out.copy_from_slice(word.as_bytes());
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

/// Whether a block reads as Spanish, French or Portuguese rather than English, by counting
/// function words that are frequent in those languages and absent from English.
fn is_foreign(block: &str) -> bool {
    const FOREIGN: &[&str] = &[
        "el", "los", "las", "del", "que", "para", "con", "una", "por", "es", "y", "de", "la", "le",
        "les", "des", "et", "est", "une", "du", "pour", "dans", "os", "da", "em", "não", "o", "al",
        "su", "sus", "como", "más", "esta", "este", "sobre", "nuestro", "usted",
    ];
    const ENGLISH: &[&str] = &[
        "the", "and", "of", "to", "is", "for", "with", "that", "in", "it",
    ];
    let (mut f, mut e) = (0usize, 0usize);
    for w in block
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let lw = w.to_lowercase();
        if FOREIGN.contains(&lw.as_str()) {
            f += 1;
        } else if ENGLISH.contains(&lw.as_str()) {
            e += 1;
        }
    }
    f > e
}

/// "an 8", "an 11", "an 18,000", "an 80-page"; every other number takes "a".
fn want_number(word: &str) -> Want {
    let digits: String = word
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .collect();
    let lead: String = digits.split(',').next().unwrap_or("").to_string();
    if digits.starts_with('8') {
        return Want::An;
    }
    let int_digits = digits.chars().filter(char::is_ascii_digit).count();
    // 11 and 18 are said "eleven", "eighteen": so are 11,000 and 18 million.
    let grouped = digits.contains(',') && lead.len() == 2;
    if (lead == "11" || lead == "18") && (int_digits == 2 || grouped) {
        return Want::An;
    }
    Want::A
}

impl super::RuleKind for Article {
    type Spec = ArticleSpec;
    const NAME: &'static str = "article";

    fn compile(spec: ArticleSpec, _: &super::Compile<'_>) -> Result<Self, crate::error::FileError> {
        Ok(Article::compile(spec))
    }

    fn scans(&self) -> bool {
        true
    }

    fn check(&self, rule: &super::Rule, input: &super::Input<'_>, out: &mut Vec<super::Finding>) {
        Article::check(self, rule, input, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn want(word: &str) -> Want {
        Article::compile(ArticleSpec {
            an: vec!["hour*".into(), "hiv".into()],
            a: vec!["eu*".into(), "one".into()],
            either: vec![],
        })
        .want(word)
    }

    #[test]
    fn listed_words_are_whole_words() {
        assert_eq!(want("hive"), Want::A);
        assert_eq!(want("HIV"), Want::An);
        assert_eq!(want("HIV-specific"), Want::An);
        assert_eq!(want("hourly"), Want::An);
        assert_eq!(want("onerous"), Want::An);
        assert_eq!(want("one"), Want::A);
        assert_eq!(want("European"), Want::A);
    }

    #[test]
    fn initialisms_go_by_how_they_are_read() {
        let an = [
            "FBI", "NHS", "MP", "HTML", "NAACP", "NHTSA", "LGBT", "X-ray", "MSNBC", "OPEC", "IMF",
        ];
        for w in an {
            assert_eq!(want(w), Want::An, "{w}");
        }
        for w in ["M3", "RDFa", "MPs"] {
            assert_eq!(want(w), Want::An, "{w}");
        }
        for w in ["UN", "UNESCO", "SWAT", "BBC", "US", "UK", "CIA", "EU-wide"] {
            assert_eq!(want(w), Want::A, "{w}");
        }
        for w in ["SEC", "FAQ", "LOT", "NIBIB", "NASA"] {
            assert_eq!(want(w), Want::Either, "{w}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(want_number("8"), Want::An);
        assert_eq!(want_number("80"), Want::An);
        assert_eq!(want_number("11"), Want::An);
        assert_eq!(want_number("18,000"), Want::An);
        assert_eq!(want_number("110"), Want::A);
        assert_eq!(want_number("1,800"), Want::A);
        assert_eq!(want_number("7"), Want::A);
    }
}
