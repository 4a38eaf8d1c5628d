//! A model's weights as `i8` in cache-line rows: for taggers whose scoring is bound by
//! fetching weight rows from a table of megabytes, half the bytes of `i16` and one aligned
//! 64-byte line per feature instead of two or three. A model with at most [`NARROW`] tags (the
//! entity tagger's 17) packs two rows per line: half the table, half the sums. (Rounding the
//! averaged weights to 127 steps either side of zero left the pos stage's GUM dev accuracy
//! unchanged.)

use crate::features::Features;
use crate::model::Model;
use crate::viterbi::Scratch;

/// Tags a packed row holds: at most this many.
pub const LANES: usize = 64;

/// Tags a narrow row (half a cache line) holds.
pub const NARROW: usize = 32;

/// Scores of one token, one per tag (see [`PackedWeights::add_scores`]).
pub type Scores = [i16; LANES];

/// Summed rows of a narrow model ([`PackedWeights::narrow_sums`]) in one cache line: what a
/// tagger keeps per frequent word for the features of the word alone, so that the word costs one
/// line instead of a dozen scattered rows (the same sums: `i16` sums wrap, in any order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, align(64))]
pub struct NarrowSums(pub [i16; NARROW]);

/// One cache line of weights: one wide row, or two narrow ones, padded with zeros.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
struct Line([i8; LANES]);

/// The weights of a [`Model`] with at most [`LANES`] tags, rescaled to `i8`.
#[derive(Debug, Clone)]
pub struct PackedWeights {
    lines: Vec<Line>,
    /// Lanes per row: [`NARROW`] or [`LANES`].
    width: usize,
    /// What the model's weights were multiplied by.
    scale: f64,
    /// Whether this CPU has AVX2 (checked once, when packing).
    avx2: bool,
}

impl PackedWeights {
    /// Packs `model`'s weights; `None` when it has more than [`LANES`] tags.
    pub fn new(model: &Model) -> Option<PackedWeights> {
        let n = model.n_tags();
        if n > LANES || n == 0 {
            return None;
        }
        let max = model
            .weights
            .iter()
            .map(|w| w.unsigned_abs())
            .max()
            .unwrap_or(0);
        let scale = 127.0 / f64::from(max.max(1));
        // Millions of weights take at most 2 * max + 1 values: each value is rounded once, into
        // a table, and a weight is packed by looking it up (loading a model was mostly this).
        let max = i32::from(max);
        let quantised: Vec<i8> = (-max..=max)
            .map(|w| {
                // Rounds half away from zero, as `f64::round`, without its libm call.
                let x = f64::from(w) * scale;
                (x + 0.5f64.copysign(x)) as i8
            })
            .collect();
        let width = if n <= NARROW { NARROW } else { LANES };
        let rows = model.weights.len() / n;
        let mut lines = vec![Line([0; LANES]); (rows * width).div_ceil(LANES)];
        let flat = line_bytes_mut(&mut lines);
        for (row, ws) in flat
            .chunks_exact_mut(width)
            .zip(model.weights.chunks_exact(n))
        {
            // Most weights are zero, as the lines already are.
            for (r, &w) in row.iter_mut().zip(ws).filter(|(_, &w)| w != 0) {
                *r = quantised[(i32::from(w) + max) as usize];
            }
        }
        #[cfg(target_arch = "x86_64")]
        let avx2 = std::arch::is_x86_feature_detected!("avx2");
        #[cfg(not(target_arch = "x86_64"))]
        let avx2 = false;
        Some(PackedWeights {
            lines,
            width,
            scale,
            avx2,
        })
    }

    /// Adds the weights of `buckets` to `scores` (lanes past the model's tags stay unchanged).
    /// `i16` sums are exact below 258 features (each weight is at most 127 either side of
    /// zero) and twice as many fit a SIMD register as `i32` ones.
    #[inline]
    pub fn add_scores(&self, buckets: &[u32], scores: &mut Scores) {
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            // SAFETY: `avx2` is set only where the CPU has AVX2.
            return unsafe { self.add_scores_avx2(buckets, scores) };
        }
        self.add_scores_portable(buckets, scores)
    }

    /// [`PackedWeights::add_scores`] compiled for AVX2: a row is a few sign-extending loads
    /// and adds instead of some forty SSE2 instructions.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn add_scores_avx2(&self, buckets: &[u32], scores: &mut Scores) {
        self.add_scores_portable(buckets, scores)
    }

    #[inline(always)]
    fn add_scores_portable(&self, buckets: &[u32], scores: &mut Scores) {
        if self.width == NARROW {
            let narrow = scores.first_chunk_mut::<NARROW>().expect("NARROW <= LANES");
            self.add_rows::<NARROW>(buckets, narrow);
        } else {
            self.add_rows::<LANES>(buckets, scores);
        }
    }

    /// The sums of the rows of `buckets`, for a model of at most [`NARROW`] tags (`None` for a
    /// wider one).
    pub fn narrow_sums(&self, buckets: &[u32]) -> Option<NarrowSums> {
        if self.width != NARROW {
            return None;
        }
        let mut sums = [0; LANES];
        self.add_scores(buckets, &mut sums);
        sums.first_chunk::<NARROW>().map(|s| NarrowSums(*s))
    }

    /// Asks the CPU to start fetching the rows of `buckets` (the next token's, while this
    /// one's are summed): scoring waits on rows from a table of megabytes, one miss each.
    #[inline]
    pub fn prefetch(&self, buckets: &[u32]) {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            let rows = self.lines.as_ptr().cast::<i8>();
            for &b in buckets {
                // Only an address is computed (a bucket past the table gives one that is never
                // read), so no bounds check is needed.
                let row = rows.wrapping_add(b as usize * self.width);
                // SAFETY: SSE is part of every x86_64 CPU, and a prefetch is only a hint: it
                // never faults, whatever the address, and changes no memory.
                unsafe { _mm_prefetch::<_MM_HINT_T0>(row) };
            }
        }
    }

    #[inline(always)]
    fn add_rows<const W: usize>(&self, buckets: &[u32], scores: &mut [i16; W]) {
        let flat = self.flat();
        // Summed in a local copy, which the compiler keeps in vector registers.
        let mut sums = *scores;
        for &b in buckets {
            // A bucket past the table (features are masked to it) adds nothing.
            let start = b as usize * W;
            let Some(row) = flat.get(start..start + W) else {
                continue;
            };
            let row: &[i8; W] = row.try_into().expect("a range of W bytes");
            for (s, &w) in sums.iter_mut().zip(row) {
                *s = s.wrapping_add(i16::from(w));
            }
        }
        *scores = sums;
    }

    /// Every weight, row after row, as one slice.
    #[inline(always)]
    fn flat(&self) -> &[i8] {
        line_bytes(&self.lines)
    }
}

/// Cache lines seen as the bytes they hold, row after row.
#[inline(always)]
fn line_bytes(lines: &[Line]) -> &[i8] {
    // SAFETY: `Line` is `repr(C)` over `[i8; LANES]`, whose size (64) is its alignment, so the
    // lines are `len * LANES` initialised bytes in a row, with no padding.
    unsafe { std::slice::from_raw_parts(lines.as_ptr().cast::<i8>(), lines.len() * LANES) }
}

/// [`line_bytes`], for writing.
fn line_bytes_mut(lines: &mut [Line]) -> &mut [i8] {
    // SAFETY: as in `line_bytes`, and the borrow is unique.
    unsafe { std::slice::from_raw_parts_mut(lines.as_mut_ptr().cast::<i8>(), lines.len() * LANES) }
}

/// A Viterbi tagger scored with [`PackedWeights`]: the model's transitions are rescaled by the
/// same factor as its weights, so the lattice weighs the two as the model does.
#[derive(Debug, Clone)]
pub struct PackedDecoder {
    weights: PackedWeights,
    trans: Vec<i32>,
    start: Vec<i32>,
    end: Vec<i32>,
    model: Model,
}

impl PackedDecoder {
    /// `None` when `model` has more than [`LANES`] tags.
    pub fn new(model: &Model) -> Option<PackedDecoder> {
        let weights = PackedWeights::new(model)?;
        let rescale = |v: &[i32]| {
            v.iter()
                .map(|&x| (f64::from(x) * weights.scale).round() as i32)
                .collect()
        };
        Some(PackedDecoder {
            trans: rescale(&model.trans),
            start: rescale(&model.start),
            end: rescale(&model.end),
            model: Model {
                weights: Vec::new(),
                ..model.clone()
            },
            weights,
        })
    }

    /// The packed weights, for [`PackedWeights::narrow_sums`].
    pub fn weights(&self) -> &PackedWeights {
        &self.weights
    }

    /// The best allowed tag sequence for `feats`, written into `out` (see [`Model::decode`]).
    pub fn decode(&self, feats: &Features, scratch: &mut Scratch, out: &mut Vec<u16>) {
        self.decode_from(feats, |_| None, scratch, out);
    }

    /// [`PackedDecoder::decode`] where token `i`'s scores start from `base(i)`: the sums of
    /// features left out of `feats`, from [`PackedWeights::narrow_sums`] of these weights.
    pub fn decode_from<'s>(
        &self,
        feats: &Features,
        base: impl Fn(usize) -> Option<&'s NarrowSums>,
        scratch: &mut Scratch,
        out: &mut Vec<u16>,
    ) {
        let n = self.model.n_tags();
        let mut emit = std::mem::take(&mut scratch.emit);
        emit.clear();
        for i in 0..feats.len() {
            if i + 1 < feats.len() {
                self.weights.prefetch(feats.token(i + 1));
            }
            let mut scores = [0i16; LANES];
            if let Some(NarrowSums(sums)) = base(i) {
                scores[..NARROW].copy_from_slice(sums);
            }
            self.weights.add_scores(feats.token(i), &mut scores);
            emit.extend(scores[..n].iter().map(|&s| i32::from(s)));
        }
        let scores = [&self.trans[..], &self.start, &self.end];
        // Each emission is a sum in `i16`.
        let max_emit = i64::from(i16::MAX) + 1;
        self.model
            .best_path(&emit, scores, Some(max_emit), scratch, out);
        scratch.emit = emit;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Constraints, FeatureHash, Features, Perceptron};

    #[test]
    fn packed_scores_rank_tags_as_the_model_does() {
        let mut p = Perceptron::new(
            6,
            vec!["A".into(), "B".into(), "C".into()],
            Constraints::free(3),
        );
        let mut f = Features::new(6);
        f.next_token();
        f.add(FeatureHash::new(0).bytes(b"x"));
        for gold in [1, 1, 2] {
            p.update(f.token(0), gold, 0);
        }
        let model = p.averaged("t", 0);
        let packed = PackedWeights::new(&model).unwrap();
        let mut exact = [0i32; 3];
        model.add_scores(f.token(0), &mut exact);
        let mut small = [0i16; LANES];
        packed.add_scores(f.token(0), &mut small);
        let best = |s: &[i32]| (0..3).max_by_key(|&i| s[i]).unwrap();
        assert_eq!(best(&exact), 1);
        assert_eq!((0..3).max_by_key(|&i| small[i]), Some(1));
        assert!(small[3..].iter().all(|&s| s == 0));
        assert_eq!(std::mem::align_of::<Line>(), 64);
    }

    #[test]
    fn few_tags_pack_two_rows_a_line_and_sum_the_rounded_weights() {
        for n in [17usize, 50] {
            let tags: Vec<String> = (0..n).map(|i| format!("T{i}")).collect();
            let mut p = Perceptron::new(8, tags, Constraints::free(n));
            let mut f = Features::new(8);
            f.next_token();
            for k in 0..40u32 {
                f.add(FeatureHash::new(k).bytes(b"w"));
            }
            for gold in 0..200 {
                p.update(f.token(0), (gold % n) as u16, (gold * 7 % n) as u16);
            }
            let model = p.averaged("t", 0);
            let packed = PackedWeights::new(&model).unwrap();
            let width = if n <= NARROW { NARROW } else { LANES };
            assert_eq!(
                (packed.width, packed.lines.len() * LANES),
                (width, 256 * width)
            );
            let mut sums = [0i16; LANES];
            packed.add_scores(f.token(0), &mut sums);
            let rounded = |w: i16| (f64::from(w) * packed.scale).round() as i16;
            for (t, &sum) in sums.iter().enumerate() {
                let want: i16 = match t < n {
                    true => f
                        .token(0)
                        .iter()
                        .map(|&b| rounded(model.weights[b as usize * n + t]))
                        .sum(),
                    false => 0,
                };
                assert_eq!(sum, want, "tag {t} of {n}");
            }
            assert!(sums.iter().any(|&s| s != 0));
        }
    }

    #[test]
    fn the_packed_decoder_finds_the_models_path() {
        let bilou = crate::Bilou::new(["PER", "LOC"]);
        let mut p = Perceptron::new(10, bilou.tag_names(), bilou.constraints());
        let words: [&[u8]; 4] = [b"Ann", b"Lee", b"in", b"Paris"];
        let mut f = Features::new(10);
        for w in words {
            f.next_token();
            f.add(FeatureHash::new(1).bytes(w));
        }
        let mut pred = Vec::new();
        // B-PER L-PER O U-LOC
        let gold_path = [1u16, 3, 0, 4];
        for _ in 0..5 {
            p.learn(&f, &gold_path, &mut pred);
        }
        let model = p.averaged("t", 0);
        let (mut exact, mut packed) = (Vec::new(), Vec::new());
        model.decode(&f, &mut Scratch::default(), &mut exact);
        let decoder = PackedDecoder::new(&model).unwrap();
        decoder.decode(&f, &mut Scratch::default(), &mut packed);
        assert_eq!(exact, gold_path);
        assert_eq!(packed, exact);
    }

    #[test]
    fn simd_and_portable_sums_agree() {
        let tags: Vec<String> = (0..50).map(|i| format!("T{i}")).collect();
        let mut p = Perceptron::new(8, tags, Constraints::free(50));
        let mut f = Features::new(8);
        f.next_token();
        for k in 0..40u32 {
            f.add(FeatureHash::new(k).bytes(b"w"));
        }
        for gold in 0..200 {
            p.update(f.token(0), gold % 50, (gold * 7) % 50);
        }
        let mut packed = PackedWeights::new(&p.averaged("t", 0)).unwrap();
        let mut fast = [0i16; LANES];
        packed.add_scores(f.token(0), &mut fast);
        packed.avx2 = false;
        let mut portable = [0i16; LANES];
        packed.add_scores(f.token(0), &mut portable);
        assert_eq!(fast, portable);
        assert!(fast.iter().any(|&s| s != 0));
    }
}
