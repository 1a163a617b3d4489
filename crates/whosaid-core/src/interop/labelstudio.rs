//! Label Studio (<https://labelstud.io>) tasks for a text-labeling project: a JSON array with one
//! task per document, its text in `data.text` and whosaid's annotations as one completed
//! annotation; [`labelstudio_config`] is the labeling config that shows them.
//!
//! - A fragment is a `labels` region (`from_name: label`, `Claim`/`Quote`/`Demand`); the first
//!   fragment's region is `a<whosaid id>`, the others `a<id>-2`, `a<id>-3`…, each joined to the
//!   one before by a `continues` relation (Label Studio has no discontinuous regions).
//! - The cue is a region labelled `Cue`, joined to the span by a `has_cue` relation.
//! - Speakers, addressee and note are per-region `textarea` results on the first fragment's
//!   region (`speaker`: one name per line, main first; `addressee`; `note`), which the config
//!   shows when the region is selected.
//!
//! - The task's `data.attributions` lists each annotation again by its places: `annotation` (the
//!   whosaid id), `label`, `fragments` and `cue` (`[start, end]` pairs), `speakers`, `addressee`
//!   and `note`. Label Studio keeps task data as it is in every export, so this is what rebuilds
//!   the annotations from its JSON-MIN export, which drops relations and region ids.
//!
//! Offsets are code points of `data.text` (Label Studio counts them so since it stopped counting
//! JavaScript string indices), `\r\n` two.

use super::doc_export::{CUE, CUE_COLOUR, DocFields, ExportDoc, documents, label_colour, parties};
use super::record::speaker_names;
use crate::project::{Annotation, Fragment, Label, SpeakerId};
use crate::workspace::Workspace;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;

#[derive(Serialize)]
#[serde(untagged)]
enum Value<'a> {
    Labels {
        start: usize,
        end: usize,
        text: &'a str,
        labels: [&'static str; 1],
    },
    TextArea {
        start: usize,
        end: usize,
        text: Vec<&'a str>,
    },
}

#[derive(Serialize)]
struct Region<'a> {
    id: String,
    from_name: &'static str,
    to_name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: Value<'a>,
}

#[derive(Serialize)]
struct Relation {
    from_id: String,
    to_id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    direction: &'static str,
    labels: [&'static str; 1],
}

#[derive(Serialize)]
#[serde(untagged)]
enum Item<'a> {
    Region(Region<'a>),
    Relation(Relation),
}

#[derive(Serialize)]
struct Completed<'a> {
    result: Vec<Item<'a>>,
}

/// An annotation as the task data repeats it, by places rather than region ids.
#[derive(Serialize)]
struct Attribution<'a> {
    annotation: u64,
    label: &'static str,
    fragments: Vec<[usize; 2]>,
    cue: Option<[usize; 2]>,
    speakers: Vec<&'a str>,
    addressee: Option<&'a str>,
    note: &'a str,
}

#[derive(Serialize)]
struct Data<'a> {
    #[serde(flatten)]
    fields: DocFields<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attributions: Vec<Attribution<'a>>,
}

#[derive(Serialize)]
struct Task<'a> {
    data: Data<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    annotations: Vec<Completed<'a>>,
}

fn relation(from_id: &str, to_id: &str, label: &'static str) -> Item<'static> {
    Item::Relation(Relation {
        from_id: from_id.to_string(),
        to_id: to_id.to_string(),
        kind: "relation",
        direction: "right",
        labels: [label],
    })
}

/// The results of one annotation: its regions, relations and per-region text areas.
fn results<'a>(
    doc: &'a ExportDoc,
    a: &'a Annotation,
    names: &HashMap<SpeakerId, &'a str>,
    cues: &mut HashMap<(usize, usize), String>,
    out: &mut Vec<Item<'a>>,
) {
    let text = &doc.doc.text;
    let labels = |id: String, f: &Fragment, label: &'static str| {
        Item::Region(Region {
            id,
            from_name: "label",
            to_name: "text",
            kind: "labels",
            value: Value::Labels {
                start: f.start,
                end: f.end,
                text: text.slice(f.start..f.end).unwrap_or_default(),
                labels: [label],
            },
        })
    };
    let main = format!("a{}", a.id.0);
    let mut previous = main.clone();
    for (i, f) in a.fragments.iter().enumerate() {
        let id = if i == 0 {
            main.clone()
        } else {
            format!("{main}-{}", i + 1)
        };
        out.push(labels(id.clone(), f, a.label.name()));
        if i > 0 {
            out.push(relation(&previous, &id, "continues"));
        }
        previous = id;
    }
    if let Some(cue) = &a.cue {
        let id = cues.entry((cue.start, cue.end)).or_insert_with(|| {
            let id = format!("{main}-cue");
            out.push(labels(id.clone(), cue, CUE));
            id
        });
        out.push(relation(&main, id, "has_cue"));
    }
    let first = &a.fragments[0];
    let who = parties(a, names);
    let area = |name: &'static str, lines: Vec<&'a str>| {
        Item::Region(Region {
            id: main.clone(),
            from_name: name,
            to_name: "text",
            kind: "textarea",
            value: Value::TextArea {
                start: first.start,
                end: first.end,
                text: lines,
            },
        })
    };
    if !who.speakers.is_empty() {
        out.push(area("speaker", who.speakers));
    }
    if let Some(addressee) = who.addressee {
        out.push(area("addressee", vec![addressee]));
    }
    if !a.note.is_empty() {
        out.push(area("note", vec![&a.note]));
    }
}

fn task<'a>(doc: &'a ExportDoc, names: &HashMap<SpeakerId, &'a str>) -> Task<'a> {
    let mut result = Vec::new();
    let mut cues = HashMap::new();
    for a in &doc.annotations {
        results(doc, a, names, &mut cues, &mut result);
    }
    let attributions = doc
        .annotations
        .iter()
        .map(|a| {
            let who = parties(a, names);
            Attribution {
                annotation: a.id.0,
                label: a.label.name(),
                fragments: a.fragments.iter().map(|f| [f.start, f.end]).collect(),
                cue: a.cue.as_ref().map(|c| [c.start, c.end]),
                speakers: who.speakers,
                addressee: who.addressee,
                note: &a.note,
            }
        })
        .collect();
    Task {
        data: Data {
            fields: doc.fields(),
            attributions,
        },
        // A document marked done with nothing tagged is still a finished annotation.
        annotations: if result.is_empty() && !doc.entry.done {
            Vec::new()
        } else {
            vec![Completed { result }]
        },
    }
}

/// The tasks, a JSON array with one task per line.
pub fn write_labelstudio(ws: &Workspace, out: &mut dyn Write) -> std::io::Result<()> {
    let names = speaker_names(ws);
    out.write_all(b"[")?;
    for (i, doc) in documents(ws).iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &task(doc, &names))?;
    }
    out.write_all(b"\n]\n")?;
    out.flush()
}

/// The labeling config for the tasks: the labels in the app's colours, the relations, and the
/// speaker, addressee and note fields of a selected region.
pub fn labelstudio_config() -> String {
    let mut labels = String::new();
    for label in Label::ALL {
        let _ = writeln!(
            labels,
            "    <Label value=\"{}\" background=\"{}\"/>",
            label.name(),
            label_colour(label)
        );
    }
    let _ = writeln!(
        labels,
        "    <Label value=\"{CUE}\" background=\"{CUE_COLOUR}\"/>"
    );
    format!(
        "<View>\n\
         \x20 <Header value=\"$title\"/>\n\
         \x20 <Labels name=\"label\" toName=\"text\">\n\
         {labels}\
         \x20 </Labels>\n\
         \x20 <Relations>\n\
         \x20   <Relation value=\"has_cue\"/>\n\
         \x20   <Relation value=\"continues\"/>\n\
         \x20 </Relations>\n\
         \x20 <Text name=\"text\" value=\"$text\"/>\n\
         \x20 <View visibleWhen=\"region-selected\">\n\
         \x20   <Header value=\"Speakers (one per line, main speaker first)\"/>\n\
         \x20   <TextArea name=\"speaker\" toName=\"text\" perRegion=\"true\" editable=\"true\"/>\n\
         \x20   <Header value=\"Addressee (whom a demand calls on)\"/>\n\
         \x20   <TextArea name=\"addressee\" toName=\"text\" perRegion=\"true\" editable=\"true\" maxSubmissions=\"1\"/>\n\
         \x20   <Header value=\"Note\"/>\n\
         \x20   <TextArea name=\"note\" toName=\"text\" perRegion=\"true\" editable=\"true\"/>\n\
         \x20 </View>\n\
         </View>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Intent;

    #[test]
    fn fragments_are_regions_joined_in_order_and_speakers_sit_on_the_first() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.txt"),
            "“We will not,” he said, “give up,” and “ever.”",
        )
        .unwrap();
        let mut ws = Workspace::open_corpus(dir.path()).unwrap();
        let id = ws
            .perform(Intent::Tag {
                doc: "a.txt".into(),
                range: 0..14,
                label: Label::Quote,
            })
            .unwrap()
            .annotation
            .unwrap();
        for range in [24..34, 39..46] {
            ws.perform(Intent::AddFragment { id, range }).unwrap();
        }
        ws.perform(Intent::CreateSpeakerFor {
            id,
            name: "Zelenskiy".into(),
            role: crate::workspace::SpeakerRole::Main,
        })
        .unwrap();
        let mut out = Vec::new();
        write_labelstudio(&ws, &mut out).unwrap();
        let tasks: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let result = tasks[0]["annotations"][0]["result"].as_array().unwrap();
        let summary: Vec<String> = result
            .iter()
            .map(|r| match r["type"].as_str().unwrap() {
                "relation" => format!("{}>{}", r["from_id"], r["to_id"]),
                kind => format!("{kind}:{}:{}", r["id"], r["value"]["start"]),
            })
            .collect();
        let n = id.0;
        assert_eq!(
            summary,
            [
                format!("labels:\"a{n}\":0"),
                format!("labels:\"a{n}-2\":24"),
                format!("\"a{n}\">\"a{n}-2\""),
                format!("labels:\"a{n}-3\":39"),
                format!("\"a{n}-2\">\"a{n}-3\""),
                format!("textarea:\"a{n}\":0"),
            ]
        );
        assert_eq!(result[2]["labels"][0], "continues");
        assert_eq!(result[5]["value"]["text"][0], "Zelenskiy");
    }
}
