//! English dialects, as configuration names them (`en-US`), and the lexicon's bits for
//! the word lists each accepts.

/// A dialect of English with its own dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// American English.
    Us,
    /// British English.
    Gb,
    /// Canadian English.
    Ca,
    /// Australian English.
    Au,
}

/// Lexicon bit for a word that only WordNet has: accepted in every dialect.
const WORDNET: u8 = 1 << 4;

impl Dialect {
    /// The names configuration accepts.
    pub const NAMES: [&'static str; 4] = ["en-US", "en-GB", "en-CA", "en-AU"];

    /// Parses `en-US`, `en_GB`, `en-ca` ...
    pub fn parse(name: &str) -> Option<Dialect> {
        match name.to_ascii_lowercase().replace('_', "-").as_str() {
            "en-us" => Some(Dialect::Us),
            "en-gb" | "en-uk" => Some(Dialect::Gb),
            "en-ca" => Some(Dialect::Ca),
            "en-au" => Some(Dialect::Au),
            _ => None,
        }
    }

    /// The configuration name.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The lexicon's dialect bits this dialect accepts.
    pub fn bits(self) -> u8 {
        1 << (self as u8) | WORDNET
    }
}

/// The bits of every dialect: what a project that names none accepts.
pub const ANY: u8 = 0b1_1111;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse() {
        assert_eq!(Dialect::parse("en_gb"), Some(Dialect::Gb));
        assert_eq!(Dialect::parse("en-US").map(Dialect::name), Some("en-US"));
        assert!(Dialect::parse("fr-FR").is_none());
        assert_eq!(Dialect::Ca.bits(), 0b1_0100);
    }
}
