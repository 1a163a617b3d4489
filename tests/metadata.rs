//! Document metadata from `metadata.csv`: read on open, kept in the project, in every export.

use whosaid::interop::{export_records, write_csv};
use whosaid::project::Label;
use whosaid::workspace::{Intent, Workspace};

#[test]
fn metadata_csv_fills_documents_and_reaches_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("a.txt"),
        "Scraped headline | Site\nLogan said no.\n",
    )
    .unwrap();
    std::fs::write(corpus.join("b.txt"), "Other\n").unwrap();
    std::fs::write(
        corpus.join("metadata.csv"),
        "path,title,outlet,date,url\n\
         a.txt,\"Logan: no, not now\",Example Times,2025-12-14,https://example.org/a\n\
         missing.txt,X,,,\n",
    )
    .unwrap();
    let mut ws = Workspace::open_corpus(&corpus).unwrap();
    assert!(
        ws.warnings().iter().any(|w| w.contains("missing.txt")),
        "{:?}",
        ws.warnings()
    );
    let entry = ws.project().document("a.txt").unwrap();
    assert_eq!(entry.metadata.outlet.as_deref(), Some("Example Times"));
    assert!(ws.project().document("b.txt").unwrap().metadata.is_empty());
    ws.perform(Intent::Tag {
        doc: "a.txt".into(),
        range: 24..29,
        label: Label::Claim,
    })
    .unwrap();
    let path = dir.path().join("p.ron");
    ws.save_as(&path).unwrap();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("outlet: Some(\"Example Times\")")
    );

    let ws = Workspace::open_project(&path).unwrap();
    let records = export_records(&ws);
    assert_eq!(records[0].title, "Logan: no, not now");
    assert_eq!(records[0].date.as_deref(), Some("2025-12-14"));
    assert_eq!(records[0].url.as_deref(), Some("https://example.org/a"));
    let mut csv = Vec::new();
    write_csv(&records, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.contains("Example Times,2025-12-14,https://example.org/a"),
        "{csv}"
    );
}
