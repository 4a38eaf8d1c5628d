//! Averaged structured perceptron training (Collins 2002) over hashed features.

use crate::bilou::Constraints;
use crate::features::Features;
use crate::model::Model;
use crate::viterbi::{predecessors, Lattice, Scratch};

/// Training state: current weights plus the running sums needed for averaging.
///
/// Averaging uses the `w − u/c` trick (Daumé 2006): every update `δ` made at step `c` also adds
/// `c·δ` to `u`, so the average never has to be accumulated weight by weight.
pub struct Perceptron {
    bits: u8,
    tag_names: Vec<String>,
    constraints: Constraints,
    preds: Vec<Vec<usize>>,
    w: Vec<i32>,
    u: Vec<i64>,
    /// Transitions, then start scores, then end scores (current and summed).
    tw: Vec<i32>,
    tu: Vec<i64>,
    c: i64,
    scratch: Scratch,
}

impl Perceptron {
    /// A zero model over `2^bits` buckets and the given tags.
    pub fn new(bits: u8, tag_names: Vec<String>, constraints: Constraints) -> Perceptron {
        let n = tag_names.len();
        let size = (1usize << bits) * n;
        let tsize = n * n + 2 * n;
        Perceptron {
            bits,
            tag_names,
            preds: predecessors(&constraints),
            constraints,
            w: vec![0; size],
            u: vec![0; size],
            tw: vec![0; tsize],
            tu: vec![0; tsize],
            c: 1,
            scratch: Scratch::default(),
        }
    }

    pub fn bits(&self) -> u8 {
        self.bits
    }

    /// Decodes `feats` with the current weights into `pred`, then moves the weights towards
    /// `gold` where the two differ. Returns the number of wrong tags.
    pub fn learn(&mut self, feats: &Features, gold: &[u16], pred: &mut Vec<u16>) -> usize {
        let n = self.tag_names.len();
        let len = feats.len();
        let mut emit = std::mem::take(&mut self.scratch.emit);
        emit.clear();
        emit.resize(len * n, 0);
        for (i, row) in emit.chunks_exact_mut(n).enumerate() {
            for &b in feats.token(i) {
                for (e, &w) in row
                    .iter_mut()
                    .zip(&self.w[b as usize * n..b as usize * n + n])
                {
                    *e += w;
                }
            }
        }
        let (trans, rest) = self.tw.split_at(n * n);
        let (start, end) = rest.split_at(n);
        Lattice {
            n_tags: n,
            emit: &emit,
            max_emit: None,
            trans,
            start,
            end,
            constraints: &self.constraints,
            preds: &self.preds,
        }
        .best(&mut self.scratch, pred);
        self.scratch.emit = emit;
        let wrong = pred.iter().zip(gold).filter(|(p, g)| p != g).count();
        if wrong > 0 && gold.len() == len {
            for i in 0..len {
                let (g, p) = (usize::from(gold[i]), usize::from(pred[i]));
                if g != p {
                    for &b in feats.token(i) {
                        self.bump(b as usize * n + g, 1);
                        self.bump(b as usize * n + p, -1);
                    }
                }
                let (gp, pp) = if i == 0 {
                    (n * n + g, n * n + p)
                } else {
                    (
                        usize::from(gold[i - 1]) * n + g,
                        usize::from(pred[i - 1]) * n + p,
                    )
                };
                if gp != pp {
                    self.bump_trans(gp, 1);
                    self.bump_trans(pp, -1);
                }
            }
            let (g, p) = (usize::from(gold[len - 1]), usize::from(pred[len - 1]));
            if g != p {
                self.bump_trans(n * n + n + g, 1);
                self.bump_trans(n * n + n + p, -1);
            }
        }
        self.c += 1;
        wrong
    }

    /// Adds the current weights of `buckets` to `scores`, for greedy training (see
    /// [`Model::add_scores`]).
    pub fn add_scores(&self, buckets: &[u32], scores: &mut [i32]) {
        let n = self.tag_names.len();
        for &b in buckets {
            let w = &self.w[b as usize * n..b as usize * n + n];
            for (s, &w) in scores.iter_mut().zip(w) {
                *s += w;
            }
        }
    }

    /// One greedy training step for a single token: when `pred` differs from `gold`, moves the
    /// weights of `buckets` towards `gold`. Counts as one step of the average.
    pub fn update(&mut self, buckets: &[u32], gold: u16, pred: u16) {
        let n = self.tag_names.len();
        if gold != pred {
            for &b in buckets {
                self.bump(b as usize * n + usize::from(gold), 1);
                self.bump(b as usize * n + usize::from(pred), -1);
            }
        }
        self.c += 1;
    }

    fn bump(&mut self, i: usize, d: i32) {
        self.w[i] += d;
        self.u[i] += self.c * i64::from(d);
    }

    fn bump_trans(&mut self, i: usize, d: i32) {
        self.tw[i] += d;
        self.tu[i] += self.c * i64::from(d);
    }

    /// The averaged weights, quantised to `i16` (weights whose magnitude rounds below `prune`
    /// become zero, which shrinks the model file), with `meta` stored alongside.
    pub fn averaged(&self, meta: &str, prune: i16) -> Model {
        let c = self.c as f64;
        let avg = |w: i32, u: i64| f64::from(w) - u as f64 / c;
        let max = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| avg(w, u).abs())
            .fold(1e-9f64, f64::max);
        let scale = 32000.0 / max;
        let weights = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| {
                let q = (avg(w, u) * scale).round() as i16;
                if q.unsigned_abs() < prune.unsigned_abs() {
                    0
                } else {
                    q
                }
            })
            .collect();
        let n = self.tag_names.len();
        let t: Vec<i32> = self
            .tw
            .iter()
            .zip(&self.tu)
            .map(|(&w, &u)| (avg(w, u) * scale).round() as i32)
            .collect();
        Model {
            bits: self.bits,
            tag_names: self.tag_names.clone(),
            weights,
            trans: t[..n * n].to_vec(),
            start: t[n * n..n * n + n].to_vec(),
            end: t[n * n + n..].to_vec(),
            constraints: self.constraints.clone(),
            preds: self.preds.clone(),
            meta: meta.to_string(),
        }
    }
}
