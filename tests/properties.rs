//! Properties over random documents: spans stay inside the source and agree with line
//! and column; fixing is idempotent; output does not depend on thread count or the order
//! in which paths are given.

mod common;
use common::{run, tmp};

use copydesk::diagnostic::Applicability;
use copydesk::engine::{self, RuleSettings};
use copydesk::text::markup::{ExtractOptions, Format};
use copydesk::text::source::SourceFile;
use proptest::prelude::*;
use std::fs;

/// Fragments that exercise every extractor: prose with known errors, Markdown and HTML
/// syntax, entities, template tags, quotes, odd whitespace and non-ASCII text.
fn fragment() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "A hinderance.",
        "It was definately a seperate matter.",
        "a hair-brained plan",
        "The the council met.",
        "an user",
        "“It’s fine,” she said.",
        "Prices rose 10 percent, experts say.",
        "Byelorussian",
        "é ü 中文 😀",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "  ",
        "\t",
        "# ",
        "> ",
        "- ",
        "1. ",
        "`",
        "```\n",
        "~~~",
        "*",
        "_",
        "[",
        "](",
        ")",
        "![alt hinderance](x.png)",
        "<",
        ">",
        "<p>",
        "</p>",
        "<code>",
        "<!--",
        "-->",
        "&amp;",
        "&nbsp;",
        "&#8217;",
        "&#x",
        "{{<",
        ">}}",
        "{{ .Title }}",
        "{% if %}",
        "---\n",
        "+++\n",
        "title: A hinderance\n",
        "| a | b |\n|---|---|\n",
        "[^1]",
        "https://x.org/seperate",
        "<!-- copydesk-disable-next-line -->",
        "\u{feff}",
        "[sic]",
    ])
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|v| v.concat())
}

fn format() -> impl Strategy<Value = Format> {
    prop::sample::select(vec![Format::Markdown, Format::Html, Format::Plain])
}

fn lint(text: &str, format: Format) -> Vec<copydesk::Diagnostic> {
    let reg = copydesk::Registry::builtin().unwrap_or_else(|e| panic!("{e}"));
    let settings = RuleSettings::defaults(reg);
    let source = SourceFile::new("doc", text.to_string());
    engine::lint(&source, format, &ExtractOptions::default(), reg, &settings)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    /// Every span lies inside the source on character boundaries; its line and column are
    /// those of its start; fix edits lie inside the source too and do not overlap.
    #[test]
    fn spans_are_inside_the_source_and_match_line_and_column(
        doc in document(),
        format in format(),
    ) {
        let source = SourceFile::new("doc", doc.clone());
        for d in lint(&doc, format) {
            prop_assert!(d.span.start <= d.span.end && d.span.end <= doc.len(), "{:?}", d);
            prop_assert!(doc.is_char_boundary(d.span.start) && doc.is_char_boundary(d.span.end));
            prop_assert_eq!((d.line, d.column), source.line_col(d.span.start));
            prop_assert_eq!((d.end_line, d.end_column), source.line_col(d.span.end));
            if let Some(fix) = &d.fix {
                let mut last = 0;
                for e in &fix.edits {
                    prop_assert!(e.span.start >= last && e.span.end <= doc.len(), "{:?}", d);
                    prop_assert!(doc.is_char_boundary(e.span.start) && doc.is_char_boundary(e.span.end));
                    last = e.span.end;
                }
            }
        }
    }

    /// Fixing a fixed text changes nothing, and the fixes settle.
    #[test]
    fn fixing_twice_changes_nothing_the_second_time(
        doc in document(),
        format in format(),
        unsafe_fixes in any::<bool>(),
    ) {
        let min = if unsafe_fixes { Applicability::Unsafe } else { Applicability::Safe };
        let lint = |t: &str| lint(t, format);
        let once = copydesk::engine::fix::fix_until_stable(&doc, min, &lint);
        prop_assert!(once.unstable.is_empty(), "unstable: {:?} in {:?}", once.unstable, doc);
        let twice = copydesk::engine::fix::fix_until_stable(&once.text, min, &lint);
        prop_assert_eq!(&twice.text, &once.text, "document: {:?}", doc);
        prop_assert_eq!(twice.applied, 0);
    }
}

/// `check` prints the same bytes whatever the number of threads and the order in which
/// the paths are named.
#[test]
fn output_does_not_depend_on_threads_or_path_order() {
    let d = tmp();
    let mut names = Vec::new();
    for dir in [
        "fixtures/articles",
        "fixtures/markup",
        "fixtures/attribution",
    ] {
        for entry in fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{e}"))
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".toml") {
                continue;
            }
            fs::copy(entry.path(), d.path().join(&name)).unwrap_or_else(|e| panic!("{e}"));
            names.push(name);
        }
    }
    names.sort();
    assert!(names.len() > 20);
    let mut reversed = names.clone();
    reversed.reverse();
    // A fixed shuffle: every third name first, then the rest.
    let mut shuffled: Vec<String> = names.iter().step_by(3).cloned().collect();
    shuffled.extend(
        names
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 3 != 0)
            .map(|(_, n)| n.clone()),
    );
    for format in ["json", "concise", "sarif"] {
        let mut outputs = Vec::new();
        for (threads, order) in [
            ("1", &names),
            ("2", &names),
            ("2", &reversed),
            ("1", &shuffled),
            ("4", &shuffled),
        ] {
            let mut args = vec!["check", "--format", format, "--threads", threads];
            args.extend(order.iter().map(String::as_str));
            let (code, out, err) = run(d.path(), &args);
            assert_eq!(code, 1, "{err}");
            outputs.push(out);
        }
        // A directory walk gives the same output as naming the files.
        let (_, walked, _) = run(d.path(), &["check", "--format", format, "."]);
        outputs.push(walked);
        assert!(outputs[0].len() > 1000);
        for (i, o) in outputs.iter().enumerate() {
            assert!(o == &outputs[0], "{format}: run {i} differs");
        }
    }
}

/// The inputs that made a fuzz target fail (`tests/data/fuzz/`, named after the target)
/// keep the invariants the targets check: pieces in prose and source order, exact pieces
/// equal to their source, spans inside the source.
#[test]
fn fuzz_crashes_stay_fixed() {
    let mut n = 0;
    for entry in fs::read_dir("tests/data/fuzz")
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let bytes = fs::read(entry.path()).unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let format = if name.starts_with("html") {
            Format::Html
        } else if name.starts_with("markdown") {
            Format::Markdown
        } else {
            Format::Plain
        };
        let prose = copydesk::text::markup::extract(&text, format, &ExtractOptions::default());
        let (mut last_prose, mut last_src) = (0, 0);
        for p in &prose.pieces {
            assert!(
                p.prose_start >= last_prose,
                "{name}: {p:?} out of prose order"
            );
            assert!(p.src.start >= last_src, "{name}: {p:?} out of source order");
            assert!(p.src.end <= text.len() && p.prose_end <= prose.text.len());
            if p.exact {
                assert_eq!(
                    &prose.text[p.prose_start..p.prose_end],
                    &text[p.src.range()],
                    "{name}"
                );
            }
            (last_prose, last_src) = (p.prose_end, p.src.start);
        }
        for d in lint(&text, format) {
            assert!(d.span.end <= text.len(), "{name}: {d:?}");
        }
        n += 1;
    }
    assert!(n > 0);
}
