//! The entity tagger's features for one sentence, hashed straight into the model's table.
//!
//! Which feature groups are on is part of the model (its `meta` string), so a model always
//! runs with the features it was trained with; the `train` command's `--features` flag turns
//! groups off for ablation.

use crate::history::History;
use newsnlp_doc::Span;
use newsnlp_tagger::Clusters;
use newsnlp_tagger::{FeatureHash, Features, NarrowSums, PackedWeights};
use std::fmt;

/// Feature groups, as bits of [`FeatureSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// The word as written and lower-cased.
    Word,
    /// Prefixes and suffixes of 1–4 characters.
    Affix,
    /// Word shape (`Xxxx`, `XX`, `d.d`) of the token and its neighbours.
    Shape,
    /// Lower-cased neighbours within ±2 and word bigrams.
    Context,
    /// Capitalisation in context: sentence-initial, all-caps sentence (headlines, datelines).
    Caps,
    /// Word clusters learned from unlabeled news text.
    Cluster,
    /// Labels given to the same word earlier in the document (non-local).
    History,
    /// Gazetteer membership: countries, cities, regions, nationalities, org suffixes, titles.
    Gazetteer,
    /// Labels a first-level model gave the same word anywhere in the document (stacking).
    Document,
}

impl Group {
    pub const ALL: [Group; 9] = [
        Group::Word,
        Group::Affix,
        Group::Shape,
        Group::Context,
        Group::Caps,
        Group::Cluster,
        Group::History,
        Group::Gazetteer,
        Group::Document,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Group::Word => "word",
            Group::Affix => "affix",
            Group::Shape => "shape",
            Group::Context => "context",
            Group::Caps => "caps",
            Group::Cluster => "cluster",
            Group::History => "history",
            Group::Gazetteer => "gazetteer",
            Group::Document => "document",
        }
    }

    fn bit(self) -> u32 {
        1 << self as u32
    }
}

/// The set of feature groups a model uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureSet(u32);

impl FeatureSet {
    pub fn all() -> FeatureSet {
        FeatureSet(Group::ALL.iter().fold(0, |m, g| m | g.bit()))
    }

    /// The shipped model's groups: all but [`Group::Document`], whose second-level model
    /// doubles tagging time for no measurable gain over [`Group::History`] (CoNLL-2003 dev
    /// 92.80 stacked vs 92.77).
    pub fn standard() -> FeatureSet {
        FeatureSet::all().without(Group::Document)
    }

    pub fn has(self, g: Group) -> bool {
        self.0 & g.bit() != 0
    }

    pub fn without(self, g: Group) -> FeatureSet {
        FeatureSet(self.0 & !g.bit())
    }

    /// Parses a comma-separated list of group names (`word,shape,…`).
    pub fn parse(s: &str) -> Option<FeatureSet> {
        let mut set = 0;
        for name in s.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            set |= Group::ALL.iter().find(|g| g.name() == name)?.bit();
        }
        Some(FeatureSet(set))
    }
}

impl fmt::Display for FeatureSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Group::ALL
            .iter()
            .filter(|g| self.has(**g))
            .map(|g| g.name())
            .collect();
        f.write_str(&names.join(","))
    }
}

// Template ids. Never renumber: they are part of every trained model.
const BIAS: u32 = 0;
const WORD: u32 = 1;
const LOWER: u32 = 2;
const PREFIX: u32 = 3;
const SUFFIX: u32 = 4;
const SHAPE: u32 = 5;
const SHAPE_LONG: u32 = 6;
const CTX: u32 = 7;
const CTX_SHAPE: u32 = 8;
const BIGRAM_LEFT: u32 = 9;
const BIGRAM_RIGHT: u32 = 10;
const SHAPE_TRIGRAM: u32 = 11;
const CAPS_SHAPE: u32 = 12;
const FIRST_SHAPE: u32 = 13;
const CLUSTER: u32 = 14;
const CTX_CLUSTER: u32 = 15;
const HISTORY: u32 = 16;
const GAZ: u32 = 17;
const GAZ_CTX: u32 = 18;
const CAPS_WORD: u32 = 19;
const DOCUMENT: u32 = 20;

/// What the extractor knows about one token, computed once per sentence.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TokenInfo {
    /// Compressed shape (`Xx`, `X.X.`, `d`), up to 8 bytes.
    shape: [u8; 8],
    shape_len: u8,
    cluster: Option<u16>,
    /// Gazetteer class bits of the token (see [`crate::lexicon`]), with its BILOU position
    /// inside the longest gazetteer match.
    gaz: u16,
    /// Hashes of the word as written and lower-cased, computed once and reused by every
    /// feature and lookup that names the word.
    pub(crate) exact: u64,
    pub(crate) lower: u64,
    pub(crate) capitalised: bool,
}

impl TokenInfo {
    /// What can be known of `w` on its own (no cluster, no gazetteer yet).
    pub(crate) fn new(w: &str) -> TokenInfo {
        let mut info = TokenInfo {
            exact: FeatureHash::new(0).bytes(w.as_bytes()).finish(),
            lower: FeatureHash::new(0).lower(w).finish(),
            capitalised: w.chars().next().is_some_and(char::is_uppercase),
            ..TokenInfo::default()
        };
        info.shape_len = write_shape(w, &mut info.shape) as u8;
        info
    }

    pub(crate) fn gaz(&self) -> u16 {
        self.gaz
    }

    pub(crate) fn set_gaz(&mut self, gaz: u16) {
        self.gaz = gaz;
    }

    fn shape(&self) -> &[u8] {
        &self.shape[..usize::from(self.shape_len)]
    }
}

/// Extracts the features of one sentence at a time.
pub(crate) struct Extractor<'a> {
    pub set: FeatureSet,
    pub clusters: &'a Clusters,
    pub info: Vec<TokenInfo>,
    /// The summed word-alone features of each word of the cluster table, by its id, for the
    /// model tagging (see [`word_sums`]); empty when training.
    words: &'a [NarrowSums],
    /// Per token of the last sentence, its entry in `words`, if its word has one (its
    /// word-alone features are then left out of the extracted features).
    cached: Vec<Option<u32>>,
    /// Training only: leave out a token's word features with this probability (per mille), so
    /// that context, shape and gazetteer features learn to carry names the word alone would
    /// mislead on (a name that was a company in the training data is a person elsewhere).
    word_dropout: u64,
    rng: u64,
}

impl<'a> Extractor<'a> {
    pub fn new(set: FeatureSet, clusters: &'a Clusters) -> Extractor<'a> {
        Extractor {
            set,
            clusters,
            info: Vec::new(),
            words: &[],
            cached: Vec::new(),
            word_dropout: 0,
            rng: 0x2545_f491_4f6c_dd1d,
        }
    }

    /// Reads the word-alone sums `words` ([`word_sums`] of the model tagging) instead of
    /// extracting those features for the words that have them.
    pub fn with_word_sums(mut self, words: &'a [NarrowSums]) -> Extractor<'a> {
        self.words = words;
        self
    }

    /// The word-alone sums of token `i` of the last sentence, when its word has them.
    pub fn cached_sums(&self, i: usize) -> Option<&'a NarrowSums> {
        let words = self.words;
        self.cached
            .get(i)
            .copied()
            .flatten()
            .map(|id| &words[id as usize])
    }

    /// Sets the training-time word dropout (per mille).
    pub fn with_word_dropout(mut self, per_mille: u64) -> Extractor<'a> {
        self.word_dropout = per_mille;
        self
    }

    fn drop_word(&mut self) -> bool {
        if self.word_dropout == 0 {
            return false;
        }
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.rng % 1000 < self.word_dropout
    }

    /// Fills `out` with the features of the sentence `tokens` of `text`, given the labels of
    /// earlier sentences (`history`) and, for a second-level model, the first level's labels
    /// of the whole document (`document`).
    pub fn sentence(
        &mut self,
        text: &str,
        tokens: &[Span],
        history: &History,
        document: Option<&History>,
        out: &mut Features,
    ) {
        out.clear();
        let word = |i: usize| text.get(tokens[i].range()).unwrap_or("");
        let caps_sentence = is_caps_sentence((0..tokens.len()).map(word));
        self.info.clear();
        self.cached.clear();
        for i in 0..tokens.len() {
            let mut info = TokenInfo::new(word(i));
            // One lookup gives the cluster and the word's id, which finds its sums.
            let (cluster, id) = self.clusters.lookup(info.exact, info.lower, caps_sentence);
            if self.set.has(Group::Cluster) {
                info.cluster = cluster;
            }
            self.info.push(info);
            self.cached
                .push(id.filter(|&id| (id as usize) < self.words.len()));
        }
        if self.set.has(Group::Gazetteer) {
            crate::lexicon::mark(text, tokens, &mut self.info);
        }
        let set = self.set;
        for i in 0..tokens.len() {
            out.next_token();
            let w = word(i);
            let info = self.info[i];
            if self.cached[i].is_none() {
                let keep_word = !(set.has(Group::Word) && self.drop_word());
                add_word_alone(set, w, &info, keep_word, out);
            }
            if set.has(Group::Shape) {
                self.add_shapes(i, out);
            }
            if set.has(Group::Context) {
                self.add_context(i, out);
            }
            if set.has(Group::Caps) {
                add_caps(i, &info, caps_sentence, out);
            }
            if set.has(Group::Cluster) {
                self.add_clusters(i, out);
            }
            if set.has(Group::History) {
                add_history(&info, history, out);
            }
            if let Some(d) = document.filter(|_| set.has(Group::Document)) {
                add_document(&info, d, out);
            }
            if set.has(Group::Gazetteer) {
                self.add_gazetteer(i, out);
            }
        }
    }

    /// The shapes around token `i` (its own are among the word-alone features).
    fn add_shapes(&self, i: usize, out: &mut Features) {
        let info = &self.info[i];
        for d in [-1i64, 1] {
            let s = self
                .neighbour(i, d)
                .map_or(&b"<s>"[..], |j| self.info[j].shape());
            out.add(FeatureHash::new(CTX_SHAPE).num(d as u64).bytes(s));
        }
        let left = if i > 0 {
            self.info[i - 1].shape()
        } else {
            b"<s>"
        };
        let right = if i + 1 < self.info.len() {
            self.info[i + 1].shape()
        } else {
            b"</s>"
        };
        out.add(
            FeatureHash::new(SHAPE_TRIGRAM)
                .bytes(left)
                .bytes(info.shape())
                .bytes(right),
        );
    }

    fn add_context(&self, i: usize, out: &mut Features) {
        let info = &self.info[i];
        for d in [-2i64, -1, 1, 2] {
            let f = FeatureHash::new(CTX).num(d as u64);
            out.add(match self.neighbour(i, d) {
                Some(j) => f.num(self.info[j].lower),
                None => f.bytes(if d < 0 { b"<s>" } else { b"</s>" }),
            });
        }
        let prev = FeatureHash::new(BIGRAM_LEFT);
        out.add(match i.checked_sub(1) {
            Some(j) => prev.num(self.info[j].lower).num(info.lower),
            None => prev.bytes(b"<s>").num(info.lower),
        });
        let next = FeatureHash::new(BIGRAM_RIGHT).num(info.lower);
        out.add(match self.info.get(i + 1) {
            Some(n) => next.num(n.lower),
            None => next.bytes(b"</s>"),
        });
    }

    fn add_clusters(&self, i: usize, out: &mut Features) {
        if let Some(c) = self.info[i].cluster {
            for level in 1..=3u64 {
                out.add(
                    FeatureHash::new(CLUSTER)
                        .num(level)
                        .num(u64::from(c >> (4 * (3 - level)))),
                );
            }
        }
        for d in [-1i64, 1] {
            if let Some(c) = self.neighbour(i, d).and_then(|j| self.info[j].cluster) {
                out.add(
                    FeatureHash::new(CTX_CLUSTER)
                        .num(d as u64)
                        .num(u64::from(c >> 4)),
                );
            }
        }
    }

    fn add_gazetteer(&self, i: usize, out: &mut Features) {
        let gaz = self.info[i].gaz;
        if gaz != 0 {
            out.add(FeatureHash::new(GAZ).num(u64::from(gaz)));
            for bit in 0..16 {
                if gaz >> bit & 1 == 1 {
                    out.add(FeatureHash::new(GAZ).num(100 + bit));
                }
            }
        }
        for d in [-1i64, 1] {
            if let Some(g) = self
                .neighbour(i, d)
                .map(|j| self.info[j].gaz)
                .filter(|&g| g != 0)
            {
                out.add(FeatureHash::new(GAZ_CTX).num(d as u64).num(u64::from(g)));
            }
        }
    }

    fn neighbour(&self, i: usize, d: i64) -> Option<usize> {
        let j = i as i64 + d;
        (j >= 0 && (j as usize) < self.info.len()).then_some(j as usize)
    }
}

/// The features of the word alone, whatever surrounds it: the same for every token of a
/// word, so they can be summed once per word ([`word_sums`]). `keep_word` false leaves out
/// the word itself (training's word dropout).
fn add_word_alone(set: FeatureSet, w: &str, info: &TokenInfo, keep_word: bool, out: &mut Features) {
    out.add(FeatureHash::new(BIAS));
    if set.has(Group::Word) && keep_word {
        out.add(FeatureHash::new(WORD).num(info.exact));
        out.add(FeatureHash::new(LOWER).num(info.lower));
    }
    if set.has(Group::Affix) {
        add_affixes(w, out);
    }
    if set.has(Group::Shape) {
        out.add(FeatureHash::new(SHAPE).bytes(info.shape()));
        let mut long = [0u8; 12];
        let n = write_long_shape(w, &mut long);
        out.add(FeatureHash::new(SHAPE_LONG).bytes(&long[..n]));
    }
}

/// The summed word-alone features of every word of `clusters`, by the word's id, under
/// `weights` (a model with feature set `set` and `2^bits` buckets). Empty when the model is too
/// wide for [`NarrowSums`]: the tagger then extracts every feature, as in training.
pub(crate) fn word_sums(
    set: FeatureSet,
    weights: &PackedWeights,
    bits: u8,
    clusters: &Clusters,
) -> Vec<NarrowSums> {
    let mut feats = Features::new(bits);
    clusters
        .words()
        .map(|w| {
            let info = TokenInfo::new(w);
            feats.clear();
            feats.next_token();
            add_word_alone(set, w, &info, true, &mut feats);
            weights.narrow_sums(feats.token(0))
        })
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default()
}

/// Whether most words of a sentence are in capitals (a headline, a dateline-only line), where
/// capitalisation says nothing.
fn is_caps_sentence<'t>(words: impl Iterator<Item = &'t str>) -> bool {
    let (mut upper, mut total) = (0usize, 0usize);
    for w in words.filter(|w| w.chars().any(char::is_alphabetic)) {
        total += 1;
        if is_all_caps(w) {
            upper += 1;
        }
    }
    total >= 2 && upper * 10 >= total * 8
}

/// The first and last 1–4 characters of a word, shorter than the word itself.
fn add_affixes(w: &str, out: &mut Features) {
    let ascii = w.is_ascii();
    let chars = if ascii { w.len() } else { w.chars().count() };
    for k in 1..chars.min(5) {
        // An ASCII word's characters are its bytes.
        let (p, s) = match ascii {
            true => (&w[..k], &w[w.len() - k..]),
            false => (char_prefix(w, k), char_suffix(w, k)),
        };
        out.add(FeatureHash::new(PREFIX).num(k as u64).bytes(p.as_bytes()));
        out.add(FeatureHash::new(SUFFIX).num(k as u64).lower(s));
    }
}

fn add_caps(i: usize, info: &TokenInfo, caps_sentence: bool, out: &mut Features) {
    out.add(
        FeatureHash::new(CAPS_SHAPE)
            .num(u64::from(caps_sentence))
            .bytes(info.shape()),
    );
    if i == 0 {
        out.add(FeatureHash::new(FIRST_SHAPE).bytes(info.shape()));
    }
    if caps_sentence {
        out.add(FeatureHash::new(CAPS_WORD).num(info.lower));
    }
}

/// Labels given to the same word earlier in the document, and whether each is its majority.
fn add_history(info: &TokenInfo, history: &History, out: &mut Features) {
    if let Some(counts) = history.get(info.lower, info.capitalised) {
        let total: u32 = counts.iter().map(|&c| u32::from(c)).sum();
        for (label, &c) in counts.iter().enumerate() {
            if c > 0 {
                let majority = u64::from(u32::from(c) * 2 >= total);
                out.add(FeatureHash::new(HISTORY).num(label as u64).num(majority));
            }
        }
    }
}

/// Labels a first-level model gave the same word anywhere in the document, with their share.
fn add_document(info: &TokenInfo, document: &History, out: &mut Features) {
    if let Some(counts) = document.get(info.lower, info.capitalised) {
        let total: u32 = counts.iter().map(|&c| u32::from(c)).sum();
        for (label, &c) in counts.iter().enumerate() {
            if c > 0 {
                let share = u64::from(u32::from(c) * 4 / total.max(1));
                out.add(FeatureHash::new(DOCUMENT).num(label as u64).num(share));
            }
        }
    }
}

/// True when `w` has letters and none of them is lower-case.
pub(crate) fn is_all_caps(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

fn char_class(c: char) -> u8 {
    if c.is_uppercase() {
        b'X'
    } else if c.is_lowercase() {
        b'x'
    } else if c.is_numeric() {
        b'd'
    } else if c.is_alphabetic() {
        b'a'
    } else if c.is_ascii() {
        c as u8
    } else {
        b'*'
    }
}

/// Writes the compressed shape of `w` (runs of one class collapsed: `Lavrov` → `Xx`).
fn write_shape(w: &str, out: &mut [u8; 8]) -> usize {
    let mut n = 0;
    for c in w.chars().map(char_class) {
        if n > 0 && out[n - 1] == c {
            continue;
        }
        if n == out.len() {
            break;
        }
        out[n] = c;
        n += 1;
    }
    n
}

/// Writes the uncompressed shape of `w`, runs capped at 3 (`1996-08-22` → `ddd-dd-dd`).
fn write_long_shape(w: &str, out: &mut [u8; 12]) -> usize {
    let mut n = 0;
    let mut run = 0;
    for c in w.chars().map(char_class) {
        if n > 0 && out[n - 1] == c {
            run += 1;
            if run >= 3 {
                continue;
            }
        } else {
            run = 0;
        }
        if n == out.len() {
            break;
        }
        out[n] = c;
        n += 1;
    }
    n
}

/// The first `k` characters of `w` (all of it when it is shorter).
fn char_prefix(w: &str, k: usize) -> &str {
    &w[..w.char_indices().nth(k).map_or(w.len(), |(b, _)| b)]
}

/// The last `k` characters of `w` (all of it when it is shorter).
fn char_suffix(w: &str, k: usize) -> &str {
    &w[w.char_indices().rev().nth(k - 1).map_or(0, |(b, _)| b)..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_compress_runs() {
        let mut s = [0u8; 8];
        let n = write_shape("Lavrov", &mut s);
        assert_eq!(&s[..n], b"Xx");
        let n = write_shape("U.S.", &mut s);
        assert_eq!(&s[..n], b"X.X.");
        let mut l = [0u8; 12];
        let n = write_long_shape("1996-08-22", &mut l);
        assert_eq!(&l[..n], b"ddd-dd-dd");
    }

    #[test]
    fn affixes_respect_char_boundaries() {
        assert_eq!(char_prefix("Größe", 3), "Grö");
        assert_eq!(char_suffix("Größe", 2), "ße");
        let affixes = |w: &str| {
            let mut f = Features::new(20);
            f.next_token();
            add_affixes(w, &mut f);
            f.token(0).to_vec()
        };
        // Only affixes shorter than the word: none of one letter, two each of two.
        assert!(affixes("a").is_empty());
        assert_eq!(affixes("ab").len(), 2);
        // ASCII and beyond take the same way to the same features: `Ab` as `Äb` would.
        let prefix = |p: &str| {
            (FeatureHash::new(PREFIX).num(1).bytes(p.as_bytes()).finish() & 0xf_ffff) as u32
        };
        assert_eq!(affixes("Ab")[0], prefix("A"));
        assert_eq!(affixes("Äb")[0], prefix("Ä"));
        assert_eq!(affixes("Grö").len(), 4);
        assert_eq!(affixes("Lavrov").len(), 8);
        assert_eq!(affixes("Größe").len(), 8);
    }

    #[test]
    fn feature_sets_parse_and_print() {
        let s = FeatureSet::parse("word,shape").unwrap();
        assert!(s.has(Group::Word) && s.has(Group::Shape) && !s.has(Group::History));
        assert_eq!(s.to_string(), "word,shape");
        assert_eq!(
            FeatureSet::parse(&FeatureSet::all().to_string()),
            Some(FeatureSet::all())
        );
        assert_eq!(FeatureSet::parse("word,nonsense"), None);
    }
}
