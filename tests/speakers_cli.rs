//! `whosaid speakers`: the registry with span counts and the merges it proposes.

use std::process::Command;
use whosaid::project::Label;
use whosaid::workspace::{Intent, Workspace};

fn project_with_variants(dir: &std::path::Path) -> std::path::PathBuf {
    std::fs::create_dir(dir.join("c")).unwrap();
    std::fs::write(
        dir.join("c/a.txt"),
        "Zelenskiy said no. Mr Zelensky said yes. Johnson agreed. Johnston did not.\n",
    )
    .unwrap();
    let mut ws = Workspace::open_corpus(&dir.join("c")).unwrap();
    for (range, name) in [
        (0..18, "Volodymyr Zelenskiy"),
        (19..40, "Mr Zelensky"),
        (41..56, "Boris Johnson"),
        (57..74, "Johnston"),
    ] {
        let id = ws
            .perform(Intent::Tag {
                doc: "a.txt".into(),
                range,
                label: Label::Claim,
            })
            .unwrap()
            .annotation
            .unwrap();
        ws.perform(Intent::CreateSpeakerFor {
            id,
            name: name.into(),
            role: whosaid::workspace::SpeakerRole::Main,
        })
        .unwrap();
    }
    let path = dir.join("p.ron");
    ws.save_as(&path).unwrap();
    path
}

#[test]
fn lists_speakers_with_counts_and_proposes_merges_as_table_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let project = project_with_variants(dir.path());
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["speakers", project.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("Volodymyr Zelenskiy"), "{table}");
    // Ids are the project's own (long, session-made): read them from the table's rows.
    let id_of = |name: &str| {
        table
            .lines()
            .find(|l| l.split("  ").any(|cell| cell.trim() == name))
            .and_then(|l| l.split_whitespace().next())
            .unwrap_or_else(|| panic!("no row for {name} in\n{table}"))
            .to_string()
    };
    let (mr, full) = (id_of("Mr Zelensky"), id_of("Volodymyr Zelenskiy"));
    assert!(
        table.contains(&format!(
            "sure    merge {mr} “Mr Zelensky” into {full} “Volodymyr Zelenskiy”"
        )),
        "{table}"
    );
    let header = table.lines().next().unwrap();
    let row = table.lines().nth(1).unwrap();
    assert_eq!(
        header.find("name"),
        row.find(char::is_alphabetic),
        "the name column lines up under its header:\n{table}"
    );

    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["speakers", project.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let speakers = json["speakers"].as_array().unwrap();
    assert_eq!(speakers.len(), 4);
    assert!(
        speakers
            .iter()
            .all(|s| s["spans"] == 1 && s["kind"] == "person")
    );
    let proposals = json["proposals"].as_array().unwrap();
    let sure: Vec<_> = proposals.iter().filter(|p| p["sure"] == true).collect();
    assert_eq!(sure.len(), 1, "{proposals:?}");
    assert_eq!(sure[0]["merge_name"], "Mr Zelensky");
    // Johnson and Johnston are at most a question, never a sure merge.
    assert!(
        proposals
            .iter()
            .all(|p| p["sure"] == false || !p["reason"].as_str().unwrap().contains("Johnston"))
    );
}
