//! `quote-style`: straight and curly quotation marks (and apostrophes) mixed in one
//! document. The style used less often is reported, one finding per mark.

use super::{Finding, Input, Rule};
use crate::error::FileError;
use crate::text::span::ProseSpan;
use serde::Deserialize;

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

/// Compiled quote-style data.
#[derive(Debug)]
pub struct QuoteStyle {
    double: bool,
    single: bool,
}

impl QuoteStyle {
    /// Validates the spec.
    pub fn compile(
        spec: QuoteStyleSpec,
        err: &dyn Fn(&str, String) -> FileError,
    ) -> Result<Self, FileError> {
        if spec.marks.is_empty() {
            return Err(err("marks", "`marks` has no entries".into()));
        }
        Ok(QuoteStyle {
            double: spec.marks.contains(&QuoteMark::Double),
            single: spec.marks.contains(&QuoteMark::Single),
        })
    }

    pub(super) fn check(&self, rule: &Rule, input: &Input<'_>, out: &mut Vec<Finding>) {
        if self.double {
            report(
                rule,
                input,
                '"',
                &['“', '”'],
                "curly double quotes",
                "straight double quotes",
                out,
            );
        }
        if self.single {
            report(
                rule,
                input,
                '\'',
                &['‘', '’'],
                "curly single quotes and apostrophes",
                "straight single quotes and apostrophes",
                out,
            );
        }
    }
}

fn report(
    rule: &Rule,
    input: &Input<'_>,
    straight: char,
    curly: &[char],
    curly_name: &str,
    straight_name: &str,
    out: &mut Vec<Finding>,
) {
    let text = &input.prose.text;
    let mut n_straight = 0usize;
    let mut n_curly = 0usize;
    let mut first_curly: Option<bool> = None;
    for c in text.chars() {
        if c == straight {
            n_straight += 1;
            first_curly.get_or_insert(false);
        } else if curly.contains(&c) {
            n_curly += 1;
            first_curly.get_or_insert(true);
        }
    }
    if n_straight == 0 || n_curly == 0 {
        return;
    }
    // The minority style is the odd one out; on a tie, the style used second.
    let flag_straight = match n_straight.cmp(&n_curly) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Greater => false,
        std::cmp::Ordering::Equal => first_curly == Some(true),
    };
    let (majority, n_major) = if flag_straight {
        (curly_name, n_curly)
    } else {
        (straight_name, n_straight)
    };
    // One finding per document and kind of mark, at the first odd one out, with the
    // others as labels: a document that mixes styles needs one decision, not fifty.
    let mut odd = text.char_indices().filter(|&(_, c)| {
        if flag_straight {
            c == straight
        } else {
            curly.contains(&c)
        }
    });
    let Some((i, c)) = odd.next() else {
        return;
    };
    let n_minor = if flag_straight { n_straight } else { n_curly };
    let span = ProseSpan::new(i, i + c.len_utf8());
    let mut f = rule.replace_finding(input, span, Vec::new());
    let minor = if flag_straight {
        straight_name
    } else {
        curly_name
    };
    f.message = format!(
        "{} This document mostly uses {majority} ({n_major}) but has {n_minor} {minor}; this is the first.",
        rule.render_message(&c.to_string(), None)
    );
    f.labels = odd
        .take(5)
        .map(|(j, c)| (ProseSpan::new(j, j + c.len_utf8()), "also here".to_string()))
        .collect();
    out.push(f);
}

impl super::RuleKind for QuoteStyle {
    type Spec = QuoteStyleSpec;
    const NAME: &'static str = "quote-style";

    fn compile(
        spec: QuoteStyleSpec,
        ctx: &super::Compile<'_>,
    ) -> Result<Self, crate::error::FileError> {
        QuoteStyle::compile(spec, ctx.err)
    }

    fn scans(&self) -> bool {
        true
    }

    fn check(&self, rule: &super::Rule, input: &super::Input<'_>, out: &mut Vec<super::Finding>) {
        QuoteStyle::check(self, rule, input, out)
    }
}
