//! The reading view: a virtualized scroll area over paragraphs that lays out and paints only what
//! is visible. Highlights, the text selection and the caret are painted from the cached galleys, so
//! changing annotations costs no layout. The selection is our own (document code point offsets),
//! which lets it cross paragraphs and survive clicks on buttons.

use super::bidi_layout::ParagraphLayout;
use super::command::{Action, AppMessage};
use super::labels::{label_color, label_fill};
use super::layout_cache::LayoutCache;
use super::span_index::{PendingIndex, PendingSegment, Segment, SpanIndex};
use super::suggestion_panel;
use crate::corpus::Document;
use crate::project::{AnnotationId, DocEntry, Fragment, Pending, Project};
use crate::text::bidi::{BidiParagraph, needs_bidi};
use crate::text::{
    DocText, next_grapheme, next_word_boundary, prev_grapheme, prev_word_boundary, snap_to_words,
    word_at,
};
use egui::{Key, Pos2, Rect, Sense, Shape, Stroke, Ui, pos2, vec2};
use std::ops::Range;

/// The analyst's text selection: `anchor` stays put, `cursor` moves; both are code points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextSelection {
    pub anchor: usize,
    pub cursor: usize,
}

impl TextSelection {
    pub fn range(&self) -> Range<usize> {
        self.anchor.min(self.cursor)..self.anchor.max(self.cursor)
    }

    pub fn is_empty(&self) -> bool {
        self.anchor == self.cursor
    }

    pub fn collapse(at: usize) -> Self {
        Self {
            anchor: at,
            cursor: at,
        }
    }
}

/// View state of the open document.
#[derive(Default)]
pub struct DocViewState {
    pub selection: TextSelection,
    pub selected: Option<AnnotationId>,
    /// The pending suggestion being looked at (never together with `selected`).
    pub suggestion: Option<u64>,
    /// The pending suggestions whose outlines were painted in the last frame.
    pub painted_suggestions: Vec<u64>,
    /// Scroll so that this code point is visible on the next frame.
    pub scroll_to: Option<usize>,
    /// Where the current mouse drag began (a gap between characters), before word snapping.
    pub drag_from: Option<usize>,
    /// Where paragraph 0 was painted in the last frame (screen coordinates).
    pub origin: Option<Pos2>,
    pub layout: LayoutCache,
}

impl DocViewState {
    /// Screen position of the gap before code point `offset`, from the last painted frame; `None`
    /// when that paragraph has not been laid out.
    pub fn screen_pos_of(&mut self, text: &DocText, offset: usize) -> Option<Pos2> {
        let origin = self.origin?;
        let p = text.paragraph_at(offset);
        let top = self.layout.top(p);
        let galley = self.layout.cached(p)?;
        let local = offset - text.paragraphs()[p].chars.start;
        let r = galley.caret_rect(local);
        Some(origin + vec2(r.min.x, top + r.center().y))
    }
}

/// Keyboard selection: Shift+arrows by grapheme cluster (a flag or an accented letter is one step),
/// Ctrl+Shift+arrows by word, Home/End by paragraph; without Shift the caret moves. Returns true when it used a key.
pub fn handle_selection_keys(ui: &Ui, text: &DocText, state: &mut DocViewState) -> bool {
    let mut used = false;
    let len = text.char_len();
    ui.input_mut(|input| {
        input.events.retain(|event| {
            let egui::Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } = event
            else {
                return true;
            };
            let word = modifiers.command || modifiers.alt;
            let c = state.selection.cursor;
            // In a right-to-left paragraph the arrows move the caret the way they point on screen:
            // Left goes on in reading order, Right back.
            let key = match key {
                Key::ArrowLeft | Key::ArrowRight if reads_right_to_left(text, c) => {
                    if *key == Key::ArrowLeft {
                        &Key::ArrowRight
                    } else {
                        &Key::ArrowLeft
                    }
                }
                _ => key,
            };
            let new = match key {
                Key::ArrowRight if word => next_word_boundary(text, c),
                Key::ArrowRight => next_grapheme(text, c).min(len),
                Key::ArrowLeft if word => prev_word_boundary(text, c),
                Key::ArrowLeft => prev_grapheme(text, c),
                Key::Home => text.paragraphs()[text.paragraph_at(c)].chars.start,
                Key::End => text.paragraphs()[text.paragraph_at(c)].chars.end,
                Key::ArrowDown => vertical_step(text, &state.layout, c, true),
                Key::ArrowUp => vertical_step(text, &state.layout, c, false),
                _ => return true,
            };
            if modifiers.shift {
                state.selection.cursor = new;
            } else {
                state.selection = TextSelection::collapse(new);
            }
            state.scroll_to = Some(new);
            used = true;
            false
        });
    });
    used
}

/// Whether the paragraph holding code point `c` reads right to left.
fn reads_right_to_left(text: &DocText, c: usize) -> bool {
    let para = text.paragraph_text(text.paragraph_at(c));
    needs_bidi(para) && BidiParagraph::new(para).is_rtl()
}

/// The caret one visual row up or down, keeping its x position where the rows are laid out.
fn vertical_step(text: &DocText, layout: &LayoutCache, c: usize, down: bool) -> usize {
    let paragraphs = text.paragraphs();
    let p = text.paragraph_at(c);
    let local = c - paragraphs[p].chars.start;
    let (x, row) = match layout.cached(p) {
        Some(g) => {
            let r = g.caret_rect(local);
            let rows = g.rows();
            let row = rows
                .iter()
                .position(|&(_, max_y)| max_y >= r.center().y)
                .unwrap_or(0);
            (r.min.x, Some((g, rows, row)))
        }
        None => (0.0, None),
    };
    // Within the paragraph, when there is a row to go to.
    if let Some((g, rows, row)) = row {
        let target = if down { row + 1 } else { row.wrapping_sub(1) };
        if let Some(&(min_y, max_y)) = rows.get(target) {
            let local = g.boundary_at(vec2(x, (min_y + max_y) / 2.0));
            return paragraphs[p].chars.start + local;
        }
    }
    // Otherwise into the neighbouring paragraph: its first row going down, its last going up.
    let q = if down {
        if p + 1 >= paragraphs.len() {
            return text.char_len();
        }
        p + 1
    } else {
        if p == 0 {
            return 0;
        }
        p - 1
    };
    let start = paragraphs[q].chars.start;
    match layout.cached(q) {
        Some(g) => {
            let rows = g.rows();
            let r = if down { rows.first() } else { rows.last() };
            let y = r.map_or(0.0, |&(min_y, max_y)| (min_y + max_y) / 2.0);
            start + g.boundary_at(vec2(x, y))
        }
        None => start,
    }
}

pub struct DocViewInput<'a> {
    pub doc: &'a Document,
    pub entry: &'a DocEntry,
    pub project: &'a Project,
    pub spans: &'a SpanIndex,
    /// The document's pending suggestions, in text order, and where they fall.
    pub pending: &'a [Pending],
    pub pending_spans: &'a PendingIndex,
}

/// Paints the document and handles the pointer. Returns the commands it produced.
pub fn show(ui: &mut Ui, input: &DocViewInput, state: &mut DocViewState) -> Vec<Action> {
    let mut commands = Vec::new();
    copy_selection(ui, input, state);
    let text = &input.doc.text;
    let margin = 16.0;
    let width = (ui.available_width() - 2.0 * margin - 12.0).max(100.0);
    state
        .layout
        .prepare(&input.doc.path, text, width, ui.ctx().pixels_per_point());

    let mut area = egui::ScrollArea::vertical()
        .id_salt(("document", &input.doc.path))
        .auto_shrink(false);
    if let Some(offset) = state.scroll_to.take() {
        let p = text.paragraph_at(offset);
        let top = state.layout.top(p);
        let viewport_h = ui.available_height();
        let current = ui
            .ctx()
            .memory(|m| {
                m.data
                    .get_temp::<f32>(egui::Id::unique(("doc-scroll", &input.doc.path)))
            })
            .unwrap_or(0.0);
        let para_h = state.layout.top(p + 1) - top;
        // Only scroll when the target is not already comfortably in view.
        if top < current + 20.0 || top + para_h.min(viewport_h * 0.5) > current + viewport_h - 20.0
        {
            area = area.vertical_scroll_offset((top - viewport_h * 0.25).max(0.0));
        }
    }

    let output = area.show_viewport(ui, |ui, viewport| {
        let total = state.layout.total_height();
        let (rect, response) =
            ui.allocate_exact_size(vec2(width + 2.0 * margin, total), Sense::click_and_drag());
        let origin = rect.min + vec2(margin, 0.0);
        state.origin = Some(origin);
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, "Document text"));

        let painter = ui.painter().clone();
        let sel = state.selection.range();
        let show_caret = state.selection.is_empty() && !ui.ctx().text_edit_focused();
        let mut p = state.layout.paragraph_at_y(viewport.min.y);
        let n = text.paragraphs().len();
        state.painted_suggestions.clear();
        while p < n {
            let top = state.layout.top(p);
            if top > viewport.max.y {
                break;
            }
            let galley = state.layout.galley(ui, p, text.paragraph_text(p));
            let pos = origin + vec2(0.0, top);
            let para = &text.paragraphs()[p];
            let segments = &input.spans.per_paragraph[p];
            for s in segments {
                for r in galley.range_rects(s.local.clone()) {
                    painter.rect_filled(r.translate(pos.to_vec2()), 2.0, label_fill(s.label));
                }
            }
            if sel.start < para.chars.end && sel.end > para.chars.start {
                let local = sel.start.max(para.chars.start) - para.chars.start
                    ..sel.end.min(para.chars.end) - para.chars.start;
                for r in galley.range_rects(local) {
                    painter.rect_filled(
                        r.translate(pos.to_vec2()),
                        0.0,
                        ui.visuals().selection.bg_fill.gamma_multiply(0.7),
                    );
                }
            }
            galley.paint(&painter, pos, ui.visuals().text_color());
            for s in segments {
                paint_bars(&painter, &galley, pos, s, state.selected == Some(s.id));
            }
            for s in input
                .pending_spans
                .per_paragraph
                .get(p)
                .into_iter()
                .flatten()
            {
                paint_outline(&painter, &galley, pos, s, state.suggestion == Some(s.id));
                if state.painted_suggestions.last() != Some(&s.id) {
                    state.painted_suggestions.push(s.id);
                }
            }
            let c = state.selection.cursor;
            if show_caret && c >= para.chars.start && c <= para.chars.end {
                let r = galley.caret_rect(c - para.chars.start);
                let r = r.translate(pos.to_vec2());
                painter.line_segment(
                    [pos2(r.min.x, r.min.y + 3.0), pos2(r.min.x, r.max.y - 3.0)],
                    Stroke::new(1.5, ui.visuals().text_color()),
                );
            }
            p += 1;
        }

        pointer(ui, &response, input, state, origin, &mut commands);
        if state.layout.total_height() != total {
            ui.ctx().request_repaint();
        }
    });
    ui.ctx().memory_mut(|m| {
        m.data.insert_temp(
            egui::Id::unique(("doc-scroll", &input.doc.path)),
            output.state.clamped_offset().y,
        )
    });
    commands
}

/// Ctrl+C (egui's copy event; cut too, the text being read-only) puts the selected text on the
/// clipboard, or, with nothing selected, the selected annotation's text. A focused text field keeps the
/// event for itself.
fn copy_selection(ui: &Ui, input: &DocViewInput, state: &DocViewState) {
    if ui.ctx().text_edit_focused() {
        return;
    }
    let asked = ui.input(|i| {
        i.events
            .iter()
            .any(|e| matches!(e, egui::Event::Copy | egui::Event::Cut))
    });
    if !asked {
        return;
    }
    let copied = if state.selection.is_empty() {
        state
            .selected
            .and_then(|id| input.entry.annotation(id))
            .map(|a| Fragment::text_of(&a.fragments))
    } else {
        input
            .doc
            .text
            .slice(state.selection.range())
            .map(str::to_owned)
    };
    if let Some(copied) = copied.filter(|t| !t.is_empty()) {
        ui.ctx().copy_text(copied);
    }
}

/// Handles clicks, drags and hovering over the text.
fn pointer(
    ui: &Ui,
    response: &egui::Response,
    input: &DocViewInput,
    state: &mut DocViewState,
    origin: Pos2,
    commands: &mut Vec<Action>,
) {
    let text = &input.doc.text;
    let shift = ui.input(|i| i.modifiers.shift);
    if response.is_pointer_button_down_on() {
        // Working in the text takes the keyboard back from any field or button.
        ui.memory_mut(|m| {
            if let Some(focused) = m.focused() {
                m.surrender_focus(focused);
            }
        });
    }
    if response.drag_started_by(egui::PointerButton::Primary) {
        let press = ui.input(|i| i.pointer.press_origin());
        state.drag_from = match press {
            Some(press) if !shift => Some(boundary_at(state, text, origin, press)),
            _ => Some(state.selection.anchor),
        };
    }
    if response.dragged_by(egui::PointerButton::Primary)
        && let Some(pos) = ui.input(|i| i.pointer.interact_pos())
    {
        let to = boundary_at(state, text, origin, pos);
        let from = state.drag_from.unwrap_or(state.selection.anchor);
        // Whole words, as in a word processor, so a span never starts mid-word; Alt selects by
        // character for the rare span that must.
        let (anchor, cursor) = if ui.input(|i| i.modifiers.alt) {
            (from, to)
        } else {
            snap_to_words(text, from, to)
        };
        state.selection = TextSelection { anchor, cursor };
        // Dragging past the edge scrolls the view.
        ui.scroll_to_rect(Rect::from_center_size(pos, vec2(1.0, 30.0)), None);
    }
    if response.double_clicked() {
        if let Some(pos) = response.interact_pointer_pos()
            && let Some(c) = char_under(state, text, origin, pos)
        {
            let w = word_at(text, c);
            state.selection = TextSelection {
                anchor: w.start,
                cursor: w.end,
            };
        }
    } else if response.clicked()
        && let Some(pos) = response.interact_pointer_pos()
    {
        let b = boundary_at(state, text, origin, pos);
        if shift {
            state.selection.cursor = b;
        } else {
            state.selection = TextSelection::collapse(b);
            let hits = char_under(state, text, origin, pos)
                .map(|c| hits_at(input, text, c))
                .unwrap_or_default();
            let current = match (state.selected, state.suggestion) {
                (Some(id), _) => Some(Hit::Annotation(id)),
                (None, Some(id)) => Some(Hit::Suggestion(id)),
                (None, None) => None,
            };
            commands.push(
                match pick_next(&hits, current) {
                    Some(Hit::Suggestion(id)) => AppMessage::SelectSuggestion(Some(id)),
                    Some(Hit::Annotation(id)) => AppMessage::SelectAnnotation(Some(id)),
                    None => AppMessage::SelectAnnotation(None),
                }
                .into(),
            );
        }
    }
    if let Some(pos) = response.hover_pos()
        && !response.dragged()
    {
        let hits = char_under(state, text, origin, pos)
            .map(|c| hits_at(input, text, c))
            .unwrap_or_default();
        if !hits.is_empty() {
            response.clone().on_hover_ui_at_pointer(|ui| {
                for (i, hit) in hits.iter().enumerate() {
                    if i > 0 {
                        ui.separator();
                    }
                    match *hit {
                        Hit::Annotation(id) => {
                            if let Some(a) = input.entry.annotation(id) {
                                hover_card(ui, input.project, a);
                            }
                        }
                        Hit::Suggestion(id) => {
                            if let Some(p) = input.pending.iter().find(|p| p.id == id) {
                                let current = state.suggestion == Some(id);
                                suggestion_panel::card(ui, input.project, p, current);
                            }
                        }
                    }
                }
            });
        }
    }
}

fn hover_card(ui: &mut Ui, project: &Project, a: &crate::project::Annotation) {
    ui.horizontal(|ui| {
        ui.colored_label(label_color(a.label), a.label.name());
        match project.speakers_label(a) {
            Some(names) => ui.strong(names),
            None => ui.colored_label(ui.visuals().warn_fg_color, "no speaker"),
        };
    });
    if let Some(addressee) = project.speaker_name(a.addressee) {
        ui.label(format!("calls on {addressee}"));
    }
    if !a.annotator.is_empty() {
        ui.weak(format!("by {}", a.annotator));
    }
    if let Some(cue) = &a.cue {
        ui.label(format!("cue: {}", cue.text()));
    }
    if !a.note.is_empty() {
        ui.label(&a.note);
    }
}

/// What a click or the pointer can land on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Hit {
    Annotation(AnnotationId),
    /// A pending suggestion.
    Suggestion(u64),
}

/// Annotations covering code point `c`, innermost (shortest) first, then pending suggestions.
fn hits_at(input: &DocViewInput, text: &DocText, c: usize) -> Vec<Hit> {
    let p = text.paragraph_at(c);
    let local = c - text.paragraphs()[p].chars.start;
    let mut annotations: Vec<(usize, Hit)> = input.spans.per_paragraph[p]
        .iter()
        .filter(|s| s.local.contains(&local))
        .filter_map(|s| {
            input
                .entry
                .annotation(s.id)
                .map(|a| (a.covered_len(), Hit::Annotation(s.id)))
        })
        .collect();
    annotations.sort();
    annotations.dedup();
    let mut suggestions: Vec<(usize, Hit)> = input
        .pending_spans
        .per_paragraph
        .get(p)
        .into_iter()
        .flatten()
        .filter(|s| s.local.contains(&local))
        .filter_map(|s| {
            let pending = input.pending.iter().find(|x| x.id == s.id)?;
            Some((pending.end() - pending.start(), Hit::Suggestion(s.id)))
        })
        .collect();
    suggestions.sort();
    suggestions.dedup();
    annotations
        .into_iter()
        .chain(suggestions)
        .map(|(_, hit)| hit)
        .collect()
}

/// Clicking again where spans overlap steps to the next one, so each can be selected.
fn pick_next(hits: &[Hit], current: Option<Hit>) -> Option<Hit> {
    match current.and_then(|c| hits.iter().position(|&h| h == c)) {
        Some(i) => Some(hits[(i + 1) % hits.len()]),
        None => hits.first().copied(),
    }
}

/// The gap between characters nearest to `pos`.
fn boundary_at(state: &mut DocViewState, text: &DocText, origin: Pos2, pos: Pos2) -> usize {
    let y = pos.y - origin.y;
    if y < 0.0 {
        return 0;
    }
    if y >= state.layout.total_height() {
        return text.char_len();
    }
    let p = state.layout.paragraph_at_y(y);
    let para = &text.paragraphs()[p];
    let top = state.layout.top(p);
    match state.layout.cached(p) {
        Some(g) => {
            let local = g.boundary_at(pos - origin - vec2(0.0, top));
            para.chars.start + local.min(para.chars.len())
        }
        None => para.chars.start,
    }
}

/// The character under `pos`, if the pointer is over text.
fn char_under(state: &mut DocViewState, text: &DocText, origin: Pos2, pos: Pos2) -> Option<usize> {
    let b = boundary_at(state, text, origin, pos);
    let p = text.paragraph_at(b);
    let para = &text.paragraphs()[p];
    let top = state.layout.top(p);
    let galley = state.layout.cached(p)?;
    let local = galley.char_at(pos - origin - vec2(0.0, top), para.chars.len())?;
    Some(para.chars.start + local)
}

/// Underline bars under each span, one level per layer, dashed when the span lacks a speaker; the
/// selected annotation gets an outline.
fn paint_bars(
    painter: &egui::Painter,
    galley: &ParagraphLayout,
    pos: Pos2,
    s: &Segment,
    selected: bool,
) {
    let color = label_color(s.label);
    for r in galley.range_rects(s.local.clone()) {
        let r = r.translate(pos.to_vec2());
        let y = r.max.y + 1.0 + s.layer as f32 * 3.5;
        let stroke = Stroke::new(2.0, color);
        if s.has_speaker {
            painter.line_segment([pos2(r.min.x, y), pos2(r.max.x, y)], stroke);
        } else {
            painter.extend(Shape::dashed_line(
                &[pos2(r.min.x, y), pos2(r.max.x, y)],
                stroke,
                4.0,
                3.0,
            ));
        }
        if selected {
            painter.rect_stroke(
                r.expand(1.0),
                2.0,
                Stroke::new(2.0, color),
                egui::StrokeKind::Outside,
            );
        }
    }
}

/// A pending suggestion: an outline in its label's colour around each row, no fill, so it reads
/// as a proposal next to the filled annotations; dashed, or solid and thicker when current.
fn paint_outline(
    painter: &egui::Painter,
    galley: &ParagraphLayout,
    pos: Pos2,
    s: &PendingSegment,
    current: bool,
) {
    let color = label_color(s.label);
    for r in galley.range_rects(s.local.clone()) {
        let r = r.translate(pos.to_vec2()).expand(1.5);
        if current {
            painter.rect_stroke(
                r.expand(0.5),
                3.0,
                Stroke::new(2.5, color),
                egui::StrokeKind::Outside,
            );
        } else {
            let corners = [
                r.left_top(),
                r.right_top(),
                r.right_bottom(),
                r.left_bottom(),
                r.left_top(),
            ];
            painter.extend(Shape::dashed_line(
                &corners,
                Stroke::new(1.5, color),
                5.0,
                3.0,
            ));
        }
    }
}
