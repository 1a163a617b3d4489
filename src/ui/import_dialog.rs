//! File > Import: annotations made in another tool (brat, doccano, Label Studio) or exported by
//! whosaid, over a corpus folder, become a new unsaved project.

use super::dialogs::DialogKind;
use super::path_field;
use crate::interop::import::ImportFormat;
use std::path::{Path, PathBuf};

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
    /// Why the paths given cannot be imported, or that no file dialog could be shown.
    note: Option<String>,
}

/// Which path a Browse button asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrowseFor {
    Input,
    Corpus,
}

/// What the analyst did in the dialog this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportOutcome {
    Import(ImportRequest),
    Cancelled,
    /// Asks for a file dialog; its answer comes back through [`ImportDialog::browsed`].
    Browse(BrowseFor),
}

impl ImportDialog {
    /// Starts on the open corpus, if any.
    pub fn new(corpus: Option<PathBuf>) -> Self {
        Self {
            format: ImportFormat::Brat,
            input: String::new(),
            corpus: corpus.map(|c| c.display().to_string()).unwrap_or_default(),
            map: String::new(),
            note: None,
        }
    }

    /// The file dialog a Browse button opens: a brat export is a folder.
    pub fn dialog_kind(&self, field: BrowseFor) -> DialogKind {
        match (field, self.format) {
            (BrowseFor::Corpus, _) | (BrowseFor::Input, ImportFormat::Brat) => {
                DialogKind::OpenFolder
            }
            (BrowseFor::Input, ImportFormat::Labelstudio) => DialogKind::OpenFile("json"),
            (BrowseFor::Input, _) => DialogKind::OpenFile("jsonl"),
        }
    }

    /// Where a file dialog for `field` starts: beside what the field holds.
    pub fn browse_start(&self, field: BrowseFor) -> Option<PathBuf> {
        let typed = match field {
            BrowseFor::Input => &self.input,
            BrowseFor::Corpus => &self.corpus,
        };
        let typed = path_field::expand_home(typed.trim());
        typed
            .ancestors()
            .find(|p| p.is_dir())
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
    }

    /// The answer of the file dialog a Browse button opened: `None` when none could be shown.
    pub fn browsed(&mut self, field: BrowseFor, picked: Option<&Path>) {
        let Some(path) = picked else {
            self.note =
                Some("No file dialog on this system: type the path (Tab completes it).".into());
            return;
        };
        self.note = None;
        let text = path.display().to_string();
        match field {
            BrowseFor::Input => self.input = text,
            BrowseFor::Corpus => self.corpus = text,
        }
    }

    /// `Some(outcome)` once the analyst did something, `None` while the dialog waits.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<ImportOutcome> {
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
            // A path field with its Browse button on the line of its name.
            let mut browse = None;
            let mut field = |ui: &mut egui::Ui, name: &str, hint: &str, value: &mut String, which| {
                let label = ui.horizontal(|ui| {
                    let label = ui.label(name);
                    if ui
                        .button(format!("Browse… ({})", name.to_lowercase()))
                        .on_hover_text("Pick it in a file dialog")
                        .clicked()
                    {
                        browse = Some(which);
                    }
                    label.id
                });
                path_field::show_labelled(ui, label.inner, hint, value)
            };
            let from_hint = match self.format {
                ImportFormat::Brat => "the folder of .ann files (or one .ann file)",
                ImportFormat::Doccano | ImportFormat::Jsonl | ImportFormat::Spacy => "the .jsonl file",
                ImportFormat::Labelstudio => "the exported .json file",
            };
            let input = field(ui, "From", from_hint, &mut self.input, BrowseFor::Input);
            let corpus = field(
                ui,
                "Corpus folder",
                "the folder of .txt documents",
                &mut self.corpus,
                BrowseFor::Corpus,
            );
            if input.changed() || corpus.changed() {
                self.note = None;
            }
            if let Some(which) = browse {
                result = Some(ImportOutcome::Browse(which));
            }
            let label = ui.label("Map types (optional)");
            ui.add(
                egui::TextEdit::singleline(&mut self.map)
                    .hint_text("Content=quote,Source=speaker,Cue=cue")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            if let Some(note) = &self.note {
                ui.colored_label(ui.visuals().warn_fg_color, note);
            }
            ui.horizontal(|ui| {
                let ready = !self.input.trim().is_empty() && !self.corpus.trim().is_empty();
                if ui.add_enabled(ready, egui::Button::new("Import")).clicked() {
                    let input = path_field::expand_home(self.input.trim());
                    let corpus = path_field::expand_home(self.corpus.trim());
                    match path_field::check_exists(&input)
                        .and_then(|()| path_field::check_exists(&corpus))
                    {
                        Ok(()) => {
                            result = Some(ImportOutcome::Import(ImportRequest {
                                format: self.format,
                                input,
                                corpus,
                                map: self.map.trim().to_string(),
                            }))
                        }
                        Err(e) => self.note = Some(e),
                    }
                }
                if ui.button("Cancel").clicked() {
                    result = Some(ImportOutcome::Cancelled);
                }
            });
        });
        if result.is_none() && modal.should_close() {
            result = Some(ImportOutcome::Cancelled);
        }
        result
    }
}
