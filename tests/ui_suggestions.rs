//! Suggestions through the UI: run them (Ctrl+G), step through them (Tab), accept (Enter), reject
//! (Backspace), change label or speaker first, accept all; each one undoable step.
#![cfg(feature = "app")]

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use whosaid::project::{Label, Pending};
use whosaid::ui::WhosaidApp;

const QUOTE: &str = "“We will not give up our land,”";

const ARTICLE: &str = "Talks in Berlin\n\
\n\
“We will not give up our land,” said Volodymyr Zelensky on Sunday.\n\
\n\
NATO urged Kyiv to hold elections.\n\
\n\
The so-called “Pax Americana” is over.\n";

const OTHER: &str = "Summit in Vilnius\n\
\n\
“The door is open,” said Jens Stoltenberg on Tuesday.\n";

/// A corpus folder of two articles, nothing annotated; the app opens on `a.txt`.
fn corpus() -> (tempfile::TempDir, Harness<'static, WhosaidApp>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    std::fs::create_dir(&root).unwrap();
    std::fs::write(root.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(root.join("b.txt"), OTHER).unwrap();
    let h = app_on(&root);
    assert_eq!(h.state().current_document(), Some("a.txt"));
    (dir, h)
}

fn pending(h: &Harness<'_, WhosaidApp>, doc: &str) -> Vec<Pending> {
    h.state().workspace().unwrap().pending_of(doc).to_vec()
}

fn annotation_count(h: &Harness<'_, WhosaidApp>) -> usize {
    h.state()
        .workspace()
        .unwrap()
        .project()
        .annotations()
        .count()
}

fn press(h: &mut Harness<'_, WhosaidApp>, key: Key) {
    h.key_press(key);
    h.run_steps(2);
}

fn press_with(h: &mut Harness<'_, WhosaidApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run_steps(2);
}

fn suggest_here(h: &mut Harness<'_, WhosaidApp>) {
    press_with(h, Modifiers::COMMAND, Key::G);
}

fn the_quote(h: &Harness<'_, WhosaidApp>) -> Pending {
    pending(h, "a.txt")
        .into_iter()
        .find(|p| p.display_text() == QUOTE)
        .unwrap_or_else(|| panic!("the quote among {:#?}", pending(h, "a.txt")))
}

fn is_shown(h: &Harness<'_, WhosaidApp>, text: &str) -> bool {
    h.query_by_label_contains(text).is_some()
}

#[test]
fn ctrl_g_lists_the_quote_tab_makes_it_current_and_enter_accepts_it() {
    let (_dir, mut h) = corpus();
    assert!(is_shown(&h, "Suggestions (0)"));
    suggest_here(&mut h);

    let quote = the_quote(&h);
    let all = pending(&h, "a.txt");
    assert!(
        !all.iter()
            .any(|p| p.display_text().contains("Pax Americana")),
        "a scare quote is not a quote: {all:#?}"
    );
    assert!(
        all.iter().all(|p| !p.display_text().contains("Vilnius")),
        "only this document"
    );
    assert!(pending(&h, "b.txt").is_empty());
    let n = all.len();
    assert!(
        h.state().status().starts_with(&format!("{n} suggestion")),
        "{}",
        h.state().status()
    );
    assert!(h.state().status().contains("in this document"));
    // The list shows it with its proposed speaker.
    assert!(is_shown(&h, &format!("Suggestions ({n})")));
    assert!(has_button(
        &h,
        &format!("Quote Volodymyr Zelensky: {QUOTE}")
    ));
    assert!(h.state().current_suggestion().is_none());

    // Tab: the first suggestion in the text (the quote) becomes current; its details show.
    press(&mut h, Key::Tab);
    assert_eq!(h.state().current_suggestion(), Some(quote.id));
    assert!(is_shown(&h, "Current suggestion"));
    assert!(has_button(&h, "Volodymyr Zelensky (new speaker)"));
    assert!(is_shown(&h, &format!("{}% sure", quote.confidence)));
    assert!(is_shown(&h, "Enter accept"));

    press(&mut h, Key::Enter);
    let ws = h.state().workspace().unwrap();
    let (entry, a) = ws.project().annotations().next().expect("an annotation");
    assert_eq!(ws.project().annotations().count(), 1);
    assert_eq!(a.label, Label::Quote);
    let provenance = a.suggested.expect("made from a suggestion");
    assert_eq!(provenance.confidence, quote.confidence);
    assert!(!provenance.edited);
    let text = &ws.corpus().document(&entry.path).unwrap().text;
    assert_eq!(text.slice(a.start()..a.end()), Some(QUOTE));
    assert_eq!(
        ws.project().speaker_name(a.speaker()),
        Some("Volodymyr Zelensky")
    );
    // Gone from the list, which moved on to the next one.
    assert!(!pending(&h, "a.txt").iter().any(|p| p.id == quote.id));
    assert!(is_shown(&h, &format!("Suggestions ({})", n - 1)));
    assert!(is_shown(&h, "Annotations (1)"));
    match pending(&h, "a.txt").first() {
        Some(next) => assert_eq!(h.state().current_suggestion(), Some(next.id)),
        None => assert_eq!(h.state().current_suggestion(), None),
    }
}

#[test]
fn backspace_rejects_it_for_good_and_ctrl_z_takes_the_rejection_back() {
    let (_dir, mut h) = corpus();
    suggest_here(&mut h);
    let quote = the_quote(&h);
    press(&mut h, Key::Tab);
    assert_eq!(h.state().current_suggestion(), Some(quote.id));

    press(&mut h, Key::Backspace);
    assert!(
        !pending(&h, "a.txt")
            .iter()
            .any(|p| p.display_text() == QUOTE)
    );
    assert_eq!(annotation_count(&h), 0, "rejecting makes no annotation");
    assert!(h.state().status().starts_with("Rejected"));

    // The engine runs again: the quote stays rejected.
    suggest_here(&mut h);
    assert!(
        !pending(&h, "a.txt")
            .iter()
            .any(|p| p.display_text() == QUOTE)
    );
    // Undo that run (one step), then the rejection: the quote is back.
    press_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(
        !pending(&h, "a.txt")
            .iter()
            .any(|p| p.display_text() == QUOTE)
    );
    press_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(pending(&h, "a.txt").contains(&quote));
    assert!(has_button(
        &h,
        &format!("Quote Volodymyr Zelensky: {QUOTE}")
    ));
}

#[test]
fn pressing_3_relabels_the_current_suggestion_before_accepting() {
    let (_dir, mut h) = corpus();
    suggest_here(&mut h);
    let quote = the_quote(&h);
    press(&mut h, Key::Tab);
    assert!(h.state().selection().is_empty());

    press(&mut h, Key::Num3);
    let changed = pending(&h, "a.txt")
        .into_iter()
        .find(|p| p.id == quote.id)
        .unwrap();
    assert_eq!(changed.label, Label::Demand);
    assert!(changed.edited);
    assert_eq!(annotation_count(&h), 0, "relabelling does not tag");
    assert_eq!(h.state().current_suggestion(), Some(quote.id));

    press(&mut h, Key::Enter);
    let ws = h.state().workspace().unwrap();
    let (_, a) = ws.project().annotations().next().unwrap();
    assert_eq!(a.label, Label::Demand);
    assert_eq!(a.fragments[0].text(), QUOTE);
    assert!(a.suggested.unwrap().edited);
}

#[test]
fn s_sets_the_speaker_of_the_current_suggestion_through_the_picker() {
    let (_dir, mut h) = corpus();
    suggest_here(&mut h);
    let quote = the_quote(&h);
    press(&mut h, Key::Tab);
    press(&mut h, Key::S);
    assert!(h.query_by_label("Speaker name").is_some(), "picker is open");
    pick_in_picker(&mut h, "President Zelensky");
    let changed = pending(&h, "a.txt")
        .into_iter()
        .find(|p| p.id == quote.id)
        .unwrap();
    let speaker = changed.speaker.unwrap();
    assert_eq!(
        (speaker.id, speaker.name.as_str()),
        (None, "President Zelensky")
    );
    assert!(changed.edited);
    assert_eq!(h.state().current_suggestion(), Some(quote.id));

    press(&mut h, Key::Enter);
    let ws = h.state().workspace().unwrap();
    let (_, a) = ws.project().annotations().next().unwrap();
    assert_eq!(
        ws.project().speaker_name(a.speaker()),
        Some("President Zelensky")
    );
    assert!(a.suggested.unwrap().edited);
}

#[test]
fn accept_all_in_this_document_is_one_undoable_step() {
    let (_dir, mut h) = corpus();
    suggest_here(&mut h);
    let all = pending(&h, "a.txt");
    assert!(all.len() >= 2, "the quote and the demand: {all:#?}");

    h.get_by_label(&format!("Accept all in this document ({})", all.len()))
        .click();
    h.run_steps(2);
    assert!(pending(&h, "a.txt").is_empty());
    {
        let ws = h.state().workspace().unwrap();
        let accepted: Vec<_> = ws.project().annotations().map(|(_, a)| a).collect();
        assert_eq!(accepted.len(), all.len());
        assert!(accepted.iter().all(|a| a.suggested.is_some()));
    }
    assert!(is_shown(&h, &format!("Annotations ({})", all.len())));

    press_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(annotation_count(&h), 0);
    assert!(h.state().workspace().unwrap().project().speakers.is_empty());
    assert_eq!(pending(&h, "a.txt"), all);
}

#[test]
fn pending_spans_are_painted_outlined_with_a_hover_card_and_a_click_makes_one_current() {
    let (_dir, mut h) = corpus();
    suggest_here(&mut h);
    let quote = the_quote(&h);
    assert!(
        h.state().painted_suggestions().contains(&quote.id),
        "the view painted its outline"
    );

    // Hovering shows what is proposed.
    let start = offset_of(&h, "a.txt", "will not give");
    let a = h.state_mut().screen_pos_of(start).unwrap();
    let b = h.state_mut().screen_pos_of(start + 4).unwrap();
    h.hover_at(a + (b - a) * 0.5);
    h.run_steps(4);
    assert!(
        is_shown(
            &h,
            &format!(
                "Suggested quote · {}% · Volodymyr Zelensky (new speaker)",
                quote.confidence
            )
        ),
        "hover card"
    );
    assert!(is_shown(&h, "cue: said"));

    click_text(&mut h, start + 2);
    assert_eq!(h.state().current_suggestion(), Some(quote.id));
    assert_eq!(h.state().selected_annotation(), None);
    // Escape leaves it.
    press(&mut h, Key::Escape);
    assert_eq!(h.state().current_suggestion(), None);
}

#[test]
fn tab_wraps_and_shift_tab_goes_back() {
    let (_dir, mut h) = corpus();
    suggest_here(&mut h);
    let ids: Vec<u64> = pending(&h, "a.txt").iter().map(|p| p.id).collect();
    assert!(ids.len() >= 2);
    for &id in &ids {
        press(&mut h, Key::Tab);
        assert_eq!(h.state().current_suggestion(), Some(id));
    }
    press(&mut h, Key::Tab);
    assert_eq!(h.state().current_suggestion(), Some(ids[0]), "wraps");
    press_with(&mut h, Modifiers::SHIFT, Key::Tab);
    assert_eq!(h.state().current_suggestion(), ids.last().copied());
}

#[test]
fn suggestion_keys_do_nothing_while_typing_in_a_field() {
    let (_dir, mut h) = corpus();
    suggest_here(&mut h);
    let quote = the_quote(&h);
    press(&mut h, Key::Tab);
    assert_eq!(h.state().current_suggestion(), Some(quote.id));
    // The find bar takes the keyboard: 3, Enter and Backspace are its own.
    press_with(&mut h, Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    for key in [Key::Num3, Key::Enter, Key::Backspace, Key::Tab] {
        press(&mut h, key);
    }
    assert!(pending(&h, "a.txt").contains(&quote), "unchanged");
    assert_eq!(annotation_count(&h), 0);
}

#[test]
fn suggest_in_all_documents_from_the_menu_and_the_keys_are_in_the_help() {
    let (_dir, mut h) = corpus();
    h.get_by_label("Suggest").click();
    h.run_steps(2);
    h.get_by_label_contains("Suggest in all documents").click();
    h.run_steps(2);
    wait_until_suggested(&mut h);
    assert!(!pending(&h, "a.txt").is_empty());
    assert!(
        pending(&h, "b.txt")
            .iter()
            .any(|p| p.display_text() == "“The door is open,”"),
        "{:#?}",
        pending(&h, "b.txt")
    );
    assert!(h.state().status().contains("in all documents"));
    // One step for the whole corpus.
    press_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(pending(&h, "a.txt").is_empty() && pending(&h, "b.txt").is_empty());

    press(&mut h, Key::F1);
    assert!(is_shown(&h, "Ctrl+G / Ctrl+Shift+G"));
    assert!(is_shown(&h, "Tab / Shift+Tab"));
    assert!(is_shown(&h, "reject the current suggestion"));
}
