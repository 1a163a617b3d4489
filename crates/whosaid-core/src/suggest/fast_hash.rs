//! A fast hash (FxHash's word-at-a-time mixing) for the engine's own maps and sets: their keys
//! are short words and names, where the standard SipHash costs more than the lookup itself. Not
//! for keys an attacker chooses.

use std::collections::HashMap;
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
        // The last few bytes as one word: most keys are shorter than eight bytes.
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(super) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// Longest word a [`WordSet`] can hold, in bytes.
const LONGEST: usize = 24;

/// A closed class of lower-case words, looked up whatever the case of the word. Words are kept
/// by length and first letter and compared ignoring ASCII case: asked for every word of every
/// document, that costs a fraction of lower-casing a copy and hashing it.
pub(super) struct WordSet {
    /// Per length (0..=LONGEST) and first letter (a-z, then anything else).
    buckets: Vec<Vec<&'static str>>,
}

impl WordSet {
    /// Only lower-case ASCII words of up to [`LONGEST`] bytes can ever be found (a word is
    /// found when lower-casing it gives one of the set); any other is left out.
    pub fn new(words: &[&'static str]) -> Self {
        let mut buckets = vec![Vec::new(); (LONGEST + 1) * 27];
        for &w in words {
            let findable =
                w.len() <= LONGEST && w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase());
            if findable && !buckets[slot(w)].contains(&w) {
                buckets[slot(w)].push(w);
            }
        }
        Self { buckets }
    }

    pub fn contains(&self, word: &str) -> bool {
        word.len() <= LONGEST
            && word.is_ascii()
            && self.buckets[slot(word)]
                .iter()
                .any(|w| w.eq_ignore_ascii_case(word))
    }
}

/// The bucket of an ASCII word of at most [`LONGEST`] bytes.
fn slot(word: &str) -> usize {
    let letter = match word.as_bytes().first().map(u8::to_ascii_lowercase) {
        Some(c @ b'a'..=b'z') => usize::from(c - b'a'),
        _ => 26,
    };
    word.len() * 27 + letter
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The set finds exactly the words whose lower-case copy it holds, as the hash set it
    /// replaced did.
    #[test]
    fn a_word_is_found_when_its_lower_case_is_in_the_set() {
        let words: &[&'static str] = &[
            "said",
            "u.s.",
            "mr",
            "Mr",
            "zoë",
            "",
            "a",
            "according",
            "x-ray",
            "o'brien",
            "abcdefghijklmnopqrstuvwx",
            "abcdefghijklmnopqrstuvwxy",
            "9/11",
            "said",
        ];
        let set = WordSet::new(words);
        let reference: HashSet<&str> = words.iter().copied().collect();
        let asked = [
            "said",
            "Said",
            "SAID",
            "saiD",
            "sai",
            "saids",
            "U.S.",
            "u.s.",
            "Mr",
            "MR",
            "mr",
            "Zoë",
            "zoë",
            "ZOË",
            "",
            "A",
            "a",
            "b",
            "According",
            "X-Ray",
            "O'Brien",
            "o’brien",
            "ABCDEFGHIJKLMNOPQRSTUVWX",
            "abcdefghijklmnopqrstuvwxy",
            "9/11",
            "9/12",
            "ü",
        ];
        for word in asked {
            let mut buf = [0u8; 24];
            let expected =
                super::super::tokens::lower(word, &mut buf).is_some_and(|w| reference.contains(w));
            assert_eq!(set.contains(word), expected, "{word:?}");
        }
        assert!(set.contains("SAID") && set.contains("mR") && !set.contains("zoë"));
    }
}
