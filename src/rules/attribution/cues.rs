//! The cue findings vague-source and anonymous-source share: cue spans (literal hits and
//! pattern matches) and the filters both apply (quotations, conditions, conventions).

use super::doc::Doc;
use super::{vague, Attribution, Finding, Hit, Input, Rule};
use crate::text::span::ProseSpan;

impl Attribution {
    /// vague-source and anonymous-source: a cue outside quotation marks; vague cues are
    /// fine when a nearby sentence names who is meant or cites a link.
    /// Literal cues from the shared matcher, plus the rule's patterns, sorted, overlaps
    /// resolved.
    pub(super) fn cue_spans(&self, input: &Input<'_>) -> Vec<ProseSpan> {
        let mut spans: Vec<ProseSpan> = self.cue_hits(input).map(|h| h.span).collect();
        if let Some(re) = &self.patterns {
            // A pattern's optional leading word may have caught a function word ("and
            // experts agree"): the finding starts after it.
            const LEAD: &[&str] = &[
                "and ", "or ", "but ", "that ", "the ", "as ", "of ", "in ", "so ", "while ",
                "because ", "if ", "when ", "yet ",
            ];
            spans.extend(
                self.pattern_matches(re, input, false)
                    .into_iter()
                    .map(|m| {
                        let t = &input.prose.text[m.range()];
                        let skip = LEAD
                            .iter()
                            .find(|l| t.len() > l.len() && t[..l.len()].eq_ignore_ascii_case(l))
                            .map_or(0, |l| l.len());
                        ProseSpan::new(with_modifier(&input.prose.text, m.start + skip), m.end)
                    })
                    .filter(|s| !capitalized_name_lead(&input.prose.text[s.range()]))
                    .filter(|s| {
                        !input
                            .exceptions
                            .iter()
                            .any(|e| e.start <= s.start && s.end <= e.end)
                    }),
            );
            spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
            let mut kept: Vec<ProseSpan> = Vec::with_capacity(spans.len());
            for s in spans {
                if kept.last().is_none_or(|k| s.start >= k.end) {
                    kept.push(s);
                }
            }
            spans = kept;
        }
        spans
    }

    pub(super) fn cue_findings(
        &self,
        rule: &Rule,
        input: &Input<'_>,
        doc: &Doc<'_>,
        spans: &[ProseSpan],
        vague: bool,
        out: &mut Vec<Finding>,
    ) {
        for &span in spans {
            let hit = Hit { local: 0, span };
            if doc.in_quote(hit.span.start) {
                continue;
            }
            let Some(at) = doc.locate(hit.span.start) else {
                continue;
            };
            let this = doc.sentence(at);
            // A block quotation is someone else's text, quoted; so is text in single
            // quotation marks (‘…’), which the quotation pairing leaves out.
            let sent = this.span;
            if input.prose.is_quoted_block(this.block)
                || in_single_quotes(&input.prose.text[sent.range()], hit.span.start - sent.start)
            {
                continue;
            }
            // "When user research indicates …", "If experts agree …": a condition, not a
            // claim; "If no code is shown, it is assumed …": a convention.
            let cue = input.prose.text[hit.span.range()].to_lowercase();
            let sentence_text = &input.prose.text[sent.range()];
            if conditional_before(&input.prose.text[sent.start..hit.span.start])
                || (cue.starts_with("it is")
                    && ["If ", "Unless ", "When ", "Where "]
                        .iter()
                        .any(|c| sentence_text.starts_with(c)))
            {
                continue;
            }
            // "Some say …", "Many believe …", "Everyone agrees …" in a paragraph where the
            // writer speaks as "I", "we" or to "you": an essayist setting up a view to
            // answer, not a news claim credited to nobody. Evidence cues ("studies show")
            // are flagged in any voice.
            let opinion = cue
                .split_whitespace()
                .next()
                .is_some_and(|w| vague::OPINION_HOLDERS.contains(&w));
            if vague && opinion && vague::writer_voice(input, doc, this.block) {
                continue;
            }
            if vague
                && (vague::named_around(&input.prose.text, sent, hit.span)
                    || doc.around(at, at, self.window, self.window).any(|s| {
                        doc.span_has_link(s.span) || self.sets.namers.any_in(&doc.lower(s.span))
                    }))
            {
                continue;
            }
            let mut f = rule.replace_finding(input, hit.span, Vec::new());
            f.message = rule.render_message(&input.prose.text[hit.span.range()], None);
            out.push(f);
        }
    }
}

/// Common adjectives before a group ("Health experts", "legal scholars"): not names.
pub(super) const COMMON_MODIFIERS: &[&str] = &[
    "health",
    "legal",
    "security",
    "mining",
    "housing",
    "environmental",
    "independent",
    "foreign",
    "local",
    "political",
    "medical",
    "military",
    "financial",
    "economic",
    "industry",
    "energy",
    "climate",
    "education",
    "public",
    "tech",
    "technology",
    "western",
    "many",
    "some",
    "most",
    "other",
    "others",
    "leading",
    "top",
    "senior",
    "outside",
    "international",
    "academic",
    "labor",
    "labour",
    "human",
    "rights",
    "privacy",
    "policy",
    "market",
    "defense",
    "defence",
    "trade",
    "transport",
    "tax",
    "data",
    "several",
    "few",
    "numerous",
    "prominent",
    "conservative",
    "liberal",
    "progressive",
    "religious",
    "civic",
    "business",
    "safety",
    "design",
    "web",
    "government",
    "campaign",
    "community",
    "parent",
    "student",
    "patient",
];

/// Where a group's finding starts: one word earlier when that word is a lower-case or
/// common adjective ("health experts"), so the finding shows the whole group.
fn with_modifier(text: &str, start: usize) -> usize {
    let before = &text[..start];
    let Some(rest) = before.strip_suffix(' ') else {
        return start;
    };
    let w_start = rest
        .rfind(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map_or(0, |i| {
            i + rest[i..].chars().next().map_or(1, char::len_utf8)
        });
    let w = &rest[w_start..];
    let lw = w.to_lowercase();
    let modifier = !w.is_empty()
        && (COMMON_MODIFIERS.contains(&lw.as_str())
            || (w.starts_with(char::is_lowercase)
                && ![
                    "and", "or", "but", "that", "the", "as", "of", "in", "so", "while", "because",
                    "if", "when", "yet", "a", "an", "to", "for", "with", "by", "many", "some",
                    "most",
                ]
                .contains(&w)));
    if modifier && !["many", "some", "most"].contains(&lw.as_str()) {
        w_start
    } else {
        start
    }
}

/// Whether a pattern match opens with a capitalised word that is a name ("Pew researchers
/// say") rather than a common modifier at the start of a sentence ("Health experts say").
fn capitalized_name_lead(m: &str) -> bool {
    const COMMON: &[&str] = COMMON_MODIFIERS;
    let Some(first) = m.split_whitespace().next() else {
        return false;
    };
    first.starts_with(char::is_uppercase)
        && m.split_whitespace().count() > 2
        && !COMMON.contains(&first.to_lowercase().as_str())
}

/// Whether offset `at` of sentence `s` lies between an opening ‘ (at a word start) and a
/// closing ’ (at a word end).
fn in_single_quotes(s: &str, at: usize) -> bool {
    // Markdown sources often spell the marks as entities.
    if s.contains("&lsquo;") {
        let decoded = s[..at.min(s.len())]
            .replace("&lsquo;", "‘")
            .replace("&rsquo;", "’");
        let rest = s[at.min(s.len())..].replace("&rsquo;", "’");
        let n = decoded.len();
        return in_single_quotes(&(decoded + &rest), n);
    }
    let (before, after) = s.split_at(at.min(s.len()));
    let opened = before.rfind('‘').is_some_and(|i| {
        before[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
            && !before[i..].contains('’')
    });
    opened
        && after.match_indices('’').any(|(i, m)| {
            after[i + m.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
        })
}

/// Whether the words before a cue (skipping up to two lower-case modifiers, as in "when
/// user research indicates") open a conditional clause.
fn conditional_before(before: &str) -> bool {
    const CONDITIONS: &[&str] = &["if", "when", "whenever", "unless", "until", "once"];
    before
        .split_whitespace()
        .rev()
        .take(3)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .enumerate()
        .any(|(i, w)| {
            CONDITIONS.contains(&w.as_str())
                && before
                    .split_whitespace()
                    .rev()
                    .take(i)
                    .all(|m| m.starts_with(char::is_lowercase))
        })
}
