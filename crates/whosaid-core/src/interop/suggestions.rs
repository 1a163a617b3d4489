//! Pending suggestions as JSON Lines, for `whosaid suggest`: one object per suggestion, offsets in
//! Unicode code points like the export.

use super::record::ExportFragment;
use crate::project::Fragment;
use crate::workspace::Workspace;
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Serialize)]
pub struct SuggestionRecord {
    pub doc: String,
    /// From the first fragment's start to the last fragment's end.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub fragments: Vec<ExportFragment>,
    pub label: &'static str,
    /// The speaker's name: the registry's for a known speaker, else as the article gives it.
    pub speaker: Option<String>,
    /// The reporting words.
    pub cue: Option<String>,
    pub addressee: Option<String>,
    /// How sure the engine is, 0-1.
    pub confidence: f32,
}

/// The workspace's pending suggestions, by document path and then position.
pub fn suggestion_records(ws: &Workspace) -> Vec<SuggestionRecord> {
    let mut out = Vec::new();
    for_each_record(ws, |r| {
        out.push(r);
        Ok(())
    })
    .expect("collecting records does not fail");
    out
}

/// One JSON object per line. Each record is written as it is made, so a run over a big corpus
/// never holds a second copy of every suggestion beside the workspace's.
pub fn write_suggestions_jsonl(ws: &Workspace, out: &mut dyn Write) -> std::io::Result<()> {
    for_each_record(ws, |r| {
        serde_json::to_writer(&mut *out, &r)?;
        out.write_all(b"\n")
    })?;
    out.flush()
}

/// `f` called with the record of each pending suggestion, by document path and then position.
fn for_each_record(
    ws: &Workspace,
    mut f: impl FnMut(SuggestionRecord) -> std::io::Result<()>,
) -> std::io::Result<()> {
    for (doc, pending) in ws.pending() {
        let text = ws.corpus().document(doc).map(|d| &d.text);
        for p in pending {
            let (start, end) = (p.start(), p.end());
            let fragment = |f: &Fragment| ExportFragment {
                start: f.start,
                end: f.end,
                text: f.text.clone(),
            };
            f(SuggestionRecord {
                doc: doc.clone(),
                start,
                end,
                text: text
                    .and_then(|t| t.slice(start..end))
                    .map_or_else(|| p.display_text(), str::to_string),
                fragments: p.fragments.iter().map(fragment).collect(),
                label: p.label.key(),
                speaker: p.speaker.as_ref().map(|g| g.name.clone()),
                cue: p.cue.as_ref().map(|c| c.text.clone()),
                addressee: p.addressee.as_ref().map(|g| g.name.clone()),
                confidence: f32::from(p.confidence) / 100.0,
            })?;
        }
    }
    Ok(())
}
