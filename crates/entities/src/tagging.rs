//! A trained entity model and the sentence-by-sentence tagging of one document.

use crate::clusters::Clusters;
use crate::features::{Extractor, FeatureSet};
use crate::history::History;
use newsnlp_doc::{EntityLabel, Sentence, Span};
use newsnlp_tagger::{Bilou, Model, ModelError, Scratch};

/// The `meta` prefix of entity models; the feature set follows.
const META_PREFIX: &str = "newsnlp-entities/1 features=";

/// The tag scheme: BILOU over the CoNLL-2003 labels, in [`EntityLabel::ALL`] order.
pub(crate) fn scheme() -> Bilou {
    Bilou::new(EntityLabel::ALL.iter().map(|l| l.as_str()))
}

pub(crate) fn meta(set: FeatureSet) -> String {
    format!("{META_PREFIX}{set}")
}

/// A tagger model together with the feature set it was trained with.
pub(crate) struct NerModel {
    pub model: Model,
    pub set: FeatureSet,
}

impl NerModel {
    pub fn new(model: Model) -> Result<NerModel, ModelError> {
        let set = model
            .meta()
            .strip_prefix(META_PREFIX)
            .and_then(FeatureSet::parse)
            .ok_or_else(|| ModelError::Invalid(format!("not an entity model (meta {:?})", model.meta())))?;
        if model.tag_names() != scheme().tag_names().as_slice() {
            return Err(ModelError::Invalid("unexpected tag set".into()));
        }
        Ok(NerModel { model, set })
    }

    /// Tags every sentence of a document in order, feeding each sentence's labels forward as
    /// document-level features.
    pub fn tag(&self, text: &str, tokens: &[Span], sentences: &[Sentence], clusters: &Clusters) -> Vec<(Span, EntityLabel)> {
        let scheme = scheme();
        let mut ex = Extractor::new(self.set, clusters);
        let mut history = History::default();
        let mut feats = self.model.features();
        let mut scratch = Scratch::default();
        let mut tags = Vec::new();
        let mut out = Vec::new();
        for s in sentences {
            let Some(toks) = tokens.get(s.tokens.clone()) else { continue };
            if toks.is_empty() {
                continue;
            }
            ex.sentence(text, toks, &history, &mut feats);
            self.model.decode(&feats, &mut scratch, &mut tags);
            remember(&scheme, &ex, &tags, &mut history);
            for (r, l) in scheme.decode(&tags) {
                out.push((Span::new(toks[r.start].start, toks[r.end - 1].end), EntityLabel::ALL[l]));
            }
        }
        out
    }
}

/// Adds the labels of the sentence `ex` last extracted to the document history.
pub(crate) fn remember(scheme: &Bilou, ex: &Extractor<'_>, tags: &[u16], history: &mut History) {
    for (info, &tag) in ex.info.iter().zip(tags) {
        history.record(info.lower, info.capitalised, scheme.split(tag).map(|(l, _)| l));
    }
}
