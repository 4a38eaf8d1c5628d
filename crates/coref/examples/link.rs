//! Links name mentions within one small story and prints each with its canonical name:
//! `cargo run -p newsnlp-coref --example link`
//!
//! Without arguments it uses a built-in story; with arguments, each argument is a mention
//! (an organisation when it is written in capitals, else a person),
//! joined into a story one sentence each.

use newsnlp_coref::names;
use newsnlp_doc::{EntityLabel, Span};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mentions: Vec<String> = if args.is_empty() {
        ["Sergey Lavrov", "Lavrov", "U.N.", "OPCW"]
            .map(String::from)
            .to_vec()
    } else {
        args
    };
    let (text, tokens, spans) = story(&mentions);
    println!("{text}");
    for e in names::link(&text, &tokens, &spans) {
        println!(
            "  {:<20} {:<4} -> {}",
            &text[e.span.range()],
            e.label.as_str(),
            e.canonical
        );
    }
}

/// A story of one sentence per mention (`<mention> spoke .`), its word tokens, and the
/// mentions' spans with a label guessed from their shape.
fn story(mentions: &[String]) -> (String, Vec<Span>, Vec<(Span, EntityLabel)>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    for m in mentions {
        let start = text.len();
        text.push_str(m);
        let label = if m.chars().all(|c| c.is_uppercase() || c == '.') {
            EntityLabel::Org
        } else {
            EntityLabel::Per
        };
        spans.push((Span::new(start, text.len()), label));
        text.push_str(" spoke . ");
    }
    let mut tokens = Vec::new();
    let mut at = 0;
    for word in text.split(' ') {
        if !word.is_empty() {
            tokens.push(Span::new(at, at + word.len()));
        }
        at += word.len() + 1;
    }
    (text, tokens, spans)
}
