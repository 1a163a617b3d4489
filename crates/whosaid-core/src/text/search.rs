//! Finding text in a document: every occurrence of a phrase, ignoring case, as code point ranges.

use super::DocText;
use super::chars::is_apostrophe;
use std::ops::Range;

fn same(a: char, b: char) -> bool {
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

/// Non-overlapping occurrences of `query` in `text`, ignoring case; curly and straight apostrophes
/// match each other, since analysts type the straight one.
pub fn find_all(text: &DocText, query: &str) -> Vec<Range<usize>> {
    let needle: Vec<char> = query.chars().map(straighten).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let hay: Vec<char> = text.as_str().chars().map(straighten).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if same(hay[i], needle[0])
            && hay[i..i + needle.len()]
                .iter()
                .zip(&needle)
                .all(|(a, b)| same(*a, *b))
        {
            found.push(i..i + needle.len());
            i += needle.len();
        } else {
            i += 1;
        }
    }
    found
}

/// Every apostrophe as the straight one, so that "Ukraine's" finds "Ukraine’s"; one character
/// for one, so that offsets stay those of the text.
fn straighten(c: char) -> char {
    if is_apostrophe(c) { '\'' } else { c }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_occurrence_ignoring_case_with_code_point_offsets() {
        let t = DocText::new("“NATO” – nato’s Nato\nNATO".to_string());
        let found = find_all(&t, "nato");
        assert_eq!(found, [1..5, 9..13, 16..20, 21..25]);
        for r in &found {
            assert_eq!(t.slice(r.clone()).unwrap().to_lowercase(), "nato");
        }
        assert_eq!(find_all(&t, "nato's"), vec![9..15]);
        assert!(find_all(&t, "").is_empty());
        assert!(find_all(&t, "kremlin").is_empty());
    }
}
