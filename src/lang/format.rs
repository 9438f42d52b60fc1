//! The compiled lexicon's binary layout, shared by the build script that writes it and
//! the runtime that reads it (this file is also compiled into `build.rs`, so it uses
//! nothing from the crate).
//!
//! Layout, all integers little-endian:
//! - header: magic `CDLX`, then `u32`s: version, entries, table slots, tag records,
//!   string bytes;
//! - entries, [`ENTRY_SIZE`] bytes each: form offset `u32`, form length `u8`, dialect
//!   bits `u8`, tier `u8`, tag-record count `u8`, tag set `u32`, first tag record `u32`;
//! - the hash table: one `u64` per slot, the entry index plus one in the low half (0:
//!   empty) and the high half of the form's [`hash`] in the high half, so that a probe
//!   rejects another word without reading its entry; linear probing;
//! - tag records, [`TAG_SIZE`] bytes each: tag `u8`, lemma length `u8` (0: the form is
//!   its own lemma), two bytes of padding, lemma offset `u32`;
//! - the strings the offsets point into.

/// The first four bytes.
pub const MAGIC: &[u8; 4] = b"CDLX";
/// Bumped when the layout changes.
pub const VERSION: u32 = 2;
/// Bytes in the header.
pub const HEADER_SIZE: usize = 24;
/// Bytes per entry.
pub const ENTRY_SIZE: usize = 16;
/// Bytes per hash-table slot.
pub const SLOT_SIZE: usize = 8;
/// Bytes per tag record.
pub const TAG_SIZE: usize = 8;

/// Part-of-speech tag names (Penn Treebank), in tag-number order: a tag set is a `u32`
/// with bit `n` for tag `n`. The last three are never in the lexicon: the tagger gives
/// them to punctuation, symbols and words it cannot place.
pub const TAG_NAMES: [&str; 33] = [
    "NN", "NNS", "NNP", "VB", "VBZ", "VBD", "VBN", "VBG", "JJ", "JJR", "JJS", "RB", "RBR", "RBS",
    "PRP", "PRP$", "WP", "WP$", "WDT", "WRB", "DT", "PDT", "IN", "CC", "MD", "TO", "EX", "CD",
    "UH", "CT", "PUNCT", "SYM", "UNK",
];

/// Dialect letters as the lexicon source writes them, in bit order: US, British,
/// Canadian, Australian, and `W` for a word only WordNet has (accepted everywhere).
pub const DIALECT_LETTERS: [u8; 5] = *b"UBCAW";

/// FNV-1a (64-bit) of `bytes`: small, fast on short words, and the same in the build
/// script and at run time.
pub fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The tag number of `name`, if it is one of [`TAG_NAMES`].
pub fn tag_number(name: &str) -> Option<u8> {
    TAG_NAMES.iter().position(|t| *t == name).map(|i| i as u8)
}
