//! The `tag` command's output: how the tagger reads text, one token per line, for
//! writers of pattern rules.

use crate::lang::tagger::Tagged;
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
    let tagged = Tagged::new(text, sentences.iter().map(|s| s.span), &words);
    let mut out = String::new();
    for (i, range) in tagged.sentences.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for t in &tagged.tokens[range.clone()] {
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
