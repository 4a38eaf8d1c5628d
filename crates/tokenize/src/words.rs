//! The token scanner: whitespace-separated chunks, then prefixes, suffixes and infixes split off
//! each chunk by hand-written rules (the UD English / PTB conventions GUM uses).
//!
//! Everything works on byte offsets of `&str` and advances by whole chars, so no span can start
//! or end inside a code point.

use crate::abbrev::{is_dotted_initials, keeps_period};
use crate::chars::{always_splits, emoji_len, is_ascii_space, is_emoji_base, is_space, is_word};
use newsnlp_doc::Span;
use newsnlp_lexicon::{self as lexicon, Flags};

/// Appends the tokens of `text` to `out`. `suffixes` is scratch space reused between chunks.
pub(crate) fn tokenize(text: &str, out: &mut Vec<Span>, suffixes: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let len = space_len(text, i);
        if len > 0 {
            i += len;
            continue;
        }
        let start = i;
        while i < n {
            let b = bytes[i];
            if b < 0x80 {
                if is_ascii_space(b) {
                    break;
                }
                i += 1;
            } else if space_len(text, i) > 0 {
                break;
            } else {
                i += char_len_at(bytes, i);
            }
        }
        Chunk {
            text,
            base: start,
            end: i,
        }
        .split(out, suffixes);
    }
}

/// Byte length of the whitespace char at `i`, or 0 when it is not whitespace.
#[inline]
fn space_len(text: &str, i: usize) -> usize {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        usize::from(is_ascii_space(b))
    } else {
        match text[i..].chars().next() {
            Some(c) if is_space(c) => c.len_utf8(),
            _ => 0,
        }
    }
}

/// Byte length of the UTF-8 sequence whose lead byte is at `i`.
#[inline]
fn char_len_at(bytes: &[u8], i: usize) -> usize {
    match bytes[i] {
        b if b < 0xE0 => {
            if b < 0x80 {
                1
            } else {
                2
            }
        }
        b if b < 0xF0 => 3,
        _ => 4,
    }
}

/// One whitespace-free chunk `text[base..end]`.
struct Chunk<'a> {
    text: &'a str,
    base: usize,
    end: usize,
}

/// Words written with a leading apostrophe: `'em`, `'til`, `'70s`.
fn apostrophe_word(rest: &str) -> bool {
    let word_len = rest.find(|c: char| !is_word(c)).unwrap_or(rest.len());
    let word = &rest[..word_len];
    if word.is_empty() {
        return false;
    }
    let digits = word.trim_end_matches('s');
    if !digits.is_empty() && digits.len() <= 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    ["em", "til", "cause", "n", "tis", "twas", "bout", "s"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
}

/// Byte length of a clitic at the end of `word` (`n't`, `'s`, `'re`, …), if it has one and a
/// word before it. `gov't` and `O'Neill` have none.
fn clitic_len(word: &str) -> Option<usize> {
    let at = word.rfind(['\'', '’'])?;
    let apos_len = if word.as_bytes()[at] == b'\'' {
        1
    } else {
        '’'.len_utf8()
    };
    let tail = &word[at + apos_len..];
    let head = &word[..at];
    if tail.eq_ignore_ascii_case("t") {
        let before_n = head.strip_suffix(['n', 'N'])?;
        return before_n
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
            .then(|| word.len() - head.len() + 1);
    }
    let clitic = ["s", "m", "d", "re", "ve", "ll"]
        .iter()
        .any(|c| tail.eq_ignore_ascii_case(c));
    (clitic && head.chars().next_back().is_some_and(is_word)).then(|| word.len() - at)
}

/// Words UD splits although they have no apostrophe (`can|not`, `gon|na`), with the byte
/// length of their first part.
const FUSED: &[(&str, usize)] = &[
    ("cannot", 3),
    ("gonna", 3),
    ("gotta", 3),
    ("wanna", 3),
    ("gimme", 3),
    ("lemme", 3),
    ("lotta", 3),
    ("outta", 3),
    ("dunno", 3),
    ("c'mon", 3),
    ("c’mon", 5),
];

fn fused_split(word: &str) -> Option<usize> {
    FUSED
        .iter()
        .find(|(w, _)| word.eq_ignore_ascii_case(w))
        .map(|&(_, k)| k)
}

/// Bound prefixes that UD keeps joined to the word by their hyphen (`re-elected`, `non-profit`,
/// `e-mail`); every other hyphen between words is a token of its own (`all - girl`).
fn is_hyphen_prefix(word: &str) -> bool {
    lexicon::flags_folded(word).contains(Flags::HYPHEN_PREFIX)
}

/// `3-5`, `15-20`, `1990-2000`: a range of two numbers, whose hyphen is a token. Codes and dates
/// (`22-506`, `36-01`, `1996-08-22`) stay whole.
fn is_range(word: &str) -> bool {
    let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
    let w = word.as_bytes();
    let a = digits(w);
    if w.get(a) != Some(&b'-') {
        return false;
    }
    let b = digits(&w[a + 1..]);
    let after = &w[a + 1 + b..];
    if after.first() == Some(&b'-') && after.get(1).is_some_and(u8::is_ascii_digit) {
        // A third part: a date or a code.
        return false;
    }
    let (a, b) = (&word[..a], &word[a + 1..a + 1 + b]);
    let year = |p: &str| p.len() == 4 && (p.starts_with("19") || p.starts_with("20"));
    (a.len() <= 2 && (1..=2).contains(&b.len()) && !b.starts_with('0')) || (year(a) && year(b))
}

/// Unit and clock words split from a number written against them (`6:00|am`, `10|km`).
const UNITS: &[&str] = &[
    "am", "pm", "a.m.", "p.m.", "km", "kg", "mm", "cm", "m", "mg", "ml", "mph", "kph", "kmh", "lb",
    "lbs", "ft", "bn", "mn", "gb", "mb", "tb", "kw", "mw", "gw", "kwh", "hrs", "h",
];

/// Where a number glued to a unit (`6:00am`) splits, as a byte offset into `word`.
fn number_unit_split(word: &str) -> Option<usize> {
    let digits_end = word.find(|c: char| !(c.is_ascii_digit() || matches!(c, ',' | '.' | ':')))?;
    let (num, unit) = word.split_at(digits_end);
    (num.starts_with(|c: char| c.is_ascii_digit())
        && num.ends_with(|c: char| c.is_ascii_digit())
        && UNITS.iter().any(|u| unit.eq_ignore_ascii_case(u)))
    .then_some(digits_end)
}

/// How far the scanner looks for the other half of a bracket pair inside a word (`friend(s)`)
/// or for the start of an abbreviation: far enough for any real one, and it keeps the scan
/// linear on pathological input.
const NEAR: usize = 32;

/// Position of `b` among the first [`NEAR`] bytes of `s`.
fn find_near(s: &[u8], b: u8) -> Option<usize> {
    s.iter().take(NEAR).position(|&x| x == b)
}

/// Position of `b` among the last [`NEAR`] bytes of `s`.
fn find_near_back(s: &[u8], b: u8) -> Option<usize> {
    s.iter()
        .rev()
        .take(NEAR)
        .position(|&x| x == b)
        .map(|i| s.len() - 1 - i)
}

/// The part of `word` after its last hyphen or slash (`N.Y.` in `D-N.Y.`), looking back at most
/// [`NEAR`] bytes.
fn last_segment(word: &str) -> &str {
    let b = word.as_bytes();
    let cut = b
        .iter()
        .rev()
        .take(NEAR)
        .position(|&x| x == b'-' || x == b'/');
    cut.map_or(word, |i| &word[b.len() - i..])
}

/// URLs, e-mail addresses, @handles and #hashtags stay whole.
fn is_link_like(word: &str) -> bool {
    let b = word.as_bytes();
    if word.contains("://") || (b.len() > 4 && b[..4].eq_ignore_ascii_case(b"www.")) {
        return true;
    }
    if let Some(at) = word.find('@') {
        let (user, host) = (&word[..at], &word[at + 1..]);
        if user.is_empty() {
            return host.chars().next().is_some_and(|c| is_word(c) || c == '_');
        }
        return host.contains('.') && user.chars().next_back().is_some_and(is_word);
    }
    if let Some(tag) = word.strip_prefix('#') {
        return tag
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_');
    }
    false
}

/// Byte length of the prefix token at `w[lo..]` (a mark, a currency sign before a digit, a run of
/// dashes or dots), or `None` where the word itself starts.
fn prefix_len(w: &str, lo: usize) -> Option<usize> {
    let rest = &w[lo..];
    let c = rest.chars().next()?;
    let cl = c.len_utf8();
    let after = rest[cl..].chars().next();
    let n = match c {
        '\'' | '’' | '`' => {
            // After another mark (`''10 times''`) this one is half of a quotation mark.
            let doubled = w[..lo].ends_with(['\'', '’', '`']);
            if !doubled && apostrophe_word(&rest[cl..]) {
                return None;
            }
            if c == '`' && after == Some('`') {
                2
            } else {
                cl
            }
        }
        // A currency sign is a token of its own only before a number (`$5`).
        '$' | '£' | '€' | '¥' | '₽' | '₹' | '₩' => {
            after.is_some_and(|a| a.is_ascii_digit()).then_some(cl)?
        }
        '-' => {
            if after.is_some_and(|a| a.is_ascii_digit()) {
                return None;
            }
            rest.bytes().take_while(|&b| b == b'-').count()
        }
        '.' => {
            let dots = rest.bytes().take_while(|&b| b == b'.').count();
            // `..`, `...`, and a stop missing its space (`.That`); not `.596`.
            if dots >= 2 || after.is_some_and(char::is_uppercase) {
                dots
            } else {
                return None;
            }
        }
        '#' if after.is_some_and(|a| a.is_ascii_digit()) => cl,
        '(' | ',' | ':' | '/' | '\\' | '+' | '&' | '%' => {
            // `(s)he`, `(re)build`: a bracket inside the word.
            if c == '(' && rest[cl..].starts_with(is_word) {
                if let Some(close) = find_near(rest.as_bytes(), b')') {
                    if rest[close + 1..].starts_with(is_word) {
                        return None;
                    }
                }
            }
            cl
        }
        c if is_emoji_base(c) => emoji_len(rest),
        c if always_splits(c) => cl,
        _ => return None,
    };
    Some(n)
}

impl Chunk<'_> {
    /// The first char after the whitespace that follows the chunk (decides `No. 5`).
    fn next_char(&self) -> Option<char> {
        self.text[self.end..].chars().find(|&c| !is_space(c))
    }

    fn push(&self, out: &mut Vec<Span>, lo: usize, hi: usize) {
        out.push(Span::new(self.base + lo, self.base + hi));
    }

    /// Splits the chunk: prefixes off the front, suffixes off the back, then the core between
    /// them at its infixes. Suffixes are found right to left, so they wait in `suffixes`.
    fn split(&self, out: &mut Vec<Span>, suffixes: &mut Vec<Span>) {
        let w = &self.text[self.base..self.end];
        // Fast path: most chunks are plain ASCII words.
        let b = w.as_bytes();
        if b.iter().all(u8::is_ascii_alphanumeric)
            && !(5..=6).contains(&b.len())
            && !(b[0].is_ascii_digit() && number_unit_split(w).is_some())
        {
            self.push(out, 0, w.len());
            return;
        }
        let lo = self.split_prefixes(w, out);
        suffixes.clear();
        let hi = self.split_suffixes(w, lo, suffixes);
        self.split_core(w, lo, hi, out);
        out.extend(suffixes.iter().rev());
    }

    /// Pushes the marks and symbols that open the chunk (`"`, `(`, `$`, `--`) as tokens; returns
    /// where the rest of the chunk starts.
    fn split_prefixes(&self, w: &str, out: &mut Vec<Span>) -> usize {
        let mut lo = 0;
        while lo < w.len() {
            let Some(n) = prefix_len(w, lo) else { break };
            self.push(out, lo, lo + n);
            lo += n;
        }
        lo
    }

    /// Collects the marks, punctuation and clitics that close `w[lo..]` (`,`, `)`, `n't`), last
    /// first; returns where the core ends.
    fn split_suffixes(&self, w: &str, lo: usize, suffixes: &mut Vec<Span>) -> usize {
        let mut hi = w.len();
        while lo < hi {
            let Some(n) = self.suffix_len(&w[lo..hi], lo == 0) else {
                break;
            };
            hi -= n;
            suffixes.push(Span::new(self.base + hi, self.base + hi + n));
        }
        hi
    }

    /// Byte length of the suffix token at the end of `rest`, or `None` where the word ends;
    /// `at_start` says `rest` begins the chunk (`a)` is a list label).
    fn suffix_len(&self, rest: &str, at_start: bool) -> Option<usize> {
        let c = rest.chars().next_back()?;
        let cl = c.len_utf8();
        let n = match c {
            // `a)`: a list label at the start of a chunk.
            ')' if at_start && rest.len() == 2 && rest.as_bytes()[0].is_ascii_lowercase() => {
                return None
            }
            ')' | ']' | '}' => {
                let open = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                if find_near_back(&rest.as_bytes()[..rest.len() - cl], open as u8).is_some() {
                    return None;
                }
                cl
            }
            '.' => {
                let dots = rest.bytes().rev().take_while(|&b| b == b'.').count();
                if dots >= 2 {
                    dots
                } else if keeps_period(last_segment(rest), || self.next_char()) {
                    return None;
                } else {
                    1
                }
            }
            '-' => {
                let dashes = rest.bytes().rev().take_while(|&b| b == b'-').count();
                if dashes >= 2 || dashes == rest.len() {
                    dashes
                } else {
                    // `re-`, `Shobha-`: a cut-off word keeps its hyphen.
                    return None;
                }
            }
            '\'' | '’' | ',' | ':' | '%' | '‰' | '/' | '\\' | '+' | '&' | '#' | '@' => cl,
            c if always_splits(c) && !is_emoji_base(c) => cl,
            _ => return clitic_len(rest),
        };
        Some(n)
    }

    /// Tokens of `w[lo..hi]`, what prefixes and suffixes left: a link stays whole, a fused word
    /// (`cannot`) or a number with its unit (`10km`) splits in two, the rest at its infixes.
    fn split_core(&self, w: &str, lo: usize, hi: usize, out: &mut Vec<Span>) {
        let core = &w[lo..hi];
        if core.is_empty() {
            return;
        }
        if is_link_like(core) {
            self.push(out, lo, hi);
        } else if let Some(k) = fused_split(core).or_else(|| number_unit_split(core)) {
            self.push(out, lo, lo + k);
            self.split_infixes(out, lo + k, hi);
        } else {
            self.split_infixes(out, lo, hi);
        }
    }

    /// Splits `w[lo..hi]` (no prefix or suffix left) at the punctuation inside it.
    fn split_infixes(&self, out: &mut Vec<Span>, lo: usize, hi: usize) {
        let w = &self.text[self.base..self.end];
        let core = &w[lo..hi];
        let mut start = 0; // token start, relative to core
        let mut prev: Option<char> = None;
        let mut it = core.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            let next = it.peek().map(|&(_, n)| n);
            let split_len = match c {
                '.' => {
                    let dots = core[i..].bytes().take_while(|&b| b == b'.').count();
                    // `said.Trump`: a sentence stop missing its space (`U.S.A`, `ASP.NET`,
                    // `Ph.D.` and `Gawker.com` stay whole).
                    let missing_space = prev.is_some_and(char::is_lowercase)
                        && next.is_some_and(char::is_uppercase)
                        && i - start >= 2
                        && !core[start..i].contains('.')
                        && !is_dotted_initials(core.strip_suffix('.').unwrap_or(core));
                    (dots >= 2 || missing_space).then_some(dots)
                }
                '-' => {
                    let dashes = core[i..].bytes().take_while(|&b| b == b'-').count();
                    let numeric = prev.is_some_and(|p| p.is_ascii_digit())
                        && next.is_some_and(|n| n.is_ascii_digit());
                    let sign = i == start && next.is_some_and(|n| n.is_ascii_digit());
                    let joins = dashes == 1
                        && (sign
                            || (numeric && !is_range(&core[start..]))
                            || next.is_none()
                            || is_hyphen_prefix(&core[start..i]));
                    (!joins).then_some(dashes)
                }
                ',' | ':' | '/' => {
                    let numeric = prev.is_some_and(|p| p.is_ascii_digit())
                        && next.is_some_and(|n| n.is_ascii_digit());
                    (!numeric).then_some(1)
                }
                // A bracket stays inside a word only around word characters (`friend(s)`):
                // `()()()` is six tokens, not one.
                '(' => {
                    let closes = find_near(&core.as_bytes()[i..], b')').is_some();
                    (!(closes && next.is_some_and(is_word))).then_some(1)
                }
                ')' => {
                    let opened = find_near_back(&core.as_bytes()[start..i], b'(').is_some();
                    (!(opened && prev.is_some_and(is_word))).then_some(1)
                }
                c if is_emoji_base(c) => Some(emoji_len(&core[i..])),
                c if always_splits(c) => Some(c.len_utf8()),
                _ => None,
            };
            if let Some(len) = split_len {
                if start < i {
                    self.push(out, lo + start, lo + i);
                }
                self.push(out, lo + i, lo + i + len);
                start = i + len;
                // Skip the chars the split token covered.
                while let Some(&(j, _)) = it.peek() {
                    if j < start {
                        it.next();
                    } else {
                        break;
                    }
                }
                prev = core[..start].chars().next_back();
                continue;
            }
            prev = Some(c);
        }
        if start < core.len() {
            self.push(out, lo + start, hi);
        }
    }
}
