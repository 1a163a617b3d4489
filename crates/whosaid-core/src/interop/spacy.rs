//! spaCy / Prodigy JSONL: one object per document, `{"text", "spans": [{"start", "end", "label",
//! …}], "meta": {…}}`, offsets in code points (Python string indices), as `spacy.tokens.Doc`
//! char spans and Prodigy's span tasks read them.
//!
//! - A fragment is a span labelled `Claim`, `Quote` or `Demand`, with its `text`, the whosaid
//!   `annotation` id, its place in the annotation (`fragment`, from 1, of `fragments`), the
//!   `speakers` (main first), `addressee`, `cue` (`{start, end, text}`) and `note`: every span
//!   of an annotation carries them, so that a span taken alone still says who said it.
//! - `meta` holds the document's `doc` path, `title`, `outlet`, `date` and `url`.
//!
//! `\r\n` counts two code points, as in Python.

use super::doc_export::{DocFields, ExportDoc, documents, parties};
use super::record::speaker_names;
use crate::project::SpeakerId;
use crate::workspace::Workspace;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

#[derive(Serialize)]
struct Cue<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct Span<'a> {
    start: usize,
    end: usize,
    label: &'static str,
    text: &'a str,
    annotation: u64,
    fragment: usize,
    fragments: usize,
    speakers: Vec<&'a str>,
    addressee: Option<&'a str>,
    cue: Option<Cue<'a>>,
    note: &'a str,
}

#[derive(Serialize)]
struct Meta<'a> {
    doc: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    outlet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Line<'a> {
    text: &'a str,
    spans: Vec<Span<'a>>,
    meta: Meta<'a>,
}

fn line<'a>(doc: &'a ExportDoc, names: &HashMap<SpeakerId, &'a str>) -> Line<'a> {
    let text = &doc.doc.text;
    let slice = |start: usize, end: usize| text.slice(start..end).unwrap_or_default();
    let mut spans = Vec::new();
    for a in &doc.annotations {
        let who = parties(a, names);
        for (i, f) in a.fragments.iter().enumerate() {
            spans.push(Span {
                start: f.start,
                end: f.end,
                label: a.label.name(),
                text: slice(f.start, f.end),
                annotation: a.id.0,
                fragment: i + 1,
                fragments: a.fragments.len(),
                speakers: who.speakers.clone(),
                addressee: who.addressee,
                cue: a.cue.as_ref().map(|c| Cue {
                    start: c.start,
                    end: c.end,
                    text: slice(c.start, c.end),
                }),
                note: &a.note,
            });
        }
    }
    // spaCy's span groups and Prodigy list spans by position.
    spans.sort_by_key(|s| (s.start, s.end, s.annotation, s.fragment));
    let DocFields {
        text,
        doc: path,
        title,
        outlet,
        date,
        url,
    } = doc.fields();
    Line {
        text,
        spans,
        meta: Meta {
            doc: path,
            title,
            outlet,
            date,
            url,
        },
    }
}

/// One JSON object per document of the project that is in the corpus, those without annotations
/// included (a model learns from what is not tagged too).
pub fn write_spacy(ws: &Workspace, out: &mut dyn Write) -> std::io::Result<()> {
    let names = speaker_names(ws);
    for doc in documents(ws) {
        serde_json::to_writer(&mut *out, &line(&doc, &names))?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
