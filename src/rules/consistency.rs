//! `consistency`: groups of variant spellings; within one document only one form of each
//! group should appear. The winner is the first form used (or the first form listed).

use super::{adapt_case, normalize_phrase, Finding, Input, Literal, Rule};
use crate::error::FileError;
use serde::Deserialize;

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

/// Compiled consistency data.
#[derive(Debug)]
pub struct Consistency {
    /// groups[g][form][inflection]
    groups: Vec<Vec<Vec<String>>>,
    /// literal local index -> (group, form, inflection)
    index: Vec<(u32, u32, u32)>,
    prefer: Prefer,
    ignore_case: bool,
}

impl Consistency {
    /// Validates the spec.
    pub fn compile(
        spec: ConsistencySpec,
        err: &dyn Fn(&str, String) -> FileError,
    ) -> Result<Self, FileError> {
        if spec.groups.is_empty() {
            return Err(err("groups", "`groups` has no entries".into()));
        }
        let mut groups = Vec::new();
        let mut index = Vec::new();
        for (g, group) in spec.groups.iter().enumerate() {
            if group.len() < 2 {
                return Err(err(
                    group.first().map_or("groups", String::as_str),
                    "a consistency group needs at least two forms".into(),
                ));
            }
            let mut forms = Vec::new();
            for (f, form) in group.iter().enumerate() {
                let infl: Vec<String> = form.split('|').map(normalize_phrase).collect();
                if infl.iter().any(String::is_empty) {
                    return Err(err(form, format!("`{form}` has an empty form")));
                }
                for i in 0..infl.len() {
                    index.push((g as u32, f as u32, i as u32));
                }
                forms.push(infl);
            }
            groups.push(forms);
        }
        Ok(Consistency {
            groups,
            index,
            prefer: spec.prefer,
            ignore_case: spec.ignore_case,
        })
    }

    /// Every inflection of every form.
    pub fn literals(&self) -> Vec<Literal> {
        self.index
            .iter()
            .enumerate()
            .map(|(i, &(g, f, n))| Literal {
                text: self.groups[g as usize][f as usize][n as usize].clone(),
                local: i as u32,
                exception: false,
                ignore_case: self.ignore_case,
            })
            .collect()
    }

    pub(super) fn check(&self, rule: &Rule, input: &Input<'_>, out: &mut Vec<Finding>) {
        // Winner per group: the first hit (hits are sorted) or the listed first form.
        let mut first: Vec<Option<(u32, usize)>> = vec![None; self.groups.len()];
        for (k, hit) in input.hits.iter().enumerate() {
            let Some(&(g, f, _)) = self.index.get(hit.local as usize) else {
                continue;
            };
            let slot = &mut first[g as usize];
            if slot.is_none() {
                *slot = Some((f, k));
            }
        }
        for hit in input.hits {
            let Some(&(g, f, n)) = self.index.get(hit.local as usize) else {
                continue;
            };
            let Some((first_form, first_hit)) = first[g as usize] else {
                continue;
            };
            let winner = match self.prefer {
                Prefer::First => first_form,
                Prefer::Listed => 0,
            };
            if f == winner {
                continue;
            }
            let forms = &self.groups[g as usize][winner as usize];
            let Some(target) = forms.get(n as usize).or_else(|| forms.first()) else {
                continue;
            };
            let matched = &input.prose.text[hit.span.range()];
            let mut finding = rule.replace_finding(
                input,
                hit.span,
                vec![adapt_case(matched, target, input.curly)],
            );
            if self.prefer == Prefer::First {
                if let Some(h) = input.hits.get(first_hit) {
                    finding
                        .labels
                        .push((h.span, "the form this document uses first".to_string()));
                }
            }
            out.push(finding);
        }
    }
}

impl super::RuleKind for Consistency {
    type Spec = ConsistencySpec;
    const NAME: &'static str = "consistency";

    fn compile(
        spec: ConsistencySpec,
        ctx: &super::Compile<'_>,
    ) -> Result<Self, crate::error::FileError> {
        Consistency::compile(spec, ctx.err)
    }

    fn literals(&self) -> Vec<super::Literal> {
        Consistency::literals(self)
    }

    fn scans(&self) -> bool {
        false
    }

    fn check(&self, rule: &super::Rule, input: &super::Input<'_>, out: &mut Vec<super::Finding>) {
        Consistency::check(self, rule, input, out)
    }
}
