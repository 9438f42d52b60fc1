//! The rule set as people and tools read it: `copydesk rules` (a table, JSON, or every
//! literal phrase the enabled rules search for) and `copydesk explain ID`.

use crate::config::Profile;
use crate::diagnostic::Applicability;
use std::io::{self, Write};

/// How `copydesk rules` lists the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// One line per rule: id, kind, severity, summary.
    Table,
    /// A JSON array of rules.
    Json,
    /// Every literal phrase the enabled rules search for, one per line.
    Literals,
}

/// Writes the rules of `profile` (loaded compiled) as `listing` asks.
pub fn write_list(profile: &Profile, listing: Listing, out: &mut dyn Write) -> io::Result<()> {
    let reg = &profile.registry;
    match listing {
        Listing::Literals => {
            let mut lits: Vec<String> = reg
                .rules()
                .iter()
                .enumerate()
                .filter(|(i, _)| profile.base.active[*i])
                .flat_map(|(i, _)| {
                    reg.compiled()
                        .ok()
                        .and_then(|c| c.kind(i))
                        .map(|k| k.literals())
                        .unwrap_or_default()
                })
                .filter(|l| !l.exception)
                .map(|l| l.text.replace('\n', " "))
                .collect();
            lits.sort();
            lits.dedup();
            lits.iter().try_for_each(|l| writeln!(out, "{l}"))
        }
        Listing::Json => {
            let list: Vec<_> = reg
                .rules()
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    serde_json::json!({
                        "id": &*r.id,
                        "kind": r.kind_name,
                        "severity": profile.base.severity[i],
                        "enabled": profile.base.active[i],
                        "fix": r.fix,
                        "summary": r.summary(),
                        "link": r.link,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &list).map_err(io::Error::other)?;
            writeln!(out)
        }
        Listing::Table => {
            let width = reg.rules().iter().map(|r| r.id.len()).max().unwrap_or(10);
            for (i, r) in reg.rules().iter().enumerate() {
                let state = if profile.base.active[i] { "" } else { " (off)" };
                writeln!(
                    out,
                    "{:width$}  {:12}  {:7}  {}{}",
                    r.id,
                    r.kind_name,
                    profile.base.severity[i].as_str(),
                    r.summary(),
                    state
                )?;
            }
            Ok(())
        }
    }
}

/// The explanation of rule `id` under `profile`: its kind, severity and state, its
/// description, how to fix it, its source, its fix and its examples; `None` if there is
/// no such rule.
pub fn explain(profile: &Profile, id: &str) -> Option<String> {
    let i = profile.registry.index_of(id)?;
    let r = &profile.registry.rules()[i];
    let mut s = String::new();
    s.push_str(&format!(
        "{}  ({} rule, {}",
        r.id, r.kind_name, profile.base.severity[i]
    ));
    s.push_str(if profile.base.active[i] {
        ", on)\n\n"
    } else {
        ", off by default)\n\n"
    });
    s.push_str(r.description.trim());
    s.push('\n');
    if let Some(h) = &r.help {
        s.push_str(&format!("\nHow to fix: {h}\n"));
    }
    if let Some(l) = &r.link {
        s.push_str(&format!("\nSource: {l}\n"));
    }
    s.push_str(&format!(
        "\nAutofix: {}\n",
        match r.fix {
            Applicability::Safe => "safe (applied by `copydesk fix`)",
            Applicability::Unsafe => "unsafe (applied with --unsafe-fixes)",
            Applicability::None => "none",
        }
    ));
    if !r.examples.is_empty() {
        s.push_str("\nExamples:\n");
        for ex in &r.examples {
            if let Some(b) = &ex.bad {
                s.push_str(&format!("  flagged:     {b}\n"));
                if let Some(f) = &ex.fixed {
                    s.push_str(&format!("  fixed:       {f}\n"));
                }
            }
            if let Some(g) = &ex.good {
                s.push_str(&format!("  not flagged: {g}\n"));
            }
        }
    }
    Some(s)
}
