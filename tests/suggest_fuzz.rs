//! The suggestion engine on any text it may be given: every sample article cut at each of its
//! word boundaries (its end, and its start), and random texts made of news words, reporting
//! verbs, names, pronouns, quotation marks of every style, dashes, line breaks, emoji and
//! combining marks. Nothing may panic, and every suggestion must point at text that is there.
//!
//! Sizes: by default the end cuts are taken at every word end (with the following space kept at
//! every fourth), the start cuts at every third word start, and 300 random texts are tried
//! (about 10 s in a debug build). `WHOSAID_FUZZ_FULL=1` takes every variant at every boundary;
//! `PROPTEST_CASES=N` (or `WHOSAID_FUZZ_SCALE=K`, K times the default) sets the number of random
//! texts. Failures are not persisted to files; rerun one with the printed `PROPTEST_RNG_SEED`.

use proptest::prelude::*;
use proptest::test_runner::Config;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::process::Command;
use std::sync::LazyLock;
use whosaid::project::{Speaker, load_project};
use whosaid::suggest::suggest;
use whosaid::text::DocText;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// The registry of the sample project: suggestions resolve speakers against it, as in the app.
fn sample_speakers() -> &'static [Speaker] {
    static SPEAKERS: LazyLock<Vec<Speaker>> = LazyLock::new(|| {
        load_project(&Path::new(REPO).join("projects/ukraine-nato.ron"))
            .expect("the sample project loads")
            .speakers
    });
    &SPEAKERS
}

/// The sample articles, by file name; fails loudly when there are none to cut.
fn sample_articles() -> Vec<(String, String)> {
    let dir = Path::new(REPO).join("assets/corpus");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), text)
        })
        .collect();
    out.sort();
    assert!(
        out.len() >= 5,
        "expected the five sample articles in {}",
        dir.display()
    );
    out
}

/// Runs the engine on `text`: what went wrong, if anything (a panic included).
fn check(text: &str, speakers: &[Speaker]) -> Result<usize, String> {
    let doc = DocText::new(text.to_string());
    let suggestions = std::panic::catch_unwind(AssertUnwindSafe(|| suggest(&doc, speakers)))
        .map_err(|e| format!("panicked: {}", panic_message(&e)))?;
    let chars: Vec<char> = text.chars().collect();
    // The text at code points `r`, counted independently of the engine's offset tables.
    let at = |r: &std::ops::Range<usize>| -> String { chars[r.clone()].iter().collect() };
    let in_range = |r: &std::ops::Range<usize>| r.start < r.end && r.end <= chars.len();
    for s in &suggestions {
        if s.fragments.is_empty() {
            return Err(format!("a {:?} suggestion without fragments", s.label));
        }
        for f in &s.fragments {
            if !in_range(f) {
                return Err(format!(
                    "fragment {f:?} of a {:?} is outside the text ({} code points)",
                    s.label,
                    chars.len()
                ));
            }
            let shown = doc.slice(f.clone());
            let expected = at(f);
            if shown != Some(expected.as_str()) {
                return Err(format!(
                    "fragment {f:?} reads {shown:?}, the text there is {expected:?}"
                ));
            }
            if expected.starts_with(char::is_whitespace) || expected.ends_with(char::is_whitespace)
            {
                return Err(format!("fragment {f:?} is not trimmed: {expected:?}"));
            }
        }
        if s.fragments.windows(2).any(|w| w[0].end > w[1].start) {
            return Err(format!(
                "fragments not sorted or overlapping: {:?}",
                s.fragments
            ));
        }
        if let Some(cue) = &s.cue
            && (!in_range(cue) || doc.slice(cue.clone()) != Some(at(cue).as_str()))
        {
            return Err(format!("cue {cue:?} is not text of the document"));
        }
        if !(0.0..=1.0).contains(&s.confidence) {
            return Err(format!("confidence {} out of 0..=1", s.confidence));
        }
    }
    if suggestions.windows(2).any(|w| w[0].start() > w[1].start()) {
        return Err("suggestions not sorted by start".into());
    }
    Ok(suggestions.len())
}

fn panic_message(e: &Box<dyn std::any::Any + Send>) -> String {
    e.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| e.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}

/// Byte offsets where a word ends (for end cuts) or starts (for start cuts).
fn word_ends(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev_space = true;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if space && !prev_space {
            out.push(i);
        }
        prev_space = space;
    }
    if !prev_space {
        out.push(text.len());
    }
    out
}

fn word_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev_space = true;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if !space && prev_space {
            out.push(i);
        }
        prev_space = space;
    }
    out
}

fn full() -> bool {
    std::env::var("WHOSAID_FUZZ_FULL").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// The end cuts keep the character after the word (a space or line break) at every
/// `SPACE_STRIDE`-th word unless `WHOSAID_FUZZ_FULL` is set.
const SPACE_STRIDE: usize = 4;

/// Every article cut after each of its words (the end of a text is where look-aheads run out),
/// and after some words with the space or line break that followed them.
#[test]
fn every_article_cut_at_every_word_end_gets_valid_suggestions() {
    let speakers = sample_speakers();
    let started = std::time::Instant::now();
    let (mut cuts, mut found) = (0, 0);
    let mut failures = Vec::new();
    for (name, text) in sample_articles() {
        for (n, end) in word_ends(&text).into_iter().enumerate() {
            let with_space = end + text[end..].chars().next().map_or(0, char::len_utf8);
            let mut variants = vec![&text[..end]];
            if (full() || n % SPACE_STRIDE == 0) && with_space > end {
                variants.push(&text[..with_space]);
            }
            for cut in variants {
                cuts += 1;
                match check(cut, speakers) {
                    Ok(n) => found += n,
                    Err(e) => failures.push(format!("{name} cut at byte {end}: {e}")),
                }
            }
        }
    }
    eprintln!(
        "{cuts} end cuts, {found} suggestions, {} failures, {:.1?}",
        failures.len(),
        started.elapsed()
    );
    assert!(cuts > 2_500, "only {cuts} cuts: are the articles there?");
    assert!(
        failures.is_empty(),
        "{} of {cuts} cuts failed, e.g.:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
}

/// Every article with its start cut away at word starts (every third one unless
/// `WHOSAID_FUZZ_FULL` is set): texts that open mid-sentence or mid-quotation.
#[test]
fn every_article_cut_at_its_start_gets_valid_suggestions() {
    let speakers = sample_speakers();
    let stride = if full() { 1 } else { 3 };
    let started = std::time::Instant::now();
    let mut cuts = 0;
    let mut failures = Vec::new();
    for (name, text) in sample_articles() {
        for start in word_starts(&text).into_iter().step_by(stride) {
            cuts += 1;
            if let Err(e) = check(&text[start..], speakers) {
                failures.push(format!("{name} from byte {start}: {e}"));
            }
        }
    }
    eprintln!(
        "{cuts} start cuts (stride {stride}), {} failures, {:.1?}",
        failures.len(),
        started.elapsed()
    );
    assert!(cuts > 900, "only {cuts} cuts: are the articles there?");
    assert!(
        failures.is_empty(),
        "{} of {cuts} cuts failed, e.g.:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
}

/// The reproduction of the crash report: an article that ends with a subject and its verb.
#[test]
fn an_article_ending_with_a_subject_and_a_reporting_verb() {
    let speakers = sample_speakers();
    for text in [
        "Title\n\nOfficials said",
        "Officials said",
        "said",
        "Mr Logan told",
        "NATO urged",
        "He called",
        "Russia’s demand",
        "According to",
        "Experts raised questions",
        "The minister described",
        "They offered",
        "“We stay,” he said",
        "Kyiv demanded",
        // Issue 13's crash reports, and NYT's doubled apostrophes cut short.
        "After Smith said it, he left.",
        "In the debate, Smith gave Clinton said",
        "Smith gave Clinton said",
        "''We stay,'' said",
        "''",
        "'''",
        "Cruz continued:\n\n“We will fight on and on",
        "“We will fight on and on,” Cruz",
        // Speaker shapes learnt from PolNeAR's train split, cut where a look-ahead runs out.
        "“We stay,” Jeff Weaver, Sanders’ campaign manager,",
        "“We stay,” Jeff Weaver, Sanders’",
        "“We stay,” Jeff Weaver,",
        "“We stay for good,”\n\n-",
        "“We stay for good,”\n\n- ",
        "“We stay for good,” ―",
        "“We stay for good,” --",
        "''We are told, 'it is special,'''",
        "''We are told, 'it is special,''' Mr.",
        "As Professor Foner put it:",
        "As Professor Foner put it: ''",
        "Lessons - Carl Bialik:",
        "- Carl Bialik: “",
        "“We stay,” said one New Hampshire",
        "“We stay,” said former Sen.",
        "“We stay,” said the younger",
        "“We stay,” Clinton said sarcastically",
        "Ann Lee asked reporters whether",
        "Ann Lee asked whether",
        "Ann Lee sees the vote as",
        "Tom Hart backed",
        // Shapes of issue 13's indirect work, cut where their look-aheads run out.
        "Trump Says",
        "Trump Says He",
        "Trump:",
        "Trump: Cruz",
        "Asked about",
        "Asked about the vote,",
        "Asked whether he would run, Tom",
        "Ann Lee took to Twitter to say",
        "Ann Lee took to Twitter to",
        "Tom Hart says, however,",
        "Tom Hart says, however, that",
        "Newspapers in the state, including the Press, said",
        "“We stay,” said he",
        "Police received calls saying",
        "Rubio flipped – saying",
        "About 6 in 10 white men supported",
        "Ann Lee wants voters to",
        "He railed against",
        // Cues with a preposition's object, lead-ins, evidentials and passives, cut short.
        "Ann Lee talked about",
        "Ann Lee talked",
        "Tom Hart’s criticism of",
        "Tom Hart’s criticism",
        "his criticism of",
        "In a new poll,",
        "In a new poll",
        "To Ms. Gil,",
        "For most Democrats,",
        "The Trump team appeared",
        "The team seemed",
        "Ann Lee was endorsed by",
        "Ann Lee was endorsed by the",
        "It was endorsed",
        "Hamdy was in Cairo, her friend said",
        "Hamdy was in Cairo, the Guardian",
        "and said",
        "Ann Lee said when asked",
        "Ann Lee said when asked whether",
        "It is plain: According to",
        "(According to the police,",
        "According to Lazar’s plea",
        "As The Washington Post reported,",
        "As The Washington Post",
        "The program supports",
        "The team appeared paralyzed, the Guardian reported",
        "The team appeared paralyzed, the Guardian",
        "The missive suggests",
        "The missive suggested that",
    ] {
        check(text, speakers).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    }
}

/// The crash report as a user met it: `whosaid suggest` on a folder whose article ends with
/// "Officials said" finishes normally and reports on every article.
#[test]
fn suggest_command_on_an_article_ending_in_a_reporting_verb_exits_normally() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("x");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), "Title\n\nOfficials said").unwrap();
    // A real article cut after a reporting verb, to show the others still get suggestions.
    let (_, article) = &sample_articles()[2];
    let cut = article
        .find("Mr Logan said")
        .expect("the sample names Mr Logan")
        + 13;
    std::fs::write(corpus.join("b.txt"), &article[..cut]).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .arg("suggest")
        .arg(&corpus)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {stderr}", out.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let docs: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        docs.iter().any(|r| r["doc"] == "b.txt"),
        "the cut article gets suggestions: {stdout}"
    );
}

// ---------------------------------------------------------------------------------------------
// Random texts

const VOCABULARY: &[&str] = &[
    // News words and function words.
    "the",
    "missive",
    "suggests",
    "hinted",
    "a",
    "talks",
    "deal",
    "security",
    "guarantees",
    "peace",
    "war",
    "offer",
    "on",
    "Monday",
    "in",
    "of",
    "to",
    "that",
    "and",
    "but",
    "for",
    "from",
    "with",
    "as",
    "is",
    "was",
    "has",
    "have",
    "will",
    "must",
    "should",
    "not",
    "also",
    "this",
    "it",
    "its",
    "their",
    "experts",
    "officials",
    "analysts",
    "government",
    "alliance",
    "membership",
    "2025",
    "14",
    "U.S.",
    "Mr.",
    "Dr",
    "Prof",
    "Ukraine’s",
    "experts’",
    "Russia's",
    "non-issue",
    "so-called",
    // Reporting words.
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "added",
    "argued",
    "warned",
    "urged",
    "called",
    "demanded",
    "according",
    "described",
    "offered",
    "seeking",
    "sought",
    "raised",
    "questions",
    "about",
    "reaffirmed",
    "signaling",
    "expects",
    "appealed",
    "pressed",
    "asked",
    "argument",
    "demand",
    "calls",
    "remarks",
    "statement",
    "whether",
    "backed",
    "sees",
    "put",
    "continues",
    "sarcastically",
    "Says",
    "Asked",
    "however",
    "Twitter",
    "supported",
    "wants",
    "railed",
    "touted",
    "Sunday",
    "former",
    "younger",
    "one",
    "Sen.",
    "Democrat",
    "adviser",
    "campaign",
    "manager",
    "talked",
    "criticism",
    "poll",
    "In",
    "To",
    "For",
    "appeared",
    "seemed",
    "endorsed",
    "by",
    "reported",
    "As",
    "friend",
    "program",
    "supports",
    // Names and pronouns.
    "Logan",
    "Justin",
    "Zelenskiy",
    "Volodymyr",
    "NATO",
    "Kyiv",
    "Moscow",
    "Merz",
    "von",
    "der",
    "Leyen",
    "Élysée",
    "Zoë",
    "Grushko",
    "Putin",
    "Trump",
    "he",
    "she",
    "they",
    "He",
    "She",
    "They",
    "It",
    "We",
    "I",
    // Punctuation and quotation marks of every style.
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "…",
    "(",
    ")",
    "“",
    "”",
    "\"",
    "'",
    "''",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "‹",
    "›",
    "—",
    "–",
    "-",
    "‐",
    "―",
    "--",
    "'''",
    // Line breaks, emoji and combining marks.
    "\n",
    "\n\n",
    "\r\n",
    "🇺🇦",
    "👍🏽",
    "e\u{301}",
    "\u{301}",
    "\u{200d}",
    "\u{feff}",
    "\t",
];

/// What goes between two vocabulary entries: mostly a space, sometimes nothing (marks glued to
/// words, which decides whether they open or close a quotation) or a line break.
const GLUE: &[&str] = &[" ", " ", " ", "", "", "\n", "  "];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (prop::sample::select(VOCABULARY), prop::sample::select(GLUE)),
        0..80,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(word, glue)| [word, glue])
            .collect()
    })
}

/// Random-text cases: `PROPTEST_CASES` when set, else 300 times `WHOSAID_FUZZ_SCALE` (1).
fn config() -> Config {
    let cases = match std::env::var("PROPTEST_CASES") {
        Ok(_) => Config::default().cases,
        Err(_) => {
            let scale = std::env::var("WHOSAID_FUZZ_SCALE")
                .ok()
                .and_then(|s| s.parse::<u32>().ok())
                .unwrap_or(1)
                .max(1);
            300 * scale
        }
    };
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Random news-like texts: no panic, every suggestion on text that is there.
    #[test]
    fn random_news_texts_get_valid_suggestions(text in text_strategy()) {
        let speakers = sample_speakers();
        if let Err(e) = check(&text, speakers) {
            return Err(TestCaseError::fail(format!("{text:?}: {e}")));
        }
    }

    /// The same texts cut after each of their words.
    #[test]
    fn random_texts_cut_at_every_word_end(text in text_strategy()) {
        let speakers = sample_speakers();
        for end in word_ends(&text) {
            if let Err(e) = check(&text[..end], speakers) {
                return Err(TestCaseError::fail(format!("{:?}: {e}", &text[..end])));
            }
        }
    }
}
