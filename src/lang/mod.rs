//! What English knows: lexicon, parts of speech, dictionaries and dialects. Empty for
//! now; the rules that need linguistic knowledge get it from here, and it imports only
//! [`crate::text`].
