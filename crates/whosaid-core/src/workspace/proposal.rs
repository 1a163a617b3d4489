//! A suggestion of the engine cut out of its document the way an annotation is: fragments trimmed
//! of white space, with their text, and speakers named as the registry names them.
//!
//! It borrows everything, so a run that writes suggestions out copies no text; a pending
//! suggestion (with context strings to re-anchor it) is made from it only when one is kept.

use crate::project::{Fragment, Guess, Label, Pending, Speaker, SpeakerId};
use crate::suggest::{ByteSpans, SpeakerGuess, Suggestion};
use crate::text::{CONTEXT_CHARS, DocText};
use std::ops::Range;

pub struct Proposal<'a> {
    pub label: Label,
    /// At least one, in text order.
    pub fragments: Vec<Piece<'a>>,
    pub cue: Option<Piece<'a>>,
    pub speaker: Option<Named<'a>>,
    pub addressee: Option<Named<'a>>,
    /// Percent, as a pending suggestion records it.
    pub confidence: u8,
}

/// A trimmed span: code points, the bytes of the same place, and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece<'a> {
    pub start: usize,
    pub end: usize,
    pub bytes: Range<usize>,
    pub text: &'a str,
}

/// A proposed speaker or addressee: its registry id, if it has one, and its name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Named<'a> {
    pub id: Option<SpeakerId>,
    pub name: &'a str,
}

impl<'a> Proposal<'a> {
    /// `s` in `text`, found with its byte ranges `bytes`; `None` when a fragment is only white
    /// space (a cue that is has none).
    pub fn new(
        text: &'a DocText,
        speakers: &'a [Speaker],
        s: &'a Suggestion,
        bytes: &ByteSpans,
    ) -> Option<Self> {
        let fragments = (s.fragments.iter().zip(&bytes.fragments))
            .map(|(cps, b)| Piece::trimmed(text.as_str(), cps.clone(), b.clone()))
            .collect::<Option<Vec<_>>>()?;
        let cue = s
            .cue
            .clone()
            .zip(bytes.cue.clone())
            .and_then(|(cps, b)| Piece::trimmed(text.as_str(), cps, b));
        let named = |g: &'a Option<SpeakerGuess>| {
            g.as_ref().map(|g| match g {
                SpeakerGuess::Known(id) => Named {
                    id: Some(*id),
                    name: speakers
                        .iter()
                        .find(|s| s.id == *id)
                        .map_or("", |s| s.name.as_str()),
                },
                SpeakerGuess::New(name) => Named {
                    id: None,
                    name: name.as_ref(),
                },
            })
        };
        Some(Proposal {
            label: s.label,
            fragments,
            cue,
            speaker: named(&s.speaker),
            addressee: named(&s.addressee),
            confidence: (s.confidence.clamp(0.0, 1.0) * 100.0).round() as u8,
        })
    }

    pub fn start(&self) -> usize {
        self.fragments.first().map_or(0, |f| f.start)
    }

    pub fn end(&self) -> usize {
        self.fragments.last().map_or(0, |f| f.end)
    }

    /// The text from the first fragment's start to the last one's end, gaps included.
    pub fn span_text(&self, text: &'a DocText) -> &'a str {
        match (self.fragments.first(), self.fragments.last()) {
            (Some(first), Some(last)) => &text.as_str()[first.bytes.start..last.bytes.end],
            _ => "",
        }
    }

    /// The text of all fragments, joined with " … " where they are apart (what a rejection
    /// remembers, as [`Pending::display_text`]).
    pub fn display_text(&self) -> String {
        let parts: Vec<&str> = self.fragments.iter().map(|f| f.text).collect();
        parts.join(" … ")
    }

    /// As a pending suggestion (id 0 until taken), with each fragment's context.
    pub fn pending(&self, text: &DocText) -> Pending {
        let guess = |n: &Option<Named>| {
            n.map(|n| Guess {
                id: n.id,
                name: n.name.to_string(),
            })
        };
        Pending {
            id: 0,
            label: self.label,
            fragments: self.fragments.iter().map(|p| p.fragment(text)).collect(),
            speaker: guess(&self.speaker),
            cue: self.cue.as_ref().map(|p| p.fragment(text)),
            addressee: guess(&self.addressee),
            confidence: self.confidence,
            edited: false,
        }
    }
}

impl<'a> Piece<'a> {
    /// The span at code points `cps` and bytes `bytes` of `text` without leading and trailing
    /// white space (as [`DocText::trim`]); `None` when nothing else is left.
    fn trimmed(text: &'a str, cps: Range<usize>, bytes: Range<usize>) -> Option<Self> {
        let all = text.get(bytes.clone())?;
        // Most spans start and end with a visible ASCII character: nothing to trim or count.
        let visible = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_graphic());
        if visible(all.as_bytes().first()) && visible(all.as_bytes().last()) {
            return Some(Piece {
                start: cps.start,
                end: cps.end,
                bytes,
                text: all,
            });
        }
        let body = all.trim_start();
        if body.is_empty() {
            return None;
        }
        let lead = &all[..all.len() - body.len()];
        let kept = body.trim_end();
        let trail = &body[kept.len()..];
        let from = bytes.start + lead.len();
        Some(Piece {
            start: cps.start + lead.chars().count(),
            end: cps.end - trail.chars().count(),
            bytes: from..from + kept.len(),
            text: kept,
        })
    }

    /// As an annotation's fragment, with its context: the [`CONTEXT_CHARS`] code points on each
    /// side, as [`DocText::context`] gives them, counted from the bytes it already has rather
    /// than found again from code point offsets.
    fn fragment(&self, text: &DocText) -> Fragment {
        let all = text.as_str();
        let from = (all[..self.bytes.start].char_indices().rev())
            .take(CONTEXT_CHARS)
            .last()
            .map_or(self.bytes.start, |(b, _)| b);
        let to = (all[self.bytes.end..].char_indices())
            .nth(CONTEXT_CHARS)
            .map_or(all.len(), |(b, _)| self.bytes.end + b);
        Fragment::with_context(
            self.start,
            self.end,
            self.text,
            &all[from..self.bytes.start],
            &all[self.bytes.end..to],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_trimmed_like_the_text_trims_a_selection() {
        let text = DocText::new(" «\u{a0}Zoë said\u{2003} » \n\t ".repeat(4));
        let n = text.char_len();
        for start in 0..=n {
            for end in start..=n {
                let bytes = text.byte_of(start).unwrap()..text.byte_of(end).unwrap();
                let piece = Piece::trimmed(text.as_str(), start..end, bytes);
                let trimmed = text.trim(start..end);
                if trimmed.is_empty() {
                    assert_eq!(piece, None, "{start}..{end}");
                    continue;
                }
                let piece = piece.unwrap();
                assert_eq!(piece.start..piece.end, trimmed, "{start}..{end}");
                assert_eq!(Some(piece.text), text.slice(trimmed.clone()));
                assert_eq!(&text.as_str()[piece.bytes.clone()], piece.text);
                let fragment = piece.fragment(&text);
                let context = (fragment.prefix(), fragment.suffix());
                assert_eq!(context, text.context_str(trimmed), "{start}..{end}");
            }
        }
    }
}
