//! The stages the driver knows, their order and prerequisites, and `--stages` parsing.
//!
//! Adding a stage to the driver is one line in [`STAGES`].

use newsnlp_dateline::DatelineParser;
use newsnlp_doc::{Pipeline, Stage};
use newsnlp_entities::EntityRecognizer;
use newsnlp_quotes::QuoteExtractor;
use newsnlp_tokenize::Tokenizer;
use thiserror::Error;

/// What building a stage may depend on (driver flags).
#[derive(Debug, Clone, Default)]
pub struct StageConfig {
    /// Publication date for documents without a `published` field (`--published`).
    pub published: Option<String>,
}

/// One stage the driver can run.
pub struct StageInfo {
    /// The name used in `--stages` (and the stage binary's suffix: `newsnlp-NAME`).
    pub name: &'static str,
    /// Stages whose layers this one reads; they are added when not asked for.
    pub requires: &'static [&'static str],
    make: fn(&StageConfig) -> Box<dyn Stage>,
}

impl StageInfo {
    /// Builds this stage alone.
    pub fn build(&self, config: &StageConfig) -> Box<dyn Stage> {
        (self.make)(config)
    }
}

/// Every stage, in pipeline order (the order of the Unix pipe of stage binaries).
pub const STAGES: &[StageInfo] = &[
    StageInfo {
        name: "tokenize",
        requires: &[],
        make: |_| Box::new(Tokenizer::new()),
    },
    StageInfo {
        name: "dateline",
        requires: &["tokenize"],
        make: |c| Box::new(DatelineParser::new().with_published(c.published.clone())),
    },
    StageInfo {
        name: "entities",
        requires: &["tokenize"],
        make: |_| Box::new(EntityRecognizer::new()),
    },
    StageInfo {
        name: "quotes",
        requires: &["tokenize", "entities"],
        make: |_| Box::new(QuoteExtractor::new()),
    },
];

/// A `--stages` list that names no known stage.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum StagesError {
    #[error("unknown stage {name:?} (known: {known})")]
    Unknown { name: String, known: String },
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
            names: STAGES.iter().map(|s| s.name).collect(),
            added: Vec::new(),
        }
    }

    /// Parses names as given to `--stages` (already split on commas) and adds prerequisites.
    pub fn parse<S: AsRef<str>>(requested: &[S]) -> Result<Selection, StagesError> {
        let mut wanted = vec![false; STAGES.len()];
        let mut asked = vec![false; STAGES.len()];
        for name in requested {
            let name = name.as_ref().trim();
            let i = index(name).ok_or_else(|| StagesError::Unknown {
                name: name.to_string(),
                known: STAGES.iter().map(|s| s.name).collect::<Vec<_>>().join(","),
            })?;
            asked[i] = true;
            wanted[i] = true;
        }
        // Prerequisites come earlier in STAGES, so one backward pass closes the set.
        for i in (0..STAGES.len()).rev() {
            if wanted[i] {
                for req in STAGES[i].requires {
                    if let Some(j) = index(req) {
                        wanted[j] = true;
                    }
                }
            }
        }
        let pick = |f: &dyn Fn(usize) -> bool| {
            (0..STAGES.len())
                .filter(|&i| f(i))
                .map(|i| STAGES[i].name)
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
        for stage in STAGES.iter().filter(|s| self.names.contains(&s.name)) {
            pipeline.push(stage.build(config));
        }
        pipeline
    }
}

fn index(name: &str) -> Option<usize> {
    STAGES.iter().position(|s| s.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_are_listed_in_an_order_that_satisfies_their_prerequisites() {
        for (i, stage) in STAGES.iter().enumerate() {
            for req in stage.requires {
                let j =
                    index(req).unwrap_or_else(|| panic!("{} requires unknown {req}", stage.name));
                assert!(j < i, "{} must come after {req}", stage.name);
            }
        }
    }

    #[test]
    fn prerequisites_are_added_and_order_is_canonical() {
        let last = STAGES.last().unwrap();
        let sel = Selection::parse(&[last.name]).unwrap();
        assert_eq!(sel.names.last(), Some(&last.name));
        for req in last.requires {
            assert!(sel.names.contains(req) && sel.added.contains(req));
        }
        let all =
            Selection::parse(&STAGES.iter().rev().map(|s| s.name).collect::<Vec<_>>()).unwrap();
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
