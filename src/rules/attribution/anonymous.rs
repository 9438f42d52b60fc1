//! anonymous-source: unnamed sources ("officials said", "a person familiar with the
//! talks"). A cue is reported whether or not a name stands nearby (the point is that the
//! source is not named); the only filters are the ones it shares with vague-source
//! (quotations, conditions, conventions: see the `cues` module).

use super::cues::CueWords;
use super::{Attribution, Finding, Input, Rule};

impl Attribution {
    /// anonymous-source: the cues that pass the shared filters.
    pub(super) fn anonymous_source(
        &self,
        w: &CueWords,
        rule: &Rule,
        input: &Input<'_>,
        out: &mut Vec<Finding>,
    ) {
        let spans = self.cue_spans(w, input);
        if !spans.is_empty() {
            self.cue_findings(w, rule, input, &spans, false, out);
        }
    }
}
