//! Applying fixes to text: non-overlapping edits in one pass, in source order.

use crate::diagnostic::{Applicability, Diagnostic};
use std::collections::BTreeMap;

/// The edits `apply` takes from the fixes of `diags` whose applicability is at least
/// `min`, each with the index of its diagnostic, sorted by position: fixes in order of
/// their first edit, skipping one with an edit that overlaps an edit already taken (a
/// later pass can apply it) or lies outside the text.
pub fn select<'d>(
    text: &str,
    diags: &'d [Diagnostic],
    min: Applicability,
) -> Vec<(usize, &'d crate::diagnostic::Edit)> {
    let mut fixes: Vec<(usize, &crate::diagnostic::Fix)> = diags
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.fix.as_ref().map(|f| (i, f)))
        .filter(|(_, f)| f.applicability >= min && !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|(_, f)| f.edits.first().map(|e| (e.span.start, e.span.end)));
    // The edits taken, by start. An edit can clash only with one that starts at most the
    // longest taken edit's length before it, so each check looks at a few neighbours and
    // a text with many fixes is fixed in linear time.
    let mut taken: BTreeMap<usize, Vec<(usize, &crate::diagnostic::Edit)>> = BTreeMap::new();
    let mut longest = 0;
    for (i, fix) in fixes {
        let clashes = fix.edits.iter().any(|e| {
            taken
                .range(e.span.start.saturating_sub(longest)..=e.span.end)
                .flat_map(|(_, at)| at)
                .any(|(_, t)| t.span.overlaps(&e.span) || t.span == e.span)
        });
        let in_bounds = fix.edits.iter().all(|e| {
            e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        if clashes || !in_bounds {
            continue;
        }
        for e in &fix.edits {
            longest = longest.max(e.span.end.saturating_sub(e.span.start));
            taken.entry(e.span.start).or_default().push((i, e));
        }
    }
    taken.into_values().flatten().collect()
}

/// Applies the fixes of `diags` whose applicability is at least `min` to `text` (the
/// edits [`select`] takes). Returns the new text and how many fixes were applied.
pub fn apply(text: &str, diags: &[Diagnostic], min: Applicability) -> (String, usize) {
    let edits = select(text, diags, min);
    let mut fixes: Vec<usize> = edits.iter().map(|(i, _)| *i).collect();
    fixes.sort_unstable();
    fixes.dedup();
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (_, e) in edits {
        out.push_str(&text[pos..e.span.start]);
        out.push_str(&e.replacement);
        pos = e.span.end;
    }
    out.push_str(&text[pos..]);
    (out, fixes.len())
}

/// The result of fixing one text until it is stable.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The final text.
    pub text: String,
    /// Fixes applied over all passes.
    pub applied: usize,
    /// Findings left in the final text.
    pub remaining: Vec<Diagnostic>,
    /// Rules whose fixes still changed the text after the last allowed pass: a bug in
    /// those rules (they undo each other), reported rather than looping forever.
    pub unstable: Vec<String>,
}

/// Passes before giving up on a text that keeps changing.
pub const MAX_PASSES: usize = 10;

/// Applies fixes, re-lints and repeats until nothing changes (at most [`MAX_PASSES`]).
/// `lint` lints a text; it is called once more on the final text.
pub fn fix_until_stable(
    text: &str,
    min: Applicability,
    lint: &dyn Fn(&str) -> Vec<Diagnostic>,
) -> Fixed {
    let mut current = text.to_string();
    let mut diags = lint(&current);
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let (next, n) = apply(&current, &diags, min);
        if n == 0 || next == current {
            return Fixed {
                text: current,
                applied,
                remaining: diags,
                unstable: Vec::new(),
            };
        }
        applied += n;
        current = next;
        diags = lint(&current);
    }
    let mut unstable: Vec<String> = diags
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability >= min))
        .map(|d| d.rule.to_string())
        .collect();
    unstable.sort();
    unstable.dedup();
    Fixed {
        text: current,
        applied,
        remaining: diags,
        unstable,
    }
}
