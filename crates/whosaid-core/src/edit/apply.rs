//! Edits, the primitive changes of a project and of the pending suggestions beside it: applying
//! one returns the edit that undoes it.

use crate::project::{
    Annotation, AnnotationId, Pending, PendingByDoc, Project, Rejected, Speaker, SpeakerId,
};

/// A primitive change. Higher-level intents (set a label, add a fragment) are built as
/// `PutAnnotation` of the changed annotation, so one applier and one inverse rule cover them all.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Inserts the annotation into the document, or replaces the one with the same id.
    PutAnnotation {
        doc: String,
        annotation: Annotation,
    },
    RemoveAnnotation {
        doc: String,
        id: AnnotationId,
    },
    /// Inserts or replaces a speaker.
    PutSpeaker(Speaker),
    RemoveSpeaker(SpeakerId),
    SetDone {
        doc: String,
        done: bool,
    },
    /// Replaces a document's title, outlet, date and URL.
    SetMetadata {
        doc: String,
        metadata: crate::corpus::DocMetadata,
    },
    /// Replaces a document's pending suggestions (an empty list removes them).
    SetPending {
        doc: String,
        pending: Vec<Pending>,
    },
    /// Replaces every document's pending suggestions at once (a run over all documents): one
    /// swap, however many there are.
    ReplacePending(Box<PendingByDoc>),
    /// Replaces a document's list of rejected suggestions.
    SetRejected {
        doc: String,
        rejected: Vec<Rejected>,
    },
    /// Replaces a document's list of merge conflicts.
    SetConflicts {
        doc: String,
        conflicts: Vec<crate::project::Conflict>,
    },
    /// Applied in order; undone in reverse.
    Batch(Vec<Edit>),
    /// Replaces all documents and speakers (restoring recovered work); the view state stays.
    ReplaceContent(Box<Project>),
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum EditError {
    #[error("document {0:?} is not in the project")]
    NoDocument(String),
    #[error("annotation {0} does not exist")]
    NoAnnotation(u64),
    #[error("speaker {0} does not exist")]
    NoSpeaker(u64),
    #[error("speaker {0} still has spans attributed to it")]
    SpeakerInUse(u64),
}

impl Edit {
    /// Whether the edit changes what the project file holds: pending suggestions alone do not.
    pub fn touches_file(&self) -> bool {
        match self {
            Edit::SetPending { .. } | Edit::ReplacePending(_) => false,
            Edit::Batch(edits) => edits.iter().any(Edit::touches_file),
            _ => true,
        }
    }
}

/// Applies `edit` to the project and the pending suggestions beside it, and returns the edit that
/// undoes it. On error both are unchanged.
pub fn apply(
    project: &mut Project,
    pending_by_doc: &mut PendingByDoc,
    edit: Edit,
) -> Result<Edit, EditError> {
    match edit {
        Edit::PutAnnotation { doc, annotation } => {
            for s in annotation.speakers.iter().chain(&annotation.addressee) {
                project.speaker(*s).ok_or(EditError::NoSpeaker(s.0))?;
            }
            let entry = project
                .document_mut(&doc)
                .ok_or_else(|| EditError::NoDocument(doc.clone()))?;
            let id = annotation.id;
            let mut annotation = annotation;
            annotation.sort_fragments();
            let old = match entry.annotations.iter_mut().find(|a| a.id == id) {
                Some(slot) => Some(std::mem::replace(slot, annotation)),
                None => {
                    entry.annotations.push(annotation);
                    None
                }
            };
            entry.sort_annotations();
            Ok(match old {
                Some(annotation) => Edit::PutAnnotation { doc, annotation },
                None => Edit::RemoveAnnotation { doc, id },
            })
        }
        Edit::RemoveAnnotation { doc, id } => {
            let entry = project
                .document_mut(&doc)
                .ok_or_else(|| EditError::NoDocument(doc.clone()))?;
            let pos = entry
                .annotations
                .iter()
                .position(|a| a.id == id)
                .ok_or(EditError::NoAnnotation(id.0))?;
            let annotation = entry.annotations.remove(pos);
            Ok(Edit::PutAnnotation { doc, annotation })
        }
        Edit::PutSpeaker(speaker) => {
            let old = match project.speakers.iter_mut().find(|s| s.id == speaker.id) {
                Some(slot) => Some(std::mem::replace(slot, speaker.clone())),
                None => {
                    project.speakers.push(speaker.clone());
                    project.speakers.sort_by_key(|s| s.id);
                    None
                }
            };
            Ok(match old {
                Some(old) => Edit::PutSpeaker(old),
                None => Edit::RemoveSpeaker(speaker.id),
            })
        }
        Edit::RemoveSpeaker(id) => {
            if project.speaker_use_count(id) > 0 {
                return Err(EditError::SpeakerInUse(id.0));
            }
            let pos = project
                .speakers
                .iter()
                .position(|s| s.id == id)
                .ok_or(EditError::NoSpeaker(id.0))?;
            Ok(Edit::PutSpeaker(project.speakers.remove(pos)))
        }
        Edit::SetDone { doc, done } => {
            let entry = project
                .document_mut(&doc)
                .ok_or_else(|| EditError::NoDocument(doc.clone()))?;
            let was = std::mem::replace(&mut entry.done, done);
            Ok(Edit::SetDone { doc, done: was })
        }
        Edit::SetMetadata { doc, metadata } => {
            let entry = project
                .document_mut(&doc)
                .ok_or_else(|| EditError::NoDocument(doc.clone()))?;
            let was = std::mem::replace(&mut entry.metadata, metadata);
            Ok(Edit::SetMetadata { doc, metadata: was })
        }
        Edit::SetPending { doc, pending } => {
            project
                .document(&doc)
                .ok_or_else(|| EditError::NoDocument(doc.clone()))?;
            let was = if pending.is_empty() {
                pending_by_doc.remove(&doc)
            } else {
                pending_by_doc.insert(doc.clone(), pending)
            };
            Ok(Edit::SetPending {
                doc,
                pending: was.unwrap_or_default(),
            })
        }
        Edit::SetRejected { doc, rejected } => {
            let entry = project
                .document_mut(&doc)
                .ok_or_else(|| EditError::NoDocument(doc.clone()))?;
            let was = std::mem::replace(&mut entry.rejected, rejected);
            Ok(Edit::SetRejected { doc, rejected: was })
        }
        Edit::SetConflicts { doc, conflicts } => {
            let entry = project
                .document_mut(&doc)
                .ok_or_else(|| EditError::NoDocument(doc.clone()))?;
            let was = std::mem::replace(&mut entry.conflicts, conflicts);
            Ok(Edit::SetConflicts {
                doc,
                conflicts: was,
            })
        }
        Edit::ReplacePending(mut other) => {
            std::mem::swap(pending_by_doc, &mut *other);
            Ok(Edit::ReplacePending(other))
        }
        Edit::ReplaceContent(mut other) => {
            std::mem::swap(&mut project.documents, &mut other.documents);
            std::mem::swap(&mut project.speakers, &mut other.speakers);
            Ok(Edit::ReplaceContent(other))
        }
        Edit::Batch(edits) => {
            let mut inverses = Vec::with_capacity(edits.len());
            for e in edits {
                match apply(project, pending_by_doc, e) {
                    Ok(inv) => inverses.push(inv),
                    Err(err) => {
                        // Roll back what this batch already did, keeping the project unchanged.
                        for inv in inverses.into_iter().rev() {
                            let _ = apply(project, pending_by_doc, inv);
                        }
                        return Err(err);
                    }
                }
            }
            inverses.reverse();
            Ok(Edit::Batch(inverses))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{DocEntry, Fragment, Label};
    use std::path::PathBuf;

    fn project() -> Project {
        let mut p = Project::new(PathBuf::from("c"));
        p.documents.push(DocEntry::new("d.txt".into(), "h".into()));
        p
    }

    fn ann(id: u64, speaker: Option<SpeakerId>) -> Annotation {
        Annotation {
            speakers: speaker.into_iter().collect(),
            ..Annotation::new(
                AnnotationId(id),
                Label::Claim,
                vec![Fragment::new(0, 3, "abc")],
                "",
            )
        }
    }

    #[test]
    fn every_edit_is_undone_by_its_inverse() {
        let mut p = project();
        let before = p.clone();
        let speaker = Speaker {
            id: SpeakerId(1),
            name: "Logan".into(),
            aliases: vec![],
            kind: Default::default(),
            role: String::new(),
            annotator: String::new(),
        };
        let edit = Edit::Batch(vec![
            Edit::PutSpeaker(speaker),
            Edit::PutAnnotation {
                doc: "d.txt".into(),
                annotation: ann(1, Some(SpeakerId(1))),
            },
            Edit::SetDone {
                doc: "d.txt".into(),
                done: true,
            },
        ]);
        let inverse = apply(&mut p, &mut PendingByDoc::new(), edit.clone()).unwrap();
        assert_eq!(p.documents[0].annotations.len(), 1);
        assert!(p.documents[0].done);
        let redo = apply(&mut p, &mut PendingByDoc::new(), inverse).unwrap();
        assert_eq!(p, before);
        apply(&mut p, &mut PendingByDoc::new(), redo).unwrap();
        assert_eq!(p.speaker_name(Some(SpeakerId(1))), Some("Logan"));
    }

    #[test]
    fn failed_batch_leaves_project_unchanged() {
        let mut p = project();
        let before = p.clone();
        let err = apply(
            &mut p,
            &mut PendingByDoc::new(),
            Edit::Batch(vec![
                Edit::SetDone {
                    doc: "d.txt".into(),
                    done: true,
                },
                Edit::PutAnnotation {
                    doc: "d.txt".into(),
                    annotation: ann(1, Some(SpeakerId(7))),
                },
            ]),
        )
        .unwrap_err();
        assert_eq!(err, EditError::NoSpeaker(7));
        assert_eq!(p, before);
    }

    #[test]
    fn speaker_in_use_cannot_be_removed() {
        let mut p = project();
        p.speakers.push(Speaker {
            id: SpeakerId(1),
            name: "X".into(),
            aliases: vec![],
            kind: Default::default(),
            role: String::new(),
            annotator: String::new(),
        });
        p.documents[0].annotations.push(ann(1, Some(SpeakerId(1))));
        assert_eq!(
            apply(
                &mut p,
                &mut PendingByDoc::new(),
                Edit::RemoveSpeaker(SpeakerId(1))
            ),
            Err(EditError::SpeakerInUse(1))
        );
    }
}
