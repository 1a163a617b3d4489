//! Where the commands write, run as a user runs them: `-o` never overwrites the project, its side
//! files or the corpus, writes a FIFO as it is, and `-o -` is standard output; and standard output
//! that fails (a reader that stopped, a full disk) ends a command without a panic.

mod common;

use common::*;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn whosaid() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    whosaid().args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts that `export -o target` is refused with `why`, leaving `target` as it was.
fn assert_export_refused(project: &Path, target: &Path, why: &str) {
    let before = std::fs::read(target).ok();
    let out = run(&[
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
        "-o".as_ref(),
        target.as_os_str(),
    ]);
    assert!(
        !out.status.success(),
        "export -o {} went through",
        target.display()
    );
    let message = stderr(&out);
    assert!(message.contains(why), "{message}");
    assert!(!message.contains("panicked"), "{message}");
    assert_eq!(
        std::fs::read(target).ok(),
        before,
        "{} unchanged",
        target.display()
    );
}

#[test]
fn export_does_not_overwrite_the_project_its_side_files_or_the_corpus() {
    let sample = SampleCopy::new();
    let project = sample.project();
    assert_export_refused(&project, &project, "the open project");
    load_project_or_panic(&project);
    let article = sample.corpus().join("000_06f3196ba6b743a6.txt");
    assert_export_refused(&project, &article, "corpus folder");
    // A new file in the corpus folder would become an article.
    assert_export_refused(
        &project,
        &sample.corpus().join("export.txt"),
        "corpus folder",
    );
    std::fs::write(backup_path(&project), "an earlier version").unwrap();
    assert_export_refused(&project, &backup_path(&project), "backup");
    // Other names for the project: a relative path, a symbolic link, a hard link.
    let relative = whosaid()
        .current_dir(sample.dir.path())
        .args([
            "export",
            "projects/ukraine-nato.ron",
            "-o",
            "assets/../projects/ukraine-nato.ron",
        ])
        .output()
        .unwrap();
    assert!(!relative.status.success(), "{}", stderr(&relative));
    #[cfg(unix)]
    {
        let link = sample.dir.path().join("link.csv");
        std::os::unix::fs::symlink(&project, &link).unwrap();
        assert_export_refused(&project, &link, "the open project");
        let hard = sample.dir.path().join("hard.csv");
        std::fs::hard_link(&project, &hard).unwrap();
        assert_export_refused(&project, &hard, "another name of the open project");
        let hard_article = sample.dir.path().join("article.csv");
        std::fs::hard_link(&article, &hard_article).unwrap();
        assert_export_refused(&project, &hard_article, "article of the corpus");
    }
    load_project_or_panic(&project);
}

fn load_project_or_panic(project: &Path) {
    whosaid::project::load_project(project)
        .unwrap_or_else(|e| panic!("the project no longer loads: {e}"));
}

fn backup_path(project: &Path) -> std::path::PathBuf {
    whosaid::workspace::backup_path(project)
}

#[test]
fn suggest_and_import_do_not_write_into_the_project_or_the_corpus() {
    let sample = SampleCopy::new();
    let project = sample.project();
    let before = std::fs::read(&project).unwrap();
    let out = run(&[
        "suggest".as_ref(),
        project.as_os_str(),
        "-o".as_ref(),
        project.as_os_str(),
    ]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("the open project"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&project).unwrap(), before);

    let jsonl = sample.dir.path().join("spans.jsonl");
    let export = run(&[
        "export".as_ref(),
        project.as_os_str(),
        "-o".as_ref(),
        jsonl.as_os_str(),
    ]);
    assert!(export.status.success(), "{}", stderr(&export));
    let article = sample.corpus().join("000_06f3196ba6b743a6.txt");
    let text = std::fs::read(&article).unwrap();
    let out = run(&[
        "import".as_ref(),
        jsonl.as_os_str(),
        "--format".as_ref(),
        "jsonl".as_ref(),
        "--corpus".as_ref(),
        sample.corpus().as_os_str(),
        "-o".as_ref(),
        article.as_os_str(),
        "--force".as_ref(),
    ]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("corpus folder"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&article).unwrap(), text);
}

#[test]
fn dash_is_standard_output() {
    let sample = SampleCopy::new();
    let project = sample.project();
    let plain = whosaid().arg("export").arg(&project).output().unwrap();
    assert!(plain.status.success(), "{}", stderr(&plain));
    let dash = whosaid()
        .current_dir(sample.dir.path())
        .arg("export")
        .arg(&project)
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert!(dash.status.success(), "{}", stderr(&dash));
    assert!(!plain.stdout.is_empty());
    assert_eq!(dash.stdout, plain.stdout);
    assert!(!sample.dir.path().join("-").exists(), "no file named -");
    // The system's name for standard output, a pipe here: written as it is.
    if Path::new("/dev/stdout").exists() {
        let named = whosaid()
            .arg("export")
            .arg(&project)
            .args(["-o", "/dev/stdout"])
            .output()
            .unwrap();
        assert!(named.status.success(), "{}", stderr(&named));
        assert_eq!(named.stdout, plain.stdout);
    }
    let suggest = whosaid()
        .current_dir(sample.dir.path())
        .arg("suggest")
        .arg(sample.corpus())
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert!(suggest.status.success(), "{}", stderr(&suggest));
    assert!(String::from_utf8_lossy(&suggest.stdout).lines().count() > 0);
    assert!(!sample.dir.path().join("-").exists(), "no file named -");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_written_as_it_is_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let sample = SampleCopy::new();
    let project = sample.project();
    let fifo = sample.dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo failed");
    // The reader answers on a channel: were the FIFO replaced by a file, it would wait forever.
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            std::fs::File::open(&fifo)
                .unwrap()
                .read_to_string(&mut text)
                .unwrap();
            let _ = tx.send(text);
        });
    }
    let out = run(&[
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
        "-o".as_ref(),
        fifo.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo(),
        "the FIFO is still a FIFO"
    );
    let read = rx
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the export reached the FIFO's reader");
    let expected = whosaid()
        .arg("export")
        .arg(&project)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    assert!(!expected.stdout.is_empty());
    assert_eq!(read.as_bytes(), expected.stdout.as_slice());
}

/// Runs a command whose standard output is a pipe closed before anything is written to it.
fn with_closed_pipe(args: &[&std::ffi::OsStr]) -> Output {
    let mut child = whosaid()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn a_reader_that_stops_early_ends_every_command_quietly() {
    let sample = SampleCopy::new();
    let project = sample.project();
    let p = project.as_os_str();
    let commands: [&[&std::ffi::OsStr]; 5] = [
        &["check".as_ref(), p],
        &["speakers".as_ref(), p],
        &["speakers".as_ref(), p, "--format".as_ref(), "json".as_ref()],
        &["export".as_ref(), p],
        &["suggest".as_ref(), p],
    ];
    for args in commands {
        let out = with_closed_pipe(args);
        let message = stderr(&out);
        assert!(!message.contains("panicked"), "{args:?}: {message}");
        assert!(!message.contains("Broken pipe"), "{args:?}: {message}");
        assert!(
            matches!(out.status.code(), Some(0 | 141)),
            "{args:?}: {:?} {message}",
            out.status
        );
    }
    // As in a shell: the first line, then the reader goes away.
    let mut child = whosaid()
        .args(["export".as_ref(), p])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}

#[test]
fn a_full_disk_on_standard_output_is_an_error_not_a_panic() {
    let full = Path::new("/dev/full");
    assert!(full.exists(), "this test needs /dev/full");
    let sample = SampleCopy::new();
    let project = sample.project();
    let p = project.as_os_str();
    let commands: [&[&std::ffi::OsStr]; 4] = [
        &["check".as_ref(), p],
        &["speakers".as_ref(), p],
        &["export".as_ref(), p],
        &["suggest".as_ref(), p],
    ];
    for args in commands {
        let out = std::fs::OpenOptions::new().write(true).open(full).unwrap();
        let result = whosaid()
            .args(args)
            .stdout(Stdio::from(out))
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let message = stderr(&result);
        assert!(!result.status.success(), "{args:?}: {message}");
        assert!(!message.contains("panicked"), "{args:?}: {message}");
        assert!(
            message.contains("cannot write to standard output"),
            "{args:?}: {message}"
        );
    }
}
