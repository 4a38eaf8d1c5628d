//! Helpers shared by the crate's unit tests.

use newsnlp_doc::Span;

/// One token per whitespace-separated word of `text` (tests write `Syria .` to split a stop off).
pub fn whitespace_tokens(text: &str) -> Vec<Span> {
    let base = text.as_ptr() as usize;
    text.split_whitespace()
        .map(|w| {
            let s = w.as_ptr() as usize - base;
            Span::new(s, s + w.len())
        })
        .collect()
}
