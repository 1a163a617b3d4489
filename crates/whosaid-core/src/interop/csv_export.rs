use super::record::ExportRecord;
use std::io::Write;

/// The columns of a CSV row, and of the xlsx annotation sheet, which reads alike.
pub(crate) const HEADER: [&str; 23] = [
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
    "speaker_ids",
    "speakers",
    "addressee_id",
    "addressee",
    "cue",
    "cue_text",
    "outlet",
    "date",
    "url",
    "suggested",
    "suggestion_confidence",
    "annotator",
];

/// A text cell as a spreadsheet may safely open it: a value starting with `=`, `+`, `-`, `@`, tab or
/// carriage return would be run as a formula (CSV injection), so it gets a leading `'`, as OWASP
/// recommends. Spreadsheets show the value without the apostrophe; other readers see it.
fn text_cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

/// Several values in one cell, `;`-separated (as fragments are).
fn join(values: impl Iterator<Item = String>) -> String {
    values.collect::<Vec<_>>().join(";")
}

/// RFC 4180 CSV with a header row; fragments as one `start-end;start-end` cell. Text cells (doc,
/// title, text, speaker, note) that a spreadsheet would run as a formula start with `'`; the
/// numeric cells (id, start, end, fragments, speaker_id) and the label are written as they are.
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
            text_cell(&r.doc),
            text_cell(&r.title),
            r.start.to_string(),
            r.end.to_string(),
            text_cell(&r.text),
            fragments.join(";"),
            r.label.to_string(),
            r.speaker_id.map(|s| s.to_string()).unwrap_or_default(),
            r.speaker.as_deref().map(text_cell).unwrap_or_default(),
            text_cell(&r.note),
            join(r.speaker_ids.iter().map(u64::to_string)),
            text_cell(&join(r.speakers.iter().cloned())),
            r.addressee_id.map(|s| s.to_string()).unwrap_or_default(),
            r.addressee.as_deref().map(text_cell).unwrap_or_default(),
            r.cue
                .as_ref()
                .map(|c| format!("{}-{}", c.start, c.end))
                .unwrap_or_default(),
            r.cue
                .as_ref()
                .map(|c| text_cell(&c.text))
                .unwrap_or_default(),
            r.outlet.as_deref().map(text_cell).unwrap_or_default(),
            r.date.as_deref().map(text_cell).unwrap_or_default(),
            r.url.as_deref().map(text_cell).unwrap_or_default(),
            r.suggested.to_string(),
            r.suggestion_confidence
                .map(|c| c.to_string())
                .unwrap_or_default(),
            r.annotator.as_deref().map(text_cell).unwrap_or_default(),
        ])?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::ExportFragment;

    fn record(text: &str, note: &str, speaker: Option<&str>) -> ExportRecord {
        ExportRecord {
            id: 7,
            doc: "a.txt".into(),
            title: "@title".into(),
            start: 3,
            end: 7,
            text: text.into(),
            fragments: vec![ExportFragment {
                start: 3,
                end: 7,
                text: text.into(),
            }],
            label: "claim",
            speaker_id: speaker.map(|_| 2),
            speaker: speaker.map(str::to_string),
            speaker_ids: speaker.iter().map(|_| 2).collect(),
            speakers: speaker.iter().map(|s| s.to_string()).collect(),
            addressee_id: None,
            addressee: None,
            cue: None,
            note: note.into(),
            outlet: Some("+Outlet".into()),
            date: None,
            url: None,
            suggested: true,
            suggestion_confidence: Some(0.86),
            annotator: None,
        }
    }

    fn rows(records: &[ExportRecord]) -> Vec<csv::StringRecord> {
        let mut out = Vec::new();
        write_csv(records, &mut out).unwrap();
        csv::Reader::from_reader(out.as_slice())
            .records()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn formula_cells_are_neutralised() {
        let rows = rows(&[
            record("-1+2", "=HYPERLINK(\"http://x\")", Some("+Evil")),
            record("\tx", "\rnote", Some("Plain")),
        ]);
        let r = &rows[0];
        assert_eq!(&r[0], "7");
        assert_eq!(&r[1], "a.txt");
        assert_eq!(&r[2], "'@title");
        assert_eq!((&r[3], &r[4]), ("3", "7"));
        assert_eq!(&r[5], "'-1+2");
        assert_eq!(&r[6], "3-7");
        assert_eq!(&r[7], "claim");
        assert_eq!(&r[8], "2");
        assert_eq!(&r[9], "'+Evil");
        assert_eq!(&r[10], "'=HYPERLINK(\"http://x\")");
        assert_eq!(&rows[1][5], "'\tx");
        assert_eq!(&rows[1][9], "Plain");
        assert_eq!(&rows[1][10], "'\rnote");
    }

    #[test]
    fn ordinary_cells_are_unchanged() {
        let rows = rows(&[record("“No,” he said = yes", "a - b", None)]);
        assert_eq!(&rows[0][5], "“No,” he said = yes");
        assert_eq!(&rows[0][8], "");
        assert_eq!(&rows[0][9], "");
        assert_eq!(&rows[0][10], "a - b");
    }
}
