//! `--format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request:
//! `::warning file=a.md,line=3,col=5,endLine=3,endColumn=9,title=errors.eggcorns::message`.
//!
//! Severity error → `error`, warning → `warning`, info → `notice`. Files that could not be
//! linted become `::error` annotations too.

use crate::diagnostic::Severity;
use crate::outcome::Outcome;
use crate::text::escape::controls;
use std::io::{self, Write};

/// Escapes a command's message as the runner expects (`%`, CR, LF); other control
/// characters, which the runner's log would pass to a terminal, are shown as `\x1b`.
pub fn escape_data(s: &str) -> String {
    controls(s, &['\r', '\n', '\t'])
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`): as the message, plus `:` and `,`, which
/// would otherwise end the value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Writes one workflow command per finding, then one per file that could not be linted.
pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    for f in &outcome.files {
        let file = escape_property(f.source.path.trim_start_matches("./"));
        for d in &f.diagnostics {
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push('\n');
                message.push_str(h);
            }
            writeln!(
                out,
                "::{} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                command(d.severity),
                d.line,
                d.column,
                d.end_line,
                d.end_column,
                escape_property(&format!("copydesk {}", d.rule)),
                escape_data(&message),
            )?;
        }
    }
    for f in &outcome.failures {
        writeln!(
            out,
            "::error file={},title={}::{}",
            escape_property(f.path.trim_start_matches("./")),
            escape_property("copydesk: cannot lint"),
            escape_data(&f.message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks_only() {
        assert_eq!(
            escape_data("100% sure: a, b\r\nnext\nline"),
            "100%25 sure: a, b%0D%0Anext%0Aline"
        );
        // `%` first, so an escape is never escaped twice.
        assert_eq!(escape_data("%0A"), "%250A");
        assert_eq!(
            escape_data("\u{1b}]0;x\u{7}\u{9b}"),
            "\\x1b]0;x\\x07\\u{9b}"
        );
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(
            escape_property("dir,with:odd%name\nx.md"),
            "dir%2Cwith%3Aodd%25name%0Ax.md"
        );
    }
}
