//! `whosaid import` as a user runs it: annotations from brat, doccano, Label Studio and whosaid's
//! own JSONL become a project over a corpus folder, every span checked against the text.

mod common;

use common::SampleCopy;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use whosaid::project::{Annotation, Label, Project};
use whosaid::workspace::Workspace;

fn whosaid(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .output()
        .unwrap()
}

fn import(format: &str, input: &Path, corpus: &Path, output: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "import",
        "--format",
        format,
        input.to_str().unwrap(),
        "--corpus",
        corpus.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    whosaid(&args)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The text of a file at code points `start..end`, computed without whosaid.
fn slice(file: &Path, start: usize, end: usize) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    text.chars().skip(start).take(end - start).collect()
}

fn annotations<'a>(project: &'a Project, doc: &str) -> &'a [Annotation] {
    &project.document(doc).unwrap().annotations
}

fn speaker(project: &Project, a: &Annotation) -> String {
    project.speakers_label(a).unwrap_or_default()
}

fn spans(a: &Annotation) -> Vec<(usize, usize, &str)> {
    a.fragments
        .iter()
        .map(|f| (f.start, f.end, f.text()))
        .collect()
}

/// Three short wire stories; the second has CRLF line endings; emoji and curly quotes before the
/// spans.
const KYIV: &str = "Kyiv signals flexibility on NATO 🇺🇦\n\n\
“We are ready to discuss every format,” Mr Zelensky told reporters on Monday, “but not at the cost of our sovereignty.”\n\
Zelensky added that security guarantees must be legally binding.\n\
NATO officials said the alliance’s door remains open.\n";

const BRUSSELS: &str = "Brussels summit ends without deal 💬\r\n\r\n\
“There is no alternative to unity,” said Zelenskyy in Brussels.\r\n\
European leaders urged Washington to keep up its support.\r\n";

/// brat standoff in the manner of the PARC attribution corpora: Source, Cue and Content spans
/// joined by Attribution events (the trigger on the cue), written by hand. Offsets are code
/// points; in the CRLF file each line break counts two.
const KYIV_ANN: &str = "T1\tSource 77 88\tMr Zelensky
T2\tCue 89 93\ttold
T3\tContent 37 76;115 156\t“We are ready to discuss every format,” “but not at the cost of our sovereignty.”
T4\tAttribution 89 93\ttold
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
A1\tFactuality E1 Factual
T5\tSource 157 165\tZelensky
T6\tCue 166 171\tadded
T7\tContent 177 220\tsecurity guarantees must be legally binding
T8\tAttribution 166 171\tadded
E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7
#1\tAnnotatorNotes T7\tindirect speech
T9\tSource 222 236\tNATO officials
T10\tCue 237 241\tsaid
T11\tContent 242 274\tthe alliance’s door remains open
T12\tAttribution 237 241\tsaid
E3\tAttribution:T12 Source:T9 Cue:T10 Content:T11
";

/// The same scheme, and a demand joined to its parts by relations.
const BRUSSELS_ANN: &str = "T1\tContent 39 74\t“There is no alternative to unity,”
T2\tCue 75 79\tsaid
T3\tSource 80 89\tZelenskyy
T4\tAttribution 75 79\tsaid
E1\tAttribution:T4 Content:T1 Cue:T2 Source:T3
T5\tDemand 141 160\tkeep up its support
T6\tSource 104 120\tEuropean leaders
T7\tCue 121 126\turged
T8\tAddressee 127 137\tWashington
R1\tSaidBy Arg1:T5 Arg2:T6
R2\tHas_cue Arg1:T5 Arg2:T7
R3\tAddressedTo Arg1:T5 Arg2:T8
";

fn brat_fixture() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write(&corpus.join("wire/kyiv.txt"), KYIV);
    write(&corpus.join("wire/brussels.txt"), BRUSSELS);
    let brat = dir.path().join("brat");
    write(&brat.join("wire/kyiv.ann"), KYIV_ANN);
    // brat keeps the text beside the annotations.
    write(&brat.join("wire/kyiv.txt"), KYIV);
    write(&brat.join("wire/brussels.ann"), BRUSSELS_ANN);
    (dir, corpus, brat)
}

#[test]
fn a_brat_attribution_corpus_becomes_a_project_with_speakers_merged() {
    let (dir, corpus, brat) = brat_fixture();
    let out_path = dir.path().join("imported.ron");
    let out = import(
        "brat",
        &brat,
        &corpus,
        &out_path,
        &["--map", "Content=auto"],
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    // The attribute is reported, with its file and line; nothing else is.
    assert!(
        err.contains("kyiv.ann:6") && err.contains("Factuality"),
        "{err}"
    );
    assert!(err.contains("1 problem"), "{err}");
    assert!(err.contains("imported 5 annotations"), "{err}");

    let ws = Workspace::open_project(&out_path).unwrap();
    let p = &ws.project();
    assert_eq!(p.corpus, PathBuf::from("corpus"));

    let kyiv = annotations(p, "wire/kyiv.txt");
    assert_eq!(kyiv.len(), 3);
    // The discontinuous Content in quotation marks: one quote, two fragments.
    let quote = &kyiv[0];
    assert_eq!(quote.label, Label::Quote);
    assert_eq!(
        spans(quote),
        [
            (37, 76, "“We are ready to discuss every format,”"),
            (115, 156, "“but not at the cost of our sovereignty.”")
        ]
    );
    let cue = quote.cue.as_ref().unwrap();
    assert_eq!((cue.start, cue.end, cue.text()), (89, 93, "told"));
    // Context like a hand-made fragment's.
    assert_eq!(
        quote.fragments[0].prefix(),
        &"Kyiv signals flexibility on NATO 🇺🇦\n\n"[5..]
    );
    assert_eq!(
        quote.fragments[0].suffix(),
        " Mr Zelensky told reporters on M"
    );
    // Indirect speech is a claim.
    let claim = &kyiv[1];
    assert_eq!(claim.label, Label::Claim);
    assert_eq!(
        spans(claim),
        [(177, 220, "security guarantees must be legally binding")]
    );
    assert_eq!(claim.note, "indirect speech");
    assert_eq!(claim.cue.as_ref().unwrap().text(), "added");
    assert_eq!(speaker(p, &kyiv[2]), "NATO officials");
    assert_eq!(
        kyiv[2].fragments[0].text(),
        "the alliance’s door remains open"
    );

    // "Mr Zelensky", "Zelensky" and, in the other story, "Zelenskyy": one speaker.
    let zelensky = quote.speaker().unwrap();
    assert_eq!(claim.speaker(), Some(zelensky));
    let s = p.speaker(zelensky).unwrap();
    assert_eq!(s.name, "Zelensky");
    let mut aliases = s.aliases.clone();
    aliases.sort();
    assert_eq!(aliases, ["Mr Zelensky", "Zelenskyy"]);
    assert_eq!(p.speakers.len(), 4, "{:?}", p.speakers);

    // The CRLF story: offsets count each line break as two code points.
    let brussels = annotations(p, "wire/brussels.txt");
    assert_eq!(brussels.len(), 2);
    assert_eq!(brussels[0].label, Label::Quote);
    assert_eq!(
        brussels[0].fragments[0].text(),
        "“There is no alternative to unity,”"
    );
    assert_eq!(brussels[0].speaker(), Some(zelensky));
    let demand = &brussels[1];
    assert_eq!(demand.label, Label::Demand);
    assert_eq!(spans(demand), [(141, 160, "keep up its support")]);
    assert_eq!(speaker(p, demand), "European leaders");
    assert_eq!(p.speaker_name(demand.addressee), Some("Washington"));
    assert_eq!(demand.cue.as_ref().unwrap().text(), "urged");

    // Every fragment's text is the file's text at its offsets, counted independently.
    for doc in ["wire/kyiv.txt", "wire/brussels.txt"] {
        for a in annotations(p, doc) {
            for f in a.fragments.iter().chain(a.cue.as_deref()) {
                assert_eq!(slice(&corpus.join(doc), f.start, f.end), f.text());
            }
        }
    }
}

#[test]
fn unmapped_types_are_reported_once_each_not_dropped_silently() {
    let (dir, corpus, brat) = brat_fixture();
    let out_path = dir.path().join("p.ron");
    // Without --map Content=…, the PARC events have no label: each kind is reported once.
    let out = import("brat", &brat, &corpus, &out_path, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "the demand still imports: {err}");
    assert!(err.contains("imported 1 annotation "), "{err}");
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("Attribution events"))
        .collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].contains("4 times") && lines[0].contains("--map Content="),
        "{err}"
    );
}

#[test]
fn doccano_utf16_offsets_after_emoji_become_code_points() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    // 😀 is two UTF-16 units and one code point; the flag four units and two code points.
    let e =
        "😀 Breaking 🇺🇦: “We will not give up,” said Zelenskyy. Logan urged NATO to stay firm.\n";
    let f = "Update 😀😀: Officials said talks would resume.\n";
    write(&corpus.join("e.txt"), e);
    write(&corpus.join("f.txt"), f);
    let text = |s: &str| serde_json::to_string(s).unwrap();
    let jsonl = format!(
        "{{\"id\": 1, \"text\": {}, \"entities\": [\
         {{\"id\": 1, \"label\": \"Quote\", \"start_offset\": 18, \"end_offset\": 40}}, \
         {{\"id\": 2, \"label\": \"Source\", \"start_offset\": 46, \"end_offset\": 55}}, \
         {{\"id\": 3, \"label\": \"Demand\", \"start_offset\": 77, \"end_offset\": 86}}, \
         {{\"id\": 4, \"label\": \"Source\", \"start_offset\": 57, \"end_offset\": 62}}, \
         {{\"id\": 5, \"label\": \"Cue\", \"start_offset\": 41, \"end_offset\": 45}}], \
         \"relations\": [{{\"id\": 1, \"from_id\": 1, \"to_id\": 2, \"type\": \"said_by\"}}, \
         {{\"id\": 2, \"from_id\": 3, \"to_id\": 4, \"type\": \"said_by\"}}, \
         {{\"id\": 3, \"from_id\": 1, \"to_id\": 5, \"type\": \"has_cue\"}}]}}\n\
         {{\"id\": 2, \"text\": {}, \"label\": [[28, 46, \"Claim\"], [13, 22, \"Source\"]]}}\n",
        text(e),
        text(f)
    );
    let input = dir.path().join("doccano.jsonl");
    write(&input, &jsonl);
    let out_path = dir.path().join("p.ron");
    let out = import("doccano", &input, &corpus, &out_path, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    // The source span no relation joins to the claim is reported, not silently dropped.
    assert!(
        err.contains("doccano.jsonl:2") && err.contains("Source spans"),
        "{err}"
    );

    let p = Workspace::open_project(&out_path).unwrap().into_project();
    let e_spans = annotations(&p, "e.txt");
    assert_eq!(e_spans.len(), 2);
    assert_eq!(spans(&e_spans[0]), [(15, 37, "“We will not give up,”")]);
    assert_eq!(speaker(&p, &e_spans[0]), "Zelenskyy");
    let cue = e_spans[0].cue.as_ref().unwrap();
    assert_eq!((cue.start, cue.end, cue.text()), (38, 42, "said"));
    assert_eq!(e_spans[1].label, Label::Demand);
    assert_eq!(spans(&e_spans[1]), [(74, 83, "stay firm")]);
    assert_eq!(speaker(&p, &e_spans[1]), "Logan");
    let f_spans = annotations(&p, "f.txt");
    assert_eq!(spans(&f_spans[0]), [(26, 44, "talks would resume")]);
    for (doc, a) in p.annotations() {
        let f = &a.fragments[0];
        assert_eq!(slice(&corpus.join(&doc.path), f.start, f.end), f.text());
    }

    // Told the offsets are code points, they fall elsewhere (or inside the emoji): reported.
    let out = import(
        "doccano",
        &input,
        &corpus,
        &dir.path().join("q.ron"),
        &["--offsets", "codepoints"],
    );
    let q = Workspace::open_project(&dir.path().join("q.ron"))
        .unwrap()
        .into_project();
    assert_ne!(
        spans(&annotations(&q, "e.txt")[0]),
        [(15, 37, "“We will not give up,”")],
        "{}",
        stderr(&out)
    );
}

#[test]
fn label_studio_regions_after_emoji_land_on_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let e =
        "😀 Breaking 🇺🇦: “We will not give up,” said Zelenskyy. Logan urged NATO to stay firm.\n";
    let f = "Update 😀😀: Officials said talks would resume.\n";
    write(&corpus.join("e.txt"), e);
    write(&corpus.join("f.txt"), f);
    let region = |id: &str, start: usize, end: usize, text: &str, label: &str| {
        format!(
            "{{\"id\": \"{id}\", \"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\", \
             \"value\": {{\"start\": {start}, \"end\": {end}, \"text\": {}, \"labels\": [\"{label}\"]}}}}",
            serde_json::to_string(text).unwrap()
        )
    };
    let relation = |from: &str, to: &str, labels: &str| {
        format!(
            "{{\"from_id\": \"{from}\", \"to_id\": \"{to}\", \"type\": \"relation\", \
             \"direction\": \"right\", \"labels\": [{labels}]}}"
        )
    };
    // Current Label Studio: code points. The second task comes from an old version that counted
    // UTF-16 code units (the claim is at 26..44 in code points).
    let tasks = format!(
        "[\n{{\"id\": 1, \"data\": {{\"text\": {}}}, \"annotations\": [{{\"id\": 7, \"result\": [\n{},\n{},\n{},\n{},\n{},\n{},\n{},\n{},\n{},\n{},\n\
         {{\"id\": \"d1\", \"from_name\": \"note\", \"to_name\": \"text\", \"type\": \"textarea\", \"value\": {{\"text\": [\"firm demand\"]}}}}\n]}}]}},\n\
         {{\"id\": 2, \"data\": {{\"text\": {}}}, \"annotations\": [{{\"id\": 8, \"result\": [\n{}\n]}}]}}\n]\n",
        serde_json::to_string(e).unwrap(),
        region("q1", 15, 37, "“We will not give up,”", "Quote"),
        region("s1", 43, 52, "Zelenskyy", "Source"),
        region("c1", 38, 42, "said", "Cue"),
        region("d1", 74, 83, "stay firm", "Demand"),
        region("s2", 54, 59, "Logan", "Speaker"),
        region("a2", 66, 70, "NATO", "Addressee"),
        relation("q1", "s1", "\"said_by\""),
        // Without a label: the other region's label says what part it plays.
        relation("q1", "c1", ""),
        relation("d1", "s2", ""),
        relation("d1", "a2", "\"addressee\""),
        serde_json::to_string(f).unwrap(),
        region("x1", 28, 46, "talks would resume", "Claim"),
    );
    let input = dir.path().join("export.json");
    write(&input, &tasks);
    let out_path = dir.path().join("p.ron");
    let out = import("labelstudio", &input, &corpus, &out_path, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("imported 3 annotations"), "{err}");
    // The old task's conversion is reported, at the region's line.
    let line = tasks.lines().position(|l| l.contains("\"x1\"")).unwrap() + 1;
    assert!(
        err.contains(&format!("export.json:{line}")) && err.contains("UTF-16"),
        "{err}"
    );

    let p = Workspace::open_project(&out_path).unwrap().into_project();
    let e_spans = annotations(&p, "e.txt");
    assert_eq!(spans(&e_spans[0]), [(15, 37, "“We will not give up,”")]);
    assert_eq!(speaker(&p, &e_spans[0]), "Zelenskyy");
    assert_eq!(e_spans[0].cue.as_ref().unwrap().text(), "said");
    let demand = &e_spans[1];
    assert_eq!(
        (demand.label, demand.note.as_str()),
        (Label::Demand, "firm demand")
    );
    assert_eq!(spans(demand), [(74, 83, "stay firm")]);
    assert_eq!(speaker(&p, demand), "Logan");
    assert_eq!(p.speaker_name(demand.addressee), Some("NATO"));
    assert_eq!(
        spans(&annotations(&p, "f.txt")[0]),
        [(26, 44, "talks would resume")]
    );
}

#[test]
fn spans_whose_text_does_not_match_are_reported_and_left_out() {
    let (dir, corpus, _) = brat_fixture();
    let brat = dir.path().join("bad");
    write(
        &brat.join("kyiv.ann"),
        "T1\tQuote 37 76\t“We are ready to discuss every format,”\n\
         T2\tQuote 38 77\t“We are ready to discuss every format,”\n\
         T3\tClaim 270 290\tremains open\n\
         T4\tClaim 222 236\tNATO officials\n",
    );
    write(&brat.join("nowhere.ann"), "T1\tClaim 0 4\tKyiv\n");
    let out_path = dir.path().join("p.ron");
    let out = import("brat", &brat, &corpus, &out_path, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    // The shifted span: file, line, span id, what the file says and what the text has.
    let shifted = err.lines().find(|l| l.contains("kyiv.ann:2")).unwrap();
    assert!(
        shifted.contains("T2")
            && shifted.contains("“We are ready to discuss every format,”")
            && shifted.contains("\"We are ready to discuss every format,” \""),
        "{shifted}"
    );
    let outside = err.lines().find(|l| l.contains("kyiv.ann:3")).unwrap();
    assert!(outside.contains("outside the document"), "{outside}");
    assert!(
        err.lines()
            .any(|l| l.contains("nowhere.ann") && l.contains("no document")),
        "{err}"
    );
    assert!(err.contains("3 problems"), "{err}");
    let p = Workspace::open_project(&out_path).unwrap().into_project();
    let kyiv = annotations(&p, "wire/kyiv.txt");
    assert_eq!(kyiv.len(), 2, "T1 and T4 only");
    assert_eq!(spans(&kyiv[0])[0].0, 37);
    assert_eq!(kyiv[1].fragments[0].text(), "NATO officials");

    // Label Studio: a region whose text fits neither as code points nor as UTF-16.
    let ls = dir.path().join("ls.json");
    write(
        &ls,
        &format!(
            "[{{\"data\": {{\"text\": {}}}, \"annotations\": [{{\"result\": [\
             {{\"id\": \"r1\", \"type\": \"labels\", \"value\": {{\"start\": 78, \"end\": 88, \
             \"text\": \"Zelensky\", \"labels\": [\"Claim\"]}}}}]}}]}}]",
            serde_json::to_string(KYIV).unwrap()
        ),
    );
    // Nothing imported: exit status 1 and no project written.
    let none = dir.path().join("none.ron");
    let out = import("labelstudio", &ls, &corpus, &none, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("region r1") && err.contains("\"Zelensky\""),
        "{err}"
    );
    assert!(err.contains("nothing could be imported"), "{err}");
    assert!(!none.exists());
}

#[test]
fn byte_order_marks_line_endings_and_pronouns_are_handled_not_guessed() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let text = "Title\r\n“Hi,” he said 😀.\r\nLogan said talks would resume.\r\n";
    write(&corpus.join("a.txt"), &format!("\u{feff}{text}"));
    // brat reads the byte order mark as a character: every offset is one more than whosaid's.
    let brat = dir.path().join("brat");
    write(
        &brat.join("a.ann"),
        "T1\tContent 8 13\t“Hi,”\nT2\tSource 14 16\the\nT3\tCue 17 21\tsaid\n\
         E1\tSaid:T3 Content:T1 Source:T2 Cue:T3\n\
         T4\tClaim 37 55\ttalks would resume\nT5\tSource 26 31\tLogan\nR1\tSaidBy Arg1:T4 Arg2:T5\n",
    );
    let out_path = dir.path().join("p.ron");
    let out = import(
        "brat",
        &brat,
        &corpus,
        &out_path,
        &["--map", "Content=auto"],
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("a.ann:4") && err.contains("pronouns"), "{err}");
    let p = Workspace::open_project(&out_path).unwrap().into_project();
    let a = annotations(&p, "a.txt");
    assert_eq!(spans(&a[0]), [(7, 12, "“Hi,”")]);
    assert_eq!((a[0].label, a[0].speakers.len()), (Label::Quote, 0));
    assert_eq!(a[0].note, "source: he");
    assert_eq!(a[0].cue.as_ref().unwrap().start, 16);
    assert_eq!(spans(&a[1]), [(36, 54, "talks would resume")]);
    assert_eq!(speaker(&p, &a[1]), "Logan");

    // A tool that turned CRLF into LF (and dropped the byte order mark) counts without the CRs.
    let lf = text.replace("\r\n", "\n");
    let ls = dir.path().join("ls.json");
    write(
        &ls,
        &format!(
            "[{{\"data\": {{\"text\": {}}}, \"annotations\": [{{\"result\": [\
             {{\"id\": \"r1\", \"type\": \"labels\", \"value\": {{\"start\": 34, \"end\": 52, \
             \"text\": \"talks would resume\", \"labels\": [\"Claim\"]}}}}]}}]}}]",
            serde_json::to_string(&lf).unwrap()
        ),
    );
    let ls_out = dir.path().join("ls.ron");
    let out = import("labelstudio", &ls, &corpus, &ls_out, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let p = Workspace::open_project(&ls_out).unwrap().into_project();
    assert_eq!(
        spans(&annotations(&p, "a.txt")[0]),
        [(36, 54, "talks would resume")]
    );
}

#[test]
fn an_existing_project_is_replaced_only_with_force() {
    let (dir, corpus, brat) = brat_fixture();
    let out_path = dir.path().join("p.ron");
    std::fs::write(&out_path, "precious").unwrap();
    let out = import(
        "brat",
        &brat,
        &corpus,
        &out_path,
        &["--map", "Content=quote"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--force"));
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), "precious");
    let out = import(
        "brat",
        &brat,
        &corpus,
        &out_path,
        &["--map", "Content=quote", "--force"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bak = dir.path().join("p.ron.bak");
    assert_eq!(std::fs::read_to_string(bak).unwrap(), "precious");
    let p = Workspace::open_project(&out_path).unwrap().into_project();
    assert_eq!(annotations(&p, "wire/kyiv.txt")[1].label, Label::Quote);
}

/// What an annotation says, ids aside: label, fragments, speakers, addressee, cue, note.
type Said = (
    String,
    Vec<(usize, usize, String)>,
    Vec<String>,
    Option<String>,
    Option<(usize, usize, String)>,
    String,
    Option<u8>,
);

fn said(p: &Project) -> BTreeMap<String, Vec<Said>> {
    let mut out: BTreeMap<String, Vec<Said>> = BTreeMap::new();
    for (doc, a) in p.annotations() {
        if !a.is_placed() {
            continue; // not exported
        }
        out.entry(doc.path.clone()).or_default().push((
            a.label.key().to_string(),
            a.fragments
                .iter()
                .map(|f| (f.start, f.end, f.text().to_string()))
                .collect(),
            a.speakers
                .iter()
                .map(|s| p.speaker(*s).unwrap().name.clone())
                .collect(),
            p.speaker_name(a.addressee).map(str::to_string),
            a.cue
                .as_ref()
                .map(|c| (c.start, c.end, c.text().to_string())),
            a.note.clone(),
            a.suggested.map(|s| s.confidence),
        ));
    }
    for v in out.values_mut() {
        v.sort();
    }
    out
}

#[test]
fn the_sample_exported_as_jsonl_imports_back_to_the_same_annotations() {
    let sample = SampleCopy::new();
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("sample.jsonl");
    let out = whosaid(&[
        "export",
        sample.project().to_str().unwrap(),
        "--format",
        "jsonl",
        "-o",
        jsonl.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let back = dir.path().join("back.ron");
    let out = import("jsonl", &jsonl, &sample.corpus(), &back, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("no problems"), "{err}");

    let original = Workspace::open_project(&sample.project())
        .unwrap()
        .into_project();
    let imported = Workspace::open_project(&back).unwrap().into_project();
    let (a, b) = (said(&original), said(&imported));
    assert!(a.values().map(Vec::len).sum::<usize>() > 50);
    assert_eq!(a, b);
    // The same speakers, no more: ids told them apart.
    let used = |p: &Project| {
        let mut names: Vec<String> = p
            .speakers
            .iter()
            .filter(|s| p.speaker_use_count(s.id) > 0)
            .map(|s| s.name.clone())
            .collect();
        names.sort();
        names
    };
    assert_eq!(used(&original), used(&imported));
    assert_eq!(imported.speakers.len(), used(&imported).len());
    // Document metadata came along.
    for d in &original.documents {
        let i = imported.document(&d.path).unwrap();
        assert_eq!(
            (&d.metadata.outlet, &d.metadata.date, &d.metadata.url),
            (&i.metadata.outlet, &i.metadata.date, &i.metadata.url)
        );
    }
}

/// Exports `project` in every format that can carry annotations back, imports each over `corpus`
/// and compares what the annotations say, ids aside.
fn assert_round_trips(project: &Path, corpus: &Path) {
    let original = said(Workspace::open_project(project).unwrap().project());
    assert!(original.values().map(Vec::len).sum::<usize>() >= 4);
    let dir = tempfile::tempdir().unwrap();
    for (format, output) in [
        ("jsonl", "annotations.jsonl"),
        ("brat", "brat"),
        ("doccano", "doccano.jsonl"),
        ("labelstudio", "tasks.json"),
    ] {
        let exported = dir.path().join(output);
        let out = whosaid(&[
            "export",
            project.to_str().unwrap(),
            "--format",
            format,
            "-o",
            exported.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let back = dir.path().join(format!("{format}.ron"));
        let out = import(format, &exported, corpus, &back, &[]);
        let err = stderr(&out);
        assert!(
            out.status.success() && err.contains("no problems"),
            "{format}: {err}"
        );
        let imported = Workspace::open_project(&back).unwrap().into_project();
        // Only JSON Lines carries suggestion provenance.
        let comparable = |m: &BTreeMap<String, Vec<Said>>| {
            let mut m = m.clone();
            for v in m.values_mut() {
                for s in v.iter_mut() {
                    if format != "jsonl" {
                        s.6 = None;
                    }
                }
                v.sort();
            }
            m
        };
        assert_eq!(
            comparable(&original),
            comparable(&said(&imported)),
            "{format}"
        );
    }
}

/// whosaid's own exports of the sample (curly quotes, interrupted quotes, several speakers,
/// addressees, cues, notes) import back to the same annotations.
#[test]
fn the_sample_exported_to_other_tools_imports_back_to_the_same_annotations() {
    let sample = SampleCopy::new();
    assert_round_trips(&sample.project(), &sample.corpus());
}

/// The same with the texts offsets break on: emoji (two code points, four UTF-16 units),
/// combining marks, CRLF line endings, curly quotes, and a span across a line break.
#[test]
fn texts_with_emoji_combining_marks_and_crlf_round_trip_in_every_format() {
    use whosaid::project::{Label, Speaker};
    use whosaid::workspace::{Intent, SpeakerRole};
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("sub")).unwrap();
    let texts = [
        (
            "flags.txt",
            "Talks 🇺🇦🇪🇺 resumed.\r\n“We will not give up 😀,” said Volodymyr Zelenskyy. “Never.”\r\nNATO urged Kyiv to wait.\r\n",
        ),
        (
            "sub/accents.txt",
            "Cafe\u{301} owners protested.\nThe mayor, Jose\u{301} Álvarez, said that the\nplan was “une erreur”.\n",
        ),
    ];
    for (name, text) in texts {
        std::fs::write(corpus.join(name), text).unwrap();
    }
    let mut ws = Workspace::open_corpus(&corpus).unwrap();
    // Code point offsets of `needle` (the n-th time) in a document, computed here.
    let at = |doc: &str, needle: &str| {
        let text = texts.iter().find(|(n, _)| *n == doc).unwrap().1;
        let byte = text.find(needle).unwrap();
        let start = text[..byte].chars().count();
        start..start + needle.chars().count()
    };
    let tag = |ws: &mut Workspace, doc: &str, needle: &str, label: Label| {
        ws.perform(Intent::Tag {
            doc: doc.into(),
            range: at(doc, needle),
            label,
        })
        .unwrap()
        .annotation
        .unwrap()
    };
    let quote = tag(
        &mut ws,
        "flags.txt",
        "“We will not give up 😀,”",
        Label::Quote,
    );
    ws.perform(Intent::AddFragment {
        id: quote,
        range: at("flags.txt", "“Never.”"),
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
        range: Some(at("flags.txt", "said")),
    })
    .unwrap();
    ws.perform(Intent::SetNote {
        id: quote,
        note: "flag emoji before; 😀 inside".into(),
    })
    .unwrap();
    let demand = tag(&mut ws, "flags.txt", "wait", Label::Demand);
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
    let claim = tag(
        &mut ws,
        "sub/accents.txt",
        "the\nplan was “une erreur”",
        Label::Claim,
    );
    ws.perform(Intent::CreateSpeakerFor {
        id: claim,
        name: "Jose\u{301} Álvarez".into(),
        role: SpeakerRole::Main,
    })
    .unwrap();
    tag(
        &mut ws,
        "sub/accents.txt",
        "Cafe\u{301} owners protested",
        Label::Claim,
    );
    let project = dir.path().join("p.ron");
    ws.save_as(&project).unwrap();
    let saved: Vec<Speaker> = Workspace::open_project(&project)
        .unwrap()
        .into_project()
        .speakers;
    assert_eq!(saved.len(), 4);
    assert_round_trips(&project, &corpus);
}

#[test]
fn imported_ids_follow_the_documents_and_the_text_whatever_the_order_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let texts = [
        ("a.txt", "Logan said the bridge will open. Mara said no."),
        ("b/c.txt", "The mayor said taxes will fall. Logan agreed."),
        ("d.txt", "Mara said the port will close. The mayor said no."),
    ];
    for (name, text) in texts {
        write(&corpus.join(name), text);
    }
    // Records from the last document first, and backwards within each.
    let mut lines = Vec::new();
    for (doc, text) in texts.iter().rev() {
        for (i, (start, end)) in [(0, 32), (33, 46)].into_iter().rev().enumerate() {
            let end = end.min(text.chars().count());
            let span: String = text.chars().skip(start).take(end - start).collect();
            lines.push(format!(
                "{{\"doc\": \"{doc}\", \"label\": \"claim\", \"start\": {start}, \"end\": {end}, \
                 \"text\": {}, \"speaker\": \"{}\"}}",
                serde_json::to_string(&span).unwrap(),
                ["Logan", "Mara"][i]
            ));
        }
    }
    let input = dir.path().join("in.jsonl");
    write(&input, &lines.join("\n"));
    let out_path = dir.path().join("p.ron");
    let out = import("jsonl", &input, &corpus, &out_path, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let p = Workspace::open_project(&out_path).unwrap().into_project();
    let placed: Vec<(String, usize, u64)> = p
        .annotations()
        .map(|(d, a)| (d.path.clone(), a.fragments[0].start, a.id.0))
        .collect();
    assert_eq!(placed.len(), 6, "{placed:?}");
    let mut by_place = placed.clone();
    by_place.sort();
    let mut by_id = placed;
    by_id.sort_by_key(|(_, _, id)| *id);
    assert_eq!(by_id, by_place, "ids ascend with document and offset");
    assert_eq!(by_place[0].0, "a.txt");
    assert_eq!(by_place[5].0, "d.txt");
}
