//! Word clusters learned from unlabeled news text, and the generator that learns them.
//!
//! Each word gets a 12-bit code from a three-level hierarchical clustering (16 × 16 × 16) of
//! its left and right context distributions; the tagger uses the 4-, 8- and 12-bit prefixes as
//! features, as it would Brown cluster paths. Rare and unseen names then share weights with
//! frequent words that occur in the same contexts (`Ayrault` with other surnames).

use crate::{FeatureHash, HashedMap};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The shipped cluster table (`word<TAB>code` lines), built by `newsnlp-entities clusters`.
pub const EMBEDDED: &str = include_str!("../model/clusters.tsv");

/// The shipped table, parsed once and shared: the pos and entity taggers both read it.
pub fn embedded() -> &'static Clusters {
    static TABLE: OnceLock<Clusters> = OnceLock::new();
    TABLE.get_or_init(|| Clusters::parse(EMBEDDED))
}

/// Word → 12-bit cluster code.
#[derive(Debug, Default, Clone)]
pub struct Clusters {
    /// By the word as written: its code and its id (see [`Clusters::lookup`]).
    exact: HashedMap<(u16, u32)>,
    /// By lower-cased form, the code of the most frequent spelling (for ALL-CAPS text).
    lower: HashedMap<u16>,
    /// The distinct spellings in id order, one after another; `ends[id]` is where each ends.
    spellings: String,
    ends: Vec<u32>,
}

impl Clusters {
    /// Parses `word<TAB>code` lines, most frequent words first; malformed lines are skipped.
    pub fn parse(tsv: &str) -> Clusters {
        let mut c = Clusters::default();
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let Some((word, code)) = line.split_once('\t') else {
                continue;
            };
            let Ok(code) = code.trim().parse::<u16>() else {
                continue;
            };
            let id = c.ends.len() as u32;
            let exact = FeatureHash::new(0).bytes(word.as_bytes()).finish();
            if let std::collections::hash_map::Entry::Vacant(slot) = c.exact.entry(exact) {
                slot.insert((code, id));
                c.spellings.push_str(word);
                c.ends.push(c.spellings.len() as u32);
            }
            c.lower
                .entry(FeatureHash::new(0).lower(word).finish())
                .or_insert(code);
        }
        c
    }

    pub fn len(&self) -> usize {
        self.exact.len()
    }

    pub fn is_empty(&self) -> bool {
        self.exact.is_empty()
    }

    /// The table's distinct spellings in id order (see [`Clusters::lookup`]): a tagger keeps
    /// what it computes per word at the word's id.
    pub fn words(&self) -> impl Iterator<Item = &str> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.spellings[start as usize..end as usize])
    }

    /// The code of `word`; in an all-caps sentence by its lower-cased form only.
    pub fn get(&self, word: &str, caps_sentence: bool) -> Option<u16> {
        let exact = FeatureHash::new(0).bytes(word.as_bytes()).finish();
        self.get_hashed(
            exact,
            FeatureHash::new(0).lower(word).finish(),
            caps_sentence,
        )
    }

    /// [`Clusters::get`] by the hashes (`FeatureHash::new(0)`) of the word as written and
    /// lower-cased, which the tagger computes once per token.
    pub fn get_hashed(&self, exact: u64, lower: u64, caps_sentence: bool) -> Option<u16> {
        self.lookup(exact, lower, caps_sentence).0
    }

    /// The id of the word as written (see [`Clusters::lookup`]).
    #[inline]
    pub fn id(&self, exact: u64) -> Option<u32> {
        self.exact.get(&exact).map(|&(_, id)| id)
    }

    /// [`Clusters::get_hashed`], and the id of the word as written when the table has it: ids
    /// number the table's distinct words from 0 (fewer than [`Clusters::len`]), so a tagger can
    /// keep what it computes per frequent word in a plain array, found by the one lookup it
    /// makes anyway.
    #[inline]
    pub fn lookup(
        &self,
        exact: u64,
        lower: u64,
        caps_sentence: bool,
    ) -> (Option<u16>, Option<u32>) {
        let found = self.exact.get(&exact).copied();
        let id = found.map(|(_, id)| id);
        match found {
            Some((code, _)) if !caps_sentence => (Some(code), id),
            _ => (self.lower.get(&lower).copied(), id),
        }
    }
}

/// Settings of [`build`].
#[derive(Debug, Clone, Copy)]
pub struct BuildOptions {
    /// Words seen fewer times get no cluster.
    pub min_count: usize,
    /// At most this many words (the most frequent) are clustered.
    pub max_words: usize,
    /// The most frequent words serve as context features.
    pub contexts: usize,
    pub iterations: usize,
}

impl Default for BuildOptions {
    fn default() -> BuildOptions {
        BuildOptions {
            min_count: 3,
            max_words: 50_000,
            contexts: 300,
            iterations: 15,
        }
    }
}

/// Learns clusters from tokenized sentences and returns the table as `word<TAB>code` lines,
/// most frequent first.
///
/// Each word is represented by the positive PMI of its left and right neighbours (the most
/// frequent words, others pooled), normalised; spherical k-means then splits the words into 16 groups, each group into 16, and again,
/// giving a 12-bit code whose prefixes act like Brown cluster paths.
pub fn build(sentences: &[Vec<String>], opts: BuildOptions) -> String {
    let vocab = vocabulary(sentences, opts);
    let (vectors, dims) = context_vectors(sentences, &vocab, opts.contexts);
    let codes = hierarchical_codes(&vectors, dims, vocab.len(), opts.iterations);
    let mut out = String::new();
    for ((w, _), c) in vocab.iter().zip(codes) {
        if !w.contains(['\t', '\n']) {
            out.push_str(w);
            out.push('\t');
            out.push_str(&c.to_string());
            out.push('\n');
        }
    }
    out
}

/// The words worth a cluster, with their counts: seen at least `min_count` times, the
/// `max_words` most frequent, most frequent first (ties in byte order, so the table is stable).
fn vocabulary(sentences: &[Vec<String>], opts: BuildOptions) -> Vec<(&str, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for s in sentences {
        for w in s {
            *counts.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut vocab: Vec<(&str, usize)> = counts
        .into_iter()
        .filter(|&(_, c)| c >= opts.min_count)
        .collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    vocab.truncate(opts.max_words);
    vocab
}

/// Each word of `vocab` as the normalised positive PMI of its left and right neighbours among
/// the `contexts` most frequent words (the others pooled into one): rows of one flat vector,
/// and their width.
fn context_vectors(
    sentences: &[Vec<String>],
    vocab: &[(&str, usize)],
    contexts: usize,
) -> (Vec<f32>, usize) {
    let index: HashMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i))
        .collect();
    let n_ctx = contexts.min(vocab.len()) + 1; // + one pooled "rare word" context
    let ctx_of = |w: &str| {
        index
            .get(w)
            .copied()
            .filter(|&i| i + 1 < n_ctx)
            .unwrap_or(n_ctx - 1)
    };
    // Sparse co-occurrence counts: feature = side * n_ctx + context word.
    let mut cooc: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    let mut feat_totals = vec![0f64; 2 * n_ctx];
    let mut total = 0f64;
    for s in sentences {
        for (i, w) in s.iter().enumerate() {
            let Some(&wi) = index.get(w.as_str()) else {
                continue;
            };
            let left = if i > 0 { ctx_of(&s[i - 1]) } else { n_ctx - 1 };
            let right = s.get(i + 1).map_or(n_ctx - 1, |r| ctx_of(r));
            for f in [left, n_ctx + right] {
                *cooc[wi].entry(f as u32).or_default() += 1.0;
                feat_totals[f] += 1.0;
                total += 1.0;
            }
        }
    }
    let dims = 2 * n_ctx;
    let mut vectors = vec![0f32; vocab.len() * dims];
    for (wi, row) in cooc.iter().enumerate() {
        let w_total: f64 = row.values().map(|&c| f64::from(c)).sum();
        let v = &mut vectors[wi * dims..(wi + 1) * dims];
        for (&f, &c) in row {
            let pmi = (f64::from(c) * total / (w_total * feat_totals[f as usize])).ln();
            if pmi > 0.0 {
                v[f as usize] = pmi as f32;
            }
        }
        normalise(v);
    }
    (vectors, dims)
}

/// The 12-bit code of each of the `n` words: k-means splits them into 16 groups, each group
/// into 16, and again; each level writes four bits, most significant first.
fn hierarchical_codes(vectors: &[f32], dims: usize, n: usize, iterations: usize) -> Vec<u16> {
    let mut codes = vec![0u16; n];
    let all: Vec<usize> = (0..n).collect();
    let mut groups = vec![all];
    for level in 0..3 {
        let mut next = Vec::new();
        for g in &groups {
            let assign = kmeans(vectors, dims, g, 16, iterations);
            let mut parts: Vec<Vec<usize>> = vec![Vec::new(); 16];
            for (&w, &a) in g.iter().zip(&assign) {
                codes[w] |= (a as u16) << (4 * (2 - level));
                parts[a].push(w);
            }
            next.extend(parts.into_iter().filter(|p| !p.is_empty()));
        }
        groups = next;
    }
    codes
}

fn normalise(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

/// Spherical k-means of the words `members` (rows of `vectors`); returns each one's cluster.
/// Frequent words seed the clusters (members come in frequency order).
fn kmeans(
    vectors: &[f32],
    dims: usize,
    members: &[usize],
    k: usize,
    iterations: usize,
) -> Vec<usize> {
    let row = |w: usize| &vectors[w * dims..(w + 1) * dims];
    if members.len() <= k {
        return (0..members.len()).collect();
    }
    // Farthest-point seeding among the more frequent half: the most frequent word first, then
    // each time the word least similar to every seed so far.
    let pool = &members[..(members.len() / 2).max(k)];
    let dot = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
    let mut closest: Vec<f32> = pool.iter().map(|&w| dot(row(w), row(pool[0]))).collect();
    let mut centroids: Vec<f32> = row(pool[0]).to_vec();
    for _ in 1..k {
        let next = closest
            .iter()
            .enumerate()
            .fold((0, f32::MAX), |b, (i, &s)| if s < b.1 { (i, s) } else { b })
            .0;
        centroids.extend_from_slice(row(pool[next]));
        for (c, &w) in closest.iter_mut().zip(pool) {
            *c = c.max(dot(row(w), row(pool[next])));
        }
    }
    let mut assign = vec![0usize; members.len()];
    for _ in 0..iterations {
        for (a, &w) in assign.iter_mut().zip(members) {
            let v = row(w);
            *a = (0..k)
                .map(|c| {
                    (
                        c,
                        centroids[c * dims..(c + 1) * dims]
                            .iter()
                            .zip(v)
                            .map(|(x, y)| x * y)
                            .sum::<f32>(),
                    )
                })
                .fold(
                    (0, f32::MIN),
                    |best, cur| if cur.1 > best.1 { cur } else { best },
                )
                .0;
        }
        let mut sums = vec![0f32; k * dims];
        for (&a, &w) in assign.iter().zip(members) {
            for (s, x) in sums[a * dims..(a + 1) * dims].iter_mut().zip(row(w)) {
                *s += x;
            }
        }
        for c in 0..k {
            let s = &mut sums[c * dims..(c + 1) * dims];
            if s.iter().any(|&x| x != 0.0) {
                normalise(s);
                centroids[c * dims..(c + 1) * dims].copy_from_slice(s);
            }
        }
    }
    assign
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lookup_gives_the_code_and_an_id_per_word_as_written() {
        let c = Clusters::parse("the\t1\nThe\t2\nMoscow\t7\nthe\t9\n");
        let key = |w: &str| {
            let exact = FeatureHash::new(0).bytes(w.as_bytes()).finish();
            (exact, FeatureHash::new(0).lower(w).finish())
        };
        let look = |w: &str, caps| {
            let (exact, lower) = key(w);
            c.lookup(exact, lower, caps)
        };
        // Distinct spellings numbered from 0 in table order; a repeated line keeps the first.
        assert_eq!(c.len(), 3);
        assert_eq!(c.words().collect::<Vec<_>>(), ["the", "The", "Moscow"]);
        assert_eq!(look("the", false), (Some(1), Some(0)));
        assert_eq!(look("The", false), (Some(2), Some(1)));
        assert_eq!(look("Moscow", false), (Some(7), Some(2)));
        // In capitals the code comes from the lower-cased form; the id stays the spelling's.
        assert_eq!(look("MOSCOW", true), (Some(7), None));
        assert_eq!(look("The", true), (Some(1), Some(1)));
        assert_eq!(look("Paris", false), (None, None));
        let (exact, lower) = key("The");
        assert_eq!(c.get_hashed(exact, lower, true), Some(1));
    }

    #[test]
    fn words_in_the_same_contexts_share_a_cluster() {
        // Surnames after "Mr" and before a verb; cities after "in".
        let names = [
            "Smith", "Jones", "Brown", "Novak", "Petrov", "Garcia", "Kim", "Okafor", "Rossi",
            "Dubois",
        ];
        let cities = [
            "Paris", "Oslo", "Lima", "Quito", "Hanoi", "Dakar", "Perth", "Kyiv", "Cairo", "Riga",
        ];
        let mut sentences = Vec::new();
        for (i, name) in names.iter().enumerate() {
            for (j, city) in cities.iter().enumerate() {
                let verb = ["said", "added", "noted", "wrote"][(i + j) % 4];
                let s = format!("Mr {name} {verb} in {city} today .");
                sentences.push(s.split(' ').map(String::from).collect::<Vec<_>>());
            }
        }
        let table = Clusters::parse(&build(
            &sentences,
            BuildOptions {
                min_count: 1,
                ..BuildOptions::default()
            },
        ));
        let top = |w: &str| table.get(w, false).map(|c| c >> 8);
        for n in names {
            assert!(top(n).is_some());
            for c in cities {
                assert_ne!(top(n), top(c), "{n} and {c} share a cluster");
            }
        }
        // All-caps text finds the clusters by lower-cased form.
        assert_eq!(table.get("PARIS", true), table.get("Paris", false));
    }
}
