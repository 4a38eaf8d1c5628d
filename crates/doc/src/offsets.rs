//! Byte ⇄ code point offset conversion, built once per document.
//!
//! Stages work in byte offsets on `&str` (cheap slicing); the wire format uses Unicode
//! code point offsets (what Python's `text[start:end]` and brat use). An [`OffsetMap`] is
//! built once per document and converts in O(1); for pure ASCII text it is free.

/// Converts between byte offsets and code point offsets of one text.
#[derive(Debug, Clone)]
pub struct OffsetMap {
    /// `None` for ASCII text, where both offsets coincide.
    tables: Option<Tables>,
    byte_len: usize,
}

#[derive(Debug, Clone)]
struct Tables {
    /// `byte_to_cp[b]` = number of code points before byte `b` (for `b` on a char boundary).
    byte_to_cp: Vec<u32>,
    /// `cp_to_byte[c]` = byte offset of code point `c`; has `chars + 1` entries.
    cp_to_byte: Vec<u32>,
}

impl OffsetMap {
    /// Builds the map for `text`.
    pub fn new(text: &str) -> OffsetMap {
        if text.is_ascii() {
            return OffsetMap {
                tables: None,
                byte_len: text.len(),
            };
        }
        let mut byte_to_cp = vec![0u32; text.len() + 1];
        let mut cp_to_byte = Vec::with_capacity(text.len() + 1);
        let mut cp = 0u32;
        for (b, ch) in text.char_indices() {
            for slot in &mut byte_to_cp[b..b + ch.len_utf8()] {
                *slot = cp;
            }
            cp_to_byte.push(b as u32);
            cp += 1;
        }
        byte_to_cp[text.len()] = cp;
        cp_to_byte.push(text.len() as u32);
        OffsetMap {
            tables: Some(Tables {
                byte_to_cp,
                cp_to_byte,
            }),
            byte_len: text.len(),
        }
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        match &self.tables {
            None => self.byte_len,
            Some(t) => t.cp_to_byte.len() - 1,
        }
    }

    /// Code point offset of byte offset `byte` (which must be `<= text.len()`).
    pub fn to_char(&self, byte: usize) -> usize {
        match &self.tables {
            None => byte,
            Some(t) => t.byte_to_cp[byte] as usize,
        }
    }

    /// Byte offset of code point offset `ch`, or `None` when past the end of the text.
    pub fn to_byte(&self, ch: usize) -> Option<usize> {
        match &self.tables {
            None => (ch <= self.byte_len).then_some(ch),
            Some(t) => t.cp_to_byte.get(ch).map(|&b| b as usize),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let m = OffsetMap::new("abc");
        assert_eq!(m.to_char(2), 2);
        assert_eq!(m.to_byte(3), Some(3));
        assert_eq!(m.to_byte(4), None);
        assert_eq!(m.char_len(), 3);
    }

    #[test]
    fn multibyte_round_trip() {
        let text = "a’b😀c";
        let m = OffsetMap::new(text);
        assert_eq!(m.char_len(), 5);
        for (cp, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(m.to_char(b), cp);
            assert_eq!(m.to_byte(cp), Some(b));
        }
        assert_eq!(m.to_char(text.len()), 5);
        assert_eq!(m.to_byte(5), Some(text.len()));
        assert_eq!(m.to_byte(6), None);
    }
}
