//! Words and punctuation marks with their byte offsets: the unit every rule works on. A word keeps
//! its inner apostrophes, hyphens and the full stops of initialisms and abbreviations
//! ("Ukraine’s", "non-issue", "U.S.", "Mr."); any other non-space character is a token of its own.

use crate::text::{is_apostrophe, is_hyphen};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Token {
    pub start: u32,
    pub end: u32,
    pub word: bool,
    /// A word that starts with an upper-case letter.
    pub cap: bool,
    /// A possessive word ("Kyiv’s") or a token a possessive apostrophe touches ("experts’"):
    /// see [`super::mentions::is_possessive`]. Settled by [`super::doc::Doc::new`], which sees
    /// the next token; the rules ask it of the same tokens many times over.
    pub possessive: bool,
}

/// Abbreviations whose full stop belongs to the word (compared without it, case-sensitively).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "St", "Jr", "Sr", "Lt", "Col", "Gov",
    "Capt", "Maj", "Sgt", "Adm", "Rev", "Hon", "Insp", "Supt", "Cpl", "Pte", "No", "vs", "etc",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Inc",
    "Corp", "Ltd", "Co",
];

/// The longest of [`ABBREVIATIONS`], in bytes: a longer word, most before a full stop, is
/// none of them without comparing it with each.
const LONGEST_ABBREVIATION: usize = 4;

/// Single letters separated by full stops so far ("U", "U.S"): an initialism.
fn is_initialism(word: &str) -> bool {
    word.split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

/// The character at byte `i` of `line` (a character boundary) and its length in bytes, if the
/// line goes on there. ASCII, most of a news text, is read without decoding.
#[inline]
fn char_at(line: &str, i: usize) -> Option<(char, usize)> {
    match *line.as_bytes().get(i)? {
        b @ 0..0x80 => Some((char::from(b), 1)),
        _ => line.get(i..)?.chars().next().map(|c| (c, c.len_utf8())),
    }
}

/// Whether `c` is a letter or a digit. The General Punctuation block (dashes, curly quotation
/// marks, ellipses), the most frequent non-ASCII characters of news text, holds neither, and is
/// answered without the Unicode tables.
#[inline]
fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !GENERAL_PUNCTUATION.contains(&c) && c.is_alphanumeric()
}

/// U+2000 to U+206F: spaces, dashes, quotation marks, bullets and invisible operators.
const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

/// Splits one line (no line break inside) into tokens; offsets are relative to `base`.
pub(super) fn tokenize_line(line: &str, base: usize, out: &mut Vec<Token>) {
    let mut i = 0;
    let bytes = line.as_bytes();
    loop {
        // A space, the most frequent character, needs no decoding or class.
        if bytes.get(i) == Some(&b' ') {
            i += 1;
            continue;
        }
        let Some((c, len)) = char_at(line, i) else {
            break;
        };
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if !is_alphanumeric(c) {
            // Two apostrophes are one mark: the New York Times' double quotation mark (''…'').
            // Three after a word close a single quotation inside a double one: "…case,'''" is
            // ' then ''.
            let closes_nested = line[i..].starts_with("'''")
                && line[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|p| !p.is_whitespace());
            let doubled = c == '\'' && line[i + 1..].starts_with('\'') && !closes_nested;
            let end = i + len + usize::from(doubled);
            out.push(Token {
                start: (base + i) as u32,
                end: (base + end) as u32,
                word: false,
                cap: false,
                possessive: false,
            });
            i = end;
            continue;
        }
        let mut end = i + len;
        let mut prev = c;
        loop {
            // ASCII letters and digits, most of a word, in a tight loop.
            let run = (line.as_bytes()[end..].iter())
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            if run > 0 {
                end += run;
                prev = char::from(line.as_bytes()[end - 1]);
            }
            let Some((d, d_len)) = char_at(line, end) else {
                break;
            };
            // A space ends most words: none of the marks that join words.
            if d == ' ' {
                break;
            }
            // What follows is read only for a mark inside a word: letters are most characters.
            let inside = is_alphanumeric(d) || {
                let next = char_at(line, end + d_len).map(|(n, _)| n);
                let next_alnum = next.is_some_and(is_alphanumeric);
                ((is_apostrophe(d) || is_hyphen(d)) && next_alnum)
                    || (d == '.'
                        && next_alnum
                        && prev.is_alphabetic()
                        && is_initialism(&line[i..end]))
                    || (matches!(d, '.' | ',')
                        && prev.is_ascii_digit()
                        && next.is_some_and(|n| n.is_ascii_digit()))
            };
            if !inside {
                break;
            }
            end += d_len;
            prev = d;
        }
        // A closing full stop stays with initialisms and abbreviations.
        if bytes.get(end) == Some(&b'.') {
            let word = &line[i..end];
            let abbreviation = word.len() <= LONGEST_ABBREVIATION && ABBREVIATIONS.contains(&word);
            if (c.is_uppercase() && is_initialism(word)) || abbreviation {
                end += 1;
            }
        }
        out.push(Token {
            start: (base + i) as u32,
            end: (base + end) as u32,
            word: true,
            cap: c.is_uppercase(),
            possessive: false,
        });
        i = end;
    }
}

/// An ASCII word in lower case, copied into `buf` if it has capitals; `None` for longer or
/// non-ASCII words (no cue or function word is either).
#[inline]
pub(super) fn lower<'b>(word: &'b str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    if word.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    // Most words of a text are in lower case already: no copy to make and check.
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some(word);
    }
    let out = &mut buf[..word.len()];
    out.copy_from_slice(word.as_bytes());
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize_line(line, 0, &mut out);
        out.iter()
            .map(|t| &line[t.start as usize..t.end as usize])
            .collect()
    }

    #[test]
    fn every_kind_of_apostrophe_stays_inside_a_word() {
        assert_eq!(words("Russia‘s O`Brien"), ["Russia‘s", "O`Brien"]);
    }

    #[test]
    fn apostrophes_hyphens_and_initialisms_stay_inside_words() {
        assert_eq!(
            words("Ukraine’s “non-issue,” said Mr. Smith of the U.S. today."),
            [
                "Ukraine’s",
                "“",
                "non-issue",
                ",",
                "”",
                "said",
                "Mr.",
                "Smith",
                "of",
                "the",
                "U.S.",
                "today",
                "."
            ]
        );
        assert_eq!(
            words("experts’ view: $6.78 billion, 100,000 ‘yes’"),
            [
                "experts", "’", "view", ":", "$", "6.78", "billion", ",", "100,000", "‘", "yes",
                "’"
            ]
        );
    }

    /// The shortcut for the General Punctuation block says what the Unicode tables say.
    #[test]
    fn no_character_of_the_general_punctuation_block_is_a_letter_or_digit() {
        for c in GENERAL_PUNCTUATION {
            assert_eq!(
                is_alphanumeric(c),
                c.is_alphanumeric(),
                "U+{:04X}",
                u32::from(c)
            );
        }
        for c in [
            'a', 'Z', '0', 'é', 'ß', 'Ω', '٣', '—', '’', '“', '…', ' ', '\u{2071}',
        ] {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn no_abbreviation_is_longer_than_the_length_checked_first() {
        assert!(
            ABBREVIATIONS
                .iter()
                .all(|a| a.len() <= LONGEST_ABBREVIATION)
        );
        assert_eq!(
            words("Prof. Sept. Corp. Profs. Sep."),
            ["Prof.", "Sept.", "Corp.", "Profs", ".", "Sep."]
        );
    }

    #[test]
    fn lower_case_copies_ascii_words_only() {
        let mut buf = [0; 24];
        assert_eq!(lower("Said", &mut buf), Some("said"));
        assert_eq!(lower("said", &mut buf), Some("said"));
        assert_eq!(lower("U.S.", &mut buf), Some("u.s."));
        assert_eq!(lower("abcdefghijklmnopqrstuvwxy", &mut buf), None);
        assert_eq!(lower("Zoë", &mut buf), None);
    }
}
