//! Sentence-initial common words: a one-word name opening a sentence whose word the same
//! document writes in lower case elsewhere is that common word, capitalised only by its
//! position (`Iodine deficiency is …` in a story that speaks of `iodine`).
//!
//! The tagger sees a capitalised word it does not know at a sentence start and guesses a name;
//! the story's own spelling of the word mid-sentence is better evidence than anything it learned.

use newsnlp_doc::{EntityLabel, Sentence, Span};
use foldhash::HashSet;

/// Drops from `spans` (sorted, byte offsets) every single-token span on the first word of a
/// sentence (after any opening punctuation) whose word occurs in lower case elsewhere in the
/// document.
pub fn apply(
    text: &str,
    tokens: &[Span],
    sentences: &[Sentence],
    spans: &mut Vec<(Span, EntityLabel)>,
) {
    let word = |t: &Span| text.get(t.range()).unwrap_or("");
    let lower: HashSet<&str> = tokens
        .iter()
        .map(word)
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .collect();
    if lower.is_empty() {
        return;
    }
    let mut openers: HashSet<Span> = HashSet::default();
    for s in sentences {
        let Some(toks) = tokens.get(s.tokens.clone()) else {
            continue;
        };
        if let Some(first) = toks
            .iter()
            .find(|t| word(t).chars().any(char::is_alphanumeric))
        {
            openers.insert(*first);
        }
    }
    spans.retain(|(span, _)| {
        if !openers.contains(span) {
            return true;
        }
        let w = word(span);
        let mut chars = w.chars();
        let Some(first) = chars.next() else {
            return true;
        };
        // Only `Iodine`, not `IDD`: an all-caps word is an acronym, never a common word.
        if !first.is_uppercase() || !chars.as_str().chars().all(char::is_lowercase) {
            return true;
        }
        let lowered: String = first.to_lowercase().chain(chars).collect();
        !lower.contains(lowered.as_str())
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layers(text: &str) -> (Vec<Span>, Vec<Sentence>) {
        let tokens = crate::test_support::whitespace_tokens(text);
        let mut sentences = Vec::new();
        let mut start = 0;
        for (i, t) in tokens.iter().enumerate() {
            if &text[t.range()] == "." {
                sentences.push(Sentence {
                    span: Span::new(tokens[start].start, t.end),
                    tokens: start..i + 1,
                });
                start = i + 1;
            }
        }
        (tokens, sentences)
    }

    #[test]
    fn a_sentence_opener_written_in_lower_case_elsewhere_is_no_name() {
        let text =
            "Children need iodine . Iodine deficiency harms them . Brown said so . Turkey agreed .";
        let (tokens, sentences) = layers(text);
        let at = |w: &str| {
            let s = text.find(w).unwrap();
            Span::new(s, s + w.len())
        };
        let mut spans = vec![
            (at("Iodine"), EntityLabel::Org),
            (at("Brown"), EntityLabel::Per),
            (at("Turkey"), EntityLabel::Loc),
        ];
        apply(text, &tokens, &sentences, &mut spans);
        let kept: Vec<&str> = spans.iter().map(|(s, _)| &text[s.range()]).collect();
        assert_eq!(kept, ["Brown", "Turkey"]);
    }
}
