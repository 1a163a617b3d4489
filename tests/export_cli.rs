//! `whosaid export` as a user runs it: JSONL and CSV whose offsets give back the exact text.

mod common;

use common::*;
use std::process::Command;
use whosaid::workspace::Workspace;

fn export(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .arg("export")
        .args(args)
        .output()
        .unwrap()
}

/// The document text at code points `start..end`, computed independently of whosaid.
fn slice(corpus: &std::path::Path, doc: &str, start: usize, end: usize) -> String {
    let text = std::fs::read_to_string(corpus.join(doc)).unwrap();
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn jsonl_records_carry_every_field_and_exact_text() {
    let sample = SampleCopy::new();
    let project = sample.project();
    let out = export(&[project.to_str().unwrap(), "--format", "jsonl"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let ws = Workspace::open_project(&project).unwrap();
    assert_eq!(stdout.lines().count(), ws.project().annotations().count());
    let mut labels = std::collections::BTreeSet::new();
    let mut multi = 0;
    let (mut demands_with_addressee, mut joint) = (0, 0);
    for line in stdout.lines() {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        for field in [
            "doc",
            "title",
            "start",
            "end",
            "text",
            "fragments",
            "label",
            "speaker_id",
            "speaker",
            "note",
            "id",
            "speakers",
            "speaker_ids",
            "addressee",
            "addressee_id",
            "cue",
            "outlet",
            "date",
            "url",
            "suggested",
            "suggestion_confidence",
            "annotator",
        ] {
            assert!(r.get(field).is_some(), "{field} missing in {line}");
        }
        // `speaker` is the first of `speakers`.
        let speakers = r["speakers"].as_array().unwrap();
        assert_eq!(
            speakers.first().unwrap_or(&serde_json::Value::Null),
            &r["speaker"]
        );
        if r["label"] == "demand" {
            demands_with_addressee += usize::from(r["addressee"].is_string());
        }
        joint += usize::from(speakers.len() > 1);
        let doc = r["doc"].as_str().unwrap();
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            r["text"].as_str().unwrap(),
            slice(&sample.corpus(), doc, s, e)
        );
        let fragments = r["fragments"].as_array().unwrap();
        multi += usize::from(fragments.len() > 1);
        for f in fragments {
            let (fs, fe) = (
                f["start"].as_u64().unwrap() as usize,
                f["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                f["text"].as_str().unwrap(),
                slice(&sample.corpus(), doc, fs, fe)
            );
        }
        labels.insert(r["label"].as_str().unwrap().to_string());
        if let Some(id) = r["speaker_id"].as_u64() {
            let name = ws
                .project()
                .speaker_name(Some(whosaid::project::SpeakerId(id)))
                .unwrap();
            assert_eq!(r["speaker"].as_str().unwrap(), name);
        }
    }
    assert_eq!(
        labels.into_iter().collect::<Vec<_>>(),
        ["claim", "demand", "quote"]
    );
    assert!(multi > 0, "the sample has interrupted quotes");
    assert!(demands_with_addressee >= 10, "{demands_with_addressee}");
    assert_eq!(joint, 1, "“said Mr Logan and Prof Michta”");
}

#[test]
fn csv_to_a_file_is_rfc4180_with_fragment_cells() {
    let sample = SampleCopy::new();
    let project = sample.project();
    let target = sample.dir.path().join("spans.csv");
    let out = export(&[
        project.to_str().unwrap(),
        "--format",
        "csv",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut reader = csv::Reader::from_path(&target).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "id",
            "doc",
            "title",
            "start",
            "end",
            "text",
            "fragments",
            "label",
            "speaker_id",
            "speaker",
            "note",
            "speaker_ids",
            "speakers",
            "addressee_id",
            "addressee",
            "cue",
            "cue_text",
            "outlet",
            "date",
            "url",
            "suggested",
            "suggestion_confidence",
            "annotator"
        ]
    );
    let mut rows = 0;
    for row in reader.records() {
        let row = row.unwrap();
        let (s, e): (usize, usize) = (row[3].parse().unwrap(), row[4].parse().unwrap());
        assert_eq!(&row[5], slice(&sample.corpus(), &row[1], s, e));
        let cells: Vec<(usize, usize)> = row[6]
            .split(';')
            .map(|p| {
                let (a, b) = p.split_once('-').unwrap();
                (a.parse().unwrap(), b.parse().unwrap())
            })
            .collect();
        assert_eq!(cells.first().unwrap().0, s);
        assert_eq!(cells.last().unwrap().1, e);
        rows += 1;
    }
    assert_eq!(
        rows,
        Workspace::open_project(&project)
            .unwrap()
            .project()
            .annotations()
            .count()
    );
    // Python's csv module, which spreadsheets' exchange scripts use, reads the same rows, and
    // each row's text is the document text at its code point offsets (Python str indices).
    let script = "import csv, sys, os\n\
                  rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))\n\
                  for r in rows:\n    \
                      t = open(os.path.join(sys.argv[2], r['doc']), encoding='utf-8', newline='').read()\n    \
                      assert t[int(r['start']):int(r['end'])] == r['text'], r['id']\n\
                  print(len(rows))";
    match Command::new("python3")
        .args(["-c", script])
        .arg(&target)
        .arg(sample.corpus())
        .output()
    {
        Ok(py) => {
            assert!(
                py.status.success(),
                "{}",
                String::from_utf8_lossy(&py.stderr)
            );
            assert_eq!(String::from_utf8_lossy(&py.stdout).trim(), rows.to_string());
        }
        Err(_) => eprintln!("python3 is not installed: the CSV is not read by Python here"),
    }
}

#[test]
fn a_missing_project_fails_with_a_message_naming_it() {
    let out = export(&["/nonexistent/p.ron"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent/p.ron"), "{err}");
}

#[test]
fn help_explains_the_commands() {
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("export"), "{help}");
    assert!(help.contains("corpus folder"), "{help}");
}

#[test]
fn the_html_report_is_one_self_contained_file_with_every_speaker_and_document() {
    let sample = SampleCopy::new();
    let project = sample.project();
    let out_path = project.with_file_name("report.html");
    let out = export(&[
        project.to_str().unwrap(),
        "--format",
        "html",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&out_path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script") && !html.contains("<link"));
    let ws = Workspace::open_project(&project).unwrap();
    for (doc, a) in ws.project().annotations() {
        if let Some(name) = ws.project().speaker_name(a.speaker()) {
            assert!(
                html.contains(&format!(">{name}</h3>")),
                "{name} has a section"
            );
        }
        assert!(
            html.contains(&format!("<p class=\"meta\">{} · ", doc.path)),
            "{} is shown",
            doc.path
        );
    }
    // Well-formed enough for an HTML parser that is not ours, where Python is installed.
    if let Ok(status) = Command::new("python3")
        .args([
            "-c",
            "import sys, html.parser\n\
             class P(html.parser.HTMLParser):\n    \
                 def __init__(s):\n        super().__init__(); s.stack = []; s.marks = 0\n    \
                 def handle_starttag(s, t, a):\n        s.marks += t == 'mark'\n        \
                     s.stack += [] if t in ('br', 'meta') else [t]\n    \
                 def handle_endtag(s, t):\n        assert s.stack.pop() == t, t\n\
             p = P(); p.feed(open(sys.argv[1], encoding='utf-8').read()); assert not p.stack and p.marks > 75",
        ])
        .arg(&out_path)
        .status()
    {
        assert!(status.success(), "python's html.parser found unbalanced tags");
    }
}
