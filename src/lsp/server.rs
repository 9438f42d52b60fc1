//! The main loop: one thread that owns the open documents, reads the client's messages,
//! debounces changes, hands lint jobs to the worker and publishes what comes back (only
//! if the document has not changed since). Requests (code actions, hover, commands) are
//! answered here, from the findings already worked out.

use super::convert;
use super::documents::{uri_to_path, Document, Linted};
use super::position::Encoding;
use super::worker::{self, Done, Job, Task};
use crate::error::FileError;
use crossbeam_channel::{select, Receiver, Sender};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use lsp_types::Uri;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long after a change the document is linted, so that a burst of keystrokes is
/// linted once. Short enough that a keystroke's findings arrive within 100 ms.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// What the client said it can do, as far as the server cares.
#[derive(Debug, Clone, Copy)]
pub struct ClientCaps {
    /// Position encoding agreed on.
    pub encoding: Encoding,
    /// Workspace edits may be `documentChanges` (versioned).
    pub document_changes: bool,
    /// File watchers may be registered dynamically.
    pub watch: bool,
    /// The delay after a change before linting (`debounceMs` in the initialization
    /// options; [`DEBOUNCE`] by default).
    pub debounce: Duration,
}

/// The server's state.
pub struct Server {
    sender: Sender<Message>,
    pub(super) caps: ClientCaps,
    pub(super) docs: HashMap<Uri, Document>,
    due: HashMap<Uri, Instant>,
    worker: Sender<Task>,
    done: Receiver<Done>,
    /// The errors of every configuration seen, by config file.
    config_errors: HashMap<Option<PathBuf>, Arc<Vec<FileError>>>,
    /// What was last published for each configuration or rule file with errors.
    published_errors: BTreeMap<String, Vec<lsp::Diagnostic>>,
    shutdown: bool,
    next_id: i32,
}

impl Server {
    /// A server for a connection that has been initialized.
    pub fn new(sender: Sender<Message>, caps: ClientCaps) -> std::io::Result<Server> {
        let (done_tx, done) = crossbeam_channel::unbounded();
        let worker = worker::spawn(done_tx)?;
        Ok(Server {
            sender,
            caps,
            docs: HashMap::new(),
            due: HashMap::new(),
            worker,
            done,
            config_errors: HashMap::new(),
            published_errors: BTreeMap::new(),
            shutdown: false,
            next_id: 0,
        })
    }

    /// Serves until `exit`. Returns the process's exit code: 0 after a `shutdown`
    /// request, 1 if the client exited or went away without one (as the protocol says).
    pub fn run(mut self, conn: &Connection) -> u8 {
        loop {
            let now = Instant::now();
            let wait = self
                .due
                .values()
                .min()
                .map_or(Duration::from_secs(3600), |d| {
                    d.saturating_duration_since(now)
                });
            select! {
                recv(conn.receiver) -> msg => match msg {
                    Ok(Message::Notification(n)) if n.method == "exit" => {
                        return if self.shutdown { 0 } else { 1 };
                    }
                    Ok(msg) => self.handle(msg),
                    Err(_) => return 1,
                },
                recv(self.done) -> done => {
                    if let Ok(done) = done {
                        self.finished(done);
                    }
                }
                default(wait) => {}
            }
            self.dispatch_due();
        }
    }

    fn handle(&mut self, msg: Message) {
        match msg {
            Message::Request(req) => self.request(req),
            Message::Notification(n) => {
                let method = n.method.clone();
                let handled =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.notification(n)));
                if handled.is_err() {
                    let msg = format!("copydesk lsp failed on {method} (a bug; please report it)");
                    self.log(lsp::MessageType::ERROR, &msg);
                }
            }
            // Answers to our own requests (watcher registration): nothing to do.
            Message::Response(_) => {}
        }
    }

    fn request(&mut self, req: Request) {
        if self.shutdown {
            return self.error(req.id, ErrorCode::InvalidRequest, "shutting down");
        }
        let id = req.id.clone();
        // A bug in a handler answers with an error; the server goes on.
        let method = req.method.clone();
        let answered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.answer(req)));
        match answered {
            Ok(Some(Ok(v))) => self.send(Response::new_ok(id, v).into()),
            Ok(Some(Err(e))) => self.error(id, ErrorCode::InvalidParams, &e),
            Ok(None) => {
                let msg = format!("copydesk lsp does not handle {method}");
                self.error(id, ErrorCode::MethodNotFound, &msg);
            }
            Err(_) => {
                let msg = format!("copydesk lsp failed on {method} (a bug; please report it)");
                self.error(id, ErrorCode::InternalError, &msg);
            }
        }
    }

    /// The result of a request; `None` for a method the server does not handle.
    fn answer(&mut self, req: Request) -> Option<Result<Value, String>> {
        Some(match req.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            "textDocument/codeAction" => parse(req.params).map(|p| self.code_actions(p)),
            "textDocument/hover" => parse(req.params).map(|p| self.hover(p)),
            "workspace/executeCommand" => parse(req.params).map(|p| self.execute(p)),
            _ => return None,
        })
    }

    fn notification(&mut self, n: Notification) {
        use lsp::notification::Notification as _;
        let method = n.method.as_str();
        let result = match method {
            lsp::notification::DidOpenTextDocument::METHOD => parse(n.params).map(|p| self.open(p)),
            lsp::notification::DidChangeTextDocument::METHOD => {
                parse(n.params).map(|p| self.change(p))
            }
            lsp::notification::DidSaveTextDocument::METHOD => {
                parse(n.params).map(|p: lsp::DidSaveTextDocumentParams| {
                    if is_config_file(uri_to_path(&p.text_document.uri).as_deref()) {
                        self.reload();
                    }
                })
            }
            lsp::notification::DidCloseTextDocument::METHOD => {
                parse(n.params).map(|p: lsp::DidCloseTextDocumentParams| {
                    let uri = p.text_document.uri;
                    self.docs.remove(&uri);
                    self.due.remove(&uri);
                    self.publish(uri, None, Vec::new());
                })
            }
            lsp::notification::DidChangeWatchedFiles::METHOD => {
                self.reload();
                Ok(())
            }
            lsp::notification::Initialized::METHOD => {
                self.register_watchers();
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            self.log(lsp::MessageType::WARNING, &format!("{method}: {e}"));
        }
    }

    fn open(&mut self, p: lsp::DidOpenTextDocumentParams) {
        let d = p.text_document;
        let doc = Document::new(&d.uri, d.version, d.text, d.language_id, self.caps.encoding);
        let prose = doc.is_prose();
        self.docs.insert(d.uri.clone(), doc);
        if prose {
            // On open, at once: there is no burst of keystrokes to wait for.
            self.due.insert(d.uri, Instant::now());
        }
    }

    fn change(&mut self, p: lsp::DidChangeTextDocumentParams) {
        let uri = p.text_document.uri;
        let enc = self.caps.encoding;
        let Some(doc) = self.docs.get_mut(&uri) else {
            return;
        };
        let mut text = doc.text.to_string();
        let mut index = doc.index.clone();
        for c in p.content_changes {
            match c.range {
                Some(r) => {
                    let start = index.offset(&text, r.start);
                    let end = index.offset(&text, r.end).max(start);
                    text.replace_range(start..end, &c.text);
                }
                None => text = c.text,
            }
            index = super::position::LineIndex::new(&text, enc);
        }
        doc.replace(p.text_document.version, text, enc);
        if doc.is_prose() {
            self.due.insert(uri, Instant::now() + self.caps.debounce);
        }
    }

    /// Configurations or rule packs changed: resolve them again and lint every open
    /// document.
    pub(super) fn reload(&mut self) {
        let _ = self.worker.send(Task::Reload);
        let now = Instant::now();
        for (uri, doc) in &self.docs {
            if doc.is_prose() {
                self.due.insert(uri.clone(), now);
            }
        }
    }

    fn dispatch_due(&mut self) {
        let now = Instant::now();
        let ready: Vec<Uri> = self
            .due
            .iter()
            .filter(|(_, &t)| t <= now)
            .map(|(u, _)| u.clone())
            .collect();
        for uri in ready {
            self.due.remove(&uri);
            let Some(doc) = self.docs.get(&uri) else {
                continue;
            };
            let job = Job {
                uri,
                version: doc.version,
                latest: doc.latest.clone(),
                text: doc.text.clone(),
                path: doc.path.clone(),
                language: doc.language.clone(),
            };
            let _ = self.worker.send(Task::Lint(job));
        }
    }

    fn finished(&mut self, done: Done) {
        if self.docs.get(&done.uri).map(|d| d.version) != Some(done.version) {
            return;
        }
        let diagnostics = match done.diagnostics {
            Ok(d) => d,
            Err(panic) => {
                let msg = format!("copydesk failed on {}: {panic}", done.uri.as_str());
                self.log(lsp::MessageType::ERROR, &msg);
                Vec::new()
            }
        };
        let Some(doc) = self.docs.get_mut(&done.uri) else {
            return;
        };
        doc.linted = Some(Linted {
            version: done.version,
            diagnostics: Arc::new(diagnostics),
            profile: done.resolved.profile.clone(),
            config: done.resolved.config.clone(),
            format: done.format,
        });
        self.config_errors
            .insert(done.resolved.config.clone(), done.resolved.errors.clone());
        self.publish_document(&done.uri);
        self.publish_config_errors();
    }

    /// Publishes the current findings of a document.
    pub(super) fn publish_document(&mut self, uri: &Uri) {
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let Some(linted) = &doc.linted else {
            return;
        };
        let reg = linted.profile.as_ref().map(|p| &*p.registry);
        let mut out: Vec<lsp::Diagnostic> = linted
            .diagnostics
            .iter()
            .map(|d| convert::diagnostic(d, uri, &doc.text, &doc.index, reg))
            .collect();
        let errors = self
            .config_errors
            .get(&linted.config)
            .map_or(0, |e| e.len());
        if errors > 0 {
            let shown = linted
                .config
                .as_deref()
                .map_or_else(|| "copydesk.toml".into(), crate::text::path::display);
            out.insert(0, convert::config_notice(&shown, errors));
        }
        let version = linted.version;
        self.publish(uri.clone(), Some(version), out);
    }

    fn publish_config_errors(&mut self) {
        let all: Vec<FileError> = self
            .config_errors
            .values()
            .flat_map(|e| e.iter().cloned())
            .collect();
        let mut now = convert::file_errors(&all, self.caps.encoding);
        for diags in now.values_mut() {
            diags.dedup();
        }
        let gone: Vec<String> = self
            .published_errors
            .keys()
            .filter(|k| !now.contains_key(*k))
            .cloned()
            .collect();
        for path in gone {
            if let Some(uri) = convert::shown_to_uri(&path) {
                self.publish(uri, None, Vec::new());
            }
        }
        for (path, diags) in &now {
            if self.published_errors.get(path) != Some(diags) {
                if let Some(uri) = convert::shown_to_uri(path) {
                    self.publish(uri, None, diags.clone());
                }
            }
        }
        self.published_errors = now;
    }

    fn publish(&self, uri: Uri, version: Option<i32>, diagnostics: Vec<lsp::Diagnostic>) {
        let params = lsp::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.notify("textDocument/publishDiagnostics", params);
    }

    fn register_watchers(&mut self) {
        if !self.caps.watch {
            return;
        }
        let watchers = ["**/*.toml", "**/copydesk-words.txt"]
            .into_iter()
            .map(|g| lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String(g.to_string()),
                kind: None,
            })
            .collect();
        let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = lsp::RegistrationParams {
            registrations: vec![lsp::Registration {
                id: "copydesk-config-watch".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_id += 1;
        let id = RequestId::from(format!("copydesk-{}", self.next_id));
        let req = Request::new(id, "client/registerCapability".into(), params);
        self.send(req.into());
    }

    pub(super) fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Notification::new(method.to_string(), params).into());
    }

    pub(super) fn log(&self, typ: lsp::MessageType, message: &str) {
        let params = lsp::LogMessageParams {
            typ,
            message: message.to_string(),
        };
        self.notify("window/logMessage", params);
    }

    fn error(&self, id: RequestId, code: ErrorCode, message: &str) {
        self.send(Response::new_err(id, code as i32, message.to_string()).into());
    }

    fn send(&self, msg: Message) {
        // The client has gone: the main loop ends when its messages stop.
        let _ = self.sender.send(msg);
    }
}

fn parse<T: serde::de::DeserializeOwned>(params: Value) -> Result<T, String> {
    serde_json::from_value(params).map_err(|e| format!("invalid parameters: {e}"))
}

/// Whether a saved file may change what a configuration says: a config file, a rule
/// file or a words file.
fn is_config_file(path: Option<&Path>) -> bool {
    let Some(path) = path else {
        return false;
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".toml") || name == crate::config::WORDS_FILE
}
