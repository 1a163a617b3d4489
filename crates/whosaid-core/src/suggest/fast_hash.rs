//! A fast hash (FxHash's word-at-a-time mixing) for the engine's own maps and sets: their keys
//! are short words and names, where the standard SipHash costs more than the lookup itself. Not
//! for keys an attacker chooses.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Clone, Copy, Default)]
pub(super) struct Fx(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(super) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// A closed class of lower-case words, looked up whatever the case of the word.
pub(super) struct WordSet(HashSet<&'static str, BuildHasherDefault<Fx>>);

impl WordSet {
    pub fn new(words: &[&'static str]) -> Self {
        Self(words.iter().copied().collect())
    }

    pub fn contains(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        super::tokens::lower(word, &mut buf).is_some_and(|w| self.0.contains(w))
    }
}
