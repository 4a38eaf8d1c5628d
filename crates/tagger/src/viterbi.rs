//! First-order Viterbi decoding under tag-transition constraints.

use crate::bilou::Constraints;

/// Scores of a first-order tag model for one sequence.
pub(crate) struct Lattice<'a> {
    pub n_tags: usize,
    /// `emit[i * n_tags + t]`: how much token `i` likes tag `t`.
    pub emit: &'a [i32],
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
}

impl Lattice<'_> {
    /// The best allowed tag sequence, written into `out` (all `O`=0 when nothing is allowed).
    pub fn best(&self, scratch: &mut Scratch, out: &mut Vec<u16>) {
        let n = self.n_tags;
        let len = self.emit.len() / n.max(1);
        out.clear();
        if len == 0 || n == 0 {
            return;
        }
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
        let mut last = 0u16;
        for t in 0..n {
            let s = scratch.score[t];
            if s != NONE && c.end[t] && s + i64::from(self.end[t]) > best {
                best = s + i64::from(self.end[t]);
                last = t as u16;
            }
        }
        if best == NONE {
            out.resize(len, 0);
            return;
        }
        out.resize(len, 0);
        out[len - 1] = last;
        for i in (1..len).rev() {
            out[i - 1] = scratch.back[i * n + usize::from(out[i])];
        }
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
}
