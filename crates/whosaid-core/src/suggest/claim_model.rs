//! Whether a reported-speech attribution the rules found is worth proposing: a logistic
//! regression over the words around its cue and the rule that read it, trained on PolNeAR train.
//!
//! The rules read every verb that can report speech; many uses are no report ("support the
//! program", "called into a radio show"). The model weighs the cue word, its neighbours, where
//! the content starts and ends, the speaker found and the rule's confidence (which names the
//! rule). Weights: `data/claim_model.tsv`, written by `cargo run --release -p whosaid-core
//! --example polnear_train -- POLNEAR/train FILE`, which reads [`training_candidates`].

use super::doc::Doc;
use super::fast_hash::{Key, KeyMap, exact_key};
use super::indirect::{self, Attribution};
use super::mentions::{self, Resolver};
use super::offsets::CodePoints;
use super::registry::Registry;
use super::tokens::lower;
use crate::project::Label;
use crate::text::DocText;
use std::fmt::Write;
use std::ops::Range;
use std::sync::LazyLock;

const WEIGHTS: &str = include_str!("data/claim_model.tsv");

/// Attributions the model scores below this are not proposed.
/// Chosen on train's held-out tenth (`polnear_train` prints it), together with the trainer's L2
/// and feature cut: precision 0.854 there, 1,013 of 1,960 gold contents found (0.5 with the
/// previous looser fit: 0.833 and 1,001).
pub const THRESHOLD: f32 = 0.55;

/// The model's features, in the order [`for_each_value`] gives their values: a feature is
/// written "name=value" in the weights file.
const TEMPLATES: [&str; 28] = [
    "w",
    "prev",
    "prev2",
    "next",
    "first",
    "after",
    "len",
    "before",
    "speaker",
    "label",
    "conf",
    "cap",
    "quoted",
    "w+next",
    "w+prev",
    "w+speaker",
    "w+before",
    "w+first",
    "conf+speaker",
    "conf+len",
    "speaker+len",
    "gap",
    "pieces",
    "w+gap",
    "first+after",
    "prev+next",
    "subj",
    "w+subj",
];

/// The weights: the bias, then a weight per feature, by its template (the key's high half) and
/// the [`value_id`] of its value (the low half). Scoring runs on every candidate of every
/// document: it looks up the tokens' keys the document has made already, where building the
/// value's text first cost more than the model's lookups.
struct Model {
    bias: f32,
    weights: KeyMap<f32>,
}

static MODEL: LazyLock<Model> = LazyLock::new(|| {
    let mut bias = 0.0;
    let mut weights = Vec::new();
    for line in WEIGHTS.lines().filter(|l| !l.starts_with('#')) {
        let Some((feature, w)) = line.rsplit_once('\t') else {
            continue;
        };
        let Ok(w) = w.parse() else {
            continue;
        };
        if feature == "bias" {
            bias = w;
        } else if let Some((name, value)) = feature.split_once('=')
            && let Some(t) = TEMPLATES.iter().position(|&n| n == name)
        {
            // A value of two parts is written with a space between them; no part holds one.
            let parts = name.split('+').count();
            let id = value_id(value.splitn(parts, ' ').map(text_id));
            weights.push((feature_key(t, id), w));
        }
    }
    Model {
        bias,
        weights: KeyMap::new(weights),
    }
});

/// The probability that an attribution is one a trained annotator would mark.
pub(super) fn score(doc: &Doc, a: &Attribution) -> f32 {
    let model = &*MODEL;
    // Each part's id once: the cue word alone is part of eight features.
    let ids = parts_of(doc, a).map(|part| part_id(doc, part));
    let mut sum = model.bias;
    for (t, parts) in FEATURES.iter().enumerate() {
        let id = value_id(parts.iter().map(|&p| ids[usize::from(p)]));
        sum += model.weights.get(feature_key(t, id)).unwrap_or(0.0);
    }
    1.0 / (1.0 + (-sum).exp())
}

/// The key of a feature in [`Model::weights`]: its template above its value's id. The high
/// half is never 0, and the low half is a hash; a weight whose low half were 0 would be lost,
/// which `the_weights_file_is_read_whole` would show.
fn feature_key(t: usize, id: u64) -> Key {
    (t as Key + 1) << 64 | Key::from(id)
}

/// MurmurHash3's 64-bit finaliser: every bit of the input moves about half of the output's.
#[inline]
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ h >> 33
}

/// The id of a value from its parts' ids: a part's own for a value of one part, else folded
/// with [`combine`]. The weights and the scorer make it alike.
#[inline]
fn value_id(mut parts: impl Iterator<Item = u64>) -> u64 {
    let first = parts.next().unwrap_or(0);
    parts.fold(first, combine)
}

/// The id of a value of parts so far (`id`) with the next part's.
#[inline]
fn combine(id: u64, part: u64) -> u64 {
    mix(id.rotate_left(29) ^ part ^ 0x9e37_79b9_7f4a_7c15)
}

/// The id of a value's part from its text: the part's [`Key`] where it has one, so that a
/// word's id comes from the key the document made for it ([`key_id`]); otherwise a hash of
/// its bytes. A function of the text alone: equal texts, equal ids.
fn text_id(text: &str) -> u64 {
    match exact_key(text) {
        0 => {
            let mut h = 0x243f_6a88_85a3_08d3_u64;
            for b in text.bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
            }
            mix(h ^ text.len() as u64)
        }
        k => key_id(k),
    }
}

/// The id of a part whose text has key `k` (not 0).
#[inline]
fn key_id(k: Key) -> u64 {
    mix(k as u64 ^ mix((k >> 64) as u64 ^ 0x6a09_e667_f3bc_c908))
}

/// The id of a part as [`text_id`] gives it for the part's text ([`render`]), without the text
/// where the document has the token's key.
fn part_id(doc: &Doc, part: Part) -> u64 {
    match part {
        Part::Token(Some(i)) if doc.is_word(i) => match doc.key(i) {
            0 => {
                let mut text = String::new();
                render(doc, part, &mut text);
                text_id(&text)
            }
            // The key of a word is its lower-case text packed: what `lower` gives.
            k => key_id(k),
        },
        Part::Fixed(k) => FIXED_IDS[usize::from(k)],
        Part::Number(n) => match NUMBER_IDS.get(n as usize) {
            Some(&id) => id,
            None => text_id(&n.to_string()),
        },
        Part::Token(i) => {
            let mark = i.map_or('^', |i| doc.punct(i).unwrap_or('$'));
            match MARK_IDS.get(mark as usize) {
                Some(&id) => id,
                None => text_id(mark.encode_utf8(&mut [0; 4])),
            }
        }
    }
}

/// The ids of the numbers a confidence in percent or a count of pieces mostly is.
static NUMBER_IDS: LazyLock<Vec<u64>> =
    LazyLock::new(|| (0..=200u32).map(|n| text_id(&n.to_string())).collect());

/// One part of a feature's value: a token (none before the text), one of the [`FIXED`] texts
/// or a number.
#[derive(Clone, Copy)]
enum Part {
    Token(Option<usize>),
    Fixed(u8),
    Number(u32),
}

/// The fixed texts a part can be: buckets, flags, kinds of speaker, labels, subject shapes.
/// Their ids are made once ([`FIXED_IDS`]), not per candidate.
const FIXED: [&str; 19] = [
    "0", "1", "2", "3-5", "6-10", "11-20", "21+", "true", "false", "none", "person", "other",
    "Claim", "Quote", "Demand", "pron", "cap", "plural", "sing",
];

/// The place of `text` in [`FIXED`]; a text not there fails to compile.
const fn fixed_index(text: &str) -> u8 {
    let mut k = 0;
    while k < FIXED.len() {
        let (a, b) = (FIXED[k].as_bytes(), text.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return k as u8;
            }
        }
        k += 1;
    }
    panic!("not a fixed text of the claim model")
}

/// The [`Part`] of a fixed text, settled at compile time.
macro_rules! fixed {
    ($text:literal) => {
        const { Part::Fixed(fixed_index($text)) }
    };
}

/// The [`text_id`] of each [`FIXED`] text.
static FIXED_IDS: LazyLock<[u64; FIXED.len()]> = LazyLock::new(|| FIXED.map(text_id));

/// The [`text_id`] of each ASCII mark, and of "^" and "$" past the text.
static MARK_IDS: LazyLock<[u64; 128]> = LazyLock::new(|| {
    std::array::from_fn(|c| text_id(char::from(c as u8).encode_utf8(&mut [0; 4])))
});

/// Appends a part as the weights file writes it: a word in lower case, a mark as itself,
/// "^"/"$" past the text; a number in decimal.
fn render(doc: &Doc, part: Part, out: &mut String) {
    match part {
        Part::Token(i) => push_token(doc, i, out),
        Part::Fixed(k) => out.push_str(FIXED[usize::from(k)]),
        Part::Number(n) => {
            let _ = write!(out, "{n}");
        }
    }
}

/// Appends a token as a feature value to `out`: a word in lower case, a mark as itself, or
/// "^"/"$" past the text.
fn push_token(doc: &Doc, i: Option<usize>, out: &mut String) {
    let Some(i) = i else {
        out.push('^');
        return;
    };
    if doc.token(i).is_none() {
        out.push('$');
        return;
    }
    if !doc.is_word(i) {
        match doc.punct(i) {
            Some(c) => out.push(c),
            None => out.push('$'),
        }
        return;
    }
    let mut buf = [0; 24];
    match lower(doc.word(i), &mut buf) {
        Some(w) => out.push_str(w),
        None => out.push_str(&doc.word(i).to_lowercase()),
    }
}

fn bucket(n: usize) -> Part {
    match n {
        0 => fixed!("0"),
        1 => fixed!("1"),
        2 => fixed!("2"),
        3..=5 => fixed!("3-5"),
        6..=10 => fixed!("6-10"),
        11..=20 => fixed!("11-20"),
        _ => fixed!("21+"),
    }
}

fn flag(b: bool) -> Part {
    if b { fixed!("true") } else { fixed!("false") }
}

/// The shape of the word before the cue and its auxiliaries, where a verb's subject ends: a
/// capitalised word, a pronoun, a plural or singular noun, or none (punctuation, the sentence's
/// start). "The program supports …" is no report where "voters support …" is one.
fn subject_shape(doc: &Doc, cue: usize) -> Part {
    let j = mentions::skip_auxiliaries(doc, cue.saturating_sub(4), cue);
    if j == 0 || !doc.is_word(j - 1) {
        return fixed!("none");
    }
    let t = j - 1;
    let mut buf = [0; 24];
    let word = lower(doc.word(t), &mut buf).unwrap_or("");
    if matches!(word, "he" | "she" | "they" | "i" | "we" | "you" | "it") {
        fixed!("pron")
    } else if doc.is_cap(t) {
        fixed!("cap")
    } else if word.ends_with('s') && !word.ends_with("ss") {
        fixed!("plural")
    } else {
        fixed!("sing")
    }
}

/// Calls `f` with each feature of an attribution, as "name=value" text (a value of two parts
/// with a space between them).
fn for_each_feature(doc: &Doc, a: &Attribution, mut f: impl FnMut(&str)) {
    let parts = parts_of(doc, a);
    let mut feature = String::with_capacity(64);
    for (t, indices) in FEATURES.iter().enumerate() {
        feature.clear();
        feature.push_str(TEMPLATES[t]);
        feature.push('=');
        for (k, &p) in indices.iter().enumerate() {
            if k > 0 {
                feature.push(' ');
            }
            render(doc, parts[p as usize], &mut feature);
        }
        f(&feature);
    }
}

/// The parts features are made of, by their place in [`parts_of`]'s answer.
mod part {
    pub const WORD: u8 = 0;
    pub const PREV: u8 = 1;
    pub const PREV2: u8 = 2;
    pub const NEXT: u8 = 3;
    pub const FIRST: u8 = 4;
    pub const AFTER: u8 = 5;
    pub const LEN: u8 = 6;
    pub const BEFORE: u8 = 7;
    pub const SPEAKER: u8 = 8;
    pub const LABEL: u8 = 9;
    pub const CONFIDENCE: u8 = 10;
    pub const CAP: u8 = 11;
    pub const QUOTED: u8 = 12;
    pub const GAP: u8 = 13;
    pub const PIECES: u8 = 14;
    pub const SUBJ: u8 = 15;
}

/// Per feature of [`TEMPLATES`], the parts of its value.
const FEATURES: [&[u8]; 28] = {
    use part::*;
    [
        &[WORD],
        &[PREV],
        &[PREV2],
        &[NEXT],
        &[FIRST],
        &[AFTER],
        &[LEN],
        &[BEFORE],
        &[SPEAKER],
        &[LABEL],
        &[CONFIDENCE],
        &[CAP],
        &[QUOTED],
        &[WORD, NEXT],
        &[WORD, PREV],
        &[WORD, SPEAKER],
        &[WORD, BEFORE],
        &[WORD, FIRST],
        &[CONFIDENCE, SPEAKER],
        &[CONFIDENCE, LEN],
        &[SPEAKER, LEN],
        &[GAP],
        &[PIECES],
        &[WORD, GAP],
        &[FIRST, AFTER],
        &[PREV, NEXT],
        &[SUBJ],
        &[WORD, SUBJ],
    ]
};

/// The parts of an attribution's feature values, in the order of [`part`].
fn parts_of(doc: &Doc, a: &Attribution) -> [Part; 16] {
    let cue = a.cue.start;
    let start = a.content.first().map_or(0, |r| r.start);
    let end = a.content.last().map_or(0, |r| r.end);
    let len: usize = a.content.iter().map(Range::len).sum();
    let before = start < cue;
    let speaker = match &a.speaker {
        None => fixed!("none"),
        Some(w) if w.person => fixed!("person"),
        Some(_) => fixed!("other"),
    };
    let label = match a.label {
        Label::Claim => fixed!("Claim"),
        Label::Quote => fixed!("Quote"),
        Label::Demand => fixed!("Demand"),
    };
    let quoted = a
        .content
        .iter()
        .any(|r| r.clone().any(|k| doc.quote_at(k).is_some()));
    // Tokens between the cue and where the content starts (or ends, when it comes first).
    let gap = if before {
        cue.saturating_sub(end)
    } else {
        start.saturating_sub(a.cue.end)
    };
    [
        Part::Token(Some(cue)),
        Part::Token(cue.checked_sub(1)),
        Part::Token(cue.checked_sub(2)),
        Part::Token(Some(a.cue.end)),
        Part::Token(Some(start)),
        Part::Token(Some(end)),
        bucket(len),
        flag(before),
        speaker,
        label,
        Part::Number((a.confidence * 100.0).round() as u32),
        flag(doc.is_cap(cue)),
        flag(quoted),
        bucket(gap),
        Part::Number(a.content.len() as u32),
        subject_shape(doc, cue),
    ]
}

/// Every claim and demand the rules find in a text, before the model judges them: code-point
/// fragments with the features the model weighs. For training the model.
pub fn training_candidates(text: &DocText) -> Vec<(Vec<Range<usize>>, Vec<String>)> {
    let registry = Registry::cached(&[]);
    let doc = Doc::new(text.as_str());
    let mut resolver = Resolver::new(&registry, &doc);
    let code_points = CodePoints::new(doc.text);
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        for a in indirect::attributions(&doc, sentence, &mut resolver) {
            if indirect::only_quotes(&doc, &a) {
                continue;
            }
            let fragments = a
                .content
                .iter()
                .map(|r| {
                    let b = doc.bytes(r.clone());
                    code_points.of(b.start)..code_points.of(b.end)
                })
                .collect();
            let mut features = Vec::new();
            for_each_feature(&doc, &a, |f| features.push(f.to_string()));
            out.push((fragments, features));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::indirect::testing::offered;
    use super::super::registry::Registry;
    use super::*;

    /// Each attribution the rules find, with its content and the model's score.
    fn scored(text: &str) -> Vec<(String, f32)> {
        let registry = Registry::new(&[]);
        let doc = Doc::new(text);
        let mut resolver = Resolver::new(&registry, &doc);
        let mut out = Vec::new();
        for sentence in &doc.sentences {
            for a in indirect::attributions(&doc, sentence, &mut resolver) {
                let content: Vec<&str> = a.content.iter().map(|r| doc.text_of(r.clone())).collect();
                out.push((content.join(" … "), score(&doc, &a)));
            }
        }
        out
    }

    #[test]
    fn the_model_drops_uses_of_cue_words_that_report_nothing() {
        // The rules read each as reported speech; the model knows better.
        for text in [
            "Breaking: Storm Hits The Coast Tonight.",
            "Trump spoke on Monday in Iowa.",
        ] {
            let rules = scored(text);
            assert_eq!(rules.len(), 1, "{text}: {rules:?}");
            assert!(rules[0].1 < THRESHOLD, "{text}: {rules:?}");
            assert_eq!(offered(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn a_plain_report_is_kept_whatever_rare_word_it_holds() {
        // Weights learnt from a word met once in training ("trucks") once vetoed this claim.
        assert_eq!(
            offered("Aid agencies said trucks were waiting at the border."),
            ["trucks were waiting at the border"]
        );
    }

    #[test]
    fn training_features_are_named_as_the_weights_file_names_them() {
        let text = DocText::new("Aid agencies said trucks were waiting at the border.".into());
        let candidates = training_candidates(&text);
        assert_eq!(candidates.len(), 1, "{candidates:?}");
        let features = &candidates[0].1;
        assert_eq!(features.len(), TEMPLATES.len());
        assert_eq!(features[0], "w=said");
        assert_eq!(features[9], "label=Claim");
        assert_eq!(features[13], "w+next=said trucks");
        assert_eq!(features[25], "prev+next=agencies trucks");
        // Each is a feature the weights file knows, or one it has no weight for.
        assert!(WEIGHTS.lines().any(|l| l.starts_with("w=said\t")));
    }

    #[test]
    fn the_weights_file_is_read_whole() {
        // Every line but the comments is a feature and its weight; every feature is one the
        // scorer asks for, and has a key of its own, so none is dropped or mixed up when read.
        let mut keys = std::collections::HashSet::new();
        let mut read = 0;
        for line in WEIGHTS.lines().filter(|l| !l.starts_with('#')) {
            let (feature, w) = line.rsplit_once('\t').unwrap();
            let w: f32 = w.parse().unwrap();
            if feature == "bias" {
                assert_eq!(MODEL.bias, w);
                continue;
            }
            let (name, value) = feature.split_once('=').unwrap();
            let t = TEMPLATES.iter().position(|&n| n == name).unwrap();
            let parts = value.split(' ').collect::<Vec<_>>();
            assert_eq!(parts.len(), name.split('+').count(), "{line}");
            let id = value_id(parts.iter().map(|p| text_id(p)));
            assert!(keys.insert(feature_key(t, id)), "{line}");
            assert_eq!(MODEL.weights.get(feature_key(t, id)), Some(w), "{line}");
            read += 1;
        }
        assert!(read > 1000, "{read}");
        assert_ne!(MODEL.bias, 0.0);
    }

    /// The score as the weights file spells the features: each feature's text looked up.
    fn score_by_text(doc: &Doc, a: &Attribution) -> f32 {
        let weights: std::collections::HashMap<&str, f32> = (WEIGHTS.lines())
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.rsplit_once('\t'))
            .map(|(f, w)| (f, w.parse().unwrap()))
            .collect();
        let mut sum = weights["bias"];
        for_each_feature(doc, a, |f| sum += weights.get(f).copied().unwrap_or(0.0));
        1.0 / (1.0 + (-sum).exp())
    }

    #[test]
    fn scoring_by_keys_gives_what_the_features_text_gives() {
        // Capitals, marks, words longer than a key, non-ASCII words, quotes and the text's
        // edges: each path of a part's id.
        let text = "Aid agencies said trucks were waiting at the border. \
            “Talks will fail,” said Zoë Brück, the spokeswoman. \
            The INTERNATIONALISATIONS committee reported that costs rose; \
            Ann Lee urged NATO to act. Officials, she added, were worried about the Straße. \
            The program supports small businesses. He called into a radio program. Trump said";
        let registry = Registry::new(&[]);
        let doc = Doc::new(text);
        let mut resolver = Resolver::new(&registry, &doc);
        let mut n = 0;
        for sentence in &doc.sentences {
            for a in indirect::attributions(&doc, sentence, &mut resolver) {
                assert_eq!(score(&doc, &a), score_by_text(&doc, &a), "{a:?}");
                n += 1;
            }
        }
        assert!(n >= 6, "{n}");
    }
}
