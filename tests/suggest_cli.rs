//! `whosaid suggest` as a user runs it: one JSON object per suggestion, offsets that give back the
//! exact text, speakers named, and a project's own annotations and rejections left out.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;
use std::process::Command;
use whosaid::workspace::Workspace;

fn suggest(input: &Path, extra: &[&str]) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .arg("suggest")
        .arg(input)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The document text at code points `start..end`, computed independently of whosaid.
fn slice(corpus: &Path, doc: &str, start: u64, end: u64) -> String {
    let text = std::fs::read_to_string(corpus.join(doc)).unwrap();
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

#[test]
fn suggestions_for_a_corpus_folder_carry_every_field_with_exact_offsets() {
    let sample = SampleCopy::new();
    let corpus = sample.corpus();
    let records = suggest(&corpus, &[]);
    assert!(records.len() >= 30, "{} suggestions", records.len());
    for r in &records {
        let doc = r["doc"].as_str().unwrap();
        let (start, end) = (r["start"].as_u64().unwrap(), r["end"].as_u64().unwrap());
        assert_eq!(r["text"].as_str().unwrap(), slice(&corpus, doc, start, end));
        let fragments = r["fragments"].as_array().unwrap();
        assert_eq!(fragments[0]["start"].as_u64().unwrap(), start);
        assert_eq!(fragments.last().unwrap()["end"].as_u64().unwrap(), end);
        for f in fragments {
            let (s, e) = (f["start"].as_u64().unwrap(), f["end"].as_u64().unwrap());
            assert_eq!(f["text"].as_str().unwrap(), slice(&corpus, doc, s, e));
        }
        assert!(["claim", "quote", "demand"].contains(&r["label"].as_str().unwrap()));
        let confidence = r["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&confidence), "{r}");
        for key in ["speaker", "cue", "addressee"] {
            assert!(r[key].is_string() || r[key].is_null(), "{key} in {r}");
        }
    }
    let quote = |text: &str| {
        records
            .iter()
            .find(|r| r["label"] == "quote" && r["text"].as_str().unwrap().contains(text))
    };
    let needle = quote("This doesn’t move the needle").expect("Logan's quote is found");
    assert_eq!(needle["speaker"], "Justin Logan", "{needle}");
    assert_eq!(needle["fragments"].as_array().unwrap().len(), 2, "{needle}");
    assert!(
        quote("Pax Americana").is_none(),
        "a scare quote is no quote"
    );
}

#[test]
fn for_a_project_annotated_spans_and_rejected_suggestions_are_left_out() {
    let sample = SampleCopy::new();
    let project = sample.project();
    let fresh = suggest(&sample.corpus(), &[]);
    let left = suggest(&project, &[]);
    assert!(
        left.len() < fresh.len() / 2,
        "{} of {}",
        left.len(),
        fresh.len()
    );
    let ws = Workspace::open_project(&project).unwrap();
    for r in &left {
        let entry = ws.project().document(r["doc"].as_str().unwrap()).unwrap();
        let (start, end) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert!(
            !entry
                .annotations
                .iter()
                .any(|a| a.label.key() == r["label"] && a.start() < end && start < a.end()),
            "already annotated: {r}"
        );
    }
    // Written to a file with -o, the same lines.
    let out = sample.corpus().join("../suggestions.jsonl");
    let again = suggest(&project, &["-o", out.to_str().unwrap()]);
    assert!(again.is_empty(), "nothing on standard output with -o");
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written.lines().count(), left.len());
}
