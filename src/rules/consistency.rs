//! `consistency`: groups of variant spellings; within one document only one form of each
//! group should appear. The winner is the first form used (or the first form listed).

use super::{adapt_case, normalize_phrase, Finding, Input, Literal, Rule};
use crate::error::FileError;
use crate::lang::dialect::Dialect;
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
    /// Contexts where matches neither count nor are reported (`quotations`, `names`).
    #[serde(default)]
    pub skip: Vec<super::context::Skip>,
    /// The dialect of each form position (`["en-US", "en-GB"]`): where the project names
    /// its dialect, that form wins instead of the first one used.
    #[serde(default)]
    pub dialects: Vec<String>,
    /// Per dialect, forms (the first inflection, as listed) whose group is no pair of
    /// variants in that dialect, because its forms differ in meaning there (British
    /// “judgment” of a court, “judgement” in general).
    #[serde(default)]
    pub distinct: std::collections::BTreeMap<String, Vec<String>>,
    /// Forms (a form's first inflection) that are kept, neither counted nor reported,
    /// where one of the listed words stands within 60 bytes: the court's “judgment”,
    /// spelled so in every dialect.
    #[serde(default)]
    pub keep_near: std::collections::BTreeMap<String, Vec<String>>,
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
    skip: Vec<super::context::Skip>,
    /// The dialect of each form position.
    dialects: Vec<Dialect>,
    /// Per dialect: the groups that are no pair there.
    distinct: Vec<(Dialect, Vec<u32>)>,
    /// (group, form) kept near any of the words (lower case).
    keep_near: Vec<((u32, u32), Vec<String>)>,
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
        let dialect = |name: &str| {
            Dialect::parse(name).ok_or_else(|| {
                err(
                    name,
                    format!(
                        "unknown dialect `{name}`: use one of {}",
                        Dialect::NAMES.join(", ")
                    ),
                )
            })
        };
        let dialects = spec
            .dialects
            .iter()
            .map(|d| dialect(d))
            .collect::<Result<Vec<_>, _>>()?;
        let mut distinct = Vec::new();
        for (name, forms) in &spec.distinct {
            let d = dialect(name)?;
            let mut gs = Vec::new();
            for form in forms {
                let form = normalize_phrase(form);
                let g = groups
                    .iter()
                    .position(|g: &Vec<Vec<String>>| g.iter().any(|f| f.first() == Some(&form)));
                match g {
                    Some(g) => gs.push(g as u32),
                    None => {
                        return Err(err(
                            &form,
                            format!("`{form}` in `distinct` is the first form of no group"),
                        ))
                    }
                }
            }
            distinct.push((d, gs));
        }
        let mut keep_near = Vec::new();
        for (form, words) in &spec.keep_near {
            let form = normalize_phrase(form);
            let at = groups.iter().enumerate().find_map(|(g, fs)| {
                fs.iter()
                    .position(|f| f.first() == Some(&form))
                    .map(|f| (g as u32, f as u32))
            });
            let Some(at) = at else {
                return Err(err(
                    &form,
                    format!("`{form}` in `keep-near` is the first inflection of no form"),
                ));
            };
            keep_near.push((at, words.iter().map(|w| w.to_lowercase()).collect()));
        }
        Ok(Consistency {
            keep_near,
            groups,
            index,
            prefer: spec.prefer,
            ignore_case: spec.ignore_case,
            skip: spec.skip,
            dialects,
            distinct,
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

    /// The dialect the document is judged in: the project's, else British when the
    /// document's forms of groups that do not differ there are more often the
    /// British ones (so a British text's “judgment” of a court is not paired with its
    /// “judgement”), else none.
    fn dialect_of(&self, input: &Input<'_>, hits: &[super::Hit]) -> Option<Dialect> {
        if input.house.dialect.is_some() {
            return input.house.dialect;
        }
        let gb = self.dialects.iter().position(|d| *d == Dialect::Gb)?;
        let us = self.dialects.iter().position(|d| *d == Dialect::Us)?;
        let distinct: Vec<u32> = self
            .distinct
            .iter()
            .flat_map(|(_, gs)| gs.iter().copied())
            .collect();
        let (mut n_gb, mut n_us) = (0usize, 0usize);
        for h in hits {
            let Some(&(g, f, _)) = self.index.get(h.local as usize) else {
                continue;
            };
            if distinct.contains(&g) {
                continue;
            }
            if f as usize == gb {
                n_gb += 1;
            } else if f as usize == us {
                n_us += 1;
            }
        }
        (n_gb > n_us).then_some(Dialect::Gb)
    }

    /// Whether a hit is a form kept near one of its words (`keep-near`).
    fn kept_near(&self, input: &Input<'_>, h: &super::Hit) -> bool {
        let Some(&(g, f, _)) = self.index.get(h.local as usize) else {
            return false;
        };
        let Some((_, words)) = self.keep_near.iter().find(|(at, _)| *at == (g, f)) else {
            return false;
        };
        let text = &input.prose.text;
        let lo = crate::text::source::floor_char_boundary(text, h.span.start.saturating_sub(60));
        let hi = crate::text::source::floor_char_boundary(text, (h.span.end + 60).min(text.len()));
        text[lo..hi]
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| words.iter().any(|k| w.eq_ignore_ascii_case(k)))
    }

    pub(super) fn check(&self, rule: &Rule, input: &Input<'_>, out: &mut Vec<Finding>) {
        let kept: Vec<super::Hit>;
        let hits: &[super::Hit] = if self.skip.is_empty() && self.keep_near.is_empty() {
            input.hits
        } else {
            kept = input
                .hits
                .iter()
                .filter(|h| !super::context::skipped(input, h.span, &self.skip, true))
                .filter(|h| !self.kept_near(input, h))
                .copied()
                .collect();
            &kept
        };
        let dialect = self.dialect_of(input, hits);
        let not_pairs: &[u32] = self
            .distinct
            .iter()
            .find(|(d, _)| Some(*d) == dialect)
            .map_or(&[], |(_, gs)| gs.as_slice());
        // The project's dialect decides which form wins, where it names one.
        let house_form = input
            .house
            .dialect
            .and_then(|d| self.dialects.iter().position(|x| *x == d))
            .map(|p| p as u32);
        // Winner per group: the first hit (hits are sorted) or the listed first form.
        let mut first: Vec<Option<(u32, usize)>> = vec![None; self.groups.len()];
        for (k, hit) in hits.iter().enumerate() {
            let Some(&(g, f, _)) = self.index.get(hit.local as usize) else {
                continue;
            };
            let slot = &mut first[g as usize];
            if slot.is_none() {
                *slot = Some((f, k));
            }
        }
        for hit in hits {
            let Some(&(g, f, n)) = self.index.get(hit.local as usize) else {
                continue;
            };
            if not_pairs.contains(&g) {
                continue;
            }
            let Some((first_form, first_hit)) = first[g as usize] else {
                continue;
            };
            let winner = match (house_form, self.prefer) {
                (Some(h), _) if (h as usize) < self.groups[g as usize].len() => h,
                (_, Prefer::First) => first_form,
                (_, Prefer::Listed) => 0,
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
            // Only a mixed document is inconsistent: a group used in one form only is
            // left to the spelling dictionary, even against the project's dialect.
            if house_form.is_some()
                && !hits.iter().any(|h| {
                    self.index
                        .get(h.local as usize)
                        .is_some_and(|&(hg, hf, _)| hg == g && hf == winner)
                })
            {
                continue;
            }
            if self.prefer == Prefer::First && house_form.is_none() {
                if let Some(h) = hits.get(first_hit) {
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
