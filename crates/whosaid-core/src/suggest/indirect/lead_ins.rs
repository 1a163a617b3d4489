//! Reports that open a sentence or a line before their speaker: `Trump: Cruz Has …` headlines,
//! `Asked about X, Y said …`, `In a new poll, …` and `To Frank, …`.

use super::super::cues;
use super::super::doc::Doc;
use super::super::mentions::{self, Resolver, np_after};
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
        && (s..colon).all(|k| cues::verb_of(doc, k).is_none());
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

/// Nouns of sources that report what follows them in "In a new poll, …", "In a statement, …".
const SOURCE_NOUNS: &[&str] = &[
    "poll",
    "polls",
    "survey",
    "surveys",
    "statement",
    "interview",
    "letter",
    "report",
    "speech",
    "op-ed",
    "tweet",
    "post",
    "email",
    "memo",
    "filing",
    "video",
    "ad",
    "book",
    "essay",
    "column",
    "remarks",
    "testimony",
    "analysis",
    "study",
    "results",
    "projections",
    "count",
    "interviews",
];

/// People whose view "To …, " and "For …, " can open: groups of voters and commentators.
const VIEW_HOLDERS: &[&str] = &[
    "voters",
    "democrats",
    "republicans",
    "supporters",
    "critics",
    "conservatives",
    "liberals",
    "progressives",
    "americans",
    "analysts",
    "experts",
    "economists",
    "officials",
    "activists",
    "strategists",
    "observers",
    "evangelicals",
    "women",
    "men",
    "people",
    "fans",
    "anyone",
];

/// "In an NBC News poll released Monday, 50 percent chose Clinton", "To Ms. Gil, skateboarding
/// represents dissent", "For most Democrats, the Clinton years remain …": a lead-in that names
/// a source or whose view the rest of the sentence is. Read only where the sentence reports
/// nothing else, so that "In a statement, X said …" keeps its verb's attribution alone.
pub(super) fn source_lead_in(
    doc: &Doc,
    sentence: Span,
    resolver: &mut Resolver,
) -> Option<Attribution> {
    let Span { s, e } = sentence;
    let view = doc.is_any(s, &["to", "for"]);
    if !(doc.is_cap(s) && (view || doc.is(s, "in"))) {
        return None;
    }
    let comma = (s + 2..(s + 14).min(e))
        .find(|&k| doc.is_punct(k, &[',']) || doc.quote_at(k).is_some())
        .filter(|&k| doc.is_punct(k, &[',']))?;
    let content = one(comma + 1..clause_end(doc, sentence, s, comma + 1));
    if content[0].len() < 4 {
        return None;
    }
    let (speaker, confidence) = if view {
        let who = mentions::classify(doc, s + 1..comma).and_then(|np| resolver.resolve(doc, &np));
        let person = who.as_ref().is_some_and(|w| w.person);
        let group = (s + 1..comma).any(|k| doc.is_any(k, VIEW_HOLDERS));
        if !(person || group) || comma - s > 7 {
            return None;
        }
        (who, 0.47)
    } else {
        if !(s + 1..comma).any(|k| doc.is_any(k, SOURCE_NOUNS)) {
            return None;
        }
        (None, 0.48)
    };
    Some(Attribution {
        label: obliged(doc, &content),
        cue: s..s + 1,
        speaker,
        content,
        addressee: None,
        confidence,
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

    #[test]
    fn a_poll_or_a_view_holder_before_a_comma_reports_the_rest() {
        assert_eq!(
            run("In an NBC News poll released Monday, 50 percent of respondents chose Clinton."),
            [claim("50 percent of respondents chose Clinton", "-")]
        );
        assert_eq!(
            run("To Ms. Ann Gil, skateboarding represents a cry of dissent."),
            [claim(
                "skateboarding represents a cry of dissent",
                "Ann Gil"
            )]
        );
        assert_eq!(
            run("For most Democrats today, the Clinton years remain the good old days."),
            [claim("the Clinton years remain the good old days", "-")]
        );
    }

    #[test]
    fn a_lead_in_of_time_place_or_purpose_reports_nothing() {
        assert_eq!(run("In the fall of 2007, the race was close."), []);
        assert_eq!(run("For the first time, the party met in Ohio."), []);
        assert_eq!(run("To win the state, Clinton needs the cities."), []);
        // The sentence's own verb reports; the lead-in adds nothing.
        assert_eq!(
            run("In a statement, Ann Lee said the vote was fair."),
            [claim("the vote was fair", "Ann Lee")]
        );
    }
}
