//! How suggestions are matched with gold attributions: overlap of character ranges, and
//! whether a suggested speaker names the gold source.

use super::*;

pub(super) const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "his", "her", "their",
];

pub(super) fn overlap(a: &[Range<usize>], b: &[Range<usize>]) -> usize {
    let mut n = 0;
    for x in a {
        for y in b {
            n += x.end.min(y.end).saturating_sub(x.start.max(y.start));
        }
    }
    n
}

pub(super) fn len(a: &[Range<usize>]) -> usize {
    a.iter().map(|r| r.len()).sum()
}

pub(super) fn surname(name: &str) -> String {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .collect();
    words.last().map_or(String::new(), |w| {
        w.trim_end_matches("'s")
            .trim_end_matches("’s")
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    })
}

pub(super) fn is_named(source: &str) -> bool {
    let first = source
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    !source.is_empty() && !PRONOUNS.contains(&first.as_str()) && !surname(source).is_empty()
}

pub(super) fn speaker_name(s: &Suggestion) -> String {
    match &s.speaker {
        Some(SpeakerGuess::New(n)) => n.to_string(),
        _ => String::new(),
    }
}

pub(super) fn speaker_right(s: &Suggestion, source: &str) -> bool {
    let name = speaker_name(s);
    let sp = surname(&name);
    !sp.is_empty()
        && (source.to_lowercase().contains(&sp) || name.to_lowercase().contains(&surname(source)))
}
