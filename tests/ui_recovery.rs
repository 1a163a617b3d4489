//! Autosave and recovery through the UI: unsaved work reaches the recovery file within seconds,
//! a crash (panic) writes it on the way out, and the next start offers it back.
#![cfg(feature = "app")]

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::panic::AssertUnwindSafe;
use whosaid::project::recovery_path;
use whosaid::ui::{NoDialogs, Settings, WhosaidApp};

fn delete_first_annotation(h: &mut egui_kittest::Harness<'_, WhosaidApp>) -> usize {
    h.key_press(Key::N);
    h.run_steps(1);
    h.key_press(Key::Delete);
    h.run_steps(1);
    h.state()
        .workspace()
        .unwrap()
        .project()
        .annotations()
        .count()
}

#[test]
fn unsaved_work_is_autosaved_and_offered_back_on_the_next_start() {
    let sample = SampleCopy::new();
    let recovery = recovery_path(&sample.project());
    let mut h = app_on(&sample.project());
    let remaining = delete_first_annotation(&mut h);
    assert!(!recovery.exists(), "not while the analyst is still working");
    // Each harness frame is a quarter second: 3 s after the last change the work is on disk.
    h.run_steps(14);
    // The file is written on another thread, so that a big project never stalls the window.
    let started = std::time::Instant::now();
    while !recovery.exists() && started.elapsed().as_secs() < 10 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(recovery.exists(), "autosaved within seconds of the change");
    drop(h); // closed without saving, as a crash would

    let mut h = app_on(&sample.project());
    assert!(h.query_by_label("Restore unsaved work?").is_some());
    assert!(
        h.query_by_label_contains("0 annotations added, 0 changed, 1 removed")
            .is_some()
    );
    h.get_by_label("Restore").click();
    h.run_steps(2);
    let ws = h.state().workspace().unwrap();
    assert_eq!(ws.project().annotations().count(), remaining);
    assert!(ws.is_dirty(), "restored work is unsaved until saved");
    assert!(h.state().title().contains('•'));
}

#[test]
fn keeping_the_saved_version_sets_the_recovery_file_aside() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    delete_first_annotation(&mut h);
    h.run_steps(14);
    drop(h);
    let mut h = app_on(&sample.project());
    h.get_by_label("Keep the saved version").click();
    h.run_steps(2);
    let ws = h.state().workspace().unwrap();
    assert!(!ws.is_dirty());
    let on_disk = whosaid::project::load_project(&sample.project()).unwrap();
    assert_eq!(
        ws.project().annotations().count(),
        on_disk.annotations().count()
    );
    let aside = sample
        .dir
        .path()
        .join("projects/ukraine-nato.ron.recovery-declined");
    assert!(aside.exists());
}

#[test]
fn a_panic_writes_the_unsaved_work_to_the_recovery_file() {
    let sample = SampleCopy::new();
    let project = sample.project();
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let mut app = WhosaidApp::new(Box::new(NoDialogs), Settings::default());
        app.open_path(&project);
        let mut h = egui_kittest::Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .build_ui_state(
                |ui, app: &mut WhosaidApp| {
                    app.show(ui);
                    // A bug somewhere in a frame, right after a change (before any autosave).
                    if app.workspace().is_some_and(|ws| ws.is_dirty()) {
                        panic!("a bug");
                    }
                },
                app,
            );
        h.run_steps(2);
        h.key_press(Key::N);
        h.run_steps(1);
        h.key_press(Key::Delete);
        h.run_steps(1);
    }));
    assert!(outcome.is_err(), "the frame panicked");
    let recovery = recovery_path(&project);
    let text = std::fs::read_to_string(&recovery).expect("recovery file written during the panic");
    let recovered = whosaid::project::parse_project(&recovery, &text).unwrap();
    let saved = whosaid::project::load_project(&project).unwrap();
    assert_eq!(
        recovered.annotations().count(),
        saved.annotations().count() - 1
    );
}

#[test]
fn saving_soon_after_a_change_leaves_no_recovery_file() {
    let sample = SampleCopy::new();
    let recovery = recovery_path(&sample.project());
    let mut h = app_on(&sample.project());
    delete_first_annotation(&mut h);
    h.run_steps(4);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(!h.state().workspace().unwrap().is_dirty(), "saved");
    // Ten seconds on: past the autosave the change had scheduled.
    h.run_steps(40);
    // Any recovery file is written on another thread: give it time to land.
    let started = std::time::Instant::now();
    while started.elapsed().as_secs() < 3 {
        assert!(
            !recovery.exists(),
            "{} written after the save",
            recovery.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.run_steps(1);
    }
    assert!(!recovery.exists());
}
