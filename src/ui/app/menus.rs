//! The menus, the tag toolbar and the status bar, made from the command table: each item shows
//! the command's words, its main key and its tooltip.

use super::modal::Modal;
use super::{WhosaidApp, lower_first};
use crate::interop::exporters;
use crate::project::Label;
use crate::text::plural::count;
use crate::ui::command::{Action, AppMessage, UiCommand, spell_shortcut};
use crate::ui::labels::{label_color, label_fill, label_keys};
use crate::ui::settings::{ReadingWidth, ThemeChoice};
use crate::workspace::SpeakerRole;
use egui::{RichText, Ui};

impl WhosaidApp {
    pub(super) fn menu(&mut self, ui: &mut Ui, commands: &mut Vec<Action>) {
        // A menu item in the command's own words (or `text`), with its main key beside it.
        let item_as = |ui: &mut Ui, text: &str, command: UiCommand, commands: &mut Vec<Action>| {
            let info = command.info();
            let mut button = egui::Button::new(text);
            if let Some(s) = command.menu_shortcut() {
                button = button.shortcut_text(spell_shortcut(&s, |s| ui.ctx().format_shortcut(s)));
            }
            if ui.add(button).on_hover_text(info.tooltip).clicked() {
                commands.push(command.into());
            }
        };
        let item = |ui: &mut Ui, command: UiCommand, commands: &mut Vec<Action>| {
            item_as(ui, command.info().words, command, commands);
        };
        ui.menu_button("File", |ui| {
            item(ui, UiCommand::OpenProject, commands);
            item(ui, UiCommand::OpenCorpus, commands);
            ui.menu_button("Open recent", |ui| {
                if self.settings.recent.is_empty() {
                    ui.weak("No recent projects");
                }
                for p in &self.settings.recent {
                    if ui.button(p.display().to_string()).clicked() {
                        commands.push(AppMessage::Open(p.clone()).into());
                    }
                }
            });
            ui.separator();
            item(ui, UiCommand::Save, commands);
            item(ui, UiCommand::SaveAs, commands);
            item(ui, UiCommand::Import, commands);
            item(ui, UiCommand::AdjudicateAgainst, commands);
            ui.menu_button("Export", |ui| {
                for exporter in exporters() {
                    item(ui, UiCommand::Export(exporter.format), commands);
                }
            });
            ui.separator();
            item(ui, UiCommand::Quit, commands);
        });
        ui.menu_button("Edit", |ui| {
            let history = self.ws.as_ref().map(|ws| ws.history());
            let undo = history
                .and_then(|h| h.undo_description())
                .map(str::to_string);
            let redo = history
                .and_then(|h| h.redo_description())
                .map(str::to_string);
            ui.add_enabled_ui(undo.is_some(), |ui| {
                let text = format!("Undo {}", lower_first(&undo.unwrap_or_default()));
                item_as(ui, text.trim(), UiCommand::Undo, commands);
            });
            ui.add_enabled_ui(redo.is_some(), |ui| {
                let text = format!("Redo {}", lower_first(&redo.unwrap_or_default()));
                item_as(ui, text.trim(), UiCommand::Redo, commands);
            });
            ui.separator();
            item(ui, UiCommand::PickSpeaker(SpeakerRole::Main), commands);
            item(ui, UiCommand::PickSpeaker(SpeakerRole::Another), commands);
            item(ui, UiCommand::PickSpeaker(SpeakerRole::Addressee), commands);
            item(ui, UiCommand::SetCue, commands);
            item(ui, UiCommand::NextAnnotation, commands);
            item(ui, UiCommand::PreviousAnnotation, commands);
            item(ui, UiCommand::ToggleRegistry, commands);
            item(ui, UiCommand::ToggleTable, commands);
            item(ui, UiCommand::EditDocumentDetails, commands);
            item(ui, UiCommand::DeleteSelected, commands);
            ui.separator();
            item(ui, UiCommand::NextDocument, commands);
            item(ui, UiCommand::PreviousDocument, commands);
            item(ui, UiCommand::ToggleDone, commands);
        });
        ui.menu_button("Suggest", |ui| {
            for all_documents in [false, true] {
                item(ui, UiCommand::Suggest { all_documents }, commands);
            }
            ui.separator();
            item(ui, UiCommand::NextSuggestion, commands);
            item(ui, UiCommand::PreviousSuggestion, commands);
            item(ui, UiCommand::AcceptSuggestion, commands);
            item(ui, UiCommand::RejectSuggestion, commands);
            item(ui, UiCommand::AcceptAllSuggestions, commands);
        });
        ui.menu_button("View", |ui| {
            item(ui, UiCommand::ZoomIn, commands);
            item(ui, UiCommand::ZoomOut, commands);
            item(ui, UiCommand::ZoomReset, commands);
            ui.separator();
            // The chosen one of a few marked, as radio items.
            let choice =
                |ui: &mut Ui, command: UiCommand, chosen: bool, commands: &mut Vec<Action>| {
                    let info = command.info();
                    let button = egui::Button::new(info.words).selected(chosen);
                    if ui.add(button).on_hover_text(info.tooltip).clicked() {
                        commands.push(command.into());
                    }
                };
            let theme_chosen = self.theme_choice();
            for theme in ThemeChoice::ALL {
                choice(ui, UiCommand::Theme(theme), theme == theme_chosen, commands);
            }
            ui.separator();
            ui.weak("Reading width");
            let width_chosen = self.reading_width();
            for width in ReadingWidth::ALL {
                let command = UiCommand::ReadingWidth(width);
                choice(ui, command, width == width_chosen, commands);
            }
        });
        ui.menu_button("Help", |ui| {
            item(ui, UiCommand::ShowShortcuts, commands);
        });
    }

    pub(super) fn toolbar(&self, ui: &mut Ui, commands: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            ui.label("Tag selection:");
            for label in Label::ALL {
                let text = RichText::new(format!("{}  {}", label.name(), label_keys(label)))
                    .color(label_color(label))
                    .background_color(label_fill(label));
                if ui
                    .button(text)
                    .on_hover_text(format!("Tag the selected text as a {}", label.key()))
                    .clicked()
                {
                    commands.push(UiCommand::TagSelection(label).into());
                }
            }
            if ui
                .button("+ Fragment")
                .on_hover_text("Add the selected text to the selected annotation (+)")
                .clicked()
            {
                commands.push(UiCommand::AddFragment.into());
            }
            ui.separator();
            ui.weak(
                "underline: one per span, dashed = no speaker · click again to cycle overlapping spans · \
                 outline: a suggestion (Tab, Enter, Backspace)",
            );
        });
    }

    pub(super) fn status_bar(&mut self, ui: &mut Ui) {
        let mut show_warnings = None;
        ui.horizontal(|ui| {
            if self.loading.is_some() {
                ui.spinner();
            }
            self.suggesting_status(ui);
            ui.label(&self.status);
            if let Some(ws) = &self.ws {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let total = match self.counted {
                        Some((rev, n)) if rev == ws.revision() => n,
                        _ => {
                            let n = ws.project().annotations().count();
                            self.counted = Some((ws.revision(), n));
                            n
                        }
                    };
                    ui.weak(format!(
                        "{} · {} · {}{}",
                        count(ws.project().documents.len(), "document", "documents"),
                        count(total, "annotation", "annotations"),
                        count(ws.project().speakers.len(), "speaker", "speakers"),
                        if ws.is_dirty() { " · unsaved" } else { "" }
                    ));
                    if !ws.warnings().is_empty()
                        && ui
                            .small_button(count(ws.warnings().len(), "warning", "warnings"))
                            .clicked()
                    {
                        show_warnings = Some(ws.warnings().to_vec());
                    }
                });
            }
        });
        if let Some(warnings) = show_warnings {
            self.open_modal(Modal::Message("Warnings".into(), warnings));
        }
    }
}
