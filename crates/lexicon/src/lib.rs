//! The word classes every newsnlp stage shares — weekdays, months in eight languages, titles and
//! roles, given names with gender, news agencies, name particles, page furniture and each stage's
//! closed-class words — defined once, as sorted static tables.
//!
//! Before this crate, weekdays were listed in three stages and titles and agencies in two, and
//! the copies had drifted apart. Now a stage asks here. A word carries all its classes at once as
//! [`Flags`] (`mr` is a title, a role, an abbreviated title and male), so no stage has to pick
//! one class for a word by list order.
//!
//! Lookups are a binary search in one sorted table of words, never allocate, and state how they
//! treat case: [`flags`] takes the lowercase spelling, [`flags_folded`] any case,
//! [`flags_capitalised`] only a word written with an initial capital.
//!
//! ```
//! use newsnlp_lexicon::{self as lexicon, Flags, Gender};
//!
//! assert!(lexicon::flags("thursday").contains(Flags::WEEKDAY));
//! assert_eq!(lexicon::flags_folded("SEPT").month(), Some(9));
//! assert_eq!(lexicon::flags_folded("Oktober").month(), Some(10));
//! // A name on both the male and the female list fits `he` and `she`.
//! assert_eq!(lexicon::flags("angela").gender(), Some(Gender::Unisex));
//! assert!(lexicon::flags_capitalised("Minister").contains(Flags::TITLE | Flags::ROLE));
//! assert!(lexicon::flags_capitalised("MINISTER").is_empty());
//! assert_eq!(lexicon::agency("associated press").map(|a| a.name), Some("AP"));
//! ```

mod agencies;
mod flags;
mod words;

pub use agencies::{Agency, AGENCIES};
pub use flags::{Flags, Gender};

use std::cmp::Ordering;
use std::sync::OnceLock;

/// Raw flag bits, for the tables; [`Flags`] names them for users.
mod bits {
    pub const WEEKDAY: u64 = 1;
    pub const MONTH: u64 = 1 << 1;
    pub const ENGLISH: u64 = 1 << 2;
    pub const ABBREVIATION: u64 = 1 << 3;
    pub const RELATIVE_DAY: u64 = 1 << 4;
    pub const TITLE: u64 = 1 << 5;
    pub const TITLE_ABBREVIATION: u64 = 1 << 6;
    pub const ROLE: u64 = 1 << 7;
    pub const PERSON_NOUN: u64 = 1 << 8;
    pub const GIVEN_NAME: u64 = 1 << 9;
    pub const MALE: u64 = 1 << 10;
    pub const FEMALE: u64 = 1 << 11;
    pub const SPEECH_VERB: u64 = 1 << 12;
    pub const TELL_VERB: u64 = 1 << 13;
    pub const COGNITION_VERB: u64 = 1 << 14;
    pub const JUDGING_VERB: u64 = 1 << 15;
    pub const INTENT_VERB: u64 = 1 << 16;
    pub const INFINITIVE_ONLY: u64 = 1 << 17;
    pub const NEEDS_COMPLEMENT: u64 = 1 << 18;
    /// Month numbers, one bit each (`M1` is January), so that flags stay a plain bit set.
    pub const MONTH_SHIFT: u32 = 20;
    pub const M1: u64 = 1 << MONTH_SHIFT;
    pub const M2: u64 = M1 << 1;
    pub const M3: u64 = M1 << 2;
    pub const M4: u64 = M1 << 3;
    pub const M5: u64 = M1 << 4;
    pub const M6: u64 = M1 << 5;
    pub const M7: u64 = M1 << 6;
    pub const M8: u64 = M1 << 7;
    pub const M9: u64 = M1 << 8;
    pub const M10: u64 = M1 << 9;
    pub const M11: u64 = M1 << 10;
    pub const M12: u64 = M1 << 11;
    // Above the months: names and places, page furniture, sentence starts, closed classes.
    pub const NAME_PARTICLE: u64 = 1 << 32;
    pub const PLACE_PARTICLE: u64 = 1 << 33;
    pub const ACRONYM_CONNECTOR: u64 = 1 << 34;
    pub const NAME_PREFIX: u64 = 1 << 35;
    pub const HYPHEN_PREFIX: u64 = 1 << 36;
    pub const FURNITURE: u64 = 1 << 37;
    pub const CAPTION_WORD: u64 = 1 << 38;
    pub const HEADING_WORD: u64 = 1 << 39;
    pub const SENTENCE_STARTER: u64 = 1 << 40;
    pub const CONTINUES_INITIALS: u64 = 1 << 41;
    pub const UNPUNCTUATED_STARTER: u64 = 1 << 42;
    pub const RUN_IN_PREPOSITION: u64 = 1 << 43;
    pub const PRONOUN: u64 = 1 << 44;
    pub const DETERMINER: u64 = 1 << 45;
    pub const AUXILIARY: u64 = 1 << 46;
    pub const FINITE_AUXILIARY: u64 = 1 << 47;
    pub const PREPOSITION: u64 = 1 << 48;
    pub const PHRASE_PREPOSITION: u64 = 1 << 49;
    pub const CLAUSE_PREPOSITION: u64 = 1 << 50;
    pub const CONJUNCTION: u64 = 1 << 51;
    pub const LISTENER: u64 = 1 << 52;
    pub const TIME_WORD: u64 = 1 << 53;
    pub const CUE_NOUN: u64 = 1 << 54;
    pub const NOUN_FORM: u64 = 1 << 55;
    pub const DOUBLES_FINAL: u64 = 1 << 56;
    pub const APPROXIMATOR: u64 = 1 << 57;
    pub const NUMBER_WORD: u64 = 1 << 58;
    pub const CONTRASTIVE: u64 = 1 << 59;
    pub const SENTENCE_ADVERB: u64 = 1 << 60;
    pub const SUBORDINATOR: u64 = 1 << 61;
}

/// The classes of `lower`, a lowercase spelling (`thursday`, `mr.`); [`Flags::EMPTY`] for a word
/// in no class. Exact: `Thursday` finds nothing, so callers that have lowercased already pay no
/// more than one hash lookup.
pub fn flags(lower: &str) -> Flags {
    index()
        .get(lower)
        .map_or(Flags::EMPTY, |&bits| Flags::from_bits(bits))
}

/// The word table by spelling, built on first use. Every capitalised token asks: one probe
/// here, where a binary search of the 1,300 words compared strings at about eleven places
/// scattered over the table.
fn index() -> &'static foldhash::HashMap<&'static str, u64> {
    static INDEX: OnceLock<foldhash::HashMap<&'static str, u64>> = OnceLock::new();
    INDEX.get_or_init(|| words::WORDS.iter().copied().collect())
}

/// The classes of `word` in any case (`THURSDAY`, `Sept`, `ИЮЛЯ`), folding each character with
/// Unicode lowercasing as the search compares, without building a lowercase copy.
pub fn flags_folded(word: &str) -> Flags {
    // The tokenizer asks this of every capitalised word: an ASCII word is lowercased on the
    // stack and found by plain byte comparison, several times cheaper than folding per compare.
    let mut buf = [0u8; 32];
    if word.len() <= buf.len() && word.is_ascii() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return std::str::from_utf8(lower).map_or(Flags::EMPTY, flags);
    }
    find_folding(word)
}

/// [`flags_folded`] for any word: folds each character with Unicode lowercasing as the search
/// compares.
fn find_folding(word: &str) -> Flags {
    find(|key| key.chars().cmp(word.chars().flat_map(char::to_lowercase)))
}

/// The classes of `word` when it is written as a name or a sentence start is — an initial
/// capital, no capital after it (`Monday`, `Mr.`, `President`) — and [`Flags::EMPTY`] otherwise
/// (`MONDAY`, `monday`). For stages whose lists held capitalised spellings only.
pub fn flags_capitalised(word: &str) -> Flags {
    let mut chars = word.chars();
    let initial = chars.next().is_some_and(char::is_uppercase);
    if initial && !chars.any(char::is_uppercase) {
        flags_folded(word)
    } else {
        Flags::EMPTY
    }
}

/// Every listed word that has at least one of `any`'s flags, with all its flags, in byte order:
/// for stages that compile the classes they read into their own maps once.
pub fn words(any: Flags) -> impl Iterator<Item = (&'static str, Flags)> {
    words::WORDS
        .iter()
        .map(|&(w, b)| (w, Flags::from_bits(b)))
        .filter(move |(_, f)| f.intersects(any))
}

/// The agency a dateline names by `alias`: lowercase, single-spaced, without a leading `the`
/// (`associated press` → `AP`). A scan of [`AGENCIES`] in order, which is short.
pub fn agency(alias: &str) -> Option<&'static Agency> {
    AGENCIES.iter().find(|a| a.aliases.contains(&alias))
}

/// Binary search of the word table with `order` comparing a key to the sought word.
fn find(order: impl Fn(&str) -> Ordering) -> Flags {
    words::WORDS
        .binary_search_by(|(key, _)| order(key))
        .map_or(Flags::EMPTY, |i| Flags::from_bits(words::WORDS[i].1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn table_is_sorted_lowercase_and_unique() {
        for pair in words::WORDS.windows(2) {
            assert!(
                pair[0].0 < pair[1].0,
                "{:?} must come after {:?}",
                pair[0].0,
                pair[1].0
            );
        }
        for (w, _) in words::WORDS {
            assert_eq!(*w, w.to_lowercase(), "keys are lowercase");
        }
    }

    #[test]
    fn every_table_word_is_found_by_its_exact_spelling_only() {
        for &(w, bits) in words::WORDS {
            assert_eq!(flags(w).bits(), bits, "{w}");
        }
        assert!(flags("thursday").contains(Flags::WEEKDAY));
        assert_eq!(flags("Thursday"), Flags::EMPTY);
        assert_eq!(flags("thursdays"), Flags::EMPTY);
    }

    #[test]
    fn every_month_word_names_one_month() {
        for (w, f) in words(Flags::MONTH) {
            let months = (f.bits() >> bits::MONTH_SHIFT) & 0xfff;
            assert_eq!(months.count_ones(), 1, "{w}");
        }
        assert_eq!(
            words(Flags::MONTH)
                .filter(|(_, f)| f.month().is_none())
                .count(),
            0
        );
    }

    #[test]
    fn english_month_and_weekday_names() {
        let full = |class| {
            words(class)
                .filter(|(_, f)| f.contains(Flags::ENGLISH) && !f.contains(Flags::ABBREVIATION))
                .count()
        };
        assert_eq!((full(Flags::MONTH), full(Flags::WEEKDAY)), (12, 7));
        assert_eq!(flags("may").month(), Some(5));
        assert!(flags("thurs").contains(Flags::WEEKDAY | Flags::ABBREVIATION));
    }

    #[test]
    fn the_ascii_shortcut_folds_as_unicode_lowercasing_does() {
        let mut checked = 0;
        for &(key, bits) in words::WORDS {
            let mut rest = key.chars();
            let title: String = rest
                .next()
                .map_or(String::new(), |c| c.to_uppercase().collect())
                + rest.as_str();
            for w in [
                key.to_string(),
                key.to_uppercase(),
                title,
                format!("{key}x"),
            ] {
                assert_eq!(flags_folded(&w), find_folding(&w), "{w}");
                checked += 1;
            }
            if key.to_uppercase().to_lowercase() == key {
                assert_eq!(
                    flags_folded(&key.to_uppercase()),
                    Flags::from_bits(bits),
                    "{key}"
                );
            }
        }
        assert!(checked > 4 * 1000, "{checked}");
        // Past the stack buffer the general path answers.
        assert!(flags_folded(&"A".repeat(40)).is_empty());
    }

    #[test]
    fn case_handling() {
        assert_eq!(flags_folded("NOVEMBER"), flags("november"));
        assert_eq!(flags_folded("Июля").month(), Some(7));
        assert!(flags("Monday").is_empty());
        assert!(flags_capitalised("Mr.").contains(Flags::TITLE));
        assert!(flags_capitalised("mr.").is_empty() && flags_capitalised("").is_empty());
    }

    #[test]
    fn gender_of_names_and_roles() {
        assert_eq!(flags("hillary").gender(), Some(Gender::Female));
        assert_eq!(flags("sergey").gender(), Some(Gender::Male));
        assert_eq!(flags("kellyanne").gender(), Some(Gender::Unisex));
        assert_eq!(flags("spokeswoman").gender(), Some(Gender::Female));
        assert_eq!(flags("minister").gender(), None);
    }

    #[test]
    fn agencies_are_consistent() {
        let mut aliases = HashSet::new();
        for a in AGENCIES {
            for alias in a.aliases {
                assert!(aliases.insert(*alias), "{alias} names two agencies");
                assert_eq!(*alias, alias.to_lowercase());
            }
        }
        assert_eq!(agency("itar-tass").map(|a| a.name), Some("TASS"));
        assert!(agency("moscow").is_none());
    }
}
