//! Compiles `src/lang/data/lexicon.tsv` (written by `scripts/gen-lexicon`) into the
//! binary table `src/lang/format.rs` describes, so that the program maps it in place
//! instead of parsing text at every start.

use crate::format::{
    self, DIALECT_LETTERS, ENTRY_SIZE, HEADER_SIZE, MAGIC, SLOT_SIZE, TAG_SIZE, VERSION,
};
use std::collections::HashMap;

/// One parsed line.
struct Line<'a> {
    form: &'a str,
    dialects: u8,
    tier: u8,
    tags: Vec<(u8, Option<&'a str>)>,
}

fn parse_line(no: usize, line: &str) -> Result<Line<'_>, String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() < 4 {
        return Err(format!("line {no}: expected 5 tab-separated columns"));
    }
    let form = cols[0];
    if form.is_empty() || form.len() > 255 {
        return Err(format!("line {no}: empty or over-long form"));
    }
    let mut dialects = 0u8;
    for b in cols[1].bytes() {
        match DIALECT_LETTERS.iter().position(|&l| l == b) {
            Some(i) => dialects |= 1 << i,
            None if b == b'-' => {}
            None => return Err(format!("line {no}: unknown dialect letter {:?}", b as char)),
        }
    }
    let tier: u8 = cols[2]
        .parse()
        .map_err(|_| format!("line {no}: tier {:?} is not a number", cols[2]))?;
    let mut tags = Vec::new();
    if cols[3] != "-" {
        for t in cols[3].split(',') {
            let (name, lemma) = match t.split_once('/') {
                Some((n, l)) => (n, Some(l)),
                None => (t, None),
            };
            let n = format::tag_number(name)
                .ok_or_else(|| format!("line {no}: unknown tag {name:?}"))?;
            if lemma.is_some_and(|l| l.is_empty() || l.len() > 255) {
                return Err(format!("line {no}: bad lemma in {t:?}"));
            }
            tags.push((n, lemma.filter(|l| *l != form)));
        }
    }
    if tags.len() > 255 {
        return Err(format!("line {no}: too many tags"));
    }
    Ok(Line {
        form,
        dialects,
        tier,
        tags,
    })
}

fn put(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// The binary table for the TSV text.
pub fn compile(tsv: &str) -> Result<Vec<u8>, String> {
    let mut lines = Vec::new();
    for (i, raw) in tsv.lines().enumerate() {
        if raw.starts_with('#') || raw.trim().is_empty() {
            continue;
        }
        lines.push(parse_line(i + 1, raw)?);
    }
    // Strings: every form once, then lemmas that are not forms.
    let mut strings: Vec<u8> = Vec::new();
    let mut offsets: HashMap<&str, u32> = HashMap::new();
    for l in &lines {
        if offsets.contains_key(l.form) {
            return Err(format!("form {:?} appears twice", l.form));
        }
        offsets.insert(l.form, strings.len() as u32);
        strings.extend_from_slice(l.form.as_bytes());
    }
    for l in &lines {
        for (_, lemma) in &l.tags {
            if let Some(lm) = lemma {
                if !offsets.contains_key(lm) {
                    offsets.insert(lm, strings.len() as u32);
                    strings.extend_from_slice(lm.as_bytes());
                }
            }
        }
    }
    let n = lines.len();
    let slots = (n * 2).next_power_of_two().max(2);
    let mut table = vec![0u64; slots];
    let mask = slots - 1;
    let mut entries = Vec::with_capacity(n * ENTRY_SIZE);
    let mut tag_records = Vec::new();
    let mut n_tags = 0u32;
    for (i, l) in lines.iter().enumerate() {
        let set = l.tags.iter().fold(0u32, |s, (t, _)| s | 1 << t);
        put(&mut entries, offsets[l.form]);
        entries.extend_from_slice(&[l.form.len() as u8, l.dialects, l.tier, l.tags.len() as u8]);
        put(&mut entries, set);
        put(&mut entries, n_tags);
        for (t, lemma) in &l.tags {
            let (len, off) = match lemma {
                Some(lm) => (lm.len() as u8, offsets[lm]),
                None => (0, 0),
            };
            tag_records.extend_from_slice(&[*t, len, 0, 0]);
            put(&mut tag_records, off);
            n_tags += 1;
        }
        let h = format::hash(l.form.as_bytes());
        let mut slot = h as usize & mask;
        while table[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        table[slot] = (h & 0xffff_ffff_0000_0000) | (i as u64 + 1);
    }
    let mut out = Vec::with_capacity(
        HEADER_SIZE + entries.len() + slots * SLOT_SIZE + tag_records.len() + strings.len(),
    );
    out.extend_from_slice(MAGIC);
    for v in [
        VERSION,
        n as u32,
        slots as u32,
        n_tags,
        strings.len() as u32,
    ] {
        put(&mut out, v);
    }
    out.extend_from_slice(&entries);
    for s in table {
        out.extend_from_slice(&s.to_le_bytes());
    }
    out.extend_from_slice(&tag_records);
    out.extend_from_slice(&strings);
    debug_assert_eq!(TAG_SIZE, 8);
    Ok(out)
}
