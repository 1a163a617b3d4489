//! Why an attribution was missed or its speaker wrong, in classes that say which rule to look
//! at: the speaker's class, the cue's lemma and head, the reason an indirect one was not found.

use super::*;

/// Why a found quote's speaker is wrong, as far as the text shows: none proposed; a word that is
/// no one's name (a day, an initial, capitals); a description where the gold names someone; a
/// wrong name from the quote's own paragraph; or a name from elsewhere (a speaker carried over
/// from an earlier paragraph, or a pronoun resolved to the wrong person).
pub(super) fn speaker_class(a: &Article, span: &Range<usize>, got: &str) -> &'static str {
    if got.is_empty() {
        return "no speaker";
    }
    let first = got.split_whitespace().next().unwrap_or("");
    let not_a_name = got.chars().filter(|c| c.is_alphabetic()).count() <= 2
        || (got.chars().any(|c| c.is_alphabetic()) && !got.chars().any(|c| c.is_lowercase()))
        || TIME_WORDS.contains(&first.to_lowercase().trim_end_matches('.'));
    if not_a_name {
        return "not a name (day, initial, capitals)";
    }
    if !first.starts_with(|c: char| c.is_uppercase()) || surname(got).is_empty() {
        return "description for a named source";
    }
    let from = a.chars[..span.start]
        .iter()
        .rposition(|&c| c == '\n')
        .map_or(0, |p| p + 1);
    let to = a.chars[span.end..]
        .iter()
        .position(|&c| c == '\n')
        .map_or(a.chars.len(), |p| span.end + p);
    let paragraph: String = a.chars[from..to].iter().collect::<String>().to_lowercase();
    if paragraph.contains(&surname(got)) {
        "wrong name in the paragraph"
    } else {
        "name from elsewhere (carried over, pronoun)"
    }
}

pub(super) const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "later",
    "soon",
    "then",
    "now",
];

/// Words of a cue that carry no sense of their own: auxiliaries, particles, determiners.
pub(super) const CUE_FILLERS: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "can",
    "did",
    "does",
    "do",
    "not",
    "also",
    "to",
    "that",
    "of",
    "about",
    "by",
    "on",
    "for",
    "in",
    "with",
    "the",
    "a",
    "an",
    "s",
    "his",
    "her",
    "their",
    "its",
    "it",
    "up",
    "out",
    "into",
    "as",
    "this",
    "who",
    "which",
    "according",
];

/// The dictionary form of a cue word, roughly: enough to group "says", "said" and "saying".
pub(super) fn lemma(word: &str) -> String {
    let w: String = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
        .replace('’', "'");
    let w = w.trim_end_matches("'s").to_string();
    const IRREGULAR: &[(&str, &str)] = &[
        ("said", "say"),
        ("says", "say"),
        ("told", "tell"),
        ("thought", "think"),
        ("wrote", "write"),
        ("written", "write"),
        ("knew", "know"),
        ("known", "know"),
        ("found", "find"),
        ("felt", "feel"),
        ("sought", "seek"),
        ("saw", "see"),
        ("seen", "see"),
        ("made", "make"),
        ("gave", "give"),
        ("given", "give"),
        ("took", "take"),
        ("taken", "take"),
        ("spoke", "speak"),
        ("spoken", "speak"),
        ("heard", "hear"),
        ("meant", "mean"),
        ("held", "hold"),
        ("put", "put"),
        ("news", "news"),
        ("plans", "plan"),
        ("questions", "question"),
        ("shows", "show"),
        ("shown", "show"),
        ("showed", "show"),
        ("believes", "believe"),
    ];
    if let Some((_, l)) = IRREGULAR.iter().find(|(f, _)| *f == w) {
        return l.to_string();
    }
    let strip = |w: &str, suffix: &str| w.strip_suffix(suffix).map(str::to_string);
    let undouble = |stem: String| {
        let b = stem.as_bytes();
        if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] && !b"lsz".contains(&b[b.len() - 1]) {
            stem[..stem.len() - 1].to_string()
        } else {
            stem
        }
    };
    if w.len() > 5 {
        if let Some(stem) = strip(&w, "ing") {
            return undouble(stem);
        }
        if let Some(stem) = strip(&w, "ied") {
            return stem + "y";
        }
    }
    if w.len() > 4 {
        if let Some(stem) = strip(&w, "ed") {
            return if stem.ends_with(['v', 'c', 'u', 's', 'z', 'g']) && !stem.ends_with("ss") {
                stem + "e"
            } else {
                undouble(stem)
            };
        }
        if let Some(stem) = strip(&w, "ies") {
            return stem + "y";
        }
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        return w[..w.len() - 1].to_string();
    }
    w
}

/// The word that carries a gold cue's sense ("has long said" -> say, "questions about" ->
/// question); the cue's first word when all are fillers.
pub(super) fn cue_head(cue: &str) -> String {
    let words: Vec<String> = cue
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect();
    if words.is_empty() {
        return cue.trim().to_string();
    }
    let known = words
        .iter()
        .find(|w| whosaid_core::suggest::is_reporting_word(w));
    let content = words
        .iter()
        .find(|w| !CUE_FILLERS.contains(&w.trim_end_matches("'s")) && w.len() > 1);
    lemma(known.or(content).unwrap_or(&words[0]))
}

/// Why an indirect attribution was missed, as far as the suggestions and the gold cue tell.
pub(super) fn indirect_reason(
    a: &Article,
    g: &Gold,
    claims: &[&Suggestion],
    quotes: &[&Suggestion],
) -> &'static str {
    let cue = g.cue.trim();
    if cue.is_empty() {
        return "no cue in gold";
    }
    if cue.ends_with(':') || cue == ":" {
        return "colon cue";
    }
    if a.candidates
        .iter()
        .any(|c| overlap(c, &g.frags) * 10 >= len(&g.frags) * 3)
    {
        return "read by the rules, dropped by the model";
    }
    let hits = |s: &&&Suggestion| {
        s.cue
            .as_ref()
            .is_some_and(|c| overlap(std::slice::from_ref(c), &g.cue_frags) > 0)
    };
    if let Some(s) = claims.iter().find(hits) {
        return if overlap(&s.fragments, &g.frags) > 0 {
            "cue found, content overlap < 30%"
        } else {
            "cue found, content elsewhere"
        };
    }
    if quotes.iter().any(|s| hits(&s)) {
        return "cue found, only a quote proposed";
    }
    let lower = format!(" {} ", cue.to_lowercase());
    let words: Vec<&str> = lower.split_whitespace().collect();
    let be = ["is", "are", "was", "were", "be", "been", "being"];
    let passive = lower.contains(" by ")
        || lower.trim_end().ends_with(" by")
        || words
            .windows(2)
            .any(|w| be.contains(&w[0]) && w[1].ends_with("ed"));
    if passive {
        return "passive";
    }
    let head = cue_head(cue);
    let known = words.iter().any(|w| {
        whosaid_core::suggest::is_reporting_word(w.trim_matches(|c: char| !c.is_alphanumeric()))
    });
    // A noun: after a possessive or determiner, or with a noun's ending.
    let start = g.cue_frags.iter().map(|r| r.start).min().unwrap_or(0);
    let before: String = a.chars[start.saturating_sub(6)..start].iter().collect();
    let before = before.to_lowercase();
    let noun = cue.contains("'s")
        || cue.contains("’s")
        || [
            "the ", " a ", "his ", "her ", "'s ", "’s ", "its ", "their ",
        ]
        .iter()
        .any(|d| before.ends_with(d))
        || [
            "tion", "ment", "ance", "ence", "sion", "ism", "ity", "report", "poll", "data",
        ]
        .iter()
        .any(|x| head.ends_with(x))
        || words
            .iter()
            .any(|w| ["of", "about", "on", "over"].contains(w));
    if known {
        "cue in list, not proposed"
    } else if noun {
        "noun cue, not in list"
    } else {
        "verb cue, not in list"
    }
}
