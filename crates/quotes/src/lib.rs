//! Who said what: direct, mixed and indirect quotes with their cues and resolved speakers.
//!
//! [`QuoteExtractor`] is the newsnlp quote stage. It reads the `tokens`, `sentences`,
//! `paragraphs` and `entities` layers and writes `quotes`: each statement's content (without
//! enclosing quotation marks), its kind, the cue that reports it (`said`, `told reporters`,
//! `according to`, `the statement of`) and the speaker mention with a canonical name
//! (`he` → `Sergey Lavrov`).
//!
//! It is a rule system over one scan of the tokens: a hand-written lexicon of reporting verbs
//! (every inflection generated once in [`QuoteExtractor::new`]) and nouns, quotation-mark
//! pairing bounded by paragraphs, subject finding on either side of the cue, and salience-based
//! resolution of pronouns and role nominals (`the minister`) against the entity layer.
//!
//! For research, [`QuoteExtractor::with_model`] adds a [`QuoteModel`] learned from PolNeAR
//! ([`train`]; non-commercial licence, never embedded), which finds the indirect attributions
//! the rules miss; it also reads the `pos` layer.
//!
//! ```
//! use newsnlp_doc::{Document, Entity, EntityLabel, QuoteKind, Span, Stage};
//! use newsnlp_quotes::QuoteExtractor;
//! use newsnlp_tokenize::Tokenizer;
//!
//! let text = "Sergey Lavrov met reporters.\n\"We are ready,\" he said.";
//! let mut doc = Document::new(text);
//! Tokenizer::new().annotate(&mut doc).unwrap();
//! doc.entities = Some(vec![Entity {
//!     span: Span::new(0, 13),
//!     label: EntityLabel::Per,
//!     canonical: "Sergey Lavrov".into(),
//! }]);
//! QuoteExtractor::new().annotate(&mut doc).unwrap();
//! let q = &doc.quotes.as_ref().unwrap()[0];
//! assert_eq!(doc.slice(q.span), "We are ready,");
//! assert_eq!(q.kind, QuoteKind::Direct);
//! assert_eq!(doc.slice(q.cue.unwrap()), "said");
//! let speaker = q.speaker.as_ref().unwrap();
//! assert_eq!(doc.slice(speaker.span), "he");
//! assert_eq!(speaker.canonical.as_deref(), Some("Sergey Lavrov"));
//! ```

mod extract;
mod learned;
mod lexicon;
mod marks;
mod matcher;

pub use learned::{train, Epoch, ModelMode, QuoteModel, QuoteModelError, TrainError, TrainOptions};
use newsnlp_doc::{Declaration, Document, Layer, Quote, RawJson, Stage, StageError};
use std::sync::Arc;

/// The quote stage. Build it once (it compiles its lexicon) and share it between threads.
#[derive(Debug, Clone)]
pub struct QuoteExtractor {
    lexicon: lexicon::Lexicon,
    explain: bool,
    /// A learned model (`--model`) and how its quotes combine with the rules'.
    model: Option<(Arc<QuoteModel>, ModelMode)>,
}

impl Default for QuoteExtractor {
    fn default() -> Self {
        QuoteExtractor::new()
    }
}

impl QuoteExtractor {
    /// Builds the extractor with its built-in, hand-written lexicon.
    pub fn new() -> QuoteExtractor {
        QuoteExtractor {
            lexicon: lexicon::Lexicon::new(),
            explain: false,
            model: None,
        }
    }

    /// With `on`, every quote records the rule that found it (`"rule"` on the wire) and
    /// [`Stage::annotate`] adds an `explain` field to the document listing the reporting verbs
    /// that were no cue and the rule that said so (see docs/contract.md). Off by default, so
    /// the usual output does not change.
    pub fn explaining(mut self, on: bool) -> QuoteExtractor {
        self.explain = on;
        self
    }

    /// The extractor with a learned model (see [`QuoteModel`]); it then also reads `pos`.
    pub fn with_model(mut self, model: QuoteModel, mode: ModelMode) -> QuoteExtractor {
        self.model = Some((Arc::new(model), mode));
        self
    }

    /// The quotes of `doc`, in text order, without changing it.
    pub fn extract(&self, doc: &Document) -> Result<Vec<Quote>, StageError> {
        self.attribute(doc).map(|(quotes, _)| quotes)
    }

    /// The quotes of `doc` and the reporting verbs that were no cue, as (token, rule).
    fn attribute(&self, doc: &Document) -> Result<Attributions, StageError> {
        let tokens = doc.require_tokens()?;
        let sentences = doc.require_sentences()?;
        let paragraphs = doc.require_paragraphs()?;
        let entities = doc.require_entities()?;
        if tokens
            .iter()
            .any(|t| t.end > doc.text.len() || t.start > t.end)
        {
            return Err(StageError::Failed {
                stage: "quotes",
                message: "a token lies outside the text".to_string(),
            });
        }
        if sentences.iter().any(|s| s.tokens.end > tokens.len()) {
            return Err(StageError::Failed {
                stage: "quotes",
                message: "a sentence refers to a token that does not exist".to_string(),
            });
        }
        let analysis = extract::Analysis::new(
            &self.lexicon,
            &doc.text,
            tokens,
            sentences,
            paragraphs,
            entities,
            doc.pos.as_ref(),
        );
        let (rules, rejected) = analysis.quotes(self.explain);
        let Some((model, mode)) = &self.model else {
            return Ok((rules, rejected));
        };
        let mut learned = model.quotes(&self.lexicon, doc)?;
        if self.explain {
            for q in &mut learned {
                q.rule = Some(learned::RULE.to_string());
            }
        }
        let quotes = match mode {
            ModelMode::Alone => learned,
            ModelMode::Hybrid => learned::hybrid(&doc.text, rules, learned),
        };
        Ok((quotes, rejected))
    }
}

/// What the quotes stage reads and adds with a learned model: `pos` too.
pub const MODEL_DECLARATION: Declaration = Declaration {
    name: "quotes",
    requires: &[
        Layer::Tokens,
        Layer::Sentences,
        Layer::Paragraphs,
        Layer::Pos,
        Layer::Entities,
    ],
    provides: &[Layer::Quotes],
};

/// Quotes, and the reporting verbs that were no cue as (token, rule).
type Attributions = (Vec<Quote>, Vec<(usize, &'static str)>);

/// The `explain` field: one object per reporting verb that was no cue, in text order, with its
/// token index, the index of its sentence in `sentences`, its text and the rule that rejected it.
fn explain_field(doc: &Document, rejected: &[(usize, &'static str)]) -> RawJson {
    let sentences = doc.sentences.as_deref().unwrap_or_default();
    let mut json = String::from("[");
    for (k, &(token, rule)) in rejected.iter().enumerate() {
        let sentence = sentences.partition_point(|s| s.tokens.end <= token);
        let text = doc.tokens.as_ref().map_or("", |t| doc.slice(t[token]));
        if k > 0 {
            json.push(',');
        }
        json.push_str(&format!(
            r#"{{"token":{token},"sentence":{sentence},"text":{},"rejected":{}}}"#,
            RawJson::string(text).get(),
            RawJson::string(rule).get()
        ));
    }
    json.push(']');
    RawJson::from_json(json).expect("the explain field is valid JSON")
}

/// What the quotes stage reads and adds.
pub const DECLARATION: Declaration = Declaration {
    name: "quotes",
    requires: &[
        Layer::Tokens,
        Layer::Sentences,
        Layer::Paragraphs,
        Layer::Entities,
    ],
    provides: &[Layer::Quotes],
};

impl Stage for QuoteExtractor {
    fn name(&self) -> &'static str {
        DECLARATION.name
    }

    fn declaration(&self) -> Option<&'static Declaration> {
        Some(if self.model.is_some() {
            &MODEL_DECLARATION
        } else {
            &DECLARATION
        })
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        let (quotes, mut rejected) = self.attribute(doc)?;
        doc.quotes = Some(quotes);
        if self.explain {
            rejected.sort_unstable();
            let field = explain_field(doc, &rejected);
            doc.fields.retain(|(k, _)| k != "explain");
            doc.fields.push(("explain".to_string(), field));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
