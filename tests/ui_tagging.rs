//! The annotation loop through the UI: select, tag with a key, pick a speaker by alias, undo/redo,
//! save, reopen and find it again.
#![cfg(feature = "app")]

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use whosaid::project::Label;
use whosaid::workspace::Workspace;

const DOC: &str = "001_5b4937168b606144.txt";

#[test]
fn select_tag_pick_speaker_undo_redo_save_reopen() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "Ukraine’s Willingness to Drop");
    assert_eq!(h.state().current_document(), Some(DOC));

    let needle =
        "Ukraine cannot accept an arrangement that leaves it vulnerable to future aggression";
    let start = offset_of(&h, DOC, needle);
    let end = start + needle.chars().count();
    // Drag a little past the end, onto the following character: trimming must not matter here.
    drag_select(&mut h, start, end);
    assert_eq!(h.state().selection(), start..end);

    let before = h
        .state()
        .workspace()
        .unwrap()
        .project()
        .annotations()
        .count();
    h.key_press(Key::Num1);
    h.run_steps(3);
    // The speaker picker opens at once; type part of an alias, not the canonical name.
    pick_in_picker(&mut h, "zelensky");

    let tagged = {
        let ws = h.state().workspace().unwrap();
        assert_eq!(ws.project().annotations().count(), before + 1);
        let id = h.state().selected_annotation().unwrap();
        let (_, a) = ws.project().find_annotation(id).unwrap();
        assert_eq!(a.label, Label::Claim);
        assert_eq!(a.fragments[0].text(), needle);
        assert_eq!(
            ws.project().speaker_name(a.speaker()),
            Some("Volodymyr Zelenskiy")
        );
        assert!(ws.is_dirty());
        assert!(
            h.state().title().contains('•'),
            "title shows unsaved: {}",
            h.state().title()
        );
        id
    };
    // The annotation panel lists it with its speaker.
    assert!(has_button(&h, "Volodymyr Zelenskiy: Ukraine cannot accept"));

    // Undo the speaker, then the tag; redo both.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    {
        let ws = h.state().workspace().unwrap();
        assert_eq!(
            ws.project().find_annotation(tagged).unwrap().1.speaker(),
            None
        );
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(
        h.state()
            .workspace()
            .unwrap()
            .project()
            .find_annotation(tagged)
            .is_none()
    );
    assert!(!h.state().workspace().unwrap().is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(2);
    {
        let ws = h.state().workspace().unwrap();
        let (_, a) = ws.project().find_annotation(tagged).unwrap();
        assert_eq!(
            ws.project().speaker_name(a.speaker()),
            Some("Volodymyr Zelenskiy")
        );
    }

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(!h.state().workspace().unwrap().is_dirty());
    assert!(!h.state().title().contains('•'));
    drop(h);

    // Reopen from disk: the span is there, at the same code point offsets, with its speaker.
    let ws = Workspace::open_project(&sample.project()).unwrap();
    let (entry, a) = ws.project().find_annotation(tagged).unwrap();
    assert_eq!(entry.path, DOC);
    assert_eq!((a.start(), a.end()), (start, end));
    let doc = ws.corpus().document(DOC).unwrap();
    assert_eq!(doc.text.slice(start..end), Some(needle));
    assert_eq!(
        ws.project().speaker_name(a.speaker()),
        Some("Volodymyr Zelenskiy")
    );

    // And in the app: it opens on the same document and lists the annotation.
    let h = app_on(&sample.project());
    assert_eq!(h.state().current_document(), Some(DOC));
    assert!(has_button(&h, "Volodymyr Zelenskiy: Ukraine cannot accept"));
}

#[test]
fn keyboard_selection_trims_whitespace_and_escape_leaves_span_unattributed() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "Ukraine’s Willingness to Drop");
    let start = offset_of(&h, DOC, "The proposal was presented");
    // Caret one character before the sentence (on the space), then extend by words.
    click_text(&mut h, start - 1);
    h.run_steps(1);
    for _ in 0..4 {
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    }
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run_steps(2);
    let sel = h.state().selection();
    let ws = h.state().workspace().unwrap();
    let text = &ws.corpus().document(DOC).unwrap().text;
    assert_eq!(
        text.slice(sel.clone()),
        Some(" The proposal was presented ")
    );

    h.key_press(Key::Q);
    h.run_steps(2);
    assert!(h.query_by_label("Speaker name").is_some(), "picker is open");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.query_by_label("Speaker name").is_none(), "picker closed");
    let ws = h.state().workspace().unwrap();
    let id = h.state().selected_annotation().unwrap();
    let (_, a) = ws.project().find_annotation(id).unwrap();
    assert_eq!(
        a.fragments[0].text(),
        "The proposal was presented",
        "whitespace trimmed"
    );
    assert_eq!(a.label, Label::Quote);
    assert_eq!(a.speaker(), None);
    assert!(has_button(&h, "no speaker: The proposal"));
    assert!(h.query_by_label_contains("1 without speaker").is_some());
}

#[test]
fn new_speaker_from_typed_name_and_second_fragment_with_plus() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "Ukraine’s Willingness to Drop");
    let a = offset_of(&h, DOC, "U.S. security experts say");
    drag_select(&mut h, a, a + "U.S. security experts".chars().count());
    h.key_press(Key::Num3);
    h.run_steps(2);
    h.get_by_label("Speaker name").type_text("Jane Analyst");
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("New speaker “Jane Analyst”")
            .is_some()
    );
    h.key_press(Key::Enter);
    h.run_steps(2);
    let id = h.state().selected_annotation().unwrap();

    let b = offset_of(&h, DOC, "peace talks with Russia");
    drag_select(&mut h, b, b + "peace talks".chars().count());
    h.key_press(Key::Plus);
    h.run_steps(2);

    let ws = h.state().workspace().unwrap();
    let (_, ann) = ws.project().find_annotation(id).unwrap();
    let texts: Vec<&str> = ann.fragments.iter().map(|f| f.text()).collect();
    assert_eq!(texts, ["U.S. security experts", "peace talks"]);
    assert_eq!(ann.label, Label::Demand);
    assert_eq!(
        ws.project().speaker_name(ann.speaker()),
        Some("Jane Analyst")
    );

    // One undo removes the second fragment only.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    let ws = h.state().workspace().unwrap();
    assert_eq!(
        ws.project().find_annotation(id).unwrap().1.fragments.len(),
        1
    );
}

#[test]
fn nested_spans_are_each_clickable_and_hover_shows_details() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "Ukraine’s recent offer");
    let doc = "000_06f3196ba6b743a6.txt";
    let inner = offset_of(&h, doc, "“non-issue”") + 3;
    click_text(&mut h, inner);
    let ws = h.state().workspace().unwrap();
    let first = h.state().selected_annotation().unwrap();
    assert_eq!(
        ws.project().find_annotation(first).unwrap().1.label,
        Label::Quote
    );
    // Clicking again at the same place selects the claim that contains the quote.
    click_text(&mut h, inner);
    let ws = h.state().workspace().unwrap();
    let second = h.state().selected_annotation().unwrap();
    let (_, claim) = ws.project().find_annotation(second).unwrap();
    assert_eq!(claim.label, Label::Claim);
    assert!(claim.fragments[0].text().contains("“non-issue”"));

    // Hovering shows label, speaker and note.
    let pos = h.state_mut().screen_pos_of(inner).unwrap();
    h.hover_at(pos + egui::vec2(2.0, 0.0));
    h.run_steps(30);
    assert!(h.query_by_label_contains("nested in Michta").is_some());
}

#[test]
fn step_relabel_note_and_delete_from_the_keyboard() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "NATO’s Approach");
    let doc = "004_395019b86e74a298.txt";
    h.key_press(Key::N);
    h.run_steps(2);
    let first = h.state().selected_annotation().unwrap();
    let ws = h.state().workspace().unwrap();
    assert_eq!(ws.project().document(doc).unwrap().annotations[0].id, first);
    h.key_press(Key::N);
    h.run_steps(2);
    let second = h.state().selected_annotation().unwrap();
    assert_eq!(
        h.state()
            .workspace()
            .unwrap()
            .project()
            .document(doc)
            .unwrap()
            .annotations[1]
            .id,
        second
    );
    h.key_press(Key::P);
    h.run_steps(2);
    assert_eq!(h.state().selected_annotation(), Some(first));

    // With no text selected, a label key relabels the selected annotation.
    h.key_press(Key::D);
    h.run_steps(2);
    let label = |h: &egui_kittest::Harness<'_, whosaid::ui::WhosaidApp>| {
        h.state()
            .workspace()
            .unwrap()
            .project()
            .find_annotation(first)
            .unwrap()
            .1
            .label
    };
    assert_eq!(label(&h), Label::Demand);

    h.get_by_label("Note").click();
    h.run_steps(1);
    h.get_by_label("Note").type_text(" (checked)");
    h.run_steps(2);
    let note = h
        .state()
        .workspace()
        .unwrap()
        .project()
        .find_annotation(first)
        .unwrap()
        .1
        .note
        .clone();
    assert!(note.ends_with(" (checked)"), "{note}");

    // Leave the note field, then delete with the Delete key; undo brings it back.
    h.key_press(Key::Escape);
    h.run_steps(2);
    let count = h
        .state()
        .workspace()
        .unwrap()
        .project()
        .document(doc)
        .unwrap()
        .annotations
        .len();
    h.key_press(Key::Delete);
    h.run_steps(2);
    let ws = h.state().workspace().unwrap();
    assert_eq!(
        ws.project().document(doc).unwrap().annotations.len(),
        count - 1
    );
    assert!(ws.project().find_annotation(first).is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(
        h.state()
            .workspace()
            .unwrap()
            .project()
            .find_annotation(first)
            .is_some()
    );
}

#[test]
fn speaker_rename_and_aliases_are_undoable_and_found_by_the_picker() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "NATO’s Approach");
    h.key_press(Key::N);
    h.run_steps(2);
    let id = h.state().selected_annotation().unwrap();
    let speaker = {
        let ws = h.state().workspace().unwrap();
        ws.project()
            .find_annotation(id)
            .unwrap()
            .1
            .speaker()
            .unwrap()
    };
    // The speaker's button in the editor opens the speaker editor.
    h.get_by_label("Alexander Grushko").click();
    h.run_steps(3);
    let name_field = h.get_by_label("Canonical name");
    name_field.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Canonical name")
        .type_text("Aleksandr Grushko");
    h.run_steps(1);
    h.get_by_label_contains("Aliases").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.key_press(Key::Enter);
    h.get_by_label_contains("Aliases")
        .type_text("Alexander Grushko");
    h.run_steps(1);
    h.get_by_label("Save speaker").click();
    h.run_steps(3);
    let names = |h: &egui_kittest::Harness<'_, whosaid::ui::WhosaidApp>| {
        let s = h
            .state()
            .workspace()
            .unwrap()
            .project()
            .speaker(speaker)
            .unwrap()
            .clone();
        (s.name, s.aliases)
    };
    let (name, aliases) = names(&h);
    assert_eq!(name, "Aleksandr Grushko");
    assert!(
        aliases.contains(&"Alexander Grushko".to_string()),
        "{aliases:?}"
    );
    assert!(
        has_button(&h, "Aleksandr Grushko:"),
        "the list shows the new name"
    );

    // The picker finds the speaker by the new alias, accents and case aside.
    h.key_press(Key::S);
    h.run_steps(2);
    h.get_by_label("Speaker name").type_text("alexánder g");
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("Aleksandr Grushko  (Alexander Grushko)")
            .is_some()
    );
    h.key_press(Key::Escape);
    h.run_steps(2);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(names(&h).0, "Alexander Grushko");
}

#[test]
fn label_keys_work_after_a_button_took_the_keyboard_focus() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "NATO’s Approach");
    let button = h.get(
        egui_kittest::kittest::By::new()
            .role(egui::accesskit::Role::Button)
            .label_contains("NATO’s Approach"),
    );
    button.focus();
    h.run_steps(2);
    h.key_press(Key::N);
    h.run_steps(2);
    assert!(h.state().selected_annotation().is_some());
}

#[test]
fn shift_down_extends_the_selection_by_a_visual_row() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "Ukraine’s recent offer");
    click_text(&mut h, 2);
    let start = h.state().selection().start;
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.run_steps(2);
    let sel = h.state().selection();
    assert_eq!(sel.start, start);
    // The first paragraph wraps over several rows: one row down stays inside it.
    let first_paragraph_len = {
        let ws = h.state().workspace().unwrap();
        ws.corpus()
            .document("000_06f3196ba6b743a6.txt")
            .unwrap()
            .text
            .paragraphs()[0]
            .chars
            .end
    };
    assert!(
        sel.end > start + 30 && sel.end < first_paragraph_len,
        "{sel:?}"
    );
    let one_row = sel.end;
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowUp);
    h.run_steps(2);
    assert_eq!(h.state().selection().end, one_row);
}

#[test]
fn a_span_can_cross_paragraphs_and_double_click_selects_a_word() {
    let sample = SampleCopy::new();
    let mut h = app_with_frame_time(&sample.project(), 0.05);
    select_document(&mut h, "Ukraine’s Willingness to Drop");
    let start = offset_of(
        &h,
        DOC,
        "seeking alternative security guarantees from the West.",
    );
    let end = offset_of(&h, DOC, "During discussions with U.S. envoys on Sunday") + "During".len();
    drag_select(&mut h, start, end);
    h.key_press(Key::Num1);
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(2);
    let id = h.state().selected_annotation().unwrap();
    let ws = h.state().workspace().unwrap();
    let text = ws.project().find_annotation(id).unwrap().1.fragments[0].text();
    assert_eq!(
        text,
        "seeking alternative security guarantees from the West.\nDuring"
    );

    // Double-click inside "Zelenskiy" selects exactly that word.
    let w = offset_of(&h, DOC, "Zelenskiy raised") + 3;
    let a = h.state_mut().screen_pos_of(w).unwrap();
    let pos = a + egui::vec2(2.0, 0.0);
    h.hover_at(pos);
    h.step();
    for _ in 0..2 {
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
        h.step();
    }
    h.run_steps(2);
    let ws = h.state().workspace().unwrap();
    let doc = ws.corpus().document(DOC).unwrap();
    assert_eq!(doc.text.slice(h.state().selection()), Some("Zelenskiy"));
}

#[test]
fn another_speaker_an_addressee_and_a_cue_from_the_keyboard() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "Ukraine’s Willingness to Drop");
    let start = offset_of(
        &h,
        DOC,
        "the move alone is unlikely to be a decisive factor",
    );
    drag_select(
        &mut h,
        start,
        start + "the move alone is unlikely".chars().count(),
    );
    h.key_press(Key::Num3);
    h.run_steps(3);
    pick_in_picker(&mut h, "logan");
    let id = h.state().selected_annotation().unwrap();

    h.key_press_modifiers(Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    assert!(h.query_by_label_contains("Who else said it?").is_some());
    pick_in_picker(&mut h, "prof mich");

    h.key_press(Key::A);
    h.run_steps(3);
    assert!(h.query_by_label("Who is called on to act?").is_some());
    pick_in_picker(&mut h, "nato");

    let cue = offset_of(&h, DOC, "cautioned that");
    drag_select(&mut h, cue, cue + "cautioned".chars().count());
    h.key_press(Key::K);
    h.run_steps(2);

    let ws = h.state().workspace().unwrap();
    let (_, a) = ws.project().find_annotation(id).unwrap();
    assert_eq!(
        ws.project().speakers_label(a).as_deref(),
        Some("Justin Logan & Andrew Michta")
    );
    assert_eq!(ws.project().speaker_name(a.addressee), Some("NATO"));
    assert_eq!(a.cue.as_ref().map(|c| c.text()), Some("cautioned"));
    assert!(
        h.query_by_label("Justin Logan").is_some(),
        "the editor shows each speaker"
    );
    assert!(has_button(
        &h,
        "Demand Justin Logan & Andrew Michta: the move alone"
    ));

    // Shift+S on a speaker already there removes it; one undo puts it back.
    h.key_press_modifiers(Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    pick_in_picker(&mut h, "michta");
    let speakers = |h: &egui_kittest::Harness<'_, whosaid::ui::WhosaidApp>| {
        let ws = h.state().workspace().unwrap();
        ws.project().find_annotation(id).unwrap().1.speakers.len()
    };
    assert_eq!(speakers(&h), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(speakers(&h), 2);
}

/// Tags `needle` of `doc` as a claim with the `1` key: the picker opens on it.
fn tag_claim(h: &mut egui_kittest::Harness<'_, whosaid::ui::WhosaidApp>, doc: &str, needle: &str) {
    let start = offset_of(h, doc, needle);
    drag_select(h, start, start + needle.chars().count());
    h.key_press(Key::Num1);
    h.run_steps(3);
    assert!(h.query_by_label("Speaker name").is_some(), "picker is open");
}

/// The speaker of the selected annotation, by name.
fn selected_speaker(h: &egui_kittest::Harness<'_, whosaid::ui::WhosaidApp>) -> Option<String> {
    let ws = h.state().workspace().unwrap();
    let id = h
        .state()
        .selected_annotation()
        .expect("an annotation is selected");
    let (_, a) = ws.project().find_annotation(id).unwrap();
    ws.project().speaker_name(a.speaker()).map(str::to_string)
}

#[test]
fn enter_on_an_untouched_picker_leaves_the_span_unattributed() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "Ukraine’s Willingness to Drop");
    // The headline: nothing typed, nothing chosen, Enter.
    tag_claim(
        &mut h,
        DOC,
        "Ukraine’s Willingness to Drop NATO Bid Unlikely to Shift Peace Talks",
    );
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert!(h.query_by_label("Speaker name").is_none(), "picker closed");
    assert_eq!(selected_speaker(&h), None, "no speaker was chosen");
    // Typing still picks the best match with Enter.
    h.key_press(Key::S);
    h.run_steps(2);
    pick_in_picker(&mut h, "logan");
    assert_eq!(selected_speaker(&h).as_deref(), Some("Justin Logan"));
}

#[test]
fn the_picker_offers_first_the_speaker_named_next_to_the_span() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "US security experts say");
    let doc = "002_841add45dd8341c3.txt";
    // "There are other ways for nations to try to ensure Ukraine’s security, Mr Logan said.",
    // far down the article: found with Ctrl+F, which selects it, then tagged with 1.
    let needle = "There are other ways for nations to try to ensure Ukraine’s security";
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(3);
    h.get_by_label("Find").type_text(needle);
    h.run_steps(3);
    h.key_press(Key::Enter);
    h.run_steps(3);
    h.key_press(Key::Escape);
    h.run_steps(3);
    let start = offset_of(&h, doc, needle);
    assert_eq!(h.state().selection(), start..start + needle.chars().count());
    h.key_press(Key::Num1);
    h.run_steps(3);
    assert!(h.query_by_label("Speaker name").is_some(), "picker is open");
    // Of the registry's speakers listed in the picker, Justin Logan is at the top.
    let names: Vec<String> = h
        .state()
        .workspace()
        .unwrap()
        .project()
        .speakers
        .iter()
        .map(|s| s.name.clone())
        .collect();
    let mut rows: Vec<(f32, String)> = names
        .iter()
        .flat_map(|name| {
            h.query_all(egui_kittest::kittest::By::new().label(name.as_str()))
                .map(|node| (node.rect().min.y, name.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(rows.len() > 5, "the picker lists the registry: {rows:?}");
    assert_eq!(rows[0].1, "Justin Logan", "{rows:?}");
    assert!(h.query_by_label("Named near the span").is_some());
    // Down chooses the first offered speaker; Enter picks it.
    h.key_press(Key::ArrowDown);
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(selected_speaker(&h).as_deref(), Some("Justin Logan"));
}

#[test]
fn backspace_keeps_the_selected_annotation_delete_removes_it_and_undo_names_it() {
    let sample = SampleCopy::new();
    let mut h = app_on(&sample.project());
    select_document(&mut h, "NATO’s Approach");
    h.key_press(Key::N);
    h.run_steps(2);
    let id = h.state().selected_annotation().unwrap();
    assert_eq!(h.state().current_suggestion(), None);
    let exists = |h: &egui_kittest::Harness<'_, whosaid::ui::WhosaidApp>| {
        h.state()
            .workspace()
            .unwrap()
            .project()
            .find_annotation(id)
            .is_some()
    };
    let (label, text) = {
        let ws = h.state().workspace().unwrap();
        let (_, a) = ws.project().find_annotation(id).unwrap();
        (a.label.key(), a.fragments[0].text().to_string())
    };

    h.key_press(Key::Backspace);
    h.run_steps(2);
    assert!(exists(&h), "Backspace deleted the selected annotation");
    assert!(!h.state().workspace().unwrap().is_dirty());

    h.key_press(Key::Delete);
    h.run_steps(2);
    assert!(!exists(&h), "Delete removes it");
    let start: String = text
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let status = h.state().status().to_string();
    assert!(
        status.starts_with(&format!("Deleted {label} “{start}")) && status.contains("Ctrl+Z"),
        "{status}"
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(exists(&h), "undo brings it back");
    let status = h.state().status().to_string();
    assert!(
        status.starts_with(&format!("Undid: delete {label} “{start}")),
        "{status}"
    );
    assert!(
        h.query_by_label(&status).is_some(),
        "the status bar shows it"
    );
}
