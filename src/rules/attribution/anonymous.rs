//! anonymous-source: unnamed sources ("officials said", "a person familiar with the
//! talks"). Every cue outside quotation marks is reported, named or not nearby: the
//! filters are the ones it shares with vague-source (see the `cues` module).

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
