//! The adjudication view: analysts' projects in lanes under the curated one's text, a span
//! accepted from one analyst, all agreeing spans accepted at once, and undo of each.

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use whosaid::project::{Annotation, load_project, project_to_ron};
use whosaid::ui::WhosaidApp;

/// The document the sample reopens.
const DOC: &str = "002_841add45dd8341c3.txt";

/// Beside the sample: a curated project with no annotations on DOC, analyst "ann" (the sample as
/// is) and analyst "bo" (the sample without DOC's first annotation). Returns DOC's annotations.
fn three_projects(sample: &SampleCopy) -> Vec<Annotation> {
    let p = load_project(&sample.project()).unwrap();
    let folder = sample.project().parent().unwrap().to_path_buf();
    let annotations = p.document(DOC).unwrap().annotations.clone();
    assert!(annotations.len() >= 3, "the sample document has spans");
    let mut curated = p.clone();
    curated.document_mut(DOC).unwrap().annotations.clear();
    let mut bo = p.clone();
    bo.document_mut(DOC).unwrap().annotations.remove(0);
    std::fs::write(folder.join("curated.ron"), project_to_ron(&curated)).unwrap();
    std::fs::write(folder.join("ann.ron"), project_to_ron(&p)).unwrap();
    std::fs::write(folder.join("bo.ron"), project_to_ron(&bo)).unwrap();
    annotations
}

fn adjudicating(sample: &SampleCopy) -> Harness<'static, WhosaidApp> {
    let folder = sample.project().parent().unwrap().to_path_buf();
    let mut h = app_on(&folder.join("curated.ron"));
    wait_until_loaded(&mut h);
    h.state_mut()
        .compare_with(&[folder.join("ann.ron"), folder.join("bo.ron")])
        .unwrap();
    h.run_steps(3);
    assert_eq!(h.state().current_document(), Some(DOC));
    h
}

fn curated(h: &Harness<'_, WhosaidApp>) -> Vec<Annotation> {
    let ws = h.state().workspace().unwrap();
    ws.project().document(DOC).unwrap().annotations.clone()
}

fn same_span(a: &Annotation, b: &Annotation) -> bool {
    let offsets = |a: &Annotation| {
        a.fragments
            .iter()
            .map(|f| (f.start, f.end))
            .collect::<Vec<_>>()
    };
    a.label == b.label && offsets(a) == offsets(b) && a.note == b.note
}

#[test]
fn a_span_selected_in_an_analysts_lane_is_accepted_with_j_and_undone() {
    let sample = SampleCopy::new();
    let spans = three_projects(&sample);
    let mut h = adjudicating(&sample);
    assert!(
        h.query_by_label_contains("Adjudication: 2 analysts")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("This document: strict F1")
            .is_some()
    );
    // Only ann has the first span: it is not marked agreed; the rest are.
    let first = &spans[0];
    let row = |h: &Harness<'_, WhosaidApp>, mark: &str| {
        let words: String = first.display_text().chars().take(30).collect();
        h.query_all_by_label_contains(&words)
            .filter(|n| {
                let label = n.accesskit_node().label().unwrap_or_default();
                label.starts_with(mark) || (mark.is_empty() && !label.starts_with('['))
            })
            .count()
    };
    assert_eq!(row(&h, ""), 1, "one row in ann's lane, unmarked");
    assert!(h.query_all_by_label_contains("[agreed]").count() >= 2 * (spans.len() - 1));
    let words: String = first.display_text().chars().take(30).collect();
    h.query_all_by_label_contains(&words)
        .find(|n| {
            !n.accesskit_node()
                .label()
                .unwrap_or_default()
                .starts_with('[')
        })
        .unwrap()
        .click();
    h.run_steps(2);
    h.key_press(Key::J);
    h.run_steps(3);
    let now = curated(&h);
    assert_eq!(now.len(), 1, "{}", h.state().status());
    assert!(same_span(&now[0], first), "{:?}", now[0]);
    assert_eq!(row(&h, "[curated]"), 1, "ann's row now says it is curated");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert!(curated(&h).is_empty());
}

#[test]
fn all_agreeing_spans_are_accepted_in_one_step_and_undone_in_one() {
    let sample = SampleCopy::new();
    let spans = three_projects(&sample);
    let mut h = adjudicating(&sample);
    h.get_by_label("Accept all agreeing").click();
    h.run_steps(3);
    let now = curated(&h);
    assert_eq!(now.len(), spans.len() - 1);
    for s in &spans[1..] {
        assert!(now.iter().any(|a| same_span(a, s)), "{s:?} accepted");
    }
    assert!(!now.iter().any(|a| same_span(a, &spans[0])), "not agreed");
    // Nothing agreeing is left: Shift+J changes nothing and says so.
    h.key_press_modifiers(Modifiers::SHIFT, Key::J);
    h.run_steps(2);
    assert_eq!(curated(&h).len(), spans.len() - 1);
    assert!(h.state().status().contains("No agreeing span left"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert!(curated(&h).is_empty(), "one undo takes them all back");
}
