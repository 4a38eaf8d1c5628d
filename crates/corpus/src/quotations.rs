//! Quotations: quote texts normalised, then grouped per speaker by equality and containment.
//!
//! Normalising keeps the words only: lower case, apostrophes dropped inside words (`don't` →
//! `dont`), every other run of punctuation, quotation marks and whitespace one space. Two
//! occurrences are one quotation when their normalised texts are equal, or when one is a
//! contiguous run of the other's words (Quotebank's rule: the shorter joins the longer).
//! Containment is tried only for texts of at least [`SHINGLE`] words, so `no` or `fake news`
//! never swallow every sentence that holds them.
//!
//! Grouping works on distinct normalised texts (memory grows with them, not with documents).
//! Containment is not tried all pairs: texts are taken longest first, and each is indexed
//! under every run of [`SHINGLE`] words it holds (hashed with its speaker). A shorter text
//! looks up only the postings of its rarest shingle — any text containing it holds that
//! shingle — and checks those few candidates with a substring search. The cost is the total
//! number of words plus the candidates checked, which stay few because a posting list is per
//! speaker.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// The number of words in an indexed run; texts shorter than this join only by equality.
pub const SHINGLE: usize = 4;

/// `text` normalised for case, whitespace, quotation marks and punctuation.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else if !matches!(c, '\'' | '’' | '\u{2bc}') {
            gap = true;
        }
    }
    out
}

/// One distinct normalised text of one speaker (`None`: an unresolved speaker).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    pub speaker: Option<usize>,
    pub text: String,
}

/// The quotation each key belongs to: the index of its longest containing key (itself when
/// none contains it). Keys are in first-appearance order; so is the result's numbering input.
pub fn group(keys: &[Key]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(keys[i].text.len()), i));
    let mut root: Vec<usize> = (0..keys.len()).collect();
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    for &i in &order {
        let shingles = shingles(&keys[i]);
        if let Some(container) = longest_container(keys, i, &shingles, &index) {
            root[i] = root[container];
        }
        for s in shingles {
            let postings = index.entry(s).or_default();
            if postings.last() != Some(&i) {
                postings.push(i);
            }
        }
    }
    root
}

/// The longest indexed key of the same speaker that holds key `i` as a run of whole words.
fn longest_container(
    keys: &[Key],
    i: usize,
    shingles: &[u64],
    index: &HashMap<u64, Vec<usize>>,
) -> Option<usize> {
    let rarest = shingles
        .iter()
        .map(|s| index.get(s).map_or(&[][..], Vec::as_slice))
        .min_by_key(|p| p.len())?;
    let needle = format!(" {} ", keys[i].text);
    // Postings are in indexing order, longest first: the first match is the longest.
    rarest.iter().copied().find(|&c| {
        keys[c].speaker == keys[i].speaker && format!(" {} ", keys[c].text).contains(&needle)
    })
}

/// The hashes of every run of [`SHINGLE`] words of the key, with its speaker.
fn shingles(key: &Key) -> Vec<u64> {
    let words: Vec<&str> = key.text.split(' ').collect();
    if words.len() < SHINGLE {
        return Vec::new();
    }
    words
        .windows(SHINGLE)
        .map(|w| {
            let mut h = DefaultHasher::new();
            (key.speaker, w).hash(&mut h);
            h.finish()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(speaker: usize, text: &str) -> Key {
        Key {
            speaker: Some(speaker),
            text: normalise(text),
        }
    }

    #[test]
    fn normalising_ignores_case_marks_and_punctuation() {
        assert_eq!(
            normalise("“We don't  accept — the OPCW's findings,” "),
            "we dont accept the opcws findings"
        );
        assert_eq!(
            normalise("\"We DON’T accept the OPCW’s findings.\""),
            "we dont accept the opcws findings"
        );
        assert_eq!(normalise("..."), "");
    }

    #[test]
    fn a_partial_quotation_joins_its_whole() {
        let keys = [
            key(0, "the OPCW report is a provocation"),
            key(
                0,
                "We believe the OPCW report is a provocation, and we will say so.",
            ),
            key(1, "the OPCW report is a provocation"),
            key(0, "a provocation"),
        ];
        // Key 0 joins key 1; another speaker's equal text does not; too short to join.
        assert_eq!(group(&keys), vec![1, 1, 2, 3]);
    }

    #[test]
    fn containment_follows_to_the_longest() {
        let keys = [
            key(0, "one two three four"),
            key(0, "zero one two three four five"),
            key(0, "minus one zero one two three four five six"),
            key(0, "one two three four five six seven eight nine"),
        ];
        let roots = group(&keys);
        assert_eq!(roots[1], 2);
        assert_eq!(roots[2], 2);
        assert_eq!(roots[3], 3);
        assert!(roots[0] == 2 || roots[0] == 3);
    }

    #[test]
    fn words_are_not_matched_inside_words() {
        let keys = [
            key(0, "the war is over now"),
            key(0, "they said the warship is over now"),
        ];
        assert_eq!(group(&keys), vec![0, 1]);
    }
}
