//! Inline suppression comments in Markdown and HTML:
//!
//! - `<!-- copydesk-disable [rules] -->` … `<!-- copydesk-enable [rules] -->`
//! - `<!-- copydesk-disable-next-line [rules] -->`: the next source line that has prose
//! - `<!-- copydesk-disable-file [rules] -->`
//!
//! Rules are ids or `pack.*`, separated by spaces or commas; none means all. A reason may
//! follow ` -- `. Unknown rule ids are reported; so, on request, are directives that
//! suppressed nothing.

use crate::diagnostic::{Diagnostic, Severity};
use crate::text::markup::Prose;
use crate::text::source::SourceFile;
use crate::text::span::Span;
use std::sync::Arc;

/// Rule id of the warning for an unknown rule in a directive.
pub const UNKNOWN_RULE: &str = "copydesk.unknown-rule";
/// Rule id of the report of a directive that suppressed nothing.
pub const UNUSED: &str = "copydesk.unused-suppression";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    NextLine,
    File,
}

#[derive(Debug)]
struct Directive {
    kind: Kind,
    span: Span,
    selectors: Vec<String>,
    /// For next-line directives: the line they apply to.
    target_line: Option<usize>,
    used: bool,
}

fn parse(inner: &str) -> Option<(Kind, Vec<String>)> {
    let t = inner.trim();
    let (kind, rest) = [
        ("copydesk-disable-next-line", Kind::NextLine),
        ("copydesk-disable-file", Kind::File),
        ("copydesk-disable", Kind::Disable),
        ("copydesk-enable", Kind::Enable),
    ]
    .iter()
    .find_map(|(kw, k)| {
        let rest = t.strip_prefix(kw)?;
        (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some((*k, rest))
    })?;
    let rules = match rest.find(" --") {
        Some(i) => &rest[..i],
        None => rest,
    };
    let selectors = rules
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    Some((kind, selectors))
}

fn matches(selectors: &[String], rule: &str) -> bool {
    selectors.is_empty()
        || selectors.iter().any(|s| {
            s == "*"
                || s == rule
                || s.strip_suffix(".*")
                    .is_some_and(|p| rule.split('.').next() == Some(p))
        })
}

/// Applies the directives in `prose.comments` to `diags`: drops suppressed diagnostics and
/// adds warnings for unknown rules (and, if asked, reports of unused directives).
/// `known` says whether a selector names at least one rule; `suggest`, for one that
/// does not, the selector it probably meant.
pub fn apply(
    source: &SourceFile,
    prose: &Prose,
    diags: &mut Vec<Diagnostic>,
    known: &dyn Fn(&str) -> bool,
    suggest: &dyn Fn(&str) -> Option<String>,
    report_unused: bool,
) {
    let mut dirs: Vec<Directive> = prose
        .comments
        .iter()
        .filter_map(|(span, inner)| {
            let (kind, selectors) = parse(inner)?;
            let target_line =
                (kind == Kind::NextLine).then(|| next_prose_line(source, prose, span.end));
            Some(Directive {
                kind,
                span: *span,
                selectors,
                target_line: target_line.flatten(),
                used: false,
            })
        })
        .collect();
    if dirs.is_empty() {
        return;
    }
    diags.retain(|d| !suppressed(d, &mut dirs));
    let mut extra = Vec::new();
    for dir in &dirs {
        for sel in &dir.selectors {
            if sel != "*" && !known(sel) {
                extra.push(directive_diag(
                    source,
                    dir.span,
                    UNKNOWN_RULE,
                    Severity::Warning,
                    match suggest(sel) {
                        Some(s) => format!(
                            "Unknown rule `{sel}` in a suppression comment; did you mean `{s}`?"
                        ),
                        None => format!("Unknown rule `{sel}` in a suppression comment."),
                    },
                ));
            }
        }
        if report_unused && !dir.used && dir.kind != Kind::Enable {
            extra.push(directive_diag(
                source,
                dir.span,
                UNUSED,
                Severity::Warning,
                "This suppression comment suppresses nothing.".to_string(),
            ));
        }
    }
    diags.extend(extra);
}

fn suppressed(d: &Diagnostic, dirs: &mut [Directive]) -> bool {
    let rule = &*d.rule;
    // File-wide first.
    if let Some(dir) = dirs
        .iter_mut()
        .find(|x| x.kind == Kind::File && matches(&x.selectors, rule))
    {
        dir.used = true;
        return true;
    }
    if let Some(dir) = dirs.iter_mut().find(|x| {
        x.kind == Kind::NextLine && x.target_line == Some(d.line) && matches(&x.selectors, rule)
    }) {
        dir.used = true;
        return true;
    }
    // Regions: the last disable/enable before the diagnostic that concerns this rule wins.
    let mut active: Option<usize> = None;
    for (i, dir) in dirs.iter().enumerate() {
        if dir.span.end > d.span.start {
            break;
        }
        match dir.kind {
            Kind::Disable if matches(&dir.selectors, rule) => active = Some(i),
            Kind::Enable if matches(&dir.selectors, rule) => active = None,
            _ => {}
        }
    }
    if let Some(i) = active {
        dirs[i].used = true;
        return true;
    }
    false
}

/// The line of the first prose after `offset` that is on a later line than `offset`.
fn next_prose_line(source: &SourceFile, prose: &Prose, offset: usize) -> Option<usize> {
    let (line, _) = source.line_col(offset);
    prose
        .pieces
        .iter()
        .filter(|p| p.src.start >= offset)
        .map(|p| source.line_col(p.src.start).0)
        .find(|&l| l > line)
}

fn directive_diag(
    source: &SourceFile,
    span: Span,
    rule: &str,
    severity: Severity,
    message: String,
) -> Diagnostic {
    let (line, column) = source.line_col(span.start);
    let (end_line, end_column) = source.line_col(span.end);
    Diagnostic {
        rule: Arc::from(rule),
        severity,
        span,
        message,
        help: None,
        suggestions: Vec::new(),
        fix: None,
        labels: Vec::new(),
        line,
        column,
        end_line,
        end_column,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_directives() {
        assert_eq!(parse(" copydesk-disable "), Some((Kind::Disable, vec![])));
        assert_eq!(
            parse("copydesk-disable-next-line variants.places, errors.* -- quoting the treaty"),
            Some((
                Kind::NextLine,
                vec!["variants.places".into(), "errors.*".into()]
            ))
        );
        assert_eq!(parse("copydesk-disabled"), None);
        assert_eq!(parse("a comment"), None);
    }
}
