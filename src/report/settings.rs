//! `check --show-settings PATH`: the configuration and rules that apply to one file, and
//! where each setting comes from (the default, a config file, one of its `[[overrides]]`
//! tables, the command line). Plain text in a fixed order, for people and for diffs.

use crate::config::{Config, Profile};
use crate::text::markup::Format;
use std::fmt::Write as _;
use std::path::Path;

/// A setting the command line decides (the binary knows these, not the profile): its
/// name, its value and where the value came from.
pub type Extra = (String, String, String);

/// The report for `path` under `profile`, resolved from `config`; `found` says how the
/// configuration was picked (`--config`, the nearest to the file, none); `extra` are the
/// command line's own settings, listed after the configuration's.
pub fn show(
    config: &Config,
    profile: &Profile,
    path: &Path,
    found: &str,
    extra: &[Extra],
) -> String {
    let trace = profile.trace(path);
    let file = &config.file;
    let name = profile.config_name();
    let from_file = |set: bool| {
        if set {
            name.clone()
        } else {
            "default".to_string()
        }
    };
    let list = |v: &[String]| match v.is_empty() {
        true => "(none)".to_string(),
        false => v.join(", "),
    };
    let mut rows: Vec<Extra> = Vec::new();
    let mut row = |key: &str, value: String, from: String| rows.push((key.into(), value, from));
    let format = profile.format_for(path);
    let format_from = trace
        .overrides
        .iter()
        .rev()
        .find(|&&n| file.overrides.get(n).is_some_and(|o| o.format.is_some()))
        .map_or("by extension".to_string(), |n| {
            format!("{name} [[overrides]] #{}", n + 1)
        });
    row("format", format_name(format).into(), format_from);
    row(
        "fail-on",
        profile.fail_on.unwrap_or_default().as_str().into(),
        from_file(file.fail_on.is_some()),
    );
    row(
        "dialect",
        file.dialect.clone().unwrap_or_else(|| "any".into()),
        from_file(file.dialect.is_some()),
    );
    row(
        "extensions",
        list(&profile.extensions),
        from_file(file.extensions.is_some()),
    );
    row(
        "exclude",
        list(&profile.exclude),
        from_file(!file.exclude.is_empty()),
    );
    let extract = &profile.extract;
    row(
        "prose-keys",
        list(&extract.prose_keys),
        from_file(file.prose_keys.is_some()),
    );
    let attrs = &extract.html_attributes;
    row(
        "html-attributes",
        list(attrs),
        from_file(file.html_attributes.is_some()),
    );
    row(
        "packs",
        list(&file.packs),
        from_file(!file.packs.is_empty()),
    );
    let words = file.words.clone().or_else(|| {
        let beside = config.dir.join(crate::config::WORDS_FILE);
        (config.path.is_some() && beside.exists()).then(|| crate::config::WORDS_FILE.into())
    });
    row(
        "words",
        words.clone().unwrap_or_else(|| "(none)".into()),
        from_file(words.is_some()),
    );
    let settings = profile.settings_for(path);
    let mut accept_from = Vec::new();
    if !file.accept.is_empty() {
        accept_from.push(name.clone());
    }
    for &n in &trace.overrides {
        if file.overrides.get(n).is_some_and(|o| !o.accept.is_empty()) {
            accept_from.push(format!("{name} [[overrides]] #{}", n + 1));
        }
    }
    if words.is_some() {
        accept_from.push("words".into());
    }
    row(
        "accept",
        match settings.accept.len() {
            1 => "1 word or phrase".to_string(),
            n => format!("{n} words and phrases"),
        },
        match accept_from.is_empty() {
            true => "default".into(),
            false => accept_from.join(", "),
        },
    );
    for e in extra {
        // The command line's value replaces the configuration's.
        match rows.iter_mut().find(|r| r.0 == e.0) {
            Some(r) => *r = e.clone(),
            None => rows.push(e.clone()),
        }
    }

    let mut s = String::new();
    let shown = crate::text::path::display(path);
    let _ = writeln!(s, "Settings for {shown}");
    let _ = writeln!(s, "  configuration: {found}");
    if trace.overrides.is_empty() {
        let _ = writeln!(s, "  overrides:     none apply");
    }
    for &n in &trace.overrides {
        let globs = profile.override_globs(n).join("\", \"");
        let _ = writeln!(s, "  overrides:     #{} (files = [\"{globs}\"])", n + 1);
    }
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let vwidth = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(0);
    let _ = writeln!(s, "\n{:width$}  {:vwidth$}  from", "setting", "value");
    for (k, v, from) in &rows {
        let pad = vwidth - v.chars().count();
        let _ = writeln!(s, "{k:width$}  {v}{:pad$}  {from}", "");
    }
    let rules = profile.registry.rules();
    let on = settings.active.iter().filter(|a| **a).count();
    let _ = writeln!(s, "\nRules: {on} on, {} off", rules.len() - on);
    let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let _ = writeln!(s, "{:width$}  {:3}  {:8}  from", "rule", "on", "severity");
    for (i, r) in rules.iter().enumerate() {
        let state = if settings.active[i] { "on" } else { "off" };
        let origin = &trace.rules[i];
        let from = match origin.severity.as_str() {
            "default" => origin.active.clone(),
            sev => format!("{}; severity: {sev}", origin.active),
        };
        let sev = settings.severity[i].as_str();
        let _ = writeln!(s, "{:width$}  {state:3}  {sev:8}  {from}", r.id);
    }
    s
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Markdown => "markdown",
        Format::Html => "html",
        Format::Plain => "plain",
    }
}
