//! The analyst's name in the app: shown on hover over a span and in the table's analyst column.

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use whosaid::project::{AnnotationId, load_project, project_to_ron};

/// The document the sample reopens.
const DOC: &str = "002_841add45dd8341c3.txt";

/// The sample with annotation 27 and the first annotation of the open document marked as Ana
/// Costa's work.
fn sample_with_analyst() -> SampleCopy {
    let sample = SampleCopy::new();
    let mut p = load_project(&sample.project()).unwrap();
    for d in &mut p.documents {
        let first = d.path == DOC;
        for (i, a) in d.annotations.iter_mut().enumerate() {
            if a.id == AnnotationId(27) || (first && i == 0) {
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
        h.query_all_by_label("analyst").count() > 0,
        "the column header"
    );
    h.get_by_label("Text").focus();
    h.run_steps(1);
    h.get_by_label("Text").type_text("move the needle");
    h.run_steps(3);
    assert!(h.query_by_label("1 annotation").is_some());
    assert!(
        h.query_all_by_label("Ana Costa").count() > 0,
        "the analyst of the row"
    );
}

#[test]
fn hovering_a_span_names_its_analyst() {
    let sample = sample_with_analyst();
    let mut h = app_on(&sample.project());
    wait_until_loaded(&mut h);
    // The first annotation of the document the sample reopens, near the top.
    let at = {
        let ws = h.state().workspace().unwrap();
        assert_eq!(ws.project().view.open_document.as_deref(), Some(DOC));
        let a = &ws.project().document(DOC).unwrap().annotations[0];
        assert_eq!(a.annotator, "Ana Costa");
        a.start() + 3
    };
    let pos = h
        .state_mut()
        .screen_pos_of(at)
        .expect("the span is on screen");
    h.hover_at(pos + egui::vec2(2.0, 0.0));
    // The hover card shows after the tooltip delay.
    h.run_steps(30);
    assert!(
        h.query_by_label_contains("by Ana Costa").is_some(),
        "the hover card names the analyst"
    );
}

#[test]
fn merge_conflicts_are_listed_and_settled_one_key_or_click_each() {
    use whosaid::project::Label;
    let sample = SampleCopy::new();
    let base = load_project(&sample.project()).unwrap();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let set = |p: &mut whosaid::project::Project,
               id: u64,
               f: &dyn Fn(&mut whosaid::project::Annotation)| {
        for d in &mut p.documents {
            for a in &mut d.annotations {
                if a.id == AnnotationId(id) {
                    f(a);
                }
            }
        }
    };
    set(&mut ours, 27, &|a| a.label = Label::Claim);
    set(&mut theirs, 27, &|a| a.label = Label::Demand);
    set(&mut ours, 28, &|a| a.note = "ours".into());
    set(&mut theirs, 28, &|a| a.note = "theirs".into());
    let merged = whosaid::merge::merge(&base, &ours, &theirs);
    assert_eq!(merged.conflicts.len(), 2);
    std::fs::write(sample.project(), project_to_ron(&merged.project)).unwrap();

    let mut h = app_on(&sample.project());
    wait_until_loaded(&mut h);
    assert!(h.query_by_label_contains("Merge conflicts (2)").is_some());
    assert!(h.query_by_label_contains("annotation 27 in").is_some());
    // T takes their version of the first.
    h.key_press(Key::T);
    h.run_steps(3);
    let label = |h: &egui_kittest::Harness<'_, whosaid::ui::WhosaidApp>, id: u64| {
        let ws = h.state().workspace().unwrap();
        ws.project()
            .find_annotation(AnnotationId(id))
            .unwrap()
            .1
            .clone()
    };
    assert_eq!(label(&h, 27).label, Label::Demand);
    assert!(h.query_by_label_contains("Merge conflicts (1)").is_some());
    // A click keeps ours for the other.
    h.get_by_label("Keep ours").click();
    h.run_steps(3);
    assert_eq!(label(&h, 28).note, "ours");
    assert!(
        h.query_by_label_contains("Merge conflicts").is_none(),
        "all settled"
    );
    // Each was one undoable step: undo brings the last conflict back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert!(h.query_by_label_contains("Merge conflicts (1)").is_some());
}
