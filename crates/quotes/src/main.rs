//! `newsnlp-quotes`: adds quotes with cues and resolved speakers to NDJSON documents, and
//! trains a learned attribution model (`newsnlp-quotes train`).

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use newsnlp_doc::cli::{exit_on_error, IoArgs};
use newsnlp_doc::ndjson::{parse_line, Parsed};
use newsnlp_doc::Document;
use newsnlp_quotes::{train, ModelMode, QuoteExtractor, QuoteModel, TrainOptions};
use std::path::{Path, PathBuf};

/// Adds a `quotes` layer (content, kind, cue, speaker) to each NDJSON document that already
/// carries `tokens`, `sentences`, `paragraphs` and `entities` (and `pos` with `--model`).
#[derive(Parser)]
#[command(
    name = "newsnlp-quotes",
    version,
    args_conflicts_with_subcommands = true
)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,

    /// A learned attribution model (`newsnlp-quotes train`; research use: its licence is
    /// printed when it is loaded). Without it the stage is the rules alone.
    #[arg(long, value_name = "MODEL")]
    model: Option<PathBuf>,

    /// How the model's quotes combine with the rules'.
    #[arg(long, value_enum, default_value_t = Mode::Hybrid, requires = "model")]
    model_mode: Mode,

    #[command(flatten)]
    io: IoArgs,

    /// Add to each quote the rule that found it (`"rule"`), and to each document the reporting
    /// verbs that were no cue and why (`"explain"`).
    #[arg(long)]
    explain: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Mode {
    /// The rules' quotes plus the model's mixed and indirect ones that overlap none of them.
    Hybrid,
    /// The model's quotes alone.
    Alone,
}

#[derive(Subcommand)]
enum Command {
    /// Trains an attribution model on NDJSON documents with `gold_attributions` (PolNeAR
    /// format) that went through `newsnlp-tokenize | newsnlp-pos | newsnlp-entities`.
    Train {
        /// Training files (repeat for several).
        #[arg(long, required = true, value_name = "FILE")]
        train: Vec<PathBuf>,
        /// Where to write the model.
        #[arg(short, long, value_name = "MODEL")]
        output: PathBuf,
        /// What the model was trained on and under which terms; stored in the model and
        /// printed wherever it is loaded.
        #[arg(long)]
        licence: String,
        #[arg(long, default_value_t = TrainOptions::default().bits)]
        bits: u8,
        #[arg(long, default_value_t = TrainOptions::default().max_epochs)]
        epochs: usize,
        /// Hold out every Nth training document to pick the epoch (0: keep the last epoch).
        #[arg(long, default_value_t = TrainOptions::default().holdout)]
        holdout: usize,
        #[arg(long, default_value_t = TrainOptions::default().seed)]
        seed: u64,
    },
}

fn main() {
    let args = Args::parse();
    let result = match args.command {
        Some(Command::Train {
            train,
            output,
            licence,
            bits,
            epochs,
            holdout,
            seed,
        }) => {
            let opts = TrainOptions {
                bits,
                max_epochs: epochs,
                holdout,
                seed,
                ..TrainOptions::default()
            };
            run_train(&train, &output, &licence, opts)
        }
        None => run_stage(
            &args.io,
            args.explain,
            args.model.as_deref(),
            args.model_mode,
        ),
    };
    exit_on_error("newsnlp-quotes", result);
}

fn run_stage(io: &IoArgs, explain: bool, model: Option<&Path>, mode: Mode) -> anyhow::Result<()> {
    let mut stage = QuoteExtractor::new().explaining(explain);
    if let Some(path) = model {
        let model = QuoteModel::load(path)?;
        eprintln!(
            "newsnlp-quotes: model {}: {}",
            path.display(),
            model.licence()
        );
        let mode = match mode {
            Mode::Hybrid => ModelMode::Hybrid,
            Mode::Alone => ModelMode::Alone,
        };
        stage = stage.with_model(model, mode);
    }
    io.run(&stage).map(drop)
}

fn run_train(
    files: &[PathBuf],
    output: &Path,
    licence: &str,
    opts: TrainOptions,
) -> anyhow::Result<()> {
    let mut docs = Vec::new();
    for f in files {
        docs.extend(read_documents(f)?);
    }
    eprintln!("newsnlp-quotes train: {} documents", docs.len());
    let model = train(&docs, licence, opts, |e| {
        eprintln!(
            "{} tagger, epoch {:>2}: {} tag errors; held-out span F1 {:.2} (first label), {:.2} (all)",
            e.tagger, e.epoch, e.train_errors, e.first_f1, e.all_f1
        )
    })?;
    std::fs::write(output, model.to_bytes())
        .with_context(|| format!("cannot write {}", output.display()))?;
    eprintln!("newsnlp-quotes train: wrote {}", output.display());
    Ok(())
}

/// The documents of an NDJSON file (error records from earlier stages are skipped).
fn read_documents(path: &Path) -> anyhow::Result<Vec<Document>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut docs = Vec::new();
    for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match parse_line(line) {
            Ok(Parsed::Document(doc)) => docs.push(*doc),
            Ok(Parsed::ErrorRecord { .. }) => {}
            Err(e) => anyhow::bail!("{}:{}: {}", path.display(), n + 1, e.error),
        }
    }
    Ok(docs)
}
