//! A reporting verb and its frame: `X said (that) …`, `…, X said.`, `…, said X`, `X described …
//! as …`, `X called … “…”`, objects of backing and wanting; and whether a clause obliges (a demand).

use super::super::cues::{self, Act, BE, Cue, DETERMINERS, Form, Frame, MODALS};
use super::super::doc::Doc;
use super::super::fast_hash::{KeyMap, key};
use super::super::mentions::{
    self, Np, NpKind, Resolver, Who, is_possessive, np_after, sentence_subject, subject_before,
};
use super::super::quotes::is_opening_mark;
use super::super::tokens::lower;
use super::*;
use crate::project::Label;
use std::ops::Range;
use std::sync::LazyLock;

/// Objects that only point back to earlier text ("rejected this condition"): not a position.
pub(super) const ANAPHORS: &[&str] = &[
    "this", "that", "these", "those", "it", "them", "him", "her", "such",
];

/// The reporting verb at token `i`, unless the word is a noun, an infinitive or a passive here.
/// In a title-case `headline` every word is capitalised ("Trump Says He Never Pledged …").
pub(super) fn verb_at(doc: &Doc, s: usize, i: usize, headline: bool) -> Option<Cue> {
    // Capitalised only where a sentence or a headline's attribution starts (", Say Experts").
    if doc.is_cap(i) && i > s && doc.punct(i - 1).is_none() && !headline {
        return None;
    }
    let cue = cues::verb_of(doc, i)?;
    if i > s && (doc.is_any(i - 1, DETERMINERS) || is_possessive(doc, i - 1)) {
        return None;
    }
    // "to say" reports only what a statement verb says ("took to Twitter to say he …").
    let statement = cue.act == Act::Claim && cue.frame == Frame::Clause;
    if cue.form == Form::Base && i > s && doc.is(i - 1, "to") && !statement {
        return None;
    }
    let before = mentions::skip_auxiliaries(doc, s, i);
    let passive = cue.form == Form::Past && (before..i).any(|k| doc.is_any(k, BE));
    (!passive).then_some(cue)
}

/// Whether the words before `j` are one thing: a determiner and a singular noun ("The program",
/// "a bill"), which supports or backs no one the way "voters", "men" or "Democrats" do.
pub(super) fn thing_before(doc: &Doc, s: usize, j: usize) -> bool {
    let k = j - 1;
    let w = doc.word(k);
    let group = (w.ends_with('s') && !w.ends_with("ss"))
        || doc.is_any(
            k,
            &[
                "men", "women", "people", "children", "percent", "half", "majority",
            ],
        );
    k > s
        && doc.is_word(k)
        && !doc.is_cap(k)
        && !group
        && doc.is_any(k - 1, &["the", "a", "an", "this", "its"])
}

/// "Clinton was endorsed by the Times", "the plan was rejected by voters": a cue verb in the
/// passive with its agent after "by"; what it reports on is its subject, from the clause's start.
pub(super) fn passive_by(
    doc: &Doc,
    sentence: Span,
    i: usize,
    resolver: &mut Resolver,
) -> Option<Attribution> {
    let Span { s, e } = sentence;
    let cue = cues::verb_of(doc, i)?;
    if cue.form != Form::Past || i == s {
        return None;
    }
    let before = mentions::skip_auxiliaries(doc, s, i);
    if !(before..i).any(|k| doc.is_any(k, BE)) {
        return None;
    }
    // "by" right after the verb or after an adverb ("endorsed early by").
    let by = (i + 1..(i + 3).min(e)).find(|&k| doc.is(k, "by"))?;
    if (i + 1..by).any(|k| !(doc.is_word(k) && doc.word(k).ends_with("ly"))) {
        return None;
    }
    let agent = np_after(doc, by + 1, e)?;
    let start = (s..before)
        .rev()
        .find(|&k| doc.is_punct(k, &[',', ';', ':', '—']) || doc.quote_at(k).is_some())
        .map_or(s, |k| k + 1);
    let anaphor = before - start <= 2 && doc.is_any(start, ANAPHORS);
    if start >= before || anaphor || doc.is_any(start, &["which", "who", "that"]) {
        return None;
    }
    let speaker = resolver.resolve(doc, &agent);
    let certainty = if speaker.is_some() { 1.0 } else { 0.7 };
    Some(Attribution {
        label: Label::Claim,
        cue: i..by + 1,
        speaker,
        content: one(start..before),
        addressee: None,
        confidence: 0.58 * certainty,
    })
}

/// Whether the reported clause starting at `from` is an obligation or a demand of its own.
pub(super) fn obliges(doc: &Doc, content: &[Range<usize>]) -> Option<usize> {
    content.iter().flat_map(|r| r.clone()).find(|&k| {
        if doc.quote_at(k).is_some() || !doc.is_word(k) {
            return false;
        }
        // By the word's key where it has one (the key is its lower-case text packed): one
        // probe tells whether it is a modal, a need-verb or a demand verb, and most words are
        // none.
        let flags = match doc.key(k) {
            0 => {
                let mut buf = [0; 24];
                let Some(w) = lower(doc.word(k), &mut buf) else {
                    return false;
                };
                oblige_flags(w)
            }
            key => OBLIGE_WORDS.get(key).unwrap_or(0),
        };
        if flags == 0 {
            return false;
        }
        if flags & MODAL != 0 || (flags & NEED != 0 && doc.is(k + 1, "to")) {
            return true;
        }
        // "Moscow is seeking", "Kyiv now expects": a verb after its subject or an auxiliary,
        // not a noun ("Russia’s core demands").
        if flags & DEMAND_VERB == 0 {
            return false;
        }
        let left = mentions::skip_auxiliaries(doc, 0, k);
        let passive = flags & PAST != 0 && (left..k).any(|j| doc.is_any(j, BE));
        !passive
            && k > 0
            && (left < k
                || doc.is_cap(k - 1)
                || doc.is_any(k - 1, &["he", "she", "they", "it", "we"]))
            && !is_possessive(doc, k - 1)
    })
}

/// What [`obliges`] needs to know of a word: a modal, a verb of need before "to" ("has to"),
/// a demand verb of the Seek or Require frame, in the past form.
const MODAL: u8 = 1;
const NEED: u8 = 2;
const DEMAND_VERB: u8 = 4;
const PAST: u8 = 8;

/// The [`obliges`] flags of a lower-case word.
fn oblige_flags(w: &str) -> u8 {
    let mut flags = 0;
    if MODALS.contains(&w) {
        flags |= MODAL;
    }
    if matches!(w, "has" | "have" | "need" | "needs") {
        flags |= NEED;
    }
    if let Some(c) = cues::verb(w) {
        if c.act == Act::Demand && matches!(c.frame, Frame::Seek | Frame::Require) {
            flags |= DEMAND_VERB;
        }
        if c.form == Form::Past {
            flags |= PAST;
        }
    }
    flags
}

/// The words whose [`oblige_flags`] are not 0, by key.
static OBLIGE_WORDS: LazyLock<KeyMap<u8>> = LazyLock::new(|| {
    let words = (MODALS.iter().copied())
        .chain(["has", "have", "need", "needs"])
        .chain(cues::verb_forms());
    KeyMap::new(
        words
            .map(|w| (key(w), oblige_flags(w)))
            .filter(|&(_, flags)| flags != 0),
    )
});

/// Whether `word` starts with `prefix`, ASCII case ignored ("Called" is a form of "call").
pub(super) fn starts_with_word(word: &str, prefix: &str) -> bool {
    word.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// The addressee: who the words after `from` name ("from the West", "NATO to …").
pub(super) fn addressee_at(
    doc: &Doc,
    from: usize,
    end: usize,
    resolver: &mut Resolver,
) -> Option<Who> {
    let np = np_after(doc, from, end)?;
    if matches!(np.kind, NpKind::Pronoun(_)) {
        return None;
    }
    resolver.resolve(doc, &np)
}

/// The addressee of a demand clause: after "from" in it.
pub(super) fn addressee_from(
    doc: &Doc,
    content: &[Range<usize>],
    resolver: &mut Resolver,
) -> Option<Who> {
    let r = content.last()?;
    let from = r
        .clone()
        .find(|&k| doc.is(k, "from") && doc.quote_at(k).is_none())?;
    addressee_at(doc, from + 1, r.end, resolver)
}

/// What a reporting verb at `i` reports, in its frame.
pub(super) fn reported(
    doc: &Doc,
    sentence: Span,
    i: usize,
    cue: Cue,
    earlier: &[Attribution],
    resolver: &mut Resolver,
) -> Option<Attribution> {
    let Span { s, e } = sentence;
    // Who: a participle after a comma takes the sentence's speaker; a finite verb its subject,
    // or the name after it in "…, said X".
    let mut inverted = None;
    // The speaker a verb shares with what came before: the last attribution's, else the
    // sentence subject's.
    let shared_speaker = |resolver: &mut Resolver| match earlier.last() {
        Some(a) => Some(a.speaker.clone()),
        None => {
            let np = sentence_subject(doc, s..e)?;
            Some(resolver.resolve(doc, &np))
        }
    };
    // What stands before the verb and its auxiliaries, within the sentence.
    let before_verb = mentions::skip_auxiliaries(doc, s, i);
    let (speaker, participle) = if cue.form == Form::Ing
        && before_verb > s
        && doc.is_punct(before_verb - 1, &[',', ';', '—', '–', '-'])
    {
        let who = shared_speaker(resolver)?;
        (who, true)
    } else if cue.form == Form::Ing
        && cue.act != Act::Inference
        && before_verb == i
        && i > s
        && doc.is_word(i - 1)
        && !doc.is_any(i - 1, cues::PREPOSITIONS)
        && !doc.is_any(i - 1, BE)
        && !(s..i).any(|k| doc.is_any(k, BE))
    {
        // "calls saying shots have been fired", "voters saying they want …": a participle
        // right after its noun reports what that noun says; the noun is rarely a name.
        (None, false)
    } else if cue.form == Form::Ing && !(s..i).any(|k| doc.is_any(k, BE)) {
        // A gerund ("By proposing …"), unless it is "with X seeking …".
        let np = subject_before(doc, s, i)?;
        if np.tokens.start == s || !doc.is(np.tokens.start - 1, "with") {
            return None;
        }
        (resolver.resolve(doc, &np), false)
    } else if let Some(np) = subject_before(doc, s, i) {
        let who = resolver.resolve(doc, &np);
        inverted = Some((np, false));
        (who, false)
    } else if doc.is_any(before_verb.max(s + 1) - 1, &["and", "but"]) {
        // "opposed … and has pushed Kyiv to …": the verbs share their subject; a subject the
        // rules cannot read still reports, with no speaker.
        let who = shared_speaker(resolver).flatten();
        (who, false)
    } else if let Some(np) = np_after(doc, i + 1, e).filter(|np| {
        matches!(
            np.kind,
            NpKind::Name | NpKind::Pronoun(_) | NpKind::Description
        ) && boundary_before(doc, sentence, i).is_some()
            // "…, said he is unfit": a pronoun with its own verb starts the reported clause.
            && !(matches!(np.kind, NpKind::Pronoun(_)) && doc.is_word(np.tokens.end))
    }) {
        let who = resolver.resolve(doc, &np);
        inverted = Some((np, true));
        (who, false)
    } else if cue.form == Form::Base && i > s && doc.is(i - 1, "to") {
        // "Clinton took to Twitter to say …", "voters are more likely to say …": the
        // sentence's subject, when the rules read one.
        (shared_speaker(resolver).flatten(), false)
    } else if cue.frame != Frame::Name
        && (cue.act == Act::Claim
            // "the missive suggests Republicans have …": a finite inference verb reports
            // what its subject shows, read or not.
            || (cue.act == Act::Inference
                && cue.frame == Frame::Clause
                && matches!(cue.form, Form::Past | Form::Third)))
        && (matches!(cue.form, Form::Past | Form::Third)
            // "79 percent of Democrats say …", but not "to say", "not say".
            || (cue.form == Form::Base
                && before_verb == i
                && !doc.is_any(i.saturating_sub(1), &["to", "not", "never", "n't"])))
        && before_verb > s
        && (doc.is_word(before_verb - 1)
            // "Newspapers in New Jersey, including the Asbury Park Press, said he …".
            || (cue.frame == Frame::Clause && doc.is_punct(before_verb - 1, &[','])))
    {
        // "Nearly eight in 10 voters said they …", "white men supported Sanders": a subject
        // the rules cannot read still reports; proposed with no speaker rather than dropped
        // (the claim model weighs the uses that are no report: "the state supports the
        // program").
        // "…, her friend said": a short subject after a comma ends the reported part.
        let comma = (s..before_verb)
            .rev()
            .find(|&k| doc.is_punct(k, &[',']) || doc.quote_at(k).is_some())
            .filter(|&k| doc.is_punct(k, &[',']) && before_verb - k <= 8);
        let mut who = None;
        if let Some(c) = comma {
            // "the Guardian", "her friend": a speaker when the words read as one.
            who = np_after(doc, c + 1, before_verb)
                .filter(|np| np.tokens.end == before_verb)
                .and_then(|np| resolver.resolve(doc, &np));
            let np = Np {
                tokens: c + 1..before_verb,
                kind: NpKind::Description,
            };
            inverted = Some((np, false));
        }
        (who, false)
    } else if starts_with_word(doc.word(i), "ask")
        && (i + 1..(i + 5).min(e)).any(|k| doc.is_any(k, QUESTION_WORDS))
    {
        // "…, Christie said when asked whether …": the question is reported, by whoever asked.
        (None, false)
    } else {
        return None;
    };
    let cue_range = i..i + 1;
    let mut make =
        |label: Label, content: Vec<Range<usize>>, addressee: Option<Who>, confidence: f32| {
            let content = non_empty(content)?;
            let certainty = if speaker.is_some() { 1.0 } else { 0.7 };
            Some(Attribution {
                label,
                cue: cue_range.clone(),
                speaker: speaker.clone(),
                content,
                addressee: addressee.map(|w| w.guess),
                confidence: confidence * certainty,
            })
        };

    // "…, X said." / "A, X said, B" / "…, said X": the reported part is around the attribution.
    if !participle
        && cue.act != Act::Demand
        && let Some((np, after)) = &inverted
    {
        let (attribution_start, attribution_end) = if *after {
            (i, np.tokens.end)
        } else {
            // "…, the Guardian reported": the name's article belongs to the attribution.
            let article = np.tokens.start > s
                && doc.is_any(np.tokens.start - 1, &["the", "his", "her", "their", "its"]);
            (np.tokens.start - usize::from(article), i + 1)
        };
        if let Some(end) = boundary_before(doc, sentence, attribution_start) {
            let before = s..end;
            let mut k = attribution_end;
            if cue.frame == Frame::Tell
                && !*after
                && let Some((hearer, _)) = hearer(doc, k, e)
            {
                k = hearer;
            }
            // "A, X said, B" and "‘A,’ said X, ‘B.’": the reported part goes on after it.
            let resumes = k + 1 < e
                && doc.is_punct(k, &[','])
                && !doc.is(k + 1, "that")
                && (!*after || doc.punct(k + 1).is_some_and(is_opening_mark));
            if resumes {
                let rest = k + 1..clause_end(doc, sentence, i, k + 1);
                return make(Label::Claim, vec![before, rest], None, 0.75);
            }
            // After "said X" the name's apposition may run to the end of the sentence.
            let reports_clause = matches!(cue.frame, Frame::Clause | Frame::Tell);
            let trailing_adjunct = reports_clause
                && (*after
                    || k == e
                    || (adjunct_start(doc, k) && !(k..e).any(|j| doc.is(j, "that"))));
            if trailing_adjunct {
                let label = label_of(doc, cue, std::slice::from_ref(&before));
                return make(label, vec![before], None, 0.8);
            }
        }
        if *after {
            return None;
        }
    }

    let mut k = i + 1;
    let lemma_is = |prefix: &str| starts_with_word(doc.word(i), prefix);
    match cue.frame {
        Frame::Clause | Frame::Tell | Frame::Object => {
            if cue.frame == Frame::Tell
                && let Some((hearer, np)) = hearer(doc, k, e)
            {
                if hearer < e && doc.is(hearer, "to") {
                    let addressee = np.and_then(|np| resolver.resolve(doc, &np));
                    let end = clause_end(doc, sentence, i, hearer + 1);
                    return make(Label::Demand, one(hearer + 1..end), addressee, 0.7);
                }
                k = hearer;
            }
            if k < e
                && doc.is_any(k, ADJUNCT_STARTS)
                && let Some(t) = (k..(k + 7).min(e)).find(|&j| doc.is(j, "that"))
                && !(k..t).any(|j| doc.is_punct(j, &[',']))
            {
                k = t;
            } else if let Some(after) = time_adjunct_after(doc, k, e) {
                // "said on Friday he met …", "told reporters Tuesday morning they …".
                k = after;
            }
            // "says, however, that …", "can now say, with the benefit of hindsight, that …".
            if k < e
                && doc.is_punct(k, &[','])
                && let Some(t) = (k + 2..(k + 10).min(e)).find(|&j| doc.is(j, "that"))
                && doc.is_punct(t - 1, &[','])
                && !(k + 1..t - 1).any(|j| doc.is_punct(j, &[',']) || doc.quote_at(j).is_some())
            {
                k = t;
            }
            // "rejected that argument": a demonstrative, not a reported clause.
            let that = k + 2 < e && doc.is(k, "that");
            if doc.is(k, "that") && !that {
                return None;
            }
            if cue.frame == Frame::Object && !that {
                let end = object_end(doc, sentence, k);
                if end <= k || (end - k <= 2 && doc.is_any(k, ANAPHORS)) {
                    return None;
                }
                let content = one(k..end);
                let label = label_of(doc, cue, &content);
                return make(label, content, None, 0.6);
            }
            let comma = k < e && doc.is_punct(k, &[',']);
            if that || comma || (k < e && doc.is_punct(k, &[':'])) {
                k += 1;
            }
            let end = clause_end(doc, sentence, i, k);
            let quoted = k < end && doc.quote_at(k).is_some();
            // Without "that", a clause follows directly ("agree in principle" is no report), and
            // after a comma only a quotation ("said, “…”").
            // "As The Washington Post reported, …": what follows the comma is the report.
            let as_lead = inverted.as_ref().is_some_and(|(np, after)| {
                let mut start = np.tokens.start;
                if start > s && doc.is_any(start - 1, &["the"]) {
                    start -= 1;
                }
                !*after && start > s && doc.is(start - 1, "as")
            });
            let clause_like = that
                || quoted
                || (comma && as_lead && end >= k + 3)
                || (!comma && end >= k + 3 && !doc.is_any(k, cues::PREPOSITIONS));
            if !clause_like {
                return None;
            }
            // "he signaled Kyiv’s effort": an inference verb with an object is the writer's.
            let object = doc.is_any(k, DETERMINERS) || is_possessive(doc, k);
            if cue.act == Act::Inference && !that && object {
                return None;
            }
            let content = split_and_that(doc, k..end);
            let label = label_of(doc, cue, &content);
            let addressee = if label == Label::Demand {
                addressee_from(doc, &content, resolver)
            } else {
                None
            };
            let confidence = if that { 0.8 } else { 0.7 };
            make(
                label,
                content,
                addressee,
                if participle { 0.65 } else { confidence },
            )
        }
        Frame::As | Frame::AsOrObject => {
            let object = object_end(doc, sentence, k);
            let has_as = (k + 1..object).any(|j| doc.is(j, "as"));
            if has_as {
                let content = one(k..clause_end(doc, sentence, i, k));
                return make(Label::Claim, content, None, 0.75);
            }
            if cue.frame == Frame::AsOrObject && object > k + 1 {
                return make(Label::Claim, one(k..object), None, 0.55);
            }
            None
        }
        Frame::Name => {
            if lemma_is("call") && k < e && doc.is_any(k, &["on", "upon", "for"]) {
                return urge(doc, sentence, i, k, &mut make, resolver);
            }
            let end = clause_end(doc, sentence, i, k);
            let has_quote = (k..end).any(|j| doc.quote_at(j).is_some());
            if end < k + 3 && !has_quote {
                return None;
            }
            make(Label::Claim, one(k..end), None, 0.7)
        }
        Frame::ToVerb => {
            if !(k < e && doc.is(k, "to")) {
                // "wants voters to know …", "vowed a wider war": an object is what is wanted
                // or promised.
                let end = object_end(doc, sentence, k);
                let anaphor = end - k <= 2 && doc.is_any(k, ANAPHORS);
                if end <= k || anaphor || doc.is_any(k, cues::PREPOSITIONS) {
                    return None;
                }
                let content = one(k..end);
                let label = label_of(doc, cue, &content);
                return make(label, content, None, 0.55);
            }
            let content = one(k + 1..clause_end(doc, sentence, i, k + 1));
            let label = label_of(doc, cue, &content);
            make(label, content, None, 0.6)
        }
        Frame::Urge => urge(doc, sentence, i, k, &mut make, resolver),
        Frame::Require => {
            if k < e && doc.is(k, "that") {
                let content = one(k + 1..clause_end(doc, sentence, i, k + 1));
                let addressee = addressee_at(doc, k + 1, e, resolver);
                return make(Label::Demand, content, addressee, 0.75);
            }
            let content = one(k..clause_end(doc, sentence, i, k));
            let addressee = addressee_from(doc, &content, resolver);
            make(Label::Demand, content, addressee, 0.7)
        }
        Frame::Seek => {
            if k < e && doc.is(k, "that") {
                let content = one(k + 1..clause_end(doc, sentence, i, k + 1));
                let label = label_of(doc, cue, &content);
                let label = if label == Label::Demand && !lemma_is("expect") {
                    Label::Demand
                } else {
                    obliged(doc, &content)
                };
                return make(label, content, None, 0.7);
            }
            let end = clause_end(doc, sentence, i, k);
            let content = one(k..end);
            // "expects the talks to resume" is a prediction, not a demand.
            let prediction = lemma_is("expect")
                && (k..object_end(doc, sentence, k)).any(|j| doc.is(j, "to") && j > k);
            if prediction {
                return make(Label::Claim, content, None, 0.6);
            }
            let addressee = addressee_from(doc, &content, resolver);
            make(Label::Demand, content, addressee, 0.7)
        }
    }
}

pub(super) fn obliged(doc: &Doc, content: &[Range<usize>]) -> Label {
    if obliges(doc, content).is_some() {
        Label::Demand
    } else {
        Label::Claim
    }
}

/// Demands are demands; a reported claim is one too when its clause obliges.
pub(super) fn label_of(doc: &Doc, cue: Cue, content: &[Range<usize>]) -> Label {
    match cue.act {
        Act::Demand => Label::Demand,
        _ => obliged(doc, content),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{claim, run};
    use crate::project::Label;

    #[test]
    fn questions_asked_backing_and_views_are_claims() {
        assert_eq!(
            run("Ann Lee asked reporters whether the deal would hold."),
            [claim("whether the deal would hold", "Ann Lee")]
        );
        assert_eq!(
            run("Tom Hart backed the governor’s plan."),
            [claim("the governor’s plan", "Tom Hart")]
        );
        assert_eq!(
            run("Ann Lee sees the vote as a turning point."),
            [claim("the vote as a turning point", "Ann Lee")]
        );
    }

    #[test]
    fn described_as_called_and_objects() {
        assert_eq!(
            run(
                "Ann Lee described the move as “significant.” Tom Hart called the plan a “non-issue” today."
            ),
            [
                claim("the move as “significant.”", "Ann Lee"),
                claim("the plan a “non-issue” today", "Tom Hart")
            ]
        );
        assert_eq!(
            run("Tom Hart has openly opposed NATO membership and has rejected this condition."),
            [claim("NATO membership", "Tom Hart")]
        );
    }

    #[test]
    fn participles_take_the_sentence_speaker_but_inferences_are_the_writers() {
        assert_eq!(
            run(
                "Ann Lee dismissed the plan, arguing that it would fail, signaling that Moscow seeks control."
            ),
            [
                claim("the plan", "Ann Lee"),
                claim("it would fail", "Ann Lee")
            ]
        );
        assert!(run("By proposing guarantees, he signaled Kyiv’s effort.").is_empty());
        assert!(run("These positions suggest that nothing works.").is_empty());
        assert!(run("Russia’s core demands are expected to play a role.").is_empty());
    }

    #[test]
    fn an_obligation_in_a_reported_clause_is_a_demand() {
        assert_eq!(
            run("Ann Lee has insisted that any deal must be binding. He left."),
            [(
                Label::Demand,
                "any deal must be binding".into(),
                "Ann Lee".into(),
                "-".into()
            )]
        );
        assert_eq!(
            run("These facts reinforce Kyiv’s argument that guarantees must deter attacks."),
            [(
                Label::Demand,
                "guarantees must deter attacks".into(),
                "Kyiv".into(),
                "-".into()
            )]
        );
    }

    #[test]
    fn needing_to_and_a_demand_verb_after_its_subject_oblige_but_its_passive_does_not() {
        let label = |text: &str| run(text).into_iter().map(|a| a.0).collect::<Vec<_>>();
        assert_eq!(label("Ann Lee said Kyiv has to withdraw."), [Label::Demand]);
        assert_eq!(label("Ann Lee said Kyiv MUST withdraw."), [Label::Demand]);
        assert_eq!(
            label("Ann Lee said Moscow is seeking new guarantees."),
            [Label::Demand]
        );
        assert_eq!(
            label("Ann Lee said the guarantees were sought in vain."),
            [Label::Claim]
        );
        assert_eq!(label("Ann Lee said Kyiv has a plan."), [Label::Claim]);
    }

    #[test]
    fn a_title_case_headline_reports_with_its_capitalised_verb() {
        assert_eq!(
            run("Trump Says He Never Pledged To Kill Families\n\nHe left on Monday."),
            [claim("He Never Pledged To Kill Families", "Trump")]
        );
    }

    #[test]
    fn unread_subjects_of_views_participles_after_nouns_and_objects_of_wants() {
        assert_eq!(
            run("Nearly eight in 10 voters see him as a liar."),
            [claim("him as a liar", "-")]
        );
        assert_eq!(
            run("Police received calls saying shots had been fired."),
            [claim("shots had been fired", "-")]
        );
        assert_eq!(
            run("Ann Lee wants voters to know the truth. Tom Hart vowed a wider war."),
            [
                claim("voters to know the truth", "Ann Lee"),
                claim("a wider war", "Tom Hart")
            ]
        );
    }

    #[test]
    fn unread_subjects_of_objects_report_too() {
        assert_eq!(
            run("About 6 in 10 white men supported Sanders."),
            [claim("Sanders", "-")]
        );
    }

    #[test]
    fn a_passive_cue_with_its_agent_reports_on_its_subject() {
        assert_eq!(
            run("Ann Lee has been endorsed by the Des Moines Register."),
            [claim("Ann Lee", "Des Moines Register")]
        );
        // A passive without "by", or one whose subject only points back, is no report.
        assert_eq!(run("Ann Lee was endorsed last week."), []);
        assert_eq!(run("It was endorsed by the Register."), []);
    }

    #[test]
    fn a_verb_after_and_or_a_question_asked_report_without_a_readable_subject() {
        assert_eq!(
            run("In Reno, 30 percent stayed and said they liked it."),
            [claim("they liked it", "-")]
        );
        assert_eq!(
            run("“You bet I would,” Ann Lee said when asked whether she would issue a quarantine."),
            [
                // The quotation is direct speech: proposed as a quote only.
                claim("“You bet I would,”", "Ann Lee"),
                claim("whether she would issue a quarantine", "-")
            ]
        );
    }

    #[test]
    fn a_source_after_the_report_with_an_article_or_unread_ends_it() {
        assert_eq!(
            run("The professor was headed to Cairo, the Guardian reported."),
            [claim("The professor was headed to Cairo", "Guardian")]
        );
        assert_eq!(
            run("Hamdy was also headed to Cairo, her friend said."),
            [claim("Hamdy was also headed to Cairo", "-")]
        );
    }

    #[test]
    fn as_a_source_reported_what_follows_the_comma() {
        assert_eq!(
            run("As The Washington Post reported, Sanders would need 55 percent of the rest."),
            [claim(
                "Sanders would need 55 percent of the rest",
                "Washington Post"
            )]
        );
    }

    #[test]
    fn a_finite_inference_verb_reports_with_a_subject_it_cannot_read() {
        assert_eq!(
            run("But the missive suggests Republicans have no intention of backing down."),
            [claim("Republicans have no intention of backing down", "-")]
        );
        assert_eq!(
            run(
                "Messages discovered on one of the phones suggested that the attackers used no encryption."
            ),
            [claim("the attackers used no encryption", "-")]
        );
        // Not its base form after a modal: the reader is left to judge.
        assert_eq!(run("Such messages could suggest a plot."), []);
    }
}
