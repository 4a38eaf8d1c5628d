//! The invariants every target checks. A violation panics with a message naming the layer and
//! the item, which libFuzzer reports as a crash and saves the input.

use newsnlp_doc::ndjson::{parse_line, write_document, Parsed};
use newsnlp_doc::{Document, Span, PTB_TAGS, UPOS_TAGS};
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::HashMap;

/// `span` lies inside `text`, start <= end, both ends on character boundaries.
pub fn span_in_text(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {}..{} outside the text ({} bytes)",
        span.start,
        span.end,
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {}..{} not on character boundaries",
        span.start,
        span.end
    );
}

/// Every span of every layer of `doc` lies inside its text on character boundaries.
pub fn all_spans(doc: &Document) {
    let text = doc.text.as_str();
    let each = |layer: &str, spans: &mut dyn Iterator<Item = Span>| {
        for (i, s) in spans.enumerate() {
            span_in_text(text, s, &format!("{layer}[{i}]"));
        }
    };
    each("tokens", &mut doc.tokens.iter().flatten().copied());
    each(
        "sentences",
        &mut doc.sentences.iter().flatten().map(|s| s.span),
    );
    each("paragraphs", &mut doc.paragraphs.iter().flatten().copied());
    each(
        "dateline",
        &mut doc.dateline.iter().flatten().map(|d| d.span),
    );
    let dateline_parts = doc
        .dateline
        .iter()
        .flatten()
        .flat_map(|d| [d.location_span, d.date_span, d.agency_span]);
    each("dateline parts", &mut dateline_parts.flatten());
    each(
        "entities",
        &mut doc.entities.iter().flatten().map(|e| e.span),
    );
    each("quotes", &mut doc.quotes.iter().flatten().map(|q| q.span));
    each(
        "quotes.cue",
        &mut doc.quotes.iter().flatten().filter_map(|q| q.cue),
    );
    let speakers = doc
        .quotes
        .iter()
        .flatten()
        .filter_map(|q| q.speaker.as_ref());
    each("quotes.speaker", &mut speakers.map(|s| s.span));
    let n_tokens = doc.tokens.as_ref().map_or(0, Vec::len);
    for (i, s) in doc.sentences.iter().flatten().enumerate() {
        assert!(
            s.tokens.start <= s.tokens.end && s.tokens.end <= n_tokens,
            "sentences[{i}]: token range {:?} outside 0..{n_tokens}",
            s.tokens
        );
    }
}

/// Spans in text order (by start), non-overlapping, and non-empty.
pub fn ascending_disjoint(layer: &str, spans: impl Iterator<Item = Span>) {
    let mut last_end = 0;
    for (i, s) in spans.enumerate() {
        assert!(!s.is_empty(), "{layer}[{i}]: empty span at {}", s.start);
        assert!(
            s.start >= last_end,
            "{layer}[{i}]: span {}..{} starts before the previous one ends ({last_end})",
            s.start,
            s.end
        );
        last_end = s.end;
    }
}

/// The tokenizer's promises: tokens non-empty, ordered, without whitespace; sentences partition
/// the tokens and span exactly theirs; paragraphs ordered, trimmed, each holding whole sentences.
pub fn tokenizer_layers(doc: &Document) {
    let text = doc.text.as_str();
    let tokens = doc.tokens.as_deref().expect("tokens layer");
    let sentences = doc.sentences.as_deref().expect("sentences layer");
    let paragraphs = doc.paragraphs.as_deref().expect("paragraphs layer");
    ascending_disjoint("tokens", tokens.iter().copied());
    for (i, t) in tokens.iter().enumerate() {
        assert!(
            !text[t.range()].contains(char::is_whitespace),
            "tokens[{i}] holds whitespace: {:?}",
            &text[t.range()]
        );
    }
    let mut next_token = 0;
    for (i, s) in sentences.iter().enumerate() {
        assert!(
            s.tokens.start == next_token && s.tokens.start < s.tokens.end,
            "sentences[{i}]: token range {:?} does not follow {next_token}",
            s.tokens
        );
        let covered = Span::new(tokens[s.tokens.start].start, tokens[s.tokens.end - 1].end);
        assert_eq!(s.span, covered, "sentences[{i}] does not span its tokens");
        next_token = s.tokens.end;
    }
    assert_eq!(next_token, tokens.len(), "sentences leave tokens out");
    ascending_disjoint("paragraphs", paragraphs.iter().copied());
    for (i, p) in paragraphs.iter().enumerate() {
        let inner = &text[p.range()];
        assert_eq!(inner, inner.trim(), "paragraphs[{i}] is not trimmed");
    }
    for (i, s) in sentences.iter().enumerate() {
        assert!(
            paragraphs.iter().any(|p| p.contains(s.span)),
            "sentences[{i}] crosses paragraphs"
        );
    }
}

/// A dateline's `date`, when present, is ISO `YYYY-MM-DD` with a year in 1..=9999; its parts'
/// spans lie inside the dateline, the location's and the date's spelling out `location` and
/// `date_text`, the agency's non-empty, each present exactly when its string is.
pub fn dateline_layer(doc: &Document) {
    let Some(Some(d)) = &doc.dateline else {
        return;
    };
    let text = doc.text.as_str();
    for (what, span, written) in [
        ("location", d.location_span, d.location.as_deref()),
        ("date", d.date_span, d.date_text.as_deref()),
    ] {
        assert_eq!(
            span.map(|s| &text[s.range()]),
            written,
            "dateline {what}_span does not hold the {what} as written"
        );
    }
    assert_eq!(d.agency_span.is_some(), d.agency.is_some(), "agency_span");
    for (what, span) in [
        ("location", d.location_span),
        ("date", d.date_span),
        ("agency", d.agency_span),
    ] {
        if let Some(s) = span {
            assert!(d.span.contains(s), "dateline {what}_span {s:?} outside {:?}", d.span);
            assert!(!s.is_empty() || what != "agency", "empty agency_span");
        }
    }
    if let Some(date) = &d.date {
        let b = date.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        assert!(
            b.len() == 10 && b[4] == b'-' && b[7] == b'-' && digits(0..4) && digits(5..7),
            "dateline date {date:?} is not YYYY-MM-DD"
        );
        assert!(
            digits(8..10) && &date[..4] != "0000",
            "dateline date {date:?}"
        );
    }
}

/// Entities ordered, non-overlapping, non-empty, with a non-empty canonical name.
pub fn entities_layer(doc: &Document) {
    let entities = doc.entities.as_deref().expect("entities layer");
    ascending_disjoint("entities", entities.iter().map(|e| e.span));
    for (i, e) in entities.iter().enumerate() {
        assert!(!e.canonical.is_empty(), "entities[{i}]: empty canonical");
    }
}

/// Quotes in text order, non-empty.
pub fn quotes_layer(doc: &Document) {
    let quotes = doc.quotes.as_deref().expect("quotes layer");
    for (i, pair) in quotes.windows(2).enumerate() {
        assert!(
            pair[0].span.start <= pair[1].span.start,
            "quotes[{}] starts before quotes[{i}]",
            i + 1
        );
    }
    for (i, q) in quotes.iter().enumerate() {
        assert!(!q.span.is_empty(), "quotes[{i}]: empty content");
    }
}

/// The document written as NDJSON: valid JSON on one line, every `start`/`end` a code point
/// offset inside the text, every `text` beside them equal to `text[start:end]`; read back, it
/// is the same document, and writing it again gives the same bytes.
pub fn wire_round_trip(doc: &Document) {
    let mut line = Vec::new();
    write_document(doc, &mut line);
    assert!(!line.contains(&b'\n'), "the written document spans lines");
    // Pass-through values stay as written (`1e400` too), so only the layers become `Value`s.
    let fields: HashMap<String, Box<RawValue>> =
        serde_json::from_slice(&line).expect("the written line is a JSON object");
    let chars: Vec<char> = doc.text.chars().collect();
    for layer in newsnlp_doc::ndjson::LAYER_FIELDS {
        if let Some(raw) = fields.get(layer) {
            let value: Value = serde_json::from_str(raw.get()).expect("a layer is plain JSON");
            wire_offsets(&value, &chars, layer);
        }
    }
    let back = match parse_line(&line) {
        Ok(Parsed::Document(back)) => back,
        other => panic!("the written line does not read back as a document: {other:?}"),
    };
    // Warnings go to stderr, not onto the line.
    let mut doc = doc.clone();
    doc.warnings.clear();
    assert_eq!(*back, doc, "the document changed on its way through NDJSON");
    let mut again = Vec::new();
    write_document(&back, &mut again);
    assert_eq!(
        again, line,
        "writing the read-back document gives other bytes"
    );
}

/// Checks every object under `v` that has `start` and `end` against the text's code points.
fn wire_offsets(v: &Value, chars: &[char], path: &str) {
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                wire_offsets(item, chars, &format!("{path}[{i}]"));
            }
        }
        Value::Object(map) => {
            if let (Some(start), Some(end)) = (map.get("start"), map.get("end")) {
                let (start, end) = (offset(start, path), offset(end, path));
                assert!(
                    start <= end && end <= chars.len(),
                    "{path}: {start}..{end} outside the text ({} code points)",
                    chars.len()
                );
                if let Some(text) = map.get("text") {
                    let expected: String = chars[start..end].iter().collect();
                    assert_eq!(text.as_str(), Some(expected.as_str()), "{path}.text");
                }
            }
            for (k, item) in map {
                if matches!(item, Value::Object(_)) {
                    wire_offsets(item, chars, &format!("{path}.{k}"));
                }
            }
        }
        _ => {}
    }
}

fn offset(v: &Value, path: &str) -> usize {
    let n = v
        .as_u64()
        .unwrap_or_else(|| panic!("{path}: offset {v} is not a count"));
    usize::try_from(n).expect("offset fits usize")
}

/// The pos stage's promise: every token has a Universal tag, a Penn tag and a non-empty lemma.
pub fn pos_layer(doc: &Document) {
    let n_tokens = doc.tokens.as_ref().map_or(0, Vec::len);
    let pos = doc.require_pos().expect("pos: no layer after the pos stage");
    assert_eq!(pos.len(), n_tokens, "pos: {} entries for {n_tokens} tokens", pos.len());
    for (i, t) in pos.tokens.iter().enumerate() {
        assert!(UPOS_TAGS.contains(&t.pos()), "pos[{i}]: unknown UPOS {:?}", t.pos());
        assert!(PTB_TAGS.contains(&t.tag()), "pos[{i}]: unknown PTB tag {:?}", t.tag());
        let lemma = pos.lemma(i);
        assert!(!lemma.is_empty(), "pos[{i}]: empty lemma");
    }
}
