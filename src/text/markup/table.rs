//! Tables in plain text: which lines of a paragraph are rows of a table (fixed-width
//! columns aligned with spaces or tabs, pipe tables, rule lines) and the cells of a row.
//!
//! A *column gap* is a run of two or more spaces, or a tab, between two cells, after the
//! line's indentation. A gap after the end of a sentence (“done.  The next”) is sentence
//! spacing, not a column gap. A line is tabular when it has two or more column gaps, is a
//! pipe-table row or a rule line (`-----  ----`, `+---+`); a line with one column gap is
//! tabular beside a tabular line, in a paragraph of two or more lines that all have a gap,
//! or alone when its cells are a few words each (a scraped poll box: “Yes   No”).

use crate::text::span::Span;

/// The column gaps of a line, as (start, end) byte offsets relative to the line.
fn gaps(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let body_start = bytes
        .iter()
        .position(|&c| c != b' ' && c != b'\t')
        .unwrap_or(bytes.len());
    let body_end = bytes
        .iter()
        .rposition(|&c| c != b' ' && c != b'\t')
        .map_or(body_start, |p| p + 1);
    let mut out = Vec::new();
    let mut i = body_start;
    while i < body_end {
        if bytes[i] != b' ' && bytes[i] != b'\t' {
            i += 1;
            continue;
        }
        let s = i;
        while i < body_end && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        let run = &bytes[s..i];
        if (run.len() >= 2 || run.contains(&b'\t')) && !after_sentence(&line[..s], &line[i..]) {
            out.push((s, i));
        }
    }
    out
}

/// Whether a gap between `before` and `after` follows the end of a sentence and precedes
/// the start of the next one: sentence spacing, not a column.
fn after_sentence(before: &str, after: &str) -> bool {
    let b = before.trim_end_matches(['"', '”', '’', '\'', ')', ']']);
    let ends = b.ends_with(['.', '?', '!', ':', ';']);
    let next = after.trim_start_matches(['"', '“', '‘', '\'', '(', '[']);
    ends && next.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Whether a line is a pipe-table row: it starts or ends with `|`, or has two or more.
fn pipe_row(line: &str) -> bool {
    let t = line.trim();
    let pipes = t.bytes().filter(|&c| c == b'|').count();
    pipes >= 2 || (pipes == 1 && (t.starts_with('|') || t.ends_with('|')) && t.len() > 1)
}

/// Whether a line is a table's rule: only `-`, `=`, `_`, `+`, `|`, `:` and spaces.
fn rule_line(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3
        && t.chars()
            .all(|c| matches!(c, '-' | '=' | '_' | '+' | '|' | ':' | ' ' | '\t'))
        && t.chars().any(|c| c != ' ' && c != '\t')
}

/// Whether a one-gap line standing alone is a row of short cells (“Yes   No”): each side a
/// few words, and the line no sentence.
fn short_cells(line: &str, gap: (usize, usize)) -> bool {
    let words = |s: &str| s.split_whitespace().count();
    let (l, r) = (line[..gap.0].trim(), line[gap.1..].trim());
    words(l) <= 3 && words(r) <= 3 && !r.ends_with(['.', '?', '!', ',', ';', ':'])
}

/// Which of a paragraph's lines (spans into `text`, without line breaks) are tabular.
pub fn tabular_lines(text: &str, lines: &[Span]) -> Vec<bool> {
    let info: Vec<(usize, bool)> = lines
        .iter()
        .map(|l| {
            let s = &text[l.range()];
            let g = gaps(s);
            let strong = g.len() >= 2 || pipe_row(s) || rule_line(s);
            (g.len(), strong)
        })
        .collect();
    let mut tab: Vec<bool> = info.iter().map(|&(_, strong)| strong).collect();
    let all_gapped = lines.len() >= 2 && info.iter().all(|&(n, strong)| n >= 1 || strong);
    if all_gapped {
        return vec![true; lines.len()];
    }
    if lines.len() == 1 && !tab[0] && info[0].0 == 1 {
        let s = &text[lines[0].range()];
        if let Some(&g) = gaps(s).first() {
            tab[0] = short_cells(s, g);
        }
        return tab;
    }
    // One-gap lines next to a tabular line join it, in both directions.
    loop {
        let mut changed = false;
        for i in 0..lines.len() {
            if tab[i] || info[i].0 == 0 {
                continue;
            }
            let near = (i > 0 && tab[i - 1]) || tab.get(i + 1).copied().unwrap_or(false);
            if near {
                tab[i] = true;
                changed = true;
            }
        }
        if !changed {
            return tab;
        }
    }
}

/// The cells of a tabular line: the stretches between its column gaps (and, in a pipe
/// row, its pipes), trimmed, holding at least one letter or digit.
pub fn cells(text: &str, line: Span) -> Vec<Span> {
    let s = &text[line.range()];
    let mut cuts: Vec<(usize, usize)> = gaps(s);
    if pipe_row(s) {
        cuts.extend(s.match_indices('|').map(|(i, _)| (i, i + 1)));
        cuts.sort_unstable();
    }
    let mut out = Vec::new();
    let mut pos = 0;
    for (a, b) in cuts.into_iter().chain(std::iter::once((s.len(), s.len()))) {
        if a >= pos {
            let cell = &s[pos..a];
            let lead = cell.len() - cell.trim_start().len();
            let t = cell.trim();
            if t.chars().any(char::is_alphanumeric) {
                let start = line.start + pos + lead;
                out.push(Span::new(start, start + t.len()));
            }
        }
        pos = pos.max(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Span> {
        let mut pos = 0;
        text.split('\n')
            .map(|l| {
                let s = Span::new(pos, pos + l.len());
                pos += l.len() + 1;
                s
            })
            .collect()
    }

    fn tab(text: &str) -> Vec<bool> {
        tabular_lines(text, &lines(text))
    }

    #[test]
    fn column_gaps_make_a_table() {
        assert_eq!(tab("Android    69.5%  79.5%"), [true]);
        assert_eq!(tab("    Shr loss 12 cts vs profit 15 cts"), [false]);
        assert_eq!(tab("The council voted  to approve the budget."), [false]);
        assert_eq!(tab("The vote was final.  The council adjourned."), [false]);
        assert_eq!(tab("Yes   No"), [true]);
        assert_eq!(tab("| a | b |"), [true]);
        assert_eq!(tab("Team   Won\nLeeds  nil"), [true, true]);
        assert_eq!(
            tab("Figures follow.\nTotal    1    2\nNet      nil\nIt rose."),
            [false, true, true, false]
        );
        assert_eq!(
            tab("He left.  She stayed.\nThey met.  It rained."),
            [false, false]
        );
    }

    #[test]
    fn cells_are_trimmed_stretches() {
        let t = "  Leeds   nil     nil";
        let c: Vec<&str> = cells(t, Span::new(0, t.len()))
            .iter()
            .map(|s| &t[s.range()])
            .collect();
        assert_eq!(c, ["Leeds", "nil", "nil"]);
        let t = "| Won | Lost |";
        let c: Vec<&str> = cells(t, Span::new(0, t.len()))
            .iter()
            .map(|s| &t[s.range()])
            .collect();
        assert_eq!(c, ["Won", "Lost"]);
    }
}
