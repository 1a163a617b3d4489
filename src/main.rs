//! The `whosaid` command: the desktop app, or headless subcommands.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use whosaid::interop::{ExportFormat, export_records};
use whosaid::workspace::Workspace;

/// Tag who said what in a corpus of news articles.
///
/// Without a subcommand, opens the desktop app: on PATH (a `.ron` project file or a corpus folder of
/// `.txt` files), or on the bundled sample project when no PATH is given.
#[derive(Parser)]
#[command(version, about, long_about)]
struct Cli {
    /// A project file (`.ron`) or a corpus folder to open in the app.
    path: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Export {
            project,
            format,
            output,
        }) => match export(&project, format, output.as_deref()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("whosaid: {message}");
                ExitCode::FAILURE
            }
        },
        None => {
            let path = cli.path.or_else(sample_project);
            match whosaid::ui::run(path) {
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

fn export(project: &Path, format: ExportFormat, output: Option<&Path>) -> Result<(), String> {
    let ws = Workspace::open_project(project).map_err(|e| e.to_string())?;
    for w in &ws.warnings {
        eprintln!("whosaid: warning: {w}");
    }
    let records = export_records(&ws);
    match output {
        Some(path) => {
            let mut bytes = Vec::new();
            format
                .write(&records, &mut bytes)
                .map_err(|e| e.to_string())?;
            whosaid::project::write_atomically(path, &bytes)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            format
                .write(&records, &mut lock)
                .and_then(|_| lock.flush())
                .map_err(|e| format!("cannot write to standard output: {e}"))
        }
    }
}
