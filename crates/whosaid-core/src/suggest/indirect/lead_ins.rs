//! Reports that open a sentence or a line before their speaker: `Trump: Cruz Has …` headlines and
//! `Asked about X, Y said …`.

use super::super::cues::{self};
use super::super::doc::Doc;
use super::super::mentions::{self, Resolver, np_after};
use super::super::tokens::lower;
use super::*;
use crate::project::Label;

/// Words that open an indirect question after "asked".
pub(super) const QUESTION_WORDS: &[&str] = &[
    "whether", "if", "why", "how", "what", "when", "who", "where",
];

/// "Trump: Cruz Has ‘To Come a Long Way’", "Poll: Trump Ties Clinton": a short line that opens
/// with a name or source and a colon reports what follows.
pub(super) fn colon_headline(
    doc: &Doc,
    sentence: Span,
    paragraph: usize,
    resolver: &mut Resolver,
) -> Option<Attribution> {
    let Span { s, e } = sentence;
    let para = doc.paragraphs.get(paragraph)?;
    if para.start != s || para.len() > 40 || !doc.is_cap(s) {
        return None;
    }
    // Up to three words: "Trump", "Clinton camp", "NY Daily News"; a longer lead is a
    // headline of its own ("Ukraine Drops NATO Dream: Will the West …").
    let colon = (s + 1..(s + 4).min(e)).find(|&k| doc.is_punct(k, &[':']))?;
    let prefix_ok = (s..colon).all(|k| doc.is_word(k) && !doc.is_any(k, cues::AUXILIARIES))
        && (s..colon).all(|k| {
            let mut buf = [0; 24];
            lower(doc.word(k), &mut buf).is_none_or(|w| cues::verb(w).is_none())
        });
    if !prefix_ok || colon + 3 > e {
        return None;
    }
    let speaker = mentions::classify(doc, s..colon).and_then(|np| resolver.resolve(doc, &np));
    Some(Attribution {
        label: Label::Claim,
        cue: colon..colon + 1,
        speaker,
        content: one(colon + 1..e),
        addressee: None,
        confidence: 0.5,
    })
}

/// "Asked about the deal, Lee said …", "Asked whether …, she said …": what was asked, up to the
/// comma, reported with the speaker who answers.
pub(super) fn asked_first(
    doc: &Doc,
    sentence: Span,
    resolver: &mut Resolver,
) -> Option<Attribution> {
    let Span { s, e } = sentence;
    if !doc.is(s, "asked") {
        return None;
    }
    let mut k = s + 1;
    if doc.is_any(k, &["about", "on"]) {
        k += 1;
    } else if !doc.is_any(k, QUESTION_WORDS) {
        return None;
    }
    let comma = (k..e).find(|&j| doc.is_punct(j, &[',']) && doc.quote_at(j).is_none())?;
    if comma <= k {
        return None;
    }
    let speaker = np_after(doc, comma + 1, e).and_then(|np| resolver.resolve(doc, &np));
    Some(Attribution {
        label: Label::Claim,
        cue: s..s + 1,
        speaker,
        content: one(k..comma),
        addressee: None,
        confidence: 0.55,
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{claim, run};

    #[test]
    fn what_was_asked_before_the_answer() {
        assert_eq!(
            run("Asked about the vote, Ann Lee said she was confident."),
            [
                claim("the vote", "Ann Lee"),
                claim("she was confident", "Ann Lee")
            ]
        );
        assert_eq!(
            run("Asked whether he would run, Tom Hart said no."),
            [claim("whether he would run", "Tom Hart")]
        );
    }

    #[test]
    fn a_short_line_that_opens_with_a_source_and_a_colon() {
        assert_eq!(
            run("Trump: Cruz Has A Long Way To Go On Ethanol.\nHe spoke."),
            [claim("Cruz Has A Long Way To Go On Ethanol", "Trump")]
        );
        // Not in running text, nor after a verb.
        assert_eq!(
            run("He had one idea in mind: a wall on the border, paid by Mexico."),
            []
        );
    }
}
