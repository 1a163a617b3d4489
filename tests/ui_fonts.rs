//! Every script an article may be in has glyphs once the app's fonts are installed: a fresh machine with
//! no system fonts (as in these tests, where no system font provider runs) still reads each line.

use egui::{FontFamily, FontId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// One line per script, as in a multilingual corpus.
const LINES: &[(&str, &str)] = &[
    ("Latin", "The minister said: «No deal» — café"),
    ("Cyrillic", "Министр заявил, что переговоры продолжатся"),
    ("Greek", "Ο υπουργός δήλωσε ότι οι συνομιλίες συνεχίζονται"),
    ("Arabic", "قال الوزير إن المحادثات ستستمر"),
    ("Hebrew", "השר אמר שהשיחות יימשכו"),
    ("Devanagari", "मंत्री ने कहा कि बातचीत जारी रहेगी"),
    ("Chinese", "部长表示谈判将继续进行"),
    ("Japanese", "大臣は交渉が続くと述べた、カタカナ"),
    ("Korean", "장관은 협상이 계속될 것이라고 말했다"),
    ("Emoji", "😀🎉👍🔥❤"),
];

/// A harness that shows the lines once fonts are installed (egui's tests panic on a missing glyph,
/// so without them only `has_glyph` is asked).
fn harness(install: bool) -> Harness<'static, bool> {
    let mut harness = Harness::new_ui_state(
        |ui, show: &mut bool| {
            if *show {
                for (_, line) in LINES {
                    ui.label(*line);
                }
            }
        },
        false,
    );
    if install {
        whosaid::ui::fonts::install(&harness.ctx);
        *harness.state_mut() = true;
    }
    harness.run();
    harness
}

/// The characters of `line` (spaces and punctuation aside) that `family` has no glyph for.
fn missing(harness: &Harness<'_, bool>, family: FontFamily, line: &str) -> Vec<char> {
    let font = FontId::new(14.0, family);
    harness.ctx.fonts_mut(|fonts| {
        line.chars()
            .filter(|c| !c.is_whitespace() && !fonts.has_glyph(&font, *c))
            .collect()
    })
}

#[test]
fn every_script_has_glyphs_in_both_families() {
    let harness = harness(true);
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        for (script, line) in LINES {
            let gaps = missing(&harness, family.clone(), line);
            assert!(gaps.is_empty(), "{script} ({family:?}) lacks {gaps:?}");
        }
    }
    // The labels were laid out and are there for a screen reader, in their own script.
    harness.get_by_label(LINES[6].1);
}

#[test]
fn egui_alone_lacks_these_scripts() {
    // Shows what the bundled fonts add: without them, the same check fails for these scripts.
    let harness = harness(false);
    for (script, line) in LINES {
        let gaps = missing(&harness, FontFamily::Proportional, line);
        let expect_gaps = matches!(
            *script,
            "Arabic" | "Hebrew" | "Devanagari" | "Chinese" | "Japanese" | "Korean"
        );
        assert_eq!(!gaps.is_empty(), expect_gaps, "{script}: missing {gaps:?}");
    }
}
