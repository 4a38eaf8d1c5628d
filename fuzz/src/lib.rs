//! Shared pieces of the newsnlp fuzz targets: input generators and the invariants they check.
//!
//! - [`text`]: news-like text from fuzzer bytes, biased to what the stages react to;
//! - [`layers`]: arbitrary valid input layers for a text, built in memory;
//! - [`check`]: the invariants (spans inside the text, wire offsets, each stage's promises).

pub mod check;
pub mod layers;
pub mod text;

use newsnlp_dateline::DatelineParser;
use newsnlp_doc::{Document, Stage};
use newsnlp_entities::EntityRecognizer;
use newsnlp_pos::PosTagger;
use newsnlp_quotes::QuoteExtractor;
use newsnlp_tokenize::Tokenizer;
use std::sync::OnceLock;

/// The five stages, built once per fuzzing process (as the runner builds them once per run).
pub struct Stages {
    pub tokenize: Tokenizer,
    pub pos: PosTagger,
    pub dateline: DatelineParser,
    pub entities: EntityRecognizer,
    pub quotes: QuoteExtractor,
}

/// The process-wide stages.
pub fn stages() -> &'static Stages {
    static STAGES: OnceLock<Stages> = OnceLock::new();
    STAGES.get_or_init(|| Stages {
        tokenize: Tokenizer::new(),
        pos: PosTagger::new(),
        dateline: DatelineParser::new(),
        entities: EntityRecognizer::new(),
        quotes: QuoteExtractor::new(),
    })
}

/// Applies `stage`; a stage may refuse a document with an error, never panic.
pub fn annotate(stage: &dyn Stage, doc: &mut Document) -> bool {
    stage.annotate(doc).is_ok()
}

/// The pipeline stages in order, up to and including `last` (`tokenize`, `pos`, …, `quotes`).
pub fn chain_up_to(last: &str) -> Vec<&'static dyn Stage> {
    let s = stages();
    let all: [&'static dyn Stage; 5] = [
        &s.tokenize,
        &s.pos,
        &s.dateline,
        &s.entities,
        &s.quotes,
    ];
    let n = all
        .iter()
        .position(|st| st.name() == last)
        .expect("known stage")
        + 1;
    all[..n].to_vec()
}

/// The text targets: news-like text (and a `published` date) through the stages up to `last`,
/// then every invariant of every layer produced.
pub fn fuzz_text_chain(data: &[u8], last: &str) {
    let mut u = libfuzzer_sys::arbitrary::Unstructured::new(data);
    let Ok(published) = text::published(&mut u) else {
        return;
    };
    let Ok(body) = text::news_text(&mut u, usize::MAX) else {
        return;
    };
    let mut doc = Document::new(body);
    if let Some(p) = published {
        doc.fields
            .push(("published".into(), newsnlp_doc::RawJson::string(&p)));
    }
    for stage in chain_up_to(last) {
        stage
            .annotate(&mut doc)
            .unwrap_or_else(|e| panic!("{} refused a tokenized document: {e}", stage.name()));
    }
    show("output", &doc);
    let names: Vec<&str> = chain_up_to(last).iter().map(|s| s.name()).collect();
    check_produced(&doc, &names);
}

/// The layer targets: arbitrary valid layers through the reader (which may refuse them), then
/// `stage` alone, then every invariant of its output.
pub fn fuzz_layers(data: &[u8], stage: &dyn Stage) {
    let mut u = libfuzzer_sys::arbitrary::Unstructured::new(data);
    let Ok(body) = text::news_text(&mut u, 400) else {
        return;
    };
    let Ok(doc) = layers::document(&mut u, body) else {
        return;
    };
    // What the stage sees is what the reader accepts: the layers as written and read back.
    let mut line = Vec::new();
    newsnlp_doc::ndjson::write_document(&doc, &mut line);
    let Ok(newsnlp_doc::ndjson::Parsed::Document(mut doc)) = newsnlp_doc::ndjson::parse_line(&line)
    else {
        return;
    };
    check::all_spans(&doc);
    show("input", &doc);
    if stage.annotate(&mut doc).is_err() {
        return;
    }
    show("output", &doc);
    check_produced(&doc, &[stage.name()]);
}

/// With `NEWSNLP_FUZZ_SHOW` set (when replaying one input), prints `doc` as its NDJSON line
/// (or as Rust debug output when writing it panics).
fn show(what: &str, doc: &Document) {
    static SHOW: OnceLock<bool> = OnceLock::new();
    if !*SHOW.get_or_init(|| std::env::var_os("NEWSNLP_FUZZ_SHOW").is_some()) {
        return;
    }
    let mut line = Vec::new();
    let written = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        newsnlp_doc::ndjson::write_document(doc, &mut line)
    }));
    match written {
        Ok(()) => eprintln!("{what}: {}", String::from_utf8_lossy(&line)),
        Err(_) => eprintln!("{what}: {doc:?}"),
    }
}

/// Every span of `doc` lies in its text, the layers of the stages named in `produced` keep
/// their stage's promises, and the document survives NDJSON unchanged.
pub fn check_produced(doc: &Document, produced: &[&str]) {
    check::all_spans(doc);
    for name in produced {
        match *name {
            "tokenize" => check::tokenizer_layers(doc),
            "pos" => check::pos_layer(doc),
            "dateline" => check::dateline_layer(doc),
            "entities" => check::entities_layer(doc),
            "quotes" => check::quotes_layer(doc),
            other => panic!("no invariants known for stage {other}"),
        }
    }
    check::wire_round_trip(doc);
}

/// The NDJSON target: any bytes as a line. A document read from it has every span inside its
/// text and survives writing and reading unchanged; a refused line becomes an error record that
/// a later stage reads back as one.
pub fn fuzz_ndjson_line(data: &[u8]) {
    use newsnlp_doc::ndjson::{parse_line, write_error_record, Parsed};
    match parse_line(data) {
        Ok(Parsed::Document(doc)) => {
            check::all_spans(&doc);
            check::wire_round_trip(&doc);
        }
        Ok(Parsed::ErrorRecord { .. }) => {}
        Err(failure) => {
            let mut record = Vec::new();
            let message = failure.error.to_string();
            write_error_record(failure.id.as_ref(), 1, &message, &mut record);
            assert!(
                matches!(parse_line(&record), Ok(Parsed::ErrorRecord { .. })),
                "the error record for {message:?} does not read back as one"
            );
        }
    }
}
