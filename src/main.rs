//! The `whosaid` command: the desktop app, or headless subcommands.

mod cli;
mod team;

use clap::Parser;
use cli::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use whosaid::corpus::{LoadOptions, TableColumns};
use whosaid::interop::import::{ImportFormat, OffsetUnit};
use whosaid::interop::{ExportFormat, ExportWriter, StreamWriter};
use whosaid::text::plural::count;
use whosaid::workspace::{DocStatus, OutputKind, Workspace};

/// Every core allocates and frees many small values at once (suggesting, importing, loading):
/// mimalloc keeps a heap per thread where the system allocator's shared arenas lock and trim.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let columns = TableColumns {
        text: cli.text_column.clone(),
        id: cli.id_column.clone(),
        ..Default::default()
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
            suggest(&input, &options, &columns, output.as_deref(), &mut out)
                .map(|()| ExitCode::SUCCESS),
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
                columns: &columns,
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
    // The first start opens a copy of the sample in the user's data folder.
    let path = path.or_else(|| {
        whosaid::ui::Settings::load_default().startup_path(whosaid::ui::sample::first_start)
    });
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
    // The process ends next: freeing a big project piece by piece would only delay that.
    std::mem::forget(ws);
    printed.map_err(Failure::Output)?;
    Ok(clean)
}

/// A new project on a corpus from the command line: a folder, or a table of articles read with
/// the columns given (`--text-column`, `--id-column`), which only a table has.
fn open_new_corpus(
    path: &Path,
    columns: &TableColumns,
    options: &LoadOptions,
) -> Result<Workspace, String> {
    if whosaid::corpus::is_table(path) {
        let progress = whosaid::progress::Progress::default();
        Workspace::open_table_corpus(path, columns, options, &progress).map_err(|e| e.to_string())
    } else if columns.is_default() {
        Workspace::open_corpus_with(path, options).map_err(|e| e.to_string())
    } else {
        Err(format!(
            "--text-column and --id-column are for a table of articles (.csv, .jsonl); {} is not one",
            path.display()
        ))
    }
}

fn suggest(
    input: &Path,
    options: &LoadOptions,
    columns: &TableColumns,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let read = whosaid::application::OpenOptions {
        load: *options,
        editing: false,
    };
    let progress = whosaid::progress::Progress::default();
    let corpus = input.is_dir() || whosaid::corpus::is_table(input);
    let ws = if corpus {
        open_new_corpus(input, columns, options)?
    } else {
        whosaid::application::open(input, &read, &progress).map_err(|e| e.to_string())?
    };
    for w in ws.warnings() {
        note!("whosaid: warning: {w}");
    }
    let output = output.filter(|p| !is_stdout(p));
    if let Some(path) = output {
        ws.check_output(path, OutputKind::Export)
            .map_err(|e| e.to_string())?;
    }
    // Written as the engine goes: nothing is taken into the workspace, which is not saved.
    match output {
        Some(path) => whosaid::project::write_atomically_with(path, |file| {
            whosaid::interop::write_fresh_suggestions_jsonl(&ws, file)
        })
        .map_err(|e| format!("cannot write {}: {e}", path.display()).into()),
        None => whosaid::interop::write_fresh_suggestions_jsonl(&ws, out).map_err(Failure::Output),
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
    // Never saved: opened without hashing the file.
    let ws = Workspace::open_project_to_read(project, options).map_err(|e| e.to_string())?;
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
    /// The text and id columns of a `corpus` that is a table.
    columns: &'a TableColumns,
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
        open_new_corpus(r.corpus, r.columns, options)?
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
    // As in `export`: the process ends next.
    std::mem::forget(ws);
    Ok(true)
}
