//! copydesk: a prose linter for articles.
//!
//! It extracts prose from Markdown, HTML and plain text while keeping exact byte offsets
//! into the source, runs rules from TOML rule packs (spelling variants, common errors,
//! typography) through one shared multi-pattern matcher, and reports diagnostics tied to
//! source spans.
//!
//! ```
//! # fn main() -> Result<(), copydesk::Error> {
//! let diags = copydesk::lint_str("It was a hair-brained plan.", copydesk::Format::Plain)?;
//! assert_eq!(&*diags[0].rule, "errors.eggcorns");
//! assert_eq!(diags[0].suggestions, vec!["harebrained".to_string()]);
//! assert_eq!((diags[0].line, diags[0].column), (1, 10));
//! # Ok(())
//! # }
//! ```
//!
//! To lint files and directories as the command line does (walk, configuration
//! discovery, result cache), use [`run::check`]; [`report::write`] prints its
//! [`Outcome`] in any output format. The layers, bottom up: [`text`] (what a file says),
//! `lang` (what English knows), [`rules`] (one file per rule kind), [`pack`] (rule
//! files), [`registry`] (the compiled rule set), [`engine`] (lint one source),
//! [`config`], [`run`] and [`report`]; imports point down only.

#![warn(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod error;
pub mod lang;
pub mod lsp;
pub mod outcome;
pub mod pack;
pub mod registry;
pub mod report;
pub mod rules;
pub mod run;
pub mod text;

pub use diagnostic::{Diagnostic, Severity};
pub use error::{Error, FileError};
pub use outcome::Outcome;
pub use registry::Registry;
pub use text::markup::Format;

/// Lints a string with the built-in rules at their defaults.
///
/// # Errors
///
/// [`Error::Files`] if the built-in rules do not load (the test suite rules that out).
pub fn lint_str(text: &str, format: Format) -> Result<Vec<Diagnostic>, Error> {
    let reg = Registry::builtin()?;
    let source = text::source::SourceFile::new("<string>", text.to_string());
    let settings = engine::RuleSettings::defaults(reg);
    Ok(engine::lint(
        &source,
        format,
        &text::markup::ExtractOptions::default(),
        reg,
        &settings,
    ))
}
