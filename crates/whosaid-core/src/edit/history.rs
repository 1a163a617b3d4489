//! The undo history: one entry of inverse edits per user action; an entry that cannot be applied
//! stays where it is, and the error says why.

use super::apply::{Edit, EditError, apply};
use crate::project::{AnnotationId, PendingByDoc, Project};

/// What makes consecutive actions one undo step: typing in one note is one change of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MergeKey {
    Note(AnnotationId),
}

struct Entry {
    description: String,
    /// Undoes (on the undo stack) or redoes (on the redo stack) the action.
    edit: Edit,
    /// Consecutive actions with the same key (typing in one note) merge into one undo step.
    coalesce: Option<MergeKey>,
    /// Identifies the project state this entry leads to, for the unsaved-changes mark.
    state: u64,
}

/// Why an undo or redo did not happen; the project and the history are as they were.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum HistoryError {
    #[error("Could not undo \u{201c}{description}\u{201d}: {source}")]
    Undo {
        description: String,
        source: EditError,
    },
    #[error("Could not redo \u{201c}{description}\u{201d}: {source}")]
    Redo {
        description: String,
        source: EditError,
    },
}

/// Undo/redo stacks of inverse edits.
#[derive(Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    next_state: u64,
}

impl History {
    /// Applies an action and records how to undo it.
    pub fn apply(
        &mut self,
        project: &mut Project,
        pending: &mut PendingByDoc,
        edit: Edit,
        description: &str,
        coalesce: Option<MergeKey>,
    ) -> Result<(), EditError> {
        let touches_file = edit.touches_file();
        let inverse = apply(project, pending, edit)?;
        self.redo.clear();
        // A step that changes only pending suggestions leaves the file's state as it was, so
        // running suggestions on a saved project leaves it saved.
        let state = if touches_file {
            self.next_state += 1;
            self.next_state
        } else {
            self.state()
        };
        if let (Some(key), Some(last)) = (&coalesce, self.undo.last_mut())
            && last.coalesce.as_ref() == Some(key)
        {
            // Keep the older inverse: undo returns to before the first of the merged actions.
            last.state = state;
            return Ok(());
        }
        self.undo.push(Entry {
            description: description.to_string(),
            edit: inverse,
            coalesce,
            state,
        });
        Ok(())
    }

    /// Undoes the last action; returns its description, or `None` when there is nothing to undo.
    /// When the inverse cannot be applied the project is unchanged and the entry stays, so that
    /// the user is told why and nothing is lost.
    pub fn undo(
        &mut self,
        project: &mut Project,
        pending: &mut PendingByDoc,
    ) -> Result<Option<String>, HistoryError> {
        let Some(entry) = self.undo.last() else {
            return Ok(None);
        };
        // Applying consumes the edit: a copy is applied so that the entry survives a failure.
        let redo =
            apply(project, pending, entry.edit.clone()).map_err(|source| HistoryError::Undo {
                description: entry.description.clone(),
                source,
            })?;
        let before = self.state();
        let entry = self.undo.pop().expect("the entry applied above");
        self.redo.push(Entry {
            description: entry.description.clone(),
            edit: redo,
            coalesce: None,
            state: before,
        });
        Ok(Some(entry.description))
    }

    /// Redoes the last undone action; as [`History::undo`], the entry stays when applying fails.
    pub fn redo(
        &mut self,
        project: &mut Project,
        pending: &mut PendingByDoc,
    ) -> Result<Option<String>, HistoryError> {
        let Some(entry) = self.redo.last() else {
            return Ok(None);
        };
        let undo =
            apply(project, pending, entry.edit.clone()).map_err(|source| HistoryError::Redo {
                description: entry.description.clone(),
                source,
            })?;
        let entry = self.redo.pop().expect("the entry applied above");
        self.undo.push(Entry {
            description: entry.description.clone(),
            edit: undo,
            coalesce: None,
            state: entry.state,
        });
        Ok(Some(entry.description))
    }

    /// The edit the next undo applies (what it changes), if any.
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo.last().map(|e| &e.edit)
    }

    /// The edit the next redo applies, if any.
    pub fn next_redo(&self) -> Option<&Edit> {
        self.redo.last().map(|e| &e.edit)
    }

    pub fn undo_description(&self) -> Option<&str> {
        self.undo.last().map(|e| e.description.as_str())
    }

    pub fn redo_description(&self) -> Option<&str> {
        self.redo.last().map(|e| e.description.as_str())
    }

    /// Stops merging into the last entry (e.g. when the note field loses focus).
    pub fn seal(&mut self) {
        if let Some(last) = self.undo.last_mut() {
            last.coalesce = None;
        }
    }

    /// An id of the current project state: equal ids mean equal projects.
    pub fn state(&self) -> u64 {
        self.undo.last().map_or(0, |e| e.state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::DocEntry;
    use std::path::PathBuf;

    fn project() -> Project {
        let mut p = Project::new(PathBuf::from("c"));
        p.documents.push(DocEntry::new("d.txt".into(), "h".into()));
        p
    }

    fn mark_done() -> Edit {
        Edit::SetDone {
            doc: "d.txt".into(),
            done: true,
        }
    }

    #[test]
    fn an_undo_that_cannot_apply_keeps_its_entry_and_says_why() {
        let mut p = project();
        let mut history = History::default();
        history
            .apply(
                &mut p,
                &mut PendingByDoc::new(),
                mark_done(),
                "Mark done",
                None,
            )
            .unwrap();
        // The document goes behind the history's back: the inverse (d.txt not done) can no
        // longer apply.
        let document = p.documents.pop().unwrap();
        let before = p.clone();
        let err = history.undo(&mut p, &mut PendingByDoc::new()).unwrap_err();
        assert_eq!(
            err,
            HistoryError::Undo {
                description: "Mark done".into(),
                source: EditError::NoDocument("d.txt".into()),
            }
        );
        assert_eq!(
            err.to_string(),
            "Could not undo \u{201c}Mark done\u{201d}: document \"d.txt\" is not in the project"
        );
        assert_eq!(p, before, "the project is unchanged");
        assert_eq!(
            history.undo_description(),
            Some("Mark done"),
            "the entry is kept"
        );
        assert_eq!(history.redo_description(), None);
        // Once the document is back, the same entry undoes.
        p.documents.push(document);
        assert_eq!(
            history
                .undo(&mut p, &mut PendingByDoc::new())
                .unwrap()
                .as_deref(),
            Some("Mark done")
        );
        assert!(!p.documents[0].done);
        assert_eq!(history.redo_description(), Some("Mark done"));
    }

    #[test]
    fn a_redo_that_cannot_apply_keeps_its_entry_and_says_why() {
        let mut p = project();
        let mut history = History::default();
        history
            .apply(
                &mut p,
                &mut PendingByDoc::new(),
                mark_done(),
                "Mark done",
                None,
            )
            .unwrap();
        history.undo(&mut p, &mut PendingByDoc::new()).unwrap();
        p.documents.clear();
        let err = history.redo(&mut p, &mut PendingByDoc::new()).unwrap_err();
        assert_eq!(
            err,
            HistoryError::Redo {
                description: "Mark done".into(),
                source: EditError::NoDocument("d.txt".into()),
            }
        );
        assert_eq!(
            history.redo_description(),
            Some("Mark done"),
            "the entry is kept"
        );
        assert_eq!(history.undo_description(), None);
    }

    #[test]
    fn nothing_to_undo_or_redo_is_not_an_error() {
        let mut p = project();
        let mut history = History::default();
        assert_eq!(history.undo(&mut p, &mut PendingByDoc::new()), Ok(None));
        assert_eq!(history.redo(&mut p, &mut PendingByDoc::new()), Ok(None));
    }
}
