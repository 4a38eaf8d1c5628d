//! What the model reads of one document, computed once per document: every token's word, part
//! of speech, reporting-word class, entity label and quotation state, and the windows (token
//! ranges) that are tagged as one sequence.

use crate::lexicon::{Lexicon, Tag};
use crate::marks::find_chains;
use newsnlp_doc::{Document, Entity, PosLayer, Sentence, Span, StageError};
use std::ops::Range;

/// The most tokens tagged as one sequence. A window is a paragraph (attributions run over
/// sentences far more often than over paragraphs); a longer paragraph is cut at sentence ends,
/// and a longer sentence anywhere, so the lattice of a window stays small and tagging and
/// pairing are linear in document length.
pub(crate) const MAX_WINDOW: usize = 160;

/// Where a token stands with respect to quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QuoteState {
    Outside,
    OpenMark,
    Inside,
    CloseMark,
}

/// The per-token layers of one document.
pub(crate) struct Layers<'a> {
    pub text: &'a str,
    pub toks: &'a [Span],
    pub pos: &'a PosLayer,
    pub entities: &'a [Entity],
    pub lower: Vec<String>,
    pub cue: Vec<Tag>,
    /// `(entity index, is first token)` of the entity a token lies in.
    pub entity: Vec<Option<(usize, bool)>>,
    pub quote: Vec<QuoteState>,
    /// Index of the token's sentence within its paragraph, and whether it starts the sentence.
    pub sentence_at: Vec<(usize, bool)>,
    /// Index of the token's paragraph in the document.
    pub para: Vec<usize>,
    pub windows: Vec<Range<usize>>,
}

impl<'a> Layers<'a> {
    /// The layers of `doc`, which must carry tokens, sentences, paragraphs, pos and entities.
    pub fn new(lexicon: &Lexicon, doc: &'a Document) -> Result<Layers<'a>, StageError> {
        let toks = doc.require_tokens()?;
        let sentences = doc.require_sentences()?;
        let paragraphs = doc.require_paragraphs()?;
        let pos = doc.require_pos()?;
        let entities = doc.require_entities()?;
        let text = doc.text.as_str();
        if pos.len() != toks.len() || sentences.iter().any(|s| s.tokens.end > toks.len()) {
            return Err(StageError::Failed {
                stage: "quotes",
                message: "the pos or sentence layer does not fit the tokens".to_string(),
            });
        }
        let lower: Vec<String> = toks
            .iter()
            .map(|t| text.get(t.range()).unwrap_or("").to_lowercase())
            .collect();
        let cue = lower.iter().map(|w| lexicon.tag(w)).collect();
        let para = paragraph_of(toks, paragraphs);
        let quote = quote_states(text, toks, paragraphs, &para);
        let (sentence_at, windows) = windows(sentences, &para, toks.len());
        Ok(Layers {
            text,
            toks,
            pos,
            entities,
            entity: entity_of(toks, entities),
            lower,
            cue,
            quote,
            sentence_at,
            para,
            windows,
        })
    }

    /// True for a token with a letter or digit in it (what the scorer counts).
    pub fn is_word(&self, i: usize) -> bool {
        self.lower[i].chars().any(char::is_alphanumeric)
    }
}

/// The paragraph of each token (the last paragraph starting at or before it).
fn paragraph_of(toks: &[Span], paragraphs: &[Span]) -> Vec<usize> {
    let mut p = 0;
    toks.iter()
        .map(|t| {
            while p + 1 < paragraphs.len() && paragraphs[p].end <= t.start {
                p += 1;
            }
            p
        })
        .collect()
}

fn entity_of(toks: &[Span], entities: &[Entity]) -> Vec<Option<(usize, bool)>> {
    let mut out = vec![None; toks.len()];
    let mut e = 0;
    for (i, t) in toks.iter().enumerate() {
        while e < entities.len() && entities[e].span.end <= t.start {
            e += 1;
        }
        if let Some(ent) = entities.get(e).filter(|ent| ent.span.start < t.end) {
            out[i] = Some((e, ent.span.start >= t.start));
        }
    }
    out
}

/// Quotation state of each token, from the rules' mark pairing (paragraph-bounded).
fn quote_states(text: &str, toks: &[Span], paragraphs: &[Span], para: &[usize]) -> Vec<QuoteState> {
    let mut out = vec![QuoteState::Outside; toks.len()];
    for chain in find_chains(text, toks, paragraphs, para) {
        for r in &chain.regions {
            let last = r.end.min(toks.len().saturating_sub(1));
            for (i, s) in out.iter_mut().enumerate().take(last + 1).skip(r.open) {
                *s = if i < r.first {
                    QuoteState::OpenMark
                } else if i <= r.last {
                    QuoteState::Inside
                } else {
                    QuoteState::CloseMark
                };
            }
        }
    }
    out
}

/// Each token's sentence position, and the windows: paragraphs cut to [`MAX_WINDOW`] tokens.
fn windows(
    sentences: &[Sentence],
    para: &[usize],
    n: usize,
) -> (Vec<(usize, bool)>, Vec<Range<usize>>) {
    let mut at = vec![(0, false); n];
    let mut windows: Vec<Range<usize>> = Vec::new();
    let mut in_para = 0;
    let mut last_para = None;
    for s in sentences {
        let r = s.tokens.clone();
        if r.is_empty() {
            continue;
        }
        let new_para = last_para != Some(para[r.start]);
        last_para = Some(para[r.start]);
        in_para = if new_para { 0 } else { in_para + 1 };
        for i in r.clone() {
            at[i] = (in_para, i == r.start);
        }
        match windows.last_mut() {
            Some(w) if !new_para && w.end == r.start && r.end - w.start <= MAX_WINDOW => {
                w.end = r.end
            }
            _ => {
                let mut start = r.start;
                while start < r.end {
                    let end = (start + MAX_WINDOW).min(r.end);
                    windows.push(start..end);
                    start = end;
                }
            }
        }
    }
    (at, windows)
}
