//! How the window looks and what it takes from the desktop: the View menu's zoom and theme (kept
//! in the settings for the next start) and files dropped on the window.

use super::WhosaidApp;
use crate::ui::command::{AppMessage, UiCommand};
use crate::ui::settings::ThemeChoice;
use std::path::Path;

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

fn theme_name(theme: ThemeChoice) -> &'static str {
    match theme {
        ThemeChoice::Light => "light",
        ThemeChoice::Dark => "dark",
        ThemeChoice::System => "as the system",
    }
}
