//! Content words and a crude stemmer: what unverified-as-fact matches a claim by. The
//! function words and the endings are the rule file's `stop-words` and `stem-suffixes`.

use super::AttributionSpec;
use crate::text::tokens::words;

/// unverified-as-fact: the lists that make content words (lower case).
#[derive(Debug, Default)]
pub(super) struct ContentWords {
    /// Function words, never content ("that", "which", "said").
    stop_words: Vec<String>,
    /// Endings the stemmer drops, tried in order ("ing", "ed", "s").
    stem_suffixes: Vec<String>,
}

impl ContentWords {
    /// The lists from the spec; `low` lower-cases a list.
    pub(super) fn new(
        spec: &mut AttributionSpec,
        low: impl Fn(Vec<String>) -> Vec<String>,
    ) -> Self {
        let take = std::mem::take;
        ContentWords {
            stop_words: low(take(&mut spec.stop_words)),
            stem_suffixes: low(take(&mut spec.stem_suffixes)),
        }
    }

    /// Content words of a sentence: lower-cased (a curly apostrophe made straight), four
    /// letters or more, not function words or numbers, stemmed so "tanks" meets "tank".
    pub(super) fn of<'a>(&'a self, s: &'a str) -> impl Iterator<Item = String> + 'a {
        words(s).filter_map(move |w| {
            let lw = s[w.range()].to_lowercase().replace('’', "'");
            if lw.chars().count() < 4
                || self.stop_words.contains(&lw)
                || lw.chars().all(|c| c.is_ascii_digit())
            {
                return None;
            }
            Some(self.stem(&lw))
        })
    }

    /// A crude stem, enough to match "captured" with "capture" and "army's" with "army":
    /// the possessive "'s" dropped, then the first suffix that leaves four letters or more.
    fn stem(&self, w: &str) -> String {
        // The possessive is the one ending dropped whatever is left: it is not a suffix of
        // the word but of its phrase.
        let w = w.trim_end_matches("'s");
        for suffix in &self.stem_suffixes {
            if let Some(base) = w.strip_suffix(suffix.as_str()) {
                if base.chars().count() >= 4 {
                    return base.to_string();
                }
            }
        }
        w.to_string()
    }
}
