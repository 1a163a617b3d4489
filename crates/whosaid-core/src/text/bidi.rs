//! Right-to-left paragraphs for display: the Unicode Bidirectional Algorithm (unicode-bidi) puts each line
//! in visual order and cuts it into runs a shaper can lay out; positions stay logical code points.
//!
//! The shaper (harfrust, inside egui) guesses a run's direction from its script and draws Arabic and Hebrew
//! right to left, joining Arabic letters; everything else it draws in the order given. So a line is cut
//! into runs of Arabic or Hebrew script, given in logical order and reversed by the shaper, and runs of
//! everything else, given already in visual order with brackets mirrored where they read right to left.

use std::ops::Range;
use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo, bidi_class};
use unicode_segmentation::UnicodeSegmentation;

/// Whether `text` needs the bidi algorithm to be shown: it has a right-to-left letter, an Arabic digit
/// (which the shaper would draw backwards on its own) or an explicit right-to-left control. Everything below U+0590 (Latin, Greek, Cyrillic...) is left to right, so the
/// usual paragraph is answered by a byte scan.
pub fn needs_bidi(text: &str) -> bool {
    // UTF-8 lead bytes below 0xD6 encode code points below U+0580.
    if text.bytes().all(|b| b < 0xD6) {
        return false;
    }
    text.chars().any(|c| {
        c >= '\u{0590}'
            && matches!(
                bidi_class(c),
                BidiClass::R
                    | BidiClass::AL
                    | BidiClass::AN
                    | BidiClass::RLE
                    | BidiClass::RLO
                    | BidiClass::RLI
            )
    })
}

/// One paragraph's bidi analysis, from which its lines are ordered.
pub struct BidiParagraph<'a> {
    text: &'a str,
    info: ParagraphBidiInfo<'a>,
    /// Byte offset of each code point, and the text's length at the end.
    bytes: Vec<usize>,
    /// The first code point of each code point's grapheme cluster (a flag, a letter with its marks).
    cluster: Vec<usize>,
}

/// A line in visual order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisualLine {
    /// The line's code points (paragraph-local) in visual order, left to right.
    pub visual: Vec<usize>,
    /// For each code point of the line (index minus the line's start): whether it reads right to left,
    /// which decides on which side of it a caret before it stands.
    pub rtl: Vec<bool>,
    /// The line cut into runs for the shaper, left to right.
    pub runs: Vec<ShapeRun>,
}

/// A piece of a line the shaper lays out in one go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeRun {
    /// Paragraph-local code points in the order `text` holds them.
    pub chars: Vec<usize>,
    /// What the shaper is given: those code points, brackets mirrored where they read right to left.
    pub text: String,
    /// The shaper draws `text` right to left (Arabic or Hebrew script): its first code point is the
    /// rightmost. Otherwise `text` is drawn in order, left to right.
    pub right_to_left: bool,
}

impl<'a> BidiParagraph<'a> {
    /// Analyses `text` (one paragraph, no line break); its direction comes from its first strong
    /// letter (rules P2 and P3).
    pub fn new(text: &'a str) -> Self {
        let info = ParagraphBidiInfo::new(text, None);
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        let n = bytes.len();
        bytes.push(text.len());
        let mut cluster = Vec::with_capacity(n);
        let mut at = 0;
        for g in text.graphemes(true) {
            let k = g.chars().count();
            cluster.extend(std::iter::repeat_n(at, k));
            at += k;
        }
        Self {
            text,
            info,
            bytes,
            cluster,
        }
    }

    /// Whether the paragraph reads right to left (it is then aligned to the right).
    pub fn is_rtl(&self) -> bool {
        self.info.paragraph_level.is_rtl()
    }

    /// Number of code points.
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code point at paragraph-local index `i`.
    fn char_at(&self, i: usize) -> char {
        self.text[self.bytes[i]..].chars().next().unwrap_or(' ')
    }

    /// The line of code points `line` (paragraph-local) in visual order, with trailing white space
    /// at the paragraph's direction (rule L1).
    pub fn line(&self, line: Range<usize>) -> VisualLine {
        let line = line.start.min(self.len())..line.end.min(self.len());
        if line.is_empty() {
            return VisualLine {
                visual: Vec::new(),
                rtl: Vec::new(),
                runs: Vec::new(),
            };
        }
        let all = self
            .info
            .reordered_levels_per_char(self.bytes[line.start]..self.bytes[line.end]);
        let levels: &[Level] = &all[line.clone()];
        let visual: Vec<usize> = ParagraphBidiInfo::reorder_visual(levels)
            .into_iter()
            .map(|i| line.start + i)
            .collect();
        let rtl: Vec<bool> = levels.iter().map(|l| l.is_rtl()).collect();
        let stretch = self.script_stretches(line.clone(), levels);
        let key = |c: usize| stretch[c - line.start];

        let mut runs = Vec::new();
        let mut i = 0;
        while i < visual.len() {
            let k = key(visual[i]);
            let mut j = i + 1;
            // Runs of other text go on across anything that is not an Arabic or Hebrew stretch.
            while j < visual.len() && key(visual[j]) == k {
                j += 1;
            }
            let piece = &visual[i..j];
            let strong = k.is_some() && piece.iter().any(|&c| is_strong_script(self.char_at(c)));
            runs.push(if strong {
                // Given in reverse visual order, so the shaper's right-to-left drawing puts it back.
                let chars: Vec<usize> = piece.iter().rev().copied().collect();
                let text = chars.iter().map(|&c| self.char_at(c)).collect();
                ShapeRun {
                    chars,
                    text,
                    right_to_left: true,
                }
            } else {
                self.plain_run(piece, &rtl, line.start)
            });
            i = j;
        }
        VisualLine { visual, rtl, runs }
    }

    /// A run drawn in the order given: visual order, except that a grapheme cluster (a flag, an emoji
    /// with a skin tone, a letter and its marks) keeps its logical order, and brackets reading right to
    /// left are mirrored.
    fn plain_run(&self, piece: &[usize], rtl: &[bool], start: usize) -> ShapeRun {
        let mut chars = piece.to_vec();
        let mut a = 0;
        while a < chars.len() {
            let mut b = a + 1;
            while b < chars.len() && self.cluster[chars[b]] == self.cluster[chars[a]] {
                b += 1;
            }
            chars[a..b].sort_unstable();
            a = b;
        }
        let text = chars
            .iter()
            .map(|&c| {
                let ch = self.char_at(c);
                if rtl[c - start] {
                    unicode_bidi_mirroring::get_mirrored(ch).unwrap_or(ch)
                } else {
                    ch
                }
            })
            .collect();
        ShapeRun {
            chars,
            text,
            right_to_left: false,
        }
    }

    /// For each code point of the line, the stretch of Arabic or Hebrew text it belongs to (numbered by
    /// its first code point), if any: logically adjacent code points of one script and one level, with
    /// their marks and joiners. Such a stretch is contiguous on screen too.
    fn script_stretches(&self, line: Range<usize>, levels: &[Level]) -> Vec<Option<usize>> {
        let mut out = vec![None; line.len()];
        let mut current: Option<(usize, Script)> = None;
        for c in line.clone() {
            let i = c - line.start;
            let ch = self.char_at(c);
            let script = script_of(ch);
            let joins = match (current, script) {
                (Some((first, s)), Some(t)) => {
                    levels[i] == levels[first - line.start] && (t == s || t == Script::Mark)
                }
                _ => false,
            };
            if joins {
                out[i] = current.map(|(first, _)| first);
            } else if let Some(s) = script.filter(|&s| s != Script::Mark) {
                current = Some((c, s));
                out[i] = Some(c);
            } else {
                current = None;
            }
        }
        out
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Script {
    Arabic,
    Hebrew,
    /// Another right-to-left script (Syriac, Thaana, N'Ko...), told apart by its 128-code-point block.
    Other(u32),
    /// A combining mark or a joiner: it goes with the letter before it.
    Mark,
}

/// Which right-to-left script `c` belongs to, if any (Arabic and Hebrew by their blocks, punctuation
/// and digits included; other scripts by their letters' direction).
fn script_of(c: char) -> Option<Script> {
    match c as u32 {
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Some(Script::Hebrew),
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFE => {
            Some(Script::Arabic)
        }
        0x200C | 0x200D => Some(Script::Mark),
        _ => match bidi_class(c) {
            BidiClass::NSM if c >= '\u{0300}' => Some(Script::Mark),
            BidiClass::R | BidiClass::AL => Some(Script::Other(c as u32 >> 7)),
            _ => None,
        },
    }
}

/// Whether the shaper takes `c` as a right-to-left script, and so draws its run right to left: the
/// letters and digits, not the Arabic block's punctuation and tatweel, nor marks (script Common or
/// Inherited).
fn is_strong_script(c: char) -> bool {
    matches!(
        script_of(c),
        Some(Script::Arabic | Script::Hebrew | Script::Other(_))
    ) && !matches!(
        c,
        '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{0640}' | '\u{06DD}'
    ) && bidi_class(c) != BidiClass::NSM
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// The text of a line as it reads left to right on screen, from the visual order.
    fn on_screen(text: &str, line: &VisualLine) -> String {
        let cs = chars(text);
        line.visual.iter().map(|&i| cs[i]).collect()
    }

    /// What the shaper draws, left to right: right-to-left runs reversed.
    fn drawn(line: &VisualLine) -> String {
        line.runs
            .iter()
            .map(|r| {
                if r.right_to_left {
                    r.text.chars().rev().collect::<String>()
                } else {
                    r.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn left_to_right_scripts_need_no_bidi() {
        for s in [
            "The minister said: «No deal» — café",
            "Министр заявил",
            "部长表示谈判将继续进行",
            "😀🎉👍 🇺🇦",
            "",
        ] {
            assert!(!needs_bidi(s), "{s}");
        }
        for s in [
            "قال الوزير",
            "השר אמר",
            "NATO قال",
            "a \u{202E}b",
            "Year ٢٠٢٤ ended",
            "ܫܠܡܐ",
        ] {
            assert!(needs_bidi(s), "{s}");
        }
    }

    #[test]
    fn hebrew_reads_right_to_left_word_by_word() {
        let text = "שלום עולם";
        let p = BidiParagraph::new(text);
        assert!(p.is_rtl());
        let line = p.line(0..9);
        assert_eq!(line.visual, vec![8, 7, 6, 5, 4, 3, 2, 1, 0]);
        assert!(line.rtl.iter().all(|&r| r));
        // Two Hebrew runs in logical order for the shaper, the leftmost being the second word.
        assert_eq!(line.runs.len(), 3);
        assert_eq!(line.runs[0].chars, vec![5, 6, 7, 8]);
        assert_eq!(line.runs[0].text, "עולם");
        assert!(line.runs[0].right_to_left);
        assert_eq!(line.runs[1].text, " ");
        assert!(!line.runs[1].right_to_left);
        assert_eq!(line.runs[2].chars, vec![0, 1, 2, 3]);
        assert_eq!(drawn(&line), on_screen(text, &line));
    }

    #[test]
    fn arabic_with_latin_and_digits_follows_the_algorithm() {
        // "NATO said in 2024 that" in Arabic word order.
        let text = "قال NATO في 2024 إن";
        let p = BidiParagraph::new(text);
        assert!(p.is_rtl());
        let line = p.line(0..19);
        assert_eq!(
            line.visual,
            vec![
                18, 17, 16, 12, 13, 14, 15, 11, 10, 9, 8, 4, 5, 6, 7, 3, 2, 1, 0
            ]
        );
        assert_eq!(on_screen(text, &line), "نإ 2024 يف NATO لاق");
        assert_eq!(drawn(&line), on_screen(text, &line));
        // Latin and European digits read left to right inside the right-to-left paragraph.
        assert!(!line.rtl[4] && !line.rtl[12]);
        assert!(line.rtl[0] && line.rtl[3] && line.rtl[18]);
        let texts: Vec<&str> = line.runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, vec!["إن", " 2024 ", "في", " NATO ", "قال"]);
        let rtl: Vec<bool> = line.runs.iter().map(|r| r.right_to_left).collect();
        assert_eq!(rtl, vec![true, false, true, false, true]);
    }

    #[test]
    fn arabic_indic_digits_read_left_to_right_though_the_shaper_reverses_them() {
        // "year 2024" with Arabic-Indic digits.
        let text = "عام ٢٠٢٤";
        let p = BidiParagraph::new(text);
        let line = p.line(0..8);
        assert_eq!(line.visual, vec![4, 5, 6, 7, 3, 2, 1, 0]);
        assert!(!line.rtl[4]);
        // The digits go to the shaper last first, so that its right-to-left drawing shows ٢٠٢٤.
        assert_eq!(line.runs[0].chars, vec![7, 6, 5, 4]);
        assert!(line.runs[0].right_to_left);
        assert_eq!(drawn(&line), "٢٠٢٤ ماع");
    }

    #[test]
    fn arabic_digits_in_an_english_paragraph_and_other_right_to_left_scripts() {
        let text = "Year ٢٠٢٤ ended";
        let p = BidiParagraph::new(text);
        assert!(!p.is_rtl());
        let line = p.line(0..15);
        assert_eq!(drawn(&line), text);
        assert_eq!(line.runs[1].chars, vec![8, 7, 6, 5]);
        // Syriac ("peace"): a right-to-left run of its own for the shaper.
        let text = "peace ܫܠܡܐ here";
        let p = BidiParagraph::new(text);
        let line = p.line(0..15);
        assert_eq!(line.runs[1].chars, vec![6, 7, 8, 9]);
        assert!(line.runs[1].right_to_left);
        assert_eq!(on_screen(text, &line), "peace ܐܡܠܫ here");
    }

    #[test]
    fn brackets_are_mirrored_where_they_read_right_to_left() {
        // "he said (yes)".
        let text = "قال (نعم)";
        let p = BidiParagraph::new(text);
        let line = p.line(0..9);
        assert_eq!(line.visual, vec![8, 7, 6, 5, 4, 3, 2, 1, 0]);
        let texts: Vec<&str> = line.runs.iter().map(|r| r.text.as_str()).collect();
        // The closing bracket (logically last) is leftmost and drawn as an opening one.
        assert_eq!(texts, vec!["(", "نعم", ") ", "قال"]);
        assert_eq!(line.runs[0].chars, vec![8]);
    }

    #[test]
    fn emoji_clusters_keep_their_order() {
        // A flag (two code points) and a thumb with a skin tone inside Hebrew text.
        let text = "שלום 🇮🇱 👍🏽 עולם";
        let cs = chars(text);
        let p = BidiParagraph::new(text);
        let line = p.line(0..cs.len());
        let plain: Vec<&ShapeRun> = line.runs.iter().filter(|r| !r.right_to_left).collect();
        assert_eq!(plain.len(), 1);
        // Visual order reverses the neutral stretch, but each cluster stays whole and in order.
        assert_eq!(plain[0].text, " 👍🏽 🇮🇱 ");
        let flag = text.find('🇮').map(|b| text[..b].chars().count()).unwrap();
        let at = plain[0].chars.iter().position(|&c| c == flag).unwrap();
        assert_eq!(plain[0].chars[at + 1], flag + 1);
    }

    #[test]
    fn a_hebrew_word_in_an_english_paragraph() {
        let text = "The word שלום means peace";
        let p = BidiParagraph::new(text);
        assert!(!p.is_rtl());
        let line = p.line(0..text.chars().count());
        assert_eq!(on_screen(text, &line), "The word םולש means peace");
        assert_eq!(drawn(&line), on_screen(text, &line));
        assert_eq!(line.runs[1].chars, vec![9, 10, 11, 12]);
    }

    #[test]
    fn marks_and_ligatures_stay_in_their_word() {
        // Lam-alef and a fatha: one Arabic run with its mark, in logical order for the shaper.
        let text = "لَا بد";
        let p = BidiParagraph::new(text);
        let line = p.line(0..6);
        assert_eq!(line.runs[2].chars, vec![0, 1, 2]);
        assert!(line.runs[2].right_to_left);
        assert_eq!(line.runs[0].text, "بد");
    }

    #[test]
    fn each_line_is_ordered_on_its_own() {
        // Two lines: trailing space of the first goes to the paragraph's side (left).
        let text = "שלום עולם ומלואו";
        let p = BidiParagraph::new(text);
        let first = p.line(0..10);
        assert_eq!(first.visual, vec![9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
        let second = p.line(10..16);
        assert_eq!(second.visual, vec![15, 14, 13, 12, 11, 10]);
        assert_eq!(second.runs.len(), 1);
        assert_eq!(second.runs[0].chars, vec![10, 11, 12, 13, 14, 15]);
    }

    /// Pieces of text mixing the scripts and what sits between them.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "ש", "ל", "ו", "ם", "ق", "ا", "ل", "\u{064E}", "a", "B", "7", "٢", " ", " ", "(", ")",
            "«", "»", "،", ".", "🇮🇱", "👍🏽", "e\u{301}", "-", "ܫ", "\u{202B}", "\u{202C}",
        ])
    }

    proptest! {
        // No regression files: a failure prints its minimal input, which belongs in a unit test.
        // PROPTEST_CASES sets the number of cases (256 by default).
        #![proptest_config(ProptestConfig {
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// Each line's runs hold each of its code points once, and drawn as the shaper draws them
        /// they give the visual order (a grapheme cluster kept whole and in order).
        #[test]
        fn runs_draw_every_code_point_once_in_visual_order(
            pieces in prop::collection::vec(piece(), 0..40),
            cut in 0usize..60,
        ) {
            let text: String = pieces.concat();
            let p = BidiParagraph::new(&text);
            let n = p.len();
            let cut = cut.min(n);
            let cluster = p.cluster.clone();
            for range in [0..cut, cut..n] {
                let line = p.line(range.clone());
                let mut seen: Vec<usize> = line.visual.clone();
                seen.sort_unstable();
                prop_assert_eq!(&seen, &range.clone().collect::<Vec<_>>());
                let mut drawn = Vec::new();
                for run in &line.runs {
                    prop_assert_eq!(run.chars.len(), run.text.chars().count());
                    if run.right_to_left {
                        // Logically adjacent code points, one way or the other.
                        let step = |w: &[usize]| w[1] as isize - w[0] as isize;
                        let steps: Vec<isize> = run.chars.windows(2).map(step).collect();
                        prop_assert!(steps.iter().all(|&d| d == 1) || steps.iter().all(|&d| d == -1));
                        drawn.extend(run.chars.iter().rev());
                    } else {
                        drawn.extend(run.chars.iter());
                    }
                }
                let mut all = drawn.clone();
                all.sort_unstable();
                prop_assert_eq!(&all, &seen, "each code point in one run");
                let clusters = |order: &[usize]| {
                    let mut out: Vec<usize> = order.iter().map(|&c| cluster[c]).collect();
                    out.dedup();
                    out
                };
                prop_assert_eq!(clusters(&drawn), clusters(&line.visual));
                for (i, c) in range.clone().enumerate() {
                    if matches!(script_of(p.char_at(c)), Some(Script::Arabic | Script::Hebrew))
                        && is_strong_script(p.char_at(c))
                        && !p.char_at(c).is_numeric()
                    {
                        prop_assert!(line.rtl[i], "a letter of {:?} reads right to left", text);
                    }
                }
            }
        }
    }
}
