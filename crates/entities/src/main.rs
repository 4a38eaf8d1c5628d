//! `newsnlp-entities`: adds named entities with canonical names to NDJSON documents, and
//! trains new models (`newsnlp-entities train`).

use anyhow::Context;
use clap::{Parser, Subcommand};
use newsnlp_doc::cli::{exit_on_error, IoArgs};
use newsnlp_entities::train::{train, TrainOptions};
use newsnlp_entities::{data, Clusters, EntityRecognizer, FeatureSet};
use std::path::PathBuf;

/// Adds an `entities` layer (PER, ORG, LOC, MISC with canonical names) to each NDJSON document
/// that already has tokens and sentences (pipe `newsnlp-tokenize` into it).
#[derive(Parser)]
#[command(
    name = "newsnlp-entities",
    version,
    args_conflicts_with_subcommands = true
)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,

    /// Use this model file instead of the embedded one.
    #[arg(long, value_name = "MODEL")]
    model: Option<PathBuf>,

    #[command(flatten)]
    io: IoArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Trains a model on CoNLL column files (IOB1/IOB2), NDJSON with `gold_entities`, or brat
    /// folders (`newsnlp export --format brat`, corrected).
    Train {
        /// Training files or brat folders (repeat for several).
        #[arg(long, required = true, value_name = "FILE")]
        train: Vec<PathBuf>,
        /// Development file: picks the best epoch.
        #[arg(long, value_name = "FILE")]
        dev: PathBuf,
        /// Where to write the model.
        #[arg(short, long, value_name = "MODEL")]
        output: PathBuf,
        /// Feature groups (comma-separated) of word, affix, shape, context, caps, cluster,
        /// history, gazetteer, document; default: all but document (stacking).
        #[arg(long)]
        features: Option<String>,
        /// Weight table size as a power of two.
        #[arg(long, default_value_t = 18)]
        bits: u8,
        #[arg(long, default_value_t = 20)]
        epochs: usize,
        #[arg(long, default_value_t = 3)]
        patience: usize,
        /// Seed of the document shuffling.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Leave out a training token's word features with this probability (per mille).
        #[arg(long, default_value_t = 100)]
        word_dropout: u64,
        /// Train this many models (seeds seed, seed+1, …) and ship their mean.
        #[arg(long, default_value_t = 1)]
        ensemble: usize,
        /// Word cluster table (`word<TAB>code`) instead of the embedded one.
        #[arg(long, value_name = "TSV")]
        clusters: Option<PathBuf>,
    },
    /// Learns word clusters from the `text` of unlabeled NDJSON documents.
    Clusters {
        /// NDJSON files with a `text` field.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Where to write the table (`word<TAB>code` lines).
        #[arg(short, long, value_name = "TSV")]
        output: PathBuf,
    },
}

fn main() {
    let args = Args::parse();
    let result = match args.command {
        Some(Command::Train {
            train: files,
            dev,
            output,
            features,
            bits,
            epochs,
            patience,
            seed,
            word_dropout,
            ensemble,
            clusters,
        }) => {
            let opts = TrainOptions {
                bits,
                max_epochs: epochs,
                patience,
                seed,
                word_dropout,
                ensemble,
                ..TrainOptions::default()
            };
            run_train(files, dev, output, features, opts, clusters)
        }
        Some(Command::Clusters { inputs, output }) => run_clusters(inputs, output),
        None => (|| {
            let stage = match &args.model {
                Some(path) => EntityRecognizer::from_path(path)?,
                None => EntityRecognizer::new(),
            };
            args.io.run(&stage).map(drop)
        })(),
    };
    exit_on_error("newsnlp-entities", result);
}

fn run_train(
    files: Vec<PathBuf>,
    dev: PathBuf,
    output: PathBuf,
    features: Option<String>,
    opts: TrainOptions,
    clusters: Option<PathBuf>,
) -> anyhow::Result<()> {
    let features = match features {
        Some(f) => {
            FeatureSet::parse(&f).with_context(|| format!("unknown feature group in {f:?}"))?
        }
        None => FeatureSet::standard(),
    };
    anyhow::ensure!(
        (10..=24).contains(&opts.bits),
        "--bits must be between 10 and 24"
    );
    let clusters = match clusters {
        Some(p) => Clusters::parse(
            &std::fs::read_to_string(&p).with_context(|| format!("cannot read {}", p.display()))?,
        ),
        None => Clusters::parse(newsnlp_entities::clusters::EMBEDDED),
    };
    let mut train_docs = Vec::new();
    for f in &files {
        train_docs.extend(data::read(f)?);
    }
    let dev_docs = data::read(&dev)?;
    eprintln!(
        "train: {} documents; dev: {} documents; features: {features}; clusters: {} words",
        train_docs.len(),
        dev_docs.len(),
        clusters.len()
    );
    let opts = TrainOptions { features, ..opts };
    let started = std::time::Instant::now();
    let trained = train(&train_docs, &dev_docs, &clusters, opts, |e| {
        eprintln!(
            "{} epoch {:2}  errors {:6}  dev {}  ({:.0}s)",
            e.stage,
            e.epoch,
            e.train_errors,
            e.dev,
            started.elapsed().as_secs_f64()
        );
    });
    let (score, align) = (trained.score, trained.alignment);
    eprintln!(
        "gold spans: {} ({} not on token boundaries, {} across sentences)",
        align.entities, align.misaligned, align.split
    );
    let bytes = trained.to_bytes();
    std::fs::write(&output, &bytes)
        .with_context(|| format!("cannot write {}", output.display()))?;
    eprintln!(
        "best dev {score}; wrote {} ({} bytes)",
        output.display(),
        bytes.len()
    );
    Ok(())
}

fn run_clusters(inputs: Vec<PathBuf>, output: PathBuf) -> anyhow::Result<()> {
    use rayon::prelude::*;
    let mut texts = Vec::new();
    for path in &inputs {
        let raw = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        for line in raw.lines().filter(|l| !l.trim().is_empty()) {
            if let Ok(newsnlp_doc::ndjson::Parsed::Document(d)) =
                newsnlp_doc::ndjson::parse_line(line.as_bytes())
            {
                texts.push(d.text);
            }
        }
    }
    let tokenizer = newsnlp_tokenize::Tokenizer::new();
    let sentences: Vec<Vec<String>> = texts
        .par_iter()
        .flat_map_iter(|text| {
            let seg = tokenizer.segment(text);
            seg.sentences
                .into_iter()
                .map(|s| {
                    seg.tokens[s.tokens]
                        .iter()
                        .map(|t| text[t.range()].to_string())
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    eprintln!(
        "{} documents, {} sentences, {tokens} tokens",
        texts.len(),
        sentences.len()
    );
    let table = newsnlp_entities::clusters::build(&sentences, Default::default());
    std::fs::write(&output, table).with_context(|| format!("cannot write {}", output.display()))?;
    eprintln!("wrote {}", output.display());
    Ok(())
}
