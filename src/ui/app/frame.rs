//! One frame: the panels and windows laid out around the document, the keys read before the
//! views, then every command the frame produced carried out, the autosave and the title.

use super::WhosaidApp;
use super::modal::AfterConfirm;
use crate::ui::command::{Action, UiCommand, plain_key_command, suggestion_key_command};
use crate::ui::doc_view::{self, DocViewInput};
use crate::ui::span_index::{PendingIndex, SpanIndex};
use crate::ui::{annotation_panel, doc_list, orphan_panel, suggestion_panel};
use crate::workspace::Workspace;
use egui::{Key, Ui};

impl WhosaidApp {
    /// Draws the whole app for one frame and carries out what the user asked for.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let mut commands = Vec::new();
        self.apply_look(&ctx);
        self.track_window(&ctx);
        self.poll_loading(&ctx);
        self.poll_suggesting(&ctx);
        self.handle_close_request(&ctx);
        let modal_open = self.modal_open();
        if !modal_open {
            self.cancel_key(ui);
            self.shortcut_commands(ui, &mut commands);
        }
        self.refresh_spans();

        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| self.menu(ui, &mut commands));
            self.toolbar(ui, &mut commands);
        });
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        // Where the floating windows may go: under the menu bar, above the status bar.
        let work = ui.available_rect_before_wrap();
        super::super::annotator_prompt::show(
            &ctx,
            &mut self.name_prompt,
            &mut self.settings,
            self.ws.as_mut(),
        );
        if let Some(said) = self.conflicts.show(&ctx, self.ws.as_mut()) {
            self.status = said;
        }
        // The find bar spans the window, under the side panels: between them it was clipped.
        if let (Some(search), Some(ws)) = (&mut self.search, &self.ws) {
            let mut close = false;
            egui::Panel::bottom("search")
                .resizable(true)
                .show(ui, |ui| {
                    let (found, closing) = search.show(ui, ws, self.current_doc.as_deref());
                    commands.extend(found);
                    close = closing;
                });
            if close {
                self.search = None;
            }
        }
        if let Some(ws) = &self.ws {
            orphan_panel::refresh(ws, &mut self.orphans.0, &mut self.orphans.1);
            egui::Panel::left("documents")
                .resizable(true)
                .default_size(270.0)
                .show(ui, |ui| {
                    if !self.orphans.1.is_empty() {
                        egui::Panel::bottom("orphans")
                            .resizable(true)
                            .default_size(220.0)
                            .show(ui, |ui| {
                                let can_attach = !self.view.selection.is_empty();
                                commands.extend(orphan_panel::show(
                                    ui,
                                    &self.orphans.1,
                                    self.selected_orphan,
                                    can_attach,
                                ));
                            });
                    }
                    commands.extend(doc_list::show(ui, ws, self.current_doc.as_deref()));
                });
            if let Some(doc) = &self.current_doc {
                egui::Panel::right("annotations")
                    .resizable(true)
                    .default_size(340.0)
                    .show(ui, |ui| {
                        commands.extend(suggestion_panel::show(
                            ui,
                            ws.project(),
                            doc,
                            ws.pending_of(doc),
                            self.view.suggestion,
                            &mut self.suggestion_list,
                        ));
                        ui.separator();
                        commands.extend(annotation_panel::show(
                            ui,
                            ws.project(),
                            doc,
                            self.view.selected,
                            &mut self.note,
                        ));
                    });
            }
        }
        if let (Some(adjudication), Some(ws), Some(doc)) =
            (&mut self.adjudication, &self.ws, &self.current_doc)
        {
            egui::Panel::bottom("adjudication")
                .resizable(true)
                .default_size(240.0)
                .show(ui, |ui| commands.extend(adjudication.show(ui, ws, doc)));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            let doc = self.ws.as_ref().and_then(|ws| {
                let path = self.current_doc.as_deref()?;
                Some((ws, ws.corpus().document(path)?, ws.project().document(path)?))
            });
            match doc {
                Some((ws, doc, entry)) => {
                    let input = DocViewInput {
                        doc,
                        entry,
                        project: ws.project(),
                        spans: &self.spans,
                        pending: ws.pending_of(&doc.path),
                        pending_spans: &self.pending_spans,
                    };
                    let column = self.reading_column(ui);
                    self.reading_rect = column;
                    ui.scope_builder(egui::UiBuilder::new().max_rect(column), |ui| {
                        commands.extend(doc_view::show(ui, &input, &mut self.view));
                    });
                }
                None if self.loading.is_some() => {
                    ui.centered_and_justified(|ui| {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label(&self.status);
                        });
                    });
                }
                None => {
                    ui.centered_and_justified(|ui| {
                        ui.label(
                            "Open a project (Ctrl+O) or a corpus folder (Ctrl+Shift+O) from the File menu.",
                        );
                    });
                }
            }
        });
        self.floating_windows(&ctx, work, &mut commands);
        self.modals(&ctx, &mut commands);
        // Not while a dialog waits for an answer: the drop would open behind it.
        if self.modal.is_none() {
            self.open_dropped_files(&ctx);
        }
        for action in commands {
            self.run_action(&ctx, action);
        }
        self.autosave(&ctx);
        self.update_title(&ctx);
    }

    pub(super) fn refresh_spans(&mut self) {
        let (Some(ws), Some(path)) = (&self.ws, &self.current_doc) else {
            return;
        };
        let key = (path.clone(), ws.revision());
        if self.spans_key.as_ref() == Some(&key) {
            return;
        }
        if let (Some(doc), Some(entry)) = (ws.corpus().document(path), ws.project().document(path))
        {
            self.spans = SpanIndex::build(entry, &doc.text);
            self.pending_spans = PendingIndex::build(ws.pending_of(path), &doc.text);
        }
        self.spans_key = Some(key);
    }

    pub(super) fn shortcut_commands(&mut self, ui: &Ui, commands: &mut Vec<Action>) {
        ui.input_mut(|i| {
            for (c, s) in UiCommand::with_shortcuts() {
                if i.consume_shortcut(&s) {
                    commands.push(c.into());
                }
            }
        });
        if ui.ctx().text_edit_focused() {
            return;
        }
        if let (Some(ws), Some(path)) = (&self.ws, &self.current_doc)
            && let Some(doc) = ws.corpus().document(path)
        {
            doc_view::handle_selection_keys(ui, &doc.text, &mut self.view);
        }
        self.suggestion_keys(ui, commands);
        ui.input_mut(|i| {
            i.events.retain(|e| match e {
                egui::Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } if !modifiers.command && !modifiers.alt => {
                    match plain_key_command(*key, modifiers.shift) {
                        Some(c) => {
                            commands.push(c.into());
                            false
                        }
                        None => true,
                    }
                }
                _ => true,
            })
        });
    }

    /// Tab / Shift+Tab, Enter, Backspace and Escape for pending suggestions. Egui has already
    /// read Tab as "move the keyboard focus" for this frame: that is called off when we take it.
    pub(super) fn suggestion_keys(&mut self, ui: &Ui, commands: &mut Vec<Action>) {
        let pending = match (&self.ws, &self.current_doc) {
            (Some(ws), Some(doc)) => ws.pending_of(doc).len(),
            _ => return,
        };
        let current = self.view.suggestion.is_some();
        let mut took_tab = false;
        ui.input_mut(|i| {
            i.events.retain(|e| match e {
                egui::Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } => match suggestion_key_command(*key, *modifiers, pending > 0, current) {
                    Some(c) => {
                        took_tab |= *key == Key::Tab;
                        commands.push(c.into());
                        false
                    }
                    None => true,
                },
                _ => true,
            })
        });
        if took_tab {
            ui.memory_mut(|m| {
                m.move_focus(egui::FocusDirection::None);
                // A button focused before keeps no focus ring: the text has the keyboard.
                if let Some(focused) = m.focused() {
                    m.surrender_focus(focused);
                }
            });
        }
    }

    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        let dirty = self.ws.as_ref().is_some_and(Workspace::is_dirty);
        if dirty && !self.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.ask_to_confirm(AfterConfirm::Close);
        } else {
            self.keep_window_place();
        }
    }

    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.ws {
            Some(ws) => format!(
                "{}{} — whosaid",
                ws.display_name(),
                if ws.is_dirty() { " •" } else { "" }
            ),
            None => "whosaid".into(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}
