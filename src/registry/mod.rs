//! The rule set: every rule in a stable order (by id), parsed up front; and, compiled on
//! first use, the rules' kinds and the one shared multi-pattern matcher that finds the
//! literal phrases of all rules in a single pass.

mod par;
mod suggest;
mod wordindex;

use crate::error::FileError;
use crate::pack::{self, RuleSource};
use crate::registry::wordindex::WordIndex;
use crate::rules::{Hit, Kind, KindSpec, Rule};
use crate::text::span::ProseSpan;
use crate::text::tokens::is_word_char;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

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
    /// Bytes before the pattern's first word character ("'" of "'90s"): the word index
    /// finds the pattern at its first word, this far into it.
    lead: u32,
}

/// All rules: their data, parsed up front, and their compiled kinds with the shared
/// matcher, built on first use ([`Registry::compiled`]). A run served entirely from the
/// result cache never compiles a regex.
#[derive(Debug)]
pub struct Registry {
    rules: Vec<Rule>,
    by_id: HashMap<String, usize>,
    /// The uncompiled kinds, in rule order, with the files they came from (for errors);
    /// taken by the first call to `compiled`.
    pending: Mutex<Vec<(KindSpec, RuleSource)>>,
    compiled: OnceLock<Result<Compiled, Vec<FileError>>>,
}

/// The compiled kinds of a registry's rules and the one matcher for all their phrases.
#[derive(Debug)]
pub struct Compiled {
    /// Per rule, in registry order.
    kinds: Vec<Kind>,
    /// The patterns, in `refs` order.
    patterns: Vec<String>,
    /// Patterns with a word character, by their first two words.
    index: WordIndex,
    /// Patterns without one ("--"), for the automaton.
    rest: Vec<u32>,
    /// The automaton over `rest`, built on the first search that needs it.
    ac: OnceLock<Option<AhoCorasick>>,
    refs: Vec<PatRef>,
}

/// A rule file parsed: the rule, its uncompiled kind, and the file.
type Parsed = Result<(Rule, KindSpec, RuleSource), FileError>;

fn parse_one(src: RuleSource) -> Parsed {
    pack::parse(&src).map(|(r, k)| (r, k, src))
}

/// The rule files a registry with `extra_packs` loads: the built-in ones, then each pack
/// directory's; and the errors of the directories that could not be read.
pub fn sources(extra_packs: &[PathBuf]) -> (Vec<RuleSource>, Vec<FileError>) {
    let mut sources = pack::builtin_sources();
    let mut errors = Vec::new();
    for dir in extra_packs {
        match pack::dir_sources(dir) {
            Ok(s) => sources.extend(s),
            Err(e) => errors.push(e),
        }
    }
    (sources, errors)
}

/// A digest of rule files (ids, paths and texts, in id order): everything a registry is
/// loaded from, so two registries with one fingerprint are the same.
pub fn fingerprint(sources: &[RuleSource]) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut sorted: Vec<&RuleSource> = sources.iter().collect();
    sorted.sort_by(|a, b| (&a.id, &a.path).cmp(&(&b.id, &b.path)));
    for s in sorted {
        for part in [s.id.as_str(), s.path.as_str(), &s.text] {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
    }
    h.digest128()
}

/// The first two runs of word characters of a phrase.
fn word_keys(text: &str) -> (&[u8], Option<&[u8]>) {
    let mut runs = crate::text::tokens::word_runs(text);
    let first = runs
        .next()
        .map_or(&b""[..], |(s, e)| &text.as_bytes()[s..e]);
    (first, runs.next().map(|(s, e)| &text.as_bytes()[s..e]))
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
    /// The built-in rule set, loaded and compiled once per process.
    pub fn builtin() -> Result<&'static Registry, crate::error::Error> {
        let reg =
            Self::shared_builtin().map_err(|errs| crate::error::Error::Files(errs.clone()))?;
        reg.compiled()?;
        Ok(reg)
    }

    /// The built-in rule set, loaded once per process and shared; its kinds compile on
    /// first use, as [`Registry::load_lazy`]'s do. It is never freed: a run that ends
    /// does not spend its last milliseconds taking the compiled rules apart.
    pub fn builtin_lazy() -> Result<Arc<Registry>, Vec<FileError>> {
        Self::shared_builtin().map(Arc::clone).map_err(Clone::clone)
    }

    fn shared_builtin() -> Result<&'static Arc<Registry>, &'static Vec<FileError>> {
        static REG: OnceLock<Result<Arc<Registry>, Vec<FileError>>> = OnceLock::new();
        REG.get_or_init(|| Registry::load_lazy(&[]).map(Arc::new))
            .as_ref()
    }

    /// The built-in rules plus rules from the given pack directories, compiled: every
    /// error in any rule file is returned here.
    pub fn load(extra_packs: &[PathBuf]) -> Result<Registry, Vec<FileError>> {
        let reg = Self::load_lazy(extra_packs)?;
        reg.compiled()?;
        Ok(reg)
    }

    /// Like [`Registry::load`], but compiles the rules' kinds only when first needed:
    /// errors in a kind's data (a bad regex, an empty list) come from
    /// [`Registry::compiled`] instead.
    pub fn load_lazy(extra_packs: &[PathBuf]) -> Result<Registry, Vec<FileError>> {
        let (sources, mut errors) = sources(extra_packs);
        let reg = Self::from_sources_lazy(sources);
        match reg {
            Ok(r) if errors.is_empty() => Ok(r),
            Ok(_) => Err(errors),
            Err(mut e) => {
                errors.append(&mut e);
                Err(errors)
            }
        }
    }

    /// Parses and compiles rule sources; duplicate ids are errors.
    pub fn from_sources(sources: &[RuleSource]) -> Result<Registry, Vec<FileError>> {
        let reg = Self::from_sources_lazy(sources.to_vec())?;
        reg.compiled()?;
        Ok(reg)
    }

    /// Parses rule sources (in parallel); their kinds compile on first use.
    pub fn from_sources_lazy(sources: Vec<RuleSource>) -> Result<Registry, Vec<FileError>> {
        let mut errors = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut unique = Vec::with_capacity(sources.len());
        for src in sources {
            if let Some(first) = seen.get(&src.id) {
                errors.push(FileError::whole(
                    &src.path,
                    format!("duplicate rule id `{}` (also defined in {first})", src.id),
                ));
                continue;
            }
            seen.insert(src.id.clone(), src.path.clone());
            unique.push(src);
        }
        let mut parsed = Vec::with_capacity(unique.len());
        for r in crate::registry::par::map(unique, parse_one) {
            match r {
                Ok(p) => parsed.push(p),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        parsed.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        let mut rules = Vec::with_capacity(parsed.len());
        let mut pending = Vec::with_capacity(parsed.len());
        for (rule, spec, src) in parsed {
            rules.push(rule);
            pending.push((spec, src));
        }
        let by_id = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.to_string(), i))
            .collect();
        Ok(Registry {
            rules,
            by_id,
            pending: Mutex::new(pending),
            compiled: OnceLock::new(),
        })
    }

    /// The compiled kinds and matcher, compiling them (in parallel) on the first call.
    /// The errors are those of the rule files whose kind data does not compile.
    pub fn compiled(&self) -> Result<&Compiled, Vec<FileError>> {
        self.compiled
            .get_or_init(|| {
                let pending =
                    std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
                let mut kinds = Vec::with_capacity(pending.len());
                let mut errors = Vec::new();
                for r in crate::registry::par::map(pending, |(spec, src)| {
                    spec.compile(&pack::compile_context(&src, &pack::err_in(&src)))
                }) {
                    match r {
                        Ok(k) => kinds.push(k),
                        Err(e) => errors.push(e),
                    }
                }
                if !errors.is_empty() {
                    return Err(errors);
                }
                Compiled::build(kinds).map_err(|e| vec![e])
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The errors of a compile already attempted (`None` if it succeeded or has not run).
    pub fn compile_errors(&self) -> Option<Vec<FileError>> {
        self.compiled.get().and_then(|r| r.as_ref().err().cloned())
    }

    /// Finds every literal of the active rules in `text` (nothing if the rules do not
    /// compile: callers check [`Registry::compiled`] first and report its errors).
    pub fn find(&self, text: &str, active: &[bool]) -> Hits {
        match self.compiled() {
            Ok(c) => c.find(text, active),
            Err(_) => Hits::empty(self.rules.len()),
        }
    }

    /// The rules, sorted by id.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// A rule's index by id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Rule indices a selector names: an id, `pack.*`, or `*`.
    pub fn select(&self, selector: &str) -> Vec<usize> {
        if selector == "*" {
            return (0..self.rules.len()).collect();
        }
        if let Some(pack) = selector.strip_suffix(".*") {
            return self
                .rules
                .iter()
                .enumerate()
                .filter(|(_, r)| r.id.split('.').next() == Some(pack))
                .map(|(i, _)| i)
                .collect();
        }
        self.index_of(selector).into_iter().collect()
    }
}

impl Hits {
    fn empty(n: usize) -> Hits {
        Hits {
            main: vec![Vec::new(); n],
            exceptions: vec![Vec::new(); n],
        }
    }
}

impl Compiled {
    /// Builds the phrase index over the literals of every kind.
    fn build(kinds: Vec<Kind>) -> Result<Compiled, FileError> {
        let mut patterns: Vec<String> = Vec::new();
        let mut refs = Vec::new();
        for (ri, kind) in kinds.iter().enumerate() {
            for lit in kind.literals() {
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
                    if text.is_empty() {
                        continue;
                    }
                    refs.push(PatRef {
                        rule: ri as u32,
                        local: lit.local,
                        exception: lit.exception,
                        ignore_case: lit.ignore_case,
                        upper,
                        edge_start: text.chars().next().is_some_and(is_word_char),
                        edge_end: text.chars().next_back().is_some_and(is_word_char),
                        lead: crate::text::tokens::word_runs(&text)
                            .next()
                            .map_or(0, |(s, _)| s as u32),
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
        let mut keyed = Vec::new();
        let mut rest = Vec::new();
        for (i, text) in patterns.iter().enumerate() {
            // A pattern that holds a word character is found at its first word (every
            // match of it has that word as a whole run of the text: the pattern has no
            // word character just before it, and one just after it or a boundary check
            // at its end); one without ("--") needs the automaton.
            match word_keys(text) {
                (first, second) if !first.is_empty() => keyed.push((i as u32, (first, second))),
                _ => rest.push(i as u32),
            }
        }
        let index = WordIndex::build(keyed.iter().map(|&(i, (first, second))| (i, first, second)));
        Ok(Compiled {
            kinds,
            patterns,
            index,
            rest,
            ac: OnceLock::new(),
            refs,
        })
    }

    /// The compiled kind of rule `i` (registry order).
    pub fn kind(&self, i: usize) -> Option<&Kind> {
        self.kinds.get(i)
    }

    /// The shared matcher, built on first use.
    fn matcher(&self) -> Option<&AhoCorasick> {
        self.ac
            .get_or_init(|| {
                if self.rest.is_empty() {
                    return None;
                }
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(self.rest.iter().map(|&i| &self.patterns[i as usize]))
                    // The pattern limits above keep this from failing in practice; were
                    // it to fail, the literal rules would find nothing rather than crash.
                    .map_err(|e| eprintln!("warning: cannot build the phrase matcher: {e}"))
                    .ok()
            })
            .as_ref()
    }

    /// Finds every literal of the active rules in `text`, verifying word boundaries and case.
    pub fn find(&self, text: &str, active: &[bool]) -> Hits {
        let runs: Vec<(usize, usize)> = crate::text::tokens::word_runs(text).collect();
        self.find_in_runs(text, &runs, active)
    }

    /// [`Compiled::find`] with the text's runs of word characters already found.
    pub fn find_in_runs(&self, text: &str, runs: &[(usize, usize)], active: &[bool]) -> Hits {
        let mut hits = Hits::empty(self.kinds.len());
        let bytes = text.as_bytes();
        self.index.candidates(bytes, runs, |cands, run_start| {
            for &pi in cands {
                let pat = self.patterns[pi as usize].as_bytes();
                let Some(s) = run_start.checked_sub(self.refs[pi as usize].lead as usize) else {
                    continue;
                };
                let end = s + pat.len();
                if end <= bytes.len() && bytes[s..end].eq_ignore_ascii_case(pat) {
                    self.accept(pi as usize, text, s, end, active, &mut hits);
                }
            }
        });
        if let Some(ac) = self.matcher() {
            for m in ac.find_overlapping_iter(text) {
                let pi = self.rest[m.pattern().as_usize()] as usize;
                self.accept(pi, text, m.start(), m.end(), active, &mut hits);
            }
        }
        hits
    }

    /// Records a match of pattern `pi` at `s..e` if its rule is on and the boundaries and
    /// capitals are right.
    fn accept(&self, pi: usize, text: &str, s: usize, e: usize, active: &[bool], hits: &mut Hits) {
        let r = &self.refs[pi];
        if !active.get(r.rule as usize).copied().unwrap_or(false) {
            return;
        }
        if r.edge_start && text[..s].chars().next_back().is_some_and(is_word_char) {
            return;
        }
        if r.edge_end && text[e..].chars().next().is_some_and(is_word_char) {
            return;
        }
        let bytes = text.as_bytes();
        if !r.ignore_case
            && !r
                .upper
                .iter()
                .all(|&i| bytes[s + i as usize].is_ascii_uppercase())
        {
            return;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition the word index must agree with: every occurrence of every phrase
    /// (one Aho-Corasick automaton over all of them), then the same boundary checks.
    fn reference(reg: &Compiled, text: &str, active: &[bool]) -> Vec<(u32, u32, usize, usize)> {
        static AC: OnceLock<AhoCorasick> = OnceLock::new();
        let ac = AC.get_or_init(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .build(&reg.patterns)
                .unwrap_or_else(|e| panic!("{e}"))
        });
        let mut hits = Hits::empty(reg.kinds.len());
        for m in ac.find_overlapping_iter(text) {
            reg.accept(
                m.pattern().as_usize(),
                text,
                m.start(),
                m.end(),
                active,
                &mut hits,
            );
        }
        flatten(&hits)
    }

    fn flatten(h: &Hits) -> Vec<(u32, u32, usize, usize)> {
        let mut out = Vec::new();
        for (r, hs) in h.main.iter().enumerate() {
            out.extend(
                hs.iter()
                    .map(|x| (r as u32, x.local, x.span.start, x.span.end)),
            );
        }
        for (r, es) in h.exceptions.iter().enumerate() {
            out.extend(es.iter().map(|x| (r as u32, u32::MAX, x.start, x.end)));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn patterns_that_start_before_a_word_are_found_at_it() {
        // "'90s" and its kin start with an apostrophe: the index finds them at "90".
        let reg = Registry::builtin().unwrap_or_else(|e| panic!("{e}"));
        let reg = reg.compiled().unwrap_or_else(|e| panic!("{e:?}"));
        assert!(
            reg.rest.is_empty(),
            "every built-in phrase holds a word character"
        );
        let active = vec![true; reg.kinds.len()];
        let text = "In the '90's, the ’80’s and x'70's; '60's. '50'sx 9'40's '30’s";
        let found = flatten(&reg.find(text, &active));
        assert_eq!(found, reference(reg, text, &active));
        let starts: Vec<&str> = found.iter().map(|f| &text[f.2..f.3]).collect();
        for want in ["'90's", "’80’s", "'70's", "'60's", "'40's"] {
            assert!(starts.contains(&want), "{want} in {starts:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        #[test]
        fn word_index_finds_what_a_full_automaton_finds(
            picks in proptest::collection::vec((0usize..100_000, 0usize..8, proptest::bool::ANY), 1..12)
        ) {
            let reg = Registry::builtin().unwrap_or_else(|e| panic!("{e}"));
            let reg = reg.compiled().unwrap_or_else(|e| panic!("{e:?}"));
            let active = vec![true; reg.kinds.len()];
            let seps = [" ", "-", "x", "’", ", ", "\n", "é", ""];
            let mut text = String::new();
            for (p, sep, upper) in picks {
                let pat = &reg.patterns[p % reg.patterns.len()];
                let pat = if upper { pat.to_uppercase() } else { pat.clone() };
                text.push_str(&pat);
                text.push_str(seps[sep]);
            }
            proptest::prop_assert_eq!(flatten(&reg.find(&text, &active)), reference(reg, &text, &active));
        }
    }
}
