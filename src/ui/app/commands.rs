//! The one place where commands and messages take effect: each command goes to the handler of
//! its area (files, editing, views, suggestions); messages go to `run_message`.

use super::modal::{AfterConfirm, Modal};
use super::{WhosaidApp, lower_first};
use crate::ui::command::{Action, AppMessage, UiCommand};
use crate::ui::dialogs::DialogKind;
use crate::ui::doc_view::TextSelection;
use crate::ui::metadata_editor::MetadataEditor;
use crate::ui::modals::PathPurpose;
use crate::ui::registry_window::RegistryView;
use crate::ui::search_panel::SearchState;
use crate::ui::table_window::TableView;
use crate::workspace::{Intent, PickTarget, SpeakerRole, Workspace};

impl WhosaidApp {
    /// The one place where commands and messages take effect.
    pub fn run_action(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Command(c) => self.run_command(ctx, c),
            Action::Message(m) => self.run_message(ctx, *m),
        }
    }

    pub(super) fn run_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        match command {
            UiCommand::OpenProject
            | UiCommand::OpenCorpus
            | UiCommand::Save
            | UiCommand::SaveAs
            | UiCommand::Export(_)
            | UiCommand::Import
            | UiCommand::Quit => self.run_file_command(ctx, command),
            UiCommand::Undo
            | UiCommand::Redo
            | UiCommand::TagSelection(_)
            | UiCommand::AddFragment
            | UiCommand::ToggleDone
            | UiCommand::DeleteSelected
            | UiCommand::PickSpeaker(_)
            | UiCommand::SetCue => self.run_edit_command(command),
            UiCommand::NextAnnotation
            | UiCommand::PreviousAnnotation
            | UiCommand::NextDocument
            | UiCommand::PreviousDocument
            | UiCommand::ShowShortcuts
            | UiCommand::Find { .. }
            | UiCommand::EditDocumentDetails
            | UiCommand::ToggleTable
            | UiCommand::ToggleRegistry => self.run_view_command(command),
            UiCommand::Suggest { .. }
            | UiCommand::NextSuggestion
            | UiCommand::PreviousSuggestion
            | UiCommand::AcceptSuggestion
            | UiCommand::RejectSuggestion
            | UiCommand::AcceptAllSuggestions
            | UiCommand::LeaveSuggestion => self.run_suggestion_command(ctx, command),
            UiCommand::ZoomIn
            | UiCommand::ZoomOut
            | UiCommand::ZoomReset
            | UiCommand::Theme(_)
            | UiCommand::ReadingWidth(_) => self.run_look_command(ctx, command),
            UiCommand::AdjudicateAgainst
            | UiCommand::AcceptAnalystSpan
            | UiCommand::AcceptAgreeingSpans => self.run_adjudication_command(command),
        }
    }

    /// Opening, saving, exporting, importing and quitting.
    pub(super) fn run_file_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        match command {
            UiCommand::OpenProject => {
                if let Some(p) = self.ask_path(DialogKind::OpenProject, PathPurpose::Open) {
                    self.run_message(ctx, AppMessage::Open(p));
                }
            }
            UiCommand::OpenCorpus => {
                if let Some(p) = self.ask_path(DialogKind::OpenFolder, PathPurpose::Open) {
                    self.run_message(ctx, AppMessage::Open(p));
                }
            }
            UiCommand::Save => {
                self.save(ctx);
            }
            UiCommand::SaveAs => {
                if self.ws.is_some()
                    && let Some(p) = self.ask_path(DialogKind::SaveProject, PathPurpose::SaveAs)
                {
                    self.run_message(ctx, AppMessage::SaveTo(p));
                }
            }
            UiCommand::Export(format) => {
                if self.ws.is_some() {
                    let kind = if format.exporter().writes_folder() {
                        DialogKind::ExportFolder
                    } else {
                        DialogKind::SaveExport(format.extension())
                    };
                    if let Some(p) = self.ask_path(kind, PathPurpose::Export(format)) {
                        self.run_message(ctx, AppMessage::ExportTo(format, p));
                    }
                }
            }
            UiCommand::Import => {
                if self.ws.as_ref().is_some_and(Workspace::is_dirty) {
                    self.ask_to_confirm(AfterConfirm::Import);
                } else {
                    self.open_import_dialog();
                }
            }
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            _ => unreachable!("{command:?} is not a file command"),
        }
    }

    /// Changes to the annotations, and undoing them.
    pub(super) fn run_edit_command(&mut self, command: UiCommand) {
        match command {
            UiCommand::Undo => {
                if let Some(ws) = &mut self.ws {
                    self.status = match ws.undo() {
                        Ok(Some(d)) => format!("Undid: {}", lower_first(&d)),
                        Ok(None) => "Nothing to undo".into(),
                        Err(e) => e.to_string(),
                    };
                }
                self.drop_stale_selection();
            }
            UiCommand::Redo => {
                if let Some(ws) = &mut self.ws {
                    self.status = match ws.redo() {
                        Ok(Some(d)) => format!("Redid: {}", lower_first(&d)),
                        Ok(None) => "Nothing to redo".into(),
                        Err(e) => e.to_string(),
                    };
                }
                self.drop_stale_selection();
            }
            UiCommand::TagSelection(label) => self.tag_selection(label),
            UiCommand::AddFragment => self.add_fragment(),
            UiCommand::ToggleDone => {
                let done = self
                    .current_doc
                    .as_deref()
                    .and_then(|d| self.ws.as_ref()?.project().document(d))
                    .map(|d| d.done);
                if let (Some(doc), Some(done)) = (self.current_doc.clone(), done) {
                    self.perform(Intent::SetDone { doc, done: !done });
                }
            }
            UiCommand::DeleteSelected => {
                if let Some(id) = self.view.selected
                    && self.perform_ok(Intent::Delete { id })
                {
                    self.view.selected = None;
                    // Say what went, and how to get it back.
                    let what = self
                        .ws
                        .as_ref()
                        .and_then(|ws| ws.history().undo_description());
                    if let Some(what) = what.and_then(|d| d.strip_prefix("Delete ")) {
                        self.status = format!("Deleted {what} · Ctrl+Z brings it back");
                    }
                }
            }
            UiCommand::PickSpeaker(role) => match (self.view.suggestion, self.view.selected) {
                (Some(_), _) if role == SpeakerRole::Another => {
                    self.status =
                        "A suggestion has one speaker: accept it, then Shift+S adds another".into();
                }
                (Some(id), _) => {
                    if let Some(doc) = self.current_doc.clone() {
                        self.open_picker(PickTarget::Suggestion { doc, id }, role);
                    }
                }
                (None, Some(id)) => {
                    self.open_picker(PickTarget::Annotation(id), role);
                }
                (None, None) => self.status = "Select an annotation first".into(),
            },
            UiCommand::SetCue => match self.view.selected {
                Some(id) if !self.view.selection.is_empty() => {
                    let range = Some(self.view.selection.range());
                    if self.perform(Intent::SetCue { id, range }).is_some() {
                        self.view.selection =
                            TextSelection::collapse(self.view.selection.range().end);
                        self.status = "Marked the cue".into();
                    }
                }
                Some(_) => self.status = "Select the reporting words first".into(),
                None => self.status = "Select the annotation first".into(),
            },
            _ => unreachable!("{command:?} is not a edit command"),
        }
    }

    /// What is shown: moving between annotations and documents, the windows and the help.
    pub(super) fn run_view_command(&mut self, command: UiCommand) {
        match command {
            UiCommand::NextAnnotation => self.step_annotation(true),
            UiCommand::PreviousAnnotation => self.step_annotation(false),
            UiCommand::NextDocument => self.step_document(true),
            UiCommand::PreviousDocument => self.step_document(false),
            UiCommand::ShowShortcuts => self.open_modal(Modal::Shortcuts),
            UiCommand::Find { all_documents } => match &mut self.search {
                Some(search) => search.focus(all_documents),
                None => self.search = Some(SearchState::new(all_documents)),
            },
            UiCommand::EditDocumentDetails => {
                let entry = self
                    .current_doc
                    .as_deref()
                    .and_then(|d| self.ws.as_ref()?.project().document(d));
                let editor = entry.map(|e| MetadataEditor::new(&e.path, &e.metadata));
                if let Some(editor) = editor {
                    self.open_modal(Modal::MetadataEditor(editor));
                }
            }
            UiCommand::ToggleTable => {
                self.table = match self.table.take() {
                    Some(table) => {
                        self.closed_table = Some(table);
                        None
                    }
                    None => Some(
                        self.closed_table
                            .take()
                            .map(TableView::reopened)
                            .unwrap_or_default(),
                    ),
                };
            }
            UiCommand::ToggleRegistry => {
                self.registry = match self.registry.take() {
                    Some(_) => None,
                    None => Some(RegistryView::default()),
                };
            }
            _ => unreachable!("{command:?} is not a view command"),
        }
    }

    /// Running the suggestion engine and going through what it proposed.
    pub(super) fn run_suggestion_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        match command {
            UiCommand::Suggest {
                all_documents: false,
            } => self.suggest_here(),
            UiCommand::Suggest {
                all_documents: true,
            } => self.suggest_in_background(ctx),
            UiCommand::NextSuggestion => self.step_suggestion(true),
            UiCommand::PreviousSuggestion => self.step_suggestion(false),
            UiCommand::AcceptSuggestion => self.settle_suggestion(true),
            UiCommand::RejectSuggestion => self.settle_suggestion(false),
            UiCommand::AcceptAllSuggestions => self.accept_all_suggestions(),
            UiCommand::LeaveSuggestion => self.select_suggestion(None),

            _ => unreachable!("{command:?} is not a suggestion command"),
        }
    }
}
