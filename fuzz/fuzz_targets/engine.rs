//! Fuzzes the whole engine on arbitrary bytes: the first byte picks the format, the rest
//! is decoded as a file would be (decode errors are fine) and linted with the built-in
//! rules; then fixes are applied until stable. Every diagnostic span must lie inside the
//! source on character boundaries, and every fix edit inside its diagnostic's file.
//!
//! Time: linting an input must fit the budget of common.rs (50 ms + 20 µs a byte of CPU
//! time), and fixing it the same budget for each pass (each pass lints again). A short
//! input (up to 64 bytes) is also repeated to 32 KiB and linted, within the budget for
//! that size: repetition is where a rule that rescans the text for every hit turns
//! quadratic (as `tests/linear_time.rs` checks for known pieces), and it lets the fuzzer
//! search for such pieces.
#![no_main]

use copydesk::diagnostic::Applicability;
use copydesk::engine::{self, RuleSettings};
use copydesk::registry::Registry;
use copydesk::text::markup::{ExtractOptions, Format};
use copydesk::text::source::SourceFile;
use libfuzzer_sys::fuzz_target;
use std::cell::Cell;
use std::sync::OnceLock;

mod common;

/// Inputs up to this long are also linted repeated to [`REPEATED`] bytes.
const SHORT: usize = 64;
const REPEATED: usize = 32 * 1024;

/// The built-in rules, compiled, and everything built on first use (matchers, word lists)
/// warmed up on a sample in every format, so that no input pays for it in its budget.
fn registry() -> &'static Registry {
    static WARM: OnceLock<&'static Registry> = OnceLock::new();
    WARM.get_or_init(|| {
        let Ok(reg) = Registry::builtin() else {
            panic!("built-in rules failed to load");
        };
        let settings = RuleSettings::defaults(reg);
        let sample = "The the council said on Tuesday it was a hair-brained plan, definately. \
            “It’s fine,” she said. A 10 percent rise, experts say. *Colour* and color.\n";
        for format in [Format::Markdown, Format::Html, Format::Plain] {
            let lint = |t: &str| {
                engine::lint(
                    &SourceFile::new("warm", t.to_string()),
                    format,
                    &ExtractOptions::default(),
                    reg,
                    &settings,
                )
            };
            let _ = engine::fix::fix_until_stable(sample, Applicability::Unsafe, &lint);
        }
        reg
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let format = match sel % 3 {
        0 => Format::Markdown,
        1 => Format::Html,
        _ => Format::Plain,
    };
    let reg = registry();
    let Ok(source) = SourceFile::from_bytes("fuzz", rest.to_vec()) else {
        return;
    };
    let settings = RuleSettings::defaults(reg);
    let opts = ExtractOptions::default();
    let lint = |t: &str| {
        engine::lint(
            &SourceFile::new("fuzz", t.to_string()),
            format,
            &opts,
            reg,
            &settings,
        )
    };
    let diags = common::within_budget("linting", rest.len(), || {
        engine::lint(&source, format, &opts, reg, &settings)
    });
    // Fixing lints once a pass (at most 10 passes, and once more for what remains): the
    // budget is one lint's for each, at the largest size the text reached.
    common::within(
        "fixing",
        rest.len(),
        |&(passes, largest): &(u32, usize)| common::budget(largest) * passes.max(1),
        || {
            let (passes, largest) = (Cell::new(0u32), Cell::new(0usize));
            let counted = |t: &str| {
                passes.set(passes.get() + 1);
                largest.set(largest.get().max(t.len()));
                lint(t)
            };
            let _ = engine::fix::fix_until_stable(&source.text, Applicability::Unsafe, &counted);
            (passes.get(), largest.get())
        },
    );
    let text = &source.text;
    for d in &diags {
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "{d:?}"
        );
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        if let Some(fix) = &d.fix {
            for e in &fix.edits {
                assert!(
                    e.span.start <= e.span.end && e.span.end <= text.len(),
                    "{e:?}"
                );
            }
        }
    }
    if !text.is_empty() && text.len() <= SHORT {
        let long = text.repeat(REPEATED / text.len() + 1);
        common::within_budget("linting the input repeated", long.len(), || lint(&long));
    }
});
