//! Where reported speech begins and ends around its cue: adjuncts between a verb and its clause,
//! the end of a clause or an object, the hearer of "told", the comma before an attribution.

use super::super::cues::{self, Act, Form, SUBORDINATORS};
use super::super::doc::Doc;
use super::super::mentions::{self, Np, NpKind, np_after};
use super::super::tokens::lower;
use super::*;
use std::ops::Range;

/// Words that start an adjunct between a reporting verb and its "that" ("said on Monday that").
pub(super) const ADJUNCT_STARTS: &[&str] = &[
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
pub(super) fn adjunct_start(doc: &Doc, k: usize) -> bool {
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

/// The end of a time adjunct starting at `k` ("on Friday", "Tuesday morning", "last week"),
/// when a clause of at least three words follows it.
pub(super) fn time_adjunct_after(doc: &Doc, k: usize, e: usize) -> Option<usize> {
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

/// Where a reported clause starting at `from` ends: at the end of the sentence, before a
/// participle of the writer's inference (", signaling that …"), or at the comma that closes a
/// subordinate clause it sits in ("When X signaled that …, he …").
pub(super) fn clause_end(doc: &Doc, sentence: Span, cue: usize, from: usize) -> usize {
    let Span { s, e } = sentence;
    let opens_subordinate = doc.is_any(s, SUBORDINATORS)
        || (s + 1 < e
            && doc.is_any(s, &["even", "only", "just"])
            && doc.is_any(s + 1, SUBORDINATORS));
    let subordinate = opens_subordinate && !(s..cue).any(|k| doc.is_punct(k, &[',']));
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
                && cues::verb_of(doc, v)
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
            && cues::verb_of(doc, k + 1)
                .is_some_and(|c| c.act == Act::Inference && c.form == Form::Ing);
        if inference {
            return k;
        }
    }
    e
}

/// Where a noun-phrase object starting at `from` ends: at a comma, a colon, a new verb phrase
/// ("… and has pushed"), or a new clause.
pub(super) fn object_end(doc: &Doc, sentence: Span, from: usize) -> usize {
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
pub(super) fn hearer(doc: &Doc, k: usize, e: usize) -> Option<(usize, Option<Np>)> {
    if let Some(np) = np_after(doc, k, e).filter(|np| np.tokens.len() <= 4) {
        return Some((np.tokens.end, Some(np)));
    }
    let clause = (k..e).any(|j| doc.is(j, "that") || doc.is_punct(j, &[':', ',']));
    (k < e && e - k <= 6 && !clause).then_some((e, None))
}

/// Whether an attribution that ends the sentence starts at `k`: ", he said", ", Mr Logan added on
/// Monday", ", said Mr Logan, …".
pub(super) fn attribution_follows(doc: &Doc, sentence: Span, k: usize) -> bool {
    let e = sentence.e;
    let verb = (k..(k + 8).min(e)).find(|&j| {
        doc.is_word(j)
            && cues::verb_of(doc, j).is_some_and(|c| c.act == Act::Claim && c.form != Form::Ing)
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
pub(super) fn split_and_that(doc: &Doc, r: Range<usize>) -> Vec<Range<usize>> {
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
pub(super) fn boundary_before(doc: &Doc, sentence: Span, k: usize) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::super::testing::{claim, run};

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
