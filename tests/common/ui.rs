//! Driving the app headless with egui_kittest: a harness on a project, selecting text, clicking,
//! picking speakers, as an analyst would.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;
use whosaid::ui::{NoDialogs, Settings, WhosaidApp};

/// The app without native dialogs (the path field fallback is used) and without user settings.
pub fn app_on(path: &Path) -> Harness<'static, WhosaidApp> {
    app_with_frame_time(path, 0.25)
}

/// As [`app_on`], with simulated seconds per frame (double clicks need short ones).
pub fn app_with_frame_time(path: &Path, seconds: f32) -> Harness<'static, WhosaidApp> {
    let mut app = WhosaidApp::new(Box::new(NoDialogs), Settings::default());
    app.open_path(path);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_step_dt(seconds)
        .build_ui_state(|ui, app: &mut WhosaidApp| app.show(ui), app);
    harness.run_steps(3);
    harness
}

/// The app on `project` with `settings` (e.g. [`Settings::load_from`] a file, as `whosaid`
/// starts) in a window of `size` points.
pub fn app_with(
    project: &Path,
    settings: Settings,
    size: egui::Vec2,
) -> Harness<'static, WhosaidApp> {
    let mut app = WhosaidApp::new(Box::new(NoDialogs), settings);
    app.open_path(project);
    let mut harness = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut WhosaidApp| app.show(ui), app);
    harness.run_steps(3);
    harness
}

/// The window system asks the app to close, as the title bar's close button does.
pub fn request_close(h: &mut Harness<'_, WhosaidApp>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run_steps(3);
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

/// Drops `path` (a folder, project or table, or nothing at all) on the window.
pub fn drop_on_window(h: &mut Harness<'_, WhosaidApp>, path: &Path) {
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.to_owned())));
    h.run_steps(2);
}

/// Code point offset of the `nth` occurrence of `needle` in a document of the open project.
pub fn offset_of(harness: &Harness<'_, WhosaidApp>, doc: &str, needle: &str) -> usize {
    let ws = harness.state().workspace().unwrap();
    let text = ws.corpus().document(doc).unwrap().text.as_str();
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {doc}"));
    text[..byte].chars().count()
}

/// Drags the mouse over the document from code point `start` to `end`, as a user selects text.
pub fn drag_select(harness: &mut Harness<'_, WhosaidApp>, start: usize, end: usize) {
    let from = harness
        .state_mut()
        .screen_pos_of(start)
        .expect("start is visible");
    let to = harness
        .state_mut()
        .screen_pos_of(end)
        .expect("end is visible");
    harness.hover_at(from);
    harness.step();
    harness.drag_at(from);
    harness.step();
    let mid = from + (to - from) * 0.5;
    harness.hover_at(mid);
    harness.step();
    harness.hover_at(to);
    harness.step();
    harness.drop_at(to);
    harness.run_steps(2);
}

/// Clicks the document text at the character at code point `offset`.
pub fn click_text(harness: &mut Harness<'_, WhosaidApp>, offset: usize) {
    let a = harness.state_mut().screen_pos_of(offset).expect("visible");
    let b = harness
        .state_mut()
        .screen_pos_of(offset + 1)
        .expect("visible");
    let pos = a + (b - a) * 0.5;
    harness.hover_at(pos);
    harness.step();
    harness.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.step();
    harness.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(2);
}

pub fn select_document(harness: &mut Harness<'_, WhosaidApp>, title_start: &str) {
    harness
        .get(
            egui_kittest::kittest::By::new()
                .role(egui::accesskit::Role::Button)
                .label_contains(title_start),
        )
        .click();
    harness.run_steps(3);
}

/// Whether a button whose label contains `text` is on screen (list rows are buttons).
pub fn has_button(harness: &Harness<'_, WhosaidApp>, text: &str) -> bool {
    harness
        .query_all(
            egui_kittest::kittest::By::new()
                .role(egui::accesskit::Role::Button)
                .label_contains(text),
        )
        .next()
        .is_some()
}

/// Steps the app until what it is opening in the background has arrived.
pub fn wait_until_loaded(harness: &mut Harness<'_, WhosaidApp>) {
    for _ in 0..12_000 {
        harness.step();
        if !harness.state().is_loading() {
            harness.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("still opening after a minute");
}

/// Steps the app until "Suggest in all documents", running in the background, has finished.
pub fn wait_until_suggested(harness: &mut Harness<'_, WhosaidApp>) {
    for _ in 0..12_000 {
        harness.step();
        if !harness.state().is_suggesting() {
            harness.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("still suggesting after a minute");
}

/// Types into the open speaker picker and presses Enter, as an analyst picks a speaker.
pub fn pick_in_picker(harness: &mut Harness<'_, WhosaidApp>, typed: &str) {
    harness.get_by_label("Speaker name").type_text(typed);
    harness.run_steps(2);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
}
