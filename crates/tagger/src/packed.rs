//! A model's weights as `i8` in cache-line rows: for greedy taggers whose scoring is bound by
//! fetching weight rows from a table of megabytes, half the bytes of `i16` and one aligned
//! 64-byte line per feature instead of two or three. (Rounding the averaged weights to 127
//! steps either side of zero left the pos stage's GUM dev accuracy unchanged.)

use crate::model::Model;

/// Tags a packed row holds: at most this many.
pub const LANES: usize = 64;

/// One bucket's weights, one per tag, padded with zeros to [`LANES`].
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
struct Row([i8; LANES]);

/// The weights of a [`Model`] with at most [`LANES`] tags, rescaled to `i8`.
#[derive(Debug, Clone)]
pub struct PackedWeights {
    rows: Vec<Row>,
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
                    *r = (f64::from(w) * scale).round() as i8;
                }
                Row(row)
            })
            .collect();
        Some(PackedWeights { rows })
    }

    /// Adds the weights of `buckets` to `scores` (lanes past the model's tags stay unchanged).
    #[inline]
    pub fn add_scores(&self, buckets: &[u32], scores: &mut [i32; LANES]) {
        for &b in buckets {
            let row = &self.rows[b as usize].0;
            for (s, &w) in scores.iter_mut().zip(row) {
                *s += i32::from(w);
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
        let mut small = [0i32; LANES];
        packed.add_scores(f.token(0), &mut small);
        let best = |s: &[i32]| (0..3).max_by_key(|&i| s[i]).unwrap();
        assert_eq!(best(&exact), 1);
        assert_eq!(best(&small[..3]), 1);
        assert!(small[3..].iter().all(|&s| s == 0));
        assert_eq!(std::mem::align_of::<Row>(), 64);
    }
}
