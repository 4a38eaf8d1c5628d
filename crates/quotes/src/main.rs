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

    /// Add to each quote the rule that found it (`"rule"`), and to each document the reporting
    /// verbs that were no cue and why (`"explain"`).
    #[arg(long)]
    explain: bool,
}

fn main() {
    let args = Args::parse();
    exit_on_error(
        "newsnlp-quotes",
        args.io
            .run(&QuoteExtractor::new().explaining(args.explain))
            .map(drop),
    );
}
