//! doccano JSONL: one document per line, `{"text": …, "entities": [{"id", "label",
//! "start_offset", "end_offset"}], "relations": [{"from_id", "to_id", "type"}]}`, or the older
//! `"label": [[start, end, "Label"], …]` (also `"entities": [[start, end, "Label"], …]`).
//!
//! Offsets count UTF-16 code units of the line's `text` (doccano measures them in the browser);
//! `--offsets codepoints` for exports made otherwise. doccano gives no span text to check, so the
//! line's text itself must be the corpus document's (but for a byte order mark and line endings).
//!
//! Cost: O(n log n) in the file: each record's text is indexed once (UTF-16 units, line endings)
//! and every offset converted by binary search; `continues` chains of any length and order are
//! grouped by union-find in `graph.rs`.

use super::build::{At, Builder};
use super::graph::{Graph, Note, Relation, Span, assemble};
use super::text::read_text;
use super::text::{OffsetUnit, TextMap, Utf16Index};
use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::path::Path;

pub fn read(b: &mut Builder, input: &Path) -> Result<(), String> {
    let text = &read_text(input)?;
    let shown = input.display().to_string();
    let file: std::sync::Arc<str> = shown.as_str().into();
    // A JSON array of documents is read as well as JSON Lines.
    if text.trim_start().starts_with('[') {
        let all: Vec<Value> =
            serde_json::from_str(text).map_err(|e| format!("{shown} is not JSON: {e}"))?;
        for (i, record) in all.iter().enumerate() {
            // Line numbers mean little in one array: the record's place in it is given instead.
            read_record(
                b,
                record,
                &At::new(&format!("{shown} [record {}]", i + 1), 0),
            );
        }
        return Ok(());
    }
    for (n, line) in text.lines().enumerate() {
        let at = At::in_file(&file, n + 1);
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(record) => read_record(b, &record, &at),
            Err(e) => b.problem(&at, format!("not a JSON object ({e}); skipped")),
        }
    }
    Ok(())
}

/// The corpus document a record of doccano or Label Studio is about: named by `doc` or `path`
/// (where the record has one), else the one document with the same text. Also how the record's
/// offsets (code points of its text) map to the corpus text.
pub fn find_document(
    b: &mut Builder,
    name: Option<&str>,
    text: Option<&str>,
    at: &At,
) -> Option<(String, TextMap)> {
    let doc = match (name, text) {
        (Some(name), _) => match b.finder.by_name(name) {
            Ok(doc) => doc,
            Err(e) => {
                b.problem(at, format!("{e}; skipped"));
                return None;
            }
        },
        (None, Some(text)) => {
            let found = b.finder.by_text(text);
            match found.as_slice() {
                [one] => one.clone(),
                [] => {
                    b.problem(
                        at,
                        "no corpus document has this text (and the record names none with `doc` \
                         or `path`); skipped",
                    );
                    return None;
                }
                several => {
                    b.problem(
                        at,
                        format!(
                            "several corpus documents have this text ({}); name one with `doc` or \
                             `path`; skipped",
                            several.join(", ")
                        ),
                    );
                    return None;
                }
            }
        }
        (None, None) => {
            b.problem(
                at,
                "no `text` and no `doc` or `path`: cannot tell the document; skipped",
            );
            return None;
        }
    };
    let corpus_text = b.text(&doc).as_str();
    let map = match text {
        None => TextMap::default(),
        Some(text) => match TextMap::new(text, corpus_text) {
            Some(map) => map,
            None => {
                b.problem(
                    at,
                    format!(
                        "its text differs from the corpus document {doc} (not only in line \
                         endings): offsets would not fit; skipped"
                    ),
                );
                return None;
            }
        },
    };
    Some((doc, map))
}

/// `doc` or `path`, at the top of the record or in its `meta`/`metadata`/`data`.
pub fn doc_name(record: &Value) -> Option<&str> {
    let places = [
        Some(record),
        record.get("meta"),
        record.get("metadata"),
        record.get("data"),
    ];
    places
        .into_iter()
        .flatten()
        .flat_map(|v| [v.get("doc"), v.get("path")])
        .flatten()
        .find_map(Value::as_str)
}

/// An id as doccano writes it (a number) or Label Studio (a string), as text.
pub fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn read_record(b: &mut Builder, record: &Value, at: &At) {
    if !record.is_object() {
        b.problem(at, "not a JSON object; skipped");
        return;
    }
    let text = record.get("text").and_then(Value::as_str);
    let Some((doc, map)) = find_document(b, doc_name(record), text, at) else {
        return;
    };
    let unit = b.offsets.unwrap_or(OffsetUnit::Utf16);
    let index = match unit {
        OffsetUnit::Utf16 => Some(Utf16Index::new(text.unwrap_or(b.text(&doc).as_str()))),
        OffsetUnit::Codepoints => None,
    };
    let mut g = Graph::new(doc, "doccano label");
    // Entity ids by offsets and label as the file gives them, in file order: what the
    // `attributions` are matched on, since doccano renumbers ids on import.
    let mut by_place: HashMap<(u64, u64, String), VecDeque<String>> = HashMap::new();
    // Entities: objects with ids, or [start, end, label] triples.
    let entities = ["entities", "label"].iter().flat_map(|&key| {
        let list = record.get(key).and_then(Value::as_array);
        list.into_iter()
            .flatten()
            .enumerate()
            .map(move |(i, e)| (key, i, e))
    });
    for (key, i, e) in entities {
        let (id, start, end, label) = match e {
            Value::Array(t) => (
                format!("{key}#{}", i + 1),
                t.first().and_then(Value::as_u64),
                t.get(1).and_then(Value::as_u64),
                t.get(2).and_then(Value::as_str),
            ),
            Value::Object(_) => (
                e.get("id")
                    .and_then(id_text)
                    .unwrap_or_else(|| format!("{key}#{}", i + 1)),
                e.get("start_offset").and_then(Value::as_u64),
                e.get("end_offset").and_then(Value::as_u64),
                e.get("label").and_then(Value::as_str),
            ),
            Value::String(s) => {
                let s = s.clone();
                b.tally("doccano-category", at, || {
                    format!(
                        "document labels without offsets (text classification, e.g. {s:?}): ignored"
                    )
                });
                continue;
            }
            _ => (String::new(), None, None, None),
        };
        let (Some(start), Some(end), Some(label)) = (start, end, label) else {
            b.problem(at, format!("{key} entry {} is not [start, end, label] nor {{id, label, start_offset, end_offset}}; skipped", i + 1));
            continue;
        };
        by_place
            .entry((start, end, label.to_string()))
            .or_default()
            .push_back(id.clone());
        let convert = |o: u64| -> Option<usize> {
            let o = usize::try_from(o).ok()?;
            let o = match &index {
                Some(index) => index.code_points(o)?,
                None => o,
            };
            Some(map.map(o))
        };
        let Some(range) = convert(start).zip(convert(end)).map(|(s, e)| s..e) else {
            b.problem(
                at,
                format!(
                    "entity {id} ({label} {start}..{end}): an offset falls inside a character \
                     beyond U+FFFF, so the offsets are not UTF-16 code units (try --offsets \
                     codepoints); skipped"
                ),
            );
            g.failed.insert(id);
            continue;
        };
        match b.place(&g.doc, std::slice::from_ref(&range), None) {
            Ok(()) => g.spans.push(Span {
                id,
                kind: label.to_string(),
                ranges: vec![range],
                at: at.clone(),
            }),
            Err(e) => {
                b.problem(
                    at,
                    format!(
                        "entity {id} ({label} {start}..{end} in {}): {e}; skipped",
                        unit.name()
                    ),
                );
                g.failed.insert(id);
            }
        }
    }
    for r in record
        .get("relations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (from, to) = (
            r.get("from_id").and_then(id_text),
            r.get("to_id").and_then(id_text),
        );
        let (Some(from), Some(to)) = (from, to) else {
            b.problem(at, "a relation without from_id and to_id; skipped");
            continue;
        };
        g.relations.push(Relation {
            id: r
                .get("id")
                .and_then(id_text)
                .unwrap_or_else(|| format!("{from}->{to}")),
            kind: r.get("type").and_then(Value::as_str).map(str::to_string),
            from,
            to,
            at: at.clone(),
        });
    }
    for x in record
        .get("attributions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(target) = attribution_target(b, x, &mut by_place, at) else {
            continue;
        };
        g.notes.push(Note::from_attribution(target, x, at.clone()));
    }
    // doccano comments are about the document: none is an annotation's note.
    if let Some(Value::Array(comments)) = record.get("Comments").or(record.get("comments"))
        && !comments.is_empty()
    {
        b.tally("doccano-comments", at, || {
            "document comments: not imported".into()
        });
    }
    assemble(b, g);
}

/// The entity an attribution (who said an annotation, as whosaid's doccano export writes it) is
/// about: the one with its first fragment's offsets and label. doccano renumbers entity ids on
/// import and keeps the attribution's old `entity_id`, which then names another span, so the id
/// is used only where the attribution has no offsets (whosaid's exports before they had them).
/// Attributions sharing offsets and label take those entities in file order (they hold the same
/// text). One that matches no entity is reported, never attached elsewhere.
fn attribution_target(
    b: &mut Builder,
    x: &Value,
    by_place: &mut HashMap<(u64, u64, String), VecDeque<String>>,
    at: &At,
) -> Option<String> {
    let start = x.get("start_offset").and_then(Value::as_u64);
    let end = x.get("end_offset").and_then(Value::as_u64);
    let label = x.get("label").and_then(Value::as_str);
    let annotation = x
        .get("annotation")
        .and_then(id_text)
        .map(|id| format!("annotation {id}"))
        .unwrap_or_else(|| "an annotation".into());
    let Some(((start, end), label)) = start.zip(end).zip(label) else {
        let id = x.get("entity_id").and_then(id_text);
        if id.is_none() {
            b.problem(
                at,
                format!(
                    "attribution of {annotation} has neither offsets and label nor entity_id: \
                     its speakers and note are not imported"
                ),
            );
        }
        return id;
    };
    let found = by_place
        .get_mut(&(start, end, label.to_string()))
        .and_then(VecDeque::pop_front);
    if found.is_none() {
        let speakers = x
            .get("speakers")
            .and_then(Value::as_array)
            .map(|l| {
                l.iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        b.problem(
            at,
            format!(
                "attribution of {annotation} ({label} {start}..{end}, speakers: {}): no \
                 entity has these offsets and label (deleted or moved in the tool?); its \
                 speakers and note are not imported",
                if speakers.is_empty() {
                    "none"
                } else {
                    &speakers
                }
            ),
        );
    }
    found
}
