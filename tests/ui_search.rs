//! Find in the document and across the corpus; select a match to tag it, or tag all at once.
#![cfg(feature = "app")]

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use whosaid::project::Label;

#[test]
fn find_in_the_corpus_go_to_a_match_and_tag_all_matches_in_one_step() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run_steps(3);
    h.get_by_label("Find").type_text("Security Guarantees");
    h.run_steps(3);
    // Counted independently of whosaid, ignoring case.
    let n: usize = std::fs::read_dir(sample.corpus())
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .map(|t| t.to_lowercase().matches("security guarantees").count())
        .sum();
    assert!(n > 5);
    assert!(h.query_by_label(&format!("{n} matches")).is_some());
    let before = h
        .state()
        .workspace()
        .unwrap()
        .project()
        .annotations()
        .count();

    // Enter goes to the first match, in its document, with the text selected.
    h.key_press(Key::Enter);
    h.run_steps(3);
    let doc = h.state().current_document().unwrap().to_string();
    let sel = h.state().selection();
    let ws = h.state().workspace().unwrap();
    let text = ws
        .corpus()
        .document(&doc)
        .unwrap()
        .text
        .slice(sel)
        .unwrap()
        .to_lowercase();
    assert_eq!(text, "security guarantees");

    h.get_by_label("Quote").click();
    h.run_steps(2);
    let ws = h.state().workspace().unwrap();
    assert_eq!(ws.project().annotations().count(), before + n);
    let tagged: Vec<_> = ws
        .project()
        .annotations()
        .filter(|(_, a)| {
            a.label == Label::Quote
                && a.fragments[0]
                    .text()
                    .eq_ignore_ascii_case("security guarantees")
        })
        .collect();
    assert_eq!(tagged.len(), n);
    // One undo removes them all.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state()
            .workspace()
            .unwrap()
            .project()
            .annotations()
            .count(),
        before
    );
}

#[test]
fn find_in_the_open_document_only() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "NATO’s Approach");
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(3);
    h.get_by_label("Find").type_text("grushko");
    h.run_steps(3);
    let n = {
        let ws = h.state().workspace().unwrap();
        let text = ws
            .corpus()
            .document("004_395019b86e74a298.txt")
            .unwrap()
            .text
            .as_str();
        text.matches("Grushko").count()
    };
    assert!(h.query_by_label(&format!("{n} matches")).is_some());
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(
        h.query_by_label("Find").is_none(),
        "Escape closes the find bar"
    );
}
