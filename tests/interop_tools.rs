//! Round trips that replay what the real tools do to whosaid's files before they come back:
//! doccano renumbering entity ids, doccano guessing the file's encoding, Label Studio's JSON-MIN
//! export flattening regions; each import must put every speaker and note on its own span.

mod common;

use common::SampleCopy;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::{Command, Output};
use whosaid::project::{Label, Project};
use whosaid::workspace::{Intent, SpeakerRole, Workspace};

fn whosaid(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn export(project: &Path, format: &str, output: &Path) -> String {
    let out = whosaid(&[
        "export",
        project.to_str().unwrap(),
        "--format",
        format,
        "-o",
        output.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{format}: {}", stderr(&out));
    stderr(&out)
}

/// Imports `input` over `corpus` into `output`; the project and what was reported.
fn import(format: &str, input: &Path, corpus: &Path, output: &Path) -> (Project, String) {
    let out = whosaid(&[
        "import",
        "--format",
        format,
        input.to_str().unwrap(),
        "--corpus",
        corpus.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert!(out.status.success(), "{format}: {err}");
    (Workspace::open_project(output).unwrap().into_project(), err)
}

/// The text of a corpus file at code points `start..end`, read here without whosaid.
fn slice(corpus: &Path, doc: &str, start: usize, end: usize) -> String {
    let text = std::fs::read_to_string(corpus.join(doc)).unwrap();
    text.chars().skip(start).take(end - start).collect()
}

/// Per document, each annotation as the corpus text at its fragments (read from the file), its
/// label, speakers, addressee, note and the text at its cue, sorted.
type Said = (
    Vec<String>,
    String,
    Vec<String>,
    Option<String>,
    String,
    Option<String>,
);

fn said(p: &Project, corpus: &Path) -> BTreeMap<String, Vec<Said>> {
    let mut out: BTreeMap<String, Vec<Said>> = BTreeMap::new();
    for (doc, a) in p.annotations() {
        if !a.is_placed() {
            continue;
        }
        out.entry(doc.path.clone()).or_default().push((
            a.fragments
                .iter()
                .map(|f| slice(corpus, &doc.path, f.start, f.end))
                .collect(),
            a.label.key().to_string(),
            a.speakers
                .iter()
                .map(|s| p.speaker(*s).unwrap().name.clone())
                .collect(),
            p.speaker_name(a.addressee).map(str::to_string),
            a.note.clone(),
            a.cue
                .as_ref()
                .map(|c| slice(corpus, &doc.path, c.start, c.end)),
        ));
    }
    for v in out.values_mut() {
        v.sort();
    }
    out
}

fn read_lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn write_lines(path: &Path, lines: &[Value]) {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(path, text).unwrap();
}

/// What doccano does to a file between its import and its export, with a database that already
/// held an earlier project: entity ids continue from the database's sequence (shifted by
/// `shift`), entities come out in another order (here reversed within each document), relations
/// follow the new ids, and every field it does not know (`attributions`) is kept as it was.
fn renumber_as_doccano_does(lines: &mut [Value], shift: u64) {
    let mut next = shift;
    for line in lines.iter_mut() {
        let entities = line["entities"].as_array_mut().unwrap();
        entities.reverse();
        let mut new_id = HashMap::new();
        for e in entities.iter_mut() {
            next += 1;
            new_id.insert(e["id"].as_u64().unwrap(), next);
            e["id"] = next.into();
        }
        for r in line["relations"].as_array_mut().unwrap() {
            for end in ["from_id", "to_id"] {
                r[end] = new_id[&r[end].as_u64().unwrap()].into();
            }
        }
        line["id"] = (line["id"].as_u64().unwrap() + 40).into();
    }
}

#[test]
fn doccano_renumbered_ids_leave_every_speaker_and_note_on_its_own_span() {
    let sample = SampleCopy::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doccano.jsonl");
    export(&sample.project(), "doccano", &file);
    let original = said(
        &Workspace::open_project(&sample.project())
            .unwrap()
            .into_project(),
        &sample.corpus(),
    );
    let count: usize = original.values().map(Vec::len).sum();
    assert!(count > 50, "{count}");
    // A shift smaller than the sample's entity count: old ids name other spans of the file.
    for shift in [0, 12, 5_000] {
        let mut lines = read_lines(&file);
        renumber_as_doccano_does(&mut lines, shift);
        let renumbered = dir.path().join(format!("renumbered-{shift}.jsonl"));
        write_lines(&renumbered, &lines);
        let back = dir.path().join(format!("back-{shift}.ron"));
        let (project, err) = import("doccano", &renumbered, &sample.corpus(), &back);
        assert!(err.contains("no problems"), "shift {shift}: {err}");
        assert_eq!(original, said(&project, &sample.corpus()), "shift {shift}");
    }
}

#[test]
fn a_doccano_attribution_whose_span_is_gone_is_reported_not_moved() {
    let sample = SampleCopy::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doccano.jsonl");
    export(&sample.project(), "doccano", &file);
    let mut lines = read_lines(&file);
    renumber_as_doccano_does(&mut lines, 3);
    // An analyst deletes, in doccano, an annotation of one fragment with a speaker in the first
    // document: its entity and relations go, its attribution stays.
    let key = |v: &Value| {
        (
            v["start_offset"].as_u64().unwrap(),
            v["end_offset"].as_u64().unwrap(),
            v["label"].as_str().unwrap().to_string(),
        )
    };
    let line = &mut lines[0];
    let continued: Vec<u64> = line["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["type"] == "continues")
        .map(|r| r["from_id"].as_u64().unwrap())
        .collect();
    let entities = line["entities"].as_array().unwrap().clone();
    let (attribution, gone) = line["attributions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| !x["speakers"].as_array().unwrap().is_empty())
        .find_map(|x| {
            let same: Vec<u64> = entities
                .iter()
                .filter(|e| key(e) == key(x))
                .map(|e| e["id"].as_u64().unwrap())
                .collect();
            (same.len() == 1 && !continued.contains(&same[0])).then(|| (x.clone(), same[0]))
        })
        .unwrap();
    line["entities"]
        .as_array_mut()
        .unwrap()
        .retain(|e| e["id"] != gone);
    line["relations"]
        .as_array_mut()
        .unwrap()
        .retain(|r| r["from_id"] != gone && r["to_id"] != gone);
    let edited = dir.path().join("edited.jsonl");
    write_lines(&edited, &lines);
    let (project, err) = import(
        "doccano",
        &edited,
        &sample.corpus(),
        &dir.path().join("b.ron"),
    );
    let annotation = attribution["annotation"].as_u64().unwrap();
    assert!(
        err.contains(&format!("attribution of annotation {annotation}"))
            && err.contains("not imported")
            && err.contains("edited.jsonl:1"),
        "{err}"
    );
    // Everything else came back on its own span; the deleted one is simply missing.
    let mut original = said(
        &Workspace::open_project(&sample.project())
            .unwrap()
            .into_project(),
        &sample.corpus(),
    );
    let doc = lines[0]["doc"].as_str().unwrap().to_string();
    let speakers: Vec<String> = attribution["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    let list = original.get_mut(&doc).unwrap();
    let before = list.len();
    let (start, end, label) = key(&attribution);
    let text = std::fs::read_to_string(sample.corpus().join(&doc)).unwrap();
    let units: Vec<u16> = text.encode_utf16().collect();
    let deleted = String::from_utf16(&units[start as usize..end as usize]).unwrap();
    list.retain(|s| {
        !(s.0 == [deleted.clone()] && s.1.eq_ignore_ascii_case(&label) && s.2 == speakers)
    });
    assert_eq!(list.len(), before - 1);
    assert_eq!(original, said(&project, &sample.corpus()));
}

/// A corpus whose offsets differ in every unit: flag and face emoji (two code points, four
/// UTF-16 units), CRLF line endings, curly quotes and dashes; a quote in two pieces with a
/// speaker, a cue and a note, a demand with an addressee. The project file and the corpus.
fn emoji_project(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let text = "Talks 🇺🇦🇪🇺 resumed.\r\n“We will not give up 😀,” said Volodymyr Zelenskyy – \
                firmly. “Never.”\r\nNATO urged Kyiv to wait — for now.\r\n";
    std::fs::write(corpus.join("flags.txt"), text).unwrap();
    std::fs::write(corpus.join("plain.txt"), "Nothing here.\n").unwrap();
    let mut ws = Workspace::open_corpus(&corpus).unwrap();
    let at = |needle: &str| {
        let start = text[..text.find(needle).unwrap()].chars().count();
        start..start + needle.chars().count()
    };
    let tag = |ws: &mut Workspace, needle: &str, label| {
        ws.perform(Intent::Tag {
            doc: "flags.txt".into(),
            range: at(needle),
            label,
        })
        .unwrap()
        .annotation
        .unwrap()
    };
    let quote = tag(&mut ws, "“We will not give up 😀,”", Label::Quote);
    ws.perform(Intent::AddFragment {
        id: quote,
        range: at("“Never.”"),
    })
    .unwrap();
    ws.perform(Intent::CreateSpeakerFor {
        id: quote,
        name: "Volodymyr Zelenskyy".into(),
        role: SpeakerRole::Main,
    })
    .unwrap();
    ws.perform(Intent::SetCue {
        id: quote,
        range: Some(at("said")),
    })
    .unwrap();
    ws.perform(Intent::SetNote {
        id: quote,
        note: "“firm” – 😀 inside".into(),
    })
    .unwrap();
    let demand = tag(&mut ws, "wait — for now", Label::Demand);
    ws.perform(Intent::CreateSpeakerFor {
        id: demand,
        name: "NATO".into(),
        role: SpeakerRole::Main,
    })
    .unwrap();
    ws.perform(Intent::CreateSpeakerFor {
        id: demand,
        name: "Kyiv".into(),
        role: SpeakerRole::Addressee,
    })
    .unwrap();
    let project = dir.join("flags.ron");
    ws.save_as(&project).unwrap();
    (project, corpus)
}

#[test]
fn doccano_files_are_ascii_so_a_wrong_encoding_guess_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    let (project, corpus) = emoji_project(dir.path());
    let file = dir.path().join("doccano.jsonl");
    let err = export(&project, "doccano", &file);
    // The export says which doccano project settings it needs.
    assert!(
        err.contains("Allow overlapping spans") && err.contains("Sequence Labeling"),
        "{err}"
    );
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        bytes.iter().all(|b| *b < 0x80),
        "non-ASCII bytes in the file"
    );
    // Whatever single-byte encoding a tool guesses (Windows-1254, Latin-1), ASCII reads the
    // same, and the JSON escapes bring back the emoji and curly quotes.
    let as_latin1: String = bytes.iter().map(|&b| char::from(b)).collect();
    let first: Value = serde_json::from_str(as_latin1.lines().next().unwrap()).unwrap();
    let text = std::fs::read_to_string(corpus.join("flags.txt")).unwrap();
    assert_eq!(first["text"], text.as_str());
    let units: Vec<u16> = text.encode_utf16().collect();
    let quote = &first["entities"][0];
    let (s, e) = (
        quote["start_offset"].as_u64().unwrap() as usize,
        quote["end_offset"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        String::from_utf16(&units[s..e]).unwrap(),
        "“We will not give up 😀,”"
    );
    assert_eq!(first["attributions"][0]["note"], "“firm” – 😀 inside");
    // And it imports back as it was.
    let (back, err) = import("doccano", &file, &corpus, &dir.path().join("back.ron"));
    assert!(err.contains("no problems"), "{err}");
    let original = Workspace::open_project(&project).unwrap().into_project();
    assert_eq!(said(&original, &corpus), said(&back, &corpus));
}

/// Label Studio's JSON-MIN export of tasks, made as its converter makes it: per task, the task's
/// data at the top; per control (`from_name`) the list of its results' values, relations dropped;
/// a text area's one-line value flattened to its string (its region's offsets lost), and a
/// control with one text-area value that value alone; then the annotation's bookkeeping.
fn json_min(tasks: &Value) -> Value {
    let mut records = Vec::new();
    for (n, task) in tasks.as_array().unwrap().iter().enumerate() {
        let mut record = task["data"].as_object().unwrap().clone();
        record.insert("id".into(), (n + 1).into());
        let Some(annotation) = task["annotations"].get(0) else {
            records.push(Value::Object(record));
            continue;
        };
        let mut outputs: Vec<(String, &str, Vec<Value>)> = Vec::new();
        for r in annotation["result"].as_array().unwrap() {
            let Some(name) = r.get("from_name").and_then(Value::as_str) else {
                continue; // relations
            };
            let kind = if r["type"] == "textarea" {
                "TextArea"
            } else {
                "Labels"
            };
            let value = r["value"].clone();
            match outputs.iter_mut().find(|(n, _, _)| n == name) {
                Some((_, _, list)) => list.push(value),
                None => outputs.push((name.to_string(), kind, vec![value])),
            }
        }
        for (name, kind, list) in outputs {
            let pretty: Vec<Value> = list
                .into_iter()
                .map(|v| match v.get("text") {
                    Some(Value::Array(lines)) if kind == "TextArea" && lines.len() == 1 => {
                        lines[0].clone()
                    }
                    _ => v,
                })
                .collect();
            let value = if kind == "TextArea" && pretty.len() == 1 {
                pretty[0].clone()
            } else {
                Value::Array(pretty)
            };
            record.insert(name, value);
        }
        record.insert("annotator".into(), 1.into());
        record.insert("annotation_id".into(), (n + 1).into());
        record.insert("created_at".into(), "2026-11-30T10:00:00.000000Z".into());
        record.insert("updated_at".into(), "2026-11-30T10:00:00.000000Z".into());
        record.insert("lead_time".into(), 12.5.into());
        records.push(Value::Object(record));
    }
    Value::Array(records)
}

#[test]
fn label_studio_json_min_is_rebuilt_from_the_task_data() {
    let sample = SampleCopy::new();
    let dir = tempfile::tempdir().unwrap();
    let tasks = dir.path().join("tasks.json");
    export(&sample.project(), "labelstudio", &tasks);
    let tasks: Value = serde_json::from_str(&std::fs::read_to_string(&tasks).unwrap()).unwrap();
    let min = dir.path().join("min.json");
    std::fs::write(
        &min,
        serde_json::to_string_pretty(&json_min(&tasks)).unwrap(),
    )
    .unwrap();
    let original = said(
        &Workspace::open_project(&sample.project())
            .unwrap()
            .into_project(),
        &sample.corpus(),
    );
    // The sample has quotes in two pieces: the naive reading split them.
    let pieces = original
        .values()
        .flatten()
        .filter(|s| s.0.len() > 1)
        .count();
    assert!(pieces >= 5, "{pieces}");
    let (project, err) = import(
        "labelstudio",
        &min,
        &sample.corpus(),
        &dir.path().join("a.ron"),
    );
    assert!(err.contains("no problems"), "{err}");
    assert_eq!(original, said(&project, &sample.corpus()));
}

#[test]
fn label_studio_json_min_without_task_data_reports_what_it_lost() {
    let dir = tempfile::tempdir().unwrap();
    let (project, corpus) = emoji_project(dir.path());
    let tasks = dir.path().join("tasks.json");
    export(&project, "labelstudio", &tasks);
    let mut tasks: Value = serde_json::from_str(&std::fs::read_to_string(&tasks).unwrap()).unwrap();
    // Tasks made elsewhere (or by an older whosaid) have no attributions in their data.
    for t in tasks.as_array_mut().unwrap() {
        t["data"].as_object_mut().unwrap().remove("attributions");
    }
    let min = dir.path().join("min.json");
    std::fs::write(&min, serde_json::to_string(&json_min(&tasks)).unwrap()).unwrap();
    let (back, err) = import("labelstudio", &min, &corpus, &dir.path().join("b.ron"));
    assert!(
        err.contains("JSON-MIN without whosaid's attributions") && err.contains("min.json"),
        "{err}"
    );
    // Speaker "Volodymyr Zelenskyy", speaker "NATO", addressee "Kyiv", the note: four one-line
    // values that lost their region.
    assert!(
        err.contains("JSON-MIN: 4 speaker, addressee or note value(s)"),
        "{err}"
    );
    // Each region came in on its own text, nobody's speaker on it.
    let texts: Vec<(Vec<String>, Vec<String>)> = said(&back, &corpus)
        .into_values()
        .flatten()
        .map(|s| (s.0, s.2))
        .collect();
    assert_eq!(
        texts,
        [
            (vec!["wait — for now".to_string()], vec![]),
            (vec!["“Never.”".to_string()], vec![]),
            (vec!["“We will not give up 😀,”".to_string()], vec![]),
        ]
    );
}

/// A JSONL record's field as the xlsx cell shows it: numbers as numbers, lists `;`-joined,
/// fragments and cue as `start-end`, nothing as an empty cell.
fn expected_cell(record: &Value, column: &str) -> calamine::Data {
    use calamine::Data;
    let text = |s: String| {
        if s.is_empty() {
            Data::Empty
        } else {
            Data::String(s)
        }
    };
    let span = |v: &Value| format!("{}-{}", v["start"], v["end"]);
    match column {
        "fragments" => text(
            record["fragments"]
                .as_array()
                .unwrap()
                .iter()
                .map(span)
                .collect::<Vec<_>>()
                .join(";"),
        ),
        "speaker_ids" | "speakers" => text(
            record[column]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().map_or(v.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(";"),
        ),
        "cue" => record["cue"]
            .as_object()
            .map_or(Data::Empty, |_| Data::String(span(&record["cue"]))),
        "cue_text" => record["cue"]["text"]
            .as_str()
            .map_or(Data::Empty, |s| Data::String(s.into())),
        _ => match &record[column] {
            Value::Null => Data::Empty,
            Value::Bool(b) => Data::Bool(*b),
            Value::Number(n) => Data::Float(n.as_f64().unwrap()),
            Value::String(s) => text(s.clone()),
            other => panic!("{column}: {other}"),
        },
    }
}

#[test]
fn xlsx_rows_equal_the_jsonl_fields_and_speakers_are_counted() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    for with_emoji in [false, true] {
        let sample = SampleCopy::new();
        let dir = tempfile::tempdir().unwrap();
        let (project, _) = if with_emoji {
            emoji_project(dir.path())
        } else {
            (sample.project(), sample.corpus())
        };
        let (xlsx, jsonl) = (dir.path().join("a.xlsx"), dir.path().join("a.jsonl"));
        export(&project, "xlsx", &xlsx);
        export(&project, "jsonl", &jsonl);
        let records = read_lines(&jsonl);
        let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
        let sheet = book.worksheet_range("Annotations").unwrap();
        let rows: Vec<&[Data]> = sheet.rows().collect();
        let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
        assert_eq!(header, whosaid::interop::XLSX_COLUMNS);
        assert_eq!(rows.len() - 1, records.len());
        for (row, record) in rows[1..].iter().zip(&records) {
            for (column, cell) in header.iter().zip(row.iter()) {
                let want = expected_cell(record, column);
                // f32 confidence: compare as written.
                if let (Data::Float(a), Data::Float(b)) = (cell, &want) {
                    assert!((a - b).abs() < 1e-6, "{column}: {a} vs {b}");
                } else {
                    assert_eq!(cell, &want, "record {} column {column}", record["id"]);
                }
            }
        }
        let all: String = rows
            .iter()
            .flat_map(|r| r.iter())
            .map(|c| c.to_string())
            .collect();
        // Curly quotes, apostrophes and dashes (and emoji) come out as they are, no mojibake.
        let needles: &[&str] = if with_emoji {
            &["“", "”", "–", "—", "😀", "🇺🇦"]
        } else {
            &["“", "”", "’", "—"]
        };
        for needle in needles {
            assert!(all.contains(needle), "{needle}");
        }
        // Per speaker: how many annotations name them, among all the records.
        let speakers = book.worksheet_range("Speakers").unwrap();
        let srows: Vec<&[Data]> = speakers.rows().collect();
        let sheader: Vec<String> = srows[0].iter().map(|c| c.to_string()).collect();
        assert_eq!(sheader, whosaid::interop::SPEAKER_COLUMNS);
        for r in &srows[1..] {
            let name = r[0].to_string();
            let count = records
                .iter()
                .filter(|rec| {
                    rec["speakers"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|s| s == name.as_str())
                })
                .count();
            assert_eq!(r[2], Data::Float(count as f64), "{name}");
        }
        // Frozen header row, filters over every column, and widths set for each sheet.
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
        for (part, rows, last) in [
            ("xl/worksheets/sheet1.xml", rows.len(), "W"),
            ("xl/worksheets/sheet2.xml", srows.len(), "H"),
        ] {
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(part).unwrap(), &mut xml).unwrap();
            assert!(
                xml.contains("state=\"frozen\"") && xml.contains("ySplit=\"1\""),
                "{part}"
            );
            assert!(
                xml.contains(&format!("<autoFilter ref=\"A1:{last}{rows}\"")),
                "{part}"
            );
            assert!(xml.contains("customWidth=\"1\""), "{part}");
        }
    }
}

#[test]
fn spacy_spans_hold_their_text_and_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let (project, corpus) = emoji_project(dir.path());
    let file = dir.path().join("spacy.jsonl");
    export(&project, "spacy", &file);
    let lines = read_lines(&file);
    assert_eq!(lines.len(), 2, "every document, tagged or not");
    let flags = lines
        .iter()
        .find(|l| l["meta"]["doc"] == "flags.txt")
        .unwrap();
    let text = std::fs::read_to_string(corpus.join("flags.txt")).unwrap();
    assert_eq!(flags["text"], text.as_str());
    let chars: Vec<char> = text.chars().collect();
    let at = |s: &Value| -> String {
        chars[s["start"].as_u64().unwrap() as usize..s["end"].as_u64().unwrap() as usize]
            .iter()
            .collect()
    };
    let spans = flags["spans"].as_array().unwrap();
    let found: Vec<(String, &str, u64, Vec<&str>)> = spans
        .iter()
        .map(|s| {
            assert_eq!(at(s), s["text"].as_str().unwrap(), "{s}");
            (
                at(s),
                s["label"].as_str().unwrap(),
                s["fragment"].as_u64().unwrap(),
                s["speakers"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "“We will not give up 😀,”".to_string(),
                "Quote",
                1,
                vec!["Volodymyr Zelenskyy"]
            ),
            (
                "“Never.”".to_string(),
                "Quote",
                2,
                vec!["Volodymyr Zelenskyy"]
            ),
            ("wait — for now".to_string(), "Demand", 1, vec!["NATO"]),
        ]
    );
    // The two pieces share the annotation id; the cue is the text at its offsets.
    assert_eq!(spans[0]["annotation"], spans[1]["annotation"]);
    assert_ne!(spans[0]["annotation"], spans[2]["annotation"]);
    assert_eq!(at(&spans[0]["cue"]), "said");
    assert_eq!(spans[2]["addressee"], "Kyiv");
    // Export -> import gives the same annotations.
    let (back, err) = import("spacy", &file, &corpus, &dir.path().join("back.ron"));
    assert!(err.contains("no problems"), "{err}");
    let original = Workspace::open_project(&project).unwrap().into_project();
    assert_eq!(said(&original, &corpus), said(&back, &corpus));
}

#[test]
fn the_sample_round_trips_through_spacy() {
    let sample = SampleCopy::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("spacy.jsonl");
    export(&sample.project(), "spacy", &file);
    let (back, err) = import("spacy", &file, &sample.corpus(), &dir.path().join("b.ron"));
    assert!(err.contains("no problems"), "{err}");
    let original = Workspace::open_project(&sample.project())
        .unwrap()
        .into_project();
    assert_eq!(
        said(&original, &sample.corpus()),
        said(&back, &sample.corpus())
    );
}
