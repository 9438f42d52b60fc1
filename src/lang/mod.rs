//! What English knows: the lexicon of word forms with their parts of speech and
//! dialects, the tagger that picks a word's part of speech in context, and the speller.
//! The rules that need linguistic knowledge get it from here; it imports only
//! [`crate::text`].

pub mod dialect;
pub mod format;
pub mod inflect;
pub mod lexicon;
pub mod spell;
pub mod tagger;
pub mod tags;
