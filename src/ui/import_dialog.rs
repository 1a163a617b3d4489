//! File > Import: annotations made in another tool (brat, doccano, Label Studio) or exported by
//! whosaid, over a corpus folder, become a new unsaved project.

use crate::interop::import::ImportFormat;
use std::path::PathBuf;

const FORMATS: [(ImportFormat, &str); 5] = [
    (ImportFormat::Brat, "brat (a folder of .ann files)"),
    (ImportFormat::Doccano, "doccano JSONL"),
    (ImportFormat::Labelstudio, "Label Studio JSON"),
    (ImportFormat::Jsonl, "whosaid JSON Lines"),
    (ImportFormat::Spacy, "spaCy / Prodigy JSONL"),
];

/// What the analyst asked to import.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportRequest {
    pub format: ImportFormat,
    pub input: PathBuf,
    pub corpus: PathBuf,
    /// `Content=quote,Source=speaker`: how the tool's types map to labels and roles.
    pub map: String,
}

pub struct ImportDialog {
    format: ImportFormat,
    input: String,
    corpus: String,
    map: String,
}

impl ImportDialog {
    /// Starts on the open corpus, if any.
    pub fn new(corpus: Option<PathBuf>) -> Self {
        Self {
            format: ImportFormat::Brat,
            input: String::new(),
            corpus: corpus.map(|c| c.display().to_string()).unwrap_or_default(),
            map: String::new(),
        }
    }

    /// `Some(Some(request))` on Import, `Some(None)` when cancelled, `None` while open.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Option<ImportRequest>> {
        let mut result = None;
        let modal = egui::Modal::new(egui::Id::unique("import-dialog")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading("Import annotations");
            ui.label("Spans are checked against the corpus text; any that do not match are listed, not moved.");
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                ui.label("Format");
                for (format, name) in FORMATS {
                    ui.selectable_value(&mut self.format, format, name);
                }
            });
            let field = |ui: &mut egui::Ui, name: &str, hint: &str, value: &mut String| {
                let label = ui.label(name);
                ui.add(
                    egui::TextEdit::singleline(value)
                        .hint_text(hint)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            };
            let from_hint = match self.format {
                ImportFormat::Brat => "the folder of .ann files (or one .ann file)",
                ImportFormat::Doccano | ImportFormat::Jsonl | ImportFormat::Spacy => "the .jsonl file",
                ImportFormat::Labelstudio => "the exported .json file",
            };
            field(ui, "From", from_hint, &mut self.input);
            field(ui, "Corpus folder", "the folder of .txt documents", &mut self.corpus);
            field(
                ui,
                "Map types (optional)",
                "Content=quote,Source=speaker,Cue=cue",
                &mut self.map,
            );
            ui.horizontal(|ui| {
                let ready = !self.input.trim().is_empty() && !self.corpus.trim().is_empty();
                if ui.add_enabled(ready, egui::Button::new("Import")).clicked() {
                    result = Some(Some(ImportRequest {
                        format: self.format,
                        input: PathBuf::from(self.input.trim()),
                        corpus: PathBuf::from(self.corpus.trim()),
                        map: self.map.trim().to_string(),
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
