//! Exports of the tagged spans, one file per format.

mod csv_export;
mod html_report;
mod jsonl;
mod record;
mod suggestions;

pub use csv_export::write_csv;
pub use html_report::write_html_report;
pub use jsonl::{write_jsonl, write_jsonl_from};
pub use record::{ExportFragment, ExportRecord, export_records};
pub use suggestions::{SuggestionRecord, suggestion_records, write_suggestions_jsonl};

/// The formats `whosaid export` and File > Export write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Jsonl,
    Csv,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Csv => "csv",
        }
    }

    /// All the workspace's records (see [`export_records`]) in this format.
    pub fn write_workspace(
        self,
        ws: &crate::workspace::Workspace,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        match self {
            ExportFormat::Jsonl => write_jsonl_from(ws, out),
            ExportFormat::Csv => write_csv(&export_records(ws), out),
        }
    }

    pub fn write(
        self,
        records: &[ExportRecord],
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        match self {
            ExportFormat::Jsonl => write_jsonl(records, out),
            ExportFormat::Csv => write_csv(records, out),
        }
    }
}
