//! The `[attribution.claims]` table of vague-source as serde reads it: the vocabulary of
//! the claim structures, one word per entry.

use serde::Deserialize;

/// `[attribution.claims]`: the vocabulary of the structures (lower case, one word each).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ClaimWordsSpec {
    /// Adverbs that report hearsay on their own ("reportedly").
    #[serde(default)]
    pub hearsay_adverbs: Vec<String>,
    /// The forms of "be" a passive is built with ("is", "were", "been").
    #[serde(default)]
    pub be_forms: Vec<String>,
    /// Modal verbs; "be" after one makes no claim ("can be seen").
    #[serde(default)]
    pub modals: Vec<String>,
    /// Negations; "is not considered" credits nobody with a view.
    #[serde(default)]
    pub negations: Vec<String>,
    /// Participles of "it is … that" ("believed", "suggested").
    #[serde(default)]
    pub impersonal: Vec<String>,
    /// Participles before "to" ("said", "thought", "rumoured").
    #[serde(default)]
    pub infinitive: Vec<String>,
    /// Participles of judgement ("considered", "regarded", "hailed").
    #[serde(default)]
    pub judgement: Vec<String>,
    /// Judgement participles that need "as" after them to judge ("seen", "viewed").
    #[serde(default)]
    pub need_as: Vec<String>,
    /// Adverbs of generality that make a judgement everybody's ("widely", "often").
    #[serde(default)]
    pub generality: Vec<String>,
    /// Evaluative words in a complement ("best", "influential", "masterpiece").
    #[serde(default)]
    pub evaluative: Vec<String>,
    /// Words that count a group ("some", "many", "several").
    #[serde(default)]
    pub quantifiers: Vec<String>,
    /// Nouns before "of" that count a group ("number", "majority").
    #[serde(default)]
    pub counting_nouns: Vec<String>,
    /// Plural nouns for people who hold views ("critics", "historians", "fans").
    #[serde(default)]
    pub groups: Vec<String>,
    /// Plural nouns for evidence ("studies", "surveys").
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Lemmas of the verbs a group reports with ("say", "argue", "praise").
    #[serde(default)]
    pub reporting_verbs: Vec<String>,
    /// Lemmas of the verbs evidence reports with ("show", "find", "suggest").
    #[serde(default)]
    pub evidence_verbs: Vec<String>,
    /// Words that open a clause, after which a bare group is its subject ("but", "while").
    #[serde(default)]
    pub clause_openers: Vec<String>,
    /// Group nouns that are vague only after a quantifier ("many people say").
    #[serde(default)]
    pub quantified_only: Vec<String>,
    /// Lemmas of the verbs by which a named source speaks ("say", "tell", "predict"): with
    /// a name beside one, a sentence near a claim says whose it is.
    #[serde(default)]
    pub speech_verbs: Vec<String>,
    /// Lower-case words that name an accountable source as well as a name does
    /// ("police", "prosecutors"), and pronouns that point back to one ("he", "she").
    #[serde(default)]
    pub named_speakers: Vec<String>,
}

impl ClaimWordsSpec {
    /// Every list, with its key, for the checks on entries.
    pub(in crate::rules::attribution) fn lists(&self) -> [(&'static str, &[String]); 20] {
        [
            ("hearsay-adverbs", &self.hearsay_adverbs),
            ("be-forms", &self.be_forms),
            ("modals", &self.modals),
            ("negations", &self.negations),
            ("impersonal", &self.impersonal),
            ("infinitive", &self.infinitive),
            ("judgement", &self.judgement),
            ("need-as", &self.need_as),
            ("generality", &self.generality),
            ("evaluative", &self.evaluative),
            ("quantifiers", &self.quantifiers),
            ("counting-nouns", &self.counting_nouns),
            ("groups", &self.groups),
            ("evidence", &self.evidence),
            ("reporting-verbs", &self.reporting_verbs),
            ("evidence-verbs", &self.evidence_verbs),
            ("clause-openers", &self.clause_openers),
            ("quantified-only", &self.quantified_only),
            ("speech-verbs", &self.speech_verbs),
            ("named-speakers", &self.named_speakers),
        ]
    }
}
