//! Gold words onto this project's tokens, so the tagger learns from what it sees at run time.
//!
//! The rule, token by token:
//! - a token whose span is exactly one gold word takes that word's tags and lemma;
//! - a token that holds several whole gold words (the tokenizer kept `cannot` or a hyphenated
//!   `Eye-Tracking` together) takes the tags of its **last non-punctuation word** (the head of
//!   such English compounds: `Tracking`; for `cannot`, `not`'s tags would be wrong, but the
//!   tokenizer splits `can|not`, so the case is hyphenation in practice) and the lemmas of all
//!   its words joined with the text between them (`eye-tracking`);
//! - a token that is part of a gold word, or straddles words, takes the tags of the word it
//!   overlaps most and its own text as lemma;
//! - a token that overlaps no gold word gets no label (it stays in the sentence as context).

use crate::conllu::GoldWord;
use newsnlp_doc::Span;

/// The gold annotation a token learns from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenGold {
    pub xpos: String,
    pub upos: String,
    pub lemma: String,
}

/// The gold label of each token (`None`: no gold word under it). `words` are sorted by start.
pub fn align(text: &str, tokens: &[Span], words: &[GoldWord]) -> Vec<Option<TokenGold>> {
    let mut first = 0; // first word that may still overlap the current token
    tokens
        .iter()
        .map(|&t| {
            while first < words.len() && words[first].end <= t.start {
                first += 1;
            }
            let under: Vec<&GoldWord> = words[first..]
                .iter()
                .take_while(|w| w.start < t.end)
                .filter(|w| w.end > t.start)
                .collect();
            label(text, t, &under)
        })
        .collect()
}

fn label(text: &str, t: Span, under: &[&GoldWord]) -> Option<TokenGold> {
    let from = |w: &GoldWord, lemma: String| TokenGold {
        xpos: w.xpos.clone(),
        upos: w.upos.clone(),
        lemma,
    };
    match under {
        [] => None,
        [w] if w.start == t.start && w.end == t.end => Some(from(w, w.lemma.clone())),
        [.., last] if under[0].start >= t.start && last.end <= t.end => {
            let head = under
                .iter()
                .rev()
                .find(|w| w.upos != "PUNCT")
                .unwrap_or(last);
            let mut lemma = String::new();
            for (i, w) in under.iter().enumerate() {
                if i > 0 {
                    lemma.push_str(&text[under[i - 1].end..w.start]);
                }
                lemma.push_str(&w.lemma);
            }
            Some(from(head, lemma))
        }
        _ => {
            let overlap = |w: &&&GoldWord| w.end.min(t.end) - w.start.max(t.start);
            let most = under.iter().max_by_key(overlap)?;
            Some(from(most, text[t.range()].to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, w: &str, from: usize, xpos: &str, upos: &str, lemma: &str) -> GoldWord {
        let start = text[from..].find(w).unwrap() + from;
        GoldWord {
            start,
            end: start + w.len(),
            xpos: xpos.into(),
            upos: upos.into(),
            lemma: lemma.into(),
        }
    }

    #[test]
    fn joined_split_and_exact_tokens() {
        let text = "Eye-Tracking is e.g. fun";
        let words = [
            word(text, "Eye", 0, "NN", "NOUN", "eye"),
            word(text, "-", 0, "HYPH", "PUNCT", "-"),
            word(text, "Tracking", 0, "NN", "NOUN", "tracking"),
            word(text, "is", 0, "VBZ", "AUX", "be"),
            word(text, "e.g.", 0, "FW", "X", "e.g."),
            word(text, "fun", 0, "JJ", "ADJ", "fun"),
        ];
        // Tokens: `Eye-Tracking` whole, `is`, `e.g` + `.` split, nothing over the space.
        let tokens = [
            Span::new(0, 12),
            Span::new(13, 15),
            Span::new(16, 19),
            Span::new(19, 20),
            Span::new(21, 24),
        ];
        let got = align(text, &tokens, &words);
        let g = |i: usize| got[i].as_ref().unwrap();
        assert_eq!(
            (g(0).xpos.as_str(), g(0).lemma.as_str()),
            ("NN", "eye-tracking")
        );
        assert_eq!((g(1).upos.as_str(), g(1).lemma.as_str()), ("AUX", "be"));
        assert_eq!((g(2).xpos.as_str(), g(2).lemma.as_str()), ("FW", "e.g"));
        assert_eq!((g(3).xpos.as_str(), g(3).lemma.as_str()), ("FW", "."));
        assert_eq!(g(4).lemma, "fun");
        assert_eq!(align(text, &[Span::new(12, 13)], &words), vec![None]);
    }
}
