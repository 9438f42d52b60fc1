//! What a file says: its bytes decoded ([`source`]), byte spans ([`span`]), how it is
//! named ([`path`]), control characters made visible for a terminal ([`escape`]), the prose inside its markup with a map back to the source
//! ([`markup`]), that prose's sentences and quotations ([`prose`]) and words
//! ([`tokens`]), stable hashes of text ([`hash`]) and of the sentence around a span
//! ([`context`]), the closest name to a mistyped one ([`suggest`]), and opening files without trusting what they are ([`file`]). The bottom
//! layer: it imports
//! nothing else of the crate.

pub(crate) mod context;
pub mod escape;
pub(crate) mod file;
pub(crate) mod hash;
pub mod markup;
pub mod path;
pub mod prose;
pub mod source;
pub mod span;
pub mod suggest;
pub(crate) mod tokens;
