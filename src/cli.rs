//! The command line's words: the app's arguments, the subcommands with their options and help,
//! and the core's enums offered as option values (the core knows nothing of clap).

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use whosaid::interop::ExportFormat;
use whosaid::interop::import::{ImportFormat, OffsetUnit};

/// Tag who said what in a corpus of news articles.
///
/// Without a subcommand, opens the desktop app: on PATH (a `.ron` project file or a corpus folder of
/// `.txt` files). Without PATH, on the last project opened if it still exists (on the first start,
/// a copy of the bundled sample project, made in ~/.local/share/whosaid/sample).
#[derive(Parser)]
#[command(version, about, long_about)]
pub(crate) struct Cli {
    /// A project file (`.ron`) or a corpus folder to open in the app.
    pub(crate) path: Option<PathBuf>,
    /// Load documents that are not valid UTF-8, with U+FFFD in place of the bad bytes (each such
    /// file is still reported).
    #[arg(long, global = true)]
    pub(crate) lossy_utf8: bool,
    /// The analyst's name, recorded on what an import adds (else WHOSAID_ANNOTATOR, else git's
    /// user.name).
    #[arg(long, global = true, value_name = "NAME")]
    pub(crate) annotator: Option<String>,
    /// For a corpus that is a table of articles (.csv, .jsonl; `suggest`, `import --corpus`): the
    /// column holding each article's text, where it has no usual name (text, body, content…).
    #[arg(long, global = true, value_name = "COLUMN")]
    pub(crate) text_column: Option<String>,
    /// For a table of articles: the column naming each article (else one with a usual name: id,
    /// guid, slug…; else the row number, row-1, row-2…).
    #[arg(long, global = true, value_name = "COLUMN")]
    pub(crate) id_column: Option<String>,
    /// Other analysts' projects of the same corpus, listed in lanes under the text of the
    /// opened (curated) project for adjudication.
    #[arg(long, num_args = 1.., value_name = "PROJECT")]
    pub(crate) compare: Vec<PathBuf>,
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
}

/// A core enum offered as the values of an option: the core knows nothing of clap, so the command
/// names its variants again here, with their help. The conversions both ways are exhaustive, so a
/// variant added to the core does not compile until it is offered here.
macro_rules! value_enum {
    ($(#[$attr:meta])* $cli:ident => $core:ident { $($(#[$doc:meta])* $variant:ident,)* }) => {
        $(#[$attr])*
        #[derive(Clone, Copy, clap::ValueEnum)]
        pub(crate) enum $cli {
            $($(#[$doc])* $variant,)*
        }

        impl From<$cli> for $core {
            fn from(value: $cli) -> Self {
                match value {
                    $($cli::$variant => $core::$variant,)*
                }
            }
        }

        impl From<$core> for $cli {
            fn from(value: $core) -> Self {
                match value {
                    $($core::$variant => $cli::$variant,)*
                }
            }
        }
    };
}

value_enum! {
    /// [`ExportFormat`] as `--format` of `whosaid export`.
    ExportFormatArg => ExportFormat {
        /// JSON Lines: one annotation per line with its document, offsets (code points), text,
        /// label, speakers, cue, addressee and note.
        Jsonl,
        /// CSV: the same fields as jsonl, one annotation per row, with a header row.
        Csv,
        /// brat standoff: a folder of .txt and .ann files with annotation.conf and visual.conf.
        Brat,
        /// W3C Web Annotation JSON-LD: one AnnotationCollection.
        W3c,
        /// Label Studio tasks (JSON) and their labeling config.
        Labelstudio,
        /// doccano JSONL, offsets in UTF-16 code units.
        Doccano,
        /// A self-contained, printable HTML report.
        Html,
        /// An Excel workbook: one row per annotation, and per-speaker counts.
        Xlsx,
        /// spaCy / Prodigy JSONL: one document a line, spans in code points.
        Spacy,
    }
}

value_enum! {
    /// [`ImportFormat`] as `--format` of `whosaid import`.
    ImportFormatArg => ImportFormat {
        /// brat standoff: a folder of NAME.ann files (or one), for the corpus's NAME.txt.
        Brat,
        /// doccano JSONL (offsets in UTF-16 code units).
        Doccano,
        /// Label Studio JSON export (an array of tasks).
        Labelstudio,
        /// whosaid's own JSONL export.
        Jsonl,
        /// spaCy / Prodigy JSONL (`{"text", "spans", "meta"}`, offsets in code points).
        Spacy,
    }
}

value_enum! {
    /// [`OffsetUnit`] as `--offsets` of `whosaid import`.
    OffsetUnitArg => OffsetUnit {
        /// Unicode code points (Python str indices, Rust chars): brat, Label Studio, whosaid.
        Codepoints,
        /// UTF-16 code units (JavaScript string indices): doccano, older Label Studio. An emoji or
        /// other character beyond U+FFFF counts two.
        Utf16,
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum ListFormat {
    /// Aligned columns for reading.
    Table,
    /// One JSON document: the speakers and the proposed merges.
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum SuggestFormat {
    /// JSON Lines: one suggestion per line.
    Jsonl,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Writes a project's annotations as JSON Lines or CSV (offsets in Unicode code points), as
    /// a brat standoff folder, W3C Web Annotation JSON-LD, Label Studio tasks or doccano JSONL
    /// (offsets in UTF-16 code units). FORMAT.md describes each.
    Export {
        /// The project file.
        project: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: ExportFormatArg,
        /// Output file; standard output when absent or `-`. For brat, the folder to write
        /// (required; created if missing; it must be empty or an earlier brat export, which is
        /// replaced). For Label Studio, the labeling config is written beside it as
        /// FILE.config.xml. Never the project, its .bak, .recovery or .lock files, nor anything
        /// in the corpus folder; a device or FIFO is written to as it is.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Lists the speaker registry (name, kind, aliases, span counts) and the merges it proposes:
    /// sure ones (the same person spelled differently) and ones to check (similar names).
    Speakers {
        /// The project file.
        project: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Runs the suggestion engine: prints one JSON object per proposed quote, claim or demand
    /// (doc, start, end, text, fragments, label, speaker, cue, addressee, confidence; offsets in
    /// Unicode code points). For a project, spans already annotated with the same label and
    /// suggestions rejected in the app are left out, and speakers resolve against its registry.
    Suggest {
        /// A corpus folder or a project file.
        input: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: SuggestFormat,
        /// Output file; standard output when absent or `-` (the same rules as export's -o).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Checks a project against its corpus: for each document, unchanged, re-anchored (with each
    /// moved annotation's old and new offsets), orphaned or missing. Exits with status 1 when any
    /// annotation is orphaned or any annotated document is missing.
    Check {
        /// The project file.
        project: PathBuf,
        /// Write the re-anchored project back (atomically; the previous version is kept as .bak).
        #[arg(long)]
        fix: bool,
    },
    /// Makes a project of annotations made with other tools (a brat standoff folder, doccano
    /// JSONL, a Label Studio JSON export) or exported by whosaid (JSONL), over the corpus folder
    /// that holds their documents. Every span is checked against the corpus text: what does not
    /// fit, and whatever whosaid cannot take, is listed on standard error with its file and
    /// line, and left out. Exits with status 1 when nothing could be imported. FORMAT.md
    /// ("Imports") describes each format.
    Import {
        /// The file to import; for brat, a folder of NAME.ann files (NAME.txt in the corpus) or
        /// one .ann file.
        input: PathBuf,
        /// Input format.
        #[arg(long, value_enum)]
        format: ImportFormatArg,
        /// The corpus folder of .txt documents the annotations are about.
        #[arg(long)]
        corpus: PathBuf,
        /// The project file to write.
        #[arg(short, long, required_unless_present = "into", conflicts_with = "into")]
        output: Option<PathBuf>,
        /// An existing project over the same corpus to add the annotations to (speakers join
        /// its registry by name); written atomically, the previous version kept as .bak.
        #[arg(long, value_name = "PROJECT.ron")]
        into: Option<PathBuf>,
        /// What the file's span types, event roles and relation types mean, as NAME=VALUE pairs
        /// (comma-separated, or the option repeated); VALUE is claim, quote, demand, auto (quote
        /// when in quotation marks, else claim), speaker, cue, addressee, fragment or ignore.
        /// Without it: Claim, Quote, Demand as themselves, Cue and Has_cue cue, Source, Speaker
        /// and SaidBy speaker, Addressee addressee, continues fragment. Example for PARC-style
        /// brat: --map Content=auto
        #[arg(long, value_name = "NAME=VALUE,...")]
        map: Vec<String>,
        /// How the file counts offsets, when not as its format does (doccano: utf16; brat, Label
        /// Studio, jsonl: codepoints).
        #[arg(long, value_enum)]
        offsets: Option<OffsetUnitArg>,
        /// Replace the project file if it exists (the previous version is kept as .bak).
        #[arg(long)]
        force: bool,
    },
    /// Three-way merge of project files by annotation and speaker identity (the git merge
    /// driver: see `git-setup`). Changes on one side win over no change; the same annotation or
    /// speaker changed differently on both sides is a conflict, recorded in OUT (ours kept, theirs
    /// beside it) for the app to resolve. Exits 0 when clean, 1 with conflicts, 2 on error (OUT
    /// then untouched).
    Merge {
        /// The common ancestor.
        base: PathBuf,
        /// Our version.
        ours: PathBuf,
        /// Their version.
        theirs: PathBuf,
        /// The merged project to write (may be OURS, as git's driver does).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Configures the git repository at DIR (default: here) to merge project files with
    /// `whosaid merge`: `git config merge.whosaid.driver "whosaid merge %O %A %B -o %A"` and
    /// `*.ron merge=whosaid` in DIR/.gitattributes.
    GitSetup {
        /// A folder in the repository.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Agreement between analysts' projects of one corpus (documents matched by path and content
    /// hash; those not in every project are left out and counted): Krippendorff's alpha over
    /// code points, strict and overlap F1 per label, per pair and overall, and speaker agreement
    /// with Cohen's kappa. README ("Agreement") says what each figure means.
    Agree {
        /// Two or more project files.
        #[arg(num_args = 2.., required = true)]
        projects: Vec<PathBuf>,
        /// Output format: a readable table, or JSON with every figure and its definition.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
}
