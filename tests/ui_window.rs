//! The window as a desktop app: the View menu (zoom, theme) kept across starts in the settings
//! file, and files dropped on the window.
#![cfg(feature = "app")]

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;
use whosaid::ui::{NoDialogs, Settings, ThemeChoice, WhosaidApp};

/// The app on `project` with the settings kept in `settings_file`, as `whosaid` starts.
fn app_with_settings(project: &Path, settings_file: &Path) -> Harness<'static, WhosaidApp> {
    let mut app = WhosaidApp::new(Box::new(NoDialogs), Settings::load_from(settings_file));
    app.open_path(project);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut WhosaidApp| app.show(ui), app);
    harness.run_steps(3);
    harness
}

#[test]
fn the_view_menu_has_zoom_and_theme() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    h.get_by_label("View").click();
    h.run_steps(2);
    for entry in [
        "Zoom in",
        "Zoom out",
        "Actual size",
        "Light theme",
        "Dark theme",
        "Theme of the system",
    ] {
        assert!(has_button(&h, entry), "no {entry:?} in the View menu");
    }
    h.get_by_label_contains("Zoom in").click();
    h.run_steps(2);
    assert_eq!(h.ctx.zoom_factor(), 1.1);
    assert_eq!(h.state().status(), "Zoom 110 %");
}

#[test]
fn zoom_and_theme_come_back_on_the_next_start() {
    let sample = SampleCopy::new();
    let settings_file = sample.dir.path().join("config/whosaid/settings.ron");
    let mut h = app_with_settings(&sample.project(), &settings_file);
    assert_eq!(h.ctx.zoom_factor(), 1.0);
    // Ctrl+Plus twice and Ctrl+Minus once: one step of 10 % larger. Egui's own zoom keys are
    // off, or each press would zoom twice.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run_steps(2);
    assert_eq!(h.ctx.zoom_factor(), 1.2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run_steps(2);
    assert_eq!(h.ctx.zoom_factor(), 1.1);
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Dark theme").click();
    h.run_steps(2);
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);

    let kept = std::fs::read_to_string(&settings_file).expect("the settings file is written");
    assert!(kept.contains("zoom: 1.1"), "{kept}");
    assert!(kept.contains("theme: Dark"), "{kept}");
    drop(h);

    let mut again = app_with_settings(&sample.project(), &settings_file);
    again.run_steps(2);
    assert_eq!(again.ctx.zoom_factor(), 1.1);
    assert_eq!(
        again.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Dark
    );
    assert_eq!(again.ctx.theme(), egui::Theme::Dark);

    // Ctrl+0 is back to 100 %, and that is kept too.
    again.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    again.run_steps(2);
    assert_eq!(again.ctx.zoom_factor(), 1.0);
    assert_eq!(Settings::load_from(&settings_file).zoom, 1.0);
    assert_eq!(Settings::load_from(&settings_file).theme, ThemeChoice::Dark);
}

/// A file dropped on the window, as the desktop hands it to egui.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_on_window(h: &mut Harness<'_, WhosaidApp>, path: &Path) {
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.to_owned())));
    h.run_steps(2);
}

#[test]
fn a_folder_or_a_project_dropped_on_the_window_is_opened() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    assert!(h.state().workspace().unwrap().project_path().is_some());

    // A file whosaid cannot open is refused with a word, and the project stays.
    let text = sample
        .corpus()
        .read_dir()
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    drop_on_window(&mut h, &text);
    assert!(
        h.state().status().starts_with("Cannot open"),
        "{}",
        h.state().status()
    );
    assert!(h.state().workspace().unwrap().project_path().is_some());

    drop_on_window(&mut h, &sample.corpus());
    wait_until_loaded(&mut h);
    let ws = h.state().workspace().unwrap();
    assert!(
        ws.project_path().is_none(),
        "the dropped corpus is a new project"
    );
    assert_eq!(ws.project().documents.len(), 5);
    assert!(
        h.state().title().starts_with("corpus"),
        "{}",
        h.state().title()
    );

    drop_on_window(&mut h, &sample.project());
    wait_until_loaded(&mut h);
    let ws = h.state().workspace().unwrap();
    assert!(ws.project_path().is_some());
    assert!(ws.project().annotations().count() > 0);
}

#[test]
fn a_drop_over_unsaved_work_asks_first() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    h.key_press(Key::N);
    h.run_steps(1);
    h.key_press(Key::Delete);
    h.run_steps(2);
    assert!(h.state().workspace().unwrap().is_dirty());
    drop_on_window(&mut h, &sample.corpus());
    h.run_steps(2);
    assert!(h.query_by_label("Unsaved changes").is_some());
    assert!(h.state().workspace().unwrap().project_path().is_some());
    h.get_by_label("Discard changes").click();
    h.run_steps(2);
    wait_until_loaded(&mut h);
    assert!(h.state().workspace().unwrap().project_path().is_none());
}

#[test]
fn save_as_on_a_new_corpus_proposes_name_ron_beside_it_and_adds_ron() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.corpus());
    assert!(h.state().workspace().unwrap().project_path().is_none());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(2);
    let corpus = std::fs::canonicalize(sample.corpus()).unwrap();
    let proposed = h.get_by_label("Path").value().unwrap_or_default();
    let beside = corpus.with_file_name("corpus.ron");
    assert_eq!(proposed, beside.display().to_string());

    // A name typed without `.ron` gets it.
    let typed = sample.dir.path().join("projects/mine");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Path")
        .type_text(&typed.display().to_string());
    h.key_press(Key::Enter);
    h.run_steps(2);
    let written = sample.dir.path().join("projects/mine.ron");
    assert!(written.is_file(), "{} not written", written.display());
    assert!(!typed.exists());
    assert!(
        h.state().title().starts_with("mine — whosaid"),
        "{}",
        h.state().title()
    );
    let again = whosaid::workspace::Workspace::open_project(&written).expect("loads again");
    assert_eq!(again.project().documents.len(), 5);
}

fn request_close(h: &mut Harness<'_, WhosaidApp>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run_steps(3);
}

#[test]
fn the_unsaved_changes_question_takes_escape_and_enter() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    let before = std::fs::read_to_string(sample.project()).unwrap();
    h.key_press(Key::N);
    h.run_steps(1);
    h.key_press(Key::Delete);
    h.run_steps(2);
    assert!(h.state().workspace().unwrap().is_dirty());

    request_close(&mut h);
    assert!(h.query_by_label("Unsaved changes").is_some());
    // Escape: cancel, nothing saved, the window stays.
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.query_by_label("Unsaved changes").is_none());
    assert!(h.state().workspace().unwrap().is_dirty());
    assert_eq!(std::fs::read_to_string(sample.project()).unwrap(), before);

    // Enter: the default button, Save, and then what was asked goes ahead (here a drop).
    drop_on_window(&mut h, &sample.corpus());
    h.run_steps(2);
    assert!(h.query_by_label("Unsaved changes").is_some());
    h.key_press(Key::Enter);
    h.run_steps(2);
    wait_until_loaded(&mut h);
    assert!(h.query_by_label("Unsaved changes").is_none());
    assert_ne!(std::fs::read_to_string(sample.project()).unwrap(), before);
    let ws = h.state().workspace().unwrap();
    assert!(ws.project_path().is_none(), "the corpus dropped is open");
}
