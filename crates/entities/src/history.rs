//! Document-level (non-local) memory: the labels already given to a word in this document.
//!
//! A name is usually tagged right where its context is clear (`Sergey Lavrov said`) and may be
//! ambiguous elsewhere (`LAVROV` in a headline, `Lavrov` at a sentence start); feeding the
//! earlier decisions back as features keeps one name's label consistent across the story
//! (Ratinov & Roth 2009, "extended prediction history").

use newsnlp_tagger::FeatureHash;
use std::collections::HashMap;

/// Counts per label (`PER`, `ORG`, `LOC`, `MISC`, then outside any entity) of each
/// capitalised word, keyed by the hash of its lower-cased form.
#[derive(Debug, Default, Clone)]
pub(crate) struct History {
    counts: HashMap<u64, [u16; 5]>,
}

impl History {
    pub fn clear(&mut self) {
        self.counts.clear();
    }

    fn key(word: &str) -> Option<u64> {
        word.chars()
            .next()
            .filter(|c| c.is_uppercase())
            .map(|_| FeatureHash::new(0).lower(word).finish())
    }

    /// The counts of `word`, when it is capitalised and was seen before.
    pub fn get(&self, word: &str) -> Option<&[u16; 5]> {
        Self::key(word).and_then(|k| self.counts.get(&k))
    }

    /// Records that `word` was tagged with `label` (`None`: outside any entity).
    pub fn record(&mut self, word: &str, label: Option<usize>) {
        if let Some(k) = Self::key(word) {
            let slot = &mut self.counts.entry(k).or_default()[label.unwrap_or(4).min(4)];
            *slot = slot.saturating_add(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_capitalised_words_case_insensitively() {
        let mut h = History::default();
        h.record("Lavrov", Some(0));
        h.record("said", None);
        assert_eq!(h.get("LAVROV"), Some(&[1, 0, 0, 0, 0]));
        assert_eq!(h.get("said"), None);
        assert_eq!(h.get("Said"), None);
    }
}
