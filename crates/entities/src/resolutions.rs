//! `UN Security Council Resolution 2254`: the council is the organisation, its resolution is not.
//!
//! CoNLL-2003 leaves `resolution` outside the name (`U.N. Security Council resolution`), so the
//! tagger learned nothing about the capitalised form and runs the ORG span on over it, and the
//! canonical linker then names every `UN Security Council` in the story after the resolution.

use newsnlp_doc::{EntityLabel, Span};

/// Trims a trailing `Resolution`/`Resolutions` off every ORG span (sorted, byte offsets) of two
/// tokens or more.
pub fn apply(text: &str, tokens: &[Span], spans: &mut [(Span, EntityLabel)]) {
    for (span, label) in spans.iter_mut() {
        if *label != EntityLabel::Org {
            continue;
        }
        let first = tokens.partition_point(|t| t.start < span.start);
        let last = tokens.partition_point(|t| t.end <= span.end);
        if last < first + 2 {
            continue;
        }
        let word = text.get(tokens[last - 1].range()).unwrap_or("");
        if matches!(word, "Resolution" | "Resolutions") {
            span.end = tokens[last - 2].end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsnlp_tokenize::Tokenizer;

    fn trimmed(text: &str, name: &str) -> String {
        let tokens = Tokenizer::new().segment(text).tokens;
        let at = text.find(name).expect("name in text");
        let mut spans = vec![(Span::new(at, at + name.len()), EntityLabel::Org)];
        apply(text, &tokens, &mut spans);
        text[spans[0].0.range()].to_string()
    }

    #[test]
    fn the_resolution_is_not_part_of_the_council() {
        let text = "under UN Security Council Resolution 2254, that is";
        assert_eq!(
            trimmed(text, "UN Security Council Resolution"),
            "UN Security Council"
        );
        let text = "the Resolution Trust Corp. said";
        assert_eq!(
            trimmed(text, "Resolution Trust Corp."),
            "Resolution Trust Corp."
        );
        let text = "a lone Resolution here";
        assert_eq!(trimmed(text, "Resolution"), "Resolution");
    }
}
