//! Byte-level reading for the figure shapes: vocabulary lists looked up by first byte,
//! ASCII word boundaries and whitespace, numbers, gap words, and the tails of the
//! proportion, change, rank and range shapes.

/// One vocabulary list, lower case, sorted by first byte, with the range of entries for
/// each first byte (either case): a place is tried against the entries that can start
/// there only, where scanning whole lists was a third of the figure search.
#[derive(Debug)]
pub(super) struct List(Vec<Vec<u8>>, [(usize, usize); 256]);

impl Default for List {
    fn default() -> Self {
        List(Vec::new(), [(0, 0); 256])
    }
}

impl List {
    /// The list of `words`, lower-cased, empty entries dropped.
    pub(super) fn new(words: &[String]) -> Self {
        let mut words: Vec<Vec<u8>> = words
            .iter()
            .map(|w| super::normalize_phrase(&w.to_lowercase()).into_bytes())
            .filter(|w| !w.is_empty())
            .collect();
        words.sort_by_key(|w| w[0].to_ascii_lowercase());
        let mut by_first = [(0usize, 0usize); 256];
        let mut i = 0;
        while i < words.len() {
            let b = words[i][0].to_ascii_lowercase();
            let n = words[i..]
                .iter()
                .take_while(|w| w[0].to_ascii_lowercase() == b)
                .count();
            let range = (i, i + n);
            by_first[usize::from(b)] = range;
            by_first[usize::from(b.to_ascii_uppercase())] = range;
            i += n;
        }
        List(words, by_first)
    }

    /// Every entry, lower case, in first-byte order.
    pub(super) fn entries(&self) -> &[Vec<u8>] {
        &self.0
    }

    /// The entries that can start with the byte at `p` (none past the end).
    pub(super) fn starting_at(&self, t: &[u8], p: usize) -> &[Vec<u8>] {
        let Some(&b) = t.get(p) else {
            return &[];
        };
        let (lo, hi) = self.1[usize::from(b)];
        self.0.get(lo..hi).unwrap_or_default()
    }

    /// Whether the word `t[s..e]` is an entry.
    pub(super) fn has(&self, t: &[u8], s: usize, e: usize) -> bool {
        let w = &t[s..e];
        self.starting_at(t, s)
            .iter()
            .any(|x| x.eq_ignore_ascii_case(w))
    }
}

/// Whether `b` is an ASCII word byte (`[A-Za-z0-9_]`).
pub(super) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// ASCII whitespace as a regex `\s` sees it.
pub(super) fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// Whether no word byte stands right before byte `i`: a word may start there.
pub(super) fn boundary_before(t: &[u8], i: usize) -> bool {
    i == 0 || !is_word_byte(t[i - 1])
}

/// Whether no word byte stands at `i` (or `i` is the end): a word may end there.
pub(super) fn boundary_after(t: &[u8], i: usize) -> bool {
    t.get(i).is_none_or(|&b| !is_word_byte(b))
}

/// Whether `t` holds `w` at `p`, ending by `limit` (ASCII case ignored).
pub(super) fn at_ci(t: &[u8], p: usize, w: &[u8], limit: usize) -> bool {
    p + w.len() <= limit
        && t.get(p..p + w.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(w))
}

/// The first position at or after `p` (before `hi`) whose byte fails `f`.
pub(super) fn skip(t: &[u8], p: usize, hi: usize, f: impl Fn(u8) -> bool) -> usize {
    let hi = hi.min(t.len());
    let mut i = p.min(hi);
    while i < hi && f(t[i]) {
        i += 1;
    }
    i
}

/// The first position, going back from `p` (not below `lo`), whose preceding byte fails `f`.
pub(super) fn back_skip(t: &[u8], p: usize, lo: usize, f: impl Fn(u8) -> bool) -> usize {
    let mut i = p;
    while i > lo && f(t[i - 1]) {
        i -= 1;
    }
    i
}

/// After a number ending at `e`, the end of its decimal part if it has one.
pub(super) fn decimal_end(t: &[u8], e: usize, hi: usize) -> usize {
    if e + 1 < hi && t[e] == b'.' && t[e + 1].is_ascii_digit() {
        skip(t, e + 1, hi, |b| b.is_ascii_digit())
    } else {
        e
    }
}

/// Where numbers end (see [`NumberEnds::number_end`] and [`NumberEnds::grouped_end`]),
/// remembering the last string of digits and groups read: in "100,100,100,…" every group of digits starts a
/// number that runs to the end of the whole string of groups, and reading it again
/// from each group made the figure search quadratic in the length of such a string.
/// The digit runs of a paragraph are read in order, so remembering the last string
/// read is enough.
#[derive(Debug, Default)]
pub(super) struct NumberEnds {
    /// `(start, end, hi)`: every byte of `start..end` is a digit or a comma, and the
    /// byte at `end` is not (or `end` is `hi`).
    digits_commas: Option<(usize, usize, usize)>,
    /// `(start, end, hi)`: ",ddd" groups follow each other from `start`, four bytes
    /// apart, up to `end`, where the next is not one (or would pass `hi`).
    groups: Option<(usize, usize, usize)>,
}

impl NumberEnds {
    /// The end of a number at `d`: digits and commas, then an optional decimal part.
    pub(super) fn number_end(&mut self, t: &[u8], d: usize, hi: usize) -> usize {
        let e = match self.digits_commas {
            Some((s, e, h)) if h == hi && s <= d && d < e => e,
            _ => {
                let e = skip(t, d, hi, |b| b.is_ascii_digit() || b == b',');
                self.digits_commas = Some((d, e, hi));
                e
            }
        };
        decimal_end(t, e, hi)
    }

    /// The end of a number written in thousands ("12,000", "1,250,000") at `d`.
    pub(super) fn grouped_end(&mut self, t: &[u8], d: usize, hi: usize) -> Option<usize> {
        let lead = skip(t, d, hi, |b| b.is_ascii_digit()) - d;
        if !(1..=3).contains(&lead) {
            return None;
        }
        let start = d + lead;
        let end = match self.groups {
            // A place of the string already read, a whole number of groups into it:
            // the groups from there are the rest of the same string.
            Some((s, e, h))
                if h == hi && s <= start && start <= e && (start - s).is_multiple_of(4) =>
            {
                e
            }
            _ => {
                let mut e = start;
                while e + 4 <= hi && t[e] == b',' && t[e + 1..e + 4].iter().all(u8::is_ascii_digit)
                {
                    e += 4;
                }
                self.groups = Some((start, e, hi));
                e
            }
        };
        (end > start).then_some(end)
    }
}

/// The currency sign right before the digits at `d` (one space allowed), if any.
pub(super) fn currency_before(t: &[u8], d: usize, lo: usize) -> Option<usize> {
    let p = if d > lo && is_ws(t[d - 1]) { d - 1 } else { d };
    for sign in ["$", "€", "£", "¥"] {
        let n = sign.len();
        if p >= lo + n && &t[p - n..p] == sign.as_bytes() {
            return Some(p - n);
        }
    }
    None
}

/// The end of a list entry (a word or phrase) at `p`, ending at a word boundary.
pub(super) fn word_entry(list: &List, t: &[u8], p: usize, hi: usize) -> Option<usize> {
    list.starting_at(t, p)
        .iter()
        .filter(|w| at_ci(t, p, w, hi) && boundary_after(t, p + w.len()))
        .map(|w| p + w.len())
        .max()
}

/// The end of one of `words` at `p`, ending at a word boundary.
pub(super) fn word_in<W: AsRef<str>>(words: &[W], t: &[u8], p: usize, hi: usize) -> Option<usize> {
    words
        .iter()
        .map(|w| w.as_ref().as_bytes())
        .filter(|w| at_ci(t, p, w, hi) && boundary_after(t, p + w.len()))
        .map(|w| p + w.len())
        .max()
}

/// The start of one of `words` that ends one whitespace byte before `p`, at a boundary.
pub(super) fn before_word_in<W: AsRef<str>>(
    words: &[W],
    t: &[u8],
    p: usize,
    lo: usize,
) -> Option<usize> {
    if p == 0 || p <= lo || !is_ws(t[p - 1]) {
        return None;
    }
    let q = p - 1;
    words
        .iter()
        .map(|w| w.as_ref().as_bytes())
        .filter_map(|w| {
            let s = q.checked_sub(w.len())?;
            (s >= lo && at_ci(t, s, w, q) && boundary_before(t, s)).then_some(s)
        })
        .min()
}

/// The ASCII letters word that ends one whitespace byte before `p`.
pub(super) fn word_before(t: &[u8], p: usize, lo: usize) -> Option<(usize, usize)> {
    if p == 0 || p <= lo || !is_ws(t[p - 1]) {
        return None;
    }
    let e = p - 1;
    let s = back_skip(t, e, lo, |b| b.is_ascii_alphabetic());
    (s < e).then_some((s, e))
}

/// A gap word (`[a-z-]+` and one whitespace byte) at `p`: where the next word starts.
pub(super) fn gap_word(t: &[u8], p: usize, hi: usize) -> Option<usize> {
    let e = skip(t, p, hi, |b| b.is_ascii_alphabetic() || b == b'-');
    (e > p && e < hi && is_ws(t[e])).then_some(e + 1)
}

/// An ASCII letters word at `p` that ends at a word boundary.
pub(super) fn letters_word(t: &[u8], p: usize, hi: usize) -> Option<usize> {
    let e = skip(t, p, hi, |b| b.is_ascii_alphabetic());
    (e > p && boundary_after(t, e)).then_some(e)
}

/// `end` at `p`, or after one, two ... `max` gap words, taking as few as it can.
pub(super) fn gap_then(
    t: &[u8],
    mut p: usize,
    hi: usize,
    max: usize,
    end: impl Fn(&[u8], usize, usize) -> Option<usize>,
) -> Option<usize> {
    for k in 0..=max {
        if let Some(e) = end(t, p, hi) {
            return Some(e);
        }
        if k < max {
            p = gap_word(t, p, hi)?;
        }
    }
    None
}

/// The rest of a proportion after its first number: up to three words, "in" or "out
/// of", and the second number, in digits or one of `denominators` ("in four", "out of
/// 10").
pub(super) fn proportion_rest(
    t: &[u8],
    p: usize,
    hi: usize,
    denominators: &[String],
) -> Option<usize> {
    gap_then(t, p, hi, 3, |t, p, hi| {
        let q = if at_ci(t, p, b"in", hi) {
            p + 2
        } else if at_ci(t, p, b"out of", hi) {
            p + 6
        } else {
            return None;
        };
        if !(q < hi && is_ws(t[q])) {
            return None;
        }
        let q = q + 1;
        let digits = skip(t, q, hi, |b| b.is_ascii_digit()) - q;
        if (1..=3).contains(&digits) && boundary_after(t, q + digits) {
            return Some(q + digits);
        }
        word_in(denominators, t, q, hi)
    })
}

/// Where a fraction amount of change ending at the hit `a..e` can start: "a" and one of
/// `fractions` ("a third"), and the built-in "half", "one-third", "two thirds".
pub(super) fn change_fraction_starts(
    t: &[u8],
    a: usize,
    e: usize,
    lo: usize,
    fractions: &[String],
) -> Vec<usize> {
    let word = &t[a..e];
    let is = |w: &str| word.eq_ignore_ascii_case(w.as_bytes());
    let mut out = Vec::new();
    if fractions.iter().any(|w| is(w))
        && a >= lo + 2
        && is_ws(t[a - 1])
        && t[a - 2].eq_ignore_ascii_case(&b'a')
    {
        out.push(a - 2);
    }
    if is("half") {
        out.push(a);
    }
    let lead = if is("third") {
        "one"
    } else if is("thirds") {
        "two"
    } else {
        return out;
    };
    if let Some(s) = a.checked_sub(lead.len() + 1) {
        if s >= lo && at_ci(t, s, lead.as_bytes(), a) && matches!(t[a - 1], b'-' | b' ') {
            out.push(s);
        }
    }
    out
}

/// The rest of "ranked ": an ordinal (one of `ranks`), "3rd", or "No. 1".
pub(super) fn rank_rest(t: &[u8], p: usize, hi: usize, ranks: &[String]) -> Option<usize> {
    if let Some(e) = word_in(ranks, t, p, hi) {
        return Some(e);
    }
    let d = skip(t, p, hi, |b| b.is_ascii_digit());
    if d > p {
        return ["st", "nd", "rd", "th"]
            .iter()
            .find(|s| at_ci(t, d, s.as_bytes(), hi) && boundary_after(t, d + 2))
            .map(|_| d + 2);
    }
    if at_ci(t, p, b"no.", hi) {
        let mut q = p + 3;
        if q < hi && is_ws(t[q]) {
            q += 1;
        }
        let e = skip(t, q, hi, |b| b.is_ascii_digit());
        return (e > q && boundary_after(t, e)).then_some(e);
    }
    None
}

/// The rest of "the largest ": up to two words (as many as fit), then "in" and one of
/// `ranges` ("in the").
pub(super) fn largest_in_rest(t: &[u8], p: usize, hi: usize, ranges: &[String]) -> Option<usize> {
    let mut starts = vec![p];
    let mut q = p;
    for _ in 0..2 {
        match gap_word(t, q, hi) {
            Some(n) => {
                starts.push(n);
                q = n;
            }
            None => break,
        }
    }
    starts.into_iter().rev().find_map(|q| {
        if !(at_ci(t, q, b"in", hi) && q + 2 < hi && is_ws(t[q + 2])) {
            return None;
        }
        word_in(ranges, t, q + 3, hi)
    })
}

#[cfg(test)]
mod tests {
    use super::{decimal_end, skip, List, NumberEnds};

    /// The ends read afresh from each place, for comparison.
    fn fresh(t: &[u8], d: usize, hi: usize) -> (usize, Option<usize>) {
        let number = decimal_end(t, skip(t, d, hi, |b| b.is_ascii_digit() || b == b','), hi);
        let lead = skip(t, d, hi, |b| b.is_ascii_digit()) - d;
        let mut e = d + lead;
        let mut groups = 0;
        while e + 4 <= hi && t[e] == b',' && t[e + 1..e + 4].iter().all(u8::is_ascii_digit) {
            e += 4;
            groups += 1;
        }
        (number, ((1..=3).contains(&lead) && groups > 0).then_some(e))
    }

    #[test]
    fn remembered_number_ends_are_the_ends_read_afresh() {
        let t = b"100,100,1000,10,100,100.5 12,345,678 1,2 3,456.7, 99 100,100,100,";
        for hi in [t.len(), 30, 50] {
            let mut ends = NumberEnds::default();
            for d in 0..hi {
                if !t[d].is_ascii_digit() {
                    continue;
                }
                let got = (ends.number_end(t, d, hi), ends.grouped_end(t, d, hi));
                assert_eq!(got, fresh(t, d, hi), "at {d}, up to {hi}");
            }
        }
    }

    #[test]
    fn a_list_finds_every_entry_in_either_case_and_nothing_else() {
        let words: Vec<String> = ["Jobs", "people", "percent", "per cent", "€uros", "workers"]
            .map(String::from)
            .into();
        let list = List::new(&words);
        let t = b"JOBS people Percent per cent \xe2\x82\xacuros workers job";
        for (s, e) in [(0, 4), (5, 11), (12, 19), (29, 36), (37, 44)] {
            assert!(list.has(t, s, e), "{}", String::from_utf8_lossy(&t[s..e]));
        }
        // Not a listed word, and no entry starts with "x".
        assert!(!list.has(t, 45, 48));
        assert!(list.starting_at(b"x", 0).is_empty());
        assert!(list.starting_at(b"", 0).is_empty());
        // Entries that share a first byte are all tried there.
        assert_eq!(list.starting_at(b"P", 0).len(), 3);
    }
}
