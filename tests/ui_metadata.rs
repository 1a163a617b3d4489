//! Document details (title, outlet, date, URL) edited in the app, shown in the list, undoable.
#![cfg(feature = "app")]

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

#[test]
fn document_details_are_edited_shown_and_undone() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "Ukraine Drops NATO Dream");
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run_steps(3);
    assert!(h.query_by_label("Document details").is_some());
    for (field, value) in [
        ("Title", "Will the West save Kyiv?"),
        ("Outlet", "Example Review"),
        ("Date (YYYY-MM-DD)", "2025-12-15"),
    ] {
        h.get_by_label(field).focus();
        h.run_steps(1);
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.get_by_label(field).type_text(value);
        h.run_steps(1);
    }
    h.get_by_label("Save details").click();
    h.run_steps(3);
    assert!(
        has_button(&h, "Will the West save Kyiv?"),
        "the list shows the new title"
    );
    let ws = h.state().workspace().unwrap();
    let m = &ws
        .project()
        .document("003_611bafdf104ab7f9.txt")
        .unwrap()
        .metadata;
    assert_eq!(m.outlet.as_deref(), Some("Example Review"));
    assert_eq!(m.date.as_deref(), Some("2025-12-15"));
    assert_eq!(m.url, None, "an empty field stays empty");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(!has_button(&h, "Will the West save Kyiv?"));
}
