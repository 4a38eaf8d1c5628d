//! A model's weights as `i8` in cache-line rows: for greedy taggers whose scoring is bound by
//! fetching weight rows from a table of megabytes, half the bytes of `i16` and one aligned
//! 64-byte line per feature instead of two or three. (Rounding the averaged weights to 127
//! steps either side of zero left the pos stage's GUM dev accuracy unchanged.)

use crate::model::Model;

/// Tags a packed row holds: at most this many.
pub const LANES: usize = 64;

/// Scores of one token, one per tag (see [`PackedWeights::add_scores`]).
pub type Scores = [i16; LANES];

/// One bucket's weights, one per tag, padded with zeros to [`LANES`].
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
struct Row([i8; LANES]);

/// The weights of a [`Model`] with at most [`LANES`] tags, rescaled to `i8`.
#[derive(Debug, Clone)]
pub struct PackedWeights {
    rows: Vec<Row>,
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
        let rows = model
            .weights
            .chunks_exact(n)
            .map(|ws| {
                let mut row = [0i8; LANES];
                for (r, &w) in row.iter_mut().zip(ws) {
                    // Rounds half away from zero, as `f64::round`, without its libm call
                    // (four million of them made up most of the time to load a model).
                    let x = f64::from(w) * scale;
                    *r = (x + 0.5f64.copysign(x)) as i8;
                }
                Row(row)
            })
            .collect();
        #[cfg(target_arch = "x86_64")]
        let avx2 = std::arch::is_x86_feature_detected!("avx2");
        #[cfg(not(target_arch = "x86_64"))]
        let avx2 = false;
        Some(PackedWeights { rows, avx2 })
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
        self.add_rows(buckets, scores)
    }

    /// [`PackedWeights::add_scores`] compiled for AVX2: a row is four sign-extending loads
    /// and four adds instead of some forty SSE2 instructions.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn add_scores_avx2(&self, buckets: &[u32], scores: &mut Scores) {
        self.add_rows(buckets, scores)
    }

    #[inline(always)]
    fn add_rows(&self, buckets: &[u32], scores: &mut Scores) {
        for &b in buckets {
            // A bucket past the table (features are masked to it) adds nothing.
            let Some(Row(row)) = self.rows.get(b as usize) else {
                continue;
            };
            for (s, &w) in scores.iter_mut().zip(row) {
                *s = s.wrapping_add(i16::from(w));
            }
        }
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
        assert_eq!(std::mem::align_of::<Row>(), 64);
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
