//! Laid-out paragraphs of the open document and their vertical positions. Heights start as
//! estimates and become exact as paragraphs are laid out, so opening a long document does not lay
//! out all of it; a paragraph is laid out again only when the wrap width or zoom changes (its text
//! is immutable; highlights are painted on top, so annotation edits never invalidate it).
//! Paragraphs with right-to-left text are laid out by `bidi_layout`, the others by egui alone.

use super::bidi_layout::ParagraphLayout;
use crate::text::DocText;
use egui::text::TextFormat;
use egui::{FontId, Ui};

/// Space below each paragraph.
pub const PARAGRAPH_GAP: f32 = 10.0;
pub const FONT_SIZE: f32 = 15.0;
/// Extra leading so that underline bars of nested spans fit between rows.
pub const LINE_HEIGHT: f32 = 26.0;

#[derive(Default)]
pub struct LayoutCache {
    doc: String,
    width: f32,
    pixels_per_point: f32,
    galleys: Vec<Option<ParagraphLayout>>,
    heights: Vec<f32>,
    /// `tops[p]` is the y of paragraph `p`; one more entry holds the total height.
    tops: Vec<f32>,
    tops_stale: bool,
}

impl LayoutCache {
    /// Starts over when the document, the wrap width or the zoom changed.
    pub fn prepare(&mut self, doc: &str, text: &DocText, width: f32, ppp: f32) {
        let n = text.paragraphs().len();
        if self.doc == doc
            && (self.width - width).abs() < 0.5
            && self.pixels_per_point == ppp
            && self.galleys.len() == n
        {
            return;
        }
        self.doc = doc.to_string();
        self.width = width;
        self.pixels_per_point = ppp;
        self.galleys = vec![None; n];
        let chars_per_row = (width / (FONT_SIZE * 0.5)).max(10.0);
        self.heights = text
            .paragraphs()
            .iter()
            .map(|p| estimate_height(p.chars.len(), chars_per_row))
            .collect();
        self.tops_stale = true;
    }

    pub fn galley(&mut self, ui: &Ui, paragraph: usize, text: &str) -> ParagraphLayout {
        if let Some(g) = &self.galleys[paragraph] {
            return g.clone();
        }
        let format = TextFormat {
            font_id: FontId::proportional(FONT_SIZE),
            color: ui.visuals().text_color(),
            line_height: Some(LINE_HEIGHT),
            valign: egui::Align::Center,
            ..Default::default()
        };
        let width = self.width;
        let galley = ui.fonts_mut(|f| ParagraphLayout::new(f, text, width, format));
        let height = if text.is_empty() {
            LINE_HEIGHT * 0.4
        } else {
            galley.size().y
        } + PARAGRAPH_GAP;
        if (height - self.heights[paragraph]).abs() > 0.1 {
            self.heights[paragraph] = height;
            self.tops_stale = true;
        }
        self.galleys[paragraph] = Some(galley.clone());
        galley
    }

    pub fn cached(&self, paragraph: usize) -> Option<&ParagraphLayout> {
        self.galleys.get(paragraph).and_then(Option::as_ref)
    }

    fn refresh_tops(&mut self) {
        if !self.tops_stale && self.tops.len() == self.heights.len() + 1 {
            return;
        }
        self.tops.clear();
        let mut y = 0.0;
        for h in &self.heights {
            self.tops.push(y);
            y += h;
        }
        self.tops.push(y);
        self.tops_stale = false;
    }

    pub fn top(&mut self, paragraph: usize) -> f32 {
        self.refresh_tops();
        self.tops[paragraph.min(self.tops.len() - 1)]
    }

    pub fn total_height(&mut self) -> f32 {
        self.refresh_tops();
        *self.tops.last().unwrap_or(&0.0)
    }

    /// The paragraph at content height `y`.
    pub fn paragraph_at_y(&mut self, y: f32) -> usize {
        self.refresh_tops();
        let n = self.heights.len();
        self.tops[..n]
            .partition_point(|&t| t <= y)
            .saturating_sub(1)
    }
}

fn estimate_height(chars: usize, chars_per_row: f32) -> f32 {
    if chars == 0 {
        return LINE_HEIGHT * 0.4 + PARAGRAPH_GAP;
    }
    let rows = (chars as f32 / chars_per_row).ceil().max(1.0);
    rows * LINE_HEIGHT + PARAGRAPH_GAP
}
