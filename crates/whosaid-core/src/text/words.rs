//! The word under a double-click; steps and snapping by Unicode segmentation are in `segments`.

use super::DocText;
use super::chars::{is_apostrophe, is_hyphen};
use std::ops::Range;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_apostrophe(c) || is_hyphen(c) || c == '_'
}

/// An apostrophe or hyphen at the edge of a word is a quote mark or a dash, not part of it.
fn is_edge_punctuation(c: char) -> bool {
    is_apostrophe(c) || is_hyphen(c)
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
    while end > start && is_edge_punctuation(chars[end - 1]) {
        end -= 1;
    }
    while start < end && is_edge_punctuation(chars[start]) {
        start += 1;
    }
    p.chars.start + start..p.chars.start + end
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
    fn word_at_keeps_every_kind_of_apostrophe_and_hyphen_inside() {
        let t = DocText::new("Marʼyana and Jean‑Claude ‘said’ it".to_string());
        assert_eq!(t.slice(word_at(&t, 1)), Some("Marʼyana"));
        assert_eq!(t.slice(word_at(&t, 14)), Some("Jean‑Claude"));
        assert_eq!(t.slice(word_at(&t, 27)), Some("said"));
    }
}

/// The sentence (or sentences) around a range, within its paragraphs: from just after the
/// previous `.`, `!` or `?` that ends a sentence, to the next one (closing quotes included).
pub fn sentence_around(text: &DocText, range: Range<usize>) -> Range<usize> {
    let paragraphs = text.paragraphs();
    let first = &paragraphs[text.paragraph_at(range.start)];
    let last = &paragraphs[text.paragraph_at(range.end.saturating_sub(1).max(range.start))];
    let is_end = |c: Option<char>| matches!(c, Some('.' | '!' | '?'));
    // The full stop of an initialism or an initial ("U.S.", "J. Smith") ends no sentence.
    let is_initial = |dot: usize| {
        text.char_at(dot) == Some('.')
            && dot >= 1
            && text.char_at(dot - 1).is_some_and(char::is_uppercase)
            && (dot < 2
                || text
                    .char_at(dot - 2)
                    .is_some_and(|c| c == '.' || c.is_whitespace()))
    };
    let ends_sentence = |at: usize| is_end(text.char_at(at)) && !is_initial(at);
    let mut start = range.start.min(first.chars.end);
    while start > first.chars.start {
        let before = text.char_at(start - 1);
        if before.is_some_and(char::is_whitespace) && start >= 2 && ends_sentence(start - 2) {
            break;
        }
        start -= 1;
    }
    let mut end = range.end.max(start);
    while end < last.chars.end {
        let at = end;
        end += 1;
        if ends_sentence(at) {
            while end < last.chars.end
                && matches!(text.char_at(end), Some('”' | '"' | '’' | '\'' | ')'))
            {
                end += 1;
            }
            break;
        }
    }
    text.trim(start..end)
}

#[cfg(test)]
mod sentence_tests {
    use super::*;

    #[test]
    fn initialisms_and_initials_end_no_sentence() {
        let t = DocText::new(
            "Talks stalled. During talks with U.S. envoys, J. Smith said no. Then more."
                .to_string(),
        );
        let b = t.as_str().find("said no").unwrap();
        let r = sentence_around(&t, b..b + 7);
        assert_eq!(
            t.slice(r).unwrap(),
            "During talks with U.S. envoys, J. Smith said no."
        );
    }

    #[test]
    fn the_sentence_around_a_span_stays_in_its_paragraph() {
        let t = DocText::new(
            "Intro line.\nLogan spoke first. He said “no deal.” Then he left! Next.\nLast"
                .to_string(),
        );
        let b = t.as_str().find("no deal").unwrap();
        let s = t.as_str()[..b].chars().count();
        let r = sentence_around(&t, s..s + 7);
        assert_eq!(t.slice(r), Some("He said “no deal.”"));
        let b = t.as_str().find("Logan").unwrap();
        let s = t.as_str()[..b].chars().count();
        assert_eq!(
            t.slice(sentence_around(&t, s..s + 5)),
            Some("Logan spoke first.")
        );
        let b = t.as_str().find("Last").unwrap();
        let s = t.as_str()[..b].chars().count();
        assert_eq!(t.slice(sentence_around(&t, s..s + 2)), Some("Last"));
    }
}
