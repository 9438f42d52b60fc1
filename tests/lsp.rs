//! `copydesk lsp` driven as a subprocess over JSON-RPC: initialize (UTF-16 and UTF-8
//! positions), open, change, diagnostics, code actions applied to the text, hover, the
//! project's words, configuration changes and errors, bad input, shutdown.

// A test that cannot go on fails at once, with the reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "lsp/client.rs"]
mod client;

use client::{action_edits, apply, position, uri, Client};
use serde_json::{json, Value};
use std::time::Duration;

fn by_rule<'a>(diags: &'a [Value], rule: &str) -> Vec<&'a Value> {
    diags.iter().filter(|d| d["code"] == rule).collect()
}

fn start(dir: &std::path::Path) -> Client {
    let caps = json!({"workspace": {"workspaceEdit": {"documentChanges": true}}});
    Client::start(dir, caps).0
}

fn code_actions(c: &mut Client, u: &str, range: &Value, only: Option<&[&str]>) -> Vec<Value> {
    let mut context = json!({"diagnostics": []});
    if let Some(only) = only {
        context["only"] = json!(only);
    }
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": range, "context": context}),
    );
    r.as_array().cloned().unwrap_or_default()
}

fn titled<'a>(actions: &'a [Value], prefix: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().unwrap_or("").starts_with(prefix))
        .unwrap_or_else(|| panic!("no action `{prefix}…` in {actions:#?}"))
}

#[test]
fn utf16_positions_with_emoji_accents_crlf_and_bom() {
    let dir = tempfile::tempdir().unwrap();
    let (mut c, init) = Client::start(dir.path(), json!({}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["serverInfo"]["name"], "copydesk");
    let u = uri(&dir.path().join("a.md"));
    let text = "\u{feff}# Café 😀\r\n\r\nÉmile 😀😀 said it was a hair-brained plan.\r\n";
    c.open(&u, "markdown", 1, text);
    let diags = c.diagnostics(&u, Some(1));
    let egg = by_rule(&diags, "errors.eggcorns");
    assert_eq!(egg.len(), 1, "{diags:#?}");
    let at = text.find("hair-brained").unwrap();
    let (line, ch) = position(text, at, false);
    assert_eq!(
        (line, ch),
        (2, "Émile 😀😀 said it was a ".encode_utf16().count() as u64)
    );
    assert_eq!(
        egg[0]["range"]["start"],
        json!({"line": line, "character": ch})
    );
    let end = position(text, at + "hair-brained".len(), false);
    assert_eq!(
        egg[0]["range"]["end"],
        json!({"line": end.0, "character": end.1})
    );
    assert_eq!(egg[0]["severity"], 2);
    assert_eq!(egg[0]["source"], "copydesk");
    assert!(egg[0]["codeDescription"]["href"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    // The quick fix applied with UTF-16 positions replaces exactly the words.
    let actions = code_actions(&mut c, &u, &egg[0]["range"], None);
    let fix = titled(&actions, "Replace ‘hair-brained’ with ‘harebrained’");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    let fixed = apply(text, &action_edits(fix, &u), false);
    assert_eq!(fixed, text.replace("hair-brained", "harebrained"));
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = tempfile::tempdir().unwrap();
    let caps = json!({"general": {"positionEncodings": ["utf-16", "utf-8"]}});
    let (mut c, init) = Client::start(dir.path(), caps);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let u = uri(&dir.path().join("a.txt"));
    let text = "Naïve 😀 writers had a hair-brained plan.\n";
    c.open(&u, "plaintext", 1, text);
    let diags = c.diagnostics(&u, Some(1));
    let egg = by_rule(&diags, "errors.eggcorns");
    let at = text.find("hair-brained").unwrap() as u64;
    assert_eq!(
        egg[0]["range"]["start"],
        json!({"line": 0, "character": at})
    );
    // Plain text has no comments: no suppression action there.
    let actions = code_actions(&mut c, &u, &egg[0]["range"], None);
    assert!(actions
        .iter()
        .all(|a| !a["title"].as_str().unwrap().starts_with("Disable")));
    let fixed = apply(text, &action_edits(&actions[0], &u), true);
    assert!(fixed.contains("a harebrained plan"));
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn changes_are_linted_and_stale_versions_never_published_last() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = start(dir.path());
    let u = uri(&dir.path().join("a.md"));
    c.open(&u, "markdown", 1, "A clean sentence.\n");
    assert!(c.diagnostics(&u, Some(1)).is_empty());
    // An incremental change: insert at the end of line 0.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": 16}, "end": {"line": 0, "character": 16}},
             "text": " It was a hair-brained plan"}
        ]}),
    );
    let diags = c.diagnostics(&u, Some(2));
    assert_eq!(by_rule(&diags, "errors.eggcorns").len(), 1, "{diags:#?}");
    // A burst of keystrokes: only the last version's findings are current.
    let mut text = String::from("Typing.");
    for v in 3..40 {
        text.push_str(" He signed in Kiev.");
        c.change_full(&u, v, &text);
    }
    let last = c.diagnostics(&u, Some(39));
    assert_eq!(by_rule(&last, "variants.places").len(), 37);
    c.drain(Duration::from_millis(300));
    let versions: Vec<i64> = c
        .seen
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .filter_map(|m| m["params"]["version"].as_i64())
        .collect();
    assert!(versions.iter().all(|&v| v == 39), "{versions:?}");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn quick_fixes_fix_all_and_suppression_comments() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = start(dir.path());
    let u = uri(&dir.path().join("a.md"));
    let text =
        "# Notes\n\nIt was a hair-brained plan, said the\nmayor, in Kiev.\n\nThe comittee met.\n";
    c.open(&u, "markdown", 1, text);
    let diags = c.diagnostics(&u, Some(1));
    let kiev = by_rule(&diags, "variants.places")[0].clone();
    let actions = code_actions(&mut c, &u, &kiev["range"], Some(&["quickfix"]));
    // Fix all: every safe fix in the file, whatever the cursor is on.
    let all = titled(&actions, "Fix all safe problems in this file");
    let fixed = apply(text, &action_edits(all, &u), false);
    assert_eq!(
        fixed,
        "# Notes\n\nIt was a harebrained plan, said the\nmayor, in Kyiv.\n\nThe committee met.\n"
    );
    // The same action is a source action for "fix all on save".
    let source = code_actions(&mut c, &u, &kiev["range"], Some(&["source.fixAll"]));
    assert_eq!(source.len(), 1);
    assert_eq!(source[0]["kind"], "source.fixAll.copydesk");
    // Disable on this line: mid-paragraph, the comment joins the line before.
    let disable = titled(&actions, "Disable variants.places on this line");
    let suppressed = apply(text, &action_edits(disable, &u), false);
    assert!(
        suppressed.contains("said the <!-- copydesk-disable-next-line variants.places -->\nmayor")
    );
    c.change_full(&u, 2, &suppressed);
    let after = c.diagnostics(&u, Some(2));
    assert!(by_rule(&after, "variants.places").is_empty(), "{after:#?}");
    assert_eq!(by_rule(&after, "errors.eggcorns").len(), 1);
    // At the start of a paragraph, the comment gets a line of its own.
    let com = by_rule(&after, "errors.misspellings")[0].clone();
    let actions = code_actions(&mut c, &u, &com["range"], None);
    let disable = titled(&actions, "Disable errors.misspellings on this line");
    let edits = action_edits(disable, &u);
    let again = apply(&suppressed, &edits, false);
    assert!(again.ends_with(
        "\n\n<!-- copydesk-disable-next-line errors.misspellings -->\nThe comittee met.\n"
    ));
    // Stale edits are refused by the client: the edit names the version it is for.
    assert_eq!(
        disable["edit"]["documentChanges"][0]["textDocument"]["version"],
        2
    );
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn hover_shows_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = start(dir.path());
    let u = uri(&dir.path().join("a.html"));
    let text = "<p>It was a <b>hair-brained</b> plan.</p>\n";
    c.open(&u, "html", 1, text);
    let diags = c.diagnostics(&u, Some(1));
    let egg = by_rule(&diags, "errors.eggcorns")[0].clone();
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": egg["range"]["start"]}),
    );
    let md = h["contents"]["value"].as_str().unwrap();
    assert_eq!(h["contents"]["kind"], "markdown");
    assert!(md.starts_with("**errors.eggcorns** (warning)"), "{md}");
    assert!(md.contains("misheard"), "{md}");
    assert!(md.contains("https://"), "{md}");
    let nothing = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(nothing, Value::Null);
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn configuration_changes_errors_and_project_words() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let config = dir.path().join("copydesk.toml");
    std::fs::write(&config, "").unwrap();
    let mut c = start(dir.path());
    let u = uri(&dir.path().join("a.md"));
    let text = "The bugdet was a hair-brained plan.\n";
    c.open(&u, "markdown", 1, text);
    let diags = c.diagnostics(&u, Some(1));
    let word = by_rule(&diags, "spelling.dictionary")[0].clone();
    assert_eq!(by_rule(&diags, "errors.eggcorns").len(), 1);

    // Add the word to the project's words: the server writes copydesk-words.txt and
    // lints again.
    let actions = code_actions(&mut c, &u, &word["range"], None);
    let add = titled(
        &actions,
        "Add ‘bugdet’ to the project's words (copydesk-words.txt)",
    );
    let cmd = add["command"].clone();
    c.request(
        "workspace/executeCommand",
        json!({"command": cmd["command"], "arguments": cmd["arguments"]}),
    );
    let words = std::fs::read_to_string(dir.path().join("copydesk-words.txt")).unwrap();
    assert_eq!(words, "bugdet\n");
    let diags = c.diagnostics(&u, Some(1));
    assert!(
        by_rule(&diags, "spelling.dictionary").is_empty(),
        "{diags:#?}"
    );

    // The configuration changes: the client says so; the rule is off.
    std::fs::write(&config, "disable = [\"errors.eggcorns\"]\n").unwrap();
    let cfg_uri = uri(&config);
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": cfg_uri, "type": 2}]}),
    );
    let diags = c.diagnostics(&u, Some(1));
    assert!(by_rule(&diags, "errors.eggcorns").is_empty(), "{diags:#?}");

    // A broken configuration: an error on the config file, and the document is still
    // served (with the built-in rules and a notice).
    std::fs::write(&config, "disable = [\"errors.eggcorns\"]\nbogus-key = 1\n").unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": cfg_uri}}),
    );
    let on_config = c.diagnostics(&cfg_uri, None);
    assert_eq!(on_config.len(), 1, "{on_config:#?}");
    assert_eq!(on_config[0]["range"]["start"]["line"], 1);
    assert!(on_config[0]["message"]
        .as_str()
        .unwrap()
        .contains("bogus-key"));
    let diags = c.diagnostics(&u, Some(1));
    assert_eq!(diags[0]["code"], "copydesk.config");
    assert_eq!(by_rule(&diags, "errors.eggcorns").len(), 1);
    // Fixed: the config file's error is withdrawn.
    std::fs::write(&config, "").unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": cfg_uri}}),
    );
    assert!(c.diagnostics(&cfg_uri, None).is_empty());
    let diags = c.diagnostics(&u, Some(1));
    assert!(diags.iter().all(|d| d["code"] != "copydesk.config"));
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn bad_input_is_answered_and_the_server_keeps_serving() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = start(dir.path());
    let r = c.request_raw("textDocument/codeAction", json!({"nonsense": true}));
    assert_eq!(r["error"]["code"], -32602);
    let r = c.request_raw("textDocument/formatting", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    // A message that is not JSON: logged and skipped; the next one is answered.
    c.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let log = c.wait(|m| m["method"] == "window/logMessage");
    assert!(log["params"]["message"]
        .as_str()
        .unwrap()
        .contains("skipped a message"));
    let r = c.request_raw("textDocument/formatting", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    // Notifications with bad parameters, or about documents never opened.
    c.notify("textDocument/didOpen", json!({"textDocument": 5}));
    c.change_full("file:///nowhere/x.md", 3, "text");
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": "file:///nowhere/x.md"}}),
    );
    // An untitled buffer, a position past the end, a huge line.
    let u = "untitled:Untitled-1";
    let long = "a hair-brained plan ".repeat(5000);
    c.open(u, "markdown", 1, &long);
    let diags = c.diagnostics(u, Some(1));
    assert_eq!(by_rule(&diags, "errors.eggcorns").len(), 5000);
    let far = json!({"start": {"line": 99, "character": 99}, "end": {"line": 120, "character": 0}});
    assert!(code_actions(&mut c, u, &far, Some(&["quickfix"])).is_empty());
    assert_eq!(c.exit_without_shutdown(), Some(1));
}

#[test]
fn consistency_findings_relate_to_the_first_form_and_unsafe_fixes_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = start(dir.path());
    let u = uri(&dir.path().join("a.md"));
    let text = "The color was odd.\n\nLater, the colour was odder.\n";
    c.open(&u, "markdown", 1, text);
    let diags = c.diagnostics(&u, Some(1));
    let d = by_rule(&diags, "variants.us-uk")[0].clone();
    let related = &d["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], u.as_str());
    let first = position(text, text.find("color").unwrap(), false);
    assert_eq!(
        related["location"]["range"]["start"],
        json!({"line": first.0, "character": first.1})
    );
    let actions = code_actions(&mut c, &u, &d["range"], None);
    let fix = titled(&actions, "Replace ‘colour’ with ‘color’");
    assert!(fix["title"].as_str().unwrap().contains("unsafe"));
    assert!(fix.get("isPreferred").is_none());
    // Unsafe fixes are not part of "fix all safe problems".
    assert!(actions
        .iter()
        .all(|a| !a["title"].as_str().unwrap().starts_with("Fix all")));
    assert_eq!(c.shutdown(), Some(0));
}
