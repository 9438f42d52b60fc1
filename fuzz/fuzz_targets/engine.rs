//! Fuzzes the whole engine on arbitrary bytes: the first byte picks the format, the rest
//! is decoded as a file would be (decode errors are fine) and linted with the built-in
//! rules; then fixes are applied until stable. Every diagnostic span must lie inside the
//! source on character boundaries, and every fix edit inside its diagnostic's file.
#![no_main]

use copydesk::diagnostic::Applicability;
use copydesk::engine::{self, RuleSettings};
use copydesk::text::markup::{ExtractOptions, Format};
use copydesk::text::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let format = match sel % 3 {
        0 => Format::Markdown,
        1 => Format::Html,
        _ => Format::Plain,
    };
    let Ok(source) = SourceFile::from_bytes("fuzz", rest.to_vec()) else {
        return;
    };
    let Ok(reg) = copydesk::Registry::builtin() else {
        panic!("built-in rules failed to load");
    };
    let settings = RuleSettings::defaults(reg);
    let opts = ExtractOptions::default();
    let diags = engine::lint(&source, format, &opts, reg, &settings);
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
    let lint = |t: &str| {
        engine::lint(
            &SourceFile::new("fuzz", t.to_string()),
            format,
            &opts,
            reg,
            &settings,
        )
    };
    let _ = copydesk::engine::fix::fix_until_stable(text, Applicability::Unsafe, &lint);
});
