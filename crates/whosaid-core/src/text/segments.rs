//! Grapheme clusters and words by Unicode segmentation (UAX #29): the steps of Shift+arrow and
//! Ctrl+Shift+arrow and the word snapping of mouse selections, so no flag or accented letter is split.

use super::DocText;
use std::ops::Range;
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

/// The grapheme cluster boundary after `offset` (Shift+Right); the end of the text at the end.
pub fn next_grapheme(text: &DocText, offset: usize) -> usize {
    let s = text.as_str();
    let Some(byte) = text.byte_of(offset) else {
        return text.char_len();
    };
    match GraphemeCursor::new(byte, s.len(), true).next_boundary(s, 0) {
        Ok(Some(next)) => offset + s[byte..next].chars().count(),
        _ => text.char_len(),
    }
}

/// The grapheme cluster boundary before `offset` (Shift+Left); 0 at the start.
pub fn prev_grapheme(text: &DocText, offset: usize) -> usize {
    let s = text.as_str();
    let Some(byte) = text.byte_of(offset) else {
        return text.char_len();
    };
    match GraphemeCursor::new(byte, s.len(), true).prev_boundary(s, 0) {
        Ok(Some(prev)) => offset - s[prev..byte].chars().count(),
        _ => 0,
    }
}

/// The UAX #29 word segments of paragraph `p` as code point ranges, with whether each is a word
/// (has a letter or digit) rather than spaces or punctuation.
fn segments(text: &DocText, p: usize) -> impl Iterator<Item = (Range<usize>, bool)> + '_ {
    let mut at = text.paragraphs()[p].chars.start;
    text.paragraph_text(p).split_word_bounds().map(move |seg| {
        let n = seg.chars().count();
        let range = at..at + n;
        at += n;
        (range, seg.chars().any(char::is_alphanumeric))
    })
}

/// The end of the next word after `offset` (Ctrl+Right), across paragraphs; the end of the text
/// when no word follows.
pub fn next_word_boundary(text: &DocText, offset: usize) -> usize {
    let first = text.paragraph_at(offset);
    (first..text.paragraphs().len())
        .find_map(|p| {
            segments(text, p)
                .find(|(r, word)| *word && r.end > offset)
                .map(|(r, _)| r.end)
        })
        .unwrap_or_else(|| text.char_len())
}

/// The start of the word before `offset` (Ctrl+Left), across paragraphs; 0 when none precedes.
pub fn prev_word_boundary(text: &DocText, offset: usize) -> usize {
    let last = text.paragraph_at(offset);
    (0..=last)
        .rev()
        .find_map(|p| {
            segments(text, p)
                .filter(|(r, word)| *word && r.start < offset)
                .last()
                .map(|(r, _)| r.start)
        })
        .unwrap_or(0)
}

/// The word that the gap `at` falls strictly inside, if any.
fn word_around(text: &DocText, at: usize) -> Option<Range<usize>> {
    if text.paragraphs().is_empty() {
        return None;
    }
    segments(text, text.paragraph_at(at))
        .find(|(r, word)| *word && r.start < at && at < r.end)
        .map(|(r, _)| r)
}

/// A mouse selection from the gap `anchor` to the gap `cursor`, widened to whole words: an end that
/// falls inside a word moves outward to the word's edge. Returns the new (anchor, cursor).
pub fn snap_to_words(text: &DocText, anchor: usize, cursor: usize) -> (usize, usize) {
    let outward = |at: usize, forward: bool| match word_around(text, at) {
        Some(w) if forward => w.end,
        Some(w) => w.start,
        None => at,
    };
    if cursor >= anchor {
        (outward(anchor, false), outward(cursor, true))
    } else {
        (outward(anchor, true), outward(cursor, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> DocText {
        DocText::new(s.to_string())
    }

    #[test]
    fn grapheme_steps_keep_flags_accents_and_families_whole() {
        // 🇺🇦 is two code points, "é" here is e + U+0301, the family is 5 code points joined by ZWJ.
        let t = text("a🇺🇦e\u{301}👩\u{200d}👩\u{200d}👦b");
        let mut stops = vec![0];
        while *stops.last().unwrap() < t.char_len() {
            stops.push(next_grapheme(&t, *stops.last().unwrap()));
        }
        assert_eq!(stops, vec![0, 1, 3, 5, 10, 11]);
        let mut back = vec![t.char_len()];
        while *back.last().unwrap() > 0 {
            back.push(prev_grapheme(&t, *back.last().unwrap()));
        }
        back.reverse();
        assert_eq!(back, stops);
    }

    #[test]
    fn grapheme_steps_cross_line_breaks() {
        let t = text("ab\r\ncd");
        assert_eq!(next_grapheme(&t, 2), 4, "CR LF is one cluster");
        assert_eq!(prev_grapheme(&t, 4), 2);
        assert_eq!(next_grapheme(&t, 6), 6);
        assert_eq!(prev_grapheme(&t, 0), 0);
    }

    #[test]
    fn word_steps() {
        let t = text("said Mr Logan, then");
        assert_eq!(next_word_boundary(&t, 0), 4);
        assert_eq!(next_word_boundary(&t, 4), 7);
        assert_eq!(prev_word_boundary(&t, 13), 8);
        assert_eq!(prev_word_boundary(&t, 15), 8);
        assert_eq!(next_word_boundary(&t, 19), 19);
    }

    #[test]
    fn word_steps_cross_paragraphs_and_keep_apostrophes() {
        let t = text("Ukraine’s line.\n\nNext one");
        assert_eq!(
            next_word_boundary(&t, 0),
            9,
            "the possessive is part of the word"
        );
        assert_eq!(next_word_boundary(&t, 14), 21);
        assert_eq!(prev_word_boundary(&t, 17), 10);
    }

    #[test]
    fn snapping_widens_both_ends_to_whole_words() {
        let t = text("talks with US envoys ended");
        // From inside "talks" (after "ta") to inside "envoys" (after "env").
        assert_eq!(snap_to_words(&t, 2, 16), (0, 20));
        assert_eq!(t.slice(0..20), Some("talks with US envoys"));
        // Backwards: the anchor takes the end of its word, the cursor the start of its own.
        assert_eq!(snap_to_words(&t, 16, 2), (20, 0));
        // Ends already at word edges or in spaces stay.
        assert_eq!(snap_to_words(&t, 6, 13), (6, 13));
        assert_eq!(snap_to_words(&t, 5, 10), (5, 10));
    }

    #[test]
    fn snapping_works_on_cjk_and_accented_words() {
        let t = text("Le président a dit");
        assert_eq!(snap_to_words(&t, 5, 6), (3, 12));
        let c = text("部长表示");
        // Without a dictionary, UAX #29 makes each ideograph a word: a drag between them stays.
        assert_eq!(snap_to_words(&c, 1, 3), (1, 3));
    }
}
