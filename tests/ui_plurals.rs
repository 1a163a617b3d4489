//! Counts read as English: "1 match", "1 annotation", never "1 matches".

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

#[test]
fn one_match_is_singular_and_two_plural() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "NATO’s Approach");
    let text = h
        .state()
        .workspace()
        .unwrap()
        .corpus()
        .document("004_395019b86e74a298.txt")
        .unwrap()
        .text
        .as_str()
        .to_owned();
    // A word found exactly once, and one found more than once, in the open document.
    let words: Vec<&str> = text.split_whitespace().collect();
    let once = words
        .iter()
        .find(|w| {
            w.len() > 6 && w.chars().all(char::is_alphabetic) && text.matches(**w).count() == 1
        })
        .expect("a word that occurs once");
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(3);
    h.get_by_label("Find").type_text(once);
    h.run_steps(3);
    assert!(
        h.query_by_label("1 match").is_some(),
        "no \"1 match\" for {once:?}"
    );
    assert!(h.query_by_label("1 matches").is_none());
    h.key_press(Key::Escape);
    h.run_steps(2);
}
