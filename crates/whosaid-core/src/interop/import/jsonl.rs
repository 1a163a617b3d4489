//! whosaid's own JSON Lines export (fields in FORMAT.md): one annotation per line, `doc` naming
//! the document, offsets in code points, every fragment's `text` checked. Speakers are told apart
//! by `speaker_ids` (else by name), so an export imported again gives the same annotations and
//! speakers. `outlet`, `date`, `url` and a `title` other than the document's first line fill the
//! document's metadata.
//!
//! Cost: linear in the file: one record per line, each checked against its document with lookups
//! that do not depend on the number of records (documents by binary search, text by an index).
//! The file is streamed in batches of lines, each batch parsed on every core.

use super::build::{At, Builder, Draft, Note, Notes, Who};
use super::mapping::Target;
use super::text::quoted;
use crate::corpus::DocMetadata;
use crate::parallel::map_runs;
use crate::project::Provenance;
use serde::Deserialize;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::ops::Range;
use std::path::Path;

const BOM: &[u8] = b"\xef\xbb\xbf";

#[derive(Deserialize)]
struct Piece {
    start: usize,
    end: usize,
    #[serde(default)]
    text: Option<String>,
}

#[derive(Deserialize)]
struct Record {
    doc: String,
    label: String,
    #[serde(default)]
    fragments: Vec<Piece>,
    #[serde(default)]
    start: Option<usize>,
    #[serde(default)]
    end: Option<usize>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    speaker_id: Option<u64>,
    #[serde(default)]
    speakers: Vec<String>,
    #[serde(default)]
    speaker_ids: Vec<u64>,
    #[serde(default)]
    addressee: Option<String>,
    #[serde(default)]
    addressee_id: Option<u64>,
    #[serde(default)]
    cue: Option<Piece>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    suggested: bool,
    #[serde(default)]
    suggestion_confidence: Option<f32>,
}

/// Lines read and parsed together (on every core) before their records are applied in order:
/// the file is streamed, never held whole (an export of 1,000,000 annotations is 760 MB).
const BATCH_BYTES: usize = 8 << 20;

pub fn read(b: &mut Builder, input: &Path) -> Result<(), String> {
    read_in_batches(b, input, BATCH_BYTES)
}

fn read_in_batches(b: &mut Builder, input: &Path, batch_bytes: usize) -> Result<(), String> {
    let shown = input.display().to_string();
    let file: std::sync::Arc<str> = shown.as_str().into();
    let cannot = |e: std::io::Error| format!("cannot read {shown}: {e}");
    let mut reader = BufReader::with_capacity(1 << 20, File::open(input).map_err(cannot)?);
    // Bytes of the file (after a byte order mark) and lines before the batch.
    let (mut offset, mut lines_before) = (0usize, 0usize);
    let mut batch: Vec<u8> = Vec::with_capacity(batch_bytes + (1 << 16));
    loop {
        batch.clear();
        while batch.len() < batch_bytes {
            if reader.read_until(b'\n', &mut batch).map_err(cannot)? == 0 {
                break;
            }
        }
        if batch.is_empty() {
            return Ok(());
        }
        let bom = if offset == 0 && batch.starts_with(BOM) {
            BOM.len()
        } else {
            0
        };
        let text = std::str::from_utf8(&batch[bom..])
            .map_err(|e| format!("{shown} is not UTF-8 (byte {})", offset + e.valid_up_to()))?;
        offset += text.len();
        let lines: Vec<(usize, &str)> = text
            .lines()
            .enumerate()
            .map(|(i, line)| (lines_before + i + 1, line))
            .collect();
        lines_before += lines.len();
        // Each core parses and checks its run of records; what they found is taken in order.
        let checked = {
            let b: &Builder = b;
            map_runs(
                &lines,
                |(_, line)| line.len() + 1,
                |run| {
                    let mut notes = Vec::with_capacity(run.len());
                    for &(n, line) in run.iter().filter(|(_, line)| !line.trim().is_empty()) {
                        let at = At::in_file(&file, n);
                        match serde_json::from_str::<Record>(line) {
                            Ok(r) => record(b, r, at, &mut notes),
                            Err(e) => notes
                                .problem(&at, format!("not a whosaid JSONL record ({e}); skipped")),
                        }
                    }
                    notes
                },
            )
        };
        for notes in checked {
            b.take(notes);
        }
    }
}

/// Checks one record against the corpus, telling `notes` what it makes of it: only reads the
/// builder, so that records are checked on every core.
fn record(b: &Builder, r: Record, at: At, notes: &mut Vec<Note>) {
    let doc = match b.finder.by_name(&r.doc) {
        Ok(doc) => doc,
        Err(e) => return notes.problem(&at, format!("{e}; skipped")),
    };
    let label = match b.mapping.get(&r.label) {
        Some(Target::Label(l)) => l,
        Some(Target::Ignore) => return,
        _ => {
            let label = r.label.clone();
            return notes.tally(&format!("jsonl-label:{label}"), &at, || {
                format!("label {label:?} is not claim, quote or demand (nor mapped to one with --map): not imported")
            });
        }
    };
    let pieces = if r.fragments.is_empty() {
        match (r.start, r.end) {
            (Some(start), Some(end)) => vec![Piece {
                start,
                end,
                text: r.text.clone(),
            }],
            _ => return notes.problem(&at, "no fragments and no start and end; skipped"),
        }
    } else {
        r.fragments
    };
    let mut fragments: Vec<Range<usize>> = Vec::with_capacity(pieces.len());
    for (i, p) in pieces.iter().enumerate() {
        let range = p.start..p.end;
        if let Err(e) = b.place(&doc, std::slice::from_ref(&range), p.text.as_deref()) {
            let what = if pieces.len() > 1 {
                format!("fragment {} ", i + 1)
            } else {
                String::new()
            };
            return notes.problem(
                &at,
                format!("{what}{}..{} in {doc}: {e}; skipped", p.start, p.end),
            );
        }
        fragments.push(range);
    }
    let whole = fragments[0].start..fragments[fragments.len() - 1].end;
    let Some(fragments) = b.checked_fragments(&doc, &fragments, &at, "the annotation", notes)
    else {
        return;
    };
    let cue = match &r.cue {
        Some(c) => match b.place(
            &doc,
            std::slice::from_ref(&(c.start..c.end)),
            c.text.as_deref(),
        ) {
            Ok(()) => Some(c.start..c.end),
            Err(e) => {
                notes.problem(
                    &at,
                    format!(
                        "cue {}..{} in {doc}: {e}; the annotation is imported without it",
                        c.start, c.end
                    ),
                );
                None
            }
        },
        None => None,
    };
    // Every speaker with its id where the record has ids for all.
    let mut names = r.speakers;
    let mut ids = r.speaker_ids;
    if names.is_empty()
        && let Some(s) = r.speaker
    {
        names.push(s);
        ids = r.speaker_id.into_iter().collect();
    }
    if !ids.is_empty() && ids.len() != names.len() {
        notes.problem(
            &at,
            format!(
                "{} speakers but {} speaker_ids: speakers are matched by name",
                names.len(),
                ids.len()
            ),
        );
        ids.clear();
    }
    let speakers = names
        .into_iter()
        .enumerate()
        .map(|(i, name)| Who {
            name,
            id: ids.get(i).copied(),
        })
        .collect();
    let addressee = r.addressee.map(|name| Who {
        name,
        id: r.addressee_id,
    });
    let doc_title = b.corpus().document(&doc).map(|d| d.title.clone());
    let metadata = DocMetadata {
        title: r
            .title
            .filter(|t| Some(t) != doc_title.as_ref() && !t.is_empty()),
        outlet: r.outlet.filter(|s| !s.is_empty()),
        date: r.date.filter(|s| !s.is_empty()),
        url: r.url.filter(|s| !s.is_empty()),
    };
    if !metadata.is_empty() {
        notes.push(Note::Metadata(doc.clone(), metadata));
    }
    let suggested = r.suggested.then(|| Provenance {
        confidence: r
            .suggestion_confidence
            .map_or(0, |c| (c * 100.0).round().clamp(0.0, 100.0) as u8),
        edited: false,
    });
    if let Some(t) = r.text.as_deref()
        && b.text(&doc).slice(whole.clone()) != Some(t)
    {
        notes.problem(&at, format!("its text {} is not the document text from the first fragment to the last (the fragments are imported)", quoted(t)));
    }
    notes.push(Note::Draft(Draft {
        doc,
        label,
        fragments,
        speakers,
        addressee,
        cue,
        note: r.note,
        suggested,
        at,
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::import::{ImportOptions, build::Builder};
    use crate::workspace::Workspace;

    /// What an import gave: the annotations' (doc, start, end), and the problems after the file
    /// name.
    type Imported = (Vec<(String, usize, usize)>, Vec<String>);

    /// Imports `lines` (written after a byte order mark) in batches of `batch_bytes`.
    fn import_in(dir: &Path, lines: &[u8], batch_bytes: usize) -> Result<Imported, String> {
        let input = dir.join("in.jsonl");
        std::fs::write(&input, [BOM, lines].concat()).unwrap();
        let ws = Workspace::open_corpus(&dir.join("corpus")).unwrap();
        let options = ImportOptions::default();
        let mut b = Builder::new(&ws, &options);
        read_in_batches(&mut b, &input, batch_bytes)?;
        let import = b.finish();
        let spans = import
            .project
            .annotations()
            .map(|(d, a)| (d.path.clone(), a.start(), a.end()))
            .collect();
        let problems = import
            .problems
            .iter()
            .map(|p| p.rsplit_once("in.jsonl:").unwrap().1.to_string())
            .collect();
        Ok((spans, problems))
    }

    #[test]
    fn records_checked_on_every_core_report_their_problems_in_the_order_of_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("corpus")).unwrap();
        std::fs::write(
            dir.path().join("corpus/a.txt"),
            "“Talks resume,” Logan said. Merz warned that – again – nothing moved.\n",
        )
        .unwrap();
        // Enough records for every core to take a run of them: good ones, ones naming no
        // document, ones whose text differs, ones trimmed (a tally) and ones with a title.
        let mut lines = String::new();
        let mut expected = Vec::new();
        for i in 1..=3000 {
            let line = match i % 5 {
                0 => {
                    expected.push(format!("{i}: no document \"b{i}\""));
                    format!(r#"{{"doc":"b{i}","label":"quote","start":0,"end":4,"text":"x"}}"#)
                }
                1 => {
                    expected.push(format!("{i}: 0..4 in a.txt"));
                    r#"{"doc":"a.txt","label":"quote","start":0,"end":4,"text":"Nope"}"#.into()
                }
                2 => r#"{"doc":"a.txt","label":"claim","start":27,"end":32,"text":" Merz"}"#.into(),
                3 => format!(
                    r#"{{"doc":"a.txt","label":"claim","start":28,"end":32,"title":"T{i}"}}"#
                ),
                _ => r#"{"doc":"a.txt","label":"quote","start":0,"end":15}"#.into(),
            };
            lines.push_str(&line);
            lines.push('\n');
        }
        let (spans, problems) = import_in(dir.path(), lines.as_bytes(), BATCH_BYTES).unwrap();
        assert_eq!(spans.len(), 3 * 600);
        // One line per problem, in line order, then the tally with its first place and count.
        assert_eq!(problems.len(), expected.len() + 1);
        for (p, e) in problems.iter().zip(&expected) {
            assert!(p.starts_with(e.as_str()), "{p} / {e}");
        }
        let tally = problems.last().unwrap();
        assert!(
            tally.starts_with("2: spans starting or ending with white space"),
            "{tally}"
        );
        assert!(tally.contains("(600 times; this is the first)"), "{tally}");
        // The first record that gives a title gives it, as when read one by one.
        let ws = Workspace::open_corpus(&dir.path().join("corpus")).unwrap();
        let options = ImportOptions::default();
        let mut b = Builder::new(&ws, &options);
        std::fs::write(dir.path().join("in.jsonl"), &lines).unwrap();
        read_in_batches(&mut b, &dir.path().join("in.jsonl"), BATCH_BYTES).unwrap();
        let project = b.finish().project;
        let title = project.documents[0].metadata.title.as_deref();
        assert_eq!(title, Some("T3"));
    }

    #[test]
    fn annotations_made_on_every_core_take_ids_speakers_and_notes_in_document_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("corpus")).unwrap();
        let text = "Logan said the bridge will open. He said no. Mara Kovac agreed.\n";
        // Forty documents of five records: many batches of several documents, made on every
        // core (batches are of 64 drafts in tests); records from the last document first.
        let mut lines = String::new();
        for doc in (0..40).rev() {
            std::fs::write(dir.path().join(format!("corpus/d{doc:02}.txt")), text).unwrap();
            for (start, end, speaker) in [
                (44, 62, "Kovac"),
                (33, 43, "he"),
                (0, 32, "Logan"),
                (0, 5, "Mara Kovac"),
                (11, 32, "Logan"),
            ] {
                lines.push_str(&format!(
                    r#"{{"doc":"d{doc:02}.txt","label":"claim","start":{start},"end":{end},"speaker":"{speaker}"}}"#
                ));
                lines.push('\n');
            }
        }
        std::fs::write(dir.path().join("in.jsonl"), &lines).unwrap();
        let ws = Workspace::open_corpus(&dir.path().join("corpus")).unwrap();
        let options = ImportOptions::default();
        let mut b = Builder::new(&ws, &options);
        read_in_batches(&mut b, &dir.path().join("in.jsonl"), BATCH_BYTES).unwrap();
        let import = b.finish();
        assert_eq!(import.annotations, 200);
        let p = &import.project;
        let ids: Vec<u64> = p.annotations().map(|(_, a)| a.id.0).collect();
        assert_eq!(ids.len(), 200);
        assert!(
            ids.windows(2).all(|w| w[0] < w[1]),
            "ids follow the documents and the text"
        );
        let name = |id: crate::project::SpeakerId| {
            p.speakers.iter().find(|s| s.id == id).unwrap().name.clone()
        };
        for d in &p.documents {
            let a = &d.annotations;
            let said: Vec<(usize, Option<String>, &str)> = a
                .iter()
                .map(|a| (a.start(), a.speaker().map(name), a.note.as_str()))
                .collect();
            assert_eq!(
                said,
                // In text order, the longer first; "Kovac" joins the full name; the span
                // starting with a space is trimmed.
                [
                    (0, Some("Logan".to_string()), ""),
                    (0, Some("Mara Kovac".to_string()), ""),
                    (11, Some("Logan".to_string()), ""),
                    (33, None, "source: he"),
                    (45, Some("Mara Kovac".to_string()), ""),
                ],
                "{}",
                d.path
            );
        }
        assert_eq!(p.speakers.len(), 2);
        let pronouns = import
            .problems
            .iter()
            .find(|p| p.contains("pronouns"))
            .unwrap();
        // First in document order: the file lists d00 last.
        assert!(pronouns.contains("in.jsonl:197:"), "{pronouns}");
        assert!(
            pronouns.contains("(40 times; this is the first)"),
            "{pronouns}"
        );
    }

    #[test]
    fn batches_of_any_size_import_the_same_records_with_the_same_line_numbers() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("corpus")).unwrap();
        std::fs::write(
            dir.path().join("corpus/a.txt"),
            "“Talks resume,” Logan said. Merz warned that – again – nothing moved.\n",
        )
        .unwrap();
        let mut lines = String::new();
        for i in 0..40 {
            let (start, end, text) = if i % 2 == 0 {
                (0, 15, "“Talks resume,”")
            } else {
                (28, 32, "Merz")
            };
            lines.push_str(&format!(
                "{{\"doc\":\"a.txt\",\"label\":\"quote\",\"start\":{start},\"end\":{end},\"text\":\"{text}\"}}\r\n"
            ));
            if i == 7 {
                lines.push_str("\n{not json\n");
            }
        }
        let whole = import_in(dir.path(), lines.as_bytes(), BATCH_BYTES).unwrap();
        assert_eq!(whole.0.len(), 40);
        assert_eq!(whole.0[0], ("a.txt".to_string(), 0, 15));
        assert_eq!(whole.1.len(), 1, "{:?}", whole.1);
        assert!(
            whole.1[0].starts_with("10: not a whosaid JSONL record"),
            "{:?}",
            whole.1
        );
        for batch in [1, 64, 200] {
            assert_eq!(
                import_in(dir.path(), lines.as_bytes(), batch).unwrap(),
                whole
            );
        }
        // A byte that is not UTF-8 on a later line refuses the file, naming the byte.
        let mut broken = lines.clone().into_bytes();
        let at = broken.len() - 5;
        broken[at] = 0xff;
        for batch in [64, BATCH_BYTES] {
            let err = import_in(dir.path(), &broken, batch).unwrap_err();
            assert!(
                err.ends_with(&format!("in.jsonl is not UTF-8 (byte {at})")),
                "{err}"
            );
        }
    }
}
