//! What the HTML report embeds: the run's findings as compact JSON for the page's script.
//! Repeated strings (messages, suggestions) are stored once in a table; each finding is
//! an array of numbers pointing into it; the text around findings is kept as passages
//! (one per run of nearby findings), with every finding's place in its passage in UTF-16
//! code units, as JavaScript counts.

use crate::diagnostic::{Diagnostic, Severity};
use crate::outcome::{FileReport, Outcome};
use crate::text::markup::{extract, ExtractOptions, Format};
use crate::text::source::floor_char_boundary;
use serde::Serialize;
use std::collections::HashMap;

/// How far around a finding its passage reaches at most, in bytes each way.
const CONTEXT: usize = 240;

/// Passages of one paragraph closer than this many bytes are joined.
const JOIN: usize = 400;

/// Whether `s` holds a blank line (a paragraph break).
fn blank_line(s: &str) -> bool {
    let mut breaks = 0;
    for c in s.chars() {
        match c {
            '\n' => breaks += 1,
            ' ' | '\t' | '\r' => {}
            _ => breaks = 0,
        }
        if breaks >= 2 {
            return true;
        }
    }
    false
}

/// The embedded document. Field names are short: a report of 100,000 findings repeats
/// them only in the table of files and rules.
#[derive(Debug, Serialize)]
pub struct Data {
    /// Format version of this document.
    pub version: u32,
    /// `copydesk X.Y.Z`.
    pub tool: String,
    /// What was linted, as given on the command line.
    pub paths: Vec<String>,
    /// The baseline findings were compared with, if any.
    pub baseline: Option<String>,
    /// Files linted.
    pub checked: usize,
    /// The rules that have findings: id, severity (0 info, 1 warning, 2 error), summary,
    /// link.
    pub rules: Vec<(String, u8, String, String)>,
    /// Files with findings: path, words of prose.
    pub files: Vec<(String, usize)>,
    /// Text around findings: file, 1-based line of its start, text.
    pub passages: Vec<(usize, usize, String)>,
    /// Messages and suggestions; entry 0 is the empty string.
    pub strings: Vec<String>,
    /// Findings: file, line, column, rule, severity, message, passage, start and end in
    /// the passage, suggestion, whether new (1) or in the baseline (0).
    pub findings: Vec<[usize; 11]>,
    /// Files that could not be linted: path, reason.
    pub failures: Vec<(String, String)>,
}

/// Builds the document for `outcome`; `known` says, file by file, which findings a
/// baseline has.
pub fn build(
    outcome: &Outcome,
    paths: Vec<String>,
    baseline: Option<(String, &[Vec<bool>])>,
) -> Data {
    let mut rule_ids: Vec<&str> = outcome
        .files
        .iter()
        .flat_map(|f| f.diagnostics.iter().map(|d| &*d.rule))
        .collect();
    rule_ids.sort_unstable();
    rule_ids.dedup();
    let rule_index: HashMap<&str, usize> =
        rule_ids.iter().enumerate().map(|(i, r)| (*r, i)).collect();
    let rules = rule_ids
        .iter()
        .map(|id| {
            let info = outcome.rule(id);
            (
                (*id).to_string(),
                info.map_or(1, |r| severity(r.severity)),
                info.map_or(String::new(), |r| r.summary.clone()),
                info.and_then(|r| r.link.clone()).unwrap_or_default(),
            )
        })
        .collect();
    let mut strings = Strings::default();
    let mut data = Data {
        version: 1,
        tool: format!("copydesk {}", env!("CARGO_PKG_VERSION")),
        paths,
        baseline: baseline.as_ref().map(|(name, _)| name.clone()),
        checked: outcome.checked,
        rules,
        files: Vec::with_capacity(outcome.files.len()),
        passages: Vec::new(),
        strings: Vec::new(),
        findings: Vec::new(),
        failures: outcome
            .failures
            .iter()
            .map(|f| (f.path.clone(), f.message.clone()))
            .collect(),
    };
    for (fi, f) in outcome.files.iter().enumerate() {
        data.files.push((f.source.path.clone(), words(f)));
        let known = baseline.as_ref().and_then(|(_, k)| k.get(fi));
        let windows: Vec<std::ops::Range<usize>> = f
            .diagnostics
            .iter()
            .map(|d| window(&f.source.text, d))
            .collect();
        // Passages: windows merged where they overlap, in order of their start.
        let mut order: Vec<usize> = (0..windows.len()).collect();
        order.sort_by_key(|&i| (windows[i].start, windows[i].end));
        let mut passage_of = vec![0; windows.len()];
        let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
        for i in order {
            let w = &windows[i];
            match spans.last_mut() {
                // Near findings of one paragraph share a passage, with the text between.
                Some(last)
                    if w.start <= last.end
                        || (w.start - last.end <= JOIN
                            && !blank_line(&f.source.text[last.end..w.start])) =>
                {
                    last.end = last.end.max(w.end)
                }
                _ => spans.push(w.clone()),
            }
            passage_of[i] = data.passages.len() + spans.len() - 1;
        }
        let first = data.passages.len();
        for r in &spans {
            let (line, _) = f.source.line_col(r.start);
            // A lone CR would not show as a line break; a space keeps the offsets.
            let text = f.source.text[r.clone()].replace('\r', " ");
            data.passages.push((fi, line, text));
        }
        for (i, d) in f.diagnostics.iter().enumerate() {
            let p = passage_of[i];
            let start = spans[p - first].start;
            let text = &f.source.text;
            let s = utf16_len(&text[start..floor_char_boundary(text, d.span.start.max(start))]);
            let e = utf16_len(&text[start..floor_char_boundary(text, d.span.end.max(start))]);
            let new = known.and_then(|k| k.get(i)).map_or(1, |&k| usize::from(!k));
            data.findings.push([
                fi,
                d.line,
                d.column,
                rule_index.get(&*d.rule).copied().unwrap_or(0),
                usize::from(severity(d.severity)),
                strings.id(&d.message),
                p,
                s,
                e.max(s),
                strings.id(&d.suggestions.join(" / ")),
                new,
            ]);
        }
    }
    data.strings = strings.list;
    data
}

/// 0 info, 1 warning, 2 error: the order the page sorts by.
fn severity(s: Severity) -> u8 {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// The sentence around a finding (its whole span included), at most [`CONTEXT`] bytes
/// each way, cut at spaces.
fn window(text: &str, d: &Diagnostic) -> std::ops::Range<usize> {
    let end = floor_char_boundary(text, d.span.end.min(text.len()));
    let start = floor_char_boundary(text, d.span.start.min(end));
    let sentence = crate::text::context::sentence(text, crate::text::span::Span::new(start, end));
    let at = (sentence.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    let (mut a, mut b) = if at <= text.len() {
        (at.min(start), (at + sentence.len()).max(end))
    } else {
        (start, end)
    };
    if start - a > CONTEXT {
        a = floor_char_boundary(text, start - CONTEXT);
        if let Some(sp) = text[a..start].find(' ') {
            a += sp + 1;
        }
    }
    if b - end > CONTEXT {
        b = floor_char_boundary(text, end + CONTEXT);
        if let Some(sp) = text[end..b].rfind(' ') {
            b = end + sp;
        }
    }
    a..b
}

/// Words of prose in a file (runs of letters and digits joined by apostrophes and
/// hyphens), for findings per 1,000 words.
fn words(f: &FileReport) -> usize {
    let format = Format::for_path(std::path::Path::new(&f.source.path));
    let prose = extract(&f.source.text, format, &ExtractOptions::default());
    crate::text::tokens::words(&prose.text).count()
}

/// A table of strings, each stored once.
#[derive(Default)]
struct Strings {
    list: Vec<String>,
    index: HashMap<String, usize>,
}

impl Strings {
    fn id(&mut self, s: &str) -> usize {
        if self.list.is_empty() {
            self.list.push(String::new());
            self.index.insert(String::new(), 0);
        }
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        self.list.push(s.to_string());
        self.index.insert(s.to_string(), self.list.len() - 1);
        self.list.len() - 1
    }
}
