//! A laid-out paragraph of the reading view: egui's galley for left-to-right text, or, for a paragraph with
//! Arabic or Hebrew, rows in visual order (text::bidi) drawn as shaped runs, with the map between positions and logical code points.
//!
//! egui lays text out left to right only: its shaper draws an Arabic or Hebrew word right to left, but
//! puts the words of a sentence left to right and numbers the glyphs of such a word wrongly for carets.
//! So a bidi paragraph is broken into lines here, each line is ordered by the Unicode Bidirectional
//! Algorithm and laid out run by run, and each code point's left and right edge is kept for
//! highlights, carets and clicks. Left-to-right paragraphs keep egui's galley, unchanged.

use crate::text::bidi::{BidiParagraph, ShapeRun};
use egui::epaint::text::FontsView;
use egui::text::{CCursor, CharIndex, LayoutJob, TextFormat};
use egui::{Color32, Galley, Painter, Pos2, Rect, Vec2, pos2, vec2};
use std::ops::Range;
use std::sync::Arc;

/// One paragraph as laid out for the reading view. Positions are relative to the paragraph's top left;
/// code points are paragraph-local and logical.
#[derive(Clone)]
pub enum ParagraphLayout {
    /// Left-to-right text: egui's galley.
    Plain(Arc<Galley>),
    /// Text with right-to-left runs.
    Bidi(Arc<BidiLayout>),
}

impl ParagraphLayout {
    /// Lays out `text` wrapped at `width`; the bidi layout only where the text needs it.
    pub fn new(fonts: &mut FontsView<'_>, text: &str, width: f32, format: TextFormat) -> Self {
        if crate::text::bidi::needs_bidi(text) {
            return Self::Bidi(Arc::new(BidiLayout::new(fonts, text, width, format)));
        }
        let mut job = LayoutJob::single_section(text.to_string(), format);
        job.wrap.max_width = width;
        Self::Plain(fonts.layout_job(job))
    }

    pub fn size(&self) -> Vec2 {
        match self {
            Self::Plain(g) => g.size(),
            Self::Bidi(b) => b.rect.size(),
        }
    }

    pub fn paint(&self, painter: &Painter, pos: Pos2, color: Color32) {
        match self {
            Self::Plain(g) => painter.galley(pos, g.clone(), color),
            Self::Bidi(b) => {
                for row in &b.rows {
                    for (x, g) in &row.pieces {
                        painter.galley(pos + vec2(*x, row.top), g.clone(), color);
                    }
                }
            }
        }
    }

    /// The caret before code point `local` (at the end of the text for `local` = its length): a
    /// zero-width rectangle as high as the row.
    pub fn caret_rect(&self, local: usize) -> Rect {
        match self {
            Self::Plain(g) => g.pos_from_cursor(CCursor::new(local)),
            Self::Bidi(b) => b.caret_rect(local),
        }
    }

    /// The gap between code points nearest to `pos`.
    pub fn boundary_at(&self, pos: Vec2) -> usize {
        match self {
            Self::Plain(g) => g.cursor_from_pos(pos).index.0,
            Self::Bidi(b) => b.boundary_at(pos),
        }
    }

    /// The code point under `pos`, if any.
    pub fn char_at(&self, pos: Vec2, len: usize) -> Option<usize> {
        match self {
            Self::Plain(g) => {
                let b = g.cursor_from_pos(pos).index.0.min(len);
                let x = g.pos_from_cursor(CCursor::new(b)).min.x;
                let c = if pos.x < x && b > 0 { b - 1 } else { b };
                (g.rect.contains(pos.to_pos2()) && c < len).then_some(c)
            }
            Self::Bidi(b) => b.char_at(pos),
        }
    }

    /// The vertical extent of each row, top to bottom.
    pub fn rows(&self) -> Vec<(f32, f32)> {
        match self {
            Self::Plain(g) => g.rows.iter().map(|r| (r.min_y(), r.max_y())).collect(),
            Self::Bidi(b) => b
                .rows
                .iter()
                .map(|r| (r.top, r.top + b.row_height))
                .collect(),
        }
    }

    /// One rectangle per row and stretch on screen for the code points `local` (an empty range gives
    /// a zero-width rectangle where it stands), a little inside the row so stacked underlines fit.
    pub fn range_rects(&self, local: Range<usize>) -> Vec<Rect> {
        match self {
            Self::Plain(g) => plain_range_rects(g, local),
            Self::Bidi(b) => b.range_rects(local),
        }
    }
}

/// One rectangle per row for a range of a left-to-right galley.
fn plain_range_rects(galley: &Galley, local: Range<usize>) -> Vec<Rect> {
    let mut rects = Vec::new();
    let mut row_start = 0;
    for row in &galley.rows {
        let count = row.char_count_including_newline().0;
        let row_end = row_start + count;
        let s = local.start.max(row_start);
        let e = local.end.min(row_end);
        if s < e || (s == e && local.is_empty() && s == row_start) {
            let x0 = row.row.x_offset(CharIndex(s - row_start));
            let x1 = row.row.x_offset(CharIndex(e - row_start));
            let r = row.rect();
            rects.push(Rect::from_min_max(
                pos2(row.pos.x + x0, r.min.y + 2.0),
                pos2(row.pos.x + x1, r.max.y - 2.0),
            ));
        }
        row_start = row_end;
    }
    rects
}

/// A paragraph with right-to-left text, as rows of shaped runs in visual order.
pub struct BidiLayout {
    rows: Vec<BidiRow>,
    rect: Rect,
    row_height: f32,
    /// Number of code points.
    len: usize,
}

struct BidiRow {
    /// The row's code points (logical, paragraph-local).
    chars: Range<usize>,
    top: f32,
    /// Each shaped run and the x at which it is drawn.
    pieces: Vec<(f32, Arc<Galley>)>,
    /// Left and right edge of each code point of the row (index minus `chars.start`).
    edges: Vec<(f32, f32)>,
    /// Whether each code point reads right to left.
    rtl: Vec<bool>,
}

impl BidiLayout {
    fn new(fonts: &mut FontsView<'_>, text: &str, width: f32, format: TextFormat) -> Self {
        let para = BidiParagraph::new(text);
        let row_height = format.line_height.unwrap_or(format.font_id.size * 1.3);
        let lines = break_lines(fonts, text, width, &format);
        let mut rows = Vec::with_capacity(lines.len());
        let (mut left, mut right) = (f32::INFINITY, 0.0f32);
        for (i, line) in lines.into_iter().enumerate() {
            let visual = para.line(line.clone());
            let mut edges = vec![(0.0, 0.0); line.len()];
            let mut pieces = Vec::with_capacity(visual.runs.len());
            let mut x = 0.0;
            for run in &visual.runs {
                let galley =
                    fonts.layout_job(LayoutJob::single_section(run.text.clone(), format.clone()));
                for (k, (l, r)) in run_edges(run, &galley).into_iter().enumerate() {
                    edges[run.chars[k] - line.start] = (x + l, x + r);
                }
                let w = galley.size().x;
                pieces.push((x, galley));
                x += w;
            }
            // Right-to-left paragraphs are aligned to the right edge of the column.
            let shift = if para.is_rtl() {
                (width - x).max(0.0)
            } else {
                0.0
            };
            for (px, _) in &mut pieces {
                *px += shift;
            }
            for e in &mut edges {
                e.0 += shift;
                e.1 += shift;
            }
            left = left.min(shift);
            right = right.max(shift + x);
            rows.push(BidiRow {
                chars: line,
                top: i as f32 * row_height,
                pieces,
                edges,
                rtl: visual.rtl,
            });
        }
        let rect = Rect::from_min_max(
            pos2(left.min(right), 0.0),
            pos2(right, rows.len() as f32 * row_height),
        );
        Self {
            rows,
            rect,
            row_height,
            len: para.len(),
        }
    }

    /// The row holding code point `local`; the last row for the end of the text.
    fn row_of(&self, local: usize) -> usize {
        self.rows
            .partition_point(|r| r.chars.end <= local)
            .min(self.rows.len().saturating_sub(1))
    }

    /// The row at height `y`, clamped to the first and last.
    fn row_at_y(&self, y: f32) -> usize {
        ((y / self.row_height).max(0.0) as usize).min(self.rows.len().saturating_sub(1))
    }

    fn caret_rect(&self, local: usize) -> Rect {
        let Some(row) = self.rows.get(self.row_of(local)) else {
            return Rect::from_min_size(Pos2::ZERO, vec2(0.0, self.row_height));
        };
        // Before a code point: on its leading side (right for right-to-left). At the end of the row:
        // after the last code point, on its trailing side.
        let x = if local < row.chars.end {
            let i = local.max(row.chars.start) - row.chars.start;
            let (l, r) = row.edges[i];
            if row.rtl[i] { r } else { l }
        } else if let Some(i) = row.chars.len().checked_sub(1) {
            let (l, r) = row.edges[i];
            if row.rtl[i] { l } else { r }
        } else {
            0.0
        };
        Rect::from_min_max(pos2(x, row.top), pos2(x, row.top + self.row_height))
    }

    fn boundary_at(&self, pos: Vec2) -> usize {
        let Some(row) = self.rows.get(self.row_at_y(pos.y)) else {
            return 0;
        };
        // The code point whose box is nearest to x, then the side of it the pointer is on.
        let mut best: Option<(f32, usize)> = None;
        for (i, &(l, r)) in row.edges.iter().enumerate() {
            let d = if pos.x < l {
                l - pos.x
            } else if pos.x > r {
                pos.x - r
            } else {
                0.0
            };
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, i));
            }
        }
        let Some((_, i)) = best else {
            return row.chars.start;
        };
        let (l, r) = row.edges[i];
        let right_half = pos.x > (l + r) / 2.0;
        let after = right_half != row.rtl[i];
        let b = row.chars.start + i + usize::from(after);
        b.min(self.len)
    }

    fn char_at(&self, pos: Vec2) -> Option<usize> {
        if pos.y < 0.0 || pos.y >= self.rows.len() as f32 * self.row_height {
            return None;
        }
        let row = &self.rows[self.row_at_y(pos.y)];
        row.edges
            .iter()
            .position(|&(l, r)| l <= pos.x && pos.x < r)
            .map(|i| row.chars.start + i)
    }

    fn range_rects(&self, local: Range<usize>) -> Vec<Rect> {
        let mut rects = Vec::new();
        if local.is_empty() {
            let r = self.caret_rect(local.start);
            rects.push(Rect::from_min_max(
                pos2(r.min.x, r.min.y + 2.0),
                pos2(r.min.x, r.max.y - 2.0),
            ));
            return rects;
        }
        for row in &self.rows {
            let s = local.start.max(row.chars.start);
            let e = local.end.min(row.chars.end);
            if s >= e {
                continue;
            }
            // The covered code points' boxes, merged where they touch on screen.
            let mut spans: Vec<(f32, f32)> = (s..e)
                .map(|c| row.edges[c - row.chars.start])
                .filter(|(l, r)| r > l)
                .collect();
            spans.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut merged: Vec<(f32, f32)> = Vec::new();
            for (l, r) in spans {
                match merged.last_mut() {
                    // Runs are placed at their galleys' rounded widths: a pixel apart still touches.
                    Some(last) if l <= last.1 + 1.5 => last.1 = last.1.max(r),
                    _ => merged.push((l, r)),
                }
            }
            for (l, r) in merged {
                rects.push(Rect::from_min_max(
                    pos2(l, row.top + 2.0),
                    pos2(r, row.top + self.row_height - 2.0),
                ));
            }
        }
        rects
    }
}

/// Breaks the paragraph into lines no wider than `width` where it can: after white space, the
/// words measured as egui shapes them (a word wider than the line gets a line of its own).
fn break_lines(
    fonts: &mut FontsView<'_>,
    text: &str,
    width: f32,
    format: &TextFormat,
) -> Vec<Range<usize>> {
    let mut measure = |s: &str| {
        fonts
            .layout_job(LayoutJob::single_section(s.to_string(), format.clone()))
            .size()
            .x
    };
    let mut lines = Vec::new();
    let (mut line_start, mut x) = (0, 0.0);
    let mut at = 0;
    for word in words_with_spaces(text) {
        let n = word.chars().count();
        let w = measure(word);
        let ink = measure(word.trim_end());
        if x > 0.0 && x + ink > width {
            lines.push(line_start..at);
            line_start = at;
            x = 0.0;
        }
        x += w;
        at += n;
    }
    lines.push(line_start..at);
    lines
}

/// The text cut after each run of white space: each piece a word (or anything up to a space) and the
/// spaces after it.
fn words_with_spaces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let end = rest[word_end..]
            .find(|c: char| !c.is_whitespace())
            .map_or(rest.len(), |k| word_end + k);
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
}

/// Left and right edge (galley coordinates) of each code point of `run`, in the order of `run.chars`.
fn run_edges(run: &ShapeRun, galley: &Galley) -> Vec<(f32, f32)> {
    let n = run.chars.len();
    // (left edge, advance, code point) of each glyph, in galley coordinates.
    let glyphs: Vec<(f32, f32, char)> = galley
        .rows
        .iter()
        .flat_map(|r| {
            r.row
                .glyphs
                .iter()
                .map(|g| (r.pos.x + g.pos.x, g.advance_width, g.chr))
        })
        .collect();
    let width = galley.size().x;
    let even = || {
        let w = width / n.max(1) as f32;
        (0..n)
            .map(|k| {
                if run.right_to_left {
                    (width - (k + 1) as f32 * w, width - k as f32 * w)
                } else {
                    (k as f32 * w, (k + 1) as f32 * w)
                }
            })
            .collect::<Vec<_>>()
    };
    if !run.right_to_left {
        // Drawn in order: one glyph per code point (egui keeps that count for left-to-right text).
        if glyphs.len() != n {
            return even();
        }
        return glyphs.iter().map(|&(x, w, _)| (x, x + w)).collect();
    }
    // Drawn right to left. egui emits the shaped glyphs left to right, then zero-width filler; each
    // visible glyph starts a cluster and carries its first code point. Read right to left, the clusters
    // come in the run's order: find each one's code point from where the last one was found.
    let text: Vec<char> = run.text.chars().collect();
    let cells: Vec<(f32, f32, char)> = glyphs
        .iter()
        .filter(|g| g.1 > 0.0)
        .map(|&(x, w, chr)| (x, x + w, chr))
        .rev()
        .collect();
    let mut starts = Vec::with_capacity(cells.len());
    let mut from = 0;
    for &(_, _, chr) in &cells {
        match text[from..].iter().position(|&c| c == chr) {
            Some(k) => {
                starts.push(from + k);
                from += k + 1;
            }
            None => return even(),
        }
    }
    if starts.is_empty() {
        return even();
    }
    starts[0] = 0;
    let mut edges = vec![(0.0, 0.0); n];
    for (j, &(l, r, _)) in cells.iter().enumerate() {
        let end = starts.get(j + 1).copied().unwrap_or(n);
        let m = end - starts[j];
        let w = (r - l) / m.max(1) as f32;
        // A ligature or a letter with its marks: its code points share the glyph, first on the right.
        for t in 0..m {
            edges[starts[j] + t] = (r - (t + 1) as f32 * w, r - t as f32 * w);
        }
    }
    edges
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::FontId;

    /// "The minister said that the talks will go on."
    const ARABIC: &str = "قال الوزير إن المحادثات ستستمر ";
    const HEBREW: &str = "השר אמר שהשיחות יימשכו ";

    /// Lays `text` out at `width` with the app's fonts, as the reading view does.
    fn lay_out(text: &str, width: f32) -> ParagraphLayout {
        let ctx = egui::Context::default();
        ctx.set_fonts(crate::ui::fonts::definitions());
        let mut out = ctx.run_ui(Default::default(), |_| {});
        out.textures_delta.clear();
        let format = TextFormat {
            font_id: FontId::proportional(15.0),
            line_height: Some(26.0),
            valign: egui::Align::Center,
            ..Default::default()
        };
        ctx.fonts_mut(|f| ParagraphLayout::new(f, text, width, format))
    }

    fn bidi(layout: &ParagraphLayout) -> &BidiLayout {
        match layout {
            ParagraphLayout::Bidi(b) => b,
            ParagraphLayout::Plain(_) => panic!("laid out left to right"),
        }
    }

    #[test]
    fn left_to_right_text_keeps_eguis_galley() {
        let layout = lay_out("The minister said that the talks will go on.", 300.0);
        assert!(matches!(layout, ParagraphLayout::Plain(_)));
    }

    #[test]
    fn a_long_paragraph_wraps_into_right_aligned_rows_in_logical_order() {
        let text = ARABIC.repeat(6);
        let layout = lay_out(text.trim_end(), 300.0);
        let b = bidi(&layout);
        assert!(b.rows.len() >= 3, "{} rows", b.rows.len());
        let mut next = 0;
        for row in &b.rows {
            assert_eq!(row.chars.start, next, "rows follow each other");
            next = row.chars.end;
            let right = row.edges.iter().map(|e| e.1).fold(0.0, f32::max);
            let left = row.edges.iter().map(|e| e.0).fold(f32::INFINITY, f32::min);
            assert!((right - 300.0).abs() < 1.0, "aligned right: {right}");
            assert!(left >= 0.0, "fits: {left}");
            // The row's first code point is its rightmost.
            assert!(row.edges[0].1 > right - 1.0);
        }
        assert_eq!(next, text.trim_end().chars().count());
        assert_eq!(layout.rows().len(), b.rows.len());
        assert!((layout.size().y - b.rows.len() as f32 * 26.0).abs() < 0.1);
    }

    #[test]
    fn carets_and_clicks_map_back_to_the_same_code_point() {
        for text in [HEBREW.repeat(5), ARABIC.repeat(5)] {
            let text = text.trim_end();
            let layout = lay_out(text, 260.0);
            let n = text.chars().count();
            for b in 0..=n {
                let r = layout.caret_rect(b);
                assert_eq!(
                    layout.boundary_at(r.center().to_vec2()),
                    b,
                    "{text}: caret {b}"
                );
            }
            for c in 0..n {
                let rects = layout.range_rects(c..c + 1);
                assert_eq!(rects.len(), 1, "{text}: code point {c}");
                if rects[0].width() > 0.5 {
                    let at = layout.char_at(rects[0].center().to_vec2(), n);
                    assert_eq!(at, Some(c), "{text}: code point {c}");
                }
            }
        }
    }

    #[test]
    fn every_arabic_letter_has_a_box_of_its_own() {
        // No ligature in these words: each letter is a glyph, so each code point has a width.
        let layout = lay_out("قال الوزير", 500.0);
        let b = bidi(&layout);
        for (i, &(l, r)) in b.rows[0].edges.iter().enumerate() {
            assert!(r - l > 1.0, "code point {i}: {l}..{r}");
        }
        // Boxes do not overlap: sorted by x, each starts where the one before ended.
        let mut edges = b.rows[0].edges.clone();
        edges.sort_by(|a, b| a.0.total_cmp(&b.0));
        for w in edges.windows(2) {
            assert!(w[1].0 >= w[0].1 - 0.5, "{w:?}");
        }
    }

    #[test]
    fn each_code_point_is_found_under_its_own_box_in_mixed_text() {
        for text in [
            "وقال الأمين العام لحلف NATO في 14 يونيو 2024 إن الحلف «مستعد للدفاع عن كل شبر» (بحسب رويترز).",
            "השר אמר 🇮🇱 👍🏽 כי ישראל תמשיך, said the minister, ١٢٣.",
            "The word שלום עולם means world peace, as the minister said in Jerusalem.",
        ] {
            let layout = lay_out(text, 280.0);
            let b = bidi(&layout);
            assert!(b.rows.len() >= 2, "{text}: wraps");
            let n = text.chars().count();
            let mut boxes = 0;
            for c in 0..n {
                let rects = layout.range_rects(c..c + 1);
                assert!(rects.len() <= 1, "{text}: code point {c} in one piece");
                if let Some(r) = rects.first().filter(|r| r.width() > 0.5) {
                    boxes += 1;
                    let at = layout.char_at(r.center().to_vec2(), n);
                    assert_eq!(at, Some(c), "{text}: code point {c} at {r:?}");
                }
            }
            // Only the second code points of the flag and the thumb's skin tone share a box.
            assert!(boxes + 2 >= n, "{text}: {boxes} boxes for {n} code points");
            // The whole paragraph highlights as one stretch per row.
            assert_eq!(layout.range_rects(0..n).len(), b.rows.len(), "{text}");
        }
    }

    #[test]
    fn words_keep_their_spaces() {
        let pieces: Vec<&str> = words_with_spaces("قال  الوزير إن").collect();
        assert_eq!(pieces, vec!["قال  ", "الوزير ", "إن"]);
        assert_eq!(words_with_spaces("").count(), 0);
    }
}
