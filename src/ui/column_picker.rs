//! Which columns of a table of articles hold the text and the id, asked when their usual names
//! (text, body, content…; id, guid, slug…) do not find them; the project keeps the answer.

use crate::corpus::{TableColumns, TableShape};
use egui::{Key, Modifiers};
use std::path::PathBuf;

pub struct ColumnPicker {
    pub table: PathBuf,
    names: Vec<String>,
    text: Option<String>,
    /// `None`: documents are named by their row number.
    id: Option<String>,
}

pub enum ColumnOutcome {
    Open(TableColumns),
    Cancelled,
}

/// What the id list calls "no id column".
const ROW_NUMBER: &str = "row number (row-1, row-2…)";

impl ColumnPicker {
    /// Asks about `table`, whose `shape` was read; what the usual names found is chosen already.
    pub fn new(table: PathBuf, shape: TableShape) -> Self {
        Self {
            table,
            names: shape.names,
            text: shape.text,
            id: shape.id,
        }
    }

    /// Whether the analyst must be asked: the usual names find no text column.
    pub fn needed(shape: &TableShape) -> bool {
        shape.text.is_none() && !shape.names.is_empty()
    }

    /// `Some` once answered: Open (Enter) with a text column chosen, or Cancel (Escape).
    pub fn show(&mut self, ctx: &egui::Context) -> Option<ColumnOutcome> {
        let mut outcome = None;
        let enter = ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter));
        let modal = egui::Modal::new(egui::Id::unique("column-picker")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading("Which columns?");
            let name = self.table.file_name().unwrap_or_default().to_string_lossy();
            ui.label(format!(
                "“{name}” has no column with a usual name for the article text. Pick the column \
                 that holds each article's text, and the one that names it."
            ));
            ui.add_space(6.0);
            egui::Grid::new("column-choice")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label("Text column");
                    egui::ComboBox::from_id_salt("text-column")
                        .selected_text(self.text.as_deref().unwrap_or("choose…"))
                        .show_ui(ui, |ui| {
                            for n in &self.names {
                                ui.selectable_value(&mut self.text, Some(n.clone()), n);
                            }
                        });
                    ui.end_row();
                    ui.label("Id column");
                    egui::ComboBox::from_id_salt("id-column")
                        .selected_text(self.id.as_deref().unwrap_or(ROW_NUMBER))
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut self.id, None, ROW_NUMBER);
                            for n in &self.names {
                                ui.selectable_value(&mut self.id, Some(n.clone()), n);
                            }
                        });
                    ui.end_row();
                });
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let ready = self.text.is_some();
                let open = ui.add_enabled(ready, egui::Button::new("Open").selected(ready));
                if ready && (open.clicked() || enter) {
                    outcome = Some(ColumnOutcome::Open(TableColumns {
                        text: self.text.clone(),
                        id: self.id.clone(),
                        ..Default::default()
                    }));
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(ColumnOutcome::Cancelled);
                }
            });
        });
        if outcome.is_none() && modal.should_close() {
            outcome = Some(ColumnOutcome::Cancelled);
        }
        outcome
    }
}
