//! Input layers of any shape are either refused with a message or safe to use: whatever spans a
//! line carries, reading never panics, and a document that reads back writes without panicking
//! and reads back equal.

use newsnlp_doc::ndjson::{parse_line, write_document, Parsed};
use proptest::prelude::*;
use serde_json::json;

/// Spans as `[start, end]` pairs, anywhere near a short text.
fn spans() -> impl Strategy<Value = Vec<(usize, usize)>> {
    prop::collection::vec((0usize..14, 0usize..14), 0..6)
}

fn span_objects(spans: &[(usize, usize)]) -> Vec<serde_json::Value> {
    spans
        .iter()
        .map(|&(s, e)| json!({"start": s, "end": e}))
        .collect()
}

proptest! {
    #[test]
    fn any_layers_are_refused_or_safe(
        text in "[aé😀 .\"]{0,10}",
        tokens in spans(),
        sentences in prop::collection::vec((0usize..14, 0usize..14, 0usize..8, 0usize..8), 0..4),
        paragraphs in spans(),
        entities in spans(),
        quotes in spans(),
    ) {
        let line = json!({
            "id": "p",
            "text": text,
            "tokens": span_objects(&tokens),
            "sentences": sentences
                .iter()
                .map(|&(s, e, a, b)| json!({"start": s, "end": e, "tokens": [a, b]}))
                .collect::<Vec<_>>(),
            "paragraphs": span_objects(&paragraphs),
            "dateline": tokens.first().map(|&(s, e)| json!({"start": s, "end": e})),
            "entities": entities
                .iter()
                .map(|&(s, e)| json!({"start": s, "end": e, "label": "PER"}))
                .collect::<Vec<_>>(),
            "quotes": quotes
                .iter()
                .map(|&(s, e)| json!({"start": s, "end": e, "kind": "direct", "cue": {"start": s, "end": e}}))
                .collect::<Vec<_>>(),
        })
        .to_string();
        match parse_line(line.as_bytes()) {
            Ok(Parsed::Document(doc)) => {
                let mut out = Vec::new();
                write_document(&doc, &mut out);
                let Ok(Parsed::Document(back)) = parse_line(&out) else {
                    panic!("a written document reads back: {}", String::from_utf8_lossy(&out));
                };
                prop_assert_eq!(back, doc);
            }
            Ok(Parsed::ErrorRecord { .. }) => prop_assert!(false, "not an error record"),
            Err(failure) => {
                let message = failure.error.to_string();
                prop_assert!(message.contains('['), "the message names a layer item: {}", message);
            }
        }
    }
}
