//! A trained pos model: the greedy tagger's weights over joint `PTB|UPOS` labels, and the
//! lemmatizer; one file.

use crate::features::{is_caps, Extractor, WordCache};
use crate::lemma::{Lemmatizer, TagKey};
use newsnlp_doc::{intern_tag, Span, TagPair, PTB_TAGS, UPOS_TAGS};
use newsnlp_tagger::packed::LANES;
use newsnlp_tagger::{Clusters, Model, ModelError, PackedWeights};

const MAGIC: &[u8; 8] = b"NNLPPOS1";

/// Tokens whose features are held at once (about 60 bytes each).
const WINDOW: usize = 4096;

/// The `meta` of the tagger weights: which feature set they were trained on.
pub(crate) const META: &str = "newsnlp-pos/1 features=v1";

/// Most labels a model may have (scores live in a fixed array on the stack).
pub(crate) const MAX_LABELS: usize = LANES;

/// The tagger, its labels and the lemmatizer.
#[derive(Debug, Clone)]
pub struct PosModel {
    pub(crate) tagger: Model,
    /// The same weights as `i8` cache-line rows, which tagging reads.
    pub(crate) packed: PackedWeights,
    /// `(PTB tag, Universal tag)` of each label of `tagger`.
    pub(crate) labels: Vec<(&'static str, &'static str)>,
    /// The same, as the document layer stores them.
    pub(crate) tag_pairs: Vec<TagPair>,
    pub(crate) lemmas: Lemmatizer,
    /// [`Lemmatizer::tag_key`] of each label's PTB tag.
    pub(crate) tag_keys: Vec<TagKey>,
}

/// A label name `PTB|UPOS` as its two interned tags.
pub(crate) fn split_label(name: &str) -> Option<(&'static str, &'static str)> {
    let (ptb, upos) = name.split_once('|')?;
    Some((intern_tag(&PTB_TAGS, ptb)?, intern_tag(&UPOS_TAGS, upos)?))
}

impl PosModel {
    pub(crate) fn new(tagger: Model, lemmas: Lemmatizer) -> Result<PosModel, ModelError> {
        if tagger.meta() != META {
            return Err(ModelError::Invalid(format!(
                "not a pos model (meta {:?})",
                tagger.meta()
            )));
        }
        if tagger.n_tags() > MAX_LABELS {
            return Err(ModelError::Invalid(format!("{} labels", tagger.n_tags())));
        }
        let labels = tagger
            .tag_names()
            .iter()
            .map(|n| split_label(n).ok_or_else(|| ModelError::Invalid(format!("label {n:?}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let tag_keys = labels.iter().map(|l| lemmas.tag_key(l.0)).collect();
        let tag_pairs = labels
            .iter()
            .map(|&(tag, pos)| TagPair::new(pos, tag))
            .collect();
        let packed = PackedWeights::new(&tagger)
            .ok_or_else(|| ModelError::Invalid(format!("{} labels", tagger.n_tags())))?;
        Ok(PosModel {
            packed,
            tagger,
            labels,
            tag_pairs,
            lemmas,
            tag_keys,
        })
    }

    /// Tags one sentence greedily, left to right, into `out` (label ids), reading its features
    /// a window of tokens at a time so that a sentence of millions of tokens needs little
    /// memory beyond its labels.
    pub(crate) fn tag(
        &self,
        ex: &mut Extractor<'_>,
        text: &str,
        tokens: &[Span],
        out: &mut Vec<u16>,
    ) {
        self.tag_in_windows(ex, text, tokens, WINDOW, out);
    }

    /// [`PosModel::tag`] with windows of `width` tokens (the same labels for any width).
    fn tag_in_windows(
        &self,
        ex: &mut Extractor<'_>,
        text: &str,
        tokens: &[Span],
        width: usize,
        out: &mut Vec<u16>,
    ) {
        let caps = is_caps(text, tokens);
        let n = self.labels.len();
        let none = n as u16;
        let (mut prev, mut prev2) = (none, none);
        for start in (0..tokens.len()).step_by(width) {
            let window = start..(start + width).min(tokens.len());
            ex.window(text, tokens, caps, window.clone());
            for i in window.clone() {
                // The next token's rows load while this one is scored (the table is megabytes).
                if i + 1 < window.end {
                    self.packed.prefetch(ex.token(i + 1));
                }
                let mut scores = ex.cached_scores(i).copied().unwrap_or([0; LANES]);
                self.packed.add_scores(ex.token(i), &mut scores);
                self.packed
                    .add_scores(&ex.history(i, prev, prev2), &mut scores);
                let best = argmax(&scores[..n]);
                out.push(best);
                (prev2, prev) = (prev, best);
            }
        }
    }

    /// The file form: magic, the tagger's bytes (length-prefixed), then the lemma lines.
    pub fn to_bytes(&self) -> Vec<u8> {
        let tagger = self.tagger.to_bytes();
        let mut out = Vec::with_capacity(tagger.len() + (1 << 20));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(tagger.len() as u64).to_le_bytes());
        out.extend_from_slice(&tagger);
        out.extend_from_slice(self.lemmas.to_lines().as_bytes());
        out
    }

    /// Reads the form written by [`PosModel::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<PosModel, ModelError> {
        let rest = bytes.strip_prefix(MAGIC).ok_or(ModelError::BadMagic)?;
        let (len, rest) = rest.split_at_checked(8).ok_or(ModelError::Truncated)?;
        let len = len
            .try_into()
            .map(u64::from_le_bytes)
            .map_err(|_| ModelError::Truncated)? as usize;
        let (tagger, lemmas) = rest.split_at_checked(len).ok_or(ModelError::Truncated)?;
        let lemmas = std::str::from_utf8(lemmas)
            .map_err(|_| ModelError::Invalid("lemma table is not UTF-8".into()))?;
        PosModel::new(
            Model::from_bytes(tagger)?,
            Lemmatizer::parse(lemmas).map_err(ModelError::Invalid)?,
        )
    }

    /// A feature extractor for this model, reading `cache` (built for this model) if given.
    pub(crate) fn extractor<'a>(
        &self,
        clusters: &'a Clusters,
        cache: Option<&'a WordCache>,
    ) -> Extractor<'a> {
        Extractor::new(clusters, cache, self.tagger.bits())
    }

    /// The word cache of this model for every word of the cluster table (31k words from news
    /// text: 4 MB, summed in about 80 million instructions at load; they cover 89% of the
    /// tokens of PolNeAR, the 10,000 most frequent 80%).
    pub(crate) fn word_cache(&self, clusters: &Clusters) -> WordCache {
        WordCache::build(self, clusters)
    }
}

/// The index of the highest score (the first on ties).
pub(crate) fn argmax<T: Ord + Copy + Default>(scores: &[T]) -> u16 {
    // Two branch-free passes (the maximum, then where it is) beat one branchy one.
    let max = scores.iter().copied().max().unwrap_or_default();
    scores.iter().position(|&s| s == max).unwrap_or(0) as u16
}

#[cfg(test)]
mod tests {
    use newsnlp_doc::{Document, Stage};
    use newsnlp_tokenize::Tokenizer;

    /// Windows see two neighbours either side and carry the tags over: any width gives the
    /// labels of the whole sentence at once.
    #[test]
    fn windows_give_the_labels_of_the_whole_sentence() {
        let mut doc = Document::new(
            "MOSCOW, Nov 24 (Reuters) - Russian Foreign Minister Sergey Lavrov said on Tuesday \
             that \"the proposal was dead\", and U.S. officials declined to comment (again).",
        );
        Tokenizer::new().annotate(&mut doc).unwrap();
        let tokens = doc.tokens.as_ref().unwrap();
        let loaded = crate::embedded().unwrap();
        let tag = |width: usize| {
            let mut ex = loaded
                .model
                .extractor(crate::clusters(), Some(&loaded.cache));
            let mut out = Vec::new();
            loaded
                .model
                .tag_in_windows(&mut ex, &doc.text, tokens, width, &mut out);
            out
        };
        let whole = tag(tokens.len());
        assert_eq!(whole.len(), tokens.len());
        for width in [1, 2, 3, 5, 7] {
            assert_eq!(tag(width), whole, "windows of {width}");
        }
    }

    /// The word cache (an entry for every word of the cluster table, found by the word's id)
    /// changes how a label is summed, never which label wins.
    #[test]
    fn the_word_cache_tags_as_the_features_it_stands_for() {
        let text = "Lavrov told reporters in Paris that the talks with the OPCW had been \
                    \"constructive\" and that Russia would go on.";
        let mut doc = Document::new(text);
        Tokenizer::new().annotate(&mut doc).unwrap();
        let tokens = doc.tokens.as_ref().unwrap();
        let loaded = crate::embedded().unwrap();
        assert_eq!(loaded.cache.len(), crate::clusters().len());
        let tag = |cache| {
            let mut ex = loaded.model.extractor(crate::clusters(), cache);
            let mut out = Vec::new();
            loaded.model.tag(&mut ex, text, tokens, &mut out);
            out
        };
        assert_eq!(tag(Some(&loaded.cache)), tag(None));
    }
}
