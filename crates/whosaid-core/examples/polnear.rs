//! Scores the suggestion engine against PolNeAR's attributions (real news annotated by trained
//! annotators): prints the quality table and where the misses come from, and writes nothing.
//!
//! Usage: `cargo run --release -p whosaid-core --example polnear -- SPLIT_DIR [--show N]`
//! (SPLIT_DIR holds `text/` and `attributions/`, e.g. `../shared/data/polnear/dev`; `--show N`
//! prints N examples of each kind of miss, for tuning on the train split; `--cues` lists the
//! split's reporting words by frequency, the source of the cue lists).
//!
//! Definitions (those of issue 13). Gold: the first annotator's `.ann` of each article; each
//! attribution's Content is classed by how much of it (non-space characters) lies inside
//! quotation marks (“…”, "…", NYT's ''…''; a quote left open at a line's end runs to it): a
//! direct quote when >= 90%, indirect when none, neither (a partial quote in reported speech)
//! otherwise. A direct quote is found when quote suggestions cover >= 50% of it; a quote
//! suggestion is right when >= 50% of it lies in some gold Content. An indirect attribution is
//! found when a claim or demand overlaps >= 30% of it; a claim or demand is right when >= 30% of
//! it lies in some gold Content. The speaker is right when the surname of the suggested speaker
//! occurs in the gold Source (or the reverse), on found quotes whose Source is a name.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use whosaid_core::project::Label;
use whosaid_core::suggest::{SpeakerGuess, Suggestion, suggest, training_candidates};
use whosaid_core::text::DocText;

#[path = "common/brat.rs"]
mod brat;
use brat::fail;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Direct,
    Indirect,
    Mixed,
}

struct Gold {
    frags: Vec<Range<usize>>,
    class: Class,
    source: String,
    cue: String,
    cue_frags: Vec<Range<usize>>,
}

struct Article {
    name: String,
    chars: Vec<char>,
    gold: Vec<Gold>,
    suggestions: Vec<Suggestion>,
    /// The claims and demands the rules read before the claim model judged them.
    candidates: Vec<Vec<Range<usize>>>,
    text: String,
}

const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "his", "her", "their",
];

/// Per code point: inside a quotation (marks included).
fn quoted_mask(chars: &[char]) -> Vec<bool> {
    let mut mask = vec![false; chars.len()];
    let mut line_start = 0;
    while line_start < chars.len() {
        let line_end = chars[line_start..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |p| line_start + p);
        let mut open: Option<(usize, char)> = None;
        let mut i = line_start;
        while i < line_end {
            let c = chars[i];
            let doubled = c == '\'' && i + 1 < line_end && chars[i + 1] == '\'';
            let mark = match c {
                '“' | '”' | '"' => Some(c),
                '\'' if doubled => Some('\''),
                _ => None,
            };
            if let Some(m) = mark {
                match open {
                    None if m != '”' => open = Some((i, m)),
                    Some((s, o)) if (o == '“' && m == '”') || (o == m && o != '“') => {
                        let end = if doubled { i + 2 } else { i + 1 };
                        mask[s..end].fill(true);
                        open = None;
                    }
                    _ => {}
                }
                if doubled {
                    i += 1;
                }
            }
            i += 1;
        }
        if let Some((s, _)) = open {
            mask[s..line_end].fill(true);
        }
        line_start = line_end + 1;
    }
    mask
}

fn read_article(split: &Path, stem: &str, ann: &Path) -> Article {
    let text = brat::text(split, stem);
    let chars: Vec<char> = text.chars().collect();
    let mask = quoted_mask(&chars);
    let parsed = brat::read_ann(ann, chars.len());
    let text_of = |frags: &[Range<usize>]| -> String {
        let parts: Vec<String> = frags
            .iter()
            .map(|r| chars[r.clone()].iter().collect())
            .collect();
        parts.join(" ")
    };
    let mut gold = Vec::new();
    for roles in &parsed.events {
        let Some(frags) = roles.get("Content").and_then(|c| parsed.span(c)) else {
            continue;
        };
        let (mut all, mut inside) = (0usize, 0usize);
        for r in frags {
            for k in r.clone() {
                if !chars[k].is_whitespace() {
                    all += 1;
                    inside += usize::from(mask[k]);
                }
            }
        }
        if all == 0 {
            continue;
        }
        let class = if inside * 10 >= all * 9 {
            Class::Direct
        } else if inside == 0 {
            Class::Indirect
        } else {
            Class::Mixed
        };
        let role_text = |role: &str| {
            roles
                .get(role)
                .and_then(|t| parsed.span(t))
                .map_or(String::new(), |f| text_of(f))
        };
        gold.push(Gold {
            frags: frags.clone(),
            class,
            source: role_text("Source"),
            cue: role_text("Cue"),
            cue_frags: roles
                .get("Cue")
                .and_then(|t| parsed.span(t))
                .cloned()
                .unwrap_or_default(),
        });
    }
    Article {
        name: stem.to_string(),
        chars,
        gold,
        suggestions: Vec::new(),
        candidates: Vec::new(),
        text,
    }
}

fn overlap(a: &[Range<usize>], b: &[Range<usize>]) -> usize {
    let mut n = 0;
    for x in a {
        for y in b {
            n += x.end.min(y.end).saturating_sub(x.start.max(y.start));
        }
    }
    n
}

fn len(a: &[Range<usize>]) -> usize {
    a.iter().map(|r| r.len()).sum()
}

fn surname(name: &str) -> String {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .collect();
    words.last().map_or(String::new(), |w| {
        w.trim_end_matches("'s")
            .trim_end_matches("’s")
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    })
}

fn is_named(source: &str) -> bool {
    let first = source
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    !source.is_empty() && !PRONOUNS.contains(&first.as_str()) && !surname(source).is_empty()
}

fn speaker_name(s: &Suggestion) -> String {
    match &s.speaker {
        Some(SpeakerGuess::New(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn speaker_right(s: &Suggestion, source: &str) -> bool {
    let name = speaker_name(s);
    let sp = surname(&name);
    !sp.is_empty()
        && (source.to_lowercase().contains(&sp) || name.to_lowercase().contains(&surname(source)))
}

/// Why a found quote's speaker is wrong, as far as the text shows: none proposed; a word that is
/// no one's name (a day, an initial, capitals); a description where the gold names someone; a
/// wrong name from the quote's own paragraph; or a name from elsewhere (a speaker carried over
/// from an earlier paragraph, or a pronoun resolved to the wrong person).
fn speaker_class(a: &Article, span: &Range<usize>, got: &str) -> &'static str {
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

const TIME_WORDS: &[&str] = &[
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
const CUE_FILLERS: &[&str] = &[
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
fn lemma(word: &str) -> String {
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
fn cue_head(cue: &str) -> String {
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
fn indirect_reason(
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

/// Words of at least three letters with their char ranges (inner apostrophes and hyphens kept).
fn words(chars: &[char]) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_alphanumeric()
                || (matches!(chars[i], '\'' | '’' | '-')
                    && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())))
        {
            i += 1;
        }
        let w: String = chars[start..i].iter().collect::<String>().to_lowercase();
        out.push((start..i, w.replace('’', "'")));
    }
    out
}

/// Writes, per word form, how often it is part of a gold Cue (its filler words aside), how often
/// it occurs at all, and what its attributions' content does after it: the table the cue lexicon
/// learns its extra verbs from (`cues.rs`).
fn mine_cue_words(articles: &[Article], split: &Path, out: &Path) {
    #[derive(Default)]
    struct Row {
        cue: usize,
        total: usize,
        that: usize,
        to: usize,
        before: usize,
        after: usize,
    }
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    for a in articles {
        let ws = words(&a.chars);
        let mut is_cue = vec![false; ws.len()];
        for g in &a.gold {
            let content_start = g.frags.iter().map(|r| r.start).min().unwrap_or(0);
            for (k, (r, w)) in ws.iter().enumerate() {
                let inside = g
                    .cue_frags
                    .iter()
                    .any(|c| c.start <= r.start && r.end <= c.end);
                if !inside || CUE_FILLERS.contains(&w.as_str()) || is_cue[k] {
                    continue;
                }
                is_cue[k] = true;
                let row = rows.entry(w.clone()).or_default();
                row.cue += 1;
                let next = ws.get(k + 1).map_or("", |(_, n)| n.as_str());
                if content_start < r.start {
                    row.before += 1;
                } else if next == "that" {
                    row.that += 1;
                } else if next == "to" {
                    row.to += 1;
                } else {
                    row.after += 1;
                }
            }
        }
        for (_, w) in &ws {
            if let Some(row) = rows.get_mut(w) {
                row.total += 1;
            }
        }
    }
    // Words seen as cues before their first occurrence was counted: count all occurrences again.
    for row in rows.values_mut() {
        row.total = row.total.max(row.cue);
    }
    let mut list: Vec<(&String, &Row)> = rows
        .iter()
        .filter(|(w, r)| {
            r.cue >= 3
                && w.chars().count() >= 3
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
        })
        .collect();
    list.sort_by(|a, b| b.1.cue.cmp(&a.1.cue).then(a.0.cmp(b.0)));
    let mut text = format!(
        "# Cue words of PolNeAR {} (first annotator), written by\n# `cargo run --release -p whosaid-core --example polnear -- POLNEAR/{} --mine FILE`.\n# form\tas cue\toccurrences\tprecision (as cue / occurrences)\tthen \"that\"\tthen \"to\"\tcontent before\tcontent right after\n",
        split
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("split"),
        split
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("split"),
    );
    for (w, r) in list {
        text.push_str(&format!(
            "{w}\t{}\t{}\t{:.2}\t{}\t{}\t{}\t{}\n",
            r.cue,
            r.total,
            r.cue as f64 / r.total as f64,
            r.that,
            r.to,
            r.before,
            r.after
        ));
    }
    std::fs::write(out, text).unwrap_or_else(|e| fail(format!("{}: {e}", out.display())));
    eprintln!("polnear: wrote {}", out.display());
}

/// Prepositions whose object a cue word can report on ("talking about", "support for").
const CUE_PREPOSITIONS: &[&str] = &[
    "about", "on", "of", "for", "to", "over", "against", "at", "with", "from", "in",
];

/// Writes, per word and preposition ("criticism of"), how often the pair ends a gold Cue whose
/// Content starts right after it, and how often the pair occurs at all: the table the rule for
/// cues with a prepositional object learns its pairs from (`indirect/prep_object.rs`).
fn mine_prep_cues(articles: &[Article], split: &Path, out: &Path) {
    let mut rows: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for a in articles {
        let ws = words(&a.chars);
        let mut cue_at = vec![false; ws.len()];
        for g in &a.gold {
            let content_start = g.frags.iter().map(|r| r.start).min().unwrap_or(0);
            let Some(cue_end) = g.cue_frags.iter().map(|r| r.end).max() else {
                continue;
            };
            // The cue's last word is a preposition, the word before it is in the cue too, and
            // the content starts right after it.
            let Some(p) = ws.iter().rposition(|(r, _)| r.end <= cue_end) else {
                continue;
            };
            let inside = |k: usize| {
                g.cue_frags
                    .iter()
                    .any(|c| c.start <= ws[k].0.start && ws[k].0.end <= c.end)
            };
            let gap: String = a.chars[ws[p].0.end..content_start.max(ws[p].0.end)]
                .iter()
                .collect();
            if p == 0
                || ws[p].0.end != cue_end
                || !CUE_PREPOSITIONS.contains(&ws[p].1.as_str())
                || !inside(p - 1)
                || content_start < cue_end
                || gap.chars().filter(|c| c.is_alphanumeric()).count() > 0
                || gap.chars().count() > 3
                || cue_at[p]
            {
                continue;
            }
            cue_at[p] = true;
            rows.entry(format!("{} {}", ws[p - 1].1, ws[p].1))
                .or_default()
                .0 += 1;
        }
        for w in ws.windows(2) {
            let adjacent = a.chars[w[0].0.end..w[1].0.start].iter().all(|c| *c == ' ');
            if adjacent && let Some(row) = rows.get_mut(&format!("{} {}", w[0].1, w[1].1)) {
                row.1 += 1;
            }
        }
    }
    let mut list: Vec<(&String, &(usize, usize))> = rows.iter().filter(|(_, r)| r.0 >= 2).collect();
    list.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    let name = split
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("split");
    let mut text = format!(
        "# Cue words before a preposition whose object is the Content, PolNeAR {name} (first annotator), written by\n# `cargo run --release -p whosaid-core --example polnear -- POLNEAR/{name} --mine-preps FILE`.\n# word preposition\tas cue\toccurrences\tprecision\n"
    );
    for (pair, (cue, total)) in list {
        let total = (*total).max(*cue);
        text.push_str(&format!(
            "{pair}\t{cue}\t{total}\t{:.2}\n",
            *cue as f64 / total as f64
        ));
    }
    std::fs::write(out, text).unwrap_or_else(|e| fail(format!("{}: {e}", out.display())));
    eprintln!("polnear: wrote {}", out.display());
}

#[derive(Default)]
struct Counts {
    direct: usize,
    direct_found: usize,
    quotes: usize,
    quotes_right: usize,
    named_found: usize,
    named_speaker_right: usize,
    named: usize,
    named_found_right: usize,
    indirect: usize,
    indirect_found: usize,
    claims: usize,
    claims_right: usize,
}

fn ratio(a: usize, b: usize) -> String {
    if b == 0 {
        "n/a".into()
    } else {
        format!("{:.2} ({a}/{b})", a as f64 / b as f64)
    }
}

/// A piece of text around a range, on one line, for the miss listings.
fn snippet(chars: &[char], r: Range<usize>) -> String {
    let from = r.start.saturating_sub(60);
    let to = (r.end + 60).min(chars.len());
    let s: String = chars[from..r.start]
        .iter()
        .chain(['⟦'].iter())
        .chain(chars[r.clone()].iter())
        .chain(['⟧'].iter())
        .chain(chars[r.end..to].iter())
        .collect();
    s.replace('\n', " ⏎ ")
}

fn top(map: &BTreeMap<String, usize>, n: usize) -> String {
    let mut v: Vec<_> = map.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter()
        .take(n)
        .map(|(k, c)| format!("{k} {c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(split) = args.first().map(PathBuf::from) else {
        fail("usage: polnear SPLIT_DIR [--show N]".into())
    };
    let show: usize = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|p| args.get(p + 1))
        .map_or(0, |n| {
            n.parse()
                .unwrap_or_else(|_| fail(format!("--show {n}: not a number")))
        });
    let list_cues = args.iter().any(|a| a == "--cues");
    let mine_preps_to = args.iter().position(|a| a == "--mine-preps").map(|p| {
        args.get(p + 1)
            .map(PathBuf::from)
            .unwrap_or_else(|| fail("--mine-preps needs an output file".into()))
    });
    let mine_to = args.iter().position(|a| a == "--mine").map(|p| {
        args.get(p + 1)
            .map(PathBuf::from)
            .unwrap_or_else(|| fail("--mine needs an output file".into()))
    });
    let articles_of_split = brat::articles(&split);
    if articles_of_split.is_empty() {
        fail(format!(
            "{}: no .ann files",
            split.join("attributions").display()
        ));
    }
    let mut articles: Vec<Article> = articles_of_split
        .iter()
        .map(|(stem, ann)| read_article(&split, stem, ann))
        .collect();
    // Suggestions on every core, as `whosaid suggest` runs them; timed without the reading.
    let started = std::time::Instant::now();
    let found = whosaid_core::parallel::map_runs(
        &articles,
        |a| a.text.len() + 1,
        |run| {
            run.iter()
                .map(|a| suggest(&DocText::new(a.text.clone()), &[]))
                .collect::<Vec<_>>()
        },
    );
    let elapsed = started.elapsed();
    for (a, s) in articles.iter_mut().zip(found.into_iter().flatten()) {
        a.suggestions = s;
        a.candidates = training_candidates(&DocText::new(a.text.clone()))
            .into_iter()
            .map(|(fragments, _)| fragments)
            .collect();
    }

    if let Some(out) = mine_preps_to {
        mine_prep_cues(&articles, &split, &out);
        return;
    }
    if let Some(out) = mine_to {
        mine_cue_words(&articles, &split, &out);
        return;
    }
    if list_cues {
        // The reporting words of the split with their frequencies: where the cue lists come from.
        let mut cues: BTreeMap<String, usize> = BTreeMap::new();
        for a in &articles {
            for g in &a.gold {
                *cues.entry(g.cue.to_lowercase()).or_default() += 1;
            }
        }
        println!("{}", top(&cues, 200));
        return;
    }
    let mut n = Counts::default();
    let mut miss_kind: BTreeMap<String, usize> = BTreeMap::new();
    let mut speaker_miss: BTreeMap<String, usize> = BTreeMap::new();
    let mut speaker_miss_cue: BTreeMap<String, usize> = BTreeMap::new();
    let mut miss_cue_direct: BTreeMap<String, usize> = BTreeMap::new();
    let mut miss_cue_indirect: BTreeMap<String, usize> = BTreeMap::new();
    let mut miss_reason: BTreeMap<String, usize> = BTreeMap::new();
    let mut miss_reason_lemma: BTreeMap<String, usize> = BTreeMap::new();
    let mut miss_lemma: BTreeMap<String, usize> = BTreeMap::new();
    let only_lemma = args
        .iter()
        .position(|a| a == "--lemma")
        .and_then(|p| args.get(p + 1))
        .cloned();
    let mut examples: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut note = |kind: &'static str, a: &Article, r: Range<usize>, extra: String| {
        let v = examples.entry(kind).or_default();
        if v.len() < show {
            v.push(format!("{}: {} {extra}", a.name, snippet(&a.chars, r)));
        }
    };
    for a in &articles {
        let quotes: Vec<&Suggestion> = a
            .suggestions
            .iter()
            .filter(|s| s.label == Label::Quote)
            .collect();
        let claims: Vec<&Suggestion> = a
            .suggestions
            .iter()
            .filter(|s| s.label != Label::Quote)
            .collect();
        for g in &a.gold {
            // Discontinuous spans are not always listed in text order.
            let span = g.frags.iter().map(|r| r.start).min().unwrap_or(0)
                ..g.frags.iter().map(|r| r.end).max().unwrap_or(0);
            match g.class {
                Class::Direct => {
                    n.direct += 1;
                    let covered: usize =
                        quotes.iter().map(|s| overlap(&s.fragments, &g.frags)).sum();
                    let found = covered * 2 >= len(&g.frags);
                    let named = is_named(&g.source);
                    n.named += usize::from(named);
                    if found {
                        n.direct_found += 1;
                        let best = quotes
                            .iter()
                            .max_by_key(|s| overlap(&s.fragments, &g.frags))
                            .expect("found quotes overlap a suggestion");
                        if named {
                            n.named_found += 1;
                            if speaker_right(best, &g.source) {
                                n.named_speaker_right += 1;
                                n.named_found_right += 1;
                            } else {
                                let got = speaker_name(best);
                                let class = speaker_class(a, &span, &got);
                                *speaker_miss.entry(class.into()).or_default() += 1;
                                *speaker_miss_cue
                                    .entry(format!("{class}: {}", g.cue.to_lowercase()))
                                    .or_default() += 1;
                                note(
                                    "speaker wrong",
                                    a,
                                    span,
                                    format!("gold {:?} got {:?}", g.source, speaker_name(best)),
                                );
                            }
                        }
                    } else {
                        let body: String = a.chars[span.start.saturating_sub(2)..span.end]
                            .iter()
                            .collect();
                        let kind = if body.contains("''") {
                            "doubled apostrophes"
                        } else if covered > 0 {
                            "partly covered"
                        } else if g.cue.is_empty() {
                            "no cue in gold"
                        } else {
                            "not proposed"
                        };
                        *miss_kind.entry(kind.into()).or_default() += 1;
                        *miss_cue_direct.entry(g.cue.to_lowercase()).or_default() += 1;
                        note(
                            "direct missed",
                            a,
                            span,
                            format!("cue {:?} source {:?}", g.cue, g.source),
                        );
                    }
                }
                Class::Indirect => {
                    n.indirect += 1;
                    let found = claims
                        .iter()
                        .any(|s| overlap(&s.fragments, &g.frags) * 10 >= len(&g.frags) * 3);
                    if found {
                        n.indirect_found += 1;
                    } else {
                        *miss_cue_indirect.entry(g.cue.to_lowercase()).or_default() += 1;
                        let reason = indirect_reason(a, g, &claims, &quotes);
                        let head = cue_head(&g.cue);
                        *miss_reason.entry(reason.into()).or_default() += 1;
                        *miss_lemma.entry(head.clone()).or_default() += 1;
                        *miss_reason_lemma
                            .entry(format!("{reason}: {head}"))
                            .or_default() += 1;
                        if only_lemma.as_ref().is_none_or(|l| *l == head) {
                            note(reason, a, span, format!("cue {:?}", g.cue));
                        }
                    }
                }
                Class::Mixed => {}
            }
        }
        let in_gold = |s: &Suggestion, tenths: usize| {
            let total = len(&s.fragments);
            a.gold
                .iter()
                .any(|g| overlap(&s.fragments, &g.frags) * 10 >= total * tenths)
        };
        for s in &quotes {
            n.quotes += 1;
            if in_gold(s, 5) {
                n.quotes_right += 1;
            } else {
                note(
                    "quote wrong",
                    a,
                    s.start()..s.end(),
                    format!("speaker {:?}", speaker_name(s)),
                );
            }
        }
        for s in &claims {
            n.claims += 1;
            if in_gold(s, 3) {
                n.claims_right += 1;
            } else {
                note(
                    "claim wrong",
                    a,
                    s.start()..s.end(),
                    format!("{:?} speaker {:?}", s.label, speaker_name(s)),
                );
            }
        }
    }

    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    println!(
        "articles: {} ({}, {:.1} MB, suggestions in {:.3} s on {} cores)",
        articles.len(),
        split.display(),
        bytes as f64 / 1e6,
        elapsed.as_secs_f64(),
        whosaid_core::parallel::workers()
    );
    println!("| measure | whosaid |");
    println!("|---|---|");
    println!(
        "| direct quotes recall | {} |",
        ratio(n.direct_found, n.direct)
    );
    println!(
        "| direct quotes precision, strict | {} |",
        ratio(n.quotes_right, n.quotes)
    );
    println!(
        "| speaker right on matched named-source quotes | {} |",
        ratio(n.named_speaker_right, n.named_found)
    );
    println!(
        "| quote found and speaker right (named) | {} |",
        ratio(n.named_found_right, n.named)
    );
    println!(
        "| indirect attributions recall | {} |",
        ratio(n.indirect_found, n.indirect)
    );
    println!(
        "| indirect precision (claims + demands) | {} |",
        ratio(n.claims_right, n.claims)
    );
    println!();
    println!("direct quotes missed by kind: {}", top(&miss_kind, 10));
    println!(
        "speakers wrong on named-source quotes, by class: {}",
        top(&speaker_miss, 10)
    );
    println!(
        "speakers wrong, class and gold cue: {}",
        top(&speaker_miss_cue, 25)
    );
    println!(
        "direct quotes missed, gold cue: {}",
        top(&miss_cue_direct, 25)
    );
    println!("indirect missed, gold cue: {}", top(&miss_cue_indirect, 40));
    println!("indirect missed, by reason: {}", top(&miss_reason, 12));
    println!("indirect missed, by cue lemma: {}", top(&miss_lemma, 40));
    println!(
        "indirect missed, reason and cue lemma: {}",
        top(&miss_reason_lemma, 60)
    );
    for (kind, list) in examples.iter().filter(|(_, l)| !l.is_empty()) {
        println!("\n## {kind}");
        for e in list {
            println!("- {e}");
        }
    }
}
