//! The Speakers and All annotations windows: where they open (inside the window, under the menu
//! bar, at a size that shows their content), their sizes kept for the next start, and the span
//! a click in them reveals kept out from under them.

use super::WhosaidApp;
use crate::project::AnnotationId;
use crate::ui::command::{Action, AppMessage, UiCommand};
use egui::{Pos2, Rect, Vec2, pos2, vec2};

/// Space kept between a window and the edges of the area it floats in.
const MARGIN: f32 = 8.0;

/// Frames during which a revealed span is kept in sight: the reading view may scroll to it, or
/// switch documents, in the frames after the click.
const KEEP_IN_SIGHT_FRAMES: u8 = 4;

/// Which floating window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Floating {
    Registry,
    Table,
}

impl Floating {
    /// The title, also the window's egui id and its key in the settings.
    pub(super) fn title(self) -> &'static str {
        match self {
            Floating::Registry => "Speakers",
            Floating::Table => "All annotations",
        }
    }

    /// Where it opens the first time, in `work` (the area under the menu bar): the registry
    /// on the right, tall enough for a long list and the proposals under it; the table along the
    /// bottom, wide enough for its columns. `size` (kept from the last time) wins. Sizes are
    /// outer ones, title bar and frame included, as egui's windows take them.
    fn default_rect(self, work: Rect, size: Option<Vec2>) -> Rect {
        let room = (work.size() - Vec2::splat(2.0 * MARGIN)).max(vec2(200.0, 120.0));
        let wanted = match self {
            Floating::Registry => vec2(720.0, room.y),
            Floating::Table => vec2(1080.0, (room.y * 0.5).max(320.0)),
        };
        let outer = size
            .filter(|s| s.x.is_finite() && s.y.is_finite())
            .unwrap_or(wanted)
            .min(room);
        let min = match self {
            Floating::Registry => pos2(work.right() - MARGIN - outer.x, work.top() + MARGIN),
            Floating::Table => pos2(
                work.center().x - outer.x / 2.0,
                work.bottom() - MARGIN - outer.y,
            ),
        };
        Rect::from_min_size(min.max(work.min + Vec2::splat(MARGIN)), outer)
    }
}

/// What the windows remember between frames.
#[derive(Default)]
pub(super) struct FloatingState {
    /// Where each open window was painted in the last frame.
    pub rects: Vec<(Floating, Rect)>,
    /// A span a window revealed, and for how many more frames it is kept in sight.
    pub keep_in_sight: Option<(AnnotationId, u8)>,
}

impl WhosaidApp {
    /// The registry and the table, if open, floating in `work`.
    pub(super) fn floating_windows(
        &mut self,
        ctx: &egui::Context,
        work: Rect,
        commands: &mut Vec<Action>,
    ) {
        let hidden = self.span_to_keep_in_sight();
        let mut rects = Vec::new();
        for which in [Floating::Registry, Floating::Table] {
            let moved = hidden.and_then(|span| {
                let (_, rect) = self.floating.rects.iter().find(|(w, _)| *w == which)?;
                move_aside(*rect, span, work)
            });
            let size = self.settings.window_sizes.get(which.title()).copied();
            let window = egui::Window::new(which.title())
                .default_rect(which.default_rect(work, size.map(Vec2::from)))
                .constrain_to(work)
                .resizable(true);
            let window = match moved {
                Some(pos) => window.current_pos(pos),
                None => window,
            };
            let mut open = true;
            let mut emitted = Vec::new();
            let shown = match (which, &mut self.registry, &mut self.table, &self.ws) {
                (Floating::Registry, Some(registry), _, Some(ws)) => {
                    registry.refresh(ws.project(), ws.corpus(), ws.revision());
                    window.open(&mut open).show(ctx, |ui| {
                        emitted = registry.show(ui);
                    })
                }
                (Floating::Table, _, Some(table), Some(ws)) => {
                    window.open(&mut open).show(ctx, |ui| {
                        emitted = table.show(ui, ws.project(), ws.corpus(), ws.revision());
                    })
                }
                _ => continue,
            };
            if let Some(shown) = shown {
                rects.push((which, shown.response.rect));
                // Kept in memory now, written with the window's place when the app closes.
                let size: [f32; 2] = shown.response.rect.size().into();
                if self.settings.window_sizes.get(which.title()) != Some(&size) {
                    self.settings
                        .window_sizes
                        .insert(which.title().to_string(), size);
                }
            }
            for action in &emitted {
                if let Action::Message(m) = action
                    && let AppMessage::RevealAnnotation(id) = **m
                {
                    self.floating.keep_in_sight = Some((id, KEEP_IN_SIGHT_FRAMES));
                }
            }
            commands.extend(emitted);
            if !open {
                commands.push(
                    match which {
                        Floating::Registry => UiCommand::ToggleRegistry,
                        Floating::Table => UiCommand::ToggleTable,
                    }
                    .into(),
                );
            }
        }
        self.floating.rects = rects;
    }

    /// Where the span a window revealed is painted now (its first and last character's lines),
    /// while it is still to be kept in sight.
    fn span_to_keep_in_sight(&mut self) -> Option<Rect> {
        let (id, frames) = self.floating.keep_in_sight?;
        self.floating.keep_in_sight = frames.checked_sub(1).map(|f| (id, f));
        let (doc, start, end) = {
            let (entry, a) = self.ws.as_ref()?.project().find_annotation(id)?;
            (entry.path.clone(), a.start(), a.end())
        };
        if self.current_doc.as_deref() != Some(doc.as_str()) {
            return None;
        }
        let first = self.screen_pos_of(start)?;
        let last = self.screen_pos_of(end).unwrap_or(first);
        // A line above and below the caret positions (which are mid-line).
        let line = crate::ui::layout_cache::FONT_SIZE;
        let mut rect = Rect::from_two_pos(first, last).expand2(vec2(0.0, line));
        if last.y > first.y + line / 2.0 {
            // Over several lines: the lines' whole width.
            rect = rect.union(Rect::from_x_y_ranges(self.view_column_x(), rect.y_range()));
        }
        Some(rect)
    }

    /// The reading column's left and right, as painted in the last frame.
    fn view_column_x(&self) -> egui::Rangef {
        self.reading_rect.x_range()
    }
}

/// Where to put a window (its top-left corner) that covers `span` so that it does not: above
/// or below the span where it fits, else beside it, else where it covers least. `None` when it
/// does not cover the span.
fn move_aside(window: Rect, span: Rect, work: Rect) -> Option<Pos2> {
    if !window.intersects(span) {
        return None;
    }
    let size = window.size();
    let below = work.bottom() - MARGIN - span.bottom();
    let above = span.top() - MARGIN - work.top();
    let right = work.right() - MARGIN - span.right();
    let left = span.left() - MARGIN - work.left();
    let x = window.left();
    let y = window.top();
    let to = if size.y <= below - MARGIN {
        pos2(x, span.bottom() + MARGIN)
    } else if size.y <= above - MARGIN {
        pos2(x, span.top() - MARGIN - size.y)
    } else if size.x <= right - MARGIN {
        pos2(span.right() + MARGIN, y)
    } else if size.x <= left - MARGIN {
        pos2(span.left() - MARGIN - size.x, y)
    } else if below >= above {
        // Nowhere it fits whole: the span's lines stay visible above the window.
        pos2(x, span.bottom() + MARGIN)
    } else {
        pos2(x, span.top() - MARGIN - size.y)
    };
    Some(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_over_a_span_moves_above_or_below_it() {
        let work = Rect::from_min_max(pos2(0.0, 40.0), pos2(1280.0, 780.0));
        let window = Rect::from_min_size(pos2(100.0, 400.0), vec2(900.0, 350.0));
        let low_span = Rect::from_min_size(pos2(300.0, 600.0), vec2(200.0, 30.0));
        let to = move_aside(window, low_span, work).unwrap();
        assert!(to.y + 350.0 <= 600.0, "above the span: {to:?}");
        let high_span = Rect::from_min_size(pos2(300.0, 100.0), vec2(200.0, 30.0));
        assert_eq!(move_aside(window, high_span, work), None, "not covered");
        let window = Rect::from_min_size(pos2(100.0, 60.0), vec2(900.0, 350.0));
        let to = move_aside(window, high_span, work).unwrap();
        assert!(to.y >= 130.0, "below the span: {to:?}");
    }
}
