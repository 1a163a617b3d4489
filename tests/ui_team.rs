//! The analyst's name in the app: shown on hover over a span and in the table's analyst column.

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use whosaid::project::{AnnotationId, load_project, project_to_ron};

/// The sample with annotation 27 marked as Ana Costa's work.
fn sample_with_analyst() -> SampleCopy {
    let sample = SampleCopy::new();
    let mut p = load_project(&sample.project()).unwrap();
    for d in &mut p.documents {
        for a in &mut d.annotations {
            if a.id == AnnotationId(27) {
                a.annotator = "Ana Costa".into();
            }
        }
    }
    std::fs::write(sample.project(), project_to_ron(&p)).unwrap();
    sample
}

#[test]
fn the_table_has_an_analyst_column() {
    let sample = sample_with_analyst();
    let mut h = app_on(&sample.project());
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("analyst").is_some(),
        "the column header"
    );
    h.get_by_label("Text").focus();
    h.run_steps(1);
    h.get_by_label("Text").type_text("move the needle");
    h.run_steps(3);
    assert!(h.query_by_label("1 annotations").is_some());
    assert!(
        h.query_by_label("Ana Costa").is_some(),
        "the analyst of the row"
    );
}

#[test]
fn hovering_a_span_names_its_analyst() {
    let sample = sample_with_analyst();
    let mut h = app_on(&sample.project());
    wait_until_loaded(&mut h);
    // The sample reopens the document holding annotation 27.
    let at = {
        let ws = h.state().workspace().unwrap();
        let (doc, a) = ws.project.find_annotation(AnnotationId(27)).unwrap();
        assert_eq!(
            ws.project.view.open_document.as_deref(),
            Some(doc.path.as_str())
        );
        a.start() + 3
    };
    let pos = h
        .state_mut()
        .screen_pos_of(at)
        .expect("the span is on screen");
    h.hover_at(pos + egui::vec2(2.0, 0.0));
    h.run_steps(3);
    assert!(
        h.query_by_label("by Ana Costa").is_some(),
        "the hover card names the analyst"
    );
}
