//! Command-line plumbing shared by every stage binary (feature `cli`).
//!
//! A stage binary flattens [`IoArgs`] into its own clap parser, builds its stage and calls
//! [`IoArgs::run`]; [`exit_on_error`] turns a failure into one line on stderr and exit code 1.

use crate::input;
use crate::runner::{OnError, RunOptions, RunSummary, Runner};
use crate::stage::Stage;
use anyhow::Context;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

/// How a bad input line is handled (see `--on-error`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OnErrorArg {
    /// Write an error record `{"id", "line", "error"}` in the line's place.
    Record,
    /// Leave the line out of the output (a warning is still printed).
    Skip,
    /// Stop at the first bad line with exit code 1.
    Fail,
}

/// Input, output and error-handling flags common to every stage binary.
#[derive(Debug, Clone, clap::Args)]
pub struct IoArgs {
    /// NDJSON files (one document per line), .txt files (one document each, id = path),
    /// directories (their .jsonl/.ndjson/.txt files, recursively, sorted), gzip of any of these;
    /// `-` or none reads stdin.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Write NDJSON here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    /// What to do with a line that is not a valid document.
    #[arg(long, value_enum, default_value = "record")]
    pub on_error: OnErrorArg,

    /// Stop at the first bad line with a non-zero exit (same as `--on-error fail`).
    #[arg(long)]
    pub strict: bool,

    /// Documents whose text is longer than this many bytes (UTF-8) become error records.
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    pub max_doc_bytes: usize,

    /// Print no warnings about bad lines.
    #[arg(short, long)]
    pub quiet: bool,
}

impl IoArgs {
    /// The runner options these flags ask for.
    pub fn run_options(&self) -> RunOptions {
        let on_error = match (self.strict, self.on_error) {
            (true, _) | (_, OnErrorArg::Fail) => OnError::Fail,
            (_, OnErrorArg::Skip) => OnError::Skip,
            (_, OnErrorArg::Record) => OnError::Record,
        };
        RunOptions {
            on_error,
            max_doc_bytes: self.max_doc_bytes,
            threads: self.threads,
            warn: !self.quiet,
            ..RunOptions::default()
        }
    }

    /// The buffered output the flags ask for: `--output FILE` or stdout.
    pub fn open_output(&self) -> anyhow::Result<Box<dyn Write>> {
        Ok(match &self.output {
            Some(path) => Box::new(BufWriter::with_capacity(
                1 << 16,
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
            )),
            None => Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
        })
    }

    /// Runs `stage` over every input into the output, returning the totals.
    pub fn run(&self, stage: &dyn Stage) -> anyhow::Result<RunSummary> {
        let inputs = input::expand(&self.inputs)?;
        let mut runner = Runner::new(stage, self.run_options())?;
        let mut output = self.open_output()?;
        runner.run_records(input::records(inputs, self.max_doc_bytes), &mut output)?;
        Ok(runner.summary())
    }
}

/// Ends the process with a one-line message and exit code 1 when `result` is an error.
///
/// A closed stdout (`newsnlp-tokenize | head`) ends quietly with exit code 0.
pub fn exit_on_error<T>(program: &str, result: anyhow::Result<T>) {
    if let Err(e) = result {
        let broken_pipe = e.chain().any(|c| {
            c.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
                || matches!(c.downcast_ref::<crate::RunError>(),
                    Some(crate::RunError::Io { err, .. }) if err.kind() == io::ErrorKind::BrokenPipe)
        });
        if broken_pipe {
            std::process::exit(0);
        }
        eprintln!("{program}: error: {e:#}");
        std::process::exit(1);
    }
}
