//! `newsnlp`: the driver that runs every stage in one process.

use clap::{Parser, Subcommand};
use newsnlp_doc::cli::{exit_on_error, IoArgs};
use newsnlp_doc::Pipeline;
use newsnlp_tokenize::Tokenizer;

/// Turns raw news articles (NDJSON, one `{"id", "text"}` per line) into structured facts.
#[derive(Parser)]
#[command(name = "newsnlp", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Runs the pipeline stages over the inputs and writes annotated NDJSON.
    Run {
        #[command(flatten)]
        io: IoArgs,
    },
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run { io } => {
            let mut pipeline = Pipeline::new();
            pipeline.push(Box::new(Tokenizer::new()));
            io.run(&pipeline).map(drop)
        }
    };
    exit_on_error("newsnlp", result);
}
