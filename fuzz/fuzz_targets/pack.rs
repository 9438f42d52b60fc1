//! Fuzzes the rule-pack loader: any text as a rule file must load or give an error (never
//! panic or run away), and a rule that loads must lint a sample sentence without panicking.
//!
//! Time: a rule that loads must lint text within the budget of common.rs (50 ms + 20 µs a
//! byte of CPU time), checked on the sample repeated to about 8 KiB, after a first lint of
//! the sample (which builds what is built on first use): the size and state limits on rule
//! regexes are there so that no rule file a repository ships can search slowly. Loading is
//! not timed (regex compilation is bounded by those limits, and libFuzzer's timeout).
#![no_main]

use copydesk::engine::{self, RuleSettings};
use copydesk::pack::RuleSource;
use copydesk::registry::Registry;
use copydesk::text::markup::{ExtractOptions, Format};
use copydesk::text::source::SourceFile;
use libfuzzer_sys::fuzz_target;

mod common;

const SAMPLE: &str = "The the council said on Tuesday it was a hair-brained plan, \
    definately. “It’s fine,” she said. A 10 percent rise, experts say.\n";

fuzz_target!(|text: &str| {
    let src = RuleSource {
        path: "fuzz/rule.toml".into(),
        id: "fuzz.rule".into(),
        text: text.to_string().into(),
        builtin: false,
    };
    match Registry::from_sources(&[src]) {
        Ok(reg) => {
            let settings = RuleSettings::defaults(&reg);
            let lint = |text: &str| {
                engine::lint(
                    &SourceFile::new("sample.md", text.to_string()),
                    Format::Markdown,
                    &ExtractOptions::default(),
                    &reg,
                    &settings,
                )
            };
            let _ = lint(SAMPLE);
            let long = SAMPLE.repeat(8 * 1024 / SAMPLE.len() + 1);
            common::within_budget("linting with the rule", long.len(), || lint(&long));
        }
        Err(errs) => {
            for e in errs {
                assert!(!e.message.is_empty());
                assert_eq!(e.path, "fuzz/rule.toml");
            }
        }
    }
});
