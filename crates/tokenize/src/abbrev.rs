//! Abbreviations that keep their full stop, and the words that show a new sentence has begun.

use newsnlp_lexicon::{self as lexicon, Flags};

/// Abbreviations written with a final full stop. Matched as written, or with any of their
/// letters upper-cased (`Gen` also matches `GEN`, `etc` also `Etc`), never lower-cased, so that
/// `No.` (number) differs from the word `no.` at a sentence end.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    // name suffixes and offices (titles and ranks: `lexicon_abbreviation`)
    "Sr", "Jr", "Esq", "Dept",
    // companies and places
    "Inc", "Co", "Cos", "Corp", "Ltd", "Bros", "Assn", "Assoc", "Univ", "Inst", "Intl",
    "Natl", "Govt", "Mfg", "Plc", "St", "Ste", "Mt", "Ft", "Ave", "Blvd", "Rd", "Hwy",
    "Sq", "Pl", "Ct", "Dist", "Bldg",
    // Latin and scholarly
    "etc", "vs", "al", "cf", "ca", "approx", "esp", "ibid", "viz", "ed", "eds", "voc",
    "trans", "repr", "Ch", "Vol", "vol", "vols",
];

/// US states in AP style (`Springfield, Ill.`). They close place names, which often end a
/// sentence, so they end one before a sentence-starting word (`…in Houston, Tex. It employs…`).
#[rustfmt::skip]
const US_STATES: &[&str] = &[
    "Ala", "Ariz", "Ark", "Calif", "Cal", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind",
    "Kan", "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb",
    "Nebr", "Nev", "Okla", "Ore", "Pa", "Penn", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis",
    "Wisc", "Wyo",
];

/// The longest entry of the lists and of the lexicon's abbreviations (`Messrs`), in bytes.
const MAX_ABBREVIATION_LEN: usize = 6;

/// Abbreviations that keep their full stop only before a number (`No. 5`, `pp. 12`); elsewhere
/// they are ordinary words (`say no.`).
const BEFORE_NUMBER: &[&str] = &[
    "No", "Nos", "no", "nos", "Art", "Fig", "fig", "Figs", "p", "pp", "Op", "Ch", "Sec", "Para",
];

/// Abbreviations that often end a sentence as well (`…in the U.S. The next day…`): they end one
/// whenever a sentence-starting word follows. Other abbreviations (titles, initials) never do.
const MAY_END_SENTENCE: &[&str] = &[
    "etc", "Inc", "Co", "Cos", "Corp", "Ltd", "Bros", "Jr", "Sr", "Esq", "al", "Plc", "St", "Ave",
    "Blvd", "Rd",
];

/// Capitalised nouns that start sentences after company abbreviations (`…Inc. Police said…`)
/// but continue a place after a state (`Tulsa, Okla. Police Chief…`).
const NOUN_STARTERS: &[&str] = &[
    "Officials", "Police", "Authorities", "Image", "Photo", "Source", "Sources",
];

/// `word` equals `entry` up to upper-casing some of `entry`'s letters.
fn matches_entry(word: &str, entry: &str) -> bool {
    word.len() == entry.len()
        && word
            .bytes()
            .zip(entry.bytes())
            .all(|(w, e)| w == e || (w.is_ascii_uppercase() && w.to_ascii_lowercase() == e))
}

/// Title, rank, month and weekday abbreviations (`Gen`, `Sgt`, `Sept`, `Thurs`), which the
/// lexicon lists lowercase: matched as [`matches_entry`] matches a capitalised entry, with an
/// initial capital and any of the other letters upper-cased (`Gen`, `GEN`, not `gen`).
fn lexicon_abbreviation(word: &str) -> bool {
    word.is_ascii()
        && word.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
        && lexicon::flags_folded(word).intersects(Flags::TITLE_ABBREVIATION | Flags::ABBREVIATION)
}

fn listed(word: &str, list: &[&str]) -> bool {
    list.iter().any(|e| matches_entry(word, e))
}

/// `word` (with its final full stop) keeps the stop as part of the token.
/// `next` is the first char of the following chunk, if any.
pub(crate) fn keeps_period(word: &str, next: impl FnOnce() -> Option<char>) -> bool {
    let Some(body) = word.strip_suffix('.') else {
        return false;
    };
    // No abbreviation is this long; also keeps the check cheap on runs of junk.
    if body.len() > 24 {
        return false;
    }
    if body.is_empty() {
        return false;
    }
    if body.contains('.') {
        return is_dotted_initials(body);
    }
    let mut chars = body.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // A single letter: an initial (`J.`) or a list label (`c.`).
        return c.is_alphabetic();
    }
    if body.len() > MAX_ABBREVIATION_LEN {
        return false;
    }
    if listed(body, ABBREVIATIONS) || lexicon_abbreviation(body) || listed(body, US_STATES) {
        return true;
    }
    listed(body, BEFORE_NUMBER) && next().is_some_and(|c| c.is_ascii_digit())
}

/// `U.S`, `e.g`, `a.m`, `Ph.D`, `U.S.G`: letter groups of one or two letters joined by stops.
pub(crate) fn is_dotted_initials(body: &str) -> bool {
    body.split('.').all(|part| {
        let n = part.chars().count();
        (1..=2).contains(&n) && part.chars().all(char::is_alphabetic)
    })
}

/// An abbreviation token (`U.S.`, `Inc.`, `J.`) that is followed by `next` ends its sentence.
/// `wrapped`: the text is hard-wrapped wire copy, where every word after dotted initials may be
/// capitalised (Reuters-21578: `the U.S. And Japan will…`, `U.S. Officials said`).
pub(crate) fn abbreviation_ends_sentence(abbrev: &str, next: &str, wrapped: bool) -> bool {
    let body = abbrev.strip_suffix('.').unwrap_or(abbrev);
    // Closed-class words that do not continue a name or a title show a new sentence
    // ([`Flags::SENTENCE_STARTER`]), but in wrapped wire copy some continue one after `U.S.`.
    let next_flags = lexicon::flags_capitalised(next);
    let starter = next_flags.contains(Flags::SENTENCE_STARTER);
    if listed(body, US_STATES) {
        return starter;
    }
    if body.contains('.') {
        if matches!(body, "e.g" | "i.e" | "a.k.a") {
            return false;
        }
        if wrapped {
            return starter && !next_flags.contains(Flags::CONTINUES_INITIALS);
        }
        // `…From The U.S. And Iran`: title case, not a sentence opening with `And`.
        return (starter || NOUN_STARTERS.contains(&next)) && !matches!(next, "And" | "Or");
    }
    listed(body, MAY_END_SENTENCE) && (starter || NOUN_STARTERS.contains(&next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_abbreviations_keep_their_stop() {
        for w in ["Mr.", "Gov.", "GEN.", "Nov.", "Jr.", "etc.", "Etc.", "vs."] {
            assert!(keeps_period(w, || None), "{w}");
        }
        for w in ["mr.", "talks.", "Moscow.", "2016.", "."] {
            assert!(!keeps_period(w, || None), "{w}");
        }
    }

    #[test]
    fn dotted_initials_and_single_letters() {
        for w in ["U.S.", "e.g.", "a.m.", "Ph.D.", "U.S.G.", "J."] {
            assert!(keeps_period(w, || None), "{w}");
        }
        assert!(!keeps_period("Gawker.com.", || None));
        assert!(!keeps_period("5.93.", || None));
    }

    #[test]
    fn number_abbreviations_need_a_number() {
        assert!(keeps_period("No.", || Some('5')));
        assert!(!keeps_period("No.", || Some('T')));
        assert!(!keeps_period("no.", || None));
    }

    #[test]
    fn no_entry_is_longer_than_the_limit() {
        let all = ABBREVIATIONS
            .iter()
            .chain(US_STATES)
            .chain(BEFORE_NUMBER)
            .copied();
        let lexicon = lexicon::words(Flags::TITLE_ABBREVIATION | Flags::ABBREVIATION);
        assert!(all
            .chain(lexicon.map(|(w, _)| w))
            .all(|e| e.len() <= MAX_ABBREVIATION_LEN));
    }

    #[test]
    fn abbreviations_end_sentences_only_before_starters() {
        assert!(abbreviation_ends_sentence("U.S.", "The", false));
        assert!(!abbreviation_ends_sentence("U.S.", "President", false));
        assert!(!abbreviation_ends_sentence("Gov.", "The", false));
        assert!(!abbreviation_ends_sentence("J.", "He", false));
        assert!(abbreviation_ends_sentence("Inc.", "He", false));
        assert!(!abbreviation_ends_sentence("e.g.", "The", false));
        assert!(!abbreviation_ends_sentence("U.S.", "And", false));
        assert!(abbreviation_ends_sentence("U.S.", "Officials", false));
    }

    #[test]
    fn wire_copy_capitalises_after_dotted_initials() {
        assert!(!abbreviation_ends_sentence("U.S.", "Officials", true));
        assert!(!abbreviation_ends_sentence("U.K.", "Last", true));
        assert!(abbreviation_ends_sentence("U.S.", "The", true));
        assert!(abbreviation_ends_sentence("Corp.", "He", true));
    }

    #[test]
    fn states_and_street_suffixes_end_sentences_before_starters() {
        for (abbrev, next) in [
            ("Ill.", "The"),
            ("Tex.", "It"),
            ("MISS.", "His"),
            ("Ave.", "The"),
        ] {
            assert!(keeps_period(abbrev, || None), "{abbrev}");
            assert!(
                abbreviation_ends_sentence(abbrev, next, false),
                "{abbrev} {next}"
            );
        }
        assert!(!abbreviation_ends_sentence("Calif.", "Gov.", false));
        assert!(!abbreviation_ends_sentence("Okla.", "Police", false));
        assert!(abbreviation_ends_sentence("Inc.", "Police", false));
        assert!(!abbreviation_ends_sentence("Ave.", "Bridge", false));
    }
}
