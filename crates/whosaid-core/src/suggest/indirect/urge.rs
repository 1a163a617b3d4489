//! Demands with their addressee: `X urged Y to …`, `X called on Y to …`, `X pressed for …`,
//! `X appealed to Y to …`; "asked whether …" is a reported question instead.

use super::super::doc::Doc;
use super::super::mentions::{NpKind, Resolver, Who, np_after};
use super::*;
use crate::project::Label;
use std::ops::Range;

/// "urged NATO to …", "called on Washington to …", "pressed for …", "appealed to X to …".
pub(super) fn urge(
    doc: &Doc,
    sentence: Span,
    i: usize,
    mut k: usize,
    make: &mut impl FnMut(Label, Vec<Range<usize>>, Option<Who>, f32) -> Option<Attribution>,
    resolver: &mut Resolver,
) -> Option<Attribution> {
    let e = sentence.e;
    // "asked whether …", "asked reporters why …": a question is reported, not a demand.
    if starts_with_word(doc.word(i), "ask") {
        let hearer = np_after(doc, k, e)
            .filter(|np| np.tokens.len() <= 3)
            .map_or(k, |np| np.tokens.end);
        let q = [k, hearer]
            .into_iter()
            .find(|&j| j < e && doc.is_any(j, QUESTION_WORDS));
        if let Some(q) = q {
            return make(
                Label::Claim,
                one(q..clause_end(doc, sentence, i, q)),
                None,
                0.6,
            );
        }
    }
    if k < e && doc.is_any(k, &["on", "upon"])
        || (k < e && doc.is(k, "to") && starts_with_word(doc.word(i), "appeal"))
    {
        k += 1;
    }
    if k < e && doc.is(k, "for") {
        return make(
            Label::Demand,
            one(k + 1..object_end(doc, sentence, k + 1)),
            None,
            0.7,
        );
    }
    let np = np_after(doc, k, e)?;
    let after = np.tokens.end;
    if after >= e || !doc.is_any(after, &["to", "for"]) {
        return None;
    }
    let addressee = if matches!(np.kind, NpKind::Pronoun(_)) {
        None
    } else {
        resolver.resolve(doc, &np)
    };
    let end = if doc.is(after, "to") {
        clause_end(doc, sentence, i, after + 1)
    } else {
        object_end(doc, sentence, after + 1)
    };
    make(Label::Demand, one(after + 1..end), addressee, 0.75)
}

#[cfg(test)]
mod tests {
    use super::super::testing::run;
    use crate::project::Label;

    #[test]
    fn demands_with_their_addressee() {
        assert_eq!(
            run("Ann Lee urged NATO to send troops. Tom Hart called on Washington to act now."),
            [
                (
                    Label::Demand,
                    "send troops".into(),
                    "Ann Lee".into(),
                    "NATO".into()
                ),
                (
                    Label::Demand,
                    "act now".into(),
                    "Tom Hart".into(),
                    "Washington".into()
                )
            ]
        );
        assert_eq!(
            run("Moscow has demanded that Ukraine withdraw from the areas."),
            [(
                Label::Demand,
                "Ukraine withdraw from the areas".into(),
                "Moscow".into(),
                "Ukraine".into()
            )]
        );
        assert_eq!(
            run("Tom Hart raised it, seeking guarantees from the West."),
            [(
                Label::Demand,
                "guarantees from the West".into(),
                "Tom Hart".into(),
                "West".into()
            )]
        );
    }
}
