//! A table of articles whose text and id columns have no usual names: the analyst picks them
//! (a dialog in the app, `--text-column` / `--id-column` on the command line) and the project
//! keeps the choice, so that it opens again on the same documents.
#![cfg(feature = "app")]

mod common;

use common::*;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use std::path::Path;
use std::process::Command;
use whosaid::workspace::Workspace;

/// Two articles; no column is called text, body, id, guid…
const CSV: &str = "ref,headline,words\n\
                   kyiv-1,Talks in Kyiv,\"The minister said talks would resume on Monday.\"\n\
                   gaza-2,Aid in Gaza,\"Aid agencies said trucks were waiting at the border.\"\n";

fn table(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("scraped.csv");
    std::fs::write(&path, CSV).unwrap();
    path
}

#[test]
fn the_app_asks_for_the_columns_and_the_project_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let table = table(dir.path());
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(table.clone())));
    h.run_steps(4);
    assert!(
        h.query_by_label("Which columns?").is_some(),
        "no column picker"
    );
    assert!(
        h.state().workspace().unwrap().project_path().is_some(),
        "nothing opened yet"
    );

    let boxes: Vec<_> = h.get_all_by_role(Role::ComboBox).collect();
    assert_eq!(boxes.len(), 2, "text and id");
    boxes[0].click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "words").click();
    h.run_steps(2);
    h.get_all_by_role(Role::ComboBox).nth(1).unwrap().click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "ref").click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "Open").click();
    h.run_steps(3);

    let ws = h.state().workspace().unwrap();
    assert!(ws.project_path().is_none(), "a new project on the table");
    let paths: Vec<&str> = ws
        .corpus()
        .documents
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(paths, ["gaza-2", "kyiv-1"]);
    assert_eq!(
        ws.corpus().document("kyiv-1").unwrap().text.as_str(),
        "The minister said talks would resume on Monday."
    );

    // Saved (Save As proposes scraped.ron beside the table) and opened again: the same
    // documents, read with the columns picked.
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    let project = dir.path().join("scraped.ron");
    assert!(project.is_file(), "{} not written", project.display());
    let written = std::fs::read_to_string(&project).unwrap();
    assert!(written.contains("table_columns"), "{written}");
    let again = Workspace::open_project(&project).unwrap();
    assert!(again.warnings().is_empty(), "{:?}", again.warnings());
    let paths: Vec<&str> = again
        .corpus()
        .documents
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(paths, ["gaza-2", "kyiv-1"]);
}

#[derive(Debug)]
struct DroppedPath(std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn suggest_reads_a_table_with_the_columns_given() {
    let dir = tempfile::tempdir().unwrap();
    let table = table(dir.path());
    let out = dir.path().join("suggestions.jsonl");
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_whosaid"))
            .args([
                "suggest",
                table.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ])
            .args(extra)
            .output()
            .unwrap()
    };
    let without = run(&[]);
    assert!(!without.status.success());
    let said = String::from_utf8_lossy(&without.stderr);
    assert!(
        said.contains("scraped.csv") && said.contains("headline, ref, words"),
        "the table and its columns are named: {said}"
    );

    let with = run(&["--text-column", "words", "--id-column", "ref"]);
    assert!(
        with.status.success(),
        "{}",
        String::from_utf8_lossy(&with.stderr)
    );
    let suggestions = std::fs::read_to_string(&out).unwrap();
    assert!(
        suggestions.lines().count() >= 2,
        "a suggestion in each article: {suggestions}"
    );
    assert!(
        suggestions.contains("\"doc\":\"kyiv-1\"") && suggestions.contains("\"doc\":\"gaza-2\""),
        "{suggestions}"
    );

    let wrong = run(&["--text-column", "body"]);
    assert!(!wrong.status.success());
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert!(said.contains("no column \"body\""), "{said}");
}

#[test]
fn import_over_a_table_with_the_columns_given_keeps_them_in_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let table = table(dir.path());
    let annotations = dir.path().join("a.jsonl");
    std::fs::write(
        &annotations,
        r#"{"id":1,"doc":"kyiv-1","start":18,"end":46,"text":"talks would resume on Monday","fragments":[{"start":18,"end":46,"text":"talks would resume on Monday"}],"label":"claim","speaker":"The minister","speakers":["The minister"]}"#,
    )
    .unwrap();
    let project = dir.path().join("p.ron");
    let run = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["import", "--format", "jsonl"])
        .arg(&annotations)
        .arg("--corpus")
        .arg(&table)
        .args(["--text-column", "words", "--id-column", "ref", "-o"])
        .arg(&project)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // Opened again without any flag: the columns come from the project.
    let ws = Workspace::open_project(&project).unwrap();
    assert!(ws.warnings().is_empty(), "{:?}", ws.warnings());
    let (entry, a) = ws.project().annotations().next().unwrap();
    assert_eq!(entry.path, "kyiv-1");
    let text = &ws.corpus().document("kyiv-1").unwrap().text;
    assert_eq!(
        text.slice(a.start()..a.end()).unwrap(),
        "talks would resume on Monday"
    );
}
