//! whosaid's own JSON Lines export (fields in FORMAT.md): one annotation per line, `doc` naming
//! the document, offsets in code points, every fragment's `text` checked. Speakers are told apart
//! by `speaker_ids` (else by name), so an export imported again gives the same annotations and
//! speakers. `outlet`, `date`, `url` and a `title` other than the document's first line fill the
//! document's metadata.
//!
//! Cost: linear in the file: one record per line, each checked against its document with lookups
//! that do not depend on the number of records (documents by binary search, text by an index).

use super::build::{At, Builder, Draft, Who};
use super::mapping::Target;
use super::text::quoted;
use super::text::read_text;
use crate::corpus::DocMetadata;
use crate::project::Provenance;
use serde::Deserialize;
use std::ops::Range;
use std::path::Path;

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

pub fn read(b: &mut Builder, input: &Path) -> Result<(), String> {
    let text = &read_text(input)?;
    let shown = input.display().to_string();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = At::new(&shown, n + 1);
        match serde_json::from_str::<Record>(line) {
            Ok(r) => record(b, r, at),
            Err(e) => b.problem(&at, format!("not a whosaid JSONL record ({e}); skipped")),
        }
    }
    Ok(())
}

fn record(b: &mut Builder, r: Record, at: At) {
    let doc = match b.finder.by_name(&r.doc) {
        Ok(doc) => doc,
        Err(e) => return b.problem(&at, format!("{e}; skipped")),
    };
    let label = match b.mapping.get(&r.label) {
        Some(Target::Label(l)) => l,
        Some(Target::Ignore) => return,
        _ => {
            let label = r.label.clone();
            return b.tally(&format!("jsonl-label:{label}"), &at, || {
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
            _ => return b.problem(&at, "no fragments and no start and end; skipped"),
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
            return b.problem(
                &at,
                format!("{what}{}..{} in {doc}: {e}; skipped", p.start, p.end),
            );
        }
        fragments.push(range);
    }
    let whole = fragments[0].start..fragments[fragments.len() - 1].end;
    let Some(fragments) = b.fragments(&doc, &fragments, &at, "the annotation") else {
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
                b.problem(
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
        b.problem(
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
        b.metadata(&doc, metadata);
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
        b.problem(&at, format!("its text {} is not the document text from the first fragment to the last (the fragments are imported)", quoted(t)));
    }
    b.add(Draft {
        doc,
        label,
        fragments,
        speakers,
        addressee,
        cue,
        note: r.note,
        suggested,
        at,
    });
}
