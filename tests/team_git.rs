//! Teams through git: two analysts' branches each import into the sample project, and `git merge`
//! with the whosaid merge driver (configured by `whosaid git-setup`, as the README says) joins them.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use whosaid::project::{AnnotationId, Label, load_project};

fn bin_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_whosaid"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// PATH with the built `whosaid` first, as an installed one would be for git's merge driver.
fn path_env() -> std::ffi::OsString {
    let mut dirs = vec![bin_dir()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).unwrap()
}

fn run(dir: &Path, program: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(program);
    c.args(args).current_dir(dir).env("PATH", path_env());
    // The analysts' names come from the test, never from the machine's settings.
    c.env_remove("WHOSAID_ANNOTATOR")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn ok(dir: &Path, program: &str, args: &[&str], env: &[(&str, &str)]) -> String {
    let out = run(dir, program, args, env);
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

/// A git repository holding a copy of the sample, set up with `whosaid git-setup`, base committed.
fn repo() -> SampleCopy {
    let sample = SampleCopy::new();
    let dir = sample.dir.path();
    ok(dir, "git", &["init", "-q", "-b", "main"], &[]);
    ok(dir, "git", &["config", "user.name", "Test Base"], &[]);
    ok(
        dir,
        "git",
        &["config", "user.email", "base@example.org"],
        &[],
    );
    ok(dir, "whosaid", &["git-setup", "."], &[]);
    ok(
        dir,
        "git",
        &[
            "add",
            ".gitattributes",
            "projects/ukraine-nato.ron",
            "assets",
        ],
        &[],
    );
    ok(dir, "git", &["commit", "-q", "-m", "base"], &[]);
    sample
}

const PROJECT: &str = "projects/ukraine-nato.ron";

#[test]
fn git_setup_writes_the_driver_and_attribute_the_readme_gives() {
    let sample = repo();
    let dir = sample.dir.path();
    let driver = ok(dir, "git", &["config", "merge.whosaid.driver"], &[]);
    assert_eq!(driver.trim(), "whosaid merge %O %A %B -o %A");
    let attributes = std::fs::read_to_string(dir.join(".gitattributes")).unwrap();
    assert_eq!(attributes, "*.ron merge=whosaid\n");
    // Twice is the same as once.
    ok(dir, "whosaid", &["git-setup", "."], &[]);
    assert_eq!(
        std::fs::read_to_string(dir.join(".gitattributes")).unwrap(),
        attributes
    );
}

#[test]
fn two_branches_importing_into_the_project_merge_through_git_with_both_sets() {
    let sample = repo();
    let dir = sample.dir.path();
    let base = load_project(&sample.project()).unwrap();
    let base_count = base.annotations().count();
    // Two analysts' work: records of the sample's own export, three each.
    let inputs = tempfile::tempdir().unwrap();
    let all = inputs.path().join("all.jsonl");
    ok(
        dir,
        "whosaid",
        &[
            "export",
            PROJECT,
            "--format",
            "jsonl",
            "-o",
            all.to_str().unwrap(),
        ],
        &[],
    );
    let lines: Vec<String> = std::fs::read_to_string(&all)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let (a, b) = (
        inputs.path().join("ana.jsonl"),
        inputs.path().join("bo.jsonl"),
    );
    std::fs::write(&a, lines[..3].join("\n") + "\n").unwrap();
    std::fs::write(&b, lines[10..13].join("\n") + "\n").unwrap();

    let import = |file: &Path, env: &[(&str, &str)], extra: &[&str]| {
        let mut args = vec!["import", "--format", "jsonl", file.to_str().unwrap()];
        args.extend(["--corpus", "assets/corpus", "--into", PROJECT]);
        args.extend(extra);
        ok(dir, "whosaid", &args, env)
    };
    ok(dir, "git", &["checkout", "-q", "-b", "ana"], &[]);
    let said = import(&a, &[], &["--annotator", "Ana"]);
    assert!(said.contains("imported 3 annotations"), "{said}");
    // Their speakers are the project's, joined by name: none added twice.
    assert!(said.contains("(0 new)"), "{said}");
    ok(
        dir,
        "git",
        &["commit", "-q", "-am", "Ana's annotations"],
        &[],
    );

    ok(dir, "git", &["checkout", "-q", "-b", "bo", "main"], &[]);
    import(&b, &[("WHOSAID_ANNOTATOR", "Bo")], &[]);
    ok(
        dir,
        "git",
        &["commit", "-q", "-am", "Bo's annotations"],
        &[],
    );

    ok(dir, "git", &["checkout", "-q", "ana"], &[]);
    ok(dir, "git", &["merge", "-q", "--no-edit", "bo"], &[]);

    let text = std::fs::read_to_string(sample.project()).unwrap();
    assert!(!text.contains("<<<<<<<") && !text.contains(">>>>>>>"));
    let merged = load_project(&sample.project()).unwrap();
    assert_eq!(merged.annotations().count(), base_count + 6);
    let by = |name: &str| {
        merged
            .annotations()
            .filter(|(_, a)| a.annotator == name)
            .count()
    };
    assert_eq!(
        (by("Ana"), by("Bo")),
        (3, 3),
        "both sets, each with its analyst"
    );
    // Every base annotation is still there, unchanged.
    for (_, a) in base.annotations() {
        assert_eq!(merged.find_annotation(a.id).unwrap().1, a);
    }
    let clean = ok(
        dir,
        "git",
        &["status", "--porcelain", "--untracked-files=no"],
        &[],
    );
    assert_eq!(clean.trim(), "", "the merge committed cleanly");
}

/// Sets the label of annotation 27 in the project file on disk.
fn relabel(project: &Path, label: &str) {
    let text = std::fs::read_to_string(project).unwrap();
    let from = "id: 27,\n          label: Quote,";
    assert!(
        text.contains(from),
        "annotation 27 is a quote in the sample"
    );
    let to = format!("id: 27,\n          label: {label},");
    std::fs::write(project, text.replace(from, &to)).unwrap();
}

#[test]
fn a_conflicting_git_merge_leaves_a_loadable_project_with_the_conflict_and_no_markers() {
    let sample = repo();
    let dir = sample.dir.path();
    ok(dir, "git", &["checkout", "-q", "-b", "ana"], &[]);
    relabel(&sample.project(), "Claim");
    ok(dir, "git", &["commit", "-q", "-am", "a claim"], &[]);
    ok(dir, "git", &["checkout", "-q", "-b", "bo", "main"], &[]);
    relabel(&sample.project(), "Demand");
    ok(dir, "git", &["commit", "-q", "-am", "a demand"], &[]);
    ok(dir, "git", &["checkout", "-q", "ana"], &[]);
    let out = run(dir, "git", &["merge", "--no-edit", "bo"], &[]);
    assert!(!out.status.success(), "git reports the conflict");
    let text = std::fs::read_to_string(sample.project()).unwrap();
    assert!(!text.contains("<<<<<<<"), "no line conflict markers");
    let merged = load_project(&sample.project()).unwrap();
    let (doc, ours) = merged.find_annotation(AnnotationId(27)).unwrap();
    assert_eq!(ours.label, Label::Claim, "our version kept");
    let conflict = &doc.conflicts[0];
    assert_eq!(conflict.theirs.as_ref().unwrap().label, Label::Demand);
}

#[test]
fn merge_exit_status_is_0_clean_1_conflicts_2_error() {
    let sample = SampleCopy::new();
    let dir = sample.dir.path();
    let p = sample.project();
    let (ours, theirs, out) = (
        dir.join("ours.ron"),
        dir.join("theirs.ron"),
        dir.join("out.ron"),
    );
    std::fs::copy(&p, &ours).unwrap();
    std::fs::copy(&p, &theirs).unwrap();
    let args = |o: &Path| {
        vec![
            p.to_str().unwrap().to_string(),
            ours.to_str().unwrap().to_string(),
            theirs.to_str().unwrap().to_string(),
            "-o".into(),
            o.to_str().unwrap().to_string(),
        ]
    };
    let merge = |o: &Path| {
        let a = args(o);
        let mut v = vec!["merge"];
        v.extend(a.iter().map(String::as_str));
        run(dir, "whosaid", &v, &[])
    };
    assert_eq!(merge(&out).status.code(), Some(0));
    let count = load_project(&p).unwrap().annotations().count();
    assert_eq!(load_project(&out).unwrap().annotations().count(), count);
    relabel(&ours, "Claim");
    relabel(&theirs, "Demand");
    let conflicted = merge(&out);
    assert_eq!(conflicted.status.code(), Some(1));
    let said = String::from_utf8_lossy(&conflicted.stderr);
    assert!(
        said.contains("annotation 27") && said.contains("label"),
        "{said}"
    );
    let conflicts: usize = load_project(&out)
        .unwrap()
        .documents
        .iter()
        .map(|d| d.conflicts.len())
        .sum();
    assert_eq!(conflicts, 1);
    std::fs::write(&theirs, "(format_version: 3, corpus: \"x\", oops)").unwrap();
    let before = std::fs::read(&out).unwrap();
    let failed = merge(&out);
    assert_eq!(failed.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("theirs.ron:1:"));
    assert_eq!(
        std::fs::read(&out).unwrap(),
        before,
        "the output is left as it was"
    );
}

#[test]
fn import_into_refuses_another_corpus_and_leaves_the_project_alone() {
    let sample = SampleCopy::new();
    let dir = sample.dir.path();
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("x.txt"), "Some text.").unwrap();
    let input = other.path().join("in.jsonl");
    std::fs::write(&input, "").unwrap();
    let before = std::fs::read(sample.project()).unwrap();
    let out = run(
        dir,
        "whosaid",
        &[
            "import",
            "--format",
            "jsonl",
            input.to_str().unwrap(),
            "--corpus",
            other.path().to_str().unwrap(),
            "--into",
            PROJECT,
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("ukraine-nato.ron is over the corpus"),
        "{said}"
    );
    assert_eq!(std::fs::read(sample.project()).unwrap(), before);
}
