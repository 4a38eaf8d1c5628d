//! Who said what, across a corpus: annotated newsnlp NDJSON turned into tables of quote
//! occurrences, distinct quotations, speakers, entities and speaker–entity mentions, and a
//! self-contained HTML report.
//!
//! Two passes, neither holding documents:
//! 1. Records are parsed in parallel batches ([`extract`]); the calling thread interns the
//!    distinct speaker names, normalised quotation texts and entity names, and spools each
//!    occurrence (with the interned keys) to a temporary file in the output folder.
//! 2. Names are merged into speakers and entities ([`names`]), quotation texts into quotations
//!    ([`quotations`]); then the spool is read back once, writing `quotes` and counting
//!    occurrences, documents and dates per quotation, speaker and entity.
//!
//! Memory therefore grows with the number of distinct names and quotations, never with the
//! number of documents.

pub mod extract;
pub mod names;
pub mod quotations;
mod report;
mod resolve;
mod spool;
pub mod steps;
pub mod table;
mod tables;

use extract::{extract, Extracted};
use newsnlp_doc::runner::Record;
use newsnlp_doc::RunError;
use rayon::prelude::*;
use std::path::Path;
use thiserror::Error;

pub use report::escape;
pub use table::TableFormat;

/// Why a corpus could not be built (bad lines never stop it; they are counted).
#[derive(Debug, Error)]
pub enum CorpusError {
    #[error(transparent)]
    Input(#[from] RunError),
    #[error("cannot write {path}: {err}")]
    Output { path: String, err: std::io::Error },
    /// A row a step reads ([`steps`]) that is not what it takes.
    #[error("{input}:{line}: not a row of this step: {why}")]
    Row {
        input: String,
        line: u64,
        why: String,
    },
}

/// What was read and what came out, for the one-line summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub input_bytes: u64,
    pub documents: u64,
    /// Error records and lines that are not annotated documents.
    pub errors: u64,
    pub without_quotes: u64,
    pub without_entities: u64,
    pub quotes: u64,
    pub quotations: u64,
    pub speakers: u64,
    pub entities: u64,
}

/// How many records, and at most how many input bytes, are parsed together in parallel: the
/// batch is the only part of the input held in memory.
const BATCH: usize = 2048;
const BATCH_BYTES: u64 = 16 << 20;

/// Reads every record and writes the tables and `report.html` into `dir` (which must exist).
pub fn build(
    records: impl Iterator<Item = Result<Record, RunError>>,
    dir: &Path,
    format: TableFormat,
    mut progress: impl FnMut(&Summary),
) -> Result<Summary, CorpusError> {
    let mut collector = spool::Collector::create(dir)?;
    let mut batch: Vec<Record> = Vec::with_capacity(BATCH);
    let mut records = records.fuse();
    loop {
        batch.clear();
        let mut bytes = 0;
        while batch.len() < BATCH && bytes < BATCH_BYTES {
            let Some(record) = records.next() else { break };
            let record = record?;
            bytes += record.input_bytes;
            batch.push(record);
        }
        if batch.is_empty() {
            break;
        }
        let extracted: Vec<Extracted> = batch.par_iter().map(extract).collect();
        for (record, item) in batch.iter().zip(extracted) {
            collector.summary.input_bytes += record.input_bytes;
            collector.add(item)?;
        }
        progress(&collector.summary);
    }
    let (interned, reader, summary) = collector.finish()?;
    let resolved = resolve::Resolved::new(&interned);
    tables::write(dir, format, &interned, &resolved, reader, summary)
}

/// Output errors name the file.
pub(crate) fn output_error(path: &Path) -> impl FnOnce(std::io::Error) -> CorpusError + '_ {
    move |err| CorpusError::Output {
        path: path.display().to_string(),
        err,
    }
}
