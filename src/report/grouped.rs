//! `--format grouped`: one block per file, one line per finding, for long runs (as typos
//! and Vale print them):
//!
//! ```text
//! fixtures/articles/border-crossing.md
//!    5:9    note     attribution.unsourced-statistic  No source for this figure: “6,000 people”.
//!    5:107  warning  variants.places                  “Byelorussia”: … spell this “Belarus”.
//! ```
//!
//! Positions and rules are padded to line up within a file; a message is one line (line
//! breaks become spaces, control characters are escaped). Reads no source text.

use crate::diagnostic::Severity;
use crate::outcome::Outcome;
use crate::text::escape::controls;
use codespan_reporting::term::termcolor::{Ansi, Color, ColorSpec, NoColor, WriteColor};
use std::io::{self, Write};

/// Writes one block per file with findings.
pub fn write(outcome: &Outcome, color: bool, out: &mut dyn Write) -> io::Result<()> {
    if color {
        render(outcome, &mut Ansi::new(out))
    } else {
        render(outcome, &mut NoColor::new(out))
    }
}

fn render(outcome: &Outcome, w: &mut dyn WriteColor) -> io::Result<()> {
    for (k, f) in outcome.files.iter().enumerate() {
        if k > 0 {
            writeln!(w)?;
        }
        w.set_color(ColorSpec::new().set_bold(true).set_underline(true))?;
        write!(w, "{}", f.source.path)?;
        w.reset()?;
        writeln!(w)?;
        let places: Vec<String> = f
            .diagnostics
            .iter()
            .map(|d| format!("{}:{}", d.line, d.column))
            .collect();
        let place_w = places.iter().map(String::len).max().unwrap_or(0);
        let rule_w = f
            .diagnostics
            .iter()
            .map(|d| d.rule.chars().count())
            .max()
            .unwrap_or(0);
        for (d, place) in f.diagnostics.iter().zip(&places) {
            write!(w, "  {place:<place_w$}  ")?;
            w.set_color(
                ColorSpec::new()
                    .set_fg(Some(color_of(d.severity)))
                    .set_bold(true),
            )?;
            write!(w, "{:<7}", d.severity.as_str())?;
            w.reset()?;
            write!(w, "  ")?;
            w.set_color(ColorSpec::new().set_dimmed(true))?;
            write!(w, "{:<rule_w$}", d.rule.as_ref())?;
            w.reset()?;
            writeln!(w, "  {}", controls(&d.message.replace('\n', " "), &['\t']))?;
        }
    }
    Ok(())
}

fn color_of(s: Severity) -> Color {
    match s {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
        Severity::Info => Color::Blue,
    }
}
