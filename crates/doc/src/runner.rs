//! The one stage runner: every stage binary and the driver use it.
//!
//! It reads input in bounded batches, annotates the documents of a batch in parallel with
//! rayon, and writes them back strictly in input order. Reading and writing happen on the
//! calling thread while up to [`RunOptions::batches_in_flight`] batches are annotated on the
//! worker threads, so I/O overlaps with work and no worker waits for the slowest document of a
//! batch. Memory is bounded by the batch size, the window and the largest document, never by
//! the input's length. A bad line never loses its place: it becomes an error record (or is
//! skipped, or stops the run, as the caller chooses).

use crate::error::{LineError, RunError};
use crate::model::{Document, RawJson};
use crate::ndjson::{
    id_of_prefix, parse_line, parse_owned_line, write_document_to, write_error_record, Parsed,
};
use crate::stage::{annotate_caught, panic_message, Stage};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{mpsc, Arc};
use std::time::Instant;

/// What to do with a line that cannot be annotated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnError {
    /// Write `{"id", "line", "error"}` in its place (the default).
    #[default]
    Record,
    /// Leave it out of the output.
    Skip,
    /// Stop the run with an error.
    Fail,
}

/// How much longer than `max_doc_bytes` a line may be before it is refused unread: an
/// annotated line carries its text plus every layer (a few bytes to ~20 bytes per text byte on
/// punctuation-heavy text), and the limit on the text must not depend on how many stages ran.
pub const LINE_BYTES_PER_TEXT_BYTE: usize = 64;

/// The UTF-8 byte order mark, dropped from the start of an input.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How the runner reads, batches and reports.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub on_error: OnError,
    /// A document whose text is longer than this many bytes becomes an error record (a line
    /// longer than [`LINE_BYTES_PER_TEXT_BYTE`] times this is never held in memory).
    pub max_doc_bytes: usize,
    /// At most this many documents per parallel batch.
    pub batch_docs: usize,
    /// At most about this many input bytes per parallel batch.
    pub batch_bytes: usize,
    /// Batches read ahead and annotated at once; bounds memory together with the batch size.
    pub batches_in_flight: usize,
    /// Worker threads; `None` uses every core.
    pub threads: Option<usize>,
    /// Print a one-line warning on stderr for each bad line.
    pub warn: bool,
    /// An output line longer than this is not built in memory: the annotated document waits
    /// for its turn and is serialised straight into the output (see [`Line::Streamed`]).
    pub buffered_line_bytes: usize,
}

impl Default for RunOptions {
    fn default() -> RunOptions {
        RunOptions {
            on_error: OnError::Record,
            max_doc_bytes: 64 << 20,
            batch_docs: 256,
            batch_bytes: 256 << 10,
            batches_in_flight: 2,
            threads: None,
            warn: true,
            buffered_line_bytes: 16 << 20,
        }
    }
}

/// Counts over everything a runner has processed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunSummary {
    /// Documents annotated successfully.
    pub documents: u64,
    /// Lines that became error records (or were skipped).
    pub errors: u64,
    /// Input bytes read, line terminators included.
    pub bytes: u64,
    pub tokens: u64,
    pub entities: u64,
    pub quotes: u64,
}

/// One unit of input: an NDJSON line or a whole plain-text document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The input's name, used in warnings and in default ids.
    pub source: Arc<str>,
    /// Line number within `source` (1 for a whole-file text document).
    pub number: u64,
    /// Input bytes this record accounts for (skipped blank lines included), for throughput.
    pub input_bytes: u64,
    pub body: Body,
}

/// What a [`Record`] holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// One NDJSON line, terminator stripped; a document without `id` gets `SOURCE:LINE`.
    Line(Vec<u8>),
    /// A whole plain-text document; its id is the source name.
    Text(Vec<u8>),
    /// A text document of this many bytes, over `max_doc_bytes`: an error record, never held
    /// in memory.
    TooLarge(usize),
    /// An NDJSON line of `bytes` bytes, too long to hold: an error record; `head` keeps its
    /// first bytes, from which the id is read when it comes before the cut.
    LineTooLong { bytes: usize, head: Vec<u8> },
}

impl Record {
    /// The annotated document an NDJSON record holds, with the id to show for it (its `id`,
    /// else `SOURCE:LINE`), for readers of a pipeline's output; `None` for an error record or a
    /// line that is not a valid document.
    pub fn annotated_document(&self) -> Option<(Document, String)> {
        let Body::Line(line) = &self.body else {
            return None;
        };
        match parse_line(line) {
            Ok(Parsed::Document(doc)) => {
                let id = match doc.id {
                    Some(_) => doc.id_string(),
                    None => format!("{}:{}", self.source, self.number),
                };
                Some((*doc, id))
            }
            Ok(Parsed::ErrorRecord { .. }) | Err(_) => None,
        }
    }
}

/// The records of an NDJSON stream, one per non-blank line, each line read with a guard so
/// that a huge line costs no more memory than [`LINE_BYTES_PER_TEXT_BYTE`] × `max_doc_bytes`.
/// A byte order mark at the start of the stream is dropped.
pub struct Lines<R> {
    source: Arc<str>,
    input: R,
    number: u64,
    max_line_bytes: usize,
    done: bool,
}

impl<R: BufRead> Lines<R> {
    pub fn new(source: impl Into<Arc<str>>, input: R, max_doc_bytes: usize) -> Lines<R> {
        Lines {
            source: source.into(),
            input,
            number: 0,
            max_line_bytes: max_doc_bytes.saturating_mul(LINE_BYTES_PER_TEXT_BYTE),
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<Record, RunError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut skipped = 0u64;
        while !self.done {
            let mut bytes = Vec::new();
            let len = match read_line_limited(&mut self.input, &mut bytes, self.max_line_bytes) {
                Ok(Some(len)) => len,
                Ok(None) => break,
                Err(err) => {
                    self.done = true;
                    return Some(Err(RunError::Io {
                        source_name: self.source.to_string(),
                        err,
                    }));
                }
            };
            self.number += 1;
            if self.number == 1 && bytes.starts_with(BOM) {
                bytes.drain(..BOM.len());
            }
            let body = if bytes.len() > self.max_line_bytes {
                Body::LineTooLong {
                    bytes: len,
                    head: bytes,
                }
            } else if bytes.iter().all(u8::is_ascii_whitespace) {
                skipped += len as u64;
                continue;
            } else {
                Body::Line(bytes)
            };
            let input_bytes = skipped + len as u64;
            return Some(Ok(Record {
                source: self.source.clone(),
                number: self.number,
                input_bytes,
                body,
            }));
        }
        self.done = true;
        None
    }
}

/// Applies one stage (often a [`crate::Pipeline`]) to NDJSON streams.
pub struct Runner<'s> {
    stage: &'s dyn Stage,
    options: RunOptions,
    pool: rayon::ThreadPool,
    summary: RunSummary,
    started: Instant,
    progress: Option<Progress<'s>>,
    warner: Option<Warner<'s>>,
}

/// The callback [`Runner::on_progress`] installs.
type Progress<'s> = Box<dyn FnMut(&RunSummary) + 's>;

/// The callback [`Runner::on_warning`] installs.
type Warner<'s> = Box<dyn FnMut(&str) + 's>;

/// One record's result, ready to be written in order.
struct Outcome {
    source: Arc<str>,
    number: u64,
    input_bytes: u64,
    /// The output line: the document, its error record, or an earlier stage's error record.
    line: Line,
    failure: Option<LineError>,
    /// The document's notes for the user (see [`Document::warnings`]).
    warnings: Vec<String>,
    counts: RunSummary,
}

impl<'s> Runner<'s> {
    pub fn new(stage: &'s dyn Stage, options: RunOptions) -> Result<Runner<'s>, RunError> {
        let mut builder = rayon::ThreadPoolBuilder::new();
        if let Some(n) = options.threads {
            builder = builder.num_threads(n);
        }
        let pool = builder.build().map_err(|e| RunError::ThreadPool {
            threads: options.threads.unwrap_or(0),
            message: e.to_string(),
        })?;
        Ok(Runner {
            stage,
            options,
            pool,
            summary: RunSummary::default(),
            started: Instant::now(),
            progress: None,
            warner: None,
        })
    }

    /// Calls `f` with the running totals after each batch (for progress bars).
    pub fn on_progress(&mut self, f: impl FnMut(&RunSummary) + 's) {
        self.progress = Some(Box::new(f));
    }

    /// Hands each bad-line warning to `f` instead of printing it on stderr (so that a
    /// progress bar can print it without being torn).
    pub fn on_warning(&mut self, f: impl FnMut(&str) + 's) {
        self.warner = Some(Box::new(f));
    }

    /// Totals so far.
    pub fn summary(&self) -> RunSummary {
        self.summary
    }

    /// Seconds since the runner was built.
    pub fn elapsed_seconds(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// Reads every line of `input`, writes one output line per non-blank input line.
    ///
    /// `source_name` names the input in warnings and in default ids (`SOURCE:LINE`, given to
    /// documents without an `id`).
    pub fn run<R: BufRead, W: Write>(
        &mut self,
        source_name: &str,
        input: R,
        output: &mut W,
    ) -> Result<(), RunError> {
        let lines = Lines::new(source_name, input, self.options.max_doc_bytes);
        self.run_records(lines, output)
    }

    /// Annotates a stream of records (from any number of inputs: batches span input
    /// boundaries, so many small files still keep every core busy) and writes one output line
    /// per record, in order.
    pub fn run_records<I, W>(&mut self, records: I, output: &mut W) -> Result<(), RunError>
    where
        I: IntoIterator<Item = Result<Record, RunError>>,
        W: Write,
    {
        let Runner {
            stage,
            options,
            pool,
            summary,
            progress,
            warner,
            ..
        } = self;
        let stage: &dyn Stage = *stage;
        let options: &RunOptions = options;
        let mut records = records.into_iter();
        let window = options.batches_in_flight.max(1) as u64;
        let (tx, rx) = mpsc::channel::<(u64, Option<Vec<Outcome>>)>();
        pool.in_place_scope(|scope| {
            let mut ready = BTreeMap::new();
            let (mut sent, mut written) = (0u64, 0u64);
            let mut input_done = false;
            loop {
                if !input_done {
                    let batch = next_batch(&mut records, options)?;
                    if sent == 0 {
                        prepare_before(stage, pool, &batch);
                    }
                    if batch.is_empty() {
                        input_done = true;
                    } else {
                        let tx = tx.clone();
                        let seq = sent;
                        scope.spawn(move |_| {
                            // `process` contains every panic of a document's work; should the
                            // batch machinery itself panic, the writer hears of it, not hangs.
                            let outcomes = catch_unwind(AssertUnwindSafe(|| {
                                batch
                                    .into_par_iter()
                                    .map(|r| process(stage, r, options))
                                    .collect::<Vec<_>>()
                            }));
                            // The receiver outlives the scope, so this cannot fail.
                            let _ = tx.send((seq, outcomes.ok()));
                        });
                        sent += 1;
                    }
                }
                if input_done && written == sent {
                    return Ok(());
                }
                // Wait only when the window is full or nothing is left to read.
                if input_done || sent - written >= window {
                    let (seq, outcomes) = rx.recv().expect("a sender is held by this scope");
                    ready.insert(seq, outcomes);
                }
                while let Ok((seq, outcomes)) = rx.try_recv() {
                    ready.insert(seq, outcomes);
                }
                while let Some(outcomes) = ready.remove(&written) {
                    let outcomes = outcomes.ok_or(RunError::WorkerPanicked)?;
                    written += 1;
                    for outcome in outcomes {
                        write_outcome(outcome, options, summary, warner, output)?;
                    }
                    if let Some(progress) = progress.as_mut() {
                        progress(summary);
                    }
                }
            }
        })?;
        output.flush().map_err(|err| RunError::Io {
            source_name: "output".to_string(),
            err,
        })
    }
}

/// A first batch of more input bytes than this is not prepared for (see [`prepare_before`]).
pub const PREPARE_BELOW_BYTES: u64 = 16 << 20;

/// Loads every stage's models and tables before the first batch ([`Stage::prepare`]), unless
/// there is nothing to annotate or the batch is one huge document: reading that dwarfs the
/// loading, and loading after it lets the models reuse the memory its parsing freed, so its
/// peak stays what it was (a stage binary's 4-million-character line of `"`: 373 MB, against
/// 420 MB prepared first).
fn prepare_before(stage: &dyn Stage, pool: &rayon::ThreadPool, first: &[Record]) {
    let bytes: u64 = first.iter().map(|r| r.input_bytes).sum();
    if !first.is_empty() && bytes <= PREPARE_BELOW_BYTES {
        // A panic while loading is the first document's to report, as without this.
        pool.install(|| catch_unwind(AssertUnwindSafe(|| stage.prepare())).ok());
    }
}

/// Takes the next batch: at most `batch_docs` records and about `batch_bytes` bytes.
fn next_batch<I>(records: &mut I, options: &RunOptions) -> Result<Vec<Record>, RunError>
where
    I: Iterator<Item = Result<Record, RunError>>,
{
    let mut batch = Vec::with_capacity(options.batch_docs.min(1024));
    let mut bytes = 0u64;
    while batch.len() < options.batch_docs.max(1) && bytes < options.batch_bytes as u64 {
        let Some(record) = records.next().transpose()? else {
            break;
        };
        bytes += record.input_bytes;
        batch.push(record);
    }
    Ok(batch)
}

/// Adds one outcome to the totals and writes it (or skips it, or stops), in order. An earlier
/// stage's error record counts as a bad line here too, so that `--on-error` treats it the
/// way the driver treats the line itself; it was warned about where it arose.
fn write_outcome<W: Write>(
    outcome: Outcome,
    options: &RunOptions,
    summary: &mut RunSummary,
    warner: &mut Option<Warner<'_>>,
    output: &mut W,
) -> Result<(), RunError> {
    let io_err = |err| RunError::Io {
        source_name: "output".to_string(),
        err,
    };
    let c = outcome.counts;
    summary.documents += c.documents;
    summary.tokens += c.tokens;
    summary.entities += c.entities;
    summary.quotes += c.quotes;
    summary.bytes += outcome.input_bytes;
    let mut warn = |message: &str| {
        if options.warn {
            let line = format!("warning: {}:{}: {message}", outcome.source, outcome.number);
            match warner.as_mut() {
                Some(warn) => warn(&line),
                None => eprintln!("{line}"),
            }
        }
    };
    outcome.warnings.iter().for_each(|w| warn(w));
    if let Some(error) = outcome.failure {
        summary.errors += 1;
        if options.on_error == OnError::Fail {
            return Err(RunError::BadLine {
                source_name: outcome.source.to_string(),
                line: outcome.number,
                err: error,
            });
        }
        if !matches!(error, LineError::Upstream(_)) {
            warn(&error.to_string());
        }
        if options.on_error == OnError::Skip {
            return Ok(());
        }
    }
    match outcome.line {
        Line::Bytes(json) => output.write_all(&json),
        Line::Streamed(doc) => write_document_to(&doc, &mut *output),
    }
    .map_err(io_err)?;
    output.write_all(b"\n").map_err(io_err)
}

/// An output line, ready to be written in order.
enum Line {
    /// The line itself.
    Bytes(Vec<u8>),
    /// A document whose line is longer than [`RunOptions::buffered_line_bytes`], serialised
    /// only as it is written. Its line can be many times its size (a statement nested in
    /// statements repeats its text in each), so holding the document instead of the line keeps
    /// a document's memory proportional to its text. Its serialisation already ran once,
    /// uncollected, in the worker, so that writing it cannot panic halfway through a line.
    Streamed(Box<Document>),
}

/// Collects a line up to `cap` bytes; past the cap it drops what it holds and only lets the
/// serialisation run on to its end.
struct CappedLine {
    bytes: Vec<u8>,
    cap: usize,
    overflowed: bool,
}

impl Write for CappedLine {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.overflowed {
            if self.bytes.len() + buf.len() <= self.cap {
                self.bytes.extend_from_slice(buf);
            } else {
                self.overflowed = true;
                self.bytes = Vec::new();
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// What one record's work produced.
enum Produced {
    /// The annotated document.
    Document(Line),
    /// An earlier stage's error record: the line as read, and its message.
    Upstream(Vec<u8>, String),
}

/// One record's work: what it has learnt so far, so that a failure (or a panic) at any step
/// still yields an error record with the document's id.
struct Work<'a> {
    source: &'a str,
    number: u64,
    max_doc_bytes: usize,
    buffered_line_bytes: usize,
    id: Option<RawJson>,
    during: &'static str,
    warnings: Vec<String>,
    counts: RunSummary,
}

/// Parses, annotates and serialises one record. Never panics: a panic anywhere in this
/// document's work (a bug) becomes its error record, and costs no other document.
fn process(stage: &dyn Stage, record: Record, options: &RunOptions) -> Outcome {
    let Record {
        source,
        number,
        input_bytes,
        body,
    } = record;
    let mut work = Work {
        source: &source,
        number,
        max_doc_bytes: options.max_doc_bytes,
        buffered_line_bytes: options.buffered_line_bytes,
        id: None,
        during: "reading",
        warnings: Vec::new(),
        counts: RunSummary::default(),
    };
    let produced = catch_unwind(AssertUnwindSafe(|| work.run(stage, body))).unwrap_or_else(|p| {
        Err(LineError::Panicked {
            during: work.during,
            message: panic_message(p.as_ref()),
        })
    });
    let (line, failure) = match produced {
        Ok(Produced::Document(line)) => (line, None),
        Ok(Produced::Upstream(line, error)) => {
            (Line::Bytes(line), Some(LineError::Upstream(error)))
        }
        Err(error) => {
            let mut json = Vec::new();
            write_error_record(work.id.as_ref(), number, &error.to_string(), &mut json);
            (Line::Bytes(json), Some(error))
        }
    };
    Outcome {
        line,
        failure,
        warnings: work.warnings,
        counts: work.counts,
        source,
        number,
        input_bytes,
    }
}

impl Work<'_> {
    fn run(&mut self, stage: &dyn Stage, body: Body) -> Result<Produced, LineError> {
        let mut doc = match self.read(body)? {
            Ok(doc) => doc,
            Err(upstream) => return Ok(upstream),
        };
        if doc.text.len() > self.max_doc_bytes {
            return Err(LineError::TooLarge {
                bytes: doc.text.len(),
                limit: self.max_doc_bytes,
            });
        }
        annotate_caught(stage, &mut doc)?;
        self.warnings = std::mem::take(&mut doc.warnings);
        self.during = "writing";
        let cap = self.buffered_line_bytes;
        let mut line = CappedLine {
            bytes: Vec::with_capacity((doc.text.len() * 4 + 64).min(cap)),
            cap,
            overflowed: false,
        };
        write_document_to(&doc, &mut line).expect("a CappedLine never fails");
        count(&doc, &mut self.counts);
        Ok(Produced::Document(if line.overflowed {
            Line::Streamed(Box::new(doc))
        } else {
            Line::Bytes(line.bytes)
        }))
    }

    /// The document a record holds (or an earlier stage's error record), noting its id.
    fn read(&mut self, body: Body) -> Result<Result<Document, Produced>, LineError> {
        let (source, number, max) = (self.source, self.number, self.max_doc_bytes);
        match body {
            Body::TooLarge(bytes) => {
                self.id = Some(RawJson::string(source));
                Err(LineError::TooLarge { bytes, limit: max })
            }
            Body::LineTooLong { bytes, head } => {
                self.id = id_of_prefix(&head);
                let limit = max.saturating_mul(LINE_BYTES_PER_TEXT_BYTE);
                Err(LineError::LineTooLong { bytes, limit })
            }
            Body::Text(bytes) => {
                self.id = Some(RawJson::string(source));
                let text = String::from_utf8(bytes).map_err(|e| LineError::InvalidUtf8 {
                    valid_up_to: e.utf8_error().valid_up_to(),
                })?;
                Ok(Ok(Document {
                    id: self.id.clone(),
                    ..Document::new(text)
                }))
            }
            Body::Line(bytes) => match parse_owned_line(bytes) {
                Ok(Err((line, error))) => Ok(Err(Produced::Upstream(line, error))),
                Ok(Ok(doc)) => {
                    let id = doc.id.clone();
                    let id = id.unwrap_or_else(|| RawJson::string(&format!("{source}:{number}")));
                    self.id = Some(id.clone());
                    Ok(Ok(Document {
                        id: Some(id),
                        ..*doc
                    }))
                }
                Err(failure) => {
                    self.id = failure.id;
                    Err(failure.error)
                }
            },
        }
    }
}

fn count(doc: &Document, counts: &mut RunSummary) {
    counts.documents = 1;
    counts.tokens = doc.tokens.as_ref().map_or(0, |t| t.len() as u64);
    counts.entities = doc.entities.as_ref().map_or(0, |e| e.len() as u64);
    counts.quotes = doc.quotes.as_ref().map_or(0, |q| q.len() as u64);
}

/// Reads one line (terminator stripped, `\r\n` too) into `buf`, keeping at most `limit + 1`
/// bytes of it. Returns the line's full length in bytes including its terminator, or `None` at
/// end of input.
pub fn read_line_limited<R: BufRead>(
    input: &mut R,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Option<usize>> {
    let mut total = 0usize;
    let mut ended = false;
    loop {
        let chunk = match input.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = limit.saturating_add(1).saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..take.min(room)]);
        total += take;
        input.consume(take);
        if done {
            ended = true;
            break;
        }
    }
    if total == 0 {
        return Ok(None);
    }
    if ended && buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    Ok(Some(total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::StageError;
    use crate::model::Span;

    /// Marks every document with one token covering its text.
    struct OneToken;

    impl Stage for OneToken {
        fn name(&self) -> &'static str {
            "one-token"
        }
        fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
            if doc.text == "boom" {
                return Err(StageError::Failed {
                    stage: "one-token",
                    message: "boom".into(),
                });
            }
            doc.tokens = Some(vec![Span::new(0, doc.text.len())]);
            Ok(())
        }
    }

    fn run(input: &[u8], options: RunOptions) -> (Result<(), RunError>, String, RunSummary) {
        let mut runner = Runner::new(
            &OneToken,
            RunOptions {
                warn: false,
                ..options
            },
        )
        .unwrap();
        let mut out = Vec::new();
        let result = runner.run("in", input, &mut out);
        (result, String::from_utf8(out).unwrap(), runner.summary())
    }

    const MIXED: &[u8] = b"{\"id\":\"a\",\"text\":\"x\"}\n{not json\n\n{\"id\":\"c\"}\r\n{\"text\":\"bad \xff\"}\n{\"text\":\"z\"}";

    #[test]
    fn bad_lines_become_records_in_place() {
        let (res, out, sum) = run(MIXED, RunOptions::default());
        res.unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 5);
        assert_eq!(
            lines[0],
            r#"{"id":"a","text":"x","tokens":[{"start":0,"end":1}]}"#
        );
        assert!(
            lines[1].starts_with(r#"{"id":null,"line":2,"error":"invalid JSON"#),
            "{}",
            lines[1]
        );
        assert_eq!(
            lines[2],
            r#"{"id":"c","line":4,"error":"document has no \"text\" field"}"#
        );
        assert!(lines[3].contains(r#""line":5,"error":"line is not valid UTF-8"#));
        assert_eq!(
            lines[4],
            r#"{"id":"in:6","text":"z","tokens":[{"start":0,"end":1}]}"#
        );
        assert_eq!((sum.documents, sum.errors, sum.tokens), (2, 3, 2));
    }

    #[test]
    fn skip_and_fail() {
        let (res, out, _) = run(
            MIXED,
            RunOptions {
                on_error: OnError::Skip,
                ..Default::default()
            },
        );
        res.unwrap();
        assert_eq!(out.lines().count(), 2);
        let (res, out, _) = run(
            MIXED,
            RunOptions {
                on_error: OnError::Fail,
                ..Default::default()
            },
        );
        match res {
            Err(RunError::BadLine { line: 2, .. }) => {}
            other => panic!("expected a failure at line 2, got {other:?}"),
        }
        assert_eq!(
            out.lines().count(),
            1,
            "documents before the bad line are written"
        );
    }

    #[test]
    fn stage_errors_and_oversized_texts_are_records() {
        let input = b"{\"id\":\"b\",\"text\":\"boom\"}\n{\"text\":\"a rather long document\"}\n";
        let (res, out, _) = run(
            input,
            RunOptions {
                max_doc_bytes: 21,
                ..Default::default()
            },
        );
        res.unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], r#"{"id":"b","line":1,"error":"one-token: boom"}"#);
        assert_eq!(
            lines[1],
            r#"{"id":"in:2","line":2,"error":"text is 22 bytes, over the limit of 21 bytes (--max-doc-bytes)"}"#
        );
        let (_, out, _) = run(
            input,
            RunOptions {
                max_doc_bytes: 22,
                ..Default::default()
            },
        );
        assert!(
            out.lines().nth(1).unwrap().contains("\"tokens\""),
            "the limit is on the text"
        );
    }

    #[test]
    fn order_is_kept_across_batches_and_threads() {
        let input: String = (0..1000)
            .map(|i| format!("{{\"id\":{i},\"text\":\"{i}\"}}\n"))
            .collect();
        let opts = |threads| RunOptions {
            batch_docs: 7,
            threads: Some(threads),
            ..Default::default()
        };
        let (_, one, _) = run(input.as_bytes(), opts(1));
        let (_, four, _) = run(input.as_bytes(), opts(4));
        assert_eq!(one, four);
        for (i, line) in one.lines().enumerate() {
            assert!(
                line.starts_with(&format!("{{\"id\":{i},")),
                "line {i}: {line}"
            );
        }
    }

    #[test]
    fn records_from_many_sources_keep_their_names_and_order() {
        let mut runner = Runner::new(
            &OneToken,
            RunOptions {
                warn: false,
                batch_docs: 2,
                batches_in_flight: 2,
                threads: Some(2),
                max_doc_bytes: 100,
                ..Default::default()
            },
        )
        .unwrap();
        let text = |name: &str, bytes: &[u8]| {
            Ok(Record {
                source: name.into(),
                number: 1,
                input_bytes: bytes.len() as u64,
                body: Body::Text(bytes.to_vec()),
            })
        };
        let records = Lines::new(
            "a.jsonl",
            &b"{\"text\":\"p\"}\n\n{\"text\":\"q\"}\n"[..],
            100,
        )
        .chain([
            text("b.txt", "Zürich".as_bytes()),
            text("c.txt", b"\xff"),
            Ok(Record {
                source: "d.txt".into(),
                number: 1,
                input_bytes: 500,
                body: Body::TooLarge(500),
            }),
        ]);
        let mut out = Vec::new();
        runner.run_records(records, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            r#"{"id":"a.jsonl:1","text":"p","tokens":[{"start":0,"end":1}]}"#
        );
        assert_eq!(
            lines[1],
            r#"{"id":"a.jsonl:3","text":"q","tokens":[{"start":0,"end":1}]}"#
        );
        assert_eq!(
            lines[2],
            r#"{"id":"b.txt","text":"Zürich","tokens":[{"start":0,"end":6}]}"#
        );
        assert!(
            lines[3].starts_with(r#"{"id":"c.txt","line":1,"error":"line is not valid UTF-8"#),
            "{}",
            lines[3]
        );
        assert!(
            lines[4].contains("500 bytes, over the limit of 100"),
            "{}",
            lines[4]
        );
        assert_eq!(lines.len(), 5);
        let sum = runner.summary();
        assert_eq!((sum.documents, sum.errors), (3, 2));
        assert_eq!(sum.bytes, 13 + 1 + 13 + "Zürich".len() as u64 + 1 + 500);
    }

    /// Panics on one document, to show the runner contains it.
    struct Fragile;

    impl Stage for Fragile {
        fn name(&self) -> &'static str {
            "fragile"
        }
        fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
            let first = doc.text.as_bytes()[0];
            doc.tokens = Some(vec![Span::new(0, usize::from(first == b'x'))]);
            Ok(())
        }
    }

    #[test]
    fn a_panicking_stage_costs_one_document() {
        let mut runner = Runner::new(
            &Fragile,
            RunOptions {
                warn: false,
                ..Default::default()
            },
        )
        .unwrap();
        let mut out = Vec::new();
        let input = b"{\"text\":\"x\"}\n{\"text\":\"\"}\n{\"text\":\"y\"}\n";
        runner.run("in", &input[..], &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(
            lines[1],
            r#"{"id":"in:2","line":2,"error":"fragile: panicked: index out of bounds: the len is 0 but the index is 0"}"#
        );
        assert!(lines[2].starts_with(r#"{"id":"in:3","text":"y""#));
    }

    #[test]
    fn warnings_go_to_the_installed_callback() {
        let mut warnings = Vec::new();
        let mut runner = Runner::new(&OneToken, RunOptions::default()).unwrap();
        runner.on_warning(|m| warnings.push(m.to_string()));
        runner.run("in", MIXED, &mut Vec::new()).unwrap();
        drop(runner);
        assert_eq!(warnings.len(), 3);
        assert!(
            warnings[0].starts_with("warning: in:2: invalid JSON"),
            "{}",
            warnings[0]
        );
    }

    #[test]
    fn error_records_from_an_earlier_stage_pass_through_or_obey_on_error() {
        let input = br#"{"id":null,"line":2,"error":"invalid JSON"}
{"text":"z"}"#;
        let (_, out, sum) = run(input, RunOptions::default());
        assert_eq!(out.lines().next().unwrap().as_bytes(), &input[..43]);
        assert_eq!((sum.documents, sum.errors), (1, 1));
        let skip = RunOptions {
            on_error: OnError::Skip,
            ..Default::default()
        };
        let (_, out, _) = run(input, skip);
        assert_eq!(
            out,
            "{\"id\":\"in:2\",\"text\":\"z\",\"tokens\":[{\"start\":0,\"end\":1}]}\n"
        );
        let fail = RunOptions {
            on_error: OnError::Fail,
            ..Default::default()
        };
        let (res, out, _) = run(input, fail);
        assert_eq!(res.unwrap_err().to_string(), "in:1: invalid JSON");
        assert_eq!(out, "");
    }

    /// What a [`Loading`] stage saw: how often it was prepared, and documents that came first.
    #[derive(Default)]
    struct LoadLog {
        prepared: std::sync::atomic::AtomicUsize,
        unprepared_documents: std::sync::atomic::AtomicUsize,
    }

    /// A stage with something to load: it logs its `prepare` calls and its documents.
    struct Loading(Arc<LoadLog>);

    impl Stage for Loading {
        fn name(&self) -> &'static str {
            "loading"
        }
        fn prepare(&self) {
            self.0
                .prepared
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
        fn annotate(&self, _doc: &mut Document) -> Result<(), StageError> {
            if self.0.prepared.load(std::sync::atomic::Ordering::SeqCst) == 0 {
                self.0
                    .unprepared_documents
                    .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
            Ok(())
        }
    }

    #[test]
    fn every_stage_of_a_pipeline_is_prepared_once_before_the_first_document() {
        let logs = [Arc::new(LoadLog::default()), Arc::new(LoadLog::default())];
        let mut pipeline = crate::Pipeline::new();
        for log in &logs {
            pipeline.push(Box::new(Loading(log.clone())));
        }
        let options = RunOptions {
            threads: Some(2),
            batch_docs: 2,
            ..Default::default()
        };
        let mut runner = Runner::new(&pipeline, options).unwrap();
        let input = "{\"text\":\"a\"}\n".repeat(9);
        let mut out = Vec::new();
        runner.run("in", input.as_bytes(), &mut out).unwrap();
        assert_eq!(runner.summary().documents, 9);
        for log in &logs {
            use std::sync::atomic::Ordering::SeqCst;
            assert_eq!(log.prepared.load(SeqCst), 1);
            assert_eq!(log.unprepared_documents.load(SeqCst), 0);
        }
    }

    #[test]
    fn nothing_is_prepared_for_no_input_or_for_a_huge_first_document() {
        use std::sync::atomic::Ordering::SeqCst;
        let log = Arc::new(LoadLog::default());
        let stage = Loading(log.clone());
        let mut runner = Runner::new(&stage, RunOptions::default()).unwrap();
        runner.run("in", &b"\n\n"[..], &mut Vec::new()).unwrap();
        assert_eq!(log.prepared.load(SeqCst), 0);
        let huge = format!(
            "{{\"text\":\"{}\"}}\n",
            "a".repeat(PREPARE_BELOW_BYTES as usize)
        );
        runner.run("in", huge.as_bytes(), &mut Vec::new()).unwrap();
        assert_eq!(runner.summary().documents, 1);
        assert_eq!(log.prepared.load(SeqCst), 0);
        assert_eq!(log.unprepared_documents.load(SeqCst), 1);
    }

    /// Writes a reversed entity span, which no stage should: serialising it panics.
    struct Reversed;

    impl Stage for Reversed {
        fn name(&self) -> &'static str {
            "reversed"
        }
        fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
            if doc.text.starts_with("bad") {
                doc.entities = Some(vec![crate::model::Entity {
                    span: Span { start: 2, end: 1 },
                    label: crate::model::EntityLabel::Per,
                    canonical: String::new(),
                }]);
            }
            Ok(())
        }
    }

    #[test]
    fn a_panic_while_writing_costs_one_document_and_never_hangs() {
        let input: String = (0..50)
            .map(|i| {
                let text = if i % 10 == 3 { "bad one" } else { "good" };
                format!("{{\"id\":{i},\"text\":\"{text}\"}}\n")
            })
            .collect();
        let mut runner = Runner::new(
            &Reversed,
            RunOptions {
                warn: false,
                batch_docs: 4,
                threads: Some(2),
                ..Default::default()
            },
        )
        .unwrap();
        let mut out = Vec::new();
        runner.run("in", input.as_bytes(), &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 50);
        assert_eq!(lines[2], r#"{"id":2,"text":"good"}"#);
        assert!(
            lines[3].starts_with(r#"{"id":3,"line":4,"error":"writing: panicked: "#),
            "{}",
            lines[3]
        );
        assert_eq!(lines[4], r#"{"id":4,"text":"good"}"#);
        assert_eq!(runner.summary().errors, 5);
    }

    #[test]
    fn a_line_over_the_buffer_is_streamed_unchanged_and_in_order() {
        let input: String = (0..40)
            .map(|i| {
                let text = match i % 7 {
                    2 => "x".repeat(300),
                    3 => format!("bad {}", "x".repeat(300)),
                    _ => "good".into(),
                };
                format!("{{\"id\":{i},\"text\":\"{text}\"}}\n")
            })
            .collect();
        let options = |buffered_line_bytes| RunOptions {
            warn: false,
            batch_docs: 3,
            threads: Some(2),
            buffered_line_bytes,
            ..Default::default()
        };
        let run_with = |buffered| {
            let mut runner = Runner::new(&Reversed, options(buffered)).unwrap();
            let mut out = Vec::new();
            runner.run("in", input.as_bytes(), &mut out).unwrap();
            (String::from_utf8(out).unwrap(), runner.summary())
        };
        let (buffered, sum) = run_with(1 << 20);
        let (streamed, streamed_sum) = run_with(100);
        assert_eq!(streamed, buffered);
        assert_eq!(streamed_sum, sum);
        let lines: Vec<&str> = streamed.lines().collect();
        assert_eq!(lines.len(), 40);
        assert!(
            lines[2].starts_with(r#"{"id":2,"text":"xxx"#),
            "{}",
            lines[2]
        );
        assert!(lines[3].contains("writing: panicked"), "{}", lines[3]);
        assert_eq!(lines[4], r#"{"id":4,"text":"good"}"#);
        assert_eq!(sum.errors, 6);
    }

    #[test]
    fn a_line_too_long_to_hold_keeps_its_id() {
        let options = RunOptions {
            max_doc_bytes: 1,
            ..Default::default()
        };
        let long = format!("{{\"id\":\"long\",\"text\":\"{}\"}}\n", "x".repeat(200));
        let (res, out, _) = run(long.as_bytes(), options);
        res.unwrap();
        assert!(
            out.starts_with(
                r#"{"id":"long","line":1,"error":"line is 224 bytes, over the limit of 64 bytes"#
            ),
            "{out}"
        );
    }

    #[test]
    fn a_byte_order_mark_starts_no_line() {
        let (_, out, _) = run(b"\xEF\xBB\xBF{\"text\":\"a\"}\n", RunOptions::default());
        assert_eq!(
            out,
            "{\"id\":\"in:1\",\"text\":\"a\",\"tokens\":[{\"start\":0,\"end\":1}]}\n"
        );
    }
}
