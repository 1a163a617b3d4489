//! Reported speech: a reporting word, who it belongs to, and what was said. `X said (that) …`,
//! `…, X said.`, `A, X said, B`, `…, said X`, `according to X, …` and `…, according to X`,
//! `X described … as …`, `X called … “…”`, `X reaffirmed …` (claims) and `X urged Y to …`,
//! `X called on Y to …`, `X demanded that Y …`, `X is seeking … from Y` (demands, with the
//! addressee). A reported clause that obliges someone (must, should, has to) or whose own verb is
//! a demand is a demand.

use super::SpeakerGuess;
use super::cues::{self, Act, BE, Cue, DETERMINERS, Form, Frame, MODALS, SUBORDINATORS};
use super::doc::{Doc, Sentence};
use super::mentions::{
    self, Np, NpKind, Resolver, Who, is_possessive, np_after, sentence_subject, subject_before,
};
use super::quotes::is_opening_mark;
use super::tokens::lower;
use crate::project::Label;
use std::ops::Range;

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

/// Words that start an adjunct between a reporting verb and its "that" ("said on Monday that").
const ADJUNCT_STARTS: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "to",
    "after",
    "before",
    "late",
    "earlier",
    "last",
    "this",
    "while",
    "again",
    "repeatedly",
    "publicly",
    "privately",
];

/// Whether an adjunct starts at `k` after a verb ("on Monday", "Sunday", "sarcastically", "of
/// the course"): what follows it is no reported clause.
fn adjunct_start(doc: &Doc, k: usize) -> bool {
    doc.is_any(k, ADJUNCT_STARTS)
        || mentions::is_time_word(doc, k)
        || (doc.is_word(k)
            && !doc.is_cap(k)
            && doc.word(k).ends_with("ly")
            && doc.word(k).len() > 4)
        || doc.is_any(
            k,
            &[
                "of", "by", "when", "as", "from", "with", "about", "in", "after",
            ],
        )
}

/// Words that open an indirect question after "asked".
const QUESTION_WORDS: &[&str] = &[
    "whether", "if", "why", "how", "what", "when", "who", "where",
];

/// The end of a time adjunct starting at `k` ("on Friday", "Tuesday morning", "last week"),
/// when a clause of at least three words follows it.
fn time_adjunct_after(doc: &Doc, k: usize, e: usize) -> Option<usize> {
    let mut j = k + usize::from(doc.is_any(k, &["on", "in", "at", "early", "late"]));
    let first = j;
    while j < e
        && (mentions::is_time_word(doc, j)
            || doc.word(j).bytes().all(|b| b.is_ascii_digit()) && doc.is_word(j))
    {
        j += 1;
    }
    (j > first && j + 3 <= e && doc.is_word(j) && !doc.is_any(j, cues::PREPOSITIONS)).then_some(j)
}

/// Objects that only point back to earlier text ("rejected this condition"): not a position.
const ANAPHORS: &[&str] = &[
    "this", "that", "these", "those", "it", "them", "him", "her", "such",
];

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
        if doc.quote_at(i).is_some() || !doc.is_word(i) {
            i += 1;
            continue;
        }
        let nested = out.iter().any(|a| a.content.iter().any(|r| r.contains(&i)));
        let found = if doc.is(i, "according") && i + 1 < e && doc.is(i + 1, "to") {
            according_to(doc, sentence, i, resolver)
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
        } else {
            noun_cue(doc, sentence, i, resolver)
        };
        if let Some(a) = found {
            if let Some(who) = &a.speaker {
                resolver.note(who);
            }
            out.extend(split_coordinated(doc, a));
        }
        i += 1;
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

/// "Trump: Cruz Has ‘To Come a Long Way’", "Poll: Trump Ties Clinton": a short line that opens
/// with a name or source and a colon reports what follows.
fn colon_headline(
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
fn asked_first(doc: &Doc, sentence: Span, resolver: &mut Resolver) -> Option<Attribution> {
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

/// A sentence's tokens without its final punctuation.
#[derive(Clone, Copy)]
struct Span {
    s: usize,
    e: usize,
}

/// The reporting verb at token `i`, unless the word is a noun, an infinitive or a passive here.
/// In a title-case `headline` every word is capitalised ("Trump Says He Never Pledged …").
fn verb_at(doc: &Doc, s: usize, i: usize, headline: bool) -> Option<Cue> {
    // Capitalised only where a sentence or a headline's attribution starts (", Say Experts").
    if doc.is_cap(i) && i > s && doc.punct(i - 1).is_none() && !headline {
        return None;
    }
    let mut buf = [0; 24];
    let cue = cues::verb(lower(doc.word(i), &mut buf)?)?;
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

/// Whether the reported clause starting at `from` is an obligation or a demand of its own.
fn obliges(doc: &Doc, content: &[Range<usize>]) -> Option<usize> {
    let mut buf = [0; 24];
    content.iter().flat_map(|r| r.clone()).find(|&k| {
        if doc.quote_at(k).is_some() || !doc.is_word(k) {
            return false;
        }
        let Some(w) = lower(doc.word(k), &mut buf) else {
            return false;
        };
        if MODALS.contains(&w)
            || (matches!(w, "has" | "have" | "need" | "needs") && doc.is(k + 1, "to"))
        {
            return true;
        }
        // "Moscow is seeking", "Kyiv now expects": a verb after its subject or an auxiliary,
        // not a noun ("Russia’s core demands").
        let verb = cues::verb(w).is_some_and(|c| {
            c.act == Act::Demand && matches!(c.frame, Frame::Seek | Frame::Require)
        });
        let left = mentions::skip_auxiliaries(doc, 0, k);
        let passive = cues::verb(w).is_some_and(|c| c.form == Form::Past)
            && (left..k).any(|j| doc.is_any(j, BE));
        verb && !passive
            && k > 0
            && (left < k
                || doc.is_cap(k - 1)
                || doc.is_any(k - 1, &["he", "she", "they", "it", "we"]))
            && !is_possessive(doc, k - 1)
    })
}

/// Where a reported clause starting at `from` ends: at the end of the sentence, before a
/// participle of the writer's inference (", signaling that …"), or at the comma that closes a
/// subordinate clause it sits in ("When X signaled that …, he …").
fn clause_end(doc: &Doc, sentence: Span, cue: usize, from: usize) -> usize {
    let Span { s, e } = sentence;
    let opens_subordinate = doc.is_any(s, SUBORDINATORS)
        || (s + 1 < e
            && doc.is_any(s, &["even", "only", "just"])
            && doc.is_any(s + 1, SUBORDINATORS));
    let subordinate = opens_subordinate && !(s..cue).any(|k| doc.is_punct(k, &[',']));
    let mut buf = [0; 24];
    for k in from..e {
        if doc.quote_at(k).is_some() {
            continue;
        }
        // "argued that … and asked the commission to …": a second verb phrase.
        if doc.is_any(k, &["and", "but"]) {
            let mut v = k + 1;
            while v < e && (doc.is_any(v, cues::AUXILIARIES) || doc.is_any(v, cues::ADVERBS)) {
                v += 1;
            }
            let verb = v < e
                && lower(doc.word(v), &mut buf)
                    .and_then(cues::verb)
                    .is_some_and(|c| matches!(c.form, Form::Past | Form::Third));
            if verb {
                return k;
            }
            continue;
        }
        if !doc.is_punct(k, &[',', ';', '—']) {
            continue;
        }
        if subordinate || attribution_follows(doc, sentence, k + 1) {
            return k;
        }
        let inference = k + 1 < e
            && lower(doc.word(k + 1), &mut buf)
                .and_then(cues::verb)
                .is_some_and(|c| c.act == Act::Inference && c.form == Form::Ing);
        if inference {
            return k;
        }
    }
    e
}

/// Where a noun-phrase object starting at `from` ends: at a comma, a colon, a new verb phrase
/// ("… and has pushed"), or a new clause.
fn object_end(doc: &Doc, sentence: Span, from: usize) -> usize {
    let mut buf = [0; 24];
    for k in from..sentence.e {
        if doc.quote_at(k).is_some() {
            continue;
        }
        if doc.is_punct(k, &[',', ';', ':', '—', '(']) {
            return k;
        }
        if doc.is_any(k, &["while", "although", "whereas", "because"]) {
            return k;
        }
        if doc.is_any(k, &["and", "but"]) && k + 1 < sentence.e {
            let next = lower(doc.word(k + 1), &mut buf);
            if next.is_some_and(|w| cues::AUXILIARIES.contains(&w) || cues::verb(w).is_some()) {
                return k;
            }
        }
    }
    sentence.e
}

/// Where the hearer of "told" starts at `k` ends: a short noun phrase ("reporters", "the BBC"),
/// or the rest of a short sentence without a clause ("told the newspaper Le Parisien").
fn hearer(doc: &Doc, k: usize, e: usize) -> Option<(usize, Option<Np>)> {
    if let Some(np) = np_after(doc, k, e).filter(|np| np.tokens.len() <= 4) {
        return Some((np.tokens.end, Some(np)));
    }
    let clause = (k..e).any(|j| doc.is(j, "that") || doc.is_punct(j, &[':', ',']));
    (k < e && e - k <= 6 && !clause).then_some((e, None))
}

/// Whether `word` starts with `prefix`, ASCII case ignored ("Called" is a form of "call").
fn starts_with_word(word: &str, prefix: &str) -> bool {
    word.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
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

/// Whether an attribution that ends the sentence starts at `k`: ", he said", ", Mr Logan added on
/// Monday", ", said Mr Logan, …".
fn attribution_follows(doc: &Doc, sentence: Span, k: usize) -> bool {
    let e = sentence.e;
    let mut buf = [0; 24];
    let verb = (k..(k + 8).min(e)).find(|&j| {
        doc.is_word(j)
            && lower(doc.word(j), &mut buf)
                .and_then(cues::verb)
                .is_some_and(|c| c.act == Act::Claim && c.form != Form::Ing)
    });
    let Some(v) = verb else {
        return false;
    };
    if v == k {
        return np_after(doc, v + 1, e)
            .is_some_and(|np| matches!(np.kind, NpKind::Name | NpKind::Pronoun(_)));
    }
    let subject = mentions::classify(doc, k..mentions::skip_auxiliaries(doc, k, v)).is_some();
    let rest = v + 1 == e || (adjunct_start(doc, v + 1) && !(v..e).any(|j| doc.is(j, "that")));
    subject && rest
}

/// Splits `said A and that B` into its two reported clauses.
fn split_and_that(doc: &Doc, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = r.start;
    for k in r.clone() {
        if k > start && k + 1 < r.end && doc.is(k, "and") && doc.is(k + 1, "that") {
            let end = if doc.is_punct(k - 1, &[',']) {
                k - 1
            } else {
                k
            };
            out.push(start..end);
            start = k + 2;
        }
    }
    out.push(start..r.end);
    out
}

/// A comma, or a quotation's closing mark, that ends the reported part before an attribution.
/// Returns where the content ends (the mark is part of a quotation).
fn boundary_before(doc: &Doc, sentence: Span, k: usize) -> Option<usize> {
    if k <= sentence.s {
        return None;
    }
    let b = k - 1;
    if doc.is_punct(b, &[',', '—']) {
        // The comma itself is left out; a quote before it ("”," in British style) stays whole.
        return (b > sentence.s).then_some(b);
    }
    let q = doc.quote_at(b)?;
    let closes = doc.quotes[q].pieces.iter().any(|p| p.close == Some(b));
    let ends_at = |k: usize| doc.is_punct(k, &[',', '?', '!', '—', '…']);
    // "…special case,'''": a nested quotation closes just before.
    let ends_clause = b >= 1
        && (ends_at(b - 1) || (b >= 2 && doc.is_punct(b - 1, &['\'', '’']) && ends_at(b - 2)));
    (closes && ends_clause).then_some(b + 1)
}

/// The addressee: who the words after `from` name ("from the West", "NATO to …").
fn addressee_at(doc: &Doc, from: usize, end: usize, resolver: &mut Resolver) -> Option<Who> {
    let np = np_after(doc, from, end)?;
    if matches!(np.kind, NpKind::Pronoun(_)) {
        return None;
    }
    resolver.resolve(doc, &np)
}

/// The addressee of a demand clause: after "from" in it.
fn addressee_from(doc: &Doc, content: &[Range<usize>], resolver: &mut Resolver) -> Option<Who> {
    let r = content.last()?;
    let from = r
        .clone()
        .find(|&k| doc.is(k, "from") && doc.quote_at(k).is_none())?;
    addressee_at(doc, from + 1, r.end, resolver)
}

/// Content of one piece.
fn one(piece: Range<usize>) -> Vec<Range<usize>> {
    vec![piece]
}

fn non_empty(content: Vec<Range<usize>>) -> Option<Vec<Range<usize>>> {
    let content: Vec<_> = content.into_iter().filter(|r| !r.is_empty()).collect();
    (!content.is_empty()).then_some(content)
}

/// What a reporting verb at `i` reports, in its frame.
fn reported(
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
        // "opposed … and has pushed Kyiv to …": the verbs share their subject.
        let who = shared_speaker(resolver)?;
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
        && cue.act == Act::Claim
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
            (np.tokens.start, i + 1)
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
            let clause_like =
                that || quoted || (!comma && end >= k + 3 && !doc.is_any(k, cues::PREPOSITIONS));
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

/// "urged NATO to …", "called on Washington to …", "pressed for …", "appealed to X to …".
fn urge(
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

fn obliged(doc: &Doc, content: &[Range<usize>]) -> Label {
    if obliges(doc, content).is_some() {
        Label::Demand
    } else {
        Label::Claim
    }
}

/// Demands are demands; a reported claim is one too when its clause obliges.
fn label_of(doc: &Doc, cue: Cue, content: &[Range<usize>]) -> Label {
    match cue.act {
        Act::Demand => Label::Demand,
        _ => obliged(doc, content),
    }
}

/// "According to X, …", "…, according to X", "X, according to Y, Z".
fn according_to(
    doc: &Doc,
    sentence: Span,
    i: usize,
    resolver: &mut Resolver,
) -> Option<Attribution> {
    let Span { s, e } = sentence;
    let np_end = (i + 2..e)
        .find(|&k| doc.is_punct(k, &[',', ';', ':', '—']) || doc.quote_at(k).is_some())
        .unwrap_or(e);
    // "according to the summary", "according to a new poll by …": a source that is no speaker
    // still makes what it reports an attribution, proposed with no speaker.
    let (np_tokens, speaker, confidence) = match np_after(doc, i + 2, np_end) {
        Some(np) => (np.tokens.clone(), resolver.resolve(doc, &np), 0.8),
        None if i + 2 < np_end => (i + 2..np_end, None, 0.6),
        None => return None,
    };
    let leading = i == s || (i == s + 1 && doc.is_any(s, &["but", "and", "yet", "so"]));
    let mut content = Vec::new();
    if !leading {
        let end = boundary_before(doc, sentence, i)?;
        content.push(s..end);
    }
    let mut k = np_tokens.end;
    if k < e && doc.is_punct(k, &[',']) {
        k += 1;
        content.push(k..clause_end(doc, sentence, i, k));
    } else if leading {
        return None;
    }
    let content = non_empty(content)?;
    let label = obliged(doc, &content);
    Some(Attribution {
        label,
        cue: i..i + 2,
        speaker,
        content,
        addressee: None,
        confidence,
    })
}

/// "X raised questions about …": a reported question or concern.
/// "Trump is expected to deliver …", "the Trump team appeared to be …", "voters seem to …":
/// the writer's report of how things look, which news attributes to no one. The clause is a
/// claim with no speaker, at a low confidence.
fn evidential(doc: &Doc, sentence: Span, i: usize) -> Option<Attribution> {
    let Span { s, e } = sentence;
    if i == s || i + 1 >= e || doc.is_cap(i) {
        return None;
    }
    let seems = doc.is_any(
        i,
        &["seem", "seems", "seemed", "appear", "appears", "appeared"],
    ) && doc.is(i + 1, "to");
    // "is expected to" of someone who can act ("Trump is expected to …"), not of things
    // ("Russia’s core demands are expected to play a role").
    let expected = doc.is(i, "expected")
        && doc.is_any(i - 1, BE)
        && doc.is(i + 1, "to")
        && subject_before(doc, s, i).is_some();
    if !(seems || expected) {
        return None;
    }
    // The clause starts after the sentence's last comma before the verb.
    let start = (s..i)
        .rev()
        .find(|&k| doc.is_punct(k, &[',', ';', ':', '—']) || doc.quote_at(k).is_some())
        .map_or(s, |k| k + 1);
    if start >= i || doc.is_any(start, &["which", "who", "that", "it"]) {
        return None;
    }
    let end = clause_end(doc, sentence, i, i + 1);
    Some(Attribution {
        label: Label::Claim,
        cue: i..i + 1,
        speaker: None,
        content: non_empty(one(start..end))?,
        addressee: None,
        confidence: 0.4,
    })
}

fn raised_about(
    doc: &Doc,
    sentence: Span,
    i: usize,
    resolver: &mut Resolver,
) -> Option<Attribution> {
    let Span { s, e } = sentence;
    let phrase = i + 3 < e
        && doc.is_any(i, &["raise", "raises", "raised", "raising"])
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
fn noun_cue(doc: &Doc, sentence: Span, i: usize, resolver: &mut Resolver) -> Option<Attribution> {
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

/// Whether an attribution is proposed as a claim or demand: not when it is direct speech (a quote
/// only), nor when the model judges the cue's use no report.
pub(super) fn proposed(doc: &Doc, a: &Attribution) -> bool {
    !only_quotes(doc, a) && super::claim_model::score(doc, a) >= super::claim_model::THRESHOLD
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
    use super::super::registry::Registry;
    use super::*;

    /// (label, content texts joined by " … ", speaker name or id, addressee) per attribution.
    fn run(text: &str) -> Vec<(Label, String, String, String)> {
        let registry = Registry::new(&[]);
        let doc = Doc::new(text);
        let mut resolver = Resolver::new(&registry, &doc);
        let mut out = Vec::new();
        for sentence in &doc.sentences {
            for a in attributions(&doc, sentence, &mut resolver) {
                let content: Vec<&str> = a.content.iter().map(|r| doc.text_of(r.clone())).collect();
                let name = |g: Option<SpeakerGuess>| match g {
                    Some(SpeakerGuess::New(n)) => n,
                    Some(SpeakerGuess::Known(id)) => id.0.to_string(),
                    None => "-".into(),
                };
                out.push((
                    a.label,
                    content.join(" … "),
                    name(a.speaker.map(|w| w.guess)),
                    name(a.addressee),
                ));
            }
        }
        out
    }

    fn claim(content: &str, speaker: &str) -> (Label, String, String, String) {
        (Label::Claim, content.into(), speaker.into(), "-".into())
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
    fn according_to_before_and_after() {
        assert_eq!(
            run(
                "According to Ann Lee, the deal is off. The deal is off, according to many analysts."
            ),
            [
                claim("the deal is off", "Ann Lee"),
                claim("The deal is off", "many analysts")
            ]
        );
        // A subject the rules cannot read: the clause is proposed without a speaker.
        assert_eq!(
            run("Nearly eight in 10 voters said they have made up their minds."),
            [claim("they have made up their minds", "-")]
        );
        assert_eq!(
            run("A full 79 percent of Democrats say they would be satisfied. Few would say more."),
            [claim("they would be satisfied", "-")]
        );
        // A source that is no speaker: proposed without one.
        assert_eq!(
            run("The plan would cost $1 trillion, according to the summary he released."),
            [claim("The plan would cost $1 trillion", "-")]
        );
    }

    #[test]
    fn how_things_look_is_a_claim_without_a_speaker() {
        assert_eq!(
            run("Trump is expected to deliver a victory speech later tonight."),
            [claim(
                "Trump is expected to deliver a victory speech later tonight",
                "-"
            )]
        );
        assert_eq!(
            run("After the vote, the Trump team appeared to be paralyzed."),
            [claim("the Trump team appeared to be paralyzed", "-")]
        );
        // Appearing somewhere is no judgement; "appears willing" is left to the reader, as the
        // sample gold wants it.
        assert_eq!(run("Ann Lee appeared on television."), []);
        assert_eq!(run("Ukraine appears willing to trade it."), []);
    }

    #[test]
    fn a_time_between_the_verb_and_a_clause_without_that() {
        assert_eq!(
            run("Sheldon Adelson said on Friday he met Donald Trump earlier this week."),
            [claim(
                "he met Donald Trump earlier this week",
                "Sheldon Adelson"
            )]
        );
    }

    #[test]
    fn a_party_label_in_parentheses_after_the_subject() {
        assert_eq!(
            run("Rep. Gwen Moore (D-Wis.) said that the vote would fail."),
            [claim("the vote would fail", "Gwen Moore")]
        );
    }

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
    fn a_title_case_headline_reports_with_its_capitalised_verb() {
        assert_eq!(
            run("Trump Says He Never Pledged To Kill Families\n\nHe left on Monday."),
            [claim("He Never Pledged To Kill Families", "Trump")]
        );
    }

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
    fn unread_subjects_of_objects_report_too() {
        assert_eq!(
            run("About 6 in 10 white men supported Sanders."),
            [claim("Sanders", "-")]
        );
    }

    #[test]
    fn to_say_an_interjection_before_that_and_a_subject_before_a_comma() {
        assert_eq!(
            run("Ann Lee took to Twitter to say she would run."),
            [claim("she would run", "Ann Lee")]
        );
        assert_eq!(
            run("Tom Hart says, however, that the deal is off."),
            [claim("the deal is off", "Tom Hart")]
        );
        assert_eq!(
            run("Several newspapers in the state, including the Press, said he is unfit."),
            [claim("he is unfit", "-")]
        );
    }
}
