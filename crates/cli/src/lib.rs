//! The newsnlp driver as a library: which stages to run (`--stages`) and what came out
//! (`stats`). The `newsnlp` binary is a thin command line over this, the one input layer in
//! [`newsnlp_doc::input`] and the one runner in [`newsnlp_doc::Runner`].
//!
//! ```
//! use newsnlp::stages::{Selection, StageConfig};
//! use newsnlp_doc::{RunOptions, Runner};
//!
//! let pipeline = Selection::parse(&["tokenize"]).unwrap().build(&StageConfig::default());
//! let mut runner = Runner::new(&pipeline, RunOptions::default()).unwrap();
//! let mut out = Vec::new();
//! runner.run("stdin", &br#"{"id":"s1","text":"Rain fell."}"#[..], &mut out).unwrap();
//! let line = String::from_utf8(out).unwrap();
//! assert!(line.starts_with(r#"{"id":"s1","text":"Rain fell.","tokens":[{"start":0,"end":4}"#));
//! assert_eq!(runner.summary().documents, 1);
//! ```

pub mod stages;
pub mod stats;

use newsnlp_doc::RunSummary;

/// The one-line summary printed on stderr after a run.
pub fn summary_line(s: &RunSummary, seconds: f64) -> String {
    let mb_per_s = if seconds > 0.0 {
        s.bytes as f64 / 1e6 / seconds
    } else {
        0.0
    };
    format!(
        "{} documents, {} errors, {} tokens, {} entities, {} quotes, {:.2} s, {:.1} MB/s",
        s.documents, s.errors, s.tokens, s.entities, s.quotes, seconds, mb_per_s
    )
}
