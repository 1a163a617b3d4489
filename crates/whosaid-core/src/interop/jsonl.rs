use super::record::{ExportRecord, records_of, speaker_names};
use crate::parallel::map_runs;
use crate::workspace::Workspace;
use std::io::Write;

/// Records serialized together, on every core, before being written in order.
const BATCH: usize = 8_192;
/// Documents turned into lines together when exporting straight from a workspace.
const DOC_BATCH: usize = 1_024;

/// One JSON object per line.
pub fn write_jsonl(records: &[ExportRecord], out: &mut dyn Write) -> std::io::Result<()> {
    for batch in records.chunks(BATCH) {
        let pieces = map_runs(batch, |_| 1, lines);
        for piece in pieces {
            out.write_all(&piece?)?;
        }
    }
    out.flush()
}

/// The same lines as [`write_jsonl`] of all the workspace's records, made a batch of documents
/// at a time, so that a big project is never held as records all at once.
pub fn write_jsonl_from(ws: &Workspace, out: &mut dyn Write) -> std::io::Result<()> {
    let names = speaker_names(ws);
    for docs in ws.project().documents.chunks(DOC_BATCH) {
        let pieces = map_runs(
            docs,
            |d| d.annotations.len() + 1,
            |run| lines(&records_of(ws, run, &names)),
        );
        for piece in pieces {
            out.write_all(&piece?)?;
        }
    }
    out.flush()
}

fn lines(records: &[ExportRecord]) -> serde_json::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(records.len() * 512);
    for r in records {
        serde_json::to_writer(&mut bytes, r)?;
        bytes.push(b'\n');
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::export_records;

    #[test]
    fn streaming_from_the_workspace_writes_the_same_lines() {
        let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../projects/ukraine-nato.ron");
        let ws = Workspace::open_project(&sample).unwrap();
        let (mut streamed, mut whole) = (Vec::new(), Vec::new());
        write_jsonl_from(&ws, &mut streamed).unwrap();
        write_jsonl(&export_records(&ws), &mut whole).unwrap();
        let lines = whole.iter().filter(|&&b| b == b'\n').count();
        assert_eq!(lines, ws.project().annotations().count());
        assert_eq!(
            String::from_utf8(streamed).unwrap(),
            String::from_utf8(whole).unwrap()
        );
    }
}
