//! Where a match stands: in a gloss that gives an old name on purpose (“Mumbai
//! (Bombay)”, “formerly Bombay”, “then called Bombay”), inside a quotation (quoted speech
//! and quoted titles keep their spelling), or inside a capitalised name of several words
//! (“Salaam Bombay!”, “Honor Blackman”, “Alcan Aluminium Ltd”). Substitution and
//! consistency rules skip such matches when their `skip` list names the context.

use super::Input;
use crate::text::span::ProseSpan;
use serde::Deserialize;

/// A context in which a rule's matches are not reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Skip {
    /// An old name given on purpose: in brackets, after “formerly”, “then called” ...
    Glosses,
    /// Inside a quotation.
    Quotations,
    /// Part of a capitalised name of several words.
    Names,
}

/// Whether the match at `span` stands in one of the contexts of `skip`. `own_case`: the
/// matched word is capitalised as a name would be only where that says something (a
/// common word such as “honor” capitalised mid-sentence is a name; a place name always
/// is capitalised).
pub fn skipped(input: &Input<'_>, span: ProseSpan, skip: &[Skip], own_case: bool) -> bool {
    let text = &input.prose.text;
    skip.iter().any(|s| match s {
        Skip::Glosses => gloss(text, span),
        Skip::Quotations => quoted(input, span),
        Skip::Names => name(text, span, own_case),
    })
}

/// Words that, right before an old name, say it is one (lower case, as a phrase ending
/// just before the match).
const BEFORE: &[&str] = &[
    "formerly",
    "formerly known as",
    "formerly called",
    "formerly named",
    "then called",
    "then known as",
    "then named",
    "once called",
    "once known as",
    "previously",
    "previously known as",
    "previously called",
    "earlier called",
    "old name",
    "old name of",
    "former name",
    "former name of",
    "renamed from",
    "name from",
    "its name from",
    "known until",
    "called until",
    "changed from",
    "changed its name from",
];

/// What, right after an old name, says it is one.
const AFTER: &[&str] = &[
    " (now",
    ", now ",
    " was renamed",
    " was officially renamed",
    " was later renamed",
    " has been renamed",
    " renamed",
    " became",
    ", as it was then",
    ", as it was known",
    ", as it was called",
    " as it was then",
    " as it was known",
    ", as it then was",
    ", the former name",
    ", the old name",
    " is now",
    " changed its name",
];

/// Whether the match is an old name given on purpose.
fn gloss(text: &str, span: ProseSpan) -> bool {
    let before = text[..span.start].trim_end_matches([' ', '\u{a0}', '“', '"', '‘', '\'']);
    let tail: String = {
        let start =
            crate::text::source::floor_char_boundary(before, before.len().saturating_sub(40));
        before[start..].to_lowercase()
    };
    if tail.ends_with(['(', '[']) {
        return true;
    }
    let ends_with_phrase = |p: &str| {
        tail.ends_with(p)
            && tail[..tail.len() - p.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    };
    // "(formerly Bombay)", "(or Bombay)", "(then Bombay)"
    for w in ["or", "then", "formerly", "once", "previously", "also"] {
        if ends_with_phrase(w)
            && tail[..tail.len() - w.len()]
                .trim_end()
                .ends_with(['(', '['])
        {
            return true;
        }
    }
    if BEFORE.iter().any(|p| ends_with_phrase(p)) {
        return true;
    }
    let after = &text[span.end..];
    let after = after
        .strip_prefix("'s")
        .or_else(|| after.strip_prefix("’s"))
        .unwrap_or(after)
        .trim_start_matches(['”', '"', '’', '\'']);
    let head: String = after.chars().take(30).collect::<String>().to_lowercase();
    if AFTER.iter().any(|a| head.starts_with(a)) {
        return true;
    }
    // "from Bombay to Mumbai"
    ends_with_phrase("from") && head.starts_with(" to ")
}

/// Whether the match lies inside a quotation.
fn quoted(input: &Input<'_>, span: ProseSpan) -> bool {
    let qs = input.quotations();
    let i = qs.partition_point(|q| q.span.start <= span.start);
    i > 0 && qs[i - 1].span.end >= span.end
}

/// Capitalised words that may stand before or after a place or word without making one
/// name with it: days, months, titles, and words that open a sentence.
const NOT_NAME: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Mayor",
    "Governor",
    "Police",
    "The",
    "A",
    "An",
    "In",
    "At",
    "On",
    "From",
    "To",
    "For",
    "And",
    "But",
    "Of",
    "By",
    "With",
    "As",
    "Its",
    "Their",
    "His",
    "Her",
    "Our",
    "This",
    "That",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
];

/// Whether the match is part of a capitalised name of several words: a capitalised word
/// touches it (not one that opens the sentence, and not a day, month or title), or, for a
/// common word (`own_case`), the match itself is capitalised mid-sentence.
fn name(text: &str, span: ProseSpan, own_case: bool) -> bool {
    let matched = &text[span.range()];
    let capital =
        |w: &str| w.chars().next().is_some_and(char::is_uppercase) && !NOT_NAME.contains(&w);
    let before = &text[..span.start];
    let prev_gap_ok = before.ends_with(' ') && !before.ends_with("  ");
    let prev = before.trim_end_matches(' ');
    let prev_word_start = prev
        .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’' || c == '.'))
        .map_or(0, |i| {
            i + prev[i..].chars().next().map_or(1, char::len_utf8)
        });
    let prev_word = &prev[prev_word_start..];
    // A word that ends a sentence or clause ("in Peking. Swaziland") is no part of a name.
    let prev_ends = prev_word.ends_with('.') && !prev_word.ends_with("St.");
    let prev_opens = sentence_opens_at(text, prev_word_start);
    if prev_gap_ok && !prev_ends && !prev_word.is_empty() && capital(prev_word) && !prev_opens {
        return true;
    }
    let after = &text[span.end..];
    let after = after
        .strip_prefix("'s")
        .or_else(|| after.strip_prefix("’s"))
        .unwrap_or(after);
    if let Some(rest) = after.strip_prefix(' ') {
        let next: &str = rest
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .next()
            .unwrap_or("");
        if capital(next) && next.chars().skip(1).any(char::is_lowercase) {
            return true;
        }
    }
    own_case
        && matched.chars().next().is_some_and(char::is_uppercase)
        && !sentence_opens_at(text, span.start)
}

/// Whether a sentence (or block, heading, quotation) opens at `at`: only spaces, opening
/// quotes and brackets stand between it and a full stop, question or exclamation mark,
/// colon, line break or the start of the text.
pub fn sentence_opens_at(text: &str, at: usize) -> bool {
    let before =
        text[..at].trim_end_matches([' ', '\u{a0}', '“', '"', '‘', '\'', '(', '[', '*', '_']);
    before.is_empty()
        || before.ends_with(['.', '!', '?', ':', '\n', '\u{FFFC}', '—', '–', ';'])
        || before.ends_with("”")
        || before.ends_with('"')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(t: &str, w: &str) -> bool {
        let s = t.find(w).unwrap_or(0);
        gloss(t, ProseSpan::new(s, s + w.len()))
    }

    fn n(t: &str, w: &str, own: bool) -> bool {
        let s = t.find(w).unwrap_or(0);
        name(t, ProseSpan::new(s, s + w.len()), own)
    }

    #[test]
    fn glosses() {
        assert!(g("He lives in Mumbai (Bombay).", "Bombay"));
        assert!(g("He lives in Mumbai (formerly Bombay).", "Bombay"));
        assert!(g("Mumbai, formerly Bombay, is big.", "Bombay"));
        assert!(g("Mumbai, then called Bombay, grew.", "Bombay"));
        assert!(g("In 1990 Bombay, as it was then known, grew.", "Bombay"));
        assert!(g("The city was renamed from Bombay to Mumbai.", "Bombay"));
        assert!(g("Bombay was renamed Mumbai in 1995.", "Bombay"));
        assert!(!g("Flights to Bombay resumed.", "Bombay"));
        assert!(!g("Uniformerly Bombay", "Bombay"));
    }

    #[test]
    fn names() {
        assert!(n("They watched Salaam Bombay last night.", "Bombay", false));
        assert!(n("Honor Blackman starred.", "Honor", true));
        assert!(n("said Alcan Aluminium Ltd on Monday.", "Aluminium", true));
        assert!(!n("In Bombay Sunday, police said.", "Bombay", false));
        assert!(!n("The colour changed.", "colour", true));
        assert!(!n("Colour changed.", "Colour", true));
        assert!(n("We marked Labour Day.", "Labour", true));
        assert!(!n("Officials in Kiev said.", "Kiev", false));
        assert!(!n(
            "They met in Peking. Swaziland voted.",
            "Swaziland",
            false
        ));
    }
}
