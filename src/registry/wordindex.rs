//! The index of whole-word phrases by their first two words, for the shared phrase
//! matcher ([`crate::registry`]).
//!
//! Every phrase that starts with a word character can only match where a run of word
//! characters of the text starts, and that run must be the phrase's first word; a phrase
//! of two or more words also needs the next run to be its second word. So the matcher
//! hashes each run of the text once and looks the hash up, instead of running an
//! automaton over every byte.
//!
//! Keys are hashes, not strings: a word's hash ignores ASCII case and is computed from at
//! most sixteen of its bytes with a few word operations, where hashing a lower-cased copy
//! and comparing strings cost five times as much per word. Two keys with the same hash
//! share a bucket, which costs only a wasted comparison: every candidate phrase is
//! compared with the text byte for byte before it counts. Common words ("the", "and",
//! "a") begin some phrase and so pass the first table; a bit set over (first, second)
//! hashes turns almost all of those away before any pair lookup.

/// The ASCII case bit of each of eight bytes.
const FOLD: u64 = 0x2020_2020_2020_2020;

const K1: u64 = 0x9e37_79b9_7f4a_7c15;
const K2: u64 = 0xc2b2_ae3d_27d4_eb4f;
const K3: u64 = 0x1656_67b1_9e37_79f9;
const K4: u64 = 0xff51_afd7_ed55_8ccd;

/// Bits in each filter: a few KB, so it stays in the L1 cache.
const FILTER_BITS: u32 = 15;

/// The eight bytes at `at` as a little-endian word; the caller knows they exist.
#[inline(always)]
fn load8(bytes: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    if let Some(src) = bytes.get(at..at + 8) {
        w.copy_from_slice(src);
    }
    u64::from_le_bytes(w)
}

/// The `len < 8` bytes at `at`, zero-extended.
#[inline(always)]
fn load_short(bytes: &[u8], at: usize, len: usize) -> u64 {
    let keep = if len == 0 {
        0
    } else {
        u64::MAX >> (64 - 8 * len)
    };
    if at + 8 <= bytes.len() {
        return load8(bytes, at) & keep;
    }
    // Near the end of the text: byte by byte.
    let mut w = 0u64;
    for (k, &b) in bytes[at..at + len].iter().enumerate() {
        w |= u64::from(b) << (8 * k);
    }
    w
}

/// A hash of the word `bytes[s..e]` that is the same for any ASCII case of it. It reads
/// the first and last eight bytes and the length, so long words that differ only in the
/// middle collide, which the byte comparison of each candidate makes harmless. Words
/// under eight bytes (most words) never collide: their folded bytes and length go
/// through one multiplication by an odd constant, which is invertible. Tables index by
/// the top bits, where a multiplication mixes best.
#[inline(always)]
pub fn fold_hash(bytes: &[u8], s: usize, e: usize) -> u64 {
    let len = e - s;
    if len < 8 {
        let keep = if len == 0 {
            0
        } else {
            u64::MAX >> (64 - 8 * len)
        };
        let a = (load_short(bytes, s, len) | FOLD) & keep;
        // The length in the top byte, which a word under eight bytes leaves clear.
        return (a | ((len as u64) << 56)).wrapping_mul(K1);
    }
    let a = load8(bytes, s) | FOLD;
    let b = load8(bytes, e - 8) | FOLD;
    a.wrapping_mul(K1) ^ b.rotate_left(29).wrapping_mul(K2) ^ (len as u64).wrapping_mul(K3)
}

/// The key of a (first word, second word) pair.
#[inline(always)]
fn pair_key(h1: u64, h2: u64) -> u64 {
    (h1.rotate_left(23) ^ h2).wrapping_mul(K4)
}

/// An open-addressed table from hashes to ranges of a candidate list, each with a flag.
#[derive(Debug, Default)]
struct Table {
    /// `(hash, from, to)`; `to == 0` marks an empty slot (no range ends at 0). The top
    /// bit of `from` is the key's flag.
    slots: Vec<(u64, u32, u32)>,
    /// The candidates the slots' ranges point into.
    cands: Vec<u32>,
    /// One bit per `FILTER_BITS`-bit hash prefix of the keys.
    filter: Vec<u64>,
    shift: u32,
}

/// The flag bit of a slot's `from`.
const FLAG: u32 = 1 << 31;

impl Table {
    /// Builds a table from (hash, candidate) pairs, where equal hashes share one range,
    /// and flagged hashes, which get a slot (perhaps with no candidates) and the flag.
    fn build(mut entries: Vec<(u64, u32)>, flagged: &[u64]) -> Table {
        entries.sort_unstable();
        let mut groups: Vec<(u64, u32, u32)> = Vec::new();
        let mut cands = Vec::with_capacity(entries.len() + 1);
        // Index 0 is never a range end, so `to == 0` can mark empty slots.
        cands.push(u32::MAX);
        for (h, c) in entries {
            match groups.last_mut() {
                Some(g) if g.0 == h => {
                    cands.push(c);
                    g.2 = cands.len() as u32;
                }
                _ => {
                    let from = cands.len() as u32;
                    cands.push(c);
                    groups.push((h, from, from + 1));
                }
            }
        }
        for &h in flagged {
            match groups.binary_search_by_key(&h, |g| g.0) {
                Ok(i) => groups[i].1 |= FLAG,
                // An empty range at 1 (`to` must not be 0).
                Err(i) => groups.insert(i, (h, 1 | FLAG, 1)),
            }
        }
        // At most half full, so a miss probes a slot or two.
        let bits = (groups.len().max(1) * 2)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let mut slots = vec![(0u64, 0u32, 0u32); 1 << bits];
        let shift = 64 - bits;
        let mask = slots.len() - 1;
        let mut filter = vec![0u64; (1usize << FILTER_BITS) / 64];
        for g in groups {
            let bit = (g.0 >> (64 - FILTER_BITS)) as usize;
            filter[bit / 64] |= 1u64 << (bit % 64);
            let mut i = (g.0 >> shift) as usize;
            while slots[i].2 != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = g;
        }
        Table {
            slots,
            cands,
            filter,
            shift,
        }
    }

    /// The candidates stored under hash `h` and its flag; `None` if `h` is no key.
    #[inline(always)]
    fn get(&self, h: u64) -> Option<(&[u32], bool)> {
        let bit = (h >> (64 - FILTER_BITS)) as usize;
        if self.filter.get(bit / 64)? & (1u64 << (bit % 64)) == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = (h >> self.shift) as usize;
        loop {
            let (k, from, to) = *self.slots.get(i)?;
            if to == 0 {
                return None;
            }
            if k == h {
                let range = (from & !FLAG) as usize..to as usize;
                return Some((self.cands.get(range).unwrap_or_default(), from & FLAG != 0));
            }
            i = (i + 1) & mask;
        }
    }
}

/// Whole-word phrases by the hashes of their first word and of their first two words.
#[derive(Debug, Default)]
pub struct WordIndex {
    /// By first word: the phrases of one word (perhaps with trailing punctuation:
    /// "its'"), flagged if a longer phrase starts with that word too.
    firsts: Table,
    /// Phrases of two or more words, by the hash of their first two.
    pairs: Table,
    /// The longest first word, in bytes; longer runs of the text cannot start a phrase.
    max_first: usize,
}

impl WordIndex {
    /// Indexes `phrases`: `(candidate, first word, second word)` with the words as byte
    /// strings of the phrase (any case).
    pub fn build<'a>(phrases: impl Iterator<Item = (u32, &'a [u8], Option<&'a [u8]>)>) -> Self {
        let (mut singles, mut pairs, mut leads) = (Vec::new(), Vec::new(), Vec::new());
        let mut max_first = 0;
        for (c, first, second) in phrases {
            max_first = max_first.max(first.len());
            let h1 = fold_hash(first, 0, first.len());
            match second {
                None => singles.push((h1, c)),
                Some(w) => {
                    pairs.push((pair_key(h1, fold_hash(w, 0, w.len())), c));
                    leads.push(h1);
                }
            }
        }
        leads.sort_unstable();
        leads.dedup();
        WordIndex {
            firsts: Table::build(singles, &leads),
            pairs: Table::build(pairs, &[]),
            max_first,
        }
    }

    /// Calls `found` with every candidate phrase that may start at each run of `runs`
    /// (runs of word characters of `text`, in order), with the run's start. Candidates
    /// still need comparing with the text.
    #[inline]
    pub fn candidates(
        &self,
        text: &[u8],
        runs: &[(usize, usize)],
        mut found: impl FnMut(&[u32], usize),
    ) {
        // The hash of the next run, when the pair lookup already computed it.
        let mut next_hash: Option<u64> = None;
        for (i, &(s, e)) in runs.iter().enumerate() {
            let known = next_hash.take();
            if e - s > self.max_first {
                continue;
            }
            let h = known.unwrap_or_else(|| fold_hash(text, s, e));
            let Some((singles, lead)) = self.firsts.get(h) else {
                continue;
            };
            if !singles.is_empty() {
                found(singles, s);
            }
            if !lead {
                continue;
            }
            let Some(&(s2, e2)) = runs.get(i + 1) else {
                continue;
            };
            let h2 = fold_hash(text, s2, e2);
            next_hash = Some(h2);
            if let Some((pairs, _)) = self.pairs.get(pair_key(h, h2)) {
                found(pairs, s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_ignores_ascii_case_and_reads_only_the_word() {
        let t = b"The tHe THE the, theory x";
        let h = |s: usize, e: usize| fold_hash(t, s, e);
        assert_eq!(h(0, 3), h(4, 7));
        assert_eq!(h(0, 3), h(8, 11));
        assert_eq!(h(0, 3), h(12, 15));
        assert_eq!(h(0, 3), fold_hash(b"the", 0, 3));
        assert_ne!(h(0, 3), h(17, 23));
        // Long words: first and last eight bytes.
        assert_eq!(
            fold_hash(b"Internationalisation", 0, 20),
            fold_hash(b"INTERNATIONALISATION", 0, 20)
        );
        // At the very end of the text, the short load goes byte by byte.
        assert_eq!(h(24, 25), fold_hash(b"X", 0, 1));
    }

    #[test]
    fn pairs_and_singles_are_found_at_their_runs() {
        let phrases = [
            (0, &b"wide"[..], Some(&b"birth"[..])),
            (1, b"Hinderance", None),
            (2, b"a", Some(b"wide")),
        ];
        let idx = WordIndex::build(phrases.into_iter());
        let text = b"Give A WIDE birth, no hinderance; a wide road";
        let runs: Vec<(usize, usize)> =
            crate::text::tokens::word_runs(std::str::from_utf8(text).unwrap_or_default()).collect();
        let mut got = Vec::new();
        idx.candidates(text, &runs, |c, s| got.extend(c.iter().map(|&c| (c, s))));
        got.sort_unstable();
        // "A WIDE" (2 at 5), "WIDE birth" (0 at 7), "hinderance" (1 at 22), "a wide" (2 at 34).
        assert_eq!(got, vec![(0, 7), (1, 22), (2, 5), (2, 34)]);
    }
}
