//! The sentence and paragraph navigator the analyses share: where an offset sits, the
//! sentences around it, quotation and link tests, lower-cased sentence text.

use super::Input;
use crate::text::prose::Sentence;
use crate::text::span::ProseSpan;

/// Per-document views the analyses share: sentences, quotations, lower-cased sentences.
pub(super) struct Doc<'a> {
    input: &'a Input<'a>,
    /// The links, indexed on first use (see [`LinkIndex`]).
    links: std::cell::OnceCell<LinkIndex>,
}

impl<'a> Doc<'a> {
    /// The views of one document's input.
    pub(super) fn new(input: &'a Input<'a>) -> Self {
        Doc {
            input,
            links: std::cell::OnceCell::new(),
        }
    }

    /// The input the views are of.
    pub(super) fn input(&self) -> &'a Input<'a> {
        self.input
    }

    /// The links, sorted, indexed on first use.
    fn links(&self) -> &LinkIndex {
        self.links
            .get_or_init(|| LinkIndex::new(&self.input.prose.links))
    }

    /// Whether a link of the prose overlaps `s`.
    pub(super) fn overlaps_link(&self, s: ProseSpan) -> bool {
        let links = self.links();
        // The links that start before `s` ends; one of them reaches into `s` if the
        // furthest end among them does.
        let n = links.by_start.partition_point(|l| l.start < s.end);
        n.checked_sub(1)
            .and_then(|i| links.furthest.get(i))
            .is_some_and(|&end| s.start < end)
    }

    /// Whether a link starts at or after `from` and ends by `to`.
    pub(super) fn link_within(&self, from: usize, to: usize) -> bool {
        let links = self.links();
        let k = links.by_start.partition_point(|l| l.start < from);
        links.nearest.get(k).is_some_and(|&end| end <= to)
    }

    /// The links that start in `from..=to`, in order.
    pub(super) fn links_starting(&self, from: usize, to: usize) -> &[ProseSpan] {
        let links = &self.links().by_start;
        let lo = links.partition_point(|l| l.start < from);
        let hi = links.partition_point(|l| l.start <= to).max(lo);
        &links[lo..hi]
    }

    /// Sentences, segmented on first use (shared with the other rules of the document).
    pub(super) fn sentences(&self) -> &'a [Sentence] {
        self.input.sentences()
    }

    /// Quotations, found on first use (shared likewise).
    pub(super) fn quotes(&self) -> &'a [crate::text::prose::Quotation] {
        self.input.quotations()
    }

    /// The index in [`Doc::sentences`] of the sentence that holds `off`.
    pub(super) fn sentence_at(&self, off: usize) -> Option<usize> {
        sentence_index(self.sentences(), off)
    }

    /// The sentences of paragraph `b` (segmented on first use).
    pub(super) fn block(&self, b: usize) -> &'a [Sentence] {
        self.input.block_sentences(b)
    }

    /// The sentence of a [`Doc::locate`] answer.
    pub(super) fn sentence(&self, (b, i): (usize, usize)) -> Sentence {
        self.block(b)[i]
    }

    /// The sentence that holds `off`, as (paragraph, index in it): the one
    /// [`Doc::sentence_at`] finds in the whole document, from the paragraphs around
    /// `off` only.
    pub(super) fn locate(&self, off: usize) -> Option<(usize, usize)> {
        // The last paragraph that starts at or before `off`; a sentence of an earlier one
        // holds `off` only by ending exactly there (with no space between paragraphs).
        let b = self
            .input
            .prose
            .blocks
            .partition_point(|r| r.start <= off)
            .checked_sub(1)?;
        let sents = self.block(b);
        if let Some(i) = sentence_index(sents, off) {
            return Some((b, i));
        }
        if sents.first().is_some_and(|s| s.span.start <= off) {
            return None;
        }
        let (pb, last) = self.before((b, 0))?;
        (last.span.end == off).then_some(pb)
    }

    /// The sentence before `(b, i)` in the document (across paragraphs), with its place.
    pub(super) fn before(&self, (b, i): (usize, usize)) -> Option<((usize, usize), Sentence)> {
        if i > 0 {
            return Some(((b, i - 1), self.block(b)[i - 1]));
        }
        (0..b).rev().find_map(|pb| {
            let s = self.block(pb);
            let i = s.len().checked_sub(1)?;
            Some(((pb, i), s[i]))
        })
    }

    /// The sentence after `(b, i)` in the document (across paragraphs), with its place.
    pub(super) fn after(&self, (b, i): (usize, usize)) -> Option<((usize, usize), Sentence)> {
        if let Some(&s) = self.block(b).get(i + 1) {
            return Some(((b, i + 1), s));
        }
        (b + 1..self.input.prose.blocks.len()).find_map(|nb| {
            let s = *self.block(nb).first()?;
            Some(((nb, 0), s))
        })
    }

    /// Up to `n` sentences from `at` (not included), forward or back across paragraphs,
    /// appended to `out` in the order met; the place of the last one (`at` if none).
    pub(super) fn walk(
        &self,
        mut at: (usize, usize),
        n: usize,
        forward: bool,
        out: &mut Vec<Sentence>,
    ) -> (usize, usize) {
        for _ in 0..n {
            let next = if forward {
                self.after(at)
            } else {
                self.before(at)
            };
            let Some((p, s)) = next else { break };
            out.push(s);
            at = p;
        }
        at
    }

    /// The sentences from `back` before `first` to `ahead` after `last` (`first` at or
    /// before `last`), in order: a window of the document's sentence list, which it
    /// clips at either end, read from the paragraphs it reaches only.
    pub(super) fn around(
        &self,
        first: (usize, usize),
        last: (usize, usize),
        back: usize,
        ahead: usize,
    ) -> impl Iterator<Item = Sentence> {
        let mut out: Vec<Sentence> = Vec::with_capacity(back + ahead + 1);
        self.walk(first, back, false, &mut out);
        out.reverse();
        out.push(self.sentence(first));
        let mut at = first;
        while at != last {
            let next = self.walk(at, 1, true, &mut out);
            if next == at {
                break;
            }
            at = next;
        }
        self.walk(at, ahead, true, &mut out);
        out.into_iter()
    }

    /// A sentence, lower-cased.
    pub(super) fn lower(&self, span: ProseSpan) -> String {
        self.input.prose.text[span.range()].to_lowercase()
    }

    /// A sentence, lower-cased, with quoted words blanked out (a source verb inside a
    /// quotation does not attribute it).
    pub(super) fn span_lower_unquoted(&self, span: ProseSpan) -> String {
        let text = &self.input.prose.text;
        let mut s = String::with_capacity(span.end - span.start);
        let mut pos = span.start;
        let first = self.quotes().partition_point(|q| q.inner.end <= span.start);
        for q in self.quotes()[first..]
            .iter()
            .take_while(|q| q.inner.start < span.end)
        {
            let (qs, qe) = (q.inner.start.max(pos), q.inner.end.min(span.end));
            if qs > pos {
                s.push_str(&text[pos..qs].to_lowercase());
            }
            if qe > qs {
                s.push(' ');
            }
            pos = pos.max(qe);
        }
        if pos < span.end {
            s.push_str(&text[pos..span.end].to_lowercase());
        }
        s
    }

    /// Whether a sentence cites a work in the academic way: "(Smith 2001)", "(Smith and
    /// Jones, 1998: 12)", "(2009)" after a name, or "et al." — a named source.
    pub(super) fn span_cites_work(&self, s: ProseSpan) -> bool {
        static CITATION: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(
            || {
                regex::Regex::new(
                    r"\((?:\p{Lu}[\p{L}'’.-]+(?:,? (?:and |& )?\p{Lu}[\p{L}'’.-]+)*,? )?(?:1[5-9]|20)\d\d[a-z]?(?:[,:] ?(?:pp?\. ?)?\d+(?:[-–]\d+)?)?[;)]|\bet al\b",
                )
                .ok()
            },
        );
        let t = &self.input.prose.text[s.range()];
        (t.contains('(') || t.contains("et al"))
            && CITATION.as_ref().is_some_and(|re| re.is_match(t))
    }

    /// Whether block `b` is a headline: a heading, or a plain-text first paragraph of one
    /// line that ends in no sentence punctuation. A headline sums up what its article
    /// attributes; it is not where a source goes.
    pub(super) fn is_headline(&self, b: usize) -> bool {
        let prose = &self.input.prose;
        let Some(r) = prose.blocks.get(b) else {
            return false;
        };
        let t = prose.text[r.clone()].trim_end();
        if prose.is_fragment_block(b) {
            // Headings, not list items or table cells: a heading is one line that
            // does not end like a sentence.
            return !t.contains('\n') && !t.ends_with(['.', '!', '?', ':', ';']);
        }
        b == 0
            && !t.contains('\n')
            && !t.ends_with(['.', '!', '?', ':', ';', '"', '”', ')'])
            && t.split_whitespace().count() <= 25
    }

    /// Whether a sentence holds a link.
    pub(super) fn span_has_link(&self, s: ProseSpan) -> bool {
        // "[text](" left in the prose is a link the parser could not take (a template tag
        // or an unclosed "<" as its destination): the writer still cited something.
        if self.input.prose.text[s.range()].contains("](") {
            return true;
        }
        self.overlaps_link(s)
    }

    /// Whether `off` lies inside a quotation (its marks included).
    pub(super) fn in_quote(&self, off: usize) -> bool {
        // Quotations are sorted and do not overlap.
        let i = self.quotes().partition_point(|q| q.span.end <= off);
        self.quotes().get(i).is_some_and(|q| q.span.start <= off)
    }
}

/// The links of a document sorted by start, so that the questions asked of them for
/// each candidate (does one overlap this sentence, start right after this quotation,
/// lie in this clause) are binary searches rather than passes over every link.
struct LinkIndex {
    /// The links, by start.
    by_start: Vec<ProseSpan>,
    /// For each index, the furthest end among the links up to it.
    furthest: Vec<usize>,
    /// For each index, the nearest end among the links from it on.
    nearest: Vec<usize>,
}

impl LinkIndex {
    fn new(links: &[ProseSpan]) -> Self {
        let mut by_start = links.to_vec();
        by_start.sort_by_key(|l| (l.start, l.end));
        let furthest = by_start
            .iter()
            .scan(0, |end, l| {
                *end = l.end.max(*end);
                Some(*end)
            })
            .collect();
        let mut nearest: Vec<usize> = by_start
            .iter()
            .rev()
            .scan(usize::MAX, |end, l| {
                *end = l.end.min(*end);
                Some(*end)
            })
            .collect();
        nearest.reverse();
        LinkIndex {
            by_start,
            furthest,
            nearest,
        }
    }
}

/// The end of `s` that a test of its last few words reads: all of it when it is at most
/// `bytes` long, else from the first whitespace of its last `bytes` bytes (or those
/// bytes, when they hold no whitespace). Lower-casing only this much keeps a test made
/// at every candidate of a long sentence or paragraph from reading all of it each time;
/// `bytes` is chosen to hold more words than the test reads.
pub(super) fn tail_from_space(s: &str, bytes: usize) -> &str {
    if s.len() <= bytes {
        return s;
    }
    let mut from = s.len() - bytes;
    while !s.is_char_boundary(from) {
        from += 1;
    }
    let tail = &s[from..];
    match tail.find(char::is_whitespace) {
        Some(i) => &tail[i..],
        None => tail,
    }
}

/// The index of the sentence of `sents` (sorted) that holds `off`; an offset in the
/// space after a sentence belongs to it.
pub(super) fn sentence_index(sents: &[Sentence], off: usize) -> Option<usize> {
    let i = sents.partition_point(|s| s.span.end <= off);
    sents
        .get(i)
        .filter(|s| s.span.start <= off)
        .map(|_| i)
        .or_else(|| i.checked_sub(1).filter(|&j| sents[j].span.end >= off))
}

#[cfg(test)]
mod tests {
    use super::tail_from_space;

    #[test]
    fn a_tail_starts_at_a_space_and_holds_the_last_words() {
        assert_eq!(tail_from_space("the phrase", 400), "the phrase");
        let long = format!("{} the phrase", "word ".repeat(200));
        let tail = tail_from_space(&long, 400);
        assert!(tail.starts_with(' ') && tail.ends_with("the phrase"));
        assert!(tail.len() <= 400 && long.ends_with(tail));
        let solid = "é".repeat(300);
        assert!(solid.ends_with(tail_from_space(&solid, 401)));
    }
}
