//! The bundled sample project: complete, consistent with its corpus, and stable on disk.

mod common;

use common::*;
use std::collections::BTreeSet;
use whosaid::project::Label;
use whosaid::workspace::Workspace;

#[test]
fn sample_is_a_real_annotated_project() {
    let ws = Workspace::open_project(&std::path::Path::new(REPO).join("projects/ukraine-nato.ron"))
        .unwrap();
    assert!(ws.warnings().is_empty(), "{:?}", ws.warnings());
    assert_eq!(ws.corpus().documents.len(), 5);
    let all: Vec<_> = ws.project().annotations().collect();
    assert!(all.len() >= 20);
    let labels: BTreeSet<Label> = all.iter().map(|(_, a)| a.label).collect();
    assert_eq!(labels.len(), 3);
    let speakers: BTreeSet<_> = all.iter().filter_map(|(_, a)| a.speaker()).collect();
    assert!(speakers.len() >= 6);
    // Demands name who they call on; the registry has no two entries for one person.
    for (_, a) in all.iter().filter(|(_, a)| a.label == Label::Demand) {
        assert!(a.addressee.is_some(), "demand {} has an addressee", a.id.0);
    }
    let sure = whosaid::speakers::propose_merges(&ws.project().speakers)
        .into_iter()
        .filter(|m| m.confidence == whosaid::speakers::Confidence::Sure)
        .count();
    assert_eq!(sure, 0);
    // Every fragment is exactly the corpus text at its offsets.
    for (entry, a) in all {
        let doc = ws.corpus().document(&entry.path).unwrap();
        for f in &a.fragments {
            assert_eq!(doc.text.slice(f.start..f.end), Some(f.text()), "{}", a.id.0);
            assert_eq!(
                f.text().trim(),
                f.text(),
                "fragment {} has untrimmed whitespace",
                a.id.0
            );
        }
    }
}

#[test]
fn saving_the_unchanged_sample_rewrites_identical_bytes() {
    let sample = SampleCopy::new();
    let before = std::fs::read(sample.project()).unwrap();
    let mut ws = Workspace::open_project(&sample.project()).unwrap();
    ws.save().unwrap();
    assert_eq!(std::fs::read(sample.project()).unwrap(), before);
}

#[test]
fn sample_corpus_is_the_shared_corpus_unchanged() {
    let shared = std::path::Path::new(REPO).join("../shared/corpus");
    if !shared.exists() {
        return; // A clone without the shared folder beside it has nothing to compare with.
    }
    for entry in std::fs::read_dir(&shared).unwrap() {
        let entry = entry.unwrap();
        let ours = std::path::Path::new(REPO)
            .join("assets/corpus")
            .join(entry.file_name());
        assert_eq!(
            std::fs::read(entry.path()).unwrap(),
            std::fs::read(ours).unwrap()
        );
    }
}
