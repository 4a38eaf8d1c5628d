//! `newsnlp-dateline`: adds the `dateline` layer to tokenized NDJSON documents.

use clap::Parser;
use newsnlp_dateline::{published_arg, DatelineParser};
use newsnlp_doc::cli::{exit_on_error, IoArgs};

/// Adds a `dateline` (location, date, agency, normalised place) to each NDJSON document.
/// Input must come from `newsnlp-tokenize`.
#[derive(Parser)]
#[command(name = "newsnlp-dateline", version)]
struct Args {
    /// Publication date (YYYY-MM-DD) that resolves dateline years for documents without a
    /// `published` field.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = published_arg)]
    published: Option<String>,

    #[command(flatten)]
    io: IoArgs,
}

fn main() {
    let args = Args::parse();
    let parser = DatelineParser::new().with_published(args.published);
    exit_on_error("newsnlp-dateline", args.io.run(&parser).map(drop));
}
