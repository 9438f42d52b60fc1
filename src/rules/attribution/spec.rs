//! The `[attribution]` table of a rule file, as serde reads it: which analysis a rule
//! runs and the lists it runs on, and the checks on the lists that only one analysis
//! reads.

use super::claims::ClaimWordsSpec;
use super::figures::FigureWordsSpec;
use crate::error::FileError;
use serde::Deserialize;

/// Which attribution analysis a rule runs.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum AttributionCheck {
    /// Claims credited to nobody in particular ("observers believe").
    VagueSource,
    /// Unnamed sources ("officials said").
    AnonymousSource,
    /// Figures with no source nearby.
    UnsourcedStatistic,
    /// Direct quotations with no speaker.
    UnattributedQuote,
    /// First-person paragraphs without quotation marks in a third-person article.
    UnquotedQuotation,
    /// Claims the article calls unverified, stated elsewhere as fact.
    UnverifiedAsFact,
}

impl AttributionCheck {
    /// The name rule files give it (`vague-source`).
    pub fn name(self) -> &'static str {
        match self {
            AttributionCheck::VagueSource => "vague-source",
            AttributionCheck::AnonymousSource => "anonymous-source",
            AttributionCheck::UnsourcedStatistic => "unsourced-statistic",
            AttributionCheck::UnattributedQuote => "unattributed-quote",
            AttributionCheck::UnquotedQuotation => "unquoted-quotation",
            AttributionCheck::UnverifiedAsFact => "unverified-as-fact",
        }
    }
}

/// `[attribution]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AttributionSpec {
    /// The analysis.
    pub check: AttributionCheck,
    /// Trigger phrases (vague and anonymous sourcing, disclaimers), matched whole-word.
    #[serde(default)]
    pub cues: Vec<String>,
    /// Words and phrases that attribute ("said", "according to", "told reporters").
    #[serde(default)]
    pub sources: Vec<String>,
    /// Phrases that name who is meant ("among them", "including").
    #[serde(default)]
    pub namers: Vec<String>,
    /// Words that mark a sentence as a reported, not asserted, claim ("allegedly").
    #[serde(default)]
    pub hedges: Vec<String>,
    /// Phrases containing a cue that are fine.
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// unattributed-quote: phrases that, right before a quotation, make it a mention of
    /// words rather than speech ("such as", "called", "the phrase", "an").
    #[serde(default)]
    pub mentions: Vec<String>,
    /// unattributed-quote: words that, among the last few of the clause before a
    /// quotation, make it a mention ("slogan", "click", "search").
    #[serde(default)]
    pub mention_words: Vec<String>,
    /// unattributed-quote: nouns for set phrases ("slogan", "adage"); a quotation next to a
    /// sentence that calls it one is not speech.
    #[serde(default)]
    pub set_phrases: Vec<String>,
    /// unsourced-statistic: the vocabularies of the built-in figure shapes.
    #[serde(default)]
    pub figures: Option<FigureWordsSpec>,
    /// Regexes that recognise a cue (vague-source) or, beside `figures`, more figures
    /// (unsourced-statistic).
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Words or phrases of which every match of `patterns` contains at least one (for
    /// unsourced-statistic, a match may hold an ASCII digit instead). With this list the
    /// patterns run only on paragraphs that have a trigger (found by the shared phrase
    /// matcher) or, for figures, a digit, instead of over the whole text.
    #[serde(default)]
    pub triggers: Vec<String>,
    /// vague-source: the vocabulary of the claim structures (agentless passives, vague
    /// groups with a reporting verb, hearsay adverbs); see `claims`.
    #[serde(default)]
    pub claims: Option<ClaimWordsSpec>,
    /// unsourced-statistic: units and measured things ("words", "rows", "MB", "page
    /// views"); a figure followed by one is the writer's own measure, not a claim.
    #[serde(default)]
    pub measure_words: Vec<String>,
    /// unsourced-statistic: phrases that, right before a figure, make it a threshold or a
    /// limit ("exceeds", "limit of", "no more than").
    #[serde(default)]
    pub threshold_phrases: Vec<String>,
    /// unsourced-statistic: words of the public record ("turnout", "delegates", "bail",
    /// "sentenced"); a figure in a sentence with one is the event's own fact of record (a
    /// result, a rule, a court's decision), not a claim that needs a source.
    #[serde(default)]
    pub record_words: Vec<String>,
    /// unsourced-statistic: phrases that, right before a figure, make it an illustration
    /// ("for example", "e.g.").
    #[serde(default)]
    pub example_phrases: Vec<String>,
    /// How many sentences before and after count as "adjacent".
    #[serde(default = "one")]
    pub window: usize,
    /// Shortest quotation (in words) that needs a speaker.
    #[serde(default = "four")]
    pub min_words: usize,

    // The lists below are the filters of single analyses (two for the ones vague-source
    // and anonymous-source share, and `conjunctions`); a rule for another analysis may not
    // have them (see `check_analysis_lists`). Each is lower-cased and matched ignoring
    // case, unless it says "as written" (matched exactly) or "lower-case words" (it matches
    // only words the text writes in lower case).
    /// vague-source, anonymous-source: words that open a conditional clause ("if",
    /// "when"); a cue after one, with at most two lower-case words between, is a
    /// condition, not a claim ("when user research indicates").
    #[serde(default)]
    pub conditions: Vec<String>,
    /// vague-source, anonymous-source: how impersonal cues begin ("it is"); one in a
    /// sentence that opens with a `convention-openers` word is a convention ("If no code
    /// is shown, it is assumed ...").
    #[serde(default)]
    pub impersonal_cues: Vec<String>,
    /// vague-source, anonymous-source: as written, the words that open a sentence (then a
    /// space) and make an impersonal cue in it a convention ("If", "When").
    #[serde(default)]
    pub convention_openers: Vec<String>,
    /// vague-source, anonymous-source: function words a pattern match may start with
    /// ("and experts agree"); the finding starts after one.
    #[serde(default)]
    pub lead_words: Vec<String>,
    /// vague-source, anonymous-source: common adjectives before a group ("health
    /// experts", "legal scholars"): taken into a pattern match's finding, and never a
    /// name, even capitalised.
    #[serde(default)]
    pub common_modifiers: Vec<String>,
    /// vague-source, anonymous-source: lower-case words before a pattern match that are
    /// not part of the group ("and", "the", "to"); the finding does not reach back to one
    /// (any other lower-case word is taken in, as an adjective).
    #[serde(default)]
    pub not_modifiers: Vec<String>,
    /// vague-source, anonymous-source: common modifiers that count the group rather than
    /// describe it ("many", "some"); never taken into the finding.
    #[serde(default)]
    pub quantifiers: Vec<String>,
    /// vague-source: first words of a cue for unnamed holders of a view ("some say",
    /// "everyone agrees"); in a paragraph in the writer's own voice (`writer-voice`) such
    /// a cue sets up a view to answer and is not flagged.
    #[serde(default)]
    pub opinion_holders: Vec<String>,
    /// vague-source: as written, the words by which a writer speaks in their own voice
    /// ("I", "we", "you"), outside quotation marks.
    #[serde(default)]
    pub writer_voice: Vec<String>,
    /// vague-source: adjectives stepped over between a name and the cue ("the ministry's
    /// own studies show", "Pew's latest research").
    #[serde(default)]
    pub cue_modifiers: Vec<String>,
    /// vague-source: words that commonly open a sentence ("the", "many", "however");
    /// capitalised there, right before a cue, they are not a name.
    #[serde(default)]
    pub sentence_openers: Vec<String>,
    /// vague-source: determiners right before a cue that point back to people the story
    /// has introduced ("the experts agreed", "these researchers say").
    #[serde(default)]
    pub back_references: Vec<String>,
    /// vague-source: lower-case words joining a name to the cue ("Our experience and
    /// research shows"), stepped over with the word before them; unattributed-quote: a
    /// clause ending in one before a quotation lists examples ("“…” or “…”").
    #[serde(default)]
    pub conjunctions: Vec<String>,
    /// vague-source: possessive determiners that pin a cue to someone ("our research
    /// shows", "their studies show").
    #[serde(default)]
    pub possessives: Vec<String>,
    /// vague-source: lower-case words, prepositions after a cue that lead to a named body
    /// ("according to experts at the IMF"), within its first three words.
    #[serde(default)]
    pub name_prepositions: Vec<String>,
    /// vague-source: lower-case words, articles that may stand between such a preposition
    /// and the name ("at the World Bank").
    #[serde(default)]
    pub name_articles: Vec<String>,
    /// unattributed-quote: lower-case words, the small words a title leaves in lower case
    /// ("The Old Man and the Sea"): a quotation whose other words are all capitalised is a
    /// title.
    #[serde(default)]
    pub title_small_words: Vec<String>,
    /// unattributed-quote: words that address the reader ("you", "your", "you'll"); a
    /// paragraph with one outside the quotation is advice quoting a model phrase.
    #[serde(default)]
    pub reader_words: Vec<String>,
    /// unattributed-quote: as written, first-person words ("I", "we", "My"); a quotation
    /// with one, after a sentence of its paragraph that opens with a name, is that
    /// person's.
    #[serde(default)]
    pub first_person_words: Vec<String>,
    /// unattributed-quote: as written, capitalised words that open sentences but are not
    /// names ("The", "When", "Some").
    #[serde(default)]
    pub not_names: Vec<String>,
    /// unattributed-quote: as written, pronouns that, with a verb, name the speaker after
    /// a quotation ending in a comma, question or exclamation mark ("…,” she said").
    #[serde(default)]
    pub speaker_pronouns: Vec<String>,
    /// unattributed-quote: as written, words between a quotation and the link after it
    /// that still make the link its citation ("“…” via" and a link).
    #[serde(default)]
    pub citation_words: Vec<String>,
    /// unquoted-quotation: as written, the author's own first-person singular words ("I",
    /// "my", "I’m"); in two or more paragraphs, outside quotations, they make the article
    /// a column or an essay.
    #[serde(default)]
    pub author_words: Vec<String>,
    /// unquoted-quotation: as written, the words of someone speaking ("I", "me", "my");
    /// a flagged paragraph holds one. Each must be a form of "I", "me", "my" or "myself"
    /// (what the shared matcher finds for this check), optionally with an apostrophe
    /// ending ("I’m").
    #[serde(default)]
    pub speaker_words: Vec<String>,
    /// unquoted-quotation: as written, words that match a cue but are not the pronoun
    /// ("US", the country; a lower-case "i").
    #[serde(default)]
    pub not_cues: Vec<String>,
    /// unsourced-statistic: verbs that set a goal ("reduce", "cut", "raise"); among the
    /// six words before a figure, with a `target-prepositions` word right before it, they
    /// make it a target ("cut the bounce rate to 15%").
    #[serde(default)]
    pub target_verbs: Vec<String>,
    /// unsourced-statistic: beginnings of goal nouns, doing what `target-verbs` do
    /// ("target" also covers "targets", "targeted").
    #[serde(default)]
    pub target_nouns: Vec<String>,
    /// unsourced-statistic: the prepositions right before a figure that a target needs
    /// ("to", "by", "of").
    #[serde(default)]
    pub target_prepositions: Vec<String>,
    /// unsourced-statistic: words that end the reading after a figure ("in", "of",
    /// "the"): a `measure-words` entry must come before one ("12,000 jobs in the data
    /// centre" reads "jobs" only).
    #[serde(default)]
    pub measure_stops: Vec<String>,
    /// unsourced-statistic: words of the figure itself ("million", "thousand"), read past
    /// before the words that may be a measure.
    #[serde(default)]
    pub amount_words: Vec<String>,
    /// unverified-as-fact: function words that are never content words ("that",
    /// "which", "said"), checked before stemming.
    #[serde(default)]
    pub stop_words: Vec<String>,
    /// unverified-as-fact: endings the stemmer drops, tried in order, the first that
    /// leaves four letters or more ("ing", "ed", "s"): "captured" meets "capture".
    #[serde(default)]
    pub stem_suffixes: Vec<String>,
}

/// The default `window`: the sentence before and the one after.
fn one() -> usize {
    1
}

/// The default `min-words`: a quotation of four words or more needs a speaker.
fn four() -> usize {
    4
}

/// What an entry of a list may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// A word or a phrase.
    Phrase,
    /// One word: the list is compared with words one at a time, so a phrase would never
    /// match.
    Word,
}

impl AttributionSpec {
    /// The lists that one analysis reads: key, list, the checks that read it, and what an
    /// entry may be.
    fn analysis_lists(&self) -> Vec<(&'static str, &[String], &'static [AttributionCheck], Form)> {
        use AttributionCheck as C;
        // Which checks read each list.
        const CUES: &[AttributionCheck] = &[C::VagueSource, C::AnonymousSource];
        const VAGUE: &[AttributionCheck] = &[C::VagueSource];
        const VAGUE_QUOTE: &[AttributionCheck] = &[C::VagueSource, C::UnattributedQuote];
        const QUOTE: &[AttributionCheck] = &[C::UnattributedQuote];
        const UNQUOTED: &[AttributionCheck] = &[C::UnquotedQuotation];
        const STATISTIC: &[AttributionCheck] = &[C::UnsourcedStatistic];
        const UNVERIFIED: &[AttributionCheck] = &[C::UnverifiedAsFact];
        use Form::{Phrase, Word};
        vec![
            ("conditions", &self.conditions, CUES, Word),
            ("impersonal-cues", &self.impersonal_cues, CUES, Phrase),
            ("convention-openers", &self.convention_openers, CUES, Word),
            ("lead-words", &self.lead_words, CUES, Phrase),
            ("common-modifiers", &self.common_modifiers, CUES, Word),
            ("not-modifiers", &self.not_modifiers, CUES, Word),
            ("quantifiers", &self.quantifiers, CUES, Word),
            ("opinion-holders", &self.opinion_holders, VAGUE, Word),
            ("writer-voice", &self.writer_voice, VAGUE, Word),
            ("cue-modifiers", &self.cue_modifiers, VAGUE, Word),
            ("sentence-openers", &self.sentence_openers, VAGUE, Word),
            ("back-references", &self.back_references, VAGUE, Word),
            ("conjunctions", &self.conjunctions, VAGUE_QUOTE, Word),
            ("possessives", &self.possessives, VAGUE, Word),
            ("name-prepositions", &self.name_prepositions, VAGUE, Word),
            ("name-articles", &self.name_articles, VAGUE, Word),
            ("title-small-words", &self.title_small_words, QUOTE, Word),
            ("reader-words", &self.reader_words, QUOTE, Word),
            ("first-person-words", &self.first_person_words, QUOTE, Word),
            ("not-names", &self.not_names, QUOTE, Word),
            ("speaker-pronouns", &self.speaker_pronouns, QUOTE, Word),
            ("citation-words", &self.citation_words, QUOTE, Phrase),
            ("author-words", &self.author_words, UNQUOTED, Word),
            ("speaker-words", &self.speaker_words, UNQUOTED, Word),
            ("not-cues", &self.not_cues, UNQUOTED, Word),
            ("target-verbs", &self.target_verbs, STATISTIC, Word),
            ("target-nouns", &self.target_nouns, STATISTIC, Word),
            (
                "target-prepositions",
                &self.target_prepositions,
                STATISTIC,
                Word,
            ),
            ("measure-stops", &self.measure_stops, STATISTIC, Word),
            ("amount-words", &self.amount_words, STATISTIC, Word),
            ("record-words", &self.record_words, STATISTIC, Phrase),
            ("stop-words", &self.stop_words, UNVERIFIED, Word),
            ("stem-suffixes", &self.stem_suffixes, UNVERIFIED, Word),
        ]
    }

    /// Checks the lists that one analysis reads: a rule for another analysis may not
    /// have one (it would be ignored, which hides a mistake), no entry is blank, and
    /// lists compared word by word hold single words.
    pub(super) fn check_analysis_lists(
        &self,
        err: &dyn Fn(&str, String) -> FileError,
    ) -> Result<(), FileError> {
        if let Some(claims) = &self.claims {
            if self.check != AttributionCheck::VagueSource {
                return Err(err(
                    "claims",
                    "`claims` is only for the vague-source check".into(),
                ));
            }
            for (key, list) in claims.lists() {
                for entry in list {
                    if entry.trim().is_empty() || entry.contains(char::is_whitespace) {
                        return Err(err(
                            key,
                            format!("`claims.{key}` holds single words; “{entry}” is not one"),
                        ));
                    }
                }
            }
        }
        for (key, list, checks, form) in self.analysis_lists() {
            if list.is_empty() {
                continue;
            }
            if !checks.contains(&self.check) {
                let names: Vec<&str> = checks.iter().map(|c| c.name()).collect();
                let plural = if names.len() > 1 { "s" } else { "" };
                return Err(err(
                    key,
                    format!(
                        "`{key}` is only for the {} check{plural}",
                        names.join(" and ")
                    ),
                ));
            }
            for entry in list {
                if entry.trim().is_empty() {
                    return Err(err(key, format!("`{key}` has an empty entry")));
                }
                if form == Form::Word && entry.contains(char::is_whitespace) {
                    return Err(err(
                        entry,
                        format!("`{key}` is compared word by word; “{entry}” is not one word"),
                    ));
                }
            }
        }
        Ok(())
    }
}
