//! The floating windows and bars as an analyst meets them: the Speakers and All annotations
//! windows open inside the window showing their content, keep their size and filters, never hide
//! the span they jump to, and the Find bar fits a 1024-point window.
#![cfg(feature = "app")]

mod common;

use common::*;
use egui::accesskit::Role;
use egui::{Key, Modifiers, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use whosaid::ui::{Settings, WhosaidApp};

fn window_rect(h: &Harness<'_, WhosaidApp>, title: &str) -> Rect {
    h.get_by_role_and_label(Role::Window, title).rect()
}

fn menu_bar_bottom(h: &Harness<'_, WhosaidApp>) -> f32 {
    h.get_by_label("File").rect().bottom()
}

/// The rects of the nodes labelled `label` that lie inside `within`.
fn rects_inside(h: &Harness<'_, WhosaidApp>, label: &str, within: Rect) -> Vec<Rect> {
    h.query_all(By::new().label(label))
        .map(|n| n.rect())
        .filter(|r| within.contains_rect(*r))
        .collect()
}

#[test]
fn the_registry_opens_under_the_menu_bar_showing_every_speaker() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run_steps(3);
    let window = window_rect(&h, "Speakers");
    let screen = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    assert!(screen.contains_rect(window), "{window:?} off the screen");
    assert!(
        window.top() >= menu_bar_bottom(&h),
        "{window:?} over the menu bar"
    );
    let names: Vec<String> = {
        let ws = h.state().workspace().unwrap();
        ws.project()
            .speakers
            .iter()
            .map(|s| s.name.clone())
            .collect()
    };
    assert_eq!(names.len(), 18);
    for name in &names {
        assert_eq!(
            rects_inside(&h, name, window).len(),
            1,
            "{name} is not shown whole in the Speakers window {window:?}"
        );
    }
}

#[test]
fn the_table_shows_titles_keeps_its_filters_and_size_and_opens_inside_the_window() {
    let sample = SampleCopy::new();
    let settings_file = sample.dir.path().join("config/whosaid/settings.ron");
    let size = egui::vec2(1280.0, 800.0);
    let mut h = app_with(&sample.project(), Settings::load_from(&settings_file), size);
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run_steps(3);
    let window = window_rect(&h, "All annotations");
    assert!(window.top() >= menu_bar_bottom(&h), "{window:?}");
    assert!(Rect::from_min_size(egui::Pos2::ZERO, size).contains_rect(window));

    // Titles, not file names, in the Document column: the first row's is the first document's.
    let title = {
        let ws = h.state().workspace().unwrap();
        let (entry, _) = ws.project().annotations().next().unwrap();
        ws.corpus().document(&entry.path).unwrap().title.clone()
    };
    let title: String = title.chars().take(20).collect();
    let titled = h
        .query_all(By::new().label_contains(&title))
        .filter(|n| window.contains_rect(n.rect()))
        .count();
    assert!(titled > 0, "no row titled {title:?}");
    assert!(
        h.query_all(By::new().label_contains(".txt"))
            .all(|n| !window.intersects(n.rect())),
        "a file name in the table"
    );

    // Filters survive closing and reopening.
    h.get_by_label("Speaker").focus();
    h.run_steps(1);
    h.get_by_label("Speaker").type_text("grushko");
    h.run_steps(3);
    let grushko = {
        let ws = h.state().workspace().unwrap();
        let p = ws.project();
        p.annotations()
            .filter(|(_, a)| p.speakers_label(a).is_some_and(|s| s.contains("Grushko")))
            .count()
    };
    assert!(grushko > 1);
    let counted = format!("{grushko} annotations");
    assert!(h.query_by_label(&counted).is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run_steps(2);
    assert!(
        h.query_by_role_and_label(Role::Window, "All annotations")
            .is_none()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run_steps(3);
    assert_eq!(
        h.get_by_label("Speaker").value().as_deref(),
        Some("grushko")
    );
    assert!(h.query_by_label(&counted).is_some(), "the filter kept");

    // Made smaller by its corner, it comes back at that size at the next start. (Lower: its
    // columns keep it from getting narrower.)
    let before = window_rect(&h, "All annotations");
    let corner = before.max - egui::vec2(3.0, 3.0);
    h.hover_at(corner);
    h.step();
    h.drag_at(corner);
    h.step();
    h.hover_at(corner - egui::vec2(100.0, 60.0));
    h.step();
    h.hover_at(corner - egui::vec2(200.0, 120.0));
    h.step();
    h.drop_at(corner - egui::vec2(200.0, 120.0));
    h.run_steps(3);
    let resized = window_rect(&h, "All annotations");
    assert!(
        (resized.height() - (before.height() - 120.0)).abs() < 2.0,
        "{before:?} -> {resized:?}"
    );
    request_close(&mut h);
    drop(h);
    let mut again = app_with(&sample.project(), Settings::load_from(&settings_file), size);
    again.key_press_modifiers(Modifiers::COMMAND, Key::T);
    again.run_steps(3);
    let reopened = window_rect(&again, "All annotations");
    assert!(
        (reopened.size() - resized.size()).length() < 2.0,
        "{resized:?} at the close, {reopened:?} at the next start"
    );
}

#[test]
fn a_span_opened_from_the_table_is_not_left_under_it() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run_steps(3);
    let window = window_rect(&h, "All annotations");
    // A span of the open document that the table covers, as the table opened.
    let doc = h.state().current_document().unwrap().to_string();
    let spans: Vec<(usize, String)> = {
        let ws = h.state().workspace().unwrap();
        ws.project()
            .document(&doc)
            .unwrap()
            .annotations
            .iter()
            .map(|a| (a.start(), a.display_text()))
            .collect()
    };
    let (start, text) = spans
        .into_iter()
        .find(|(start, _)| {
            h.state_mut()
                .screen_pos_of(*start)
                .is_some_and(|p| window.contains(p))
        })
        .expect("a span of the open document under the table");
    let snippet: String = text.chars().take(24).collect();
    h.get_by_label("Text").focus();
    h.run_steps(1);
    h.get_by_label("Text").type_text(&snippet);
    h.run_steps(3);
    let row = h
        .query_all(By::new().role(Role::Label).label_contains(&snippet))
        .find(|n| window.contains_rect(n.rect()))
        .expect("the span's row");
    row.click();
    h.run_steps(4);
    let at = h
        .state_mut()
        .screen_pos_of(start)
        .expect("the span is painted");
    let window = window_rect(&h, "All annotations");
    assert!(
        !window.contains(at),
        "the span at {at:?} is under the table {window:?}"
    );
    let screen = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    assert!(screen.contains_rect(window), "the table moved off screen");
    assert!(window.top() >= menu_bar_bottom(&h));
}

#[test]
fn the_find_bar_fits_a_1024_point_window() {
    let sample = SampleCopy::new();
    let size = egui::vec2(1024.0, 768.0);
    let mut h = app_with(&sample.project(), Settings::default(), size);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(3);
    let screen = Rect::from_min_size(egui::Pos2::ZERO, size);
    for button in ["Claim", "Quote", "Demand", "Close"] {
        let rect = h.get_by_role_and_label(Role::Button, button).rect();
        assert!(screen.contains_rect(rect), "{button} at {rect:?}");
    }
    assert!(
        screen.contains_rect(h.get_by_label("Find").rect()),
        "the field's label"
    );
}
