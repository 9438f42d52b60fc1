//! Inflection: a lemma in the form a tag asks for (`rein` as `VBD` is `reined`), found by
//! generating the regular candidates and keeping the one the lexicon lists with that
//! tag and lemma. Irregular forms are found only when the lexicon has them under the
//! lemma (it lists `ran` as `VBD/run`), by the caller's fallback to the lemma's entry.

use crate::lang::lexicon::lexicon;
use crate::lang::tags::Tag;

/// `lemma` in the form `tag` asks for, if the lexicon confirms one.
pub fn inflect(lemma: &str, tag: Tag) -> Option<String> {
    if matches!(tag, Tag::VB | Tag::NN | Tag::JJ | Tag::RB | Tag::NNP) {
        return Some(lemma.to_string());
    }
    let lex = lexicon();
    candidates(lemma, tag).into_iter().find(|c| {
        lex.exact(c)
            .is_some_and(|e| e.readings().any(|(t, l)| t == tag && l == lemma))
    })
}

/// The regular forms `lemma` may take for `tag`, most likely first.
fn candidates(lemma: &str, tag: Tag) -> Vec<String> {
    let last = lemma.chars().last().unwrap_or(' ');
    let doubled = format!("{lemma}{last}");
    let y_stem = lemma.strip_suffix('y');
    let e_stem = lemma.strip_suffix('e');
    let mut out = Vec::new();
    match tag {
        Tag::VBZ | Tag::NNS => {
            out.push(format!("{lemma}s"));
            out.push(format!("{lemma}es"));
            if let Some(s) = y_stem {
                out.push(format!("{s}ies"));
            }
        }
        Tag::VBD | Tag::VBN => {
            out.push(format!("{lemma}ed"));
            out.push(format!("{lemma}d"));
            out.push(format!("{doubled}ed"));
            if let Some(s) = y_stem {
                out.push(format!("{s}ied"));
            }
        }
        Tag::VBG => {
            out.push(format!("{lemma}ing"));
            if let Some(s) = e_stem {
                out.push(format!("{s}ing"));
            }
            out.push(format!("{doubled}ing"));
            if let Some(s) = lemma.strip_suffix("ie") {
                out.push(format!("{s}ying"));
            }
        }
        Tag::JJR | Tag::RBR => {
            out.push(format!("{lemma}er"));
            out.push(format!("{lemma}r"));
            out.push(format!("{doubled}er"));
            if let Some(s) = y_stem {
                out.push(format!("{s}ier"));
            }
        }
        Tag::JJS | Tag::RBS => {
            out.push(format!("{lemma}est"));
            out.push(format!("{lemma}st"));
            out.push(format!("{doubled}est"));
            if let Some(s) = y_stem {
                out.push(format!("{s}iest"));
            }
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_forms_are_confirmed_by_the_lexicon() {
        assert_eq!(inflect("rein", Tag::VBD).as_deref(), Some("reined"));
        assert_eq!(inflect("rein", Tag::VBZ).as_deref(), Some("reins"));
        assert_eq!(inflect("rein", Tag::VB).as_deref(), Some("rein"));
        assert_eq!(inflect("qqq", Tag::VBD), None);
    }
}
