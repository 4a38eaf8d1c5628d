//! The hashed features of one token sequence, as bucket ids into a model's weight table.

use crate::hash::FeatureHash;

/// Bucket ids of the features of each token of one sequence, in one flat buffer
/// (reused from sequence to sequence, so steady-state extraction does not allocate).
#[derive(Debug, Clone)]
pub struct Features {
    mask: u64,
    buckets: Vec<u32>,
    starts: Vec<u32>,
}

impl Features {
    /// An empty buffer for a table of `2^bits` buckets (`bits` ≤ 32).
    pub fn new(bits: u8) -> Features {
        let bits = bits.min(32);
        Features {
            mask: (1u64 << bits) - 1,
            buckets: Vec::new(),
            starts: Vec::new(),
        }
    }

    /// Forgets every token.
    pub fn clear(&mut self) {
        self.buckets.clear();
        self.starts.clear();
    }

    /// Starts the next token: later [`Features::add`] calls belong to it.
    #[inline]
    pub fn next_token(&mut self) {
        self.starts.push(self.buckets.len() as u32);
    }

    /// Adds one feature to the current token (call [`Features::next_token`] first).
    #[inline]
    pub fn add(&mut self, feature: FeatureHash) {
        self.buckets.push((feature.finish() & self.mask) as u32);
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The bucket ids of token `i`.
    #[inline]
    pub fn token(&self, i: usize) -> &[u32] {
        let start = self.starts[i] as usize;
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.buckets.len(), |&e| e as usize);
        &self.buckets[start..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_their_own_features() {
        let mut f = Features::new(10);
        f.next_token();
        f.add(FeatureHash::new(0).bytes(b"a"));
        f.add(FeatureHash::new(1).bytes(b"a"));
        f.next_token();
        f.next_token();
        f.add(FeatureHash::new(0).bytes(b"a"));
        assert_eq!(f.len(), 3);
        assert_eq!(f.token(0).len(), 2);
        assert!(f.token(1).is_empty());
        assert_eq!(f.token(2), &f.token(0)[..1]);
        assert!(f.token(0).iter().all(|&b| b < 1024));
    }
}
