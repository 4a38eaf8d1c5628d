//! Sentences inside paragraphs.
//!
//! A sentence ends at the end of its paragraph, and after a terminal token (`.`, `!`, `?`, an
//! ellipsis) when the next token does not start in lower case. The closing quotes, brackets and
//! stops that follow a terminal token belong to its sentence (`…regime."` and `…talks.".`). An
//! abbreviation that keeps its stop (`U.S.`, `Inc.`) ends a sentence only when a word that
//! plainly starts one follows (`…in the U.S. The next day…`); see
//! [`crate::abbrev::abbreviation_ends_sentence`].

use crate::abbrev::abbreviation_ends_sentence;
use crate::chars::{is_closer, is_terminal};
use newsnlp_doc::{Sentence, Span};

/// Why a token may end a sentence.
#[derive(PartialEq)]
enum End {
    /// Not at all.
    No,
    /// Terminal punctuation.
    Terminal,
    /// An abbreviation with its stop.
    Abbreviation,
}

fn end_kind(tok: &str) -> End {
    let mut chars = tok.chars();
    match chars.next() {
        Some(c) if is_terminal(c) => End::Terminal,
        Some(c) if c.is_alphabetic() && tok.len() > 1 && tok.ends_with('.') => End::Abbreviation,
        _ => End::No,
    }
}

/// A token that closes what a terminal token ended: closing quotes and brackets, and straight
/// quotes glued to the token before them.
fn absorbs(text: &str, tokens: &[Span], k: usize) -> bool {
    let tok = &text[tokens[k].range()];
    let mut chars = tok.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return tok.chars().all(is_terminal);
    };
    if is_closer(c) || is_terminal(c) {
        return true;
    }
    matches!(c, '"' | '\'' | '`') && k > 0 && tokens[k - 1].end == tokens[k].start
}

/// Splits the tokens of each paragraph into sentences.
pub(crate) fn sentences(text: &str, tokens: &[Span], paragraphs: &[Span]) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(tokens.len() / 20 + 1);
    let mut t = 0;
    for para in paragraphs {
        while t < tokens.len() && tokens[t].end <= para.start {
            t += 1;
        }
        let first = t;
        while t < tokens.len() && tokens[t].start < para.end {
            t += 1;
        }
        split_paragraph(text, tokens, first, t, &mut out);
    }
    out
}

fn split_paragraph(text: &str, tokens: &[Span], first: usize, end: usize, out: &mut Vec<Sentence>) {
    let mut start = first;
    let mut k = first;
    while k < end {
        let tok = &text[tokens[k].range()];
        let kind = end_kind(tok);
        if kind == End::No {
            k += 1;
            continue;
        }
        let mut stop = k + 1;
        while stop < end && absorbs(text, tokens, stop) {
            stop += 1;
        }
        let boundary = stop < end && {
            let next = &text[tokens[stop].range()];
            match kind {
                End::Abbreviation => stop == k + 1 && abbreviation_ends_sentence(tok, next),
                // `MOSCOW, November 24. /TASS/. The…`: the agency block stays with its dateline.
                _ => !next.starts_with('/') && !next.chars().next().is_some_and(char::is_lowercase),
            }
        };
        if boundary {
            push(tokens, start, stop, out);
            start = stop;
        }
        k = stop;
    }
    if start < end {
        push(tokens, start, end, out);
    }
}

fn push(tokens: &[Span], first: usize, end: usize, out: &mut Vec<Sentence>) {
    out.push(Sentence { span: Span::new(tokens[first].start, tokens[end - 1].end), tokens: first..end });
}
