//! The pos stage alone, for counting what it costs a token where wall-clock time is noisy
//! (a shared machine): tags the first ~512 KB of `../shared/data/polnear/train.input.jsonl`
//! (tokenized first) `N` times, over fresh copies made before any pass, so that two runs
//! differ only in the passes tagged. Instructions per token, and CPU time per token:
//!
//! ```sh
//! cargo build --release -p newsnlp-pos --example pos_throughput
//! for n in 1 4; do valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.$n \
//!   --toggle-collect='<newsnlp_pos::PosTagger as newsnlp_doc::stage::Stage>::annotate' \
//!   target/release/examples/pos_throughput $n; done    # (Collected(4) - Collected(1)) / 3 / tokens
//! perf stat -e task-clock target/release/examples/pos_throughput 1    # and 21: difference / 20
//! ```

use newsnlp_doc::ndjson::{parse_line, Parsed};
use newsnlp_doc::{Document, Stage};
use newsnlp_pos::PosTagger;
use newsnlp_tokenize::Tokenizer;

const SAMPLE_BYTES: usize = 512 << 10;
const MAX_PASSES: usize = 21;

fn main() -> anyhow::Result<()> {
    let passes: usize = match std::env::args().nth(1) {
        Some(n) => n.parse()?,
        None => 1,
    };
    anyhow::ensure!(passes <= MAX_PASSES, "at most {MAX_PASSES} passes");
    let docs = sample()?;
    let tagger = PosTagger::new();
    tagger.annotate(&mut docs[0].clone())?; // loads the model
    let mut copies: Vec<Vec<Document>> = (0..MAX_PASSES).map(|_| docs.clone()).collect();
    let start = std::time::Instant::now();
    for copy in copies.iter_mut().take(passes) {
        for d in copy {
            tagger.annotate(d)?;
        }
    }
    let tokens: usize = docs
        .iter()
        .map(|d| d.tokens.as_ref().map_or(0, Vec::len))
        .sum();
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{tokens} tokens x {passes} passes in {seconds:.3} s wall: {:.2} M tokens/s",
        (tokens * passes) as f64 / seconds / 1e6
    );
    Ok(())
}

/// The benchmark's sample of PolNeAR, tokenized.
fn sample() -> anyhow::Result<Vec<Document>> {
    let text = std::fs::read("../shared/data/polnear/train.input.jsonl")?;
    let mut docs = Vec::new();
    let mut bytes = 0;
    for line in text.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        if let Ok(Parsed::Document(d)) = parse_line(line) {
            docs.push(*d);
        }
        bytes += line.len() + 1;
        if bytes >= SAMPLE_BYTES {
            break;
        }
    }
    anyhow::ensure!(!docs.is_empty(), "no documents in the sample");
    for d in &mut docs {
        Tokenizer::new().annotate(d)?;
    }
    Ok(docs)
}
