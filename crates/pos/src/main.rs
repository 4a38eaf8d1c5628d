//! `newsnlp-pos`: adds `pos`, `tag` and `lemma` to every token; `train` rebuilds the model.

use anyhow::Context;
use clap::{Parser, Subcommand};
use newsnlp_doc::cli::{exit_on_error, IoArgs};
use newsnlp_pos::train::{self, Example, TrainOptions, UposTable};
use newsnlp_pos::{clusters, conllu, PosTagger};
use std::path::PathBuf;

/// Adds part of speech (`pos`: Universal, `tag`: Penn Treebank) and `lemma` to every token of
/// NDJSON documents that have tokens and sentences (run `newsnlp-tokenize` first).
#[derive(Parser)]
#[command(name = "newsnlp-pos", version, args_conflicts_with_subcommands = true)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,

    /// A model written by `newsnlp-pos train` instead of the embedded one.
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,

    #[command(flatten)]
    io: IoArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Trains a model on CoNLL-U treebanks (read through the tokenizer) and writes it.
    Train {
        /// Training treebank(s), CoNLL-U with `# newdoc`, `# newpar` and `# text` comments.
        #[arg(long, required = true, value_name = "CONLLU")]
        train: Vec<PathBuf>,
        /// Treebank to report accuracy on after training (never used to train).
        #[arg(long, value_name = "CONLLU")]
        dev: Option<PathBuf>,
        /// Cross-validate on the training documents with this many folds first.
        #[arg(long, value_name = "K")]
        folds: Option<usize>,
        #[arg(long, default_value_t = TrainOptions::default().epochs)]
        epochs: usize,
        /// Feature table size exponent.
        #[arg(long, default_value_t = TrainOptions::default().bits)]
        bits: u8,
        /// Where to write the model.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
}

fn main() {
    let args = Args::parse();
    let result = match args.command {
        Some(Command::Train {
            train,
            dev,
            folds,
            epochs,
            bits,
            output,
        }) => {
            let opts = TrainOptions {
                epochs,
                bits,
                ..TrainOptions::default()
            };
            run_train(&train, dev.as_deref(), folds, opts, &output)
        }
        None => tag(args.model, &args.io),
    };
    exit_on_error("newsnlp-pos", result);
}

fn tag(model: Option<PathBuf>, io: &IoArgs) -> anyhow::Result<()> {
    let tagger = match model {
        Some(path) => PosTagger::from_path(&path)?,
        None => PosTagger::new(),
    };
    io.run(&tagger).map(drop)
}

fn read_examples(paths: &[PathBuf]) -> anyhow::Result<Vec<Example>> {
    let mut examples = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let docs = conllu::parse(&text).with_context(|| path.display().to_string())?;
        examples.extend(docs.iter().map(Example::new));
    }
    Ok(examples)
}

fn run_train(
    train_paths: &[PathBuf],
    dev: Option<&std::path::Path>,
    folds: Option<usize>,
    opts: TrainOptions,
    output: &std::path::Path,
) -> anyhow::Result<()> {
    let examples = read_examples(train_paths)?;
    let clusters = clusters();
    eprintln!("train: {} documents, {opts:?}", examples.len());
    if let Some(k) = folds.filter(|&k| k > 1) {
        let acc = train::cross_validate(&examples, clusters, k, opts)?;
        eprintln!("train {k}-fold CV: {}", acc.line());
    }
    let all: Vec<&Example> = examples.iter().collect();
    let model = train::train(&all, clusters, opts)?;
    if let Some(dev) = dev {
        let dev = read_examples(&[dev.to_path_buf()])?;
        let dev: Vec<&Example> = dev.iter().collect();
        let acc = train::evaluate(&model, clusters, &dev, &UposTable::learn(&all));
        eprintln!("dev: {}", acc.line());
    }
    let bytes = model.to_bytes();
    std::fs::write(output, &bytes).with_context(|| format!("cannot write {}", output.display()))?;
    eprintln!("wrote {} ({} bytes)", output.display(), bytes.len());
    Ok(())
}
