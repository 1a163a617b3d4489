use super::record::ExportRecord;
use std::io::Write;

const HEADER: [&str; 11] = [
    "id",
    "doc",
    "title",
    "start",
    "end",
    "text",
    "fragments",
    "label",
    "speaker_id",
    "speaker",
    "note",
];

/// RFC 4180 CSV with a header row; fragments as one `start-end;start-end` cell.
pub fn write_csv(records: &[ExportRecord], out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(HEADER)?;
    for r in records {
        let fragments: Vec<String> = r
            .fragments
            .iter()
            .map(|f| format!("{}-{}", f.start, f.end))
            .collect();
        w.write_record([
            r.id.to_string(),
            r.doc.clone(),
            r.title.clone(),
            r.start.to_string(),
            r.end.to_string(),
            r.text.clone(),
            fragments.join(";"),
            r.label.to_string(),
            r.speaker_id.map(|s| s.to_string()).unwrap_or_default(),
            r.speaker.clone().unwrap_or_default(),
            r.note.clone(),
        ])?;
    }
    w.flush()
}
