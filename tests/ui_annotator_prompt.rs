//! The first start's question for the analyst's name: typed straight away (the field has the
//! keyboard), Enter keeps it in the settings, Escape puts it off as "Later" does.
#![cfg(feature = "app")]

mod common;

use common::*;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;
use std::process::Command;
use whosaid::ui::{Settings, WhosaidApp};

/// A copy of the sample in a git repository whose `user.name` is empty, so that neither the
/// settings nor git give a name and the app asks, whatever the machine's global git settings.
fn sample_without_a_name() -> SampleCopy {
    let sample = SampleCopy::new();
    for args in [&["init", "-q"][..], &["config", "user.name", ""][..]] {
        let status = Command::new("git")
            .args(args)
            .current_dir(sample.dir.path())
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }
    sample
}

/// The app as `whosaid` starts on `project` with the settings in `settings_file`, run until the
/// name question is up.
fn asked(project: &Path, settings_file: &Path) -> Harness<'static, WhosaidApp> {
    let mut h = app_with(
        project,
        Settings::load_from(settings_file),
        egui::vec2(1280.0, 800.0),
    );
    wait_until_loaded(&mut h);
    for _ in 0..50 {
        if h.query_by_label("Your name").is_some() {
            return h;
        }
        h.run_steps(1);
    }
    panic!("the app did not ask for the analyst's name");
}

#[test]
fn a_name_typed_at_once_and_entered_is_kept_in_the_settings() {
    let sample = sample_without_a_name();
    let settings_file = sample.dir.path().join("config/settings.ron");
    let mut h = asked(&sample.project(), &settings_file);
    // No click first: the field has the keyboard when the question appears.
    h.event(egui::Event::Text("Ana Costa".into()));
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert!(
        h.query_by_label("Your name").is_none(),
        "the question stays up"
    );
    let kept = std::fs::read_to_string(&settings_file).expect("settings written");
    assert!(kept.contains("annotator: \"Ana Costa\""), "{kept}");
}

#[test]
fn escape_puts_the_question_off() {
    let sample = sample_without_a_name();
    let settings_file = sample.dir.path().join("config/settings.ron");
    let mut h = asked(&sample.project(), &settings_file);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.query_by_label("Your name").is_none(), "Escape left it up");
    // Put off, not answered: no name was recorded.
    assert!(Settings::load_from(&settings_file).annotator.is_empty());
}
