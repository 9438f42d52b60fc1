//! Hover on a finding: the rule's id, severity, description, how to resolve it, and its
//! link, as Markdown.

use super::server::Server;
use lsp_types as lsp;
use serde_json::Value;

impl Server {
    /// Answers `textDocument/hover`.
    pub(super) fn hover(&mut self, p: lsp::HoverParams) -> Value {
        let uri = p.text_document_position_params.text_document.uri;
        let pos = p.text_document_position_params.position;
        let Some(linted) = self.current(&uri) else {
            return Value::Null;
        };
        let Some(doc) = self.docs.get(&uri) else {
            return Value::Null;
        };
        let at = doc.index.offset(&doc.text, pos);
        let reg = linted.profile.as_ref().map(|p| &*p.registry);
        let mut parts = Vec::new();
        let mut range = None;
        for d in linted
            .diagnostics
            .iter()
            .filter(|d| d.span.start <= at && at <= d.span.end)
        {
            range.get_or_insert_with(|| doc.index.range(&doc.text, d.span.start, d.span.end));
            let mut md = format!("**{}** ({}): {}", d.rule, d.severity, d.message);
            let rule = reg.and_then(|r| r.index_of(&d.rule).map(|i| &r.rules()[i]));
            if let Some(rule) = rule {
                md.push_str("\n\n");
                md.push_str(rule.description.trim());
                if let Some(help) = &rule.help {
                    md.push_str("\n\n");
                    md.push_str(help.trim());
                }
                if let Some(link) = &rule.link {
                    md.push_str(&format!("\n\n[{link}]({link})"));
                }
            }
            parts.push(md);
        }
        if parts.is_empty() {
            return Value::Null;
        }
        let hover = lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range,
        };
        serde_json::to_value(hover).unwrap_or(Value::Null)
    }
}
