//! News-like text from fuzzer bytes: each byte picks one fragment from a weighted alphabet.
//!
//! Uniform bytes would almost never make a quotation with a cue and a capitalised name, so the
//! alphabet is made of the pieces the stages react to, weighted towards the awkward ones:
//! quotation marks of every kind, capitals, dots, dashes, line breaks and non-Latin scripts.
//! One byte per fragment keeps libFuzzer's mutations meaningful (a flipped byte swaps one
//! fragment for another).

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use std::sync::OnceLock;

/// Fragments with their weights (how many of the 255 byte values pick them).
const FRAGMENTS: &[(u8, &[&str])] = &[
    // Quotation marks, straight and typographic, in every language's style.
    (
        6,
        &[
            "\"", "“", "”", "‘", "’", "«", "»", "„", "'", "‚", "‹", "›", "「", "」", "``", "''",
        ],
    ),
    // Capitalised names, titles, agencies, headline capitals.
    (
        3,
        &[
            "Sergey", "Lavrov", "MOSCOW", "LONDON", "Mr.", "The", "He", "U.S.", "Reuters", "TASS",
            "(Reuters)", "(AP)", "/TASS/", "Angela Merkel", "Jean-Marc", "OPCW", "NEW YORK", "Kim",
            "I", "A.",
        ],
    ),
    // Dots, ellipses, other sentence punctuation.
    (4, &[".", ". ", "...", "…", "?", "!", ",", ", ", ":", ";"]),
    // Dashes and hyphens.
    (4, &["-", " - ", "--", "—", "–", "―", "‐"]),
    // Line and paragraph breaks, spaces of every kind.
    (
        4,
        &[
            "\n", "\n\n", "\r\n", "\r", "\u{2029}", "\u{2028}", " ", "  ", "\u{A0}", "\t",
            "\u{200B}", "\u{FEFF}", "\u{3000}",
        ],
    ),
    // Non-Latin scripts, combining marks, emoji.
    (
        3,
        &[
            "Сергей", "Лавров", "сказал", "МОСКВА", "東京", "北京", "مرحبا", "שלום", "ΑΘΗΝΑ",
            "İstanbul", "ß", "e\u{301}", "\u{301}", "👍🏽", "👨\u{200D}👩", "🇷🇺", "ǅ", "ﬁ",
        ],
    ),
    // Cue words, pronouns and ordinary words.
    (
        2,
        &[
            "said", "says", "told", "according to", "he", "she", "they", "the", "minister", "that",
            "added", "asked", "who", "it", "was", "on", "in", "of", "and", "reporters",
        ],
    ),
    // Dates, numbers, months, weekdays.
    (
        2,
        &[
            "24", "2016", "Nov", "November", "Nov.", "Sept.", "Monday", "1996-08-22", "0", "31",
            "155,221", "5.93", "(", ")", "/", "&", "@", "#",
        ],
    ),
];

/// Byte value that reads an arbitrary `char` from the next bytes instead of a fragment.
const RAW_CHAR: u8 = 255;

/// The fragment each byte value `0..255` picks.
fn table() -> &'static [&'static str] {
    static TABLE: OnceLock<Vec<&'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let weighted: Vec<&str> = FRAGMENTS
            .iter()
            .flat_map(|&(w, group)| {
                group
                    .iter()
                    .flat_map(move |f| std::iter::repeat_n(*f, w.into()))
            })
            .collect();
        (0..usize::from(RAW_CHAR))
            .map(|b| weighted[b * weighted.len() / usize::from(RAW_CHAR)])
            .collect()
    })
}

/// Reads news-like text of at most `max_fragments` fragments.
pub fn news_text(u: &mut Unstructured<'_>, max_fragments: usize) -> Result<String> {
    let table = table();
    let n = u.arbitrary_len::<u8>()?.min(max_fragments);
    let mut text = String::new();
    for _ in 0..n {
        match u.arbitrary::<u8>()? {
            RAW_CHAR => text.push(u.arbitrary::<char>()?),
            b => text.push_str(table[usize::from(b)]),
        }
    }
    Ok(text)
}

/// A `published` value: a plausible ISO date, an edge-case one, or arbitrary text.
pub fn published(u: &mut Unstructured<'_>) -> Result<Option<String>> {
    Ok(match u.int_in_range(0u8..=5)? {
        0 => None,
        1 => Some("2016-11-24".to_string()),
        2 => Some(format!(
            "{:04}-{:02}-{:02}",
            u.int_in_range(0u32..=9999)?,
            u.int_in_range(0u32..=13)?,
            u.int_in_range(0u32..=32)?
        )),
        3 => Some(
            u.choose(&[
                "0000-01-01", "9999-12-31", "0001-01-01", "2016-02-29T23:59:59Z",
            ])?
            .to_string(),
        ),
        _ => Some(news_text(u, 12)?),
    })
}
