//! Byte spans. Two kinds of offsets travel through copydesk and must never be mixed up:
//! offsets into the source file as read ([`Span`]) and offsets into the extracted prose
//! ([`ProseSpan`]). Only the extractor's map converts one into the other.

/// A byte range `[start, end)` into a source file's bytes as read (a BOM included).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// As a `Range` for slicing.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// A byte range `[start, end)` into the prose text extracted from a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ProseSpan {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl ProseSpan {
    /// A prose span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        ProseSpan { start, end }
    }

    /// As a `Range` for slicing the prose text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}
