//! The window as a desktop app: the View menu (zoom, theme) kept across starts in the settings
//! file, and files dropped on the window.
#![cfg(feature = "app")]

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;
use whosaid::ui::{Settings, ThemeChoice, WhosaidApp};

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
    let mut h = app_with(
        &sample.project(),
        Settings::load_from(&settings_file),
        egui::vec2(1280.0, 800.0),
    );
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

    let mut again = app_with(
        &sample.project(),
        Settings::load_from(&settings_file),
        egui::vec2(1280.0, 800.0),
    );
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

/// The most characters on one painted line of the open document's visible start, found from
/// where each character was painted.
fn longest_line(h: &mut Harness<'_, WhosaidApp>) -> usize {
    let doc = h.state().current_document().unwrap().to_string();
    let len = h
        .state()
        .workspace()
        .unwrap()
        .corpus()
        .document(&doc)
        .unwrap()
        .text
        .as_str()
        .chars()
        .count();
    let (mut longest, mut run, mut last_y) = (0, 0, f32::NAN);
    for offset in 0..len {
        // Paragraphs below the fold are not laid out.
        let Some(at) = h.state_mut().screen_pos_of(offset) else {
            assert!(offset > 1000, "only {offset} characters painted");
            break;
        };
        let y = at.y;
        run = if y == last_y { run + 1 } else { 1 };
        last_y = y;
        longest = longest.max(run);
    }
    longest
}

#[test]
fn a_line_of_text_stays_readable_on_a_wide_window_and_the_width_is_kept() {
    let sample = SampleCopy::new();
    let settings_file = sample.dir.path().join("config/whosaid/settings.ron");
    let mut h = app_with(
        &sample.project(),
        Settings::load_from(&settings_file),
        egui::vec2(1920.0, 1000.0),
    );
    let medium = longest_line(&mut h);
    assert!(
        (75..=100).contains(&medium),
        "{medium} characters on a line by default"
    );

    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Narrow column").click();
    h.run_steps(3);
    let narrow = longest_line(&mut h);
    assert!((55..=72).contains(&narrow), "{narrow} characters, narrow");
    assert_eq!(h.state().status(), "Reading width: narrow");

    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Full width").click();
    h.run_steps(3);
    let full = longest_line(&mut h);
    assert!(
        full > 150,
        "{full} characters in the full width of 1920 points"
    );
    drop(h);

    // The next start keeps the full width.
    let mut again = app_with(
        &sample.project(),
        Settings::load_from(&settings_file),
        egui::vec2(1920.0, 1000.0),
    );
    assert_eq!(longest_line(&mut again), full);
}

/// Tells the app where the window system put the window, as eframe does each frame.
fn place_window(
    h: &mut Harness<'_, WhosaidApp>,
    at: egui::Pos2,
    size: egui::Vec2,
    maximized: bool,
) {
    let viewport = h
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default();
    // A title bar of 30 points above the inner area.
    viewport.outer_rect = Some(egui::Rect::from_min_size(at, size + egui::vec2(0.0, 30.0)));
    viewport.inner_rect = Some(egui::Rect::from_min_size(at + egui::vec2(0.0, 30.0), size));
    viewport.maximized = Some(maximized);
    h.run_steps(2);
}

#[test]
fn the_window_opens_where_it_was_closed() {
    let sample = SampleCopy::new();
    let settings_file = sample.dir.path().join("config/whosaid/settings.ron");
    let mut h = app_with(
        &sample.project(),
        Settings::load_from(&settings_file),
        egui::vec2(1280.0, 800.0),
    );
    place_window(
        &mut h,
        egui::pos2(200.0, 100.0),
        egui::vec2(1000.0, 700.0),
        false,
    );
    request_close(&mut h);
    let place = Settings::load_from(&settings_file)
        .window
        .expect("the window's place is kept as it closes");
    assert_eq!(place.position, Some((200.0, 100.0)));
    assert_eq!(place.size, (1000.0, 700.0));
    assert!(!place.maximized);
    let builder = whosaid::ui::viewport_from(Some(&place), egui::ViewportBuilder::default());
    assert_eq!(builder.inner_size, Some(egui::vec2(1000.0, 700.0)));
    assert_eq!(builder.position, Some(egui::pos2(200.0, 100.0)));
    assert_eq!(builder.maximized, Some(false));
    drop(h);

    // Zoomed to 150 % and then maximized: the size it had before, at 100 %, and maximized.
    let mut h = app_with(
        &sample.project(),
        Settings::load_from(&settings_file),
        egui::vec2(1280.0, 800.0),
    );
    for _ in 0..5 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
        h.run_steps(1);
    }
    assert_eq!(h.ctx.zoom_factor(), 1.5);
    place_window(
        &mut h,
        egui::pos2(20.0, 10.0),
        egui::vec2(600.0, 400.0),
        false,
    );
    place_window(
        &mut h,
        egui::pos2(0.0, 0.0),
        egui::vec2(1200.0, 780.0),
        true,
    );
    request_close(&mut h);
    let place = Settings::load_from(&settings_file).window.unwrap();
    assert_eq!(place.size, (900.0, 600.0));
    assert_eq!(place.position, Some((30.0, 15.0)));
    assert!(place.maximized);
    let builder = whosaid::ui::viewport_from(Some(&place), egui::ViewportBuilder::default());
    assert_eq!(builder.maximized, Some(true));
    assert_eq!(builder.inner_size, Some(egui::vec2(900.0, 600.0)));
}

#[test]
fn the_first_start_opens_a_copy_of_the_sample_and_the_next_start_the_last_project() {
    let home = tempfile::tempdir().unwrap();
    let settings_file = home.path().join("config/whosaid/settings.ron");
    let data = home.path().join("data/whosaid/sample");
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/ukraine-nato.ron");
    let checkout_before = std::fs::read(&checkout).unwrap();

    let first = Settings::load_from(&settings_file)
        .startup_path(|| Some(whosaid::ui::sample::install(&data).expect("copied")))
        .expect("the first start opens the sample");
    assert_eq!(first, data.join("projects/ukraine-nato.ron"));
    let mut h = app_with(
        &first,
        Settings::load_from(&settings_file),
        egui::vec2(1280.0, 800.0),
    );
    let ws = h.state().workspace().unwrap();
    assert_eq!(ws.project().documents.len(), 5);
    assert!(
        ws.corpus()
            .root
            .starts_with(std::fs::canonicalize(&data).unwrap())
            || ws.corpus().root.starts_with(&data),
        "the corpus is read from the copy: {}",
        ws.corpus().root.display()
    );
    assert!(h.state().title().starts_with("ukraine-nato"));

    // An edit saved goes to the copy; the checkout's sample stays as it was.
    let copy_before = std::fs::read(&first).unwrap();
    h.key_press(Key::N);
    h.run_steps(1);
    h.key_press(Key::Delete);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(!h.state().workspace().unwrap().is_dirty());
    assert_ne!(
        std::fs::read(&first).unwrap(),
        copy_before,
        "saved to the copy"
    );
    assert_eq!(std::fs::read(&checkout).unwrap(), checkout_before);
    drop(h);

    // The next start reopens it (the analyst's work), never a fresh sample.
    let next = Settings::load_from(&settings_file)
        .startup_path(|| panic!("the sample is copied only on the first start"))
        .expect("the last project");
    assert_eq!(next, std::fs::canonicalize(&first).unwrap());
    whosaid::ui::sample::install(&data).unwrap();
    assert_ne!(
        std::fs::read(&first).unwrap(),
        copy_before,
        "the copy is kept"
    );
}
