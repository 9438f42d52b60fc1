//! The engine lints one source: extract prose, run the shared matcher once, let every
//! active rule check its hits, map findings to source spans, drop what the writer
//! accepted, and sort. Pure: no I/O, no printing.

pub mod fix;
pub(crate) mod suppress;
#[cfg(test)]
mod triggers_tests;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
use crate::registry::Registry;
use crate::rules::{Finding, Hit, Input};
use crate::text::markup::{self, ExtractOptions, Format, Prose};
use crate::text::source::SourceFile;
use crate::text::span::ProseSpan;

/// Which rules run on a file, at what severity, and what words the writer accepts.
#[derive(Debug, Clone)]
pub struct RuleSettings {
    /// Per rule (registry order): on or off.
    pub active: Vec<bool>,
    /// Per rule: severity.
    pub severity: Vec<Severity>,
    /// Accepted words and phrases, lower-cased with straight apostrophes.
    pub accept: Vec<String>,
    /// Report suppression comments that suppressed nothing.
    pub report_unused_suppressions: bool,
    /// The lexicon's dialect bits the spelling dictionary accepts.
    pub dialects: u8,
}

impl RuleSettings {
    /// The rules' own defaults: enabled rules on, at their declared severity.
    pub fn defaults(reg: &Registry) -> Self {
        RuleSettings {
            active: reg.rules().iter().map(|r| r.enabled).collect(),
            severity: reg.rules().iter().map(|r| r.severity).collect(),
            accept: Vec::new(),
            report_unused_suppressions: false,
            dialects: crate::lang::dialect::ANY,
        }
    }

    /// Only the rule at `index` on (used to run one rule's examples).
    pub fn only(reg: &Registry, index: usize) -> Self {
        let mut s = Self::defaults(reg);
        s.active = (0..reg.rules().len()).map(|i| i == index).collect();
        s
    }
}

/// Lints a source file as `format`.
pub fn lint(
    source: &SourceFile,
    format: Format,
    opts: &ExtractOptions,
    reg: &Registry,
    settings: &RuleSettings,
) -> Vec<Diagnostic> {
    let prose = markup::extract(&source.text, format, opts);
    lint_prose(source, &prose, reg, settings)
}

/// Lints already extracted prose of `source`.
pub fn lint_prose(
    source: &SourceFile,
    prose: &Prose,
    reg: &Registry,
    settings: &RuleSettings,
) -> Vec<Diagnostic> {
    // Callers compile the registry first and report its errors; a registry that does not
    // compile finds nothing.
    let Ok(compiled) = reg.compiled() else {
        return Vec::new();
    };
    // One scan for runs of word characters, shared by the phrase matcher and the words.
    // Sized for a typical word length, so the runs of a long document are not copied
    // over and over as the vector doubles.
    let mut runs: Vec<(usize, usize)> = Vec::with_capacity(prose.text.len() / 6 + 1);
    crate::text::tokens::push_word_runs(&prose.text, &mut runs);
    let mut hits = compiled.find_in_runs(&prose.text, &runs, &settings.active);
    // Counted with memchr: `str::matches` on a char steps through every candidate byte
    // with the general searcher, 35 M instructions over the corpus.
    let bytes = prose.text.as_bytes();
    let curly = memchr::memmem::find_iter(bytes, "’".as_bytes()).count()
        > memchr::memchr_iter(b'\'', bytes).count();
    let mut out = Vec::new();
    let mut findings = Vec::new();
    // A finding of rule `ri` as a diagnostic at the severity the settings give it.
    let diagnostic = |ri: usize, f: Finding| {
        let rule = &reg.rules()[ri];
        let severity = settings.severity.get(ri).copied().unwrap_or(rule.severity);
        to_diagnostic(
            source,
            prose,
            rule.id.clone(),
            severity,
            rule.help.clone(),
            rule.fix,
            f,
        )
    };
    let mut claimed: Vec<ProseSpan> = Vec::new();
    let mut deferred: Vec<(usize, Finding)> = Vec::new();
    let sentences = std::cell::OnceCell::new();
    let block_sentences = std::cell::OnceCell::new();
    let quotations = std::cell::OnceCell::new();
    let words = std::cell::OnceCell::new();
    let tagged = std::cell::OnceCell::new();
    for (ri, rule) in reg.rules().iter().enumerate() {
        if !settings.active.get(ri).copied().unwrap_or(false) {
            continue;
        }
        let Some(kind) = compiled.kind(ri) else {
            continue;
        };
        let raw = std::mem::take(&mut hits.main[ri]);
        // Gate hits (words that decide where a rule's patterns run) are not findings:
        // they bypass exceptions and overlap resolution, which would drop one that
        // overlaps a finding.
        let main = if raw.iter().any(|h| kind.is_gate(h.local)) {
            let (gates, found): (Vec<Hit>, Vec<Hit>) =
                raw.into_iter().partition(|h| kind.is_gate(h.local));
            let mut main = clean_hits(found, &hits.exceptions[ri]);
            main.extend(gates);
            main
        } else {
            clean_hits(raw, &hits.exceptions[ri])
        };
        if main.is_empty() && !kind.scans() {
            continue;
        }
        let input = Input {
            prose,
            hits: &main,
            exceptions: &hits.exceptions[ri],
            curly,
            dialects: settings.dialects,
            sentences: &sentences,
            block_sentences: &block_sentences,
            quotations: &quotations,
            words: &words,
            tagged: &tagged,
            runs: &runs,
        };
        findings.clear();
        kind.check(rule, &input, &mut findings);
        // The dictionary is the fallback: a word another rule reports (a listed
        // misspelling, a confused word) is reported once, by that rule, after all rules
        // have run.
        let fallback = kind.name() == crate::rules::dictionary::NAME;
        for f in findings.drain(..) {
            if followed_by_sic(&prose.text, f.span)
                || accepted(&prose.text, f.span, &settings.accept)
            {
                continue;
            }
            if fallback {
                deferred.push((ri, f));
                continue;
            }
            claimed.push(f.span);
            out.push(diagnostic(ri, f));
        }
    }
    // Sorted by start with the furthest end so far: a deferred span overlaps a claimed
    // one exactly when some claimed span starting before its end reaches past its start.
    claimed.sort_unstable_by_key(|c| c.start);
    let reach: Vec<usize> = claimed
        .iter()
        .scan(0, |m, c| {
            *m = (*m).max(c.end);
            Some(*m)
        })
        .collect();
    for (ri, f) in deferred {
        let before = claimed.partition_point(|c| c.start < f.span.end);
        if before > 0 && reach[before - 1] > f.span.start {
            continue;
        }
        out.push(diagnostic(ri, f));
    }
    let known = |sel: &str| !reg.select(sel).is_empty();
    crate::engine::suppress::apply(
        source,
        prose,
        &mut out,
        &known,
        &|sel: &str| reg.suggest(sel, &[]),
        settings.report_unused_suppressions,
    );
    out.sort_by(|a, b| {
        (a.span.start, &a.rule, a.span.end).cmp(&(b.span.start, &b.rule, b.span.end))
    });
    out.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
    out
}

/// Sorts hits, drops those inside an exception, and keeps the longest of overlapping hits.
/// Linear after sorting: a hit lies inside an exception exactly when the exceptions that
/// start at or before it reach at least as far as it does.
fn clean_hits(mut main: Vec<Hit>, exceptions: &[crate::text::span::ProseSpan]) -> Vec<Hit> {
    main.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end), h.local));
    let mut starts: Vec<(usize, usize)> = exceptions.iter().map(|e| (e.start, e.end)).collect();
    starts.sort_unstable();
    let mut next = starts.iter().peekable();
    let mut reach: Option<usize> = None;
    let mut kept: Vec<Hit> = Vec::with_capacity(main.len());
    for h in main {
        while let Some(&&(start, end)) = next.peek() {
            if start > h.span.start {
                break;
            }
            reach = Some(reach.map_or(end, |r| r.max(end)));
            next.next();
        }
        if reach.is_some_and(|r| h.span.end <= r) {
            continue;
        }
        if kept.last().is_some_and(|k| h.span.start < k.span.end) {
            continue;
        }
        kept.push(h);
    }
    kept
}

/// Editorial convention: a word followed by “[sic]” was reproduced as written on purpose.
fn followed_by_sic(text: &str, span: ProseSpan) -> bool {
    let rest = text[span.end..].trim_start_matches([' ', '\u{a0}']);
    let rest = rest.trim_start_matches(['"', '”', '\'', '’', ',']);
    let rest = rest.trim_start_matches([' ', '\u{a0}']);
    rest.len() >= 5
        && rest.is_char_boundary(5)
        && (rest[..5].eq_ignore_ascii_case("[sic]") || rest[..5].eq_ignore_ascii_case("(sic)"))
}

/// Whether the finding's text is an accepted word or lies in an accepted phrase.
fn accepted(text: &str, span: ProseSpan, accept: &[String]) -> bool {
    if accept.is_empty() {
        return false;
    }
    let fold = |s: &str| s.to_lowercase().replace('’', "'");
    let found = fold(&text[span.range()]);
    accept.iter().any(|term| {
        if *term == found {
            return true;
        }
        if term.len() <= found.len() || !term.contains(found.as_str()) {
            return false;
        }
        // The phrase may start up to its own length before the finding.
        let lo =
            crate::text::source::floor_char_boundary(text, span.start.saturating_sub(term.len()));
        let hi =
            crate::text::source::floor_char_boundary(text, (span.end + term.len()).min(text.len()));
        let window = fold(&text[lo..hi]);
        window.contains(term.as_str())
    })
}

fn to_diagnostic(
    source: &SourceFile,
    prose: &Prose,
    rule: std::sync::Arc<str>,
    severity: Severity,
    help: Option<String>,
    applicability: Applicability,
    f: Finding,
) -> Diagnostic {
    let span = prose.to_source(f.span);
    let (line, column) = source.line_col(span.start);
    let (end_line, end_column) = source.line_col(span.end);
    let fix = if f.edits.is_empty() || applicability == Applicability::None {
        None
    } else {
        Some(Fix {
            edits: f
                .edits
                .into_iter()
                .map(|(s, replacement)| Edit {
                    span: prose.to_source(s),
                    replacement,
                })
                .collect(),
            applicability,
        })
    };
    Diagnostic {
        rule,
        severity,
        span,
        message: f.message,
        help,
        suggestions: f.suggestions,
        fix,
        labels: f
            .labels
            .into_iter()
            .map(|(s, message)| Label {
                span: prose.to_source(s),
                message,
            })
            .collect(),
        line,
        column,
        end_line,
        end_column,
    }
}
