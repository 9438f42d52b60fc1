//! The English lexicon: every word form the dictionaries know, with the dialects that
//! accept it, how common it is, and its parts of speech with their lemmas. Built by
//! `scripts/gen-lexicon` from SCOWL word lists and WordNet (credited in
//! `src/lang/data/LICENSE-data.md`), compiled by the build script into a hash table that
//! is read in place: nothing is parsed at start-up.

use crate::lang::format::{self, ENTRY_SIZE, HEADER_SIZE, MAGIC, SLOT_SIZE, TAG_SIZE, VERSION};
use crate::lang::tags::{Tag, TagSet};
use std::sync::LazyLock;

static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.bin"));

/// The compiled lexicon, its sections located.
#[derive(Debug)]
pub struct Lexicon {
    entries: &'static [u8],
    table: &'static [u8],
    tags: &'static [u8],
    /// Validated once, so that a form or lemma is a slice, not a UTF-8 check.
    strings: &'static str,
    mask: usize,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::parse(BYTES));

/// The built-in lexicon.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    match b.get(at..at + 4) {
        Some(s) => u32::from_le_bytes([s[0], s[1], s[2], s[3]]),
        None => 0,
    }
}

impl Lexicon {
    /// Locates the sections of a compiled table; a table that is not one (it cannot
    /// happen for the embedded one, which the build wrote) reads as empty.
    fn parse(b: &'static [u8]) -> Lexicon {
        let empty = Lexicon {
            entries: &[],
            table: &[0; SLOT_SIZE],
            tags: &[],
            strings: "",
            mask: 0,
        };
        if b.get(..4) != Some(MAGIC.as_slice()) || u32_at(b, 4) != VERSION {
            return empty;
        }
        let n = u32_at(b, 8) as usize;
        let slots = u32_at(b, 12) as usize;
        let n_tags = u32_at(b, 16) as usize;
        let n_strings = u32_at(b, 20) as usize;
        let e0 = HEADER_SIZE;
        let t0 = e0 + n * ENTRY_SIZE;
        let g0 = t0 + slots * SLOT_SIZE;
        let s0 = g0 + n_tags * TAG_SIZE;
        if !slots.is_power_of_two() || b.len() != s0 + n_strings {
            return empty;
        }
        let Ok(strings) = std::str::from_utf8(&b[s0..]) else {
            return empty;
        };
        Lexicon {
            entries: &b[e0..t0],
            table: &b[t0..g0],
            tags: &b[g0..s0],
            strings,
            mask: slots - 1,
        }
    }

    /// The number of word forms.
    pub fn len(&self) -> usize {
        self.entries.len() / ENTRY_SIZE
    }

    /// Whether the lexicon has no forms.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The bytes of the compiled table (for the size report).
    pub fn size(&self) -> usize {
        BYTES.len()
    }

    fn string(&self, off: u32, len: u8) -> &'static str {
        self.strings
            .get(off as usize..off as usize + usize::from(len))
            .unwrap_or("")
    }

    /// The entry for `form`, exactly as written (case and all).
    pub fn exact(&'static self, form: &str) -> Option<Entry> {
        let key = form.as_bytes();
        if key.is_empty() || key.len() > 255 {
            return None;
        }
        let h = format::hash(key);
        let mut slot = h as usize & self.mask;
        loop {
            let v = u32_at(self.table, slot * SLOT_SIZE) as usize;
            if v == 0 {
                return None;
            }
            if u32_at(self.table, slot * SLOT_SIZE + 4) != (h >> 32) as u32 {
                slot = (slot + 1) & self.mask;
                continue;
            }
            let at = (v - 1) * ENTRY_SIZE;
            let len = usize::from(*self.entries.get(at + 4)?);
            if len == key.len() {
                let off = u32_at(self.entries, at) as usize;
                if self.strings.as_bytes().get(off..off + len) == Some(key) {
                    return Some(Entry { lex: self, at });
                }
            }
            slot = (slot + 1) & self.mask;
        }
    }

    /// The entry for a word as prose writes it: exactly; else, for a capitalised word
    /// (sentence start, headline case), its lower-case form; else, for a word in capitals,
    /// its lower-case and capitalised forms. Curly apostrophes read as straight ones.
    pub fn find(&'static self, word: &str) -> Option<Entry> {
        if word.contains('’') {
            return self.find(&word.replace('’', "'"));
        }
        if let Some(e) = self.exact(word) {
            return Some(e);
        }
        let mut chars = word.chars();
        let first = chars.next()?;
        if !first.is_uppercase() {
            return None;
        }
        let rest = chars.as_str();
        let mut buf = [0u8; 64];
        let lowered = if first.is_ascii() && word.len() <= buf.len() {
            buf[..word.len()].copy_from_slice(word.as_bytes());
            buf[0] = buf[0].to_ascii_lowercase();
            self.exact(std::str::from_utf8(&buf[..word.len()]).unwrap_or(""))
        } else {
            let lower_first: String = first.to_lowercase().chain(rest.chars()).collect();
            self.exact(&lower_first)
        };
        if let Some(e) = lowered {
            return Some(e);
        }
        if rest.chars().any(|c| c.is_lowercase()) {
            return None;
        }
        let lower = word.to_lowercase();
        self.exact(&lower).or_else(|| {
            let mut cs = lower.chars();
            let title: String = cs
                .next()
                .map(|c| c.to_uppercase().chain(cs).collect())
                .unwrap_or_default();
            self.exact(&title)
        })
    }
}

/// One word form of the lexicon.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    lex: &'static Lexicon,
    at: usize,
}

impl Entry {
    fn byte(&self, i: usize) -> u8 {
        self.lex.entries.get(self.at + i).copied().unwrap_or(0)
    }

    /// The form as the lexicon has it.
    pub fn form(&self) -> &'static str {
        self.lex
            .string(u32_at(self.lex.entries, self.at), self.byte(4))
    }

    /// The dialects that accept the form: bits in [`crate::lang::format::DIALECT_LETTERS`]
    /// order.
    pub fn dialects(&self) -> u8 {
        self.byte(5)
    }

    /// How common the form is: 1 (everyday) to 4 (only in WordNet).
    pub fn tier(&self) -> u8 {
        self.byte(6)
    }

    /// Every part of speech the form may have.
    pub fn tags(&self) -> TagSet {
        TagSet(u64::from(u32_at(self.lex.entries, self.at + 8)))
    }

    /// The readings, most likely first: each tag with its lemma.
    pub fn readings(&self) -> impl Iterator<Item = (Tag, &'static str)> + '_ {
        let first = u32_at(self.lex.entries, self.at + 12) as usize;
        let n = usize::from(self.byte(7));
        (first..first + n).map(move |i| {
            let at = i * TAG_SIZE;
            let tag = Tag(self.lex.tags.get(at).copied().unwrap_or(Tag::UNK.0));
            let len = self.lex.tags.get(at + 1).copied().unwrap_or(0);
            let lemma = if len == 0 {
                self.form()
            } else {
                self.lex.string(u32_at(self.lex.tags, at + 4), len)
            };
            (tag, lemma)
        })
    }

    /// The most likely tag, if the lexicon knows any.
    pub fn first_tag(&self) -> Option<Tag> {
        self.readings().next().map(|(t, _)| t)
    }

    /// The lemma of the reading with `tag` (the form itself if it has no such reading).
    pub fn lemma_for(&self, tag: Tag) -> &'static str {
        self.readings()
            .find(|(t, _)| *t == tag)
            .map_or_else(|| self.form(), |(_, l)| l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_forms_with_their_readings() {
        let lex = lexicon();
        assert!(lex.len() > 10);
        let saw = lex.exact("saw");
        let r: Vec<_> = saw
            .iter()
            .flat_map(|e| e.readings())
            .map(|(t, l)| (t.name(), l))
            .collect();
        assert_eq!(r.first(), Some(&("VBD", "see")));
        assert!(saw.is_some_and(|e| e.tags().has(Tag::NN)));
        assert!(lex.exact("sawx").is_none() && lex.exact("").is_none());
    }

    #[test]
    fn case_folds_as_prose_writes_words() {
        let lex = lexicon();
        assert_eq!(lex.find("The").map(|e| e.form()), Some("the"));
        assert_eq!(lex.find("THE").map(|e| e.form()), Some("the"));
        assert_eq!(lex.find("DENVER").map(|e| e.form()), Some("Denver"));
        assert!(lex.find("denver").is_none());
        assert_eq!(lex.find("it’s").map(|e| e.form()), Some("it's"));
        assert!(lex.find("tHe").is_none());
    }
}
