//! The rule or pack a mistyped selector probably meant, for "did you mean" in errors
//! about unknown rules (config `enable`/`disable`/`severity`, the command line,
//! `copydesk explain`).

use super::Registry;
use crate::text::suggest::closest;

impl Registry {
    /// The selector (`pack.rule` or `pack.*`) closest to `selector`, which names no rule;
    /// `extra` adds ids the registry does not hold (copydesk's own checks). A bare pack
    /// name suggests `pack.*`; a bare rule name, the rule's full id.
    pub fn suggest(&self, selector: &str, extra: &[&str]) -> Option<String> {
        let mut packs: Vec<&str> = self
            .rules
            .iter()
            .filter_map(|r| r.id.split('.').next())
            .collect();
        packs.dedup();
        if let Some(pack) = selector.strip_suffix(".*") {
            return closest(pack, packs).map(|p| format!("{p}.*"));
        }
        if packs.contains(&selector) {
            return Some(format!("{selector}.*"));
        }
        let ids = self
            .rules
            .iter()
            .map(|r| &*r.id)
            .chain(extra.iter().copied());
        if let Some(id) = closest(selector, ids) {
            return Some(id.to_string());
        }
        if selector.contains('.') {
            return None;
        }
        // A rule named without its pack: `eggcorns` for `errors.eggcorns`.
        let names = self.rules.iter().map(|r| &*r.id);
        let by_name = names.filter_map(|id| Some((id.rsplit_once('.')?.1, id)));
        let pairs: Vec<(&str, &str)> = by_name.collect();
        let name = closest(selector, pairs.iter().map(|(n, _)| *n))?;
        pairs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, id)| id.to_string())
    }

    /// "unknown rule or pack `x` (did you mean `y`?)", the message for a selector that
    /// names nothing.
    pub fn unknown_message(&self, selector: &str) -> String {
        match self.suggest(selector, &[]) {
            Some(s) => format!("unknown rule or pack `{selector}`: did you mean `{s}`?"),
            None => format!("unknown rule or pack `{selector}` (see `copydesk rules`)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::registry::Registry;

    #[test]
    fn suggests_ids_packs_and_full_ids_for_bare_names() {
        let reg = Registry::builtin_lazy().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            reg.suggest("errors.egcorns", &[]).as_deref(),
            Some("errors.eggcorns")
        );
        assert_eq!(reg.suggest("erors.*", &[]).as_deref(), Some("errors.*"));
        assert_eq!(reg.suggest("errors", &[]).as_deref(), Some("errors.*"));
        assert_eq!(
            reg.suggest("eggcorn", &[]).as_deref(),
            Some("errors.eggcorns")
        );
        assert_eq!(
            reg.suggest(
                "copydesk.unused-supression",
                &["copydesk.unused-suppression"]
            )
            .as_deref(),
            Some("copydesk.unused-suppression")
        );
        assert_eq!(reg.suggest("weather.forecast", &[]), None);
    }
}
