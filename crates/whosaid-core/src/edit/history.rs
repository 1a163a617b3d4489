use super::apply::{Edit, EditError, apply};
use crate::project::Project;

struct Entry {
    description: String,
    /// Undoes (on the undo stack) or redoes (on the redo stack) the action.
    edit: Edit,
    /// Consecutive actions with the same key (typing in one note) merge into one undo step.
    coalesce: Option<String>,
    /// Identifies the project state this entry leads to, for the unsaved-changes mark.
    state: u64,
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
        edit: Edit,
        description: &str,
        coalesce: Option<String>,
    ) -> Result<(), EditError> {
        let inverse = apply(project, edit)?;
        self.redo.clear();
        self.next_state += 1;
        let state = self.next_state;
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

    /// Undoes the last action; returns its description.
    pub fn undo(&mut self, project: &mut Project) -> Option<String> {
        let entry = self.undo.pop()?;
        let before = self.state();
        match apply(project, entry.edit) {
            Ok(redo) => {
                self.redo.push(Entry {
                    description: entry.description.clone(),
                    edit: redo,
                    coalesce: None,
                    state: before,
                });
                Some(entry.description)
            }
            Err(_) => None,
        }
    }

    pub fn redo(&mut self, project: &mut Project) -> Option<String> {
        let entry = self.redo.pop()?;
        match apply(project, entry.edit) {
            Ok(undo) => {
                self.undo.push(Entry {
                    description: entry.description.clone(),
                    edit: undo,
                    coalesce: None,
                    state: entry.state,
                });
                Some(entry.description)
            }
            Err(_) => None,
        }
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
