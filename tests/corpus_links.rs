//! A symbolic link in the corpus folder that leads out of it is not read: what it points to never
//! reaches a project or an export, and the analyst is told which link was left out.
#![cfg(unix)]

mod common;

use common::SampleCopy;
use std::os::unix::fs::symlink;
use std::process::Command;

const SECRET: &str = "root:x:0:0:SECRET-OUTSIDE-THE-CORPUS";

/// The names and text of every file under `path` (or the file itself).
fn all_text(path: &std::path::Path) -> String {
    if path.is_dir() {
        let mut out = String::new();
        for entry in std::fs::read_dir(path).unwrap() {
            let entry = entry.unwrap();
            out.push_str(&entry.file_name().to_string_lossy());
            out.push_str(&all_text(&entry.path()));
        }
        out
    } else {
        std::fs::read_to_string(path).unwrap()
    }
}

#[test]
fn a_link_out_of_the_corpus_is_reported_and_never_exported() {
    let sample = SampleCopy::new();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("passwd");
    std::fs::write(&secret, format!("{SECRET}\n")).unwrap();
    symlink(&secret, sample.corpus().join("zz.txt")).unwrap();
    // A link that stays inside the corpus is an article like any other.
    let first = std::fs::read_dir(sample.corpus())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|n| n.starts_with("000_"))
        .unwrap();
    symlink(&first, sample.corpus().join("zz_inside.txt")).unwrap();

    let out_dir = tempfile::tempdir().unwrap();
    for (format, name) in [
        ("brat", "brat"),
        ("labelstudio", "ls.json"),
        ("doccano", "doccano.jsonl"),
        ("jsonl", "all.jsonl"),
    ] {
        let output = out_dir.path().join(name);
        let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
            .args([
                "export",
                sample.project().to_str().unwrap(),
                "--format",
                format,
            ])
            .arg("-o")
            .arg(&output)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{format}: {err}");
        // The link as the project reaches it (through `../assets/corpus`), and where it leads.
        let expected = format!(
            "corpus/zz.txt is a link to {}, outside the corpus folder; not read",
            std::fs::canonicalize(&secret).unwrap().display()
        );
        assert!(err.contains(&expected), "{format}: {err}");
        let written = all_text(&output);
        assert!(
            !written.contains("SECRET"),
            "{format} carries the linked file"
        );
        assert!(!written.contains("zz.txt"), "{format} names the link");
        if format != "jsonl" {
            // Those formats carry every document's text: the inside link's too.
            assert!(written.contains("zz_inside"), "{format}");
        }
    }
}
