//! W3C Web Annotation (<https://www.w3.org/TR/annotation-model/>), JSON-LD: one
//! `AnnotationCollection` whose single `AnnotationPage` holds one `Annotation` per span.
//!
//! - `body`: a `TextualBody` per fact: the label (`purpose: tagging`, `claim`/`quote`/`demand`),
//!   each speaker and the addressee (`purpose: identifying`, the registry name, told apart by
//!   `schema:roleName` `speaker` / `addressee`), the note (`purpose: commenting`); the cue is a
//!   `SpecificResource` body (`purpose: describing`, `schema:roleName: cue`) selecting the
//!   reporting words.
//! - `target`: per fragment a `SpecificResource` on the document (`urn:whosaid:doc:PATH`) with a
//!   `TextQuoteSelector` (exact text and up to 32 code points of prefix and suffix) and a
//!   `TextPositionSelector` (code points, `\r\n` two); an array when there are several
//!   fragments.

use super::doc_export::{Parties, document_iri, fits, is_exported, parties};
use super::record::speaker_names;
use crate::corpus::Document;
use crate::project::{Annotation, DocEntry, Fragment, SpeakerId};
use crate::text::CONTEXT_CHARS;
use crate::workspace::Workspace;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

pub(super) const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

#[derive(Serialize)]
struct QuoteSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    prefix: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    suffix: String,
}

#[derive(Serialize)]
struct PositionSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct SpecificResource<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    purpose: Option<&'static str>,
    #[serde(rename = "schema:roleName", skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
    source: &'a str,
    selector: (QuoteSelector, PositionSelector),
}

#[derive(Serialize)]
#[serde(untagged)]
enum Body<'a> {
    Text {
        #[serde(rename = "type")]
        kind: &'static str,
        purpose: &'static str,
        #[serde(rename = "schema:roleName", skip_serializing_if = "Option::is_none")]
        role: Option<&'static str>,
        value: &'a str,
    },
    Resource(SpecificResource<'a>),
}

#[derive(Serialize)]
#[serde(untagged)]
enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

#[derive(Serialize)]
struct WebAnnotation<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    created: &'a str,
    modified: &'a str,
    /// The analyst, as a W3C `creator` (a `Person` with a `name`); left out when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Creator<'a>>,
    body: Vec<Body<'a>>,
    target: OneOrMany<SpecificResource<'a>>,
}

#[derive(Serialize)]
struct Creator<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

/// The text of a fragment and its context: from the document when it is in the corpus, else as
/// the project stored them.
fn selectors(doc: Option<&Document>, f: &Fragment) -> (QuoteSelector, PositionSelector) {
    let (exact, prefix, suffix) = match doc.and_then(|d| d.text.slice(f.start..f.end)) {
        Some(exact) => {
            let (prefix, suffix) = doc.unwrap().text.context(f.start..f.end);
            (exact.to_string(), prefix, suffix)
        }
        None => {
            let tail = |s: &str| -> String {
                let skip = s.chars().count().saturating_sub(CONTEXT_CHARS);
                s.chars().skip(skip).collect()
            };
            (
                f.text().to_string(),
                tail(f.prefix()),
                f.suffix().chars().take(CONTEXT_CHARS).collect(),
            )
        }
    };
    (
        QuoteSelector {
            kind: "TextQuoteSelector",
            exact,
            prefix,
            suffix,
        },
        PositionSelector {
            kind: "TextPositionSelector",
            start: f.start,
            end: f.end,
        },
    )
}

fn resource<'a>(
    source: &'a str,
    doc: Option<&Document>,
    f: &Fragment,
    purpose: Option<&'static str>,
    role: Option<&'static str>,
) -> SpecificResource<'a> {
    SpecificResource {
        kind: "SpecificResource",
        purpose,
        role,
        source,
        selector: selectors(doc, f),
    }
}

fn annotation<'a>(
    a: &'a Annotation,
    source: &'a str,
    doc: Option<&Document>,
    who: &Parties<'a>,
) -> WebAnnotation<'a> {
    let text = |purpose, role, value| Body::Text {
        kind: "TextualBody",
        purpose,
        role,
        value,
    };
    let mut body = vec![text("tagging", None, a.label.key())];
    body.extend(
        who.speakers
            .iter()
            .map(|s| text("identifying", Some("speaker"), s)),
    );
    body.extend(
        who.addressee
            .map(|s| text("identifying", Some("addressee"), s)),
    );
    if !a.note.is_empty() {
        body.push(text("commenting", None, &a.note));
    }
    if let Some(cue) = &a.cue {
        body.push(Body::Resource(resource(
            source,
            doc,
            cue,
            Some("describing"),
            Some("cue"),
        )));
    }
    let mut targets: Vec<SpecificResource> = a
        .fragments
        .iter()
        .map(|f| resource(source, doc, f, None, None))
        .collect();
    let target = if targets.len() == 1 {
        OneOrMany::One(targets.remove(0))
    } else {
        OneOrMany::Many(targets)
    };
    WebAnnotation {
        id: format!("urn:whosaid:annotation:{}", a.id.0),
        kind: "Annotation",
        created: &a.created,
        modified: &a.modified,
        creator: (!a.annotator.is_empty()).then(|| Creator {
            kind: "Person",
            name: &a.annotator,
        }),
        body,
        target,
    }
}

/// The annotations of a document the export carries: all but orphans (and, for a document in
/// the corpus, any that would not fit its text).
fn carried<'a>(
    entry: &'a DocEntry,
    doc: Option<&'a Document>,
) -> impl Iterator<Item = &'a Annotation> {
    entry
        .annotations
        .iter()
        .filter(move |a| is_exported(a) && doc.is_none_or(|d| fits(d, a)))
}

/// A JSON string, escaped.
fn json_string(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialize")
}

/// The whole collection, one annotation per line inside the page's `items`.
pub fn write_w3c(ws: &Workspace, out: &mut dyn Write) -> std::io::Result<()> {
    let names: HashMap<SpeakerId, &str> = speaker_names(ws);
    let docs: Vec<(&DocEntry, Option<&Document>)> = ws
        .project()
        .documents
        .iter()
        .map(|e| (e, ws.corpus().document(&e.path)))
        .collect();
    let total: usize = docs.iter().map(|(e, d)| carried(e, *d).count()).sum();
    let name = ws.display_name();
    let collection = format!(
        "urn:whosaid:collection:{}",
        document_iri(&name).trim_start_matches("urn:whosaid:doc:")
    );
    write!(
        out,
        "{{\"@context\":{},\"id\":{},\"type\":\"AnnotationCollection\",\"label\":{},\
         \"total\":{total},\"first\":{{\"id\":{},\"type\":\"AnnotationPage\",\"startIndex\":0,\
         \"items\":[",
        json_string(CONTEXT),
        json_string(&collection),
        json_string(&format!("whosaid annotations of {name}")),
        json_string(&format!("{collection}:page:1")),
    )?;
    let mut first = true;
    for (entry, doc) in docs {
        let source = document_iri(&entry.path);
        for a in carried(entry, doc) {
            let who = parties(a, &names);
            out.write_all(if first { b"\n" } else { b",\n" })?;
            first = false;
            serde_json::to_writer(&mut *out, &annotation(a, &source, doc, &who))?;
        }
    }
    out.write_all(b"\n]}}\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Label;
    use crate::workspace::Intent;

    fn collection(ws: &Workspace) -> serde_json::Value {
        let mut out = Vec::new();
        write_w3c(ws, &mut out).unwrap();
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn documents_missing_from_the_corpus_keep_their_stored_text() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(
            corpus.join("a.txt"),
            "Title\n“No,” said Zelenskyy 🇺🇦 today.\n",
        )
        .unwrap();
        let mut ws = Workspace::open_corpus(&corpus).unwrap();
        let id = ws
            .perform(Intent::Tag {
                doc: "a.txt".into(),
                range: 6..11,
                label: Label::Quote,
            })
            .unwrap()
            .annotation
            .unwrap();
        ws.perform(Intent::AddFragment { id, range: 17..29 })
            .unwrap();
        let project = dir.path().join("p.ron");
        ws.save_as(&project).unwrap();
        let present = collection(&ws);
        let item = &present["first"]["items"][0];
        assert_eq!(item["target"][0]["selector"][0]["exact"], "“No,”");
        assert_eq!(item["target"][1]["selector"][0]["exact"], "Zelenskyy 🇺🇦");
        assert_eq!(
            item["target"][1]["selector"][0]["prefix"],
            "Title\n“No,” said "
        );

        std::fs::remove_file(corpus.join("a.txt")).unwrap();
        let ws = Workspace::open_project(&project).unwrap();
        assert_eq!(crate::interop::documents_without_text(&ws), ["a.txt"]);
        assert_eq!(
            collection(&ws),
            present,
            "the same selectors from the stored text"
        );
        let mut tasks = Vec::new();
        crate::interop::write_labelstudio(&ws, &mut tasks).unwrap();
        assert_eq!(String::from_utf8(tasks).unwrap(), "[\n]\n");
    }
}
