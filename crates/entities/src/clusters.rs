//! Word clusters learned from unlabeled news text, and the generator that learns them.
//!
//! Each word gets a 12-bit code from a three-level hierarchical clustering (16 × 16 × 16) of
//! its left and right context distributions; the tagger uses the 4-, 8- and 12-bit prefixes as
//! features, as it would Brown cluster paths. Rare and unseen names then share weights with
//! frequent words that occur in the same contexts (`Ayrault` with other surnames).

use newsnlp_tagger::FeatureHash;
use std::collections::HashMap;

/// The shipped cluster table (`word<TAB>code` lines), built by `newsnlp-entities clusters`.
pub const EMBEDDED: &str = include_str!("../model/clusters.tsv");

/// Word → 12-bit cluster code.
#[derive(Debug, Default, Clone)]
pub struct Clusters {
    exact: HashMap<u64, u16>,
    /// By lower-cased form, the code of the most frequent spelling (for ALL-CAPS text).
    lower: HashMap<u64, u16>,
}

impl Clusters {
    /// Parses `word<TAB>code` lines, most frequent words first; malformed lines are skipped.
    pub fn parse(tsv: &str) -> Clusters {
        let mut c = Clusters::default();
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let Some((word, code)) = line.split_once('\t') else { continue };
            let Ok(code) = code.trim().parse::<u16>() else { continue };
            c.exact.entry(FeatureHash::new(0).bytes(word.as_bytes()).finish()).or_insert(code);
            c.lower.entry(FeatureHash::new(0).lower(word).finish()).or_insert(code);
        }
        c
    }

    pub fn len(&self) -> usize {
        self.exact.len()
    }

    pub fn is_empty(&self) -> bool {
        self.exact.is_empty()
    }

    /// The code of `word`; in an all-caps sentence by its lower-cased form only.
    pub fn get(&self, word: &str, caps_sentence: bool) -> Option<u16> {
        if !caps_sentence {
            if let Some(&c) = self.exact.get(&FeatureHash::new(0).bytes(word.as_bytes()).finish()) {
                return Some(c);
            }
        }
        self.lower.get(&FeatureHash::new(0).lower(word).finish()).copied()
    }
}
