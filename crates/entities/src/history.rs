//! Document-level (non-local) memory: the labels already given to a word in this document.
//!
//! A name is usually tagged right where its context is clear (`Sergey Lavrov said`) and may be
//! ambiguous elsewhere (`LAVROV` in a headline, `Lavrov` at a sentence start); feeding the
//! earlier decisions back as features keeps one name's label consistent across the story
//! (Ratinov & Roth 2009, "extended prediction history").

use newsnlp_tagger::HashedMap;

/// Counts per label (`PER`, `ORG`, `LOC`, `MISC`, then outside any entity) of each
/// capitalised word, keyed by the hash of its lower-cased form.
#[derive(Debug, Default, Clone)]
pub(crate) struct History {
    counts: HashedMap<[u16; 5]>,
}

impl History {
    pub fn clear(&mut self) {
        self.counts.clear();
    }

    /// The counts of a word (by the hash of its lower-cased form), when it is capitalised and
    /// was seen before.
    pub fn get(&self, lower: u64, capitalised: bool) -> Option<&[u16; 5]> {
        if capitalised {
            self.counts.get(&lower)
        } else {
            None
        }
    }

    /// Records that a word was tagged with `label` (`None`: outside any entity).
    pub fn record(&mut self, lower: u64, capitalised: bool, label: Option<usize>) {
        if capitalised {
            let slot = &mut self.counts.entry(lower).or_default()[label.unwrap_or(4).min(4)];
            *slot = slot.saturating_add(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsnlp_tagger::FeatureHash;

    #[test]
    fn remembers_capitalised_words_case_insensitively() {
        let key = |w: &str| FeatureHash::new(0).lower(w).finish();
        let mut h = History::default();
        h.record(key("Lavrov"), true, Some(0));
        h.record(key("Lavrov"), true, Some(0));
        h.record(key("said"), false, None);
        assert_eq!(h.get(key("LAVROV"), true), Some(&[2, 0, 0, 0, 0]));
        assert_eq!(h.get(key("said"), false), None);
        assert_eq!(h.get(key("Said"), true), None);
    }
}
