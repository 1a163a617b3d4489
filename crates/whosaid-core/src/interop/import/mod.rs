//! Imports: annotations made with other tools (brat, doccano, Label Studio) or exported by
//! whosaid (JSON Lines), made into a whosaid project over a corpus folder.
//!
//! Every imported span is checked against the corpus text: where the file gives the span's text,
//! the corpus must hold that text at the converted offsets, or the annotation is reported and left
//! out, never moved. Offsets out of range, unknown documents, unmapped types and whatever the
//! format has that whosaid does not are reported too, each with its file and line.
//!
//! ```no_run
//! # use whosaid_core::interop::import::*;
//! # use whosaid_core::workspace::Workspace;
//! # use std::path::Path;
//! let mut ws = Workspace::open_corpus(Path::new("corpus")).unwrap();
//! let options = ImportOptions {
//!     mapping: Mapping::parse(&["Content=quote"]).unwrap(),
//!     offsets: None,
//! };
//! let import = import(&ws, ImportFormat::Brat, Path::new("brat-files"), &options).unwrap();
//! for p in &import.problems {
//!     eprintln!("{p}");
//! }
//! ws.adopt_imported(import.project);
//! ws.save_as(Path::new("imported.ron")).unwrap();
//! ```

mod brat;
mod build;
mod doccano;
mod graph;
mod jsonl;
mod labelstudio;
mod mapping;
mod spacy;
mod speaker_registry;
mod text;

pub use mapping::{Mapping, TARGETS, Target};
pub use text::{OffsetUnit, TextMap, Utf16Index};

use crate::project::Project;
use crate::workspace::Workspace;
use std::path::Path;

/// The formats `whosaid import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// brat standoff: a folder of `NAME.ann` files (or one), for the corpus's `NAME.txt`.
    Brat,
    /// doccano JSONL (offsets in UTF-16 code units).
    Doccano,
    /// Label Studio JSON export (an array of tasks).
    Labelstudio,
    /// whosaid's own JSONL export.
    Jsonl,
    /// spaCy / Prodigy JSONL: `{"text", "spans": [{"start", "end", "label"}], "meta"}`.
    Spacy,
}

impl ImportFormat {
    pub fn name(self) -> &'static str {
        match self {
            ImportFormat::Brat => "brat",
            ImportFormat::Doccano => "doccano",
            ImportFormat::Labelstudio => "Label Studio",
            ImportFormat::Jsonl => "whosaid JSONL",
            ImportFormat::Spacy => "spaCy JSONL",
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// What the file's types, roles and relations become.
    pub mapping: Mapping,
    /// How the file counts offsets, when not as its format usually does.
    pub offsets: Option<OffsetUnit>,
}

/// What came of an import.
#[derive(Debug)]
pub struct Import {
    /// The workspace's project with the imported annotations and speakers.
    pub project: Project,
    /// One line per problem, starting with the file and line it concerns.
    pub problems: Vec<String>,
    /// Annotations imported.
    pub annotations: usize,
    /// Speakers in the project.
    pub speakers: usize,
}

/// Reads `input` (a file, or for brat a folder of `.ann` files) over the workspace's corpus and
/// returns the workspace's project with what it holds. An error when the input cannot be read at
/// all; everything else is in [`Import::problems`].
pub fn import(
    ws: &Workspace,
    format: ImportFormat,
    input: &Path,
    options: &ImportOptions,
) -> Result<Import, String> {
    let mut b = build::Builder::new(ws, options);
    match format {
        ImportFormat::Brat => brat::read(&mut b, input)?,
        ImportFormat::Doccano => doccano::read(&mut b, input)?,
        ImportFormat::Labelstudio => labelstudio::read(&mut b, input)?,
        ImportFormat::Jsonl => jsonl::read(&mut b, input)?,
        ImportFormat::Spacy => spacy::read(&mut b, input)?,
    }
    Ok(b.finish())
}
