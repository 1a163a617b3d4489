//! A project open for work: the project model, its corpus, where it is saved and its undo history.
//! Everything the UI or the command line does to a project goes through here.

mod adjudicate;
mod annotator;
mod choices;
mod conflicts;
mod intent;
mod intent_error;
mod navigation;
mod open;
mod outputs;
mod proposal;
mod reanchor;
mod recovery;
mod registry;
mod save;
mod suggest_run;
mod suggest_stream;
mod suggestions;

pub use adjudicate::{Accepted, DocAgreement, Lane, LaneSpan};
pub use annotator::{ANNOTATOR_ENV, git_user_name, resolve_annotator};
pub use choices::{PickTarget, SpeakerChoice};
pub use conflicts::Keep;
pub use intent::{Intent, Outcome, SpeakerRole, now_rfc3339};
pub use intent_error::IntentError;
pub use navigation::step_in;
pub use open::OpenError;
pub use outputs::{OutputKind, OutputRefused};
pub use proposal::{Named, Piece, Proposal};
pub use reanchor::{AnchorReport, DocReport, DocStatus, Doubt, Move};
pub use recovery::RecoveryOffer;
pub use save::{SaveFailure, backup_path};
pub use suggest_run::{SuggestRun, SuggestionsFound};

use crate::corpus::Corpus;
use crate::edit::{History, HistoryError};
use crate::project::{PendingByDoc, Project, SaveCache};
use std::path::PathBuf;
use std::sync::Arc;

pub struct Workspace {
    project: Project,
    /// Never changed once opened; shared so that a run of the engine on another thread reads the
    /// texts without a copy.
    corpus: Arc<Corpus>,
    /// `None` until an opened corpus folder is first saved as a project.
    project_path: Option<PathBuf>,
    history: History,
    /// Suggestions waiting for the analyst: unsaved editing state beside the project, undone
    /// and redone with it.
    pending: PendingByDoc,
    /// When each document's pending suggestions, annotations and rejections last changed, for a
    /// run of the engine that started earlier.
    changes: suggest_run::Changes,
    /// The id of the next pending suggestion: ids are never given twice in a session.
    next_pending: u64,
    /// Problems found while opening, for the user to read.
    warnings: Vec<String>,
    saved_state: u64,
    /// Bumped by every change; views key their caches on it.
    revision: u64,
    /// BLAKE3 of the project file as last read or written: a different file on disk means
    /// someone else changed it.
    disk_hash: Option<blake3::Hash>,
    /// What re-anchoring found when the project was opened.
    anchor_report: AnchorReport,
    /// Documents as last saved, so a save re-serializes only what changed.
    save_cache: SaveCache,
    /// Counts the saves, shared with recovery writers on other threads: a copy of the work taken
    /// before a save must not leave a recovery file after it.
    saves: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// The analyst's name, recorded on every annotation and speaker their intents create or
    /// change; empty records nothing.
    annotator: String,
}

impl Workspace {
    /// The project as it stands; it changes only through [`Workspace::perform`], undo, redo and
    /// [`Workspace::adopt_imported`].
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The analyst whose changes are being recorded; empty when unknown.
    pub fn annotator(&self) -> &str {
        &self.annotator
    }

    /// Records `name` on the annotations and speakers changed from now on.
    pub fn set_annotator(&mut self, name: String) {
        self.annotator = name;
    }

    /// The project, the workspace done with (a test or a tool reading it whole).
    pub fn into_project(self) -> Project {
        self.project
    }

    /// The project to change in place, for generated test and benchmark data only (feature
    /// `synthetic`): the app and the command change it through intents.
    #[cfg(any(test, feature = "synthetic"))]
    #[doc(hidden)]
    pub fn project_mut_for_tests(&mut self) -> &mut Project {
        &mut self.project
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// Where the project is saved; `None` until an opened corpus folder is first saved.
    pub fn project_path(&self) -> Option<&std::path::Path> {
        self.project_path.as_deref()
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    /// Problems found while opening, for the user to read.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// What re-anchoring found when the project was opened.
    pub fn anchor_report(&self) -> &AnchorReport {
        &self.anchor_report
    }

    /// Remembers the document open in the app, so that reopening the project returns there: view
    /// state saved with the project, not an edit of the work (no undo step, nothing unsaved).
    pub fn set_open_document(&mut self, doc: Option<String>) {
        self.project.view.open_document = doc;
    }

    pub fn is_dirty(&self) -> bool {
        self.history.state() != self.saved_state
    }

    /// Takes an imported project over this workspace's corpus: unsaved until saved, with a fresh
    /// undo history.
    pub fn adopt_imported(&mut self, mut project: Project) {
        project.normalize();
        self.project = project;
        self.history = History::default();
        self.pending.clear();
        self.revision += 1;
        self.changes.all(self.revision);
        self.mark_unsaved();
    }

    /// The project differs from its file for reasons outside the undo history (re-anchoring).
    fn mark_unsaved(&mut self) {
        self.saved_state = u64::MAX;
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

    /// Undoes the last action: its description, `None` when there is nothing to undo, or why it
    /// could not be undone (the project and the history then stay as they were).
    pub fn undo(&mut self) -> Result<Option<String>, HistoryError> {
        self.changes
            .record(self.history.next_undo(), self.revision + 1);
        let d = self.history.undo(&mut self.project, &mut self.pending);
        self.revision += 1;
        d
    }

    /// Puts pending suggestions in place directly, for tests of what acts on them.
    #[cfg(test)]
    pub(crate) fn set_pending_for_test(&mut self, doc: &str, list: Vec<crate::project::Pending>) {
        let after = list.iter().map(|p| p.id + 1).max().unwrap_or(1);
        self.next_pending = self.next_pending.max(after);
        self.pending.insert(doc.to_string(), list);
    }

    /// Redoes the last undone action, as [`Workspace::undo`].
    pub fn redo(&mut self) -> Result<Option<String>, HistoryError> {
        self.changes
            .record(self.history.next_redo(), self.revision + 1);
        let d = self.history.redo(&mut self.project, &mut self.pending);
        self.revision += 1;
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::export_records;
    use crate::project::Label;

    /// A corpus with CRLF line endings, a BOM, curly quotes, dashes and emoji.
    fn tricky_corpus() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("corpus")).unwrap();
        std::fs::write(
            dir.path().join("corpus/a.txt"),
            "\u{feff}Title 🇺🇦\r\n“No,” said Zelenskyy – firmly. 😀 “We will not,” he said, “give up.”\r\n",
        )
        .unwrap();
        dir
    }

    fn find(ws: &Workspace, needle: &str) -> std::ops::Range<usize> {
        let text = ws.corpus.document("a.txt").unwrap().text.as_str();
        let b = text.find(needle).unwrap();
        let s = text[..b].chars().count();
        s..s + needle.chars().count()
    }

    #[test]
    fn tagging_saving_and_exporting_keep_code_point_offsets_exact() {
        let dir = tricky_corpus();
        let mut ws = Workspace::open_corpus(&dir.path().join("corpus")).unwrap();
        let name = find(&ws, "Zelenskyy");
        // "Title 🇺🇦\r\n" is 10 code points (the flag is two, CR and LF one each); the BOM is not text.
        assert_eq!(name, 21..30);
        let id = ws
            .perform(Intent::Tag {
                doc: "a.txt".into(),
                range: name.start - 1..name.end + 1,
                label: Label::Quote,
            })
            .unwrap()
            .annotation
            .unwrap();
        let second = find(&ws, "“give up.”");
        ws.perform(Intent::AddFragment {
            id,
            range: second.clone(),
        })
        .unwrap();
        ws.perform(Intent::CreateSpeakerFor {
            id,
            name: "Volodymyr Zelenskyy".into(),
            role: crate::workspace::SpeakerRole::Main,
        })
        .unwrap();
        let path = dir.path().join("p.ron");
        ws.save_as(&path).unwrap();

        let ws = Workspace::open_project(&path).unwrap();
        assert_eq!(ws.project.corpus, std::path::PathBuf::from("corpus"));
        let records = export_records(&ws);
        assert_eq!(records.len(), 1);
        let r = &records[0];
        assert_eq!((r.start, r.end), (21, second.end));
        assert_eq!(r.fragments[0].text, "Zelenskyy", "whitespace trimmed");
        assert_eq!(r.fragments[1].text, "“give up.”");
        assert!(r.text.starts_with("Zelenskyy – firmly. 😀"));
        assert_eq!(r.speaker.as_deref(), Some("Volodymyr Zelenskyy"));
        let mut jsonl = Vec::new();
        crate::interop::write_jsonl(&records, &mut jsonl).unwrap();
        let line: serde_json::Value = serde_json::from_slice(&jsonl).unwrap();
        assert_eq!(line["fragments"][1]["start"], second.start);
    }

    #[test]
    fn an_undo_that_cannot_apply_is_reported_and_stays_undoable() {
        let dir = tricky_corpus();
        let mut ws = Workspace::open_corpus(&dir.path().join("corpus")).unwrap();
        let id = ws
            .perform(Intent::Tag {
                doc: "a.txt".into(),
                range: find(&ws, "firmly"),
                label: Label::Claim,
            })
            .unwrap()
            .annotation
            .unwrap();
        // The annotation goes behind the history's back, so its inverse cannot apply.
        for doc in &mut ws.project.documents {
            doc.annotations.clear();
        }
        let err = ws.undo().unwrap_err();
        assert_eq!(
            err,
            HistoryError::Undo {
                description: "Tag claim".into(),
                source: crate::edit::EditError::NoAnnotation(id.0),
            }
        );
        assert_eq!(
            err.to_string(),
            format!(
                "Could not undo \u{201c}Tag claim\u{201d}: annotation {} does not exist",
                id.0
            )
        );
        assert_eq!(ws.history.undo_description(), Some("Tag claim"));
    }

    #[test]
    fn undo_and_redo_walk_back_and_forth_and_track_unsaved_changes() {
        let dir = tricky_corpus();
        let mut ws = Workspace::open_corpus(&dir.path().join("corpus")).unwrap();
        assert!(!ws.is_dirty());
        let id = ws
            .perform(Intent::Tag {
                doc: "a.txt".into(),
                range: find(&ws, "firmly"),
                label: Label::Claim,
            })
            .unwrap()
            .annotation
            .unwrap();
        ws.perform(Intent::SetNote {
            id,
            note: "a".into(),
        })
        .unwrap();
        ws.perform(Intent::SetNote {
            id,
            note: "ab".into(),
        })
        .unwrap();
        assert!(ws.is_dirty());
        // Typing in one note is one undo step.
        assert_eq!(ws.undo().unwrap().as_deref(), Some("Edit note"));
        assert_eq!(ws.project.find_annotation(id).unwrap().1.note, "");
        assert_eq!(ws.undo().unwrap().as_deref(), Some("Tag claim"));
        assert!(ws.project.find_annotation(id).is_none());
        assert!(!ws.is_dirty(), "back where we started");
        assert_eq!(ws.undo(), Ok(None));
        ws.redo().unwrap();
        ws.redo().unwrap();
        assert_eq!(ws.project.find_annotation(id).unwrap().1.note, "ab");
        // A whitespace-only selection makes nothing.
        let err = ws.perform(Intent::Tag {
            doc: "a.txt".into(),
            range: 8..9,
            label: Label::Claim,
        });
        assert!(err.is_err());
    }
}
