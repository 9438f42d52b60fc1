//! The `tag` command's output: how the tagger reads text, one token per line, for
//! writers of pattern rules.

use crate::lang::tagger::SentenceTags;
use crate::text::markup::Prose;
use std::fmt::Write as _;

/// One line per token: the token, its tag in context, every tag the lexicon allows, its
/// lemma, and `?` when the dictionary does not know the word. Sentences are separated by
/// a blank line.
pub fn render(prose: &Prose) -> String {
    let text = &prose.text;
    let sentences = crate::text::prose::sentences(prose);
    let mut runs = Vec::new();
    crate::text::tokens::push_word_runs(text, &mut runs);
    let words = crate::text::tokens::words_from_runs(text, &runs);
    let tagged = SentenceTags::new(sentences.iter().map(|s| s.span).collect());
    let mut out = String::new();
    for i in 0..tagged.spans.len() {
        if i > 0 {
            out.push('\n');
        }
        for t in tagged.tokens(i, text, &words) {
            let word = crate::text::escape::controls(&text[t.span.range()], &[]);
            let all: Vec<&str> = t.readings.iter().map(|r| r.name()).collect();
            let lemma = t.lemma().unwrap_or("-");
            let unknown = if t.is_word() && t.entry.is_none() {
                " ?"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "{word}\t{}\t{}\t{lemma}{unknown}",
                t.tag.name(),
                all.join(",")
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::markup::{extract, ExtractOptions, Format};

    #[test]
    fn each_token_shows_its_tag_readings_lemma_and_verdict() {
        let prose = extract(
            "Its been a year. He ran zzqx.",
            Format::Plain,
            &ExtractOptions::default(),
        );
        let out = render(&prose);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.first(), Some(&"Its\tPRP$\tPRP$\tits"));
        assert!(lines.contains(&"been\tVBN\tVBN\tbe"));
        assert!(lines.contains(&""), "sentences are separated: {out}");
        assert!(lines
            .iter()
            .any(|l| l.starts_with("ran\tVBD") && l.ends_with("\trun")));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("zzqx\t") && l.ends_with(" ?")));
    }
}
