//! The speaker registry window: counts, who said what (and the jump to the text), proposed merges.
#![cfg(feature = "app")]

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

#[test]
fn who_said_what_lists_a_speakers_spans_across_documents_and_opens_one() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "NATO’s Approach");
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run_steps(3);
    assert!(h.query_by_label("18 speakers").is_some());
    h.get_by_label("Justin Logan").click();
    h.run_steps(3);
    // Grouped by label and article; both of his claims in one sentence show that sentence.
    assert!(
        h.query_by_label_contains("Claims · Ukraine’s recent offer to abandon")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Quotes · US security experts say")
            .is_some()
    );
    let sentence = "Justin Logan, director of defense and foreign policy studies at the Cato \
                    Institute, said Ukraine’s NATO membership has not been realistic for years and \
                    that the offer does little to change negotiations.";
    assert_eq!(h.query_all_by_label_contains(sentence).count(), 2);
    h.get_by_label_contains(
        "realistic in a long time anyway, said Mr Logan and Professor Andrew Michta",
    )
    .click();
    h.run_steps(3);
    assert_eq!(
        h.state().current_document(),
        Some("002_841add45dd8341c3.txt")
    );
    let id = h.state().selected_annotation().unwrap();
    let ws = h.state().workspace().unwrap();
    let (_, a) = ws.project().find_annotation(id).unwrap();
    assert_eq!(a.speakers.len(), 2, "the joint attribution");
}

#[test]
fn a_new_spelling_of_a_known_speaker_is_proposed_for_merging_and_merged_in_one_undoable_step() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "Ukraine’s Willingness to Drop");
    let doc = "001_5b4937168b606144.txt";
    let start = offset_of(&h, doc, "The proposal was presented");
    drag_select(
        &mut h,
        start,
        start + "The proposal was presented".chars().count(),
    );
    h.key_press(Key::Num1);
    h.run_steps(3);
    h.get_by_label("Speaker name").focus();
    h.run_steps(1);
    h.get_by_label("Speaker name").type_text("Mr Zelenskyy");
    h.run_steps(2);
    // No registered name starts with this spelling, so Enter creates a new speaker from it.
    assert!(
        h.query_by_label_contains("New speaker “Mr Zelenskyy”")
            .is_some()
    );
    h.key_press(Key::Enter);
    h.run_steps(2);
    let id = h.state().selected_annotation().unwrap();
    let speakers_before = h.state().workspace().unwrap().project().speakers.len();

    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("“Mr Zelenskyy” into “Volodymyr Zelenskiy”")
            .is_some()
    );
    h.get_by_label("Merge #1").click();
    h.run_steps(3);
    let ws = h.state().workspace().unwrap();
    assert_eq!(ws.project().speakers.len(), speakers_before - 1);
    let (_, a) = ws.project().find_annotation(id).unwrap();
    assert_eq!(
        ws.project().speaker_name(a.speaker()),
        Some("Volodymyr Zelenskiy")
    );
    assert!(ws.project().speakers.iter().any(
        |s| s.name == "Volodymyr Zelenskiy" && s.aliases.contains(&"Mr Zelenskyy".to_string())
    ));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().workspace().unwrap().project().speakers.len(),
        speakers_before
    );
}

#[test]
fn deleting_a_used_speaker_asks_first_and_an_alias_can_be_split_out() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run_steps(3);
    h.get_by_label("Brett Bruen").click();
    h.run_steps(3);
    h.get_by_label("Delete").click();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("“Brett Bruen” is on 10 spans")
            .is_some()
    );
    h.get_by_label("Keep").click();
    h.run_steps(2);
    assert_eq!(h.state().workspace().unwrap().project().speakers.len(), 18);

    // "Mr Bruen" is the spelling of the Straits Times article: its spans go with it.
    h.get_by_label("Mr Bruen").click();
    h.run_steps(3);
    let ws = h.state().workspace().unwrap();
    let split = ws
        .project()
        .speakers
        .iter()
        .find(|s| s.name == "Mr Bruen")
        .expect("a new speaker");
    let moved = ws.project().speaker_use_count(split.id);
    let stayed = ws.project().speaker_use_count(
        ws.project()
            .speakers
            .iter()
            .find(|s| s.name == "Brett Bruen")
            .unwrap()
            .id,
    );
    assert!(moved > 0 && stayed > 0, "moved {moved}, stayed {stayed}");
    assert_eq!(moved + stayed, 10);
    for (_, a) in ws
        .project()
        .annotations()
        .filter(|(_, a)| a.mentions(split.id))
    {
        let around: String = a
            .fragments
            .iter()
            .map(|f| format!("{}{}{}", f.prefix(), f.text(), f.suffix()))
            .collect();
        assert!(around.contains("Mr Bruen"), "{around}");
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().workspace().unwrap().project().speakers.len(), 18);
}
