//! Exports annotated NDJSON to a brat folder with the library alone, and prints the first
//! document's `.ann` lines:
//! `cargo run -p newsnlp-exchange --example to_brat -- fixtures/expected/news.out.jsonl target/brat-example`

use newsnlp_doc::ndjson::{parse_line, Parsed};
use newsnlp_exchange::brat;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(dir)) = (args.next(), args.next()) else {
        return Err("usage: to_brat ANNOTATED.jsonl DIR".into());
    };
    let mut exporter = brat::Exporter::create(std::path::Path::new(&dir))?;
    let mut shown = false;
    for (n, line) in std::fs::read_to_string(&input)?.lines().enumerate() {
        let Ok(Parsed::Document(doc)) = parse_line(line.as_bytes()) else {
            continue;
        };
        let name = exporter.add(&doc, &format!("{input}:{}", n + 1))?;
        if !shown {
            println!("{dir}/{name}.ann:\n{}", brat::ann(&doc));
            shown = true;
        }
    }
    exporter.finish()?;
    Ok(())
}
