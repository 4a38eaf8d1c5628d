//! Tokens per second of the entity stage alone, on one core: parsing and writing NDJSON are
//! left out of the clock.
//!
//! ```text
//! newsnlp-tokenize < articles.jsonl > tokenized.jsonl
//! cargo run --release -p newsnlp-entities --example throughput -- tokenized.jsonl
//! ```

use newsnlp_doc::ndjson::{parse_line, Parsed};
use newsnlp_doc::Stage;
use newsnlp_entities::EntityRecognizer;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: throughput TOKENIZED.jsonl"))?;
    let raw = std::fs::read_to_string(&path)?;
    let mut docs: Vec<_> = raw
        .lines()
        .filter_map(|l| match parse_line(l.as_bytes()) {
            Ok(Parsed::Document(d)) if d.tokens.is_some() => Some(*d),
            _ => None,
        })
        .collect();
    let tokens: usize = docs
        .iter()
        .map(|d| d.tokens.as_ref().map_or(0, Vec::len))
        .sum();
    let stage = EntityRecognizer::new();
    let load = Instant::now();
    if let Some(d) = docs.first_mut() {
        stage.annotate(&mut d.clone())?;
    }
    let load = load.elapsed();
    let start = Instant::now();
    let mut entities = 0;
    for d in &mut docs {
        stage.annotate(d)?;
        entities += d.entities.as_ref().map_or(0, Vec::len);
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} documents, {tokens} tokens, {entities} entities in {secs:.2} s: {:.0} tokens/s on one core (model load + first document {:.0} ms)",
        docs.len(),
        tokens as f64 / secs,
        load.as_secs_f64() * 1000.0
    );
    Ok(())
}
