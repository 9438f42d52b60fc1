//! Code actions: each finding's fix as a quick fix (safe fixes preferred, unsafe ones
//! marked), its suggestions when it has no fix, "fix all safe problems in this file",
//! "disable this rule on this line" (a suppression comment, Markdown and HTML), and
//! "add this word to the project's words" for the spelling dictionary.

use super::convert;
use super::documents::{Document, Linted};
use super::server::Server;
use super::{analysis, suppress, words};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::text::markup::Format;
use lsp_types as lsp;
use lsp_types::{CodeActionKind, Uri};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// The kind of the fix-all action (`source.fixAll.copydesk`).
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.copydesk")
}

/// Whether a requested `only` list admits actions of `kind` (a listed kind admits its
/// sub-kinds: `source` admits `source.fixAll.copydesk`).
fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|o| {
            kind.as_str() == o.as_str()
                || kind
                    .as_str()
                    .strip_prefix(o.as_str())
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

impl Server {
    /// The findings of a document for its current version, linting it now (with the
    /// configuration it was last linted with) if they are not worked out yet.
    pub(super) fn current(&mut self, uri: &Uri) -> Option<Linted> {
        let doc = self.docs.get(uri)?;
        if let Some(l) = doc.fresh() {
            return Some(l.clone());
        }
        let last = doc.linted.as_ref()?;
        let profile = last.profile.clone()?;
        let (format, diags) =
            analysis::lint(&profile, doc.path.as_deref(), &doc.language, &doc.text).ok()?;
        let linted = Linted {
            version: doc.version,
            diagnostics: Arc::new(diags),
            profile: Some(profile),
            config: last.config.clone(),
            format,
        };
        if let Some(doc) = self.docs.get_mut(uri) {
            doc.linted = Some(linted.clone());
        }
        self.publish_document(uri);
        Some(linted)
    }

    /// Answers `textDocument/codeAction`.
    pub(super) fn code_actions(&mut self, p: lsp::CodeActionParams) -> Value {
        let uri = p.text_document.uri;
        let Some(linted) = self.current(&uri) else {
            return Value::Null;
        };
        let Some(doc) = self.docs.get(&uri) else {
            return Value::Null;
        };
        let only = p.context.only.as_deref();
        let (start, end) = (
            doc.index.offset(&doc.text, p.range.start),
            doc.index.offset(&doc.text, p.range.end),
        );
        let b = Builder {
            uri: &uri,
            doc,
            linted: &linted,
            versioned: self.caps.document_changes,
        };
        let mut out: Vec<lsp::CodeActionOrCommand> = Vec::new();
        let here: Vec<&Diagnostic> = linted
            .diagnostics
            .iter()
            .filter(|d| d.span.start <= end && start <= d.span.end)
            .collect();
        if wanted(only, &CodeActionKind::QUICKFIX) {
            for d in &here {
                out.extend(b.fixes(d));
            }
            for d in &here {
                out.extend(b.add_word(d));
                out.extend(b.disable(d));
            }
            if here.iter().any(|d| is_safe(d)) {
                out.extend(b.fix_all(CodeActionKind::QUICKFIX));
            }
        }
        if wanted(only, &fix_all_kind()) && only.is_some() {
            out.extend(b.fix_all(fix_all_kind()));
        }
        serde_json::to_value(out).unwrap_or(Value::Null)
    }
}

fn is_safe(d: &Diagnostic) -> bool {
    d.fix
        .as_ref()
        .is_some_and(|f| f.applicability == Applicability::Safe)
}

/// Builds the actions for one request.
struct Builder<'a> {
    uri: &'a Uri,
    doc: &'a Document,
    linted: &'a Linted,
    versioned: bool,
}

impl Builder<'_> {
    fn lsp_diag(&self, d: &Diagnostic) -> lsp::Diagnostic {
        let reg = self.linted.profile.as_ref().map(|p| &*p.registry);
        convert::diagnostic(d, self.uri, &self.doc.text, &self.doc.index, reg)
    }

    /// Edits of this document as a workspace edit (versioned when the client takes
    /// that, so a stale edit is refused rather than applied to other text).
    fn edit(&self, edits: Vec<(usize, usize, String)>) -> lsp::WorkspaceEdit {
        let edits: Vec<lsp::TextEdit> = edits
            .into_iter()
            .map(|(s, e, new_text)| lsp::TextEdit {
                range: self.doc.index.range(&self.doc.text, s, e),
                new_text,
            })
            .collect();
        if self.versioned {
            let doc = lsp::TextDocumentEdit {
                text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                    uri: self.uri.clone(),
                    version: Some(self.doc.version),
                },
                edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
            };
            lsp::WorkspaceEdit {
                document_changes: Some(lsp::DocumentChanges::Edits(vec![doc])),
                ..Default::default()
            }
        } else {
            lsp::WorkspaceEdit {
                changes: Some(HashMap::from([(self.uri.clone(), edits)])),
                ..Default::default()
            }
        }
    }

    fn action(
        &self,
        title: String,
        kind: CodeActionKind,
        d: Option<&Diagnostic>,
        edit: Option<lsp::WorkspaceEdit>,
        preferred: bool,
    ) -> lsp::CodeActionOrCommand {
        lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
            title,
            kind: Some(kind),
            diagnostics: d.map(|d| vec![self.lsp_diag(d)]),
            edit,
            is_preferred: preferred.then_some(true),
            ..Default::default()
        })
    }

    /// The finding's fix, or its suggestions when it has none.
    fn fixes(&self, d: &Diagnostic) -> Vec<lsp::CodeActionOrCommand> {
        let found = self.doc.text.get(d.span.range()).unwrap_or("");
        if let Some(fix) = &d.fix {
            let edits: Vec<(usize, usize, String)> = fix
                .edits
                .iter()
                .map(|e| (e.span.start, e.span.end, e.replacement.clone()))
                .collect();
            let title = match fix.edits.as_slice() {
                [one] if one.span == d.span => {
                    format!("Replace ‘{found}’ with ‘{}’", one.replacement)
                }
                _ => format!("Fix: {}", d.message),
            };
            let safe = fix.applicability == Applicability::Safe;
            let title = if safe {
                format!("{title} ({})", d.rule)
            } else {
                format!("{title} ({}, unsafe: check the meaning)", d.rule)
            };
            let edit = self.edit(edits);
            return vec![self.action(title, CodeActionKind::QUICKFIX, Some(d), Some(edit), safe)];
        }
        d.suggestions
            .iter()
            .take(5)
            .filter(|s| s.as_str() != found)
            .map(|s| {
                let edit = self.edit(vec![(d.span.start, d.span.end, s.clone())]);
                let title = format!("Change ‘{found}’ to ‘{s}’ ({})", d.rule);
                self.action(title, CodeActionKind::QUICKFIX, Some(d), Some(edit), false)
            })
            .collect()
    }

    /// Every safe fix of the document, applied until nothing changes, as one edit.
    fn fix_all(&self, kind: CodeActionKind) -> Option<lsp::CodeActionOrCommand> {
        if !self.linted.diagnostics.iter().any(is_safe) {
            return None;
        }
        let profile = self.linted.profile.as_ref()?;
        let text = &*self.doc.text;
        let fixed = crate::engine::fix::fix_until_stable(text, Applicability::Safe, &|t| {
            analysis::findings(profile, self.doc.path.as_deref(), &self.doc.language, t)
        });
        if fixed.applied == 0 || fixed.text == text {
            return None;
        }
        let (s, e, new) = minimal_edit(text, &fixed.text);
        let title = format!(
            "Fix all safe problems in this file ({} fix{})",
            fixed.applied,
            if fixed.applied == 1 { "" } else { "es" }
        );
        Some(self.action(title, kind, None, Some(self.edit(vec![(s, e, new)])), false))
    }

    /// A suppression comment for the finding's rule on its line (Markdown and HTML).
    fn disable(&self, d: &Diagnostic) -> Option<lsp::CodeActionOrCommand> {
        if self.linted.format == Format::Plain || d.rule.starts_with("copydesk.") {
            return None;
        }
        let profile = self.linted.profile.as_ref()?;
        let text = &*self.doc.text;
        let lint =
            |t: &str| analysis::findings(profile, self.doc.path.as_deref(), &self.doc.language, t);
        let (at, insert) =
            suppress::comment_for(text, d, self.linted.format, &profile.extract, &lint)?;
        let title = format!("Disable {} on this line", d.rule);
        let edit = self.edit(vec![(at, at, insert)]);
        Some(self.action(title, CodeActionKind::QUICKFIX, Some(d), Some(edit), false))
    }

    /// For the spelling dictionary: add the word to the configuration's words file.
    fn add_word(&self, d: &Diagnostic) -> Option<lsp::CodeActionOrCommand> {
        let reg = &self.linted.profile.as_ref()?.registry;
        let rule = &reg.rules()[reg.index_of(&d.rule)?];
        if rule.kind_name != crate::rules::dictionary::NAME {
            return None;
        }
        let config = self.linted.config.as_deref()?;
        let word = self.doc.text.get(d.span.range())?;
        let file = words::file_of(config)?;
        let name = file.file_name()?.to_string_lossy().into_owned();
        let title = format!("Add ‘{word}’ to the project's words ({name})");
        let command = lsp::Command {
            title: title.clone(),
            command: words::COMMAND.to_string(),
            arguments: Some(vec![serde_json::json!({
                "uri": self.uri.as_str(),
                "word": word,
            })]),
        };
        Some(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![self.lsp_diag(d)]),
            command: Some(command),
            ..Default::default()
        }))
    }
}

/// The one edit that turns `old` into `new`: what lies between their common prefix and
/// common suffix (on character boundaries).
pub fn minimal_edit(old: &str, new: &str) -> (usize, usize, String) {
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    let prefix = crate::text::source::floor_char_boundary(new, prefix);
    let (o, n) = (&old[prefix..], &new[prefix..]);
    let suffix = o
        .chars()
        .rev()
        .zip(n.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>()
        .min(o.len())
        .min(n.len());
    (
        prefix,
        old.len() - suffix,
        n[..n.len() - suffix].to_string(),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn minimal_edit_spans_the_difference() {
        let (s, e, t) = minimal_edit("a hair-brained plan", "a harebrained plan");
        let mut out = "a hair-brained plan".to_string();
        out.replace_range(s..e, &t);
        assert_eq!(out, "a harebrained plan");
        assert!(e - s < 10);
        assert_eq!(minimal_edit("same", "same"), (4, 4, String::new()));
        let (s, e, t) = minimal_edit("é😀", "é😁");
        assert_eq!((s, e), (2, 6));
        assert_eq!(t, "😁");
    }

    #[test]
    fn only_admits_sub_kinds() {
        let all = fix_all_kind();
        assert!(wanted(None, &all));
        assert!(wanted(Some(&[CodeActionKind::SOURCE]), &all));
        assert!(wanted(Some(&[CodeActionKind::SOURCE_FIX_ALL]), &all));
        assert!(!wanted(Some(&[CodeActionKind::QUICKFIX]), &all));
        assert!(!wanted(Some(&[CodeActionKind::new("sourcex")]), &all));
    }
}
