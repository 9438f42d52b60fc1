//! `copydesk completions SHELL` and `copydesk man`: generated from the clap model, so
//! they always match the options the binary takes.

use clap::CommandFactory;
use std::io::{self, Write};
use std::path::Path;

/// Writes the completion script for `shell` to `out`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = super::Cli::command();
    // Made in memory first: the generator panics on a write error (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "copydesk", &mut script);
    out.write_all(&script)
}

/// Writes the man page of copydesk (with a section per subcommand) to `out`.
pub fn man(out: &mut dyn Write) -> io::Result<()> {
    let cmd = super::Cli::command();
    let page = clap_mangen::Man::new(cmd.clone());
    page.render_title(out)?;
    page.render_name_section(out)?;
    page.render_synopsis_section(out)?;
    page.render_description_section(out)?;
    page.render_options_section(out)?;
    page.render_subcommands_section(out)?;
    // Each subcommand's options too, as subsections: `man copydesk` answers `check`'s
    // flags.
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let full = format!("copydesk {}", sub.get_name());
        writeln!(out, ".SH \"{}\"", full.to_uppercase())?;
        let page = clap_mangen::Man::new(sub.clone().bin_name(full.clone()).display_name(full));
        let mut part = Vec::new();
        page.render_synopsis_section(&mut part)?;
        page.render_description_section(&mut part)?;
        page.render_options_section(&mut part)?;
        for line in String::from_utf8_lossy(&part).lines() {
            match line.strip_prefix(".SH ") {
                Some(title) => writeln!(out, ".SS {title}")?,
                None => writeln!(out, "{line}")?,
            }
        }
    }
    page.render_version_section(out)
}

/// Writes `copydesk.1` and one `copydesk-SUBCOMMAND.1` per subcommand into `dir`.
pub fn man_pages(dir: &Path) -> io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let mut cmd = super::Cli::command();
    cmd.build();
    let mut write = |name: String, cmd: clap::Command| -> io::Result<()> {
        let path = dir.join(format!("{name}.1"));
        let mut bytes = Vec::new();
        clap_mangen::Man::new(cmd).render(&mut bytes)?;
        copydesk::run::write_atomically(&path, &bytes)?;
        written.push(path);
        Ok(())
    };
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("copydesk-{}", sub.get_name());
        let full = format!("copydesk {}", sub.get_name());
        let sub = sub.clone().bin_name(full).display_name(name.clone());
        write(name, sub)?;
    }
    write("copydesk".into(), cmd)?;
    Ok(written)
}
