//! The `whosaid` command: the desktop app, or headless subcommands.

mod team;

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use whosaid::corpus::LoadOptions;
use whosaid::interop::import::{ImportFormat, OffsetUnit};
use whosaid::interop::{ExportFormat, ExportWriter, StreamWriter};
use whosaid::text::plural::count;
use whosaid::workspace::{DocStatus, OutputKind, Workspace};

/// Tag who said what in a corpus of news articles.
///
/// Without a subcommand, opens the desktop app: on PATH (a `.ron` project file or a corpus folder of
/// `.txt` files). Without PATH, on the last project opened if it still exists (the bundled sample
/// project on the first start).
#[derive(Parser)]
#[command(version, about, long_about)]
struct Cli {
    /// A project file (`.ron`) or a corpus folder to open in the app.
    path: Option<PathBuf>,
    /// Load documents that are not valid UTF-8, with U+FFFD in place of the bad bytes (each such
    /// file is still reported).
    #[arg(long, global = true)]
    lossy_utf8: bool,
    /// The analyst's name, recorded on what an import adds (else WHOSAID_ANNOTATOR, else git's
    /// user.name).
    #[arg(long, global = true, value_name = "NAME")]
    annotator: Option<String>,
    /// Other analysts' projects of the same corpus, listed in lanes under the text of the
    /// opened (curated) project for adjudication.
    #[arg(long, num_args = 1.., value_name = "PROJECT")]
    compare: Vec<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

/// A core enum offered as the values of an option: the core knows nothing of clap, so the command
/// names its variants again here, with their help. The conversions both ways are exhaustive, so a
/// variant added to the core does not compile until it is offered here.
macro_rules! value_enum {
    ($(#[$attr:meta])* $cli:ident => $core:ident { $($(#[$doc:meta])* $variant:ident,)* }) => {
        $(#[$attr])*
        #[derive(Clone, Copy, clap::ValueEnum)]
        enum $cli {
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
enum ListFormat {
    /// Aligned columns for reading.
    Table,
    /// One JSON document: the speakers and the proposed merges.
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum SuggestFormat {
    /// JSON Lines: one suggestion per line.
    Jsonl,
}

#[derive(Subcommand)]
enum Command {
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

/// Why a command stopped: a message for standard error, or standard output failing.
enum Failure {
    Message(String),
    /// Writing standard output failed: a reader that went away (a closed pipe) or a full disk.
    Output(std::io::Error),
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Message(message)
    }
}

/// Writes to standard error, ignoring a standard error that cannot be written (closed or full):
/// there is nowhere left to report that.
macro_rules! note {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// The exit status of a process killed by a broken pipe (128 + SIGPIPE), as shells report it: what
/// `cat` gives when `head` stops reading.
const BROKEN_PIPE: u8 = 141;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let options = LoadOptions {
        lossy_utf8: cli.lossy_utf8,
    };
    // Every command writes standard output through this one buffer, whose errors come back as
    // values: `print!` would panic on a closed pipe or a full disk.
    // (Not locked: the window's threads may print too.)
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
    // The status on success, and on failure.
    let (ran, failed) = match cli.command {
        Some(Command::Export {
            project,
            format,
            output,
        }) => (
            export(
                &project,
                &options,
                format.into(),
                output.as_deref(),
                &mut out,
            )
            .map(|()| ExitCode::SUCCESS),
            ExitCode::FAILURE,
        ),
        Some(Command::Speakers { project, format }) => (
            speakers(&project, &options, format, &mut out),
            ExitCode::FAILURE,
        ),
        Some(Command::Suggest {
            input,
            format: SuggestFormat::Jsonl,
            output,
        }) => (
            suggest(&input, &options, output.as_deref(), &mut out).map(|()| ExitCode::SUCCESS),
            ExitCode::FAILURE,
        ),
        Some(Command::Check { project, fix }) => (
            check(&project, &options, fix, &mut out).map(|clean| {
                if clean {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::FAILURE
                }
            }),
            ExitCode::from(2),
        ),
        Some(Command::Import {
            input,
            format,
            corpus,
            output,
            into,
            map,
            offsets,
            force,
        }) => {
            let (output, into) = match (output, into) {
                (_, Some(into)) => (into, true),
                (Some(output), None) => (output, false),
                (None, None) => unreachable!("clap requires -o or --into"),
            };
            let request = ImportRequest {
                input: &input,
                format: format.into(),
                corpus: &corpus,
                output: &output,
                into,
                annotator: cli.annotator.as_deref(),
                map: &map,
                offsets: offsets.map(Into::into),
                force,
            };
            (
                import(&request, &options)
                    .map(|imported| {
                        if imported {
                            ExitCode::SUCCESS
                        } else {
                            ExitCode::FAILURE
                        }
                    })
                    .map_err(Failure::Message),
                ExitCode::FAILURE,
            )
        }
        Some(Command::Merge {
            base,
            ours,
            theirs,
            output,
        }) => (
            team::merge(&base, &ours, &theirs, &output)
                .map(|m| {
                    for j in &m.joined {
                        note!(
                            "whosaid: their speaker {} ({}) is our speaker {}: joined",
                            j.theirs.0,
                            j.names[0],
                            j.ours.0
                        );
                    }
                    for c in &m.conflicts {
                        note!("whosaid: conflict: {c}");
                    }
                    if m.is_clean() {
                        ExitCode::SUCCESS
                    } else {
                        note!(
                            "whosaid: {} conflicts recorded in {}: open it in whosaid to resolve them",
                            m.conflicts.len(),
                            output.display()
                        );
                        ExitCode::FAILURE
                    }
                })
                .map_err(Failure::Message),
            ExitCode::from(2),
        ),
        Some(Command::Agree { projects, format }) => (
            team::agree(&projects, matches!(format, ListFormat::Json))
                .map_err(Failure::Message)
                .and_then(|text| {
                    out.write_all(text.as_bytes())
                        .map(|()| ExitCode::SUCCESS)
                        .map_err(Failure::Output)
                }),
            ExitCode::FAILURE,
        ),
        Some(Command::GitSetup { dir }) => (
            team::git_setup(&dir)
                .map(|done| {
                    note!("whosaid: {done}");
                    ExitCode::SUCCESS
                })
                .map_err(Failure::Message),
            ExitCode::FAILURE,
        ),
        None => open_app(cli.path, options, cli.compare),
    };
    // What is still in the buffer is written now, where its failure can be reported.
    let ran = ran.and_then(|code| out.flush().map(|()| code).map_err(Failure::Output));
    match ran {
        Ok(code) => code,
        Err(Failure::Message(message)) => {
            note!("whosaid: {message}");
            failed
        }
        Err(Failure::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::from(BROKEN_PIPE)
        }
        Err(Failure::Output(e)) => {
            note!("whosaid: cannot write to standard output: {e}");
            failed
        }
    }
}

/// Whether `-o` asks for standard output (`-o -`).
/// Opens the desktop app on `path`, or on the last project opened (the bundled sample on the
/// first start).
#[cfg(feature = "app")]
fn open_app(
    path: Option<PathBuf>,
    options: LoadOptions,
    compare: Vec<PathBuf>,
) -> (Result<ExitCode, Failure>, ExitCode) {
    // The analysts' projects are read before the window opens, so a bad one is reported here.
    if let Err(e) = whosaid::agree::load_coders(&compare) {
        return (Err(e.into()), ExitCode::from(2));
    }
    let path = path.or_else(|| whosaid::ui::Settings::load_default().startup_path(sample_project));
    match whosaid::ui::run_comparing(path, options, compare) {
        Ok(()) => (Ok(ExitCode::SUCCESS), ExitCode::FAILURE),
        Err(e) => (
            Err(format!("cannot start the window: {e}").into()),
            ExitCode::FAILURE,
        ),
    }
}

/// Built without the app (feature `app`): only the subcommands are there.
#[cfg(not(feature = "app"))]
fn open_app(
    _: Option<PathBuf>,
    _: LoadOptions,
    _: Vec<PathBuf>,
) -> (Result<ExitCode, Failure>, ExitCode) {
    let message = "this whosaid is built without the desktop app (cargo feature `app`): give a \
                   subcommand (whosaid --help lists them)";
    (Err(message.to_string().into()), ExitCode::from(2))
}

fn is_stdout(path: &Path) -> bool {
    path == Path::new("-")
}

fn speakers(
    project: &Path,
    options: &LoadOptions,
    format: ListFormat,
    out: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    let ws = Workspace::open_project_with(project, options).map_err(|e| e.to_string())?;
    let report = whosaid::speakers::RegistryReport::of(ws.project());
    match format {
        ListFormat::Table => write!(out, "{}", report.render_table()),
        ListFormat::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&report).expect("serializable")
        ),
    }
    .map_err(Failure::Output)?;
    Ok(ExitCode::SUCCESS)
}

/// The bundled sample, found from the working directory or the source checkout.
#[cfg(feature = "app")]
fn sample_project() -> Option<PathBuf> {
    let rel = Path::new("projects/ukraine-nato.ron");
    [
        rel.to_path_buf(),
        Path::new(env!("CARGO_MANIFEST_DIR")).join(rel),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

/// Prints the re-anchoring report; returns whether nothing is orphaned or missing. With `fix`, the
/// project is written even when standard output fails on the way (a reader that stopped early).
fn check(
    project: &Path,
    options: &LoadOptions,
    fix: bool,
    out: &mut dyn Write,
) -> Result<bool, Failure> {
    let mut ws = Workspace::open_project_with(project, options).map_err(|e| e.to_string())?;
    for p in &ws.corpus().problems {
        note!("whosaid: warning: {p}");
    }
    let report = &ws.anchor_report();
    let orphaned: usize = report.docs.iter().map(|d| d.orphaned.len()).sum();
    let review: usize = report.docs.iter().map(|d| d.review.len()).sum();
    let missing = report
        .docs
        .iter()
        .filter(|d| d.status == DocStatus::Missing && d.annotations > 0)
        .count();
    let printed = write!(out, "{}", report.render()).and_then(|()| {
        writeln!(
            out,
            "{}: {} re-anchored, {missing} missing; {} orphaned, {review} to review",
            count(report.docs.len(), "document", "documents"),
            report
                .docs
                .iter()
                .filter(|d| matches!(d.status, DocStatus::Reanchored { .. }))
                .count(),
            count(orphaned, "annotation", "annotations"),
        )
    });
    let clean = !report.has_losses();
    let printed = if fix {
        if report.changed() {
            ws.save().map_err(|e| e.to_string())?;
            printed.and_then(|()| {
                writeln!(
                    out,
                    "wrote the re-anchored project to {}",
                    project.display()
                )
            })
        } else {
            printed.and_then(|()| writeln!(out, "nothing to fix"))
        }
    } else {
        printed
    };
    printed.map_err(Failure::Output)?;
    Ok(clean)
}

fn suggest(
    input: &Path,
    options: &LoadOptions,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let read = whosaid::application::OpenOptions {
        load: *options,
        editing: false,
    };
    let progress = whosaid::progress::Progress::default();
    let mut ws = whosaid::application::open(input, &read, &progress).map_err(|e| e.to_string())?;
    for w in ws.warnings() {
        note!("whosaid: warning: {w}");
    }
    let output = output.filter(|p| !is_stdout(p));
    if let Some(path) = output {
        ws.check_output(path, OutputKind::Export)
            .map_err(|e| e.to_string())?;
    }
    ws.perform(whosaid::workspace::Intent::Suggest { docs: Vec::new() })
        .map_err(|e| e.to_string())?;
    match output {
        Some(path) => whosaid::project::write_atomically_with(path, |file| {
            whosaid::interop::write_suggestions_jsonl(&ws, file)
        })
        .map_err(|e| format!("cannot write {}: {e}", path.display()).into()),
        None => whosaid::interop::write_suggestions_jsonl(&ws, out).map_err(Failure::Output),
    }
}

/// Where `whosaid export` writes: a file or folder, or standard output for a stream format.
enum Destination<'a> {
    Path(&'a Path),
    Stdout(StreamWriter),
}

fn export(
    project: &Path,
    options: &LoadOptions,
    format: ExportFormat,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let exporter = format.exporter();
    let destination = match (output.filter(|p| !is_stdout(p)), exporter.writer) {
        (Some(path), _) => Destination::Path(path),
        (None, ExportWriter::Stream(write)) => Destination::Stdout(write),
        (None, ExportWriter::Folder(_)) => {
            return Err(format!(
                "the {} export is a folder: give it with -o FOLDER",
                exporter.name
            )
            .into());
        }
    };
    let ws = Workspace::open_project_with(project, options).map_err(|e| e.to_string())?;
    for w in ws.warnings() {
        note!("whosaid: warning: {w}");
    }
    if let Destination::Path(path) = destination {
        // Refused before any of the work (and again by export_to, where the UI comes too).
        ws.check_output(path, OutputKind::Export)
            .map_err(|e| e.to_string())?;
    }
    if exporter.carries_text {
        let missing = whosaid::interop::documents_without_text(&ws);
        if !missing.is_empty() {
            note!(
                "whosaid: warning: {} annotated documents are missing from the corpus and are \
                 not exported (this format carries the text): {}",
                missing.len(),
                missing.join(", ")
            );
        }
    }
    let (_, orphans) = whosaid::application::placed_and_orphaned(&ws);
    if orphans > 0 {
        note!(
            "whosaid: warning: {} not exported (see `whosaid check`)",
            count(
                orphans,
                "orphaned annotation is",
                "orphaned annotations are"
            )
        );
    }
    if let Some(settings) = exporter.settings {
        note!("whosaid: note: {settings}");
    }
    let written = match destination {
        Destination::Path(path) => exporter
            .export_to(&ws, path)
            .map_err(|e| Failure::Message(e.to_string()))
            .map(|files| {
                for also in files.iter().skip(1) {
                    note!("whosaid: also wrote {}", also.display());
                }
            }),
        Destination::Stdout(write) => {
            if let Some(side) = &exporter.side_file {
                note!("whosaid: note: {}", side.without_file);
            }
            write(&ws, out).map_err(Failure::Output)
        }
    };
    // The process ends next: freeing a big project piece by piece would only delay that.
    std::mem::forget(ws);
    written
}

/// What `whosaid import` was asked.
struct ImportRequest<'a> {
    input: &'a Path,
    format: ImportFormat,
    corpus: &'a Path,
    output: &'a Path,
    /// Add to the existing project `output` rather than write a new one.
    into: bool,
    annotator: Option<&'a str>,
    map: &'a [String],
    offsets: Option<OffsetUnit>,
    force: bool,
}

/// The project `--into` names, opened to take the import: it must be over the `--corpus` folder,
/// so that the imported offsets mean the same text.
fn open_to_add(r: &ImportRequest, options: &LoadOptions) -> Result<Workspace, String> {
    let ws = Workspace::open_project_with(r.output, options).map_err(|e| e.to_string())?;
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if !same(&ws.corpus().root, r.corpus) {
        return Err(format!(
            "{} is over the corpus {}, not {}: an import adds to a project over its own corpus",
            r.output.display(),
            ws.corpus().root.display(),
            r.corpus.display()
        ));
    }
    Ok(ws)
}

/// Imports and writes the project, listing the problems; whether anything was imported.
fn import(r: &ImportRequest, options: &LoadOptions) -> Result<bool, String> {
    use whosaid::application::{ImportError, ImportPlan};
    if is_stdout(r.output) {
        return Err("the project is written to a file: give it with -o FILE.ron".into());
    }
    if r.output.exists() && !r.force && !r.into {
        return Err(format!(
            "{} exists; give --force to replace it (the previous version is kept as .bak), \
             or --into to add to it",
            r.output.display()
        ));
    }
    let plan = ImportPlan::new(r.format, r.input, r.map, r.offsets).map_err(|e| e.to_string())?;
    let mut ws = if r.into {
        open_to_add(r, options)?
    } else {
        Workspace::open_corpus_with(r.corpus, options).map_err(|e| e.to_string())?
    };
    for w in ws.warnings() {
        note!("whosaid: warning: {w}");
    }
    if !r.into {
        ws.check_output(r.output, OutputKind::Project)
            .map_err(|e| e.to_string())?;
    }
    let folder = r.output.parent().unwrap_or(Path::new("."));
    ws.set_annotator(whosaid::workspace::resolve_annotator(r.annotator, folder));
    let speakers_before = ws.project().speakers.len();
    let describe = |problems: &[String]| {
        for p in problems {
            note!("whosaid: {p}");
        }
        match problems.len() {
            0 => "no problems".to_string(),
            1 => "1 problem (above)".to_string(),
            n => format!("{n} problems (above)"),
        }
    };
    let import = match plan.run(ws) {
        Ok(import) => import,
        Err(ImportError::Nothing { problems, .. }) => {
            let problems = describe(&problems);
            note!(
                "whosaid: nothing could be imported from {} ({problems}); {} not written",
                r.input.display(),
                r.output.display()
            );
            return Ok(false);
        }
        Err(e) => return Err(e.to_string()),
    };
    let problems = describe(&import.problems);
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let annotations = count(import.annotations, "annotation");
    let speakers = if r.into {
        let new = import.speakers - speakers_before;
        format!("{} ({new} new)", count(import.speakers, "speaker"))
    } else {
        count(import.speakers, "speaker")
    };
    let mut ws = import.workspace;
    if r.into {
        ws.save().map_err(|e| e.to_string())?;
    } else {
        ws.save_as(r.output).map_err(|e| e.to_string())?;
    }
    note!(
        "whosaid: imported {annotations} and {speakers} from {} ({}) into {}; {problems}",
        r.input.display(),
        r.format.name(),
        r.output.display()
    );
    Ok(true)
}
