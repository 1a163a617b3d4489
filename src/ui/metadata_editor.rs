//! Editing a document's details: title, outlet, date and URL (also read from `metadata.csv`).

use crate::corpus::DocMetadata;
use crate::workspace::Intent;

pub struct MetadataEditor {
    doc: String,
    fields: [String; 4],
}

const NAMES: [&str; 4] = ["Title", "Outlet", "Date (YYYY-MM-DD)", "URL"];

impl MetadataEditor {
    pub fn new(doc: &str, metadata: &DocMetadata) -> Self {
        let get = |v: &Option<String>| v.clone().unwrap_or_default();
        Self {
            doc: doc.to_string(),
            fields: [
                get(&metadata.title),
                get(&metadata.outlet),
                get(&metadata.date),
                get(&metadata.url),
            ],
        }
    }

    /// `Some(Some(intent))` when saved, `Some(None)` when cancelled, `None` while open.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Option<Intent>> {
        let mut result = None;
        let modal = egui::Modal::new(egui::Id::unique("metadata-editor")).show(ctx, |ui| {
            ui.set_width(480.0);
            ui.heading("Document details");
            ui.weak(&self.doc);
            for (name, value) in NAMES.iter().zip(self.fields.iter_mut()) {
                let label = ui.label(*name);
                ui.add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
            }
            ui.horizontal(|ui| {
                if ui.button("Save details").clicked() {
                    let some = |s: &String| Some(s.clone());
                    result = Some(Some(Intent::SetMetadata {
                        doc: self.doc.clone(),
                        metadata: DocMetadata {
                            title: some(&self.fields[0]),
                            outlet: some(&self.fields[1]),
                            date: some(&self.fields[2]),
                            url: some(&self.fields[3]),
                        },
                    }));
                }
                if ui.button("Cancel").clicked() {
                    result = Some(None);
                }
            });
        });
        if result.is_none() && modal.should_close() {
            result = Some(None);
        }
        result
    }
}
