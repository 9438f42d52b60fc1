//! Fuzzes the rule-pack loader: any text as a rule file must load or give an error (never
//! panic or run away), and a rule that loads must lint a sample sentence without panicking.
#![no_main]

use copydesk::engine::{self, RuleSettings};
use copydesk::text::markup::{ExtractOptions, Format};
use copydesk::pack::RuleSource;
use copydesk::registry::Registry;
use copydesk::text::source::SourceFile;
use libfuzzer_sys::fuzz_target;

const SAMPLE: &str = "The the council said on Tuesday it was a hair-brained plan, \
    definately. “It’s fine,” she said. A 10 percent rise, experts say.\n";

fuzz_target!(|text: &str| {
    let src = RuleSource {
        path: "fuzz/rule.toml".into(),
        id: "fuzz.rule".into(),
        text: text.to_string(),
        builtin: false,
    };
    match Registry::from_sources(&[src]) {
        Ok(reg) => {
            let settings = RuleSettings::defaults(&reg);
            let source = SourceFile::new("sample.md", SAMPLE.to_string());
            let _ = engine::lint(
                &source,
                Format::Markdown,
                &ExtractOptions::default(),
                &reg,
                &settings,
            );
        }
        Err(errs) => {
            for e in errs {
                assert!(!e.message.is_empty());
                assert_eq!(e.path, "fuzz/rule.toml");
            }
        }
    }
});
