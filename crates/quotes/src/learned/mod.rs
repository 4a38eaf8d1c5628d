//! A learned attribution model for research use, in two [`newsnlp_tagger`] BILOU taggers over
//! paragraph windows: one marks cues; the other, given one cue, marks that cue's content and
//! source (features say where each token stands relative to the cue, which decides where a
//! content starts and ends far better than a tagger that sees no particular cue).
//!
//! The rules find direct quotes and their speakers very well and indirect attributions poorly
//! (recall about 0.4 on PolNeAR), so by default ([`ModelMode::Hybrid`]) the model only adds
//! the non-direct attributions that no rule quote overlaps. The model is trained on data whose
//! licence travels with it (PolNeAR: CC BY-NC-SA 4.0), so its file carries that licence, the
//! binaries print it when they load the model, and nothing in the workspace embeds one.

mod features;
mod gold;
mod layers;
mod pair;
mod train;

pub use train::{train, Epoch, TrainOptions};

use crate::lexicon::Lexicon;
use layers::Layers;
use newsnlp_doc::{Document, Quote, QuoteKind, Span, StageError};
use newsnlp_tagger::{Bilou, Model, ModelError, Scratch};
use thiserror::Error;

/// Version of the features: a model is only read by the code that extracts its features.
const FEATURES: &str = "newsnlp-quotes/learned-2";

/// The rule name of the model's quotes under `--explain`.
pub(crate) const RULE: &str = "learned_model";

/// Magic bytes of a quote model file: then the licence, then the two tagger models.
const MAGIC: &[u8; 8] = b"NNLPQTM2";

fn cue_scheme() -> Bilou {
    Bilou::new(["CUE"])
}

/// Tags of the attribution tagger: label 0 is the content, label 1 the source.
fn attribution_scheme() -> Bilou {
    Bilou::new(["CONTENT", "SOURCE"])
}

/// Why a quote model could not be read or trained.
#[derive(Debug, Error)]
pub enum QuoteModelError {
    #[error("cannot read quote model {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("not a newsnlp quote model (bad magic bytes)")]
    BadMagic,
    #[error("quote model file is truncated")]
    Truncated,
    #[error("invalid quote model: {0}")]
    Invalid(String),
    #[error("invalid quote model: {0}")]
    Tagger(#[from] ModelError),
}

/// Why training stopped.
#[derive(Debug, Error)]
pub enum TrainError {
    #[error("document {id}: {reason}")]
    BadGold { id: String, reason: String },
    #[error("document {id}: {source}")]
    Layers { id: String, source: StageError },
    #[error("no training document has a window to learn from")]
    Empty,
}

/// How the model's quotes combine with the rules'.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ModelMode {
    /// The rules' quotes, plus the model's mixed and indirect ones that overlap none of them.
    #[default]
    Hybrid,
    /// The model's quotes alone.
    Alone,
}

/// A trained attribution model and the licence of the data it was learned from.
#[derive(Clone)]
pub struct QuoteModel {
    cue: Model,
    attribution: Model,
    licence: String,
}

impl std::fmt::Debug for QuoteModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QuoteModel")
            .field("licence", &self.licence)
            .finish_non_exhaustive()
    }
}

impl QuoteModel {
    /// What the model was trained on and under which terms (printed when it is loaded).
    pub fn licence(&self) -> &str {
        &self.licence
    }

    /// The file form: magic bytes, the licence (u32 length, UTF-8), the cue tagger (u64
    /// length, bytes), the attribution tagger.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&(self.licence.len() as u32).to_le_bytes());
        out.extend_from_slice(self.licence.as_bytes());
        let cue = self.cue.to_bytes();
        out.extend_from_slice(&(cue.len() as u64).to_le_bytes());
        out.extend_from_slice(&cue);
        out.extend_from_slice(&self.attribution.to_bytes());
        out
    }

    /// Reads the form written by [`QuoteModel::to_bytes`], checking that each tagger inside
    /// was trained on this version's features and tags.
    pub fn from_bytes(bytes: &[u8]) -> Result<QuoteModel, QuoteModelError> {
        let rest = bytes.strip_prefix(MAGIC).ok_or(QuoteModelError::BadMagic)?;
        let (licence, rest) = split_counted::<4>(rest)?;
        let licence = String::from_utf8(licence.to_vec())
            .map_err(|_| QuoteModelError::Invalid("licence is not UTF-8".into()))?;
        let (cue, attribution) = split_counted::<8>(rest)?;
        Ok(QuoteModel {
            cue: tagger(cue, &cue_scheme())?,
            attribution: tagger(attribution, &attribution_scheme())?,
            licence,
        })
    }

    /// Reads a model file.
    pub fn load(path: &std::path::Path) -> Result<QuoteModel, QuoteModelError> {
        let bytes = std::fs::read(path).map_err(|source| QuoteModelError::Io {
            path: path.display().to_string(),
            source,
        })?;
        QuoteModel::from_bytes(&bytes)
    }

    /// The model's quotes of `doc` (which needs tokens, sentences, paragraphs, pos, entities),
    /// in text order: per window, the cues, then for each cue its contents and source.
    pub(crate) fn quotes(
        &self,
        lexicon: &Lexicon,
        doc: &Document,
    ) -> Result<Vec<Quote>, StageError> {
        let layers = Layers::new(lexicon, doc)?;
        let prepared = features::Prepared::new(&layers);
        let (cue_scheme, scheme) = (cue_scheme(), attribution_scheme());
        let mut feats = self.cue.features();
        let (mut scratch, mut tags) = (Scratch::default(), Vec::new());
        let mut out = Vec::new();
        for w in &layers.windows {
            let at = |r: std::ops::Range<usize>| r.start + w.start..r.end + w.start;
            features::window(lexicon, &layers, &prepared, w.clone(), None, &mut feats);
            self.cue.decode(&feats, &mut scratch, &mut tags);
            for (cue, _) in cue_scheme.decode(&tags) {
                let cue = at(cue);
                features::window(
                    lexicon,
                    &layers,
                    &prepared,
                    w.clone(),
                    Some(&cue),
                    &mut feats,
                );
                self.attribution.decode(&feats, &mut scratch, &mut tags);
                let (mut contents, mut sources) = (Vec::new(), Vec::new());
                for (r, label) in scheme.decode(&tags) {
                    [&mut contents, &mut sources][label].push(at(r));
                }
                out.extend(pair::quotes(&layers, &cue, &contents, &sources));
            }
        }
        // Two cues of one attribution (`said … in a statement`) may each give its content.
        out.sort_by_key(|q| (q.span.start, q.span.end));
        out.dedup_by_key(|q| q.span);
        Ok(out)
    }
}

/// A little-endian length of `N` bytes, then that many bytes: the counted part and the rest.
fn split_counted<const N: usize>(bytes: &[u8]) -> Result<(&[u8], &[u8]), QuoteModelError> {
    let (len, rest) = bytes
        .split_first_chunk::<N>()
        .ok_or(QuoteModelError::Truncated)?;
    let mut wide = [0u8; 8];
    wide[..N].copy_from_slice(len);
    let len = usize::try_from(u64::from_le_bytes(wide)).map_err(|_| QuoteModelError::Truncated)?;
    if len > rest.len() {
        return Err(QuoteModelError::Truncated);
    }
    Ok(rest.split_at(len))
}

/// One tagger of a quote model, which must carry this version's features and `scheme`'s tags.
fn tagger(bytes: &[u8], scheme: &Bilou) -> Result<Model, QuoteModelError> {
    let model = Model::from_bytes(bytes)?;
    if model.meta() != FEATURES {
        return Err(QuoteModelError::Invalid(format!(
            "features {:?}, this version reads {FEATURES:?}",
            model.meta()
        )));
    }
    if model.tag_names() != scheme.tag_names().as_slice() {
        return Err(QuoteModelError::Invalid("unexpected tag set".into()));
    }
    Ok(model)
}

/// The rules' quotes with the model's mixed and indirect quotes of three words or more that
/// overlap none of them, in text order. (Model contents of one or two words match PolNeAR
/// about one time in three on train; left out, direct F1 gains and all-attribution F1 holds.)
/// The rules' contents are merged into sorted disjoint stretches first, so each model quote is
/// checked with one binary search.
pub(crate) fn hybrid(text: &str, rules: Vec<Quote>, model: Vec<Quote>) -> Vec<Quote> {
    let mut covered: Vec<Span> = rules.iter().map(|q| q.span).collect();
    covered.sort_by_key(|s| s.start);
    let mut merged: Vec<Span> = Vec::with_capacity(covered.len());
    for s in covered {
        match merged.last_mut() {
            Some(m) if s.start < m.end => m.end = m.end.max(s.end),
            _ => merged.push(s),
        }
    }
    let free = |s: Span| {
        let i = merged.partition_point(|m| m.end <= s.start);
        merged.get(i).map_or(true, |m| m.start >= s.end)
    };
    let mut out = rules;
    out.extend(
        model
            .into_iter()
            .filter(|q| q.kind != QuoteKind::Direct && free(q.span))
            .filter(|q| {
                text.get(q.span.range())
                    .map_or(0, |c| c.split_whitespace().count())
                    >= 3
            }),
    );
    out.sort_by_key(|q| (q.span.start, q.span.end));
    out
}

#[cfg(test)]
mod tests;
