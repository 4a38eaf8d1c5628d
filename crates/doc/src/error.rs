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
    #[error("\"text\" is null, not a string")]
    TextNull,
    #[error("\"text\" is not a string")]
    TextNotString,
    #[error("{layer}[{index}]: {detail}")]
    BadLayer {
        layer: &'static str,
        index: usize,
        detail: String,
    },
    #[error("text is {bytes} bytes, over the limit of {limit} bytes (--max-doc-bytes)")]
    TooLarge { bytes: usize, limit: usize },
    /// A line too long to hold at all: its text was never read.
    #[error("line is {bytes} bytes, over the limit of {limit} bytes for a line ({factor} × --max-doc-bytes)", factor = crate::runner::LINE_BYTES_PER_TEXT_BYTE)]
    LineTooLong { bytes: usize, limit: usize },
    /// Reading or writing the document panicked (a bug): it costs this document only.
    #[error("{during}: panicked: {message}")]
    Panicked {
        during: &'static str,
        message: String,
    },
    /// An error record an earlier stage wrote, with its message.
    #[error("{0}")]
    Upstream(String),
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
    /// The batch machinery itself panicked, outside any document's work (a bug).
    #[error("a worker thread panicked outside any document; output stops here")]
    WorkerPanicked,
    #[error("could not start {threads} worker threads: {message}")]
    ThreadPool { threads: usize, message: String },
}
