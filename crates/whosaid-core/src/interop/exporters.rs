//! The table of exporters: for each format its command-line name, menu words, extension, whether
//! it writes one stream or a folder, whether it carries the text, and the function that writes it.

use super::ExportFormat;
use super::brat::write_brat;
use super::csv_export::write_csv;
use super::doccano::write_doccano;
use super::export_error::ExportError;
use super::html_report::write_html_report;
use super::jsonl::write_jsonl_from;
use super::labelstudio::{labelstudio_config, write_labelstudio};
use super::record::export_records;
use super::spacy::write_spacy;
use super::target::labelstudio_config_path;
use super::w3c::write_w3c;
use super::xlsx::write_xlsx;
use crate::project::{write_atomically, write_atomically_with};
use crate::workspace::{OutputKind, Workspace};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes the workspace's export to one stream (a file or standard output).
pub type StreamWriter = fn(&Workspace, &mut dyn Write) -> std::io::Result<()>;

/// Writes the workspace's export as a folder of files at the path.
pub type FolderWriter = fn(&Workspace, &Path) -> Result<(), ExportError>;

/// How an exporter writes: every format is one or the other, so no format is refused at run time.
#[derive(Clone, Copy)]
pub enum ExportWriter {
    /// One stream: a file (written atomically) or standard output.
    Stream(StreamWriter),
    /// A folder of files; it cannot go to standard output.
    Folder(FolderWriter),
}

/// A file written beside the export when it goes to a file (Label Studio's labeling config).
pub struct SideFile {
    /// Where it goes, from the export's path.
    pub path: fn(&Path) -> PathBuf,
    pub contents: fn() -> String,
    /// Told when the export goes to standard output, where the side file is not written.
    pub without_file: &'static str,
}

/// One export format, as the command line and File > Export offer it.
pub struct Exporter {
    pub format: ExportFormat,
    /// As `whosaid export --format` spells it.
    pub name: &'static str,
    /// The File > Export menu item.
    pub menu: &'static str,
    /// The file extension the save dialog proposes (for a folder, its suffix).
    pub extension: &'static str,
    /// Whether the export carries the documents' text, so that documents missing from the corpus
    /// are left out of it (see [`super::documents_without_text`]).
    pub carries_text: bool,
    pub writer: ExportWriter,
    pub side_file: Option<SideFile>,
    /// How the receiving tool must be set up to read the export, told whenever it is written.
    pub settings: Option<&'static str>,
}

impl ExportFormat {
    /// Every format, in the order File > Export lists them.
    pub const ALL: [ExportFormat; 9] = [
        ExportFormat::Jsonl,
        ExportFormat::Csv,
        ExportFormat::Xlsx,
        ExportFormat::Html,
        ExportFormat::Brat,
        ExportFormat::W3c,
        ExportFormat::Labelstudio,
        ExportFormat::Doccano,
        ExportFormat::Spacy,
    ];

    /// The table row of this format.
    pub fn exporter(self) -> &'static Exporter {
        match self {
            ExportFormat::Jsonl => &JSONL,
            ExportFormat::Csv => &CSV,
            ExportFormat::Brat => &BRAT,
            ExportFormat::W3c => &W3C,
            ExportFormat::Labelstudio => &LABELSTUDIO,
            ExportFormat::Doccano => &DOCCANO,
            ExportFormat::Html => &HTML,
            ExportFormat::Spacy => &SPACY,
            ExportFormat::Xlsx => &XLSX,
        }
    }
}

/// Every exporter, in the order File > Export lists them.
pub fn exporters() -> impl Iterator<Item = &'static Exporter> {
    ExportFormat::ALL.into_iter().map(ExportFormat::exporter)
}

fn write_csv_from(ws: &Workspace, out: &mut dyn Write) -> std::io::Result<()> {
    write_csv(&export_records(ws), out)
}

static JSONL: Exporter = Exporter {
    format: ExportFormat::Jsonl,
    name: "jsonl",
    menu: "JSON Lines…",
    extension: "jsonl",
    carries_text: false,
    writer: ExportWriter::Stream(write_jsonl_from),
    side_file: None,
    settings: None,
};

static CSV: Exporter = Exporter {
    format: ExportFormat::Csv,
    name: "csv",
    menu: "CSV (spreadsheets)…",
    extension: "csv",
    carries_text: false,
    writer: ExportWriter::Stream(write_csv_from),
    side_file: None,
    settings: None,
};

static HTML: Exporter = Exporter {
    format: ExportFormat::Html,
    name: "html",
    menu: "HTML report…",
    extension: "html",
    carries_text: false,
    writer: ExportWriter::Stream(write_html_report),
    side_file: None,
    settings: None,
};

static BRAT: Exporter = Exporter {
    format: ExportFormat::Brat,
    name: "brat",
    menu: "brat folder…",
    extension: "brat",
    carries_text: true,
    writer: ExportWriter::Folder(write_brat),
    side_file: None,
    settings: None,
};

static W3C: Exporter = Exporter {
    format: ExportFormat::W3c,
    name: "w3c",
    menu: "W3C Web Annotation (JSON-LD)…",
    extension: "jsonld",
    carries_text: false,
    writer: ExportWriter::Stream(write_w3c),
    side_file: None,
    settings: None,
};

static LABELSTUDIO: Exporter = Exporter {
    format: ExportFormat::Labelstudio,
    name: "labelstudio",
    menu: "Label Studio tasks…",
    extension: "json",
    carries_text: true,
    writer: ExportWriter::Stream(write_labelstudio),
    side_file: Some(SideFile {
        path: labelstudio_config_path,
        contents: labelstudio_config,
        without_file: "the Label Studio labeling config is written only with -o FILE \
                       (beside it, as FILE.config.xml)",
    }),
    settings: None,
};

static DOCCANO: Exporter = Exporter {
    format: ExportFormat::Doccano,
    name: "doccano",
    menu: "doccano JSONL…",
    extension: "jsonl",
    carries_text: true,
    writer: ExportWriter::Stream(write_doccano),
    side_file: None,
    settings: Some(DOCCANO_SETTINGS),
};

/// What a doccano project needs to take the file: without overlapping spans it drops spans that
/// share text (a quote that is also a demand, a cue inside a quote) and then fails on the
/// relations that named them.
pub const DOCCANO_SETTINGS: &str = "import it into a doccano project of type \"Sequence \
    Labeling\" created with \"Allow overlapping spans\" and \"Use relation labeling\" ticked \
    (without them doccano drops overlapping spans and fails on the relations), as JSONL (the \
    relation variant where offered), with labels Claim, Quote, Demand, Cue and relations \
    continues, has_cue; leave \"Count grapheme clusters as one character\" off";

static XLSX: Exporter = Exporter {
    format: ExportFormat::Xlsx,
    name: "xlsx",
    menu: "Excel workbook…",
    extension: "xlsx",
    carries_text: false,
    writer: ExportWriter::Stream(write_xlsx),
    side_file: None,
    settings: None,
};

static SPACY: Exporter = Exporter {
    format: ExportFormat::Spacy,
    name: "spacy",
    menu: "spaCy / Prodigy JSONL…",
    extension: "jsonl",
    carries_text: true,
    writer: ExportWriter::Stream(write_spacy),
    side_file: None,
    settings: None,
};

impl Exporter {
    /// Whether the export is a folder rather than one file or stream.
    pub fn writes_folder(&self) -> bool {
        matches!(self.writer, ExportWriter::Folder(_))
    }

    /// The name a folder export gets when the user has not picked one (`brat-export`).
    pub fn default_folder_name(&self) -> String {
        format!("{}-export", self.name)
    }

    /// Writes the workspace's export to `path`: the file, atomically, and its side file beside
    /// it, or the folder. Returns the paths written, `path` first. Refused (see
    /// [`Workspace::check_output`]) over the open project, its side files or the corpus.
    pub fn export_to(&self, ws: &Workspace, path: &Path) -> Result<Vec<PathBuf>, ExportError> {
        ws.check_output(path, OutputKind::Export)?;
        if let Some(side) = &self.side_file {
            ws.check_output(&(side.path)(path), OutputKind::Export)?;
        }
        let mut written = vec![path.to_owned()];
        match self.writer {
            ExportWriter::Folder(write) => write(ws, path)?,
            ExportWriter::Stream(write) => write_atomically_with(path, |out| write(ws, out))
                .map_err(|e| ExportError::io(path, e))?,
        }
        if let Some(side) = &self.side_file {
            let beside = (side.path)(path);
            write_atomically(&beside, (side.contents)().as_bytes())
                .map_err(|e| ExportError::io(&beside, e))?;
            written.push(beside);
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Exhaustive, so that a new format does not compile until it has a place here.
    fn index(format: ExportFormat) -> usize {
        match format {
            ExportFormat::Jsonl => 0,
            ExportFormat::Csv => 1,
            ExportFormat::Brat => 2,
            ExportFormat::W3c => 3,
            ExportFormat::Labelstudio => 4,
            ExportFormat::Doccano => 5,
            ExportFormat::Html => 6,
            ExportFormat::Spacy => 7,
            ExportFormat::Xlsx => 8,
        }
    }

    #[test]
    fn every_format_is_listed_once_with_its_own_row() {
        let mut seen = [false; 9];
        for format in ExportFormat::ALL {
            assert!(!seen[index(format)], "{format:?} is listed twice");
            seen[index(format)] = true;
            assert_eq!(format.exporter().format, format);
        }
        assert!(seen.iter().all(|s| *s));
        let mut names: Vec<_> = exporters().map(|e| e.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 9, "two formats share a command-line name");
    }

    #[test]
    fn only_brat_writes_a_folder_and_it_has_a_default_name() {
        for format in ExportFormat::ALL {
            let e = format.exporter();
            assert_eq!(
                e.writes_folder(),
                format == ExportFormat::Brat,
                "{format:?}"
            );
        }
        assert_eq!(
            ExportFormat::Brat.exporter().default_folder_name(),
            "brat-export"
        );
    }
}
