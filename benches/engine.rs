//! Engine benchmarks (criterion): start-up, prose extraction, and linting throughput in
//! MB/s for each rule kind alone and for the full default rule set.
//!
//! The text is the repository's own fixture articles (news copy with planted problems),
//! so the bench runs anywhere. Set `COPYDESK_BENCH_CORPUS` to a directory of Markdown
//! (e.g. `../shared/corpus`) to add a group over its first 4 MB.
//!
//! `cargo bench --bench engine`; `cargo bench --bench engine -- full` for one group.

use copydesk::engine::{self, RuleSettings};
use copydesk::registry::Registry;
use copydesk::text::markup::{self, ExtractOptions, Format};
use copydesk::text::source::SourceFile;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// Markdown files under `dir`, sorted, up to `limit` bytes in all.
fn markdown_under(dir: &Path, limit: usize) -> Vec<(PathBuf, String)> {
    let mut paths = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                paths.push(p);
            }
        }
    }
    paths.sort();
    let mut out = Vec::new();
    let mut total = 0;
    for p in paths {
        if total >= limit {
            break;
        }
        if let Ok(text) = std::fs::read_to_string(&p) {
            total += text.len();
            out.push((p, text));
        }
    }
    out
}

fn fixtures() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut docs = markdown_under(&root.join("articles"), usize::MAX);
    docs.extend(markdown_under(&root.join("attribution"), usize::MAX));
    docs
}

fn registry() -> Registry {
    Registry::load(&[]).unwrap_or_else(|e| panic!("built-in rules: {e:?}"))
}

fn lint_all(docs: &[(PathBuf, String)], reg: &Registry, settings: &RuleSettings) -> usize {
    let opts = ExtractOptions::default();
    docs.iter()
        .map(|(p, text)| {
            let src = SourceFile::new(p.to_string_lossy(), text.clone());
            engine::lint(&src, Format::Markdown, &opts, reg, settings).len()
        })
        .sum()
}

fn bytes(docs: &[(PathBuf, String)]) -> u64 {
    docs.iter().map(|(_, t)| t.len() as u64).sum()
}

/// Start-up: loading and compiling the built-in packs, and building the phrase matcher
/// (lazy, so it is forced with one search).
fn startup(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    g.sample_size(20);
    g.bench_function("load_packs_and_build_matcher", |b| {
        b.iter(|| {
            let reg = registry();
            let hits = reg.find("hair-brained", &vec![true; reg.rules().len()]);
            black_box(hits.main.len())
        })
    });
    g.finish();
}

fn extraction(c: &mut Criterion) {
    let docs = fixtures();
    let opts = ExtractOptions::default();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes(&docs)));
    g.bench_function("markdown", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(_, t)| markup::extract(t, Format::Markdown, &opts).text.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

/// Each rule kind alone (its rules at their default on/off), then the full default set.
fn kinds(c: &mut Criterion) {
    let docs = fixtures();
    let reg = registry();
    // Force the matcher now, so it is not timed in the first sample.
    reg.find("warm", &vec![true; reg.rules().len()]);
    let mut g = c.benchmark_group("lint");
    g.throughput(Throughput::Bytes(bytes(&docs)));
    let mut names: Vec<&str> = reg.rules().iter().map(|r| r.kind_name).collect();
    names.sort();
    names.dedup();
    for kind in names {
        let mut settings = RuleSettings::defaults(&reg);
        for (i, r) in reg.rules().iter().enumerate() {
            settings.active[i] = r.enabled && r.kind_name == kind;
        }
        g.bench_with_input(BenchmarkId::new("kind", kind), &settings, |b, s| {
            b.iter(|| lint_all(&docs, &reg, s))
        });
    }
    let full = RuleSettings::defaults(&reg);
    g.bench_function("full", |b| b.iter(|| lint_all(&docs, &reg, &full)));
    g.finish();
}

/// The full default set over a real corpus, when one is given.
fn corpus(c: &mut Criterion) {
    let Some(dir) = std::env::var_os("COPYDESK_BENCH_CORPUS") else {
        return;
    };
    let docs = markdown_under(Path::new(&dir), 4 << 20);
    if docs.is_empty() {
        return;
    }
    let reg = registry();
    let full = RuleSettings::defaults(&reg);
    let mut g = c.benchmark_group("corpus");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes(&docs)));
    g.bench_function("full", |b| b.iter(|| lint_all(&docs, &reg, &full)));
    g.finish();
}

criterion_group!(benches, startup, extraction, kinds, corpus);
criterion_main!(benches);
