//! The `whosaid` command: the desktop app, or headless subcommands.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use whosaid::corpus::LoadOptions;
use whosaid::interop::ExportFormat;
use whosaid::workspace::{DocStatus, Workspace};

/// Tag who said what in a corpus of news articles.
///
/// Without a subcommand, opens the desktop app: on PATH (a `.ron` project file or a corpus folder of
/// `.txt` files), or on the bundled sample project when no PATH is given.
#[derive(Parser)]
#[command(version, about, long_about)]
struct Cli {
    /// A project file (`.ron`) or a corpus folder to open in the app.
    path: Option<PathBuf>,
    /// Load documents that are not valid UTF-8, with U+FFFD in place of the bad bytes (each such
    /// file is still reported).
    #[arg(long, global = true)]
    lossy_utf8: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ListFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum SuggestFormat {
    Jsonl,
}

#[derive(Subcommand)]
enum Command {
    /// Writes a project's annotations as JSON Lines or CSV (offsets in Unicode code points).
    Export {
        /// The project file.
        project: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: ExportFormat,
        /// Output file; standard output when absent.
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
        /// Output file; standard output when absent.
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let options = LoadOptions {
        lossy_utf8: cli.lossy_utf8,
    };
    match cli.command {
        Some(Command::Export {
            project,
            format,
            output,
        }) => match export(&project, &options, format, output.as_deref()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("whosaid: {message}");
                ExitCode::FAILURE
            }
        },
        Some(Command::Speakers { project, format }) => {
            match Workspace::open_project_with(&project, &options) {
                Ok(ws) => {
                    let report = whosaid::speakers::RegistryReport::of(&ws.project);
                    match format {
                        ListFormat::Table => print!("{}", report.render_table()),
                        ListFormat::Json => println!(
                            "{}",
                            serde_json::to_string_pretty(&report).expect("serializable")
                        ),
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("whosaid: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Some(Command::Suggest {
            input,
            format: SuggestFormat::Jsonl,
            output,
        }) => match suggest(&input, &options, output.as_deref()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("whosaid: {message}");
                ExitCode::FAILURE
            }
        },
        Some(Command::Check { project, fix }) => match check(&project, &options, fix) {
            Ok(clean) => {
                if clean {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::FAILURE
                }
            }
            Err(message) => {
                eprintln!("whosaid: {message}");
                ExitCode::from(2)
            }
        },
        None => {
            let path = cli.path.or_else(sample_project);
            match whosaid::ui::run(path, options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("whosaid: cannot start the window: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// The bundled sample, found from the working directory or the source checkout.
fn sample_project() -> Option<PathBuf> {
    let rel = Path::new("projects/ukraine-nato.ron");
    [
        rel.to_path_buf(),
        Path::new(env!("CARGO_MANIFEST_DIR")).join(rel),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

/// Prints the re-anchoring report; returns whether nothing is orphaned or missing.
fn check(project: &Path, options: &LoadOptions, fix: bool) -> Result<bool, String> {
    let mut ws = Workspace::open_project_with(project, options).map_err(|e| e.to_string())?;
    for p in &ws.corpus.problems {
        eprintln!("whosaid: warning: {p}");
    }
    let report = &ws.anchor_report;
    print!("{}", report.render());
    let orphaned: usize = report.docs.iter().map(|d| d.orphaned.len()).sum();
    let review: usize = report.docs.iter().map(|d| d.review.len()).sum();
    let missing = report
        .docs
        .iter()
        .filter(|d| d.status == DocStatus::Missing && d.annotations > 0)
        .count();
    println!(
        "{} documents: {} re-anchored, {missing} missing; {orphaned} annotations orphaned, {review} to review",
        report.docs.len(),
        report
            .docs
            .iter()
            .filter(|d| matches!(d.status, DocStatus::Reanchored { .. }))
            .count(),
    );
    let clean = !report.has_losses();
    if fix {
        if report.changed() {
            ws.save().map_err(|e| e.to_string())?;
            println!("wrote the re-anchored project to {}", project.display());
        } else {
            println!("nothing to fix");
        }
    }
    Ok(clean)
}

fn suggest(input: &Path, options: &LoadOptions, output: Option<&Path>) -> Result<(), String> {
    let mut ws = if input.is_dir() {
        Workspace::open_corpus_with(input, options)
    } else {
        Workspace::open_project_with(input, options)
    }
    .map_err(|e| e.to_string())?;
    for w in &ws.warnings {
        eprintln!("whosaid: warning: {w}");
    }
    ws.perform(whosaid::workspace::Intent::Suggest { docs: Vec::new() })?;
    match output {
        Some(path) => whosaid::project::write_atomically_with(path, |out| {
            whosaid::interop::write_suggestions_jsonl(&ws, out)
        })
        .map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            whosaid::interop::write_suggestions_jsonl(&ws, &mut lock)
                .map_err(|e| format!("cannot write to standard output: {e}"))
        }
    }
}

fn export(
    project: &Path,
    options: &LoadOptions,
    format: ExportFormat,
    output: Option<&Path>,
) -> Result<(), String> {
    let ws = Workspace::open_project_with(project, options).map_err(|e| e.to_string())?;
    for w in &ws.warnings {
        eprintln!("whosaid: warning: {w}");
    }
    let orphans = ws
        .project
        .annotations()
        .filter(|(_, a)| a.anchor == whosaid::project::AnchorStatus::Orphaned)
        .count();
    if orphans > 0 {
        eprintln!(
            "whosaid: warning: {orphans} orphaned annotations are not exported (see `whosaid check`)"
        );
    }
    let written = match output {
        Some(path) => {
            whosaid::project::write_atomically_with(path, |out| format.write_workspace(&ws, out))
                .map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            format
                .write_workspace(&ws, &mut lock)
                .and_then(|_| lock.flush())
                .map_err(|e| format!("cannot write to standard output: {e}"))
        }
    };
    // The process ends next: freeing a big project piece by piece would only delay that.
    std::mem::forget(ws);
    written
}
