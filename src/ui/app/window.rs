//! How the window looks and what it takes from the desktop: the View menu's zoom, theme and
//! reading width and the window's place (kept in the settings for the next start), and files
//! dropped on the window.

use super::WhosaidApp;
use crate::ui::command::{AppMessage, UiCommand};
use crate::ui::layout_cache::FONT_SIZE;
use crate::ui::settings::{ReadingWidth, ThemeChoice, WindowPlace};
use egui::{Rect, Ui};
use std::path::Path;

/// Running text whose width per character stands for the reading view's (mixed case, spaces,
/// punctuation), to turn a reading width in characters into points for the font in use.
const TYPICAL_TEXT: &str = "Ukraine's president said on Tuesday that talks with US envoys had made \
                            \"real progress\", though key issues were unresolved.";

/// The reading view's side margins and scroll bar, beyond its line width.
const READING_CHROME: f32 = 2.0 * 16.0 + 12.0;

/// The zoom range of the View menu; beyond it the window is unusable.
const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.5..=3.0;

impl WhosaidApp {
    /// On the first frame: the zoom and theme kept in the settings. egui's own zoom keys are
    /// switched off, since the command table binds the same keys (they would zoom twice).
    pub(super) fn apply_look(&mut self, ctx: &egui::Context) {
        if self.look_applied {
            return;
        }
        self.look_applied = true;
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        ctx.set_zoom_factor(
            self.settings
                .zoom
                .clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end()),
        );
        ctx.set_theme(self.settings.theme.preference());
    }

    /// Zoom in / out / reset and the theme, remembered in the settings.
    pub(super) fn run_look_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        let mut zoom = ctx.zoom_factor();
        let mut theme = self.settings.theme;
        // Tenths, as egui's own zoom keys step, so the percentages stay round.
        let step = |z: f32, by: f32| ((z * 10.0).round() + by) / 10.0;
        match command {
            UiCommand::ZoomIn => zoom = step(zoom, 1.0),
            UiCommand::ZoomOut => zoom = step(zoom, -1.0),
            UiCommand::ZoomReset => zoom = 1.0,
            UiCommand::Theme(choice) => theme = choice,
            UiCommand::ReadingWidth(width) => {
                self.settings.set_reading_width(width);
                self.status = format!("Reading width: {}", reading_width_name(width));
                return;
            }
            _ => return,
        }
        let zoom = zoom.clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        ctx.set_zoom_factor(zoom);
        ctx.set_theme(theme.preference());
        self.settings.set_view(zoom, theme);
        self.status = match command {
            UiCommand::Theme(_) => format!("Theme: {}", theme_name(theme)),
            _ => format!("Zoom {:.0} %", zoom * 100.0),
        };
    }

    /// The theme the View menu marks as chosen.
    pub(super) fn theme_choice(&self) -> ThemeChoice {
        self.settings.theme
    }

    /// The reading width the View menu marks as chosen.
    pub(super) fn reading_width(&self) -> ReadingWidth {
        self.settings.reading_width
    }

    /// Where the reading view goes in `ui`: all of it, or a column centred in it no wider than
    /// the chosen number of characters of running text.
    pub(super) fn reading_column(&self, ui: &Ui) -> Rect {
        let all = ui.available_rect_before_wrap();
        let Some(chars) = self.settings.reading_width.max_chars() else {
            return all;
        };
        let typical = ui.painter().layout_no_wrap(
            TYPICAL_TEXT.to_owned(),
            egui::FontId::proportional(FONT_SIZE),
            egui::Color32::PLACEHOLDER,
        );
        let per_char = typical.size().x / TYPICAL_TEXT.chars().count() as f32;
        let width = chars * per_char + READING_CHROME;
        if width >= all.width() {
            return all;
        }
        Rect::from_x_y_ranges(
            all.center().x - width / 2.0..=all.center().x + width / 2.0,
            all.y_range(),
        )
    }

    /// Notes where the window is each frame, so that its last place before it was maximized is
    /// known when it closes.
    pub(super) fn track_window(&mut self, ctx: &egui::Context) {
        let (inner, outer, maximized) = ctx.input(|i| {
            let v = i.viewport();
            (
                v.inner_rect,
                v.outer_rect,
                v.maximized == Some(true) || v.fullscreen == Some(true),
            )
        });
        self.window_maximized = maximized;
        let Some(inner) = inner else { return };
        if maximized {
            return;
        }
        // The window system is asked in points at 100 %: the rects are in zoomed points.
        let zoom = ctx.zoom_factor();
        self.window_place = Some(WindowPlace {
            position: outer.map(|r| (r.min.x * zoom, r.min.y * zoom)),
            size: (inner.width() * zoom, inner.height() * zoom),
            maximized: false,
        });
    }

    /// As the window closes: its place is kept for the next start.
    pub(super) fn keep_window_place(&mut self) {
        let place = self.window_place.map(|place| WindowPlace {
            maximized: self.window_maximized,
            ..place
        });
        self.settings.set_window(place);
    }

    /// A folder, a project (`.ron`) or a table of articles dropped on the window is opened as
    /// File > Open would (asking about unsaved work first); anything else is refused with a word.
    pub(super) fn open_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<std::path::PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        // One project at a time: the first file that can be opened wins.
        let Some(path) = dropped.iter().find(|p| can_open(p)) else {
            if let Some(p) = dropped.first() {
                self.status = format!(
                    "Cannot open {}: drop a corpus folder, a project (.ron) or a table of articles \
                     (.csv, .jsonl)",
                    p.display()
                );
            }
            return;
        };
        self.run_message(ctx, AppMessage::Open(path.clone()));
    }
}

/// What File > Open takes: a corpus folder, a project, a table of articles.
fn can_open(path: &Path) -> bool {
    let ron = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
    path.is_dir() || ron || crate::corpus::is_table(path)
}

fn reading_width_name(width: ReadingWidth) -> &'static str {
    match width {
        ReadingWidth::Narrow => "narrow",
        ReadingWidth::Medium => "medium",
        ReadingWidth::Full => "the window's",
    }
}

/// The main window as it was left: its size and place, or maximized.
pub fn viewport_from(
    place: Option<&WindowPlace>,
    builder: egui::ViewportBuilder,
) -> egui::ViewportBuilder {
    let Some(place) = place else {
        return builder;
    };
    // A size from a larger screen or a broken file: the window system gets something sane.
    let size = egui::vec2(place.size.0.max(640.0), place.size.1.max(400.0));
    if !size.x.is_finite() || !size.y.is_finite() {
        return builder;
    }
    let mut builder = builder
        .with_inner_size(size)
        .with_maximized(place.maximized);
    if let Some((x, y)) = place.position
        && x.is_finite()
        && y.is_finite()
    {
        builder = builder.with_position([x, y]);
    }
    builder
}

fn theme_name(theme: ThemeChoice) -> &'static str {
    match theme {
        ThemeChoice::Light => "light",
        ThemeChoice::Dark => "dark",
        ThemeChoice::System => "as the system",
    }
}
