//! The corpus-wide annotation table: filter, sort, jump to the span.
#![cfg(feature = "app")]

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

#[test]
fn filter_by_label_and_speaker_sort_and_jump_to_a_span() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run_steps(3);
    let total = h
        .state()
        .workspace()
        .unwrap()
        .project()
        .annotations()
        .count();
    assert!(h.query_by_label(&format!("{total} annotations")).is_some());

    h.get_by_role(egui::accesskit::Role::ComboBox).click();
    h.run_steps(2);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Demand")
        .click();
    h.run_steps(2);
    let demands = {
        let ws = h.state().workspace().unwrap();
        ws.project()
            .annotations()
            .filter(|(_, a)| a.label == whosaid::project::Label::Demand)
            .count()
    };
    assert!(
        h.query_by_label(&format!("{demands} annotations"))
            .is_some()
    );

    h.get_by_label("Speaker").focus();
    h.run_steps(1);
    h.get_by_label("Speaker").type_text("grushko");
    h.run_steps(3);
    assert!(
        h.query_by_label("3 annotations").is_some(),
        "Grushko's three demands"
    );
    h.get_by_label("Addressee").focus();
    h.run_steps(1);
    h.get_by_label("Addressee").type_text("nato");
    h.run_steps(3);
    assert!(
        h.query_by_label("3 annotations").is_some(),
        "all three call on NATO"
    );

    // In document order “Moscow is seeking…” comes first; sorted by text, “a pivotal aspect…”.
    let y = |h: &egui_kittest::Harness<'_, whosaid::ui::WhosaidApp>, text: &str| {
        h.get(
            egui_kittest::kittest::By::new()
                .role(egui::accesskit::Role::Label)
                .label_contains(text),
        )
        .rect()
        .center()
        .y
    };
    assert!(y(&h, "Moscow is seeking") < y(&h, "a pivotal aspect"));
    h.get_by_role_and_label(egui::accesskit::Role::Button, "text")
        .click();
    h.run_steps(3);
    assert!(y(&h, "a pivotal aspect") < y(&h, "Moscow is seeking"));
    h.get_by_label_contains("a pivotal aspect of these guarantees")
        .click();
    h.run_steps(3);
    assert_eq!(
        h.state().current_document(),
        Some("004_395019b86e74a298.txt")
    );
    let id = h.state().selected_annotation().unwrap();
    let ws = h.state().workspace().unwrap();
    let (_, a) = ws.project().find_annotation(id).unwrap();
    assert!(a.fragments[0].text().starts_with("a pivotal aspect"));
}
