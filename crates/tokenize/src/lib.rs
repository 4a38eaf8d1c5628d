//! Tokens, sentences and paragraphs for news text (PLACEHOLDER: being rewritten).

use newsnlp_doc::{Document, Sentence, Span, Stage, StageError};

/// The tokenizer stage.
#[derive(Debug, Default, Clone)]
pub struct Tokenizer;

/// The three layers the tokenizer produces, in byte offsets.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Segmentation {
    pub tokens: Vec<Span>,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Span>,
}

impl Tokenizer {
    pub fn new() -> Tokenizer {
        Tokenizer
    }

    /// Segments `text` into tokens, sentences and paragraphs.
    pub fn segment(&self, text: &str) -> Segmentation {
        let mut tokens = Vec::new();
        let mut start = None;
        for (i, ch) in text.char_indices() {
            if ch.is_whitespace() {
                if let Some(s) = start.take() {
                    tokens.push(Span::new(s, i));
                }
            } else if ch.is_alphanumeric() {
                start.get_or_insert(i);
            } else {
                if let Some(s) = start.take() {
                    tokens.push(Span::new(s, i));
                }
                tokens.push(Span::new(i, i + ch.len_utf8()));
            }
        }
        if let Some(s) = start {
            tokens.push(Span::new(s, text.len()));
        }
        let mut paragraphs = Vec::new();
        let mut sentences = Vec::new();
        let mut pos = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim_end();
            if !trimmed.trim().is_empty() {
                let lead = trimmed.len() - trimmed.trim_start().len();
                paragraphs.push(Span::new(pos + lead, pos + trimmed.len()));
            }
            pos += line.len();
        }
        let mut first = 0;
        for (p_i, p) in paragraphs.iter().enumerate() {
            let _ = p_i;
            let mut sent_start = None;
            for (t, tok) in tokens.iter().enumerate().filter(|(_, t)| p.contains(**t)) {
                if sent_start.is_none() {
                    sent_start = Some(t);
                    first = t;
                }
                let s = &text[tok.range()];
                if matches!(s, "." | "!" | "?") {
                    sentences.push(Sentence { span: Span::new(tokens[first].start, tok.end), tokens: first..t + 1 });
                    sent_start = None;
                }
            }
            if sent_start.is_some() {
                let last = tokens.iter().rposition(|t| p.contains(*t)).unwrap();
                sentences.push(Sentence { span: Span::new(tokens[first].start, tokens[last].end), tokens: first..last + 1 });
            }
        }
        Segmentation { tokens, sentences, paragraphs }
    }
}

impl Stage for Tokenizer {
    fn name(&self) -> &'static str {
        "tokenize"
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        let seg = self.segment(&doc.text);
        doc.tokens = Some(seg.tokens);
        doc.sentences = Some(seg.sentences);
        doc.paragraphs = Some(seg.paragraphs);
        Ok(())
    }
}
