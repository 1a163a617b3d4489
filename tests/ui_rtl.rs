//! Right-to-left paragraphs in the reading view: Hebrew and Arabic read from the right, mixed text follows
//! the bidi algorithm, and clicks, drags and highlights land on the right logical code points.
#![cfg(feature = "app")]

mod common;

use common::*;
use egui::{Key, Modifiers, Pos2, Rect};
use egui_kittest::Harness;
use whosaid::project::Label;
use whosaid::ui::{NoDialogs, Settings, WhosaidApp};

const DOC: &str = "a.txt";
const ENGLISH: &str = "The minister said so.";
/// "The minister said that the talks will go on."
const HEBREW: &str = "השר אמר שהשיחות יימשכו";
/// "The minister said that the talks will go on."
const ARABIC: &str = "قال الوزير إن المحادثات ستستمر";
/// "NATO's secretary general said in 2024 that the alliance is ready."
const MIXED: &str = "قال الأمين العام لحلف NATO في 2024 إن الحلف مستعد";
/// "The word shalom olam means peace": a Hebrew phrase inside an English paragraph.
const EMBEDDED: &str = "The word שלום עולם means world peace";

/// A temporary folder holding the corpus folder, so that the recovery file the app writes beside an
/// unsaved corpus lands inside it and goes when it goes.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = [ENGLISH, HEBREW, ARABIC, MIXED, EMBEDDED].join("\n") + "\n";
    std::fs::create_dir(dir.path().join("corpus")).unwrap();
    std::fs::write(dir.path().join("corpus").join(DOC), text).unwrap();
    dir
}

/// The app on the corpus, with the app's fonts (egui alone has no Arabic or Hebrew glyphs).
fn app(dir: &std::path::Path) -> Harness<'static, WhosaidApp> {
    app_stepping(dir, 0.25)
}

/// As [`app`], with simulated seconds per frame (double clicks need short ones).
fn app_stepping(dir: &std::path::Path, seconds: f32) -> Harness<'static, WhosaidApp> {
    let app = WhosaidApp::new(Box::new(NoDialogs), Settings::default());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_step_dt(seconds)
        .build_ui_state(|ui, app: &mut WhosaidApp| app.show(ui), app);
    // Fonts take effect from the next frame on; the document is opened after that.
    whosaid::ui::fonts::install(&h.ctx);
    h.run_steps(1);
    h.state_mut().open_path(&dir.join("corpus"));
    h.run_steps(3);
    assert_eq!(h.state().current_document(), Some(DOC));
    h
}

/// Code point offset of `needle` in the document.
fn at(needle: &str) -> usize {
    let text = [ENGLISH, HEBREW, ARABIC, MIXED, EMBEDDED].join("\n");
    text[..text.find(needle).unwrap()].chars().count()
}

fn pos(h: &mut Harness<'_, WhosaidApp>, offset: usize) -> Pos2 {
    h.state_mut().screen_pos_of(offset).expect("visible")
}

fn click_at(h: &mut Harness<'_, WhosaidApp>, pos: Pos2) {
    h.hover_at(pos);
    h.step();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run_steps(2);
}

/// Drags the mouse from `from` to `to`, as [`drag_select`] does between offsets.
fn drag_between(h: &mut Harness<'_, WhosaidApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.step();
    h.drag_at(from);
    h.step();
    h.hover_at(from + (to - from) * 0.5);
    h.step();
    h.hover_at(to);
    h.step();
    h.drop_at(to);
    h.run_steps(2);
}

fn selected_text(h: &Harness<'_, WhosaidApp>) -> String {
    let ws = h.state().workspace().unwrap();
    let text = &ws.corpus().document(DOC).unwrap().text;
    text.slice(h.state().selection()).unwrap().to_owned()
}

/// The filled rectangles painted in `label`'s highlight colour in the last frame.
fn highlights(h: &Harness<'_, WhosaidApp>, label: Label) -> Vec<Rect> {
    let fill = whosaid::ui::label_fill(label);
    h.output()
        .shapes
        .iter()
        .filter_map(|s| match &s.shape {
            egui::Shape::Rect(r) if r.fill == fill => Some(r.rect),
            _ => None,
        })
        .collect()
}

#[test]
fn right_to_left_paragraphs_start_at_the_right() {
    let dir = corpus();
    let mut h = app(dir.path());
    let english_end = pos(&mut h, at(ENGLISH) + ENGLISH.chars().count());
    for para in [HEBREW, ARABIC, MIXED] {
        let first = pos(&mut h, at(para));
        let second = pos(&mut h, at(para) + 1);
        let end = pos(&mut h, at(para) + para.chars().count());
        assert!(
            first.x > second.x && second.x > end.x,
            "{para}: reads from the right ({first:?}, {second:?}, {end:?})"
        );
        // Aligned to the right of the column, far right of where the English line ends.
        assert!(
            first.x > english_end.x + 300.0,
            "{para}: starts at {first:?}, the English line ends at {english_end:?}"
        );
    }
    // In the mixed paragraph, NATO and 2024 read left to right, and 2024 (after NATO) is left of it.
    let nato = pos(&mut h, at("NATO"));
    let o = pos(&mut h, at("NATO") + 3);
    let year = pos(&mut h, at("2024"));
    assert!(nato.x < o.x, "NATO left to right");
    assert!(year.x < nato.x, "2024 comes after NATO, to its left");
    // Inside the English paragraph, the Hebrew phrase reads from the right, its first word rightmost.
    let shalom = pos(&mut h, at("שלום"));
    let olam = pos(&mut h, at("עולם"));
    let means = pos(&mut h, at("means"));
    assert!(olam.x < shalom.x && shalom.x < means.x);
}

#[test]
fn a_click_at_the_right_end_puts_the_caret_before_the_first_character() {
    let dir = corpus();
    let mut h = app(dir.path());
    for para in [HEBREW, ARABIC] {
        let first = pos(&mut h, at(para));
        // On the right half of the first (rightmost) letter, then just past the right end.
        for dx in [-1.5, 6.0] {
            click_at(&mut h, first + egui::vec2(dx, 0.0));
            assert_eq!(h.state().selection(), at(para)..at(para), "{para} dx {dx}");
        }
        // And at the left end: after the last character.
        let end = pos(&mut h, at(para) + para.chars().count());
        click_at(&mut h, end + egui::vec2(1.5, 0.0));
        let last = at(para) + para.chars().count();
        assert_eq!(h.state().selection(), last..last, "{para} left end");
    }
}

#[test]
fn dragging_over_a_word_selects_its_code_points() {
    let dir = corpus();
    let mut h = app(dir.path());
    let word = "الوزير";
    let (start, end) = (at(word), at(word) + word.chars().count());
    // The word reads from the right: its start is right of its end.
    assert!(pos(&mut h, start).x > pos(&mut h, end).x);
    // From inside the word's second letter to inside its last one, by character (Alt held).
    h.event(egui::Event::ModifiersChanged(Modifiers::ALT));
    drag_select(&mut h, start + 1, end - 1);
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.run_steps(1);
    assert_eq!(h.state().selection(), start + 1..end - 1);
    // Without Alt the same drag snaps to the whole word.
    drag_select(&mut h, start + 1, end - 1);
    assert_eq!(selected_text(&h), word);
    assert_eq!(h.state().selection(), start..end);
    // A drag over a Hebrew word, from its right end to its left end.
    let word = "שהשיחות";
    drag_select(&mut h, at(word), at(word) + word.chars().count());
    assert_eq!(selected_text(&h), word);
}

#[test]
fn an_annotation_is_highlighted_where_its_words_are() {
    let dir = corpus();
    let mut h = app(dir.path());
    // "NATO in 2024": Latin, Arabic and digits in a right-to-left paragraph.
    let phrase = "NATO في 2024";
    // From the left edge of NATO to the middle of 2024 (its end is ambiguous on screen: after the 4,
    // or before the space that follows, left of the 2); the drag takes whole words.
    let from = pos(&mut h, at(phrase));
    let to = pos(&mut h, at("2024") + 2);
    drag_between(&mut h, from, to);
    assert_eq!(selected_text(&h), phrase);
    h.key_press(Key::Num1);
    h.run_steps(3);
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert_eq!(
        h.state()
            .workspace()
            .unwrap()
            .project()
            .annotations()
            .count(),
        1
    );
    let rects = highlights(&h, Label::Claim);
    assert_eq!(rects.len(), 1, "one stretch on screen: {rects:?}");
    // On screen it runs from the left edge of 2024 to the right edge of NATO: past the left edge of
    // its O, short of the space between NATO and the first word (whose right edge is where a caret
    // before that space stands).
    let left = pos(&mut h, at("2024")).x;
    let o = pos(&mut h, at("NATO") + 3).x;
    let space = pos(&mut h, at("NATO") - 1).x;
    assert!((rects[0].min.x - left).abs() < 1.0, "{rects:?} vs {left}");
    assert!(
        rects[0].max.x > o + 5.0 && rects[0].max.x < space - 2.0,
        "{rects:?} vs O at {o}, space ending at {space}"
    );

    // "word shalom" in the English paragraph: on screen "word " and שלום are apart, עולם between them.
    let phrase = "word שלום";
    let (start, end) = (at(phrase), at(phrase) + phrase.chars().count());
    h.event(egui::Event::ModifiersChanged(Modifiers::ALT));
    drag_select(&mut h, start, end);
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.run_steps(1);
    assert_eq!(selected_text(&h), phrase);
    h.key_press(Key::Num3);
    h.run_steps(3);
    h.key_press(Key::Escape);
    h.run_steps(3);
    let mut rects = highlights(&h, Label::Demand);
    rects.sort_by(|a, b| a.min.x.total_cmp(&b.min.x));
    assert_eq!(rects.len(), 2, "two stretches on screen: {rects:?}");
    let olam = (pos(&mut h, at("עולם") + 4).x, pos(&mut h, at("עולם")).x);
    assert!(rects[0].max.x <= olam.0 + 0.5 && rects[1].min.x >= olam.1 - 0.5);
    assert!((rects[1].max.x - pos(&mut h, at("שלום")).x).abs() < 1.0);
}

#[test]
fn arrows_move_the_way_they_point_in_a_right_to_left_paragraph() {
    let dir = corpus();
    let mut h = app(dir.path());
    let first = pos(&mut h, at(ARABIC));
    click_at(&mut h, first + egui::vec2(-1.5, 0.0));
    assert_eq!(h.state().selection(), at(ARABIC)..at(ARABIC));
    // Shift+Left goes on leftwards on screen: over the first letters in reading order.
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run_steps(1);
    assert_eq!(selected_text(&h), "قا");
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run_steps(1);
    assert_eq!(selected_text(&h), "ق");
    // Ctrl+Shift+Left: to the end of the word.
    h.key_press_modifiers(Modifiers::SHIFT | Modifiers::COMMAND, Key::ArrowLeft);
    h.run_steps(1);
    assert_eq!(selected_text(&h), "قال");
}

#[test]
fn double_click_selects_the_word_under_the_pointer() {
    let dir = corpus();
    let mut h = app_stepping(dir.path(), 0.05);
    for word in ["المحادثات", "שהשיחות", "NATO"] {
        // Inside the word's third code point, wherever that is drawn.
        let a = pos(&mut h, at(word) + 2);
        let b = pos(&mut h, at(word) + 3);
        let p = a + (b - a) * 0.5;
        h.hover_at(p);
        h.step();
        for _ in 0..2 {
            for pressed in [true, false] {
                h.event(egui::Event::PointerButton {
                    pos: p,
                    button: egui::PointerButton::Primary,
                    pressed,
                    modifiers: Modifiers::NONE,
                });
            }
            h.step();
        }
        h.run_steps(8);
        assert_eq!(selected_text(&h), word);
    }
}
