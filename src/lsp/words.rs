//! "Add this word to the project's words": the `copydesk.addWord` command appends a word
//! to the words file of the document's configuration (`words` in `copydesk.toml`, else
//! `copydesk-words.txt` beside it), creating the file if need be, and lints the open
//! documents again. The server writes the file itself, so the action works in every
//! client, including those that cannot create files through a workspace edit.

use super::documents::uri_to_path;
use super::server::Server;
use crate::config::Config;
use lsp_types as lsp;
use serde::Deserialize;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The command's name.
pub const COMMAND: &str = "copydesk.addWord";

/// The words file of the configuration at `config`.
pub fn file_of(config: &Path) -> Option<PathBuf> {
    let dir = config.parent()?;
    let named = Config::read(config).ok().and_then(|c| c.file.words);
    Some(dir.join(named.as_deref().unwrap_or(crate::config::WORDS_FILE)))
}

#[derive(Debug, Deserialize)]
struct Args {
    uri: lsp::Uri,
    word: String,
}

/// Appends `word` on a line of its own, after a line break if the file lacks a final one.
pub fn append(file: &Path, word: &str) -> std::io::Result<()> {
    let existing = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)?;
    let mut line = String::new();
    if !existing.is_empty() && !existing.ends_with(b"\n") {
        line.push('\n');
    }
    line.push_str(word);
    line.push('\n');
    f.write_all(line.as_bytes())
}

impl Server {
    /// Answers `workspace/executeCommand`.
    pub(super) fn execute(&mut self, p: lsp::ExecuteCommandParams) -> Value {
        if p.command != COMMAND {
            self.log(
                lsp::MessageType::WARNING,
                &format!("unknown command {}", p.command),
            );
            return Value::Null;
        }
        let args = p
            .arguments
            .into_iter()
            .next()
            .and_then(|a| serde_json::from_value::<Args>(a).ok());
        let Some(args) = args else {
            self.log(lsp::MessageType::WARNING, "copydesk.addWord: no word given");
            return Value::Null;
        };
        // A word is one line of the file: nothing that would start another line or a
        // comment.
        let word = args.word.trim();
        if word.is_empty() || word.contains(['\n', '\r', '#']) {
            return Value::Null;
        }
        // The configuration that applies to the document, found again from its path
        // (not taken from the arguments, which the client could alter).
        let config =
            uri_to_path(&args.uri).and_then(|p| crate::config::Discovery::default().for_path(&p));
        let Some(file) = config.as_deref().and_then(file_of) else {
            let msg = "copydesk: this document has no copydesk.toml, so no project words file";
            self.show(lsp::MessageType::WARNING, msg);
            return Value::Null;
        };
        match append(&file, word) {
            Ok(()) => self.reload(),
            Err(e) => {
                let msg = format!(
                    "copydesk: cannot add ‘{word}’ to {}: {}",
                    crate::text::path::display(&file),
                    crate::text::path::io_message(&e)
                );
                self.show(lsp::MessageType::ERROR, &msg);
            }
        }
        Value::Null
    }

    fn show(&self, typ: lsp::MessageType, message: &str) {
        let params = lsp::ShowMessageParams {
            typ,
            message: message.to_string(),
        };
        self.notify("window/showMessage", params);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn append_adds_a_line_break_when_missing() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("w.txt");
        append(&f, "Zelenskyy").unwrap();
        std::fs::write(&f, "# words\nfoo").unwrap();
        append(&f, "bar").unwrap();
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "# words\nfoo\nbar\n");
    }
}
