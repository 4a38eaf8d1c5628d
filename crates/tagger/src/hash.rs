//! Feature hashing: a feature is a template id plus a few byte strings, hashed straight into a
//! bucket of a fixed-size weight table, so extracting features allocates nothing.

/// A streaming 64-bit hash (FxHash-style multiply-rotate over 8-byte words), stable across
/// platforms and releases because bucket ids are stored in model files.
#[derive(Debug, Clone, Copy)]
pub struct FeatureHash(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FeatureHash {
    /// Starts the hash of a feature of template `template`.
    #[inline]
    pub fn new(template: u32) -> FeatureHash {
        FeatureHash(0).mix(u64::from(template) ^ 0x9e37_79b9_7f4a_7c15)
    }

    #[inline]
    fn mix(self, word: u64) -> FeatureHash {
        FeatureHash((self.0.rotate_left(5) ^ word).wrapping_mul(SEED))
    }

    /// Adds a byte string (its length too, so `("ab","c")` differs from `("a","bc")`).
    #[inline]
    pub fn bytes(self, bytes: &[u8]) -> FeatureHash {
        self.words(bytes, |w| w)
    }

    /// Adds `bytes` in little-endian 8-byte words (the last padded with zeros), each mapped
    /// by `map`, then their length.
    #[inline(always)]
    fn words(mut self, bytes: &[u8], map: impl Fn(u64) -> u64) -> FeatureHash {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self = self.mix(map(u64::from_le_bytes(w)));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // Byte by byte: a copy of a variable length is a call to memcpy.
            let w = rest.iter().rev().fold(0u64, |w, &b| w << 8 | u64::from(b));
            self = self.mix(map(w));
        }
        self.mix(bytes.len() as u64 | 0xff00_0000_0000_0000)
    }

    /// Adds the lower-cased form of `s` without building a lower-cased string.
    #[inline]
    pub fn lower(self, s: &str) -> FeatureHash {
        if s.is_ascii() {
            return self.words(s.as_bytes(), ascii_lower);
        }
        self.lower_unicode(s)
    }

    /// [`FeatureHash::lower`] beyond ASCII, one character at a time.
    fn lower_unicode(mut self, s: &str) -> FeatureHash {
        // Hash exactly the bytes `s.to_lowercase()` would hold, in 8-byte words.
        let mut word = [0u8; 8];
        let mut fill = 0;
        let mut len = 0usize;
        let mut buf = [0u8; 4];
        for ch in s.chars().flat_map(char::to_lowercase) {
            for &b in ch.encode_utf8(&mut buf).as_bytes() {
                word[fill] = b;
                fill += 1;
                len += 1;
                if fill == 8 {
                    self = self.mix(u64::from_le_bytes(word));
                    word = [0u8; 8];
                    fill = 0;
                }
            }
        }
        if fill > 0 {
            self = self.mix(u64::from_le_bytes(word));
        }
        self.mix(len as u64 | 0xff00_0000_0000_0000)
    }

    /// Adds a small integer (a label, a flag, a bucketed count).
    #[inline]
    pub fn num(self, n: u64) -> FeatureHash {
        self.mix(n)
    }

    /// The full 64-bit hash.
    #[inline]
    pub fn finish(self) -> u64 {
        // Final avalanche so low bits (the bucket) depend on every input bit.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h
    }
}

/// Eight ASCII bytes lower-cased at once: `0x20` added to every byte in `A..=Z`.
#[inline(always)]
fn ascii_lower(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Bytes are below 0x80, so these sums carry into no other byte: their top bit says
    // "at least `A`" and "past `Z`".
    let from_a = w + ONES * (0x80 - u64::from(b'A'));
    let past_z = w + ONES * (0x80 - u64::from(b'Z') - 1);
    let upper = from_a & !past_z & (ONES * 0x80);
    w | upper >> 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_matches_hashing_the_lowercased_string() {
        for s in [
            "Lavrov",
            "MOSCOW",
            "ÉCOLE Normale",
            "straße",
            "İstanbul",
            "already lower",
            "",
            "@[AZ`az{]",
            "A LONG HEADLINE IN CAPITALS, 2026",
        ] {
            let a = FeatureHash::new(3).lower(s).finish();
            let b = FeatureHash::new(3)
                .bytes(s.to_lowercase().as_bytes())
                .finish();
            assert_eq!(a, b, "{s}");
        }
    }

    #[test]
    fn ascii_lower_cases_exactly_the_capitals() {
        let all: String = (0u8..128).map(char::from).collect();
        for start in 0..all.len() {
            let s = &all[start..(start + 11).min(all.len())];
            let a = FeatureHash::new(0).lower(s).finish();
            let b = FeatureHash::new(0)
                .bytes(s.to_lowercase().as_bytes())
                .finish();
            assert_eq!(a, b, "{s:?}");
        }
    }

    #[test]
    fn parts_and_templates_are_distinguished() {
        let ab_c = FeatureHash::new(1).bytes(b"ab").bytes(b"c").finish();
        let a_bc = FeatureHash::new(1).bytes(b"a").bytes(b"bc").finish();
        assert_ne!(ab_c, a_bc);
        assert_ne!(
            FeatureHash::new(1).bytes(b"x").finish(),
            FeatureHash::new(2).bytes(b"x").finish()
        );
    }
}

/// A map keyed by [`FeatureHash`] values: the keys are already well mixed, so hashing them
/// again (as `HashMap`'s default SipHash would) only costs time in per-token lookups.
pub type HashedMap<V> =
    std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<PassThrough>>;

/// A set of [`FeatureHash`] values (see [`HashedMap`]).
pub type HashedSet = std::collections::HashSet<u64, std::hash::BuildHasherDefault<PassThrough>>;

/// The identity hasher behind [`HashedMap`]: uses a `u64` key as its own hash.
#[derive(Debug, Default, Clone, Copy)]
pub struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only reached for non-u64 keys; fold them in rather than lose them.
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(SEED);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
