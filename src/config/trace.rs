//! Where a file's rule settings come from: the layers of [`Profile::settings_for`]
//! replayed with a record of the last one to touch each rule, for `--show-settings`.

use super::profile::{apply, Layer, RuleOrigin};
use super::{relative_to, Profile};
use std::path::Path;

/// The origin of each rule's state and severity for one file, and which `[[overrides]]`
/// tables apply to it (indices into the configuration's list, from 0).
#[derive(Debug, Clone)]
pub struct FileTrace {
    /// Per rule, in registry order.
    pub rules: Vec<RuleOrigin>,
    /// The overrides that apply, in order.
    pub overrides: Vec<usize>,
}

impl Profile {
    /// The name of the configuration as origins show it (relative to the working
    /// directory when it is inside it).
    pub fn config_name(&self) -> String {
        let here = |p: &Path| crate::text::path::display(&relative_to(p, Path::new(".")));
        self.config_path
            .as_deref()
            .map_or_else(|| "default".to_string(), here)
    }

    /// Replays the layers that decide `path`'s rules (rule defaults, the configuration,
    /// its matching overrides, the command line), noting what set each rule last.
    pub fn trace(&self, path: &Path) -> FileTrace {
        let reg = &self.registry;
        let mut settings = crate::engine::RuleSettings::defaults(reg);
        let default = RuleOrigin {
            active: "default".into(),
            severity: "default".into(),
        };
        let mut rules = vec![default; reg.rules().len()];
        let config = self.config_name();
        let top = Layer::of(&self.top);
        apply(
            reg,
            &mut settings,
            top,
            &mut |_| {},
            Some((&mut rules, &config)),
        );
        let rel = relative_to(path, &self.dir);
        let mut overrides = Vec::new();
        for (n, (set, o)) in self.overrides.iter().enumerate() {
            if set.is_match(&rel) {
                overrides.push(n);
                let name = format!("{config} [[overrides]] #{}", n + 1);
                apply(
                    reg,
                    &mut settings,
                    Layer::of(o),
                    &mut |_| {},
                    Some((&mut rules, &name)),
                );
            }
        }
        let cli = Layer::cli(&self.selection);
        let name = "command line";
        apply(
            reg,
            &mut settings,
            cli,
            &mut |_| {},
            Some((&mut rules, name)),
        );
        FileTrace { rules, overrides }
    }

    /// The globs of the configuration's `[[overrides]]` table `n` (from 0).
    pub fn override_globs(&self, n: usize) -> &[String] {
        self.overrides.get(n).map_or(&[], |(_, o)| &o.files)
    }

    /// The command line's rule selection this profile was resolved with.
    pub fn selection(&self) -> &super::Selection {
        &self.selection
    }
}
