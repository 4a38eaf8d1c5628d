//! The tagger's features: hashed straight into the model's table, computed once per token
//! (static: the word, its affixes, shape, cluster and neighbours) plus three per decision
//! (the tags already chosen), with no allocation per token.

use crate::model::PosModel;
use newsnlp_doc::Span;
use newsnlp_tagger::packed::{Scores, LANES};
use newsnlp_tagger::{Clusters, FeatureHash, Features};
use std::ops::Range;

/// Feature template ids (part of the model: changing one needs a retrained model).
mod template {
    pub const BIAS: u32 = 0;
    pub const WORD: u32 = 1;
    pub const LOWER: u32 = 2;
    pub const SUFFIX: u32 = 3; // + length 1..=4
    pub const PREFIX: u32 = 8; // + length 1..=3
    pub const SHAPE: u32 = 12;
    pub const PREV_WORD: u32 = 13;
    pub const NEXT_WORD: u32 = 14;
    pub const PREV2_WORD: u32 = 15;
    pub const NEXT2_WORD: u32 = 16;
    pub const PREV_SUFFIX: u32 = 17;
    pub const NEXT_SUFFIX: u32 = 18;
    pub const CLUSTER: u32 = 19; // + prefix 0..=2 (4, 8, 12 bits)
    pub const PREV_CLUSTER: u32 = 22;
    pub const NEXT_CLUSTER: u32 = 23;
    pub const FIRST_CAPS: u32 = 24;
    pub const TAG1: u32 = 25;
    pub const TAG12: u32 = 26;
    pub const TAG1_WORD: u32 = 27;
}

/// What neighbours read of a token, hashed once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TokenKey {
    lower: u64,
    suffix3: u64,
    /// The 12-bit cluster code, or `NO_CLUSTER`.
    cluster: u16,
}

const NO_CLUSTER: u16 = u16::MAX;
const BOUNDARY: TokenKey = TokenKey {
    lower: 0x5eed,
    suffix3: 0x5eed,
    cluster: NO_CLUSTER - 1,
};

/// The scores of the features that depend on the word alone (its form, affixes, shape and
/// cluster), summed once per frequent word when a model is loaded: a frequent word then costs
/// one row instead of fifteen scattered ones, the same sums either way. Entries are by the
/// word's id in the cluster table, so the cluster lookup finds them.
#[derive(Debug, Default, Clone)]
pub(crate) struct WordCache {
    keys: Vec<TokenKey>,
    scores: Vec<Scores>,
}

impl WordCache {
    /// Caches every word of `clusters` (as written) for `model`, at the word's id.
    pub fn build(model: &PosModel, clusters: &Clusters) -> WordCache {
        let mut cache = WordCache::default();
        let mut feats = Features::new(model.tagger.bits());
        for w in clusters.words() {
            let key = token_key(clusters, w, false);
            feats.clear();
            feats.next_token();
            intrinsic(&mut feats, w, key);
            let mut scores = [0; LANES];
            model.packed.add_scores(feats.token(0), &mut scores);
            cache.scores.push(scores);
            cache.keys.push(key);
        }
        cache
    }

    /// Words cached (every word of the cluster table).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// The cached word's summed scores.
    pub fn scores(&self, word: u32) -> &Scores {
        &self.scores[word as usize]
    }
}

/// The keys of `w`: its lower-cased hash, suffix hash and cluster.
fn token_key(clusters: &Clusters, w: &str, caps: bool) -> TokenKey {
    let lower = FeatureHash::new(0).lower(w).finish();
    let exact = FeatureHash::new(0).bytes(w.as_bytes()).finish();
    TokenKey {
        lower,
        suffix3: FeatureHash::new(0).lower(suffix(w, 3)).finish(),
        cluster: clusters
            .get_hashed(exact, lower, caps)
            .unwrap_or(NO_CLUSTER),
    }
}

/// The features of the word alone.
fn intrinsic(f: &mut Features, w: &str, me: TokenKey) {
    use template::*;
    f.add(FeatureHash::new(BIAS));
    f.add(FeatureHash::new(WORD).bytes(w.as_bytes()));
    f.add(FeatureHash::new(LOWER).num(me.lower));
    for n in 1..=4 {
        f.add(FeatureHash::new(SUFFIX + n).lower(suffix(w, n as usize)));
    }
    for n in 1..=3 {
        f.add(FeatureHash::new(PREFIX + n).lower(prefix(w, n as usize)));
    }
    f.add(shape(w));
    if me.cluster != NO_CLUSTER {
        for (k, bits) in [4u16, 8, 12].into_iter().enumerate() {
            let code = u64::from(me.cluster >> (12 - bits));
            f.add(FeatureHash::new(CLUSTER + k as u32).num(code));
        }
    }
}

/// Per-window buffers, reused from window to window. A long sentence is read in windows of
/// tokens (`tag` walks it window by window), so the buffers stay bounded; every feature reads
/// at most two neighbours either side, so the features are those of the whole sentence.
#[derive(Debug)]
pub(crate) struct Extractor<'a> {
    clusters: &'a Clusters,
    cache: Option<&'a WordCache>,
    mask: u32,
    /// The sentence index of `keys[0]` and `cached[0]`: the window's first token, less the
    /// neighbours before it.
    base: usize,
    /// The sentence index of the window's first token (`feats.token(0)`).
    first: usize,
    keys: Vec<TokenKey>,
    /// Per token, its entry in the word cache (`u32::MAX`: not cached, its word features are in
    /// `feats`).
    cached: Vec<u32>,
    feats: Features,
}

impl<'a> Extractor<'a> {
    pub fn new(clusters: &'a Clusters, cache: Option<&'a WordCache>, bits: u8) -> Extractor<'a> {
        Extractor {
            clusters,
            cache,
            mask: ((1u64 << bits) - 1) as u32,
            base: 0,
            first: 0,
            keys: Vec::new(),
            cached: Vec::new(),
            feats: Features::new(bits),
        }
    }

    /// Extracts the features of every token of one (short) sentence.
    pub fn sentence(&mut self, text: &str, tokens: &[Span]) {
        self.window(text, tokens, is_caps(text, tokens), 0..tokens.len());
    }

    /// Extracts the features that do not depend on tags of the tokens `window` of a sentence
    /// (`caps`: the whole sentence is in capitals, see `is_caps`): into `self.feats`, except
    /// the word features of cached words (see `self.cached`).
    pub fn window(&mut self, text: &str, tokens: &[Span], caps: bool, window: Range<usize>) {
        // The cache holds clusters looked up as written: not for a sentence in capitals.
        let cache = self.cache.filter(|_| !caps);
        self.base = window.start.saturating_sub(2);
        self.first = window.start;
        self.keys.clear();
        self.cached.clear();
        for &t in &tokens[self.base..(window.end + 2).min(tokens.len())] {
            let w = &text[t.range()];
            let hit = cache.and_then(|c| {
                let exact = FeatureHash::new(0).bytes(w.as_bytes()).finish();
                let id = self.clusters.id(exact)?;
                c.keys.get(id as usize).map(|&key| (id, key))
            });
            let (entry, key) = hit.unwrap_or_else(|| (u32::MAX, token_key(self.clusters, w, caps)));
            self.keys.push(key);
            self.cached.push(entry);
        }
        self.feats.clear();
        for i in window {
            let w = &text[tokens[i].range()];
            self.feats.next_token();
            if self.cached[i - self.base] == u32::MAX {
                intrinsic(&mut self.feats, w, self.keys[i - self.base]);
            }
            self.context(w, i);
        }
    }

    /// The tag-independent feature buckets of token `i` (of the current window), less those of
    /// a cached word (see [`Extractor::cached_scores`]).
    pub fn token(&self, i: usize) -> &[u32] {
        self.feats.token(i - self.first)
    }

    /// The features of the words around token `i`.
    fn context(&mut self, w: &str, i: usize) {
        use template::*;
        let key = |j: isize| {
            usize::try_from(j)
                .ok()
                .and_then(|j| self.keys.get(j - self.base))
                .copied()
                .unwrap_or(BOUNDARY)
        };
        let i = i as isize;
        let f = &mut self.feats;
        f.add(FeatureHash::new(PREV_WORD).num(key(i - 1).lower));
        f.add(FeatureHash::new(NEXT_WORD).num(key(i + 1).lower));
        f.add(FeatureHash::new(PREV2_WORD).num(key(i - 2).lower));
        f.add(FeatureHash::new(NEXT2_WORD).num(key(i + 2).lower));
        f.add(FeatureHash::new(PREV_SUFFIX).num(key(i - 1).suffix3));
        f.add(FeatureHash::new(NEXT_SUFFIX).num(key(i + 1).suffix3));
        f.add(FeatureHash::new(PREV_CLUSTER).num(u64::from(key(i - 1).cluster >> 4)));
        f.add(FeatureHash::new(NEXT_CLUSTER).num(u64::from(key(i + 1).cluster >> 4)));
        if i == 0 && w.starts_with(char::is_uppercase) {
            f.add(FeatureHash::new(FIRST_CAPS));
        }
    }

    /// The cached word scores of token `i`, if its word is cached.
    pub fn cached_scores(&self, i: usize) -> Option<&'a Scores> {
        let entry = self.cached[i - self.base];
        (entry != u32::MAX).then(|| self.cache.map(|c| c.scores(entry)))?
    }

    /// The bucket ids of the features that depend on the tags chosen for the two previous
    /// tokens (`prev`, `prev2`; the tag count stands for "none") of token `i`.
    pub fn history(&self, i: usize, prev: u16, prev2: u16) -> [u32; 3] {
        use template::*;
        let m = self.mask;
        let bucket = |h: FeatureHash| (h.finish() as u32) & m;
        [
            bucket(FeatureHash::new(TAG1).num(u64::from(prev))),
            bucket(FeatureHash::new(TAG12).num(u64::from(prev) << 16 | u64::from(prev2))),
            bucket(
                FeatureHash::new(TAG1_WORD)
                    .num(u64::from(prev))
                    .num(self.keys[i - self.base].lower),
            ),
        ]
    }
}

/// A sentence without lower-case letters (a headline in capitals) looks words up by their
/// lower-cased form.
pub(crate) fn is_caps(text: &str, tokens: &[Span]) -> bool {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return false;
    };
    let s = &text[first.start..last.end];
    s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
}

/// The last `n` characters of `w`.
pub(crate) fn suffix(w: &str, n: usize) -> &str {
    let at = w.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    &w[at..]
}

/// The first `n` characters of `w`.
fn prefix(w: &str, n: usize) -> &str {
    let at = w.char_indices().nth(n).map_or(w.len(), |(i, _)| i);
    &w[..at]
}

/// Word shape: `Xx` for `Lavrov`, `d,d` for `155,221`, `X.X.` for `U.S.`; runs of one class
/// collapse, at most 8 classes are hashed.
fn shape(w: &str) -> FeatureHash {
    let mut h = FeatureHash::new(template::SHAPE);
    let mut last = 0u32;
    let mut n = 0;
    for c in w.chars() {
        let class = if c.is_uppercase() {
            'X' as u32
        } else if c.is_lowercase() {
            'x' as u32
        } else if c.is_numeric() {
            'd' as u32
        } else {
            c as u32
        };
        if class != last {
            h = h.num(u64::from(class));
            last = class;
            n += 1;
            if n == 8 {
                break;
            }
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affixes_count_characters() {
        assert_eq!(suffix("Straße", 3), "aße");
        assert_eq!(suffix("go", 4), "go");
        assert_eq!(prefix("Émile", 2), "Ém");
        assert_eq!(prefix("a", 3), "a");
    }

    #[test]
    fn shapes_tell_names_numbers_and_abbreviations_apart() {
        let s = |w: &str| shape(w).finish();
        assert_eq!(s("Lavrov"), s("Moscow"));
        assert_eq!(s("155,221"), s("1,2"));
        assert_ne!(s("U.S."), s("US"));
        assert_ne!(s("said"), s("Said"));
    }
}
