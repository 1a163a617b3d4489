//! The path fields the app shows where no native file dialog is available, and the Import
//! dialog's Browse buttons: Tab completes a path, a path is checked before anything is asked.
#![cfg(feature = "app")]

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use whosaid::ui::{DialogOutcome, FileDialogs, Settings, WhosaidApp};

fn field(h: &Harness<'_, WhosaidApp>, name: &str) -> String {
    h.get_by_label(name).value().unwrap_or_default()
}

#[test]
fn tab_completes_the_path_and_a_path_with_nothing_there_is_said_before_saving_is_asked() {
    let sample = SampleCopy::new();
    let root = sample.dir.path().display().to_string();
    let mut h = app_on(&sample.project());
    // Unsaved work: opening something else would ask about it.
    h.key_press(Key::N);
    h.run_steps(1);
    h.key_press(Key::Delete);
    h.run_steps(2);
    assert!(h.state().workspace().unwrap().is_dirty());

    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(2);
    h.get_by_label("Path").type_text(&format!("{root}/pro"));
    h.run_steps(1);
    h.key_press(Key::Tab);
    h.run_steps(2);
    assert_eq!(field(&h, "Path"), format!("{root}/projects/"));
    h.get_by_label("Path").type_text("ukr");
    h.run_steps(1);
    h.key_press(Key::Tab);
    h.run_steps(2);
    assert_eq!(
        field(&h, "Path"),
        format!("{root}/projects/ukraine-nato.ron")
    );

    // Two entries start with "a": completed to what they share, both listed.
    std::fs::create_dir(sample.dir.path().join("archive")).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Path").type_text(&format!("{root}/a"));
    h.run_steps(1);
    h.key_press(Key::Tab);
    h.run_steps(2);
    assert_eq!(field(&h, "Path"), format!("{root}/a"));
    assert!(h.query_by_label("archive/   assets/").is_some());

    // A path with nothing there: said in the prompt, which stays; no question about saving.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Path")
        .type_text(&format!("{root}/projects/nope.ron"));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert!(h.query_by_label("Unsaved changes").is_none());
    assert!(
        h.query_by_label_contains("Nothing at").is_some(),
        "the prompt says the path is wrong"
    );
    assert!(h.query_by_label("Path").is_some(), "the prompt stays open");

    // The corpus, which is there: now the question comes.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Path")
        .type_text(&format!("{root}/assets/corpus"));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert!(h.query_by_label("Unsaved changes").is_some());
}

#[test]
fn a_recent_project_since_moved_is_said_missing_without_asking_to_save() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    h.key_press(Key::N);
    h.run_steps(1);
    h.key_press(Key::Delete);
    h.run_steps(2);
    let gone = sample.dir.path().join("moved.ron");
    drop_on_window(&mut h, &gone);
    h.run_steps(2);
    assert!(h.query_by_label("Unsaved changes").is_none());
    assert!(
        h.query_by_label("Could not open").is_some(),
        "{}",
        h.state().status()
    );
    assert!(
        h.state().workspace().unwrap().is_dirty(),
        "the work is kept"
    );
}

/// File dialogs that answer with `picked`, or say none can be shown.
struct Answering(Option<PathBuf>);

impl FileDialogs for Answering {
    fn ask(&self, _: whosaid::ui::DialogKind, _: Option<&Path>, _: Option<&str>) -> DialogOutcome {
        match &self.0 {
            Some(p) => DialogOutcome::Picked(p.clone()),
            None => DialogOutcome::Unavailable,
        }
    }
}

fn app_with_dialogs(project: &Path, dialogs: Answering) -> Harness<'static, WhosaidApp> {
    let mut app = WhosaidApp::new(Box::new(dialogs), Settings::default());
    app.open_path(project);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut WhosaidApp| app.show(ui), app);
    harness.run_steps(3);
    harness
}

fn open_import(h: &mut Harness<'_, WhosaidApp>) {
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Import…").hover();
    h.run_steps(1);
    h.get_by_label("Import…").click();
    h.run_steps(3);
}

#[test]
fn the_import_dialog_browses_for_its_paths() {
    let sample = SampleCopy::new();
    let export = sample.dir.path().join("brat-export");
    std::fs::create_dir(&export).unwrap();
    let mut h = app_with_dialogs(&sample.project(), Answering(Some(export.clone())));
    open_import(&mut h);
    assert_eq!(field(&h, "From"), "");
    h.get_by_label("Browse… (from)").click();
    h.run_steps(2);
    assert_eq!(field(&h, "From"), export.display().to_string());
    h.get_by_label("Browse… (corpus folder)").click();
    h.run_steps(2);
    assert_eq!(field(&h, "Corpus folder"), export.display().to_string());

    // Without a file dialog on the system, the dialog says to type the path.
    let mut h = app_with_dialogs(&sample.project(), Answering(None));
    open_import(&mut h);
    h.get_by_label("Browse… (from)").click();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("No file dialog on this system")
            .is_some()
    );
    assert_eq!(field(&h, "From"), "");
}
