//! Killing whosaid in the middle of a save never leaves a broken project: the file on disk is the
//! previous version or the new one, complete and loadable. A child process (this test binary, run
//! on the ignored `save_loop_child` test) saves a large project over and over; the parent kills it
//! at random moments and loads what is on disk.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use whosaid::project::{Annotation, AnnotationId, Fragment, Label, load_project};
use whosaid::workspace::{Workspace, backup_path};

const ANNOTATIONS: usize = 20_000;
const ENV: &str = "WHOSAID_SAVE_LOOP_DIR";
/// Files the child writes beside the project: once opened, and a line after each save.
const LOADED: &str = "child-loaded";
const SAVES: &str = "child-saves";

/// A corpus of one long document and a project with many annotations on it.
fn large_workspace(dir: &Path) -> Workspace {
    std::fs::create_dir_all(dir.join("corpus")).unwrap();
    let sentence = "“We will not give up,” said Zelenskiy – firmly. ";
    std::fs::write(dir.join("corpus/a.txt"), sentence.repeat(ANNOTATIONS)).unwrap();
    let mut ws = Workspace::open_corpus(&dir.join("corpus")).unwrap();
    let n = sentence.chars().count();
    let mut project = ws.project().clone();
    let annotations = &mut project.documents[0].annotations;
    for i in 0..ANNOTATIONS {
        annotations.push(Annotation {
            note: "v0".into(),
            ..Annotation::new(
                AnnotationId(i as u64 + 1),
                Label::Quote,
                vec![Fragment::new(i * n, i * n + 22, "“We will not give up,”")],
                "2026-11-22T00:00:00Z",
            )
        });
    }
    ws.adopt_imported(project);
    ws
}

/// Every annotation carries the same version mark: a half-written mix of two saves would not.
fn version_of(path: &Path) -> Result<String, String> {
    let project = load_project(path).map_err(|e| e.to_string())?;
    let annotations = &project.documents[0].annotations;
    if annotations.len() != ANNOTATIONS {
        return Err(format!("{} annotations", annotations.len()));
    }
    let first = annotations[0].note.clone();
    if annotations.iter().any(|a| a.note != first) {
        return Err("annotations from different saves".into());
    }
    Ok(first)
}

#[test]
#[ignore = "run by killing_a_saving_process_leaves_a_loadable_project as its child"]
fn save_loop_child() {
    let Ok(dir) = std::env::var(ENV) else { return };
    let dir = PathBuf::from(dir);
    let mut ws = Workspace::open_project(&dir.join("p.ron")).unwrap();
    std::fs::write(dir.join(LOADED), "").unwrap();
    for version in 1.. {
        // In place, as the app's edits change it, so that each save costs what the app's does.
        for a in &mut ws.project_mut_for_tests().documents[0].annotations {
            a.note = format!("v{version}");
        }
        ws.save().unwrap();
        // Tells the parent a save got done (appended, so a kill here loses nothing that matters).
        use std::io::Write;
        let mut saves = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join(SAVES))
            .unwrap();
        writeln!(saves, "v{version}").unwrap();
    }
}

/// Waits until `path` exists: the child has got that far. A busy machine may take long; a child
/// that never gets there fails the test rather than letting it pass without real work.
fn wait_for(path: &Path, what: &str) {
    let start = std::time::Instant::now();
    while !path.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "the saving child never {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn killing_a_saving_process_leaves_a_loadable_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    large_workspace(dir.path()).save_as(&path).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 3_000_000, "a large project: {size} bytes");

    // A small deterministic generator: the kill moments vary but the test is reproducible.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut versions = std::collections::BTreeSet::new();
    for round in 0..12 {
        let _ = std::fs::remove_file(dir.path().join(LOADED));
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "save_loop_child", "--ignored", "--nocapture"])
            .env(ENV, dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // The random moment is counted from when the child has the project open, not from its
        // start, so that a busy machine does not turn every kill into one before any work; the
        // first round waits for a whole save, so the kills are known to land among real saves.
        wait_for(&dir.path().join(LOADED), "opened the project");
        if round == 0 {
            wait_for(&dir.path().join(SAVES), "finished a save");
        }
        std::thread::sleep(Duration::from_millis(seed % 1500));
        child.kill().unwrap();
        child.wait().unwrap();
        let version = version_of(&path)
            .unwrap_or_else(|e| panic!("round {round}: the project on disk is broken: {e}"));
        if backup_path(&path).exists() {
            version_of(&backup_path(&path))
                .unwrap_or_else(|e| panic!("round {round}: the backup is broken: {e}"));
        }
        versions.insert(version);
    }
    // The child did get to save in between kills, so the kills landed during real work.
    let saves = std::fs::read_to_string(dir.path().join(SAVES)).unwrap_or_default();
    assert!(saves.lines().count() >= 1, "no save finished: {versions:?}");
    assert!(
        versions.iter().any(|v| v != "v0"),
        "the file on disk never changed: {versions:?}"
    );
}
