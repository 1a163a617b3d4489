//! Resolving the conflicts a merge left in the project: keep our version or take theirs, one
//! undoable step each.

use super::Workspace;
use crate::edit::Edit;
use crate::project::{AnnotationId, Conflict};

/// Which version of a conflicted annotation stays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    Ours,
    Theirs,
}

impl Workspace {
    /// Every annotation conflict in the project: its document and the conflict.
    pub fn conflicts(&self) -> Vec<(String, Conflict)> {
        self.project
            .documents
            .iter()
            .flat_map(|d| d.conflicts.iter().map(move |c| (d.path.clone(), c.clone())))
            .collect()
    }

    /// Settles the conflict over annotation `id` in `doc`: `Ours` keeps the annotation as it is
    /// (or deleted, when we deleted it), `Theirs` puts their version in its place (or deletes it,
    /// when they did). One undoable step.
    pub fn resolve_conflict(
        &mut self,
        doc: &str,
        id: AnnotationId,
        keep: Keep,
    ) -> Result<(), String> {
        let entry = self
            .project
            .document(doc)
            .ok_or_else(|| format!("no document {doc:?}"))?;
        let conflict = entry
            .conflicts
            .iter()
            .find(|c| c.id == id)
            .cloned()
            .ok_or_else(|| format!("annotation {} has no conflict", id.0))?;
        let rest: Vec<Conflict> = entry
            .conflicts
            .iter()
            .filter(|c| c.id != id)
            .cloned()
            .collect();
        let ours_present = entry.annotation(id).is_some();
        let mut edits = vec![Edit::SetConflicts {
            doc: doc.to_string(),
            conflicts: rest,
        }];
        if keep == Keep::Theirs {
            match conflict.theirs {
                Some(annotation) => edits.push(Edit::PutAnnotation {
                    doc: doc.to_string(),
                    annotation,
                }),
                None if ours_present => edits.push(Edit::RemoveAnnotation {
                    doc: doc.to_string(),
                    id,
                }),
                None => {}
            }
        }
        let description = match keep {
            Keep::Ours => "Keep our version",
            Keep::Theirs => "Take their version",
        };
        let edit = Edit::Batch(edits);
        self.changes.record(Some(&edit), self.revision + 1);
        self.history
            .apply(
                &mut self.project,
                &mut self.pending,
                edit,
                description,
                None,
            )
            .map_err(|e| e.to_string())?;
        self.revision += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{Annotation, Fragment, Label};

    fn workspace_with_conflict(theirs: Option<Annotation>) -> (Workspace, Annotation) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "We will not give up, he said.").unwrap();
        let mut ws = Workspace::open_corpus(dir.path()).unwrap();
        let ours = Annotation::new(
            AnnotationId(5),
            Label::Quote,
            vec![Fragment::new(0, 19, "We will not give up")],
            "2026-11-30T10:00:00Z",
        );
        let entry = ws.project.document_mut("a.txt").unwrap();
        entry.annotations.push(ours.clone());
        entry.conflicts.push(Conflict {
            id: AnnotationId(5),
            theirs,
        });
        (ws, ours)
    }

    #[test]
    fn taking_theirs_replaces_ours_and_undo_brings_back_both() {
        let theirs = Annotation {
            label: Label::Claim,
            ..Annotation::new(
                AnnotationId(5),
                Label::Claim,
                vec![Fragment::new(0, 19, "We will not give up")],
                "2026-11-30T10:00:00Z",
            )
        };
        let (mut ws, ours) = workspace_with_conflict(Some(theirs.clone()));
        assert_eq!(ws.conflicts().len(), 1);
        ws.resolve_conflict("a.txt", AnnotationId(5), Keep::Theirs)
            .unwrap();
        assert!(ws.conflicts().is_empty());
        let entry = ws.project.document("a.txt").unwrap();
        assert_eq!(
            entry.annotation(AnnotationId(5)).unwrap().label,
            Label::Claim
        );
        ws.undo().unwrap();
        let entry = ws.project.document("a.txt").unwrap();
        assert_eq!(entry.annotation(AnnotationId(5)), Some(&ours));
        assert_eq!(entry.conflicts.len(), 1);
    }

    #[test]
    fn keeping_ours_drops_theirs_and_taking_their_deletion_deletes() {
        let (mut ws, ours) = workspace_with_conflict(None);
        ws.resolve_conflict("a.txt", AnnotationId(5), Keep::Ours)
            .unwrap();
        let entry = ws.project.document("a.txt").unwrap();
        assert_eq!(entry.annotation(AnnotationId(5)), Some(&ours));
        assert!(entry.conflicts.is_empty());
        ws.undo().unwrap();
        ws.resolve_conflict("a.txt", AnnotationId(5), Keep::Theirs)
            .unwrap();
        let entry = ws.project.document("a.txt").unwrap();
        assert!(
            entry.annotation(AnnotationId(5)).is_none(),
            "they deleted it"
        );
        assert!(entry.conflicts.is_empty());
    }
}
