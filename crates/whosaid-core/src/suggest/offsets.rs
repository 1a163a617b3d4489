//! Byte offsets to code points, for a whole document at once: the rules work on bytes, results
//! leave in code points.

/// Bytes per entry of the index.
const BLOCK: usize = 64;

pub(super) struct CodePoints<'a> {
    text: &'a str,
    /// Code points before each block of `BLOCK` bytes; empty for ASCII (bytes = code points).
    before_block: Vec<u32>,
}

impl<'a> CodePoints<'a> {
    pub fn new(text: &'a str) -> Self {
        let before_block = if text.is_ascii() {
            Vec::new()
        } else {
            let mut count = 0u32;
            let mut before: Vec<u32> = Vec::with_capacity(text.len() / BLOCK + 1);
            for block in text.as_bytes().chunks(BLOCK) {
                before.push(count);
                count += starts_in(block) as u32;
            }
            // The end of a text whose length is a multiple of the block.
            before.push(count);
            before
        };
        Self { text, before_block }
    }

    /// The code point offset of byte offset `byte` (a character boundary).
    pub fn of(&self, byte: usize) -> usize {
        if self.before_block.is_empty() {
            return byte;
        }
        let block = byte / BLOCK;
        let before = self.before_block[block];
        let start = block * BLOCK;
        let within = self.text.as_bytes()[start..byte]
            .iter()
            .filter(|&&b| !is_continuation(b))
            .count();
        before as usize + within
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// How many code points start in `bytes`: the bytes that are no continuation byte, counted
/// eight at a time (a continuation byte has its top bit set and the next one clear).
fn starts_in(bytes: &[u8]) -> usize {
    const TOP: u64 = u64::from_le_bytes([0x80; 8]);
    let mut words = bytes.chunks_exact(8);
    let continuations: u32 = (&mut words)
        .map(|w| {
            let w = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
            (w & !(w << 1) & TOP).count_ones()
        })
        .sum();
    let rest = words
        .remainder()
        .iter()
        .filter(|&&b| is_continuation(b))
        .count();
    bytes.len() - continuations as usize - rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_boundary_maps_to_its_code_point() {
        let text = "“Zelenskyy’s” – ok 🇺🇦 ".repeat(20);
        let map = CodePoints::new(&text);
        for (cp, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(map.of(byte), cp);
        }
        assert_eq!(map.of(text.len()), text.chars().count());
        assert_eq!(CodePoints::new("abc").of(2), 2);
        for k in 0..text.len() {
            let count = |b: &[u8]| b.iter().filter(|&&b| !is_continuation(b)).count();
            let bytes = &text.as_bytes()[k..];
            assert_eq!(starts_in(bytes), count(bytes), "from byte {k}");
        }
    }
}
