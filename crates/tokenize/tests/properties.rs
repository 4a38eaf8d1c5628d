//! Invariants of the three layers on arbitrary text, and their round trip through NDJSON.

use newsnlp_doc::ndjson::{parse_line, write_document, Parsed};
use newsnlp_doc::{Document, Stage};
use newsnlp_tokenize::Tokenizer;
use proptest::prelude::*;

/// Text made of the pieces news copy is made of, including the awkward ones: multi-byte letters,
/// every quote mark, dashes, NBSP, CRLF, tabs, emoji with modifiers and ZWJ, stray combining
/// marks and joiners.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Lavrov"),
        Just("U.S."),
        Just("Nov."),
        Just("J."),
        Just("didn't"),
        Just("Russia’s"),
        Just("155,221"),
        Just("5.93"),
        Just("22:30"),
        Just("1996-08-22"),
        Just("all-out"),
        Just("https://tass.com/a?b=1"),
        Just("desk@tass.ru"),
        Just("@handle"),
        Just("#tag"),
        Just("Сергей"),
        Just("東京"),
        Just("é"),
        Just("e\u{301}"),
        Just("👍🏽"),
        Just("👨\u{200D}👩\u{200D}👧"),
        Just("🇷🇺"),
        Just("\u{200D}"),
        Just("\u{FE0F}"),
        Just("."),
        Just(","),
        Just("!"),
        Just("?"),
        Just("..."),
        Just("…"),
        Just("\""),
        Just("'"),
        Just("“"),
        Just("”"),
        Just("‘"),
        Just("’"),
        Just("«"),
        Just("»"),
        Just("„"),
        Just("("),
        Just(")"),
        Just("["),
        Just("]"),
        Just("-"),
        Just("--"),
        Just("—"),
        Just("–"),
        Just("/"),
        Just(" "),
        Just(" "),
        Just(" "),
        Just("\u{A0}"),
        Just("\t"),
        Just("\n"),
        Just("\r\n"),
        Just("\n\n"),
        Just("\n    "),
        Just("\u{2029}"),
        Just("\u{200B}"),
        Just("The"),
        Just("he"),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn check_layers(text: &str) -> Result<(), TestCaseError> {
    let seg = Tokenizer::new().segment(text);
    let mut last_end = 0;
    for t in &seg.tokens {
        prop_assert!(
            t.start < t.end && t.start >= last_end,
            "token {t:?} out of order"
        );
        prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        prop_assert!(
            !text[t.range()].chars().any(char::is_whitespace),
            "whitespace in {t:?}"
        );
        last_end = t.end;
    }
    // Sentences partition the tokens, in order, and span exactly their tokens.
    let mut next_token = 0;
    for s in &seg.sentences {
        prop_assert_eq!(s.tokens.start, next_token);
        prop_assert!(s.tokens.start < s.tokens.end && s.tokens.end <= seg.tokens.len());
        prop_assert_eq!(s.span.start, seg.tokens[s.tokens.start].start);
        prop_assert_eq!(s.span.end, seg.tokens[s.tokens.end - 1].end);
        next_token = s.tokens.end;
    }
    prop_assert_eq!(next_token, seg.tokens.len());
    // Paragraphs are ordered, trimmed, and each sentence lies inside one.
    let mut last_end = 0;
    for p in &seg.paragraphs {
        prop_assert!(p.start < p.end && p.start >= last_end);
        prop_assert!(!text[p.range()].starts_with(char::is_whitespace));
        prop_assert!(!text[p.range()].ends_with(char::is_whitespace));
        last_end = p.end;
    }
    for s in &seg.sentences {
        prop_assert!(
            seg.paragraphs.iter().any(|p| p.contains(s.span)),
            "sentence {:?} crosses paragraphs",
            s.span
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn layers_are_well_formed(text in newsish()) {
        check_layers(&text)?;
    }

    #[test]
    fn layers_are_well_formed_on_any_unicode(text in "\\PC{0,80}") {
        check_layers(&text)?;
    }

    #[test]
    fn layers_survive_the_ndjson_round_trip(text in newsish()) {
        let mut doc = Document::new(text);
        Tokenizer::new().annotate(&mut doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut line = Vec::new();
        write_document(&doc, &mut line);
        let Ok(Parsed::Document(back)) = parse_line(&line) else {
            return Err(TestCaseError::fail("the written line does not parse back"));
        };
        prop_assert_eq!(&back.tokens, &doc.tokens);
        prop_assert_eq!(&back.sentences, &doc.sentences);
        prop_assert_eq!(&back.paragraphs, &doc.paragraphs);
    }
}
