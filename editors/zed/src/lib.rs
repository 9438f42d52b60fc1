//! A Zed extension that starts `copydesk lsp` (the binary on the worktree's `PATH`) for
//! Markdown, HTML and plain-text files.

use zed_extension_api::{self as zed, LanguageServerId, Result, Worktree};

struct Copydesk;

impl zed::Extension for Copydesk {
    fn new() -> Self {
        Copydesk
    }

    fn language_server_command(
        &mut self,
        _id: &LanguageServerId,
        worktree: &Worktree,
    ) -> Result<zed::Command> {
        let command = worktree
            .which("copydesk")
            .ok_or_else(|| "copydesk is not on PATH (cargo install copydesk)".to_string())?;
        Ok(zed::Command {
            command,
            args: vec!["lsp".into()],
            env: worktree.shell_env(),
        })
    }
}

zed::register_extension!(Copydesk);
