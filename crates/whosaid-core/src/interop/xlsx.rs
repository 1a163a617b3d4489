//! Excel workbook export: a sheet with one row per annotation (the JSONL fields, as the CSV
//! columns them) and a sheet of per-speaker counts, typed cells, frozen header, filters.

use super::record::{ExportRecord, export_records};
use crate::workspace::Workspace;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// The annotation sheet's columns: the CSV's, so that the two read alike.
pub const XLSX_COLUMNS: [&str; 23] = super::csv_export::HEADER;

/// The speaker sheet's columns.
pub const SPEAKER_COLUMNS: [&str; 8] = [
    "speaker",
    "speaker_id",
    "annotations",
    "claims",
    "quotes",
    "demands",
    "documents",
    "addressed",
];

/// Columns wider than this many pixels wrap rather than stretch past a screen (quotes, notes).
const MAX_WIDTH: u32 = 400;

enum Cell<'a> {
    Text(&'a str),
    Owned(String),
    Number(f64),
    Bool(bool),
    Empty,
}

fn opt_number(n: Option<u64>) -> Cell<'static> {
    n.map_or(Cell::Empty, |n| Cell::Number(n as f64))
}

fn opt_text(s: Option<&str>) -> Cell<'_> {
    s.map_or(Cell::Empty, Cell::Text)
}

fn row(r: &ExportRecord) -> [Cell<'_>; 23] {
    let fragments = r
        .fragments
        .iter()
        .map(|f| format!("{}-{}", f.start, f.end))
        .collect::<Vec<_>>()
        .join(";");
    let ids = r
        .speaker_ids
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(";");
    [
        Cell::Number(r.id as f64),
        Cell::Text(&r.doc),
        Cell::Text(&r.title),
        Cell::Number(r.start as f64),
        Cell::Number(r.end as f64),
        Cell::Text(&r.text),
        Cell::Owned(fragments),
        Cell::Text(r.label),
        opt_number(r.speaker_id),
        opt_text(r.speaker.as_deref()),
        Cell::Text(&r.note),
        Cell::Owned(ids),
        Cell::Owned(r.speakers.join(";")),
        opt_number(r.addressee_id),
        opt_text(r.addressee.as_deref()),
        r.cue.as_ref().map_or(Cell::Empty, |c| {
            Cell::Owned(format!("{}-{}", c.start, c.end))
        }),
        r.cue.as_ref().map_or(Cell::Empty, |c| Cell::Text(&c.text)),
        opt_text(r.outlet.as_deref()),
        opt_text(r.date.as_deref()),
        opt_text(r.url.as_deref()),
        Cell::Bool(r.suggested),
        r.suggestion_confidence
            .map_or(Cell::Empty, |c| Cell::Number(f64::from(c))),
        opt_text(r.annotator.as_deref()),
    ]
}

fn write_cell(sheet: &mut Worksheet, row: u32, col: u16, cell: &Cell) -> Result<(), XlsxError> {
    match cell {
        // An empty string is no cell at all in a spreadsheet: left blank.
        Cell::Text("") | Cell::Empty => {}
        Cell::Owned(s) if s.is_empty() => {}
        Cell::Text(s) => {
            sheet.write_string(row, col, *s)?;
        }
        Cell::Owned(s) => {
            sheet.write_string(row, col, s.as_str())?;
        }
        Cell::Number(n) => {
            sheet.write_number(row, col, *n)?;
        }
        Cell::Bool(b) => {
            sheet.write_boolean(row, col, *b)?;
        }
    }
    Ok(())
}

/// A sheet's header row in bold, frozen, with filters over the rows below, columns fitted.
fn finish_sheet(sheet: &mut Worksheet, header: &[&str], rows: u32) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (col, name) in header.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *name, &bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows, header.len() as u16 - 1)?;
    sheet.set_autofit_max_width(MAX_WIDTH);
    sheet.autofit();
    Ok(())
}

/// Per speaker (every speaker of an annotation, not only the main one): annotations by label,
/// documents, and how often addressed; most quoted first.
fn speaker_rows(records: &[ExportRecord]) -> Vec<(String, u64, [u64; 4], u64, u64)> {
    #[derive(Default)]
    struct Count {
        labels: [u64; 4],
        docs: BTreeSet<String>,
        addressed: u64,
    }
    let mut counts: BTreeMap<(u64, String), Count> = BTreeMap::new();
    for r in records {
        for (id, name) in r.speaker_ids.iter().zip(&r.speakers) {
            let c = counts.entry((*id, name.clone())).or_default();
            let slot = match r.label {
                "claim" => 1,
                "quote" => 2,
                _ => 3,
            };
            c.labels[0] += 1;
            c.labels[slot] += 1;
            c.docs.insert(r.doc.clone());
        }
        if let (Some(id), Some(name)) = (r.addressee_id, &r.addressee) {
            counts.entry((id, name.clone())).or_default().addressed += 1;
        }
    }
    let mut rows: Vec<_> = counts
        .into_iter()
        .map(|((id, name), c)| (name, id, c.labels, c.docs.len() as u64, c.addressed))
        .collect();
    rows.sort_by(|a, b| b.2[0].cmp(&a.2[0]).then_with(|| a.0.cmp(&b.0)));
    rows
}

/// The workbook's bytes; an error names the annotation and column Excel cannot hold.
fn workbook(records: &[ExportRecord]) -> Result<Vec<u8>, String> {
    let fail = |e: XlsxError| e.to_string();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Annotations").map_err(fail)?;
    for (i, r) in records.iter().enumerate() {
        for (col, cell) in row(r).iter().enumerate() {
            write_cell(sheet, i as u32 + 1, col as u16, cell).map_err(|e| {
                format!(
                    "annotation {} in {}, column {}: {e}",
                    r.id, r.doc, XLSX_COLUMNS[col]
                )
            })?;
        }
    }
    speakers_and_save(&mut book, records).map_err(fail)
}

fn speakers_and_save(book: &mut Workbook, records: &[ExportRecord]) -> Result<Vec<u8>, XlsxError> {
    let sheet = book.worksheet_from_index(0)?;
    finish_sheet(sheet, &XLSX_COLUMNS, records.len() as u32)?;
    let sheet = book.add_worksheet();
    sheet.set_name("Speakers")?;
    let speakers = speaker_rows(records);
    for (i, (name, id, labels, docs, addressed)) in speakers.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, name.as_str())?;
        sheet.write_number(row, 1, *id as f64)?;
        for (k, n) in labels.iter().enumerate() {
            sheet.write_number(row, 2 + k as u16, *n as f64)?;
        }
        sheet.write_number(row, 6, *docs as f64)?;
        sheet.write_number(row, 7, *addressed as f64)?;
    }
    finish_sheet(sheet, &SPEAKER_COLUMNS, speakers.len() as u32)?;
    book.save_to_buffer()
}

/// The workbook of the workspace's annotations. An error names what Excel cannot hold (a cell over
/// 32,767 characters, more than a million rows).
pub fn write_xlsx(ws: &Workspace, out: &mut dyn Write) -> std::io::Result<()> {
    let records = export_records(ws);
    let bytes = workbook(&records)
        .map_err(|e| std::io::Error::other(format!("the xlsx workbook cannot be written: {e}")))?;
    out.write_all(&bytes)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(note: String) -> ExportRecord {
        ExportRecord {
            id: 7,
            doc: "a.txt".into(),
            title: "A".into(),
            start: 0,
            end: 3,
            text: "“No”".into(),
            fragments: Vec::new(),
            label: "quote",
            speaker_id: None,
            speaker: None,
            speaker_ids: Vec::new(),
            speakers: Vec::new(),
            addressee_id: None,
            addressee: None,
            cue: None,
            note,
            outlet: None,
            date: None,
            url: None,
            annotator: None,
            suggested: false,
            suggestion_confidence: None,
        }
    }

    #[test]
    fn a_cell_excel_cannot_hold_is_named_not_cut() {
        assert!(workbook(&[record("short".into())]).is_ok());
        let err = workbook(&[record("x".repeat(40_000))]).unwrap_err();
        assert!(err.contains("annotation 7 in a.txt, column note"), "{err}");
    }
}
