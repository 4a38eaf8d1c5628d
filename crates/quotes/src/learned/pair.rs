//! From one cue and the contents and sources the attribution tagger marked for it to quotes:
//! each content piece becomes a quote with that cue and the source nearest to it, and gets its
//! kind from the quotation marks inside it.

use super::layers::{Layers, QuoteState};
use newsnlp_doc::{Quote, QuoteKind, Span, Speaker};
use std::ops::Range;

/// Tokens between two ranges (0 when they touch or overlap).
fn gap(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// The quotes of cue `cue` (absolute token ranges throughout).
pub(crate) fn quotes(
    l: &Layers,
    cue: &Range<usize>,
    contents: &[Range<usize>],
    sources: &[Range<usize>],
) -> Vec<Quote> {
    let source = sources
        .iter()
        .min_by_key(|r| (gap(cue, r), r.start > cue.start));
    contents
        .iter()
        .filter_map(|c| classify(l, c.clone()))
        .map(|(kind, body)| Quote {
            span: span_of(l, &body),
            kind,
            cue: Some(span_of(l, cue)),
            speaker: source.map(|s| speaker(l, s)),
            rule: None,
        })
        .collect()
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
