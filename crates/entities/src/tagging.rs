//! A trained entity model and the sentence-by-sentence tagging of one document.

use crate::features::{Extractor, FeatureSet, Group};
use crate::history::History;
use newsnlp_doc::{EntityLabel, Sentence, Span};
use newsnlp_tagger::Clusters;
use newsnlp_tagger::{Bilou, Model, ModelError, NarrowSums, PackedDecoder, Scratch};

/// The `meta` prefix of entity models; the feature set follows.
const META_PREFIX: &str = "newsnlp-entities/1 features=";

/// The tag scheme: BILOU over the CoNLL-2003 labels, in [`EntityLabel::ALL`] order.
pub(crate) fn scheme() -> Bilou {
    Bilou::new(EntityLabel::ALL.iter().map(|l| l.as_str()))
}

pub(crate) fn meta(set: FeatureSet) -> String {
    format!("{META_PREFIX}{set}")
}

/// The most tokens tagged as one sequence. The features and the Viterbi lattice of a sequence
/// take some 300 bytes a token, so a "sentence" the splitter could not break (a table, a wall
/// of punctuation: millions of tokens) is tagged in pieces of this many tokens, which keeps
/// memory bounded; news sentences are far shorter and are tagged whole.
const MAX_SEQUENCE: usize = 1000;

/// Magic bytes of a stacked model file: the first-level model, then the second.
const STACKED: &[u8; 8] = b"NNLPSTK1";

/// A tagger model together with the feature set it was trained with and, for a second-level
/// (stacked) model, the first-level model whose document-wide labels it reads.
#[derive(Clone)]
pub(crate) struct NerModel {
    pub model: Model,
    /// The model's weights as `i8` cache-line rows, for tagging (training reads `model`).
    pub decoder: PackedDecoder,
    pub set: FeatureSet,
    pub first: Option<Box<NerModel>>,
}

impl NerModel {
    pub fn new(model: Model, first: Option<NerModel>) -> Result<NerModel, ModelError> {
        let set = model
            .meta()
            .strip_prefix(META_PREFIX)
            .and_then(FeatureSet::parse)
            .ok_or_else(|| {
                ModelError::Invalid(format!("not an entity model (meta {:?})", model.meta()))
            })?;
        if model.tag_names() != scheme().tag_names().as_slice() {
            return Err(ModelError::Invalid("unexpected tag set".into()));
        }
        if set.has(Group::Document) != first.is_some() {
            return Err(ModelError::Invalid(
                "document features need a first-level model".into(),
            ));
        }
        let decoder = PackedDecoder::new(&model)
            .ok_or_else(|| ModelError::Invalid("too many tags to pack".into()))?;
        Ok(NerModel {
            model,
            decoder,
            set,
            first: first.map(Box::new),
        })
    }

    /// A model just trained over [`scheme`]'s tags, which always fit a [`PackedDecoder`].
    pub fn trained(model: Model, set: FeatureSet, first: Option<Box<NerModel>>) -> NerModel {
        let decoder = PackedDecoder::new(&model).expect("the BILOU tags of four labels fit a row");
        NerModel {
            model,
            decoder,
            set,
            first,
        }
    }

    /// Reads a single model or a stacked pair (see [`NerModel::to_bytes`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<NerModel, ModelError> {
        match bytes.strip_prefix(STACKED) {
            Some(rest) => {
                let (len, rest) = rest.split_first_chunk::<8>().ok_or(ModelError::Truncated)?;
                let len =
                    usize::try_from(u64::from_le_bytes(*len)).map_err(|_| ModelError::Truncated)?;
                if len > rest.len() {
                    return Err(ModelError::Truncated);
                }
                let (first, second) = rest.split_at(len);
                // The first level is always a single model (no recursion on untrusted input).
                let first = NerModel::new(Model::from_bytes(first)?, None)?;
                NerModel::new(Model::from_bytes(second)?, Some(first))
            }
            None => NerModel::new(Model::from_bytes(bytes)?, None),
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        match &self.first {
            None => self.model.to_bytes(),
            Some(first) => {
                let first = first.to_bytes();
                let mut out = STACKED.to_vec();
                out.extend_from_slice(&(first.len() as u64).to_le_bytes());
                out.extend_from_slice(&first);
                out.extend_from_slice(&self.model.to_bytes());
                out
            }
        }
    }

    /// Tags a document: the entity spans, sentence by sentence, reading `words` ([`word_sums`]
    /// of this model and `clusters`; empty while training, whose weights change).
    ///
    /// [`word_sums`]: crate::features::word_sums
    pub fn tag(
        &self,
        text: &str,
        tokens: &[Span],
        sentences: &[Sentence],
        clusters: &Clusters,
        words: &[NarrowSums],
    ) -> Vec<(Span, EntityLabel)> {
        let scheme = scheme();
        let document = self
            .first
            .as_ref()
            .map(|f| f.document_labels(text, tokens, sentences, clusters));
        let mut out = Vec::new();
        let ex = Extractor::new(self.set, clusters).with_word_sums(words);
        self.each_sentence(
            text,
            tokens,
            sentences,
            ex,
            document.as_ref(),
            |_, toks, tags| {
                for (r, l) in scheme.decode(tags) {
                    out.push((
                        Span::new(toks[r.start].start, toks[r.end - 1].end),
                        EntityLabel::ALL[l],
                    ));
                }
            },
        );
        out
    }

    /// The labels this (first-level) model gives each capitalised word of the document.
    pub fn document_labels(
        &self,
        text: &str,
        tokens: &[Span],
        sentences: &[Sentence],
        clusters: &Clusters,
    ) -> History {
        let scheme = scheme();
        let mut all = History::default();
        let ex = Extractor::new(self.set, clusters);
        self.each_sentence(text, tokens, sentences, ex, None, |ex, _, tags| {
            remember(&scheme, ex, tags, &mut all)
        });
        all
    }

    /// Decodes every sentence (in pieces of at most [`MAX_SEQUENCE`] tokens) in order, feeding
    /// each one's labels forward as history, and hands its extractor state, tokens and tags to
    /// `each`. `ex` is this model's extractor.
    fn each_sentence(
        &self,
        text: &str,
        tokens: &[Span],
        sentences: &[Sentence],
        mut ex: Extractor<'_>,
        document: Option<&History>,
        mut each: impl FnMut(&Extractor<'_>, &[Span], &[u16]),
    ) {
        let scheme = scheme();
        let mut history = History::default();
        let mut feats = self.model.features();
        let mut scratch = Scratch::default();
        let mut tags = Vec::new();
        // Sentences from another producer may overlap or run backwards: each token is tagged
        // once, in the first sentence that holds it, so spans come out ordered and disjoint
        // and the work stays linear in the number of tokens.
        let mut tagged = 0;
        let pieces = sentences
            .iter()
            .filter_map(|s| {
                let first = s.tokens.start.max(tagged);
                let toks = tokens.get(first..s.tokens.end.max(first))?;
                tagged = tagged.max(s.tokens.end);
                Some(toks)
            })
            .flat_map(|toks| toks.chunks(MAX_SEQUENCE));
        for toks in pieces {
            ex.sentence(text, toks, &history, document, &mut feats);
            let cached = |i| ex.cached_sums(i);
            self.decoder
                .decode_from(&feats, cached, &mut scratch, &mut tags);
            remember(&scheme, &ex, &tags, &mut history);
            each(&ex, toks, &tags);
        }
    }
}

/// Adds the labels of the sentence `ex` last extracted to the document history.
pub(crate) fn remember(scheme: &Bilou, ex: &Extractor<'_>, tags: &[u16], history: &mut History) {
    for (info, &tag) in ex.info.iter().zip(tags) {
        history.record(
            info.lower,
            info.capitalised,
            scheme.split(tag).map(|(l, _)| l),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsnlp_tagger::Perceptron;

    fn untrained(set: FeatureSet) -> Model {
        let s = scheme();
        Perceptron::new(10, s.tag_names(), s.constraints()).averaged(&meta(set), 0)
    }

    #[test]
    fn stacked_models_round_trip_and_reject_damage() {
        let first = NerModel::new(untrained(FeatureSet::standard()), None).unwrap();
        let stacked = NerModel::new(untrained(FeatureSet::all()), Some(first)).unwrap();
        let bytes = stacked.to_bytes();
        let back = NerModel::from_bytes(&bytes).unwrap();
        assert_eq!(back.set, FeatureSet::all());
        assert_eq!(
            back.first.as_ref().map(|f| f.set),
            Some(FeatureSet::standard())
        );
        assert!(NerModel::from_bytes(&bytes[..bytes.len() - 3]).is_err());
        assert!(NerModel::from_bytes(&bytes[..12]).is_err());
        // A second-level model without its first level is refused.
        assert!(NerModel::from_bytes(&untrained(FeatureSet::all()).to_bytes()).is_err());
    }
}
