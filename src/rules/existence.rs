//! `existence`: phrases (through the shared matcher) or regexes that should not appear.

use super::{normalize_phrase, Finding, Input, Literal, Rule};
use crate::error::FileError;
use crate::text::span::ProseSpan;
use regex::{Regex, RegexBuilder};
use serde::Deserialize;

/// `[existence]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExistenceSpec {
    /// Literal phrases.
    #[serde(default)]
    pub tokens: Vec<String>,
    /// Regexes.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Capture group that is the span.
    #[serde(default)]
    pub group: usize,
    /// Exact strings (no line breaks) of which every match of `patterns` holds one, with
    /// no match spanning a line break: the patterns then run only on the lines that hold
    /// one, found with a substring search, instead of over the whole text.
    #[serde(default)]
    pub triggers: Vec<String>,
    /// Ignore case entirely.
    #[serde(default)]
    pub ignore_case: bool,
    /// Correct phrases containing a match.
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// What a match is replaced with, as the fix (a run of spaces with `" "`: one that
    /// holds a no-break space becomes one no-break space).
    #[serde(default)]
    pub replacement: Option<String>,
    /// The rule runs only where the project's `sentence-spacing` is this.
    #[serde(default)]
    pub sentence_spacing: Option<super::house::SentenceSpacing>,
}

/// Compiled regexes may not exceed this many bytes of automaton: a rule pack must not be
/// able to blow up memory or start-up time.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Compiled existence data.
#[derive(Debug)]
pub struct Existence {
    tokens: Vec<String>,
    patterns: Vec<Regex>,
    group: usize,
    /// Substring searchers for the `triggers` (see the spec).
    triggers: Vec<memchr::memmem::Finder<'static>>,
    exceptions: Vec<String>,
    ignore_case: bool,
    replacement: Option<String>,
    sentence_spacing: Option<super::house::SentenceSpacing>,
}

impl Existence {
    /// Validates the spec and compiles its regexes.
    pub fn compile(
        spec: ExistenceSpec,
        err: &dyn Fn(&str, String) -> FileError,
        thorough: bool,
    ) -> Result<Self, FileError> {
        if spec.tokens.is_empty() && spec.patterns.is_empty() {
            return Err(err(
                "[existence]",
                "[existence] needs `tokens` or `patterns`".into(),
            ));
        }
        let mut patterns = Vec::new();
        for p in &spec.patterns {
            // ASCII word boundaries keep the regex on its fast DFA path.
            let ascii = crate::rules::ascii_classes(p);
            let re = RegexBuilder::new(&ascii)
                .case_insensitive(spec.ignore_case)
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(REGEX_SIZE_LIMIT)
                .build()
                .map_err(|e| err(p, super::regex_error(p, &e)))?;
            // Within the size limit, but maybe too slow to search (the shipped rules are
            // checked by the test suite).
            if thorough {
                super::regex_budget(&ascii, spec.ignore_case).map_err(|m| err(p, m))?;
            }
            if spec.group >= re.captures_len() {
                return Err(err(
                    "group",
                    format!(
                        "`group = {}` but the regex `{p}` has {} groups",
                        spec.group,
                        re.captures_len() - 1
                    ),
                ));
            }
            patterns.push(re);
        }
        if !spec.triggers.is_empty() && spec.patterns.is_empty() {
            return Err(err(
                "triggers",
                "`triggers` gate the `patterns`; this rule has none".into(),
            ));
        }
        if let Some(t) = spec
            .triggers
            .iter()
            .find(|t| t.is_empty() || t.contains(['\n', '\r']))
        {
            return Err(err(
                "triggers",
                format!("a trigger must be a non-empty string on one line, not {t:?}"),
            ));
        }
        let triggers = spec
            .triggers
            .iter()
            .map(|t| memchr::memmem::Finder::new(t.as_bytes()).into_owned())
            .collect();
        let tokens: Vec<String> = spec.tokens.iter().map(|t| normalize_phrase(t)).collect();
        if spec.tokens.iter().any(|t| t.trim().is_empty()) {
            return Err(err("tokens", "an empty token cannot be matched".into()));
        }
        Ok(Existence {
            tokens,
            patterns,
            group: spec.group,
            triggers,
            exceptions: spec
                .exceptions
                .iter()
                .map(|e| normalize_phrase(e))
                .collect(),
            ignore_case: spec.ignore_case,
            replacement: spec.replacement,
            sentence_spacing: spec.sentence_spacing,
        })
    }

    /// Whether the rule has regexes to run.
    pub fn has_patterns(&self) -> bool {
        !self.patterns.is_empty()
    }

    /// The literal tokens and exceptions.
    pub fn literals(&self) -> Vec<Literal> {
        let mains = self.tokens.iter().enumerate().map(|(i, t)| Literal {
            text: t.clone(),
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

    /// The `sentence-spacing` the rule runs under, if it is limited to one.
    pub fn sentence_spacing(&self) -> Option<super::house::SentenceSpacing> {
        self.sentence_spacing
    }

    /// The finding for `span`, with the fix when the rule has a replacement.
    fn finding(&self, rule: &Rule, input: &Input<'_>, span: ProseSpan) -> Finding {
        let suggestions = match &self.replacement {
            Some(r) if r == " " && input.prose.text[span.range()].contains('\u{a0}') => {
                vec!["\u{a0}".to_string()]
            }
            Some(r) => vec![r.clone()],
            None => Vec::new(),
        };
        let mut f = rule.replace_finding(input, span, suggestions);
        // A run of spaces made one: the fix says it; "did you mean “ ”?" would not.
        if self
            .replacement
            .as_deref()
            .is_some_and(|r| r.trim().is_empty())
        {
            f.suggestions.clear();
        }
        f
    }

    pub(super) fn check(&self, rule: &Rule, input: &Input<'_>, out: &mut Vec<Finding>) {
        if self
            .sentence_spacing
            .is_some_and(|s| s != input.house.sentence_spacing)
        {
            return;
        }
        for hit in input.hits {
            out.push(self.finding(rule, input, hit.span));
        }
        if self.patterns.is_empty() {
            return;
        }
        let text = &input.prose.text;
        // With triggers, only the lines that hold one are searched (each as the text up to
        // its end, so that look-behind still sees what precedes the line).
        let lines = if self.triggers.is_empty() {
            vec![(0, text.len())]
        } else {
            trigger_lines(text, &self.triggers)
        };
        for re in &self.patterns {
            for &(start, end) in &lines {
                let hay = &text[..end];
                let mut pos = start;
                while pos <= hay.len() {
                    let Some(caps) = re.captures_at(hay, pos) else {
                        break;
                    };
                    let Some(whole) = caps.get(0) else {
                        break;
                    };
                    // Past an empty match by one character, as `captures_iter` steps.
                    pos = if whole.end() > whole.start() {
                        whole.end()
                    } else {
                        hay[whole.end()..]
                            .chars()
                            .next()
                            .map_or(hay.len() + 1, |c| whole.end() + c.len_utf8())
                    };
                    if let Some(span) = self.reportable(input, &caps) {
                        out.push(self.finding(rule, input, span));
                    }
                }
            }
        }
    }

    /// The span a pattern match reports, unless it is empty, not one run of source text
    /// (a run of spaces that straddles a link destination or a tag is not a typo in the
    /// prose) or inside an exception.
    fn reportable(&self, input: &Input<'_>, caps: &regex::Captures<'_>) -> Option<ProseSpan> {
        let m = caps.get(self.group)?;
        let span = ProseSpan::new(m.start(), m.end());
        let excepted = input
            .exceptions
            .iter()
            .any(|e| e.start <= span.start && span.end <= e.end);
        (m.start() < m.end() && input.prose.is_contiguous(span) && !excepted).then_some(span)
    }
}

/// The lines of `text` (start, end without the line break) that hold one of `triggers`,
/// sorted, each once.
fn trigger_lines(text: &str, triggers: &[memchr::memmem::Finder<'_>]) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut hits: Vec<usize> = triggers.iter().flat_map(|f| f.find_iter(bytes)).collect();
    hits.sort_unstable();
    let mut lines: Vec<(usize, usize)> = Vec::new();
    for at in hits {
        if lines.last().is_some_and(|&(_, end)| at < end) {
            continue;
        }
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        lines.push((start, end));
    }
    lines
}

impl super::RuleKind for Existence {
    type Spec = ExistenceSpec;
    const NAME: &'static str = "existence";

    fn compile(
        spec: ExistenceSpec,
        ctx: &super::Compile<'_>,
    ) -> Result<Self, crate::error::FileError> {
        Existence::compile(spec, ctx.err, ctx.thorough)
    }

    fn literals(&self) -> Vec<super::Literal> {
        Existence::literals(self)
    }

    fn scans(&self) -> bool {
        self.has_patterns()
    }

    fn check(&self, rule: &super::Rule, input: &super::Input<'_>, out: &mut Vec<super::Finding>) {
        Existence::check(self, rule, input, out)
    }
}
