//! Annotations survive edits to the articles: a paragraph inserted above, a typo fixed inside a
//! span, a sentence deleted. Checked through the workspace, `whosaid check` and the app.

mod common;

use common::*;
#[cfg(feature = "app")]
use egui_kittest::kittest::Queryable;
use std::process::Command;
use whosaid::project::AnchorStatus;
use whosaid::workspace::{DocStatus, Workspace};

const DOC: &str = "000_06f3196ba6b743a6.txt";
const DELETED: &str = " Justin Logan, director of defense and foreign policy studies at the Cato Institute, said Ukraine’s NATO membership has not been realistic for years and that the offer does little to change negotiations.";

/// Edits the copy of the first article: a note above everything, a typo inside an annotated
/// span, and a deleted sentence that held two annotations.
fn edit_article(sample: &SampleCopy) {
    let path = sample.corpus().join(DOC);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(DELETED));
    let edited = format!("Editor’s note: this article was updated.\n{text}")
        .replace(DELETED, "")
        .replace(
            "the move is largely symbolic",
            "the move is largly symbolic",
        );
    std::fs::write(path, edited).unwrap();
}

fn whosaid(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn edited_article_annotations_move_get_flagged_or_become_orphans_never_dropped() {
    let sample = SampleCopy::new();
    let before = Workspace::open_project(&sample.project()).unwrap();
    let count = before.project().document(DOC).unwrap().annotations.len();
    edit_article(&sample);

    let ws = Workspace::open_project(&sample.project()).unwrap();
    assert!(ws.is_dirty(), "re-anchoring changed the project");
    let entry = ws.project().document(DOC).unwrap();
    assert_eq!(entry.annotations.len(), count, "nothing dropped");
    let doc = ws.corpus().document(DOC).unwrap();
    assert_eq!(entry.hash, doc.hash);
    let mut orphaned = Vec::new();
    for a in &entry.annotations {
        match a.anchor {
            AnchorStatus::Orphaned => orphaned.push(a.fragments[0].text().to_string()),
            AnchorStatus::Placed => {
                for f in &a.fragments {
                    assert_eq!(doc.text.slice(f.start..f.end), Some(f.text()));
                }
            }
            AnchorStatus::Review => {
                assert_eq!(a.fragments[0].text(), "the move is largly symbolic");
                assert_eq!(
                    doc.text.slice(a.start()..a.end()),
                    Some("the move is largly symbolic")
                );
            }
        }
    }
    orphaned.sort();
    assert_eq!(
        orphaned,
        [
            "Ukraine’s NATO membership has not been realistic for years",
            "the offer does little to change negotiations"
        ]
    );
    let report = ws
        .anchor_report()
        .docs
        .iter()
        .find(|d| d.path == DOC)
        .unwrap();
    assert!(matches!(&report.status, DocStatus::Reanchored { moves } if moves.len() >= count));
    assert_eq!(report.review.len(), 1);
    let others = ws.anchor_report().docs.iter().filter(|d| d.path != DOC);
    assert!(others.into_iter().all(|d| d.status == DocStatus::Unchanged));
}

#[test]
fn check_reports_per_document_and_fix_writes_the_reanchored_project() {
    let sample = SampleCopy::new();
    let project = sample.project();
    let p = project.to_str().unwrap();

    let out = whosaid(&["check", p]);
    assert!(out.status.success(), "an untouched sample is clean");
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches(": unchanged").count(), 5, "{text}");

    edit_article(&sample);
    let out = whosaid(&["check", p]);
    assert_eq!(out.status.code(), Some(1), "orphans make check fail");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(&format!("{DOC}: re-anchored (")), "{text}");
    assert!(text.contains("annotation 1: 0..143 -> 41..184"), "{text}");
    assert!(text.contains("-> orphaned"), "{text}");
    assert!(text.contains("(approximate: review)"), "{text}");
    assert!(
        text.contains("2 annotations orphaned, 1 to review"),
        "{text}"
    );
    let unfixed = std::fs::read(&project).unwrap();

    let out = whosaid(&["check", p, "--fix"]);
    assert_eq!(out.status.code(), Some(1));
    assert_ne!(
        std::fs::read(&project).unwrap(),
        unfixed,
        "project rewritten"
    );
    assert_eq!(
        std::fs::read(whosaid::workspace::backup_path(&project)).unwrap(),
        unfixed
    );
    let saved = std::fs::read_to_string(&project).unwrap();
    assert_eq!(saved.matches("anchor: Orphaned").count(), 2);
    assert_eq!(saved.matches("anchor: Review").count(), 1);
    // After the fix the offsets match the text: only the orphans are left to deal with.
    let out = whosaid(&["check", p]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&format!("{DOC}: unchanged, 2 orphaned")),
        "{text}"
    );

    // A missing document is reported and fails the check; the export still works for the rest.
    std::fs::remove_file(sample.corpus().join("004_395019b86e74a298.txt")).unwrap();
    let out = whosaid(&["check", p]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("004_395019b86e74a298.txt: missing from the corpus (14 annotations kept)"),
        "{text}"
    );
    let out = whosaid(&["export", p]);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("2 orphaned annotations are not exported")
    );
}

#[test]
#[cfg(feature = "app")]
fn the_app_lists_orphans_and_reattaches_one_to_new_text() {
    let sample = SampleCopy::new();
    edit_article(&sample);
    let mut h = app_on(&sample.project());
    assert!(
        h.query_by_label_contains("the text changed since it was annotated")
            .is_some()
    );
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(h.query_by_label("Orphaned annotations (2)").is_some());
    assert!(
        h.state().title().contains('•'),
        "re-anchored project is unsaved"
    );
    select_document(&mut h, "Editor’s note");

    // The sentence was reworded elsewhere: select the new text and re-attach the orphan to it.
    h.get_by_label_contains("the offer does little to change negotiations")
        .click();
    h.run_steps(2);
    let target = "largly symbolic";
    let start = offset_of(&h, DOC, target);
    drag_select(&mut h, start, start + target.chars().count());
    h.get_by_label("Re-attach to selected text").click();
    h.run_steps(3);
    assert!(h.query_by_label("Orphaned annotations (1)").is_some());
    let id = h.state().selected_annotation().unwrap();
    let ws = h.state().workspace().unwrap();
    let (_, a) = ws.project().find_annotation(id).unwrap();
    assert_eq!(a.anchor, AnchorStatus::Placed);
    assert_eq!(a.fragments[0].text(), target);
    assert!(has_button(&h, "Justin Logan: largly symbolic"));

    // The approximately placed annotation asks for review.
    h.get_by_label_contains("review Unnamed analysts").click();
    h.run_steps(2);
    h.get_by_label("Mark reviewed").click();
    h.run_steps(2);
    assert!(!has_button(&h, "review Unnamed analysts"));

    // Undo and redo take the list back and forth: it follows every change of the annotations,
    // though only the changed document is looked at again.
    let cmd = egui::Modifiers::COMMAND;
    for _ in 0..2 {
        h.key_press_modifiers(cmd, egui::Key::Z);
        h.run_steps(2);
    }
    assert!(h.query_by_label("Orphaned annotations (2)").is_some());
    for _ in 0..2 {
        h.key_press_modifiers(cmd | egui::Modifiers::SHIFT, egui::Key::Z);
        h.run_steps(2);
    }
    assert!(h.query_by_label("Orphaned annotations (1)").is_some());
    assert!(has_button(&h, "Justin Logan: largly symbolic"));
}

#[test]
#[cfg(feature = "app")]
fn offsets_beyond_the_document_open_as_moved_or_orphaned_never_a_panic() {
    let sample = SampleCopy::new();
    let text = std::fs::read_to_string(sample.project()).unwrap();
    // Push one annotation far past the end of its document, and break another's stored text.
    let broken = text
        .replacen("(start: 0, end: 143,", "(start: 90000, end: 90143,", 1)
        .replacen(
            "text: \"the move is largely symbolic\"",
            "text: \"words that are nowhere in the article\"",
            1,
        );
    assert_ne!(broken, text);
    std::fs::write(sample.project(), broken).unwrap();
    let ws = Workspace::open_project(&sample.project()).unwrap();
    let entry = ws.project().document(DOC).unwrap();
    let doc = ws.corpus().document(DOC).unwrap();
    let first = entry.annotations.iter().find(|a| a.id.0 == 1).unwrap();
    assert_eq!(
        first.anchor,
        AnchorStatus::Placed,
        "found again by its text"
    );
    assert_eq!((first.start(), first.end()), (0, 143));
    let lost = entry
        .annotations
        .iter()
        .find(|a| a.fragments[0].text().starts_with("words that"))
        .unwrap();
    assert_eq!(lost.anchor, AnchorStatus::Orphaned);
    for a in entry
        .annotations
        .iter()
        .filter(|a| a.anchor == AnchorStatus::Placed)
    {
        assert_eq!(
            doc.text.slice(a.start()..a.end()),
            Some(a.fragments[0].text())
        );
    }
    // And the app opens it too.
    let h = app_on(&sample.project());
    assert!(h.query_by_label("Orphaned annotations (1)").is_some());
}
