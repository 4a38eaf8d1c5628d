//! First-order Viterbi decoding under tag-transition constraints.

use crate::bilou::Constraints;

/// Scores of a first-order tag model for one sequence.
pub(crate) struct Lattice<'a> {
    pub n_tags: usize,
    /// `emit[i * n_tags + t]`: how much token `i` likes tag `t`.
    pub emit: &'a [i32],
    /// A bound on every `|emit|` when the caller knows one (packed scores are `i16` sums), so
    /// that the lattice need not scan for it.
    pub max_emit: Option<i64>,
    /// `trans[prev * n_tags + cur]`.
    pub trans: &'a [i32],
    pub start: &'a [i32],
    pub end: &'a [i32],
    pub constraints: &'a Constraints,
    /// The tags each tag may follow (see [`predecessors`]).
    pub preds: &'a [Vec<usize>],
}

/// For each tag, the tags allowed before it: BILOU allows about a third of all pairs, so
/// Viterbi skips the rest without testing them.
pub(crate) fn predecessors(c: &Constraints) -> Vec<Vec<usize>> {
    let n = c.n_tags;
    (0..n)
        .map(|cur| (0..n).filter(|&p| c.allowed[p * n + cur]).collect())
        .collect()
}

/// Reusable decoding buffers.
#[derive(Debug, Default, Clone)]
pub struct Scratch {
    pub(crate) emit: Vec<i32>,
    score: Vec<i64>,
    next: Vec<i64>,
    back: Vec<u16>,
    /// Transition rows for [`Lattice::best_dense`], disallowed pairs at its `NONE`.
    rows: Vec<[i32; MAX_DENSE]>,
}

/// The most tags [`Lattice::best_dense`] decodes; more go to [`Lattice::best_sparse`].
const MAX_DENSE: usize = 32;

/// Bound on any path score below which [`Lattice::best_dense`] is exact in `i32`.
const DENSE_BOUND: i64 = 1 << 26;

impl Lattice<'_> {
    /// The best allowed tag sequence, written into `out` (all `O`=0 when nothing is allowed).
    pub fn best(&self, scratch: &mut Scratch, out: &mut Vec<u16>) {
        let n = self.n_tags;
        let len = self.emit.len() / n.max(1);
        out.clear();
        if len == 0 || n == 0 {
            return;
        }
        let dense = self.score_bound(len) < DENSE_BOUND;
        if dense && n <= 16 {
            self.best_dense::<16>(scratch, out);
        } else if dense && n <= 24 {
            self.best_dense::<24>(scratch, out);
        } else if dense && n <= MAX_DENSE {
            self.best_dense::<MAX_DENSE>(scratch, out);
        } else {
            self.best_sparse(scratch, out);
        }
    }

    /// The largest magnitude any path score can reach over `len` tokens.
    fn score_bound(&self, len: usize) -> i64 {
        let max_abs = |v: &[i32]| i64::from(v.iter().fold(0, |m, x| m.max(x.unsigned_abs())));
        let step = self.max_emit.unwrap_or_else(|| max_abs(self.emit)) + max_abs(self.trans);
        (len as i64).saturating_mul(step) + max_abs(self.start) + max_abs(self.end)
    }

    /// Viterbi over every pair of tags in `i32`, a disallowed pair costing far more than any
    /// path can score, in rows of `W` lanes: fixed-width rows compile to a few vector
    /// instructions per predecessor, about three times fewer instructions than
    /// [`Self::best_sparse`] on the 17 BILOU tags of the entity model. With every path score
    /// under [`DENSE_BOUND`] it picks exactly the same path (disallowed and unreachable scores
    /// stay below `NONE / 2`, reachable ones above; ties go to the first predecessor).
    fn best_dense<const W: usize>(&self, scratch: &mut Scratch, out: &mut Vec<u16>) {
        let n = self.n_tags;
        let len = self.emit.len() / n;
        let c = self.constraints;
        let Scratch { back, rows, .. } = scratch;
        rows.clear();
        rows.extend((0..n).map(|prev| {
            let mut row = [NONE; MAX_DENSE];
            for (cur, slot) in row[..n].iter_mut().enumerate() {
                if c.allowed[prev * n + cur] {
                    *slot = self.trans[prev * n + cur];
                }
            }
            row
        }));
        let mut score = [NONE; W];
        for (t, slot) in score[..n].iter_mut().enumerate() {
            if c.start[t] {
                *slot = self.start[t] + self.emit[t];
            }
        }
        back.clear();
        back.resize(len * n, 0);
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, checked just above.
            unsafe { forward_avx2::<W>(rows, self.emit, back, &mut score) };
        } else {
            forward::<W>(rows, self.emit, back, &mut score);
        }
        #[cfg(not(target_arch = "x86_64"))]
        forward::<W>(rows, self.emit, back, &mut score);
        let mut top: Option<(i32, u16)> = None;
        for t in (0..n).filter(|&t| score[t] != NONE && c.end[t]) {
            let v = score[t] + self.end[t];
            if top.map_or(true, |(b, _)| v > b) {
                top = Some((v, t as u16));
            }
        }
        trace_back(back, n, len, top.map(|(_, t)| t), out);
    }

    /// Viterbi over the allowed pairs only, in `i64`: for scores too large for
    /// [`Self::best_dense`].
    fn best_sparse(&self, scratch: &mut Scratch, out: &mut Vec<u16>) {
        let n = self.n_tags;
        let len = self.emit.len() / n;
        const NONE: i64 = i64::MIN / 4;
        let c = self.constraints;
        scratch.score.clear();
        scratch.score.extend((0..n).map(|t| {
            if c.start[t] {
                i64::from(self.start[t]) + i64::from(self.emit[t])
            } else {
                NONE
            }
        }));
        scratch.back.clear();
        scratch.back.resize(len * n, 0);
        for i in 1..len {
            scratch.next.clear();
            for (cur, from) in self.preds.iter().enumerate() {
                let mut best = NONE;
                let mut arg = 0u16;
                for &prev in from {
                    let v = scratch.score[prev] + i64::from(self.trans[prev * n + cur]);
                    if v > best {
                        best = v;
                        arg = prev as u16;
                    }
                }
                scratch.next.push(if best <= NONE / 2 {
                    NONE
                } else {
                    best + i64::from(self.emit[i * n + cur])
                });
                scratch.back[i * n + cur] = arg;
            }
            std::mem::swap(&mut scratch.score, &mut scratch.next);
        }
        let mut best = NONE;
        let mut last = None;
        for t in 0..n {
            let s = scratch.score[t];
            if s != NONE && c.end[t] && s + i64::from(self.end[t]) > best {
                best = s + i64::from(self.end[t]);
                last = Some(t as u16);
            }
        }
        trace_back(&scratch.back, n, len, last, out);
    }
}

/// Tags per vector register in [`forward`] (eight `i32` in AVX2).
const LANE: usize = 8;

/// Path scores [`Lattice::best_dense`] gives to disallowed and unreachable tags.
const NONE: i32 = i32::MIN / 4;

/// The forward pass of [`Lattice::best_dense`] compiled for AVX2: twice the lanes per row.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn forward_avx2<const W: usize>(
    rows: &[[i32; MAX_DENSE]],
    emit: &[i32],
    back: &mut [u16],
    score: &mut [i32; W],
) {
    forward::<W>(rows, emit, back, score);
}

/// Scores every token's tags from the previous token's (`score`, updated in place), keeping
/// the best predecessor of each in `back`; `rows[prev][cur]` is the transition score.
#[inline(always)]
fn forward<const W: usize>(
    rows: &[[i32; MAX_DENSE]],
    emit: &[i32],
    back: &mut [u16],
    score: &mut [i32; W],
) {
    let n = rows.len();
    for (emit, back) in emit.chunks_exact(n).zip(back.chunks_exact_mut(n)).skip(1) {
        let mut best = [NONE; W];
        let mut arg = [0i32; W];
        // Eight tags at a time over every predecessor, so that one vector register holds
        // them throughout (whole rows spill to the stack and stall on reloads).
        for lane in (0..W).step_by(LANE) {
            let mut b = [NONE; LANE];
            let mut a = [0i32; LANE];
            for (prev, row) in rows.iter().enumerate() {
                let s = score[prev];
                for k in 0..LANE {
                    let v = s + row[lane + k];
                    a[k] = if v > b[k] { prev as i32 } else { a[k] };
                    b[k] = b[k].max(v);
                }
            }
            best[lane..lane + LANE].copy_from_slice(&b);
            arg[lane..lane + LANE].copy_from_slice(&a);
        }
        for cur in 0..n {
            score[cur] = if best[cur] <= NONE / 2 {
                NONE
            } else {
                best[cur] + emit[cur]
            };
            back[cur] = arg[cur] as u16;
        }
    }
}

/// The path ending in tag `last` through the back pointers (all `O`=0 when there is none).
fn trace_back(back: &[u16], n: usize, len: usize, last: Option<u16>, out: &mut Vec<u16>) {
    out.resize(len, 0);
    let Some(last) = last else {
        return;
    };
    out[len - 1] = last;
    for i in (1..len).rev() {
        out[i - 1] = back[i * n + usize::from(out[i])];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bilou::Bilou;

    #[test]
    fn constraints_override_greedy_choice() {
        // One label: tags O, B, I, L, U. Token 0 loves B, token 1 loves O: B-O is illegal,
        // so the best legal path must pick U-O or B-L.
        let b = Bilou::new(["X"]);
        let c = b.constraints();
        let n = c.n_tags;
        let mut emit = vec![0; 2 * n];
        emit[1] = 10; // B at 0
        emit[3] = 1; // U... no: tag 3 is L; L at 0 is illegal anyway
        emit[n] = 5; // O at 1
        emit[n + 3] = 4; // L at 1
        let zeros = vec![0; n * n];
        let preds = predecessors(&c);
        let lat = Lattice {
            n_tags: n,
            emit: &emit,
            max_emit: None,
            trans: &zeros,
            start: &zeros[..n],
            end: &zeros[..n],
            constraints: &c,
            preds: &preds,
        };
        let mut out = Vec::new();
        lat.best(&mut Scratch::default(), &mut out);
        assert_eq!(out, vec![1, 3]);
    }

    #[test]
    fn dense_and_sparse_decoding_pick_the_same_path() {
        // Four labels (17 BILOU tags), scores from a tiny range so that ties are common:
        // both loops must break them the same way.
        let b = Bilou::new(["PER", "ORG", "LOC", "MISC"]);
        let c = b.constraints();
        let n = c.n_tags;
        let preds = predecessors(&c);
        let mut seed = 7u64;
        let mut next = |range: i32| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % range as u64) as i32 - range / 2
        };
        let (mut dense, mut sparse) = (Vec::new(), Vec::new());
        let mut differed = 0;
        for round in 0..300 {
            let len = 1 + round % 40;
            let range = if round % 2 == 0 { 4 } else { 2000 };
            let emit: Vec<i32> = (0..len * n).map(|_| next(range)).collect();
            let trans: Vec<i32> = (0..n * n).map(|_| next(range)).collect();
            let start: Vec<i32> = (0..n).map(|_| next(range)).collect();
            let end: Vec<i32> = (0..n).map(|_| next(range)).collect();
            let lat = Lattice {
                n_tags: n,
                emit: &emit,
                max_emit: None,
                trans: &trans,
                start: &start,
                end: &end,
                constraints: &c,
                preds: &preds,
            };
            lat.best_dense::<24>(&mut Scratch::default(), &mut dense);
            lat.best_sparse(&mut Scratch::default(), &mut sparse);
            assert_eq!(dense, sparse, "round {round}");
            differed += usize::from(dense.iter().any(|&t| t != 0));
        }
        assert!(
            differed > 100,
            "most paths should tag something: {differed}"
        );
    }
}
