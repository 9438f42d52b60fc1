//! Rule kinds. Kinds are code (one file each); rules are data (TOML files compiled into a
//! [`Rule`]). Every kind is pure: it takes prose and the literal hits the shared matcher
//! found for it, and returns findings in prose offsets. The engine owns source spans,
//! suppression and order.

pub(crate) mod article;
pub(crate) mod attribution;
pub(crate) mod consistency;
pub mod context;
pub(crate) mod dictionary;
pub(crate) mod existence;
pub mod house;
pub(crate) mod pattern;
pub(crate) mod quote_style;
pub(crate) mod repetition;
pub(crate) mod substitution;

use crate::diagnostic::{Applicability, Severity};
use crate::error::FileError;
use crate::text::markup::Prose;
use crate::text::span::ProseSpan;
use serde::Deserialize;
use std::sync::Arc;

/// A literal phrase a kind wants the shared matcher to find.
#[derive(Debug, Clone)]
pub struct Literal {
    /// The phrase; inner whitespace is normalised to one space.
    pub text: String,
    /// Index the kind uses to recognise the hit.
    pub local: u32,
    /// An exception phrase: hits of the rule inside it are dropped.
    pub exception: bool,
    /// Ignore case entirely (otherwise upper-case pattern letters must be upper case).
    pub ignore_case: bool,
}

/// A verified literal match for one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The kind's index for the literal.
    pub local: u32,
    /// Where in the prose.
    pub span: ProseSpan,
}

/// What a rule found, in prose offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The text at fault.
    pub span: ProseSpan,
    /// The message, placeholders filled.
    pub message: String,
    /// Replacements for `span`, best first.
    pub suggestions: Vec<String>,
    /// Edits that fix the finding (empty: no fix).
    pub edits: Vec<(ProseSpan, String)>,
    /// Related places.
    pub labels: Vec<(ProseSpan, String)>,
}

/// The input a kind checks.
pub struct Input<'a> {
    /// The prose.
    pub prose: &'a Prose,
    /// This rule's literal hits, sorted, exceptions removed, overlaps resolved.
    pub hits: &'a [Hit],
    /// Prose spans of this rule's exception phrases.
    pub exceptions: &'a [ProseSpan],
    /// Whether the document prefers curly apostrophes.
    pub curly: bool,
    /// The lexicon's dialect bits the project accepts ([`crate::lang::dialect`]).
    pub dialects: u8,
    /// The file's house settings.
    pub house: &'a house::House,
    /// The year names are judged by ([`house::House::year_for`]); `None`: every rename
    /// applies.
    pub as_of: Option<i32>,
    /// Sentences, segmented on first use and shared by the rules of one document.
    pub sentences: &'a std::cell::OnceCell<Vec<crate::text::prose::Sentence>>,
    /// Sentences a paragraph at a time, each segmented on first use and shared likewise,
    /// for the analyses that read the paragraphs around a candidate only.
    pub block_sentences:
        &'a std::cell::OnceCell<Vec<std::cell::OnceCell<Vec<crate::text::prose::Sentence>>>>,
    /// Quotations, found on first use and shared likewise.
    pub quotations: &'a std::cell::OnceCell<Vec<crate::text::prose::Quotation>>,
    /// Words of the whole prose, split on first use and shared likewise.
    pub words: &'a std::cell::OnceCell<Vec<ProseSpan>>,
    /// Sentences with their tokens' parts of speech, each tagged on first use and
    /// shared likewise.
    pub tagged: &'a std::cell::OnceCell<crate::lang::tagger::SentenceTags>,
    /// The runs of word characters of the whole prose ([`word_runs`]), found once per
    /// document for the phrase matcher; words are built from them.
    pub runs: &'a [(usize, usize)],
}

impl Input<'_> {
    /// The document's sentences (segmented once, on first use).
    pub fn sentences(&self) -> &[crate::text::prose::Sentence] {
        self.sentences
            .get_or_init(|| crate::text::prose::sentences(self.prose))
    }

    /// The sentences of paragraph `b`: its part of [`Input::sentences`], segmented on
    /// first use unless the whole document has been already. Most documents with a
    /// candidate have it in a few of their paragraphs.
    pub fn block_sentences(&self, b: usize) -> &[crate::text::prose::Sentence] {
        if let Some(all) = self.sentences.get() {
            let lo = all.partition_point(|s| s.block < b);
            let n = all[lo..].partition_point(|s| s.block == b);
            return &all[lo..lo + n];
        }
        let cells = self.block_sentences.get_or_init(|| {
            (0..self.prose.blocks.len())
                .map(|_| std::cell::OnceCell::new())
                .collect()
        });
        match cells.get(b) {
            Some(c) => c.get_or_init(|| crate::text::prose::block_sentences(self.prose, b)),
            None => &[],
        }
    }

    /// The words of the whole prose (split once, on first use; see [`words`]).
    pub fn words(&self) -> &[ProseSpan] {
        self.words
            .get_or_init(|| crate::text::tokens::words_from_runs(&self.prose.text, self.runs))
    }

    /// The document's sentences for tagging (each tagged on first use).
    pub fn tagged(&self) -> &crate::lang::tagger::SentenceTags {
        self.tagged.get_or_init(|| {
            crate::lang::tagger::SentenceTags::new(
                self.sentences().iter().map(|s| s.span).collect(),
            )
        })
    }

    /// The tokens of sentence `i` of [`Input::tagged`], with their parts of speech.
    pub fn sentence_tokens(&self, i: usize) -> &[crate::lang::tagger::Token] {
        self.tagged().tokens(i, &self.prose.text, self.words())
    }

    /// The document's quotations (found once, on first use).
    pub fn quotations(&self) -> &[crate::text::prose::Quotation] {
        self.quotations
            .get_or_init(|| crate::text::prose::quotations(self.prose))
    }
}

/// What every rule kind does. A kind is a file of this folder that implements this
/// trait for its compiled form, with its rule-file table as [`RuleKind::Spec`]; it is
/// named once in the list given to `kinds!` below (and its table once in the pack
/// schema's `RuleFile`).
pub trait RuleKind: Sized + std::fmt::Debug {
    /// The kind's table in a rule file, as serde reads it.
    type Spec;
    /// The table's name (`[substitution]`).
    const NAME: &'static str;
    /// Validates the table's data and compiles it (regexes, lists).
    fn compile(spec: Self::Spec, ctx: &Compile<'_>) -> Result<Self, FileError>;
    /// Literal phrases for the shared matcher.
    fn literals(&self) -> Vec<Literal> {
        Vec::new()
    }
    /// Whether the kind does anything without literal hits (scans prose itself).
    fn scans(&self) -> bool;
    /// Whether literal `local` is a gate (a trigger the kind checks itself), not a
    /// phrase to report: the engine passes gates through untouched, after the others.
    fn is_gate(&self, _local: u32) -> bool {
        false
    }
    /// Runs the kind for `rule` over the input.
    fn check(&self, rule: &Rule, input: &Input<'_>, out: &mut Vec<Finding>);
}

/// What compiling a kind's table needs besides the table.
pub struct Compile<'a> {
    /// An error at the first place `needle` appears in the rule file.
    pub err: &'a dyn Fn(&str, String) -> FileError,
    /// Run the checks whose result cannot change for the shipped rule files (fix cycles
    /// among substitutions, regex budgets); the test suite runs them for those.
    pub thorough: bool,
}

/// Declares the kinds: the compiled [`Kind`] and the parsed [`KindSpec`] enums, and
/// their dispatch to [`RuleKind`].
macro_rules! kinds {
    ($($(#[$doc:meta])* $variant:ident($ty:ty)),* $(,)?) => {
        /// A compiled rule kind.
        #[derive(Debug)]
        pub enum Kind {
            $($(#[$doc])* $variant(Box<$ty>),)*
        }

        /// A rule file's kind table, parsed but not yet compiled.
        #[derive(Debug)]
        pub enum KindSpec {
            $($(#[$doc])* $variant(Box<<$ty as RuleKind>::Spec>),)*
        }

        /// The table names of every kind, as rule files write them.
        pub const KIND_NAMES: &[&str] = &[$(<$ty as RuleKind>::NAME),*];

        impl KindSpec {
            /// The kind's name as written in rule files.
            pub fn name(&self) -> &'static str {
                match self {
                    $(KindSpec::$variant(_) => <$ty as RuleKind>::NAME,)*
                }
            }

            /// Validates the kind's data and compiles it.
            pub fn compile(self, ctx: &Compile<'_>) -> Result<Kind, FileError> {
                Ok(match self {
                    $(KindSpec::$variant(s) => Kind::$variant(Box::new(<$ty as RuleKind>::compile(*s, ctx)?)),)*
                })
            }
        }

        impl Kind {
            /// The kind's name as written in rule files.
            pub fn name(&self) -> &'static str {
                match self {
                    $(Kind::$variant(_) => <$ty as RuleKind>::NAME,)*
                }
            }

            /// Literal phrases for the shared matcher.
            pub fn literals(&self) -> Vec<Literal> {
                match self {
                    $(Kind::$variant(k) => k.literals(),)*
                }
            }

            /// Whether the kind does anything without literal hits.
            pub fn scans(&self) -> bool {
                match self {
                    $(Kind::$variant(k) => k.scans(),)*
                }
            }

            /// Whether literal `local` of this kind is a gate (see [`RuleKind::is_gate`]).
            pub fn is_gate(&self, local: u32) -> bool {
                match self {
                    $(Kind::$variant(k) => k.is_gate(local),)*
                }
            }

            /// Runs the kind for `rule` over the input.
            pub fn check(&self, rule: &Rule, input: &Input<'_>, out: &mut Vec<Finding>) {
                match self {
                    $(Kind::$variant(k) => k.check(rule, input, out),)*
                }
            }
        }
    };
}

kinds! {
    /// Wrong form -> preferred form.
    Substitution(substitution::Substitution),
    /// Phrases or patterns that should not appear.
    Existence(existence::Existence),
    /// One form per document.
    Consistency(consistency::Consistency),
    /// Doubled words.
    Repetition(repetition::Repetition),
    /// a / an.
    Article(article::Article),
    /// Mixed straight and curly quotes.
    QuoteStyle(quote_style::QuoteStyle),
    /// Attribution of claims, figures and quotations.
    Attribution(attribution::Attribution),
    /// Sequences of tokens tested by word, lemma and part of speech.
    Pattern(pattern::Pattern),
    /// Words the dictionary of the project's dialect does not have.
    Dictionary(dictionary::Dictionary),
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

/// A rule's data as parsed from its file. The kind's compiled form (regexes, automata)
/// lives apart, in the registry, so that a run whose every file comes from the result
/// cache never pays for compiling it.
#[derive(Debug)]
pub struct Rule {
    /// `pack.rule`.
    pub id: Arc<str>,
    /// The file it came from.
    pub path: String,
    /// Default severity.
    pub severity: Severity,
    /// Message template.
    pub message: String,
    /// Description.
    pub description: String,
    /// Reference.
    pub link: Option<String>,
    /// How to resolve a finding.
    pub help: Option<String>,
    /// On by default.
    pub enabled: bool,
    /// Fix applicability.
    pub fix: Applicability,
    /// Examples.
    pub examples: Vec<Example>,
    /// The kind's name (`substitution`, `attribution`, ...).
    pub kind_name: &'static str,
}

impl Rule {
    /// The first sentence of the description.
    pub fn summary(&self) -> &str {
        let d = self.description.trim();
        match d.find(". ") {
            Some(i) => &d[..=i],
            None => d,
        }
    }

    /// Fills `{match}` and `{replacement}` in the message template.
    pub fn render_message(&self, matched: &str, replacement: Option<&str>) -> String {
        let mut m = self.message.replace("{match}", matched);
        if let Some(r) = replacement {
            m = m.replace("{replacement}", r);
        }
        m
    }

    /// A finding for `span` with one replacement, fixable per the rule's applicability.
    pub fn replace_finding(
        &self,
        input: &Input<'_>,
        span: ProseSpan,
        suggestions: Vec<String>,
    ) -> Finding {
        let matched = &input.prose.text[span.range()];
        let first = suggestions.first().cloned();
        let edits = match (&first, self.fix) {
            (Some(r), Applicability::Safe | Applicability::Unsafe) => vec![(span, r.clone())],
            _ => Vec::new(),
        };
        Finding {
            span,
            message: self.render_message(matched, first.as_deref()),
            suggestions,
            edits,
            labels: Vec::new(),
        }
    }
}

/// The message for a rule regex that does not compile: a size-limit error says so
/// plainly (a rule pack must not be able to blow up memory or start-up time).
pub(crate) fn regex_error(pattern: &str, e: &regex::Error) -> String {
    let shown: String = if pattern.chars().count() > 60 {
        pattern.chars().take(57).chain("…".chars()).collect()
    } else {
        pattern.to_string()
    };
    match e {
        regex::Error::CompiledTooBig(limit) => format!(
            "regex `{shown}` is too large: compiled, it would exceed the limit of {} KiB for a rule regex; simplify it or split it",
            limit / 1024
        ),
        _ => format!("invalid regex: {e}"),
    }
}

/// The most automaton states a rule regex may compile to. The shipped rules' largest
/// needs about 540. The regex engine's time per byte grows with the states it must track
/// at once when its lazy DFA cannot keep up, which nested counted repetitions cause:
/// `(a{1,50}){1,50}b` has about 5,100 and ran at 24 KB/s, passing the size limit.
pub(crate) const REGEX_STATE_LIMIT: usize = 2_000;

/// Refuses a rule regex whose automaton would be too large to search in time linear in
/// the text with a small constant; `Ok` also for a regex that does not parse (its own
/// compilation reports that).
pub(crate) fn regex_budget(pattern: &str, case_insensitive: bool) -> Result<(), String> {
    let nfa = regex_automata::nfa::thompson::NFA::compiler()
        .syntax(regex_automata::util::syntax::Config::new().case_insensitive(case_insensitive))
        .configure(regex_automata::nfa::thompson::Config::new().nfa_size_limit(Some(1 << 22)))
        .build(pattern);
    let Ok(nfa) = nfa else { return Ok(()) };
    let states = nfa.states().len();
    if states <= REGEX_STATE_LIMIT {
        return Ok(());
    }
    let shown: String = if pattern.chars().count() > 60 {
        pattern.chars().take(57).chain("…".chars()).collect()
    } else {
        pattern.to_string()
    };
    Err(format!(
        "regex `{shown}` is too complex: it compiles to {states} automaton states, more than the limit of {REGEX_STATE_LIMIT} for a rule regex, and would be slow on long text (a counted repetition inside another is the usual cause); simplify it"
    ))
}

/// Rewrites `\b`, `\s`, `\d` and `\w` in a rule's regex to their ASCII forms. Prose
/// patterns mean ASCII digits and spaces; the Unicode forms push the regex engine off its
/// fast DFA path (a Unicode `\b` as soon as the text has one curly quote).
pub(crate) fn ascii_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    // Inside a character class the escapes stay as written.
    let mut in_class = false;
    while let Some(c) = chars.next() {
        if c == '[' && !in_class {
            in_class = true;
            out.push(c);
        } else if c == ']' && in_class {
            in_class = false;
            out.push(c);
        } else if c == '\\' {
            match chars.next() {
                Some(k @ ('b' | 's' | 'd' | 'w')) if !in_class => {
                    out.push_str("(?-u:\\");
                    out.push(k);
                    out.push(')');
                }
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Normalises a phrase: inner whitespace to single spaces, trimmed.
pub(crate) fn normalize_phrase(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Gives `replacement` the case pattern of `matched` (ALL CAPS, Capitalised) and its
/// apostrophe style (or the document's, when `matched` has none).
pub(crate) fn adapt_case(matched: &str, replacement: &str, curly_doc: bool) -> String {
    let letters: Vec<char> = matched.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
    let mut out = if all_caps {
        replacement.to_uppercase()
    } else if letters.first().is_some_and(|c| c.is_uppercase())
        && replacement.chars().next().is_some_and(|c| c.is_lowercase())
    {
        let mut cs = replacement.chars();
        cs.next()
            .map(|c| c.to_uppercase().chain(cs).collect())
            .unwrap_or_default()
    } else {
        replacement.to_string()
    };
    let curly = if matched.contains('’') {
        true
    } else if matched.contains('\'') {
        false
    } else {
        curly_doc
    };
    if curly {
        out = out.replace('\'', "’");
    } else {
        out = out.replace('’', "'");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_apostrophes_are_kept() {
        assert_eq!(
            adapt_case("HAIR-BRAINED", "harebrained", false),
            "HAREBRAINED"
        );
        assert_eq!(
            adapt_case("Hair-brained", "harebrained", false),
            "Harebrained"
        );
        assert_eq!(
            adapt_case("hair-brained", "harebrained", false),
            "harebrained"
        );
        assert_eq!(adapt_case("it’s own", "its own", false), "its own");
        assert_eq!(
            adapt_case("could care less", "couldn't care less", true),
            "couldn’t care less"
        );
        assert_eq!(adapt_case("Belarussian", "Belarusian", false), "Belarusian");
    }

    #[test]
    fn ascii_classes_rewrites_only_escapes() {
        assert_eq!(
            ascii_classes(r"\b\d+\s\\b"),
            r"(?-u:\b)(?-u:\d)+(?-u:\s)\\b"
        );
        assert_eq!(ascii_classes(r"[\s,]\s"), r"[\s,](?-u:\s)");
    }
}
