//! The cue findings vague-source and anonymous-source share: cue spans (literal hits and
//! pattern matches) and the filters both apply (quotations, conditions, conventions),
//! with the word lists of both analyses.

use super::doc::Doc;
use super::phrases::listed;
use super::{Attribution, AttributionSpec, Finding, Hit, Input, Rule};
use crate::text::span::ProseSpan;

/// The word lists of vague-source and anonymous-source (from the rule file, lower case
/// unless a field says "as written"; see the spec for each).
#[derive(Debug, Default)]
pub(super) struct CueWords {
    /// Words that open a conditional clause ("if", "when").
    conditions: Vec<String>,
    /// How impersonal cues begin ("it is").
    impersonal: Vec<String>,
    /// As written, each followed by a space: sentence openers that make an impersonal
    /// cue a convention ("If ").
    convention_openers: Vec<String>,
    /// Function words a pattern match may start with, each followed by a space ("and ").
    lead: Vec<String>,
    /// Common adjectives before a group ("health").
    pub(super) common_modifiers: Vec<String>,
    /// Lower-case words before a pattern match that are not part of the group ("the").
    not_modifiers: Vec<String>,
    /// Common modifiers never taken into the finding ("many").
    quantifiers: Vec<String>,
    /// vague-source: first words of opinion cues ("some", "everyone").
    pub(super) opinion_holders: Vec<String>,
    /// vague-source: as written, the writer's own voice ("I", "we", "you").
    pub(super) writer_voice: Vec<String>,
    /// vague-source: adjectives between a name and the cue ("own", "latest").
    pub(super) cue_modifiers: Vec<String>,
    /// vague-source: words that commonly open a sentence ("the", "however").
    pub(super) sentence_openers: Vec<String>,
    /// vague-source: determiners pointing back to people already introduced ("these").
    pub(super) back_references: Vec<String>,
    /// vague-source: words joining a name to the cue ("and", "or").
    pub(super) conjunctions: Vec<String>,
    /// vague-source: possessive determiners ("our", "their").
    pub(super) possessives: Vec<String>,
    /// vague-source: prepositions leading to a named body after the cue ("at").
    pub(super) name_prepositions: Vec<String>,
    /// vague-source: articles before that name ("the", "a").
    pub(super) name_articles: Vec<String>,
}

impl CueWords {
    /// The lists from the spec; `low` lower-cases a list.
    pub(super) fn new(
        spec: &mut AttributionSpec,
        low: impl Fn(Vec<String>) -> Vec<String>,
    ) -> Self {
        let spaced = |v: Vec<String>| v.into_iter().map(|w| format!("{w} ")).collect();
        let take = std::mem::take;
        CueWords {
            conditions: low(take(&mut spec.conditions)),
            impersonal: low(take(&mut spec.impersonal_cues)),
            convention_openers: spaced(take(&mut spec.convention_openers)),
            lead: spaced(low(take(&mut spec.lead_words))),
            common_modifiers: low(take(&mut spec.common_modifiers)),
            not_modifiers: low(take(&mut spec.not_modifiers)),
            quantifiers: low(take(&mut spec.quantifiers)),
            opinion_holders: low(take(&mut spec.opinion_holders)),
            writer_voice: take(&mut spec.writer_voice),
            cue_modifiers: low(take(&mut spec.cue_modifiers)),
            sentence_openers: low(take(&mut spec.sentence_openers)),
            back_references: low(take(&mut spec.back_references)),
            conjunctions: low(take(&mut spec.conjunctions)),
            possessives: low(take(&mut spec.possessives)),
            name_prepositions: low(take(&mut spec.name_prepositions)),
            name_articles: low(take(&mut spec.name_articles)),
        }
    }
}

impl Attribution {
    /// vague-source and anonymous-source: the cue spans, literal cues from the shared
    /// matcher plus the rule's patterns, sorted, overlaps resolved.
    pub(super) fn cue_spans(&self, w: &CueWords, input: &Input<'_>) -> Vec<ProseSpan> {
        let mut spans: Vec<ProseSpan> = self.cue_hits(input).map(|h| h.span).collect();
        if let Some(re) = &self.patterns {
            let inside = Inside::new(input.exceptions);
            // A pattern's optional leading word may have caught a function word ("and
            // experts agree"): the finding starts after it.
            spans.extend(
                self.pattern_matches(re, input, false)
                    .into_iter()
                    .map(|m| {
                        let t = &input.prose.text[m.range()];
                        let skip = w
                            .lead
                            .iter()
                            .find(|l| {
                                t.len() > l.len()
                                    && t.get(..l.len()).is_some_and(|p| p.eq_ignore_ascii_case(l))
                            })
                            .map_or(0, |l| l.len());
                        ProseSpan::new(w.with_modifier(&input.prose.text, m.start + skip), m.end)
                    })
                    .filter(|s| !w.capitalized_name_lead(&input.prose.text[s.range()]))
                    .filter(|s| !inside.holds(*s)),
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

    /// vague-source and anonymous-source: a cue outside quotation marks, block quotations
    /// and single quotes, not in a condition or a convention; `vague` adds the
    /// vague-source filters: a cue is fine when a nearby sentence names who is meant or
    /// cites a link, or an opinion cue stands in the writer's own voice. `structural`
    /// are the spans that came from the claim structures (see `claims`).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn cue_findings(
        &self,
        w: &CueWords,
        rule: &Rule,
        input: &Input<'_>,
        spans: &[ProseSpan],
        structural: &[ProseSpan],
        vague: bool,
        out: &mut Vec<Finding>,
    ) {
        let doc = &Doc::new(input);
        // What the loop asks of a sentence or paragraph is worked out once for each,
        // not again for every cue in it: a paragraph of many cues (or one long sentence)
        // would otherwise be read once per cue.
        let mut marks = SingleQuotes::default();
        let mut voice: Option<(usize, bool)> = None;
        let mut names_or_links: std::collections::HashMap<(usize, bool), bool> =
            std::collections::HashMap::new();
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
                || marks.holds(&input.prose.text, sent, hit.span.start)
            {
                continue;
            }
            // "When user research indicates …", "If experts agree …": a condition, not a
            // claim; "If no code is shown, it is assumed …": a convention.
            let cue = input.prose.text[hit.span.range()].to_lowercase();
            let sentence_text = &input.prose.text[sent.range()];
            if w.conditional_before(&input.prose.text[sent.start..hit.span.start])
                || (w.impersonal.iter().any(|i| cue.starts_with(i.as_str()))
                    && w.convention_openers
                        .iter()
                        .any(|c| sentence_text.starts_with(c.as_str())))
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
                .is_some_and(|first| listed(&w.opinion_holders, first));
            if vague && opinion {
                let own_voice = match voice {
                    Some((b, v)) if b == this.block => v,
                    _ => {
                        let v = w.writer_voice(input, doc, this.block);
                        voice = Some((this.block, v));
                        v
                    }
                };
                if own_voice {
                    continue;
                }
            }
            // A structure's words before it are its subject ("Smith is said to"), not
            // its source: only a listed cue is pinned down by a name right before it.
            let listed_cue = !structural.contains(&hit.span);
            // "Census data show", "Pew researchers say": a structure that opens with a
            // capitalised word that is no quantifier, sentence opener or common
            // modifier opens with a name.
            if vague && !listed_cue && w.structure_named(&input.prose.text[hit.span.range()]) {
                continue;
            }
            if vague
                && ((listed_cue && w.named_around(&input.prose.text, sent, hit.span))
                    || doc.around(at, at, self.window, self.window).any(|s| {
                        *names_or_links
                            .entry((s.span.start, listed_cue || s.span != sent))
                            .or_insert_with(|| {
                                doc.span_has_link(s.span)
                                    || doc.span_cites_work(s.span)
                                    || ((listed_cue || s.span != sent)
                                        && self.sets.namers.any_in(&doc.lower(s.span)))
                            })
                    })
                    || doc.is_headline(this.block)
                    || self.claims.as_ref().is_some_and(|c| {
                        // "…, experts predict." then "… predicts Oliver Irish, editor of
                        // …": the sentence, or the one before or after it, says who.
                        doc.around(at, at, 1, 1)
                            .any(|s| c.names_source(&input.prose.text, s.span, hit.span))
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

impl CueWords {
    /// Where a group's finding starts: one word earlier when that word is a lower-case or
    /// common adjective ("health experts"), so the finding shows the whole group.
    fn with_modifier(&self, text: &str, start: usize) -> usize {
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
            && (listed(&self.common_modifiers, &lw)
                || (w.starts_with(char::is_lowercase) && !listed(&self.not_modifiers, w)));
        if modifier && !listed(&self.quantifiers, &lw) {
            w_start
        } else {
            start
        }
    }

    /// Whether a pattern match opens with a capitalised word that is a name ("Pew researchers
    /// say") rather than a common modifier at the start of a sentence ("Health experts say").
    fn capitalized_name_lead(&self, m: &str) -> bool {
        let Some(first) = m.split_whitespace().next() else {
            return false;
        };
        first.starts_with(char::is_uppercase)
            && m.split_whitespace().count() > 2
            && !listed(&self.common_modifiers, &first.to_lowercase())
    }

    /// Whether a claim structure opens with a name: a capitalised first word that is not
    /// a quantifier, a sentence opener or a common modifier ("Census data show", not
    /// "Some critics argue", "It is said" or "Health experts say").
    fn structure_named(&self, m: &str) -> bool {
        let Some(first) = m.split_whitespace().next() else {
            return false;
        };
        let low = first.to_lowercase();
        first.starts_with(char::is_uppercase)
            && m.split_whitespace().count() > 2
            && low != "it"
            && !listed(&self.quantifiers, &low)
            && !listed(&self.sentence_openers, &low)
            && !listed(&self.common_modifiers, &low)
            && !listed(&self.opinion_holders, &low)
    }

    /// Whether the words before a cue (skipping up to two lower-case modifiers, as in "when
    /// user research indicates") open a conditional clause.
    fn conditional_before(&self, before: &str) -> bool {
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
                listed(&self.conditions, &w)
                    && before
                        .split_whitespace()
                        .rev()
                        .take(i)
                        .all(|m| m.starts_with(char::is_lowercase))
            })
    }
}

/// Spans sorted by start, with the furthest end among each and those before it: a span
/// lies inside one of them exactly when that furthest end, among the spans that start
/// at or before it, reaches its end. A binary search per pattern match, where testing
/// every exception phrase of the document for each match took time in the square of
/// the document's length.
struct Inside {
    starts: Vec<usize>,
    furthest: Vec<usize>,
}

impl Inside {
    fn new(spans: &[ProseSpan]) -> Self {
        let mut sorted: Vec<(usize, usize)> = spans.iter().map(|e| (e.start, e.end)).collect();
        sorted.sort_unstable();
        let furthest = sorted
            .iter()
            .scan(0, |end, &(_, e)| {
                *end = e.max(*end);
                Some(*end)
            })
            .collect();
        Inside {
            starts: sorted.into_iter().map(|(s, _)| s).collect(),
            furthest,
        }
    }

    /// Whether `s` lies inside one of the spans.
    fn holds(&self, s: ProseSpan) -> bool {
        let n = self.starts.partition_point(|&start| start <= s.start);
        n.checked_sub(1)
            .and_then(|i| self.furthest.get(i))
            .is_some_and(|&end| s.end <= end)
    }
}

/// The single quotation marks of one sentence, read once, so that whether a cue lies
/// between an opening ‘ (at a word start) and a closing ’ (at a word end) is a binary
/// search for each cue of the sentence rather than a search of the sentence.
#[derive(Default)]
struct SingleQuotes {
    /// The sentence the marks are of.
    sentence: Option<ProseSpan>,
    /// Each mark, in order: where it starts and ends (in the prose), whether it opens
    /// (‘), and whether it can open (no letter or digit before it) or close (none
    /// after it). Markdown sources often spell the marks as entities; `&lsquo;` and
    /// `&rsquo;` count as marks when the sentence has an `&lsquo;`.
    marks: Vec<Mark>,
    /// For each index of `marks`, whether a closing mark at it or after it can close;
    /// one more entry, false, for the end.
    closes_after: Vec<bool>,
}

/// A single quotation mark of a sentence (see [`SingleQuotes`]).
#[derive(Clone, Copy)]
struct Mark {
    start: usize,
    end: usize,
    opens: bool,
    can: bool,
}

impl SingleQuotes {
    /// Whether the prose offset `at` of sentence `sent` of `text` lies between an
    /// opening ‘ (at a word start) and a closing ’ (at a word end).
    fn holds(&mut self, text: &str, sent: ProseSpan, at: usize) -> bool {
        if self.sentence != Some(sent) {
            self.read(&text[sent.range()], sent.start);
        }
        // The last mark before `at` must be an opening one, and a closing one follow;
        // a mark that `at` cuts (inside an entity) is neither.
        let before = self.marks.partition_point(|m| m.end <= at);
        let opened = before
            .checked_sub(1)
            .and_then(|i| self.marks.get(i))
            .is_some_and(|m| m.opens && m.can);
        let after = self.marks.partition_point(|m| m.start < at);
        opened && self.closes_after.get(after).copied().unwrap_or(false)
    }

    /// Reads the marks of sentence `s`, which starts at prose offset `base`.
    fn read(&mut self, s: &str, base: usize) {
        self.sentence = Some(ProseSpan::new(base, base + s.len()));
        self.marks.clear();
        let not_word = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        let entities = s.contains("&lsquo;");
        let mut push = |i: usize, len: usize, opens: bool| {
            let can = if opens {
                not_word(s[..i].chars().next_back())
            } else {
                not_word(s[i + len..].chars().next())
            };
            self.marks.push(Mark {
                start: base + i,
                end: base + i + len,
                opens,
                can,
            });
        };
        if entities {
            for (i, m) in s.match_indices(['‘', '’', '&']) {
                let rest = &s[i..];
                if m == "‘" || m == "’" {
                    push(i, m.len(), m == "‘");
                } else if rest.starts_with("&lsquo;") {
                    push(i, "&lsquo;".len(), true);
                } else if rest.starts_with("&rsquo;") {
                    push(i, "&rsquo;".len(), false);
                }
            }
        } else {
            for (i, m) in s.match_indices(['‘', '’']) {
                push(i, m.len(), m == "‘");
            }
        }
        self.closes_after = vec![false; self.marks.len() + 1];
        for (i, m) in self.marks.iter().enumerate().rev() {
            self.closes_after[i] = (!m.opens && m.can) || self.closes_after[i + 1];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SingleQuotes;
    use crate::text::span::ProseSpan;

    #[test]
    fn marks_read_once_answer_as_the_sentence_searched() {
        for s in [
            "the ‘experts say’ so",
            "‘experts say so’, and ‘critics’ say",
            "it’s what ‘experts’s say",
            "a &lsquo;experts say&rsquo; b ‘c’ &rsquo;d &lsquo;e",
            "x&lsquo;experts say&rsquo;s &amp; ‘y’",
            "no marks here at all",
            "&lsquo;&lsquo;a&rsquo;&rsquo; ‘’‘",
        ] {
            let text = format!("Lead. {s}");
            let sent = ProseSpan::new(6, text.len());
            let mut marks = SingleQuotes::default();
            for at in 0..=s.len() {
                if s.is_char_boundary(at) {
                    assert_eq!(
                        marks.holds(&text, sent, 6 + at),
                        in_single_quotes(s, at),
                        "{s:?} at {at}"
                    );
                }
            }
        }
    }

    /// Whether offset `at` of sentence `s` lies between an opening ‘ and a closing ’,
    /// searched in the sentence: what [`SingleQuotes`] answers. The entities are
    /// decoded (`&rsquo;` only after `at`, where an opening mark does not matter) and
    /// the decoded sentence searched.
    fn in_single_quotes(s: &str, at: usize) -> bool {
        if s.contains("&lsquo;") {
            let decoded = s[..at.min(s.len())]
                .replace("&lsquo;", "‘")
                .replace("&rsquo;", "’");
            let rest = s[at.min(s.len())..].replace("&rsquo;", "’");
            let n = decoded.len();
            return in_plain_single_quotes(&(decoded + &rest), n);
        }
        in_plain_single_quotes(s, at)
    }

    /// [`in_single_quotes`] of a sentence without entities.
    fn in_plain_single_quotes(s: &str, at: usize) -> bool {
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
}
