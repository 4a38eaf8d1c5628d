//! `newsnlp-quotes`: adds quotes with cues and resolved speakers to NDJSON documents.

use clap::Parser;
use newsnlp_doc::cli::{exit_on_error, IoArgs};
use newsnlp_quotes::QuoteExtractor;

/// Adds a `quotes` layer (content, kind, cue, speaker) to each NDJSON document that already
/// carries `tokens`, `sentences`, `paragraphs` and `entities`.
#[derive(Parser)]
#[command(name = "newsnlp-quotes", version)]
struct Args {
    #[command(flatten)]
    io: IoArgs,
}

fn main() {
    let args = Args::parse();
    exit_on_error(
        "newsnlp-quotes",
        args.io.run(&QuoteExtractor::new()).map(drop),
    );
}
