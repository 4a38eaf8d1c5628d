//! Writes the viewer page of annotated NDJSON with the library alone:
//! `cargo run -p newsnlp-view --example view -- fixtures/expected/news.out.jsonl target/view/example.html`

use newsnlp_doc::runner::Lines;
use std::io::BufReader;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        return Err("usage: view ANNOTATED.jsonl OUT.html".into());
    };
    let records = Lines::new(
        input.as_str(),
        BufReader::new(std::fs::File::open(&input)?),
        64 << 20,
    );
    let out = std::io::BufWriter::new(std::fs::File::create(&output)?);
    let summary = newsnlp_view::write_page(records, out, &input)?;
    println!(
        "{output}: {} documents, {} entities, {} quotes",
        summary.documents, summary.entities, summary.quotes
    );
    Ok(())
}
