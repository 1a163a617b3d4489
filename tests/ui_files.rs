//! Files through the UI: opening a corpus folder, saving as (through the path field used when no
//! native dialog is available), unsaved-changes questions, bad files, export.
#![cfg(feature = "app")]

mod common;

use common::*;
use egui::{Key, Modifiers, ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use whosaid::ui::WhosaidApp;
use whosaid::workspace::Workspace;

fn viewport_commands(h: &Harness<'_, WhosaidApp>) -> Vec<ViewportCommand> {
    h.output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
}

fn request_close(h: &mut Harness<'_, WhosaidApp>) {
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    h.step();
}

fn make_dirty(h: &mut Harness<'_, WhosaidApp>) {
    h.key_press(Key::N);
    h.run_steps(1);
    h.key_press(Key::Delete);
    h.run_steps(2);
    assert!(h.state().workspace().unwrap().is_dirty());
}

#[test]
fn open_corpus_folder_tag_and_save_as_through_the_path_field() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    h.run_steps(2);
    h.get_by_label("Path")
        .type_text(&sample.corpus().display().to_string());
    h.key_press(Key::Enter);
    h.run_steps(1);
    wait_until_loaded(&mut h);
    let ws = h.state().workspace().unwrap();
    assert!(ws.project_path().is_none());
    assert_eq!(ws.project().documents.len(), 5);
    assert_eq!(ws.project().annotations().count(), 0);
    assert!(has_button(&h, "US security experts say Ukraine"));
    assert!(
        h.state().title().starts_with("corpus"),
        "{}",
        h.state().title()
    );

    let doc = h.state().current_document().unwrap().to_string();
    let start = offset_of(&h, &doc, "Justin Logan");
    drag_select(&mut h, start, start + 12);
    h.key_press(Key::Num2);
    h.run_steps(2);
    pick_in_picker(&mut h, "Justin Logan");

    // The project has no file yet: Ctrl+S asks where to save it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    let target = sample.dir.path().join("projects/new.ron");
    // The field proposes corpus.ron beside the corpus folder; replace it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Path")
        .type_text(&target.display().to_string());
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert!(!h.state().workspace().unwrap().is_dirty());
    assert!(
        h.state().title().starts_with("new — whosaid"),
        "{}",
        h.state().title()
    );

    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.contains("corpus: \"../assets/corpus\""), "{text}");
    assert!(text.contains("text: \"Justin Logan\""));
    let ws = Workspace::open_project(&target).unwrap();
    assert_eq!(ws.project().speakers[0].name, "Justin Logan");
    assert_eq!(
        ws.project().view.open_document.as_deref(),
        Some(doc.as_str())
    );
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    // Nothing changed: closing goes ahead.
    request_close(&mut h);
    assert!(!viewport_commands(&h).contains(&ViewportCommand::CancelClose));

    make_dirty(&mut h);
    request_close(&mut h);
    assert!(viewport_commands(&h).contains(&ViewportCommand::CancelClose));
    h.run_steps(2);
    assert!(h.query_by_label("Unsaved changes").is_some());
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.query_by_label("Unsaved changes").is_none());

    request_close(&mut h);
    h.run_steps(2);
    h.get_by_label("Save").click();
    h.step();
    assert!(viewport_commands(&h).contains(&ViewportCommand::Close));
    assert!(!h.state().workspace().unwrap().is_dirty());
    let on_disk = Workspace::open_project(&sample.project()).unwrap();
    assert_eq!(
        on_disk.project().annotations().count(),
        h.state()
            .workspace()
            .unwrap()
            .project()
            .annotations()
            .count()
    );
}

#[test]
fn opening_another_project_with_unsaved_changes_asks_first() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    make_dirty(&mut h);
    let count = h
        .state()
        .workspace()
        .unwrap()
        .project()
        .annotations()
        .count();

    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(2);
    h.get_by_label("Path")
        .type_text(&sample.project().display().to_string());
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert!(h.query_by_label("Unsaved changes").is_some());
    h.get_by_label("Discard changes").click();
    h.run_steps(2);
    wait_until_loaded(&mut h);
    let ws = h.state().workspace().unwrap();
    assert_eq!(
        ws.project().annotations().count(),
        count + 1,
        "reopened from disk"
    );
    assert!(!ws.is_dirty());
}

#[test]
fn a_broken_project_file_is_reported_with_its_place_and_nothing_is_lost() {
    let sample = SampleCopy::new();
    let broken = sample.dir.path().join("projects/broken.ron");
    std::fs::write(&broken, "(\n  format_version: 1,\n  corpus: \"../assets/corpus\",\n  speakers: [(id: 1, name: )],\n)").unwrap();
    let mut h = app_on(&sample.project());
    make_dirty(&mut h);
    h.state_mut().open_path(&broken);
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("broken.ron:4:").is_some(),
        "message names file and line"
    );
    // The open project is untouched, unsaved changes included.
    assert!(h.state().workspace().unwrap().is_dirty());
    assert_eq!(
        std::fs::read_to_string(&broken).unwrap().lines().count(),
        5,
        "the bad file is not modified"
    );
}

/// File > Export > `item`.
fn export_from_menu(h: &mut egui_kittest::Harness<'_, whosaid::ui::WhosaidApp>, item: &str) {
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Export").hover();
    h.run_steps(2);
    h.get_by_label(item).hover();
    h.run_steps(1);
    h.get_by_label(item).click();
    h.run_steps(4);
}

#[test]
fn export_from_the_file_menu_writes_a_brat_folder() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    export_from_menu(&mut h, "brat folder…");
    let suggested = h.get_by_label("Path").value().unwrap_or_default();
    assert!(suggested.ends_with("brat-export"), "{suggested}");
    h.key_press(Key::Enter);
    h.run_steps(2);
    let folder = std::path::PathBuf::from(suggested);
    let anns: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "ann"))
        .collect();
    assert_eq!(anns.len(), 5, "one .ann per document");
    assert!(folder.join("annotation.conf").exists());
    assert!(
        h.state().status().contains("Exported"),
        "{}",
        h.state().status()
    );
}

#[test]
fn export_from_the_file_menu_writes_jsonl() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    export_from_menu(&mut h, "JSON Lines…");
    let out = sample.dir.path().join("out.jsonl");
    // The field suggests a file beside the project; replace it.
    let suggested = h.get_by_label("Path").value().unwrap_or_default();
    assert!(suggested.ends_with("annotations.jsonl"), "{suggested}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Path").type_text(&out.display().to_string());
    h.key_press(Key::Enter);
    h.run_steps(2);
    let text = std::fs::read_to_string(&out).unwrap();
    let total = h
        .state()
        .workspace()
        .unwrap()
        .project()
        .annotations()
        .count();
    assert_eq!(text.lines().count(), total);
    assert!(h.state().status().contains("Exported"));
}

#[test]
fn done_marks_and_document_switching_survive_save_and_reopen() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    assert!(h.query_by_label_contains("1/5 done").is_some());
    // Tick a document's box with the mouse, and mark another from the keyboard.
    h.get_by_label("Done: NATO’s Approach to Ukraine Peace Talks Faces Critical Hurdles")
        .click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    h.run_steps(2);
    let doc = h.state().current_document().unwrap().to_string();
    assert_eq!(
        doc, "001_5b4937168b606144.txt",
        "from 002, one document back"
    );
    h.key_press(Key::M);
    h.run_steps(2);
    assert!(h.query_by_label_contains("3/5 done").is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    drop(h);

    let h = app_on(&sample.project());
    assert!(h.query_by_label_contains("3/5 done").is_some());
    assert_eq!(h.state().current_document(), Some(doc.as_str()));
    let ws = h.state().workspace().unwrap();
    let done: Vec<&str> = ws
        .project()
        .documents
        .iter()
        .filter(|d| d.done)
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(
        done,
        [
            "000_06f3196ba6b743a6.txt",
            "001_5b4937168b606144.txt",
            "004_395019b86e74a298.txt"
        ]
    );
}

#[test]
fn saved_projects_appear_under_open_recent() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Open recent").hover();
    h.run_steps(3);
    let shown = std::fs::canonicalize(sample.project())
        .unwrap()
        .display()
        .to_string();
    assert!(h.query_by_label(&shown).is_some(), "{shown} listed");
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    // Someone else's change lands (a git pull).
    let theirs = std::fs::read_to_string(sample.project())
        .unwrap()
        .replace("name: \"Justin Logan\"", "name: \"Justin P. Logan\"");
    std::fs::write(sample.project(), &theirs).unwrap();
    make_dirty(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    assert!(h.query_by_label("The project changed on disk").is_some());
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(std::fs::read_to_string(sample.project()).unwrap(), theirs);
    assert!(h.state().workspace().unwrap().is_dirty());

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    h.get_by_label("Overwrite with my version").click();
    h.run_steps(2);
    let ours = std::fs::read_to_string(sample.project()).unwrap();
    assert!(ours.contains("name: \"Justin Logan\""));
    let backup = whosaid::workspace::backup_path(&sample.project());
    assert_eq!(std::fs::read_to_string(backup).unwrap(), theirs);
    assert!(!h.state().workspace().unwrap().is_dirty());
}

#[test]
fn a_100_mb_article_opens_in_the_background_while_the_window_keeps_drawing() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let paragraph =
        "“We will not give up,” said Zelenskiy – firmly, and the talks went on. ".repeat(14);
    let mut text = String::from("A very long article\n");
    while text.len() < 100 * 1024 * 1024 {
        text.push_str(&paragraph);
        text.push('\n');
    }
    std::fs::write(corpus.join("long.txt"), &text).unwrap();
    drop(text);

    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    h.run_steps(2);
    h.get_by_label("Path")
        .type_text(&corpus.display().to_string());
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert!(h.state().is_loading(), "still loading after two frames");
    // The loading thread reports its stage; the window shows it on its next frames.
    let started = std::time::Instant::now();
    while h
        .query_by_label_contains("Loading the corpus: 1 of 1")
        .is_none()
        && h.state().is_loading()
        && started.elapsed().as_secs() < 20
    {
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run_steps(1);
    }
    assert!(
        h.query_by_label_contains("Loading the corpus: 1 of 1")
            .is_some(),
        "progress is shown"
    );
    // The old project stays usable meanwhile.
    assert!(has_button(&h, "NATO’s Approach"));
    wait_until_loaded(&mut h);
    assert!(has_button(&h, "A very long article"));
    let ws = h.state().workspace().unwrap();
    assert!(ws.corpus().documents[0].text.char_len() > 90_000_000);
}

#[test]
fn import_from_the_file_menu_makes_an_unsaved_project_from_another_tools_annotations() {
    let sample = SampleCopy::new();
    // Annotations as another tool would hand them over: here whosaid's own JSON Lines.
    let jsonl = sample.dir.path().join("from-elsewhere.jsonl");
    let original = whosaid::workspace::Workspace::open_project(&sample.project()).unwrap();
    let mut bytes = Vec::new();
    whosaid::interop::write_jsonl(&whosaid::interop::export_records(&original), &mut bytes)
        .unwrap();
    std::fs::write(&jsonl, bytes).unwrap();

    let mut h = app_on(&sample.project());
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Import…").hover();
    h.run_steps(1);
    h.get_by_label("Import…").click();
    h.run_steps(3);
    assert!(h.query_by_label("Import annotations").is_some());
    h.get_by_label("whosaid JSON Lines").click();
    h.run_steps(1);
    let from = h.get_by_label("From");
    from.focus();
    h.run_steps(1);
    h.get_by_label("From")
        .type_text(&jsonl.display().to_string());
    h.run_steps(1);
    let corpus = h.get_by_label("Corpus folder").value().unwrap_or_default();
    assert!(
        corpus.ends_with("corpus"),
        "the open corpus is offered: {corpus}"
    );
    h.get_by_label("Import").click();
    h.run_steps(3);
    let ws = h.state().workspace().unwrap();
    assert_eq!(
        ws.project().annotations().count(),
        original.project().annotations().count()
    );
    assert!(
        ws.project_path().is_none() && ws.is_dirty(),
        "unsaved until saved"
    );
    assert!(
        h.state().status().contains("Imported"),
        "{}",
        h.state().status()
    );
}
