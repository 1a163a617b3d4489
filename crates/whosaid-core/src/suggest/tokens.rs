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
}

/// Abbreviations whose full stop belongs to the word (compared without it, case-sensitively).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "St", "Jr", "Sr", "Lt", "Col", "Gov",
    "Capt", "Maj", "Sgt", "Adm", "Rev", "Hon", "Insp", "Supt", "Cpl", "Pte", "No", "vs", "etc",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Inc",
    "Corp", "Ltd", "Co",
];

/// Single letters separated by full stops so far ("U", "U.S"): an initialism.
fn is_initialism(word: &str) -> bool {
    word.split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

/// Splits one line (no line break inside) into tokens; offsets are relative to `base`.
pub(super) fn tokenize_line(line: &str, base: usize, out: &mut Vec<Token>) {
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            // Two apostrophes are one mark: the New York Times' double quotation mark (''…'').
            // Three after a word close a single quotation inside a double one: "…case,'''" is
            // ' then ''.
            let closes_nested = line[i..].starts_with("'''")
                && line[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|p| !p.is_whitespace());
            let doubled = c == '\'' && line[i + 1..].starts_with('\'') && !closes_nested;
            if doubled {
                chars.next();
            }
            out.push(Token {
                start: (base + i) as u32,
                end: (base + i + c.len_utf8() + usize::from(doubled)) as u32,
                word: false,
                cap: false,
            });
            continue;
        }
        let mut end = i + c.len_utf8();
        let mut prev = c;
        while let Some(&(j, d)) = chars.peek() {
            // What follows is read only for a mark inside a word: letters are most characters.
            let inside = d.is_alphanumeric() || {
                let next = line[j + d.len_utf8()..].chars().next();
                let next_alnum = next.is_some_and(char::is_alphanumeric);
                ((is_apostrophe(d) || is_hyphen(d)) && next_alnum)
                    || (d == '.'
                        && next_alnum
                        && prev.is_alphabetic()
                        && is_initialism(&line[i..j]))
                    || (matches!(d, '.' | ',')
                        && prev.is_ascii_digit()
                        && next.is_some_and(|n| n.is_ascii_digit()))
            };
            if !inside {
                break;
            }
            chars.next();
            end = j + d.len_utf8();
            prev = d;
        }
        // A closing full stop stays with initialisms and abbreviations.
        if line[end..].starts_with('.') {
            let word = &line[i..end];
            if (c.is_uppercase() && is_initialism(word)) || ABBREVIATIONS.contains(&word) {
                chars.next();
                end += 1;
            }
        }
        out.push(Token {
            start: (base + i) as u32,
            end: (base + end) as u32,
            word: true,
            cap: c.is_uppercase(),
        });
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
