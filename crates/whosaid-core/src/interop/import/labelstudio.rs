//! Label Studio JSON export: an array of tasks, each `{"data": {"text": …}, "annotations":
//! [{"result": [...]}]}`. Results of type `labels` are spans (`value.start`, `value.end`,
//! `value.text`, `value.labels`); results of type `relation` join two of them (`from_id`, `to_id`,
//! `labels`); a `textarea` result with a span's id, or the span's `meta.text`, is its note.
//!
//! The JSON-MIN export is read too: one record per task with the task's data at the top, each
//! labels control's regions as a list of `{start, end, text, labels}` under the control's name,
//! each text area's values under its name, and no relations or region ids. Regions are matched to
//! the `attributions` whosaid's export puts in the task data (by places and label), which gives
//! back pieces of one annotation, cues, speakers, addressee and note; what cannot be matched is
//! imported region by region and reported, and text-area values that lost their region too.
//!
//! Offsets: current Label Studio counts code points; older versions counted UTF-16 code units
//! (JavaScript string indices). Every span's `text` is checked: where it does not fit as code
//! points but fits as UTF-16 code units, it is taken so and reported. `--offsets` fixes the unit.
//!
//! Cost: O(n log n) in the file: the line of a task or result comes from one index of line starts
//! (binary search) and one pass over each task for its result ids, never from counting line
//! breaks from the start of the file.

use super::build::{At, Builder};
use super::doccano::{doc_name, find_document, id_text};
use super::graph::{Graph, Note, Relation, Span, assemble};
use super::mapping::Target;
use super::text::read_text;
use super::text::{LineIndex, OffsetUnit, TextMap, Utf16Index};
use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::ops::Range;
use std::path::Path;

pub fn read(b: &mut Builder, input: &Path) -> Result<(), String> {
    let text = &read_text(input)?;
    let shown = input.display().to_string();
    let all: Value = serde_json::from_str(text).map_err(|e| format!("{shown} is not JSON: {e}"))?;
    let (tasks, starts) = match &all {
        Value::Array(tasks) => (tasks.as_slice(), element_starts(text)),
        Value::Object(_) => (std::slice::from_ref(&all), vec![0]),
        _ => return Err(format!("{shown}: expected an array of tasks")),
    };
    let lines = LineIndex::new(text);
    for (i, task) in tasks.iter().enumerate() {
        let start = starts.get(i).copied().unwrap_or(0);
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        let source = Source::new(&shown, text, &lines, start..end);
        read_task(b, task, &source);
    }
    Ok(())
}

/// Where a task and its results are in the file, for line numbers: found in one pass over the
/// task's text, so that each result's line costs a lookup.
struct Source<'a> {
    file: &'a str,
    /// The line the task starts on.
    task_line: usize,
    /// The line of each result id's first `"id": "…"` within the task.
    ids: HashMap<String, usize>,
}

impl<'a> Source<'a> {
    fn new(file: &'a str, text: &str, lines: &LineIndex, task: Range<usize>) -> Self {
        let body = &text[task.clone()];
        let first = body
            .find(|c: char| !c.is_whitespace() && c != ',')
            .map_or(task.start, |i| task.start + i);
        let mut ids = HashMap::new();
        for at in memchr::memmem::find_iter(body.as_bytes(), b"\"id\"") {
            let rest = body[at + 4..].trim_start();
            let Some(value) = rest.strip_prefix(':').map(str::trim_start) else {
                continue;
            };
            // The id's string, escapes and all: up to the first quote no backslash escapes.
            let Some(len) = value.strip_prefix('"').and_then(|v| {
                let mut escaped = false;
                v.char_indices().find_map(|(i, c)| {
                    let end = !escaped && c == '"';
                    escaped = !escaped && c == '\\';
                    end.then_some(i)
                })
            }) else {
                continue;
            };
            if let Ok(id) = serde_json::from_str::<String>(&value[..len + 2]) {
                let byte = task.start + (body.len() - value.len());
                ids.entry(id).or_insert_with(|| lines.line(byte));
            }
        }
        Self {
            file,
            task_line: lines.line(first),
            ids,
        }
    }

    fn task_at(&self) -> At {
        At::new(self.file, self.task_line)
    }

    /// The line of the result with this id (`"id": "…"` within the task), else the task's.
    fn result_at(&self, id: &str) -> At {
        At::new(
            self.file,
            self.ids.get(id).copied().unwrap_or(self.task_line),
        )
    }
}

/// Byte offsets where each element of a top-level JSON array starts (its preceding comma or the
/// opening bracket).
fn element_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, c) in text.char_indices() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                if depth == 0 && c == '[' {
                    starts.push(i + 1);
                }
                depth += 1;
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 1 => starts.push(i + 1),
            _ => {}
        }
    }
    starts
}

/// The task's text: `data.text`, else the one string of `data` that is not a name or address.
fn task_text(task: &Value) -> Option<&str> {
    let data = task.get("data")?;
    if let Some(t) = data.get("text").and_then(Value::as_str) {
        return Some(t);
    }
    let mut strings = data
        .as_object()?
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "doc" | "path" | "url" | "id" | "title"))
        .filter_map(|(_, v)| v.as_str());
    match (strings.next(), strings.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

fn read_task(b: &mut Builder, task: &Value, src: &Source) {
    let at = src.task_at();
    let results: Vec<&Value> = match task.get("annotations").and_then(Value::as_array) {
        Some(annotations) => {
            let mut live = annotations.iter().filter(|a| {
                !a.get("was_cancelled")
                    .and_then(Value::as_bool)
                    .unwrap_or(false)
            });
            let Some(first) = live.next() else {
                let predicted = task
                    .get("predictions")
                    .and_then(Value::as_array)
                    .is_some_and(|p| !p.is_empty());
                if predicted {
                    b.tally("ls-predictions", &at, || {
                        "tasks with predictions but no annotations: predictions are not imported"
                            .into()
                    });
                }
                return;
            };
            if live.next().is_some() {
                b.tally("ls-several", &at, || {
                    "tasks annotated several times: only the first annotation is imported".into()
                });
            }
            first
                .get("result")
                .and_then(Value::as_array)
                .map(|r| r.iter().collect())
                .unwrap_or_default()
        }
        // JSON-MIN: the task's data at the top, the regions flattened.
        None if task.get("data").is_none() => return read_min(b, task, src),
        None => Vec::new(),
    };
    let text = task_text(task);
    let Some((doc, map)) = find_document(b, doc_name(task), text, &at) else {
        return;
    };
    let tool_text = text.unwrap_or(b.text(&doc).as_str());
    let units: Vec<OffsetUnit> = match b.offsets {
        Some(unit) => vec![unit],
        None => vec![OffsetUnit::Codepoints, OffsetUnit::Utf16],
    };
    let index = Utf16Index::new(tool_text);
    let mut g = Graph::new(doc, "Label Studio label");
    for (i, r) in results.iter().enumerate() {
        let id = r
            .get("id")
            .and_then(id_text)
            .unwrap_or_else(|| format!("#{}", i + 1));
        let kind = r.get("type").and_then(Value::as_str).unwrap_or("labels");
        let value = r.get("value").unwrap_or(r);
        match kind {
            "labels" => {
                if let Some(span) = span(b, &mut g, &id, value, &units, &index, &map, src) {
                    if let Some(note) = r.pointer("/meta/text").and_then(note_text) {
                        g.notes.push(Note::plain(id.clone(), note, span.at.clone()));
                    }
                    g.spans.push(span);
                }
            }
            "relation" => {
                let (from, to) = (
                    r.get("from_id").and_then(id_text),
                    r.get("to_id").and_then(id_text),
                );
                let (Some(from), Some(to)) = (from, to) else {
                    b.problem(&at, "a relation without from_id and to_id; skipped");
                    continue;
                };
                let labels: Vec<&str> = r
                    .get("labels")
                    .and_then(Value::as_array)
                    .map(|l| l.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let at = src.result_at(&from);
                if labels.len() > 1 {
                    b.problem(
                        &at,
                        format!(
                            "relation {from}->{to} has several labels ({}): the first is used",
                            labels.join(", ")
                        ),
                    );
                }
                g.relations.push(Relation {
                    id: format!("{from}->{to}"),
                    kind: labels.first().map(|l| l.to_string()),
                    from,
                    to,
                    at,
                });
            }
            // Per-region text areas: by their name, the speakers (one a line) or the addressee
            // (as whosaid's Label Studio export writes them), else a note.
            "textarea" => {
                if let Some(text) = value.get("text").and_then(note_text) {
                    let mut note = Note::plain(id.clone(), String::new(), src.result_at(&id));
                    let name = r
                        .get("from_name")
                        .and_then(Value::as_str)
                        .unwrap_or_default();
                    match b.mapping.get(name) {
                        Some(Target::Speaker) => {
                            note.speakers = text
                                .lines()
                                .map(str::trim)
                                .filter(|l| !l.is_empty())
                                .map(str::to_string)
                                .collect();
                        }
                        Some(Target::Addressee) => note.addressee = Some(text.trim().to_string()),
                        Some(Target::Ignore) => continue,
                        _ => note.text = text,
                    }
                    g.notes.push(note);
                }
            }
            other => {
                let other = other.to_string();
                b.tally(&format!("ls-type:{other}"), &src.result_at(&id), || {
                    format!(
                        "results of type {other:?}: only labels, relation and textarea are imported"
                    )
                });
            }
        }
    }
    assemble(b, g);
}

/// A JSON-MIN record: its regions, matched to whosaid's `attributions` in the task data.
fn read_min(b: &mut Builder, task: &Value, src: &Source) {
    let at = src.task_at();
    let text = task.get("text").and_then(Value::as_str);
    let Some((doc, map)) = find_document(b, doc_name(task), text, &at) else {
        return;
    };
    let tool_text = text.unwrap_or(b.text(&doc).as_str());
    let units: Vec<OffsetUnit> = match b.offsets {
        Some(unit) => vec![unit],
        None => vec![OffsetUnit::Codepoints, OffsetUnit::Utf16],
    };
    let index = Utf16Index::new(tool_text);
    let Some(object) = task.as_object() else {
        return;
    };
    // The regions: every list of objects with offsets and labels (one per labels control).
    let is_region = |v: &Value| v.get("start").is_some() && v.get("labels").is_some();
    let regions: Vec<&Value> = object
        .values()
        .filter_map(Value::as_array)
        .filter(|list| list.first().is_some_and(is_region))
        .flatten()
        .collect();
    let mut g = Graph::new(doc, "Label Studio label");
    // Span ids by code point range and kind, in file order, for the attributions.
    let mut by_place: HashMap<(usize, usize, String), VecDeque<String>> = HashMap::new();
    for (i, r) in regions.iter().enumerate() {
        let id = format!("region {}", i + 1);
        if let Some(span) = span(b, &mut g, &id, r, &units, &index, &map, src) {
            let range = &span.ranges[0];
            by_place
                .entry((range.start, range.end, span.kind.clone()))
                .or_default()
                .push_back(span.id.clone());
            g.spans.push(span);
        }
    }
    let attributions = task.get("attributions").and_then(Value::as_array);
    let mut rebuilt = 0;
    for x in attributions.into_iter().flatten() {
        rebuilt += usize::from(min_attribution(b, &mut g, &mut by_place, &map, x, &at));
    }
    // Text areas: a value is linked to its region only when it kept its offsets (several lines).
    let mut lost = 0;
    for (name, value) in object {
        let target = b.mapping.get(name);
        let is_area = matches!(target, Some(Target::Speaker | Target::Addressee)) || name == "note";
        if !is_area || attributions.is_some() {
            continue;
        }
        let values: Vec<&Value> = match value {
            Value::Array(list) => list.iter().collect(),
            other => vec![other],
        };
        for v in values {
            let place = v
                .get("start")
                .and_then(Value::as_u64)
                .zip(v.get("end").and_then(Value::as_u64));
            let span = place.and_then(|(s, e)| {
                let (s, e) = (
                    map.map(usize::try_from(s).ok()?),
                    map.map(usize::try_from(e).ok()?),
                );
                g.spans
                    .iter()
                    .find(|sp| sp.ranges[0] == (s..e))
                    .map(|sp| sp.id.clone())
            });
            let (Some(span), Some(text)) = (span, v.get("text").and_then(note_text)) else {
                lost += 1;
                continue;
            };
            let mut note = Note::plain(span, String::new(), at.clone());
            match target {
                Some(Target::Speaker) => {
                    note.speakers = text
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(str::to_string)
                        .collect();
                }
                Some(Target::Addressee) => note.addressee = Some(text.trim().to_string()),
                _ => note.text = text,
            }
            g.notes.push(note);
        }
    }
    let alone = by_place.values().map(VecDeque::len).sum::<usize>();
    if attributions.is_none() && !g.spans.is_empty() {
        b.tally("ls-min", &at, || {
            "Label Studio JSON-MIN without whosaid's attributions: it has no relations, so each \
             region is an annotation of its own (pieces of one quote and cues are not joined); \
             export Label Studio's JSON to keep them"
                .into()
        });
    } else if alone > 0 && rebuilt > 0 {
        let cues = by_place
            .iter()
            .filter(|(k, _)| b.mapping.get(&k.2) == Some(Target::Cue))
            .map(|(_, v)| v.len())
            .sum::<usize>();
        let regions = alone - cues;
        if regions > 0 {
            b.problem(&at, format!("JSON-MIN: {regions} region(s) match no annotation in the task's attributions (added in Label Studio?): each imported as an annotation of its own, without speakers"));
        }
    }
    if lost > 0 {
        b.problem(
            &at,
            format!(
                "JSON-MIN: {lost} speaker, addressee or note value(s) without their region (the \
                 format keeps a region's place only for text areas of several lines): not imported"
            ),
        );
    }
    assemble(b, g);
}

/// One of whosaid's attributions in a JSON-MIN record: its fragments' regions joined, its cue's
/// region linked, its speakers, addressee and note attached. Whether it was; reported when its
/// regions are not all in the record.
fn min_attribution(
    b: &mut Builder,
    g: &mut Graph,
    by_place: &mut HashMap<(usize, usize, String), VecDeque<String>>,
    map: &TextMap,
    x: &Value,
    at: &At,
) -> bool {
    let pair = |v: &Value| -> Option<Range<usize>> {
        let s = usize::try_from(v.get(0)?.as_u64()?).ok()?;
        let e = usize::try_from(v.get(1)?.as_u64()?).ok()?;
        Some(map.map(s)..map.map(e))
    };
    let label = x.get("label").and_then(Value::as_str).unwrap_or_default();
    let fragments: Option<Vec<Range<usize>>> = x
        .get("fragments")
        .and_then(Value::as_array)
        .and_then(|l| l.iter().map(pair).collect());
    let annotation = x.get("annotation").and_then(id_text).unwrap_or_default();
    let found: Option<Vec<String>> = fragments.as_ref().and_then(|fragments| {
        let key = |r: &Range<usize>| (r.start, r.end, label.to_string());
        // All or none: a piece missing means the annotation changed in the tool.
        let enough = fragments.iter().all(|r| {
            let need = fragments.iter().filter(|o| *o == r).count();
            by_place.get(&key(r)).is_some_and(|ids| ids.len() >= need)
        });
        enough.then(|| {
            fragments
                .iter()
                .filter_map(|r| by_place.get_mut(&key(r)).and_then(VecDeque::pop_front))
                .collect()
        })
    });
    let Some(ids) = found.filter(|ids| !ids.is_empty()) else {
        let place = fragments
            .iter()
            .flatten()
            .map(|r| format!("{}..{}", r.start, r.end))
            .collect::<Vec<_>>()
            .join(", ");
        b.problem(
            at,
            format!(
                "annotation {annotation} ({label} {place}): its regions are not all in the \
                 JSON-MIN record (changed or deleted in Label Studio?); its speakers and note are \
                 not imported"
            ),
        );
        return false;
    };
    for w in ids.windows(2) {
        g.relations.push(Relation {
            id: format!("{}->{}", w[0], w[1]),
            kind: Some("continues".into()),
            from: w[0].clone(),
            to: w[1].clone(),
            at: at.clone(),
        });
    }
    if let Some(cue) = x.get("cue").and_then(pair) {
        // A cue's region may serve several annotations: looked up, not taken.
        match by_place.get(&(cue.start, cue.end, "Cue".to_string())).and_then(|ids| ids.front()).cloned() {
            Some(cue_id) => g.relations.push(Relation {
                id: format!("{}->{cue_id}", ids[0]),
                kind: Some("has_cue".into()),
                from: ids[0].clone(),
                to: cue_id,
                at: at.clone(),
            }),
            None => b.problem(at, format!("annotation {annotation}: its cue {}..{} is not among the record's regions; imported without it", cue.start, cue.end)),
        }
    }
    g.notes
        .push(Note::from_attribution(ids[0].clone(), x, at.clone()));
    true
}

/// A note's text: a string, or a list of strings (one per line).
fn note_text(v: &Value) -> Option<String> {
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Array(lines) => lines
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n"),
        _ => return None,
    };
    (!text.trim().is_empty()).then_some(text)
}

/// A `labels` result as a checked span; `None`, reported, when it does not fit the text.
#[allow(clippy::too_many_arguments)]
fn span(
    b: &mut Builder,
    g: &mut Graph,
    id: &str,
    value: &Value,
    units: &[OffsetUnit],
    index: &Utf16Index,
    map: &TextMap,
    src: &Source,
) -> Option<Span> {
    let at = src.result_at(id);
    let labels: Vec<&str> = value
        .get("labels")
        .and_then(Value::as_array)
        .map(|l| l.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let (start, end) = (
        value.get("start").and_then(Value::as_u64),
        value.get("end").and_then(Value::as_u64),
    );
    let (Some(start), Some(end), Some(&first)) = (start, end, labels.first()) else {
        b.problem(&at, format!("region {id}: no numeric start and end, or no label (only Text regions are imported); skipped"));
        g.failed.insert(id.to_string());
        return None;
    };
    let mapped: Vec<&str> = labels
        .iter()
        .copied()
        .filter(|l| b.mapping.get(l).is_some())
        .collect();
    if mapped.len() > 1 {
        b.problem(
            &at,
            format!(
                "region {id} has several labels ({}): {} is used",
                labels.join(", "),
                mapped[0]
            ),
        );
    }
    let kind = mapped.first().copied().unwrap_or(first);
    let given = value.get("text").and_then(Value::as_str);
    let mut first_error = None;
    for (k, unit) in units.iter().enumerate() {
        let convert = |o: u64| -> Option<usize> {
            let o = usize::try_from(o).ok()?;
            let cp = match unit {
                OffsetUnit::Codepoints => o,
                OffsetUnit::Utf16 => index.code_points(o)?,
            };
            Some(map.map(cp))
        };
        let Some(range) = convert(start).zip(convert(end)).map(|(s, e)| s..e) else {
            continue;
        };
        match b.place(&g.doc, std::slice::from_ref(&range), given) {
            Ok(()) => {
                if k > 0 {
                    b.tally("ls-utf16", &at, || {
                        "regions whose text fits only when the offsets count UTF-16 code units \
                         (older Label Studio versions): converted to code points"
                            .into()
                    });
                }
                return Some(Span {
                    id: id.to_string(),
                    kind: kind.to_string(),
                    ranges: vec![range],
                    at,
                });
            }
            Err(e) => {
                first_error.get_or_insert((*unit, e));
            }
        }
    }
    match first_error {
        Some((unit, e)) => b.problem(&at, format!("region {id} ({kind} {start}..{end} in {}): {e}; skipped", unit.name())),
        None => b.problem(&at, format!("region {id} ({kind} {start}..{end}): an offset falls inside a character beyond U+FFFF; skipped")),
    }
    g.failed.insert(id.to_string());
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_elements_are_found_past_strings_and_nesting() {
        let text = "[\n {\"a\": \"x,]\\\"\", \"b\": [1, 2]},\n {\"c\": {}}\n]";
        let starts = element_starts(text);
        assert_eq!(starts.len(), 2);
        assert!(text[starts[0]..].trim_start().starts_with("{\"a\""));
        assert!(text[starts[1]..].trim_start().starts_with("{\"c\""));
    }
}
