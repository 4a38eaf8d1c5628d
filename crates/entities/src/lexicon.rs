//! Gazetteer features: place names (GeoNames, via `newsnlp-gazetteer`), nationalities,
//! hand-written lists of organisation and place suffixes, and the shared word classes of
//! `newsnlp-lexicon` (titles, agencies, person nouns).
//!
//! Place lookups fold case and accents inside the gazetteer, which builds a key string; so
//! that tagging does not allocate per token, results are memoised per thread by the hash of
//! the looked-up text (news vocabulary repeats, so the cache stays small).

use crate::features::TokenInfo;
use newsnlp_doc::Span;
use newsnlp_gazetteer::Gazetteer;
use newsnlp_lexicon::Flags;
use newsnlp_tagger::{FeatureHash, HashedMap};
use std::cell::RefCell;

use std::sync::OnceLock;

pub(crate) const COUNTRY: u16 = 1;
pub(crate) const CITY: u16 = 1 << 1;
pub(crate) const REGION: u16 = 1 << 2;
pub(crate) const NATIONALITY: u16 = 1 << 3;
pub(crate) const ORG_SUFFIX: u16 = 1 << 4;
pub(crate) const TITLE: u16 = 1 << 5;
pub(crate) const FIRST_NAME: u16 = 1 << 6;
pub(crate) const SURNAME: u16 = 1 << 7;
pub(crate) const AGENCY: u16 = 1 << 8;
pub(crate) const PERSON_NOUN: u16 = 1 << 9;
pub(crate) const PLACE_SUFFIX: u16 = 1 << 10;
/// Position of the token in the longest place match (bits 12–13: 1 unit, 2 begin, 3 inside/last).
const POS_SHIFT: u16 = 12;

/// US Census 1990 first names and the 10,000 commonest surnames (see `data/generate_names.py`).
const FIRST_NAMES: &str = include_str!("../data/first_names.txt");
const SURNAMES: &str = include_str!("../data/surnames.txt");

/// The word-list classes of each listed word: exact spellings for the hand-written lists,
/// lower-cased forms for the names (so `SMITH` in a headline is still a surname).
struct Words {
    exact: HashedMap<u16>,
    lower: HashedMap<u16>,
}

/// Builds the word lists now rather than at the first sentence.
pub(crate) fn prepare() {
    words();
}

fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut w = Words {
            exact: HashedMap::default(),
            lower: HashedMap::default(),
        };
        let mut exact = |word: &str, bit: u16| {
            *w.exact
                .entry(FeatureHash::new(0).bytes(word.as_bytes()).finish())
                .or_default() |= bit;
        };
        for (list, bit) in [(ORG_SUFFIXES, ORG_SUFFIX), (PLACE_SUFFIXES, PLACE_SUFFIX)] {
            list.iter().for_each(|word| exact(word, bit));
        }
        // Shared word classes: titles as they stand before a name (`Minister`, `Mr.`), agencies
        // as running text spells them (`TASS`, `dpa`), person nouns in lower case.
        for (title, _) in newsnlp_lexicon::words(Flags::TITLE) {
            exact(&capitalised(title), TITLE);
        }
        let agencies = newsnlp_lexicon::AGENCIES.iter();
        agencies
            .flat_map(|a| a.spellings)
            .for_each(|word| exact(word, AGENCY));
        for (noun, _) in newsnlp_lexicon::words(Flags::PERSON_NOUN) {
            exact(noun, PERSON_NOUN);
        }
        for (list, bit) in [(FIRST_NAMES, FIRST_NAME), (SURNAMES, SURNAME)] {
            for name in list
                .lines()
                .map(str::trim)
                .filter(|l| !l.starts_with('#') && !l.is_empty())
            {
                *w.lower
                    .entry(FeatureHash::new(0).lower(name).finish())
                    .or_default() |= bit;
            }
        }
        w
    })
}

/// `word` with an initial capital (`mr.` → `Mr.`), as a title stands before a name.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Whether `word` (as written, `Minister`, `Mr.`) is a title set before a person's name.
pub(crate) fn is_title(word: &str) -> bool {
    newsnlp_lexicon::flags_capitalised(word).contains(Flags::TITLE)
}

/// Whether `word`, in any case, is in the first-names list.
pub(crate) fn is_first_name(word: &str) -> bool {
    let key = FeatureHash::new(0).lower(word).finish();
    words()
        .lower
        .get(&key)
        .is_some_and(|bits| bits & FIRST_NAME != 0)
}

/// Words that end (or make up the head of) organisation names.
const ORG_SUFFIXES: &[&str] = &[
    "Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Ltd", "Ltd.", "Plc", "PLC", "plc", "LLC", "AG",
    "SA", "S.A.", "NV", "N.V.", "GmbH", "Group", "Holdings", "Bank", "Party", "Ministry",
    "Council", "Committee", "Commission", "Agency", "Association", "Union", "Federation",
    "Organization", "Organisation", "Institute", "University", "College", "Airlines", "Airways",
    "Club", "United", "FC", "Fund", "Corporation", "Company", "Department", "Office", "Court",
    "Parliament", "Assembly", "Congress", "Senate", "Army", "Navy", "Police", "Exchange", "Board",
    "Authority", "Foundation", "Society", "League", "News", "Times", "Post", "Journal", "Press",
    "Service", "Transit", "Administration", "Bureau", "Corps", "Guard", "Coalition", "Alliance",
    "Movement", "Railway", "Railways", "Motors", "Industries", "Systems", "Technologies",
    "Partners", "Securities", "Insurance", "Network", "Brigade", "Trust", "Centre", "Center",
    "Hospital",
];

/// Words that end the names of natural and man-made places (`James River`, `Rocky Mountains`).
/// (A gazetteer feature: `Bay`, `Lake` and `Street` are surnames too, the tagger weighs that.)
const PLACE_SUFFIXES: &[&str] = &[
    "River", "Lake", "Mountains", "Mountain", "Mount", "Hills", "Valley", "Bay", "Sea", "Ocean",
    "Gulf", "Strait", "Straits", "Island", "Islands", "Peninsula", "Desert", "Canyon", "Falls",
    "Creek", "Coast", "Harbour", "Harbor", "Glacier", "Delta", "Basin", "Plateau", "Range",
    "County", "Province", "Street", "Avenue", "Square", "Road", "Heights", "Springs", "Beach",
];

/// Words for natural features that no person's name ends in: a PER span ending in one is a
/// place (`James River`, where `James` pulls the tagger towards a person).
pub(crate) const NATURAL_FEATURES: &[&str] = &[
    "River", "Mountains", "Valley", "Ocean", "Gulf", "Strait", "Straits", "Islands", "Peninsula",
    "Desert", "Canyon", "Creek", "Glacier", "Plateau",
];

/// The word-list classes of one word: exact spellings for the hand-written lists, and the
/// first-name and surname lists by lower-cased form when the word is capitalised.
pub(crate) fn classes(word: &str) -> u16 {
    let lists = words();
    let mut bits = lists
        .exact
        .get(&FeatureHash::new(0).bytes(word.as_bytes()).finish())
        .copied()
        .unwrap_or(0);
    if word.chars().next().is_some_and(char::is_uppercase) {
        bits |= lists
            .lower
            .get(&FeatureHash::new(0).lower(word).finish())
            .copied()
            .unwrap_or(0);
    }
    bits
}

/// The per-token gazetteer bits of a sentence, written into `info[i].gaz`.
pub(crate) fn mark(text: &str, tokens: &[Span], info: &mut [TokenInfo]) {
    let mut i = 0;
    while i < tokens.len() {
        let lists = words();
        let mut bits = lists.exact.get(&info[i].exact).copied().unwrap_or(0);
        if info[i].capitalised {
            bits |= lists.lower.get(&info[i].lower).copied().unwrap_or(0);
        }
        info[i].set_gaz(info[i].gaz() | bits);
        if !info[i].capitalised {
            i += 1;
            continue;
        }
        // Longest place match of up to four capitalised tokens, then single-token classes.
        let mut matched = 1;
        let mut place_bits = 0;
        let max = (i + 4).min(tokens.len());
        for j in (i + 1..=max).rev() {
            if !info[i..j].iter().all(|t| t.capitalised) {
                continue;
            }
            let Some(span) = text.get(tokens[i].start..tokens[j - 1].end) else {
                continue;
            };
            let b = lookup(span, j - i == 1) & (COUNTRY | CITY | REGION | NATIONALITY);
            if b != 0 {
                matched = j - i;
                place_bits = b;
                break;
            }
        }
        if place_bits != 0 {
            for (k, slot) in info[i..i + matched].iter_mut().enumerate() {
                let pos = if matched == 1 {
                    1
                } else if k == 0 {
                    2
                } else {
                    3
                };
                slot.set_gaz(slot.gaz() | place_bits | pos << POS_SHIFT);
            }
        }
        i += matched;
    }
}

/// The place classes of `name`, memoised per thread.
fn lookup(name: &str, single: bool) -> u16 {
    thread_local! {
        static CACHE: RefCell<HashedMap<u16>> = RefCell::new(HashedMap::default());
    }
    let key = FeatureHash::new(u32::from(single))
        .bytes(name.as_bytes())
        .finish();
    CACHE.with(|cache| {
        if let Some(&b) = cache.borrow().get(&key) {
            return b;
        }
        let g = Gazetteer::get();
        let mut b = 0;
        if g.is_country(name) {
            b |= COUNTRY;
        }
        if g.is_city(name) {
            b |= CITY;
        }
        if g.is_region(name) {
            b |= REGION;
        }
        if single && g.is_nationality(name) {
            b |= NATIONALITY;
        }
        let mut cache = cache.borrow_mut();
        if cache.len() > 500_000 {
            cache.clear();
        }
        cache.insert(key, b);
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::whitespace_tokens as spans;

    #[test]
    fn marks_multi_word_places_nationalities_and_titles() {
        let text = "President Gloria Smith flew from New York to Syrian talks in Moscow";
        let toks = spans(text);
        let mut info: Vec<TokenInfo> = toks
            .iter()
            .map(|t| TokenInfo::new(&text[t.range()]))
            .collect();
        mark(text, &toks, &mut info);
        let g: Vec<u16> = info.iter().map(|i| i.gaz()).collect();
        assert!(g[0] & TITLE != 0);
        assert!(g[1] & FIRST_NAME != 0 && g[2] & SURNAME != 0);
        assert!(
            g[5] & CITY != 0 && g[6] & CITY != 0,
            "New York: {:x} {:x}",
            g[5],
            g[6]
        );
        assert_ne!(g[5] >> POS_SHIFT, g[6] >> POS_SHIFT);
        assert!(g[8] & NATIONALITY != 0);
        assert!(g[11] & CITY != 0);
        assert_eq!(g[4], 0, "lower-case `from` is no place");
    }
}
