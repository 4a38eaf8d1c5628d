//! Character classes the scanners share.
//!
//! Kept as `match` tables on `char` (no regex, no allocation) because they run once or twice per
//! character of input.

/// Separates tokens. Unicode `White_Space` (which includes NBSP and the thin spaces) plus the
/// invisible separators that real news feeds use in their place.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')
}

/// ASCII fast path of [`is_space`].
#[inline]
pub(crate) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0B' | b'\x0C')
}

/// Letters and digits of any script.
#[inline]
pub(crate) fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// Punctuation that is always a token of its own, even between two letters: every quotation
/// mark except the apostrophes (`’`, `'`, and `` ` ``, which may sit inside a word), dashes,
/// brackets other than parentheses, the ellipsis, and symbols.
#[inline]
pub(crate) fn always_splits(c: char) -> bool {
    if c.is_ascii() {
        return matches!(
            c,
            '"' | ';' | '!' | '?' | '[' | ']' | '{' | '}' | '|' | '<' | '>' | '=' | '~' | '^' | '*'
        );
    }
    matches!(
        c,
        '“' | '”'
            | '„'
            | '‟'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '‘'
            | '‚'
            | '‛'
            | '「'
            | '」'
            | '『'
            | '』'
            | '＂'
            | '—'
            | '–'
            | '―'
            | '‒'
            | '…'
            | '¡'
            | '¿'
            | '•'
            | '·'
            | '¦'
            | '§'
            | '¶'
            | '†'
            | '‡'
            | '©'
            | '®'
            | '™'
            | '°'
    ) || is_cjk_punct(c)
        || is_emoji_base(c)
}

/// Full-width and ideographic punctuation (`，。、「」（）！？：；`).
#[inline]
pub(crate) fn is_cjk_punct(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}')
}

/// Pictographs that start an emoji (which may continue with modifiers and ZWJ joins).
#[inline]
pub(crate) fn is_emoji_base(c: char) -> bool {
    matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}'
        | '\u{2300}'..='\u{23FF}')
}

/// Code points that extend the emoji before them: variation selectors, skin tones, keycap,
/// tag characters. (A ZWJ joins the next pictograph; see [`emoji_len`].)
#[inline]
fn extends_emoji(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{20E3}'
        | '\u{E0020}'..='\u{E007F}')
}

/// Byte length of the emoji sequence that starts `s` (whose first char is an emoji base):
/// the base, its modifiers, ZWJ-joined pictographs, or a regional-indicator pair (a flag).
pub(crate) fn emoji_len(s: &str) -> usize {
    let mut it = s.char_indices().peekable();
    let Some((_, first)) = it.next() else {
        return 0;
    };
    let mut end = first.len_utf8();
    let regional = |c: char| matches!(c, '\u{1F1E6}'..='\u{1F1FF}');
    if regional(first) {
        if let Some(&(i, c)) = it.peek() {
            if regional(c) {
                return i + c.len_utf8();
            }
        }
        return end;
    }
    while let Some(&(i, c)) = it.peek() {
        if extends_emoji(c) {
            end = i + c.len_utf8();
            it.next();
        } else if c == '\u{200D}' {
            it.next();
            match it.peek() {
                Some(&(j, n)) if is_emoji_base(n) => {
                    end = j + n.len_utf8();
                    it.next();
                }
                // A dangling ZWJ belongs to the emoji rather than starting a token.
                _ => {
                    end = i + c.len_utf8();
                    break;
                }
            }
        } else {
            break;
        }
    }
    end
}

/// Marks a sentence end: `.`, `!`, `?`, the ellipsis and their ideographic forms.
#[inline]
pub(crate) fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '。' | '！' | '？' | '‼' | '⁇' | '⁈' | '⁉'
    )
}

/// Closes a quotation or a bracket: may follow a sentence end and still belong to it.
#[inline]
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '”' | '’' | '»' | '›' | '」' | '』' | '）'
    )
}

/// Number of chars in `s`, counted from its UTF-8 bytes.
#[inline]
pub(crate) fn char_count(s: &str) -> usize {
    s.bytes().filter(|&b| (b & 0xC0) != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zwj_family_is_one_emoji() {
        let family = "👨\u{200D}👩\u{200D}👧";
        assert_eq!(emoji_len(&format!("{family}x")), family.len());
        assert_eq!(emoji_len("👍🏽!"), "👍🏽".len());
        assert_eq!(emoji_len("🇷🇺🇫🇷"), "🇷🇺".len());
    }

    #[test]
    fn every_quote_but_the_apostrophes_always_splits() {
        for q in ['"', '“', '”', '„', '«', '»', '‹', '›', '‘', '‚', '「', '」'] {
            assert!(always_splits(q), "{q}");
        }
        assert!(!always_splits('’') && !always_splits('\'') && !always_splits('`'));
    }

    #[test]
    fn nbsp_and_zero_width_space_separate() {
        assert!(is_space('\u{A0}'));
        assert!(is_space('\u{200B}'));
        assert!(!is_space('\u{200D}'));
    }
}
