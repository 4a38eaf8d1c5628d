//! Arbitrary but *valid* input layers for a text, built in memory: what a later stage may be
//! handed by any producer, not only by the tokenizer.
//!
//! Valid means what the reader accepts: tokens, sentences, paragraphs and entities non-empty,
//! ascending, non-overlapping and on character boundaries; each sentence's tokens inside it;
//! entities over whole tokens; a dateline over the first tokens. Nothing else is promised:
//! tokens may hold whitespace, a sentence need not hold all the tokens inside it, paragraphs
//! need not contain sentences, entity labels and canonical names are arbitrary.

use crate::text::news_text;
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use newsnlp_doc::{Dateline, Document, Entity, EntityLabel, Place, Sentence, Span};

/// A document with `text` and every layer the later stages read.
pub fn document(u: &mut Unstructured<'_>, text: String) -> Result<Document> {
    let bounds: Vec<usize> = (0..=text.len())
        .filter(|&b| text.is_char_boundary(b))
        .collect();
    let tokens = ascending_spans(u, &bounds)?;
    let sentences = sentences(u, &bounds, &tokens)?;
    let paragraphs = ascending_spans(u, &bounds)?;
    let entities = entities(u, &text, &tokens)?;
    let dateline = dateline(u, &tokens)?;
    let mut doc = Document::new(text);
    doc.tokens = Some(tokens);
    doc.sentences = Some(sentences);
    doc.paragraphs = Some(paragraphs);
    doc.entities = Some(entities);
    doc.dateline = Some(dateline);
    Ok(doc)
}

/// Non-empty, ascending, non-overlapping spans between the character boundaries `bounds`.
fn ascending_spans(u: &mut Unstructured<'_>, bounds: &[usize]) -> Result<Vec<Span>> {
    let mut spans = Vec::new();
    let mut at = 0; // index into `bounds`
    while !u.is_empty() {
        let start = at + usize::from(u.int_in_range(0u8..=3)?);
        let end = (start + 1 + usize::from(u.int_in_range(0u8..=11)?)).min(bounds.len() - 1);
        if start >= end {
            break;
        }
        spans.push(Span::new(bounds[start], bounds[end]));
        at = end; // the next span may touch this one, never overlap it
    }
    Ok(spans)
}

/// Sentences: either consecutive groups of tokens spanning exactly their tokens (what the
/// tokenizer writes) or ascending spans, each naming some run of the tokens inside it (or none).
fn sentences(u: &mut Unstructured<'_>, bounds: &[usize], tokens: &[Span]) -> Result<Vec<Sentence>> {
    if u.arbitrary()? {
        let mut sentences = Vec::new();
        let mut first = 0;
        while first < tokens.len() && !u.is_empty() {
            let end = (first + 1 + usize::from(u.int_in_range(0u8..=15)?)).min(tokens.len());
            let span = Span::new(tokens[first].start, tokens[end - 1].end);
            sentences.push(Sentence {
                span,
                tokens: first..end,
            });
            first = end;
        }
        return Ok(sentences);
    }
    let spans = ascending_spans(u, bounds)?;
    spans
        .into_iter()
        .map(|span| {
            let inside_from = tokens.partition_point(|t| t.start < span.start);
            let inside_to = tokens
                .partition_point(|t| t.end <= span.end)
                .max(inside_from);
            let start = u.int_in_range(inside_from..=inside_to)?;
            let end = u.int_in_range(start..=inside_to)?;
            Ok(Sentence {
                span,
                tokens: start..end,
            })
        })
        .collect()
}

/// Entities over whole tokens, ascending and non-overlapping, arbitrary labels and names.
fn entities(u: &mut Unstructured<'_>, text: &str, tokens: &[Span]) -> Result<Vec<Entity>> {
    let mut entities = Vec::new();
    let mut next = 0;
    while next < tokens.len() && !u.is_empty() {
        let first = next + usize::from(u.int_in_range(0u8..=4)?);
        let last = first + usize::from(u.int_in_range(0u8..=3)?);
        if last >= tokens.len() {
            break;
        }
        let span = Span::new(tokens[first].start, tokens[last].end);
        let canonical = if u.arbitrary()? {
            text[span.range()].to_string()
        } else {
            news_text(u, 4)?
        };
        entities.push(Entity {
            span,
            label: *u.choose(&EntityLabel::ALL)?,
            canonical,
        });
        next = last + 1;
    }
    Ok(entities)
}

/// No dateline, or one over the first tokens with arbitrary fields.
fn dateline(u: &mut Unstructured<'_>, tokens: &[Span]) -> Result<Option<Dateline>> {
    if tokens.is_empty() || u.ratio(1u8, 2u8)? {
        return Ok(None);
    }
    let last = u.int_in_range(0..=tokens.len() - 1)?;
    let field = |u: &mut Unstructured<'_>| -> Result<Option<String>> {
        Ok(if u.arbitrary()? {
            Some(news_text(u, 3)?)
        } else {
            None
        })
    };
    // A part's span: absent, or a run of the dateline's tokens.
    let part = |u: &mut Unstructured<'_>| -> Result<Option<Span>> {
        if u.arbitrary()? {
            return Ok(None);
        }
        let a = u.int_in_range(0..=last)?;
        let b = u.int_in_range(a..=last)?;
        Ok(Some(Span::new(tokens[a].start, tokens[b].end)))
    };
    Ok(Some(Dateline {
        span: Span::new(tokens[0].start, tokens[last].end),
        location: field(u)?,
        location_span: part(u)?,
        date: field(u)?,
        date_text: field(u)?,
        date_span: part(u)?,
        agency: field(u)?,
        agency_span: part(u)?,
        place: match field(u)? {
            Some(name) => Some(Place {
                name,
                region: field(u)?,
                country: field(u)?,
            }),
            None => None,
        },
    }))
}
