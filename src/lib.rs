//! copydesk: a prose linter for articles.
//!
//! It extracts prose from Markdown, HTML and plain text while keeping exact byte offsets
//! into the source, runs rules from TOML rule packs (spelling variants, common errors,
//! typography) through one shared multi-pattern matcher, and reports diagnostics tied to
//! source spans.
//!
//! ```
//! let diags = copydesk::lint_str("It was a hair-brained plan.", copydesk::Format::Plain);
//! assert_eq!(&*diags[0].rule, "errors.eggcorns");
//! assert_eq!(diags[0].suggestions, vec!["harebrained".to_string()]);
//! ```

#![warn(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod error;
pub mod lang;
pub mod outcome;
pub mod pack;
pub mod registry;
pub mod report;
pub mod rules;
pub mod run;
pub mod text;

pub use diagnostic::{Diagnostic, Severity};
pub use text::markup::Format;

use std::sync::OnceLock;

/// The built-in rule set, compiled once per process.
pub fn builtin_registry() -> Result<&'static registry::Registry, String> {
    static REG: OnceLock<Result<registry::Registry, String>> = OnceLock::new();
    REG.get_or_init(|| {
        registry::Registry::load(&[]).map_err(|errs| {
            errs.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        })
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// Lints a string with the built-in rules at their defaults. Returns no diagnostics if
/// the built-in rules failed to load (which the test suite rules out).
pub fn lint_str(text: &str, format: Format) -> Vec<Diagnostic> {
    let Ok(reg) = builtin_registry() else {
        return Vec::new();
    };
    let source = text::source::SourceFile::new("<string>", text.to_string());
    let settings = engine::RuleSettings::defaults(reg);
    engine::lint(
        &source,
        format,
        &text::markup::ExtractOptions::default(),
        reg,
        &settings,
    )
}
