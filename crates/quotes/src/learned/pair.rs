//! From tagged spans to quotes: each content is paired with the nearest cue of its window and
//! the source nearest to that cue, and gets its kind from the quotation marks inside it.

use super::layers::{Layers, QuoteState};
use super::Label;
use newsnlp_doc::{Quote, QuoteKind, Span, Speaker};
use std::ops::Range;

/// Tokens between two ranges (0 when they touch or overlap).
fn gap(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else if b.end <= a.start {
        a.start - b.end
    } else {
        0
    }
}

fn nearest<'r>(to: &Range<usize>, among: &'r [Range<usize>]) -> Option<&'r Range<usize>> {
    among
        .iter()
        .min_by_key(|r| (gap(to, r), r.start > to.start))
}

/// The quotes of one window's labelled spans (absolute token ranges). Work is bounded by the
/// window's size, so a document costs time linear in its length.
pub(crate) fn quotes(l: &Layers, spans: &[(Range<usize>, Label)]) -> Vec<Quote> {
    let of = |label: Label| -> Vec<Range<usize>> {
        spans
            .iter()
            .filter(|(_, l)| *l == label)
            .map(|(r, _)| r.clone())
            .collect()
    };
    let (cues, sources) = (of(Label::Cue), of(Label::Source));
    let mut out = Vec::new();
    for content in of(Label::Content) {
        let Some((kind, body)) = classify(l, content.clone()) else {
            continue;
        };
        let cue = nearest(&content, &cues);
        let source = nearest(cue.unwrap_or(&content), &sources);
        out.push(Quote {
            span: span_of(l, &body),
            kind,
            cue: cue.map(|c| span_of(l, c)),
            speaker: source.map(|s| speaker(l, s)),
        });
    }
    out
}

fn span_of(l: &Layers, r: &Range<usize>) -> Span {
    Span::new(l.toks[r.start].start, l.toks[r.end - 1].end)
}

/// The kind of a content (direct when every word is quoted, mixed when some are) and its
/// tokens without enclosing quotation marks; `None` when it holds no word.
fn classify(l: &Layers, r: Range<usize>) -> Option<(QuoteKind, Range<usize>)> {
    let words: Vec<usize> = r.clone().filter(|&i| l.is_word(i)).collect();
    let quoted = words
        .iter()
        .filter(|&&i| l.quote[i] == QuoteState::Inside)
        .count();
    let kind = match quoted {
        0 => QuoteKind::Indirect,
        q if q == words.len() => QuoteKind::Direct,
        _ => QuoteKind::Mixed,
    };
    let mark = |i: usize| matches!(l.quote[i], QuoteState::OpenMark | QuoteState::CloseMark);
    let start = r.clone().find(|&i| !mark(i))?;
    let end = r.clone().rev().find(|&i| !mark(i))? + 1;
    (!words.is_empty()).then_some((kind, start..end))
}

/// The speaker of a source span: the canonical name of the last entity in it, else the phrase
/// itself unless it is a lone pronoun (which the model does not resolve).
fn speaker(l: &Layers, r: &Range<usize>) -> Speaker {
    let entity = r.clone().rev().find_map(|i| l.entity[i]).map(|(e, _)| e);
    let canonical = match entity {
        Some(e) => Some(l.entities[e].canonical.clone()),
        None if r.len() == 1 && l.pos.tokens[r.start].pos() == "PRON" => None,
        None => Some(l.text[span_of(l, r).range()].to_string()),
    };
    Speaker {
        span: span_of(l, r),
        canonical,
    }
}
