//! The TOML schema of a rule file, as serde reads it. Unknown keys are errors.

use crate::diagnostic::{Applicability, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One rule file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleFile {
    /// Default severity.
    pub severity: Severity,
    /// Message template.
    pub message: String,
    /// Description; first sentence is the summary.
    pub description: String,
    /// Where the rule's facts are documented.
    #[serde(default)]
    pub link: Option<String>,
    /// How to resolve a finding.
    #[serde(default)]
    pub help: Option<String>,
    /// On by default?
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Fix applicability.
    #[serde(default)]
    pub fix: Applicability,
    /// Example sentences, run as tests.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Kind: substitution.
    pub substitution: Option<SubstitutionSpec>,
    /// Kind: existence.
    pub existence: Option<ExistenceSpec>,
    /// Kind: consistency.
    pub consistency: Option<ConsistencySpec>,
    /// Kind: repetition.
    pub repetition: Option<RepetitionSpec>,
    /// Kind: a/an.
    pub article: Option<ArticleSpec>,
    /// Kind: quote style.
    pub quote_style: Option<QuoteStyleSpec>,
    /// Kind: attribution of claims.
    pub attribution: Option<AttributionSpec>,
}

fn yes() -> bool {
    true
}

/// An example sentence.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Must be flagged.
    pub bad: Option<String>,
    /// `bad` after applying the rule's fixes.
    pub fixed: Option<String>,
    /// Must not be flagged.
    pub good: Option<String>,
}

/// One suggestion or several.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// One replacement.
    One(String),
    /// Several, best first.
    Many(Vec<String>),
}

/// `[substitution]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SubstitutionSpec {
    /// Ignore case entirely.
    #[serde(default)]
    pub ignore_case: bool,
    /// Correct phrases containing a match.
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// Wrong form -> preferred form(s).
    pub swap: BTreeMap<String, OneOrMany>,
}

/// `[existence]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExistenceSpec {
    /// Literal phrases.
    #[serde(default)]
    pub tokens: Vec<String>,
    /// Regexes.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Capture group that is the span.
    #[serde(default)]
    pub group: usize,
    /// Exact strings (no line breaks) of which every match of `patterns` holds one, with
    /// no match spanning a line break: the patterns then run only on the lines that hold
    /// one, found with a substring search, instead of over the whole text.
    #[serde(default)]
    pub triggers: Vec<String>,
    /// Ignore case entirely.
    #[serde(default)]
    pub ignore_case: bool,
    /// Correct phrases containing a match.
    #[serde(default)]
    pub exceptions: Vec<String>,
}

/// Which form of a consistency group wins in a document.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Prefer {
    /// The first form used in the document.
    #[default]
    First,
    /// The first form listed in the group.
    Listed,
}

/// `[consistency]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConsistencySpec {
    /// Which form wins.
    #[serde(default)]
    pub prefer: Prefer,
    /// Ignore case entirely.
    #[serde(default)]
    pub ignore_case: bool,
    /// Groups of forms; `|` separates inflections.
    pub groups: Vec<Vec<String>>,
}

/// `[repetition]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RepetitionSpec {
    /// Words that may be doubled.
    #[serde(default)]
    pub exceptions: Vec<String>,
}

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

/// `[quote-style]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuoteStyleSpec {
    /// `double`, `single`.
    pub marks: Vec<QuoteMark>,
}

/// A kind of quotation mark.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum QuoteMark {
    /// `"` vs `“ ”`.
    Double,
    /// `'` vs `‘ ’` (apostrophes included).
    Single,
}

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

/// unsourced-statistic: the words the figure shapes are made of (`[attribution.figures]`).
/// Each list is lower case or is folded to it; entries may be phrases.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FigureWordsSpec {
    /// After a number, a percentage: "%", "percent", "percentage points".
    #[serde(default)]
    pub percent: Vec<String>,
    /// After a number, a large quantity: "million", "billion".
    #[serde(default)]
    pub scales: Vec<String>,
    /// After a sum of money only: short scales ("bn", "m", "k").
    #[serde(default)]
    pub money_scales: Vec<String>,
    /// Things that, a hundred or more of them, make a count worth a source ("jobs").
    #[serde(default)]
    pub counted: Vec<String>,
    /// Shares that, "of" a group, make a figure: "half", "a third", "two-thirds".
    #[serde(default)]
    pub fractions: Vec<String>,
    /// The groups of those shares: "voters", "residents".
    #[serde(default)]
    pub groups: Vec<String>,
    /// Changes by a multiple: "doubled", "tripled", "halved".
    #[serde(default)]
    pub multipliers: Vec<String>,
    /// Verbs of change before an amount: "rose", "fell", "grew".
    #[serde(default)]
    pub changes: Vec<String>,
    /// Superlatives of rankings: "largest", "busiest".
    #[serde(default)]
    pub superlatives: Vec<String>,
    /// Whose superlative makes a ranking: "the world's", "the country's".
    #[serde(default)]
    pub places: Vec<String>,
}

fn one() -> usize {
    1
}

fn four() -> usize {
    4
}
