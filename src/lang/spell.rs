//! The speller: whether a word is in the dictionary of the accepted dialects, and the
//! dictionary words one edit away from it, most likely first.
//!
//! Corrections are only ever one edit (a letter dropped, added, changed, or two
//! swapped): that is what typing and most everyday misspellings do, and a word with no
//! dictionary word that close is far more often a name or a term the dictionary lacks
//! than an error, so the spelling rule stays quiet about it.

use crate::lang::lexicon::{lexicon, Entry};
use crate::lang::tags::Tag;

/// Whether `word` is spelled as the accepted dialects (`bits`, see
/// [`crate::lang::dialect`]) spell it. A possessive is checked without its `'s`, a
/// hyphenated word part by part when the whole is not listed.
pub fn known(word: &str, bits: u8) -> bool {
    if accepted(lexicon().find(word), bits) {
        return true;
    }
    remembered(&KNOWN, word, bits, || known_slowly(word, bits))
}

/// Answers for words the lexicon does not list, per thread: the same unknown words (a
/// project's jargon, its names) come back in file after file, and deciding one takes
/// hundreds of lookups.
type Memo<T> = std::cell::RefCell<std::collections::HashMap<(String, u8), T>>;

thread_local! {
    static KNOWN: Memo<bool> = Memo::default();
    static CORRECTIONS: Memo<Vec<Correction>> = Memo::default();
}

/// Entries a memo holds before it starts afresh (a bound on memory, not a tuned value).
const MEMO_LIMIT: usize = 50_000;

/// `memo`'s answer for `word` under `bits`, computed by `compute` the first time.
fn remembered<T: Clone>(
    memo: &'static std::thread::LocalKey<Memo<T>>,
    word: &str,
    bits: u8,
    compute: impl FnOnce() -> T,
) -> T {
    let key = (word.to_string(), bits);
    if let Some(v) = memo.with(|m| m.borrow().get(&key).cloned()) {
        return v;
    }
    let v = compute();
    memo.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= MEMO_LIMIT {
            m.clear();
        }
        m.insert(key, v.clone());
    });
    v
}

/// [`known`] for a word the lexicon does not list as written.
fn known_slowly(word: &str, bits: u8) -> bool {
    let w = word.replace('’', "'");
    if let Some(base) = w.strip_suffix("'s").or_else(|| w.strip_suffix('\'')) {
        if !base.is_empty() && known(base, bits) {
            return true;
        }
    }
    if w.contains('-') {
        return w.split('-').all(|p| {
            p.is_empty()
                || p.chars().all(|c| c.is_ascii_digit())
                || PREFIXES.contains(&p.to_ascii_lowercase().as_str())
                || known(p, bits)
        });
    }
    if PREFIXES.contains(&w.to_ascii_lowercase().as_str()) {
        return true;
    }
    derived(&w.to_ascii_lowercase(), bits)
}

/// Prefixes that make new words of dictionary words (`preload`, `nonprofit`).
const PREFIXES: [&str; 34] = [
    "pre", "re", "un", "non", "co", "multi", "sub", "super", "inter", "over", "under", "anti",
    "de", "dis", "mis", "micro", "macro", "mega", "meta", "mini", "post", "pro", "semi", "self",
    "cross", "counter", "out", "up", "cyber", "hyper", "intra", "socio", "tri", "bi",
];

/// Whether a word the lists lack is a regular derivation of one they have: an
/// inflection (`commenters`, `stylings`), a prefixed word (`preloading`) or a closed
/// compound of two everyday words (`backend`, `roadmap`). New words are made this way
/// faster than dictionaries list them; a typing slip seldom lands on one.
fn derived(w: &str, bits: u8) -> bool {
    let has = |s: &str| accepted(lexicon().exact(s), bits);
    let common = |s: &str| {
        lexicon()
            .exact(s)
            .is_some_and(|e| e.dialects() & bits != 0 && e.tier() <= 2)
    };
    let stems = [
        w.strip_suffix('s'),
        w.strip_suffix("es"),
        w.strip_suffix("ies").map(|_| ""),
        w.strip_suffix("ed"),
        w.strip_suffix('d').filter(|s| s.ends_with('e')),
        w.strip_suffix("ing"),
        w.strip_suffix("er"),
        w.strip_suffix("ers"),
    ];
    for (i, stem) in stems.into_iter().enumerate() {
        let Some(stem) = stem else { continue };
        let base = match i {
            2 => format!("{}y", &w[..w.len() - 3]),
            5 if !has(stem) => format!("{stem}e"),
            _ => stem.to_string(),
        };
        if base.len() < 3 || !has(&base) {
            continue;
        }
        // A word whose own form the lexicon lists is misspelled, not derived:
        // "occured" when "occurred" is the past of "occur".
        let tags: &[Tag] = match i {
            0..=2 => &[Tag::NNS, Tag::VBZ],
            3 | 4 => &[Tag::VBD, Tag::VBN],
            5 => &[Tag::VBG],
            _ => &[Tag::JJR],
        };
        let listed_otherwise = tags
            .iter()
            .any(|t| crate::lang::inflect::inflect(&base, *t).is_some_and(|f| f != w));
        if !listed_otherwise {
            return true;
        }
    }
    // Derivational suffixes that make new words of dictionary words: influence ->
    // influencer, validate -> validator, fill -> fillable, native -> natively, detail ->
    // detailee.
    let suffixed = [
        ("rs", "", true),
        ("r", "", true),
        ("ors", "e", false),
        ("or", "e", false),
        ("able", "", false),
        ("ly", "", false),
        ("ees", "", false),
        ("ee", "", false),
        ("ers", "", false),
        ("er", "", false),
    ];
    for (suffix, restore, needs_e) in suffixed {
        if let Some(stem) = w.strip_suffix(suffix) {
            let base = format!("{stem}{restore}");
            if base.len() >= 3 && (!needs_e || base.ends_with('e')) && has(&base) {
                return true;
            }
        }
    }
    for p in PREFIXES {
        if let Some(rest) = w.strip_prefix(p) {
            if rest.len() >= 3 && (has(rest) || derived_inflection(rest, bits)) {
                return true;
            }
        }
    }
    // A compound is a noun or adjective then a noun, both everyday words, and no letter
    // doubled across the join ("oftten" is a slip, not "oft" + "ten").
    let b = w.as_bytes();
    (3..w.len().saturating_sub(2)).any(|i| {
        let (head, tail) = (&w[..i], &w[i..]);
        w.is_char_boundary(i)
            && b[i - 1] != b[i]
            && common(head)
            && common(tail)
            && lexicon()
                .exact(head)
                .is_some_and(|e| e.tags().meets(Tag::NN.set().with(Tag::JJ)))
            && lexicon()
                .exact(tail)
                .is_some_and(|e| e.tags().meets(Tag::NN.set().with(Tag::NNS)))
    })
}

/// The inflection part of [`derived`] alone, for the word after a prefix.
fn derived_inflection(w: &str, bits: u8) -> bool {
    let has = |s: &str| accepted(lexicon().exact(s), bits);
    [
        w.strip_suffix('s'),
        w.strip_suffix("ed"),
        w.strip_suffix("ing"),
        w.strip_suffix("er"),
    ]
    .into_iter()
    .flatten()
    .any(|s| s.len() >= 3 && (has(s) || has(&format!("{s}e"))))
}

fn accepted(e: Option<Entry>, bits: u8) -> bool {
    e.is_some_and(|e| e.dialects() & bits != 0)
}

/// Whether some dialect's dictionary has `word` (for the bits it does not accept).
pub fn known_elsewhere(word: &str) -> bool {
    known(word, crate::lang::dialect::ANY)
}

/// A correction with what ranks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// The dictionary word.
    pub word: String,
    /// Lower is likelier: the edit's plausibility plus the word's rarity.
    pub cost: u32,
    /// The edit's part of the cost: 0 for swapped or doubled letters, up to 9 for a
    /// changed letter far from the right key at the start of the word.
    pub edit: u32,
}

/// Keys next to each other on a QWERTY keyboard: a changed letter is most often one of
/// its neighbours.
fn adjacent(a: u8, b: u8) -> bool {
    const ROWS: [&[u8]; 3] = [b"qwertyuiop", b"asdfghjkl", b"zxcvbnm"];
    let pos = |c: u8| {
        ROWS.iter().enumerate().find_map(|(r, row)| {
            row.iter()
                .position(|&x| x == c)
                .map(|i| (r as i32, i as i32))
        })
    };
    match (pos(a), pos(b)) {
        (Some((r1, c1)), Some((r2, c2))) => (r1 - r2).abs() <= 1 && (c1 - c2).abs() <= 1,
        _ => false,
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Dictionary words one edit from `word` (lower-case ASCII letters, apostrophes and
/// hyphens), accepted by `bits`, best first, at most `max`.
pub fn corrections(word: &str, bits: u8, max: usize) -> Vec<Correction> {
    let mut all = remembered(&CORRECTIONS, word, bits, || search(word, bits));
    all.truncate(max);
    all
}

/// Every correction of [`corrections`], best first.
fn search(word: &str, bits: u8) -> Vec<Correction> {
    let w = word.as_bytes();
    if w.is_empty()
        || !w
            .iter()
            .all(|c| c.is_ascii_lowercase() || *c == b'\'' || *c == b'-')
    {
        return Vec::new();
    }
    let lex = lexicon();
    let mut found: Vec<Correction> = Vec::new();
    let mut buf: Vec<u8> = Vec::with_capacity(w.len() + 1);
    let consider = |buf: &[u8], edit_cost: u32, found: &mut Vec<Correction>| {
        let Ok(s) = std::str::from_utf8(buf) else {
            return;
        };
        let Some(e) = lex.exact(s) else { return };
        if e.dialects() & bits == 0 {
            return;
        }
        let cost = edit_cost + 10 * u32::from(e.tier());
        match found.iter_mut().find(|c| c.word == s) {
            Some(c) if cost < c.cost => {
                c.cost = cost;
                c.edit = edit_cost;
            }
            Some(_) => {}
            None => found.push(Correction {
                word: s.to_string(),
                cost,
                edit: edit_cost,
            }),
        }
    };
    let letters = b'a'..=b'z';
    // Swapped neighbours.
    for i in 0..w.len().saturating_sub(1) {
        if w[i] == w[i + 1] {
            continue;
        }
        buf.clear();
        buf.extend_from_slice(w);
        buf.swap(i, i + 1);
        consider(&buf, 0, &mut found);
    }
    // A letter too many (a doubled one is the likeliest).
    for i in 0..w.len() {
        buf.clear();
        buf.extend_from_slice(&w[..i]);
        buf.extend_from_slice(&w[i + 1..]);
        let doubled = (i > 0 && w[i - 1] == w[i]) || w.get(i + 1) == Some(&w[i]);
        consider(&buf, if doubled { 0 } else { 4 }, &mut found);
    }
    // A letter missing, and a letter changed.
    for i in 0..=w.len() {
        for c in letters.clone() {
            buf.clear();
            buf.extend_from_slice(&w[..i]);
            buf.push(c);
            buf.extend_from_slice(&w[i..]);
            let doubles = (i > 0 && w[i - 1] == c) || w.get(i) == Some(&c);
            consider(&buf, if doubles { 1 } else { 5 }, &mut found);
            if i < w.len() && c != w[i] {
                buf.clear();
                buf.extend_from_slice(w);
                buf[i] = c;
                // Slips seldom change a word's first letters.
                let near = adjacent(c, w[i]) || (is_vowel(c) && is_vowel(w[i]));
                let cost = if near { 3 } else { 7 } + if i < 2 { 2 } else { 0 };
                consider(&buf, cost, &mut found);
            }
        }
    }
    found.sort_by(|a, b| a.cost.cmp(&b.cost).then_with(|| a.word.cmp(&b.word)));
    found.truncate(8);
    found
}
