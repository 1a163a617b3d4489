//! Native file dialogs behind a trait, so tests can fake them and the app can fall back to a path
//! field when no dialog is available (rfd returns nothing at once without a portal or zenity).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Clone, Debug, PartialEq)]
pub enum DialogOutcome {
    Picked(PathBuf),
    Cancelled,
    /// No dialog could be shown: ask for a path in the app instead.
    Unavailable,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogKind {
    OpenProject,
    OpenFolder,
    SaveProject,
    SaveExport(&'static str),
    /// A new folder for an export that is a folder (brat).
    ExportFolder,
    /// An existing file of this extension (what File > Import reads).
    OpenFile(&'static str),
}

pub trait FileDialogs {
    /// `file_name`: the name a save dialog proposes (else one fitting `kind`).
    fn ask(
        &self,
        kind: DialogKind,
        start_dir: Option<&Path>,
        file_name: Option<&str>,
    ) -> DialogOutcome;
}

/// Never shows a dialog: the app always uses its own path field (tests, headless machines).
pub struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn ask(&self, _: DialogKind, _: Option<&Path>, _: Option<&str>) -> DialogOutcome {
        DialogOutcome::Unavailable
    }
}

/// The platform's dialogs through rfd.
pub struct RfdDialogs;

/// An answer faster than a person can cancel means no dialog was shown.
const NO_DIALOG_SHOWN: Duration = Duration::from_millis(150);

impl FileDialogs for RfdDialogs {
    fn ask(
        &self,
        kind: DialogKind,
        start_dir: Option<&Path>,
        file_name: Option<&str>,
    ) -> DialogOutcome {
        let mut dialog = rfd::FileDialog::new();
        if let Some(dir) = start_dir {
            dialog = dialog.set_directory(dir);
        }
        let started = Instant::now();
        let picked = match kind {
            DialogKind::OpenProject => dialog
                .set_title("Open project")
                .add_filter("whosaid project", &["ron"])
                .pick_file(),
            DialogKind::OpenFolder => dialog.set_title("Open corpus folder").pick_folder(),
            DialogKind::SaveProject => dialog
                .set_title("Save project as")
                .add_filter("whosaid project", &["ron"])
                .set_file_name(file_name.unwrap_or("project.ron"))
                .save_file(),
            DialogKind::SaveExport(ext) => dialog
                .set_title("Export annotations")
                .add_filter(ext, &[ext])
                .set_file_name(format!("annotations.{ext}"))
                .save_file(),
            DialogKind::OpenFile(ext) => dialog
                .set_title("Import from")
                .add_filter(ext, &[ext])
                .pick_file(),
            DialogKind::ExportFolder => dialog
                .set_title("Export to a new folder")
                .set_file_name("brat-export")
                .save_file(),
        };
        match picked {
            Some(p) => DialogOutcome::Picked(p),
            None if started.elapsed() < NO_DIALOG_SHOWN => DialogOutcome::Unavailable,
            None => DialogOutcome::Cancelled,
        }
    }
}
