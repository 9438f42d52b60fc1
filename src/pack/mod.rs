//! Rule packs: finding rule files (built-in, embedded at build time, and the user's own
//! directories), parsing them strictly and validating them into [`Rule`]s and their
//! uncompiled kinds ([`KindSpec`]).
//! Every error names the file, and the line and key where it can.

pub(crate) mod schema;

use crate::error::locate;
use crate::error::FileError;
use crate::rules::{KindSpec, Rule, KIND_NAMES};
use schema::RuleFile;
use std::path::Path;
use std::sync::Arc;

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
    let shown = crate::text::path::display(dir);
    let entries = std::fs::read_dir(dir).map_err(|e| {
        FileError::whole(
            &shown,
            format!(
                "cannot read rule pack directory: {}",
                crate::text::path::io_message(&e)
            ),
        )
    })?;
    // Two levels only: `DIR/<rule>.toml` and `DIR/<pack>/<rule>.toml`. Every `.toml`
    // name there is a rule file, whatever it is: a pipe or a broken link is reported
    // when it is read, never waited on or skipped.
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
            let path = crate::text::path::display(&p);
            let text = crate::text::file::read_config(&p).map_err(|e| {
                FileError::whole(
                    &path,
                    format!(
                        "cannot read rule file: {}",
                        crate::text::path::io_message(&e)
                    ),
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

/// A `.toml` name that is not a directory.
fn is_toml(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "toml") && !p.is_dir()
}

/// Parses and validates one rule file; its kind is compiled later, by the registry.
pub(crate) fn parse(src: &RuleSource) -> Result<(Rule, KindSpec), FileError> {
    if !valid_id(&src.id) {
        return Err(FileError::whole(
            &src.path,
            format!(
                "rule id `{}` is not valid: pack and rule names use lower-case letters, digits and `-`",
                src.id
            ),
        ));
    }
    let file: RuleFile = match toml::from_str(&src.text) {
        Ok(file) => file,
        Err(e) if src.builtin || has_kind_table(&src.text) => {
            return Err(FileError::from_toml(&src.path, &src.text, &e))
        }
        Err(e) => return Err(not_a_rule_file(src, &e)),
    };
    rule_from_file(src, file)
}

/// Whether a file that does not read as a rule file still has the shape of one: it is
/// TOML and has a kind table. Only such a file's errors quote it; a pack directory may
/// name any directory (`packs = ["/etc"]`), and its other files' lines (a password) must
/// not end up on the terminal or in a CI log.
fn has_kind_table(text: &str) -> bool {
    text.parse::<toml::Table>().is_ok_and(|table| {
        KIND_NAMES
            .iter()
            .any(|name| table.get(*name).is_some_and(toml::Value::is_table))
    })
}

/// The error of a file in a pack directory that is not a rule file: where, but not what
/// it says.
fn not_a_rule_file(src: &RuleSource, e: &toml::de::Error) -> FileError {
    let why = if src.text.parse::<toml::Table>().is_ok() {
        format!("it has no kind table ({})", kind_tables())
    } else {
        let at = e.span().map_or(0, |s| s.start.min(src.text.len()));
        let line = 1 + src.text.as_bytes()[..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        format!("it is not valid TOML (line {line})")
    };
    FileError::whole(
        &src.path,
        format!("not a rule file: {why}; its text is not shown"),
    )
}

/// Validates a parsed rule file: its fields, its examples, and that it has exactly
/// one kind table, which is returned uncompiled.
fn rule_from_file(src: &RuleSource, file: RuleFile) -> Result<(Rule, KindSpec), FileError> {
    let err = |needle: &str, msg: String| {
        FileError::at(&src.path, &src.text, locate(&src.text, needle), msg)
    };
    let mut file = file;
    let mut kinds = file.kinds();
    if kinds.len() != 1 {
        return Err(FileError::at(
            &src.path,
            &src.text,
            Some(0..0),
            format!(
                "a rule file needs exactly one kind table ({}); found {}",
                kind_tables(),
                kinds.len()
            ),
        ));
    }
    let spec = kinds.pop().ok_or_else(|| err("", "no kind".into()))?;
    for field in [
        ("message", &file.message),
        ("description", &file.description),
    ] {
        if field.1.trim().is_empty() {
            return Err(err(field.0, format!("`{}` must not be empty", field.0)));
        }
    }
    for ex in &file.examples {
        match (&ex.bad, &ex.good, &ex.fixed) {
            (Some(_), None, _) | (None, Some(_), None) => {}
            _ => {
                return Err(err(
                    "[[examples]]",
                    "every [[examples]] entry has exactly one of `bad` or `good`, and `fixed` only with `bad`".into(),
                ))
            }
        }
    }
    let rule = Rule {
        id: Arc::from(src.id.as_str()),
        path: src.path.clone(),
        severity: file.severity,
        message: file.message,
        description: file.description,
        link: file.link,
        help: file.help,
        enabled: file.enabled,
        fix: file.fix,
        examples: file.examples,
        kind_name: spec.name(),
    };
    Ok((rule, spec))
}

/// `[a], [b] or [c]`: every kind's table.
fn kind_tables() -> String {
    let names: Vec<String> = KIND_NAMES.iter().map(|n| format!("[{n}]")).collect();
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// An error at the first place `needle` appears in a rule file.
pub fn err_in(src: &RuleSource) -> impl Fn(&str, String) -> FileError + '_ {
    move |needle: &str, msg: String| {
        FileError::at(&src.path, &src.text, locate(&src.text, needle), msg)
    }
}

/// What compiling a rule file's kind needs: where its errors point, and whether the
/// checks the test suite runs for the shipped files are run.
pub fn compile_context<'a>(
    src: &RuleSource,
    err: &'a dyn Fn(&str, String) -> FileError,
) -> crate::rules::Compile<'a> {
    crate::rules::Compile {
        err,
        thorough: !src.builtin,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_pass_the_checks_loading_skips_for_them() {
        // Fix cycles among substitutions and regex budgets: loading trusts the shipped
        // packs with these, so they are checked here.
        for mut src in builtin_sources() {
            src.builtin = false;
            let compiled = parse(&src)
                .and_then(|(_, spec)| spec.compile(&compile_context(&src, &err_in(&src))));
            if let Err(e) = compiled {
                panic!("{e}");
            }
        }
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
