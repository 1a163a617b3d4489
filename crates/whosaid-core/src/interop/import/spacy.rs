//! spaCy / Prodigy JSONL: one document per line, `{"text", "spans": [{"start", "end", "label"}],
//! "meta"}`, offsets in code points of `text`, as whosaid's spaCy export writes it and spaCy or
//! Prodigy users make it (`doc.spans` / `doc.ents` as char offsets).
//!
//! Spans sharing an `annotation` id are the pieces of one annotation (in `fragment` order, else in
//! text order); `speakers`, `addressee`, `cue` and `note` are read from its spans (the first that
//! has them). A span without an `annotation` is an annotation of its own. A span's `text`, where
//! given, is checked against the corpus.

use super::build::{At, Builder};
use super::doccano::{doc_name, find_document, id_text};
use super::graph::{Graph, Note, Relation, Span, assemble};
use super::text::{OffsetUnit, Utf16Index, read_text};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::Path;

pub fn read(b: &mut Builder, input: &Path) -> Result<(), String> {
    let text = &read_text(input)?;
    let shown = input.display().to_string();
    let file: std::sync::Arc<str> = shown.as_str().into();
    for (n, line) in text.lines().enumerate() {
        let at = At::in_file(&file, n + 1);
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(record) if record.is_object() => read_record(b, &record, &at),
            Ok(_) => b.problem(&at, "not a JSON object; skipped"),
            Err(e) => b.problem(&at, format!("not a JSON object ({e}); skipped")),
        }
    }
    Ok(())
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|l| {
            l.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn read_record(b: &mut Builder, record: &Value, at: &At) {
    let text = record.get("text").and_then(Value::as_str);
    let Some((doc, map)) = find_document(b, doc_name(record), text, at) else {
        return;
    };
    let index = match b.offsets {
        Some(OffsetUnit::Utf16) => Some(Utf16Index::new(text.unwrap_or(b.text(&doc).as_str()))),
        _ => None,
    };
    let convert = |o: &Value| -> Option<usize> {
        let o = usize::try_from(o.as_u64()?).ok()?;
        let o = match &index {
            Some(index) => index.code_points(o)?,
            None => o,
        };
        Some(map.map(o))
    };
    let mut g = Graph::new(doc, "spaCy label");
    // The spans of each annotation id, with their place in it.
    let mut groups: BTreeMap<String, Vec<(u64, usize, String)>> = BTreeMap::new();
    let mut cues: HashMap<(usize, usize), String> = HashMap::new();
    let mut notes: Vec<Note> = Vec::new();
    let list = record.get("spans").or(record.get("ents"));
    for (i, s) in list
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let id = format!("span {}", i + 1);
        let label = s.get("label").and_then(Value::as_str);
        let range = s
            .get("start")
            .and_then(convert)
            .zip(s.get("end").and_then(convert));
        let (Some((start, end)), Some(label)) = (range, label) else {
            b.problem(
                at,
                format!("{id}: no numeric start and end, or no label; skipped"),
            );
            continue;
        };
        let given = s.get("text").and_then(Value::as_str);
        let range = start..end;
        if let Err(e) = b.place(&g.doc, std::slice::from_ref(&range), given) {
            b.problem(at, format!("{id} ({label} {start}..{end}): {e}; skipped"));
            g.failed.insert(id);
            continue;
        }
        g.spans.push(Span {
            id: id.clone(),
            kind: label.to_string(),
            ranges: vec![range],
            at: at.clone(),
        });
        let Some(annotation) = s.get("annotation").and_then(id_text) else {
            continue;
        };
        let order = s.get("fragment").and_then(Value::as_u64).unwrap_or(0);
        let group = groups.entry(annotation).or_default();
        // Who said it, from the first of its spans that says (every span carries it).
        if group.is_empty() {
            let mut note = Note::plain(
                id.clone(),
                s.get("note")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                at.clone(),
            );
            note.speakers = strings(s.get("speakers"));
            note.addressee = s
                .get("addressee")
                .and_then(Value::as_str)
                .map(str::to_string);
            notes.push(note);
            if let Some(cue) = s.get("cue").filter(|c| c.is_object()) {
                let cue_range: Option<Range<usize>> = cue
                    .get("start")
                    .and_then(convert)
                    .zip(cue.get("end").and_then(convert))
                    .map(|(s, e)| s..e);
                let cue_text = cue.get("text").and_then(Value::as_str);
                match cue_range {
                    Some(r) if b.place(&g.doc, std::slice::from_ref(&r), cue_text).is_ok() => {
                        let cue_id = cues.entry((r.start, r.end)).or_insert_with(|| {
                            let cue_id = format!("cue {}..{}", r.start, r.end);
                            g.spans.push(Span {
                                id: cue_id.clone(),
                                kind: "Cue".into(),
                                ranges: vec![r.clone()],
                                at: at.clone(),
                            });
                            cue_id
                        });
                        g.relations.push(Relation {
                            id: format!("{id}->{cue_id}"),
                            kind: Some("has_cue".into()),
                            from: id.clone(),
                            to: cue_id.clone(),
                            at: at.clone(),
                        });
                    }
                    _ => b.problem(
                        at,
                        format!("{id}: its cue does not fit the text; imported without it"),
                    ),
                }
            }
        }
        group.push((order, start, id));
    }
    for (_, mut spans) in groups {
        spans.sort_by_key(|(order, start, _)| (*order, *start));
        for w in spans.windows(2) {
            g.relations.push(Relation {
                id: format!("{}->{}", w[0].2, w[1].2),
                kind: Some("continues".into()),
                from: w[0].2.clone(),
                to: w[1].2.clone(),
                at: at.clone(),
            });
        }
    }
    g.notes = notes;
    assemble(b, g);
}
