//! Cues whose content is the object of a preposition: `X talked about …`, `X’s criticism of …`,
//! `questions about …`, `pointed to …`; the pairs of word and preposition are learnt from train.

use super::super::cues;
use super::super::doc::Doc;
use super::super::fast_hash::FxMap;
use super::super::mentions::{Np, NpKind, Resolver, is_possessive, np_after, subject_before};
use super::super::tokens::lower;
use super::*;
use crate::project::Label;
use std::sync::LazyLock;

/// Per word form ("criticism"), per preposition ("of"): how often the pair ends a PolNeAR train
/// Cue with the Content right after it, and how often it occurs. Written by `cargo run
/// --release -p whosaid-core --example polnear -- TRAIN --mine-preps FILE`.
const MINED: &str = include_str!("../data/cue_preps.tsv");

/// A pair is read as a cue when it was one at least this often on train...
const MIN_CUES: usize = 3;
/// ...and in at least this share of its occurrences (the claim model then weighs each use).
const MIN_PRECISION: f64 = 0.25;

/// The prepositions each cue word takes its content after.
static PAIRS: LazyLock<FxMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut map: FxMap<&'static str, Vec<&'static str>> = FxMap::default();
    for line in MINED.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        let [pair, cue, total, _] = f[..] else {
            continue;
        };
        let (Some((word, prep)), Ok(cue), Ok(total)) = (
            pair.split_once(' '),
            cue.parse::<usize>(),
            total.parse::<usize>(),
        ) else {
            continue;
        };
        if cue >= MIN_CUES && cue as f64 >= MIN_PRECISION * total as f64 {
            map.entry(word).or_default().push(prep);
        }
    }
    map
});

/// The prepositions after which `word` (lower case) reports its object.
/// The words that take a mined preposition, in lower case.
pub(super) fn words_with_prepositions() -> impl Iterator<Item = &'static str> {
    PAIRS.keys().copied()
}

pub(super) fn prepositions_of(word: &str) -> Option<&'static [&'static str]> {
    PAIRS.get(word).map(Vec::as_slice)
}

/// Whether the pair at `i` is read before the word's verb frame: its frame would take the
/// preposition's phrase as an object or find no clause, while the demand frames read their
/// prepositions themselves, with the addressee ("called on X to …", "pressed for …").
pub(super) fn leads_verb_frame(doc: &Doc, i: usize) -> bool {
    let mut buf = [0; 24];
    let Some(word) = lower(doc.word(i), &mut buf) else {
        return false;
    };
    let learnt = prepositions_of(word).is_some_and(|preps| doc.is_any(i + 1, preps));
    learnt
        && cues::verb(word).is_none_or(|c| {
            !matches!(
                c.frame,
                Frame::Urge | Frame::Name | Frame::Require | Frame::Seek
            )
        })
}

/// "Trump talked about the wall", "Clinton’s criticism of the deal", "attacks on the press":
/// the object of the preposition after a cue word, to the end of its noun phrase. The speaker is
/// the possessor before a noun or the subject before a verb; otherwise none is proposed.
pub(super) fn prep_object(
    doc: &Doc,
    sentence: Span,
    i: usize,
    resolver: &mut Resolver,
) -> Option<Attribution> {
    let Span { s, e } = sentence;
    if i + 2 >= e || !doc.is_word(i + 1) {
        return None;
    }
    let mut buf = [0; 24];
    let word = lower(doc.word(i), &mut buf)?;
    let preps = prepositions_of(word)?;
    if !doc.is_any(i + 1, preps) {
        return None;
    }
    let k = i + 2;
    let end = object_end(doc, sentence, k);
    if end <= k || (end - k <= 2 && doc.is_any(k, ANAPHORS)) {
        return None;
    }
    let speaker = if i > s && is_possessive(doc, i - 1) {
        // "Tom Hart’s criticism": the capitalised words before the possessive ending.
        let mut owner = i - 1;
        if doc.is_punct(owner, &['’', '\'']) && owner > s {
            owner -= 1;
        }
        let mut first = owner;
        while first > s && doc.is_word(first - 1) && doc.is_cap(first - 1) && doc.is_cap(owner) {
            first -= 1;
        }
        let owner = Np {
            tokens: first..owner + 1,
            kind: NpKind::Possessor(first..owner + 1),
        };
        resolver.resolve(doc, &owner)
    } else if i > s && doc.is_any(i - 1, &["his", "her", "their"]) {
        // "his criticism of …": the pronoun's last speaker.
        np_after(doc, i - 1, i).and_then(|np| resolver.resolve(doc, &np))
    } else {
        subject_before(doc, s, i).and_then(|np| resolver.resolve(doc, &np))
    };
    let content = one(k..end);
    let demand = cues::verb(word).is_some_and(|c| c.act == Act::Demand)
        || (doc.is(i + 1, "for") && starts_with_word(word, "call"));
    let label = if demand {
        Label::Demand
    } else {
        obliged(doc, &content)
    };
    let certainty = if speaker.is_some() { 1.0 } else { 0.7 };
    Some(Attribution {
        label,
        cue: i..i + 2,
        speaker,
        content: non_empty(content)?,
        addressee: None,
        confidence: 0.62 * certainty,
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{claim, run};
    use crate::project::Label;

    #[test]
    fn the_object_of_a_learnt_cue_and_preposition_is_reported() {
        assert_eq!(
            run("Ann Lee talked about the wall on the border, and left."),
            [claim("the wall on the border", "Ann Lee")]
        );
        assert_eq!(
            run("The vote drew Tom Hart’s criticism of the trade deal."),
            [claim("the trade deal", "Tom Hart")]
        );
        assert_eq!(
            run("Tom Hart called for a ban on imports."),
            [(
                Label::Demand,
                "a ban on imports".into(),
                "Tom Hart".into(),
                "-".into()
            )]
        );
    }

    #[test]
    fn no_object_or_an_unlearnt_pair_reports_nothing() {
        assert_eq!(run("Ann Lee talked about it."), []);
        assert_eq!(run("Ann Lee walked about the town."), []);
    }
}
