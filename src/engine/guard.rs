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
        let safe: Vec<usize> = (0..diags.len()).filter(|&i| is_safe(&diags[i])).collect();
        if safe.is_empty() {
            return;
        }
        let (fixed, regions) = apply_tracked(text, diags, &safe);
        let after = relint(&fixed);
        let before: Vec<(String, &str)> = diags
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
            .map(|d| (d.rule.to_string(), &text[d.span.range()]))
            .collect();
        let mut bad = Vec::new();
        for (i, region) in &regions {
            let worse = after.iter().any(|a| {
                a.severity >= Severity::Warning
                    && touches(a.span, *region)
                    && !before
                        .iter()
                        .any(|(r, t)| **r == *a.rule && *t == &fixed[a.span.range()])
            });
            if worse {
                bad.push(*i);
            }
        }
        // Safe fixes that `apply` skipped (overlaps) are left for a later pass.
        if bad.is_empty() {
            return;
        }
        for i in bad {
            demote(&mut diags[i]);
        }
        if round + 1 == ROUNDS {
            for i in safe {
                demote(&mut diags[i]);
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

/// Whether span `a` (in the fixed text) overlaps or touches `region`.
fn touches(a: Span, region: Span) -> bool {
    a.start <= region.end && region.start <= a.end
}

/// The text with the fixes of `diags[which]` applied as [`super::fix::apply`] applies
/// them (in order, skipping an edit that overlaps one taken), and for each diagnostic
/// whose fix was applied, the region of the fixed text its edits cover.
fn apply_tracked(
    text: &str,
    diags: &[Diagnostic],
    which: &[usize],
) -> (String, Vec<(usize, Span)>) {
    let mut fixes: Vec<(usize, &crate::diagnostic::Fix)> = which
        .iter()
        .filter_map(|&i| diags[i].fix.as_ref().map(|f| (i, f)))
        .collect();
    fixes.sort_by_key(|(_, f)| f.edits.first().map(|e| (e.span.start, e.span.end)));
    let mut taken: Vec<(usize, &crate::diagnostic::Edit)> = Vec::new();
    for (i, f) in fixes {
        let ok = f.edits.iter().all(|e| {
            e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
                && !taken
                    .iter()
                    .any(|(_, t)| t.span.overlaps(&e.span) || t.span == e.span)
        });
        if ok {
            taken.extend(f.edits.iter().map(|e| (i, e)));
        }
    }
    taken.sort_by_key(|(_, e)| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut regions: Vec<(usize, Span)> = Vec::new();
    let mut pos = 0;
    for (i, e) in taken {
        if e.span.start < pos {
            continue;
        }
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
