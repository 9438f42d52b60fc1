//! `copydesk lsp`: a Language Server Protocol server on standard input and output.
//!
//! Documents are linted as the command line lints files (the configuration found from
//! the document's path, its overrides and words file), but on the text the editor holds:
//! at once on open, and a short while ([`server::DEBOUNCE`]) after the last change. A
//! worker thread lints; the main loop stays free to answer requests and drops results
//! for versions that have been replaced. Findings carry the rule id as `code`, the
//! rule's link, related locations; code actions apply fixes, suppress a rule on a line
//! or add a word to the project's words; hover shows the rule. Errors in a configuration
//! or rule pack are shown on that file, and the documents it configures are checked
//! with the built-in rules until it is fixed.
//!
//! Modules: `server` (the loop and notifications), `worker`, `analysis` (configuration
//! and lint), `documents`, `position` (UTF-16/UTF-8/UTF-32 positions), `convert`,
//! `actions`, `suppress` (where a suppression comment goes), `words`, `hover`,
//! `transport` (framing on standard input and output).

mod actions;
mod analysis;
mod convert;
mod documents;
mod hover;
pub mod position;
mod server;
mod suppress;
mod transport;
mod words;
mod worker;

use lsp_server::Connection;
use lsp_types as lsp;
use position::Encoding;
use server::{ClientCaps, Server};

/// Serves on standard input and output until the client sends `exit`. Returns the exit
/// code (0 after an orderly `shutdown`, 1 otherwise).
///
/// # Errors
///
/// A message of what went wrong when the connection could not be initialized (the
/// client sent something other than `initialize` first, or went away).
pub fn serve_stdio() -> Result<u8, String> {
    let (conn, writer) = transport::stdio();
    let code = serve(&conn)?;
    drop(conn);
    // The writer ends once every sender is gone, after writing what was queued.
    writer
        .join()
        .map_err(|_| "the writer thread failed".to_string())?;
    Ok(code)
}

/// Serves on a connection (the tests' in-memory one, or standard input and output).
///
/// # Errors
///
/// As [`serve_stdio`].
pub fn serve(conn: &Connection) -> Result<u8, String> {
    let (id, params) = conn
        .initialize_start()
        .map_err(|e| format!("initialization failed: {e}"))?;
    let params: lsp::InitializeParams = serde_json::from_value(params)
        .map_err(|e| format!("invalid initialize parameters: {e}"))?;
    let mut caps = client_caps(&params.capabilities);
    let debounce = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("debounceMs"))
        .and_then(serde_json::Value::as_u64);
    if let Some(ms) = debounce {
        // Capped: a typo should not stop diagnostics for minutes.
        caps.debounce = std::time::Duration::from_millis(ms.min(5_000));
    }
    let result = lsp::InitializeResult {
        capabilities: capabilities(caps.encoding),
        server_info: Some(lsp::ServerInfo {
            name: "copydesk".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    let result = serde_json::to_value(result).map_err(|e| e.to_string())?;
    conn.initialize_finish(id, result)
        .map_err(|e| format!("initialization failed: {e}"))?;
    let server = Server::new(conn.sender.clone(), caps)
        .map_err(|e| format!("cannot start the lint thread: {e}"))?;
    Ok(server.run(conn))
}

fn client_caps(c: &lsp::ClientCapabilities) -> ClientCaps {
    let offered = c
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_deref());
    let ws = c.workspace.as_ref();
    ClientCaps {
        encoding: Encoding::negotiate(offered),
        document_changes: ws
            .and_then(|w| w.workspace_edit.as_ref())
            .and_then(|e| e.document_changes)
            .unwrap_or(false),
        watch: ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        debounce: server::DEBOUNCE,
    }
}

fn capabilities(enc: Encoding) -> lsp::ServerCapabilities {
    let sync = lsp::TextDocumentSyncOptions {
        open_close: Some(true),
        change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
        save: Some(lsp::TextDocumentSyncSaveOptions::SaveOptions(
            lsp::SaveOptions {
                include_text: Some(false),
            },
        )),
        ..Default::default()
    };
    lsp::ServerCapabilities {
        position_encoding: Some(enc.kind()),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(sync)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    actions::fix_all_kind(),
                ]),
                resolve_provider: Some(false),
                work_done_progress_options: Default::default(),
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        execute_command_provider: Some(lsp::ExecuteCommandOptions {
            commands: vec![words::COMMAND.to_string()],
            work_done_progress_options: Default::default(),
        }),
        ..Default::default()
    }
}
