//! `check --show-settings PATH`: finds the configuration that applies to PATH (as a run
//! would), resolves it with the command line's rule selection, and prints the report
//! `copydesk::report::settings` makes of it, adding the settings only the command line
//! decides.

use super::CheckArgs;
use copydesk::config::Config;
use copydesk::run::Profiles;
use copydesk::text::path::display;
use std::path::{Path, PathBuf};

/// Prints the settings for `path`; the exit code (2 if the configuration has errors).
pub fn show(
    args: &CheckArgs,
    path: &Path,
    print_errors: &dyn Fn(&[copydesk::error::FileError]),
) -> u8 {
    let mut profiles = Profiles::new(false, None).with_selection(args.rules.selection());
    let (config_path, found): (Option<PathBuf>, String) = match &args.files.config {
        Some(c) => (Some(c.clone()), format!("{} (--config)", display(c))),
        None => match profiles.discover(path) {
            Some(c) => {
                let here = copydesk::config::relative_to(&c, Path::new("."));
                let shown = format!("{} (the nearest to the file)", display(&here));
                (Some(c), shown)
            }
            None => (None, "none (the built-in defaults)".into()),
        },
    };
    let profile = match profiles.get(config_path.as_deref()) {
        Ok(p) => p,
        Err(errs) => {
            print_errors(&errs);
            return 2;
        }
    };
    let config = match config_path.as_deref().map(Config::read) {
        Some(Ok(c)) => c,
        Some(Err(e)) => {
            print_errors(&[e]);
            return 2;
        }
        None => Config::default(),
    };
    let mut extra = Vec::new();
    let mut row = |k: &str, v: String, from: &str| extra.push((k.into(), v, from.into()));
    if let Some(level) = args.fail_on {
        let sev: copydesk::diagnostic::Severity = level.into();
        row("fail-on", sev.as_str().into(), "command line");
    }
    let (cache, from) = args.files.cache_setting();
    let here = |d: PathBuf| display(&copydesk::config::relative_to(&d, Path::new(".")));
    let cache = cache.map_or_else(|| "off".into(), here);
    row("cache", cache, from);
    if args.report_unused_suppressions {
        row("report-unused-suppressions", "yes".into(), "command line");
    }
    let text = copydesk::report::settings::show(&config, &profile, path, &found, &extra);
    let mut out = std::io::stdout().lock();
    crate::finish_output(std::io::Write::write_all(&mut out, text.as_bytes()))
}
