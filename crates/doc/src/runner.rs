//! The one stage runner: every stage binary and the driver use it.
//!
//! It reads NDJSON in bounded batches, annotates the documents of a batch in parallel with
//! rayon, and writes them back strictly in input order. Memory is bounded by the batch size and
//! the largest document, never by the input's length. A bad line never loses its place: it
//! becomes an error record (or is skipped, or stops the run, as the caller chooses).

use crate::error::{LineError, RunError};
use crate::model::Document;
use crate::ndjson::{parse_line, write_document, write_error_record, ParseFailure, Parsed};
use crate::stage::Stage;
use rayon::prelude::*;
use serde_json::Value;
use std::io::{self, BufRead, Write};
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

/// How the runner reads, batches and reports.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub on_error: OnError,
    /// A line longer than this becomes an error record instead of being held in memory.
    pub max_doc_bytes: usize,
    /// At most this many documents per parallel batch.
    pub batch_docs: usize,
    /// At most about this many input bytes per parallel batch.
    pub batch_bytes: usize,
    /// Worker threads; `None` uses every core.
    pub threads: Option<usize>,
    /// Print a one-line warning on stderr for each bad line.
    pub warn: bool,
}

impl Default for RunOptions {
    fn default() -> RunOptions {
        RunOptions {
            on_error: OnError::Record,
            max_doc_bytes: 64 << 20,
            batch_docs: 256,
            batch_bytes: 4 << 20,
            threads: None,
            warn: true,
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

/// Applies one stage (often a [`crate::Pipeline`]) to NDJSON streams.
pub struct Runner<'s> {
    stage: &'s dyn Stage,
    options: RunOptions,
    pool: rayon::ThreadPool,
    summary: RunSummary,
    started: Instant,
    progress: Option<Box<dyn FnMut(&RunSummary) + 's>>,
}

struct Line {
    number: u64,
    bytes: Vec<u8>,
    /// Full length when the line was longer than `max_doc_bytes` (then `bytes` is truncated).
    oversize: Option<usize>,
}

struct Outcome {
    number: u64,
    json: Vec<u8>,
    failure: Option<ParseFailure>,
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
        Ok(Runner { stage, options, pool, summary: RunSummary::default(), started: Instant::now(), progress: None })
    }

    /// Calls `f` with the running totals after each batch (for progress bars).
    pub fn on_progress(&mut self, f: impl FnMut(&RunSummary) + 's) {
        self.progress = Some(Box::new(f));
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
        mut input: R,
        output: &mut W,
    ) -> Result<(), RunError> {
        let io_err = |err| RunError::Io { source_name: source_name.to_string(), err };
        let mut number = 0u64;
        let mut eof = false;
        while !eof {
            let mut batch = Vec::with_capacity(self.options.batch_docs);
            let mut batch_bytes = 0;
            while batch.len() < self.options.batch_docs && batch_bytes < self.options.batch_bytes {
                let mut bytes = Vec::new();
                let Some(len) = read_line_limited(&mut input, &mut bytes, self.options.max_doc_bytes)
                    .map_err(io_err)?
                else {
                    eof = true;
                    break;
                };
                number += 1;
                self.summary.bytes += len as u64;
                if bytes.iter().all(u8::is_ascii_whitespace) && len <= self.options.max_doc_bytes {
                    continue;
                }
                batch_bytes += bytes.len();
                let oversize = (len > self.options.max_doc_bytes).then_some(len);
                batch.push(Line { number, bytes, oversize });
            }
            let stage = self.stage;
            let max = self.options.max_doc_bytes;
            let outcomes: Vec<Outcome> = self.pool.install(|| {
                batch.into_par_iter().map(|line| process(stage, source_name, line, max)).collect()
            });
            self.write_batch(source_name, outcomes, output)?;
            if let Some(progress) = self.progress.as_mut() {
                progress(&self.summary);
            }
        }
        output.flush().map_err(io_err)
    }

    fn write_batch<W: Write>(
        &mut self,
        source_name: &str,
        outcomes: Vec<Outcome>,
        output: &mut W,
    ) -> Result<(), RunError> {
        let io_err = |err| RunError::Io { source_name: "output".to_string(), err };
        for outcome in outcomes {
            let c = outcome.counts;
            self.summary.documents += c.documents;
            self.summary.tokens += c.tokens;
            self.summary.entities += c.entities;
            self.summary.quotes += c.quotes;
            if let Some(failure) = outcome.failure {
                self.summary.errors += 1;
                if self.options.on_error == OnError::Fail {
                    return Err(RunError::BadLine {
                        source_name: source_name.to_string(),
                        line: outcome.number,
                        err: failure.error,
                    });
                }
                if self.options.warn {
                    eprintln!("warning: {source_name}:{}: {}", outcome.number, failure.error);
                }
                if self.options.on_error == OnError::Skip {
                    continue;
                }
            }
            output.write_all(&outcome.json).map_err(io_err)?;
            output.write_all(b"\n").map_err(io_err)?;
        }
        Ok(())
    }
}

/// Parses, annotates and serialises one line; never panics on bad input.
fn process(stage: &dyn Stage, source_name: &str, line: Line, max: usize) -> Outcome {
    let mut json = Vec::with_capacity(line.bytes.len() * 4 + 64);
    let mut counts = RunSummary::default();
    let failure = if let Some(bytes) = line.oversize {
        Some(ParseFailure { id: None, error: LineError::TooLarge { bytes, limit: max } })
    } else {
        match parse_line(&line.bytes) {
            Ok(Parsed::ErrorRecord) => {
                json.extend_from_slice(&line.bytes);
                None
            }
            Ok(Parsed::Document(mut doc)) => {
                if doc.id.is_none() {
                    doc.id = Some(Value::String(format!("{source_name}:{}", line.number)));
                }
                match stage.annotate(&mut doc) {
                    Ok(()) => {
                        count(&doc, &mut counts);
                        write_document(&doc, &mut json);
                        None
                    }
                    Err(e) => Some(ParseFailure { id: doc.id.clone(), error: e.into() }),
                }
            }
            Err(failure) => Some(failure),
        }
    };
    if let Some(f) = &failure {
        json.clear();
        write_error_record(f.id.as_ref(), line.number, &f.error.to_string(), &mut json);
    }
    Outcome { number: line.number, json, failure, counts }
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
        let room = (limit + 1).saturating_sub(buf.len());
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
                return Err(StageError::Failed { stage: "one-token", message: "boom".into() });
            }
            doc.tokens = Some(vec![Span::new(0, doc.text.len())]);
            Ok(())
        }
    }

    fn run(input: &[u8], options: RunOptions) -> (Result<(), RunError>, String, RunSummary) {
        let mut runner = Runner::new(&OneToken, RunOptions { warn: false, ..options }).unwrap();
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
        assert_eq!(lines[0], r#"{"id":"a","text":"x","tokens":[{"start":0,"end":1}]}"#);
        assert!(lines[1].starts_with(r#"{"id":null,"line":2,"error":"invalid JSON"#), "{}", lines[1]);
        assert_eq!(lines[2], r#"{"id":"c","line":4,"error":"document has no \"text\" field"}"#);
        assert!(lines[3].contains(r#""line":5,"error":"line is not valid UTF-8"#));
        assert_eq!(lines[4], r#"{"id":"in:6","text":"z","tokens":[{"start":0,"end":1}]}"#);
        assert_eq!((sum.documents, sum.errors, sum.tokens), (2, 3, 2));
    }

    #[test]
    fn skip_and_fail() {
        let (res, out, _) = run(MIXED, RunOptions { on_error: OnError::Skip, ..Default::default() });
        res.unwrap();
        assert_eq!(out.lines().count(), 2);
        let (res, out, _) = run(MIXED, RunOptions { on_error: OnError::Fail, ..Default::default() });
        match res {
            Err(RunError::BadLine { line: 2, .. }) => {}
            other => panic!("expected a failure at line 2, got {other:?}"),
        }
        assert_eq!(out.lines().count(), 1, "documents before the bad line are written");
    }

    #[test]
    fn stage_errors_and_oversized_lines_are_records() {
        let input = b"{\"id\":\"b\",\"text\":\"boom\"}\n{\"text\":\"a rather long document\"}\n";
        let (res, out, _) = run(input, RunOptions { max_doc_bytes: 30, ..Default::default() });
        res.unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], r#"{"id":"b","line":1,"error":"one-token: boom"}"#);
        assert!(lines[1].contains("over the limit of 30 bytes"), "{}", lines[1]);
    }

    #[test]
    fn order_is_kept_across_batches_and_threads() {
        let input: String = (0..1000).map(|i| format!("{{\"id\":{i},\"text\":\"{i}\"}}\n")).collect();
        let opts = |threads| RunOptions { batch_docs: 7, threads: Some(threads), ..Default::default() };
        let (_, one, _) = run(input.as_bytes(), opts(1));
        let (_, four, _) = run(input.as_bytes(), opts(4));
        assert_eq!(one, four);
        for (i, line) in one.lines().enumerate() {
            assert!(line.starts_with(&format!("{{\"id\":{i},")), "line {i}: {line}");
        }
    }

    #[test]
    fn error_records_from_an_earlier_stage_pass_through() {
        let input = br#"{"id":null,"line":2,"error":"invalid JSON"}"#;
        let (_, out, sum) = run(input, RunOptions::default());
        assert_eq!(out.trim_end().as_bytes(), input);
        assert_eq!(sum.errors, 0);
    }
}
