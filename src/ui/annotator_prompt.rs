//! The analyst's name in the app: taken from the settings, else from git's `user.name`, else
//! asked once in a small window and kept in the settings.

use super::settings::Settings;
use crate::workspace::{Workspace, git_user_name};
use std::path::Path;

/// The name asked for, while the window is up.
#[derive(Default)]
pub struct NamePrompt {
    text: String,
    /// The field has been given the keyboard once: typing goes straight into it on the first
    /// start, and a click elsewhere afterwards is not undone.
    focused: bool,
}

/// The name to record for work on the project at `path`; `None` when there is none to be had
/// (the app then asks).
pub fn name_for(settings: &Settings, path: &Path) -> Option<String> {
    let name = settings.annotator.trim();
    if !name.is_empty() {
        return Some(name.to_string());
    }
    let dir = if path.is_dir() {
        path
    } else {
        path.parent().unwrap_or(Path::new("."))
    };
    git_user_name(dir)
}

/// Shows the window while `prompt` is set; the name given goes to the settings and the workspace.
pub fn show(
    ctx: &egui::Context,
    prompt: &mut Option<NamePrompt>,
    settings: &mut Settings,
    ws: Option<&mut Workspace>,
) {
    let Some(p) = prompt else { return };
    let mut done = false;
    egui::Window::new("Your name")
        .collapsible(false)
        .resizable(false)
        // Centred, so that it never covers the menu bar the way a window at the corner does.
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.label("whosaid records who made each annotation. Your name:");
            let field = ui.add(
                egui::TextEdit::singleline(&mut p.text)
                    .hint_text("e.g. Ana Costa")
                    .id_salt("annotator-name"),
            );
            if !p.focused {
                field.request_focus();
                p.focused = true;
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            // Escape puts the question off, as "Later" does: the one answer that needs no typing.
            let put_off = ui.input(|i| i.key_pressed(egui::Key::Escape));
            ui.horizontal(|ui| {
                let ok = ui.add_enabled(
                    !p.text.trim().is_empty(),
                    egui::Button::new("Use this name"),
                );
                if (ok.clicked() || entered) && !p.text.trim().is_empty() {
                    done = true;
                }
                if ui.button("Later").on_hover_text("Escape").clicked() || put_off {
                    settings.name_put_off = true;
                    done = true;
                }
            });
        });
    if done {
        let name = p.text.trim().to_string();
        if !name.is_empty() {
            settings.set_annotator(&name);
            if let Some(ws) = ws {
                ws.set_annotator(name);
            }
        }
        *prompt = None;
    }
}

/// Whether to ask: the settings are kept in a file (a name given can be kept, so it is asked
/// once; settings held in memory only, as in tests, never ask) and the analyst did not put the
/// question off in this run.
pub fn should_ask(settings: &Settings) -> bool {
    settings.file.is_some() && !settings.name_put_off
}
