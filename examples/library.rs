//! Using newsnlp as a library: build the stages once, annotate documents in memory, read the
//! layers in byte offsets (no JSON anywhere).
//!
//! `cargo run -p newsnlp --example library`

use newsnlp_dateline::DatelineParser;
use newsnlp_doc::{Document, Pipeline, Stage};
use newsnlp_entities::EntityRecognizer;
use newsnlp_quotes::QuoteExtractor;
use newsnlp_tokenize::Tokenizer;

const STORY: &str = "GENEVA, March 4 (Reuters) - The head of the Red Cross, Peter Maurer, \
warned on Friday that aid convoys could not reach the valley.\n\n\
\"We are running out of time,\" Maurer told reporters. Swiss officials said talks would \
resume next week.";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Building is the expensive part (models, lexicons): do it once, share it between threads.
    let mut pipeline = Pipeline::new();
    pipeline
        .push(Box::new(Tokenizer::new()))
        .push(Box::new(
            DatelineParser::new().with_published(Some("2016-03-05".into())),
        ))
        .push(Box::new(EntityRecognizer::new()))
        .push(Box::new(QuoteExtractor::new()));

    let mut doc = Document::new(STORY);
    pipeline.annotate(&mut doc)?;

    let tokens = doc.tokens.as_deref().unwrap_or_default();
    println!(
        "{} tokens, {} sentences",
        tokens.len(),
        doc.sentences.as_ref().map_or(0, Vec::len)
    );
    if let Some(Some(dateline)) = &doc.dateline {
        println!(
            "dateline: {:?} (location {:?}, date {:?}, agency {:?})",
            doc.slice(dateline.span),
            dateline.location,
            dateline.date,
            dateline.agency
        );
    }
    for e in doc.entities.iter().flatten() {
        println!(
            "entity: {:<4} {:<16} -> {}",
            e.label.as_str(),
            doc.slice(e.span),
            e.canonical
        );
    }
    for q in doc.quotes.iter().flatten() {
        let speaker = q.speaker.as_ref().map(|s| {
            s.canonical
                .clone()
                .unwrap_or_else(|| doc.slice(s.span).into())
        });
        println!(
            "quote ({}): {:?} — {}",
            q.kind.as_str(),
            doc.slice(q.span),
            speaker.unwrap_or_else(|| "?".into())
        );
    }
    Ok(())
}
