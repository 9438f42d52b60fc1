//! Content words and a crude stemmer: what unverified-as-fact matches a claim by.

use crate::text::tokens::words;

/// Content words of a sentence: lower-cased, four letters or more, not function words,
/// with a plural "s" dropped so "tanks" meets "tank".
pub(super) fn content_words(s: &str) -> impl Iterator<Item = String> + '_ {
    const STOP: &[&str] = &[
        "that",
        "this",
        "these",
        "those",
        "with",
        "from",
        "have",
        "been",
        "were",
        "their",
        "they",
        "them",
        "there",
        "which",
        "would",
        "could",
        "should",
        "about",
        "after",
        "before",
        "said",
        "says",
        "also",
        "more",
        "than",
        "into",
        "over",
        "some",
        "such",
        "when",
        "where",
        "while",
        "what",
        "other",
        "only",
        "just",
        "very",
        "will",
        "being",
        "because",
        "during",
        "under",
        "between",
        "against",
        "without",
        "within",
        "through",
        "independently",
        "verified",
        "confirmed",
        "reports",
        "report",
        "claims",
        "claim",
        "according",
        "group",
        "its",
        "it's",
        "here",
        "most",
        "many",
        "much",
        "each",
        "both",
        "last",
        "first",
        "year",
        "week",
    ];
    words(s).filter_map(move |w| {
        let lw = s[w.range()].to_lowercase().replace('’', "'");
        if lw.chars().count() < 4
            || STOP.contains(&lw.as_str())
            || lw.chars().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        Some(stem(&lw))
    })
}

/// A crude stem, enough to match "captured" with "capture" and "army's" with "army".
fn stem(w: &str) -> String {
    let w = w.trim_end_matches("'s");
    for suffix in ["ing", "ed", "es", "s", "e"] {
        if let Some(base) = w.strip_suffix(suffix) {
            if base.chars().count() >= 4 {
                return base.to_string();
            }
        }
    }
    w.to_string()
}
