//! Noun phrases around a reporting verb without a parser: its subject, the phrase after a word,
//! descriptions, appositions and parentheses, and what kind of mention each is.

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::suggest) enum Pronoun {
    Person,
    Plural,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(in crate::suggest) enum NpKind {
    Pronoun(Pronoun),
    /// Capitalised words: a person's, an organisation's or a place's name.
    Name,
    /// A common noun phrase that can speak ("U.S. security experts").
    Description,
    /// "the experts’ analysis", "their assessment": the speaker is the possessor (these tokens).
    Possessor(Range<usize>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(in crate::suggest) struct Np {
    pub tokens: Range<usize>,
    pub kind: NpKind,
}

/// Whether token `i` is a word of time ("Sunday", "yesterday", "last").
pub(in crate::suggest) fn is_time_word(doc: &Doc, i: usize) -> bool {
    in_set_without_full_stops(doc, i, &TIME_SET)
}

/// A time adjunct ending at `j` ("on Dec 14", "last week"): where it starts.
pub(super) fn time_adjunct_start(doc: &Doc, start: usize, j: usize) -> Option<usize> {
    let mut k = j;
    while k > start {
        let w = doc.word(k - 1).trim_end_matches('.');
        let time =
            doc.is_word(k - 1) && (w.bytes().all(|b| b.is_ascii_digit()) || TIME_SET.contains(w));
        if !time {
            break;
        }
        k -= 1;
    }
    if k == j {
        return None;
    }
    if k > start && lower_eq_any(doc, k - 1, &["on", "in", "at", "since", "from"]) {
        k -= 1;
    }
    Some(k)
}

/// A noun for people, groups or institutions ("experts", "leader", "government").
pub(super) fn is_agent(doc: &Doc, i: usize) -> bool {
    let w = doc.word(i);
    doc.is_word(i)
        && (AGENT_SET.contains(w) || w.strip_suffix('s').is_some_and(|s| AGENT_SET.contains(s)))
}

/// Whether the tokens of `r` read as a noun phrase that can be a subject (a name, a pronoun, or
/// words without verbs ending in a noun), and what kind it is.
pub(in crate::suggest) fn classify(doc: &Doc, r: Range<usize>) -> Option<Np> {
    if r.is_empty() {
        return None;
    }
    if r.len() == 1
        && let Some(p) = pronoun(doc, r.start)
    {
        return Some(Np {
            tokens: r,
            kind: NpKind::Pronoun(p),
        });
    }
    // "the experts’ analysis", "Kyiv’s argument", "their assessment".
    let head = r.end - 1;
    if r.len() >= 2 && doc.is_in(head, &SPEECH_NOUN_SET) {
        let mut p = head - 1;
        if doc.is_punct(p, &['’', '\'']) && p > r.start {
            p -= 1;
        }
        if is_possessive(doc, p) || pronoun(doc, p).is_some() {
            let owner = r.start..p + 1;
            let owner = if lower_eq_any(doc, owner.start, &["the"]) && owner.len() > 1 {
                owner.start + 1..owner.end
            } else {
                owner
            };
            return Some(Np {
                tokens: r,
                kind: NpKind::Possessor(owner),
            });
        }
    }
    // "her office", "Trump’s administration": the possessor speaks through them.
    if r.len() >= 2
        && lower_eq_any(doc, head, ENTOURAGE)
        && (pronoun(doc, head - 1).is_some() || is_possessive(doc, head - 1))
    {
        return Some(Np {
            tokens: r.clone(),
            kind: NpKind::Possessor(r.start..head),
        });
    }
    if let Some(name) = name_at(doc, r.start, r.end)
        && name.end == r.end
    {
        if r.len() == 1 && is_demonym(doc.word(head)) {
            return None;
        }
        return Some(Np {
            tokens: r,
            kind: NpKind::Name,
        });
    }
    // A description must end in a noun that can speak, and not be a preposition's object
    // ("79 percent of Democrats").
    (is_agent(doc, head) && !doc.is_in(r.start, &PREPOSITION_SET)).then_some(Np {
        tokens: r,
        kind: NpKind::Description,
    })
}

/// The subject of the verb at `verb`, read leftwards within a sentence starting at `start`:
/// over auxiliaries, adverbs and a time adjunct, past an apposition between commas ("Justin
/// Logan, director of …, said"), to the antecedent of "who".
pub(in crate::suggest) fn subject_before(doc: &Doc, start: usize, verb: usize) -> Option<Np> {
    let mut j = skip_auxiliaries(doc, start, verb);
    if let Some(k) = time_adjunct_start(doc, start, j) {
        j = skip_auxiliaries(doc, start, k);
    }
    j = before_parenthesis(doc, start, j);
    if j == start {
        return None;
    }
    if lower_eq_any(doc, j - 1, &["who", "which"]) && j - 1 > start && doc.is_punct(j - 2, &[',']) {
        return np_ending_at(doc, start, j - 2);
    }
    if doc.is_punct(j - 1, &[',']) {
        // "Name, apposition, said" or "description, Name, said".
        let comma = j - 1;
        let before = (start..comma).rev().find(|&k| doc.is_punct(k, &[',']))?;
        let inner = before + 1..comma;
        if name_at(doc, inner.start, inner.end).is_some_and(|n| n.end == inner.end) {
            return classify(doc, inner);
        }
        let first = inner.start;
        // "Jeff Weaver, Sanders’ campaign manager, said", "Sarandon, 69, told".
        let apposition = !inner.is_empty()
            && (!doc.is_cap(first)
                || doc.is_in(first, &DETERMINER_SET)
                || is_title(doc, first)
                || (is_possessive(doc, first) && inner.len() > 1));
        if !apposition {
            return None;
        }
        // "Marley Anderson, 21, a junior from Las Vegas, said": past an age between commas.
        let age = before >= 2
            && before - 2 > start
            && doc.is_punct(before - 2, &[','])
            && doc.word(before - 1).bytes().all(|b| b.is_ascii_digit())
            && doc.is_word(before - 1);
        let end = if age { before - 2 } else { before };
        return np_ending_at(doc, start, end);
    }
    np_ending_at(doc, start, j)
}

/// How long a parenthesis after a name may be ("(D-Wis.)", "(R-Fla.)"), in tokens.
pub(super) const PARENTHESIS: usize = 8;

/// Where a short parenthesis that ends just before `j` opens ("Rep. Gwen Moore (D-Wis.)
/// said"), else `j`.
pub(super) fn before_parenthesis(doc: &Doc, start: usize, j: usize) -> usize {
    if j <= start || !doc.is_punct(j - 1, &[')']) {
        return j;
    }
    (start.max(j.saturating_sub(PARENTHESIS))..j - 1)
        .rev()
        .find(|&k| doc.is_punct(k, &['(']))
        .filter(|&k| k > start)
        .unwrap_or(j)
}

/// Where a short parenthesis that opens at `k` closes (the token after it), else `k`.
pub(in crate::suggest) fn after_parenthesis(doc: &Doc, k: usize, end: usize) -> usize {
    if !doc.is_punct(k, &['(']) {
        return k;
    }
    (k + 1..end.min(k + PARENTHESIS))
        .find(|&c| doc.is_punct(c, &[')']))
        .map_or(k, |c| c + 1)
}

/// The noun phrase that ends just before `j`, if it is a subject rather than the object of a
/// preposition.
pub(super) fn np_ending_at(doc: &Doc, start: usize, j: usize) -> Option<Np> {
    const MAX: usize = 8;
    // Nothing is left of the sentence before `j` (a sentence that opens with its verb).
    if j <= start {
        return None;
    }
    // A name is read back to its first capitalised word; a description to its determiner.
    if let Some(p) = pronoun(doc, j - 1) {
        return Some(Np {
            tokens: j - 1..j,
            kind: NpKind::Pronoun(p),
        });
    }
    let name = doc.is_cap(j - 1);
    let mut k = j;
    while k > start && j - k < MAX {
        let i = k - 1;
        if name
            && ((!doc.is_cap(i) && !doc.is_in(i, &PARTICLE_SET))
                || (doc.is_cap(i) && doc.is_in(i, &NOT_NAME_SET)))
        {
            break;
        }
        if doc.is_punct(i, &['’', '\'']) && i > start && doc.touching(i - 1, i) {
            k -= 1;
            continue;
        }
        let particle = name && doc.is_in(i, &PARTICLE_SET);
        if !(np_word(doc, i) || particle) || doc.quote_at(i).is_some() {
            break;
        }
        k -= 1;
        if doc.is_in(i, &DETERMINER_SET) || pronoun(doc, i).is_some() {
            break;
        }
    }
    if k == j {
        return None;
    }
    // "Farmers in the Elbe valley say": the subject is before the preposition, and must be able
    // to speak ("the comments from U.S. security experts underscore" has none); "with Ukraine
    // seeking …" is the one preposition that takes a subject.
    if k > start && doc.is_in(k - 1, &PREPOSITION_SET) && !lower_eq_any(doc, k - 1, &["with"]) {
        let owner = np_ending_at(doc, start, k - 1);
        // "a longtime adviser to Trump said": the description with whom it belongs to.
        return match owner {
            Some(np)
                if np.kind == NpKind::Description
                    && name
                    && doc.is_any(k - 1, &["to", "of", "for", "at"]) =>
            {
                Some(Np {
                    tokens: np.tokens.start..j,
                    kind: NpKind::Description,
                })
            }
            other => other,
        };
    }
    classify(doc, k..j)
}

/// A noun phrase starting at `i`: a pronoun, a name (with "the"), or a description running to
/// punctuation or a clause word ("several foreign policy and security experts").
pub(in crate::suggest) fn np_after(doc: &Doc, i: usize, end: usize) -> Option<Np> {
    if i >= end {
        return None;
    }
    if let Some(p) = pronoun(doc, i) {
        // "their assessment": a possessive pronoun with a speech noun.
        if i + 1 < end && doc.is_in(i + 1, &SPEECH_NOUN_SET) {
            return Some(Np {
                tokens: i..i + 2,
                kind: NpKind::Possessor(i..i + 1),
            });
        }
        return Some(Np {
            tokens: i..i + 1,
            kind: NpKind::Pronoun(p),
        });
    }
    let article = lower_eq_any(doc, i, &["the"]);
    let first = i + usize::from(article);
    // "the union’s own survey": a possessor, then a speech noun within two words.
    if let Some(p) = (first..(first + 3).min(end)).find(|&k| is_possessive(doc, k))
        && let Some(noun) = (p + 1..(p + 4).min(end)).find(|&k| doc.is_in(k, &SPEECH_NOUN_SET))
    {
        let owner = if doc.is_cap(first) {
            first..p + 1
        } else {
            i..p + 1
        };
        return Some(Np {
            tokens: i..noun + 1,
            kind: NpKind::Possessor(owner),
        });
    }
    // "former Sen. Evan Bayh", "the younger Mr. Trump": modifiers before a person's name.
    let mut modified = first;
    while modified < end
        && modified - first < 3
        && doc.is_word(modified)
        && !doc.is_cap(modified)
        && np_word(doc, modified)
        && !is_agent(doc, modified)
        && !doc.is_in(modified, &DETERMINER_SET)
        && !doc.is_in(modified, &NOT_NAME_SET)
        && !doc.is(modified, "another")
    {
        modified += 1;
    }
    if modified > first
        && let Some(name) = name_at(doc, modified, end)
        && !is_possessive(doc, name.end - 1)
    {
        let (core, titled) = strip_titles(doc, name.clone());
        if titled || looks_like_person(doc, &core) {
            return Some(Np {
                tokens: name,
                kind: NpKind::Name,
            });
        }
    }
    if let Some(name) = name_at(doc, first, end) {
        // A possessive name followed by a speech noun: "Grushko’s remarks".
        if is_possessive(doc, name.end - 1)
            && name.end < end
            && lower_eq_any(doc, name.end, SPEECH_NOUNS)
        {
            return Some(Np {
                tokens: i..name.end + 1,
                kind: NpKind::Possessor(first..name.end),
            });
        }
        // "Gallup’s Jeffrey M. Jones": the person of an organisation is the name after it.
        if is_possessive(doc, name.end - 1)
            && let Some(person) = name_at(doc, name.end, end)
        {
            return Some(Np {
                tokens: person,
                kind: NpKind::Name,
            });
        }
        // "U.S. security experts": a name that modifies a description.
        let description = description_after(doc, name.end, end);
        if description > name.end
            && let Some(np) = classify(doc, i..description)
        {
            return Some(apposed_name(doc, np, end));
        }
        return Some(Np {
            tokens: first..name.end,
            kind: NpKind::Name,
        });
    }
    let stop = description_after(doc, i, end);
    classify(doc, i..stop).map(|np| apposed_name(doc, np, end))
}

/// "conservative activist Bob Klaus", "Trump lawyer Marc Kasowitz": a description with the name
/// right after it is that name.
pub(super) fn apposed_name(doc: &Doc, np: Np, end: usize) -> Np {
    if np.kind != NpKind::Description {
        return np;
    }
    match name_at(doc, np.tokens.end, end) {
        Some(name) if !is_possessive(doc, name.end - 1) => Np {
            tokens: name,
            kind: NpKind::Name,
        },
        _ => of_whom(doc, np, end),
    }
}

/// "a longtime adviser to Trump", "the head of the RNC": a description with the name it
/// belongs to, which says who is meant.
pub(super) fn of_whom(doc: &Doc, np: Np, end: usize) -> Np {
    let k = np.tokens.end;
    if !(k < end && doc.is_any(k, &["to", "of", "for", "at"])) {
        return np;
    }
    let first = k + 1 + usize::from(doc.is(k + 1, "the"));
    match name_at(doc, first, end) {
        Some(name) => Np {
            tokens: np.tokens.start..name.end,
            kind: NpKind::Description,
        },
        None => np,
    }
}

/// Where a description starting at `i` ends: after its last noun that can speak, within
/// noun-phrase words ("several foreign policy and security experts"); `i` if there is none.
pub(super) fn description_after(doc: &Doc, i: usize, end: usize) -> usize {
    let mut last_agent = i;
    let mut j = i;
    while j < end && j - i < 8 {
        let joins = lower_eq_any(doc, j, &["and"]) && j > i && j + 1 < end && np_word(doc, j + 1);
        if !(np_word(doc, j) || joins) || is_possessive(doc, j) {
            break;
        }
        // "a New Hampshire Democrat", "the senior Cruz adviser": capitalised words inside a
        // description count only when a noun that can speak ends it (`last_agent`).
        if is_agent(doc, j) {
            last_agent = j + 1;
        }
        j += 1;
    }
    last_agent
}

/// The subject of a sentence: a pronoun or name at its start, after an introductory phrase
/// that ends with a comma ("In early March 2025, British leader …").
pub(in crate::suggest) fn sentence_subject(doc: &Doc, sentence: Range<usize>) -> Option<Np> {
    let mut i = sentence.start;
    let intro = doc.is_in(i, &PREPOSITION_SET)
        || lower_eq_any(doc, i, crate::suggest::cues::SUBORDINATORS)
        || is_adverb(doc, i)
        || (doc.is_cap(i) && doc.word(i).ends_with("ly"));
    if intro && let Some(comma) = sentence.clone().find(|&k| doc.is_punct(k, &[','])) {
        i = comma + 1;
    }
    let np = np_after(doc, i, sentence.end)?;
    // "The mayor, Ellen Park, …": the name in apposition.
    let after = np.tokens.end;
    if after + 1 < sentence.end
        && doc.is_punct(after, &[','])
        && let Some(name) = name_at(doc, after + 1, sentence.end)
        && name.end < sentence.end
        && doc.is_punct(name.end, &[','])
    {
        return classify(doc, name);
    }
    Some(np)
}
