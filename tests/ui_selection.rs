//! Selections follow Unicode text segmentation: a mouse drag snaps to whole words (Alt held: to the
//! character), Shift+Arrow steps by grapheme cluster and Ctrl+Shift+Arrow by word.

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use whosaid::ui::WhosaidApp;

const DOC: &str = "001_5b4937168b606144.txt";

/// Drags from code point `start` to `end` with `modifiers` held throughout.
fn drag_with(h: &mut Harness<'_, WhosaidApp>, start: usize, end: usize, modifiers: Modifiers) {
    h.event(egui::Event::ModifiersChanged(modifiers));
    drag_select(h, start, end);
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.run_steps(1);
}

fn selected_text(h: &Harness<'_, WhosaidApp>, doc: &str) -> String {
    let ws = h.state().workspace().unwrap();
    let text = &ws.corpus().document(doc).unwrap().text;
    text.slice(h.state().selection()).unwrap().to_owned()
}

#[test]
fn a_drag_begun_and_ended_inside_words_takes_the_whole_words() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "Ukraine’s Willingness to Drop");
    let phrase = "Ukraine cannot accept an arrangement";
    let start = offset_of(&h, DOC, phrase);
    // From inside "Ukraine" (after "Ukr") to inside "arrangement" (after "arr").
    drag_select(&mut h, start + 3, start + phrase.len() - 8);
    assert_eq!(selected_text(&h, DOC), phrase);
}

#[test]
fn a_drag_with_alt_selects_by_character() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "Ukraine’s Willingness to Drop");
    let phrase = "Ukraine cannot accept an arrangement";
    let start = offset_of(&h, DOC, phrase);
    drag_with(&mut h, start + 3, start + phrase.len() - 8, Modifiers::ALT);
    assert_eq!(selected_text(&h, DOC), "aine cannot accept an arr");
}

/// A corpus of one document with a flag, a decomposed accent and a ZWJ family in it.
fn emoji_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Flag 🇺🇦 and cafe\u{301} with 👩\u{200d}👩\u{200d}👦 said the minister.\n",
    )
    .unwrap();
    dir
}

#[test]
fn shift_arrows_step_over_whole_grapheme_clusters() {
    let corpus = emoji_corpus();
    let mut h = app_on(corpus.path());
    assert_eq!(h.state().current_document(), Some("a.txt"));
    click_text(&mut h, 4); // the space before the flag; the caret lands at one of its sides
    let caret = h.state().selection().start;
    assert!(caret == 4 || caret == 5, "caret at {caret}");
    if caret == 4 {
        h.key_press(Key::ArrowRight);
        h.run_steps(1);
    }
    let shift = Modifiers::SHIFT;
    h.key_press_modifiers(shift, Key::ArrowRight);
    h.run_steps(1);
    assert_eq!(h.state().selection(), 5..7, "the flag is one step");
    assert_eq!(selected_text(&h, "a.txt"), "🇺🇦");

    // Ctrl+Shift+Right: to the end of "and", then of "café" with its combining accent.
    h.key_press_modifiers(shift | Modifiers::COMMAND, Key::ArrowRight);
    h.key_press_modifiers(shift | Modifiers::COMMAND, Key::ArrowRight);
    h.run_steps(1);
    assert_eq!(selected_text(&h, "a.txt"), "🇺🇦 and cafe\u{301}");

    // Shift+Left takes the whole "é" (two code points) back off, then Shift+Right puts it back.
    h.key_press_modifiers(shift, Key::ArrowLeft);
    h.run_steps(1);
    assert_eq!(selected_text(&h, "a.txt"), "🇺🇦 and caf");
    h.key_press_modifiers(shift, Key::ArrowRight);
    h.run_steps(1);
    assert_eq!(selected_text(&h, "a.txt"), "🇺🇦 and cafe\u{301}");
    // On to the end of "with", then one step over the space and one over the family.
    h.key_press_modifiers(shift | Modifiers::COMMAND, Key::ArrowRight);
    h.key_press_modifiers(shift, Key::ArrowRight);
    h.key_press_modifiers(shift, Key::ArrowRight);
    h.run_steps(1);
    assert_eq!(
        selected_text(&h, "a.txt"),
        "🇺🇦 and cafe\u{301} with 👩\u{200d}👩\u{200d}👦",
        "the family of five code points is one step"
    );
}
