//! The cache file's binary encoding of diagnostics. JSON took a tenth of a warm run to
//! parse; this format is read with bounds-checked slices and length prefixes, and each
//! file's findings are decoded only when that file is served from the cache.
//!
//! Integers are little-endian; a string is a `u32` byte length and UTF-8 bytes; a list is
//! a `u32` count and its items. Every read checks its bounds, so a damaged file decodes
//! to `None` (and the cache is ignored), never to a panic.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
use crate::text::span::Span;
use std::sync::Arc;

/// Appends the encoding of `diags` to `out`.
pub fn encode(diags: &[Diagnostic], out: &mut Vec<u8>) {
    u32_(out, diags.len());
    for d in diags {
        str_(out, &d.rule);
        out.push(match d.severity {
            Severity::Info => 0,
            Severity::Warning => 1,
            Severity::Error => 2,
        });
        span(out, d.span);
        str_(out, &d.message);
        match &d.help {
            Some(h) => {
                out.push(1);
                str_(out, h);
            }
            None => out.push(0),
        }
        u32_(out, d.suggestions.len());
        for s in &d.suggestions {
            str_(out, s);
        }
        match &d.fix {
            Some(f) => {
                out.push(1);
                out.push(match f.applicability {
                    Applicability::None => 0,
                    Applicability::Unsafe => 1,
                    Applicability::Safe => 2,
                });
                u32_(out, f.edits.len());
                for e in &f.edits {
                    span(out, e.span);
                    str_(out, &e.replacement);
                }
            }
            None => out.push(0),
        }
        u32_(out, d.labels.len());
        for l in &d.labels {
            span(out, l.span);
            str_(out, &l.message);
        }
        for n in [d.line, d.column, d.end_line, d.end_column] {
            u64_(out, n);
        }
    }
}

/// Decodes what [`encode`] wrote; `None` if the bytes are not a whole, valid encoding.
pub fn decode(bytes: &[u8]) -> Option<Vec<Diagnostic>> {
    let mut r = Reader { bytes, at: 0 };
    let n = r.u32()?;
    // A count can't exceed the bytes left: guards the allocation against a damaged file.
    let mut out = Vec::with_capacity(n.min(bytes.len()));
    for _ in 0..n {
        let rule: Arc<str> = Arc::from(r.str()?);
        let severity = match r.u8()? {
            0 => Severity::Info,
            1 => Severity::Warning,
            2 => Severity::Error,
            _ => return None,
        };
        let span = r.span()?;
        let message = r.str()?.to_string();
        let help = match r.u8()? {
            0 => None,
            1 => Some(r.str()?.to_string()),
            _ => return None,
        };
        let suggestions = (0..r.u32()?)
            .map(|_| r.str().map(str::to_string))
            .collect::<Option<Vec<_>>>()?;
        let fix = match r.u8()? {
            0 => None,
            1 => {
                let applicability = match r.u8()? {
                    0 => Applicability::None,
                    1 => Applicability::Unsafe,
                    2 => Applicability::Safe,
                    _ => return None,
                };
                let edits = (0..r.u32()?)
                    .map(|_| {
                        Some(Edit {
                            span: r.span()?,
                            replacement: r.str()?.to_string(),
                        })
                    })
                    .collect::<Option<Vec<_>>>()?;
                Some(Fix {
                    edits,
                    applicability,
                })
            }
            _ => return None,
        };
        let labels = (0..r.u32()?)
            .map(|_| {
                Some(Label {
                    span: r.span()?,
                    message: r.str()?.to_string(),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        out.push(Diagnostic {
            rule,
            severity,
            span,
            message,
            help,
            suggestions,
            fix,
            labels,
            line: r.u64()?,
            column: r.u64()?,
            end_line: r.u64()?,
            end_column: r.u64()?,
        });
    }
    (r.at == bytes.len()).then_some(out)
}

fn u32_(out: &mut Vec<u8>, n: usize) {
    // Counts and string lengths in a cache entry are far below 4 GiB: files over that are
    // not linted whole into one entry's findings.
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

fn u64_(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u64).to_le_bytes());
}

fn str_(out: &mut Vec<u8>, s: &str) {
    u32_(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn span(out: &mut Vec<u8>, s: Span) {
    u64_(out, s.start);
    u64_(out, s.end);
}

/// A cursor over the bytes with checked reads.
pub struct Reader<'a> {
    /// The whole input.
    pub bytes: &'a [u8],
    /// The next byte to read.
    pub at: usize,
}

impl<'a> Reader<'a> {
    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }

    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    /// A little-endian `u32`, as a count or length.
    pub fn u32(&mut self) -> Option<usize> {
        let b: [u8; 4] = self.take(4)?.try_into().ok()?;
        Some(u32::from_le_bytes(b) as usize)
    }

    fn u64(&mut self) -> Option<usize> {
        let b: [u8; 8] = self.take(8)?.try_into().ok()?;
        usize::try_from(u64::from_le_bytes(b)).ok()
    }

    /// A little-endian `u128`.
    pub fn u128(&mut self) -> Option<u128> {
        let b: [u8; 16] = self.take(16)?.try_into().ok()?;
        Some(u128::from_le_bytes(b))
    }

    /// A length-prefixed UTF-8 string.
    pub fn str(&mut self) -> Option<&'a str> {
        let n = self.u32()?;
        std::str::from_utf8(self.take(n)?).ok()
    }

    fn span(&mut self) -> Option<Span> {
        Some(Span {
            start: self.u64()?,
            end: self.u64()?,
        })
    }
}

/// Appends a length-prefixed string (for the cache file's own fields).
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    str_(out, s);
}

/// Appends a `u32` count or length.
pub fn put_u32(out: &mut Vec<u8>, n: usize) {
    u32_(out, n);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Diagnostic> {
        vec![
            Diagnostic {
                rule: Arc::from("errors.eggcorns"),
                severity: Severity::Warning,
                span: Span { start: 4, end: 16 },
                message: "Say “harebrained”.".into(),
                help: Some("It’s from hares.".into()),
                suggestions: vec!["harebrained".into()],
                fix: Some(Fix {
                    edits: vec![Edit {
                        span: Span { start: 4, end: 16 },
                        replacement: "harebrained".into(),
                    }],
                    applicability: Applicability::Safe,
                }),
                labels: vec![Label {
                    span: Span { start: 0, end: 3 },
                    message: "here".into(),
                }],
                line: 1,
                column: 5,
                end_line: 1,
                end_column: 17,
            },
            Diagnostic {
                rule: Arc::from("attribution.vague-source"),
                severity: Severity::Info,
                span: Span { start: 0, end: 0 },
                message: String::new(),
                help: None,
                suggestions: Vec::new(),
                fix: None,
                labels: Vec::new(),
                line: 2,
                column: 1,
                end_line: 2,
                end_column: 1,
            },
        ]
    }

    #[test]
    fn round_trip() {
        let mut bytes = Vec::new();
        encode(&sample(), &mut bytes);
        assert_eq!(decode(&bytes), Some(sample()));
        let mut empty = Vec::new();
        encode(&[], &mut empty);
        assert_eq!(decode(&empty), Some(Vec::new()));
    }

    #[test]
    fn damaged_bytes_decode_to_none() {
        let mut bytes = Vec::new();
        encode(&sample(), &mut bytes);
        // Every truncation, and a stray byte at the end.
        for n in 0..bytes.len() {
            assert_eq!(decode(&bytes[..n]), None, "truncated at {n}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None);
        // A huge count must not allocate or panic.
        assert_eq!(decode(&[0xff, 0xff, 0xff, 0xff]), None);
    }
}
