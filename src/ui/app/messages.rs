//! Where the messages views send with their data take effect: a change to perform, a path to
//! open or save to, a document, annotation or suggestion to go to.

use super::WhosaidApp;
use super::modal::{AfterConfirm, Modal};
use crate::text::plural::count;
use crate::ui::command::AppMessage;
use crate::ui::doc_view::TextSelection;
use crate::ui::speaker_editor::SpeakerEditor;
use crate::workspace::{Intent, SaveFailure, Workspace};

impl WhosaidApp {
    /// Where messages from the views (carrying their data) take effect.
    pub(super) fn run_message(&mut self, ctx: &egui::Context, message: AppMessage) {
        match message {
            AppMessage::Perform(intent) => {
                self.perform(intent);
            }
            AppMessage::Open(path) => {
                // Nothing there (a recent project since moved, a typo): said before the unsaved
                // work is asked about, which would be for nothing.
                if let Err(e) = crate::ui::path_field::check_exists(&path) {
                    self.open_modal(Modal::Message("Could not open".into(), vec![e]));
                } else if self.ws.as_ref().is_some_and(Workspace::is_dirty) {
                    self.ask_to_confirm(AfterConfirm::Open(path));
                } else {
                    self.open_or_ask_columns(ctx, &path);
                }
            }
            AppMessage::SaveTo(path) => {
                let path = super::files::with_ron_extension(path);
                self.finish_autosave(true);
                if let Some(ws) = &mut self.ws {
                    match ws.save_as(&path) {
                        Ok(()) => {
                            self.settings.add_recent(&path);
                            self.status = format!("Saved {}", path.display());
                        }
                        Err(SaveFailure::ChangedOnDisk { .. }) => {
                            self.open_modal(Modal::DiskConflict)
                        }
                        Err(e) => self.open_modal(Modal::Message(
                            "Could not save".into(),
                            vec![e.to_string()],
                        )),
                    }
                }
            }
            AppMessage::ExportTo(format, path) => {
                if let Some(ws) = &self.ws {
                    match format.exporter().export_to(ws, &path) {
                        Ok(_) => {
                            let (exported, _) = crate::application::placed_and_orphaned(ws);
                            self.status = format!(
                                "Exported {} to {}",
                                count(exported, "annotation", "annotations"),
                                path.display()
                            )
                        }
                        Err(e) => self.open_modal(Modal::Message(
                            "Could not export".into(),
                            vec![format!("{}: {e}", path.display())],
                        )),
                    }
                }
            }
            AppMessage::ImportFrom(request) => self.import(&request),
            AppMessage::SelectDocument(doc) => {
                if self.current_doc.as_ref() != Some(&doc) {
                    self.select_document(Some(doc));
                }
            }
            AppMessage::SelectAnnotation(id) => {
                self.view.selected = id;
                self.view.suggestion = None;
            }
            AppMessage::RevealAnnotation(id) => self.reveal(id),
            AppMessage::EditSpeaker(id) => {
                let editor = self.ws.as_ref().and_then(|ws| ws.project().speaker(id));
                if let Some(editor) = editor.map(SpeakerEditor::new) {
                    self.open_modal(Modal::SpeakerEditor(editor));
                }
            }
            AppMessage::SelectOrphan(id) => self.selected_orphan = id,
            AppMessage::GoTo(doc, range) => {
                if self.current_doc.as_ref() != Some(&doc) {
                    self.select_document(Some(doc));
                }
                self.view.selection = TextSelection {
                    anchor: range.start,
                    cursor: range.end,
                };
                self.view.scroll_to = Some(range.start);
            }
            AppMessage::TagMatches(spans, label) => {
                let n = spans.len();
                if self.perform(Intent::TagMany { spans, label }).is_some() {
                    self.status = format!("Tagged {n} matches as {}", label.key());
                }
            }
            AppMessage::SplitAlias(speaker, alias) => {
                let Some(ws) = self.ws.as_mut() else { return };
                let (intent, n) = ws.split_alias(speaker, &alias);
                self.status = match ws.perform(intent) {
                    Ok(_) => format!("“{alias}” is now a speaker of its own, with {n} spans"),
                    Err(e) => e.to_string(),
                };
            }
            AppMessage::ReattachOrphan(id) => {
                let Some(doc) = self.current_doc.clone() else {
                    return;
                };
                let range = self.view.selection.range();
                if self.perform(Intent::Reattach { id, doc, range }).is_some() {
                    self.selected_orphan = None;
                    self.view.selected = Some(id);
                    self.view.selection = TextSelection::collapse(self.view.selection.range().end);
                    self.status = "Re-attached the annotation".into();
                }
            }
            AppMessage::DeleteOrphan(id) => {
                self.perform(Intent::Delete { id });
                self.selected_orphan = None;
            }
            AppMessage::SelectSuggestion(id) => self.select_suggestion(id),
        }
    }
}
