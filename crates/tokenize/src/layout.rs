//! Paragraphs from the line layout of a document.
//!
//! A paragraph ends at a blank line, before a line indented deeper than the one above it, and at
//! a paragraph separator (U+2029). What a *single* newline means depends on how the document
//! was written, so it is decided per document:
//!
//! - **Hard-wrapped** (wire copy such as Reuters-21578, e-mail): fewer than a fifth of the
//!   non-blank lines are longer than [`MAX_WRAP`] chars and at least two lines end within
//!   [`MARGIN`] chars of the wrap width `W` (the longest line of at most [`MAX_WRAP`] chars, and
//!   at least [`MIN_WRAP`]): the text has a right margin. A newline is then a soft wrap (a
//!   space) when the line ends mid-sentence and is at least 3/5 of `W` long (shorter ones are
//!   headings and table rows, as is an all-capitals line before a line in lower case), or,
//!   after a line that ends a sentence, when the next line's first word would not have fitted
//!   on it (`len(line) + 1 + len(word) > W`): exactly when a wrapping program breaks. So the
//!   last line of a paragraph ends it.
//! - **One paragraph per line** (web copy, the TASS seed article): otherwise every newline ends a
//!   paragraph.
//!
//! In both, a line that starts in lower case continues the line above it (unless that one is
//! longer than [`MAX_WRAP`], blank-separated or less indented).

use crate::chars::{char_count, is_space};
use newsnlp_doc::Span;

/// No wire service wraps wider than this; a longer line was not hard-wrapped.
pub(crate) const MAX_WRAP: usize = 100;

/// Nobody wraps prose narrower than this; shorter lines are headings, tables or verse.
pub(crate) const MIN_WRAP: usize = 50;

/// How close to the wrap width a line must end to show a right margin.
const MARGIN: usize = 15;

/// One line: its trimmed content (byte span, empty for a blank line), its length and indent in
/// chars, and whether a paragraph separator ends it.
struct Line {
    content: Span,
    len: usize,
    indent: usize,
    first_word: usize,
    lower_start: bool,
    /// Ends with a sentence end or a closing quote: the line may end its paragraph.
    ends_sentence: bool,
    /// Letters, all capitals: a headline.
    capitals: bool,
    separator_after: bool,
}

/// Splits `text` into lines at `\n`, `\r\n`, `\r`, U+0085, U+2028 and U+2029.
fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 60 + 1);
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (term_len, separator) = match bytes[i] {
            b'\n' => (1, false),
            b'\r' => (
                if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                },
                false,
            ),
            0xC2 if bytes.get(i + 1) == Some(&0x85) => (2, false),
            0xE2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
            {
                (3, bytes[i + 2] == 0xA9)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push(line(text, start, i, separator));
        i += term_len;
        start = i;
    }
    if start < bytes.len() {
        out.push(line(text, start, bytes.len(), false));
    }
    out
}

fn line(text: &str, start: usize, end: usize, separator_after: bool) -> Line {
    let raw = &text[start..end];
    let body = raw.trim_start_matches(is_space);
    let lead = raw.len() - body.len();
    let body = body.trim_end_matches(is_space);
    let first_word = body.find(is_space).unwrap_or(body.len());
    Line {
        content: Span::new(start + lead, start + lead + body.len()),
        len: char_count(body),
        indent: char_count(&raw[..lead]),
        first_word: char_count(&body[..first_word]),
        lower_start: body.chars().next().is_some_and(char::is_lowercase),
        ends_sentence: body.ends_with(['.', '!', '?', ':', '"', '”', '’', '»', ')']),
        capitals: body.chars().any(char::is_uppercase) && !body.chars().any(char::is_lowercase),
        separator_after,
    }
}

/// The paragraphs of `text`, as trimmed byte spans in text order, and whether the text is
/// hard-wrapped wire copy.
pub(crate) fn paragraphs(text: &str) -> (Vec<Span>, bool) {
    let lines = lines(text);
    let nonblank = lines.iter().filter(|l| !l.content.is_empty());
    let (count, long, width) = nonblank.fold((0, 0, 0), |(n, long, w), l| {
        if l.len > MAX_WRAP {
            (n + 1, long + 1, w)
        } else {
            (n + 1, long, w.max(l.len))
        }
    });
    // Hard-wrapped copy has a right margin: several lines end close to the wrap width.
    let near_margin = lines
        .iter()
        .filter(|l| l.len <= width && l.len + MARGIN >= width)
        .count();
    let wrapped = !(long > 0 && long * 5 >= count) && width >= MIN_WRAP && near_margin >= 2;
    let wraps = |a: &Line, b: &Line| {
        if a.ends_sentence {
            a.len + 1 + b.first_word > width
        } else {
            a.len * 5 >= width * 3 && (!a.capitals || b.capitals)
        }
    };
    // Wrapped paragraphs continue flush left: an indented line starts a paragraph (a table
    // row, a quoted block) unless every line is indented as much.
    let min_indent = lines
        .iter()
        .filter(|l| !l.content.is_empty())
        .map(|l| l.indent)
        .min()
        .unwrap_or(0);
    let soft_wrap = |a: &Line, b: &Line| {
        !a.separator_after
            && a.len <= MAX_WRAP
            && b.indent <= a.indent
            && (!wrapped || b.indent == min_indent)
            && (b.lower_start || (wrapped && wraps(a, b)))
    };
    let mut out = Vec::new();
    let mut current: Option<Span> = None;
    let mut prev: Option<&Line> = None;
    for l in &lines {
        if l.content.is_empty() {
            out.extend(current.take());
            prev = None;
            continue;
        }
        match (current.as_mut(), prev) {
            (Some(p), Some(a)) if soft_wrap(a, l) => p.end = l.content.end,
            _ => {
                out.extend(current.take());
                current = Some(l.content);
            }
        }
        prev = Some(l);
    }
    out.extend(current);
    (out, wrapped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<&str> {
        paragraphs(text)
            .0
            .into_iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        assert_eq!(
            paras("One.\n\n  Two.\r\n\r\nThree."),
            ["One.", "Two.", "Three."]
        );
    }

    #[test]
    fn hard_wrapped_wire_copy_joins_lines() {
        let text =
            "BANK RAISES RATES\n    ZURICH, March 3 - The central bank said it would raise\n\
                    its lending rate by half a point from Monday, citing price\n\
                    pressures in the second half.\n    The move was expected.\n";
        assert_eq!(
            paras(text),
            [
                "BANK RAISES RATES",
                "ZURICH, March 3 - The central bank said it would raise\nits lending rate by half a point from Monday, citing price\npressures in the second half.",
                "The move was expected.",
            ]
        );
    }

    #[test]
    fn wrapped_lines_ending_mid_sentence_continue_before_capitals() {
        let text = "MILLS POSTS HIGHER PROFIT\n    DAYTON, Ohio, May 4 - Acme Mills said sales of its\n\
                    Ohio plants rose 12 pct in the quarter, helped by demand from\n\
                    General Motors and Ford.\n    Shr 50 cts vs 41 cts\n    Net 2,100,000 vs 1,650,000\n";
        assert_eq!(
            paras(text),
            [
                "MILLS POSTS HIGHER PROFIT",
                "DAYTON, Ohio, May 4 - Acme Mills said sales of its\nOhio plants rose 12 pct in the quarter, helped by demand from\nGeneral Motors and Ford.",
                "Shr 50 cts vs 41 cts",
                "Net 2,100,000 vs 1,650,000",
            ]
        );
    }

    #[test]
    fn short_line_ends_a_wrapped_paragraph() {
        let text = "The council met on Tuesday and agreed to widen the road by\n\
                    two lanes.\nMembers will vote again on the budget later this month.";
        assert_eq!(paras(text).len(), 2);
    }

    #[test]
    fn long_lines_are_paragraphs() {
        let long = "Word ".repeat(30);
        let text = format!("- Headline one about a thing\n- Headline two about it\n{long}\n{long}");
        assert_eq!(paras(&text).len(), 4);
    }

    #[test]
    fn paragraph_separator_ends_a_paragraph() {
        assert_eq!(paras("One\u{2029}two"), ["One", "two"]);
    }
}
