//! Articles added to the corpus after a project was saved: the next save lists each document once
//! and loads again, through `whosaid check --fix` as through the workspace.

mod common;

use common::*;
use std::process::Command;
use whosaid::workspace::Workspace;

fn whosaid(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .output()
        .unwrap()
}

/// Adds an article that sorts between two annotated ones and edits a sentence of the first.
fn add_and_edit(sample: &SampleCopy) {
    std::fs::write(
        sample.corpus().join("002a_new.txt"),
        "A new article\n\nOfficials said nothing new.\n",
    )
    .unwrap();
    let first = sample.corpus().join("000_06f3196ba6b743a6.txt");
    let text = std::fs::read_to_string(&first).unwrap();
    let edited = text.replacen("NATO", "the North Atlantic alliance", 1);
    assert_ne!(edited, text);
    std::fs::write(&first, edited).unwrap();
}

#[test]
fn a_new_article_is_listed_once_and_the_fixed_project_opens_again() {
    let sample = SampleCopy::new();
    add_and_edit(&sample);
    let project = sample.project();

    let fix = whosaid(&["check".as_ref(), "--fix".as_ref(), project.as_os_str()]);
    let stderr = String::from_utf8_lossy(&fix.stderr);
    assert_ne!(fix.status.code(), Some(2), "check --fix failed: {stderr}");

    let again = whosaid(&["check".as_ref(), project.as_os_str()]);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        !stderr.contains("listed twice"),
        "the written project does not load: {stderr}"
    );
    assert_ne!(again.status.code(), Some(2), "{stderr}");

    let ws = Workspace::open_project(&project).unwrap();
    let paths: Vec<&str> = ws
        .project()
        .documents
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(paths.len(), 6, "{paths:?}");
    assert!(paths.is_sorted(), "{paths:?}");
    assert!(paths.contains(&"002a_new.txt"));
}

#[test]
fn the_workspace_saves_a_corpus_with_new_articles_as_a_project_that_loads() {
    let sample = SampleCopy::new();
    add_and_edit(&sample);
    let mut ws = Workspace::open_project(&sample.project()).unwrap();
    ws.save().unwrap();
    let reread = Workspace::open_project(&sample.project()).expect("the saved project loads");
    assert_eq!(reread.project(), ws.project());
}
