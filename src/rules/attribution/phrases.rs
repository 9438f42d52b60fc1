//! Searching the rule's lists: whole-word phrase search in lower-cased sentences (the
//! test "does this sentence hold one of the rule's phrases", asked of every sentence near
//! a candidate), and whether a word is an entry of a word list.

/// Whether `word` is an entry of `list`, exactly (the list's case and the word's must
/// agree: lists are lower case unless the rule file keeps them as written).
pub(super) fn listed(list: &[String], word: &str) -> bool {
    list.iter().any(|entry| entry == word)
}

/// The phrase lists the sentence tests search, each as one automaton.
#[derive(Debug, Default)]
pub(super) struct Sets {
    /// Words that attribute ("said", "according to").
    pub(super) sources: PhraseSet,
    /// Phrases that say who is meant ("among them").
    pub(super) namers: PhraseSet,
    /// Words that report rather than assert ("allegedly").
    pub(super) hedges: PhraseSet,
    /// The cues, for unverified-as-fact only (a sentence that repeats the disclaimer).
    pub(super) cues: PhraseSet,
}

/// Lower-case phrases and one Aho-Corasick automaton over them.
#[derive(Debug, Default)]
pub(super) struct PhraseSet {
    phrases: Vec<String>,
    ac: Option<aho_corasick::AhoCorasick>,
}

impl PhraseSet {
    /// The phrases (lower case) and their automaton; none for an empty list, or when it
    /// cannot be built (then [`PhraseSet::any_in`] searches phrase by phrase).
    pub(super) fn new(phrases: &[String]) -> Self {
        let ac = if phrases.is_empty() {
            None
        } else {
            aho_corasick::AhoCorasick::new(phrases).ok()
        };
        PhraseSet {
            phrases: phrases.to_vec(),
            ac,
        }
    }

    /// Whether `hay` (lower case) contains one of the phrases as whole words: what
    /// [`contains_any`] answers, in one pass over `hay`.
    pub(super) fn any_in(&self, hay: &str) -> bool {
        let Some(ac) = &self.ac else {
            // No automaton (an empty list, or one too large to build): the plain search.
            return contains_any(hay, &self.phrases);
        };
        ac.find_overlapping_iter(hay).any(|m| {
            let ok_start = hay[..m.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let ok_end = hay[m.end()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            ok_start && ok_end
        })
    }
}

/// Whole-phrase search in lower-cased text: each phrase must start and end at word edges.
fn contains_any(hay: &str, phrases: &[String]) -> bool {
    phrases.iter().any(|p| {
        let mut from = 0;
        while let Some(rel) = hay[from..].find(p.as_str()) {
            let s = from + rel;
            let e = s + p.len();
            let ok_start = hay[..s]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let ok_end = hay[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if ok_start && ok_end {
                return true;
            }
            from = s + p.chars().next().map_or(1, char::len_utf8);
        }
        false
    })
}
