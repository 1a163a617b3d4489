//! Names in the text: capitalised word sequences with particles, initials and titles, their
//! possessive endings, and whether a name reads as a person's.

use super::*;

pub(super) fn lower_eq_any(doc: &Doc, i: usize, words: &'static [&'static str]) -> bool {
    doc.is_any(i, words)
}

/// Whether `b` is the last UTF-8 byte of "s" or of an apostrophe of
/// [`crate::text::is_apostrophe`]: most words end in none, which settles them. A match, not a
/// search of a list, which was a call to `memchr` per word.
#[inline]
pub(in crate::suggest) fn ends_possessive(b: u8) -> bool {
    matches!(b, b's' | b'\'' | b'`' | 0x98 | 0x99 | 0xB4 | 0xBC)
}

/// The word without a possessive ending ("Ukraine’s" -> "Ukraine", "experts’" -> "experts"),
/// whichever apostrophe the text uses (see [`crate::text::is_apostrophe`]); `None` if not
/// possessive.
pub(in crate::suggest) fn strip_possessive(w: &str) -> Option<&str> {
    // Most words end in neither "s" nor an apostrophe, which their last byte tells.
    if !w.as_bytes().last().is_some_and(|&b| ends_possessive(b)) {
        return None;
    }
    let w = w.strip_suffix('s').unwrap_or(w);
    w.strip_suffix(crate::text::is_apostrophe)
        .filter(|s| !s.is_empty())
}

/// Whether token `i` is a possessive word ("Kyiv’s") or is followed by a detached possessive
/// apostrophe ("experts’").
pub(in crate::suggest) fn is_possessive(doc: &Doc, i: usize) -> bool {
    doc.token(i).is_some_and(|t| t.possessive)
}

pub(super) fn is_title(doc: &Doc, i: usize) -> bool {
    in_set_without_full_stops(doc, i, &TITLE_SET)
}

/// Whether token `i` is a word of `set` once full stops at its end are dropped ("Gen." is
/// "gen"); by the token's own key where it has none, the most frequent case.
pub(super) fn in_set_without_full_stops(doc: &Doc, i: usize, set: &WordSet) -> bool {
    let w = doc.word(i);
    match w.trim_end_matches('.') {
        t if t.len() == w.len() => doc.is_in(i, set),
        t => doc.is_word(i) && set.contains(t),
    }
}

pub(super) fn is_adverb(doc: &Doc, i: usize) -> bool {
    doc.is_word(i)
        && !doc.is_cap(i)
        && (doc.is_in(i, &ADVERB_SET) || (doc.word(i).ends_with("ly") && doc.word(i).len() > 4))
}

/// The capitalised name starting at token `i` (before `end`): capitalised words, initials and
/// particles between them; a possessive word ends it.
pub(in crate::suggest) fn name_at(doc: &Doc, i: usize, end: usize) -> Option<Range<usize>> {
    if i >= end || !doc.is_cap(i) || doc.is_in(i, &NOT_NAME_SET) {
        return None;
    }
    let mut j = i;
    while j < end {
        if !doc.is_word(j) {
            break;
        }
        if !doc.is_cap(j) {
            // Particles join when a capitalised word follows them ("von der Leyen").
            let mut k = j;
            while k < end && doc.is_word(k) && !doc.is_cap(k) && doc.is_in(k, &PARTICLE_SET) {
                k += 1;
            }
            if k == j || k >= end || !doc.is_word(k) || !doc.is_cap(k) {
                break;
            }
        }
        j += 1;
        if is_possessive(doc, j - 1) {
            break;
        }
    }
    (!reads_as_no_name(doc, i..j)).then_some(i..j)
}

/// Capitalised words that open sentences or headlines but name no one: a day or month alone
/// ("Tuesday"), a dateline or headline in capitals
/// ("WASHINGTON", "VOTERS CARE MORE").
pub(super) fn reads_as_no_name(doc: &Doc, name: Range<usize>) -> bool {
    let upper = |k: usize| !doc.word(k).chars().any(char::is_lowercase);
    if name.len() == 1 {
        let w = doc.word(name.start);
        // The letters are counted only for a word in capitals, rarely asked.
        let shouted = || upper(name.start) && w.chars().filter(|c| c.is_alphabetic()).count() > 5;
        return is_time_word(doc, name.start) || shouted();
    }
    name.len() >= 3 && name.clone().all(upper)
}

/// The name without the titles before it ("Russian Deputy Foreign Minister Alexander Grushko" ->
/// "Alexander Grushko"), and whether a title marked it as a person's.
pub(in crate::suggest) fn strip_titles(doc: &Doc, name: Range<usize>) -> (Range<usize>, bool) {
    let last_title = name.clone().rev().skip(1).find(|&i| is_title(doc, i));
    match last_title {
        Some(t) => (t + 1..name.end, true),
        None => (name, false),
    }
}

/// Whether a name (titles stripped) reads as a person's: two or more words, not ending in an
/// organisation word, not an acronym.
pub(super) fn looks_like_person(doc: &Doc, name: &Range<usize>) -> bool {
    // Checked cheapest first: most names are one word, which settles it.
    let words = name.clone().filter(|&i| doc.is_cap(i)).count();
    if words < 2 {
        return false;
    }
    let last = name.end - 1;
    let stripped = strip_possessive(doc.word(last));
    // The word as it stands has its key already.
    let organisation = || match stripped {
        Some(w) => ORGANISATION_SET.contains(w),
        None => doc.is_in(last, &ORGANISATION_SET),
    };
    let acronym = || {
        name.clone().any(|i| {
            let w = doc.word(i);
            w.len() > 1 && w.chars().all(|c| !c.is_lowercase())
        })
    };
    // A full stop is looked for byte by byte: a search of the text calls memchr per word.
    let initials = || name.clone().any(|i| doc.word(i).bytes().any(|b| b == b'.'));
    !organisation() && !acronym() && !initials()
}

pub(super) fn pronoun(doc: &Doc, i: usize) -> Option<Pronoun> {
    // "It said", "its statement": an organisation, like "they".
    PRONOUNS.get(doc.key(i))
}

/// Words that can sit in a noun phrase read backwards from its head.
pub(super) fn np_word(doc: &Doc, i: usize) -> bool {
    doc.is_word(i)
        && !doc.is_in(i, &PREPOSITION_SET)
        && !doc.is_in(i, &AUXILIARY_SET)
        && !lower_eq_any(
            doc,
            i,
            &[
                "and", "or", "but", "that", "which", "who", "whom", "it", "while", "as", "if",
            ],
        )
}

/// Skips auxiliaries and adverbs leftwards from `j` (exclusive), no further than `start`.
pub(in crate::suggest) fn skip_auxiliaries(doc: &Doc, start: usize, mut j: usize) -> usize {
    while j > start && (doc.is_in(j - 1, &AUXILIARY_SET) || is_adverb(doc, j - 1)) {
        j -= 1;
    }
    j
}
