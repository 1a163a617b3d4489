//! The project on disk: saving (with the disk-conflict question), asking for paths (a file
//! dialog, or a typed path when none is available), and importing into a new project.

use super::WhosaidApp;
use super::jobs::Autosave;
use super::modal::Modal;
use crate::text::plural;
use crate::ui::column_picker::ColumnPicker;
use crate::ui::command::UiCommand;
use crate::ui::dialogs::{DialogKind, DialogOutcome};
use crate::ui::import_dialog::{ImportDialog, ImportRequest};
use crate::ui::modals::{PathPrompt, PathPurpose};
use crate::workspace::{SaveFailure, Workspace};
use std::path::{Path, PathBuf};

impl WhosaidApp {
    /// Saves; asks for a path if the project has none. Returns true when the work is on disk.
    pub(super) fn save(&mut self, ctx: &egui::Context) -> bool {
        self.save_with(ctx, false)
    }

    /// Saves, overwriting a file that changed on disk only when `overwrite` (the user's choice).
    pub(super) fn save_with(&mut self, ctx: &egui::Context, overwrite: bool) -> bool {
        self.finish_autosave(true);
        let Some(ws) = &mut self.ws else { return false };
        let result = if overwrite {
            ws.save_overwriting()
        } else {
            ws.save()
        };
        match result {
            Ok(true) => {
                self.status = format!(
                    "Saved {}",
                    ws.project_path()
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                );
                true
            }
            Ok(false) => {
                self.run_command(ctx, UiCommand::SaveAs);
                false
            }
            Err(SaveFailure::ChangedOnDisk { .. }) => {
                self.open_modal(Modal::DiskConflict);
                false
            }
            Err(e) => {
                self.open_modal(Modal::Message("Could not save".into(), vec![e.to_string()]));
                false
            }
        }
    }

    pub(super) fn ask_path(&mut self, kind: DialogKind, purpose: PathPurpose) -> Option<PathBuf> {
        let save_as = self.save_as_default();
        // Beside the project; a new corpus has none, so beside the corpus, where Save As puts it.
        let start = self
            .ws
            .as_ref()
            .and_then(|ws| ws.project_path())
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .or_else(|| {
                save_as
                    .as_deref()
                    .and_then(Path::parent)
                    .map(Path::to_path_buf)
            });
        let file_name = match purpose {
            PathPurpose::SaveAs => save_as
                .as_deref()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned()),
            _ => None,
        };
        match self
            .dialogs
            .ask(kind, start.as_deref(), file_name.as_deref())
        {
            DialogOutcome::Picked(p) => Some(p),
            DialogOutcome::Cancelled => None,
            DialogOutcome::Unavailable => {
                let suggestion = match (purpose, start) {
                    (PathPurpose::SaveAs, _) => {
                        save_as.map(|p| p.display().to_string()).unwrap_or_default()
                    }
                    (PathPurpose::Open, _) | (_, None) => String::new(),
                    (PathPurpose::Export(f), Some(dir)) if f.exporter().writes_folder() => dir
                        .join(f.exporter().default_folder_name())
                        .display()
                        .to_string(),
                    (PathPurpose::Export(f), Some(dir)) => dir
                        .join(format!("annotations.{}", f.extension()))
                        .display()
                        .to_string(),
                };
                self.open_modal(Modal::PathPrompt(PathPrompt::new(purpose, suggestion)));
                None
            }
        }
    }

    /// Where Save As proposes to write: the project's own file, or for a new corpus NAME.ron
    /// beside the corpus (folder `news/` gives `news.ron`, table `news.csv` gives `news.ron`).
    fn save_as_default(&self) -> Option<PathBuf> {
        let ws = self.ws.as_ref()?;
        if let Some(p) = ws.project_path() {
            return Some(p.to_path_buf());
        }
        let root = &ws.corpus().root;
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        let name = if root.is_dir() {
            root.file_name()
        } else {
            root.file_stem()
        }?;
        Some(root.with_file_name(format!("{}.ron", name.to_string_lossy())))
    }

    /// Opens `path` in the background, or first asks which columns of a table of articles hold
    /// the text and id when their usual names do not find them.
    pub fn open_or_ask_columns(&mut self, ctx: &egui::Context, path: &Path) {
        if crate::corpus::is_table(path)
            && path.is_file()
            && let Ok(shape) = crate::corpus::table_shape(path)
            && ColumnPicker::needed(&shape)
        {
            self.open_modal(Modal::ColumnPicker(ColumnPicker::new(
                path.to_owned(),
                shape,
            )));
            return;
        }
        self.open_path_in_background(ctx, path);
    }

    /// Opens the table at `path` as a new project with the `columns` picked.
    pub(super) fn open_table(&mut self, path: &Path, columns: &crate::corpus::TableColumns) {
        let opened = Workspace::open_table_corpus(
            path,
            columns,
            &self.load_options,
            &crate::progress::Progress::default(),
        );
        self.take_opened(path, opened);
    }

    pub(super) fn open_import_dialog(&mut self) {
        let corpus = self.ws.as_ref().map(|ws| {
            std::fs::canonicalize(&ws.corpus().root).unwrap_or_else(|_| ws.corpus().root.clone())
        });
        self.open_modal(Modal::Import(ImportDialog::new(corpus)));
    }

    /// Imports as asked: the result replaces the open project, unsaved, with the problems found
    /// listed; nothing changes when nothing could be imported.
    pub(super) fn import(&mut self, request: &ImportRequest) {
        use crate::application::{ImportError, ImportPlan};
        let attempt = || -> Result<(Workspace, Vec<String>, usize), String> {
            let plan = ImportPlan::new(request.format, &request.input, &[&request.map], None)
                .map_err(|e| e.to_string())?;
            let ws = Workspace::open_corpus_with(&request.corpus, &self.load_options)
                .map_err(|e| e.to_string())?;
            // The corpus's warnings are listed with the import's problems.
            let mut problems = ws.warnings().to_vec();
            match plan.run(ws) {
                Ok(imported) => {
                    problems.extend(imported.problems);
                    Ok((imported.workspace, problems, imported.annotations))
                }
                Err(ImportError::Nothing {
                    input,
                    problems: more,
                }) => {
                    problems.extend(more);
                    Err(ImportError::Nothing { input, problems }.to_string())
                }
                Err(e) => Err(e.to_string()),
            }
        };
        match attempt() {
            Ok((ws, problems, count)) => {
                let title = format!(
                    "Imported {} from {} ({})",
                    plural::count(count, "annotation", "annotations"),
                    request.input.display(),
                    plural::count(problems.len(), "problem", "problems")
                );
                if !problems.is_empty() {
                    self.open_modal(Modal::Message(title.clone(), problems));
                }
                let first = ws.corpus().documents.first().map(|d| d.path.clone());
                self.finish_autosave(true);
                self.ws = Some(ws);
                self.counted = None;
                self.orphans = (None, Vec::new());
                self.autosave = Autosave::default();
                self.select_document(first);
                self.status = format!("{title}; save it with Save as (Ctrl+Shift+S)");
            }
            Err(e) => self.open_modal(Modal::Message("Could not import".into(), vec![e])),
        }
    }
}

/// A project path as typed or picked, with `.ron` added when it has another ending or none
/// (`news` and `news.v2` become `news.ron` and `news.v2.ron`), so the file opens again as a project.
pub(super) fn with_ron_extension(path: PathBuf) -> PathBuf {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        return path;
    }
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".ron");
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_paths_end_in_ron() {
        let ron = |p: &str| with_ron_extension(PathBuf::from(p));
        assert_eq!(ron("/w/news"), PathBuf::from("/w/news.ron"));
        assert_eq!(ron("/w/news.v2"), PathBuf::from("/w/news.v2.ron"));
        assert_eq!(ron("/w/news.RON"), PathBuf::from("/w/news.RON"));
        assert_eq!(ron("news.ron"), PathBuf::from("news.ron"));
    }
}
