//! The connection over standard input and output: JSON-RPC messages framed by a
//! `Content-Length` header, read on one thread and written on another. Unlike
//! lsp-server's own stdio transport, a message that is not valid JSON-RPC (bad JSON, bad
//! UTF-8, a header without a length) is reported to the client's log and skipped, and the
//! server goes on; only the end of input ends it.

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Connection, Message, Notification};
use std::io::{self, BufRead, Write};
use std::thread::JoinHandle;

/// The largest message read (a document of 64 MiB and then some); a larger length is
/// refused, as a broken header rather than an allocation.
const MAX_MESSAGE: usize = 80 << 20;

/// A connection on standard input and output, and the writer thread (join it to flush
/// what is queued before the process ends).
pub fn stdio() -> (Connection, JoinHandle<()>) {
    let (to_client, outgoing) = crossbeam_channel::unbounded::<Message>();
    let (incoming, from_client) = crossbeam_channel::unbounded::<Message>();
    let writer = std::thread::spawn(move || write_all(&outgoing));
    let log = to_client.clone();
    std::thread::spawn(move || read_all(&mut io::stdin().lock(), &incoming, &log));
    (
        Connection {
            sender: to_client,
            receiver: from_client,
        },
        writer,
    )
}

fn write_all(outgoing: &Receiver<Message>) {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for msg in outgoing {
        if msg.write(&mut out).is_err() {
            // The client has gone; nothing more can be said.
            return;
        }
    }
    let _ = out.flush();
}

/// Reads messages until the end of input or an `exit` notification.
pub fn read_all(input: &mut impl BufRead, incoming: &Sender<Message>, log: &Sender<Message>) {
    loop {
        let msg = match read_one(input) {
            Ok(Some(m)) => m,
            Ok(None) => return,
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                let params = lsp_types::LogMessageParams {
                    typ: lsp_types::MessageType::ERROR,
                    message: format!("copydesk lsp: skipped a message: {e}"),
                };
                let _ = log.send(Notification::new("window/logMessage".into(), params).into());
                continue;
            }
            Err(_) => return,
        };
        let exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
        if incoming.send(msg).is_err() || exit {
            return;
        }
    }
}

fn invalid(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg)
}

/// One message: `Ok(None)` at the end of input; `InvalidData` for a message that was
/// read whole (so the next can be) but is not JSON-RPC.
fn read_one(input: &mut impl BufRead) -> io::Result<Option<Message>> {
    let mut length = None;
    let mut headers = false;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            // Blank lines before the first header (a stray newline) are skipped.
            if headers {
                break;
            }
            continue;
        }
        headers = true;
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("Content-Length") {
                length = value.trim().parse::<usize>().ok();
                if length.is_none_or(|n| n > MAX_MESSAGE) {
                    return Err(invalid(format!("bad Content-Length: {}", value.trim())));
                }
            }
        }
    }
    let Some(length) = length else {
        return Err(invalid("no Content-Length header".into()));
    };
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    serde_json::from_slice::<Message>(&body)
        .map(Some)
        .map_err(|e| invalid(format!("not a JSON-RPC message ({e})")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn bad_messages_are_logged_and_skipped() {
        let input = [
            frame("{not json"),
            frame("[1, 2]"),
            "\r\nX-Other: 1\r\n\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
            frame(r#"{"jsonrpc":"2.0","method":"never-read"}"#),
        ]
        .concat();
        let (tx, rx) = crossbeam_channel::unbounded();
        let (log_tx, log_rx) = crossbeam_channel::unbounded();
        read_all(&mut input.as_bytes(), &tx, &log_tx);
        let got: Vec<String> = rx
            .try_iter()
            .map(|m| match m {
                Message::Notification(n) => n.method,
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(got, ["initialized", "exit"]);
        assert_eq!(log_rx.try_iter().count(), 3);
    }
}
