//! A CSV or JSON Lines table of articles opens as a corpus like a folder does: tag, save, edit the
//! table, reopen (the span re-anchored), export; the table's columns fill the documents' metadata.

use std::process::Command;
use whosaid::project::{AnchorStatus, Label};
use whosaid::workspace::{Intent, Workspace};

const CSV: &str = "id,title,outlet,date,url,text\n\
    kyiv-1,Talks resume,Reuters,2024-05-01,https://example.org/1,\"The minister said the talks would resume. 部长表示谈判将继续。\"\n\
    gaza-2,Ceasefire call,AP,2024-05-02,https://example.org/2,\"قال الوزير إن المحادثات ستستمر. Officials called for a ceasefire.\"\n";

fn char_range(text: &str, needle: &str) -> std::ops::Range<usize> {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    start..start + needle.chars().count()
}

#[test]
fn a_csv_corpus_tags_saves_reanchors_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("articles.csv");
    std::fs::write(&table, CSV).unwrap();

    let mut ws = Workspace::open_corpus(&table).unwrap();
    assert!(ws.warnings().is_empty(), "{:?}", ws.warnings());
    let paths: Vec<&str> = ws
        .corpus()
        .documents
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(paths, ["gaza-2", "kyiv-1"]);
    let entry = ws.project().document("gaza-2").unwrap();
    assert_eq!(entry.metadata.outlet.as_deref(), Some("AP"));
    assert_eq!(entry.metadata.title.as_deref(), Some("Ceasefire call"));

    let needle = "Officials called for a ceasefire.";
    let text = ws
        .corpus()
        .document("gaza-2")
        .unwrap()
        .text
        .as_str()
        .to_owned();
    ws.perform(Intent::Tag {
        doc: "gaza-2".into(),
        range: char_range(&text, needle),
        label: Label::Demand,
    })
    .unwrap();
    let project = dir.path().join("p.ron");
    ws.save_as(&project).unwrap();

    // The newsroom re-exports the table with a correction above the span.
    std::fs::write(
        &table,
        CSV.replace("قال الوزير", "Correction appended. قال الوزير"),
    )
    .unwrap();
    let ws = Workspace::open_project(&project).unwrap();
    let doc = ws.corpus().document("gaza-2").unwrap();
    let a = &ws.project().document("gaza-2").unwrap().annotations[0];
    assert_eq!(a.anchor, AnchorStatus::Placed);
    assert_eq!(
        doc.text.slice(a.fragments[0].start..a.fragments[0].end),
        Some(needle)
    );
    assert_eq!(
        a.fragments[0].start,
        char_range(doc.text.as_str(), needle).start
    );

    let out = dir.path().join("out.jsonl");
    let run = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args([
            "export",
            project.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let exported = std::fs::read_to_string(&out).unwrap();
    let record: serde_json::Value = serde_json::from_str(exported.lines().next().unwrap()).unwrap();
    assert_eq!(record["doc"], "gaza-2");
    assert_eq!(record["text"], needle);
    assert_eq!(record["title"], "Ceasefire call");
}

#[test]
fn a_jsonl_corpus_opens_and_a_table_without_text_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("a.jsonl");
    std::fs::write(&table, "{\"id\": 1, \"body\": \"First 😀 article.\"}\n").unwrap();
    let ws = Workspace::open_corpus(&table).unwrap();
    assert_eq!(ws.corpus().documents[0].path, "1");
    assert_eq!(ws.corpus().documents[0].text.as_str(), "First 😀 article.");

    let bad = dir.path().join("b.csv");
    std::fs::write(&bad, "id,headline\n1,x\n").unwrap();
    let Err(err) = Workspace::open_corpus(&bad) else {
        panic!("a table without text opened")
    };
    let err = err.to_string();
    assert!(
        err.contains("b.csv") && err.contains("no text column"),
        "{err}"
    );
}

#[test]
fn the_app_and_suggest_open_a_table_as_a_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("articles.csv");
    std::fs::write(&table, CSV).unwrap();
    let mut app = whosaid::ui::WhosaidApp::new(
        Box::new(whosaid::ui::NoDialogs),
        whosaid::ui::Settings::default(),
    );
    app.open_path(&table);
    let ws = app.workspace().expect("the table opened");
    assert_eq!(ws.corpus().documents.len(), 2);
    assert!(ws.project_path().is_none(), "a new, unsaved project");

    let out = dir.path().join("s.jsonl");
    let run = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args([
            "suggest",
            table.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let suggestions = std::fs::read_to_string(&out).unwrap();
    assert!(
        suggestions
            .lines()
            .all(|l| l.contains("\"doc\":\"kyiv-1\"") || l.contains("\"doc\":\"gaza-2\"")),
        "{suggestions}"
    );
}
