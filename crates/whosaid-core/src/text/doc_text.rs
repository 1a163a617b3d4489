use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// How much surrounding text a fragment keeps to find itself again after an edit.
pub const CONTEXT_CHARS: usize = 32;

/// One line of the document: the unit of layout in the reading view. `chars` excludes the line
/// break (`\n`, or `\r\n`), which still counts in document offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub chars: Range<usize>,
    pub bytes: Range<usize>,
}

/// Code points between two entries of the byte index.
const INDEX_STEP: usize = 128;

/// A document's text as loaded, with a paragraph index and a sparse code point -> byte index, so
/// offsets convert in bounded time however long a paragraph is.
#[derive(Clone, Debug, Default)]
pub struct DocText {
    /// Shared with the fragments made on it, which then hold no copy of their text and context.
    text: Arc<String>,
    /// Made on first use: exports and checks of a big corpus never ask for them, and they weigh
    /// about a fifth of the text.
    paragraphs: OnceLock<Vec<Paragraph>>,
    char_len: usize,
    /// Byte offset of every `INDEX_STEP`-th code point; empty for pure ASCII (bytes = code points).
    byte_index: Vec<usize>,
}

impl DocText {
    pub fn new(text: String) -> Self {
        let (char_len, byte_index) = if text.is_ascii() {
            (text.len(), Vec::new())
        } else {
            byte_index(text.as_bytes())
        };
        Self {
            text: Arc::new(text),
            paragraphs: OnceLock::new(),
            char_len,
            byte_index,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text itself, for a fragment to keep its place in it (see [`crate::project::Fragment`]).
    pub fn shared(&self) -> &Arc<String> {
        &self.text
    }

    /// Length in code points.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    pub fn paragraphs(&self) -> &[Paragraph] {
        self.paragraphs.get_or_init(|| paragraphs_of(&self.text))
    }

    pub fn paragraph_text(&self, index: usize) -> &str {
        &self.text[self.paragraphs()[index].bytes.clone()]
    }

    /// Index of the paragraph holding code point `offset` (a line break belongs to the line it ends).
    pub fn paragraph_at(&self, offset: usize) -> usize {
        let i = self
            .paragraphs()
            .partition_point(|p| p.chars.start <= offset);
        i.saturating_sub(1)
    }

    /// Byte index of code point `offset`; `None` past the end.
    pub fn byte_of(&self, offset: usize) -> Option<usize> {
        if offset > self.char_len {
            return None;
        }
        if offset == self.char_len {
            return Some(self.text.len());
        }
        if self.byte_index.is_empty() {
            return Some(offset);
        }
        let base = self.byte_index[offset / INDEX_STEP];
        // Counting the bytes that start a code point is several times faster than decoding
        // each one, and this is the hottest call of the suggestion engine.
        let mut wanted = offset % INDEX_STEP;
        for (i, &b) in self.text.as_bytes()[base..].iter().enumerate() {
            if !is_continuation(b) {
                if wanted == 0 {
                    return Some(base + i);
                }
                wanted -= 1;
            }
        }
        None
    }

    /// The text between two code point offsets; `None` when out of range or reversed.
    pub fn slice(&self, range: Range<usize>) -> Option<&str> {
        if range.start > range.end {
            return None;
        }
        let start = self.byte_of(range.start)?;
        let end = self.byte_of(range.end)?;
        Some(&self.text[start..end])
    }

    /// Shrinks a range so it neither starts nor ends with whitespace; empty if it is all whitespace.
    pub fn trim(&self, range: Range<usize>) -> Range<usize> {
        let Some(s) = self.slice(range.clone()) else {
            return range.start..range.start;
        };
        let leading = s.chars().take_while(|c| c.is_whitespace()).count();
        let total = s.chars().count();
        if leading == total {
            return range.start..range.start;
        }
        let trailing = s.chars().rev().take_while(|c| c.is_whitespace()).count();
        range.start + leading..range.end - trailing
    }

    /// Up to [`CONTEXT_CHARS`] code points before and after a range: what anchors it in the text.
    pub fn context(&self, range: Range<usize>) -> (String, String) {
        let (prefix, suffix) = self.context_str(range);
        (prefix.to_string(), suffix.to_string())
    }

    /// As [`DocText::context`], borrowed from the text: what a new fragment copies.
    pub fn context_str(&self, range: Range<usize>) -> (&str, &str) {
        let before = range.start.saturating_sub(CONTEXT_CHARS);
        let after = (range.end + CONTEXT_CHARS).min(self.char_len);
        let prefix = self.slice(before..range.start).unwrap_or_default();
        let suffix = self
            .slice(range.end.min(self.char_len)..after)
            .unwrap_or_default();
        (prefix, suffix)
    }

    pub fn char_at(&self, offset: usize) -> Option<char> {
        let b = self.byte_of(offset)?;
        self.text[b..].chars().next()
    }
}

/// The lines of `text`, each without its line break.
fn paragraphs_of(text: &str) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let (mut char_pos, mut byte_pos) = (0usize, 0usize);
    for line in text.split_inclusive('\n') {
        let line_chars = line.chars().count();
        let body = line.strip_suffix('\n').unwrap_or(line);
        let body = body.strip_suffix('\r').unwrap_or(body);
        // The line break is one byte a character.
        let body_chars = line_chars - (line.len() - body.len());
        paragraphs.push(Paragraph {
            chars: char_pos..char_pos + body_chars,
            bytes: byte_pos..byte_pos + body.len(),
        });
        char_pos += line_chars;
        byte_pos += line.len();
    }
    if text.is_empty() || text.ends_with('\n') {
        // The (empty) line after a final line break is still a place the cursor can be.
        paragraphs.push(Paragraph {
            chars: char_pos..char_pos,
            bytes: byte_pos..byte_pos,
        });
    }
    paragraphs
}

/// The number of code points of `text`, and the byte offset of every `INDEX_STEP`-th one. Every
/// document of a corpus is indexed on loading, so this counts the bytes that start a code point
/// eight at a time, and looks at single bytes only in the word where an entry falls.
fn byte_index(text: &[u8]) -> (usize, Vec<usize>) {
    let mut index = Vec::with_capacity(text.len() / INDEX_STEP + 1);
    let mut chars = 0;
    // Code points to pass before the next entry.
    let mut till_next = 0usize;
    let mut at = 0;
    while at < text.len() {
        if let Some(word) = text.get(at..at + 8) {
            let starts = 8 - continuations(u64::from_le_bytes(word.try_into().expect("8 bytes")));
            if till_next >= starts {
                till_next -= starts;
                chars += starts;
                at += 8;
                continue;
            }
        }
        // The entry falls in the next few bytes (or the text ends): one byte at a time.
        for (i, &b) in text.iter().enumerate().skip(at).take(8) {
            if !is_continuation(b) {
                if till_next == 0 {
                    index.push(i);
                    till_next = INDEX_STEP;
                }
                till_next -= 1;
                chars += 1;
            }
        }
        at += 8;
    }
    (chars, index)
}

/// How many of the eight bytes of `word` continue a UTF-8 sequence (10xxxxxx).
fn continuations(word: u64) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A 1 in each byte whose bit 7 is set and bit 6 is not; the multiplication adds the eight
    // bytes up into the top one (at most 8: no carry), cheaper than counting bits without a
    // popcount instruction, which the default target lacks.
    let marks = (word & !(word << 1) & HIGH) >> 7;
    (marks.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize
}

/// Whether `b` continues a UTF-8 sequence (10xxxxxx) rather than starting a code point.
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_point_offset_maps_to_its_byte_in_mixed_text() {
        let text: String = "a é 🇺🇦 中文 שלום\r\n"
            .repeat(60)
            .chars()
            .chain("end".chars())
            .collect();
        let doc = DocText::new(text.clone());
        let expected: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        for (offset, &byte) in expected.iter().enumerate() {
            assert_eq!(doc.byte_of(offset), Some(byte), "offset {offset}");
        }
        assert_eq!(doc.byte_of(expected.len()), Some(text.len()));
        assert_eq!(doc.byte_of(expected.len() + 1), None);
    }

    #[test]
    fn the_byte_index_holds_every_128th_code_point_at_any_length() {
        let unit = "a é 🇺🇦 中文 שלום\r\n";
        for len in [1, 7, 8, 9, 127, 128, 129, 255, 256, 257, 1000, 4099] {
            let text: String = unit.chars().cycle().take(len).collect();
            let expected: Vec<usize> = text
                .char_indices()
                .step_by(INDEX_STEP)
                .map(|(b, _)| b)
                .collect();
            assert_eq!(
                byte_index(text.as_bytes()),
                (len, expected),
                "{len} code points"
            );
        }
    }

    #[test]
    fn offsets_are_code_points_with_multibyte_text() {
        let t = DocText::new("“No,” said Zelenskyy – firmly. 🇺🇦 ok\nnext ’line’".to_string());
        assert_eq!(t.slice(11..20), Some("Zelenskyy"));
        assert_eq!(t.slice(0..5), Some("“No,”"));
        assert_eq!(t.slice(21..22), Some("–"));
        assert_eq!(t.slice(31..33), Some("🇺🇦"));
        assert_eq!(t.paragraphs().len(), 2);
        assert_eq!(t.paragraph_text(1), "next ’line’");
        assert_eq!(
            t.slice(t.paragraphs()[1].chars.clone()),
            Some("next ’line’")
        );
        assert_eq!(
            t.char_len(),
            "“No,” said Zelenskyy – firmly. 🇺🇦 ok\nnext ’line’"
                .chars()
                .count()
        );
        assert_eq!(t.slice(0..t.char_len() + 1), None);
    }

    #[test]
    fn crlf_counts_two_code_points_and_stays_out_of_paragraph_text() {
        let t = DocText::new("ab\r\ncd\r\n".to_string());
        assert_eq!(t.paragraphs().len(), 3);
        assert_eq!(t.paragraph_text(0), "ab");
        assert_eq!(t.paragraphs()[1].chars, 4..6);
        assert_eq!(t.slice(4..6), Some("cd"));
        assert_eq!(t.char_len(), 8);
        assert_eq!(t.paragraph_at(3), 0);
        assert_eq!(t.paragraph_at(4), 1);
        assert_eq!(t.paragraph_at(8), 2);
    }

    #[test]
    fn trim_removes_whitespace_at_both_ends() {
        let t = DocText::new("  “quote” \n".to_string());
        assert_eq!(t.trim(0..11), 2..9);
        assert_eq!(t.slice(t.trim(0..11)), Some("“quote”"));
        assert_eq!(t.trim(0..2), 0..0);
    }
}
