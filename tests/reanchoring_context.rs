//! Re-anchoring keeps each annotation whole and honest: the fragments of an interrupted quote stay
//! in order and apart, a cue moves with its words, and a new place needs agreeing context — a
//! passage that was deleted does not jump to another copy of its words, and an article replaced
//! by another text is flagged and reported. Checked through the workspace and `whosaid check`.

mod common;

use common::*;
use std::path::Path;
use std::process::{Command, Output};
use whosaid::project::{AnchorStatus, AnnotationId, load_project};
use whosaid::workspace::{Intent, Workspace};

const FIRST: &str = "000_06f3196ba6b743a6.txt";
const SECOND: &str = "001_5b4937168b606144.txt";
const BRUEN: &str = "002_841add45dd8341c3.txt";
const GUARANTEES: &str = "003_611bafdf104ab7f9.txt";

fn whosaid(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn edit(sample: &SampleCopy, doc: &str, from: &str, to: &str) {
    let path = sample.corpus().join(doc);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} not in {doc}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The code point offset of the `nth` occurrence of `needle` in a document of the workspace.
fn offset(ws: &Workspace, doc: &str, needle: &str, nth: usize) -> usize {
    let text = ws.corpus().document(doc).unwrap().text.as_str();
    let (b, _) = text.match_indices(needle).nth(nth).expect("needle in text");
    text[..b].chars().count()
}

/// Every placed or reviewed annotation of the saved project sits on its text, cue included.
fn assert_on_text(ws: &Workspace) {
    for (d, a) in ws.project().annotations() {
        if !a.is_placed() {
            continue;
        }
        let text = &ws.corpus().document(&d.path).unwrap().text;
        for f in a.fragments.iter().chain(a.cue.as_deref()) {
            assert_eq!(
                text.slice(f.start..f.end),
                Some(f.text()),
                "annotation {} in {}",
                a.id.0,
                d.path
            );
        }
    }
}

/// Shortens the end of the first part of annotation 36 — “It’s a way for Zelensky … short on any
/// significant concessions,” | Mr Bruen said. | “The question is, …” — runs `check --fix`, and
/// returns the annotation as written, after checking that the written project loads. On its
/// own, the first part's best approximate match ran on over the second part.
fn shorten_first_part(shorter: &str) -> whosaid::project::Annotation {
    let sample = SampleCopy::new();
    let p = sample.project();
    let p = p.to_str().unwrap();
    edit(
        &sample,
        BRUEN,
        "when Moscow has been short on any significant concessions,”",
        shorter,
    );
    let fix = whosaid(&["check", "--fix", p]);
    assert_ne!(fix.status.code(), Some(2), "{}", stdout(&fix));
    let again = whosaid(&["check", p]);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        !stderr.contains("overlapping"),
        "the fixed project does not load: {stderr}"
    );
    assert_ne!(again.status.code(), Some(2), "{stderr}");
    let project = load_project(Path::new(p)).expect("the written project loads");
    for (_, a) in project.annotations() {
        assert!(
            a.fragments.windows(2).all(|w| w[0].end <= w[1].start),
            "annotation {} has fragments out of order or overlapping: {:?}",
            a.id.0,
            a.fragments
        );
    }
    let ws = Workspace::open_project(Path::new(p)).unwrap();
    assert_on_text(&ws);
    let (_, quote) = project.find_annotation(AnnotationId(36)).unwrap();
    assert_eq!(quote.fragments.len(), 2);
    quote.clone()
}

#[test]
fn an_interrupted_quote_whose_first_part_was_shortened_keeps_its_fragments_apart() {
    // The first part, placed again before the second, is still close enough: to review.
    let quote = shorten_first_part("when Moscow has been ”");
    assert_eq!(quote.anchor, AnchorStatus::Review);
    assert!(
        quote.fragments[0]
            .text()
            .starts_with("“It’s a way for Zelensky")
    );
    assert!(quote.fragments[1].text().starts_with("“The question is"));

    // Too different to be placed before the second part: an orphan, with its stored fragments.
    let quote = shorten_first_part("when Moscow has not,”");
    assert_eq!(quote.anchor, AnchorStatus::Orphaned);
    assert_eq!((quote.start(), quote.end()), (2220, 2522));
}

#[test]
fn a_cue_moves_with_its_words_when_a_line_is_inserted_above() {
    let sample = SampleCopy::new();
    let path = sample.project();
    let p = path.to_str().unwrap();
    let mut ws = Workspace::open_project(&path).unwrap();
    // Annotation 4: "… at the Cato Institute, said Ukraine’s NATO membership has not been …".
    let id = AnnotationId(4);
    let said = offset(&ws, FIRST, "Cato Institute, said Ukraine", 0) + "Cato Institute, ".len();
    ws.perform(Intent::SetCue {
        id,
        range: Some(said..said + 4),
    })
    .unwrap();
    ws.save().unwrap();
    let line = "Correction: an earlier version misspelt a name.\n";
    let shift = line.chars().count();
    let text = std::fs::read_to_string(sample.corpus().join(FIRST)).unwrap();
    std::fs::write(sample.corpus().join(FIRST), format!("{line}{text}")).unwrap();

    let fix = whosaid(&["check", "--fix", p]);
    let report = stdout(&fix);
    assert_eq!(fix.status.code(), Some(0), "{report}");
    let moved = format!(
        "annotation 4 cue: {}..{} -> {}..{}",
        said,
        said + 4,
        said + shift,
        said + 4 + shift
    );
    assert!(report.contains(&moved), "{report}");

    let export = whosaid(&["export", p]);
    assert!(export.status.success());
    let record = stdout(&export)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|r| r["id"] == 4)
        .expect("annotation 4 exported");
    assert_eq!(record["cue"]["text"], "said");
    assert_eq!(record["cue"]["start"], said + shift);
    let ws = Workspace::open_project(&path).unwrap();
    assert_on_text(&ws);
    let again = whosaid(&["check", p]);
    assert!(stdout(&again).contains(&format!("{FIRST}: unchanged")));
}

#[test]
fn a_cue_whose_words_were_deleted_orphans_its_annotation() {
    let sample = SampleCopy::new();
    let path = sample.project();
    let mut ws = Workspace::open_project(&path).unwrap();
    let said = offset(&ws, FIRST, "Cato Institute, said Ukraine", 0) + "Cato Institute, ".len();
    ws.perform(Intent::SetCue {
        id: AnnotationId(4),
        range: Some(said..said + 4),
    })
    .unwrap();
    ws.save().unwrap();
    edit(
        &sample,
        FIRST,
        "Cato Institute, said Ukraine",
        "Cato Institute: Ukraine",
    );
    let mut ws = Workspace::open_project(&path).unwrap();
    let (_, a) = ws.project().find_annotation(AnnotationId(4)).unwrap();
    assert_eq!(a.anchor, AnchorStatus::Orphaned);
    assert_on_text(&ws);

    // Re-attached to its words, it no longer carries the lost cue's stale offsets.
    let start = offset(&ws, FIRST, "Ukraine’s NATO membership has not", 0);
    ws.perform(Intent::Reattach {
        id: AnnotationId(4),
        doc: FIRST.into(),
        range: start..start + 58,
    })
    .unwrap();
    let (_, a) = ws.project().find_annotation(AnnotationId(4)).unwrap();
    assert_eq!(a.anchor, AnchorStatus::Placed);
    assert_eq!(a.cue, None);
    assert_on_text(&ws);
}

#[test]
fn an_empty_or_reversed_cue_is_refused_on_load_with_its_place() {
    let sample = SampleCopy::new();
    let path = sample.project();
    let text = std::fs::read_to_string(&path).unwrap();
    let broken = text.replacen(
        "          fragments: [\n            (start: 588,",
        "          cue: Some((start: 590, end: 586, text: \"said\")),\n          fragments: [\n            (start: 588,",
        1,
    );
    assert_ne!(broken, text);
    std::fs::write(&path, broken).unwrap();
    let err = load_project(&path).unwrap_err().to_string();
    assert!(err.contains("ukraine-nato.ron"), "{err}");
    assert!(
        err.contains("annotation 4") && err.contains("cue 590..586"),
        "{err}"
    );
}

#[test]
fn a_deleted_passage_does_not_jump_to_another_copy_of_its_words() {
    let sample = SampleCopy::new();
    let path = sample.project();
    let mut ws = Workspace::open_project(&path).unwrap();
    // "Dropping the NATO bid" is in the article twice; the first copy is tagged.
    let start = offset(&ws, GUARANTEES, "Dropping the NATO bid", 0);
    let copy = offset(&ws, GUARANTEES, "Dropping the NATO bid", 1);
    let id = ws
        .perform(Intent::Tag {
            doc: GUARANTEES.into(),
            range: start..start + 21,
            label: whosaid::project::Label::Claim,
        })
        .unwrap()
        .annotation
        .unwrap();
    ws.save().unwrap();
    edit(
        &sample,
        GUARANTEES,
        " Dropping the NATO bid, Zelenskyy framed, represents a concession designed to unlock an alternative path to security and peace.",
        "",
    );
    let ws = Workspace::open_project(&path).unwrap();
    let (_, a) = ws.project().find_annotation(id).unwrap();
    assert!(
        a.anchor != AnchorStatus::Placed,
        "silently moved to {}..{} (the other copy was at {copy})",
        a.start(),
        a.end(),
    );
    assert_on_text(&ws);
}

#[test]
fn an_article_replaced_by_another_text_is_flagged_and_said_to_have_mostly_changed() {
    let sample = SampleCopy::new();
    let path = sample.project();
    let p = path.to_str().unwrap();
    let before = Workspace::open_project(&path).unwrap();
    let count = before.project().document(FIRST).unwrap().annotations.len();
    // Another article on the same subject, which shares some of the annotated phrases in other
    // sentences (and short words everywhere: "said", "NATO", "Ukraine").
    let other = std::fs::read_to_string(sample.corpus().join(SECOND)).unwrap();
    let shared = "Officials called it a “non-issue” for now. Critics in Brussels said the move is \
                  largely symbolic, and argued that the offer does little to change negotiations \
                  either way.\n\n";
    std::fs::write(sample.corpus().join(FIRST), format!("{shared}{other}")).unwrap();

    let ws = Workspace::open_project(&path).unwrap();
    let entry = ws.project().document(FIRST).unwrap();
    assert_eq!(entry.annotations.len(), count, "nothing dropped");
    let placed: Vec<u64> = entry
        .annotations
        .iter()
        .filter(|a| a.anchor == AnchorStatus::Placed)
        .map(|a| a.id.0)
        .collect();
    assert!(placed.is_empty(), "placed without review: {placed:?}");
    let note = format!("the text of {FIRST} mostly changed: {count} of {count} annotations");
    assert!(
        ws.warnings().iter().any(|w| w.contains(&note)),
        "{:?}",
        ws.warnings()
    );
    assert_on_text(&ws);

    let check = whosaid(&["check", p]);
    assert!(stdout(&check).contains(&note), "{}", stdout(&check));
    let others = whosaid(&["check", p]);
    assert!(
        !stdout(&others).contains(&format!("{SECOND} mostly changed")),
        "{}",
        stdout(&others)
    );
}
