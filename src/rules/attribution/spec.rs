//! The `[attribution]` table of a rule file, as serde reads it: which analysis a rule
//! runs and the lists it runs on.

use super::figures::FigureWordsSpec;
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
    /// unsourced-statistic: units and measured things ("words", "rows", "MB", "page
    /// views"); a figure followed by one is the writer's own measure, not a claim.
    #[serde(default)]
    pub measure_words: Vec<String>,
    /// unsourced-statistic: phrases that, right before a figure, make it a threshold or a
    /// limit ("exceeds", "limit of", "no more than").
    #[serde(default)]
    pub threshold_phrases: Vec<String>,
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
}

/// The default `window`: the sentence before and the one after.
fn one() -> usize {
    1
}

/// The default `min-words`: a quotation of four words or more needs a speaker.
fn four() -> usize {
    4
}
