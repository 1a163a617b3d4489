//! Who is speaking: names (capitalised word sequences with particles, initials and titles),
//! descriptions ("U.S. security experts", "alliance leaders"), pronouns and possessors ("the
//! experts’ analysis"), found around a reporting verb without a parser; and their resolution to a
//! speaker, following pronouns and surnames back to the person the article named.

use super::SpeakerGuess;
use super::cues::{ADVERBS, AUXILIARY_SET, DETERMINER_SET, PREPOSITION_SET, SPEECH_NOUNS};
use super::doc::Doc;
use super::fast_hash::WordSet;
use super::fast_hash::{FxMap, KeyMap, key};
use super::registry::Registry;
use crate::project::SpeakerKind;
use crate::speakers::name_key;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

/// Words that stand before a name and are not part of it (compared in lower case, without a
/// full stop). Honorifics and offices mark the name as a person's.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "minister",
    "chancellor",
    "secretary",
    "senator",
    "sen",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "governor",
    "gov",
    "mayor",
    "ambassador",
    "envoy",
    "general",
    "gen",
    "colonel",
    "col",
    "lt",
    "captain",
    "capt",
    "maj",
    "admiral",
    "adm",
    "sgt",
    "judge",
    "justice",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "rev",
    "premier",
    "commissioner",
    "chairman",
    "chairwoman",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "sheikh",
    "emir",
    "cardinal",
    "archbishop",
    "bishop",
    "councillor",
    "councilor",
    "councilman",
    "councilwoman",
    "alderman",
];

/// A name ending in one of these is an organisation or a place, not a person.
const ORGANISATION_WORDS: &[&str] = &[
    "institute",
    "university",
    "union",
    "council",
    "party",
    "ministry",
    "fund",
    "bank",
    "forces",
    "force",
    "office",
    "house",
    "department",
    "agency",
    "commission",
    "committee",
    "organisation",
    "organization",
    "group",
    "association",
    "centre",
    "center",
    "court",
    "parliament",
    "assembly",
    "times",
    "news",
    "post",
    "press",
    "service",
    "sea",
    "ocean",
    "river",
    "states",
    "kingdom",
    "republic",
    "nations",
    "army",
    "navy",
    "guard",
    "alliance",
    "corporation",
    "inc",
    "ltd",
    "company",
    "foundation",
    "room",
    "war",
    "administration",
    "government",
    "club",
    "school",
    "college",
    "summit",
    "treaty",
    "agreement",
    "zone",
];

/// Capitalised at the start of a sentence, never a name.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "however",
    "but",
    "and",
    "or",
    "in",
    "on",
    "at",
    "for",
    "with",
    "despite",
    "during",
    "after",
    "before",
    "when",
    "while",
    "as",
    "if",
    "although",
    "though",
    "since",
    "because",
    "yet",
    "still",
    "now",
    "then",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "his",
    "her",
    "their",
    "our",
    "we",
    "i",
    "he",
    "she",
    "they",
    "there",
    "here",
    "what",
    "why",
    "how",
    "who",
    "where",
    "which",
    "some",
    "many",
    "most",
    "several",
    "other",
    "others",
    "not",
    "no",
    "even",
    "also",
    "so",
    "unlike",
    "instead",
    "meanwhile",
    "against",
    "under",
    "over",
    "from",
    "to",
    "by",
    "of",
    "according",
    "whether",
    "both",
    "all",
    "each",
    "every",
    "such",
    "one",
    "two",
    "three",
    "more",
    "much",
    "only",
    "just",
    "speaking",
    "asked",
    "like",
    "about",
    "until",
    "without",
    "amid",
    "among",
    "toward",
    "towards",
    "through",
    "further",
    "again",
    // Sentence openers that PolNeAR's train split showed taken for speakers.
    "ask",
    "wait",
    "hours",
    "soon",
    "later",
    "indeed",
    "ever",
    "likewise",
    "signs",
    "yes",
    "well",
    "oh",
];

/// Lower-case words that may sit inside a name ("Ursula von der Leyen", "University of Florida").
const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "da", "di", "du", "del", "la", "le", "bin", "ibn", "al", "of",
];

/// Head nouns of descriptions that can speak (people, groups, institutions).
const AGENT_NOUNS: &[&str] = &[
    "democrat",
    "republican",
    "confidant",
    "insider",
    "operative",
    "consultant",
    "donor",
    "candidate",
    "nominee",
    "narrator",
    "expert",
    "analyst",
    "official",
    "diplomat",
    "leader",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "president",
    "chancellor",
    "government",
    "ministry",
    "critic",
    "observer",
    "source",
    "lawmaker",
    "legislator",
    "senator",
    "resident",
    "protester",
    "authorities",
    "negotiator",
    "envoy",
    "adviser",
    "advisor",
    "aide",
    "commander",
    "general",
    "military",
    "army",
    "police",
    "prosecutor",
    "judge",
    "court",
    "investigator",
    "economist",
    "scientist",
    "researcher",
    "doctor",
    "activist",
    "campaigner",
    "alliance",
    "partner",
    "ally",
    "allies",
    "member",
    "country",
    "countries",
    "nation",
    "state",
    "voter",
    "union",
    "officer",
    "administration",
    "representative",
    "delegate",
    "delegation",
    "people",
    "citizen",
    "witness",
    "scholar",
    "professor",
    "journalist",
    "reporter",
    "chief",
    "head",
    "secretary",
    "ambassador",
    "mayor",
    "governor",
    "regulator",
    "inspector",
    "agency",
    "commission",
    "council",
    "committee",
    "parliament",
    "congress",
    "senate",
    "kremlin",
    "palace",
    "cabinet",
    "premier",
    "prime",
    "strategist",
    "officials",
    "experts",
    "analysts",
    "group",
    "association",
    "organisation",
    "organization",
    "federation",
    "coalition",
    "campaign",
    "charity",
    "company",
    "companies",
    "firm",
    "industry",
    "tenant",
    "landlord",
    "farmer",
    "worker",
    "employer",
    "owner",
    "student",
    "teacher",
    "nurse",
    "business",
    "businesses",
    "chamber",
    "office",
    "department",
    "lawyer",
    "attorney",
    "supporter",
    "opponent",
    "manager",
    "executive",
    "director",
    "founder",
    "unions",
    "ministries",
    "parties",
    "party",
    "authority",
    "authorities",
    "bank",
    "banks",
    "ministry",
    "court",
    "police",
    "army",
    "military",
    "board",
    "institute",
    "fund",
    "watchdog",
    "operator",
    "airline",
    "insurer",
    "investor",
    "economist",
    "side",
    "sides",
];

/// Who speaks for someone: "her office said", "his administration’s message".
const ENTOURAGE: &[&str] = &[
    "office",
    "administration",
    "government",
    "team",
    "campaign",
    "lawyer",
    "lawyers",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "aides",
    "camp",
    "cabinet",
];

/// Adjectives of nationality or region: capitalised, but no one's name ("Western states").
fn is_demonym(w: &str) -> bool {
    const SUFFIXES: &[&str] = &["ern", "ian", "ean", "ese", "ish", "can", "ic"];
    const OTHERS: &[&str] = &[
        "French", "German", "Dutch", "Swiss", "Greek", "Thai", "Israeli",
    ];
    OTHERS.contains(&w)
        || SUFFIXES
            .iter()
            .any(|s| w.len() > s.len() + 2 && w.ends_with(s))
}

static NOT_NAME_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(NOT_NAMES));
static PARTICLE_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(PARTICLES));
// Lists asked about at most words of a noun phrase: a set of their own is found without
// looking the list up by its address first.
static ADVERB_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(ADVERBS));
static SPEECH_NOUN_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(SPEECH_NOUNS));
/// The pronouns [`pronoun`] knows, by their token key: asked of nearly every word a noun
/// phrase is read over, one probe rather than comparing with ten words.
static PRONOUNS: LazyLock<KeyMap<Pronoun>> = LazyLock::new(|| {
    let person = ["he", "she", "him", "his", "her"].map(|w| (key(w), Pronoun::Person));
    let plural = ["they", "them", "their", "it", "its"].map(|w| (key(w), Pronoun::Plural));
    KeyMap::new(person.into_iter().chain(plural))
});
static TITLE_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(TITLES));
static AGENT_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(AGENT_NOUNS));
static ORGANISATION_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(ORGANISATION_WORDS));
static TIME_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(TIME_WORDS));

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Pronoun {
    Person,
    Plural,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum NpKind {
    Pronoun(Pronoun),
    /// Capitalised words: a person's, an organisation's or a place's name.
    Name,
    /// A common noun phrase that can speak ("U.S. security experts").
    Description,
    /// "the experts’ analysis", "their assessment": the speaker is the possessor (these tokens).
    Possessor(Range<usize>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Np {
    pub tokens: Range<usize>,
    pub kind: NpKind,
}

fn lower_eq_any(doc: &Doc, i: usize, words: &'static [&'static str]) -> bool {
    doc.is_any(i, words)
}

/// Whether `b` is the last UTF-8 byte of "s" or of an apostrophe of
/// [`crate::text::is_apostrophe`]: most words end in none, which settles them. A match, not a
/// search of a list, which was a call to `memchr` per word.
#[inline]
pub(super) fn ends_possessive(b: u8) -> bool {
    matches!(b, b's' | b'\'' | b'`' | 0x98 | 0x99 | 0xB4 | 0xBC)
}

/// The word without a possessive ending ("Ukraine’s" -> "Ukraine", "experts’" -> "experts"),
/// whichever apostrophe the text uses (see [`crate::text::is_apostrophe`]); `None` if not
/// possessive.
pub(super) fn strip_possessive(w: &str) -> Option<&str> {
    // Most words end in neither "s" nor an apostrophe, which their last byte tells.
    if !w.as_bytes().last().is_some_and(|&b| ends_possessive(b)) {
        return None;
    }
    let w = w.strip_suffix('s').unwrap_or(w);
    w.strip_suffix(crate::text::is_apostrophe)
        .filter(|s| !s.is_empty())
}

/// Whether token `i` is a possessive word ("Kyiv’s") or is followed by a detached possessive
/// apostrophe ("experts’").
pub(super) fn is_possessive(doc: &Doc, i: usize) -> bool {
    doc.token(i).is_some_and(|t| t.possessive)
}

fn is_title(doc: &Doc, i: usize) -> bool {
    in_set_without_full_stops(doc, i, &TITLE_SET)
}

/// Whether token `i` is a word of `set` once full stops at its end are dropped ("Gen." is
/// "gen"); by the token's own key where it has none, the most frequent case.
fn in_set_without_full_stops(doc: &Doc, i: usize, set: &WordSet) -> bool {
    let w = doc.word(i);
    match w.trim_end_matches('.') {
        t if t.len() == w.len() => doc.is_in(i, set),
        t => doc.is_word(i) && set.contains(t),
    }
}

fn is_adverb(doc: &Doc, i: usize) -> bool {
    doc.is_word(i)
        && !doc.is_cap(i)
        && (doc.is_in(i, &ADVERB_SET) || (doc.word(i).ends_with("ly") && doc.word(i).len() > 4))
}

/// The capitalised name starting at token `i` (before `end`): capitalised words, initials and
/// particles between them; a possessive word ends it.
pub(super) fn name_at(doc: &Doc, i: usize, end: usize) -> Option<Range<usize>> {
    if i >= end || !doc.is_cap(i) || doc.is_in(i, &NOT_NAME_SET) {
        return None;
    }
    let mut j = i;
    while j < end {
        if !doc.is_word(j) {
            break;
        }
        if !doc.is_cap(j) {
            // Particles join when a capitalised word follows them ("von der Leyen").
            let mut k = j;
            while k < end && doc.is_word(k) && !doc.is_cap(k) && doc.is_in(k, &PARTICLE_SET) {
                k += 1;
            }
            if k == j || k >= end || !doc.is_word(k) || !doc.is_cap(k) {
                break;
            }
        }
        j += 1;
        if is_possessive(doc, j - 1) {
            break;
        }
    }
    (!reads_as_no_name(doc, i..j)).then_some(i..j)
}

/// Capitalised words that open sentences or headlines but name no one: a day or month alone
/// ("Tuesday"), a dateline or headline in capitals
/// ("WASHINGTON", "VOTERS CARE MORE").
fn reads_as_no_name(doc: &Doc, name: Range<usize>) -> bool {
    let upper = |k: usize| !doc.word(k).chars().any(char::is_lowercase);
    if name.len() == 1 {
        let w = doc.word(name.start);
        // The letters are counted only for a word in capitals, rarely asked.
        let shouted = || upper(name.start) && w.chars().filter(|c| c.is_alphabetic()).count() > 5;
        return is_time_word(doc, name.start) || shouted();
    }
    name.len() >= 3 && name.clone().all(upper)
}

/// The name without the titles before it ("Russian Deputy Foreign Minister Alexander Grushko" ->
/// "Alexander Grushko"), and whether a title marked it as a person's.
pub(super) fn strip_titles(doc: &Doc, name: Range<usize>) -> (Range<usize>, bool) {
    let last_title = name.clone().rev().skip(1).find(|&i| is_title(doc, i));
    match last_title {
        Some(t) => (t + 1..name.end, true),
        None => (name, false),
    }
}

/// Whether a name (titles stripped) reads as a person's: two or more words, not ending in an
/// organisation word, not an acronym.
fn looks_like_person(doc: &Doc, name: &Range<usize>) -> bool {
    // Checked cheapest first: most names are one word, which settles it.
    let words = name.clone().filter(|&i| doc.is_cap(i)).count();
    if words < 2 {
        return false;
    }
    let last = name.end - 1;
    let stripped = strip_possessive(doc.word(last));
    // The word as it stands has its key already.
    let organisation = || match stripped {
        Some(w) => ORGANISATION_SET.contains(w),
        None => doc.is_in(last, &ORGANISATION_SET),
    };
    let acronym = || {
        name.clone().any(|i| {
            let w = doc.word(i);
            w.len() > 1 && w.chars().all(|c| !c.is_lowercase())
        })
    };
    // A full stop is looked for byte by byte: a search of the text calls memchr per word.
    let initials = || name.clone().any(|i| doc.word(i).bytes().any(|b| b == b'.'));
    !organisation() && !acronym() && !initials()
}

fn pronoun(doc: &Doc, i: usize) -> Option<Pronoun> {
    // "It said", "its statement": an organisation, like "they".
    PRONOUNS.get(doc.key(i))
}

/// Words that can sit in a noun phrase read backwards from its head.
fn np_word(doc: &Doc, i: usize) -> bool {
    doc.is_word(i)
        && !doc.is_in(i, &PREPOSITION_SET)
        && !doc.is_in(i, &AUXILIARY_SET)
        && !lower_eq_any(
            doc,
            i,
            &[
                "and", "or", "but", "that", "which", "who", "whom", "it", "while", "as", "if",
            ],
        )
}

/// Skips auxiliaries and adverbs leftwards from `j` (exclusive), no further than `start`.
pub(super) fn skip_auxiliaries(doc: &Doc, start: usize, mut j: usize) -> usize {
    while j > start && (doc.is_in(j - 1, &AUXILIARY_SET) || is_adverb(doc, j - 1)) {
        j -= 1;
    }
    j
}

const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "week",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "day",
    "last",
    "this",
    "early",
    "late",
    "weekend",
    "today",
    "yesterday",
];

/// Whether token `i` is a word of time ("Sunday", "yesterday", "last").
pub(super) fn is_time_word(doc: &Doc, i: usize) -> bool {
    in_set_without_full_stops(doc, i, &TIME_SET)
}

/// A time adjunct ending at `j` ("on Dec 14", "last week"): where it starts.
fn time_adjunct_start(doc: &Doc, start: usize, j: usize) -> Option<usize> {
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
fn is_agent(doc: &Doc, i: usize) -> bool {
    let w = doc.word(i);
    doc.is_word(i)
        && (AGENT_SET.contains(w) || w.strip_suffix('s').is_some_and(|s| AGENT_SET.contains(s)))
}

/// Whether the tokens of `r` read as a noun phrase that can be a subject (a name, a pronoun, or
/// words without verbs ending in a noun), and what kind it is.
pub(super) fn classify(doc: &Doc, r: Range<usize>) -> Option<Np> {
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
pub(super) fn subject_before(doc: &Doc, start: usize, verb: usize) -> Option<Np> {
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
const PARENTHESIS: usize = 8;

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
pub(super) fn after_parenthesis(doc: &Doc, k: usize, end: usize) -> usize {
    if !doc.is_punct(k, &['(']) {
        return k;
    }
    (k + 1..end.min(k + PARENTHESIS))
        .find(|&c| doc.is_punct(c, &[')']))
        .map_or(k, |c| c + 1)
}

/// The noun phrase that ends just before `j`, if it is a subject rather than the object of a
/// preposition.
fn np_ending_at(doc: &Doc, start: usize, j: usize) -> Option<Np> {
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
pub(super) fn np_after(doc: &Doc, i: usize, end: usize) -> Option<Np> {
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
fn apposed_name(doc: &Doc, np: Np, end: usize) -> Np {
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
fn of_whom(doc: &Doc, np: Np, end: usize) -> Np {
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
fn description_after(doc: &Doc, i: usize, end: usize) -> usize {
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
pub(super) fn sentence_subject(doc: &Doc, sentence: Range<usize>) -> Option<Np> {
    let mut i = sentence.start;
    let intro = doc.is_in(i, &PREPOSITION_SET)
        || lower_eq_any(doc, i, super::cues::SUBORDINATORS)
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

/// The first byte of a word in ASCII lower case (0 for an empty word): what sorts the full
/// names for [`Resolver::full_name`].
fn initial(word: &str) -> u8 {
    word.as_bytes().first().map_or(0, u8::to_ascii_lowercase)
}

/// A speaker found in the text.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Who {
    pub guess: SpeakerGuess,
    pub person: bool,
}

/// Resolves mentions to speakers through one document, remembering who spoke last so that
/// pronouns find their antecedent.
pub(super) struct Resolver<'r> {
    registry: &'r Registry,
    /// Names as written and as resolved, to their speaker.
    /// Keys share their text with the names they lead to where they can.
    memo: FxMap<Arc<str>, Option<Who>>,
    last_person: Option<Who>,
    last_group: Option<Who>,
    /// Multi-word person names of the document: surnames alone resolve to them. Sorted by the
    /// first byte of their last word in ASCII lower case, then in text order: a surname is
    /// compared only with the names whose last word starts as it does.
    full_names: Vec<(u8, Range<usize>)>,
}

impl<'r> Resolver<'r> {
    pub fn new(registry: &'r Registry, doc: &Doc) -> Self {
        let mut full_names = Vec::new();
        for (p, para) in doc.paragraphs.iter().enumerate() {
            if doc.is_headline(p) {
                continue;
            }
            let mut i = para.start;
            while i < para.end {
                // Names start with a capital: most words are passed over without a call.
                if !doc.is_cap(i) {
                    i += 1;
                    continue;
                }
                match name_at(doc, i, para.end) {
                    Some(name) => {
                        let (core, _) = strip_titles(doc, name.clone());
                        if looks_like_person(doc, &core) {
                            full_names.push((initial(doc.word(core.end - 1)), core));
                        }
                        i = name.end;
                    }
                    None => i += 1,
                }
            }
        }
        // Stable: names of one initial stay in text order.
        full_names.sort_by_key(|(first, _)| *first);
        Self {
            registry,
            memo: FxMap::default(),
            last_person: None,
            last_group: None,
            full_names,
        }
    }

    /// The speaker a noun phrase refers to; pronouns take the last speaker of their kind.
    pub fn resolve(&mut self, doc: &Doc, np: &Np) -> Option<Who> {
        match &np.kind {
            NpKind::Pronoun(Pronoun::Person) => self.last_person.clone(),
            NpKind::Pronoun(Pronoun::Plural) => self.last_group.clone(),
            NpKind::Possessor(owner) => {
                let owner = classify(doc, owner.clone()).or_else(|| {
                    // A possessive name: drop the ending.
                    Some(Np {
                        tokens: owner.clone(),
                        kind: NpKind::Name,
                    })
                })?;
                self.resolve(doc, &owner)
            }
            NpKind::Name => self.resolve_name(doc, np.tokens.clone()),
            NpKind::Description => {
                let text = doc.text_of(np.tokens.clone());
                self.lookup(text, false)
            }
        }
    }

    fn resolve_name(&mut self, doc: &Doc, name: Range<usize>) -> Option<Who> {
        let (core, titled) = strip_titles(doc, name.clone());
        let written = doc.text_of(core.clone());
        let written = strip_possessive(written).unwrap_or(written);
        if let Some(found) = self.memo.get(written) {
            return found.clone();
        }
        let mut person = titled || looks_like_person(doc, &core);
        let mut text = written;
        if core.len() == 1
            && self.registry.resolve(text).is_none()
            && let Some(full) = self.full_name(doc, core.start)
        {
            text = doc.text_of(full);
            person = true;
        }
        let who = self.lookup(text, person);
        let key = match &who {
            Some(Who {
                guess: SpeakerGuess::New(name),
                ..
            }) if **name == *written => name.clone(),
            _ => Arc::from(written),
        };
        self.memo.insert(key, who.clone());
        who
    }

    /// The closest multi-word name (before, else after `at`) whose surname is the word at `at`.
    fn full_name(&self, doc: &Doc, at: usize) -> Option<Range<usize>> {
        let word = doc.word(at);
        let word = strip_possessive(word).unwrap_or(word);
        // Spellings that differ (Zelensky, Zelenskiy) are compared by name key.
        let key = std::cell::OnceCell::new();
        let first = word.as_bytes().first();
        let same = |r: &&Range<usize>| {
            let last = doc.word(r.end - 1);
            // Both tests below need the same first letter, which rules out most names at once
            // (a possessive ending leaves the first letter as it is).
            let first_agrees = (last.as_bytes().first())
                .zip(first)
                .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b));
            if !first_agrees {
                return false;
            }
            let last = strip_possessive(last).unwrap_or(last);
            last.eq_ignore_ascii_case(word)
                || (last.chars().take(4).eq(word.chars().take(4))
                    && name_key(last).surname == *key.get_or_init(|| name_key(word).surname))
        };
        // Only names whose last word starts with the same letter can agree (`first_agrees`).
        let letter = word.as_bytes().first()?.to_ascii_lowercase();
        let from = self.full_names.partition_point(|(l, _)| *l < letter);
        let to = self.full_names.partition_point(|(l, _)| *l <= letter);
        let names = &self.full_names[from..to];
        let before = names.partition_point(|(_, r)| r.start < at);
        let same = |(_, r): &&(u8, Range<usize>)| same(&r);
        names[..before]
            .iter()
            .rev()
            .find(same)
            .or_else(|| names[before..].iter().find(same))
            .map(|(_, r)| r.clone())
    }

    fn lookup(&mut self, text: &str, person: bool) -> Option<Who> {
        if let Some(found) = self.memo.get(text) {
            return found.clone();
        }
        let key: Arc<str> = Arc::from(text);
        let who = match self.registry.resolve(text) {
            Some((id, kind)) => Who {
                guess: SpeakerGuess::Known(id),
                person: kind == SpeakerKind::Person,
            },
            None => Who {
                guess: SpeakerGuess::New(key.clone()),
                person,
            },
        };
        self.memo.insert(key, Some(who.clone()));
        Some(who)
    }

    /// Records who spoke, for the pronouns that follow.
    pub fn note(&mut self, who: &Who) {
        let last = match who.person {
            true => &mut self.last_person,
            false => &mut self.last_group,
        };
        // The same speaker again (a run of quotes): no copy of the name to make.
        if last.as_ref() != Some(who) {
            *last = Some(who.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut of [`strip_possessive`] knows the last byte of every apostrophe.
    #[test]
    fn every_apostrophe_ends_in_a_byte_the_possessive_check_knows() {
        let apostrophes = ('\0'..=char::MAX).filter(|&c| crate::text::is_apostrophe(c));
        for c in apostrophes.chain(['s']) {
            let last = *c.to_string().as_bytes().last().unwrap();
            assert!(ends_possessive(last), "{c:?}");
            assert_eq!(
                strip_possessive(&format!("Kyiv{c}")).is_some(),
                c != 's',
                "{c:?}"
            );
        }
    }

    /// The flag settled once per token answers as reading the word and the token after it
    /// does, for every token (marks and the last token included).
    #[test]
    fn possessives_are_marked_on_the_tokens_that_read_as_possessive() {
        let text = "Kyiv’s plan, the experts’ view, Trump's aides, James' car, Zoë‘s (ok)’ \
                    O`Brien`s 'quoted' ’s ''double'' Moscow’ s NATO’";
        let d = doc(text);
        let mut marked = Vec::new();
        for i in 0..d.token_count() + 1 {
            let read = (d.is_word(i) && strip_possessive(d.word(i)).is_some())
                || (d.touching(i, i + 1) && d.is_punct(i + 1, &['’', '\'']));
            assert_eq!(is_possessive(&d, i), read, "token {i} {:?}", d.word(i));
            if read {
                marked.push(d.word(i));
            }
        }
        // A closing quotation mark touching a word reads as a detached apostrophe too.
        let expected = [
            "Kyiv’s",
            "experts",
            "Trump's",
            "James",
            "Zoë‘s",
            ")",
            "O`Brien`s",
            "quoted",
            "double",
            "Moscow",
            "NATO",
        ];
        assert_eq!(marked, expected);
    }

    #[test]
    fn a_possessive_is_stripped_whichever_apostrophe_the_text_uses() {
        for w in ["Trump’s", "Trump's", "Trump‘s", "Trumpʼs"] {
            assert_eq!(strip_possessive(w), Some("Trump"), "{w}");
        }
        assert_eq!(strip_possessive("experts’"), Some("experts"));
        assert_eq!(strip_possessive("Thomas"), None);
        assert_eq!(strip_possessive("’s"), None);
    }

    fn doc(text: &str) -> Doc<'_> {
        Doc::new(text)
    }

    fn at(d: &Doc, word: &str) -> usize {
        (0..d.token_count()).find(|&i| d.word(i) == word).unwrap()
    }

    fn subject<'a>(d: &'a Doc, verb: &str) -> Option<&'a str> {
        let v = at(d, verb);
        subject_before(d, 0, v).map(|np| d.text_of(np.tokens))
    }

    #[test]
    fn names_take_particles_initials_and_stop_at_possessives() {
        let d = doc("Ursula von der Leyen met J. R. Smith and Ukraine’s President.");
        let n = name_at(&d, 0, d.token_count()).unwrap();
        assert_eq!(d.text_of(n), "Ursula von der Leyen");
        let n = name_at(&d, at(&d, "J."), d.token_count()).unwrap();
        assert_eq!(d.text_of(n), "J. R. Smith");
        let n = name_at(&d, at(&d, "Ukraine’s"), d.token_count()).unwrap();
        assert_eq!(d.text_of(n), "Ukraine’s");
        let d = doc("However the deal");
        assert_eq!(name_at(&d, 0, 3), None);
    }

    #[test]
    fn days_datelines_and_sentence_openers_are_no_names() {
        for text in [
            "Tuesday said",
            "WASHINGTON said",
            "VOTERS CARE MORE said",
            "Later said",
            "Indeed said",
        ] {
            let d = doc(text);
            assert_eq!(name_at(&d, 0, d.token_count()), None, "{text}");
        }
        let d = doc("NATO said");
        assert_eq!(d.text_of(name_at(&d, 0, 2).unwrap()), "NATO");
    }

    #[test]
    fn titles_are_stripped_from_names() {
        let d = doc("Russian Deputy Foreign Minister Alexander Grushko spoke");
        let (core, titled) = strip_titles(&d, 0..6);
        assert_eq!(d.text_of(core), "Alexander Grushko");
        assert!(titled);
        let d = doc("John Major spoke");
        assert_eq!(d.text_of(strip_titles(&d, 0..2).0), "John Major");
    }

    #[test]
    fn subjects_skip_auxiliaries_appositions_and_time() {
        let d =
            doc("Justin Logan, director of studies at the Cato Institute, has repeatedly said so.");
        assert_eq!(subject(&d, "said"), Some("Justin Logan"));
        let d = doc("Germany’s new chancellor, Friedrich Merz, has framed it.");
        assert_eq!(subject(&d, "framed"), Some("Friedrich Merz"));
        let d = doc("Ukrainian President Volodymyr Zelensky on Dec 14 offered to drop it.");
        assert_eq!(
            subject(&d, "offered"),
            Some("Ukrainian President Volodymyr Zelensky")
        );
        let d = doc("Marley Anderson, 21, a junior from Las Vegas, said she came.");
        assert_eq!(subject(&d, "said"), Some("Marley Anderson"));
        let d = doc("Some analysts argue it.");
        assert_eq!(subject(&d, "argue"), Some("Some analysts"));
        let d = doc("The comments from U.S. security experts underscore the limits.");
        assert_eq!(subject(&d, "underscore"), None);
        let d = doc("These irreconcilable positions suggest that it fails.");
        assert_eq!(subject(&d, "suggest"), None);
        let d = doc("The experts’ analysis highlights that it fails.");
        let np = subject_before(&d, 0, at(&d, "highlights")).unwrap();
        assert!(matches!(np.kind, NpKind::Possessor(ref o) if d.text_of(o.clone()) == "experts"));
        let d = doc("He met French President Emmanuel Macron, who has reaffirmed it.");
        assert_eq!(
            subject(&d, "reaffirmed"),
            Some("French President Emmanuel Macron")
        );
    }

    #[test]
    fn noun_phrases_after_a_word() {
        let d = doc("according to several foreign policy and security experts.");
        let np = np_after(&d, 2, d.token_count() - 1).unwrap();
        assert_eq!(
            d.text_of(np.tokens),
            "several foreign policy and security experts"
        );
        let d = doc("said Mr Logan and Professor Andrew Michta, an expert");
        let np = np_after(&d, 1, d.token_count()).unwrap();
        assert_eq!((d.text_of(np.tokens), np.kind), ("Mr Logan", NpKind::Name));
        let d = doc("from the West.");
        assert_eq!(d.text_of(np_after(&d, 1, 3).unwrap().tokens), "West");
    }

    /// A surname alone is the closest full name before it with that surname, else the first
    /// after it, among names of every initial and any spelling the name key joins.
    #[test]
    fn a_surname_resolves_to_the_closest_full_name_with_that_surname() {
        let registry = Registry::new(&[]);
        let resolved = |text: &str, word: &str| {
            let d = doc(text);
            let mut r = Resolver::new(&registry, &d);
            // The surname that opens a sentence, alone.
            let alone = |i: usize| d.word(i) == word && (i == 0 || d.word(i - 1) == ".");
            let at = (0..d.token_count()).find(|&i| alone(i)).unwrap();
            let np = classify(&d, at..at + 1).unwrap();
            match r.resolve(&d, &np).map(|w| w.guess) {
                Some(SpeakerGuess::New(name)) => name.to_string(),
                other => format!("{other:?}"),
            }
        };
        let text = "Anna Smith spoke. Bob Jones spoke. Carl Smith spoke. Dan Zelensky spoke. \
                    Smith said so. Eve Smith spoke. Zelenskiy said so. Jones said so.";
        assert_eq!(resolved(text, "Smith"), "Carl Smith");
        assert_eq!(resolved(text, "Zelenskiy"), "Dan Zelensky");
        assert_eq!(resolved(text, "Jones"), "Bob Jones");
        let text = "Smith said so. Bob Jones spoke. Anna Smith spoke. Carl Smith spoke.";
        assert_eq!(resolved(text, "Smith"), "Anna Smith");
        assert_eq!(
            resolved("Smith said so. Bob Jones spoke.", "Smith"),
            "Smith"
        );
    }

    #[test]
    fn surnames_and_pronouns_resolve_to_the_named_person() {
        let registry = Registry::new(&[]);
        let d = doc("Brett Bruen, a former adviser, spoke. Mr Bruen said so. He left.");
        let mut r = Resolver::new(&registry, &d);
        let mr = at(&d, "Mr");
        let np = classify(&d, mr..mr + 2).unwrap();
        let who = r.resolve(&d, &np).unwrap();
        assert_eq!(who.guess, SpeakerGuess::New("Brett Bruen".into()));
        assert!(who.person);
        r.note(&who);
        let he = at(&d, "He");
        let np = classify(&d, he..he + 1).unwrap();
        assert_eq!(r.resolve(&d, &np).unwrap().guess, who.guess);
    }
}
