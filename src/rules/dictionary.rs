//! `dictionary`: words that are not in the dictionary of the project's dialect and are
//! one edit away from a word that is. Precision first: a word is reported only when a
//! dictionary word is that close (a name or a term the dictionary lacks seldom is), it
//! is in lower case or opens a sentence, it has no digits, inner capitals or letters
//! outside ASCII, it is not in code, a URL, a handle or quotation marks as a coinage,
//! and the document does not use it again and again (a deliberate term).

use super::{adapt_case, Compile, Finding, Input, Rule, RuleKind};
use crate::error::FileError;
use crate::lang::spell;
use crate::text::span::ProseSpan;
use serde::Deserialize;
use std::collections::HashMap;

/// `[dictionary]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DictionarySpec {
    /// Shorter words are not checked.
    #[serde(default = "default_min_length")]
    pub min_length: usize,
    /// A word the document uses more often than this is taken as deliberate.
    #[serde(default = "default_max_repeats")]
    pub max_repeats: usize,
    /// Suggestions per finding.
    #[serde(default = "default_suggestions")]
    pub suggestions: usize,
}

fn default_min_length() -> usize {
    3
}
fn default_max_repeats() -> usize {
    2
}
fn default_suggestions() -> usize {
    3
}

/// Function words of Spanish, French, German, Portuguese and Italian that are not
/// English words: two in a paragraph mark it as another language.
const FOREIGN: [&str; 44] = [
    "el", "los", "las", "que", "del", "por", "para", "una", "y", "su", "sus", "como", "pero",
    "este", "esta", "entre", "sobre", "les", "des", "et", "une", "pour", "dans", "qui", "pas",
    "aux", "du", "der", "und", "ist", "ein", "eine", "nicht", "mit", "das", "zu", "von", "uma",
    "em", "della", "che", "il", "di", "de",
];

/// The kind's name.
pub const NAME: &str = "dictionary";

/// Longer words are not checked: no English word in running prose is this long, and
/// the corrections of a word cost time in proportion to the square of its length.
const MAX_LENGTH: usize = 40;

/// The highest correction cost ([`spell::Correction`]) reported for a capitalised word:
/// a swap or a doubling into a word of the two commoner tiers.
const CAPITAL_COST: u32 = 23;

/// Compiled `[dictionary]` settings.
#[derive(Debug)]
pub struct Dictionary {
    min_length: usize,
    max_repeats: usize,
    suggestions: usize,
}

impl RuleKind for Dictionary {
    type Spec = DictionarySpec;
    const NAME: &'static str = NAME;

    fn compile(spec: DictionarySpec, ctx: &Compile<'_>) -> Result<Self, FileError> {
        if spec.suggestions == 0 {
            return Err((ctx.err)(
                "suggestions",
                "suggestions must be at least 1".into(),
            ));
        }
        Ok(Dictionary {
            min_length: spec.min_length.max(2),
            max_repeats: spec.max_repeats.max(1),
            suggestions: spec.suggestions,
        })
    }

    fn scans(&self) -> bool {
        true
    }

    fn check(&self, rule: &Rule, input: &Input<'_>, out: &mut Vec<Finding>) {
        let text = &input.prose.text;
        let bits = input.dialects;
        // Candidates first (cheap tests and one lookup per word), counted per document.
        let mut candidates: Vec<(ProseSpan, bool)> = Vec::new();
        let mut counts: HashMap<String, usize> = HashMap::new();
        // Per block: its words and its unknown words. A paragraph with many words the
        // dictionary lacks is in another language or a jargon; its unknown words are not
        // errors.
        let blocks = &input.prose.blocks;
        let mut per_block: Vec<(usize, usize)> = vec![(0, 0); blocks.len()];
        let block_of = |at: usize| blocks.partition_point(|b| b.end <= at);
        let tagged = input.tagged.get();
        let mut si = 0;
        // Words are in order, so their blocks are found by stepping, not searching.
        let mut bi = 0;
        for &w in input.words() {
            while blocks.get(bi).is_some_and(|b| b.end <= w.start) {
                bi += 1;
            }
            if let Some(b) = per_block.get_mut(bi) {
                b.0 += 1;
            }
            let word = &text[w.range()];
            if word.len() < self.min_length
                || word.len() > MAX_LENGTH
                || !plain_word(word)
                || in_markup(text, w)
            {
                continue;
            }
            let capital = word.starts_with(|c: char| c.is_ascii_uppercase());
            if capital && !opens_sentence(text, w.start) {
                continue;
            }
            // The tagger has looked the word up already where a pattern rule ran.
            if let Some(tg) = tagged {
                while tg.spans.get(si).is_some_and(|s| s.end <= w.start) {
                    si += 1;
                }
                if let Some(tokens) = tg.tagged(si) {
                    let k = tokens.partition_point(|t| t.span.start < w.start);
                    let entry = tokens.get(k).filter(|t| t.span == w).and_then(|t| t.entry);
                    if entry.is_some_and(|e| e.dialects() & bits != 0) {
                        continue;
                    }
                }
            }
            if spell::known(word, bits)
                || acronym_in_lower_case(word)
                || brand_spelling(word)
                || split_by_markup(input, w)
            {
                continue;
            }
            *counts.entry(word.to_ascii_lowercase()).or_default() += 1;
            if let Some(b) = per_block.get_mut(bi) {
                b.1 += 1;
            }
            candidates.push((w, capital));
        }
        // Words of other languages count too, in the blocks that have a candidate only:
        // accented words (never checked) and function words of other languages.
        let words = input.words();
        let mut counted: Vec<bool> = vec![false; blocks.len()];
        for &(w, _) in &candidates {
            let b = block_of(w.start);
            if counted.get(b).copied().unwrap_or(true) {
                continue;
            }
            counted[b] = true;
            let range = &blocks[b];
            let lo = words.partition_point(|x| x.start < range.start);
            let other = words[lo..]
                .iter()
                .take_while(|x| x.end <= range.end)
                .filter(|x| {
                    let word = &text[x.range()];
                    !word.is_ascii()
                        || (word.len() <= 5 && FOREIGN.iter().any(|f| f.eq_ignore_ascii_case(word)))
                })
                .count();
            per_block[b].1 += other;
        }
        let foreign = |at: usize| {
            per_block
                .get(block_of(at))
                .is_some_and(|&(all, unknown)| unknown >= 2 && unknown * 3 > all)
        };
        // Capitalised words used mid-sentence somewhere in the document: names.
        let mut names: Option<std::collections::HashSet<&str>> = None;
        for (w, capital) in candidates {
            let word = &text[w.range()];
            let lower = word.to_ascii_lowercase();
            if counts.get(&lower).copied().unwrap_or(0) > self.max_repeats
                || foreign(w.start)
                || quoted_alone(text, w)
                || (capital
                    && names
                        .get_or_insert_with(|| names_in(text, input.words()))
                        .contains(word))
            {
                continue;
            }
            let other_dialect = spell::known_elsewhere(word);
            let (stem, tail) = split_possessive(&lower);
            let fixes = spell::corrections(stem, bits, self.suggestions);
            // A capitalised word is more often a name than a slip: only swapped or
            // doubled letters into an everyday word are reported. A short word has many
            // neighbours one edit away, so only a close slip is reported.
            let likely = fixes.first().is_some_and(|c| {
                let short = stem.len() <= 4;
                (!capital || (c.edit <= 1 && c.cost <= CAPITAL_COST)) && (!short || c.edit <= 3)
            });
            if !likely {
                continue;
            }
            let suggestions: Vec<String> = fixes
                .iter()
                .map(|c| adapt_case(word, &format!("{}{tail}", c.word), input.curly))
                .collect();
            let mut f = rule.replace_finding(input, w, suggestions);
            if other_dialect {
                f.message = format!("“{word}” is not the spelling of this project's dialect.");
            }
            out.push(f);
        }
    }
}

/// `word` and its possessive ending, split.
fn split_possessive(word: &str) -> (&str, &str) {
    for tail in ["'s", "’s"] {
        if let Some(s) = word.strip_suffix(tail) {
            return (s, tail);
        }
    }
    (word, "")
}

/// Letters only (with inner apostrophes and hyphens), ASCII, and no capital after the
/// first letter: not an acronym, a camel-case name, a code or a foreign word.
fn plain_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_lowercase() || matches!(c, '\'' | '-' | '’'))
}

/// Whether the word touches a character that makes it part of a URL, path, handle,
/// file name, identifier or number.
fn in_markup(text: &str, w: ProseSpan) -> bool {
    let before = text[..w.start].chars().next_back();
    let mut after = text[w.end..].chars();
    let next = after.next();
    if before.is_some_and(|c| "@#/\\_.=<>$%~:+*`^|{}[]&".contains(c) && c != ' ') {
        return true;
    }
    match next {
        Some('.') => after.next().is_some_and(|c| c.is_alphanumeric()),
        Some(c) => "@/\\_=<>%~*`^|{}[]&+".contains(c) || c.is_alphanumeric(),
        None => false,
    }
}

/// Whether the word opens a sentence: first in its block, or after a sentence's end
/// mark (and any closing quotes or brackets).
fn opens_sentence(text: &str, start: usize) -> bool {
    for c in text[..start].chars().rev() {
        match c {
            ' ' | '\t' | '\u{a0}' | '“' | '"' | '‘' | '\'' | '(' | '[' => continue,
            '.' | '!' | '?' | '\n' | ':' => return true,
            _ => return false,
        }
    }
    true
}

/// Whether the word stands alone in quotation marks (“frobnicate”): a term the writer
/// names, not one they misspelled.
fn quoted_alone(text: &str, w: ProseSpan) -> bool {
    let before = text[..w.start].chars().next_back();
    let after = text[w.end..].chars().next();
    matches!(
        (before, after),
        (Some('“'), Some('”' | ',' | '.')) | (Some('"'), Some('"')) | (Some('‘'), Some('’'))
    )
}

/// The capitalised words the document uses mid-sentence: names.
fn names_in<'t>(text: &'t str, words: &[ProseSpan]) -> std::collections::HashSet<&'t str> {
    words
        .iter()
        .filter(|w| text[w.range()].starts_with(|c: char| c.is_uppercase()))
        .filter(|w| !opens_sentence(text, w.start))
        .map(|w| &text[w.range()])
        .collect()
}

/// Whether `word` is an acronym the dictionary has in capitals (`api`, `gsa`), written in
/// lower case: in prose that is a handle, a domain or an identifier more often than a
/// slip.
fn acronym_in_lower_case(word: &str) -> bool {
    word.len() <= 6
        && crate::lang::lexicon::lexicon()
            .exact(&word.to_ascii_uppercase())
            .is_some()
}

/// Whether markup runs into the word (`**D**ata`): the text around it is not one piece
/// of the source, so the word in the prose may be a fragment of one in the source.
fn split_by_markup(input: &Input<'_>, w: ProseSpan) -> bool {
    let text = &input.prose.text;
    let start = text[..w.start]
        .char_indices()
        .next_back()
        .map_or(w.start, |(i, _)| i);
    let end = text[w.end..]
        .chars()
        .next()
        .map_or(w.end, |c| w.end + c.len_utf8());
    let touches_letter = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
    let invisible = |c: Option<char>| {
        c.is_some_and(|c| {
            matches!(
                c,
                '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
            )
        })
    };
    if invisible(text[..w.start].chars().next_back()) || invisible(text[w.end..].chars().next()) {
        return true;
    }
    let before = text[..w.start].chars().next_back();
    let after = text[w.end..].chars().next();
    (touches_letter(before) || touches_letter(after))
        && !input.prose.is_contiguous(ProseSpan::new(start, end))
}

/// Whether `word` drops the `e` of a dictionary word's `-er` the way brand names do
/// (`tumblr`, `dwellr`, `flickr`): spelled so on purpose.
fn brand_spelling(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    lower.len() > 4
        && lower.ends_with('r')
        && !lower.ends_with("er")
        && crate::lang::lexicon::lexicon()
            .exact(&format!("{}er", &lower[..lower.len() - 1]))
            .is_some()
}
