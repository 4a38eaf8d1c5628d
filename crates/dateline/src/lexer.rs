//! A small lexer for the opening of a story.
//!
//! The dateline grammar needs finer pieces than the pipeline's tokens (the `.` of `Va.` versus a
//! terminating `.`, `--` as two dashes, `2O` as a day), and it only ever looks at one line or two,
//! so it lexes that text itself.

/// What a lexed piece is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters, with inner `.`, `'`, `-`, `&` (`N.J`, `O'HARE`, `WINSTON-SALEM`); may hold digits.
    Word,
    /// Starts with a digit (`24`, `24th`, `2O`, `24.11.2016`, `2016-11-24`).
    Num,
    /// Any other single character.
    Punct(char),
}

/// One lexed piece: byte offsets into the text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// Whitespace separates it from the previous piece.
    pub space_before: bool,
    /// A line break separates it from the previous piece.
    pub newline_before: bool,
}

impl Tok {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// Punctuation that is one of `chars`.
    pub fn punct_in(&self, chars: &[char]) -> bool {
        matches!(self.kind, Kind::Punct(c) if chars.contains(&c))
    }
}

fn joins_word(c: char) -> bool {
    matches!(c, '.' | '\'' | '’' | '-' | '&')
}

fn joins_num(c: char) -> bool {
    matches!(c, '.' | '/' | '-')
}

/// Lexes `text[from..to]` (both on char boundaries), stopping after `max` pieces.
pub(crate) fn lex(text: &str, from: usize, to: usize, max: usize) -> Vec<Tok> {
    let Some(s) = text.get(from..to) else {
        return Vec::new();
    };
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut toks = Vec::new();
    let (mut space, mut newline) = (false, false);
    let mut i = 0;
    while i < chars.len() && toks.len() < max {
        let c = chars[i].1;
        if c.is_whitespace() {
            space = true;
            newline |= c == '\n';
            i += 1;
            continue;
        }
        let begin = i;
        let kind = if c.is_alphabetic() || c.is_ascii_digit() {
            let word = c.is_alphabetic();
            i += 1;
            while i < chars.len() {
                let d = chars[i].1;
                if d.is_alphanumeric() {
                    i += 1;
                } else if (if word { joins_word(d) } else { joins_num(d) })
                    && chars.get(i + 1).is_some_and(|&(_, n)| n.is_alphanumeric())
                {
                    i += 2;
                } else {
                    break;
                }
            }
            if word {
                Kind::Word
            } else {
                Kind::Num
            }
        } else {
            i += 1;
            Kind::Punct(c)
        };
        let end = chars.get(i).map_or(s.len(), |&(b, _)| b);
        toks.push(Tok {
            kind,
            start: from + chars[begin].0,
            end: from + end,
            space_before: space,
            newline_before: newline,
        });
        space = false;
        newline = false;
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(s: &str) -> Vec<&str> {
        lex(s, 0, s.len(), 100).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn words_numbers_and_punctuation() {
        assert_eq!(
            pieces("RICHMOND, Va. (AP) —"),
            ["RICHMOND", ",", "Va", ".", "(", "AP", ")", "—"]
        );
        assert_eq!(
            pieces("TRENTON, N.J., Nov. 24 --"),
            ["TRENTON", ",", "N.J", ".", ",", "Nov", ".", "24", "-", "-"]
        );
        assert_eq!(
            pieces("WINSTON-SALEM 2O 24.11.2016 l7"),
            ["WINSTON-SALEM", "2O", "24.11.2016", "l7"]
        );
        assert_eq!(
            pieces("Москва. 15 июля."),
            ["Москва", ".", "15", "июля", "."]
        );
    }

    #[test]
    fn offsets_and_spacing() {
        let s = "ab  c\nd";
        let t = lex(s, 0, s.len(), 10);
        assert_eq!(
            (t[1].start, t[1].space_before, t[1].newline_before),
            (4, true, false)
        );
        assert!(t[2].newline_before);
        assert_eq!(lex(s, 3, s.len(), 1).len(), 1);
    }
}
