//! House settings some rules read besides their own data: the date names are judged by,
//! the dialect spelling follows and the spacing between sentences. They come from the
//! configuration, an override, the command line or the article itself.

use crate::lang::dialect::Dialect;
use serde::Deserialize;

/// How many spaces go between sentences.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SentenceSpacing {
    /// One space (AP, Chicago): two or more after a sentence are reported.
    #[default]
    One,
    /// Two spaces: one, or three or more, after a sentence are reported.
    Two,
    /// Either: spacing between sentences is not checked.
    Any,
}

/// The house settings of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct House {
    /// The year names are judged by when the article gives no date of its own; `None`:
    /// every rename applies.
    pub as_of: Option<i32>,
    /// `as_of` wins over the article's own date (it came from the command line).
    pub as_of_fixed: bool,
    /// The dialect the project writes in, if it names one (`dialect = "en-GB"`).
    pub dialect: Option<Dialect>,
    /// Spaces between sentences.
    pub sentence_spacing: SentenceSpacing,
}

impl House {
    /// The year a document is judged by: the command line's, else the article's own
    /// (front matter `date`), else the configuration's.
    pub fn year_for(&self, article: Option<i32>) -> Option<i32> {
        if self.as_of_fixed {
            self.as_of
        } else {
            article.or(self.as_of)
        }
    }
}
