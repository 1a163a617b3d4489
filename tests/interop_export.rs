//! `whosaid export --format brat|w3c|labelstudio|doccano` as a user runs it, on a corpus with
//! emoji, combining characters, CRLF line endings, a BOM, curly quotes and a U+2028 line
//! separator. Each output is read back by a reader written here, independently of the exporters
//! (a small brat standoff reader; `serde_json::Value`; Python's json module when python3 is
//! there), and the text at every offset, counted in that format's unit, must be the annotation's
//! text.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use whosaid::project::{AnnotationId, Label, SpeakerId};
use whosaid::workspace::{Intent, SpeakerRole, Workspace};

const A: &str = "Kyiv talks 🇺🇦 go on\r\n\r\n“We will not,” said Volodymyr Zelenskiy, “give up on \
                 NATO.” 🇺🇦\r\nThe café owner José (Jose\u{301}) added that the e\u{301}lan was \
                 “unbroken\r\nand proud”.\r\n";
const B: &str = "\u{feff}Summit 😀\nZelenskiy urged NATO to “open the door now” and said: \
                 “Time\u{2028}is short.”\n";
const C: &str = "Nothing tagged here.\n";
const GONE: &str = "These vanishing words will go.\n";

/// What one annotation should look like in every export.
#[derive(Clone, Debug)]
struct Expected {
    id: u64,
    doc: &'static str,
    label: Label,
    fragments: Vec<&'static str>,
    cue: Option<&'static str>,
    speakers: Vec<&'static str>,
    addressee: Option<&'static str>,
    note: &'static str,
}

struct Fixture {
    dir: tempfile::TempDir,
    expected: Vec<Expected>,
    orphan: u64,
}

impl Fixture {
    fn project(&self) -> PathBuf {
        self.dir.path().join("p.ron")
    }

    fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    /// A document's text as whosaid loads it: the file without its BOM, line endings kept.
    fn text(&self, doc: &str) -> String {
        let bytes = std::fs::read(self.corpus().join(doc)).unwrap();
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    fn expected(&self, id: u64) -> &Expected {
        self.expected.iter().find(|e| e.id == id).unwrap()
    }
}

/// Code point offset of the first occurrence of `needle` in `text`.
fn cp(text: &str, needle: &str) -> usize {
    let b = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found"));
    text[..b].chars().count()
}

/// UTF-16 offset of the first occurrence of `needle` in `text`.
fn utf16(text: &str, needle: &str) -> usize {
    let b = text.find(needle).unwrap();
    text[..b].encode_utf16().count()
}

/// The text at code points `start..end`.
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// The text at UTF-16 code units `start..end`.
fn units(text: &str, start: usize, end: usize) -> String {
    let all: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&all[start..end]).unwrap()
}

fn export(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .arg("export")
        .args(args)
        .output()
        .unwrap()
}

fn export_ok(fixture: &Fixture, format: &str, output: &Path) {
    let out = export(&[
        fixture.project().to_str().unwrap(),
        "--format",
        format,
        "-o",
        output.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Tags the corpus through the workspace as the app does, saves the project, then changes one
/// document so that its annotation is orphaned.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("sub")).unwrap();
    std::fs::write(corpus.join("a.txt"), A).unwrap();
    std::fs::write(corpus.join("b.txt"), B).unwrap();
    std::fs::write(corpus.join("sub/c.txt"), C).unwrap();
    std::fs::write(corpus.join("gone.txt"), GONE).unwrap();
    let mut ws = Workspace::open_corpus(&corpus).unwrap();
    let text =
        |ws: &Workspace, doc: &str| ws.corpus().document(doc).unwrap().text.as_str().to_owned();
    let range = |ws: &Workspace, doc: &str, needle: &str| {
        let s = cp(&text(ws, doc), needle);
        s..s + needle.chars().count()
    };
    let tag = |ws: &mut Workspace, doc: &str, needle: &str, label: Label| -> AnnotationId {
        let range = range(ws, doc, needle);
        ws.perform(Intent::Tag {
            doc: doc.into(),
            range,
            label,
        })
        .unwrap()
        .annotation
        .unwrap()
    };
    let speaker = |ws: &Workspace, name: &str| -> SpeakerId {
        ws.project()
            .speakers
            .iter()
            .find(|s| s.name == name)
            .unwrap()
            .id
    };

    let quote = tag(&mut ws, "a.txt", "“We will not,”", Label::Quote);
    let second = range(&ws, "a.txt", "“give up on NATO.”");
    ws.perform(Intent::AddFragment {
        id: quote,
        range: second,
    })
    .unwrap();
    ws.perform(Intent::CreateSpeakerFor {
        id: quote,
        name: "Volodymyr Zelenskiy".into(),
        role: SpeakerRole::Main,
    })
    .unwrap();
    let cue = range(&ws, "a.txt", "said");
    ws.perform(Intent::SetCue {
        id: quote,
        range: Some(cue),
    })
    .unwrap();
    ws.perform(Intent::SetNote {
        id: quote,
        note: "interrupted 😀 quote".into(),
    })
    .unwrap();

    let talks = tag(&mut ws, "a.txt", "talks 🇺🇦 go on", Label::Claim);

    let elan = "the e\u{301}lan was “unbroken\r\nand proud”";
    let claim = tag(&mut ws, "a.txt", elan, Label::Claim);
    ws.perform(Intent::CreateSpeakerFor {
        id: claim,
        name: "Jose\u{301}".into(),
        role: SpeakerRole::Main,
    })
    .unwrap();
    let added = range(&ws, "a.txt", "added");
    ws.perform(Intent::SetCue {
        id: claim,
        range: Some(added),
    })
    .unwrap();
    ws.perform(Intent::SetNote {
        id: claim,
        note: "spans a CRLF".into(),
    })
    .unwrap();

    let demand = tag(&mut ws, "b.txt", "“open the door now”", Label::Demand);
    let zelenskiy = speaker(&ws, "Volodymyr Zelenskiy");
    ws.perform(Intent::SetSpeaker {
        id: demand,
        speaker: Some(zelenskiy),
    })
    .unwrap();
    ws.perform(Intent::CreateSpeakerFor {
        id: demand,
        name: "NATO".into(),
        role: SpeakerRole::Addressee,
    })
    .unwrap();
    let urged = range(&ws, "b.txt", "urged");
    ws.perform(Intent::SetCue {
        id: demand,
        range: Some(urged),
    })
    .unwrap();
    ws.perform(Intent::SetNote {
        id: demand,
        note: "two\nlines".into(),
    })
    .unwrap();

    let time = tag(&mut ws, "b.txt", "“Time\u{2028}is short.”", Label::Quote);
    ws.perform(Intent::SetSpeaker {
        id: time,
        speaker: Some(zelenskiy),
    })
    .unwrap();
    ws.perform(Intent::CreateSpeakerFor {
        id: time,
        name: "Andrii Sybiha".into(),
        role: SpeakerRole::Another,
    })
    .unwrap();

    let orphan = tag(&mut ws, "gone.txt", "vanishing words", Label::Claim);
    ws.save_as(&dir.path().join("p.ron")).unwrap();
    std::fs::write(corpus.join("gone.txt"), "Different text now.\n").unwrap();

    let expected = vec![
        Expected {
            id: quote.0,
            doc: "a.txt",
            label: Label::Quote,
            fragments: vec!["“We will not,”", "“give up on NATO.”"],
            cue: Some("said"),
            speakers: vec!["Volodymyr Zelenskiy"],
            addressee: None,
            note: "interrupted 😀 quote",
        },
        Expected {
            id: talks.0,
            doc: "a.txt",
            label: Label::Claim,
            fragments: vec!["talks 🇺🇦 go on"],
            cue: None,
            speakers: vec![],
            addressee: None,
            note: "",
        },
        Expected {
            id: claim.0,
            doc: "a.txt",
            label: Label::Claim,
            fragments: vec!["the e\u{301}lan was “unbroken\r\nand proud”"],
            cue: Some("added"),
            speakers: vec!["Jose\u{301}"],
            addressee: None,
            note: "spans a CRLF",
        },
        Expected {
            id: demand.0,
            doc: "b.txt",
            label: Label::Demand,
            fragments: vec!["“open the door now”"],
            cue: Some("urged"),
            speakers: vec!["Volodymyr Zelenskiy"],
            addressee: Some("NATO"),
            note: "two\nlines",
        },
        Expected {
            id: time.0,
            doc: "b.txt",
            label: Label::Quote,
            fragments: vec!["“Time\u{2028}is short.”"],
            cue: None,
            speakers: vec!["Volodymyr Zelenskiy", "Andrii Sybiha"],
            addressee: None,
            note: "",
        },
    ];
    Fixture {
        dir,
        expected,
        orphan: orphan.0,
    }
}

// ---------------------------------------------------------------------------------------------
// brat

/// The characters at which Python's `str.splitlines` (used by brat to read `.ann` lines) breaks.
fn python_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{b}'
            | '\u{c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

#[derive(Debug)]
struct TextBound {
    kind: String,
    spans: Vec<(usize, usize)>,
    text: String,
}

#[derive(Debug, Default)]
struct Ann {
    textbounds: BTreeMap<String, TextBound>,
    /// id -> (type, arg1, arg2)
    relations: BTreeMap<String, (String, String, String)>,
    /// target -> note
    notes: BTreeMap<String, String>,
}

/// Reads a `.ann` file as brat does, checking what brat checks: each text-bound annotation's
/// text is the document text at its spans (code points of the `.txt`), joined by single
/// spaces; spans are in order, inside the text and do not overlap; every referenced id exists.
fn read_ann(ann: &str, txt: &str) -> Ann {
    let doc: Vec<char> = txt.chars().collect();
    let mut out = Ann::default();
    assert!(
        !ann.chars().any(|c| python_line_break(c) && c != '\n'),
        "only \\n ends lines: {ann:?}"
    );
    for line in ann.lines() {
        let (id, rest) = line.split_once('\t').unwrap();
        match &id[..1] {
            "T" => {
                let (head, text) = rest.split_once('\t').unwrap();
                let (kind, spans) = head.split_once(' ').unwrap();
                let spans: Vec<(usize, usize)> = spans
                    .split(';')
                    .map(|s| {
                        let (a, b) = s.split_once(' ').unwrap();
                        (a.parse().unwrap(), b.parse().unwrap())
                    })
                    .collect();
                let mut last_end = 0;
                let mut pieces = Vec::new();
                for &(s, e) in &spans {
                    assert!(s < e && e <= doc.len() && s >= last_end, "{line}");
                    last_end = e;
                    let piece: String = doc[s..e].iter().collect();
                    assert!(!piece.chars().any(python_line_break), "{line}");
                    pieces.push(piece);
                }
                assert_eq!(text, pieces.join(" "), "{line}");
                out.textbounds.insert(
                    id.to_string(),
                    TextBound {
                        kind: kind.to_string(),
                        spans,
                        text: text.to_string(),
                    },
                );
            }
            "R" => {
                let parts: Vec<&str> = rest.split(' ').collect();
                assert_eq!(parts.len(), 3, "{line}");
                let arg = |p: &str, name: &str| p.strip_prefix(name).unwrap().to_string();
                out.relations.insert(
                    id.to_string(),
                    (
                        parts[0].to_string(),
                        arg(parts[1], "Arg1:"),
                        arg(parts[2], "Arg2:"),
                    ),
                );
            }
            "#" => {
                let (head, note) = rest.split_once('\t').unwrap();
                let (kind, target) = head.split_once(' ').unwrap();
                assert_eq!(kind, "AnnotatorNotes");
                out.notes.insert(target.to_string(), note.to_string());
            }
            other => panic!("unexpected annotation kind {other}: {line}"),
        }
    }
    for (_, a, b) in out.relations.values() {
        assert!(out.textbounds.contains_key(a) && out.textbounds.contains_key(b));
    }
    for target in out.notes.keys() {
        assert!(out.textbounds.contains_key(target));
    }
    out
}

/// The lines of a brat config section.
fn section<'a>(conf: &'a str, name: &str) -> Vec<&'a str> {
    let header = format!("[{name}]");
    conf.lines()
        .skip_while(|l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect()
}

/// A fragment as brat holds it: cut at line breaks, each piece trimmed, joined by spaces.
fn brat_text(fragments: &[&str]) -> String {
    fragments
        .iter()
        .flat_map(|f| f.split(python_line_break))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn brat_folder_opens_as_is_with_exact_offsets() {
    let fx = fixture();
    let out_dir = fx.dir.path().join("out/brat");
    export_ok(&fx, "brat", &out_dir);

    // The text files are the documents, byte for byte (without the BOM, which brat would count).
    assert_eq!(std::fs::read(out_dir.join("a.txt")).unwrap(), A.as_bytes());
    assert_eq!(
        std::fs::read_to_string(out_dir.join("b.txt")).unwrap(),
        B.trim_start_matches('\u{feff}')
    );
    assert_eq!(
        std::fs::read_to_string(out_dir.join("sub/c.txt")).unwrap(),
        C
    );
    assert_eq!(
        std::fs::read_to_string(out_dir.join("sub/c.ann")).unwrap(),
        ""
    );

    let annotation_conf = std::fs::read_to_string(out_dir.join("annotation.conf")).unwrap();
    let visual_conf = std::fs::read_to_string(out_dir.join("visual.conf")).unwrap();
    let entities = section(&annotation_conf, "entities");
    let relations: Vec<&str> = section(&annotation_conf, "relations")
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    let drawn: BTreeSet<&str> = section(&visual_conf, "drawing")
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    let labelled: BTreeSet<&str> = section(&visual_conf, "labels")
        .iter()
        .map(|l| l.split('|').next().unwrap().trim())
        .collect();

    let mut seen = BTreeSet::new();
    let mut types_used = BTreeSet::new();
    for doc in ["a.txt", "b.txt", "gone.txt"] {
        let base = doc.trim_end_matches(".txt");
        let txt = std::fs::read_to_string(out_dir.join(format!("{base}.txt"))).unwrap();
        assert_eq!(txt, fx.text(doc));
        let ann = read_ann(
            &std::fs::read_to_string(out_dir.join(format!("{base}.ann"))).unwrap(),
            &txt,
        );
        for t in ann.textbounds.values() {
            types_used.insert(("T", t.kind.clone()));
        }
        for (kind, _, _) in ann.relations.values() {
            types_used.insert(("R", kind.clone()));
        }
        for (target, note) in &ann.notes {
            let id: u64 = note
                .split("; ")
                .find_map(|p| p.strip_prefix("id: "))
                .unwrap()
                .parse()
                .unwrap();
            assert_ne!(id, fx.orphan, "orphans are not exported");
            let e = fx.expected(id);
            assert_eq!(e.doc, doc);
            seen.insert(id);
            let t = &ann.textbounds[target];
            assert_eq!(t.kind, e.label.name());
            assert_eq!(t.text, brat_text(&e.fragments));
            // Offsets counted independently: the first piece starts where the first fragment does.
            assert_eq!(t.spans[0].0, cp(&txt, e.fragments[0]));
            for s in &e.speakers {
                assert!(note.contains(&format!("speaker: {s}")), "{note}");
            }
            if let Some(a) = e.addressee {
                assert!(note.contains(&format!("addressee: {a}")), "{note}");
            }
            assert!(note.contains(&e.note.replace('\n', " ")), "{note}");
            let cue = ann
                .relations
                .values()
                .find(|(kind, from, _)| kind == "Has_cue" && from == target);
            match (e.cue, cue) {
                (Some(words), Some((_, _, to))) => {
                    let c = &ann.textbounds[to];
                    assert_eq!((c.kind.as_str(), c.text.as_str()), ("Cue", words));
                    assert_eq!(
                        c.spans,
                        [(cp(&txt, words), cp(&txt, words) + words.chars().count())]
                    );
                }
                (None, None) => {}
                other => panic!("cue of {id}: {other:?}"),
            }
        }
    }
    assert_eq!(seen.len(), fx.expected.len());
    // The multi-line claim is cut at the CRLF; the quote with U+2028 at it.
    let a = std::fs::read_to_string(out_dir.join("a.ann")).unwrap();
    let a_txt = fx.text("a.txt");
    let unbroken = cp(&a_txt, "the e\u{301}lan");
    let and = cp(&a_txt, "and proud");
    assert!(
        a.contains(&format!(
            "Claim {unbroken} {};{and} {}\tthe e\u{301}lan was “unbroken and proud”",
            unbroken + "the e\u{301}lan was “unbroken".chars().count(),
            and + "and proud”".chars().count()
        )),
        "{a}"
    );
    assert!(
        std::fs::read_to_string(out_dir.join("b.ann"))
            .unwrap()
            .contains("\t“Time is short.”")
    );

    // Every type used is declared and drawn.
    for (kind, name) in &types_used {
        let declared = if *kind == "T" {
            entities.contains(&name.as_str())
        } else {
            relations.contains(&name.as_str())
        };
        assert!(
            declared,
            "{name} not in annotation.conf:\n{annotation_conf}"
        );
        assert!(
            drawn.contains(name.as_str()),
            "{name} not drawn in visual.conf"
        );
        assert!(
            labelled.contains(name.as_str()),
            "{name} has no label in visual.conf"
        );
    }
    assert!(types_used.contains(&("R", "Has_cue".to_string())));
    for label in ["Claim", "Quote", "Demand", "Cue"] {
        assert!(entities.contains(&label));
    }
    // The app's colours.
    assert!(
        visual_conf.contains("Claim\tbgColor:#B3CEFB, borderColor:#4285F4"),
        "{visual_conf}"
    );
}

#[test]
fn brat_needs_a_folder_that_is_new_empty_or_an_earlier_export() {
    let fx = fixture();
    let project = fx.project();
    let project = project.to_str().unwrap();

    let out = export(&[project, "--format", "brat"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o FOLDER"));

    let busy = fx.dir.path().join("busy");
    std::fs::create_dir(&busy).unwrap();
    std::fs::write(busy.join("notes.md"), "mine").unwrap();
    let out = export(&[project, "--format", "brat", "-o", busy.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not empty") && err.contains("busy"), "{err}");
    assert_eq!(
        std::fs::read_to_string(busy.join("notes.md")).unwrap(),
        "mine"
    );

    // An empty folder is used; exporting again replaces the earlier export, stale files and all.
    let empty = fx.dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    export_ok(&fx, "brat", &empty);
    assert!(empty.join("a.ann").is_file());
    std::fs::write(empty.join("old.txt"), "stale").unwrap();
    std::fs::write(empty.join("old.ann"), "").unwrap();
    std::fs::write(empty.join(".stats_cache"), "brat's").unwrap();
    export_ok(&fx, "brat", &empty);
    assert!(!empty.join("old.txt").exists());
    assert!(empty.join("sub/c.txt").is_file());
    let leftovers: Vec<_> = std::fs::read_dir(fx.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("whosaid-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // A file is not a folder.
    let file = fx.dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let out = export(&[project, "--format", "brat", "-o", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

// ---------------------------------------------------------------------------------------------
// W3C Web Annotation

/// The text a `SpecificResource` selects, checked against both its selectors.
fn selected(fx: &Fixture, resource: &Value) -> (String, String) {
    let source = resource["source"].as_str().unwrap();
    let doc = source.strip_prefix("urn:whosaid:doc:").unwrap().to_string();
    let text = fx.text(&doc);
    let selectors = resource["selector"].as_array().unwrap();
    let quote = selectors
        .iter()
        .find(|s| s["type"] == "TextQuoteSelector")
        .unwrap();
    let position = selectors
        .iter()
        .find(|s| s["type"] == "TextPositionSelector")
        .unwrap();
    let (start, end) = (
        position["start"].as_u64().unwrap() as usize,
        position["end"].as_u64().unwrap() as usize,
    );
    let exact = quote["exact"].as_str().unwrap();
    assert_eq!(chars(&text, start, end), exact);
    let prefix = quote["prefix"].as_str().unwrap_or("");
    let suffix = quote["suffix"].as_str().unwrap_or("");
    assert_eq!(chars(&text, start - prefix.chars().count(), start), prefix);
    assert_eq!(chars(&text, end, end + suffix.chars().count()), suffix);
    assert!(prefix.chars().count() <= 32 && suffix.chars().count() <= 32);
    (doc, exact.to_string())
}

#[test]
fn w3c_collection_targets_the_exact_text() {
    let fx = fixture();
    let path = fx.dir.path().join("annotations.jsonld");
    export_ok(&fx, "w3c", &path);
    let collection: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(collection["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(collection["type"], "AnnotationCollection");
    let page = &collection["first"];
    assert_eq!(page["type"], "AnnotationPage");
    let items = page["items"].as_array().unwrap();
    assert_eq!(collection["total"], items.len());
    assert_eq!(items.len(), fx.expected.len(), "the orphan is left out");
    for item in items {
        assert_eq!(item["type"], "Annotation");
        let id: u64 = item["id"]
            .as_str()
            .unwrap()
            .strip_prefix("urn:whosaid:annotation:")
            .unwrap()
            .parse()
            .unwrap();
        let e = fx.expected(id);
        let bodies = item["body"].as_array().unwrap();
        let with = |purpose: &str, role: Option<&str>| -> Vec<&str> {
            bodies
                .iter()
                .filter(|b| b["purpose"] == purpose)
                .filter(|b| role.is_none_or(|r| b["schema:roleName"] == r))
                .filter_map(|b| b["value"].as_str())
                .collect()
        };
        assert_eq!(with("tagging", None), [e.label.key()]);
        assert_eq!(with("identifying", Some("speaker")), e.speakers);
        assert_eq!(
            with("identifying", Some("addressee")),
            e.addressee.into_iter().collect::<Vec<_>>()
        );
        let note: Vec<&str> = (!e.note.is_empty()).then_some(e.note).into_iter().collect();
        assert_eq!(with("commenting", None), note);
        let cue = bodies.iter().find(|b| b["schema:roleName"] == "cue");
        assert_eq!(cue.map(|c| selected(&fx, c).1), e.cue.map(str::to_string));
        let targets: Vec<&Value> = match &item["target"] {
            Value::Array(many) => many.iter().collect(),
            one => vec![one],
        };
        assert_eq!(targets.len(), e.fragments.len());
        for (target, fragment) in targets.iter().zip(&e.fragments) {
            assert_eq!(target["type"], "SpecificResource");
            assert_eq!(
                selected(&fx, target),
                (e.doc.to_string(), fragment.to_string())
            );
            let start = target["selector"][1]["start"].as_u64().unwrap() as usize;
            assert_eq!(start, cp(&fx.text(e.doc), fragment));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Label Studio

#[test]
fn labelstudio_tasks_and_config_agree_with_the_text() {
    let fx = fixture();
    let path = fx.dir.path().join("tasks.json");
    export_ok(&fx, "labelstudio", &path);
    let config = std::fs::read_to_string(fx.dir.path().join("tasks.json.config.xml")).unwrap();
    let tasks: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let tasks = tasks.as_array().unwrap();
    let docs: Vec<&str> = tasks
        .iter()
        .map(|t| t["data"]["doc"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["a.txt", "b.txt", "gone.txt", "sub/c.txt"]);
    let mut seen = BTreeSet::new();
    for task in tasks {
        let doc = task["data"]["doc"].as_str().unwrap();
        let text = task["data"]["text"].as_str().unwrap();
        assert_eq!(text, fx.text(doc));
        let results: Vec<&Value> = task["annotations"]
            .as_array()
            .map(|a| {
                a.iter()
                    .flat_map(|c| c["result"].as_array().unwrap())
                    .collect()
            })
            .unwrap_or_default();
        let by_id = |id: &str, from: &str| {
            results
                .iter()
                .find(|r| r["id"] == id && r["from_name"] == from)
                .copied()
        };
        for r in &results {
            if r["type"] != "relation" {
                // Every region names a control and the text of the config.
                let control = r["from_name"].as_str().unwrap();
                assert!(config.contains(&format!("name=\"{control}\"")), "{control}");
                assert_eq!(r["to_name"], "text");
            }
            if r["type"] == "labels" {
                let v = &r["value"];
                let (s, e) = (
                    v["start"].as_u64().unwrap() as usize,
                    v["end"].as_u64().unwrap() as usize,
                );
                // Code points of data.text.
                assert_eq!(chars(text, s, e), v["text"].as_str().unwrap());
                let label = v["labels"][0].as_str().unwrap();
                assert!(
                    config.contains(&format!("<Label value=\"{label}\"")),
                    "{label}"
                );
            }
            if r["type"] == "relation" {
                let label = r["labels"][0].as_str().unwrap();
                assert!(config.contains(&format!("<Relation value=\"{label}\"")));
                for end in ["from_id", "to_id"] {
                    assert!(by_id(r[end].as_str().unwrap(), "label").is_some());
                }
            }
        }
        for e in fx.expected.iter().filter(|e| e.doc == doc) {
            seen.insert(e.id);
            let main = format!("a{}", e.id);
            for (i, fragment) in e.fragments.iter().enumerate() {
                let id = if i == 0 {
                    main.clone()
                } else {
                    format!("{main}-{}", i + 1)
                };
                let region = by_id(&id, "label").unwrap();
                assert_eq!(region["value"]["text"], *fragment);
                assert_eq!(region["value"]["labels"][0], e.label.name());
                assert_eq!(region["value"]["start"], cp(text, fragment));
            }
            let speakers: Vec<&str> = by_id(&main, "speaker")
                .map(|r| {
                    r["value"]["text"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|s| s.as_str().unwrap())
                        .collect()
                })
                .unwrap_or_default();
            assert_eq!(speakers, e.speakers);
            assert_eq!(
                by_id(&main, "addressee").map(|r| r["value"]["text"][0].clone()),
                e.addressee.map(Value::from)
            );
            assert_eq!(
                by_id(&main, "note").map(|r| r["value"]["text"][0].clone()),
                (!e.note.is_empty()).then(|| Value::from(e.note))
            );
            let cue = results
                .iter()
                .find(|r| {
                    r["type"] == "relation"
                        && r["from_id"] == main.as_str()
                        && r["labels"][0] == "has_cue"
                })
                .map(|r| by_id(r["to_id"].as_str().unwrap(), "label").unwrap());
            assert_eq!(cue.map(|c| c["value"]["text"].as_str().unwrap()), e.cue);
            if e.fragments.len() > 1 {
                assert!(results.iter().any(|r| r["labels"][0] == "continues"
                    && r["from_id"] == main.as_str()
                    && r["to_id"] == format!("{main}-2").as_str()));
            }
        }
        if doc == "gone.txt" || doc == "sub/c.txt" {
            assert!(results.is_empty());
        }
    }
    assert_eq!(seen.len(), fx.expected.len());
    for name in ["label", "speaker", "addressee", "note"] {
        assert!(config.contains(&format!("name=\"{name}\"")));
    }
    assert!(config.contains("<Text name=\"text\" value=\"$text\"/>"));
}

// ---------------------------------------------------------------------------------------------
// doccano

#[test]
fn doccano_offsets_are_utf16_code_units() {
    let fx = fixture();
    let path = fx.dir.path().join("doccano.jsonl");
    export_ok(&fx, "doccano", &path);
    let content = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<Value> = content
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "one line per document");
    let mut entity_ids = BTreeSet::new();
    let mut seen = BTreeSet::new();
    for (n, line) in lines.iter().enumerate() {
        assert_eq!(line["id"], n + 1);
        let doc = line["doc"].as_str().unwrap();
        let text = line["text"].as_str().unwrap();
        assert_eq!(text, fx.text(doc));
        let entities = line["entities"].as_array().unwrap();
        let entity = |id: &Value| entities.iter().find(|e| &e["id"] == id).unwrap();
        let span = |e: &Value| {
            units(
                text,
                e["start_offset"].as_u64().unwrap() as usize,
                e["end_offset"].as_u64().unwrap() as usize,
            )
        };
        for e in entities {
            assert!(
                entity_ids.insert(e["id"].as_u64().unwrap()),
                "ids are unique"
            );
        }
        let relations = line["relations"].as_array().unwrap();
        for a in line["attributions"].as_array().unwrap() {
            let id = a["annotation"].as_u64().unwrap();
            let e = fx.expected(id);
            assert_eq!(e.doc, doc);
            seen.insert(id);
            let first = entity(&a["entity_id"]);
            assert_eq!(first["label"], e.label.name());
            assert_eq!(span(first), e.fragments[0]);
            assert_eq!(first["start_offset"], utf16(text, e.fragments[0]));
            let mut fragments = vec![span(first)];
            let mut at = a["entity_id"].clone();
            while let Some(next) = relations
                .iter()
                .find(|r| r["from_id"] == at && r["type"] == "continues")
            {
                at = next["to_id"].clone();
                fragments.push(span(entity(&at)));
            }
            assert_eq!(fragments, e.fragments);
            let cue = relations
                .iter()
                .find(|r| r["from_id"] == a["entity_id"] && r["type"] == "has_cue")
                .map(|r| entity(&r["to_id"]));
            if let Some(c) = cue {
                assert_eq!(c["label"], "Cue");
            }
            assert_eq!(cue.map(span).as_deref(), e.cue);
            let speakers: Vec<&str> = a["speakers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap())
                .collect();
            assert_eq!(speakers, e.speakers);
            assert_eq!(a["addressee"].as_str(), e.addressee);
            assert_eq!(a["note"], e.note);
        }
    }
    assert_eq!(seen.len(), fx.expected.len());
    // The unit matters here: after the flag in a.txt, UTF-16 offsets run ahead of code points.
    let a = fx.text("a.txt");
    assert_eq!(utf16(&a, "“We will not,”"), cp(&a, "“We will not,”") + 2);
}

// ---------------------------------------------------------------------------------------------
// Python: its json module, XML parser, and brat's way of reading files

const PYTHON_CHECK: &str = r#"
import codecs, json, os, sys, urllib.parse
import xml.etree.ElementTree as ET
corpus, w3c, ls, doccano, bratdir = sys.argv[1:6]

def text_of(doc):
    # newline='' keeps CRLF as two characters, as whosaid counts them; utf-8-sig drops the BOM.
    with open(corpus + "/" + doc, encoding="utf-8-sig", newline="") as f:
        return f.read()

found = []
collection = json.load(open(w3c, encoding="utf-8"))
for item in collection["first"]["items"]:
    targets = item["target"] if isinstance(item["target"], list) else [item["target"]]
    for t in targets:
        doc = urllib.parse.unquote(t["source"][len("urn:whosaid:doc:"):])
        quote, position = t["selector"]
        text = text_of(doc)
        assert text[position["start"]:position["end"]] == quote["exact"], (doc, quote)
        found.append(["w3c", doc, quote["exact"]])
for task in json.load(open(ls, encoding="utf-8")):
    text = task["data"]["text"]
    assert text == text_of(task["data"]["doc"])
    for completed in task.get("annotations", []):
        for r in completed["result"]:
            if r["type"] == "labels" and r["value"]["labels"] != ["Cue"]:
                v = r["value"]
                assert text[v["start"]:v["end"]] == v["text"]
                found.append(["labelstudio", task["data"]["doc"], v["text"]])
for line in open(doccano, encoding="utf-8"):
    d = json.loads(line)
    units = d["text"].encode("utf-16-le")
    for e in d["entities"]:
        if e["label"] != "Cue":
            s, t = e["start_offset"], e["end_offset"]
            found.append(["doccano", d["doc"], units[2 * s:2 * t].decode("utf-16-le")])
# The labeling config is well-formed XML naming the controls the results use.
config = ET.parse(ls + ".config.xml").getroot()
names = {e.get("name") for e in config.iter() if e.get("name")}
assert {"label", "text", "speaker", "addressee", "note"} <= names, names
assert {e.get("value") for e in config.iter("Label")} == {"Claim", "Quote", "Demand", "Cue"}
# brat, as its server reads the files: codecs.open, lines split as codecs splits them, each
# text-bound annotation's text checked against the document text at its spans.
for root, _, files in os.walk(bratdir):
    for name in files:
        if not name.endswith(".ann"):
            continue
        ann = os.path.join(root, name)
        doc = codecs.open(ann[:-4] + ".txt", "r", encoding="utf8").read()
        for line in codecs.open(ann, "r", encoding="utf8"):
            id_, rest = line.split("\t", 1)
            if not id_.startswith("T"):
                continue
            data, tail = rest.split("\t", 1)
            kind, spans = data.split(" ", 1)
            spans = [tuple(int(x) for x in p.split(" ")) for p in spans.split(";")]
            seen = []
            for start, end in spans:
                assert 0 <= start <= end <= len(doc)
                assert not any(end >= s and start < e for s, e in seen), line
                seen.append((start, end))
            text = tail.rstrip("\n")
            assert text == " ".join(doc[s:e] for s, e in spans), (line, doc)
            if kind != "Cue":
                found.append(["brat", os.path.relpath(ann, bratdir)[:-4] + ".txt", text])
print(json.dumps(found))
"#;

#[test]
fn python_reads_every_export_with_the_same_offsets() {
    let Ok(version) = Command::new("python3").arg("--version").output() else {
        println!("python3 is not installed: skipping the check with Python's json module");
        return;
    };
    if !version.status.success() {
        println!("python3 does not run: skipping the check with Python's json module");
        return;
    }
    let fx = fixture();
    let w3c = fx.dir.path().join("a.jsonld");
    let ls = fx.dir.path().join("tasks.json");
    let doccano = fx.dir.path().join("d.jsonl");
    export_ok(&fx, "w3c", &w3c);
    export_ok(&fx, "labelstudio", &ls);
    export_ok(&fx, "doccano", &doccano);
    let brat = fx.dir.path().join("brat");
    export_ok(&fx, "brat", &brat);
    let out = Command::new("python3")
        .arg("-c")
        .arg(PYTHON_CHECK)
        .arg(fx.corpus())
        .args([&w3c, &ls, &doccano, &brat])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found: Vec<(String, String, String)> = serde_json::from_slice(&out.stdout).unwrap();
    let found: BTreeSet<_> = found.into_iter().collect();
    let mut expected = BTreeSet::new();
    for format in ["w3c", "labelstudio", "doccano"] {
        for e in &fx.expected {
            for f in &e.fragments {
                expected.insert((format.to_string(), e.doc.to_string(), f.to_string()));
            }
        }
    }
    for e in &fx.expected {
        let text = brat_text(&e.fragments);
        expected.insert(("brat".to_string(), e.doc.to_string(), text));
    }
    assert_eq!(found, expected);
}

#[test]
fn jsonl_and_csv_are_unchanged_beside_the_new_formats() {
    let fx = fixture();
    let out = export(&[fx.project().to_str().unwrap(), "--format", "jsonl"]);
    assert!(out.status.success());
    let lines = String::from_utf8(out.stdout).unwrap();
    assert_eq!(lines.lines().count(), fx.expected.len());
    let first: Value = serde_json::from_str(lines.lines().next().unwrap()).unwrap();
    assert_eq!(
        first["label"], "claim",
        "document order: “talks” comes first"
    );
    assert_eq!(first["text"], "talks 🇺🇦 go on");
}
