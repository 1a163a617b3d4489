//! Small modal dialogs: a path field (the always-available fallback for file dialogs), the
//! unsaved-changes question, and messages.

use crate::interop::ExportFormat;
use egui::{Key, Modifiers};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    Export(ExportFormat),
}

pub struct PathPrompt {
    pub purpose: PathPurpose,
    pub text: String,
    focus_pending: bool,
    /// Why the path given last cannot be used (nothing there, no such folder).
    error: Option<String>,
}

pub enum PromptOutcome {
    Accepted(PathBuf),
    Cancelled,
}

impl PathPrompt {
    pub fn new(purpose: PathPurpose, text: String) -> Self {
        Self {
            purpose,
            text,
            focus_pending: true,
            error: None,
        }
    }

    pub fn show(&mut self, ctx: &egui::Context) -> Option<PromptOutcome> {
        let (title, hint, button) = match self.purpose {
            PathPurpose::Open => (
                "Open project or corpus folder",
                "path to a .ron project or a folder of .txt files",
                "Open",
            ),
            PathPurpose::SaveAs => ("Save project as", "path of the .ron file to write", "Save"),
            PathPurpose::Export(_) => ("Export annotations", "path of the file to write", "Export"),
        };
        let mut outcome = None;
        let enter = ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter));
        let modal = egui::Modal::new(egui::Id::unique("path-prompt")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(title);
            let edit = super::path_field::show(ui, "Path", hint, &mut self.text);
            if self.focus_pending {
                edit.request_focus();
                self.focus_pending = false;
            }
            if edit.changed() {
                self.error = None;
            }
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.weak("Tab completes the path.");
            ui.horizontal(|ui| {
                let ok = ui.button(button).clicked() || enter;
                if ok && !self.text.trim().is_empty() {
                    // Checked here, before anything is asked or closed: a typo stays fixable.
                    let path = expand_home(self.text.trim());
                    let checked = match self.purpose {
                        PathPurpose::Open => super::path_field::check_exists(&path),
                        PathPurpose::SaveAs | PathPurpose::Export(_) => {
                            super::path_field::check_folder_exists(&path)
                        }
                    };
                    match checked {
                        Ok(()) => outcome = Some(PromptOutcome::Accepted(path)),
                        Err(e) => self.error = Some(e),
                    }
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(PromptOutcome::Cancelled);
                }
            });
        });
        if modal.should_close() && outcome.is_none() {
            outcome = Some(PromptOutcome::Cancelled);
        }
        outcome
    }
}

use super::path_field::expand_home;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiscardChoice {
    Save,
    Discard,
    Cancel,
}

/// "Save changes to X?" before closing or opening something else.
pub fn confirm_discard(ctx: &egui::Context, project_name: &str) -> Option<DiscardChoice> {
    let mut choice = None;
    // Enter answers with the default button, Save, unless a button has the keyboard (Tab moved
    // to it): that button reads the Enter as its click first, below.
    let enter = ctx.input(|i| i.key_pressed(Key::Enter) && i.modifiers.is_none());
    let modal = egui::Modal::new(egui::Id::unique("confirm-discard")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading("Unsaved changes");
        ui.label(format!(
            "“{project_name}” has changes that are not saved. Save them first?"
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let save = egui::Button::new(egui::RichText::new("Save").strong()).selected(true);
            let save = ui.add(save).on_hover_text("Enter");
            if ui.button("Discard changes").clicked() {
                choice = Some(DiscardChoice::Discard);
            }
            if ui.button("Cancel").on_hover_text("Escape").clicked() {
                choice = Some(DiscardChoice::Cancel);
            }
            if save.clicked() || (enter && choice.is_none()) {
                choice = Some(DiscardChoice::Save);
            }
        });
    });
    // Escape (egui's modal reads it) or a click outside: cancel.
    if modal.should_close() && choice.is_none() {
        choice = Some(DiscardChoice::Cancel);
    }
    choice
}

/// A message the user must read (a file that could not be opened, say). Returns true when closed.
pub fn message(ctx: &egui::Context, title: &str, lines: &[String]) -> bool {
    let mut closed = false;
    let modal = egui::Modal::new(egui::Id::unique(("message", title))).show(ctx, |ui| {
        ui.set_max_width(640.0);
        ui.heading(title);
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                for line in lines {
                    ui.label(line);
                }
            });
        ui.add_space(8.0);
        if ui.button("OK").clicked() {
            closed = true;
        }
    });
    closed || modal.should_close()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictChoice {
    Overwrite,
    SaveAs,
    Cancel,
}

/// The project file changed on disk since it was read: never overwrite it without asking.
pub fn disk_conflict(ctx: &egui::Context, path: &std::path::Path) -> Option<ConflictChoice> {
    let mut choice = None;
    let modal = egui::Modal::new(egui::Id::unique("disk-conflict")).show(ctx, |ui| {
        ui.set_width(480.0);
        ui.heading("The project changed on disk");
        ui.label(format!(
            "{} was changed by someone else (a git pull, another window?) since you opened it. \
             Saving now would replace those changes with yours.",
            path.display()
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Overwrite with my version").clicked() {
                choice = Some(ConflictChoice::Overwrite);
            }
            if ui.button("Save mine as…").clicked() {
                choice = Some(ConflictChoice::SaveAs);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(ConflictChoice::Cancel);
            }
        });
        ui.weak(format!(
            "Overwriting keeps their version as {}.",
            crate::workspace::backup_path(path).display()
        ));
    });
    if modal.should_close() && choice.is_none() {
        choice = Some(ConflictChoice::Cancel);
    }
    choice
}

/// Unsaved work was found: restore it? `Some(true)` restores, `Some(false)` keeps the saved version.
pub fn offer_recovery(
    ctx: &egui::Context,
    offer: &crate::workspace::RecoveryOffer,
) -> Option<bool> {
    let mut choice = None;
    egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
        ui.set_width(480.0);
        ui.heading("Restore unsaved work?");
        ui.label(format!(
            "whosaid found work that was not saved (after a crash or a forced quit) in {}.",
            offer.file.display()
        ));
        ui.label(format!("Compared with the saved project: {}.", offer.diff));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                choice = Some(true);
            }
            if ui.button("Keep the saved version").clicked() {
                choice = Some(false);
            }
        });
        ui.weak("Keeping the saved version sets the recovery file aside (…recovery-declined).");
    });
    choice
}
