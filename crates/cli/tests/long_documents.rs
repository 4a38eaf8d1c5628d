//! Issue 9's reproducers: one long document of a repeated sentence (once quadratic in the
//! entity or quote stage) or of punctuation (once ~240 bytes of memory per character) is
//! annotated in full, every repetition alike. Time and memory are measured by
//! `bench/scaling.sh`; these tests hold the results.

use newsnlp_e2e::run_command;
use serde_json::Value;
use std::process::Command;

/// Runs the whole pipeline on one document of `unit` repeated `times` times.
fn annotate(unit: &str, times: usize) -> Value {
    let text = unit.repeat(times);
    let line = serde_json::json!({ "id": "long", "text": text }).to_string();
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsnlp"));
    command.args(["run", "-q"]);
    let out = run_command(command, line.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

fn layer<'a>(doc: &'a Value, name: &str) -> &'a [Value] {
    doc[name].as_array().map_or(&[], Vec::as_slice)
}

/// `(text, label, canonical)` of every entity.
fn entities(doc: &Value) -> Vec<(&str, &str, &str)> {
    layer(doc, "entities")
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or("");
            (s("text"), s("label"), s("canonical"))
        })
        .collect()
}

/// `(text, kind, speaker canonical)` of every quote.
fn quotes(doc: &Value) -> Vec<(&str, &str, Option<&str>)> {
    layer(doc, "quotes")
        .iter()
        .map(|q| {
            let s = |k: &str| q[k].as_str().unwrap_or("");
            (s("text"), s("kind"), q["speaker"]["canonical"].as_str())
        })
        .collect()
}

#[test]
fn every_person_mention_links_to_the_full_name_across_a_long_document() {
    let doc = annotate("Sergey Lavrov met Lavrov. ", 2000);
    let persons: Vec<_> = entities(&doc)
        .into_iter()
        .filter(|e| e.1 == "PER")
        .collect();
    let full = persons.iter().filter(|e| e.0 == "Sergey Lavrov").count();
    assert_eq!(full, 2000);
    assert!(persons.len() > full, "some lone surnames are persons");
    assert!(persons.iter().all(|e| e.2 == "Sergey Lavrov"));
}

#[test]
fn a_run_of_datelines_is_one_dateline_and_its_names() {
    let doc = annotate("MOSCOW, Nov 24 (Reuters) - ", 2000);
    assert_eq!(doc["dateline"]["location"], "MOSCOW");
    assert_eq!(doc["dateline"]["agency"], "Reuters");
    let found = entities(&doc);
    assert_eq!(found.len(), 4000);
    assert!(found
        .iter()
        .all(|e| *e == ("MOSCOW", "LOC", "Moscow") || *e == ("Reuters", "ORG", "Reuters")));
}

#[test]
fn every_repeated_statement_is_a_quote_with_its_speaker() {
    let doc = annotate("Mr. Smith said: \"We will go.\" ", 2000);
    let found = quotes(&doc);
    assert_eq!(found.len(), 2000);
    assert!(found
        .iter()
        .all(|q| *q == ("We will go.", "direct", Some("Smith"))));

    let doc = annotate("The OPCW said it met. ", 2000);
    let found = quotes(&doc);
    assert_eq!(found.len(), 2000);
    assert!(
        found.iter().all(|q| q.2 == Some("OPCW")),
        "{:?}",
        &found[..2]
    );

    let doc = annotate("\"X,\" he said. ", 2000);
    let found = quotes(&doc);
    assert_eq!(found.len(), 2000);
    assert!(found.iter().all(|q| q.0 == "X," && q.1 == "direct"));
}

#[test]
fn walls_of_punctuation_are_tokenized_in_full() {
    let doc = annotate("\"", 20_000);
    assert_eq!(layer(&doc, "tokens").len(), 20_000);
    assert_eq!(layer(&doc, "quotes").len(), 0);
    let doc = annotate("(", 10_000);
    assert_eq!(layer(&doc, "tokens").len(), 10_000);
    let doc = annotate("()", 10_000);
    let tokens = layer(&doc, "tokens");
    assert_eq!(tokens.last().unwrap()["end"], 20_000);
    assert!(layer(&doc, "entities").is_empty());
}
