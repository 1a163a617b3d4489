//! Reporting nouns and noun phrases: `Kyiv’s argument that …`, `Moscow’s demand for …`,
//! `X raised questions about …`.

use super::super::cues::{self, Act};
use super::super::doc::Doc;
use super::super::mentions::{Np, NpKind, Resolver, is_possessive, subject_before};
use super::super::tokens::lower;
use super::*;
use crate::project::Label;

/// The forms of "raise", which starts [`raised_about`].
pub(super) const RAISE: &[&str] = &["raise", "raises", "raised", "raising"];

/// "X raised questions about …": a reported question or concern.
pub(super) fn raised_about(
    doc: &Doc,
    sentence: Span,
    i: usize,
    resolver: &mut Resolver,
) -> Option<Attribution> {
    let Span { s, e } = sentence;
    let phrase = i + 3 < e
        && doc.is_any(i, RAISE)
        && doc.is_any(
            i + 1,
            &["questions", "concerns", "doubts", "fears", "worries"],
        )
        && doc.is_any(i + 2, &["about", "over"]);
    if !phrase {
        return None;
    }
    let np = subject_before(doc, s, i)?;
    let speaker = resolver.resolve(doc, &np);
    Some(Attribution {
        label: Label::Claim,
        cue: i..i + 2,
        speaker,
        content: one(i + 3..object_end(doc, sentence, i + 3)),
        addressee: None,
        confidence: 0.6,
    })
}

/// "Kyiv’s argument that …", "Moscow’s demand for …": a reporting noun after its possessor.
pub(super) fn noun_cue(
    doc: &Doc,
    sentence: Span,
    i: usize,
    resolver: &mut Resolver,
) -> Option<Attribution> {
    let Span { s, e } = sentence;
    let mut buf = [0; 24];
    let act = cues::noun_cue(lower(doc.word(i), &mut buf)?)?;
    if i == s || i + 1 >= e || !is_possessive(doc, i - 1) {
        return None;
    }
    let that = doc.is(i + 1, "that");
    if !(that || (act == Act::Demand && doc.is(i + 1, "for"))) {
        return None;
    }
    let mut owner = i - 1;
    if doc.is_punct(owner, &['’', '\'']) && owner > s {
        owner -= 1;
    }
    let owner = Np {
        tokens: owner..owner + 1,
        kind: NpKind::Possessor(owner..owner + 1),
    };
    let speaker = resolver.resolve(doc, &owner)?;
    let content = one(i + 2..clause_end(doc, sentence, i, i + 2));
    let label = if act == Act::Demand {
        Label::Demand
    } else {
        obliged(doc, &content)
    };
    Some(Attribution {
        label,
        cue: i..i + 1,
        speaker: Some(speaker),
        content: non_empty(content)?,
        addressee: None,
        confidence: 0.6,
    })
}
