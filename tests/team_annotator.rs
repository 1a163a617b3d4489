//! Who did it: the analyst's name is recorded on what they create or change, undone with the
//! change, saved, loaded from files that lack it, and exported.

mod common;

use common::*;
use whosaid::interop::{export_records, write_csv, write_doccano, write_w3c};
use whosaid::project::{AnnotationId, Label, load_project};
use whosaid::workspace::{Intent, SpeakerRole, Workspace};

#[test]
fn the_analyst_is_recorded_on_what_they_make_and_change_and_undo_restores_it() {
    let sample = SampleCopy::new();
    let mut ws = Workspace::open_project(&sample.project()).unwrap();
    // The sample predates names: it loads with none.
    assert!(
        ws.project()
            .annotations()
            .all(|(_, a)| a.annotator.is_empty())
    );
    ws.set_annotator("Ana Analyst".into());
    let doc = ws.project().documents[0].path.clone();
    let id = ws
        .perform(Intent::Tag {
            doc: doc.clone(),
            range: 0..5,
            label: Label::Claim,
        })
        .unwrap()
        .annotation
        .unwrap();
    assert_eq!(
        ws.project().find_annotation(id).unwrap().1.annotator,
        "Ana Analyst"
    );
    // A change to an older annotation records the analyst; undo puts back the nameless version.
    ws.perform(Intent::SetLabel {
        id: AnnotationId(27),
        label: Label::Demand,
    })
    .unwrap();
    assert_eq!(
        ws.project()
            .find_annotation(AnnotationId(27))
            .unwrap()
            .1
            .annotator,
        "Ana Analyst"
    );
    ws.undo().unwrap();
    let (_, a) = ws.project().find_annotation(AnnotationId(27)).unwrap();
    assert_eq!((a.label, a.annotator.as_str()), (Label::Quote, ""));
    // A speaker made for a span is theirs too.
    ws.perform(Intent::CreateSpeakerFor {
        id,
        name: "Jens Stoltenberg".into(),
        role: SpeakerRole::Main,
    })
    .unwrap();
    let s = ws
        .project()
        .speakers
        .iter()
        .find(|s| s.name == "Jens Stoltenberg")
        .unwrap();
    assert_eq!(s.annotator, "Ana Analyst");
    ws.save().unwrap();
    let text = std::fs::read_to_string(sample.project()).unwrap();
    assert!(text.contains("annotator: \"Ana Analyst\""));
    let reloaded = load_project(&sample.project()).unwrap();
    assert_eq!(
        reloaded.find_annotation(id).unwrap().1.annotator,
        "Ana Analyst"
    );

    // Exports: `annotator` in JSONL/CSV records, W3C `creator`, doccano attributions.
    let ws = Workspace::open_project(&sample.project()).unwrap();
    let records = export_records(&ws);
    let mine = records.iter().find(|r| r.id == id.0).unwrap();
    assert_eq!(mine.annotator.as_deref(), Some("Ana Analyst"));
    let other = records.iter().find(|r| r.id == 27).unwrap();
    assert_eq!(other.annotator, None);
    let mut csv = Vec::new();
    write_csv(&records, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.lines().next().unwrap().ends_with(",annotator"));
    assert!(csv.contains(",Ana Analyst\r\n"));
    let mut w3c = Vec::new();
    write_w3c(&ws, &mut w3c).unwrap();
    let w3c = String::from_utf8(w3c).unwrap();
    assert!(
        w3c.contains(r#""creator":{"type":"Person","name":"Ana Analyst"}"#),
        "{w3c:.500}"
    );
    let mut doccano = Vec::new();
    write_doccano(&ws, &mut doccano).unwrap();
    assert!(
        String::from_utf8(doccano)
            .unwrap()
            .contains(r#""annotator":"Ana Analyst""#)
    );
}
