//! The dialogs that take the keyboard and block the window, as one `Modal`: at most one is up, and
//! keys and views wait while it is. Each one's answer turns into commands or a change here.

use super::WhosaidApp;
use crate::ui::column_picker::{ColumnOutcome, ColumnPicker};
use crate::ui::command::{Action, AppMessage, UiCommand, help_lines};
use crate::ui::dialogs::DialogOutcome;
use crate::ui::import_dialog::{ImportDialog, ImportOutcome};
use crate::ui::metadata_editor::MetadataEditor;
use crate::ui::modals::{
    self, ConflictChoice, DiscardChoice, PathPrompt, PathPurpose, PromptOutcome,
};
use crate::ui::speaker_editor::SpeakerEditor;
use crate::ui::speaker_picker::{PickerOutcome, SpeakerPicker};
use crate::workspace::{RecoveryOffer, SpeakerChoice, Workspace};
use std::path::{Path, PathBuf};

/// What to do once the unsaved-changes question is answered.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum AfterConfirm {
    Close,
    Open(PathBuf),
    Import,
}

/// A dialog up over the window.
pub(super) enum Modal {
    /// Choosing a speaker for an annotation or a suggestion.
    Picker(SpeakerPicker),
    SpeakerEditor(SpeakerEditor),
    MetadataEditor(MetadataEditor),
    Import(ImportDialog),
    /// The text and id columns of a table of articles, when their names do not tell.
    ColumnPicker(ColumnPicker),
    /// A path typed in when no file dialog is available.
    PathPrompt(PathPrompt),
    /// Save, discard or cancel unsaved work before going on.
    Confirm(AfterConfirm),
    /// Saving found the project file changed on disk: ask what to do.
    DiskConflict,
    /// A title and lines to read (warnings, errors).
    Message(String, Vec<String>),
    Shortcuts,
    /// Unsaved work found beside the project on open, waiting for the user's answer.
    Recovery(RecoveryOffer),
}

impl WhosaidApp {
    /// Puts up `modal`, or has it wait for the one up now to be answered.
    pub(super) fn open_modal(&mut self, modal: Modal) {
        if self.modal.is_some() {
            self.waiting.push_back(modal);
        } else {
            self.modal = Some(modal);
        }
    }

    /// Asks about unsaved work before `after`; a question already up is asked for `after` now.
    pub(super) fn ask_to_confirm(&mut self, after: AfterConfirm) {
        match &mut self.modal {
            Some(Modal::Confirm(asked)) => *asked = after,
            _ => self.open_modal(Modal::Confirm(after)),
        }
    }

    /// Whether a window that takes the keyboard is up: a modal, the analyst's name being asked,
    /// or a merge's conflicts waiting to be settled.
    pub(super) fn modal_open(&self) -> bool {
        self.modal.is_some()
            || self.name_prompt.is_some()
            || self.conflicts.is_open(self.ws.as_ref())
    }

    /// Shows the modal up, if any, and carries out its answer once given.
    pub(super) fn modals(&mut self, ctx: &egui::Context, commands: &mut Vec<Action>) {
        let Some(mut modal) = self.modal.take() else {
            return;
        };
        if !self.answer(ctx, &mut modal, commands) {
            self.modal = Some(modal);
        } else if self.modal.is_none() {
            self.modal = self.waiting.pop_front();
        }
    }

    /// Shows `modal` for a frame; true once it is answered (it is then closed).
    fn answer(
        &mut self,
        ctx: &egui::Context,
        modal: &mut Modal,
        commands: &mut Vec<Action>,
    ) -> bool {
        let perform = |intent| Action::from(AppMessage::Perform(intent));
        match modal {
            Modal::Picker(picker) => {
                let Some(ws) = &self.ws else { return true };
                let Some(outcome) = picker.show(ctx, ws.project()) else {
                    return false;
                };
                let choice = match outcome {
                    PickerOutcome::Pick(speaker) => SpeakerChoice::Existing(speaker),
                    PickerOutcome::Create(name) => SpeakerChoice::New(name),
                    PickerOutcome::Dismissed => return true,
                };
                let (target, role) = (picker.target.clone(), picker.role);
                commands.extend(ws.speaker_intent(target, role, choice).map(perform));
            }
            Modal::MetadataEditor(editor) => {
                let Some(result) = editor.show(ctx) else {
                    return false;
                };
                commands.extend(result.map(perform));
            }
            Modal::ColumnPicker(picker) => match picker.show(ctx) {
                None => return false,
                Some(ColumnOutcome::Open(columns)) => {
                    let table = picker.table.clone();
                    self.open_table(&table, &columns);
                }
                Some(ColumnOutcome::Cancelled) => {}
            },
            Modal::Import(dialog) => match dialog.show(ctx) {
                None => return false,
                Some(ImportOutcome::Import(request)) => {
                    commands.push(AppMessage::ImportFrom(request).into());
                }
                Some(ImportOutcome::Cancelled) => {}
                Some(ImportOutcome::Browse(field)) => {
                    let start = dialog.browse_start(field);
                    match self
                        .dialogs
                        .ask(dialog.dialog_kind(field), start.as_deref(), None)
                    {
                        DialogOutcome::Picked(path) => dialog.browsed(field, Some(&path)),
                        DialogOutcome::Cancelled => {}
                        DialogOutcome::Unavailable => dialog.browsed(field, None),
                    }
                    return false;
                }
            },
            Modal::SpeakerEditor(editor) => {
                let Some(result) = editor.show(ctx) else {
                    return false;
                };
                commands.extend(result.map(perform));
            }
            Modal::PathPrompt(prompt) => {
                let Some(outcome) = prompt.show(ctx) else {
                    return false;
                };
                if let PromptOutcome::Accepted(path) = outcome {
                    commands.push(
                        match prompt.purpose {
                            PathPurpose::Open => AppMessage::Open(path),
                            PathPurpose::SaveAs => AppMessage::SaveTo(path),
                            PathPurpose::Export(f) => AppMessage::ExportTo(f, path),
                        }
                        .into(),
                    );
                }
            }
            Modal::Confirm(after) => {
                let name = self
                    .ws
                    .as_ref()
                    .map(Workspace::display_name)
                    .unwrap_or_default();
                let Some(choice) = modals::confirm_discard(ctx, &name) else {
                    return false;
                };
                let proceed = match choice {
                    DiscardChoice::Cancel => false,
                    DiscardChoice::Discard => true,
                    DiscardChoice::Save => self.save(ctx),
                };
                if proceed {
                    match after.clone() {
                        AfterConfirm::Close => {
                            self.allow_close = true;
                            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                        }
                        AfterConfirm::Open(path) => self.open_or_ask_columns(ctx, &path),
                        AfterConfirm::Import => self.open_import_dialog(),
                    }
                }
            }
            Modal::DiskConflict => {
                let path = self
                    .ws
                    .as_ref()
                    .and_then(|ws| ws.project_path().map(Path::to_path_buf))
                    .unwrap_or_default();
                let Some(choice) = modals::disk_conflict(ctx, &path) else {
                    return false;
                };
                match choice {
                    ConflictChoice::Overwrite => {
                        self.save_with(ctx, true);
                    }
                    ConflictChoice::SaveAs => commands.push(UiCommand::SaveAs.into()),
                    ConflictChoice::Cancel => {
                        self.status = "Not saved: the file on disk was left as it is".into()
                    }
                }
            }
            Modal::Recovery(offer) => {
                let Some(restore) = modals::offer_recovery(ctx, offer) else {
                    return false;
                };
                if let Some(ws) = &mut self.ws {
                    let offer = offer.clone();
                    if restore {
                        match ws.restore(offer) {
                            Ok(()) => self.status = "Restored the unsaved work".into(),
                            Err(e) => self.status = e,
                        }
                    } else {
                        ws.decline_recovery(&offer);
                        self.status =
                            "Kept the saved version; the recovery file was set aside".into();
                    }
                }
            }
            Modal::Message(title, lines) => return modals::message(ctx, title, lines),
            Modal::Shortcuts => {
                let lines = help_lines(|s| ctx.format_shortcut(s));
                return modals::message(ctx, "Keyboard shortcuts", &lines);
            }
        }
        true
    }
}
