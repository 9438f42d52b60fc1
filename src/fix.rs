//! Applying fixes to text: non-overlapping edits in one pass, in source order.

use crate::diagnostic::{Applicability, Diagnostic};

/// Applies the fixes of `diags` whose applicability is at least `min` to `text`. Edits that
/// overlap an edit already taken are skipped (a later pass can apply them). Returns the new
/// text and how many fixes were applied.
pub fn apply(text: &str, diags: &[Diagnostic], min: Applicability) -> (String, usize) {
    let mut fixes: Vec<_> = diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability >= min && !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|f| f.edits.first().map(|e| (e.span.start, e.span.end)));
    let mut taken: Vec<&crate::diagnostic::Edit> = Vec::new();
    let mut applied = 0;
    for fix in fixes {
        let clashes = fix
            .edits
            .iter()
            .any(|e| taken.iter().any(|t| t.span.overlaps(&e.span) || t.span == e.span));
        let in_bounds = fix
            .edits
            .iter()
            .all(|e| e.span.end <= text.len() && text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        if clashes || !in_bounds {
            continue;
        }
        taken.extend(fix.edits.iter());
        applied += 1;
    }
    taken.sort_by_key(|e| e.span.start);
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in taken {
        out.push_str(&text[pos..e.span.start]);
        out.push_str(&e.replacement);
        pos = e.span.end;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}
