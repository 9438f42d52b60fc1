//! `substitution`: a wrong form and its preferred form(s), matched whole-word through the
//! shared matcher; suggestions keep the case and apostrophe style of the text found.

use super::{adapt_case, normalize_phrase, Finding, Input, Literal, Rule};
use crate::error::FileError;
use crate::pack::schema::{OneOrMany, SubstitutionSpec};

/// Compiled substitution data.
#[derive(Debug)]
pub struct Substitution {
    entries: Vec<(String, Vec<String>)>,
    exceptions: Vec<String>,
    ignore_case: bool,
}

impl Substitution {
    /// Validates the spec.
    pub fn compile(
        spec: SubstitutionSpec,
        err: &dyn Fn(&str, String) -> FileError,
    ) -> Result<Self, FileError> {
        if spec.swap.is_empty() {
            return Err(err("swap", "`swap` has no entries".into()));
        }
        let mut entries = Vec::with_capacity(spec.swap.len());
        for (wrong, right) in spec.swap {
            let to = match right {
                OneOrMany::One(s) => vec![s],
                OneOrMany::Many(v) => v,
            };
            let from = normalize_phrase(&wrong);
            if from.is_empty() {
                return Err(err(&wrong, "an empty phrase cannot be matched".into()));
            }
            if to.is_empty() || to.iter().any(|t| t.trim().is_empty()) {
                return Err(err(&wrong, format!("`{wrong}` has an empty replacement")));
            }
            if to.iter().any(|t| fold(t) == fold(&from)) {
                return Err(err(
                    &wrong,
                    format!("`{wrong}` is replaced by itself: a fix would never finish"),
                ));
            }
            entries.push((from, to));
        }
        Ok(Substitution {
            entries,
            exceptions: spec.exceptions.iter().map(|e| normalize_phrase(e)).collect(),
            ignore_case: spec.ignore_case,
        })
    }

    /// The wrong forms and exceptions.
    pub fn literals(&self) -> Vec<Literal> {
        let mains = self.entries.iter().enumerate().map(|(i, (w, _))| Literal {
            text: w.clone(),
            local: i as u32,
            exception: false,
            ignore_case: self.ignore_case,
        });
        let excs = self.exceptions.iter().map(|e| Literal {
            text: e.clone(),
            local: 0,
            exception: true,
            ignore_case: true,
        });
        mains.chain(excs).collect()
    }

    /// The entries (wrong form, suggestions).
    pub fn entries(&self) -> &[(String, Vec<String>)] {
        &self.entries
    }

    pub(super) fn check(&self, rule: &Rule, input: &Input<'_>, out: &mut Vec<Finding>) {
        for hit in input.hits {
            let Some((_, to)) = self.entries.get(hit.local as usize) else {
                continue;
            };
            let matched = &input.prose.text[hit.span.range()];
            let suggestions = to
                .iter()
                .map(|r| adapt_case(matched, r, input.curly))
                .collect();
            out.push(rule.replace_finding(input, hit.span, suggestions));
        }
    }
}

fn fold(s: &str) -> String {
    s.to_lowercase().replace('’', "'")
}
