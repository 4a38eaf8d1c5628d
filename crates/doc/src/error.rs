//! Typed errors of the document model and the runner.

use thiserror::Error;

/// Why one input line could not become a document.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum LineError {
    #[error("line is not valid UTF-8 (first bad byte at offset {valid_up_to})")]
    InvalidUtf8 { valid_up_to: usize },
    #[error("line is not a JSON object")]
    NotAnObject,
    #[error("invalid JSON: {0}")]
    Json(String),
    #[error("document has no \"text\" field")]
    MissingText,
    #[error("\"text\" is not a string")]
    TextNotString,
    #[error("{layer}[{index}]: {detail}")]
    BadLayer {
        layer: &'static str,
        index: usize,
        detail: String,
    },
    #[error("document is {bytes} bytes, over the limit of {limit} bytes (--max-doc-bytes)")]
    TooLarge { bytes: usize, limit: usize },
    #[error("{0}")]
    Stage(#[from] StageError),
}

/// Why a stage could not annotate a document.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum StageError {
    /// A layer the stage reads is absent: the user skipped a stage before it.
    #[error("document has no `{layer}` layer: run `{producer}` first")]
    MissingLayer {
        layer: &'static str,
        producer: &'static str,
    },
    /// Anything else that went wrong inside a stage.
    #[error("{stage}: {message}")]
    Failed {
        stage: &'static str,
        message: String,
    },
}

/// Why a whole run stopped.
#[derive(Debug, Error)]
pub enum RunError {
    #[error("{source_name}: {err}")]
    Io {
        source_name: String,
        err: std::io::Error,
    },
    #[error("{source_name}:{line}: {err}")]
    BadLine {
        source_name: String,
        line: u64,
        err: LineError,
    },
    #[error("could not start {threads} worker threads: {message}")]
    ThreadPool { threads: usize, message: String },
}
