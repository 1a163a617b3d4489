//! Exports of the tagged spans, one file per format.

mod brat;
mod csv_export;
mod doc_export;
mod doccano;
mod export_error;
mod html_report;
pub mod import;
mod jsonl;
mod labelstudio;
mod record;
mod suggestions;
mod target;
mod w3c;

pub use brat::write_brat;
pub use csv_export::write_csv;
pub use doc_export::documents_without_text;
pub use doccano::write_doccano;
pub use export_error::ExportError;
pub use html_report::write_html_report;
pub use jsonl::{write_jsonl, write_jsonl_from};
pub use labelstudio::{labelstudio_config, write_labelstudio};
pub use record::{ExportFragment, ExportRecord, export_records};
pub use suggestions::{SuggestionRecord, suggestion_records, write_suggestions_jsonl};
pub use target::labelstudio_config_path;
pub use w3c::write_w3c;

/// The formats `whosaid export` writes (File > Export offers JSON Lines and CSV).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Jsonl,
    Csv,
    /// brat standoff: a folder of `.txt` and `.ann` files with `annotation.conf` and
    /// `visual.conf` (see [`write_brat`]).
    Brat,
    /// W3C Web Annotation JSON-LD: one `AnnotationCollection` (see [`write_w3c`]).
    W3c,
    /// Label Studio tasks (JSON) and their labeling config (see [`write_labelstudio`]).
    Labelstudio,
    /// doccano JSONL, offsets in UTF-16 code units (see [`write_doccano`]).
    Doccano,
    /// A self-contained, printable HTML report (see [`write_html_report`]).
    Html,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Csv => "csv",
            ExportFormat::Brat => "brat",
            ExportFormat::W3c => "jsonld",
            ExportFormat::Labelstudio => "json",
            ExportFormat::Doccano => "jsonl",
            ExportFormat::Html => "html",
        }
    }

    /// All the workspace's records (see [`export_records`]) in this format. The brat export is a
    /// folder, not a stream: it is written by [`ExportFormat::export_to`] (or [`write_brat`]) and
    /// refused here.
    pub fn write_workspace(
        self,
        ws: &crate::workspace::Workspace,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        match self {
            ExportFormat::Jsonl => write_jsonl_from(ws, out),
            ExportFormat::Csv => write_csv(&export_records(ws), out),
            ExportFormat::Brat => Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the brat export is a folder: write it with export_to",
            )),
            ExportFormat::W3c => write_w3c(ws, out),
            ExportFormat::Labelstudio => write_labelstudio(ws, out),
            ExportFormat::Doccano => write_doccano(ws, out),
            ExportFormat::Html => write_html_report(ws, out),
        }
    }

    /// These records in this format: JSONL and CSV only, as the other formats need the
    /// documents' text (use [`ExportFormat::write_workspace`] or [`ExportFormat::export_to`]).
    pub fn write(
        self,
        records: &[ExportRecord],
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        match self {
            ExportFormat::Jsonl => write_jsonl(records, out),
            ExportFormat::Csv => write_csv(records, out),
            ExportFormat::Brat
            | ExportFormat::W3c
            | ExportFormat::Labelstudio
            | ExportFormat::Doccano
            | ExportFormat::Html => Err(std::io::Error::new(
                std::io::ErrorKind::Unsupported,
                "this format is written from the workspace (write_workspace), not from records",
            )),
        }
    }
}
