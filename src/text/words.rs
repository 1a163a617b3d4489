//! Word boundaries for double-click and Ctrl+Shift+arrow selection.

use super::DocText;
use std::ops::Range;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '_'
}

/// The word around code point `offset` (or just that character if it is not part of a word).
pub fn word_at(text: &DocText, offset: usize) -> Range<usize> {
    let p = &text.paragraphs()[text.paragraph_at(offset)];
    let chars: Vec<char> = text
        .paragraph_text(text.paragraph_at(offset))
        .chars()
        .collect();
    let local = offset.saturating_sub(p.chars.start).min(chars.len());
    if local == chars.len() || !is_word_char(chars[local]) {
        return offset..(offset + 1).min(p.chars.end.max(offset));
    }
    let mut start = local;
    while start > 0 && is_word_char(chars[start - 1]) {
        start -= 1;
    }
    let mut end = local;
    while end < chars.len() && is_word_char(chars[end]) {
        end += 1;
    }
    // Quotes and dashes that touch a word are punctuation, not part of it.
    while end > start && matches!(chars[end - 1], '\'' | '’' | '-') {
        end -= 1;
    }
    while start < end && matches!(chars[start], '\'' | '’' | '-') {
        start += 1;
    }
    p.chars.start + start..p.chars.start + end
}

/// The end of the next word after `offset` (Ctrl+Right).
pub fn next_word_boundary(text: &DocText, offset: usize) -> usize {
    let len = text.char_len();
    let mut i = offset;
    while i < len && !text.char_at(i).is_some_and(is_word_char) {
        i += 1;
    }
    while i < len && text.char_at(i).is_some_and(is_word_char) {
        i += 1;
    }
    i
}

/// The start of the word before `offset` (Ctrl+Left).
pub fn prev_word_boundary(text: &DocText, offset: usize) -> usize {
    let mut i = offset;
    while i > 0 && !text.char_at(i - 1).is_some_and(is_word_char) {
        i -= 1;
    }
    while i > 0 && text.char_at(i - 1).is_some_and(is_word_char) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_at_handles_curly_apostrophes_and_quotes() {
        let t = DocText::new("Ukraine’s “non-issue” now".to_string());
        assert_eq!(t.slice(word_at(&t, 2)), Some("Ukraine’s"));
        assert_eq!(t.slice(word_at(&t, 13)), Some("non-issue"));
        assert_eq!(t.slice(word_at(&t, 10)), Some("“"));
    }

    #[test]
    fn word_steps() {
        let t = DocText::new("said Mr Logan, then".to_string());
        assert_eq!(next_word_boundary(&t, 0), 4);
        assert_eq!(next_word_boundary(&t, 4), 7);
        assert_eq!(prev_word_boundary(&t, 13), 8);
        assert_eq!(prev_word_boundary(&t, 15), 8);
    }
}
