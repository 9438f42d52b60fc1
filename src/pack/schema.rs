//! The TOML schema of a rule file, as serde reads it. Unknown keys are errors.

use crate::diagnostic::{Applicability, Severity};
use crate::rules::article::ArticleSpec;
use crate::rules::attribution::AttributionSpec;
use crate::rules::consistency::ConsistencySpec;
use crate::rules::dictionary::DictionarySpec;
use crate::rules::existence::ExistenceSpec;
use crate::rules::pattern::PatternSpec;
use crate::rules::quote_style::QuoteStyleSpec;
use crate::rules::repetition::RepetitionSpec;
use crate::rules::substitution::SubstitutionSpec;
use crate::rules::{Example, KindSpec};
use serde::Deserialize;

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
    /// Kind: token patterns.
    pub pattern: Option<PatternSpec>,
    /// Kind: the spelling dictionary.
    pub dictionary: Option<DictionarySpec>,
}

impl RuleFile {
    /// The kind tables the file has, taken out of it (a valid file has exactly one).
    pub fn kinds(&mut self) -> Vec<KindSpec> {
        [
            self.substitution
                .take()
                .map(Box::new)
                .map(KindSpec::Substitution),
            self.existence.take().map(Box::new).map(KindSpec::Existence),
            self.consistency
                .take()
                .map(Box::new)
                .map(KindSpec::Consistency),
            self.repetition
                .take()
                .map(Box::new)
                .map(KindSpec::Repetition),
            self.article.take().map(Box::new).map(KindSpec::Article),
            self.quote_style
                .take()
                .map(Box::new)
                .map(KindSpec::QuoteStyle),
            self.attribution
                .take()
                .map(Box::new)
                .map(KindSpec::Attribution),
            self.pattern.take().map(Box::new).map(KindSpec::Pattern),
            self.dictionary
                .take()
                .map(Box::new)
                .map(KindSpec::Dictionary),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

fn yes() -> bool {
    true
}
