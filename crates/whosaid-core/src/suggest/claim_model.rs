//! Whether a reported-speech attribution the rules found is worth proposing: a logistic
//! regression over the words around its cue and the rule that read it, trained on PolNeAR train.
//!
//! The rules read every verb that can report speech; many uses are no report ("support the
//! program", "called into a radio show"). The model weighs the cue word, its neighbours, where
//! the content starts and ends, the speaker found and the rule's confidence (which names the
//! rule). Weights: `data/claim_model.tsv`, written by `cargo run --release -p whosaid-core
//! --example polnear_train -- POLNEAR/train FILE`, which reads [`training_candidates`].

use super::doc::Doc;
use super::fast_hash::FxMap;
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

/// The weights: the bias, then per feature of [`TEMPLATES`] a weight per value. Keyed by value
/// alone, so that scoring looks up the value it has at hand rather than copying it behind its
/// feature's name first.
struct Model {
    bias: f32,
    values: Vec<FxMap<&'static str, f32>>,
}

static MODEL: LazyLock<Model> = LazyLock::new(|| {
    let mut model = Model {
        bias: 0.0,
        values: vec![FxMap::default(); TEMPLATES.len()],
    };
    for line in WEIGHTS.lines().filter(|l| !l.starts_with('#')) {
        let Some((feature, w)) = line.rsplit_once('\t') else {
            continue;
        };
        let Ok(w) = w.parse() else {
            continue;
        };
        if feature == "bias" {
            model.bias = w;
        } else if let Some((name, value)) = feature.split_once('=')
            && let Some(t) = TEMPLATES.iter().position(|&n| n == name)
        {
            model.values[t].insert(value, w);
        }
    }
    model
});

/// The probability that an attribution is one a trained annotator would mark.
pub(super) fn score(doc: &Doc, a: &Attribution) -> f32 {
    let model = &*MODEL;
    let mut sum = model.bias;
    for_each_value(doc, a, |t, value| {
        sum += model.values[t].get(value).copied().unwrap_or(0.0)
    });
    1.0 / (1.0 + (-sum).exp())
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

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=5 => "3-5",
        6..=10 => "6-10",
        11..=20 => "11-20",
        _ => "21+",
    }
}

fn flag(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

/// The shape of the word before the cue and its auxiliaries, where a verb's subject ends: a
/// capitalised word, a pronoun, a plural or singular noun, or none (punctuation, the sentence's
/// start). "The program supports …" is no report where "voters support …" is one.
fn subject_shape(doc: &Doc, cue: usize) -> &'static str {
    let j = mentions::skip_auxiliaries(doc, cue.saturating_sub(4), cue);
    if j == 0 || !doc.is_word(j - 1) {
        return "none";
    }
    let t = j - 1;
    let mut buf = [0; 24];
    let word = lower(doc.word(t), &mut buf).unwrap_or("");
    if matches!(word, "he" | "she" | "they" | "i" | "we" | "you" | "it") {
        "pron"
    } else if doc.is_cap(t) {
        "cap"
    } else if word.ends_with('s') && !word.ends_with("ss") {
        "plural"
    } else {
        "sing"
    }
}

/// Calls `f` with each feature of an attribution, as "name=value" text.
fn for_each_feature(doc: &Doc, a: &Attribution, mut f: impl FnMut(&str)) {
    let mut feature = String::with_capacity(64);
    for_each_value(doc, a, |t, value| {
        feature.clear();
        feature.push_str(TEMPLATES[t]);
        feature.push('=');
        feature.push_str(value);
        f(&feature);
    });
}

/// Calls `f` with each feature of an attribution in the order of [`TEMPLATES`], as the index
/// of its template and its value.
fn for_each_value(doc: &Doc, a: &Attribution, mut f: impl FnMut(usize, &str)) {
    let cue = a.cue.start;
    let start = a.content.first().map_or(0, |r| r.start);
    let end = a.content.last().map_or(0, |r| r.end);
    // The six token values side by side in one string, each by its range: scoring runs on every
    // candidate of every document, and a String per value cost more than the model's lookups.
    let mut values = String::with_capacity(64);
    let value = |i: Option<usize>, values: &mut String| {
        let from = values.len();
        push_token(doc, i, values);
        from..values.len()
    };
    let word = value(Some(cue), &mut values);
    let prev = value(cue.checked_sub(1), &mut values);
    let prev2 = value(cue.checked_sub(2), &mut values);
    let next = value(Some(a.cue.end), &mut values);
    let first = value(Some(start), &mut values);
    let after = value(Some(end), &mut values);
    let confidence_at = values.len();
    let _ = write!(values, "{}", (a.confidence * 100.0).round() as u32);
    let confidence = confidence_at..values.len();
    let _ = write!(values, "{}", a.content.len());
    let pieces = confidence.end..values.len();
    let values = values.as_str();
    let (word, prev, prev2, next, first, after, confidence, pieces) = (
        &values[word],
        &values[prev],
        &values[prev2],
        &values[next],
        &values[first],
        &values[after],
        &values[confidence],
        &values[pieces],
    );
    let len: usize = a.content.iter().map(Range::len).sum();
    let before = start < cue;
    let speaker = match &a.speaker {
        None => "none",
        Some(w) if w.person => "person",
        Some(_) => "other",
    };
    let label = match a.label {
        Label::Claim => "Claim",
        Label::Quote => "Quote",
        Label::Demand => "Demand",
    };
    let cap = doc.is_cap(cue);
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
    // One buffer for the values made of two words; a value of one piece is passed as it is.
    // Scoring runs on every candidate of every document: copying costs more than the lookup.
    let mut buf = String::with_capacity(64);
    let mut t = 0;
    let mut feature = |parts: &[&str]| {
        if let [one] = parts {
            f(t, one);
        } else {
            buf.clear();
            for p in parts {
                buf.push_str(p);
            }
            f(t, &buf);
        }
        t += 1;
    };
    let (before, cap, quoted) = (flag(before), flag(cap), flag(quoted));
    let (len, gap) = (bucket(len), bucket(gap));
    feature(&[word]);
    feature(&[prev]);
    feature(&[prev2]);
    feature(&[next]);
    feature(&[first]);
    feature(&[after]);
    feature(&[len]);
    feature(&[before]);
    feature(&[speaker]);
    feature(&[label]);
    feature(&[confidence]);
    feature(&[cap]);
    feature(&[quoted]);
    feature(&[word, " ", next]);
    feature(&[word, " ", prev]);
    feature(&[word, " ", speaker]);
    feature(&[word, " ", before]);
    feature(&[word, " ", first]);
    feature(&[confidence, " ", speaker]);
    feature(&[confidence, " ", len]);
    feature(&[speaker, " ", len]);
    feature(&[gap]);
    feature(&[pieces]);
    feature(&[word, " ", gap]);
    feature(&[first, " ", after]);
    feature(&[prev, " ", next]);
    let subj = subject_shape(doc, cue);
    feature(&[subj]);
    feature(&[word, " ", subj]);
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
        // Every line but the comments is a feature and its weight.
        // Every feature is one the scorer asks for, so none is dropped when read.
        let lines = WEIGHTS.lines().filter(|l| !l.starts_with('#')).count();
        let values: usize = MODEL.values.iter().map(FxMap::len).sum();
        assert_eq!(values + 1, lines);
        assert!(WEIGHTS.lines().any(|l| l.starts_with("bias\t")));
        assert_ne!(MODEL.bias, 0.0);
    }
}
