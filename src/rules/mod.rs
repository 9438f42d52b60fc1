//! Rule kinds. Kinds are code (one file each); rules are data (TOML files compiled into a
//! [`Rule`]). Every kind is pure: it takes prose and the literal hits the shared matcher
//! found for it, and returns findings in prose offsets. The engine owns source spans,
//! suppression and order.

pub mod article;
pub mod attribution;
pub mod consistency;
pub mod existence;
pub mod figures;
pub mod quote_style;
pub mod repetition;
pub mod substitution;

use crate::diagnostic::{Applicability, Severity};
use crate::error::FileError;
use crate::markup::Prose;
use crate::pack::schema::{Example, RuleFile};
use crate::pack::{locate, RuleSource};
use crate::span::ProseSpan;
use std::sync::Arc;

/// A literal phrase a kind wants the shared matcher to find.
#[derive(Debug, Clone)]
pub struct Literal {
    /// The phrase; inner whitespace is normalised to one space.
    pub text: String,
    /// Index the kind uses to recognise the hit.
    pub local: u32,
    /// An exception phrase: hits of the rule inside it are dropped.
    pub exception: bool,
    /// Ignore case entirely (otherwise upper-case pattern letters must be upper case).
    pub ignore_case: bool,
}

/// A verified literal match for one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The kind's index for the literal.
    pub local: u32,
    /// Where in the prose.
    pub span: ProseSpan,
}

/// What a rule found, in prose offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The text at fault.
    pub span: ProseSpan,
    /// The message, placeholders filled.
    pub message: String,
    /// Replacements for `span`, best first.
    pub suggestions: Vec<String>,
    /// Edits that fix the finding (empty: no fix).
    pub edits: Vec<(ProseSpan, String)>,
    /// Related places.
    pub labels: Vec<(ProseSpan, String)>,
}

/// The input a kind checks.
pub struct Input<'a> {
    /// The prose.
    pub prose: &'a Prose,
    /// This rule's literal hits, sorted, exceptions removed, overlaps resolved.
    pub hits: &'a [Hit],
    /// Prose spans of this rule's exception phrases.
    pub exceptions: &'a [ProseSpan],
    /// Whether the document prefers curly apostrophes.
    pub curly: bool,
    /// Sentences, segmented on first use and shared by the rules of one document.
    pub sentences: &'a std::cell::OnceCell<Vec<crate::prose::Sentence>>,
    /// Sentences a paragraph at a time, each segmented on first use and shared likewise,
    /// for the analyses that read the paragraphs around a candidate only.
    pub block_sentences:
        &'a std::cell::OnceCell<Vec<std::cell::OnceCell<Vec<crate::prose::Sentence>>>>,
    /// Quotations, found on first use and shared likewise.
    pub quotations: &'a std::cell::OnceCell<Vec<crate::prose::Quotation>>,
    /// Words of the whole prose, split on first use and shared likewise.
    pub words: &'a std::cell::OnceCell<Vec<ProseSpan>>,
    /// The runs of word characters of the whole prose ([`word_runs`]), found once per
    /// document for the phrase matcher; words are built from them.
    pub runs: &'a [(usize, usize)],
}

impl Input<'_> {
    /// The document's sentences (segmented once, on first use).
    pub fn sentences(&self) -> &[crate::prose::Sentence] {
        self.sentences
            .get_or_init(|| crate::prose::sentences(self.prose))
    }

    /// The sentences of paragraph `b`: its part of [`Input::sentences`], segmented on
    /// first use unless the whole document has been already. Most documents with a
    /// candidate have it in a few of their paragraphs.
    pub fn block_sentences(&self, b: usize) -> &[crate::prose::Sentence] {
        if let Some(all) = self.sentences.get() {
            let lo = all.partition_point(|s| s.block < b);
            let n = all[lo..].partition_point(|s| s.block == b);
            return &all[lo..lo + n];
        }
        let cells = self.block_sentences.get_or_init(|| {
            (0..self.prose.blocks.len())
                .map(|_| std::cell::OnceCell::new())
                .collect()
        });
        match cells.get(b) {
            Some(c) => c.get_or_init(|| crate::prose::block_sentences(self.prose, b)),
            None => &[],
        }
    }

    /// The words of the whole prose (split once, on first use; see [`words`]).
    pub fn words(&self) -> &[ProseSpan] {
        self.words
            .get_or_init(|| words_from_runs(&self.prose.text, self.runs))
    }

    /// The document's quotations (found once, on first use).
    pub fn quotations(&self) -> &[crate::prose::Quotation] {
        self.quotations
            .get_or_init(|| crate::prose::quotations(self.prose))
    }
}

/// A compiled rule kind.
#[derive(Debug)]
pub enum Kind {
    /// Wrong form -> preferred form.
    Substitution(substitution::Substitution),
    /// Phrases or patterns that should not appear.
    Existence(existence::Existence),
    /// One form per document.
    Consistency(consistency::Consistency),
    /// Doubled words.
    Repetition(repetition::Repetition),
    /// a / an.
    Article(article::Article),
    /// Mixed straight and curly quotes.
    QuoteStyle(quote_style::QuoteStyle),
    /// Attribution of claims, figures and quotations.
    Attribution(Box<attribution::Attribution>),
}

impl Kind {
    /// The kind's name as written in rule files.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Substitution(_) => "substitution",
            Kind::Existence(_) => "existence",
            Kind::Consistency(_) => "consistency",
            Kind::Repetition(_) => "repetition",
            Kind::Article(_) => "article",
            Kind::QuoteStyle(_) => "quote-style",
            Kind::Attribution(_) => "attribution",
        }
    }

    /// Literal phrases for the shared matcher.
    pub fn literals(&self) -> Vec<Literal> {
        match self {
            Kind::Substitution(k) => k.literals(),
            Kind::Existence(k) => k.literals(),
            Kind::Consistency(k) => k.literals(),
            Kind::Attribution(k) => k.literals(),
            Kind::Repetition(_) | Kind::Article(_) | Kind::QuoteStyle(_) => Vec::new(),
        }
    }

    /// Whether the kind does anything without literal hits (scans prose itself).
    pub fn scans(&self) -> bool {
        match self {
            Kind::Existence(k) => k.has_patterns(),
            Kind::Attribution(k) => k.scans(),
            Kind::Repetition(_) | Kind::Article(_) | Kind::QuoteStyle(_) => true,
            Kind::Substitution(_) | Kind::Consistency(_) => false,
        }
    }

    /// Whether literal `local` of this kind is a gate (an attribution trigger), not a
    /// phrase to report: the engine passes gates through untouched, after the others.
    pub fn is_gate(&self, local: u32) -> bool {
        match self {
            Kind::Attribution(k) => k.is_gate(local),
            _ => false,
        }
    }

    /// Runs the kind for `rule` over the input.
    pub fn check(&self, rule: &Rule, input: &Input<'_>, out: &mut Vec<Finding>) {
        match self {
            Kind::Substitution(k) => k.check(rule, input, out),
            Kind::Existence(k) => k.check(rule, input, out),
            Kind::Consistency(k) => k.check(rule, input, out),
            Kind::Repetition(k) => k.check(rule, input, out),
            Kind::Article(k) => k.check(rule, input, out),
            Kind::QuoteStyle(k) => k.check(rule, input, out),
            Kind::Attribution(k) => k.check(rule, input, out),
        }
    }
}

/// A rule's data as parsed from its file. The kind's compiled form (regexes, automata)
/// lives apart, in the registry, so that a run whose every file comes from the result
/// cache never pays for compiling it.
#[derive(Debug)]
pub struct Rule {
    /// `pack.rule`.
    pub id: Arc<str>,
    /// The file it came from.
    pub path: String,
    /// Default severity.
    pub severity: Severity,
    /// Message template.
    pub message: String,
    /// Description.
    pub description: String,
    /// Reference.
    pub link: Option<String>,
    /// How to resolve a finding.
    pub help: Option<String>,
    /// On by default.
    pub enabled: bool,
    /// Fix applicability.
    pub fix: Applicability,
    /// Examples.
    pub examples: Vec<Example>,
    /// The kind's name (`substitution`, `attribution`, ...).
    pub kind_name: &'static str,
}

/// A rule file's kind table, parsed but not yet compiled.
#[derive(Debug)]
pub enum KindSpec {
    /// `[substitution]`.
    Substitution(crate::pack::schema::SubstitutionSpec),
    /// `[existence]`.
    Existence(crate::pack::schema::ExistenceSpec),
    /// `[consistency]`.
    Consistency(crate::pack::schema::ConsistencySpec),
    /// `[repetition]`.
    Repetition(crate::pack::schema::RepetitionSpec),
    /// `[article]`.
    Article(crate::pack::schema::ArticleSpec),
    /// `[quote-style]`.
    QuoteStyle(crate::pack::schema::QuoteStyleSpec),
    /// `[attribution]`.
    Attribution(Box<crate::pack::schema::AttributionSpec>),
}

impl KindSpec {
    /// The kind's name, as [`Kind::name`] gives it.
    pub fn name(&self) -> &'static str {
        match self {
            KindSpec::Substitution(_) => "substitution",
            KindSpec::Existence(_) => "existence",
            KindSpec::Consistency(_) => "consistency",
            KindSpec::Repetition(_) => "repetition",
            KindSpec::Article(_) => "article",
            KindSpec::QuoteStyle(_) => "quote-style",
            KindSpec::Attribution(_) => "attribution",
        }
    }

    /// Validates the kind's data and compiles it (regexes, lists); errors point into `src`.
    pub fn compile(self, src: &RuleSource) -> Result<Kind, FileError> {
        let err = |needle: &str, msg: String| {
            FileError::at(&src.path, &src.text, locate(&src.text, needle), msg)
        };
        Ok(match self {
            KindSpec::Substitution(s) => {
                Kind::Substitution(substitution::Substitution::compile(s, &err, !src.builtin)?)
            }
            KindSpec::Existence(s) => Kind::Existence(existence::Existence::compile(s, &err)?),
            KindSpec::Consistency(s) => {
                Kind::Consistency(consistency::Consistency::compile(s, &err)?)
            }
            KindSpec::Repetition(s) => Kind::Repetition(repetition::Repetition::compile(s)),
            KindSpec::Article(s) => Kind::Article(article::Article::compile(s)),
            KindSpec::QuoteStyle(s) => Kind::QuoteStyle(quote_style::QuoteStyle::compile(s, &err)?),
            KindSpec::Attribution(s) => {
                Kind::Attribution(Box::new(attribution::Attribution::compile(*s, &err)?))
            }
        })
    }
}

impl Rule {
    /// Validates a parsed rule file: its fields, its examples, and that it has exactly
    /// one kind table, which is returned uncompiled.
    pub fn parse(src: &RuleSource, file: RuleFile) -> Result<(Rule, KindSpec), FileError> {
        let err = |needle: &str, msg: String| {
            FileError::at(&src.path, &src.text, locate(&src.text, needle), msg)
        };
        let mut kinds = Vec::new();
        if let Some(s) = file.substitution {
            kinds.push(KindSpec::Substitution(s));
        }
        if let Some(s) = file.existence {
            kinds.push(KindSpec::Existence(s));
        }
        if let Some(s) = file.consistency {
            kinds.push(KindSpec::Consistency(s));
        }
        if let Some(s) = file.repetition {
            kinds.push(KindSpec::Repetition(s));
        }
        if let Some(s) = file.article {
            kinds.push(KindSpec::Article(s));
        }
        if let Some(s) = file.quote_style {
            kinds.push(KindSpec::QuoteStyle(s));
        }
        if let Some(s) = file.attribution {
            kinds.push(KindSpec::Attribution(Box::new(s)));
        }
        if kinds.len() != 1 {
            return Err(FileError::at(
                &src.path,
                &src.text,
                Some(0..0),
                format!(
                    "a rule file needs exactly one kind table ([substitution], [existence], [consistency], [repetition], [article], [quote-style] or [attribution]); found {}",
                    kinds.len()
                ),
            ));
        }
        let spec = kinds.pop().ok_or_else(|| err("", "no kind".into()))?;
        for field in [
            ("message", &file.message),
            ("description", &file.description),
        ] {
            if field.1.trim().is_empty() {
                return Err(err(field.0, format!("`{}` must not be empty", field.0)));
            }
        }
        for ex in &file.examples {
            match (&ex.bad, &ex.good, &ex.fixed) {
                (Some(_), None, _) | (None, Some(_), None) => {}
                _ => {
                    return Err(err(
                        "[[examples]]",
                        "every [[examples]] entry has exactly one of `bad` or `good`, and `fixed` only with `bad`".into(),
                    ))
                }
            }
        }
        let rule = Rule {
            id: Arc::from(src.id.as_str()),
            path: src.path.clone(),
            severity: file.severity,
            message: file.message,
            description: file.description,
            link: file.link,
            help: file.help,
            enabled: file.enabled,
            fix: file.fix,
            examples: file.examples,
            kind_name: spec.name(),
        };
        Ok((rule, spec))
    }

    /// The first sentence of the description.
    pub fn summary(&self) -> &str {
        let d = self.description.trim();
        match d.find(". ") {
            Some(i) => &d[..=i],
            None => d,
        }
    }

    /// Fills `{match}` and `{replacement}` in the message template.
    pub fn render_message(&self, matched: &str, replacement: Option<&str>) -> String {
        let mut m = self.message.replace("{match}", matched);
        if let Some(r) = replacement {
            m = m.replace("{replacement}", r);
        }
        m
    }

    /// A finding for `span` with one replacement, fixable per the rule's applicability.
    pub fn replace_finding(
        &self,
        input: &Input<'_>,
        span: ProseSpan,
        suggestions: Vec<String>,
    ) -> Finding {
        let matched = &input.prose.text[span.range()];
        let first = suggestions.first().cloned();
        let edits = match (&first, self.fix) {
            (Some(r), Applicability::Safe | Applicability::Unsafe) => vec![(span, r.clone())],
            _ => Vec::new(),
        };
        Finding {
            span,
            message: self.render_message(matched, first.as_deref()),
            suggestions,
            edits,
            labels: Vec::new(),
        }
    }
}

/// The message for a rule regex that does not compile: a size-limit error says so
/// plainly (a rule pack must not be able to blow up memory or start-up time).
pub fn regex_error(pattern: &str, e: &regex::Error) -> String {
    let shown: String = if pattern.chars().count() > 60 {
        pattern.chars().take(57).chain("…".chars()).collect()
    } else {
        pattern.to_string()
    };
    match e {
        regex::Error::CompiledTooBig(limit) => format!(
            "regex `{shown}` is too large: compiled, it would exceed the limit of {} KiB for a rule regex; simplify it or split it",
            limit / 1024
        ),
        _ => format!("invalid regex: {e}"),
    }
}

/// Rewrites `\b`, `\s`, `\d` and `\w` in a rule's regex to their ASCII forms. Prose
/// patterns mean ASCII digits and spaces; the Unicode forms push the regex engine off its
/// fast DFA path (a Unicode `\b` as soon as the text has one curly quote).
pub fn ascii_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    // Inside a character class the escapes stay as written.
    let mut in_class = false;
    while let Some(c) = chars.next() {
        if c == '[' && !in_class {
            in_class = true;
            out.push(c);
        } else if c == ']' && in_class {
            in_class = false;
            out.push(c);
        } else if c == '\\' {
            match chars.next() {
                Some(k @ ('b' | 's' | 'd' | 'w')) if !in_class => {
                    out.push_str("(?-u:\\");
                    out.push(k);
                    out.push(')');
                }
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Normalises a phrase: inner whitespace to single spaces, trimmed.
pub fn normalize_phrase(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Gives `replacement` the case pattern of `matched` (ALL CAPS, Capitalised) and its
/// apostrophe style (or the document's, when `matched` has none).
pub fn adapt_case(matched: &str, replacement: &str, curly_doc: bool) -> String {
    let letters: Vec<char> = matched.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
    let mut out = if all_caps {
        replacement.to_uppercase()
    } else if letters.first().is_some_and(|c| c.is_uppercase())
        && replacement.chars().next().is_some_and(|c| c.is_lowercase())
    {
        let mut cs = replacement.chars();
        cs.next()
            .map(|c| c.to_uppercase().chain(cs).collect())
            .unwrap_or_default()
    } else {
        replacement.to_string()
    };
    let curly = if matched.contains('’') {
        true
    } else if matched.contains('\'') {
        false
    } else {
        curly_doc
    };
    if curly {
        out = out.replace('\'', "’");
    } else {
        out = out.replace('’', "'");
    }
    out
}

/// Whether `c` is part of a word for boundary purposes.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Words of a prose text: maximal runs of letters and digits, with inner apostrophes
/// and hyphens (`don't`, `well-known`) kept inside the word.
///
/// This runs over every byte of every document (for `a`/`an` and doubled words), so it
/// steps over ASCII bytes with a table and decodes a character only at non-ASCII bytes.
pub fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

/// The same words as [`words`], joined from the text's runs of word characters
/// ([`word_runs`]): a word is a chain of runs with exactly one apostrophe or hyphen
/// between each two. The runs are found once per document for the phrase matcher, so
/// this saves a second scan of every byte.
pub fn words_from_runs(text: &str, runs: &[(usize, usize)]) -> Vec<ProseSpan> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(runs.len());
    let mut rest = runs.iter();
    let Some(&(mut start, mut end)) = rest.next() else {
        return out;
    };
    // One pass, the open word carried in two locals: a run either extends it or closes
    // it and opens the next.
    for &(next, next_end) in rest {
        let joined = match next - end {
            1 => matches!(bytes.get(end), Some(b'\'' | b'-')),
            3 => bytes.get(end..next) == Some("’".as_bytes()),
            _ => false,
        };
        if !joined {
            out.push(ProseSpan::new(start, end));
            start = next;
        }
        end = next_end;
    }
    out.push(ProseSpan::new(start, end));
    out
}

/// The iterator of [`words`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

/// Byte classes for the word scanner.
const OTHER: u8 = 0;
const WORD: u8 = 1;
/// A non-ASCII byte: decode the character to classify it.
const MULTI: u8 = 2;

const CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if c >= 0x80 {
            MULTI
        } else if c.is_ascii_alphanumeric() {
            WORD
        } else {
            OTHER
        };
        i += 1;
    }
    t
};

/// Maximal runs of word characters (letters and digits; no inner apostrophes or hyphens),
/// as byte ranges: the positions where a whole-word phrase can start. The shared phrase
/// matcher looks each one up.
pub fn word_runs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let start = next_word_start(text, pos)?;
        let end = run_end(text, start);
        pos = end;
        Some((start, end))
    })
}

/// [`word_runs`], appended to `out`, eight bytes at a time: the same runs, for the one
/// scan per document whose runs everything else shares. A chunk of eight ASCII bytes is
/// classified with a few word operations (see [`ascii_word_bytes`]) and its run edges
/// are read off the mask; a chunk holding a non-ASCII byte is stepped a character at a
/// time. About a quarter of the instructions of the byte loop over the corpus.
pub fn push_word_runs(text: &str, out: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    // Whether the scan is inside a run, and where that run started.
    let (mut inside, mut start) = (false, 0);
    let mut i = 0;
    while let Some(x) = chunk_at(bytes, i) {
        if x & HIGH != 0 {
            // Step characters until past this chunk; a character may end beyond it.
            let end = i + 8;
            while i < end {
                let (word, len) = char_class_at(text, i);
                edge(&mut inside, &mut start, word, i, out);
                i += len;
            }
            continue;
        }
        // One bit (the low one) per byte, set for a word byte; a run edge is a byte whose
        // class differs from the byte before it. Edges alternate: start, end, start ...
        let w = ascii_word_bytes(x) >> 7;
        let mut edges = (w ^ ((w << 8) | u64::from(inside))) & LANES;
        while edges != 0 {
            let at = i + edges.trailing_zeros() as usize / 8;
            edges &= edges - 1;
            if inside {
                out.push((start, at));
            } else {
                start = at;
            }
            inside = !inside;
        }
        i += 8;
    }
    while i < bytes.len() {
        let (word, len) = char_class_at(text, i);
        edge(&mut inside, &mut start, word, i, out);
        i += len;
    }
    if inside {
        out.push((start, bytes.len()));
    }
}

/// Opens or closes a run at byte `i` by whether the character there is a word character.
#[inline]
fn edge(inside: &mut bool, start: &mut usize, word: bool, i: usize, out: &mut Vec<(usize, usize)>) {
    if word != *inside {
        if *inside {
            out.push((*start, i));
        } else {
            *start = i;
        }
        *inside = word;
    }
}

/// Whether the character at byte `i` (a character boundary) is a word character, and its
/// length in bytes.
#[inline]
fn char_class_at(text: &str, i: usize) -> (bool, usize) {
    let bytes = text.as_bytes();
    let b = bytes[i];
    if b < 0x80 {
        return (CLASS[b as usize] == WORD, 1);
    }
    // U+2000..=U+203F (spaces, dashes, curly quotes, ellipsis) hold no letter or digit and
    // are most of the non-ASCII bytes of English prose: no table lookup for them.
    if b == 0xE2 && bytes.get(i + 1) == Some(&0x80) {
        return (false, 3);
    }
    match text.get(i..).and_then(|t| t.chars().next()) {
        Some(c) => (is_word_char(c), c.len_utf8()),
        None => (false, 1),
    }
}

/// Eight copies of a byte, for the word-at-a-time scan.
const LANES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each of eight bytes.
const HIGH: u64 = LANES << 7;

/// The high bit of each byte of `x` that is an ASCII letter or digit (bytes in
/// little-endian order). Each range test sets a byte's high bit before subtracting, so
/// no subtraction borrows from the next byte; bytes from 0x80 up are cleared at the end.
#[inline]
fn ascii_word_bytes(x: u64) -> u64 {
    let h = x | HIGH;
    // `| 0x20` lower-cases ASCII letters and maps nothing else into `a..=z`.
    let l = h | (LANES * 0x20);
    let digit =
        h.wrapping_sub(LANES * u64::from(b'0')) & !h.wrapping_sub(LANES * u64::from(b'9' + 1));
    let letter =
        l.wrapping_sub(LANES * u64::from(b'a')) & !l.wrapping_sub(LANES * u64::from(b'z' + 1));
    (digit | letter) & !x & HIGH
}

/// The eight bytes at `pos` as a little-endian word, if there are eight.
#[inline]
fn chunk_at(bytes: &[u8], pos: usize) -> Option<u64> {
    let c: [u8; 8] = bytes.get(pos..pos + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(c))
}

/// The first byte at or after `pos` that starts a word character.
#[inline]
fn next_word_start(text: &str, mut pos: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    loop {
        // ASCII non-word bytes in a tight loop.
        let rest = bytes.get(pos..)?;
        pos += rest.iter().position(|&b| CLASS[b as usize] != OTHER)?;
        if bytes[pos] < 0x80 {
            return Some(pos);
        }
        let c = text.get(pos..)?.chars().next()?;
        if is_word_char(c) {
            return Some(pos);
        }
        pos += c.len_utf8();
    }
}

/// The end of the run of word characters that starts at or continues from `pos`.
#[inline]
fn run_end(text: &str, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        let rest = &bytes[end..];
        end += rest
            .iter()
            .position(|&b| CLASS[b as usize] != WORD)
            .unwrap_or(rest.len());
        match word_char_at(text, end) {
            Some(n) => end += n,
            None => return end,
        }
    }
}

/// The length of the word character starting at byte `i`, if one does.
#[inline]
fn word_char_at(text: &str, i: usize) -> Option<usize> {
    if i >= text.len() {
        return None;
    }
    let (word, len) = char_class_at(text, i);
    word.then_some(len)
}

impl Iterator for Words<'_> {
    type Item = ProseSpan;

    #[inline]
    fn next(&mut self) -> Option<ProseSpan> {
        let text = self.text;
        let bytes = text.as_bytes();
        let start = next_word_start(text, self.pos)?;
        let mut end = start;
        loop {
            end = run_end(text, end);
            // Keep an inner apostrophe or hyphen only if a word character follows it.
            let joiner = match bytes.get(end) {
                Some(b'\'' | b'-') => 1,
                Some(0xE2)
                    if bytes.get(end + 1) == Some(&0x80) && bytes.get(end + 2) == Some(&0x99) =>
                {
                    3
                }
                _ => 0,
            };
            if joiner > 0 && word_char_at(text, end + joiner).is_some() {
                end += joiner;
                continue;
            }
            break;
        }
        self.pos = end;
        Some(ProseSpan::new(start, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_apostrophes_are_kept() {
        assert_eq!(
            adapt_case("HAIR-BRAINED", "harebrained", false),
            "HAREBRAINED"
        );
        assert_eq!(
            adapt_case("Hair-brained", "harebrained", false),
            "Harebrained"
        );
        assert_eq!(
            adapt_case("hair-brained", "harebrained", false),
            "harebrained"
        );
        assert_eq!(adapt_case("it’s own", "its own", false), "its own");
        assert_eq!(
            adapt_case("could care less", "couldn't care less", true),
            "couldn’t care less"
        );
        assert_eq!(adapt_case("Belarussian", "Belarusian", false), "Belarusian");
    }

    #[test]
    fn ascii_classes_rewrites_only_escapes() {
        assert_eq!(
            ascii_classes(r"\b\d+\s\\b"),
            r"(?-u:\b)(?-u:\d)+(?-u:\s)\\b"
        );
        assert_eq!(ascii_classes(r"[\s,]\s"), r"[\s,](?-u:\s)");
    }

    /// The straightforward char-by-char definition `words` must agree with.
    fn reference_words(text: &str) -> Vec<ProseSpan> {
        let mut out = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !is_word_char(c) {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = chars.peek() {
                if is_word_char(c) {
                    chars.next();
                    end = i + c.len_utf8();
                } else if matches!(c, '\'' | '’' | '-')
                    && text[i + c.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(is_word_char)
                {
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(ProseSpan::new(start, end));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn words_match_the_reference(text in "[a-zA-Z0-9 '’\\-é—ß日\u{FFFC}\u{300}\u{2070}\u{2071}ª.@\\[`{:/Z_]{0,120}") {
            let fast: Vec<ProseSpan> = words(&text).collect();
            let runs: Vec<(usize, usize)> = word_runs(&text).collect();
            let mut pushed = Vec::new();
            push_word_runs(&text, &mut pushed);
            proptest::prop_assert_eq!(&pushed, &runs);
            proptest::prop_assert_eq!(&words_from_runs(&text, &runs), &fast);
            proptest::prop_assert_eq!(fast, reference_words(&text));
        }
    }

    proptest::proptest! {
        /// Mostly ASCII, so most chunks take the word-at-a-time path, with the odd
        /// non-ASCII character to switch paths at every offset.
        #[test]
        fn pushed_runs_match_the_runs(text in "([a-zA-Z0-9]{0,9}[ .,'\\-@\\[`{/]{1,3}){0,30}(é|’|日|ª|\u{2070})?([a-z ]{0,11}[A-Z0-9 —]){0,12}") {
            let runs: Vec<(usize, usize)> = word_runs(&text).collect();
            let mut pushed = Vec::new();
            push_word_runs(&text, &mut pushed);
            proptest::prop_assert_eq!(pushed, runs);
        }
    }

    #[test]
    fn builtin_substitutions_have_no_fix_cycles() {
        // Loading skips this check for the shipped packs; run it here instead.
        for mut src in crate::pack::builtin_sources() {
            src.builtin = false;
            let compiled = crate::pack::parse(&src).and_then(|(_, spec)| spec.compile(&src));
            if let Err(e) = compiled {
                panic!("{e}");
            }
        }
    }

    #[test]
    fn word_bytes_mask_agrees_with_the_byte_table() {
        // Every byte value in every lane, beside neighbours that could borrow or carry.
        for b in 0..=255u8 {
            for lane in 0..8 {
                for fill in [0u8, b'a', 0xff, b'/', b'9', b'Z'] {
                    let mut bytes = [fill; 8];
                    bytes[lane] = b;
                    let mask = ascii_word_bytes(u64::from_le_bytes(bytes));
                    for (i, &x) in bytes.iter().enumerate() {
                        let set = mask & (0x80u64 << (8 * i)) != 0;
                        assert_eq!(set, x.is_ascii_alphanumeric(), "byte {x:#x} lane {i}");
                    }
                }
            }
        }
    }

    #[test]
    fn general_punctuation_holds_no_word_character() {
        // The fast path of `char_class_at` for U+2000..=U+203F.
        for c in '\u{2000}'..='\u{203F}' {
            assert!(!is_word_char(c), "{c:?}");
        }
    }

    #[test]
    fn runs() {
        let t = "Don't stop—well-known ‘x’ 1990s é.";
        let r: Vec<&str> = word_runs(t).map(|(s, e)| &t[s..e]).collect();
        assert_eq!(
            r,
            vec!["Don", "t", "stop", "well", "known", "x", "1990s", "é"]
        );
    }

    #[test]
    fn word_spans() {
        let t = "Don't stop—well-known ‘x’ 1990s.";
        let w: Vec<&str> = words(t).map(|s| &t[s.range()]).collect();
        assert_eq!(w, vec!["Don't", "stop", "well-known", "x", "1990s"]);
    }
}
