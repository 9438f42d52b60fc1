//! `copydesk report`: one self-contained HTML file for looking at a whole archive's
//! findings. Styles and script are inline, the findings are embedded as JSON (see
//! [`data`]); the page loads nothing else (its Content-Security-Policy forbids it) and
//! builds every element from the data with `textContent`, so no text of an article, a
//! file name or a message is ever parsed as HTML. The table shows one page of findings at
//! a time, so 100,000 findings stay fast.

pub mod data;

use crate::outcome::Outcome;
use std::io::{self, Write};

const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// What the page shows besides the outcome.
#[derive(Debug, Default)]
pub struct ReportOptions<'a> {
    /// The paths linted, as given.
    pub paths: Vec<String>,
    /// The baseline compared with (its name as shown) and, file by file in the order of
    /// the outcome, which findings it has.
    pub baseline: Option<(String, &'a [Vec<bool>])>,
}

/// Writes the report of `outcome` as one HTML document.
pub fn write(outcome: &Outcome, opts: ReportOptions<'_>, out: &mut dyn Write) -> io::Result<()> {
    let data = data::build(outcome, opts.paths, opts.baseline);
    let json = serde_json::to_string(&data).map_err(io::Error::other)?;
    out.write_all(HEAD.as_bytes())?;
    out.write_all(STYLE.as_bytes())?;
    out.write_all(BODY.as_bytes())?;
    out.write_all(script_safe(&json).as_bytes())?;
    out.write_all(b"</script>\n<script>\n")?;
    out.write_all(SCRIPT.as_bytes())?;
    out.write_all(b"</script>\n</body>\n</html>\n")?;
    out.flush()
}

/// JSON that can sit inside a `<script>` element: `<`, `>` and `&` as `\u003c`, `\u003e`
/// and `\u0026` (so no `</script>` or `<!--` can end or change the element), and the
/// line separators JavaScript once refused in strings escaped too. JSON has these
/// characters only inside strings, where the escapes mean the same.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 50);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

const HEAD: &str = r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="copydesk">
<title>copydesk report</title>
<style>
"##;

const BODY: &str = r##"</style>
</head>
<body>
<header>
<h1><a href="#">copydesk report</a></h1>
<p id="meta"></p>
</header>
<main>
<div id="overview">
<section aria-label="Totals"><dl id="totals" class="cards"></dl></section>
<div class="columns">
<section><h2>Findings per rule</h2><div id="chart" class="chart"></div></section>
<section><h2>Most findings per 1,000 words</h2><p class="hint">Articles of at least 100 words.</p><ol id="dense"></ol></section>
</div>
<section id="failures-section" hidden><h2>Files that could not be linted</h2><ul id="failures"></ul></section>
<section id="findings-section">
<h2>Findings</h2>
<form id="filters">
<label>Rule <select id="f-rule"><option value="">all rules</option></select></label>
<label>Severity <select id="f-sev"><option value="">all</option><option value="2">error</option><option value="1">warning</option><option value="0">info</option></select></label>
<label id="f-new-label" hidden><input type="checkbox" id="f-new"> new only</label>
<label>File <input type="search" id="f-file" placeholder="part of a path"></label>
<button type="button" id="f-reset">Clear</button>
</form>
<p id="count" aria-live="polite"></p>
<div class="table-wrap">
<table id="table">
<thead><tr>
<th><button type="button" data-sort="file">File</button></th>
<th><button type="button" data-sort="line">Line</button></th>
<th><button type="button" data-sort="rule">Rule</button></th>
<th><button type="button" data-sort="sev">Severity</button></th>
<th>Excerpt</th>
<th>Suggestion</th>
</tr></thead>
<tbody id="rows"></tbody>
</table>
</div>
<nav id="pager" aria-label="Pages">
<button type="button" id="p-first">« First</button>
<button type="button" id="p-prev">‹ Previous</button>
<span id="p-info"></span>
<button type="button" id="p-next">Next ›</button>
<button type="button" id="p-last">Last »</button>
</nav>
</section>
</div>
<article id="article" hidden></article>
</main>
<script id="copydesk-data" type="application/json">"##;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_close_its_script() {
        let json = serde_json::json!({"t": "</script><script>alert(1)</script><!-- & \u{2028}"});
        let safe = script_safe(&json.to_string());
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, json);
    }
}
