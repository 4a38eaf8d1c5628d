//! The shipped model on the project's seed article (TASS, 24 November 2016).

use newsnlp_doc::{Document, Stage, StageError};
use newsnlp_pos::PosTagger;
use newsnlp_tokenize::Tokenizer;

fn tagged(article: &str) -> Document {
    let path = format!(
        "{}/../../fixtures/articles/{article}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut doc = Document::new(std::fs::read_to_string(path).expect("a fixture article"));
    Tokenizer::new().annotate(&mut doc).unwrap();
    PosTagger::new().annotate(&mut doc).unwrap();
    doc
}

fn seed() -> Document {
    tagged("tass-2016-11-24-lavrov.txt")
}

/// Every (tag, pos, lemma) the article gives `word`.
fn readings(doc: &Document, word: &str) -> Vec<(&'static str, &'static str, String)> {
    let pos = doc.pos.as_ref().unwrap();
    let tokens = doc.tokens.as_ref().unwrap();
    (0..tokens.len())
        .filter(|&i| doc.slice(tokens[i]) == word)
        .map(|i| {
            (
                pos.tokens[i].tag(),
                pos.tokens[i].pos(),
                pos.lemma(i).to_string(),
            )
        })
        .collect()
}

#[test]
fn every_token_gets_tags_and_a_lemma() {
    let doc = seed();
    assert_eq!(
        doc.pos.as_ref().unwrap().len(),
        doc.tokens.as_ref().unwrap().len()
    );
}

#[test]
fn names_verbs_and_auxiliaries_of_the_seed_article() {
    let doc = seed();
    let lavrov = readings(&doc, "Lavrov");
    assert!(!lavrov.is_empty());
    assert!(
        lavrov
            .iter()
            .all(|r| r.0 == "NNP" && r.1 == "PROPN" && r.2 == "Lavrov"),
        "{lavrov:?}"
    );
    let said = readings(&doc, "said");
    assert!(!said.is_empty());
    assert!(
        said.iter()
            .all(|r| r.0 == "VBD" && r.1 == "VERB" && r.2 == "say"),
        "{said:?}"
    );
    let have = readings(&doc, "have");
    assert!(!have.is_empty());
    assert!(
        have.iter().all(|r| r.2 == "have" && r.0 == "VBP"),
        "{have:?}"
    );
    // "The Kremlin has repeatedly denied that Russian aircraft targeted hospitals."
    let has = readings(&tagged("afp-paris.txt"), "has");
    assert!(!has.is_empty());
    assert!(
        has.iter()
            .all(|r| r.0 == "VBZ" && r.1 == "AUX" && r.2 == "have"),
        "{has:?}"
    );
}

#[test]
fn without_tokens_the_stage_says_what_to_run_first() {
    let err = PosTagger::new()
        .annotate(&mut Document::new("No tokens here."))
        .unwrap_err();
    assert!(matches!(
        err,
        StageError::MissingLayer {
            layer: "tokens",
            ..
        }
    ));
    assert_eq!(
        err.to_string(),
        "document has no `tokens` layer: run `newsnlp-tokenize` first"
    );
}

#[test]
fn sentences_that_leave_gaps_or_overrun_still_tag_every_token_once() {
    use newsnlp_doc::Sentence;
    let mut doc = Document::new("Lavrov said so. He left. Then");
    Tokenizer::new().annotate(&mut doc).unwrap();
    let n = doc.tokens.as_ref().unwrap().len();
    let whole = doc.sentences.as_ref().unwrap()[0].span;
    // A gap before the first sentence, an overlap, and a range past the last token.
    doc.sentences = Some(vec![
        Sentence {
            span: whole,
            tokens: 2..4,
        },
        Sentence {
            span: whole,
            tokens: 3..6,
        },
        Sentence {
            span: whole,
            tokens: 5..n + 3,
        },
    ]);
    PosTagger::new().annotate(&mut doc).unwrap();
    assert_eq!(doc.pos.as_ref().unwrap().len(), n);
}

/// Found by the `text_pos` fuzz target: a document without tokens came back from NDJSON
/// without its (empty) pos layer, so a later stage in the pipe asked for `newsnlp-pos`.
#[test]
fn a_document_without_tokens_reads_back_as_tagged() {
    for text in ["", " \n\n "] {
        let mut doc = Document::new(text);
        Tokenizer::new().annotate(&mut doc).unwrap();
        PosTagger::new().annotate(&mut doc).unwrap();
        let mut line = Vec::new();
        newsnlp_doc::ndjson::write_document(&doc, &mut line);
        let newsnlp_doc::ndjson::Parsed::Document(back) =
            newsnlp_doc::ndjson::parse_line(&line).unwrap()
        else {
            panic!("a document, not an error record");
        };
        assert_eq!(*back, doc);
        assert!(back.require_pos().unwrap().is_empty());
    }
}
