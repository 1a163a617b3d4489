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
