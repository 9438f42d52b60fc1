//! The compiled rule set: every rule in a stable order (by id), and the one shared
//! multi-pattern matcher that finds the literal phrases of all rules in a single pass.

use crate::error::FileError;
use crate::pack::{self, RuleSource};
use crate::rules::{is_word_char, Hit, Rule};
use crate::span::ProseSpan;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

/// What a literal pattern in the shared automaton belongs to.
#[derive(Debug, Clone)]
struct PatRef {
    rule: u32,
    local: u32,
    exception: bool,
    ignore_case: bool,
    /// Byte positions of upper-case ASCII letters the text must match in upper case.
    upper: Vec<u16>,
    /// Whether the pattern starts / ends with a word character (then a boundary is needed).
    edge_start: bool,
    edge_end: bool,
}

/// All rules and their shared matcher.
#[derive(Debug)]
pub struct Registry {
    rules: Vec<Rule>,
    by_id: HashMap<String, usize>,
    /// The patterns, in `refs` order, until the matcher is built from them.
    patterns: Vec<String>,
    /// Built on the first search: a run whose files all come from the result cache
    /// never needs it, and it is a third of start-up.
    ac: OnceLock<Option<AhoCorasick>>,
    refs: Vec<PatRef>,
    /// A digest of every rule file's id, path and text (the result cache's rule-set key).
    fingerprint: u128,
}

/// More patterns than any rule set needs; beyond this the matcher could fail to build.
const MAX_PATTERNS: usize = 1_000_000;
/// Likewise for the total length of the patterns, in bytes.
const MAX_PATTERN_BYTES: usize = 64 << 20;

/// Literal hits of one document, bucketed by rule.
#[derive(Debug, Default)]
pub struct Hits {
    /// Per rule: verified main hits.
    pub main: Vec<Vec<Hit>>,
    /// Per rule: exception spans.
    pub exceptions: Vec<Vec<ProseSpan>>,
}

impl Registry {
    /// The built-in rules plus rules from the given pack directories.
    pub fn load(extra_packs: &[PathBuf]) -> Result<Registry, Vec<FileError>> {
        let mut sources = pack::builtin_sources();
        let mut errors = Vec::new();
        for dir in extra_packs {
            match pack::dir_sources(dir) {
                Ok(s) => sources.extend(s),
                Err(e) => errors.push(e),
            }
        }
        let reg = Self::from_sources(&sources);
        match reg {
            Ok(r) if errors.is_empty() => Ok(r),
            Ok(_) => Err(errors),
            Err(mut e) => {
                errors.append(&mut e);
                Err(errors)
            }
        }
    }

    /// Compiles rule sources; duplicate ids are errors.
    pub fn from_sources(sources: &[RuleSource]) -> Result<Registry, Vec<FileError>> {
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        for src in sources {
            if let Some(first) = seen.get(&src.id) {
                errors.push(FileError::whole(
                    &src.path,
                    format!("duplicate rule id `{}` (also defined in {first})", src.id),
                ));
                continue;
            }
            seen.insert(src.id.clone(), src.path.clone());
            match pack::compile(src) {
                Ok(r) => rules.push(r),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        let mut sorted: Vec<&RuleSource> = sources.iter().collect();
        sorted.sort_by(|a, b| (&a.id, &a.path).cmp(&(&b.id, &b.path)));
        for s in sorted {
            for part in [&s.id, &s.path, &s.text] {
                h.update(&(part.len() as u64).to_le_bytes());
                h.update(part.as_bytes());
            }
        }
        Self::build(rules, h.digest128()).map_err(|e| vec![e])
    }

    fn build(rules: Vec<Rule>, fingerprint: u128) -> Result<Registry, FileError> {
        let mut patterns: Vec<String> = Vec::new();
        let mut refs = Vec::new();
        for (ri, rule) in rules.iter().enumerate() {
            for lit in rule.kind.literals() {
                let variants = apostrophe_variants(&lit.text);
                for text in variants {
                    let upper = if lit.ignore_case {
                        Vec::new()
                    } else {
                        text.bytes()
                            .enumerate()
                            .filter(|(_, b)| b.is_ascii_uppercase())
                            .map(|(i, _)| i as u16)
                            .collect()
                    };
                    refs.push(PatRef {
                        rule: ri as u32,
                        local: lit.local,
                        exception: lit.exception,
                        ignore_case: lit.ignore_case,
                        upper,
                        edge_start: text.chars().next().is_some_and(is_word_char),
                        edge_end: text.chars().next_back().is_some_and(is_word_char),
                    });
                    patterns.push(text);
                }
            }
        }
        let bytes: usize = patterns.iter().map(String::len).sum();
        if patterns.len() > MAX_PATTERNS || bytes > MAX_PATTERN_BYTES {
            return Err(FileError::whole(
                "rules",
                format!(
                    "the rules have {} phrases ({bytes} bytes); the limit is {MAX_PATTERNS} phrases and {MAX_PATTERN_BYTES} bytes",
                    patterns.len()
                ),
            ));
        }
        let by_id = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.to_string(), i))
            .collect();
        Ok(Registry {
            rules,
            by_id,
            patterns,
            ac: OnceLock::new(),
            refs,
            fingerprint,
        })
    }

    /// The rules, sorted by id.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// A rule's index by id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// A digest of the rule files this registry was compiled from.
    pub fn fingerprint(&self) -> u128 {
        self.fingerprint
    }

    /// The shared matcher, built on first use.
    fn matcher(&self) -> Option<&AhoCorasick> {
        self.ac
            .get_or_init(|| {
                if self.patterns.is_empty() {
                    return None;
                }
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    // Not a full DFA: it searches about twice as fast, but building it
                    // for a few thousand phrases costs ~280 M instructions (~70 ms), more
                    // than it saves on anything smaller than ~10 MB of prose, and the
                    // pre-commit case is one small file.
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(&self.patterns)
                    // The pattern limits above keep this from failing in practice; were
                    // it to fail, the literal rules would find nothing rather than crash.
                    .map_err(|e| eprintln!("warning: cannot build the phrase matcher: {e}"))
                    .ok()
            })
            .as_ref()
    }

    /// Number of literal patterns in the shared automaton.
    pub fn pattern_count(&self) -> usize {
        self.refs.len()
    }

    /// Finds every literal of the active rules in `text`, verifying word boundaries and case.
    pub fn find(&self, text: &str, active: &[bool]) -> Hits {
        let n = self.rules.len();
        let mut hits = Hits {
            main: vec![Vec::new(); n],
            exceptions: vec![Vec::new(); n],
        };
        let Some(ac) = self.matcher() else {
            return hits;
        };
        let bytes = text.as_bytes();
        for m in ac.find_overlapping_iter(text) {
            let r = &self.refs[m.pattern().as_usize()];
            if !active.get(r.rule as usize).copied().unwrap_or(false) {
                continue;
            }
            let (s, e) = (m.start(), m.end());
            if r.edge_start && text[..s].chars().next_back().is_some_and(is_word_char) {
                continue;
            }
            if r.edge_end && text[e..].chars().next().is_some_and(is_word_char) {
                continue;
            }
            if !r.ignore_case
                && !r
                    .upper
                    .iter()
                    .all(|&i| bytes[s + i as usize].is_ascii_uppercase())
            {
                continue;
            }
            let span = ProseSpan::new(s, e);
            if r.exception {
                hits.exceptions[r.rule as usize].push(span);
            } else {
                hits.main[r.rule as usize].push(Hit {
                    local: r.local,
                    span,
                });
            }
        }
        hits
    }
}

/// A phrase with straight apostrophes also matches curly ones, and vice versa.
fn apostrophe_variants(text: &str) -> Vec<String> {
    if text.contains('\'') {
        vec![text.to_string(), text.replace('\'', "’")]
    } else if text.contains('’') {
        vec![text.to_string(), text.replace('’', "'")]
    } else {
        vec![text.to_string()]
    }
}
