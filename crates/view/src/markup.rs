//! The marked-up text of one document: every annotation an element, nested as its spans nest.
//!
//! Spans that cross (an entity running out of a quote, a speaker mention half inside a quote)
//! cannot nest in HTML, so the element opened later is closed at the crossing and reopened after
//! it as a *continuation* piece: same class, no `data-*` attribute of the markup contract. Every
//! annotation is therefore exactly one element carrying its contract attribute, whatever the
//! overlaps, and the whole walk is linear in the text (times the nesting depth).

use newsnlp_corpus::escape;

/// One annotation to mark: a byte span of the text and the tags it opens with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    /// Which of two marks with the same span is the outer one (lower is outer).
    pub rank: u8,
    /// Attributes of the element (class included): the contract's `data-*` and the rest.
    pub attributes: String,
    /// The class of a continuation piece after a crossing.
    pub class: String,
}

/// `text` escaped, with every mark an element; marks must lie inside `text` on character
/// boundaries (the document model guarantees it for every layer).
pub fn mark_up(text: &str, mut marks: Vec<Mark>) -> String {
    marks.sort_by(|a, b| {
        (a.start, std::cmp::Reverse(a.end), a.rank).cmp(&(
            b.start,
            std::cmp::Reverse(b.end),
            b.rank,
        ))
    });
    let mut bounds: Vec<usize> = marks.iter().flat_map(|m| [m.start, m.end]).collect();
    bounds.push(text.len());
    bounds.sort_unstable();
    bounds.dedup();
    let mut out = String::with_capacity(text.len() * 2);
    let mut open: Vec<&Mark> = Vec::new();
    let mut next = 0;
    let mut at = 0;
    for bound in bounds {
        out.push_str(&escape(&text[at..bound]));
        at = bound;
        close_ending(&mut out, &mut open, bound);
        while let Some(mark) = marks.get(next).filter(|m| m.start == bound) {
            next += 1;
            out.push_str(&format!("<span {}>", mark.attributes));
            if mark.end == bound {
                out.push_str("</span>");
            } else {
                open.push(mark);
            }
        }
    }
    out
}

/// Closes every open mark that ends at `bound`; marks opened after it that go on past `bound`
/// are closed with it and reopened as continuation pieces.
fn close_ending(out: &mut String, open: &mut Vec<&Mark>, bound: usize) {
    let Some(lowest) = open.iter().position(|m| m.end <= bound) else {
        return;
    };
    let above: Vec<&Mark> = open.drain(lowest..).collect();
    for _ in &above {
        out.push_str("</span>");
    }
    for mark in above.into_iter().filter(|m| m.end > bound) {
        out.push_str(&format!("<span class=\"{}\" data-part>", mark.class));
        open.push(mark);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, rank: u8, name: &str) -> Mark {
        Mark {
            start,
            end,
            rank,
            attributes: format!("class=\"{name}\" data-{name}"),
            class: name.to_string(),
        }
    }

    #[test]
    fn nested_spans_nest() {
        let text = "He said Anna Berg left.";
        let html = mark_up(text, vec![mark(8, 17, 4, "e"), mark(8, 22, 1, "q")]);
        assert_eq!(
            html,
            "He said <span class=\"q\" data-q><span class=\"e\" data-e>Anna Berg</span> left</span>."
        );
    }

    #[test]
    fn crossing_spans_split_the_later_one_into_a_continuation() {
        let text = "abcdefgh";
        let html = mark_up(text, vec![mark(0, 4, 1, "q"), mark(2, 6, 4, "e")]);
        assert_eq!(
            html,
            "<span class=\"q\" data-q>ab<span class=\"e\" data-e>cd</span></span>\
             <span class=\"e\" data-part>ef</span>gh"
        );
        assert_eq!(html.matches("data-e").count(), 1);
    }

    #[test]
    fn equal_spans_nest_by_rank_and_empty_spans_are_elements() {
        let html = mark_up(
            "Anna x",
            vec![mark(0, 4, 4, "e"), mark(0, 4, 2, "s"), mark(5, 5, 3, "c")],
        );
        assert_eq!(
            html,
            "<span class=\"s\" data-s><span class=\"e\" data-e>Anna</span></span> \
             <span class=\"c\" data-c></span>x"
        );
    }

    #[test]
    fn text_between_marks_is_escaped() {
        let html = mark_up("<b>&\"x\"", vec![mark(3, 4, 4, "e")]);
        assert_eq!(
            html,
            "&lt;b&gt;<span class=\"e\" data-e>&amp;</span>&quot;x&quot;"
        );
    }
}
