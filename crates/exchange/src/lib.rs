//! Hand annotated documents on to the tools people correct and train with, and take the
//! corrections back:
//!
//! - [`brat`]: a folder of `ID.txt` + `ID.ann` (brat standoff, which INCEpTION reads too) with
//!   entities, quotes, cues, speakers and their relations, and back to documents;
//! - [`conll`]: CoNLL-2003 columns (token, IOB2 entity tag), what taggers train on.
//!
//! Offsets in both formats count code points, as the NDJSON contract does.

pub mod brat;
pub mod conll;

use thiserror::Error;

/// Why an export or import failed.
#[derive(Debug, Error)]
pub enum ExchangeError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write: {0}")]
    Write(#[from] std::io::Error),
    #[error("{path}:{line}: {message}")]
    Ann {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error("document {id}: no {layer} layer (run newsnlp-{stage} first)")]
    MissingLayer {
        id: String,
        layer: &'static str,
        stage: &'static str,
    },
}

/// The error maker for I/O on `path`.
fn io_error(path: &std::path::Path) -> impl Fn(std::io::Error) -> ExchangeError + '_ {
    move |source| ExchangeError::Io {
        path: path.display().to_string(),
        source,
    }
}
