//! "Did you mean …?": the closest of a set of names to a mistyped one, by edit distance
//! (insertions, deletions, substitutions and swaps of neighbours, on characters), for
//! the error messages that name an unknown rule, pack or key.

/// The candidate closest to `input`, if one is close enough to be a plausible typo: at
/// most a third of the input's length away (at least one edit). Ties go to the first.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input_lower = input.to_lowercase();
    let limit = (input.chars().count() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        let d = distance(&input_lower, &c.to_lowercase());
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The optimal string alignment distance between `a` and `b` (Levenshtein with swaps of
/// adjacent characters counted as one edit), in characters.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows: the one before the previous (for swaps), the previous and the current.
    let mut older = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(older[j - 2] + 1);
            }
            cur[j] = d;
        }
        std::mem::swap(&mut older, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("eggcorns", "egcorns"), 1);
        assert_eq!(distance("eggcrons", "eggcorns"), 1, "a swap is one edit");
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn closest_is_within_a_third_of_the_length() {
        let ids = ["errors.eggcorns", "errors.misspellings", "style.cliches"];
        assert_eq!(closest("errors.egcorns", ids), Some("errors.eggcorns"));
        assert_eq!(closest("ERRORS.EGGCORNS", ids), Some("errors.eggcorns"));
        assert_eq!(closest("style.clichés", ids), Some("style.cliches"));
        assert_eq!(closest("weather.rain", ids), None);
        assert_eq!(closest("ab", ["xy"]), None);
    }
}
