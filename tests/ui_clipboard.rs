//! The clipboard through egui's copy and paste events (the ones eframe makes of Ctrl+C and Ctrl+V):
//! the reading view copies the selected text or the selected annotation, text fields take a paste.

mod common;

use common::*;
use egui::{Event, Key, Modifiers, OutputCommand};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use whosaid::project::Fragment;
use whosaid::ui::WhosaidApp;

const DOC: &str = "001_5b4937168b606144.txt";

/// What the last frame put on the clipboard.
fn copied(h: &Harness<'_, WhosaidApp>) -> Vec<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn ctrl_c_copies_the_selected_article_text() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "Ukraine’s Willingness to Drop");
    let needle = "Ukraine cannot accept an arrangement";
    let start = offset_of(&h, DOC, needle);
    drag_select(&mut h, start, start + needle.chars().count());
    assert!(copied(&h).is_empty());

    h.event(Event::Copy);
    h.step();
    assert_eq!(copied(&h), vec![needle.to_owned()]);
}

#[test]
fn ctrl_c_without_a_selection_copies_the_selected_annotation() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "Ukraine’s Willingness to Drop");
    let (id, first, expected) = {
        let ws = h.state().workspace().unwrap();
        let a = ws
            .project()
            .document(DOC)
            .unwrap()
            .annotations
            .first()
            .expect("the sample document has annotations");
        (a.id, a.fragments[0].start, Fragment::text_of(&a.fragments))
    };
    click_text(&mut h, first + 1);
    assert_eq!(h.state().selected_annotation(), Some(id));
    assert!(h.state().selection().is_empty());

    h.event(Event::Copy);
    h.step();
    assert_eq!(copied(&h), vec![expected]);
}

#[test]
fn nothing_selected_copies_nothing() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "Ukraine’s Willingness to Drop");
    h.event(Event::Copy);
    h.step();
    assert!(copied(&h).is_empty());
}

#[test]
fn ctrl_v_pastes_into_the_find_field() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.get_by_label("Find").focus();
    h.run_steps(2);
    h.event(Event::Paste("Grushko".to_owned()));
    h.run_steps(3);
    assert_eq!(h.get_by_label("Find").value().as_deref(), Some("Grushko"));
}
