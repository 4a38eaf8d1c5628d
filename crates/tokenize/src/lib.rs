//! Tokens, sentences and paragraphs for news text: the first newsnlp stage.
//!
//! Tokens follow the UD English / Penn Treebank conventions (those of GUM's `gold_words`):
//! clitics are split (`Lavrov|'s`, `do|n't`, `can|not`), every quotation mark and punctuation
//! mark is a token, hyphenated words stay whole (`pro-Beijing`), and abbreviations, initials,
//! numbers, times, dates, URLs, e-mail addresses, @handles and #hashtags are kept together
//! (`U.S.`, `J.`, `155,221`, `5.93`, `22:30`, `1996-08-22`). The scanner is hand-written
//! (no regex) and never splits a code point or an emoji sequence.
//!
//! Paragraphs come from the line layout, decided per document (see the `layout` module notes:
//! blank lines, indents, hard-wrapped wire copy versus one paragraph per line); sentences end
//! at terminal punctuation, keep their closing quotes, and do not end at abbreviations unless
//! a sentence-starting word follows.
//!
//! ```
//! use newsnlp_tokenize::Tokenizer;
//!
//! let text = "MOSCOW, Nov. 24. /TASS/. The U.S. didn't act, Lavrov's aide said.\n\
//!             \"It is over.\" He left.";
//! let seg = Tokenizer::new().segment(text);
//! let words: Vec<&str> = seg.tokens.iter().map(|t| &text[t.range()]).collect();
//! assert_eq!(&words[..6], ["MOSCOW", ",", "Nov.", "24", ".", "/"]);
//! assert!(words.contains(&"U.S.") && words.contains(&"n't") && words.contains(&"'s"));
//! let sentences: Vec<&str> = seg.sentences.iter().map(|s| &text[s.span.range()]).collect();
//! assert_eq!(sentences[sentences.len() - 2..], ["\"It is over.\"", "He left."]);
//! assert_eq!(seg.paragraphs.len(), 2);
//! ```

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

mod abbrev;
mod chars;
mod layout;
mod sentences;
mod words;

use newsnlp_doc::{Declaration, Document, Layer, Sentence, Span, Stage, StageError};

/// The tokenizer stage. It holds no state: build it once and share it between threads.
#[derive(Debug, Default, Clone)]
pub struct Tokenizer;

/// The three layers the tokenizer produces, as byte spans into the text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Segmentation {
    /// Tokens in text order; non-empty, non-overlapping, never containing whitespace.
    pub tokens: Vec<Span>,
    /// Sentences in text order; each covers the token range it names, exactly.
    pub sentences: Vec<Sentence>,
    /// Paragraphs in text order, trimmed of whitespace; each contains whole sentences.
    pub paragraphs: Vec<Span>,
}

impl Tokenizer {
    pub fn new() -> Tokenizer {
        Tokenizer
    }

    /// Segments `text` into tokens, sentences and paragraphs.
    pub fn segment(&self, text: &str) -> Segmentation {
        let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
        let mut scratch = Vec::new();
        words::tokenize(text, &mut tokens, &mut scratch);
        let (paragraphs, wrapped) = layout::paragraphs(text);
        let sentences = sentences::sentences(text, &tokens, &paragraphs, wrapped);
        Segmentation {
            tokens,
            sentences,
            paragraphs,
        }
    }
}

/// What the tokenize stage reads and adds.
pub const DECLARATION: Declaration = Declaration {
    name: "tokenize",
    requires: &[],
    provides: &[Layer::Tokens, Layer::Sentences, Layer::Paragraphs],
};

impl Stage for Tokenizer {
    fn name(&self) -> &'static str {
        DECLARATION.name
    }

    fn declaration(&self) -> Option<&'static Declaration> {
        Some(&DECLARATION)
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        let seg = self.segment(&doc.text);
        doc.tokens = Some(seg.tokens);
        doc.sentences = Some(seg.sentences);
        doc.paragraphs = Some(seg.paragraphs);
        Ok(())
    }
}
