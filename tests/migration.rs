//! Projects saved by earlier versions of whosaid still open, and are saved in the current format.

mod common;

use common::*;
use whosaid::project::{FORMAT_VERSION, load_project};
use whosaid::workspace::Workspace;

#[test]
fn a_version_1_project_opens_and_is_saved_as_the_current_version() {
    let sample = SampleCopy::new();
    let old = sample.dir.path().join("projects/old.ron");
    std::fs::copy(
        std::path::Path::new(REPO).join("tests/fixtures/ukraine-nato-v1.ron"),
        &old,
    )
    .unwrap();
    let v1_text = std::fs::read_to_string(&old).unwrap();
    assert!(v1_text.contains("format_version: 1"));
    assert!(v1_text.contains("speaker: Some(2)"));

    let mut ws = Workspace::open_project(&old).unwrap();
    assert!(ws.warnings().is_empty(), "{:?}", ws.warnings());
    let p = &ws.project();
    assert_eq!(p.format_version, FORMAT_VERSION);
    assert_eq!(p.annotations().count(), 76);
    // Every single speaker became a one-element list, in the same annotation.
    let v1_speakers = v1_text.matches("speaker: Some(").count();
    let migrated = p
        .annotations()
        .filter(|(_, a)| a.speakers.len() == 1)
        .count();
    assert_eq!(migrated, v1_speakers);
    let (_, a) = p
        .find_annotation(whosaid::project::AnnotationId(27))
        .unwrap();
    assert_eq!(p.speaker_name(a.speaker()), Some("Justin Logan"));
    assert!(
        p.annotations()
            .all(|(_, a)| a.addressee.is_none() && a.cue.is_none())
    );

    ws.save().unwrap();
    let saved = std::fs::read_to_string(&old).unwrap();
    assert!(saved.contains(&format!("format_version: {FORMAT_VERSION}")));
    assert!(
        !saved.contains("speaker: Some("),
        "no version-1 fields left"
    );
    assert_eq!(load_project(&old).unwrap().annotations().count(), 76);
    // The previous (version 1) file is kept as the backup.
    assert_eq!(
        std::fs::read_to_string(whosaid::workspace::backup_path(&old)).unwrap(),
        v1_text
    );
}

/// Ids made on two copies of a project never meet: the old `max + 1` gave both copies 77.
#[test]
fn an_older_project_keeps_its_ids_and_new_ones_never_collide_across_copies() {
    use whosaid::project::{AnnotationId, Label, SESSION_SPAN};
    use whosaid::workspace::Intent;
    let sample = SampleCopy::new();
    let old = sample.dir.path().join("projects/old.ron");
    std::fs::copy(
        std::path::Path::new(REPO).join("tests/fixtures/ukraine-nato-v1.ron"),
        &old,
    )
    .unwrap();
    let copy = sample.dir.path().join("projects/copy.ron");
    std::fs::copy(&old, &copy).unwrap();
    let before: Vec<u64> = load_project(&old)
        .unwrap()
        .annotations()
        .map(|(_, a)| a.id.0)
        .collect();
    let max = *before.iter().max().unwrap();

    let tag = |path: &std::path::Path| {
        let mut ws = Workspace::open_project(path).unwrap();
        let doc = ws.project().documents[0].path.clone();
        let id = ws
            .perform(Intent::Tag {
                doc,
                range: 0..5,
                label: Label::Claim,
            })
            .unwrap()
            .annotation
            .unwrap();
        ws.save().unwrap();
        id
    };
    let (a, b) = (tag(&old), tag(&copy));
    assert_ne!(a, b, "two copies gave the same id");
    for id in [a, b] {
        assert!(id.0 > max && id.0 >= 1000 * SESSION_SPAN, "{id:?}");
        assert!(id.0 < (1 << 53), "{id:?} must stay exact in JSON");
    }
    // The old ids are those of the older file, unchanged; the new one is there after a reload.
    let reloaded = load_project(&old).unwrap();
    let mut after: Vec<u64> = reloaded.annotations().map(|(_, a)| a.id.0).collect();
    after.retain(|id| *id != a.0);
    assert_eq!(after.len(), before.len());
    assert!(before.iter().all(|id| after.contains(id)));
    assert!(reloaded.find_annotation(AnnotationId(a.0)).is_some());
    // The file stays readable: the new id is plain digits beside the old ones.
    let text = std::fs::read_to_string(&old).unwrap();
    assert!(text.contains(&format!("id: {},", a.0)), "{text:.300}");
}
