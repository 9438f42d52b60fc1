//! `existence`: phrases (through the shared matcher) or regexes that should not appear.

use super::{normalize_phrase, Finding, Input, Literal, Rule};
use crate::error::FileError;
use crate::pack::schema::ExistenceSpec;
use crate::span::ProseSpan;
use regex::{Regex, RegexBuilder};

/// Compiled regexes may not exceed this many bytes of automaton: a rule pack must not be
/// able to blow up memory or start-up time.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Compiled existence data.
#[derive(Debug)]
pub struct Existence {
    tokens: Vec<String>,
    patterns: Vec<Regex>,
    group: usize,
    exceptions: Vec<String>,
    ignore_case: bool,
}

impl Existence {
    /// Validates the spec and compiles its regexes.
    pub fn compile(
        spec: ExistenceSpec,
        err: &dyn Fn(&str, String) -> FileError,
    ) -> Result<Self, FileError> {
        if spec.tokens.is_empty() && spec.patterns.is_empty() {
            return Err(err(
                "[existence]",
                "[existence] needs `tokens` or `patterns`".into(),
            ));
        }
        let mut patterns = Vec::new();
        for p in &spec.patterns {
            // ASCII word boundaries keep the regex on its fast DFA path.
            let re = RegexBuilder::new(&crate::rules::ascii_classes(p))
                .case_insensitive(spec.ignore_case)
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(REGEX_SIZE_LIMIT)
                .build()
                .map_err(|e| err(p, super::regex_error(p, &e)))?;
            if spec.group >= re.captures_len() {
                return Err(err(
                    "group",
                    format!(
                        "`group = {}` but the regex `{p}` has {} groups",
                        spec.group,
                        re.captures_len() - 1
                    ),
                ));
            }
            patterns.push(re);
        }
        let tokens: Vec<String> = spec.tokens.iter().map(|t| normalize_phrase(t)).collect();
        if spec.tokens.iter().any(|t| t.trim().is_empty()) {
            return Err(err("tokens", "an empty token cannot be matched".into()));
        }
        Ok(Existence {
            tokens,
            patterns,
            group: spec.group,
            exceptions: spec
                .exceptions
                .iter()
                .map(|e| normalize_phrase(e))
                .collect(),
            ignore_case: spec.ignore_case,
        })
    }

    /// Whether the rule has regexes to run.
    pub fn has_patterns(&self) -> bool {
        !self.patterns.is_empty()
    }

    /// The literal tokens and exceptions.
    pub fn literals(&self) -> Vec<Literal> {
        let mains = self.tokens.iter().enumerate().map(|(i, t)| Literal {
            text: t.clone(),
            local: i as u32,
            exception: false,
            ignore_case: self.ignore_case,
        });
        let excs = self.exceptions.iter().map(|e| Literal {
            text: e.clone(),
            local: 0,
            exception: true,
            ignore_case: false,
        });
        mains.chain(excs).collect()
    }

    pub(super) fn check(&self, rule: &Rule, input: &Input<'_>, out: &mut Vec<Finding>) {
        for hit in input.hits {
            out.push(rule.replace_finding(input, hit.span, Vec::new()));
        }
        let text = &input.prose.text;
        for re in &self.patterns {
            for caps in re.captures_iter(text) {
                let Some(m) = caps.get(self.group) else {
                    continue;
                };
                let span = ProseSpan::new(m.start(), m.end());
                // A pattern match must be one run of source text: a run of spaces that
                // straddles a link destination or a tag is not a typo in the prose.
                if m.start() == m.end()
                    || !input.prose.is_contiguous(span)
                    || input
                        .exceptions
                        .iter()
                        .any(|e| e.start <= span.start && span.end <= e.end)
                {
                    continue;
                }
                out.push(rule.replace_finding(input, span, Vec::new()));
            }
        }
    }
}
