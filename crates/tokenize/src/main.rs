//! `newsnlp-tokenize`: adds tokens, sentences and paragraphs to NDJSON documents.

use clap::Parser;
use newsnlp_doc::cli::{exit_on_error, IoArgs};
use newsnlp_tokenize::Tokenizer;

/// Adds `tokens`, `sentences` and `paragraphs` layers to each NDJSON document
/// (`{"id": …, "text": …}` per line), with code point offsets into `text`.
#[derive(Parser)]
#[command(name = "newsnlp-tokenize", version)]
struct Args {
    #[command(flatten)]
    io: IoArgs,
}

fn main() {
    let args = Args::parse();
    exit_on_error("newsnlp-tokenize", args.io.run(&Tokenizer::new()).map(drop));
}
