//! Suggestion templates: literal text with `{n}` for the text of the sequence's `n`th
//! token and `{n:lower}`, `{n:as(lemma)}` (that lemma in the token's form) or
//! `{n:plural}` (the plural of the token's noun).

use crate::lang::inflect::inflect;
use crate::lang::tagger::Token;
use crate::lang::tags::Tag;

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Token(usize, Transform),
}

/// What to do with a token's text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Transform {
    Same,
    Lower,
    As(String),
    Plural,
    Replace(String, String),
}

/// A compiled template.
#[derive(Debug, Clone)]
pub struct Template(Vec<Part>);

impl Template {
    /// Parses `src` for a sequence of `n` tokens.
    pub fn parse(src: &str, n: usize) -> Result<Template, String> {
        let mut parts = Vec::new();
        let mut rest = src;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(Part::Text(rest[..open].to_string()));
            }
            let close = rest[open..]
                .find('}')
                .ok_or_else(|| format!("suggestion `{src}` has a `{{` without `}}`"))?
                + open;
            let inner = &rest[open + 1..close];
            let (num, transform) = match inner.split_once(':') {
                Some((num, t)) => (num, t),
                None => (inner, ""),
            };
            let i: usize = num.trim().parse().map_err(|_| {
                format!("suggestion `{src}`: `{{{inner}}}` is not `{{n}}` with a token number")
            })?;
            if i == 0 || i > n {
                return Err(format!(
                    "suggestion `{src}`: token {i} is not one of the sequence's {n} tokens"
                ));
            }
            let transform = match transform {
                "" => Transform::Same,
                "lower" => Transform::Lower,
                "plural" => Transform::Plural,
                t => {
                    let arg = |name: &str| t.strip_prefix(name).and_then(|t| t.strip_suffix(')'));
                    match (arg("as("), arg("replace(")) {
                        (Some(lemma), _) if !lemma.is_empty() => Transform::As(lemma.to_string()),
                        (_, Some(pair)) if pair.split_once(',').is_some_and(|(a, _)| !a.is_empty()) => {
                            let (a, b) = pair.split_once(',').unwrap_or_default();
                            Transform::Replace(a.trim().to_lowercase(), b.trim().to_string())
                        }
                        _ => {
                            return Err(format!(
                                "suggestion `{src}`: `{t}` is not `lower`, `plural`, `as(word)` or `replace(from,to)`"
                            ))
                        }
                    }
                }
            };
            parts.push(Part::Token(i - 1, transform));
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        Ok(Template(parts))
    }

    /// The text for a match: `matched[k]` is the token the sequence's `k`th test took
    /// (`None` for an absent optional one). `None` if a transform has no answer.
    pub fn render(
        &self,
        text: &str,
        tokens: &[Token],
        matched: &[Option<usize>],
    ) -> Option<String> {
        let mut out = String::new();
        for p in &self.0 {
            match p {
                Part::Text(s) => out.push_str(s),
                Part::Token(k, tr) => {
                    let Some(Some(i)) = matched.get(*k) else {
                        continue;
                    };
                    let t = tokens.get(*i)?;
                    let raw = &text[t.span.range()];
                    match tr {
                        Transform::Same => out.push_str(raw),
                        Transform::Lower => out.push_str(&raw.to_lowercase()),
                        Transform::As(lemma) => out.push_str(&inflect(lemma, t.tag)?),
                        Transform::Replace(a, b) => {
                            out.push_str(&raw.to_lowercase().replacen(a.as_str(), b, 1))
                        }
                        Transform::Plural => {
                            let base = t.entry.map(|e| e.form())?;
                            let lemma = t.lemma().unwrap_or(base);
                            out.push_str(&inflect(lemma, Tag::NNS)?);
                        }
                    }
                }
            }
        }
        // An absent optional token leaves two spaces behind.
        let collapsed = out
            .split(' ')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        Some(collapsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_parse_and_refuse_bad_references() {
        assert!(Template::parse("{1} have", 2).is_ok());
        assert!(Template::parse("{2:as(rein)} in", 2).is_ok());
        assert!(Template::parse("{3}", 2).is_err());
        assert!(Template::parse("{0}", 2).is_err());
        assert!(Template::parse("{1:upper}", 2).is_err());
        assert!(Template::parse("{1:replace(af,ef)}", 1).is_ok());
        assert!(Template::parse("{1:replace(,ef)}", 1).is_err());
        assert!(Template::parse("{1", 2).is_err());
    }
}
