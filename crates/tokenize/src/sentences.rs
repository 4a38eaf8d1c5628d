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
use newsnlp_lexicon::{self as lexicon, Flags};
use std::cell::Cell;

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
        // All terminal: `.`, `?!`, `...` but not `.596`.
        Some(c) if is_terminal(c) && chars.all(is_terminal) => End::Terminal,
        Some(c) if c.is_alphabetic() && tok.len() > 1 && tok.ends_with('.') => End::Abbreviation,
        _ => End::No,
    }
}

/// Splits the tokens of each paragraph into sentences.
/// `wrapped`: the text is hard-wrapped wire copy (see [`crate::layout`]).
pub(crate) fn sentences(
    text: &str,
    tokens: &[Span],
    paragraphs: &[Span],
    wrapped: bool,
) -> Vec<Sentence> {
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
        split_paragraph(text, tokens, first, t, wrapped, &mut out);
    }
    out
}

/// A credit word that starts a caption line run into the text before it (`… Hall Image: NASA.`).
fn is_caption_word(tok: &str) -> bool {
    lexicon::flags_capitalised(tok).contains(Flags::CAPTION_WORD)
}

/// A weekday or month (`class`) written in full, in English, capitalised (`Thursday`, `May`).
fn is_full_name(word: &str, class: Flags) -> bool {
    let f = lexicon::flags_capitalised(word);
    f.contains(class | Flags::ENGLISH) && !f.contains(Flags::ABBREVIATION)
}

/// Verbs that attribute a quotation (`"…?" Clinton said.`).
#[rustfmt::skip]
const REPORTING_VERBS: &[&str] = &[
    "said", "says", "asked", "asks", "added", "adds", "told", "tells", "wrote", "writes",
    "replied", "replies", "continued", "explained", "insisted", "noted", "stressed", "recalled",
    "declared", "shouted", "warned", "argued", "responded", "answered", "demanded", "wondered",
    "concluded", "admitted", "acknowledged", "claimed", "tweeted", "joked", "quipped",
];

/// The tokens of one paragraph, `tokens[first..end]`.
struct Para<'a> {
    text: &'a str,
    tokens: &'a [Span],
    first: usize,
    end: usize,
    /// The text is hard-wrapped wire copy (see [`abbreviation_ends_sentence`]).
    wrapped: bool,
    /// Straight double quotes counted so far: `(up to token index, count)`. Queries only move
    /// forward, so counting stays linear in the paragraph.
    quotes: Cell<(usize, usize)>,
}

impl Para<'_> {
    fn tok(&self, k: usize) -> &str {
        if k < self.end {
            &self.text[self.tokens[k].range()]
        } else {
            ""
        }
    }

    /// A token that closes what a terminal token ended: closing quotes and brackets, further
    /// stops, straight quotes that close (glued to the token before them, or closing an odd
    /// number of them in the paragraph: `front . " Next`) and opening curly quotes used as
    /// closing ones.
    fn absorbs(&self, k: usize) -> bool {
        let tok = self.tok(k);
        let mut chars = tok.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return !tok.is_empty() && tok.chars().all(is_terminal);
        };
        if is_closer(c) || is_terminal(c) {
            return true;
        }
        if k == self.first {
            return false;
        }
        let glued = self.tokens[k - 1].end == self.tokens[k].start;
        if matches!(c, '“' | '‘') {
            // An opening quote typed as the closing one (`…“Mostly False.“ The…`), or a German
            // closing quote: glued to the stop before it and set off from what follows, or
            // ending the paragraph, where it can open nothing (`…see that. “`).
            let last = k + 1 == self.end;
            return last || (glued && self.tokens[k].end < self.tokens[k + 1].start);
        }
        if !matches!(c, '"' | '\'' | '`') {
            return false;
        }
        // A quote glued to the word after it opens a quotation, whatever the count says
        // (`The 5" screen is big. "We…`).
        let opens = k + 1 < self.end && self.tokens[k].end == self.tokens[k + 1].start;
        glued || (c == '"' && !opens && self.quotes_before(k) % 2 == 1)
    }

    /// Straight double quotes among the paragraph's tokens before `k`.
    fn quotes_before(&self, k: usize) -> usize {
        let (mut upto, mut count) = self.quotes.get();
        if k < upto {
            (upto, count) = (self.first, 0);
        }
        count += (upto..k).filter(|&j| self.tok(j) == "\"").count();
        upto = upto.max(k);
        self.quotes.set((upto, count));
        count
    }

    /// A short attribution (`Clinton said.`, `asked Sen. Jones,`) starts at `k`: a reporting
    /// verb within four tokens, followed by the end of the sentence or a comma, but not by a
    /// comma and a new quotation (`…idea?" He answered, "I have…` introduces the answer).
    fn attribution_follows(&self, k: usize) -> bool {
        (k..self.end.min(k + 4)).any(|v| {
            let introduces = self.tok(v + 1) == ","
                && matches!(self.tok(v + 2), "\"" | "“" | "‘" | "«")
                && self.tok(v + 3).starts_with(char::is_uppercase);
            REPORTING_VERBS.contains(&self.tok(v))
                && (v + 1 == self.end || matches!(self.tok(v + 1), "." | "," | "!" | "?"))
                && !introduces
        })
    }

    /// The capitalised word `k` starts a sentence that follows the last one without punctuation
    /// (see [`Flags::UNPUNCTUATED_STARTER`] and [`Flags::RUN_IN_PREPOSITION`]): a starter after a
    /// lowercase word, as starters are not found inside titles and names the way `The` is (`read
    /// The Guardian`); a preposition after any word or number, when a lowercase word follows.
    /// Inside a sentence prepositions are lowercase; in a title the next word is capitalised too
    /// (`Alice In Wonderland`).
    fn runs_in(&self, k: usize) -> bool {
        let (prev, tok) = (self.tok(k - 1), self.tok(k));
        let f = lexicon::flags_capitalised(tok);
        let starter =
            f.contains(Flags::UNPUNCTUATED_STARTER) && prev.chars().all(char::is_lowercase);
        let preposition = f.contains(Flags::RUN_IN_PREPOSITION)
            && prev.ends_with(char::is_alphanumeric)
            && self.tok(k + 1).starts_with(char::is_lowercase);
        starter || preposition
    }

    /// A footnote number after a sentence's stop, before the next sentence (`…a publication
    /// fee. 8 Yet some journals…`): one to three digits, then a capitalised word. A sentence
    /// that opens with a number writes a word after it (`12 people died`) or the number out.
    fn footnote_mark(&self, k: usize) -> bool {
        let mark = self.tok(k);
        (1..=3).contains(&mark.len())
            && mark.bytes().all(|b| b.is_ascii_digit())
            && self.tok(k + 1).starts_with(char::is_uppercase)
    }

    /// `[…]`, `[...]`, `[17]`: an editorial bracket of three tokens starting at `k`.
    fn bracket_len(&self, k: usize) -> Option<(usize, bool)> {
        if k + 2 >= self.end || self.tok(k) != "[" || self.tok(k + 2) != "]" {
            return None;
        }
        let inner = self.tok(k + 1);
        let ellipsis = matches!(inner, "..." | "…");
        (ellipsis || inner.bytes().all(|b| b.is_ascii_digit())).then_some((3, ellipsis))
    }

    /// The index after a full date opening the paragraph and run into the text
    /// (`Thursday, May 7, 2015 On Tuesday, the government…`).
    fn date_line_end(&self) -> Option<usize> {
        let f = self.first;
        let year = self.tok(f + 5);
        let is_date = is_full_name(self.tok(f), Flags::WEEKDAY)
            && self.tok(f + 1) == ","
            && is_full_name(self.tok(f + 2), Flags::MONTH)
            && self.tok(f + 3).bytes().all(|b| b.is_ascii_digit())
            && self.tok(f + 4) == ","
            && year.len() == 4
            && year.bytes().all(|b| b.is_ascii_digit());
        (is_date && self.tok(f + 6).starts_with(char::is_uppercase)).then_some(f + 6)
    }

    /// True when the dash token `k` has white space on at least one side: a dateline's dash
    /// is set off (`WASHINGTON (AP) — The`), a hyphen inside `R-Ky.` or `Jean-Marc` is not.
    fn dash_is_spaced(&self, k: usize) -> bool {
        let span = self.tokens[k];
        let before = self.text[..span.start].chars().next_back();
        let after = self.text[span.end..].chars().next();
        before.map_or(true, char::is_whitespace) || after.map_or(true, char::is_whitespace)
    }

    /// The index after the dash that ends a dateline opening the paragraph
    /// (`Evansville, Indiana, United States - This past week…`, `WASHINGTON (AP) — The…`):
    /// capitalised words, commas, numbers and brackets, then a dash and a capitalised word.
    fn dateline_end(&self) -> Option<usize> {
        let mut comma = false;
        // A dash inside brackets joins a range (`Charles J. Fillmore (August 9, 1929 – February
        // 13, 2014) was…`); a dateline's brackets (`(AP)`) close before its dash.
        let mut open = false;
        for k in self.first..self.end.min(self.first + 14) {
            let tok = self.tok(k);
            let c = tok.chars().next()?;
            open = (open || tok == "(") && tok != ")";
            if matches!(tok, "-" | "--" | "—" | "–") && self.dash_is_spaced(k) && !open {
                let head = self.tok(self.first);
                let upper_start = head.chars().count() > 1 && head.chars().all(char::is_uppercase);
                // `The`, not an all-capitals headline (`SOCCER - ROVERS WIN AT HOME TODAY`).
                let next = self.tok(k + 1);
                let next_upper =
                    next.starts_with(char::is_uppercase) && next.chars().any(char::is_lowercase);
                return (k > self.first && next_upper && (comma || upper_start)).then_some(k + 1);
            }
            comma |= tok == ",";
            let fits = c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(tok, "," | "(" | ")" | "/" | ".");
            if !fits {
                return None;
            }
        }
        None
    }

    /// The capitalised word `tok` at `k` starts a sentence although no stop comes before it: a
    /// run-in sentence (see [`Para::runs_in`]) or a caption's credit (`… Hall Image: NASA.`).
    fn starts_unstopped(&self, k: usize, tok: &str) -> bool {
        if !tok.starts_with(|c: char| c.is_ascii_uppercase()) {
            return false;
        }
        if self.runs_in(k) {
            return true;
        }
        if is_caption_word(tok) && self.tok(k + 1) == ":" {
            let prev = self.tok(k - 1);
            return prev.starts_with(|c: char| c.is_alphanumeric()) || prev == ")";
        }
        false
    }

    /// How token `tok` at `k` (or the editorial bracket there) may end a sentence, and the index
    /// after what goes with it: the closing quotes, brackets and stops it absorbs, and a footnote
    /// mark after a stop. An abbreviation followed by a stop (`…(D-Calif.).`) ends like a stop.
    fn end_at(&self, k: usize, tok: &str) -> (End, usize) {
        let (kind, mut stop) = match self.bracket_len(k) {
            Some((n, true)) => (End::Terminal, k + n),
            Some((n, false)) => (End::No, k + n),
            None => (end_kind(tok), k + 1),
        };
        if kind == End::No {
            return (kind, stop);
        }
        loop {
            if stop < self.end && self.absorbs(stop) {
                stop += 1;
            } else if let Some((n, _)) = self.bracket_len(stop) {
                stop += n;
            } else {
                break;
            }
        }
        if kind == End::Terminal && self.footnote_mark(stop) {
            stop += 1;
        }
        // `…Pelosi (D-Calif.). Eggleston…`: a stop after the bracket ends the sentence that the
        // abbreviation alone could not.
        let kind = if kind == End::Abbreviation
            && (k + 1..stop).any(|j| end_kind(self.tok(j)) == End::Terminal)
        {
            End::Terminal
        } else {
            kind
        };
        (kind, stop)
    }

    /// The sentence begun at `start` ends at `stop`, after the token `tok` at `k` that may end it
    /// (`kind`, from [`Para::end_at`]): unless `tok` is a list number's stop, or what follows
    /// continues the sentence.
    fn ends_sentence(&self, kind: End, start: usize, k: usize, tok: &str, stop: usize) -> bool {
        // `1. Michelle Freeman …`: a list number opening the sentence.
        let list_label = k == start + 1
            && tok == "."
            && self.tok(start).len() <= 3
            && self.tok(start).bytes().all(|b| b.is_ascii_digit());
        !list_label && stop < self.end && {
            let next = self.tok(stop);
            match kind {
                End::Abbreviation => {
                    stop == k + 1 && abbreviation_ends_sentence(tok, next, self.wrapped)
                }
                // `MOSCOW, November 24. /TASS/. The…`: the agency block stays with its dateline;
                // `…long game." - Matthew Ingram`: the attribution stays with its quote.
                // `"Why?" Clinton said.`: a quotation and its attribution are one sentence; after
                // a full stop the verb introduces what follows (`…change." She adds, "What…`).
                _ => {
                    // `PORTLAND, Me., April 13 -`: no sentence starts with a comma.
                    let continues = next.starts_with(['/', '-', '—', '–', '―', ',', ';'])
                        || next.starts_with(char::is_lowercase)
                        || (stop > k + 1 && tok != "." && self.attribution_follows(stop));
                    !continues
                }
            }
        }
    }

    /// Pushes the paragraph's last sentence, `start..end`, where no terminal token ended it.
    fn push_last(&self, start: usize, out: &mut Vec<Sentence>) {
        let (first, end, tokens) = (self.first, self.end, self.tokens);
        // `…because she was suppressive. Valeska Paris`: a bare name closing the paragraph
        // attributes the sentence before it.
        let before = out
            .len()
            .checked_sub(1)
            .filter(|&i| out[i].tokens.start >= first);
        match before {
            Some(i)
                if end - start <= 4
                    && (start..end).all(|j| self.tok(j).starts_with(char::is_uppercase)) =>
            {
                out[i] = Sentence {
                    span: Span::new(out[i].span.start, tokens[end - 1].end),
                    tokens: out[i].tokens.start..end,
                };
            }
            _ => push(tokens, start, end, out),
        }
    }
}

/// Splits the tokens `first..end` of one paragraph into sentences, appended to `out`: an opening
/// dateline or date line first, then at each token that ends a sentence.
fn split_paragraph(
    text: &str,
    tokens: &[Span],
    first: usize,
    end: usize,
    wrapped: bool,
    out: &mut Vec<Sentence>,
) {
    let p = Para {
        quotes: Cell::new((first, 0)),
        text,
        tokens,
        first,
        end,
        wrapped,
    };
    let mut start = first;
    let mut k = first;
    if let Some(d) = p.dateline_end().or_else(|| p.date_line_end()) {
        push(tokens, first, d, out);
        start = d;
        k = d;
    }
    while k < end {
        let tok = p.tok(k);
        if k > start && p.starts_unstopped(k, tok) {
            push(tokens, start, k, out);
            start = k;
        }
        let (kind, stop) = p.end_at(k, tok);
        if kind != End::No && p.ends_sentence(kind, start, k, tok, stop) {
            push(tokens, start, stop, out);
            start = stop;
        }
        k = stop;
    }
    if start < end {
        p.push_last(start, out);
    }
}

fn push(tokens: &[Span], first: usize, end: usize, out: &mut Vec<Sentence>) {
    out.push(Sentence {
        span: Span::new(tokens[first].start, tokens[end - 1].end),
        tokens: first..end,
    });
}
