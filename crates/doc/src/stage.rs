//! What a pipeline stage is, and how stages compose.

use crate::error::StageError;
use crate::model::{Document, Entity, PosLayer, Sentence, Span};
use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A layer of the document model, as stages declare what they read and write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    Tokens,
    Sentences,
    Paragraphs,
    /// `pos`, `tag` and `lemma` on every token.
    Pos,
    Dateline,
    Entities,
    Quotes,
}

/// What a stage reads and adds, known before the stage is built (a driver orders stages and
/// adds missing prerequisites from these alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Declaration {
    /// Short name used in messages and `--stages` (`tokenize`, `pos`, …); the stage binary is
    /// `newsnlp-NAME`.
    pub name: &'static str,
    pub requires: &'static [Layer],
    pub provides: &'static [Layer],
}

/// A pipeline stage: built once (models loaded, patterns compiled), then applied to many
/// documents from many threads.
pub trait Stage: Send + Sync {
    /// Short name used in messages and `--stages` (`tokenize`, `dateline`, …).
    fn name(&self) -> &'static str;

    /// The layers this stage reads and adds (`None` for a composite such as [`Pipeline`]).
    fn declaration(&self) -> Option<&'static Declaration> {
        None
    }

    /// Adds this stage's layer to `doc`.
    fn annotate(&self, doc: &mut Document) -> Result<(), StageError>;

    /// Loads now what the stage would load on its first document (models, tables), so that a
    /// runner loads every stage's at once, in parallel, instead of one after another while the
    /// first documents wait. A failure to load is left for [`Stage::annotate`] to report.
    fn prepare(&self) {}
}

/// Stages applied one after another to each document, in one process.
#[derive(Default)]
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    pub fn new() -> Pipeline {
        Pipeline::default()
    }

    /// Appends a stage.
    pub fn push(&mut self, stage: Box<dyn Stage>) -> &mut Pipeline {
        self.stages.push(stage);
        self
    }

    /// The names of the stages, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }
}

impl Stage for Pipeline {
    fn name(&self) -> &'static str {
        "pipeline"
    }

    /// A panic names the stage that panicked, as it would alone in a pipe of stage binaries.
    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        self.stages
            .iter()
            .try_for_each(|s| annotate_caught(s.as_ref(), doc))
    }

    /// Every stage's loading at once, on the current rayon pool.
    fn prepare(&self) {
        rayon::scope(|scope| {
            for stage in &self.stages {
                scope.spawn(move |_| stage.prepare());
            }
        });
    }
}

/// Runs `stage` on `doc`, turning a panic into [`StageError::Failed`] (`STAGE: panicked: …`)
/// so that a bug met on one document costs that document only.
pub fn annotate_caught(stage: &dyn Stage, doc: &mut Document) -> Result<(), StageError> {
    catch_unwind(AssertUnwindSafe(|| stage.annotate(doc))).unwrap_or_else(|payload| {
        Err(StageError::Failed {
            stage: stage.name(),
            message: format!("panicked: {}", panic_message(payload.as_ref())),
        })
    })
}

/// The message a panic was raised with (`panic!("…")`, an index out of bounds, …).
pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_string())
}

/// Accessors for the layers a stage depends on, with an error that tells the user which stage
/// to run first.
impl Document {
    pub fn require_tokens(&self) -> Result<&[Span], StageError> {
        self.tokens
            .as_deref()
            .ok_or(missing("tokens", "newsnlp-tokenize"))
    }

    pub fn require_sentences(&self) -> Result<&[Sentence], StageError> {
        self.sentences
            .as_deref()
            .ok_or(missing("sentences", "newsnlp-tokenize"))
    }

    pub fn require_paragraphs(&self) -> Result<&[Span], StageError> {
        self.paragraphs
            .as_deref()
            .ok_or(missing("paragraphs", "newsnlp-tokenize"))
    }

    /// The pos layer. A document without tokens has an empty one whether or not the pos stage
    /// ran: on the wire the two cannot be told apart, so pipe and driver must agree on it.
    pub fn require_pos(&self) -> Result<&PosLayer, StageError> {
        static NO_TOKENS: PosLayer = PosLayer::new();
        match (&self.pos, self.tokens.as_deref()) {
            (Some(pos), _) => Ok(pos),
            (None, Some([])) => Ok(&NO_TOKENS),
            (None, _) => Err(missing("pos", "newsnlp-pos")),
        }
    }

    pub fn require_entities(&self) -> Result<&[Entity], StageError> {
        self.entities
            .as_deref()
            .ok_or(missing("entities", "newsnlp-entities"))
    }
}

fn missing(layer: &'static str, producer: &'static str) -> StageError {
    StageError::MissingLayer { layer, producer }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_pos_layer_names_the_stage_to_run() {
        let err = Document::new("Lavrov said.").require_pos().unwrap_err();
        assert_eq!(
            err.to_string(),
            "document has no `pos` layer: run `newsnlp-pos` first"
        );
    }

    #[test]
    fn a_document_without_tokens_has_an_empty_pos_layer() {
        let mut doc = Document::new(" ");
        doc.tokens = Some(Vec::new());
        assert!(doc.require_pos().unwrap().is_empty());
    }
}
