//! The newsnlp document model, shared by every pipeline stage.
//!
//! - [`Document`] and its layers (tokens, sentences, paragraphs, dateline, entities, quotes),
//!   with spans held as **byte** offsets into the text while in memory;
//! - [`ndjson`]: the wire format, one JSON document per line with **code point** offsets,
//!   unknown fields passed through;
//! - [`Stage`] and [`Pipeline`]: what a stage is and how stages compose;
//! - [`Runner`]: the one runner every binary uses — bounded batches, rayon, input order kept,
//!   bad lines turned into error records.
//!
//! ```
//! use newsnlp_doc::{Document, Runner, RunOptions, Span, Stage, StageError};
//!
//! /// A toy stage: one token per whitespace-separated word.
//! struct Words;
//! impl Stage for Words {
//!     fn name(&self) -> &'static str { "words" }
//!     fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
//!         let base = doc.text.as_ptr() as usize;
//!         let spans = doc.text.split_whitespace()
//!             .map(|w| { let s = w.as_ptr() as usize - base; Span::new(s, s + w.len()) })
//!             .collect();
//!         doc.tokens = Some(spans);
//!         Ok(())
//!     }
//! }
//!
//! let input = "{\"id\":\"d1\",\"text\":\"Привет, мир\"}\nnot json\n";
//! let mut out = Vec::new();
//! let mut runner = Runner::new(&Words, RunOptions { warn: false, ..Default::default() }).unwrap();
//! runner.run("stdin", input.as_bytes(), &mut out).unwrap();
//! let out = String::from_utf8(out).unwrap();
//! let mut lines = out.lines();
//! // Offsets on the wire count code points, not bytes.
//! assert_eq!(lines.next().unwrap(),
//!     r#"{"id":"d1","text":"Привет, мир","tokens":[{"start":0,"end":7},{"start":8,"end":11}]}"#);
//! assert_eq!(lines.next().unwrap(), r#"{"id":null,"line":2,"error":"line is not a JSON object"}"#);
//! ```

#[cfg(feature = "cli")]
pub mod cli;
pub mod error;
#[cfg(feature = "input")]
pub mod input;
pub mod model;
pub mod ndjson;
pub mod offsets;
pub mod runner;
pub mod stage;

pub use error::{LineError, RunError, StageError};
pub use model::*;
pub use offsets::OffsetMap;
pub use runner::{OnError, RunOptions, RunSummary, Runner};
pub use stage::{Declaration, Layer, Pipeline, Stage};

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
