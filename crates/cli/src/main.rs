//! `newsnlp`: the driver that runs every stage in one process.

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsnlp::stages::{Selection, StageConfig};
use newsnlp::stats::Stats;
use newsnlp::summary_line;
use newsnlp_doc::cli::{exit_on_error, IoArgs};
use newsnlp_doc::input::{self, Format};
use newsnlp_doc::runner::Body;
use newsnlp_doc::Document;
use newsnlp_doc::Runner;
use newsnlp_exchange::{brat, conll};
use newsnlp_quotes::QuoteModel;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

const EXIT_CODES: &str = "Exit codes:
  0  every input was read; bad lines became error records (or were skipped)
  1  the run stopped: a bad line under --on-error fail / --strict, an unreadable input,
     an unwritable output, or an unknown stage
  2  the command line is wrong";

/// Turns raw news articles (NDJSON, one `{"id", "text"}` per line) into structured facts.
#[derive(Parser)]
#[command(name = "newsnlp", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Runs the pipeline stages over the inputs and writes annotated NDJSON, in input order.
    #[command(
        after_help = EXIT_CODES,
        mut_arg("quiet", |a| a.help("No progress bar, summary, notes or warnings on stderr")),
    )]
    Run(RunArgs),
    /// Counts per layer, top speakers and top entities of annotated NDJSON.
    Stats {
        /// Annotated NDJSON files (or directories, `.gz`); `-` or none reads stdin.
        #[arg(value_name = "FILE")]
        inputs: Vec<PathBuf>,
        /// How many speakers and entities to list.
        #[arg(long, default_value_t = 10)]
        top: usize,
    },
    /// Quote, quotation, speaker, entity and mention tables and an HTML report, across the
    /// documents of annotated NDJSON.
    Corpus(CorpusArgs),
    /// One self-contained HTML page to read annotated NDJSON: an index of the documents and each
    /// document with its entities, quotes, speakers and dateline marked.
    View(ViewArgs),
    /// Annotated NDJSON to brat standoff (a folder brat and INCEpTION open) or CoNLL-2003
    /// columns (a file).
    Export(ExportArgs),
    /// A brat folder (from `newsnlp export --format brat`, corrected or not) back into NDJSON
    /// with entities and quotes.
    Import(ImportArgs),
}

#[derive(Args)]
struct ExportArgs {
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Annotated NDJSON files (or directories, `.gz`); `-` or none reads stdin.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// The folder (brat; created when missing) or file (conll; `-` for stdout) to write.
    #[arg(short, long, value_name = "DIR|FILE")]
    output: PathBuf,
    /// Longest line read; a longer one is counted as not exported.
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    max_doc_bytes: usize,
    /// No summary on stderr.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    /// `ID.txt` + `ID.ann` per document, `annotation.conf`, `visual.conf`, `newsnlp.jsonl`.
    Brat,
    /// Token and IOB2 entity tag per line; needs the tokens and entities layers.
    Conll,
}

#[derive(Args)]
struct ImportArgs {
    #[arg(long, value_enum)]
    format: ImportFormat,
    /// The brat folder.
    #[arg(value_name = "DIR")]
    input: PathBuf,
    /// Where to write the NDJSON (default: stdout).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ImportFormat {
    Brat,
}

#[derive(Args)]
struct ViewArgs {
    /// Annotated NDJSON files (or directories, `.gz`); `-` or none reads stdin.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// The page to write.
    #[arg(short, long, value_name = "OUT.html")]
    output: PathBuf,
    /// Longest line read; a longer one is counted as not shown.
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    max_doc_bytes: usize,
    /// No summary on stderr.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Args)]
struct CorpusArgs {
    /// Annotated NDJSON files (or directories, `.gz`); `-` or none reads stdin.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// The folder to write the tables and `report.html` into (created when missing).
    #[arg(short, long, value_name = "DIR", required_unless_present = "step")]
    output: Option<PathBuf>,
    /// Runs one step of the build on its own and writes its rows as NDJSON on stdout, for a
    /// cluster to run the grouping (see examples/spark): `occurrences` reads annotated NDJSON;
    /// `speakers` and `quotations` read the rows the job grouped.
    #[arg(long, value_enum, conflicts_with_all = ["output", "format"])]
    step: Option<CorpusStep>,
    /// How the tables are written.
    #[arg(long, value_enum, default_value = "csv")]
    format: TableFormatArg,
    /// Longest line read; a longer one is counted as an error.
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    max_doc_bytes: usize,
    /// No progress bar or summary on stderr.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CorpusStep {
    /// One row per quote occurrence, with its quotation and surname keys.
    Occurrences,
    /// The speaker of each distinct name (`{"speaker", "quotes"}` rows in order of first
    /// appearance, every name of a surname together).
    Speakers,
    /// The quotation each distinct key joins (`{"speaker_key", "quotation"}` rows in order of
    /// first appearance, every key of a speaker together).
    Quotations,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum TableFormatArg {
    Csv,
    Jsonl,
}

#[derive(Args)]
struct RunArgs {
    #[command(flatten)]
    io: IoArgs,

    /// Stages to run, comma-separated (default: all); prerequisites are added with a note.
    #[arg(long, value_delimiter = ',', value_name = "STAGE,...")]
    stages: Option<Vec<String>>,

    /// Publication date (ISO) for documents without a `published` field; resolves dateline years.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = newsnlp_dateline::published_arg)]
    published: Option<String>,

    /// A learned quote model (`newsnlp-quotes train`, `make quote-model`; research use, its
    /// licence is printed on load): adds its indirect attributions to the rules' quotes.
    #[arg(long, value_name = "MODEL")]
    quotes_model: Option<PathBuf>,

    /// Add to each quote the rule that found it (`"rule"`), and to each document the reporting
    /// verbs that were no cue and why (`"explain"`); see docs/contract.md.
    #[arg(long)]
    explain: bool,
}

fn main() {
    let result = match Cli::parse().command {
        Command::Run(args) => run(args),
        Command::Stats { inputs, top } => stats(&inputs, top),
        Command::Corpus(args) => corpus(args),
        Command::View(args) => view(args),
        Command::Export(args) => export(args),
        Command::Import(args) => import(args),
    };
    exit_on_error("newsnlp", result);
}

fn run(args: RunArgs) -> anyhow::Result<()> {
    let quiet = args.io.quiet;
    let selection = match &args.stages {
        Some(names) => Selection::parse(names)?,
        None => Selection::all(),
    };
    if !selection.added.is_empty() && !quiet {
        eprintln!(
            "newsnlp: note: also running {} (needed by the stages asked for)",
            selection.added.join(", ")
        );
    }
    let quotes_model = match &args.quotes_model {
        Some(path) => Some(load_quotes_model(path, &selection)?),
        None => None,
    };
    let pipeline = selection.build(&StageConfig {
        published: args.published.clone(),
        quotes_model,
        explain: args.explain,
    });
    let inputs = input::expand(&args.io.inputs)?;
    let options = args.io.run_options();
    let max_doc_bytes = options.max_doc_bytes;
    let mut runner = Runner::new(&pipeline, options)?;
    let bar = (!quiet && std::io::stderr().is_terminal())
        .then(|| progress_bar(input::known_size(&inputs)));
    if let Some(bar) = bar.clone() {
        let warn_bar = bar.clone();
        runner.on_warning(move |m| warn_bar.suspend(|| eprintln!("{m}")));
        runner.on_progress(move |s| {
            bar.set_position(s.bytes);
            bar.set_message(format!("{} documents, {} errors", s.documents, s.errors));
        });
    }
    let mut output = args.io.open_output()?;
    let result = runner.run_records(input::records(inputs, max_doc_bytes), &mut output);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    result?;
    if !quiet {
        eprintln!(
            "newsnlp: {}",
            summary_line(&runner.summary(), runner.elapsed_seconds())
        );
    }
    Ok(())
}

/// The `--quotes-model` file, its licence printed; the model reads `pos`, so that stage must run.
fn load_quotes_model(path: &Path, selection: &Selection) -> anyhow::Result<QuoteModel> {
    if selection.names.contains(&"quotes") && !selection.names.contains(&"pos") {
        anyhow::bail!("--quotes-model reads part of speech: add pos to --stages");
    }
    let model = QuoteModel::load(path)?;
    eprintln!(
        "newsnlp: quotes model {}: {}",
        path.display(),
        model.licence()
    );
    Ok(model)
}

fn progress_bar(total: Option<u64>) -> ProgressBar {
    let (bar, template) = match total {
        Some(n) => (
            ProgressBar::new(n),
            "{elapsed_precise} [{wide_bar}] {decimal_bytes}/{decimal_total_bytes} \
             {decimal_bytes_per_sec} ETA {eta} {msg}",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{spinner} {elapsed_precise} {decimal_bytes} {decimal_bytes_per_sec} {msg}",
        ),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
    bar
}

fn stats(paths: &[PathBuf], top: usize) -> anyhow::Result<()> {
    let mut stats = Stats::new();
    for input in input::expand(paths)? {
        let input = input::Input {
            format: Format::Ndjson,
            ..input
        };
        for record in input::records(vec![input], usize::MAX) {
            match record.context("cannot read annotated NDJSON")?.body {
                Body::Line(line) => stats.add_line(&line),
                Body::Text(_) | Body::TooLarge(_) | Body::LineTooLong { .. } => stats.errors += 1,
            }
        }
    }
    print!("{}", stats.report(top));
    Ok(())
}

/// The inputs as annotated NDJSON, whatever their file names say.
fn annotated_inputs(paths: &[PathBuf]) -> anyhow::Result<Vec<input::Input>> {
    Ok(input::expand(paths)?
        .into_iter()
        .map(|i| input::Input {
            format: Format::Ndjson,
            ..i
        })
        .collect())
}

fn view(args: ViewArgs) -> anyhow::Result<()> {
    let inputs = annotated_inputs(&args.inputs)?;
    let file = std::fs::File::create(&args.output)
        .with_context(|| format!("cannot create {}", args.output.display()))?;
    let title = match args.inputs.as_slice() {
        [one] => format!("newsnlp: {}", one.display()),
        _ => "newsnlp".to_string(),
    };
    let records = input::records(inputs, args.max_doc_bytes);
    let s = newsnlp_view::write_page(records, std::io::BufWriter::new(file), &title)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    if !args.quiet {
        eprintln!(
            "newsnlp view: {} documents, {} entities, {} quotes, {} lines not shown; wrote {}",
            s.documents,
            s.entities,
            s.quotes,
            s.skipped,
            args.output.display()
        );
    }
    Ok(())
}

fn export(args: ExportArgs) -> anyhow::Result<()> {
    let inputs = annotated_inputs(&args.inputs)?;
    let records = input::records(inputs, args.max_doc_bytes);
    let (mut documents, mut skipped) = (0, 0);
    let mut add = |record: Result<_, _>,
                   write: &mut dyn FnMut(&Document, &str) -> anyhow::Result<()>| {
        let record: newsnlp_doc::runner::Record = record?;
        match record.annotated_document() {
            Some((doc, id)) => {
                documents += 1;
                write(&doc, &id)
            }
            None => {
                skipped += 1;
                Ok(())
            }
        }
    };
    match args.format {
        ExportFormat::Brat => {
            let mut exporter = brat::Exporter::create(&args.output)?;
            for record in records {
                add(record, &mut |doc, id| {
                    Ok(exporter.add(doc, id).map(drop)?)
                })?;
            }
            exporter.finish()?;
        }
        ExportFormat::Conll => {
            let mut out = output_file(Some(&args.output))?;
            for record in records {
                add(record, &mut |doc, _| {
                    Ok(conll::write_document(doc, &mut out)?)
                })?;
            }
            out.flush()
                .with_context(|| format!("cannot write {}", args.output.display()))?;
        }
    }
    if !args.quiet {
        eprintln!(
            "newsnlp export: {documents} documents to {}; {skipped} lines not exported (error \
             records or not annotated documents)",
            args.output.display()
        );
    }
    Ok(())
}

fn import(args: ImportArgs) -> anyhow::Result<()> {
    let ImportFormat::Brat = args.format;
    let documents = brat::read_dir(&args.input)?;
    let mut out = output_file(args.output.as_deref())?;
    let mut line = Vec::new();
    for doc in &documents {
        line.clear();
        newsnlp_doc::ndjson::write_document(doc, &mut line);
        line.push(b'\n');
        out.write_all(&line)?;
    }
    Ok(out.flush()?)
}

/// A buffered file, or stdout for `None` and `-`.
fn output_file(path: Option<&std::path::Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(path) if path != std::path::Path::new("-") => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
        _ => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

fn corpus(args: CorpusArgs) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let inputs = annotated_inputs(&args.inputs)?;
    let size = input::known_size(&inputs);
    let records = input::records(inputs, args.max_doc_bytes);
    let output = match (args.step, &args.output) {
        (Some(step), _) => return corpus_step(step, records, args.quiet),
        (None, Some(output)) => output,
        (None, None) => anyhow::bail!("corpus: -o DIR is needed"),
    };
    std::fs::create_dir_all(output)
        .with_context(|| format!("cannot create {}", output.display()))?;
    let format = match args.format {
        TableFormatArg::Csv => newsnlp_corpus::TableFormat::Csv,
        TableFormatArg::Jsonl => newsnlp_corpus::TableFormat::Jsonl,
    };
    let bar = (!args.quiet && std::io::stderr().is_terminal()).then(|| progress_bar(size));
    let progress = |s: &newsnlp_corpus::Summary| {
        if let Some(bar) = &bar {
            bar.set_position(s.input_bytes);
            bar.set_message(format!("{} documents, {} quotes", s.documents, s.quotes));
        }
    };
    let result = newsnlp_corpus::build(records, output, format, progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let s = result?;
    if !args.quiet {
        let seconds = started.elapsed().as_secs_f64();
        eprintln!(
            "newsnlp corpus: {} documents ({} error records or unreadable lines, {} without \
             quotes, {} without entities), {} quotes, {} quotations, {} speakers, {} entities, \
             {:.2} s, {:.1} MB/s",
            s.documents,
            s.errors,
            s.without_quotes,
            s.without_entities,
            s.quotes,
            s.quotations,
            s.speakers,
            s.entities,
            seconds,
            s.input_bytes as f64 / 1e6 / seconds.max(1e-9)
        );
    }
    Ok(())
}

/// `newsnlp corpus --step`: one step's rows on stdout.
fn corpus_step(
    step: CorpusStep,
    records: impl Iterator<Item = Result<newsnlp_doc::runner::Record, newsnlp_doc::RunError>>,
    quiet: bool,
) -> anyhow::Result<()> {
    use newsnlp_corpus::steps;
    let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match step {
        CorpusStep::Occurrences => {
            let s = steps::occurrences(records, out)?;
            if !quiet {
                eprintln!(
                    "newsnlp corpus: {} documents ({} error records or unreadable lines), {} \
                     occurrences",
                    s.documents, s.errors, s.rows
                );
            }
        }
        CorpusStep::Speakers => {
            steps::write_rows(&steps::speakers(&steps::read_rows(records)?), out)?
        }
        CorpusStep::Quotations => {
            steps::write_rows(&steps::quotations(&steps::read_rows(records)?), out)?
        }
    }
    Ok(())
}
