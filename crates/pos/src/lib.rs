//! Part of speech and lemmas: adds to every token its Universal POS tag (`pos`), its Penn
//! Treebank tag (`tag`, as in GUM's XPOS column) and its `lemma`.
//!
//! A greedy left-to-right averaged perceptron (`newsnlp-tagger`) over hashed features — the
//! word, its lower case, prefixes and suffixes, shape, word cluster, the words two either
//! side, the two tags already chosen — predicts joint `PTB|UPOS` labels; lemmas come from a
//! table learned from the treebank, hand-checked irregular forms and suffix rules by tag. The
//! shipped model is trained on GUM (CC BY 4.0) through this project's own tokenizer: see
//! `README.md`.
//!
//! ```
//! use newsnlp_doc::{Document, Stage};
//! use newsnlp_pos::PosTagger;
//! use newsnlp_tokenize::Tokenizer;
//!
//! let mut doc = Document::new("Lavrov has said that the proposal was dead.");
//! Tokenizer::new().annotate(&mut doc).unwrap();
//! PosTagger::new().annotate(&mut doc).unwrap();
//! let pos = doc.pos.as_ref().unwrap();
//! assert_eq!((pos.tokens[0].pos(), pos.tokens[0].tag()), ("PROPN", "NNP"));
//! assert_eq!(pos.lemma(1), "have");
//! assert_eq!((pos.tokens[2].tag(), pos.lemma(2)), ("VBN", "say"));
//! ```

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub mod align;
pub mod conllu;
mod features;
pub mod lemma;
mod model;
pub mod train;

pub use model::PosModel;
pub use newsnlp_tagger::ModelError;

use features::WordCache;
use newsnlp_doc::{Declaration, Document, Layer, PosLayer, Span, Stage, StageError};
use newsnlp_tagger::Clusters;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// What the pos stage reads and adds.
pub const DECLARATION: Declaration = Declaration {
    name: "pos",
    requires: &[Layer::Tokens, Layer::Sentences],
    provides: &[Layer::Pos],
};

/// The shipped model (see `README.md`).
const EMBEDDED_MODEL: &[u8] = include_bytes!("../model/pos.bin");

/// The word clusters the features read, parsed once (shared with the entity tagger).
pub fn clusters() -> &'static Clusters {
    newsnlp_tagger::clusters::embedded()
}

/// A model ready to tag: with its word cache.
struct Loaded {
    model: PosModel,
    cache: WordCache,
}

impl Loaded {
    fn new(model: PosModel) -> Loaded {
        let cache = model.word_cache(clusters());
        Loaded { model, cache }
    }
}

fn embedded() -> Result<&'static Arc<Loaded>, StageError> {
    static MODEL: OnceLock<Result<Arc<Loaded>, String>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            PosModel::from_bytes(EMBEDDED_MODEL)
                .map(|m| Arc::new(Loaded::new(m)))
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|message| StageError::Failed {
            stage: "pos",
            message: format!("embedded model: {message}"),
        })
}

/// The pos stage. Build once, share between threads.
#[derive(Clone, Default)]
pub struct PosTagger {
    /// `None`: the embedded model, parsed on first use.
    model: Option<Arc<Loaded>>,
}

impl PosTagger {
    /// The tagger with the embedded model.
    pub fn new() -> PosTagger {
        PosTagger { model: None }
    }

    /// A tagger with a model written by `newsnlp-pos train`.
    pub fn from_path(path: impl AsRef<Path>) -> Result<PosTagger, ModelError> {
        let bytes = newsnlp_tagger::read_model_file(path.as_ref())?;
        Ok(PosTagger::with_model(PosModel::from_bytes(&bytes)?))
    }

    pub fn with_model(model: PosModel) -> PosTagger {
        PosTagger {
            model: Some(Arc::new(Loaded::new(model))),
        }
    }

    fn loaded(&self) -> Result<&Loaded, StageError> {
        match &self.model {
            Some(m) => Ok(m),
            None => embedded().map(|m| m.as_ref()),
        }
    }
}

impl Stage for PosTagger {
    fn name(&self) -> &'static str {
        DECLARATION.name
    }

    fn declaration(&self) -> Option<&'static Declaration> {
        Some(&DECLARATION)
    }

    fn prepare(&self) {
        let _ = self.loaded();
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        let tokens = doc.require_tokens()?;
        let sentences = doc.require_sentences()?;
        let Loaded { model, cache } = self.loaded()?;
        let mut ex = model.extractor(clusters(), Some(cache));
        let mut labels = Vec::with_capacity(tokens.len());
        // Every token is tagged once, in order, even if the sentences leave gaps, overlap or
        // name tokens past the end (a document built in code need not be consistent).
        let n = tokens.len();
        let mut next = 0;
        for s in sentences {
            let end = s.tokens.end.min(n).max(next);
            let start = s.tokens.start.clamp(next, end);
            for range in [next..start, start..end] {
                model.tag(&mut ex, &doc.text, &tokens[range], &mut labels);
            }
            next = end;
        }
        model.tag(&mut ex, &doc.text, &tokens[next..], &mut labels);
        // Without tokens the layer stays absent, as a reader of the written line sees it
        // (`require_pos` gives an empty layer then).
        doc.pos = (n > 0).then(|| layer(model, &doc.text, tokens, &labels));
        Ok(())
    }
}

fn layer(model: &PosModel, text: &str, tokens: &[Span], labels: &[u16]) -> PosLayer {
    let mut layer = PosLayer::with_capacity(tokens.len());
    let mut lemma = String::new();
    for (&t, &label) in tokens.iter().zip(labels) {
        lemma.clear();
        let key = &model.tag_keys[usize::from(label)];
        model.lemmas.lemma_with(&text[t.range()], key, &mut lemma);
        layer.push_pair(model.tag_pairs[usize::from(label)], &lemma);
    }
    layer
}
