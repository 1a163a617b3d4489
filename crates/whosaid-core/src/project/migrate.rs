//! Older project files, read in their own shape and brought up to the current model. Each format
//! version that changed the shape keeps its structs here, so old files open forever.

use super::{
    AnchorStatus, Annotation, AnnotationId, DocEntry, Fragment, Label, Project, Speaker, ViewState,
};
use crate::corpus::DocMetadata;
use serde::Deserialize;
use std::path::PathBuf;

/// format_version 1: one optional speaker per annotation; no addressee, cue or metadata.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectV1 {
    format_version: u32,
    corpus: PathBuf,
    #[serde(default)]
    speakers: Vec<Speaker>,
    #[serde(default)]
    documents: Vec<DocEntryV1>,
    #[serde(default)]
    view: ViewState,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocEntryV1 {
    path: String,
    hash: String,
    #[serde(default)]
    done: bool,
    #[serde(default)]
    annotations: Vec<AnnotationV1>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnotationV1 {
    id: AnnotationId,
    label: Label,
    #[serde(default)]
    speaker: Option<super::SpeakerId>,
    fragments: Vec<Fragment>,
    #[serde(default)]
    note: String,
    created: String,
    modified: String,
    #[serde(default)]
    anchor: AnchorStatus,
}

impl From<ProjectV1> for Project {
    fn from(v1: ProjectV1) -> Self {
        debug_assert!(v1.format_version <= 1);
        Project {
            format_version: super::model::FORMAT_VERSION,
            corpus: v1.corpus,
            table_columns: None,
            speakers: v1.speakers,
            speaker_conflicts: Vec::new(),
            documents: v1
                .documents
                .into_iter()
                .map(|d| DocEntry {
                    path: d.path,
                    hash: d.hash,
                    done: d.done,
                    metadata: DocMetadata::default(),
                    annotations: d
                        .annotations
                        .into_iter()
                        .map(|a| Annotation {
                            speakers: a.speaker.into_iter().collect(),
                            note: a.note,
                            modified: a.modified.into(),
                            anchor: a.anchor,
                            ..Annotation::new(a.id, a.label, a.fragments, a.created)
                        })
                        .collect(),
                    rejected: Vec::new(),
                    conflicts: Vec::new(),
                })
                .collect(),
            view: v1.view,
        }
    }
}
