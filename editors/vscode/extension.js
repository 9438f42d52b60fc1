// A minimal client for `copydesk lsp`: starts the server over stdio for Markdown, HTML
// and plain-text documents (saved files and unsaved buffers) and lets
// vscode-languageclient do the rest (diagnostics, quick fixes, hover, fix all on save
// with "editor.codeActionsOnSave": {"source.fixAll.copydesk": "explicit"}).
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("copydesk");
  const command = config.get("path", "copydesk");
  const server = { command, args: ["lsp"], transport: TransportKind.stdio };
  const selector = ["markdown", "html", "plaintext"].flatMap((language) => [
    { scheme: "file", language },
    { scheme: "untitled", language },
  ]);
  client = new LanguageClient(
    "copydesk",
    "copydesk",
    { run: server, debug: server },
    {
      documentSelector: selector,
      initializationOptions: { debounceMs: config.get("debounceMs", 50) },
    }
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
