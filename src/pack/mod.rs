//! Rule packs: finding rule files (built-in, embedded at build time, and the user's own
//! directories), parsing them strictly and validating them into [`Rule`]s and their
//! uncompiled kinds ([`KindSpec`]).
//! Every error names the file, and the line and key where it can.

pub mod schema;

use crate::error::FileError;
use crate::rules::{self, KindSpec, Rule};
use schema::RuleFile;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// A rule file's text and where it came from.
#[derive(Debug, Clone)]
pub struct RuleSource {
    /// Path shown in errors.
    pub path: String,
    /// `pack.rule`.
    pub id: String,
    /// TOML text (borrowed from the binary for the built-in files).
    pub text: std::borrow::Cow<'static, str>,
    /// Shipped with copydesk. Checks whose result cannot change for the shipped files
    /// (fix cycles among substitutions) are run by the test suite, not at every start.
    pub builtin: bool,
}

/// The built-in rule files.
pub fn builtin_sources() -> Vec<RuleSource> {
    BUILTIN_RULES
        .iter()
        .filter_map(|(path, text)| {
            let id = id_from_path(Path::new(path))?;
            Some(RuleSource {
                path: (*path).to_string(),
                id,
                text: std::borrow::Cow::Borrowed(text),
                builtin: true,
            })
        })
        .collect()
}

/// `rules/errors/eggcorns.toml` -> `errors.eggcorns`.
fn id_from_path(path: &Path) -> Option<String> {
    let rule = path.file_stem()?.to_str()?;
    let pack = path.parent()?.file_name()?.to_str()?;
    Some(format!("{pack}.{rule}"))
}

/// Reads the rule files of a user pack directory: `DIR/<pack>/<rule>.toml`, or
/// `DIR/<rule>.toml` with the directory's own name as the pack.
pub fn dir_sources(dir: &Path) -> Result<Vec<RuleSource>, FileError> {
    let shown = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        FileError::whole(
            &shown,
            format!(
                "cannot read rule pack directory: {}",
                crate::walk::io_message(&e)
            ),
        )
    })?;
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            if let Ok(sub) = std::fs::read_dir(&p) {
                files.extend(sub.flatten().map(|e| e.path()).filter(|p| is_toml(p)));
            }
        } else if is_toml(&p) {
            files.push(p);
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let path = p.display().to_string();
            let text = std::fs::read_to_string(&p).map_err(|e| {
                FileError::whole(
                    &path,
                    format!("cannot read rule file: {}", crate::walk::io_message(&e)),
                )
            })?;
            let id = id_from_path(&p)
                .ok_or_else(|| FileError::whole(&path, "cannot derive a rule id from this path"))?;
            Ok(RuleSource {
                path,
                id,
                text: text.into(),
                builtin: false,
            })
        })
        .collect()
}

fn is_toml(p: &Path) -> bool {
    p.is_file() && p.extension().is_some_and(|e| e == "toml")
}

/// Parses and validates one rule file; its kind is compiled later, by the registry.
pub fn parse(src: &RuleSource) -> Result<(Rule, KindSpec), FileError> {
    if !valid_id(&src.id) {
        return Err(FileError::whole(
            &src.path,
            format!(
                "rule id `{}` is not valid: pack and rule names use lower-case letters, digits and `-`",
                src.id
            ),
        ));
    }
    let file: RuleFile =
        toml::from_str(&src.text).map_err(|e| FileError::from_toml(&src.path, &src.text, &e))?;
    rules::Rule::parse(src, file)
}

fn valid_id(id: &str) -> bool {
    let mut parts = id.split('.');
    let ok = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    matches!((parts.next(), parts.next(), parts.next()), (Some(a), Some(b), None) if ok(a) && ok(b))
}

/// Where in a rule file a string literal (or key) appears, for pointing errors at it.
pub fn locate(text: &str, needle: &str) -> Option<std::ops::Range<usize>> {
    if needle.is_empty() {
        return None;
    }
    // A string value is usually written as a TOML basic string: look for its escaped form
    // first (a regex `\bx` is written `"\\bx"`), then for the text as it is.
    let escaped = needle.replace('\\', "\\\\").replace('"', "\\\"");
    if escaped != needle {
        if let Some(i) = text.find(&escaped) {
            return Some(i..i + escaped.len());
        }
    }
    text.find(needle).map(|i| i..i + needle.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_finds_escaped_strings() {
        let text = "a = \"x\"\npatterns = [\"\\\\bfoo\\\\b\"]\n";
        assert_eq!(locate(text, "\\bfoo\\b"), Some(21..30));
        assert_eq!(locate(text, "x"), Some(5..6));
        assert_eq!(locate(text, ""), None);
    }

    #[test]
    fn ids() {
        assert!(valid_id("errors.eggcorns"));
        assert!(!valid_id("Errors.x"));
        assert!(!valid_id("a.b.c"));
        assert_eq!(
            id_from_path(Path::new("rules/errors/eggcorns.toml")).as_deref(),
            Some("errors.eggcorns")
        );
    }
}
