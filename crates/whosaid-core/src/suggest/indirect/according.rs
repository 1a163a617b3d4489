//! Reports with a source but no verb of speech, and the writer's evidentials: `according to X, …`,
//! `…, according to X`, `X is expected to …`, `X appeared to …`.

use super::super::cues::{self, BE};
use super::super::doc::Doc;
use super::super::mentions::{Resolver, np_after, subject_before};
use super::*;
use crate::project::Label;

/// "According to X, …", "…, according to X", "X, according to Y, Z".
pub(super) fn according_to(
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
    // "…: According to recent polls, …", "(According to the police, …)": a colon or a
    // parenthesis before opens the report as a sentence's start does.
    let leading = i == s
        || (i == s + 1 && doc.is_any(s, &["but", "and", "yet", "so"]))
        || doc.is_punct(i - 1, &[':', '(']);
    let mut content = Vec::new();
    if !leading {
        let end = boundary_before(doc, sentence, i)?;
        content.push(s..end);
    }
    // "According to Lazar’s plea agreement, …": the source runs to its comma even where the
    // noun phrase read is shorter.
    let mut k = if doc.is_punct(np_tokens.end, &[',']) {
        np_tokens.end
    } else {
        np_end
    };
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

/// The forms of "seem" and "appear", which start [`evidential`] with "expected".
pub(super) const LOOKS: &[&str] = &["seem", "seems", "seemed", "appear", "appears", "appeared"];

/// "Trump is expected to deliver …", "the Trump team appeared to be …", "voters seem to …":
/// the writer's report of how things look, which news attributes to no one. The clause is a
/// claim with no speaker, at a low confidence.
pub(super) fn evidential(doc: &Doc, sentence: Span, i: usize) -> Option<Attribution> {
    let Span { s, e } = sentence;
    if i == s || i + 1 >= e || doc.is_cap(i) {
        return None;
    }
    let seems = doc.is_any(i, LOOKS) && doc.is(i + 1, "to");
    // "is expected to" of someone who can act ("Trump is expected to …"), not of things
    // ("Russia’s core demands are expected to play a role").
    let expected = doc.is(i, "expected")
        && doc.is_any(i - 1, BE)
        && doc.is(i + 1, "to")
        && subject_before(doc, s, i).is_some();
    // "the Trump team appeared paralyzed", "Trump’s supporters seemed equally unperturbed": how
    // things look without "to"; "appeared on television" is no judgement, nor is "appears
    // willing" (left to the reader, as the sample gold wants it).
    let looks = !seems
        && doc.is_word(i + 1)
        && !doc.is_any(i + 1, cues::PREPOSITIONS)
        && doc.quote_at(i + 1).is_none()
        && (doc.is_any(i, &["seem", "seems", "seemed"])
            || (doc.is_any(i, &["appear", "appears", "appeared"])
                && doc.word(i + 1).ends_with("ed")));
    if !(seems || expected || looks) {
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
        confidence: if looks { 0.37 } else { 0.4 },
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{claim, run};

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
    fn how_things_look_without_to() {
        assert_eq!(
            run("Ann Lee spoke. The Trump team appeared paralyzed."),
            [claim("The Trump team appeared paralyzed", "-")]
        );
        assert_eq!(
            run("Trump’s supporters seemed equally unperturbed."),
            [claim("Trump’s supporters seemed equally unperturbed", "-")]
        );
        assert_eq!(
            run("Ann Lee seemed at ease. Tom Hart appeared in court. It appears odd."),
            []
        );
    }

    #[test]
    fn according_to_after_a_colon_or_with_a_longer_source() {
        assert_eq!(
            run("It is plain: According to recent polls, Trump holds 14 percent."),
            [claim("Trump holds 14 percent", "-")]
        );
        assert_eq!(
            run("According to Lazar’s plea agreement, he faces two years in prison."),
            [claim("he faces two years in prison", "Lazar")]
        );
    }
}
