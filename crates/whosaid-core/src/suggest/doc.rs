//! One document as the rules see it: tokens, paragraphs, quotations and sentences, with the
//! paragraphs that are scraped boilerplate (lists of other headlines) marked.

use super::fast_hash::{Key, WordSet, key_of_bytes, list_contains};
use super::mentions::{ends_possessive, strip_possessive};
use super::quotes::{Quotation, find_quotations, is_opening_mark};
use super::tokens::{Token, tokenize_line};
use std::ops::Range;

pub(super) struct Doc<'a> {
    pub text: &'a str,
    /// Private: rules read tokens through the methods below, which answer for any index.
    tokens: Vec<Token>,
    /// Per token: the word's [`Key`] (0 for marks and words a key cannot hold), made once here
    /// because the rules check the same words against their lists many times over.
    keys: Vec<Key>,
    /// Token ranges, one per line.
    pub paragraphs: Vec<Range<usize>>,
    /// Per paragraph: part of a list of headlines or links, not article text.
    pub boilerplate: Vec<bool>,
    /// Per paragraph: written in title case (see [`Doc::is_headline`]). Worked out once here:
    /// the rules ask at every word, and counting the paragraph's capitals each time made
    /// reading a long paragraph quadratic.
    headlines: Vec<bool>,
    pub quotes: Vec<Quotation>,
    /// Per token: 1 + the index of the quotation holding it (its marks included), or 0.
    quote_at: Vec<u32>,
    pub sentences: Vec<Sentence>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Sentence {
    pub tokens: Range<usize>,
    pub paragraph: usize,
}

/// Lists up to this long are compared word by word in [`Doc::is_any`]; longer ones are looked
/// up in a set (measured: 8 and 32 cost more instructions in all than 16).
const SHORT_LIST: usize = 16;

/// Consecutive lines without closing punctuation that make a list, not a headline.
const LIST_LINES: usize = 3;

/// Sets [`Token::possessive`]: a word with a possessive ending, or any token followed, with no
/// space, by a detached apostrophe (’ or '). Most tokens are settled by one byte: a word's last
/// (see [`ends_possessive`]) and the next token's first.
fn mark_possessives(text: &str, tokens: &mut [Token]) {
    let bytes = text.as_bytes();
    let apostrophe = |t: &Token| {
        !t.word
            && match bytes.get(t.start as usize) {
                Some(b'\'') => true,
                Some(0xE2) => text[t.start as usize..].starts_with('’'),
                _ => false,
            }
    };
    for k in 0..tokens.len() {
        let t = tokens[k];
        let (start, end) = (t.start as usize, t.end as usize);
        let own = t.word
            && end
                .checked_sub(1)
                .and_then(|last| bytes.get(last))
                .is_some_and(|&b| ends_possessive(b))
            && text.get(start..end).and_then(strip_possessive).is_some();
        let detached = || {
            tokens
                .get(k + 1)
                .is_some_and(|n| n.start == t.end && apostrophe(n))
        };
        tokens[k].possessive = own || detached();
    }
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut tokens = Vec::with_capacity(text.len() / 5);
        let mut paragraphs = Vec::new();
        let mut base = 0;
        for line in text.split('\n') {
            let start = tokens.len();
            tokenize_line(line, base, &mut tokens);
            paragraphs.push(start..tokens.len());
            base += line.len() + 1;
        }
        mark_possessives(text, &mut tokens);
        let bytes = text.as_bytes();
        let keys = (tokens.iter())
            .map(|t| match t.word {
                true => bytes
                    .get(t.start as usize..t.end as usize)
                    .map_or(0, key_of_bytes),
                false => 0,
            })
            .collect();
        let quotes = find_quotations(text, &tokens, &paragraphs);
        let mut quote_at = vec![0u32; tokens.len()];
        for (q, quote) in quotes.iter().enumerate() {
            for piece in &quote.pieces {
                quote_at[piece.open..=piece.last].fill(q as u32 + 1);
            }
        }
        let mut doc = Doc {
            text,
            tokens,
            keys,
            boilerplate: Vec::new(),
            headlines: Vec::new(),
            paragraphs,
            quotes,
            quote_at,
            sentences: Vec::new(),
        };
        doc.headlines = (0..doc.paragraphs.len())
            .map(|p| doc.title_case(p))
            .collect();
        doc.boilerplate = doc.find_boilerplate();
        doc.sentences = doc.split_sentences();
        doc
    }

    // Every question about a token is answered for any index: a rule that looks ahead past the
    // last token (a text that ends "Officials said") gets "no", not a panic. The token list is
    // private so that no rule indexes it with a computed position.

    /// How many tokens the document has.
    #[cfg(test)]
    pub fn token_count(&self) -> usize {
        self.tokens.len()
    }

    /// Token `i`, if the text has one there.
    #[inline]
    pub fn token(&self, i: usize) -> Option<Token> {
        self.tokens.get(i).copied()
    }

    /// The text of token `i`; empty past the last token.
    #[inline]
    pub fn word(&self, i: usize) -> &'a str {
        self.token(i)
            .map_or("", |t| &self.text[t.start as usize..t.end as usize])
    }

    /// Whether token `i` is a word (not a mark, and not past the end).
    #[inline]
    pub fn is_word(&self, i: usize) -> bool {
        self.token(i).is_some_and(|t| t.word)
    }

    /// Whether token `i` is a word that starts with a capital.
    #[inline]
    pub fn is_cap(&self, i: usize) -> bool {
        self.token(i).is_some_and(|t| t.word && t.cap)
    }

    /// Whether token `b` starts where token `a` ends (no space between them).
    #[inline]
    pub fn touching(&self, a: usize, b: usize) -> bool {
        matches!((self.token(a), self.token(b)), (Some(a), Some(b)) if a.end == b.start)
    }

    /// The bytes of token `i` if it is a word.
    #[inline]
    fn word_bytes(&self, i: usize) -> Option<&'a [u8]> {
        let t = self.token(i).filter(|t| t.word)?;
        self.text.as_bytes().get(t.start as usize..t.end as usize)
    }

    /// Whether token `i` is the word `w` (ASCII case ignored).
    #[inline]
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.word_bytes(i)
            .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
    }

    /// The [`Key`] of token `i`: 0 for a mark, a word a key cannot hold, or past the end.
    #[inline]
    pub fn key(&self, i: usize) -> Key {
        self.keys.get(i).copied().unwrap_or(0)
    }

    /// Whether token `i` is one of `words` (ASCII case ignored).
    #[inline]
    pub fn is_any(&self, i: usize, words: &'static [&'static str]) -> bool {
        let Some(w) = self.word_bytes(i) else {
            return false;
        };
        if words.len() <= SHORT_LIST {
            // Length rules out nearly every word of a short list at once.
            return (words.iter())
                .any(|x| x.len() == w.len() && x.as_bytes().eq_ignore_ascii_case(w));
        }
        list_contains(words, self.keys[i], self.word(i))
    }

    /// Whether token `i` is a word of `set`.
    #[inline]
    pub fn is_in(&self, i: usize, set: &WordSet) -> bool {
        match self.keys.get(i) {
            Some(&0) => self.is_word(i) && set.contains_unkeyed(self.word(i)),
            Some(&k) => set.has_key(k),
            None => false,
        }
    }

    /// The punctuation mark at token `i`, if it is one.
    #[inline]
    pub fn punct(&self, i: usize) -> Option<char> {
        let t = self.token(i)?;
        (!t.word)
            .then(|| self.text[t.start as usize..].chars().next())
            .flatten()
    }

    #[inline]
    pub fn is_punct(&self, i: usize, marks: &[char]) -> bool {
        self.punct(i).is_some_and(|c| marks.contains(&c))
    }

    /// The quotation holding token `i` (its marks included).
    #[inline]
    pub fn quote_at(&self, i: usize) -> Option<usize> {
        self.quote_at.get(i)?.checked_sub(1).map(|q| q as usize)
    }

    /// Whether a paragraph is written in title case (a headline): its capitalised words are
    /// not names to remember.
    pub fn is_headline(&self, paragraph: usize) -> bool {
        self.headlines[paragraph]
    }

    /// Whether at least 60% of a paragraph's words (and three or more) are capitalised.
    fn title_case(&self, paragraph: usize) -> bool {
        let para = &self.paragraphs[paragraph];
        let words = para.clone().filter(|&i| self.is_word(i));
        let (mut all, mut capitalised) = (0, 0);
        for i in words {
            all += 1;
            capitalised += usize::from(self.is_cap(i));
        }
        all >= 3 && capitalised * 10 >= all * 6
    }

    /// The sentence holding token `i`, if it is in one (boilerplate is not).
    pub fn sentence_at(&self, i: usize) -> Option<usize> {
        let k = self.sentences.partition_point(|s| s.tokens.start <= i);
        (k > 0 && self.sentences[k - 1].tokens.contains(&i)).then(|| k - 1)
    }

    /// The paragraph holding token `i`.
    pub fn paragraph_of(&self, i: usize) -> usize {
        self.paragraphs.partition_point(|p| p.end <= i)
    }

    /// Byte range covered by tokens `r` (non-empty).
    pub fn bytes(&self, r: Range<usize>) -> Range<usize> {
        self.tokens[r.start].start as usize..self.tokens[r.end - 1].end as usize
    }

    pub fn text_of(&self, r: Range<usize>) -> &'a str {
        &self.text[self.bytes(r)]
    }

    /// Whether a paragraph's last token closes a sentence (or a quotation, or a colon).
    fn terminated(&self, para: &Range<usize>) -> bool {
        para.end > para.start
            && self.is_punct(
                para.end - 1,
                &['.', '!', '?', '…', ':', '”', '"', '’', '»', '«', ')'],
            )
    }

    fn find_boilerplate(&self) -> Vec<bool> {
        let mut out = vec![false; self.paragraphs.len()];
        let mut run_start = 0;
        for i in 0..=self.paragraphs.len() {
            let in_run = self
                .paragraphs
                .get(i)
                .is_some_and(|p| !p.is_empty() && !self.terminated(p));
            if !in_run {
                if i - run_start >= LIST_LINES {
                    out[run_start..i].fill(true);
                }
                run_start = i + 1;
            }
        }
        out
    }

    /// Sentences end at `.`, `!`, `?` or `…` outside quotations (or just inside a closing mark)
    /// when what follows starts a sentence: a capital, a digit or an opening quotation mark.
    fn split_sentences(&self) -> Vec<Sentence> {
        let mut out = Vec::new();
        for (p, para) in self.paragraphs.iter().enumerate() {
            if para.is_empty() || self.boilerplate[p] {
                continue;
            }
            let mut start = para.start;
            let mut i = para.start;
            while i < para.end {
                if !self.is_punct(i, &['.', '!', '?', '…']) {
                    i += 1;
                    continue;
                }
                let mut j = i + 1;
                if let Some(q) = self.quote_at(i) {
                    // Inside a quotation only its last mark before the closing mark counts.
                    let closes = self.quotes[q]
                        .pieces
                        .iter()
                        .any(|piece| piece.close == Some(j));
                    if !closes {
                        i += 1;
                        continue;
                    }
                    j += 1;
                }
                while j < para.end && self.is_punct(j, &[')', '”', '’', '»']) {
                    j += 1;
                }
                let starts_sentence = j == para.end
                    || (self.is_word(j)
                        && (self.is_cap(j)
                            || self.word(j).starts_with(|c: char| c.is_ascii_digit())))
                    || self
                        .punct(j)
                        .is_some_and(|c| is_opening_mark(c) || c == '(');
                if starts_sentence {
                    out.push(Sentence {
                        tokens: start..j,
                        paragraph: p,
                    });
                    start = j;
                }
                i = j.max(i + 1);
            }
            if start < para.end {
                out.push(Sentence {
                    tokens: start..para.end,
                    paragraph: p,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let doc = Doc::new(text);
        doc.sentences
            .iter()
            .map(|s| doc.text_of(s.tokens.clone()))
            .collect()
    }

    #[test]
    fn sentences_end_outside_quotes_or_at_their_last_mark() {
        assert_eq!(
            sentences("“It works. Really,” said Mr. Smith. “Yes.” He left! Did the U.S. agree?"),
            [
                "“It works. Really,” said Mr. Smith.",
                "“Yes.”",
                "He left!",
                "Did the U.S. agree?"
            ]
        );
        assert_eq!(
            sentences("“Why?” he asked. Fine."),
            ["“Why?” he asked.", "Fine."]
        );
    }

    #[test]
    fn lists_of_headlines_are_boilerplate_but_a_lone_headline_is_not() {
        let doc = Doc::new(
            "Experts Say Talks Will Fail\nBody text here.\n\nOne Headline\nTwo Headline\nThree Headline\n",
        );
        assert_eq!(
            doc.boilerplate,
            [false, false, false, true, true, true, false]
        );
        assert_eq!(doc.sentences.len(), 2);
    }
}
