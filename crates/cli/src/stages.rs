//! The stages the driver knows, the order and prerequisites derived from what each declares
//! it requires and provides, and `--stages` parsing.
//!
//! Adding a stage to the driver is one line in [`STAGES`]; where it runs follows from its
//! [`Declaration`].

use newsnlp_dateline::DatelineParser;
use newsnlp_doc::{Declaration, Layer, Pipeline, Stage};
use newsnlp_entities::EntityRecognizer;
use newsnlp_pos::PosTagger;
use newsnlp_quotes::{ModelMode, QuoteExtractor, QuoteModel};
use newsnlp_tokenize::Tokenizer;
use thiserror::Error;

/// What building a stage may depend on (driver flags).
#[derive(Debug, Clone, Default)]
pub struct StageConfig {
    /// Publication date for documents without a `published` field (`--published`).
    pub published: Option<String>,
    /// A learned quote model (`--quotes-model`), combined with the rules.
    pub quotes_model: Option<QuoteModel>,
    /// Record the rule behind each quote and the rejected cues (`--explain`).
    pub explain: bool,
}

/// One stage the driver can run.
pub struct StageInfo {
    /// Its name (`--stages`, and the binary `newsnlp-NAME`) and the layers it reads and adds.
    pub declaration: &'static Declaration,
    make: fn(&StageConfig) -> Box<dyn Stage>,
}

impl StageInfo {
    pub fn name(&self) -> &'static str {
        self.declaration.name
    }

    /// Builds this stage alone.
    pub fn build(&self, config: &StageConfig) -> Box<dyn Stage> {
        (self.make)(config)
    }
}

/// Every stage; ties in the derived order keep this order (that of the Unix pipe).
pub const STAGES: &[StageInfo] = &[
    StageInfo {
        declaration: &newsnlp_tokenize::DECLARATION,
        make: |_| Box::new(Tokenizer::new()),
    },
    StageInfo {
        declaration: &newsnlp_pos::DECLARATION,
        make: |_| Box::new(PosTagger::new()),
    },
    StageInfo {
        declaration: &newsnlp_dateline::DECLARATION,
        make: |c| Box::new(DatelineParser::new().with_published(c.published.clone())),
    },
    StageInfo {
        declaration: &newsnlp_entities::DECLARATION,
        make: |_| Box::new(EntityRecognizer::new()),
    },
    StageInfo {
        declaration: &newsnlp_quotes::DECLARATION,
        make: |c| {
            let stage = QuoteExtractor::new().explaining(c.explain);
            match &c.quotes_model {
                None => Box::new(stage),
                Some(m) => Box::new(stage.with_model(m.clone(), ModelMode::Hybrid)),
            }
        },
    },
];

/// A `--stages` list that names no known stage.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum StagesError {
    #[error("unknown stage {name:?} (known: {known})")]
    Unknown { name: String, known: String },
}

/// The stage that provides `layer`.
fn provider(layer: Layer) -> Option<usize> {
    STAGES
        .iter()
        .position(|s| s.declaration.provides.contains(&layer))
}

/// The stages whose layers stage `i` reads.
fn prerequisites(i: usize) -> impl Iterator<Item = usize> {
    STAGES[i]
        .declaration
        .requires
        .iter()
        .filter_map(|&l| provider(l))
}

/// Every stage in an order where each comes after the stages it reads from, ties kept in
/// table order; a stage in a cycle is left out (a test checks none is).
pub fn pipeline_order() -> Vec<usize> {
    let mut placed = vec![false; STAGES.len()];
    let mut order = Vec::with_capacity(STAGES.len());
    while let Some(i) =
        (0..STAGES.len()).find(|&i| !placed[i] && prerequisites(i).all(|j| placed[j]))
    {
        placed[i] = true;
        order.push(i);
    }
    order
}

/// The stages to run: those asked for plus their prerequisites, in pipeline order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub names: Vec<&'static str>,
    /// Prerequisites that were added because they were not asked for.
    pub added: Vec<&'static str>,
}

impl Selection {
    /// Every stage.
    pub fn all() -> Selection {
        Selection {
            names: pipeline_order()
                .into_iter()
                .map(|i| STAGES[i].name())
                .collect(),
            added: Vec::new(),
        }
    }

    /// Parses names as given to `--stages` (already split on commas) and adds prerequisites.
    pub fn parse<S: AsRef<str>>(requested: &[S]) -> Result<Selection, StagesError> {
        let mut wanted = vec![false; STAGES.len()];
        let mut asked = vec![false; STAGES.len()];
        let mut todo = Vec::new();
        for name in requested {
            let name = name.as_ref().trim();
            let i = index(name).ok_or_else(|| StagesError::Unknown {
                name: name.to_string(),
                known: STAGES
                    .iter()
                    .map(|s| s.name())
                    .collect::<Vec<_>>()
                    .join(","),
            })?;
            asked[i] = true;
            todo.push(i);
        }
        while let Some(i) = todo.pop() {
            if !std::mem::replace(&mut wanted[i], true) {
                todo.extend(prerequisites(i));
            }
        }
        let pick = |f: &dyn Fn(usize) -> bool| {
            pipeline_order()
                .into_iter()
                .filter(|&i| f(i))
                .map(|i| STAGES[i].name())
                .collect()
        };
        Ok(Selection {
            names: pick(&|i| wanted[i]),
            added: pick(&|i| wanted[i] && !asked[i]),
        })
    }

    /// Builds the selected stages into one pipeline.
    pub fn build(&self, config: &StageConfig) -> Pipeline {
        let mut pipeline = Pipeline::new();
        for &name in &self.names {
            if let Some(i) = index(name) {
                pipeline.push(STAGES[i].build(config));
            }
        }
        pipeline
    }
}

fn index(name: &str) -> Option<usize> {
    STAGES.iter().position(|s| s.name() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_required_layer_has_a_provider_and_every_stage_an_order() {
        for stage in STAGES {
            for &layer in stage.declaration.requires {
                assert!(
                    provider(layer).is_some(),
                    "{} reads {layer:?}, which no stage adds",
                    stage.name()
                );
            }
        }
        let order = pipeline_order();
        assert_eq!(order.len(), STAGES.len(), "a cycle among the declarations");
        for (k, &i) in order.iter().enumerate() {
            for j in prerequisites(i) {
                assert!(
                    order[..k].contains(&j),
                    "{} must come after {}",
                    STAGES[i].name(),
                    STAGES[j].name()
                );
            }
        }
    }

    #[test]
    fn the_default_order_is_the_pipe_of_stage_binaries() {
        assert_eq!(
            Selection::all().names,
            ["tokenize", "pos", "dateline", "entities", "quotes"]
        );
    }

    #[test]
    fn prerequisites_are_added_and_order_is_canonical() {
        let sel = Selection::parse(&["quotes"]).unwrap();
        assert_eq!(sel.names, ["tokenize", "entities", "quotes"]);
        assert_eq!(sel.added, ["tokenize", "entities"]);
        let pos = Selection::parse(&["pos"]).unwrap();
        assert_eq!(
            (pos.names, pos.added),
            (vec!["tokenize", "pos"], vec!["tokenize"])
        );
        let all =
            Selection::parse(&STAGES.iter().rev().map(|s| s.name()).collect::<Vec<_>>()).unwrap();
        assert_eq!(all, Selection::all());
    }

    #[test]
    fn unknown_stages_are_refused() {
        let err = Selection::parse(&["tokenize", "lemmas"]).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("unknown stage \"lemmas\" (known: tokenize"),
            "{err}"
        );
    }
}
