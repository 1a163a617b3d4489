use crate::corpus::Document;
use crate::parallel::map_runs;
use crate::project::{Annotation, DocEntry, SpeakerId};
use crate::workspace::Workspace;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExportFragment {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One exported annotation. Offsets are Unicode code points into the document text; `start`/`end`
/// span from the first fragment's start to the last fragment's end.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExportRecord {
    pub id: u64,
    pub doc: String,
    pub title: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub fragments: Vec<ExportFragment>,
    pub label: &'static str,
    /// The main speaker (the first of `speakers`).
    pub speaker_id: Option<u64>,
    pub speaker: Option<String>,
    /// Every speaker, main first.
    pub speaker_ids: Vec<u64>,
    pub speakers: Vec<String>,
    pub addressee_id: Option<u64>,
    pub addressee: Option<String>,
    /// The reporting words, if marked.
    pub cue: Option<ExportFragment>,
    pub note: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// Whether the annotation was accepted from a suggestion, and how sure the engine was (0-1).
    pub suggested: bool,
    pub suggestion_confidence: Option<f32>,
    /// The analyst who last created or changed it; `None` when the project does not say.
    pub annotator: Option<String>,
}

/// All placed annotations in document order, with their text read from the corpus as it is now.
/// Where a document is missing, the text stored in the project is used.
pub fn export_records(ws: &Workspace) -> Vec<ExportRecord> {
    let names = speaker_names(ws);
    let runs = map_runs(
        &ws.project().documents,
        |d| d.annotations.len() + 1,
        |entries| records_of(ws, entries, &names),
    );
    runs.into_iter().flatten().collect()
}

/// Each speaker's name by id, looked up once rather than per annotation.
pub(super) fn speaker_names(ws: &Workspace) -> HashMap<SpeakerId, &str> {
    ws.project()
        .speakers
        .iter()
        .map(|s| (s.id, s.name.as_str()))
        .collect()
}

/// The records of some of the project's documents, in order.
pub(super) fn records_of(
    ws: &Workspace,
    entries: &[DocEntry],
    names: &HashMap<SpeakerId, &str>,
) -> Vec<ExportRecord> {
    let mut out = Vec::new();
    for entry in entries {
        let doc = ws.corpus().document(&entry.path);
        // Orphans have no place in the text, so no offsets to export (`whosaid check` lists
        // them).
        let placed = entry.annotations.iter().filter(|a| a.is_placed());
        out.extend(placed.map(|a| record(entry, doc, a, names)));
    }
    out
}

pub(super) fn record(
    entry: &DocEntry,
    doc: Option<&Document>,
    a: &Annotation,
    names: &HashMap<SpeakerId, &str>,
) -> ExportRecord {
    let read = |start: usize, end: usize, stored: &str| -> String {
        doc.and_then(|d| d.text.slice(start..end))
            .unwrap_or(stored)
            .to_string()
    };
    let name = |id: Option<SpeakerId>| id.and_then(|id| names.get(&id)).map(|n| n.to_string());
    let fragments: Vec<ExportFragment> = a
        .fragments
        .iter()
        .map(|f| ExportFragment {
            start: f.start,
            end: f.end,
            text: read(f.start, f.end, f.text()),
        })
        .collect();
    ExportRecord {
        id: a.id.0,
        doc: entry.path.clone(),
        title: entry
            .metadata
            .title
            .clone()
            .or_else(|| doc.map(|d| d.title.clone()))
            .unwrap_or_default(),
        start: a.start(),
        end: a.end(),
        text: read(a.start(), a.end(), &a.display_text()),
        fragments,
        label: a.label.key(),
        speaker_id: a.speaker().map(|s| s.0),
        speaker: name(a.speaker()),
        speaker_ids: a.speakers.iter().map(|s| s.0).collect(),
        speakers: a.speakers.iter().filter_map(|&s| name(Some(s))).collect(),
        addressee_id: a.addressee.map(|s| s.0),
        addressee: name(a.addressee),
        cue: a.cue.as_ref().map(|c| ExportFragment {
            start: c.start,
            end: c.end,
            text: read(c.start, c.end, c.text()),
        }),
        note: a.note.clone(),
        outlet: entry.metadata.outlet.clone(),
        date: entry.metadata.date.clone(),
        url: entry.metadata.url.clone(),
        suggested: a.suggested.is_some(),
        suggestion_confidence: a.suggested.map(|p| f32::from(p.confidence) / 100.0),
        annotator: (!a.annotator.is_empty()).then(|| a.annotator.clone()),
    }
}
