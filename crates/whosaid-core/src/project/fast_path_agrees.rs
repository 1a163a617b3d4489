//! The parallel project parser must read every text exactly as one plain ron pass does: generated
//! small projects, with comments, raw strings, chars, odd blanks and stray bytes put in random
//! places, go through both routes and must give the same project or the same error.
//! `WHOSAID_FUZZ_SCALE=100 cargo test --lib fast_path_agrees` runs a hundred times as many cases.

use super::chunked::parse_pieces;
use super::storage::{Route, parse_project_by, project_to_ron};
use super::{Annotation, AnnotationId, DocEntry, Fragment, Label, Project, SpeakerId};
use crate::project::Speaker;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::cell::Cell;
use std::path::Path;

fn cases(base: u32) -> u32 {
    let scale = std::env::var("WHOSAID_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse::<u32>().ok())
        .unwrap_or(1)
        .max(1);
    base * scale
}

/// Strings that mean something to a scanner that misreads them.
const TRICKY: &[&str] = &[
    "",
    "plain",
    "documents: [",
    "],",
    "a \"quote\" and \\ backslash",
    "/* not a comment */",
    "// nor this",
    "*/",
    "/*",
    "it's",
    "r#\"",
    "\"#",
    "é “curly” 🇺🇦",
    "line\nbreak",
    "(",
    ")",
];

/// What may be put between two tokens: blanks, comments whose insides look like structure, and
/// things ron refuses there.
const TRIVIA: &[&str] = &[
    " ",
    "\n",
    "\t",
    "\r\n",
    "\u{0b}",
    "\u{a0}",
    "\u{2028}",
    "// documents: [] */\n",
    "// x",
    "/* documents: [] */",
    "/* /* */ documents: [], */",
    "/* /* */ ], // */\n",
    "/* /* */",
    "/*/ */",
    "/**/",
    "*/",
    "'x'",
    "'\\''",
    "b\"x\"",
    "r#\"x\"#",
    "#![enable(implicit_some)]",
    ",",
    "documents: [],",
    "r#documents",
    "é",
];

/// What one character may be replaced by.
const SWAPS: &[char] = &[
    '(', ')', '[', ']', '{', '}', ',', ':', '"', '\'', '/', '*', '#', ' ',
];

fn tricky() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(TRICKY).prop_map(str::to_owned),
        1 => "\\PC{0,6}",
    ]
}

/// A small valid project: a few speakers, documents and annotations with tricky strings.
fn project() -> impl Strategy<Value = Project> {
    let speaker = (tricky(), prop::collection::vec(tricky(), 0..2));
    let fragment = (0usize..4, 1usize..4, tricky());
    let annotation = (
        0usize..3,
        prop::collection::vec(fragment, 1..3),
        prop::option::of(0u64..3),
        tricky(),
    );
    let document = (
        tricky(),
        any::<bool>(),
        prop::collection::vec(annotation, 0..3),
    );
    (
        tricky(),
        prop::collection::vec(speaker, 0..3),
        prop::collection::vec(document, 0..4),
    )
        .prop_map(|(corpus, speakers, documents)| {
            let mut p = Project::new(corpus.into());
            for (i, (name, aliases)) in speakers.into_iter().enumerate() {
                let mut s = Speaker::new(SpeakerId(i as u64 + 1), name);
                s.aliases = aliases;
                p.speakers.push(s);
            }
            let mut next_id = 1;
            for (i, (hash, done, annotations)) in documents.into_iter().enumerate() {
                let mut d = DocEntry::new(format!("d{i}.txt"), hash);
                d.done = done;
                for (label, fragments, speaker, note) in annotations {
                    let mut start = 0;
                    let fragments = fragments
                        .into_iter()
                        .map(|(gap, len, text)| {
                            start += gap;
                            let f = Fragment::new(start, start + len, text);
                            start += len;
                            f
                        })
                        .collect();
                    let speakers = speaker
                        .filter(|&s| (s as usize) < p.speakers.len())
                        .map(|s| vec![SpeakerId(s + 1)])
                        .unwrap_or_default();
                    d.annotations.push(Annotation {
                        speakers,
                        note,
                        ..Annotation::new(
                            AnnotationId(next_id),
                            Label::ALL[label],
                            fragments,
                            "2026-01-01T00:00:00Z",
                        )
                    });
                    next_id += 1;
                }
                p.documents.push(d);
            }
            p.normalize();
            p
        })
}

/// Where something may go between tokens of ron's own output: after an opening bracket, a comma
/// or a colon, and before a closing bracket (outside strings; ron writes only plain strings).
fn gaps(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let (mut out, mut i) = (vec![0], 0);
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'(' | b'[' | b',' | b':' => out.push(i + 1),
            b')' | b']' => out.push(i),
            _ => {}
        }
        i += 1;
    }
    out.push(b.len());
    out
}

/// A project text: whosaid's own or ron's compact form, with trivia put in gaps, maybe a string
/// made raw, maybe one character removed or replaced.
fn project_text() -> impl Strategy<Value = String> {
    (
        project(),
        any::<bool>(),
        prop::collection::vec(
            (any::<prop::sample::Index>(), prop::sample::select(TRIVIA)),
            0..4,
        ),
        prop::option::weighted(0.25, any::<prop::sample::Index>()),
        prop::option::weighted(0.25, any::<prop::sample::Index>()),
        prop::option::weighted(
            0.25,
            (any::<prop::sample::Index>(), prop::sample::select(SWAPS)),
        ),
    )
        .prop_map(|(p, compact, trivia, raw, cut, swap)| {
            let mut text = if compact {
                ron::to_string(&p).unwrap()
            } else {
                project_to_ron(&p)
            };
            let places = gaps(&text);
            let mut inserts: Vec<(usize, &str)> = trivia
                .into_iter()
                .map(|(at, t)| (at.get(&places).to_owned(), t))
                .collect();
            inserts.sort_by_key(|&(at, _)| std::cmp::Reverse(at));
            for (at, t) in inserts {
                text.insert_str(at, t);
            }
            if let Some(which) = raw {
                // `"…"` without escapes becomes `r#"…"#`, which ron reads as the same string.
                let plain: Vec<(usize, usize)> = text
                    .match_indices(": \"")
                    .filter_map(|(i, _)| {
                        let start = i + 2;
                        let len = text[start + 1..].find('"')?;
                        let inner = &text[start + 1..start + 1 + len];
                        (!inner.contains('\\')).then_some((start, start + len + 2))
                    })
                    .collect();
                if !plain.is_empty() {
                    let (s, e) = *which.get(&plain);
                    text = format!("{}r#{}#{}", &text[..s], &text[s..e], &text[e..]);
                }
            }
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            if let Some(at) = cut
                && !bounds.is_empty()
            {
                text.remove(*at.get(&bounds));
            } else if let Some((at, with)) = swap
                && !bounds.is_empty()
            {
                // A bracket, comma or colon replaced by a bracket of another kind, a quote…
                let marks: Vec<usize> = text
                    .match_indices(['(', ')', '[', ']', '{', '}', ',', ':'])
                    .map(|(i, _)| i)
                    .collect();
                let at = *at.get(if marks.is_empty() { &bounds } else { &marks });
                text.remove(at);
                text.insert(at, with);
            }
            text
        })
}

/// Both routes on `text`: the same project, or errors with the same message.
fn agree(text: &str) -> Result<(), TestCaseError> {
    let path = Path::new("p.ron");
    let whole = parse_project_by(path, text, None, Route::Whole);
    let pieces = parse_project_by(path, text, None, Route::Pieces);
    match (&whole, &pieces) {
        (Ok(a), Ok(b)) => prop_assert_eq!(a, b, "{}", text),
        (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string(), "{}", text),
        _ => prop_assert!(
            false,
            "plain: {:?}\npieces: {:?}\n{}",
            whole.map(|p| p.documents.len()),
            pieces.map(|p| p.documents.len()),
            text
        ),
    }
    Ok(())
}

#[test]
fn both_routes_read_every_generated_text_alike() {
    let config = Config {
        cases: cases(1_000),
        failure_persistence: None,
        ..Config::default()
    };
    let (taken, loaded, total) = (Cell::new(0), Cell::new(0), Cell::new(0));
    TestRunner::new(config)
        .run(&project_text(), |text| {
            total.set(total.get() + 1);
            if parse_pieces(&text, None).is_some() {
                taken.set(taken.get() + 1);
            }
            if parse_project_by(Path::new("p.ron"), &text, None, Route::Whole).is_ok() {
                loaded.set(loaded.get() + 1);
            }
            agree(&text)
        })
        .unwrap();
    let (taken, loaded, total) = (taken.get(), loaded.get(), total.get());
    eprintln!("{total} texts: {loaded} load, {taken} taken by the parallel pieces");
    // The generator must exercise both outcomes, and the fast path for real.
    assert!(taken * 8 > total, "{taken} of {total}");
    assert!(loaded > taken && loaded < total, "{loaded} of {total}");
}

/// The text of the issue: a nested block comment hides a document list from ron, and a line
/// comment hides the list ron does read from a scanner that does not nest comments.
fn hidden_list(project: &Project) -> String {
    let text = project_to_ron(project);
    let start = text.find("  documents: [").unwrap();
    let end = text[start..].find("\n  ],\n").unwrap() + start + "\n  ],".len();
    format!(
        "{}  /* /* */ {} // */ documents: [],{}",
        &text[..start],
        text[start..end].trim_start(),
        &text[end..]
    )
}

#[test]
fn a_document_list_in_a_nested_comment_is_not_read_by_either_route() {
    let mut p = Project::new("corpus".into());
    let mut d = DocEntry::new("a.txt".into(), "h".into());
    d.annotations.push(Annotation::new(
        AnnotationId(1),
        Label::Claim,
        vec![Fragment::new(0, 3, "abc")],
        "",
    ));
    p.documents.push(d);
    let text = hidden_list(&p);
    assert!(text.contains("/* /* */ documents: [\n"), "{text}");
    let path = Path::new("p.ron");
    for route in [Route::Whole, Route::Pieces, Route::BySize] {
        let read = parse_project_by(path, &text, None, route).unwrap();
        assert_eq!(read.documents.len(), 0, "{route:?}");
    }
}

#[test]
fn a_big_document_list_in_a_nested_comment_is_not_read_either() {
    let dir = tempfile::tempdir().unwrap();
    let file = crate::synthetic::annotated_project(dir.path(), 200, 3_000, 40, 50, 11).unwrap();
    let saved = crate::project::load_project(&file).unwrap();
    assert_eq!(saved.annotations().count(), 10_000);
    assert!(
        crate::parallel::workers() >= 2,
        "the fast path needs two cores"
    );
    let text = hidden_list(&saved);
    assert!(
        text.len() > 1 << 20,
        "{} bytes: too small for the fast path",
        text.len()
    );
    std::fs::write(&file, &text).unwrap();
    let read = crate::project::load_project(&file).unwrap();
    assert_eq!(read.annotations().count(), 0);
    assert_eq!(
        read,
        parse_project_by(&file, &text, None, Route::Whole).unwrap()
    );
}
