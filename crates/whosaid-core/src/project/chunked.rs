//! Large projects are read and written one document at a time, spread over every core. The bytes
//! are exactly those of a plain ron pass over the whole project (a test holds both to it), and any
//! input the fast path cannot take is left to the plain pass, which also gives the exact error.

use super::model::{DocEntry, Project};
use super::plain_doc;
use super::ron_scan::{top_level_list, top_level_list_start};
use crate::parallel::{map_runs, workers};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;

/// Below this, one pass on one core is fast enough and spawning threads is not worth it.
pub(crate) const MIN_PARALLEL_BYTES: usize = 1 << 20;

/// Parses a current-format project with its documents parsed in parallel. `None` when the text is
/// small, or the fast path does not take it (see [`parse_pieces`]): the caller then parses it whole.
///
/// With a `cache`, each document that is already in file order is remembered as written, so a
/// save serializes only what changed since: documents the analyst did not touch are written
/// back exactly as they were read.
pub fn parse(text: &str, cache: Option<&mut SaveCache>) -> Option<Project> {
    if text.len() < MIN_PARALLEL_BYTES || workers() < 2 {
        return None;
    }
    parse_pieces(text, cache)
}

/// The fast path whatever the size: the document list is cut into its elements, each parsed on
/// its own, and the rest parsed with an empty list in its place. It must read exactly what one
/// plain ron pass reads, so it takes only text where cutting is a matter of brackets, commas and
/// plain strings: anything whosaid never writes (comments, raw or byte strings, chars,
/// `#![enable(…)]`, characters outside ASCII outside strings) before the list ends sends the text
/// to the plain pass, as does anything that fails to parse (the plain pass then gives the error).
/// Such files were edited by hand and load on one core; whatever whosaid saves is plain.
pub(crate) fn parse_pieces(text: &str, mut cache: Option<&mut SaveCache>) -> Option<Project> {
    if let Some(project) = parse_chained(text, cache.as_deref_mut()) {
        return Some(project);
    }
    let (list, elements) = top_level_list(text, "documents")?;
    let header = format!("{}[]{}", &text[..list.start], &text[list.end..]);
    let mut project: Project = ron::from_str(&header).ok()?;
    if !project.documents.is_empty() {
        return None;
    }
    let seeding = cache.is_some();
    let parsed = map_runs(
        &elements,
        |r| r.len(),
        |run| {
            run.iter()
                .map(|r| {
                    let piece = &text[r.clone()];
                    let doc = plain_doc::document(piece)
                        .or_else(|| ron::from_str::<DocEntry>(piece).ok())?;
                    let seen = (seeding && doc.is_normalized()).then(|| {
                        let start = r.start + (piece.len() - piece.trim_start().len());
                        (fingerprint(&doc), start..start + piece.trim().len())
                    });
                    Some((doc, seen))
                })
                .collect::<Option<Vec<_>>>()
        },
    );
    project.documents.reserve(elements.len());
    let mut seen = HashMap::new();
    for docs in parsed {
        for (doc, written) in docs? {
            if let Some(written) = written {
                seen.insert(doc.path.clone(), written);
            }
            project.documents.push(doc);
        }
    }
    if let Some(cache) = cache {
        cache.docs = seen;
    }
    Some(project)
}

/// Where whosaid starts each document of the list: a likely place to cut it, checked by reading.
pub(crate) const DOCUMENT_START: &str = "\n    (\n      path: ";

/// The document list read by the plain reader (see `plain_doc`) in runs, one per core, without
/// a walk over the whole text first: the list is cut where whosaid starts a document, each run
/// read from its cut to the next, and the cuts are only trusted if each run, read from the list's
/// start on, ends exactly at the next one (so each is where a plain reading finds a document).
/// `each` takes every document read, with where it lies, on the thread that read it. Gives the
/// list's `[` and `]` and what `each` made, in order; `None` when anything is not plain.
pub(crate) fn read_chained<R: Send>(
    text: &str,
    each: impl Fn(DocEntry, Range<usize>) -> R + Sync,
) -> Option<(usize, usize, Vec<R>)> {
    let open = top_level_list_start(text, "documents")?;
    let (made, close) = read_chained_between(text, open + 1, None, each)?;
    Some((open, close?, made))
}

/// As [`read_chained`], from byte `from` (the list's start, or where a document starts) up to
/// `stop` (where a document starts) or, without it, to the list's `]`, which is then returned.
pub(crate) fn read_chained_between<R: Send>(
    text: &str,
    from: usize,
    stop: Option<usize>,
    each: impl Fn(DocEntry, Range<usize>) -> R + Sync,
) -> Option<(Vec<R>, Option<usize>)> {
    let end = stop.unwrap_or(text.len());
    let parts = workers() * 2;
    let finder = memchr::memmem::Finder::new(DOCUMENT_START);
    let mut cuts = vec![from];
    for k in 1..parts {
        let target = from + (end - from) * k / parts;
        let Some(at) = finder
            .find(&text.as_bytes()[target..end])
            .map(|n| target + n)
        else {
            break;
        };
        if at > *cuts.last().expect("the list's start") {
            cuts.push(at);
        }
    }
    let runs: Vec<(usize, Option<usize>)> = cuts
        .iter()
        .enumerate()
        .map(|(i, &cut)| (cut, cuts.get(i + 1).copied().or(stop)))
        .collect();
    let read = map_runs(
        &runs,
        |_| 1,
        |run| {
            run.iter()
                .map(|&(start, stop)| plain_doc::documents_from(text, start, stop, &each))
                .collect::<Option<Vec<_>>>()
        },
    );
    let mut close = None;
    let mut made = Vec::new();
    for run in read {
        for (run_made, end) in run? {
            if made.is_empty() {
                made = run_made;
            } else {
                made.extend(run_made);
            }
            close = end;
        }
    }
    Some((made, close))
}

/// The project read with [`read_chained`]; `None` when it does not take the text, and
/// [`parse_pieces`] then does.
fn parse_chained(text: &str, cache: Option<&mut SaveCache>) -> Option<Project> {
    let seeding = cache.is_some();
    let (open, close, docs) = read_chained(text, |doc, range| {
        let seen = (seeding && doc.is_normalized()).then(|| (fingerprint(&doc), range));
        (doc, seen)
    })?;
    let header = format!("{}[]{}", &text[..open], &text[close + 1..]);
    let mut project: Project = ron::from_str(&header).ok()?;
    if !project.documents.is_empty() {
        return None;
    }
    let mut seen = HashMap::new();
    project.documents.reserve(docs.len());
    for (doc, written) in docs {
        if let Some(written) = written {
            seen.insert(doc.path.clone(), written);
        }
        project.documents.push(doc);
    }
    if let Some(cache) = cache {
        cache.docs = seen;
    }
    Some(project)
}

/// The pretty configuration of project files, for a value at `depth` levels inside the project.
pub fn pretty(depth: usize) -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .depth_limit(6 - depth)
        .indentor("  ".to_string())
}

/// Where each document's text lies in the project file as last read or written, with a
/// fingerprint of the document it was made from. A save then copies the documents that did not
/// change from the file on disk, and serializes only the others: a big project costs a small
/// change's worth of work, and no second copy of its text is kept in memory.
#[derive(Debug, Default)]
pub struct SaveCache {
    pub(crate) docs: HashMap<String, (u64, Range<usize>)>,
    /// Of the text last made: where the documents serialized anew lie, and how many documents
    /// were copied from the previous file instead (see [`SaveCache::made_anew`]).
    pub(super) fresh: Vec<Range<usize>>,
    pub(super) kept: usize,
}

impl SaveCache {
    /// In the text last made with this cache: the ranges of the documents serialized anew, or
    /// `None` when every document was (then only a whole parse checks it).
    pub fn made_anew(&self) -> Option<&[Range<usize>]> {
        (self.kept > 0).then_some(self.fresh.as_slice())
    }
}

/// A 64-bit hash of everything a document writes: two versions of one document that differ get
/// equal fingerprints with odds of about 1 in 2^64.
pub(crate) fn fingerprint(doc: &DocEntry) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    doc.hash(&mut hasher);
    hasher.finish()
}

/// A document's piece of the file: its text made anew (indented, with the list's comma), or
/// where it lies, unchanged, in the previous file.
enum Piece {
    Made(String),
    Kept(Range<usize>),
}

/// The project file text, normalized, with documents serialized in parallel, and `corpus` as the
/// corpus path if given. Nothing is copied but what is out of order.
///
/// With a `cache`, where each document lands is recorded in it; with the `previous` file text as
/// well (exactly the file the cache describes), documents unchanged since are copied from there.
pub fn to_ron(
    project: &Project,
    corpus: Option<&std::path::Path>,
    cache: Option<&mut SaveCache>,
    previous: Option<&str>,
) -> String {
    let mut header = project.clone_without_documents();
    if let Some(corpus) = corpus {
        header.corpus = corpus.to_owned();
    }
    header.speakers.sort_by_key(|s| s.id);
    let mut docs: Vec<&DocEntry> = project.documents.iter().collect();
    docs.sort_by(|a, b| a.path.cmp(&b.path));
    let head = ron::ser::to_string_pretty(&header, pretty(0)).expect("projects always serialize");
    let marker = EMPTY_LIST;
    let at = head
        .find(marker)
        .expect("the empty document list is on its own line");
    let recording = cache.is_some();
    let known = cache.as_deref().zip(previous);
    let pieces: Vec<(Option<u64>, Piece)> = map_runs(
        &docs,
        |d| d.annotations.len() + 1,
        |run| {
            run.iter()
                .map(|d| {
                    let print = recording.then(|| fingerprint(d));
                    let kept = known.and_then(|(cache, previous)| {
                        let (p, range) = cache.docs.get(&d.path)?;
                        (Some(*p) == print && previous.get(range.clone()).is_some())
                            .then(|| range.clone())
                    });
                    let piece = match kept {
                        Some(range) => Piece::Kept(range),
                        None => Piece::Made(document_text(d)),
                    };
                    (print, piece)
                })
                .collect::<Vec<_>>()
        },
    )
    .into_iter()
    .flatten()
    .collect();
    let size = |(_, piece): &(Option<u64>, Piece)| match piece {
        Piece::Made(text) => text.len(),
        Piece::Kept(range) => range.len() + 6,
    };
    let mut out = String::with_capacity(head.len() + pieces.iter().map(size).sum::<usize>());
    let mut landed = Vec::with_capacity(pieces.len());
    out.push_str(&head[..at]);
    if project.documents.is_empty() {
        out.push_str(marker);
    } else {
        out.push_str("\n  documents: [\n");
        for (_, piece) in &pieces {
            let start = out.len() + INDENT.len();
            match piece {
                Piece::Made(text) => out.push_str(text),
                Piece::Kept(range) => {
                    out.push_str(INDENT);
                    out.push_str(&previous.expect("kept only with a previous file")[range.clone()]);
                    out.push_str(",\n");
                }
            }
            landed.push(start..out.len() - 2);
        }
        out.push_str("  ],\n");
    }
    out.push_str(&head[at + marker.len()..]);
    if let Some(cache) = cache {
        cache.kept = pieces
            .iter()
            .filter(|(_, p)| matches!(p, Piece::Kept(_)))
            .count();
        cache.fresh = pieces
            .iter()
            .zip(&landed)
            .filter(|((_, p), _)| matches!(p, Piece::Made(_)))
            .map(|(_, range)| range.clone())
            .collect();
        cache.docs = docs
            .iter()
            .zip(pieces)
            .zip(landed)
            .filter_map(|((d, (print, _)), range)| Some((d.path.clone(), (print?, range))))
            .collect();
    }
    out
}

/// The document list in the header serialized without documents, where the documents go.
pub(super) const EMPTY_LIST: &str = "\n  documents: [],\n";

/// How far documents are indented in the list.
pub(super) const INDENT: &str = "    ";

/// One document as it appears inside the project's list: indented two levels, with its comma.
pub(super) fn document_text(doc: &DocEntry) -> String {
    let doc = if doc.is_normalized() {
        Cow::Borrowed(doc)
    } else {
        let mut copy = doc.clone();
        copy.normalize();
        Cow::Owned(copy)
    };
    if let Some(text) = plain_doc::document_text(&doc) {
        return text;
    }
    let text = ron::ser::to_string_pretty(&*doc, pretty(2)).expect("documents always serialize");
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.lines() {
        out.push_str(INDENT);
        out.push_str(line);
        out.push('\n');
    }
    // The last line is the closing bracket; the list puts a comma after it.
    out.pop();
    out.push_str(",\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{Label, SpeakerId, parse_project};
    use crate::synthetic;
    use crate::text::DocText;
    use std::path::Path;

    /// A project well over the parallel threshold, with notes, cues and odd strings.
    fn big_project() -> Project {
        let mut rng = synthetic::Rng::new(7);
        let texts: Vec<(String, DocText)> = (0..60)
            .map(|i| {
                let name = format!("b{:02}/a{i:03}.txt", 59 - i);
                (name, DocText::new(synthetic::article(&mut rng, 6_000)))
            })
            .collect();
        let refs: Vec<(String, &DocText)> = texts.iter().map(|(p, t)| (p.clone(), t)).collect();
        let mut p = Project::new("corpus".into());
        p.speakers = synthetic::speakers(40);
        p.speakers.reverse();
        p.speakers[3].name = "documents: [],\n  \"x\" r#\"y\"#".into();
        synthetic::annotate(&mut p, &refs, 150, 3);
        for (i, a) in p
            .documents
            .iter_mut()
            .flat_map(|d| &mut d.annotations)
            .enumerate()
        {
            if i % 5 == 0 {
                a.note = format!("note {i}\nsecond line, with ) and ] and \"quotes\"");
            }
            if a.label == Label::Demand {
                a.cue = Some(Box::new(a.fragments[0].clone()));
                a.speakers.push(SpeakerId(1));
            }
        }
        // Out of order on purpose: saving puts documents and annotations in file order.
        p.documents.reverse();
        p.documents[0].annotations.reverse();
        p
    }

    fn plain_ron(project: &Project) -> String {
        let mut p = project.clone();
        p.normalize();
        ron::ser::to_string_pretty(&p, pretty(0)).unwrap()
    }

    #[test]
    fn parallel_text_is_byte_identical_to_one_plain_pass() {
        let p = big_project();
        let text = to_ron(&p, None, None, None);
        assert!(text.len() > MIN_PARALLEL_BYTES, "{} bytes", text.len());
        assert_eq!(text, plain_ron(&p));
        let empty = Project::new("c".into());
        assert_eq!(to_ron(&empty, None, None, None), plain_ron(&empty));
    }

    #[test]
    fn a_save_copies_unchanged_documents_from_the_previous_file() {
        let mut p = big_project();
        let mut cache = SaveCache::default();
        let first = to_ron(&p, None, Some(&mut cache), None);
        assert_eq!(first, to_ron(&p, None, None, None));
        assert_eq!(cache.docs.len(), p.documents.len());
        let (kept, changed) = (p.documents[3].path.clone(), p.documents[5].path.clone());
        assert!(first[cache.docs[&kept].1.clone()].contains(&kept));

        // One note changed, one document removed.
        p.documents[5].annotations[0].note = "changed".into();
        p.documents.remove(9);
        let second = to_ron(&p, None, Some(&mut cache), Some(&first));
        assert_eq!(second, to_ron(&p, None, None, None));
        assert_eq!(cache.docs.len(), p.documents.len());
        assert!(second[cache.docs[&changed].1.clone()].contains("note: \"changed\""));

        // Unchanged documents really are copied: mark one in the "previous file" and see it come
        // through, while the changed one is made anew.
        let range = cache.docs[&kept].1.clone();
        let marked = second[range.clone()].replacen("path: ", "path:/**/", 1);
        let previous = format!("{}{marked}{}", &second[..range.start], &second[range.end..]);
        p.documents[5].annotations[0].note = "changed again".into();
        let third = to_ron(&p, None, Some(&mut cache), Some(&previous));
        assert!(third.contains("path:/**/"));
        assert!(third.contains("note: \"changed again\""));
    }

    #[test]
    fn parallel_parse_reads_what_one_plain_pass_reads() {
        let p = big_project();
        let text = to_ron(&p, None, None, None);
        let mut cache = SaveCache::default();
        let fast = parse(&text, Some(&mut cache)).expect("a saved project takes the fast path");
        let plain: Project = ron::from_str(&text).unwrap();
        assert_eq!(fast, plain);
        let mut expected = p;
        expected.normalize();
        assert_eq!(fast, expected);
        // What was read is what a save writes back, without serializing anything again.
        assert_eq!(cache.docs.len(), fast.documents.len());
        assert_eq!(to_ron(&fast, None, Some(&mut cache), Some(&text)), text);
    }

    #[test]
    fn anything_unusual_is_left_to_the_plain_parser() {
        let text = to_ron(&big_project(), None, None, None);
        let with_extension = format!("#![enable(implicit_some)]\n{text}");
        assert!(parse(&with_extension, None).is_none());
        assert!(ron::from_str::<Project>(&with_extension).is_ok());

        // A mistake deep in the document list: the error still names its line and field.
        let at = text.find("label: Quote").unwrap() + 200_000;
        let at = at + text[at..].find("label: Claim").unwrap();
        let broken = format!("{}label: Clam{}", &text[..at], &text[at + 12..]);
        assert!(parse(&broken, None).is_none());
        let line = text[..at].lines().count();
        let err = parse_project(Path::new("big.ron"), &broken)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(&format!("big.ron:{line}:")), "{err}");
        assert!(err.contains("Clam"), "{err}");
    }
    #[test]
    fn the_list_is_cut_where_documents_start_and_the_cuts_are_checked() {
        let p = big_project();
        let text = to_ron(&p, None, None, None);
        let plain: Project = ron::from_str(&text).unwrap();
        let mut cache = SaveCache::default();
        let chained = parse_chained(&text, Some(&mut cache)).expect("a saved project is plain");
        assert_eq!(chained, plain);
        assert_eq!(cache.docs.len(), plain.documents.len());
        assert_eq!(to_ron(&chained, None, Some(&mut cache), Some(&text)), text);

        // A note edited by hand to hold, with real line breaks, what looks like a document's
        // start: a cut there is found out, and the project still reads as ron reads it.
        let fake = "\n    (\n      path: \\\"fake.txt\\\",\n    ),\n";
        let mut edited = text.clone();
        for _ in 0..40 {
            let at = edited.len() / 2 + edited[edited.len() / 2..].find("note: \"").unwrap() + 7;
            edited.insert_str(at, fake);
        }
        let whole: Project = ron::from_str(&edited).unwrap();
        assert_eq!(parse_pieces(&edited, None), Some(whole.clone()));
        assert!(parse_chained(&edited, None).is_none_or(|p| p == whole));

        // A document the plain reader leaves to ron (merge conflicts): the whole list is cut
        // by the walk instead.
        let mut p = big_project();
        p.documents[30].conflicts.push(crate::project::Conflict {
            id: crate::project::AnnotationId(1),
            theirs: None,
        });
        let text = to_ron(&p, None, None, None);
        assert!(parse_chained(&text, None).is_none());
        assert_eq!(parse(&text, None), Some(ron::from_str(&text).unwrap()));
    }
}
