//! "Suggest in all documents" in the background: the status bar counts the documents done, Cancel
//! (or Escape) leaves no suggestions and says so, and an edit made meanwhile is not lost.
#![cfg(feature = "app")]

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use whosaid::project::Label;
use whosaid::synthetic;
use whosaid::ui::WhosaidApp;

const QUOTE: &str = "“We will not give up our land,”";

const ARTICLE: &str = "Talks in Berlin\n\
\n\
“We will not give up our land,” said Volodymyr Zelensky on Sunday.\n\
\n\
NATO urged Kyiv to hold elections.\n";

/// `a.txt` (opened first) and enough generated news articles that the engine takes a while on
/// them even in a release build.
fn big_corpus() -> (tempfile::TempDir, Harness<'static, WhosaidApp>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    synthetic::write_corpus(&root, 600, 5_000, 7).unwrap();
    std::fs::write(root.join("a.txt"), ARTICLE).unwrap();
    let h = app_on(&root);
    assert_eq!(h.state().current_document(), Some("a.txt"));
    (dir, h)
}

fn suggest_all(h: &mut Harness<'_, WhosaidApp>) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    h.step();
    assert!(h.state().is_suggesting(), "runs in the background");
}

fn pending_total(h: &Harness<'_, WhosaidApp>) -> usize {
    let ws = h.state().workspace().unwrap();
    ws.pending().values().map(Vec::len).sum()
}

#[test]
fn the_status_bar_counts_the_documents_then_says_how_many_were_found() {
    let (_dir, mut h) = big_corpus();
    suggest_all(&mut h);
    h.step();
    let (done, total) = h.state().suggesting_progress().expect("still running");
    assert_eq!(total, 601);
    assert!(done < total);
    assert!(is_shown_text(&h, "Suggesting in all documents: "));
    assert!(
        is_shown_text(&h, " of 601 · Escape cancels"),
        "the count is shown"
    );
    assert!(has_button(&h, "Cancel"));
    wait_until_suggested(&mut h);
    assert!(
        h.query_by_label_contains("Suggesting in all documents")
            .is_none()
    );
    let total = pending_total(&h);
    assert!(total > 600, "{total}");
    let status = h.state().status().to_string();
    let here = h.state().workspace().unwrap().pending_of("a.txt").len();
    assert!(here > 0);
    let thousands = whosaid::progress::thousands(total);
    assert!(
        status.starts_with(&format!("{total} suggestions in all documents"))
            || status.starts_with(&format!("{thousands} suggestions in all documents")),
        "{status}"
    );
    assert!(
        status.contains(&format!("{here} in this document")),
        "{status}"
    );
    assert!(is_shown_text(&h, &status));
}

fn is_shown_text(h: &Harness<'_, WhosaidApp>, text: &str) -> bool {
    h.query_by_label_contains(text).is_some()
}

#[test]
fn cancel_leaves_no_suggestions_and_says_so() {
    let (_dir, mut h) = big_corpus();
    suggest_all(&mut h);
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(!h.state().is_suggesting());
    assert_eq!(pending_total(&h), 0);
    assert_eq!(
        h.state().status(),
        "Suggesting cancelled: no suggestions were added"
    );
    assert!(is_shown_text(&h, "Suggesting cancelled"));
    // Nothing to undo: the run left no step.
    assert_eq!(
        h.state().workspace().unwrap().history().undo_description(),
        None
    );

    // Escape does the same.
    suggest_all(&mut h);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(!h.state().is_suggesting());
    assert_eq!(pending_total(&h), 0);
    assert!(h.state().status().starts_with("Suggesting cancelled"));
}

#[test]
fn a_span_tagged_while_it_runs_stays_and_is_not_proposed_again() {
    let (_dir, mut h) = big_corpus();
    suggest_all(&mut h);
    let start = offset_of(&h, "a.txt", QUOTE);
    let end = start + QUOTE.chars().count();
    drag_select(&mut h, start, end);
    h.key_press(Key::Num2);
    h.run_steps(2);
    // The speaker picker is up: Escape leaves the quote unattributed, and does not cancel.
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(
        h.state().is_suggesting(),
        "Escape went to the picker, not to the run"
    );
    wait_until_suggested(&mut h);

    let ws = h.state().workspace().unwrap();
    let quotes: Vec<_> = ws
        .project()
        .annotations()
        .filter(|(_, a)| a.label == Label::Quote)
        .collect();
    assert_eq!(quotes.len(), 1, "the quote tagged meanwhile is there");
    assert_eq!((quotes[0].1.start(), quotes[0].1.end()), (start, end));
    assert!(
        !ws.pending_of("a.txt")
            .iter()
            .any(|p| p.label == Label::Quote && p.start() < end && start < p.end()),
        "{:#?}",
        ws.pending_of("a.txt")
    );
    assert!(pending_total(&h) > 600);
    // Two steps: the suggestions, then the tag.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(pending_total(&h), 0);
    let ws = h.state().workspace().unwrap();
    assert_eq!(ws.project().annotations().count(), 1);
    assert_eq!(ws.history().undo_description(), Some("Tag quote"));
}
