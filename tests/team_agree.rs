//! `whosaid agree` over analysts' copies of the sample project: identical coders agree fully,
//! what one leaves out shows in the figures, documents not shared are counted, and six projects
//! of four articles take well under a second as a whole process.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use whosaid::project::{Label, Project, load_project, project_to_ron};

/// Writes `project` as `NAME.ron` beside the sample project (so its corpus path holds).
fn save(sample: &SampleCopy, name: &str, project: &Project) -> PathBuf {
    let path = sample
        .dir
        .path()
        .join("projects")
        .join(format!("{name}.ron"));
    std::fs::write(&path, project_to_ron(project)).unwrap();
    path
}

fn agree(paths: &[&Path]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .arg("agree")
        .args(paths)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn identical_coders_agree_fully() {
    let sample = SampleCopy::new();
    let p = sample.project();
    let copy = save(&sample, "copy", &load_project(&p).unwrap());
    let r = agree(&[&p, &copy]);
    assert_eq!(r["documents"], 5);
    for label in ["claim", "quote", "demand"] {
        let f = &r["labels"][label];
        assert_eq!(f["alpha"], 1.0, "{label}");
        assert_eq!(f["strict_f1"], 1.0, "{label}");
        assert_eq!(f["overlap_f1"], 1.0, "{label}");
    }
    assert_eq!(r["speakers"]["equal_share"], 1.0);
    assert!(
        r["definitions"]["alpha"]
            .as_str()
            .unwrap()
            .contains("code point")
    );
}

#[test]
fn a_coder_without_quotes_and_one_missing_a_document() {
    let sample = SampleCopy::new();
    let p = sample.project();
    let full = load_project(&p).unwrap();
    let quotes = full
        .annotations()
        .filter(|(_, a)| a.label == Label::Quote)
        .count();
    let mut no_quotes = full.clone();
    for d in &mut no_quotes.documents {
        d.annotations.retain(|a| a.label != Label::Quote);
    }
    let b = save(&sample, "no-quotes", &no_quotes);
    let r = agree(&[&p, &b]);
    let q = &r["labels"]["quote"];
    // 2 * 0 / (quotes + 0): nothing shared.
    assert_eq!(q["strict_f1"], 0.0);
    assert_eq!(q["overlap_f1"], 0.0);
    assert_eq!(q["annotations"], serde_json::json!([quotes, 0]));
    // Coder B rates every quoted code point 0, A 1: no agreement beyond chance, alpha <= 0.
    assert!(q["alpha"].as_f64().unwrap() <= 0.0, "{q}");
    assert_eq!(r["labels"]["claim"]["strict_f1"], 1.0);

    let mut fewer = full.clone();
    let dropped = fewer.documents.remove(0).path;
    let c = save(&sample, "fewer", &fewer);
    let r = agree(&[&p, &b, &c]);
    assert_eq!(r["documents"], 4);
    assert_eq!(r["left_out"], serde_json::json!([dropped]));
    assert_eq!(r["labels"]["claim"]["pairs"].as_array().unwrap().len(), 3);

    // The table names the projects and the labels.
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["agree", p.to_str().unwrap(), b.to_str().unwrap()])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("[2] ") && table.contains("quote ") && table.contains("overlap F1"));
}

#[test]
fn six_projects_of_four_articles_take_well_under_a_second() {
    let sample = SampleCopy::new();
    let mut base = load_project(&sample.project()).unwrap();
    base.documents.truncate(4);
    let paths: Vec<PathBuf> = (0..6)
        .map(|i| {
            let mut p = base.clone();
            // Each analyst leaves out a different few.
            for d in &mut p.documents {
                let mut k = 0;
                d.annotations.retain(|_| {
                    k += 1;
                    k % 6 != i
                });
            }
            save(&sample, &format!("analyst{i}"), &p)
        })
        .collect();
    let started = std::time::Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .arg("agree")
        .args(&paths)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let took = started.elapsed();
    assert!(out.status.success());
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["documents"], 4);
    assert_eq!(r["overall"]["pairs"].as_array().unwrap().len(), 15);
    // A debug build on a loaded machine: the release figure is in the README.
    assert!(took.as_secs_f64() < 2.0, "{took:?}");
}
