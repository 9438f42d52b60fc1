//! The rule set as people and tools read it: `copydesk rules` (a table, JSON, or every
//! literal phrase the enabled rules search for) and `copydesk explain ID`.

use crate::config::Profile;
use crate::diagnostic::Applicability;
use crate::engine::suppress::{UNKNOWN_RULE, UNUSED};
use std::io::{self, Write};

/// The ids copydesk reports that no rule file defines (its own checks), with what they
/// mean. They are always on and cannot be selected.
pub const BUILT_IN_CHECKS: [(&str, &str, &str); 3] = [
    (
        UNKNOWN_RULE,
        "warning",
        "A suppression comment (`<!-- copydesk-disable ... -->` and its kin) names a rule \
         or pack that does not exist, so it suppresses nothing for that name. Usually a \
         typo, or a rule that was renamed or removed.",
    ),
    (
        UNUSED,
        "warning",
        "A suppression comment suppressed no finding: the text it covered was fixed, or \
         the rule no longer reports it. Reported only with --report-unused-suppressions, \
         so that stale comments can be cleaned up.",
    ),
    (
        "copydesk.unreadable",
        "error",
        "A file that could not be read or decoded (missing, not UTF-8, binary, too \
         large). In JUnit output it is the testcase's error; elsewhere it is reported \
         on stderr and the exit code is 2.",
    ),
];

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
/// description, how to fix it, its source, its fix and its examples (for one of
/// copydesk's own checks, what it means); `Err` with a message if there is no such rule,
/// suggesting the closest id.
pub fn explain(profile: &Profile, id: &str) -> Result<String, String> {
    if let Some((id, severity, about)) = BUILT_IN_CHECKS.iter().find(|c| c.0 == id) {
        return Ok(format!(
            "{id}  (copydesk's own check, {severity}, always on)\n\n{about}\n"
        ));
    }
    let Some(i) = profile.registry.index_of(id) else {
        let own = BUILT_IN_CHECKS.map(|c| c.0);
        return Err(match profile.registry.suggest(id, &own) {
            Some(s) if !s.ends_with(".*") => {
                format!("unknown rule `{id}`: did you mean `{s}`?")
            }
            _ => format!("unknown rule `{id}` (see `copydesk rules`)"),
        });
    };
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
    Ok(s)
}
