//! doccano (<https://github.com/doccano/doccano>) JSONL for a sequence-labeling project with
//! relations: one line per document with its text, its `entities` and `relations`.
//!
//! - A fragment is an entity labelled `Claim`, `Quote` or `Demand`; the fragments of one
//!   annotation are joined in order by `continues` relations (doccano has no discontinuous
//!   spans).
//! - The cue is an entity labelled `Cue`, joined to the annotation's first fragment by a
//!   `has_cue` relation.
//! - Speakers have no span, so no entity: each annotation is described in the line's
//!   `attributions`, keyed by the offsets and label of its first fragment (doccano keeps those,
//!   but renumbers entity ids on import, so the `entity_id` also written is only a hint for older
//!   readers), with the whosaid id, the speakers (main first), the addressee and the note. doccano
//!   keeps such extra fields as the example's metadata.
//!
//! Offsets are UTF-16 code units, as doccano counts them (JavaScript string indices): an emoji
//! is two, `\r\n` two. Entity and relation ids are unique across the file. The file is ASCII
//! (`\u` escapes): doccano's upload guesses the encoding and misreads UTF-8 as e.g. Windows-1254.

use super::ascii_json::to_ascii_writer;
use super::doc_export::{CUE, DocFields, ExportDoc, Utf16Offsets, documents, parties};
use super::record::speaker_names;
use crate::project::{Annotation, Fragment, SpeakerId};
use crate::workspace::Workspace;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

#[derive(Serialize)]
struct Entity {
    id: u64,
    label: &'static str,
    start_offset: usize,
    end_offset: usize,
}

#[derive(Serialize)]
struct Relation {
    id: u64,
    from_id: u64,
    to_id: u64,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Attribution<'a> {
    entity_id: u64,
    /// The first fragment's place and label: what doccano keeps of an entity across an import
    /// and export, so what the import matches on.
    start_offset: usize,
    end_offset: usize,
    label: &'static str,
    annotation: u64,
    speakers: Vec<&'a str>,
    addressee: Option<&'a str>,
    note: &'a str,
    /// The analyst who last created or changed the annotation; left out when unknown.
    #[serde(skip_serializing_if = "str::is_empty")]
    annotator: &'a str,
}

#[derive(Serialize)]
struct Line<'a> {
    id: usize,
    #[serde(flatten)]
    fields: DocFields<'a>,
    entities: Vec<Entity>,
    relations: Vec<Relation>,
    attributions: Vec<Attribution<'a>>,
}

/// Entity and relation ids, counted across the whole file.
#[derive(Default)]
struct Ids {
    entity: u64,
    relation: u64,
}

fn line<'a>(
    n: usize,
    doc: &'a ExportDoc,
    names: &HashMap<SpeakerId, &'a str>,
    ids: &mut Ids,
) -> Line<'a> {
    let units = Utf16Offsets::new(doc.doc.text.as_str());
    let (mut entities, mut relations, mut attributions) = (Vec::new(), Vec::new(), Vec::new());
    let mut cues: HashMap<(usize, usize), u64> = HashMap::new();
    let mut entity = |f: &Fragment, label: &'static str, entities: &mut Vec<Entity>| {
        ids.entity += 1;
        entities.push(Entity {
            id: ids.entity,
            label,
            start_offset: units.of(f.start),
            end_offset: units.of(f.end),
        });
        ids.entity
    };
    let mut joins: Vec<(u64, u64, &'static str)> = Vec::new();
    for a in &doc.annotations {
        let a: &Annotation = a;
        let fragment_ids: Vec<u64> = a
            .fragments
            .iter()
            .map(|f| entity(f, a.label.name(), &mut entities))
            .collect();
        let first = fragment_ids[0];
        let head = (units.of(a.fragments[0].start), units.of(a.fragments[0].end));
        joins.extend(fragment_ids.windows(2).map(|w| (w[0], w[1], "continues")));
        if let Some(cue) = &a.cue {
            let cue_id = match cues.get(&(cue.start, cue.end)) {
                Some(&id) => id,
                None => {
                    let id = entity(cue, CUE, &mut entities);
                    cues.insert((cue.start, cue.end), id);
                    id
                }
            };
            joins.push((first, cue_id, "has_cue"));
        }
        let who = parties(a, names);
        attributions.push(Attribution {
            entity_id: first,
            start_offset: head.0,
            end_offset: head.1,
            label: a.label.name(),
            annotation: a.id.0,
            speakers: who.speakers,
            addressee: who.addressee,
            note: &a.note,
            annotator: &a.annotator,
        });
    }
    for (from_id, to_id, kind) in joins {
        ids.relation += 1;
        relations.push(Relation {
            id: ids.relation,
            from_id,
            to_id,
            kind,
        });
    }
    Line {
        id: n,
        fields: doc.fields(),
        entities,
        relations,
        attributions,
    }
}

/// One JSON object per document, numbered from 1.
pub fn write_doccano(ws: &Workspace, out: &mut dyn Write) -> std::io::Result<()> {
    let names = speaker_names(ws);
    let mut ids = Ids::default();
    for (i, doc) in documents(ws).iter().enumerate() {
        to_ascii_writer(&mut *out, &line(i + 1, doc, &names, &mut ids))?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Label;
    use crate::workspace::Intent;

    #[test]
    fn a_shared_cue_is_one_entity_and_ids_run_across_lines() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "😀 X said: “Go.”\n").unwrap();
        std::fs::write(dir.path().join("b.txt"), "Y said no\n").unwrap();
        let mut ws = Workspace::open_corpus(dir.path()).unwrap();
        for label in [Label::Quote, Label::Demand] {
            let id = ws
                .perform(Intent::Tag {
                    doc: "a.txt".into(),
                    range: 10..15,
                    label,
                })
                .unwrap()
                .annotation
                .unwrap();
            ws.perform(Intent::SetCue {
                id,
                range: Some(4..8),
            })
            .unwrap();
        }
        ws.perform(Intent::Tag {
            doc: "b.txt".into(),
            range: 7..9,
            label: Label::Claim,
        })
        .unwrap();
        let mut out = Vec::new();
        write_doccano(&ws, &mut out).unwrap();
        let lines: Vec<serde_json::Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let labels: Vec<(&str, u64, u64)> = lines[0]["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["label"].as_str().unwrap(),
                    e["start_offset"].as_u64().unwrap(),
                    e["end_offset"].as_u64().unwrap(),
                )
            })
            .collect();
        // The emoji is two UTF-16 units: "said" is at code points 4..8, units 5..9.
        assert_eq!(
            labels,
            [("Quote", 11, 16), ("Cue", 5, 9), ("Demand", 11, 16)]
        );
        let cue_links: Vec<(u64, u64)> = lines[0]["relations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["from_id"].as_u64().unwrap(), r["to_id"].as_u64().unwrap()))
            .collect();
        assert_eq!(cue_links, [(1, 2), (3, 2)]);
        assert_eq!(lines[1]["entities"][0]["id"], 4);
        assert_eq!(lines[1]["attributions"][0]["entity_id"], 4);
    }
}
