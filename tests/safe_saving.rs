//! What a save does to the files on disk: it writes only a project that loads again, keeps the
//! file's permissions and symbolic links, keeps the previous version as `.bak` only once the new
//! one is safe, lets concurrent savers take turns, and cleans up after killed saves.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use whosaid::project::{Fragment, load_project};
use whosaid::workspace::{Intent, Workspace, backup_path};

/// Changes one note, so that the next save writes something new.
fn edit(ws: &mut Workspace, note: &str) {
    let id = ws.project().annotations().next().unwrap().1.id;
    ws.perform(Intent::SetNote {
        id,
        note: note.into(),
    })
    .unwrap();
}

/// The files of `dir` whose names end with `suffix`.
fn files_ending(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect()
}

/// Asserts that saving `ws` fails with a message naming the file and `why`, and that the project
/// and its backup are exactly as they were.
fn assert_refused(ws: &mut Workspace, project: &Path, why: &str) {
    let before = std::fs::read(project).unwrap();
    let backup_before = std::fs::read(backup_path(project)).ok();
    let err = ws
        .save()
        .expect_err("a project that would not load is not saved");
    let message = err.to_string();
    assert!(message.contains("ukraine-nato.ron"), "{message}");
    assert!(message.contains(why), "{message}");
    assert_eq!(
        std::fs::read(project).unwrap(),
        before,
        "the file is intact"
    );
    assert_eq!(
        std::fs::read(backup_path(project)).ok(),
        backup_before,
        "the backup is intact"
    );
    assert!(files_ending(project.parent().unwrap(), "whosaid-tmp").is_empty());
    load_project(project).expect("the file on disk still loads");
}

#[test]
fn a_project_that_would_not_load_is_not_written() {
    let sample = SampleCopy::new();
    let project = sample.project();
    let mut ws = Workspace::open_project(&project).unwrap();
    // A backup to keep: an earlier save.
    edit(&mut ws, "first");
    ws.save().unwrap();
    edit(&mut ws, "second");

    // Two documents with one path (a project taken over as a whole, as an import is).
    let good = ws.project().clone();
    let mut twins = good.clone();
    twins.documents.push(twins.documents[0].clone());
    ws.adopt_imported(twins);
    assert_refused(&mut ws, &project, "is listed twice");

    // Overlapping fragments.
    let mut overlapping = good;
    let annotation = overlapping
        .documents
        .iter_mut()
        .flat_map(|d| &mut d.annotations)
        .next()
        .unwrap();
    let f = annotation.fragments[0].clone();
    annotation
        .fragments
        .push(Fragment::new(f.start, f.end, f.text()));
    ws.adopt_imported(overlapping);
    assert_refused(&mut ws, &project, "overlapping fragments");
}

#[test]
fn a_save_that_cannot_write_leaves_the_file_and_its_backup_as_they_were() {
    let sample = SampleCopy::new();
    let project = sample.project();
    let mut ws = Workspace::open_project(&project).unwrap();
    edit(&mut ws, "first");
    ws.save().unwrap();
    let (saved, backup) = (
        std::fs::read(&project).unwrap(),
        std::fs::read(backup_path(&project)).unwrap(),
    );
    // The new version cannot be written: a folder holds its temporary name (as a full disk
    // would fail the write).
    let blocker = project.with_file_name(format!(
        "ukraine-nato.ron.{}.whosaid-tmp",
        std::process::id()
    ));
    std::fs::create_dir_all(blocker.join("x")).unwrap();
    edit(&mut ws, "second");
    let err = ws.save().unwrap_err();
    assert!(err.to_string().contains("ukraine-nato.ron"), "{err}");
    assert_eq!(std::fs::read(&project).unwrap(), saved);
    assert_eq!(
        std::fs::read(backup_path(&project)).unwrap(),
        backup,
        "the older backup is kept"
    );
    std::fs::remove_dir_all(&blocker).unwrap();
    ws.save().unwrap();
    assert_eq!(std::fs::read(backup_path(&project)).unwrap(), saved);
    assert!(
        std::fs::read_to_string(&project)
            .unwrap()
            .contains("\"second\"")
    );
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_file_mode() {
    use std::os::unix::fs::PermissionsExt;
    let sample = SampleCopy::new();
    let project = sample.project();
    std::fs::set_permissions(&project, std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut ws = Workspace::open_project(&project).unwrap();
    edit(&mut ws, "private");
    ws.save().unwrap();
    let mode = std::fs::metadata(&project).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "mode {mode:o}");
    assert!(
        std::fs::read_to_string(&project)
            .unwrap()
            .contains("\"private\"")
    );
}

#[cfg(unix)]
#[test]
fn a_project_opened_through_a_symbolic_link_is_saved_to_its_target() {
    let sample = SampleCopy::new();
    let target = sample.project();
    let link = sample.dir.path().join("current.ron");
    std::os::unix::fs::symlink("projects/ukraine-nato.ron", &link).unwrap();
    let mut ws = Workspace::open_project(&link).unwrap();
    edit(&mut ws, "through the link");
    ws.save().unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    let saved = std::fs::read_to_string(&target).unwrap();
    assert!(
        saved.contains("\"through the link\""),
        "the target is updated"
    );
    // The corpus path is written relative to where the project is read from: the link.
    Workspace::open_project(&link).unwrap();
    assert!(
        backup_path(&target).exists(),
        "the backup is beside the file"
    );
}

#[test]
fn temporary_files_of_killed_saves_are_removed_by_the_next_save() {
    if !Path::new("/proc/self").exists() {
        panic!("this test needs /proc to tell whether a process runs");
    }
    let sample = SampleCopy::new();
    let project = sample.project();
    // Process ids above the kernel's limit (2^22) belong to no process.
    let stale = project.with_file_name("ukraine-nato.ron.99999999.whosaid-tmp");
    std::fs::write(&stale, "half a project").unwrap();
    // One of a running process (this one's parent) is left alone.
    let parent = std::os::unix::process::parent_id();
    let running = project.with_file_name(format!("ukraine-nato.ron.{parent}.whosaid-tmp"));
    std::fs::write(&running, "being written").unwrap();
    let mut ws = Workspace::open_project(&project).unwrap();
    edit(&mut ws, "after a kill");
    ws.save().unwrap();
    assert!(!stale.exists(), "the dead process's temporary file is gone");
    assert!(running.exists(), "a running process's is kept");
}

/// Edits an annotated article so that `check --fix` has something to write.
fn shift_first_article(sample: &SampleCopy) {
    let first = sample.corpus().join("000_06f3196ba6b743a6.txt");
    let text = std::fs::read_to_string(&first).unwrap();
    let (title, body) = text.split_once('\n').unwrap();
    std::fs::write(&first, format!("{title}\nA line added above.\n{body}")).unwrap();
}

#[test]
fn two_concurrent_fixes_keep_the_original_as_the_backup() {
    let sample = SampleCopy::new();
    shift_first_article(&sample);
    let project = sample.project();
    let original = std::fs::read(&project).unwrap();
    for round in 0..8 {
        std::fs::write(&project, &original).unwrap();
        let _ = std::fs::remove_file(backup_path(&project));
        let children: Vec<_> = (0..2)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_whosaid"))
                    .args(["check".as_ref(), "--fix".as_ref(), project.as_os_str()])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outcomes: Vec<_> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        let fixed = std::fs::read(&project).unwrap();
        assert_ne!(fixed, original, "round {round}: a fix was written");
        load_project(&project)
            .unwrap_or_else(|e| panic!("round {round}: the project does not load: {e}"));
        assert!(
            std::fs::read(backup_path(&project)).unwrap() == original,
            "round {round}: the backup is not the original; stderr: {:?}",
            outcomes
                .iter()
                .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
                .collect::<Vec<_>>()
        );
    }
}

/// How long an app's save of a big project takes (10,000 articles, 100,000 annotations, as the
/// core benchmark). By hand, with the crate optimized:
/// `CARGO_PROFILE_DEV_OPT_LEVEL=3 cargo test --test safe_saving -- --ignored --nocapture`.
#[test]
#[ignore = "a timing, run by hand"]
fn time_saves_of_a_big_project() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/large");
    let path = whosaid::synthetic::large_project(&root).unwrap();
    let copy = root.join("timing-save.ron");
    std::fs::copy(&path, &copy).unwrap();
    let size = std::fs::metadata(&copy).unwrap().len();
    let options = Default::default();
    let progress = whosaid::progress::Progress::default();
    let mut ws = Workspace::open_project_reporting(&copy, &options, &progress).unwrap();
    let mut times = Vec::new();
    for round in 0..5 {
        edit(&mut ws, &format!("round {round}"));
        let t = std::time::Instant::now();
        ws.save().unwrap();
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let text = std::fs::read_to_string(&copy).unwrap();
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let p = whosaid::project::parse_project(&copy, &text).unwrap();
        let parsed = t.elapsed().as_secs_f64();
        drop(p);
        println!(
            "parse {parsed:.3} s, +drop {:.3} s",
            t.elapsed().as_secs_f64()
        );
    }
    println!(
        "save of a {:.1} MB project after one change: median {:.3} s, worst {:.3} s",
        size as f64 / 1e6,
        times[2],
        times[4]
    );
}
