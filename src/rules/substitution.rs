//! `substitution`: a wrong form and its preferred form(s), matched whole-word through the
//! shared matcher; suggestions keep the case and apostrophe style of the text found.

use super::{adapt_case, normalize_phrase, Finding, Input, Literal, Rule};
use crate::error::FileError;
use crate::pack::schema::{OneOrMany, SubstitutionSpec};
use crate::span::ProseSpan;

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
            exceptions: spec
                .exceptions
                .iter()
                .map(|e| normalize_phrase(e))
                .collect(),
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
            ignore_case: false,
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
            let full: Vec<String> = to
                .iter()
                .map(|r| adapt_case(matched, r, input.curly))
                .collect();
            // Point at the words that differ ("the length's he" -> "length's"), keep the
            // whole phrase in the message.
            let (span, suggestions) = narrow(matched, hit.span, &full);
            let mut f = rule.replace_finding(input, span, suggestions);
            f.message = rule.render_message(matched, full.first().map(String::as_str));
            out.push(f);
        }
    }
}

/// Narrows a phrase match to the words that differ from every suggestion. Words are split
/// on single spaces (prose folds line breaks to one space). Returns the span and the
/// narrowed suggestions; the whole match when nothing can be narrowed.
fn narrow(matched: &str, span: ProseSpan, suggestions: &[String]) -> (ProseSpan, Vec<String>) {
    let words: Vec<&str> = matched.split(' ').collect();
    if words.len() < 2 || suggestions.is_empty() {
        return (span, suggestions.to_vec());
    }
    let split: Vec<Vec<&str>> = suggestions.iter().map(|s| s.split(' ').collect()).collect();
    let prefix = split
        .iter()
        .map(|r| words.iter().zip(r).take_while(|(a, b)| a == b).count())
        .min()
        .unwrap_or(0);
    let suffix = split
        .iter()
        .map(|r| {
            words
                .iter()
                .rev()
                .zip(r.iter().rev())
                .take_while(|(a, b)| a == b)
                .count()
        })
        .min()
        .unwrap_or(0);
    let fits = |n: usize| prefix + suffix < n;
    if (prefix == 0 && suffix == 0) || !fits(words.len()) || !split.iter().all(|r| fits(r.len())) {
        return (span, suggestions.to_vec());
    }
    let start = words[..prefix].iter().map(|w| w.len() + 1).sum::<usize>();
    let end = matched.len()
        - words[words.len() - suffix..]
            .iter()
            .map(|w| w.len() + 1)
            .sum::<usize>();
    let narrowed = split
        .iter()
        .map(|r| r[prefix..r.len() - suffix].join(" "))
        .collect();
    (
        ProseSpan::new(span.start + start, span.start + end),
        narrowed,
    )
}

fn fold(s: &str) -> String {
    s.to_lowercase().replace('’', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrows_to_the_differing_words() {
        let n = |m: &str, r: &[&str]| {
            let (s, sug) = narrow(
                m,
                ProseSpan::new(10, 10 + m.len()),
                &r.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
            );
            (m[s.start - 10..s.end - 10].to_string(), sug)
        };
        assert_eq!(
            n("the length's he", &["the lengths he"]),
            ("length's".into(), vec!["lengths".into()])
        );
        assert_eq!(
            n("free reign", &["free rein"]),
            ("reign".into(), vec!["rein".into()])
        );
        assert_eq!(
            n("no where", &["nowhere"]),
            ("no where".into(), vec!["nowhere".into()])
        );
        assert_eq!(
            n("should of", &["should have"]),
            ("of".into(), vec!["have".into()])
        );
        assert_eq!(
            n("one in the same", &["one and the same"]),
            ("in".into(), vec!["and".into()])
        );
    }
}
