//! `--statistics`: how many findings each rule produced.

use crate::outcome::Outcome;
use std::collections::HashMap;
use std::io::{self, Write};

/// Findings per rule, most first, ties by rule id.
pub fn per_rule(outcome: &Outcome) -> Vec<(String, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for d in outcome.files.iter().flat_map(|f| &f.diagnostics) {
        *counts.entry(&d.rule).or_default() += 1;
    }
    let mut v: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(r, n)| (r.to_string(), n))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Writes the table: count, right-aligned, then the rule id.
pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let stats = per_rule(outcome);
    let width = stats.first().map_or(1, |(_, n)| n.to_string().len());
    for (rule, n) in &stats {
        writeln!(out, "{n:>width$}  {rule}")?;
    }
    Ok(())
}
