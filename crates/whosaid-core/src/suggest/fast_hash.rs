//! A fast hash (FxHash's word-at-a-time mixing) for the engine's own maps and sets: their keys
//! are short words and names, where the standard SipHash costs more than the lookup itself. Not
//! for keys an attacker chooses. Words themselves are looked up by [`key`]: a short ASCII word
//! packed into one number, so that a word-list check is one probe of a small table.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

#[derive(Clone, Copy, Default)]
pub(super) struct Fx(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Fx {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let n = bytes.len();
        // Most keys are words of 4 to 16 bytes: two overlapping reads (the first and the last
        // 8 or 4 bytes) and two mixes, the length mixed in so that no prefix collides.
        if (4..=16).contains(&n) {
            let (first, last) = if n >= 8 {
                let word = |r: &[u8]| u64::from_le_bytes(r.try_into().unwrap_or([0; 8]));
                (word(&bytes[..8]), word(&bytes[n - 8..]))
            } else {
                let half = |r: &[u8]| u32::from_le_bytes(r.try_into().unwrap_or([0; 4]));
                (
                    u64::from(half(&bytes[..4])),
                    u64::from(half(&bytes[n - 4..])),
                )
            };
            self.add(first);
            self.add(last ^ (n as u64) << 59);
            return;
        }
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        // The last few bytes as one word, gathered byte by byte: a copy of a slice of unknown
        // length is a call to memcpy, which cost more than the hashing around it.
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let last = rest.iter().rev().fold(0u64, |w, &b| w << 8 | u64::from(b));
            self.add(last);
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(super) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// A word of 1 to [`KEY_BYTES`] ASCII bytes, packed little-endian into one number in lower case:
/// two words have the same key when they are equal ignoring ASCII case. 0 for any other word.
pub(super) type Key = u128;

/// Longest word a [`Key`] holds, in bytes.
pub(super) const KEY_BYTES: usize = 16;

/// The key of a word (see [`Key`]).
#[inline]
pub(super) fn key(word: &str) -> Key {
    key_of_bytes(word.as_bytes())
}

/// The key of a word given as its bytes (see [`Key`]): a token's bytes cut from its text
/// without checking for character boundaries again.
#[inline]
pub(super) fn key_of_bytes(word: &[u8]) -> Key {
    raw_key(word).map_or(0, fold_case)
}

/// `word` packed as it is (case kept), if it is 1 to 16 ASCII bytes. Read as two overlapping
/// fixed-size pieces (the first and the last 8, 4 or 1 bytes), which costs a few instructions
/// whatever the length, where gathering byte by byte or copying a slice of unknown length
/// cost more than the lookup that follows. Worked on as two halves of 64 bits: most words fit
/// in the first.
#[inline]
fn raw_key(word: &[u8]) -> Option<Key> {
    let n = word.len();
    let (low, high) = if n > 8 {
        if n > KEY_BYTES {
            return None;
        }
        let first = u64::from_le_bytes(word[..8].try_into().unwrap_or([0; 8]));
        let last = u64::from_le_bytes(word[n - 8..].try_into().unwrap_or([0; 8]));
        // The bytes past the eighth, at the bottom of `high`.
        (first, last >> (8 * (16 - n)))
    } else if n >= 4 {
        let first = u32::from_le_bytes(word[..4].try_into().unwrap_or([0; 4]));
        let last = u32::from_le_bytes(word[n - 4..].try_into().unwrap_or([0; 4]));
        (u64::from(first) | u64::from(last) << (8 * (n - 4)), 0)
    } else if n > 0 {
        let byte = |k: usize| u64::from(word[k]) << (8 * k);
        (byte(0) | byte(n / 2) | byte(n - 1), 0)
    } else {
        return None;
    };
    ((low | high) & HIGH_BITS == 0).then_some(Key::from(low) | Key::from(high) << 64)
}

/// The top bit of each byte of a half key.
const HIGH_BITS: u64 = u64::from_le_bytes([0x80; 8]);

/// ASCII capitals of a packed word turned to lower case, all bytes at once: a byte has 0x20
/// added when it is at least 'A' and below '[' (each byte is below 0x80, so no sum carries
/// into the next byte).
#[inline]
fn fold_case(raw: Key) -> Key {
    let half = |h: u64| {
        let from_a = h + u64::from_le_bytes([0x80 - b'A'; 8]);
        let past_z = h + u64::from_le_bytes([0x80 - b'Z' - 1; 8]);
        h | (from_a & !past_z & HIGH_BITS) >> 2
    };
    let (low, high) = (raw as u64, (raw >> 64) as u64);
    Key::from(half(low))
        | match high {
            0 => 0,
            h => Key::from(half(h)) << 64,
        }
}

/// The key of a word as it is written, case kept (0 where [`key`] gives 0). Among the keys of
/// lower-case words it finds exactly what looking the word's text up would find, without
/// turning capitals to lower case first.
#[inline]
pub(super) fn exact_key(word: &str) -> Key {
    raw_key(word.as_bytes()).unwrap_or(0)
}

/// An open-addressing table from keys to values, three quarters empty at least: a lookup hashes
/// the key once and mostly compares one slot (most words asked about are not in it). Keys are
/// kept as their two halves, compared low half first: most words differ there, and an empty
/// slot has 0 there (no word's low half is 0).
pub(super) struct KeyMap<V> {
    low: Vec<u64>,
    high: Vec<u64>,
    values: Vec<Option<V>>,
    /// 64 less the bits of the table's size: the slot is the top bits of the hash.
    shift: u32,
}

impl<V: Copy> KeyMap<V> {
    /// Keys of 0 are left out (no word has that key); the first value of a key is kept.
    pub fn new(entries: impl IntoIterator<Item = (Key, V)>) -> Self {
        let entries: Vec<(Key, V)> = entries.into_iter().filter(|(k, _)| *k != 0).collect();
        let size = (entries.len() * 4).next_power_of_two().max(8);
        let mut map = Self {
            low: vec![0; size],
            high: vec![0; size],
            values: vec![None; size],
            shift: 64 - size.trailing_zeros(),
        };
        for (k, v) in entries {
            let (s, found) = map.slot(k);
            if !found {
                map.low[s] = k as u64;
                map.high[s] = (k >> 64) as u64;
                map.values[s] = Some(v);
            }
        }
        map
    }

    /// Where `key` (not 0) is, or the empty slot where it would go; and whether it is there.
    #[inline]
    fn slot(&self, key: Key) -> (usize, bool) {
        let (low, high) = (key as u64, (key >> 64) as u64);
        let mask = self.low.len() - 1;
        let h = (low ^ high.rotate_left(23)).wrapping_mul(SEED);
        let mut s = (h >> self.shift) as usize & mask;
        loop {
            match self.low.get(s) {
                Some(&l) if l == low && self.high.get(s) == Some(&high) => return (s, true),
                Some(0) | None => return (s, false),
                Some(_) => s = (s + 1) & mask,
            }
        }
    }

    #[inline]
    pub fn get(&self, key: Key) -> Option<V> {
        if key == 0 {
            return None;
        }
        match self.slot(key) {
            (s, true) => self.values.get(s).copied().flatten(),
            (_, false) => None,
        }
    }
}

/// Longest word a [`WordSet`] can hold, in bytes.
const LONGEST: usize = 24;

/// A closed class of words, looked up whatever the case of the word: by [`Key`], and the few
/// words a key cannot hold (longer, or not ASCII) by comparison ignoring ASCII case.
pub(super) struct WordSet {
    keyed: KeyMap<()>,
    rest: Vec<&'static str>,
}

impl WordSet {
    /// A set of lower-case words. Only lower-case ASCII words of up to [`LONGEST`] bytes can
    /// ever be found (a word is found when lower-casing it gives one of the set); any other is
    /// left out.
    pub fn new(words: &[&'static str]) -> Self {
        let findable = words.iter().copied().filter(|w| {
            w.len() <= LONGEST && w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase())
        });
        Self::of(findable)
    }

    /// A set of any words, each found whatever the ASCII case of either side: what comparing
    /// with each by `eq_ignore_ascii_case` finds.
    pub fn ignoring_case(words: &[&'static str]) -> Self {
        Self::of(words.iter().copied())
    }

    fn of(words: impl Iterator<Item = &'static str>) -> Self {
        let mut rest = Vec::new();
        let mut keyed = Vec::new();
        for w in words {
            match key(w) {
                0 => rest.push(w),
                k => keyed.push((k, ())),
            }
        }
        Self {
            keyed: KeyMap::new(keyed),
            rest,
        }
    }

    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.contains_keyed(key(word), word)
    }

    /// Whether `word`, whose key is `key`, is in the set.
    #[inline]
    pub fn contains_keyed(&self, key: Key, word: &str) -> bool {
        match key {
            0 => self.contains_unkeyed(word),
            k => self.has_key(k),
        }
    }

    /// Whether the word of key `key` (not 0) is in the set.
    #[inline]
    pub fn has_key(&self, key: Key) -> bool {
        self.keyed.get(key).is_some()
    }

    /// Whether a word that has no key is in the set. A word with a key is never equal to one
    /// without, ASCII case ignored: it is ASCII and 1 to 16 bytes long.
    pub fn contains_unkeyed(&self, word: &str) -> bool {
        self.rest.iter().any(|w| w.eq_ignore_ascii_case(word))
    }
}

/// Slots of [`LIST_SETS`]; a power of two.
const LIST_SLOTS: usize = 256;

/// Slots tried for one list before it is compared word by word instead.
const LIST_PROBES: usize = 8;

/// The sets of the word lists asked about so far, by the list's address and length: a
/// `'static` list never changes, so its address names its words for the whole run. Made once
/// per process, on the first question about each list, and read without a lock.
static LIST_SETS: [OnceLock<(usize, usize, WordSet)>; LIST_SLOTS] =
    [const { OnceLock::new() }; LIST_SLOTS];

/// Whether `word` (key `key`) is one of `words`, ASCII case ignored, through a set made the
/// first time the list is asked about.
#[inline]
pub(super) fn list_contains(words: &'static [&'static str], key: Key, word: &str) -> bool {
    let id = (words.as_ptr() as usize, words.len());
    // The address within its page: the same in every run whatever the load address.
    let home = (id.0 >> 3) % LIST_SLOTS;
    for probe in 0..LIST_PROBES {
        let slot = &LIST_SETS[(home + probe) % LIST_SLOTS];
        let (ptr, len, set) = slot.get_or_init(|| (id.0, id.1, WordSet::ignoring_case(words)));
        if (*ptr, *len) == id {
            return set.contains_keyed(key, word);
        }
    }
    words.iter().any(|w| w.eq_ignore_ascii_case(word))
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

    /// A key is the same for the same word in any ASCII case, and differs between words: as
    /// comparing the words ignoring ASCII case says, wherever the word lies in its text.
    #[test]
    fn keys_are_equal_exactly_when_words_are_equal_ignoring_case() {
        let words = [
            "said",
            "SAID",
            "Said",
            "sai",
            "saids",
            "a",
            "A",
            "@",
            "`",
            "[",
            "{",
            "Z",
            "z",
            "U.S.",
            "u.s.",
            "zoë",
            "Zoë",
            "0123456789abcdef",
            "0123456789ABCDEF",
            "0123456789abcdefg",
            "",
            "o'brien",
            "O'Brien",
            "ab",
            "aB",
            "ba",
            "abc",
            "abC",
            "acb",
            "abcde",
            "abcdE",
            "abcdef",
            "Abcdefg",
            "abcdefgh",
            "abcdefgH",
            "abcdefghi",
            "Abcdefghi",
            "abcdefghj",
            "abcdefghijklmno",
            "ABCDEFGHIJKLMNO",
            "abcdefghijklmnp",
        ];
        for a in words {
            for b in words {
                let keyed = a.is_ascii() && (1..=KEY_BYTES).contains(&a.len());
                let expected = keyed && a.eq_ignore_ascii_case(b);
                assert_eq!(key(a) != 0 && key(a) == key(b), expected, "{a:?} {b:?}");
            }
        }
        assert_eq!(exact_key("said"), key("said"));
        assert_ne!(exact_key("Said"), key("said"));
        assert_eq!(exact_key("zoë"), 0);
    }

    /// A map finds each of its keys' values and nothing else, however full.
    #[test]
    fn a_key_map_finds_what_it_holds() {
        let words: Vec<String> = (0..300).map(|i| format!("w{i}")).collect();
        let map = KeyMap::new(words.iter().enumerate().map(|(i, w)| (key(w), i)));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(key(w)), Some(i));
            assert_eq!(map.get(key(&w.to_uppercase())), Some(i));
        }
        assert_eq!(map.get(key("w300")), None);
        assert_eq!(map.get(0), None);
    }

    /// A list is found as comparing with each of its words ignoring ASCII case finds.
    #[test]
    fn a_list_finds_what_comparing_with_each_word_finds() {
        static LIST: &[&str] = &["to", "Of", "n't", "’s", "abcdefghijklmnopqrstuvwxyz", "Zoë"];
        for w in [
            "to",
            "TO",
            "of",
            "OF",
            "N'T",
            "’s",
            "’S",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "zoë",
            "ZOË",
            "Zoë",
            "t",
            "",
        ] {
            let expected = LIST.iter().any(|x| x.eq_ignore_ascii_case(w));
            assert_eq!(list_contains(LIST, key(w), w), expected, "{w:?}");
        }
    }
}
