//! Exports of the tagged spans, one file per format.

mod ascii_json;
mod brat;
mod csv_export;
mod doc_export;
mod doccano;
mod export_error;
mod exporters;
mod html_report;
pub mod import;
mod json_text;
mod jsonl;
mod labelstudio;
mod record;
mod spacy;
mod suggestions;
mod target;
mod w3c;
mod xlsx;

pub use brat::write_brat;
pub use csv_export::write_csv;
pub use doc_export::documents_without_text;
pub use doccano::write_doccano;
pub use export_error::ExportError;
pub use exporters::{ExportWriter, Exporter, FolderWriter, SideFile, StreamWriter, exporters};
pub use html_report::write_html_report;
pub use jsonl::{write_jsonl, write_jsonl_from};
pub use labelstudio::{labelstudio_config, write_labelstudio};
pub use record::{ExportFragment, ExportRecord, export_records};
pub use spacy::write_spacy;
pub use suggestions::{
    SuggestionRecord, suggestion_records, write_fresh_suggestions_jsonl, write_suggestions_jsonl,
};
pub use target::labelstudio_config_path;
pub use w3c::write_w3c;
pub use xlsx::{SPEAKER_COLUMNS, XLSX_COLUMNS, write_xlsx};

/// The formats `whosaid export` and File > Export write; each is described by its row of the
/// table of exporters ([`ExportFormat::exporter`]).
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
    /// An Excel workbook: annotations and per-speaker counts (see [`write_xlsx`]).
    Xlsx,
    /// spaCy / Prodigy JSONL, one document a line, code point offsets (see [`write_spacy`]).
    Spacy,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        self.exporter().extension
    }
}
