//! Part-of-speech tags and sets of them. The names are Penn Treebank's (`NN`, `VBD`,
//! `PRP$` ...), as rule files write them; a trailing `*` names every tag with that prefix
//! (`VB*`: every verb form).

use crate::lang::format::{tag_number, TAG_NAMES};

/// One part-of-speech tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag(pub(crate) u8);

macro_rules! tags {
    ($($name:ident = $n:expr),* $(,)?) => {
        impl Tag {
            $(
                #[doc = concat!("The tag `", stringify!($name), "`.")]
                pub const $name: Tag = Tag($n);
            )*
        }
    };
}

tags! {
    NN = 0, NNS = 1, NNP = 2, VB = 3, VBZ = 4, VBD = 5, VBN = 6, VBG = 7, JJ = 8, JJR = 9,
    JJS = 10, RB = 11, RBR = 12, RBS = 13, PRP = 14, PRPS = 15, WP = 16, WPS = 17, WDT = 18,
    WRB = 19, DT = 20, PDT = 21, IN = 22, CC = 23, MD = 24, TO = 25, EX = 26, CD = 27, UH = 28,
    CT = 29, PUNCT = 30, SYM = 31, UNK = 32,
}

impl Tag {
    /// The tag's name (`VBD`).
    pub fn name(self) -> &'static str {
        TAG_NAMES.get(usize::from(self.0)).copied().unwrap_or("UNK")
    }

    /// The tag named `name`, exactly.
    pub fn from_name(name: &str) -> Option<Tag> {
        tag_number(name).map(Tag)
    }

    /// Whether the tag is a verb form (`VB*`).
    pub fn is_verb(self) -> bool {
        (Tag::VB.0..=Tag::VBG.0).contains(&self.0)
    }

    /// Whether the tag is a noun (`NN*`).
    pub fn is_noun(self) -> bool {
        self.0 <= Tag::NNP.0
    }

    /// This tag alone, as a set.
    pub fn set(self) -> TagSet {
        TagSet(1u64 << self.0)
    }
}

/// A set of tags: every reading a word may have, or the tags a rule token accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct TagSet(pub(crate) u64);

impl TagSet {
    /// No tags.
    pub const EMPTY: TagSet = TagSet(0);

    /// Whether `tag` is in the set.
    pub fn has(self, tag: Tag) -> bool {
        self.0 & (1u64 << tag.0) != 0
    }

    /// Whether the sets share a tag.
    pub fn meets(self, other: TagSet) -> bool {
        self.0 & other.0 != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The set with `tag` added.
    pub fn with(self, tag: Tag) -> TagSet {
        TagSet(self.0 | 1u64 << tag.0)
    }

    /// The union.
    pub fn union(self, other: TagSet) -> TagSet {
        TagSet(self.0 | other.0)
    }

    /// The tags in the set, in tag order.
    pub fn iter(self) -> impl Iterator<Item = Tag> {
        (0..TAG_NAMES.len() as u8)
            .map(Tag)
            .filter(move |t| self.has(*t))
    }

    /// The tags a rule file names: `NN`, or `VB*` for every tag that starts `VB`. `None`
    /// if it names none.
    pub fn parse(name: &str) -> Option<TagSet> {
        if let Some(prefix) = name.strip_suffix('*') {
            let set = TAG_NAMES
                .iter()
                .enumerate()
                .filter(|(_, t)| t.starts_with(prefix))
                .fold(TagSet::EMPTY, |s, (i, _)| s.with(Tag(i as u8)));
            return (!set.is_empty()).then_some(set);
        }
        Tag::from_name(name).map(Tag::set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_prefixes_expand() {
        assert_eq!(Tag::from_name("PRP$"), Some(Tag::PRPS));
        assert_eq!(Tag::VBD.name(), "VBD");
        let verbs = TagSet::parse("VB*").unwrap_or_default();
        assert_eq!(verbs.iter().count(), 5);
        assert!(verbs.has(Tag::VBG) && !verbs.has(Tag::NN));
        assert!(TagSet::parse("XX").is_none() && TagSet::parse("Q*").is_none());
        assert!(Tag::NNS.is_noun() && !Tag::VB.is_noun() && Tag::VBN.is_verb());
    }
}
