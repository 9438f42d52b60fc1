//! Figure recognition for `attribution.unsourced-statistic`: percentages, proportions,
//! money, large counts, changes and rankings.
//!
//! A figure always holds an ASCII digit or an anchor word ("half", "tripled", "largest",
//! "ranked", a number word). So instead of walking a regex automaton over every byte of
//! every paragraph that has one (a union of a dozen case-insensitive patterns with word
//! gaps, whose lazy DFA each thread had to build state by state: two thirds of the
//! attribution pack's time), the recogniser starts at each digit run and each anchor hit
//! of the shared phrase matcher and reads the few words around it. The words are data in
//! the rule file: the vocabularies (units, counted nouns, change verbs, superlatives ...)
//! and the small words the shapes allow between them (number words, adverbs such as
//! "nearly", determiners, ordinals). The connectors that make a shape what it is ("in" and
//! "out of" in a proportion, "of" in a share, "by" after a change verb, "in" after a
//! superlative, "ranked", "than any other", "fastest-growing", "most"/"least", "No.",
//! ordinal suffixes, "half", "one-third", "two-thirds") are its syntax, and code.
//!
//! Matches follow regex leftmost-first semantics, as the patterns this replaced did:
//! candidates are sorted by start and shape order, and a match hides the candidates that
//! start inside it. Word boundaries are ASCII (`[A-Za-z0-9_]` is a word byte), whitespace
//! is one ASCII space, tab or line break.

use super::figure_scan::{
    at_ci, back_skip, before_word_in, boundary_after, boundary_before, change_fraction_starts,
    currency_before, decimal_end, gap_then, gap_word, is_word_byte, is_ws, largest_in_rest,
    letters_word, proportion_rest, rank_rest, skip, word_before, word_entry, word_in, List,
    NumberEnds,
};
use crate::text::span::ProseSpan;
use serde::Deserialize;

/// unsourced-statistic: the words the figure shapes are made of (`[attribution.figures]`).
/// Each list is lower case or is folded to it; entries may be phrases.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FigureWordsSpec {
    /// After a number, a percentage: "%", "percent", "percentage points".
    #[serde(default)]
    pub percent: Vec<String>,
    /// After a number, a large quantity: "million", "billion".
    #[serde(default)]
    pub scales: Vec<String>,
    /// After a sum of money only: short scales ("bn", "m", "k").
    #[serde(default)]
    pub money_scales: Vec<String>,
    /// Things that, a hundred or more of them, make a count worth a source ("jobs").
    #[serde(default)]
    pub counted: Vec<String>,
    /// Shares that, "of" a group, make a figure: "half", "a third", "two-thirds".
    #[serde(default)]
    pub fractions: Vec<String>,
    /// The groups of those shares: "voters", "residents".
    #[serde(default)]
    pub groups: Vec<String>,
    /// Changes by a multiple: "doubled", "tripled", "halved".
    #[serde(default)]
    pub multipliers: Vec<String>,
    /// Verbs of change before an amount: "rose", "fell", "grew".
    #[serde(default)]
    pub changes: Vec<String>,
    /// Superlatives of rankings: "largest", "busiest".
    #[serde(default)]
    pub superlatives: Vec<String>,
    /// Whose superlative makes a ranking: "the world's", "the country's".
    #[serde(default)]
    pub places: Vec<String>,
    /// Number words that start a proportion ("one in five"); anchors too.
    #[serde(default)]
    pub number_words: Vec<String>,
    /// Number words a proportion can be out of ("in five", "out of ten"); digits always
    /// can.
    #[serde(default)]
    pub denominators: Vec<String>,
    /// Words right after a multiplier that make it a change over time ("doubled since",
    /// "tripled in").
    #[serde(default)]
    pub after_multiplier: Vec<String>,
    /// Words right before a multiplier that belong to the figure ("have doubled", "nearly
    /// doubled").
    #[serde(default)]
    pub before_multiplier: Vec<String>,
    /// Words between a change verb (or its "by") and the amount ("rose by nearly 5%").
    #[serde(default)]
    pub change_adverbs: Vec<String>,
    /// Fractions an amount of change can be after "a" ("fell by a third"); anchors too.
    /// "half", "one-third" and "two-thirds" are built in.
    #[serde(default)]
    pub change_fractions: Vec<String>,
    /// Determiners between a share's "of" and its group ("half of all voters").
    #[serde(default)]
    pub group_determiners: Vec<String>,
    /// Ordinals after "ranked" ("ranked third"); "ranked 3rd" and "ranked No. 1" are
    /// built in.
    #[serde(default)]
    pub rank_words: Vec<String>,
    /// Determiners of a superlative's range after "in" ("the largest port in the region").
    #[serde(default)]
    pub range_words: Vec<String>,
}

/// A list of the small words between a shape's parts: lower case, single spaces, no
/// empty entry (an empty word would match anywhere).
fn small_words(words: &[String]) -> Vec<String> {
    words
        .iter()
        .map(|w| super::normalize_phrase(&w.to_lowercase()))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The shapes, in the order they win when two start at the same place (the order of the
/// patterns they replaced).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Shape {
    Percent,
    Proportion,
    ShareOfGroup,
    BigMoney,
    ScaledMoney,
    Scaled,
    GroupedCount,
    CountOfNouns,
    Multiplied,
    Change,
    RankedPlace,
    Ranked,
    ThanAnyOther,
    LargestIn,
}

/// The compiled vocabularies.
#[derive(Debug, Default)]
pub struct Figures {
    percent: List,
    scales: List,
    money_scales: List,
    counted: List,
    fractions: List,
    groups: List,
    multipliers: List,
    changes: List,
    superlatives: List,
    places: List,
    number_words: Vec<String>,
    denominators: Vec<String>,
    after_multiplier: Vec<String>,
    before_multiplier: Vec<String>,
    change_adverbs: Vec<String>,
    change_fractions: Vec<String>,
    group_determiners: Vec<String>,
    rank_words: Vec<String>,
    range_words: Vec<String>,
}

/// A figure found: where, and by which shape (for leftmost-first ordering).
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    shape: Shape,
    end: usize,
}

impl Figures {
    /// Compiles the vocabularies of a rule file's `[attribution.figures]` table.
    pub fn new(spec: &FigureWordsSpec) -> Self {
        Figures {
            percent: List::new(&spec.percent),
            scales: List::new(&spec.scales),
            money_scales: List::new(&spec.money_scales),
            counted: List::new(&spec.counted),
            fractions: List::new(&spec.fractions),
            groups: List::new(&spec.groups),
            multipliers: List::new(&spec.multipliers),
            changes: List::new(&spec.changes),
            superlatives: List::new(&spec.superlatives),
            places: List::new(&spec.places),
            number_words: small_words(&spec.number_words),
            denominators: small_words(&spec.denominators),
            after_multiplier: small_words(&spec.after_multiplier),
            before_multiplier: small_words(&spec.before_multiplier),
            change_adverbs: small_words(&spec.change_adverbs),
            change_fractions: small_words(&spec.change_fractions),
            group_determiners: small_words(&spec.group_determiners),
            rank_words: small_words(&spec.rank_words),
            range_words: small_words(&spec.range_words),
        }
    }

    /// The words a figure without a digit starts from, for the shared phrase matcher: the
    /// number words, the last word of each fraction, the multipliers, the superlatives,
    /// "ranked" and "than any other".
    pub fn anchors(&self) -> Vec<String> {
        let mut out: Vec<String> = self.number_words.clone();
        for f in self.fractions.entries() {
            let f = String::from_utf8_lossy(f);
            if let Some(last) = f.rsplit([' ', '-']).next() {
                out.push(last.to_string());
            }
        }
        out.extend(self.change_fractions.iter().cloned());
        out.push("thirds".into());
        for list in [&self.multipliers, &self.superlatives] {
            out.extend(
                list.entries()
                    .iter()
                    .map(|w| String::from_utf8_lossy(w).into_owned()),
            );
        }
        out.extend(["fastest", "most", "least", "ranked", "than any other"].map(String::from));
        out.sort();
        out.dedup();
        out
    }

    /// The figures in `text`: starting from the runs that start with a digit (`runs`, in
    /// order; `blocks` are the paragraphs' byte ranges, in order) and from `anchor_hits`
    /// (spans of [`anchors`] words, each with its paragraph), each within its paragraph.
    /// Sorted, not overlapping.
    ///
    /// [`anchors`]: Figures::anchors
    pub fn find(
        &self,
        text: &str,
        runs: &[(usize, usize)],
        blocks: &[std::ops::Range<usize>],
        anchor_hits: &[(ProseSpan, std::ops::Range<usize>)],
    ) -> Vec<ProseSpan> {
        let t = text.as_bytes();
        let mut cands: Vec<Candidate> = Vec::new();
        // Every run that starts with a digit, with its paragraph: runs and paragraphs are
        // both in order, so one pointer walks the paragraphs (a run never crosses one).
        let mut bi = 0;
        let mut ends = NumberEnds::default();
        for &(s, _) in runs {
            if !t[s].is_ascii_digit() {
                continue;
            }
            while blocks.get(bi).is_some_and(|b| b.end <= s) {
                bi += 1;
            }
            match blocks.get(bi) {
                Some(b) if b.start <= s => {
                    self.around_digit(t, s, b.clone(), &mut ends, &mut cands)
                }
                _ => {}
            }
        }
        for (hit, block) in anchor_hits {
            self.around_word(t, *hit, block.clone(), &mut cands);
        }
        cands.sort_by_key(|c| (c.start, c.shape));
        let mut out: Vec<ProseSpan> = Vec::new();
        let mut last_end = 0;
        for c in cands {
            if c.start < last_end && !out.is_empty() {
                continue;
            }
            out.push(ProseSpan::new(c.start, c.end));
            last_end = c.end;
        }
        out
    }

    /// Shapes that start at, or lead up to, the digit run at `d`.
    fn around_digit(
        &self,
        t: &[u8],
        d: usize,
        block: std::ops::Range<usize>,
        ends: &mut NumberEnds,
        out: &mut Vec<Candidate>,
    ) {
        let hi = block.end;
        let mut push = |start, shape, end| keep(out, &block, start, shape, end);
        let digits_end = skip(t, d, hi, |b| b.is_ascii_digit());
        let run = digits_end - d;
        if boundary_before(t, d) {
            let number = ends.number_end(t, d, hi);
            // 14 percent, 40%, 3.5 percentage points
            let after = if number < hi && is_ws(t[number]) {
                number + 1
            } else {
                number
            };
            push(
                d,
                Shape::Percent,
                self.percent_unit(t, after, hi)
                    .or_else(|| self.percent_unit(t, number, hi)),
            );
            // three in four, 1 in 5
            if run <= 3 && digits_end < hi && is_ws(t[digits_end]) {
                let rest = proportion_rest(t, digits_end + 1, hi, &self.denominators);
                push(d, Shape::Proportion, rest);
            }
            // 1.5 million
            if number < hi && is_ws(t[number]) {
                push(
                    d,
                    Shape::Scaled,
                    word_entry(&self.scales, t, number + 1, hi),
                );
            }
            // 12,000 jobs
            if let Some(g) = ends
                .grouped_end(t, d, hi)
                .filter(|&g| g < hi && is_ws(t[g]))
            {
                push(
                    d,
                    Shape::GroupedCount,
                    gap_then(t, g + 1, hi, 2, letters_word),
                );
            }
            // 250 people, 300 skilled workers
            if run >= 3 && t[d] != b'0' && digits_end < hi && is_ws(t[digits_end]) {
                let noun = |t: &[u8], p: usize, hi: usize| word_entry(&self.counted, t, p, hi);
                push(
                    d,
                    Shape::CountOfNouns,
                    gap_then(t, digits_end + 1, hi, 2, noun),
                );
            }
        }
        // $4.2 billion, €12,000,000
        if let Some(c) = currency_before(t, d, block.start) {
            let big = ends
                .grouped_end(t, d, hi)
                .filter(|_| run <= 3)
                .or((run >= 5).then_some(digits_end))
                .map(|e| decimal_end(t, e, hi));
            push(c, Shape::BigMoney, big);
            let n = decimal_end(t, digits_end, hi);
            let after = if n < hi && is_ws(t[n]) { n + 1 } else { n };
            let scaled = word_entry(&self.scales, t, after, hi)
                .or_else(|| word_entry(&self.money_scales, t, after, hi))
                .or_else(|| word_entry(&self.scales, t, n, hi))
                .or_else(|| word_entry(&self.money_scales, t, n, hi));
            push(c, Shape::ScaledMoney, scaled);
        }
        // rose 14 percent, fell by more than 2,000
        if let Some(verb) = self.change_lead(t, d, block.start) {
            let number = ends.number_end(t, d, hi);
            let after = if number < hi && is_ws(t[number]) {
                number + 1
            } else {
                number
            };
            let end = self
                .percent_unit(t, after, hi)
                .or_else(|| self.percent_unit(t, number, hi))
                .unwrap_or(number);
            push(verb, Shape::Change, Some(end));
        }
    }

    /// Shapes around an anchor word hit.
    fn around_word(
        &self,
        t: &[u8],
        hit: ProseSpan,
        block: std::ops::Range<usize>,
        out: &mut Vec<Candidate>,
    ) {
        let (a, e, lo, hi) = (hit.start, hit.end, block.start, block.end);
        let mut push = |start, shape, end| keep(out, &block, start, shape, end);
        let word = &t[a..e];
        let is = |w: &str| word.eq_ignore_ascii_case(w.as_bytes());
        // one in five
        if boundary_before(t, a) && self.number_words.iter().any(|w| is(w)) && e < hi && is_ws(t[e])
        {
            let rest = proportion_rest(t, e + 1, hi, &self.denominators);
            push(a, Shape::Proportion, rest);
        }
        // half of its riders, two-thirds of voters
        if let Some(s) = self.fraction_start(t, e, lo) {
            push(s, Shape::ShareOfGroup, self.share_rest(t, e, hi));
        }
        // rents have doubled since, sales tripled.
        if self.multipliers.has(t, a, e) {
            let end = match t.get(e) {
                Some(b'.' | b',' | b';') => Some(e + 1),
                Some(&b) if is_ws(b) => word_in(&self.after_multiplier, t, e + 1, hi),
                _ => None,
            };
            let start = before_word_in(&self.before_multiplier, t, a, lo)
                .or(boundary_before(t, a).then_some(a));
            if let Some(s) = start {
                push(s, Shape::Multiplied, end);
            }
        }
        // fell by a third, rose by half, grew two-thirds
        for o in change_fraction_starts(t, a, e, lo, &self.change_fractions) {
            if let Some(verb) = self.change_lead(t, o, lo) {
                push(verb, Shape::Change, Some(e));
            }
        }
        // the world's largest, the country's fastest-growing, the city's most visited
        let sup_end = if self.superlatives.has(t, a, e) {
            Some(e)
        } else if is("fastest") {
            matches!(t.get(e), Some(b'-' | b' '))
                .then(|| at_ci(t, e + 1, b"growing", hi).then_some(e + 8))
                .flatten()
        } else if is("most") || is("least") {
            (e < hi && is_ws(t[e]))
                .then(|| skip(t, e + 1, hi, is_word_byte))
                .filter(|&x| x > e + 1)
        } else {
            None
        };
        if let Some(end) = sup_end {
            if let Some(s) = self.place_before(t, a, lo) {
                push(s, Shape::RankedPlace, Some(end));
            }
        }
        // ranked third, ranked No. 1
        if is("ranked") && boundary_before(t, a) && e < hi && is_ws(t[e]) {
            push(a, Shape::Ranked, rank_rest(t, e + 1, hi, &self.rank_words));
        }
        // than any other
        if boundary_before(t, a) && at_ci(t, a, b"than any other", hi) && boundary_after(t, a + 14)
        {
            push(a, Shape::ThanAnyOther, Some(a + 14));
        }
        // the largest port in the
        if self.superlatives.has(t, a, e) && e < hi && is_ws(t[e]) {
            if let Some(s) = before_word_in(&["the"], t, a, lo) {
                let rest = largest_in_rest(t, e + 1, hi, &self.range_words);
                push(s, Shape::LargestIn, rest);
            }
        }
    }

    /// The end of a percentage unit at `p` ("%" or a unit word ending at a boundary).
    fn percent_unit(&self, t: &[u8], p: usize, hi: usize) -> Option<usize> {
        self.percent
            .starting_at(t, p)
            .iter()
            .filter(|w| at_ci(t, p, w, hi))
            .map(|w| p + w.len())
            .filter(|&end| !t[end - 1].is_ascii_alphanumeric() || boundary_after(t, end))
            .max()
    }

    /// The start of a change verb that leads up to an amount at `o`: "rose ", "fell by ",
    /// "grew by more than ". Read backwards: an adverb, then "by", then the verb.
    fn change_lead(&self, t: &[u8], o: usize, lo: usize) -> Option<usize> {
        let verb = |s: usize, e: usize| self.changes.has(t, s, e) && boundary_before(t, s);
        let (mut s, mut e) = word_before(t, o, lo)?;
        if verb(s, e) {
            return Some(s);
        }
        if let Some(adverb) = before_word_in(&self.change_adverbs, t, o, lo) {
            (s, e) = word_before(t, adverb, lo)?;
            if verb(s, e) {
                return Some(s);
            }
        }
        if t[s..e].eq_ignore_ascii_case(b"by") && boundary_before(t, s) {
            (s, e) = word_before(t, s, lo)?;
            if verb(s, e) {
                return Some(s);
            }
        }
        None
    }

    /// The start of a fraction entry ("half", "a third", "two-thirds") that ends at `e`.
    fn fraction_start(&self, t: &[u8], e: usize, lo: usize) -> Option<usize> {
        self.fractions
            .entries()
            .iter()
            .filter_map(|f| {
                let s = e.checked_sub(f.len())?;
                (s >= lo && at_ci(t, s, f, e) && boundary_before(t, s)).then_some(s)
            })
            .min()
    }

    /// The rest of a share: " of (the )?(word )?group".
    fn share_rest(&self, t: &[u8], e: usize, hi: usize) -> Option<usize> {
        if !(e < hi && is_ws(t[e]) && at_ci(t, e + 1, b"of", hi)) {
            return None;
        }
        let p = e + 3;
        if !(p < hi && is_ws(t[p])) {
            return None;
        }
        let p = p + 1;
        let group = |p: usize| word_entry(&self.groups, t, p, hi);
        let det = word_in(&self.group_determiners, t, p, hi)
            .filter(|&x| x < hi && is_ws(t[x]))
            .map(|x| x + 1);
        let mut starts = Vec::with_capacity(2);
        starts.extend(det);
        starts.push(p);
        starts
            .into_iter()
            .find_map(|q| gap_word(t, q, hi).and_then(group).or_else(|| group(q)))
    }

    /// The start of "<place>'s " before the superlative at `a`.
    fn place_before(&self, t: &[u8], a: usize, lo: usize) -> Option<usize> {
        if a < 3 || a - 1 < lo || !is_ws(t[a - 1]) {
            return None;
        }
        let p = a - 1;
        let q = if p >= 2 && t[p - 2] == b'\'' && t[p - 1].eq_ignore_ascii_case(&b's') {
            p - 2
        } else if p >= 4
            && &t[p - 4..p - 1] == "’".as_bytes()
            && t[p - 1].eq_ignore_ascii_case(&b's')
        {
            p - 4
        } else {
            return None;
        };
        let s = back_skip(t, q, lo, |b| b.is_ascii_alphabetic());
        (s < q && boundary_before(t, s) && self.places.has(t, s, q)).then_some(s)
    }
}

/// Records a candidate that ends (`end`, when the shape matched) and starts within its
/// paragraph `block`.
fn keep(
    out: &mut Vec<Candidate>,
    block: &std::ops::Range<usize>,
    start: usize,
    shape: Shape,
    end: Option<usize>,
) {
    if let Some(end) = end.filter(|&e| e <= block.end && start >= block.start) {
        out.push(Candidate { start, shape, end });
    }
}
