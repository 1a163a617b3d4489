//! Pairing quotation marks in every common style: “…” and "…" (English), ‘…’ and '…' (British
//! single quotes, told apart from apostrophes by what touches them), „…“ (German), «…» and
//! »…« (French and German guillemets), ‹…›. Only outermost quotes are kept; a quote left open at
//! the end of a paragraph continues when the next paragraph opens with a mark of the same family
//! (the English convention for quotes running over several paragraphs).

use super::tokens::Token;
use std::ops::Range;

/// Marks that close each other: a closing mark closes the innermost open mark of its family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
    SingleGuillemet,
}

/// One quoted piece within a paragraph: token indices of its opening mark and of its closing mark
/// (`None` when the quote runs on into the next paragraph) and of its last token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Piece {
    pub open: usize,
    pub close: Option<usize>,
    pub last: usize,
}

/// An outermost quotation: one piece, or several when it runs over paragraphs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Quotation {
    pub pieces: Vec<Piece>,
}

struct Open {
    family: Family,
    /// The mark that opened it ('„' is closed by '“', a leading '»' by '«').
    mark: char,
    token: usize,
}

enum Role {
    Open(Family),
    Close(Family),
    None,
}

/// Finds the quotations of a document whose paragraphs are given as token ranges.
pub(super) fn find_quotations(
    text: &str,
    tokens: &[Token],
    paragraphs: &[Range<usize>],
) -> Vec<Quotation> {
    let mut quotes: Vec<Quotation> = Vec::new();
    // A quotation left open at the end of the last non-empty paragraph, and the family it is in.
    let mut pending: Option<(usize, Family)> = None;
    let mut stack: Vec<Open> = Vec::new();
    for para in paragraphs {
        if para.is_empty() {
            continue;
        }
        stack.clear();
        let carried = pending.take();
        for i in para.clone() {
            let t = tokens[i];
            if t.word {
                continue;
            }
            let c = mark_of(text, &t);
            let role = role(c, text, tokens, para, i, &stack);
            match role {
                Role::Open(family) => {
                    if stack.is_empty() {
                        let piece = Piece {
                            open: i,
                            close: None,
                            last: i,
                        };
                        match carried {
                            Some((q, f)) if f == family && i == para.start => {
                                quotes[q].pieces.push(piece)
                            }
                            _ => quotes.push(Quotation {
                                pieces: vec![piece],
                            }),
                        }
                    }
                    stack.push(Open {
                        family,
                        mark: c,
                        token: i,
                    });
                }
                Role::Close(family) => {
                    if let Some(k) = stack.iter().rposition(|o| o.family == family) {
                        stack.truncate(k);
                        if k == 0 {
                            let piece = quotes.last_mut().and_then(|q| q.pieces.last_mut());
                            if let Some(piece) = piece {
                                piece.close = Some(i);
                                piece.last = i;
                            }
                        }
                    }
                }
                Role::None => {}
            }
        }
        // A piece still open runs to the end of the paragraph; it is kept only if the next
        // paragraph takes it up.
        if let Some(outer) = stack.first() {
            let q = quotes.len() - 1;
            if let Some(piece) = quotes[q].pieces.last_mut() {
                debug_assert_eq!(piece.open, outer.token);
                piece.last = para.end - 1;
            }
            pending = Some((q, outer.family));
        }
    }
    // Drop runs that never closed: their marks were not quotation marks (or the text is broken).
    quotes.retain(|q| q.pieces.last().is_some_and(|p| p.close.is_some()));
    quotes
}

/// The mark a punctuation token stands for: a doubled apostrophe is a straight double quote.
fn mark_of(text: &str, t: &Token) -> char {
    match char_of(text, t) {
        '\'' if t.end - t.start == 2 => '"',
        c => c,
    }
}

fn char_of(text: &str, t: &Token) -> char {
    text[t.start as usize..].chars().next().unwrap_or(' ')
}

/// What a mark does here, from the mark itself, what touches it, and which quotes are open.
fn role(
    c: char,
    text: &str,
    tokens: &[Token],
    para: &Range<usize>,
    i: usize,
    stack: &[Open],
) -> Role {
    // Most marks are commas and full stops: what touches them is not read.
    if !matches!(
        c,
        '“' | '”' | '„' | '"' | '‘' | '’' | '\'' | '«' | '»' | '‹' | '›'
    ) {
        return Role::None;
    }
    let t = tokens[i];
    let prev = (i > para.start).then(|| tokens[i - 1]);
    let next = (i + 1 < para.end).then(|| tokens[i + 1]);
    // Touching a word or a mark on its left / right.
    let glued_left = prev.is_some_and(|p| p.end == t.start && !is_opening_punct(char_of(text, &p)));
    let glued_right =
        next.is_some_and(|n| n.start == t.end && !is_closing_punct(char_of(text, &n)));
    let left_flanking = glued_right && !glued_left;
    let right_flanking = glued_left && !glued_right;
    let open_with = |family: Family| stack.iter().rev().find(|o| o.family == family);
    let next_is_digit =
        next.is_some_and(|n| n.start == t.end && char_of(text, &n).is_ascii_digit());
    match c {
        '“' => match open_with(Family::Double) {
            Some(o) if o.mark == '„' => Role::Close(Family::Double),
            _ => Role::Open(Family::Double),
        },
        '”' => {
            if open_with(Family::Double).is_some() {
                Role::Close(Family::Double)
            } else if left_flanking {
                Role::Open(Family::Double)
            } else {
                Role::None
            }
        }
        '„' => Role::Open(Family::Double),
        '"' => {
            let open = open_with(Family::Double).is_some_and(|o| o.mark == '"');
            if left_flanking || (!right_flanking && !open) {
                Role::Open(Family::Double)
            } else {
                Role::Close(Family::Double)
            }
        }
        '‘' if left_flanking && !next_is_digit => Role::Open(Family::Single),
        '‘' | '’' | '\'' if open_with(Family::Single).is_some() && !left_flanking => {
            Role::Close(Family::Single)
        }
        '\'' if left_flanking && !next_is_digit => Role::Open(Family::Single),
        '«' => match open_with(Family::Guillemet) {
            Some(o) if o.mark == '»' => Role::Close(Family::Guillemet),
            _ => Role::Open(Family::Guillemet),
        },
        '»' => match open_with(Family::Guillemet) {
            Some(o) if o.mark == '«' => Role::Close(Family::Guillemet),
            _ if left_flanking => Role::Open(Family::Guillemet),
            _ => Role::None,
        },
        '‹' => match open_with(Family::SingleGuillemet) {
            Some(o) if o.mark == '›' => Role::Close(Family::SingleGuillemet),
            _ => Role::Open(Family::SingleGuillemet),
        },
        '›' => match open_with(Family::SingleGuillemet) {
            Some(o) if o.mark == '‹' => Role::Close(Family::SingleGuillemet),
            _ if left_flanking => Role::Open(Family::SingleGuillemet),
            _ => Role::None,
        },
        _ => Role::None,
    }
}

/// Opening quotation marks of any style.
pub(super) fn is_opening_mark(c: char) -> bool {
    matches!(c, '“' | '„' | '"' | '‘' | '\'' | '«' | '»' | '‹' | '›')
}

fn is_opening_punct(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '—' | '–') || is_opening_mark(c)
}

fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '…' | '—' | '–'
    )
}

#[cfg(test)]
mod tests {

    /// The quoted texts, each piece from its opening mark to its closing mark or paragraph end.
    fn quoted(text: &str) -> Vec<Vec<&str>> {
        let doc = super::super::doc::Doc::new(text);
        doc.quotes
            .iter()
            .map(|q| {
                q.pieces
                    .iter()
                    .map(|p| &text[doc.bytes(p.open..p.last + 1)])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn curly_quotes_ignore_apostrophes_inside_words() {
        assert_eq!(
            quoted("“It’s Ukraine’s call,” he said. “We don’t know.”"),
            [["“It’s Ukraine’s call,”"], ["“We don’t know.”"]]
        );
    }

    #[test]
    fn straight_quotes_pair_by_what_touches_them() {
        assert_eq!(
            quoted(r#"He said "we can't wait" and left. "Never," she said."#),
            [[r#""we can't wait""#], [r#""Never,""#]]
        );
    }

    #[test]
    fn british_single_quotes_with_nested_double_quotes() {
        assert_eq!(
            quoted("‘The so-called “deal” isn’t one,’ said Mr Smith. The experts’ view differs."),
            [["‘The so-called “deal” isn’t one,’"]]
        );
        assert_eq!(quoted("'It's over,' she said."), [["'It's over,'"]]);
    }

    #[test]
    fn doubled_apostrophes_are_double_quotes() {
        assert_eq!(
            quoted("''This isn't tax reform,'' said Mr. Smith. He called it ''a scam.''"),
            [["''This isn't tax reform,''"], ["''a scam.''"]]
        );
        // A nested single quotation that ends with the double one: ' then ''.
        assert_eq!(
            quoted("''We are told, 'Kosovo is special,''' Mr. Putin said. ''It is all lies.''"),
            [
                ["''We are told, 'Kosovo is special,'''"],
                ["''It is all lies.''"]
            ]
        );
    }

    #[test]
    fn guillemets_and_german_quotes() {
        assert_eq!(
            quoted("Il a dit : « Nous partons » hier."),
            [["« Nous partons »"]]
        );
        assert_eq!(
            quoted("„Wir sind bereit“, sagte Merz. »Nein«, sagte er."),
            [["„Wir sind bereit“"], ["»Nein«"]]
        );
    }

    #[test]
    fn a_quote_runs_over_paragraphs_that_reopen_it() {
        assert_eq!(
            quoted("“First part.\n“Second part,” he said.\n“Unclosed and\nnot taken up."),
            [["“First part.", "“Second part,”"]]
        );
    }
}
