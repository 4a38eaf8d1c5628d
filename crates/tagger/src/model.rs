//! A trained tagger: quantised weights over hashed features, transitions, and its file format.

use crate::bilou::Constraints;
use crate::features::Features;
use crate::viterbi::{predecessors, Lattice, Scratch};
use thiserror::Error;

/// Why a model file could not be read.
#[derive(Debug, Error)]
pub enum ModelError {
    #[error("cannot read model file {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("not a newsnlp tagger model (bad magic bytes)")]
    BadMagic,
    #[error("model file is truncated")]
    Truncated,
    #[error("invalid model: {0}")]
    Invalid(String),
}

const MAGIC: &[u8; 8] = b"NNLPTAG\x01";

/// A linear-chain tagger: `score(tags) = Σ weight[feature, tag] + Σ transition[prev, tag]`,
/// weights quantised to `i16` so a table of a million buckets stays small and cache-friendly.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub(crate) bits: u8,
    pub(crate) tag_names: Vec<String>,
    /// `weights[bucket * n_tags + tag]`.
    pub(crate) weights: Vec<i16>,
    pub(crate) trans: Vec<i32>,
    pub(crate) start: Vec<i32>,
    pub(crate) end: Vec<i32>,
    pub(crate) constraints: Constraints,
    /// Derived from `constraints`.
    pub(crate) preds: Vec<Vec<usize>>,
    /// Free-form settings of whoever extracts the features (kept with the weights so a model
    /// is never used with features it was not trained on).
    pub(crate) meta: String,
}

impl Model {
    /// Table size exponent: features are hashed into `2^bits` buckets.
    pub fn bits(&self) -> u8 {
        self.bits
    }

    pub fn n_tags(&self) -> usize {
        self.tag_names.len()
    }

    pub fn tag_names(&self) -> &[String] {
        &self.tag_names
    }

    pub fn meta(&self) -> &str {
        &self.meta
    }

    /// An empty feature buffer sized for this model.
    pub fn features(&self) -> Features {
        Features::new(self.bits)
    }

    /// The best allowed tag sequence for `feats`, written into `out`.
    pub fn decode(&self, feats: &Features, scratch: &mut Scratch, out: &mut Vec<u16>) {
        let n = self.n_tags();
        let mut emit = std::mem::take(&mut scratch.emit);
        emit.clear();
        emit.resize(feats.len() * n, 0);
        for (i, row) in emit.chunks_exact_mut(n).enumerate() {
            for &b in feats.token(i) {
                let w = &self.weights[b as usize * n..b as usize * n + n];
                for (e, &w) in row.iter_mut().zip(w) {
                    *e += i32::from(w);
                }
            }
        }
        self.best_path(
            &emit,
            [&self.trans, &self.start, &self.end],
            None,
            scratch,
            out,
        );
        scratch.emit = emit;
    }

    /// The best path through `emit` under this model's constraints, with the transition,
    /// start and end scores given (the model's own, or rescaled ones for packed weights).
    pub(crate) fn best_path(
        &self,
        emit: &[i32],
        [trans, start, end]: [&[i32]; 3],
        max_emit: Option<i64>,
        scratch: &mut Scratch,
        out: &mut Vec<u16>,
    ) {
        let lattice = Lattice {
            n_tags: self.n_tags(),
            emit,
            max_emit,
            trans,
            start,
            end,
            constraints: &self.constraints,
            preds: &self.preds,
        };
        lattice.best(scratch, out);
    }

    /// Adds the weights of `buckets` for every tag to `scores` (`n_tags` long): one step of
    /// greedy decoding, where the caller picks a tag before extracting the next token's
    /// features (which may then depend on it).
    #[inline]
    pub fn add_scores(&self, buckets: &[u32], scores: &mut [i32]) {
        let n = self.n_tags();
        for &b in buckets {
            let w = &self.weights[b as usize * n..b as usize * n + n];
            for (s, &w) in scores.iter_mut().zip(w) {
                *s += i32::from(w);
            }
        }
    }

    /// The mean of models trained on the same tags and table size (e.g. with different
    /// shuffling seeds): a cheap ensemble that tags as fast as one model. Each model's weights
    /// are already scaled to the same `i16` range, so their plain mean weighs them equally.
    /// `None` when the list is empty or the models do not fit together.
    pub fn mean(models: &[Model]) -> Option<Model> {
        let first = models.first()?;
        if models.iter().any(|m| {
            m.bits != first.bits
                || m.tag_names != first.tag_names
                || m.constraints != first.constraints
        }) {
            return None;
        }
        let k = models.len() as f64;
        let mean_i16 = |get: &dyn Fn(&Model) -> &[i16], i: usize| {
            (models.iter().map(|m| f64::from(get(m)[i])).sum::<f64>() / k).round() as i16
        };
        let mean_i32 = |get: &dyn Fn(&Model) -> &[i32], i: usize| {
            (models.iter().map(|m| f64::from(get(m)[i])).sum::<f64>() / k).round() as i32
        };
        Some(Model {
            weights: (0..first.weights.len())
                .map(|i| mean_i16(&|m| &m.weights, i))
                .collect(),
            trans: (0..first.trans.len())
                .map(|i| mean_i32(&|m| &m.trans, i))
                .collect(),
            start: (0..first.start.len())
                .map(|i| mean_i32(&|m| &m.start, i))
                .collect(),
            end: (0..first.end.len())
                .map(|i| mean_i32(&|m| &m.end, i))
                .collect(),
            ..first.clone()
        })
    }

    /// Number of buckets with at least one non-zero weight.
    pub fn used_buckets(&self) -> usize {
        self.weights
            .chunks_exact(self.n_tags().max(1))
            .filter(|r| r.iter().any(|&w| w != 0))
            .count()
    }

    /// The compact file form: header, transitions, then only the non-zero weights of each
    /// used bucket (delta-coded bucket ids, a tag bit mask, the weights).
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = self.n_tags();
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(self.bits);
        out.extend_from_slice(&(n as u16).to_le_bytes());
        for name in &self.tag_names {
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(name.as_bytes());
        }
        out.extend_from_slice(&(self.meta.len() as u32).to_le_bytes());
        out.extend_from_slice(self.meta.as_bytes());
        for v in self.trans.iter().chain(&self.start).chain(&self.end) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        let c = &self.constraints;
        out.extend(
            c.allowed
                .iter()
                .chain(&c.start)
                .chain(&c.end)
                .map(|&b| u8::from(b)),
        );
        let rows: Vec<(usize, &[i16])> = self
            .weights
            .chunks_exact(n)
            .enumerate()
            .filter(|(_, r)| r.iter().any(|&w| w != 0))
            .collect();
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut last = 0usize;
        for (bucket, row) in rows {
            write_varint(&mut out, (bucket - last) as u64);
            last = bucket;
            let mask = row
                .iter()
                .enumerate()
                .filter(|(_, &w)| w != 0)
                .fold(0u64, |m, (t, _)| m | 1 << t);
            write_varint(&mut out, mask);
            for &w in row.iter().filter(|&&w| w != 0) {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    /// Reads the form written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let bits = r.u8()?;
        // 2^24 buckets × 64 tags is the most any sane model needs; refuse to allocate more.
        if !(1..=24).contains(&bits) {
            return Err(ModelError::Invalid(format!("table size 2^{bits}")));
        }
        let n = usize::from(r.u16()?);
        if n == 0 || n > 64 {
            return Err(ModelError::Invalid(format!("{n} tags")));
        }
        let mut tag_names = Vec::with_capacity(n);
        for _ in 0..n {
            let len = usize::from(r.u16()?);
            tag_names.push(r.string(len)?);
        }
        let meta_len = r.u32()? as usize;
        let meta = r.string(meta_len)?;
        let mut ints = |k: usize| (0..k).map(|_| r.i32()).collect::<Result<Vec<i32>, _>>();
        let trans = ints(n * n)?;
        let start = ints(n)?;
        let end = ints(n)?;
        let flags = r.take(n * n + 2 * n)?;
        let flag = |range: std::ops::Range<usize>| {
            flags[range].iter().map(|&b| b != 0).collect::<Vec<bool>>()
        };
        let constraints = Constraints {
            n_tags: n,
            allowed: flag(0..n * n),
            start: flag(n * n..n * n + n),
            end: flag(n * n + n..n * n + 2 * n),
        };
        let buckets = 1usize << bits;
        let mut weights = vec![0i16; buckets * n];
        let rows = r.u32()? as usize;
        let mut bucket = 0usize;
        for i in 0..rows {
            bucket += r.varint()? as usize;
            if bucket >= buckets || (i > 0 && bucket == 0) {
                return Err(ModelError::Invalid(format!("bucket {bucket} out of range")));
            }
            let mask = r.varint()?;
            if n < 64 && mask >> n != 0 {
                return Err(ModelError::Invalid("tag mask out of range".into()));
            }
            for t in (0..n).filter(|t| mask >> t & 1 == 1) {
                weights[bucket * n + t] = r.i16()?;
            }
        }
        if r.pos != bytes.len() {
            return Err(ModelError::Invalid("trailing bytes".into()));
        }
        let preds = predecessors(&constraints);
        Ok(Model {
            bits,
            tag_names,
            weights,
            trans,
            start,
            end,
            constraints,
            preds,
            meta,
        })
    }

    /// Reads a model file.
    pub fn load(path: &std::path::Path) -> Result<Model, ModelError> {
        Model::from_bytes(&read_model_file(path)?)
    }
}

/// The bytes of a model file, with an error that names the file (every stage's `--model`).
pub fn read_model_file(path: &std::path::Path) -> Result<Vec<u8>, ModelError> {
    std::fs::read(path).map_err(|source| ModelError::Io {
        path: path.display().to_string(),
        source,
    })
}

fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, k: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(k).ok_or(ModelError::Truncated)?;
        let s = self.bytes.get(self.pos..end).ok_or(ModelError::Truncated)?;
        self.pos = end;
        Ok(s)
    }
    fn array<const K: usize>(&mut self) -> Result<[u8; K], ModelError> {
        let mut a = [0u8; K];
        a.copy_from_slice(self.take(K)?);
        Ok(a)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        self.array().map(u16::from_le_bytes)
    }
    fn i16(&mut self) -> Result<i16, ModelError> {
        self.array().map(i16::from_le_bytes)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        self.array().map(u32::from_le_bytes)
    }
    fn i32(&mut self) -> Result<i32, ModelError> {
        self.array().map(i32::from_le_bytes)
    }
    fn string(&mut self, len: usize) -> Result<String, ModelError> {
        String::from_utf8(self.take(len)?.to_vec())
            .map_err(|_| ModelError::Invalid("name is not UTF-8".into()))
    }
    fn varint(&mut self) -> Result<u64, ModelError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ModelError::Invalid("varint too long".into()))
    }
}

#[cfg(test)]
mod tests {
    use crate::{Bilou, FeatureHash, Features, Model, Perceptron, Scratch};

    /// Two tiny models that each learned one of two cues; their mean knows both.
    #[test]
    fn mean_of_models_keeps_what_each_learned_and_survives_a_file_round_trip() {
        let scheme = Bilou::new(["X"]);
        let train = |cue: &[u8]| {
            let mut p = Perceptron::new(8, scheme.tag_names(), scheme.constraints());
            let mut f = Features::new(8);
            let mut pred = Vec::new();
            for _ in 0..3 {
                f.clear();
                f.next_token();
                f.add(FeatureHash::new(0).bytes(cue));
                p.learn(&f, &scheme.encode(1, &[(0..1, 0)]), &mut pred);
                f.clear();
                f.next_token();
                f.add(FeatureHash::new(0).bytes(b"other"));
                p.learn(&f, &[0], &mut pred);
            }
            p.averaged("t", 0)
        };
        let (a, b) = (train(b"alpha"), train(b"beta"));
        let mean = Model::from_bytes(&Model::mean(&[a, b]).unwrap().to_bytes()).unwrap();
        let tag = |cue: &[u8]| {
            let mut f = Features::new(8);
            f.next_token();
            f.add(FeatureHash::new(0).bytes(cue));
            let mut out = Vec::new();
            mean.decode(&f, &mut Scratch::default(), &mut out);
            out
        };
        assert_ne!(tag(b"alpha"), vec![0]);
        assert_ne!(tag(b"beta"), vec![0]);
        assert_eq!(tag(b"other"), vec![0]);
        assert!(Model::mean(&[]).is_none());
    }
}
