//! Safe fixes that never make a text worse. A fix is offered as safe only if
//!
//! - every word its edit leaves behind is a dictionary word or a word of the fix's own
//!   replacement (a fix that deletes the apostrophe of “Its'” in “Its's” would leave
//!   “Itss”), and
//! - linting the text with the safe fixes applied finds no warning or error at the place
//!   of the edit that was not there before (the same rule flagging its own result again,
//!   or another rule flagging what the fix made).
//!
//! A fix that fails is demoted to unsafe: still suggested, applied only with
//! `--unsafe-fixes`. The check lints the fixed text once per round, and only for files
//! that have a safe fix.

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::text::span::Span;
use std::collections::HashSet;

/// Rounds of re-linting: a demotion changes which fixes apply, so the check is repeated
/// on the new set, up to this many times (after which every remaining safe fix that was
/// not yet confirmed is demoted).
const ROUNDS: usize = 3;

/// Demotes the safe fixes of `diags` that fail the checks above. `relint` lints a text
/// the way `diags` were found; `dialects` is the dictionary's (for the word check).
pub fn guard(
    text: &str,
    diags: &mut [Diagnostic],
    dialects: u8,
    relint: &dyn Fn(&str) -> Vec<Diagnostic>,
) {
    for d in diags.iter_mut() {
        let Some(fix) = d.fix.as_mut() else { continue };
        if fix.applicability == Applicability::Safe
            && fix
                .edits
                .iter()
                .any(|e| !leaves_words(text, e.span, &e.replacement, dialects))
        {
            fix.applicability = Applicability::Unsafe;
        }
    }
    for round in 0..ROUNDS {
        if !diags.iter().any(is_safe) {
            return;
        }
        let (fixed, regions) = apply_tracked(text, diags);
        let mut after = relint(&fixed);
        after.retain(|d| d.severity >= Severity::Warning);
        after.sort_by_key(|d| d.span.start);
        // The furthest end of the findings up to each one: the findings that reach a
        // region are found walking back from its end until the reach falls short.
        let reach: Vec<usize> = after
            .iter()
            .scan(0, |m, d| {
                *m = (*m).max(d.span.end);
                Some(*m)
            })
            .collect();
        // The findings the text had, where they stand in the fixed text: a finding
        // there of the same rule at the same place is not new.
        let shifts = shifts(&regions_edits(text, diags));
        let before: HashSet<(&str, usize, usize)> = diags
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
            .filter_map(|d| {
                let (s, e) = (moved(&shifts, d.span.start)?, moved(&shifts, d.span.end)?);
                Some((&*d.rule, s, e))
            })
            .collect();
        let mut bad = Vec::new();
        for (i, region) in &regions {
            // The edit's place: the edit with the word on either side of it, where an
            // article or a doubled word that the edit changes is found.
            let region = &neighbourhood(&fixed, *region);
            let mut j = after.partition_point(|a| a.span.start <= region.end);
            while j > 0 && reach[j - 1] >= region.start {
                j -= 1;
                let a = &after[j];
                let known = before.contains(&(&*a.rule, a.span.start, a.span.end));
                if touches(a.span, *region) && !known {
                    bad.push(*i);
                    break;
                }
            }
        }
        if bad.is_empty() {
            return;
        }
        let last = round + 1 == ROUNDS;
        for i in bad {
            demote(&mut diags[i]);
        }
        if last {
            for d in diags.iter_mut() {
                if is_safe(d) {
                    demote(d);
                }
            }
        }
    }
}

fn is_safe(d: &Diagnostic) -> bool {
    d.fix
        .as_ref()
        .is_some_and(|f| f.applicability == Applicability::Safe && !f.edits.is_empty())
}

fn demote(d: &mut Diagnostic) {
    if let Some(f) = d.fix.as_mut() {
        f.applicability = Applicability::Unsafe;
    }
}

/// The safe edits [`apply_tracked`] makes, as (start, end, length of the replacement).
fn regions_edits(text: &str, diags: &[Diagnostic]) -> Vec<(usize, usize, usize)> {
    super::fix::select(text, diags, Applicability::Safe)
        .into_iter()
        .map(|(_, e)| (e.span.start, e.span.end, e.replacement.len()))
        .collect()
}

/// For sorted edits, each edit's span with the shift of the text after it (the bytes
/// added, less those removed, up to and including it).
fn shifts(edits: &[(usize, usize, usize)]) -> Vec<(usize, usize, isize)> {
    let mut total = 0isize;
    edits
        .iter()
        .map(|&(s, e, n)| {
            total += n as isize - (e - s) as isize;
            (s, e, total)
        })
        .collect()
}

/// Where offset `pos` of the text stands after the edits; `None` inside an edit.
fn moved(shifts: &[(usize, usize, isize)], pos: usize) -> Option<usize> {
    let k = shifts.partition_point(|&(_, e, _)| e <= pos);
    if let Some(&(s, _, _)) = shifts.get(k) {
        if s < pos {
            return None;
        }
    }
    let shift = k.checked_sub(1).map_or(0, |j| shifts[j].2);
    usize::try_from(pos as isize + shift).ok()
}

/// `region` of `text` widened over the spaces and the word on each side.
fn neighbourhood(text: &str, region: Span) -> Span {
    let before = &text[..region.start];
    let b = before.trim_end_matches([' ', '\u{a0}']);
    let b = b.trim_end_matches(|c: char| wordish(c));
    let after = &text[region.end..];
    let a = after.trim_start_matches([' ', '\u{a0}']);
    let a = a.trim_start_matches(|c: char| wordish(c));
    Span::new(b.len(), text.len() - a.len())
}

/// Whether span `a` (in the fixed text) overlaps or touches `region`.
fn touches(a: Span, region: Span) -> bool {
    a.start <= region.end && region.start <= a.end
}

/// The text with the safe fixes of `diags` applied as [`super::fix::apply`] applies
/// them, and for each edit taken, its diagnostic and the region of the fixed text it
/// covers.
fn apply_tracked(text: &str, diags: &[Diagnostic]) -> (String, Vec<(usize, Span)>) {
    let edits = super::fix::select(text, diags, Applicability::Safe);
    let mut out = String::with_capacity(text.len());
    let mut regions = Vec::with_capacity(edits.len());
    let mut pos = 0;
    for (i, e) in edits {
        out.push_str(&text[pos..e.span.start]);
        let start = out.len();
        out.push_str(&e.replacement);
        regions.push((i, Span::new(start, out.len())));
        pos = e.span.end;
    }
    out.push_str(&text[pos..]);
    (out, regions)
}

/// A character that continues a word: a letter or digit, or an apostrophe or hyphen
/// inside one.
fn wordish(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')
}

/// Whether replacing `span` of `text` with `replacement` leaves only known words where
/// the edit meets the text around it.
pub(crate) fn leaves_words(text: &str, span: Span, replacement: &str, dialects: u8) -> bool {
    if span.end > text.len()
        || !text.is_char_boundary(span.start)
        || !text.is_char_boundary(span.end)
    {
        return true;
    }
    let before = &text[..span.start];
    let after = &text[span.end..];
    let left = before.len() - before.trim_end_matches(|c: char| wordish(c)).len();
    let right = after.len() - after.trim_start_matches(|c: char| wordish(c)).len();
    if left == 0 && right == 0 {
        return true;
    }
    let result = format!(
        "{}{}{}",
        &before[before.len() - left..],
        replacement,
        &after[..right]
    );
    let own: Vec<String> = replacement
        .split(|c: char| !wordish(c))
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect();
    result
        .split(|c: char| !wordish(c))
        .map(|w| w.trim_matches(|c: char| matches!(c, '\'' | '’' | '-')))
        .filter(|w| !w.is_empty())
        .all(|w| {
            let f = fold(w);
            let stem = f.strip_suffix("'s").unwrap_or(&f);
            own.iter().any(|o| o == stem || *o == f)
                || w.chars().any(|c| c.is_ascii_digit())
                || listed(w, dialects)
        })
}

/// Whether the lexicon lists a word (or the word of a possessive, or each part of a
/// hyphenated word) for the dialects: stricter than the speller's [`known`], which also
/// takes regular derivations, one of which a glued edit can land on (“Itss” read as the
/// plural of “its”).
///
/// [`known`]: crate::lang::spell::known
fn listed(w: &str, dialects: u8) -> bool {
    let lex = crate::lang::lexicon::lexicon();
    let has = |w: &str| lex.find(w).is_some_and(|e| e.dialects() & dialects != 0);
    let w = w.replace('’', "'");
    let base = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix('\''))
        .unwrap_or(&w);
    has(&w) || has(base) || (base.contains('-') && base.split('-').all(|p| p.is_empty() || has(p)))
}

/// A word lower-cased, with straight apostrophes.
fn fold(w: &str) -> String {
    w.to_lowercase().replace('’', "'")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::dialect::ANY;

    #[test]
    fn an_edit_that_glues_letters_is_not_a_word() {
        let t = "Its's gratifying.";
        assert!(!leaves_words(t, Span::new(0, 4), "Its", ANY));
        assert!(leaves_words("It's own way", Span::new(0, 4), "Its", ANY));
        assert!(leaves_words("Kiev's mayor", Span::new(0, 4), "Kyiv", ANY));
        assert!(leaves_words("the the data", Span::new(3, 7), "", ANY));
        assert!(leaves_words("an user", Span::new(0, 2), "a", ANY));
    }
}
