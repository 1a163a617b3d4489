//! Saving a project whose documents are all made anew (an import, a first save) straight into the
//! file being staged: each document is serialized, read back and written in turn, never the whole.
//!
//! The bytes are exactly those of [`super::project_to_ron_cached`] without a previous file (tests
//! hold both to it), and the check is the one `save_check` makes of such a text: the loader's
//! rules hold for the project, the header reads, and every document reads back. So the text of a
//! big project is never held in memory, nor a second project, nor the file it replaces.

use super::chunked::{EMPTY_LIST, INDENT, SaveCache, document_text, fingerprint, pretty};
use super::model::{DocEntry, FORMAT_VERSION, Project};
use super::plain_doc;
use super::saving::StreamFailure;
use super::storage::{LoadError, parse_project, project_to_ron_with_corpus, validate};
use crate::parallel::map_runs;
use std::io::Write;
use std::ops::Range;
use std::path::Path;

/// How many annotations (and documents) are made and checked together, on every core, before they
/// are written: a few MB of text held at a time.
const BATCH_WEIGHT: usize = 8_192;

/// The opening of the document list when it has documents.
const LIST_OPEN: &str = "\n  documents: [\n";

/// Writes into `out` the text [`super::project_to_ron_cached`] makes of `project` with `corpus` as
/// its corpus path and no previous file, checking as it goes that it loads (see the module); on
/// anything that would not, stops with the loader's error for `path`. `cache` then tells where
/// each document landed, as after that function.
pub(crate) fn write_checked(
    path: &Path,
    project: &Project,
    corpus: &Path,
    cache: &mut SaveCache,
    out: &mut dyn Write,
) -> Result<(), StreamFailure> {
    validate(project).map_err(|message| {
        StreamFailure::WouldNotLoad(LoadError::Invalid {
            path: path.to_owned(),
            message,
        })
    })?;
    let mut header = project.clone_without_documents();
    header.corpus = corpus.to_owned();
    header.speakers.sort_by_key(|s| s.id);
    let head = ron::ser::to_string_pretty(&header, pretty(0)).expect("projects always serialize");
    let at = head
        .find(EMPTY_LIST)
        .expect("the empty document list is on its own line");
    // The text with its documents taken out reads as a project without documents.
    let header_loads = ron::from_str::<Project>(&head)
        .is_ok_and(|p| p.documents.is_empty() && p.format_version == FORMAT_VERSION);
    if !header_loads {
        return Err(refused(path, project, corpus));
    }
    let mut docs: Vec<&DocEntry> = project.documents.iter().collect();
    docs.sort_by(|a, b| a.path.cmp(&b.path));
    out.write_all(&head.as_bytes()[..at])?;
    let mut landed: Vec<(u64, Range<usize>)> = Vec::with_capacity(docs.len());
    if docs.is_empty() {
        out.write_all(EMPTY_LIST.as_bytes())?;
    } else {
        out.write_all(LIST_OPEN.as_bytes())?;
        let mut offset = at + LIST_OPEN.len();
        for batch in batches(&docs) {
            let made = map_runs(
                batch,
                |d| d.annotations.len() + 1,
                |run| {
                    run.iter()
                        .map(|d| {
                            let text = document_text(d);
                            let reads = reads_back(&text);
                            (fingerprint(d), text, reads)
                        })
                        .collect::<Vec<_>>()
                },
            );
            for (print, text, reads) in made.into_iter().flatten() {
                if !reads {
                    return Err(refused(path, project, corpus));
                }
                out.write_all(text.as_bytes())?;
                // Without the indent before and the list's comma and line break after.
                landed.push((print, offset + INDENT.len()..offset + text.len() - 2));
                offset += text.len();
            }
        }
        out.write_all(b"  ],\n")?;
    }
    out.write_all(&head.as_bytes()[at + EMPTY_LIST.len()..])?;
    out.write_all(b"\n")?;
    cache.kept = 0;
    cache.fresh = landed.iter().map(|(_, range)| range.clone()).collect();
    cache.docs = docs
        .iter()
        .zip(landed)
        .map(|(d, landed)| (d.path.clone(), landed))
        .collect();
    Ok(())
}

/// Runs of documents of about [`BATCH_WEIGHT`] each, in order.
fn batches<'a, 'd>(docs: &'a [&'d DocEntry]) -> impl Iterator<Item = &'a [&'d DocEntry]> {
    let mut rest = docs;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut weight = 0;
        let mut n = 0;
        while n < rest.len() && weight < BATCH_WEIGHT {
            weight += rest[n].annotations.len() + 1;
            n += 1;
        }
        let (batch, after) = rest.split_at(n);
        rest = after;
        Some(batch)
    })
}

/// Whether a document as the list holds it (indented, with its comma) reads back: by the plain
/// reader, or else by ron, as the loader reads it.
fn reads_back(text: &str) -> bool {
    let piece = text.strip_suffix(",\n").unwrap_or(text);
    plain_doc::document(piece).is_some() || ron::from_str::<DocEntry>(piece).is_ok()
}

/// The loader's own error for a text that failed the check: the whole text made and parsed, as
/// `save_check` decides anything short of a clear pass (only ever on this failure).
fn refused(path: &Path, project: &Project, corpus: &Path) -> StreamFailure {
    let text = project_to_ron_with_corpus(project, corpus);
    StreamFailure::WouldNotLoad(match parse_project(path, &text) {
        Err(e) => e,
        Ok(_) => LoadError::Invalid {
            path: path.to_owned(),
            message: "a document of it does not read back as it was written".into(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{Conflict, Label, SpeakerId, project_to_ron_cached};
    use crate::synthetic;
    use crate::text::DocText;

    /// A project of several batches, out of order, with notes, cues, odd strings, metadata and a
    /// document with a merge conflict (which ron writes, not the plain writer).
    fn project() -> Project {
        let mut rng = synthetic::Rng::new(11);
        let texts: Vec<(String, DocText)> = (0..40)
            .map(|i| {
                let name = format!("d{:02}/a{i:03}.txt", 39 - i);
                (name, DocText::new(synthetic::article(&mut rng, 5_000)))
            })
            .collect();
        let refs: Vec<(String, &DocText)> = texts.iter().map(|(p, t)| (p.clone(), t)).collect();
        let mut p = Project::new("corpus".into());
        p.speakers = synthetic::speakers(30);
        p.speakers.reverse();
        p.speakers[2].name = "documents: [],\n  \"x\" r#\"y\"# é\u{1F600}".into();
        synthetic::annotate(&mut p, &refs, 500, 5);
        for (i, a) in p
            .documents
            .iter_mut()
            .flat_map(|d| &mut d.annotations)
            .enumerate()
        {
            if i % 7 == 0 {
                a.note = format!("note {i}\nwith ) and ] and \"quotes\" and \\ and \t");
            }
            if a.label == Label::Demand {
                a.cue = Some(Box::new(a.fragments[0].clone()));
                a.speakers.push(SpeakerId(1));
            }
        }
        p.documents[4].metadata.title = Some("A \"title\"".into());
        let theirs = p.documents[6].annotations[0].clone();
        p.documents[6].conflicts.push(Conflict {
            id: theirs.id,
            theirs: Some(theirs),
        });
        p.documents.reverse();
        p.documents[0].annotations.reverse();
        p
    }

    fn streamed(p: &Project, cache: &mut SaveCache) -> Result<Vec<u8>, StreamFailure> {
        let mut out = Vec::new();
        write_checked(
            Path::new("p.ron"),
            p,
            Path::new("../corpus"),
            cache,
            &mut out,
        )?;
        Ok(out)
    }

    #[test]
    fn the_streamed_text_is_the_whole_text_byte_for_byte_and_the_cache_says_the_same() {
        let p = project();
        let total: usize = p.documents.iter().map(|d| d.annotations.len() + 1).sum();
        assert!(total > 2 * BATCH_WEIGHT, "several batches: {total}");
        let mut cache = SaveCache::default();
        let out = streamed(&p, &mut cache).unwrap();
        let mut whole_cache = SaveCache::default();
        let whole = project_to_ron_cached(&p, Path::new("../corpus"), &mut whole_cache, None);
        assert!(out == whole.as_bytes(), "the streamed text differs");
        assert_eq!(cache.docs, whole_cache.docs);
        assert_eq!(cache.fresh, whole_cache.fresh);
        assert_eq!(cache.kept, whole_cache.kept);
        // And it loads as the project it was made of.
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("conflicts: ["),
            "the ron-written document is there"
        );
        let mut expected = p.clone();
        expected.corpus = "../corpus".into();
        expected.normalize();
        assert_eq!(parse_project(Path::new("p.ron"), &text).unwrap(), expected);

        let empty = Project::new("c".into());
        let out = streamed(&empty, &mut SaveCache::default()).unwrap();
        let whole = project_to_ron_cached(
            &empty,
            Path::new("../corpus"),
            &mut SaveCache::default(),
            None,
        );
        assert_eq!(String::from_utf8(out).unwrap(), whole);
    }

    #[test]
    fn a_project_that_would_not_load_is_refused_before_anything_is_written() {
        let mut p = project();
        let twin = p.documents[3].annotations[0].clone();
        p.documents[9].annotations.push(twin);
        let mut out = Vec::new();
        let err = write_checked(
            Path::new("p.ron"),
            &p,
            Path::new("c"),
            &mut SaveCache::default(),
            &mut out,
        )
        .unwrap_err();
        match err {
            StreamFailure::WouldNotLoad(e) => {
                assert!(e.to_string().starts_with("p.ron: annotation id"), "{e}");
                assert!(e.to_string().contains("used twice"), "{e}");
            }
            StreamFailure::Io(e) => panic!("{e}"),
        }
        assert!(out.is_empty());
    }

    #[test]
    fn a_document_that_does_not_read_back_is_told_apart() {
        assert!(reads_back(&document_text(&project().documents[2])));
        assert!(reads_back(&document_text(&project().documents[33])));
        // A document that does not read, as a broken writer would make it.
        let broken = document_text(&project().documents[2]).replacen("label: ", "label: Clam", 1);
        assert!(!reads_back(&broken));
    }
}
