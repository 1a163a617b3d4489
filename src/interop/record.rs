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
            speaker: ws.project.speaker_name(a.speaker()).map(str::to_string),
            speaker_ids: a.speakers.iter().map(|s| s.0).collect(),
            speakers: a
                .speakers
                .iter()
                .filter_map(|s| ws.project.speaker_name(Some(*s)))
                .map(str::to_string)
                .collect(),
            addressee_id: a.addressee.map(|s| s.0),
            addressee: ws.project.speaker_name(a.addressee).map(str::to_string),
            cue: a.cue.as_ref().map(|c| ExportFragment {
                start: c.start,
                end: c.end,
                text: read(c.start, c.end, &c.text),
            }),
            note: a.note.clone(),
            outlet: entry.metadata.outlet.clone(),
            date: entry.metadata.date.clone(),
            url: entry.metadata.url.clone(),
        });
    }
    out
}
