//! The learned model on stories written for these tests: a tiny model trained on a few
//! synthetic paragraphs must find their attributions in sentences it has not seen, and the
//! model file must survive a round trip and refuse damage with a typed error.

use super::{hybrid, ModelMode, QuoteModel, QuoteModelError, TrainError, TrainOptions};
use crate::tests::{doc, run_with, Row};
use crate::QuoteExtractor;
use newsnlp_doc::{Document, EntityLabel, PosLayer, Quote, QuoteKind, RawJson, Span, StageError};

const NAMES: [&str; 6] = [
    "Ann Lee", "Bob Ray", "Cal Dunn", "Dee Fox", "Eve Hart", "Gus Kane",
];
const CLAIMS: [&str; 4] = [
    "taxes will rise", "the plan will fail", "the vote was rigged", "jobs are coming back",
];

/// Part of speech by a few word lists: enough for features, no pos model needed.
fn pos_layer(doc: &Document) -> PosLayer {
    let toks = doc.tokens.as_ref().expect("tokens");
    let mut pos = PosLayer::with_capacity(toks.len());
    for t in toks {
        let w = doc.slice(*t);
        let lower = w.to_lowercase();
        let (upos, ptb) = match lower.as_str() {
            "said" | "claimed" | "visited" | "opened" => ("VERB", "VBD"),
            "that" => ("SCONJ", "IN"),
            "will" => ("AUX", "MD"),
            "was" | "are" => ("AUX", "VBD"),
            "the" => ("DET", "DT"),
            "." | "," => ("PUNCT", "."),
            _ if w.starts_with(char::is_uppercase) => ("PROPN", "NNP"),
            _ => ("NOUN", "NN"),
        };
        pos.push(upos, ptb, &lower);
    }
    pos
}

/// A document of `paragraphs` with its layers; every name is a PER entity. `gold` is the
/// `gold_attributions` JSON (code point offsets; the text is ASCII).
fn annotated(paragraphs: &[String], gold: Option<String>) -> Document {
    let persons: Vec<(&str, EntityLabel, &str)> = NAMES
        .iter()
        .chain(&["Kim Poe"])
        .map(|n| (*n, EntityLabel::Per, *n))
        .collect();
    let mut d = doc(&paragraphs.join("\n\n"), &persons);
    d.pos = Some(pos_layer(&d));
    if let Some(g) = gold {
        d.fields.push((
            "gold_attributions".into(),
            serde_json::from_str::<RawJson>(&g).expect("json"),
        ));
    }
    d
}

/// One training document: a reported claim (`N said that C.`), a fronted one (`C, N said.`)
/// and a sentence that reports nothing, with their gold attributions.
fn training_doc(k: usize) -> Document {
    let (a, b) = (NAMES[k % 6], NAMES[(k + 1) % 6]);
    let (c, d) = (CLAIMS[k % 4], CLAIMS[(k + 2) % 4]);
    let verb = ["said", "claimed"][k % 2];
    let first = format!("{a} {verb} that {c}.");
    let fronted = format!("{}{}", d[..1].to_uppercase(), &d[1..]);
    let second = format!("{fronted}, {b} said.");
    let third = format!("{b} visited the factory.");
    let p2 = first.len() + 2;
    let piece = |s: usize, e: usize| format!("[[{s},{e}]]");
    let gold = format!(
        r#"[{{"source":{},"cue":{},"content":{},"kind":"indirect"}},{{"source":{},"cue":{},"content":{},"kind":"indirect"}}]"#,
        piece(0, a.len()),
        piece(a.len() + 1, a.len() + 1 + verb.len()),
        piece(a.len() + 2 + verb.len(), first.len() - 1),
        piece(p2 + d.len() + 2, p2 + d.len() + 2 + b.len()),
        piece(p2 + d.len() + 3 + b.len(), p2 + second.len() - 1),
        piece(p2, p2 + d.len()),
    );
    annotated(&[first, second, third], Some(gold))
}

fn tiny_model() -> QuoteModel {
    let docs: Vec<Document> = (0..24).map(training_doc).collect();
    let opts = TrainOptions {
        bits: 14,
        max_epochs: 8,
        holdout: 0,
        ..TrainOptions::default()
    };
    super::train(&docs, "synthetic test data", opts, |_| {}).expect("train")
}

/// The quotes the model alone finds in `d`.
fn rows(model: QuoteModel, mut d: Document) -> Vec<Row> {
    run_with(
        &QuoteExtractor::new().with_model(model, ModelMode::Alone),
        &mut d,
    )
}

#[test]
fn a_tiny_model_learns_contents_cues_and_sources_and_applies_them_to_new_sentences() {
    let model = tiny_model();
    let d = annotated(
        &[
            "Kim Poe said that prices will fall.".into(),
            "Kim Poe opened the factory.".into(),
        ],
        None,
    );
    let found = rows(model, d);
    assert_eq!(
        found,
        vec![(
            "that prices will fall".to_string(),
            QuoteKind::Indirect,
            Some("said".to_string()),
            Some("Kim Poe".to_string()),
            Some("Kim Poe".to_string())
        )]
    );
}

#[test]
fn the_model_file_round_trips_and_keeps_its_licence() {
    let model = tiny_model();
    let bytes = model.to_bytes();
    let back = QuoteModel::from_bytes(&bytes).expect("read back");
    assert_eq!(back.licence(), "synthetic test data");
    assert_eq!(back.to_bytes(), bytes);
    assert_eq!(rows(back, training_doc(3)), rows(model, training_doc(3)));
}

#[test]
fn damaged_model_files_are_refused_with_a_typed_error() {
    let bytes = tiny_model().to_bytes();
    let mut magic = bytes.clone();
    magic[0] = b'X';
    assert!(matches!(
        QuoteModel::from_bytes(&magic),
        Err(QuoteModelError::BadMagic)
    ));
    assert!(matches!(
        QuoteModel::from_bytes(&bytes[..10]),
        Err(QuoteModelError::Truncated)
    ));
    assert!(matches!(
        QuoteModel::from_bytes(&bytes[..bytes.len() - 3]),
        Err(QuoteModelError::Tagger(_))
    ));
    // A tagger model from another stage (its features differ) is not a quote model.
    let mut other = bytes[..12].to_vec();
    other.extend_from_slice(&bytes[12 + "synthetic test data".len()..]);
    other[8..12].copy_from_slice(&0u32.to_le_bytes());
    let meta = super::FEATURES.as_bytes();
    let at = other
        .windows(meta.len())
        .position(|w| w == meta)
        .expect("meta");
    other[at] = b'X';
    assert!(matches!(
        QuoteModel::from_bytes(&other),
        Err(QuoteModelError::Invalid(_))
    ));
}

#[test]
fn the_model_needs_the_pos_layer_and_training_needs_gold() {
    let mut d = training_doc(0);
    d.pos = None;
    let stage = QuoteExtractor::new().with_model(tiny_model(), ModelMode::Hybrid);
    assert!(matches!(
        stage.extract(&d),
        Err(StageError::MissingLayer { layer: "pos", .. })
    ));
    let bare = annotated(&["Ann Lee said that taxes will rise.".into()], None);
    let err = super::train(&[bare], "x", TrainOptions::default(), |_| {}).unwrap_err();
    assert!(matches!(err, TrainError::BadGold { .. }), "{err}");
}

#[test]
fn hybrid_keeps_every_rule_quote_and_adds_model_quotes_that_overlap_none() {
    let text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
    let at = |word: &str| text.find(word).expect("word");
    let words = |first: &str, last: &str| (at(first), at(last) + last.len());
    let quote = |(start, end): (usize, usize), kind| Quote {
        span: Span::new(start, end),
        kind,
        cue: None,
        speaker: None,
        rule: None,
    };
    let rules = vec![
        quote(words("ten", "eleven"), QuoteKind::Indirect),
        quote(words("four", "five"), QuoteKind::Direct),
        quote(words("five", "six"), QuoteKind::Mixed),
    ];
    let model = vec![
        quote(words("one", "three"), QuoteKind::Indirect), // free: added
        quote(words("six", "eight"), QuoteKind::Indirect), // overlaps five..six
        quote(words("seven", "nine"), QuoteKind::Direct),  // free, but direct quotes are the rules'
        quote(words("twelve", "fourteen"), QuoteKind::Mixed), // free: added
        quote(words("nine", "nine"), QuoteKind::Indirect), // free, but one word
    ];
    let spans: Vec<&str> = hybrid(text, rules, model)
        .iter()
        .map(|q| &text[q.span.range()])
        .collect();
    assert_eq!(
        spans,
        ["one two three", "four five", "five six", "ten eleven", "twelve thirteen fourteen"]
    );
}

/// Tagging and pairing work inside windows of bounded size, which keeps the model linear in
/// document length: a paragraph that is one sentence of 1,000 cue words is cut into windows
/// of at most [`MAX_WINDOW`] tokens that cover it exactly.
#[test]
fn windows_are_bounded_and_cover_every_token_once() {
    use super::layers::{Layers, MAX_WINDOW};
    let long = vec!["said"; 1000].join(" ");
    let d = annotated(&["Ann Lee said that taxes will rise.".into(), long], None);
    let layers = Layers::new(&crate::lexicon::Lexicon::new(), &d).expect("layers");
    let covered: Vec<usize> = layers.windows.iter().flat_map(|w| w.clone()).collect();
    assert_eq!(
        covered,
        (0..d.tokens.as_ref().unwrap().len()).collect::<Vec<_>>()
    );
    assert!(layers.windows.iter().all(|w| w.len() <= MAX_WINDOW));
    assert_eq!(layers.windows[0], 0..8);
    let stage = QuoteExtractor::new().with_model(tiny_model(), ModelMode::Alone);
    assert!(stage.extract(&d).is_ok());
}
