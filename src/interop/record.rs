use crate::project::AnchorStatus;
use crate::workspace::Workspace;
use serde::Serialize;

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
    pub speaker_id: Option<u64>,
    pub speaker: Option<String>,
    pub note: String,
}

/// All placed annotations in document order, with their text read from the corpus as it is now.
/// Where a document is missing, the text stored in the project is used.
pub fn export_records(ws: &Workspace) -> Vec<ExportRecord> {
    let mut out = Vec::new();
    // Orphans have no place in the text, so no offsets to export (`whosaid check` lists them).
    let placed = ws
        .project
        .annotations()
        .filter(|(_, a)| a.anchor != AnchorStatus::Orphaned);
    for (entry, a) in placed {
        let doc = ws.corpus.document(&entry.path);
        let read = |start: usize, end: usize, stored: &str| -> String {
            doc.and_then(|d| d.text.slice(start..end))
                .unwrap_or(stored)
                .to_string()
        };
        let fragments: Vec<ExportFragment> = a
            .fragments
            .iter()
            .map(|f| ExportFragment {
                start: f.start,
                end: f.end,
                text: read(f.start, f.end, &f.text),
            })
            .collect();
        out.push(ExportRecord {
            id: a.id.0,
            doc: entry.path.clone(),
            title: doc.map(|d| d.title.clone()).unwrap_or_default(),
            start: a.start(),
            end: a.end(),
            text: read(a.start(), a.end(), &a.display_text()),
            fragments,
            label: a.label.key(),
            speaker_id: a.speaker.map(|s| s.0),
            speaker: ws.project.speaker_name(a.speaker).map(str::to_string),
            note: a.note.clone(),
        });
    }
    out
}
