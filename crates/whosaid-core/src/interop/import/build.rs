//! What every import shares: spans checked against the corpus text, problems reported with their
//! file and line, and the project made of it, speakers included.
//!
//! Cost: O(n log n) in the annotations: drafts are sorted once; speakers are resolved by hash
//! lookups (names, surnames of a document's speakers, file ids), problems tallied by key.

use super::mapping::Mapping;
use super::speaker_registry::{Local, Registry, is_pronoun};
use super::text::{DocFinder, OffsetUnit, quoted, texts_agree};
use super::{Import, ImportOptions};
use crate::corpus::{Corpus, DocMetadata};
use crate::parallel::map_runs;
use crate::project::{Annotation, AnnotationId, Fragment, Label, Project, Provenance, SpeakerId};
use crate::text::DocText;
use crate::workspace::{Workspace, now_rfc3339};
use rustc_hash::{FxHashMap, FxHashSet};
use smol_str::SmolStr;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// Where something was read: a file and a line (0: the file as a whole). Every annotation read
/// keeps one, so the file's name is shared, not copied (80 MB at a million annotations).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct At {
    pub file: Arc<str>,
    pub line: usize,
}

impl At {
    pub fn new(file: &str, line: usize) -> Self {
        Self {
            file: file.into(),
            line,
        }
    }

    /// A line of `file`, whose name is shared with every other place in it.
    pub fn in_file(file: &Arc<str>, line: usize) -> Self {
        Self {
            file: Arc::clone(file),
            line,
        }
    }
}

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            f.write_str(&self.file)
        } else {
            write!(f, "{}:{}", self.file, self.line)
        }
    }
}

/// A speaker as the imported file names it: by the name in the text, and by an id of the file's
/// own where it has one (whosaid's JSONL), which then decides who is who.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Who {
    pub name: String,
    pub id: Option<u64>,
}

impl Who {
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            id: None,
        }
    }
}

/// An annotation read and checked, not yet in the project. Offsets are code points of the corpus
/// text, already found to hold the text the file gives.
#[derive(Clone, Debug)]
pub struct Draft {
    pub doc: String,
    pub label: Label,
    pub fragments: Vec<Range<usize>>,
    /// Main speaker first.
    pub speakers: Vec<Who>,
    pub addressee: Option<Who>,
    pub cue: Option<Range<usize>>,
    pub note: String,
    pub suggested: Option<Provenance>,
    pub at: At,
}

/// Why a span's offsets are not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Misplaced {
    Reversed(Range<usize>),
    OutOfRange { range: Range<usize>, len: usize },
    Differs { given: String, found: String },
}

impl fmt::Display for Misplaced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Misplaced::Reversed(r) => write!(f, "ends before it starts ({}..{})", r.start, r.end),
            Misplaced::OutOfRange { range, len } => write!(
                f,
                "{}..{} is outside the document ({len} code points)",
                range.start, range.end
            ),
            Misplaced::Differs { given, found } => write!(
                f,
                "the file gives the text {}, the document has {} there",
                quoted(given),
                quoted(found)
            ),
        }
    }
}

/// What checking a record found, kept to be taken by the builder in the order of the file
/// ([`Builder::take`]) when records are checked on several cores.
#[derive(Debug)]
pub enum Note {
    /// A problem's line, with where it is.
    Problem(String),
    Tally {
        key: String,
        at: At,
        message: String,
    },
    Metadata(String, DocMetadata),
    Draft(Draft),
}

/// Notes made as the builder makes its problems and tallies.
pub trait Notes {
    fn problem(&mut self, at: &At, message: impl fmt::Display);
    fn tally(&mut self, key: &str, at: &At, message: impl FnOnce() -> String);
}

impl Notes for Vec<Note> {
    fn problem(&mut self, at: &At, message: impl fmt::Display) {
        self.push(Note::Problem(format!("{at}: {message}")));
    }

    fn tally(&mut self, key: &str, at: &At, message: impl FnOnce() -> String) {
        self.push(Note::Tally {
            key: key.to_string(),
            at: at.clone(),
            message: message(),
        });
    }
}

/// Problems of one kind, reported once with how often they occurred.
struct Tally {
    message: String,
    first: At,
    count: usize,
}

/// Characters that open and close a quotation, for the `auto` label.
const OPENING: &[char] = &['"', '“', '„', '«', '‘', '‚', '‹', '\'', '「', '『'];
const CLOSING: &[char] = &['"', '”', '»', '’', '›', '\'', '“', '」', '』', '«'];

pub struct Builder<'a> {
    ws: &'a Workspace,
    pub mapping: &'a Mapping,
    pub offsets: Option<OffsetUnit>,
    pub finder: DocFinder<'a>,
    drafts: Vec<Draft>,
    problems: Vec<String>,
    /// In the order first seen, with where each key is.
    tallies: Vec<Tally>,
    tally_of: FxHashMap<String, usize>,
    metadata: BTreeMap<String, DocMetadata>,
}

impl<'a> Builder<'a> {
    pub fn new(ws: &'a Workspace, options: &'a ImportOptions) -> Self {
        Self {
            ws,
            mapping: &options.mapping,
            offsets: options.offsets,
            finder: DocFinder::new(ws.corpus()),
            drafts: Vec::new(),
            problems: Vec::new(),
            tallies: Vec::new(),
            tally_of: FxHashMap::default(),
            metadata: BTreeMap::new(),
        }
    }

    pub fn corpus(&self) -> &'a Corpus {
        self.ws.corpus()
    }

    /// The text of a corpus document (which must exist: paths come from [`DocFinder`]).
    pub fn text(&self, doc: &str) -> &'a DocText {
        &self
            .ws
            .corpus()
            .document(doc)
            .expect("documents come from the corpus")
            .text
    }

    pub fn problem(&mut self, at: &At, message: impl fmt::Display) {
        self.problems.push(format!("{at}: {message}"));
    }

    /// What records checked apart from the builder (on several cores) found, taken in the order
    /// of the file: the same problems, tallies, metadata and drafts as if each had been read
    /// here.
    pub fn take(&mut self, notes: Vec<Note>) {
        for note in notes {
            match note {
                Note::Problem(message) => self.problems.push(message),
                Note::Tally { key, at, message } => self.tally(&key, &at, || message),
                Note::Metadata(doc, metadata) => self.metadata(&doc, metadata),
                Note::Draft(draft) => self.add(draft),
            }
        }
    }

    /// Reports a problem of kind `key` once, with how many times it occurred and where first.
    pub fn tally(&mut self, key: &str, at: &At, message: impl FnOnce() -> String) {
        match self.tally_of.get(key) {
            Some(&i) => self.tallies[i].count += 1,
            None => {
                self.tally_of.insert(key.to_string(), self.tallies.len());
                self.tallies.push(Tally {
                    message: message(),
                    first: at.clone(),
                    count: 1,
                });
            }
        }
    }

    /// Checks code point ranges of a document: in order, inside the text, and, where the file
    /// gives the span's text (the pieces of a discontinuous span joined by spaces), holding it.
    pub fn place(
        &self,
        doc: &str,
        ranges: &[Range<usize>],
        given: Option<&str>,
    ) -> Result<(), Misplaced> {
        let text = self.text(doc);
        let mut pieces = Vec::with_capacity(ranges.len());
        for r in ranges {
            if r.start > r.end {
                return Err(Misplaced::Reversed(r.clone()));
            }
            let piece = text.slice(r.clone()).ok_or_else(|| Misplaced::OutOfRange {
                range: r.clone(),
                len: text.char_len(),
            })?;
            pieces.push(piece);
        }
        match given {
            Some(given) => {
                let found = pieces.join(" ");
                if texts_agree(given, &found) {
                    Ok(())
                } else {
                    Err(Misplaced::Differs {
                        given: given.to_string(),
                        found,
                    })
                }
            }
            None => Ok(()),
        }
    }

    /// The text of checked ranges, pieces joined by a space.
    pub fn span_text(&self, doc: &str, ranges: &[Range<usize>]) -> String {
        let text = self.text(doc);
        let pieces: Vec<&str> = ranges
            .iter()
            .filter_map(|r| text.slice(r.clone()))
            .collect();
        pieces.join(" ")
    }

    /// Checked ranges made into an annotation's fragments: trimmed of white space as whosaid
    /// trims a selection (reported), white space alone dropped, in order; `None`, reported, when
    /// nothing is left or two pieces overlap.
    pub fn fragments(
        &mut self,
        doc: &str,
        ranges: &[Range<usize>],
        at: &At,
        what: &str,
    ) -> Option<Vec<Range<usize>>> {
        let mut notes = Vec::new();
        let out = self.checked_fragments(doc, ranges, at, what, &mut notes);
        self.take(notes);
        out
    }

    /// As [`Builder::fragments`], telling `notes` what it finds.
    pub fn checked_fragments(
        &self,
        doc: &str,
        ranges: &[Range<usize>],
        at: &At,
        what: &str,
        notes: &mut Vec<Note>,
    ) -> Option<Vec<Range<usize>>> {
        let text = self.text(doc);
        let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        let mut trimmed = false;
        for r in ranges {
            let t = text.trim(r.clone());
            trimmed |= t != *r;
            if !t.is_empty() {
                out.push(t);
            }
        }
        if out.is_empty() {
            notes.problem(at, format!("{what} is empty or white space only; skipped"));
            return None;
        }
        out.sort_by_key(|r| (r.start, r.end));
        if let Some(w) = out.windows(2).find(|w| w[1].start < w[0].end) {
            notes.problem(
                at,
                format!(
                    "{what} has overlapping pieces ({}..{} and {}..{}); skipped",
                    w[0].start, w[0].end, w[1].start, w[1].end
                ),
            );
            return None;
        }
        if trimmed {
            notes.tally("trimmed", at, || {
                "spans starting or ending with white space: trimmed, as whosaid trims a selection"
                    .to_string()
            });
        }
        Some(out)
    }

    /// Joins pieces that only a line break (and white space) separates: brat cannot hold a line
    /// break in a piece, so a span over several lines is written as one piece per line.
    pub fn join_lines(&self, doc: &str, fragments: Vec<Range<usize>>) -> Vec<Range<usize>> {
        let text = self.text(doc);
        let mut out: Vec<Range<usize>> = Vec::with_capacity(fragments.len());
        for f in fragments {
            if let Some(last) = out.last_mut()
                && let Some(gap) = text.slice(last.end..f.start)
                && gap.chars().all(char::is_whitespace)
                && gap.contains(['\n', '\r', '\u{2028}', '\u{2029}'])
            {
                last.end = f.end;
            } else {
                out.push(f);
            }
        }
        out
    }

    /// `quote` when the span is in quotation marks (its own or just around it), else `claim`.
    pub fn auto_label(&self, doc: &str, fragments: &[Range<usize>]) -> Label {
        let text = self.text(doc);
        let (Some(first), Some(last)) = (fragments.first(), fragments.last()) else {
            return Label::Claim;
        };
        let opens = text
            .char_at(first.start)
            .is_some_and(|c| OPENING.contains(&c))
            || first
                .start
                .checked_sub(1)
                .and_then(|i| text.char_at(i))
                .is_some_and(|c| OPENING.contains(&c));
        // A closing mark, possibly after the sentence's punctuation ("… up,” / "… up”.").
        let closes = (last.start..last.end)
            .rev()
            .take(3)
            .chain(last.end..last.end + 2)
            .filter_map(|i| text.char_at(i))
            .any(|c| CLOSING.contains(&c));
        if opens && closes {
            Label::Quote
        } else {
            Label::Claim
        }
    }

    pub fn add(&mut self, draft: Draft) {
        self.drafts.push(draft);
    }

    /// Metadata for a document, for the fields the project has no value for.
    pub fn metadata(&mut self, doc: &str, metadata: DocMetadata) {
        self.metadata
            .entry(doc.to_string())
            .or_default()
            .fill_from(&metadata);
    }

    /// The project: the workspace's with the drafts as annotations, and the speakers they name.
    pub fn finish(mut self) -> Import {
        let mut project: Project = self.ws.project().clone();
        for (doc, metadata) in std::mem::take(&mut self.metadata) {
            if let Some(entry) = project.document_mut(&doc) {
                entry.metadata.fill_from(&metadata);
            }
        }
        let mut registry = Registry::new(std::mem::take(&mut project.speakers));
        let mut drafts = std::mem::take(&mut self.drafts);
        // Taken in document order, as the project keeps them (ids follow it).
        let order = |d: &Draft| {
            let (start, end) = (d.fragments[0].start, d.fragments[d.fragments.len() - 1].end);
            (start, std::cmp::Reverse(end))
        };
        // Documents last first: each document's drafts are then taken off the end, and freed once
        // made into annotations, so that all the drafts and all the annotations they make are
        // never held at once (a million drafts are some 300 MB). Sorted first in the order of
        // the file (a file written by document and position is then one run, checked in one
        // pass), then turned around.
        drafts.sort_by(|a, b| a.doc.cmp(&b.doc).then_with(|| order(a).cmp(&order(b))));
        drafts.reverse();
        let now = SmolStr::from(now_rfc3339());
        let annotator = self.ws.annotator();
        let mut next = project.next_annotation_id().0;
        let mut imported = 0;
        // Whether a name is a pronoun, worked out once per name (folding costs more than a
        // lookup, and the same few hundred names come back in every document).
        let mut pronouns: FxHashMap<String, bool> = FxHashMap::default();
        // Documents are taken a batch at a time: who is who, and ids, are settled one document
        // after the other (a speaker's id depends on those named before); the annotations are
        // then made on every core.
        let mut batch: Vec<Work> = Vec::new();
        let mut in_batch = 0;
        while let Some(last) = drafts.last() {
            let start = drafts.partition_point(|d| d.doc > last.doc);
            let mut group = drafts.split_off(start);
            if drafts.len() < drafts.capacity() / 2 {
                drafts.shrink_to_fit();
            }
            // Back in the order of the text (and of the file, for drafts at the same place).
            group.reverse();
            let doc = group[0].doc.clone();
            let text = self.text(&doc);
            let who = {
                // Full names first, so that a surname alone can join the one full name of the
                // article.
                let mut seen = FxHashSet::default();
                let mut names: Vec<&Who> = group
                    .iter()
                    .flat_map(|d| d.speakers.iter().chain(&d.addressee))
                    .filter(|w| seen.insert((w.name.as_str(), w.id)))
                    .collect();
                names
                    .sort_by_cached_key(|w| registry.keys.of(&w.name).key.given_names().is_empty());
                let mut local = Local::default();
                // Keyed by the names as the drafts hold them: nothing is copied to look one up.
                let mut resolved: FxHashMap<(&str, Option<u64>), Option<SpeakerId>> =
                    FxHashMap::default();
                for who in names {
                    let k = (who.name.as_str(), who.id);
                    if resolved.contains_key(&k) {
                        continue;
                    }
                    let pronoun = match pronouns.get(who.name.as_str()) {
                        Some(&pronoun) => pronoun,
                        None => *pronouns
                            .entry(who.name.clone())
                            .or_insert_with(|| is_pronoun(&who.name)),
                    };
                    let id = (!pronoun).then(|| registry.resolve(who, &mut local));
                    resolved.insert(k, id);
                }
                // Each draft's speakers then addressee, in order: what the annotations take.
                let mut who = Vec::new();
                for d in &group {
                    for w in d.speakers.iter().chain(&d.addressee) {
                        let id = resolved.get(&(w.name.as_str(), w.id)).copied().flatten();
                        if id.is_none() {
                            self.tally("pronoun", &d.at, || {
                                "speaker spans that are pronouns (he, she, they…): left \
                                 unattributed, the pronoun kept in the note"
                                    .to_string()
                            });
                        }
                        who.push(id);
                    }
                }
                who
            };
            let ids = group
                .iter()
                .map(|_| {
                    let id = next;
                    next = crate::project::fresh_session_id();
                    id
                })
                .collect();
            imported += group.len();
            in_batch += group.len();
            batch.push(Work {
                doc,
                text,
                group,
                ids,
                who,
            });
            if in_batch >= FINISH_BATCH || drafts.is_empty() {
                let made = map_runs(
                    &batch,
                    |w| w.group.len(),
                    |run| {
                        run.iter()
                            .map(|w| w.annotations(annotator, &now))
                            .collect::<Vec<_>>()
                    },
                );
                for (w, annotations) in batch.iter().zip(made.into_iter().flatten()) {
                    if let Some(entry) = project.document_mut(&w.doc) {
                        entry.annotations.extend(annotations);
                    }
                }
                batch.clear();
                in_batch = 0;
            }
        }
        project.speakers = registry.finish();
        // What the import added is the work of whoever imports it.
        if !self.ws.annotator().is_empty() {
            let known: FxHashSet<SpeakerId> =
                self.ws.project().speakers.iter().map(|s| s.id).collect();
            for s in &mut project.speakers {
                if !known.contains(&s.id) {
                    s.annotator = self.ws.annotator().to_string();
                }
            }
        }
        project.normalize();
        let mut problems = std::mem::take(&mut self.problems);
        for t in &self.tallies {
            problems.push(if t.count == 1 {
                format!("{}: {}", t.first, t.message)
            } else {
                format!(
                    "{}: {} ({} times; this is the first)",
                    t.first, t.message, t.count
                )
            });
        }
        Import {
            speakers: project.speakers.len(),
            project,
            problems,
            annotations: imported,
        }
    }
}

/// Drafts taken together before their annotations are made on every core.
const FINISH_BATCH: usize = if cfg!(test) { 64 } else { 16_384 };

/// One document's drafts with everything settled in order: their ids, and who each speaker and
/// addressee is (`None`: a pronoun, kept in the note).
struct Work<'t> {
    doc: String,
    text: &'t DocText,
    group: Vec<Draft>,
    ids: Vec<u64>,
    /// For each draft in turn, its speakers then its addressee.
    who: Vec<Option<SpeakerId>>,
}

impl Work<'_> {
    fn annotations(&self, annotator: &str, now: &SmolStr) -> Vec<Annotation> {
        let fragment = |r: &Range<usize>| Fragment::on(self.text, r.clone());
        let mut who = self.who.iter().copied();
        let mut annotations = Vec::with_capacity(self.group.len());
        for (d, &id) in self.group.iter().zip(&self.ids) {
            let mut note = d.note.clone();
            let mut lookup = |w: &Who| -> Option<SpeakerId> {
                let id = who.next().expect("one for each speaker and addressee");
                if id.is_none() {
                    let said = format!("source: {}", w.name.trim());
                    note = if note.is_empty() {
                        said
                    } else {
                        format!("{note}\n{said}")
                    };
                }
                id
            };
            let mut speakers: Vec<SpeakerId> = Vec::new();
            for w in &d.speakers {
                if let Some(id) = lookup(w)
                    && !speakers.contains(&id)
                {
                    speakers.push(id);
                }
            }
            let addressee = d.addressee.as_ref().and_then(&mut lookup);
            annotations.push(Annotation {
                speakers,
                addressee,
                cue: d.cue.as_ref().map(|c| Box::new(fragment(c))),
                note,
                suggested: d.suggested,
                annotator: annotator.to_string(),
                ..Annotation::new(
                    AnnotationId(id),
                    d.label,
                    d.fragments.iter().map(fragment).collect(),
                    now.clone(),
                )
            });
        }
        annotations
    }
}
