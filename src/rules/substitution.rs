//! `substitution`: a wrong form and its preferred form(s), matched whole-word through the
//! shared matcher; suggestions keep the case and apostrophe style of the text found.

use super::{adapt_case, normalize_phrase, Finding, Input, Literal, Rule};
use crate::error::FileError;
use crate::text::span::ProseSpan;
use serde::Deserialize;
use std::collections::BTreeMap;

/// One suggestion or several, or a dated entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// One replacement.
    One(String),
    /// Several, best first.
    Many(Vec<String>),
    /// A rename with the year it took effect: `{ to = "Kyiv", since = 2019 }`.
    Dated(Dated),
}

/// A replacement that applies only to text written in or after a year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dated {
    /// The replacement (or several, best first).
    pub to: Box<OneOrMany>,
    /// The year the style guides adopted it: text dated earlier keeps the old form.
    pub since: i32,
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
    /// Contexts where matches are not reported (`glosses`, `quotations`, `names`).
    #[serde(default)]
    pub skip: Vec<super::context::Skip>,
    /// Wrong form -> preferred form(s).
    pub swap: BTreeMap<String, OneOrMany>,
}

/// Compiled substitution data.
#[derive(Debug)]
pub struct Substitution {
    entries: Vec<(String, Vec<String>)>,
    /// Per entry: the year its replacement took effect, if it is dated.
    since: Vec<Option<i32>>,
    exceptions: Vec<String>,
    ignore_case: bool,
    skip: Vec<super::context::Skip>,
}

impl Substitution {
    /// Compiles the spec; `check_cycles` refuses entries whose fixes would rewrite each
    /// other forever (skipped for the shipped packs, which the tests check once).
    pub fn compile(
        spec: SubstitutionSpec,
        err: &dyn Fn(&str, String) -> FileError,
        check_cycles: bool,
    ) -> Result<Self, FileError> {
        if spec.swap.is_empty() {
            return Err(err("swap", "`swap` has no entries".into()));
        }
        let mut entries = Vec::with_capacity(spec.swap.len());
        let mut since = Vec::with_capacity(spec.swap.len());
        for (wrong, right) in spec.swap {
            let (right, year) = match right {
                OneOrMany::Dated(d) => (*d.to, Some(d.since)),
                other => (other, None),
            };
            let to = match right {
                OneOrMany::One(s) => vec![s],
                OneOrMany::Many(v) => v,
                OneOrMany::Dated(_) => {
                    return Err(err(
                        &wrong,
                        format!("`{wrong}`: `to` must be a string or a list of strings"),
                    ));
                }
            };
            since.push(year);
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
        if let Some(cycle) = check_cycles.then(|| fix_cycle(&entries)).flatten() {
            let first = &entries[cycle[0]].0;
            let msg = if cycle.len() == 1 {
                format!(
                    "the replacement of `{first}` contains `{first}` again: a fix would never finish"
                )
            } else {
                let chain: Vec<&str> = cycle
                    .iter()
                    .chain(std::iter::once(&cycle[0]))
                    .map(|&i| entries[i].0.as_str())
                    .collect();
                format!(
                    "replacements form a cycle ({}): a fix would never finish",
                    chain.join(" -> ")
                )
            };
            return Err(err(first, msg));
        }
        Ok(Substitution {
            entries,
            since,
            skip: spec.skip,
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
            // A rename adopted after the article was written does not apply to it.
            if let (Some(Some(since)), Some(year)) =
                (self.since.get(hit.local as usize), input.as_of)
            {
                if year < *since {
                    continue;
                }
            }
            if !self.skip.is_empty() && super::context::skipped(input, hit.span, &self.skip, false)
            {
                continue;
            }
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

/// A chain of entries whose fixes would rewrite each other forever: entry `i` leads to
/// entry `j` when the replacement a fix applies for `i` (its first) contains the wrong form
/// of `j` as a whole phrase. Returns the entries of the first cycle found, in order.
fn fix_cycle(entries: &[(String, Vec<String>)]) -> Option<Vec<usize>> {
    let wrong: Vec<String> = entries.iter().map(|(w, _)| fold(w)).collect();
    let ac = aho_corasick::AhoCorasick::new(&wrong).ok()?;
    let next: Vec<Vec<usize>> = entries
        .iter()
        .map(|(_, to)| {
            let Some(r) = to.first().map(|t| fold(&normalize_phrase(t))) else {
                return Vec::new();
            };
            let mut out: Vec<usize> = ac
                .find_overlapping_iter(&r)
                .filter(|m| whole_phrase(&r, m.start(), m.end()))
                .map(|m| m.pattern().as_usize())
                .collect();
            out.sort_unstable();
            out.dedup();
            out
        })
        .collect();
    // Depth-first search with colours: 0 unseen, 1 on the current path, 2 done.
    let mut colour = vec![0u8; entries.len()];
    for root in 0..entries.len() {
        if colour[root] != 0 {
            continue;
        }
        let mut path: Vec<usize> = vec![root];
        let mut stack: Vec<std::slice::Iter<'_, usize>> = vec![next[root].iter()];
        colour[root] = 1;
        while let Some(it) = stack.last_mut() {
            match it.next() {
                Some(&j) if colour[j] == 1 => {
                    let at = path.iter().position(|&p| p == j).unwrap_or(0);
                    return Some(path[at..].to_vec());
                }
                Some(&j) if colour[j] == 0 => {
                    colour[j] = 1;
                    path.push(j);
                    stack.push(next[j].iter());
                }
                Some(_) => {}
                None => {
                    stack.pop();
                    if let Some(done) = path.pop() {
                        colour[done] = 2;
                    }
                }
            }
        }
    }
    None
}

/// Whether `text[start..end]` stands as a phrase: no word character joins it on a side
/// where it begins or ends with one (as the shared matcher requires).
fn whole_phrase(text: &str, start: usize, end: usize) -> bool {
    let inner = &text[start..end];
    let joined_before = inner
        .chars()
        .next()
        .is_some_and(crate::text::tokens::is_word_char)
        && text[..start]
            .chars()
            .next_back()
            .is_some_and(crate::text::tokens::is_word_char);
    let joined_after = inner
        .chars()
        .next_back()
        .is_some_and(crate::text::tokens::is_word_char)
        && text[end..]
            .chars()
            .next()
            .is_some_and(crate::text::tokens::is_word_char);
    !joined_before && !joined_after
}

fn fold(s: &str) -> String {
    s.to_lowercase().replace('’', "'")
}

impl super::RuleKind for Substitution {
    type Spec = SubstitutionSpec;
    const NAME: &'static str = "substitution";

    fn compile(
        spec: SubstitutionSpec,
        ctx: &super::Compile<'_>,
    ) -> Result<Self, crate::error::FileError> {
        Substitution::compile(spec, ctx.err, ctx.thorough)
    }

    fn literals(&self) -> Vec<super::Literal> {
        Substitution::literals(self)
    }

    fn scans(&self) -> bool {
        false
    }

    fn check(&self, rule: &super::Rule, input: &super::Input<'_>, out: &mut Vec<super::Finding>) {
        Substitution::check(self, rule, input, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fix_cycles_are_found() {
        let e = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(w, r)| (w.to_string(), vec![r.to_string()]))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fix_cycle(&e(&[("e-mail", "e-mail address")])),
            Some(vec![0])
        );
        assert_eq!(fix_cycle(&e(&[("Web", "the web site")])), Some(vec![0]));
        assert_eq!(
            fix_cycle(&e(&[("x", "y"), ("colour", "color"), ("color", "colour")])),
            Some(vec![1, 2])
        );
        assert_eq!(
            fix_cycle(&e(&[("mail", "email"), ("a", "b"), ("b", "c")])),
            None
        );
        assert_eq!(fix_cycle(&e(&[("alot", "a lot")])), None);
    }

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
