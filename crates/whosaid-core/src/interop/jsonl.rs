use super::json_text::{optional_string, string};
use super::record::{ExportRecord, speaker_names};
use crate::corpus::Document;
use crate::parallel::map_runs;
use crate::project::{Annotation, DocEntry, Fragment, SpeakerId};
use crate::workspace::Workspace;
use std::collections::HashMap;
use std::io::Write;

/// Records serialized together, on every core, before being written in order.
const BATCH: usize = 8_192;
/// Documents turned into lines together when exporting straight from a workspace.
const DOC_BATCH: usize = 1_024;

/// One JSON object per line.
pub fn write_jsonl(records: &[ExportRecord], out: &mut dyn Write) -> std::io::Result<()> {
    for batch in records.chunks(BATCH) {
        let pieces = map_runs(batch, |_| 1, lines);
        for piece in pieces {
            out.write_all(&piece?)?;
        }
    }
    out.flush()
}

/// The same lines as [`write_jsonl`] of all the workspace's records, made a batch of documents
/// at a time, so that a big project is never held as records all at once.
pub fn write_jsonl_from(ws: &Workspace, out: &mut dyn Write) -> std::io::Result<()> {
    let names = speaker_names(ws);
    for docs in ws.project().documents.chunks(DOC_BATCH) {
        let pieces = map_runs(
            docs,
            |d| d.annotations.len() + 1,
            |run| Ok::<_, serde_json::Error>(lines_of(ws, run, &names)),
        );
        for piece in pieces {
            out.write_all(&piece?)?;
        }
    }
    out.flush()
}

/// The lines of the placed annotations of `entries`, written straight from the project and the
/// corpus: the bytes of [`write_jsonl`]'s records (held to it by tests), without making each
/// record's strings first, which took a third of a big export.
fn lines_of(ws: &Workspace, entries: &[DocEntry], names: &HashMap<SpeakerId, &str>) -> Vec<u8> {
    let mut out =
        Vec::with_capacity(entries.iter().map(|d| d.annotations.len()).sum::<usize>() * 640);
    for entry in entries {
        let doc = ws.corpus().document(&entry.path);
        for a in entry.annotations.iter().filter(|a| a.is_placed()) {
            annotation_line(entry, doc, a, names, &mut out);
        }
    }
    out
}

/// One annotation's line, as `serde_json` writes its [`ExportRecord`].
fn annotation_line(
    entry: &DocEntry,
    doc: Option<&Document>,
    a: &Annotation,
    names: &HashMap<SpeakerId, &str>,
    out: &mut Vec<u8>,
) {
    // The text as the corpus has it now; where the document is missing, as stored.
    let read = |start: usize, end: usize| doc.and_then(|d| d.text.slice(start..end));
    let name = |id: &SpeakerId| names.get(id).copied();
    let fragment = |f: &Fragment, out: &mut Vec<u8>| {
        write!(out, "{{\"start\":{},\"end\":{},\"text\":", f.start, f.end).expect("to memory");
        string(read(f.start, f.end).unwrap_or(f.text()), out);
        out.push(b'}');
    };
    write!(out, "{{\"id\":{},\"doc\":", a.id.0).expect("to memory");
    string(&entry.path, out);
    out.extend_from_slice(b",\"title\":");
    let title = entry
        .metadata
        .title
        .as_deref()
        .or(doc.map(|d| d.title.as_str()));
    string(title.unwrap_or_default(), out);
    write!(
        out,
        ",\"start\":{},\"end\":{},\"text\":",
        a.start(),
        a.end()
    )
    .expect("to memory");
    match read(a.start(), a.end()) {
        Some(text) => string(text, out),
        None => string(&a.display_text(), out),
    }
    out.extend_from_slice(b",\"fragments\":[");
    for (i, f) in a.fragments.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        fragment(f, out);
    }
    out.extend_from_slice(b"],\"label\":");
    string(a.label.key(), out);
    out.extend_from_slice(b",\"speaker_id\":");
    let main = a.speaker();
    optional_number(main.map(|s| s.0), out);
    out.extend_from_slice(b",\"speaker\":");
    optional_string(main.as_ref().and_then(name), out);
    out.extend_from_slice(b",\"speaker_ids\":[");
    for (i, s) in a.speakers.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write!(out, "{}", s.0).expect("to memory");
    }
    out.extend_from_slice(b"],\"speakers\":[");
    for (i, n) in a.speakers.iter().filter_map(name).enumerate() {
        if i > 0 {
            out.push(b',');
        }
        string(n, out);
    }
    out.extend_from_slice(b"],\"addressee_id\":");
    optional_number(a.addressee.map(|s| s.0), out);
    out.extend_from_slice(b",\"addressee\":");
    optional_string(a.addressee.as_ref().and_then(name), out);
    out.extend_from_slice(b",\"cue\":");
    match &a.cue {
        Some(c) => fragment(c, out),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"note\":");
    string(&a.note, out);
    let m = &entry.metadata;
    out.extend_from_slice(b",\"outlet\":");
    optional_string(m.outlet.as_deref(), out);
    out.extend_from_slice(b",\"date\":");
    optional_string(m.date.as_deref(), out);
    out.extend_from_slice(b",\"url\":");
    optional_string(m.url.as_deref(), out);
    write!(
        out,
        ",\"suggested\":{},\"suggestion_confidence\":",
        a.suggested.is_some()
    )
    .expect("to memory");
    // A float as serde_json writes it (shortest form that reads back).
    let confidence = a.suggested.map(|p| f32::from(p.confidence) / 100.0);
    serde_json::to_writer(&mut *out, &confidence).expect("to memory");
    out.extend_from_slice(b",\"annotator\":");
    optional_string(
        (!a.annotator.is_empty()).then_some(a.annotator.as_str()),
        out,
    );
    out.extend_from_slice(b"}\n");
}

fn optional_number(n: Option<u64>, out: &mut Vec<u8>) {
    match n {
        Some(n) => write!(out, "{n}").expect("to memory"),
        None => out.extend_from_slice(b"null"),
    }
}

fn lines(records: &[ExportRecord]) -> serde_json::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(records.len() * 512);
    for r in records {
        serde_json::to_writer(&mut bytes, r)?;
        bytes.push(b'\n');
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::export_records;
    use crate::interop::record::record;
    use crate::project::{AnnotationId, Label, Provenance};
    use proptest::option::of;
    use proptest::prelude::*;

    /// Any string, or one thick with what JSON escapes (control characters, quotes,
    /// backslashes) among other scripts.
    fn tricky() -> impl Strategy<Value = String> {
        prop_oneof![any::<String>(), "[\\x00-\\x21\"\\\\a\\x7fé中🇺]{0,24}",]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(300)
        ))]
        /// Any annotation, with any strings (control characters, quotes, backslashes, any
        /// script), on its document, beyond its end, or with the document missing: the line is
        /// the bytes serde_json writes for its record.
        #[test]
        fn a_line_is_what_serde_json_writes_for_the_record(
            text in tricky(),
            stored in tricky(),
            note in tricky(),
            annotator in "|\\PC*|.*",
            names in proptest::collection::vec(tricky(), 3),
            metadata in (of(tricky()), of(tricky()), of(".*"), of("\\PC*")),
            spans in proptest::collection::vec((0usize..30, 1usize..30), 1..3),
            cue in of((0usize..40, 1usize..10)),
            speakers in proptest::collection::vec(1u64..5, 0..4),
            addressee in of(1u64..5),
            confidence in of(0u8..=100),
            missing in any::<bool>(),
            id in any::<u64>(),
        ) {
            let doc = Document::from_text("a/b.txt".into(), text, "hash".into());
            let mut entry = DocEntry::new("a/b.txt".into(), "hash".into());
            (entry.metadata.title, entry.metadata.outlet, entry.metadata.date, entry.metadata.url) =
                metadata;
            let fragments = spans
                .iter()
                .scan(0, |at, &(gap, len)| {
                    *at += gap;
                    let f = Fragment::new(*at, *at + len, stored.clone());
                    *at += len;
                    Some(f)
                })
                .collect();
            let mut a = Annotation::new(AnnotationId(id), Label::Demand, fragments, "t");
            a.note = note;
            a.annotator = annotator;
            a.speakers = speakers.into_iter().map(SpeakerId).collect();
            a.addressee = addressee.map(SpeakerId);
            a.cue = cue.map(|(start, len)| Box::new(Fragment::new(start, start + len, "said")));
            a.suggested = confidence.map(|confidence| Provenance { confidence, edited: false });
            // Speaker 4 has no name in the registry.
            let names: HashMap<SpeakerId, &str> =
                (1..).map(SpeakerId).zip(names.iter().map(String::as_str)).collect();
            let doc = (!missing).then_some(&doc);
            let mut line = Vec::new();
            annotation_line(&entry, doc, &a, &names, &mut line);
            let mut expected = serde_json::to_vec(&record(&entry, doc, &a, &names)).unwrap();
            expected.push(b'\n');
            prop_assert_eq!(String::from_utf8(line).unwrap(), String::from_utf8(expected).unwrap());
        }
    }

    #[test]
    fn streaming_from_the_workspace_writes_the_same_lines() {
        let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../projects/ukraine-nato.ron");
        let ws = Workspace::open_project(&sample).unwrap();
        let (mut streamed, mut whole) = (Vec::new(), Vec::new());
        write_jsonl_from(&ws, &mut streamed).unwrap();
        write_jsonl(&export_records(&ws), &mut whole).unwrap();
        let lines = whole.iter().filter(|&&b| b == b'\n').count();
        assert_eq!(lines, ws.project().annotations().count());
        assert_eq!(
            String::from_utf8(streamed).unwrap(),
            String::from_utf8(whole).unwrap()
        );
    }
}
