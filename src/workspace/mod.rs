//! A project open for work: the project model, its corpus, where it is saved and its undo history.
//! Everything the UI or the command line does to a project goes through here.

mod intent;
mod open;

pub use intent::{Intent, Outcome, now_rfc3339};
pub use open::OpenError;

use crate::corpus::Corpus;
use crate::edit::History;
use crate::project::Project;
use std::path::PathBuf;

pub struct Workspace {
    pub project: Project,
    pub corpus: Corpus,
    /// `None` until an opened corpus folder is first saved as a project.
    pub project_path: Option<PathBuf>,
    pub history: History,
    /// Problems found while opening, for the user to read.
    pub warnings: Vec<String>,
    saved_state: u64,
    /// Bumped by every change; views key their caches on it.
    revision: u64,
}

impl Workspace {
    pub fn is_dirty(&self) -> bool {
        self.history.state() != self.saved_state
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The project's name for the title bar: its file stem, or the corpus folder's name.
    pub fn display_name(&self) -> String {
        let path = self.project_path.as_ref().unwrap_or(&self.corpus.root);
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "untitled".into())
    }

    pub fn undo(&mut self) -> Option<String> {
        let d = self.history.undo(&mut self.project);
        self.revision += 1;
        d
    }

    pub fn redo(&mut self) -> Option<String> {
        let d = self.history.redo(&mut self.project);
        self.revision += 1;
        d
    }
}
