//! Named entities for news text: people, organisations, places and other names (CoNLL-2003
//! classes), each linked to its canonical name within the document.
//!
//! The tagger is an averaged perceptron over BILOU tags ([`newsnlp_tagger`]) with word, affix,
//! shape, context, capitalisation, word-cluster, gazetteer and document-history features,
//! trained on CoNLL-2003 (research use, see `model/README.md`). The model is embedded in the
//! library and parsed once, on first use.
//!
//! ```
//! use newsnlp_doc::{Document, Stage};
//! use newsnlp_entities::EntityRecognizer;
//! use newsnlp_tokenize::Tokenizer;
//!
//! let mut doc = Document::new(
//!     "Foreign Minister Sergey Lavrov met reporters in Moscow. Lavrov's remarks were brief.",
//! );
//! Tokenizer::new().annotate(&mut doc).unwrap();
//! EntityRecognizer::new().annotate(&mut doc).unwrap();
//! let found: Vec<(&str, &str, &str)> = doc.entities.as_ref().unwrap().iter()
//!     .map(|e| (doc.slice(e.span), e.label.as_str(), e.canonical.as_str()))
//!     .collect();
//! assert!(found.contains(&("Sergey Lavrov", "PER", "Sergey Lavrov")));
//! assert!(found.contains(&("Moscow", "LOC", "Moscow")));
//! assert!(found.contains(&("Lavrov", "PER", "Sergey Lavrov")));
//! ```

/// Canonical names within a document live in `newsnlp-coref`, which the quote stage's speaker
/// resolution shares; re-exported so `newsnlp_entities::canonical` keeps working.
pub use newsnlp_coref::names as canonical;
mod common_words;
pub mod data;
mod dateline;
mod features;
mod history;
mod lexicon;
mod persons;
mod postnominals;
mod resolutions;
mod tagging;
#[cfg(test)]
mod test_support;
pub mod train;

pub use features::{FeatureSet, Group};
/// The word clusters live in `newsnlp-tagger` (the pos stage uses them too); re-exported so
/// `newsnlp_entities::clusters` keeps working.
pub use newsnlp_tagger::clusters::{self, Clusters};
pub use newsnlp_tagger::ModelError;

/// Whether `word` (as written, `Minister`, `Mr.`) is a title or role set before a person's
/// name; the corpus tables read titles as evidence when they merge speakers across documents.
pub fn is_title(word: &str) -> bool {
    lexicon::is_title(word)
}

/// Whether `word`, in any case, is a given name in the entities stage's list (US Census).
pub fn is_first_name(word: &str) -> bool {
    lexicon::is_first_name(word)
}

use newsnlp_doc::{Declaration, Document, Layer, Stage, StageError};
use std::path::Path;
use std::sync::{Arc, OnceLock};
use tagging::NerModel;

/// The shipped model (see `model/README.md`).
const EMBEDDED_MODEL: &[u8] = include_bytes!("../model/ner.bin");

/// The embedded model and cluster table, parsed on first use and shared by every recognizer.
fn embedded() -> Result<&'static Arc<Loaded>, StageError> {
    static MODEL: OnceLock<Result<Arc<Loaded>, String>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            Loaded::from_bytes(EMBEDDED_MODEL)
                .map(Arc::new)
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|message| StageError::Failed {
            stage: "entities",
            message: format!("embedded model: {message}"),
        })
}

struct Loaded {
    ner: NerModel,
    clusters: &'static Clusters,
    /// The model's word-alone sums for the words of the cluster table (`features::word_sums`).
    words: Vec<newsnlp_tagger::NarrowSums>,
}

impl Loaded {
    fn from_bytes(bytes: &[u8]) -> Result<Loaded, ModelError> {
        let ner = NerModel::from_bytes(bytes)?;
        let clusters = clusters::embedded();
        let words = features::word_sums(ner.set, ner.decoder.weights(), ner.model.bits(), clusters);
        Ok(Loaded {
            ner,
            clusters,
            words,
        })
    }
}

/// The entity stage: adds `entities` (with canonical names) to documents that have tokens and
/// sentences. When the dateline stage ran first, the dateline's location and agency are
/// entities too.
#[derive(Clone, Default)]
pub struct EntityRecognizer {
    /// `None`: the embedded model, loaded on first use.
    model: Option<Arc<Loaded>>,
}

impl EntityRecognizer {
    /// The recognizer with the embedded model (parsed once, on first use, then shared).
    pub fn new() -> EntityRecognizer {
        EntityRecognizer { model: None }
    }

    /// A recognizer with a model trained by `newsnlp-entities train`.
    pub fn from_path(path: impl AsRef<Path>) -> Result<EntityRecognizer, ModelError> {
        let bytes = newsnlp_tagger::read_model_file(path.as_ref())?;
        Ok(EntityRecognizer {
            model: Some(Arc::new(Loaded::from_bytes(&bytes)?)),
        })
    }

    fn loaded(&self) -> Result<&Loaded, StageError> {
        match &self.model {
            Some(m) => Ok(m),
            None => embedded().map(|m| m.as_ref()),
        }
    }
}

/// What the entities stage reads and adds.
pub const DECLARATION: Declaration = Declaration {
    name: "entities",
    requires: &[Layer::Tokens, Layer::Sentences],
    provides: &[Layer::Entities],
};

impl Stage for EntityRecognizer {
    fn name(&self) -> &'static str {
        DECLARATION.name
    }

    fn declaration(&self) -> Option<&'static Declaration> {
        Some(&DECLARATION)
    }

    /// The model, and apart from it the word lists. Not the gazetteer: a story without a
    /// capitalised word never needs it (in a pipeline the dateline stage loads it).
    fn prepare(&self) {
        rayon::join(|| self.loaded().is_ok(), lexicon::prepare);
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        let tokens = doc.require_tokens()?;
        let sentences = doc.require_sentences()?;
        let loaded = self.loaded()?;
        let mut spans = loaded
            .ner
            .tag(&doc.text, tokens, sentences, loaded.clusters, &loaded.words);
        persons::apply(&doc.text, tokens, &mut spans);
        resolutions::apply(&doc.text, tokens, &mut spans);
        postnominals::apply(&doc.text, &mut spans);
        common_words::apply(&doc.text, tokens, sentences, &mut spans);
        if let Some(Some(dl)) = &doc.dateline {
            dateline::apply(&doc.text, tokens, dl, &mut spans);
        }
        // An entity names something: tokens without a visible character (empty, or all
        // whitespace, which another producer may write) never make one, whatever their tag.
        spans.retain(|(span, _)| doc.text[span.range()].contains(|c: char| !c.is_whitespace()));
        let mut entities = canonical::link(&doc.text, tokens, &spans);
        if let Some(Some(dl)) = &doc.dateline {
            // The gazetteer's spelling, then every other capitals mention of the place.
            dateline::spell_place(&doc.text, dl, &mut entities);
            canonical::prefer_mixed_case(&mut entities);
        }
        doc.entities = Some(entities);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsnlp_doc::{Sentence, Span};
    use newsnlp_tokenize::Tokenizer;
    use proptest::prelude::*;

    fn run(text: &str) -> Document {
        let mut doc = Document::new(text);
        Tokenizer::new().annotate(&mut doc).unwrap();
        EntityRecognizer::new().annotate(&mut doc).unwrap();
        doc
    }

    #[test]
    fn word_sums_tag_as_the_features_they_stand_for() {
        let loaded = embedded().unwrap();
        // Every word of the cluster table has its sums.
        assert_eq!(loaded.words.len(), loaded.clusters.len());
        let text = "MOSCOW, November 24. /TASS/. Russian Foreign Minister Sergey Lavrov met \
                    Jean-Marc Ayrault in Paris, the ministry said. Lavrov told reporters the \
                    talks with the OPCW had been \"constructive\".";
        let mut doc = Document::new(text);
        Tokenizer::new().annotate(&mut doc).unwrap();
        let (tokens, sentences) = (
            doc.tokens.as_ref().unwrap(),
            doc.sentences.as_ref().unwrap(),
        );
        let tag = |words: &[newsnlp_tagger::NarrowSums]| {
            loaded
                .ner
                .tag(text, tokens, sentences, loaded.clusters, words)
        };
        let with_sums = tag(&loaded.words);
        assert!(with_sums.len() >= 5, "{with_sums:?}");
        assert_eq!(with_sums, tag(&[]));
    }

    #[test]
    fn missing_layers_are_reported_not_guessed() {
        let mut doc = Document::new("Angela Merkel spoke.");
        let err = EntityRecognizer::new().annotate(&mut doc).unwrap_err();
        assert!(matches!(
            err,
            StageError::MissingLayer {
                layer: "tokens",
                ..
            }
        ));
    }

    #[test]
    fn headline_capitals_and_dateline_do_not_make_everything_a_name() {
        let doc = run("OIL PRICES FALL AS DEMAND WEAKENS\nLONDON, March 3 (Reuters) - Oil prices fell on Tuesday, traders in London said.");
        let found: Vec<(&str, &str)> = doc
            .entities
            .as_ref()
            .unwrap()
            .iter()
            .map(|e| (doc.slice(e.span), e.label.as_str()))
            .collect();
        assert!(found.contains(&("LONDON", "LOC")), "{found:?}");
        assert!(found.contains(&("Reuters", "ORG")), "{found:?}");
        for word in ["OIL", "PRICES", "DEMAND", "WEAKENS"] {
            assert!(
                !found.iter().any(|(t, _)| t.contains(word)),
                "{word} tagged: {found:?}"
            );
        }
    }

    #[test]
    fn from_path_rejects_files_that_are_not_models() {
        let dir =
            std::env::temp_dir().join(format!("newsnlp-entities-test-{}", std::process::id()));
        std::fs::write(&dir, b"not a model").unwrap();
        assert!(matches!(
            EntityRecognizer::from_path(&dir),
            Err(ModelError::BadMagic)
        ));
        std::fs::remove_file(&dir).ok();
        assert!(matches!(
            EntityRecognizer::from_path("/nonexistent/model.bin"),
            Err(ModelError::Io { .. })
        ));
    }

    /// Issue 9: a "sentence" of thousands of tokens is tagged in pieces (bounded memory); the
    /// names in every piece are still found, at their own offsets.
    #[test]
    fn a_sentence_longer_than_one_tagged_piece_keeps_its_names() {
        let wall = "\" ".repeat(2500);
        let text = format!("Sergey Lavrov arrived in Moscow {wall}and Sergey Lavrov left Moscow");
        let doc = run(&text);
        assert_eq!(doc.sentences.as_ref().map(Vec::len), Some(1));
        assert!(doc.tokens.as_ref().unwrap().len() > 2 * 1000);
        let found: Vec<(usize, &str, &str)> = doc
            .entities
            .as_ref()
            .unwrap()
            .iter()
            .map(|e| (e.span.start, doc.slice(e.span), e.label.as_str()))
            .collect();
        let last = text.rfind("Sergey").unwrap();
        assert!(found.contains(&(0, "Sergey Lavrov", "PER")), "{found:?}");
        assert!(found.contains(&(last, "Sergey Lavrov", "PER")), "{found:?}");
        assert!(found.iter().any(|&(_, w, l)| w == "Moscow" && l == "LOC"));
    }

    /// Entities come out ordered and disjoint, whatever sentences another producer wrote.
    fn assert_ordered_disjoint(doc: &Document) {
        let spans: Vec<Span> = doc
            .entities
            .as_ref()
            .unwrap()
            .iter()
            .map(|e| e.span)
            .collect();
        assert!(
            spans.windows(2).all(|w| w[0].end <= w[1].start),
            "{spans:?} in {:?}",
            doc.text
        );
    }

    /// A document built in memory, as a library user may (the reader would refuse these
    /// layers), from code point offsets: tokens, and sentences as (start, end, token range).
    fn in_memory(
        text: &str,
        tokens: &[(usize, usize)],
        sentences: &[(usize, usize, [usize; 2])],
    ) -> Document {
        let map = newsnlp_doc::OffsetMap::new(text);
        let span = |s: usize, e: usize| Span::new(map.to_byte(s).unwrap(), map.to_byte(e).unwrap());
        let mut doc = Document::new(text);
        doc.tokens = Some(tokens.iter().map(|&(s, e)| span(s, e)).collect());
        let sentences = sentences.iter().map(|&(s, e, [a, b])| Sentence {
            span: span(s, e),
            tokens: a..b,
        });
        doc.sentences = Some(sentences.collect());
        doc
    }

    /// Found by the layers_entities fuzz target: two sentences over the same tokens tagged
    /// them twice, and each entity came out twice.
    #[test]
    fn overlapping_sentences_do_not_duplicate_entities() {
        let mut doc = in_memory(
            "…MOSCOWKim?",
            &[(2, 6), (8, 11), (11, 11)],
            &[(3, 11, [0, 3]), (11, 11, [0, 3])],
        );
        EntityRecognizer::new().annotate(&mut doc).unwrap();
        assert_ordered_disjoint(&doc);
        assert!(!doc.entities.as_ref().unwrap().is_empty());
    }

    /// Found by the layers_entities fuzz target: a whitespace token after capitalised words
    /// was tagged ORG and came out as an entity with an empty canonical name.
    #[test]
    fn whitespace_tokens_make_no_entity() {
        let text = format!("{}{}", "Nov".repeat(36), " ".repeat(14));
        #[rustfmt::skip]
        let tokens = [
            (3, 6), (9, 12), (15, 18), (21, 22), (25, 26), (29, 30), (33, 34), (37, 47), (51, 57),
            (59, 63), (65, 69), (71, 75), (77, 81), (86, 98), (99, 104), (107, 108), (111, 112),
            (115, 116), (119, 120), (121, 122),
        ];
        let mut doc = in_memory(&text, &tokens, &[(3, 75, [0, 12]), (77, 122, [12, 20])]);
        EntityRecognizer::new().annotate(&mut doc).unwrap();
        for e in doc.entities.as_ref().unwrap() {
            assert!(!e.canonical.is_empty(), "{e:?}");
        }
    }

    /// Found by the layers_entities fuzz target: an empty token after quotation marks was
    /// tagged ORG and came out as an entity with no text and an empty canonical name.
    #[test]
    fn empty_tokens_make_no_entity() {
        let text = "NEW YORK, 1996-08-221996-08-22\"\"\"\"\"\"#\"\"Lavrov\"";
        let tokens = [(2, 10), (12, 23), (26, 37), (40, 41), (44, 45), (46, 46)];
        let mut doc = in_memory(text, &tokens, &[(2, 46, [0, 6])]);
        EntityRecognizer::new().annotate(&mut doc).unwrap();
        for e in doc.entities.as_ref().unwrap() {
            assert!(!e.span.is_empty() && !e.canonical.is_empty(), "{e:?}");
        }
    }

    #[test]
    fn sentences_out_of_order_give_ordered_entities() {
        let mut doc = run("Angela Merkel met Sergey Lavrov in Moscow. Vladimir Putin spoke.");
        doc.sentences.as_mut().unwrap().reverse();
        EntityRecognizer::new().annotate(&mut doc).unwrap();
        assert_ordered_disjoint(&doc);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_text_gives_valid_spans(text in "[A-Za-zÉéß'’\\-(). ,\n0-9]{0,120}") {
            let doc = run(&text);
            let tokens: &[Span] = doc.tokens.as_deref().unwrap();
            for e in doc.entities.as_ref().unwrap() {
                prop_assert!(e.span.start < e.span.end && e.span.end <= text.len());
                prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
                prop_assert!(tokens.iter().any(|t| t.overlaps(e.span)));
                prop_assert!(!e.canonical.is_empty());
            }
        }
    }
}
