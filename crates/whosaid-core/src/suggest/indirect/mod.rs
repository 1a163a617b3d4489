//! Reported speech: a reporting word, who it belongs to, and what was said. `X said (that) …`,
//! `…, X said.`, `A, X said, B`, `…, said X`, `according to X, …` and `…, according to X`,
//! `X described … as …`, `X called … “…”`, `X reaffirmed …` (claims) and `X urged Y to …`,
//! `X called on Y to …`, `X demanded that Y …`, `X is seeking … from Y` (demands, with the
//! addressee). A reported clause that obliges someone (must, should, has to) or whose own verb is
//! a demand is a demand.

mod according;
mod boundaries;
mod lead_ins;
mod nouns;
mod prep_object;
mod reported;
#[cfg(test)]
pub(super) mod testing;
mod urge;

use super::SpeakerGuess;
use super::cues::{self, Act, Form, Frame};
use super::doc::{Doc, Sentence};
use super::fast_hash::WordSet;
use super::mentions::{NpKind, Resolver, Who, sentence_subject};
use super::quotes::is_opening_mark;
use crate::project::Label;
use according::{according_to, evidential};
use boundaries::*;
use lead_ins::*;
use nouns::{noun_cue, raised_about};
use prep_object::{leads_verb_frame, prep_object};
use reported::*;
use std::ops::Range;
use std::sync::LazyLock;
use urge::urge;

/// One reporting word with its speaker and what was said; token ranges.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Attribution {
    pub label: Label,
    pub cue: Range<usize>,
    pub speaker: Option<Who>,
    /// Sorted, non-overlapping, non-empty.
    pub content: Vec<Range<usize>>,
    pub addressee: Option<SpeakerGuess>,
    pub confidence: f32,
}

/// The attributions of one sentence, in text order; speakers are noted in `resolver` as they are
/// found so that the pronouns after them resolve.
pub(super) fn attributions(
    doc: &Doc,
    sentence: &Sentence,
    resolver: &mut Resolver,
) -> Vec<Attribution> {
    let s = sentence.tokens.start;
    let mut e = sentence.tokens.end;
    let sentence_paragraph = sentence.paragraph;
    while e > s
        && doc.is_punct(e - 1, &['.', '!', '?', '…', ';', ':', ','])
        && doc.quote_at(e - 1).is_none()
    {
        e -= 1;
    }
    let sentence = Span { s, e };
    let mut out: Vec<Attribution> = Vec::new();
    let mut i = s;
    if let Some(a) = colon_headline(doc, sentence, sentence_paragraph, resolver) {
        if let Some(who) = &a.speaker {
            resolver.note(who);
        }
        i = a.cue.end;
        out.push(a);
    }
    if let Some(a) = asked_first(doc, sentence, resolver) {
        i = a.cue.end;
        out.push(a);
    }
    while i < e {
        if doc.quote_at(i).is_some() || !doc.is_word(i) || !may_start_a_shape(doc, i) {
            i += 1;
            continue;
        }
        let nested = out.iter().any(|a| a.content.iter().any(|r| r.contains(&i)));
        let found = if doc.is(i, "according") && i + 1 < e && doc.is(i + 1, "to") {
            according_to(doc, sentence, i, resolver)
        } else if !nested && leads_verb_frame(doc, i) {
            // "talked about the wall": the preposition's object, not "about the wall".
            prep_object(doc, sentence, i, resolver)
        } else if let Some(cue) = verb_at(doc, s, i, doc.is_headline(sentence_paragraph)) {
            if cue.act == Act::Inference && cue.form == Form::Ing {
                // "…, signaling that …": the writer's inference, to the end of the sentence.
                break;
            }
            let reports_clause = matches!(cue.frame, Frame::Clause | Frame::Tell);
            if nested && (cue.act == Act::Demand || cue.form == Form::Ing || !reports_clause) {
                // Within a reported clause, a demand verb makes that clause a demand and other
                // verbs are part of what was said; only a belief or statement reported with its
                // own speaker stands apart ("terms that many analysts believe favor Moscow").
                None
            } else {
                reported(doc, sentence, i, cue, &out, resolver)
            }
        } else if let Some(a) = raised_about(doc, sentence, i, resolver) {
            Some(a)
        } else if !nested && let Some(a) = evidential(doc, sentence, i) {
            Some(a)
        } else if !nested && let Some(a) = passive_by(doc, sentence, i, resolver) {
            Some(a)
        } else {
            noun_cue(doc, sentence, i, resolver)
        };
        // "talked about …", "criticism of …": when no other rule read the word.
        let found = if found.is_none() && !nested {
            prep_object(doc, sentence, i, resolver)
        } else {
            found
        };
        if let Some(a) = found {
            if let Some(who) = &a.speaker {
                resolver.note(who);
            }
            out.extend(split_coordinated(doc, a));
        }
        i += 1;
    }
    if out.is_empty()
        && let Some(a) = source_lead_in(doc, sentence, resolver)
    {
        if let Some(who) = &a.speaker {
            resolver.note(who);
        }
        out.push(a);
    }
    // A person who is the subject of a sentence without reported speech is who a later "he" or
    // "she" may mean; where the sentence reports speech, its speaker is.
    if out.is_empty()
        && !doc.is_headline(sentence_paragraph)
        && let Some(np) = sentence_subject(doc, s..e).filter(|np| np.kind == NpKind::Name)
        && let Some(who) = resolver.resolve(doc, &np).filter(|w| w.person)
    {
        resolver.note(&who);
    }
    out
}

/// Every word a shape read at a word starts from (see [`may_start_a_shape`]), in lower case.
static SHAPE_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    let mut words: Vec<&'static str> = cues::verb_forms()
        .chain(prep_object::words_with_prepositions())
        .collect();
    for list in [
        cues::CLAIM_NOUNS,
        cues::DEMAND_NOUNS,
        nouns::RAISE,
        according::LOOKS,
        &["according", "expected"],
    ] {
        words.extend_from_slice(list);
    }
    WordSet::new(&words)
});

/// Whether word `i` can start a shape that [`attributions`] tries at each word: it is a form
/// of the verb lexicon, takes a mined preposition, is a reporting noun, a form of "raise",
/// "seem" or "appear", "expected" or "according". Most words of news are none of these: one
/// probe of a set spares them every shape's own look-ups. A word without a key (not ASCII, or
/// longer than a key holds) is let through to the shapes, which judge it as before.
fn may_start_a_shape(doc: &Doc, i: usize) -> bool {
    match doc.key(i) {
        0 => true,
        k => SHAPE_WORDS.has_key(k),
    }
}

/// A sentence's tokens without its final punctuation.
#[derive(Clone, Copy)]
struct Span {
    s: usize,
    e: usize,
}

/// `said A and that B` reports two clauses: two attributions sharing the cue.
fn split_coordinated(doc: &Doc, a: Attribution) -> Vec<Attribution> {
    let coordinated = a.content.len() > 1
        && a.content[1..]
            .iter()
            .all(|r| r.start >= 2 && doc.is(r.start - 1, "that") && doc.is(r.start - 2, "and"));
    if !coordinated {
        return vec![a];
    }
    a.content
        .iter()
        .map(|r| Attribution {
            content: vec![r.clone()],
            ..a.clone()
        })
        .collect()
}

/// Content of one piece.
fn one(piece: Range<usize>) -> Vec<Range<usize>> {
    vec![piece]
}

fn non_empty(content: Vec<Range<usize>>) -> Option<Vec<Range<usize>>> {
    let content: Vec<_> = content.into_iter().filter(|r| !r.is_empty()).collect();
    (!content.is_empty()).then_some(content)
}

/// Whether an attribution is proposed as a claim or demand: not when it is direct speech (a quote
/// only), nor when the model judges the cue's use no report.
pub(super) fn proposed(doc: &Doc, a: &Attribution) -> bool {
    !only_quotes(doc, a)
        && !object_of_a_thing(doc, a)
        && super::claim_model::score(doc, a) >= super::claim_model::THRESHOLD
}

/// Which of a text's attributions (in text order) are offered: those [`proposed`] that restate
/// no neighbour ([`restated`]). Each is judged by the model once, here, though a restatement
/// asks about its neighbours.
pub(super) fn offered(doc: &Doc, attributions: &[Attribution]) -> Vec<bool> {
    let proposed: Vec<bool> = attributions.iter().map(|a| proposed(doc, a)).collect();
    (0..attributions.len())
        .map(|i| proposed[i] && !restated(attributions, &proposed, i))
        .collect()
}

/// Whether the `i`th of a text's attributions (in text order) restates a later one: "The Trump
/// team appeared paralyzed, the Guardian reported" reads as a claim with no speaker whose content
/// runs over "…, the Guardian reported", which says the same with its source; the analyst gets
/// the one with the source (when it is proposed). Likewise a claim with no speaker whose content
/// is exactly a neighbour's that has one ("Messages found on the phones suggested that …" reads
/// "found" and "suggested"). Applied after the model, which still sees both: `proposed` holds
/// its verdict on each.
fn restated(attributions: &[Attribution], proposed: &[bool], i: usize) -> bool {
    let a = &attributions[i];
    let Some(end) = a.content.last().map(|r| r.end) else {
        return false;
    };
    let same = |j: usize| {
        let b = &attributions[j];
        b.speaker.is_some() && b.content == a.content && proposed[j]
    };
    a.speaker.is_none()
        && ((i.saturating_sub(2)..i).any(same)
            || (i + 1..(i + 3).min(attributions.len())).any(same)
            || restates_later(attributions, proposed, i, end))
}

/// See [`restated`]: the later "…, X reported" whose content lies inside the `i`th one's.
fn restates_later(attributions: &[Attribution], proposed: &[bool], i: usize, end: usize) -> bool {
    let a = &attributions[i];
    (i + 1..attributions.len())
        .take_while(|&j| attributions[j].cue.start < end)
        .any(|j| {
            let b = &attributions[j];
            b.speaker.is_some()
                && a.content.iter().any(|r| r.contains(&b.cue.start))
                && b.content.last().is_some_and(|r| r.end <= b.cue.start)
                && b.content.iter().all(|r| {
                    a.content
                        .iter()
                        .any(|q| q.start <= r.start && r.end <= q.end)
                })
                && proposed[j]
        })
}

/// Whether an object verb's subject, which the rules could not read, is a thing ("The program
/// supports small businesses"): no report, whatever the model makes of the words. Groups stay
/// ("white men supported Sanders"). The model is still trained on these candidates (as
/// negatives, mostly); this rule vetoes them on top.
fn object_of_a_thing(doc: &Doc, a: &Attribution) -> bool {
    let cue = a.cue.start;
    let object_verb = cues::verb_of(doc, cue).is_some_and(|c| c.frame != Frame::Clause);
    let before = super::mentions::skip_auxiliaries(doc, cue.saturating_sub(4), cue);
    a.speaker.is_none()
        && object_verb
        && a.content.first().is_some_and(|r| r.start > cue)
        && before >= 2
        && thing_before(doc, 0, before)
}

/// Whether the content of an attribution is nothing but quotations (direct speech).
pub(super) fn only_quotes(doc: &Doc, a: &Attribution) -> bool {
    a.content.iter().all(|r| {
        doc.quote_at(r.start).is_some_and(|q| {
            doc.quotes[q]
                .pieces
                .iter()
                .any(|p| p.open == r.start && p.last + 1 == r.end)
        }) && doc.punct(r.start).is_some_and(is_opening_mark)
    })
}

#[cfg(test)]
mod tests {
    use super::testing::{claim, offered, run};
    use super::*;

    #[test]
    fn only_words_no_shape_starts_from_are_passed_over() {
        // A cue verb (any case), a word taking a mined preposition, a reporting noun, the
        // starts of "raised concerns", "seemed", "expected to" and "according to", and words
        // without a key pass; plain words do not.
        let text = "SAID told Criticism argument demands raised seemed expected According \
            Zoë internationalisations the table quickly";
        let doc = Doc::new(text);
        let passed: Vec<&str> = (0..doc.token_count())
            .filter(|&i| may_start_a_shape(&doc, i))
            .map(|i| doc.word(i))
            .collect();
        assert_eq!(
            passed,
            [
                "SAID",
                "told",
                "Criticism",
                "argument",
                "demands",
                "raised",
                "seemed",
                "expected",
                "According",
                "Zoë",
                "internationalisations"
            ]
        );
    }

    #[test]
    fn said_that_and_said_without_that() {
        assert_eq!(
            run(
                "Justin Logan, director of studies at the Cato Institute, said the offer is symbolic and that it changes nothing."
            ),
            [
                claim("the offer is symbolic", "Justin Logan"),
                claim("it changes nothing", "Justin Logan")
            ]
        );
        assert_eq!(
            run("Jane Smith said on Monday that talks would resume."),
            [claim("talks would resume", "Jane Smith")]
        );
    }

    #[test]
    fn attribution_after_or_inside_the_reported_clause() {
        assert_eq!(
            run("Talks will fail, two security experts said on Sunday."),
            [claim("Talks will fail", "two security experts")]
        );
        assert_eq!(
            run("Ann Lee spoke. A buffer zone, she said, only makes sense if both withdraw."),
            [claim(
                "A buffer zone … only makes sense if both withdraw",
                "Ann Lee"
            )]
        );
        assert_eq!(
            run("Talks have stalled, said Mr Tom Hart and Prof Ann Lee."),
            [claim("Talks have stalled", "Tom Hart")]
        );
    }

    #[test]
    fn pronouns_follow_the_last_speaker_of_their_kind() {
        assert_eq!(
            run(
                "Ann Lee said the talks failed. The experts warned that war looms. They noted that it costs. He added that it ends."
            ),
            [
                claim("the talks failed", "Ann Lee"),
                claim("war looms", "The experts"),
                claim("it costs", "The experts"),
                claim("it ends", "Ann Lee")
            ]
        );
    }

    #[test]
    fn a_thing_that_supports_something_is_not_offered() {
        assert_eq!(
            offered("The program supports small businesses in the region."),
            Vec::<String>::new()
        );
        assert_eq!(
            offered("About 6 in 10 white men supported Sanders."),
            ["Sanders"]
        );
    }

    #[test]
    fn a_speakerless_claim_over_a_report_with_its_source_is_not_offered() {
        assert_eq!(
            offered("The Trump team appeared paralyzed, the Guardian reported."),
            ["The Trump team appeared paralyzed"]
        );
        assert_eq!(
            offered(
                "Messages found on the phones suggested that the attackers used no encryption."
            ),
            ["the attackers used no encryption"]
        );
        // A report whose content follows its cue is another claim, not the same one again.
        assert_eq!(
            offered("The voters seemed unperturbed when Ann Lee said the deal was dead."),
            [
                "The voters seemed unperturbed when Ann Lee said the deal was dead",
                "the deal was dead"
            ]
        );
    }
}
