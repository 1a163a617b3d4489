//! Putting annotations back on their text when a document changed since it was annotated, and the
//! report of what moved, what needs review and what could not be placed (orphans, never dropped).

use super::Workspace;
use crate::corpus::Corpus;
use crate::project::{AnchorStatus, Annotation, AnnotationId, DocEntry, Fragment};
use crate::text::DocText;
use crate::text::anchor::{AnchorQuery, Anchored, reanchor_within};
use crate::text::plural::count;
use std::fmt::Write as _;
use std::ops::Range;

/// A document has "mostly changed" when it holds at least this many annotations and more than
/// half of them could not be placed with their context (fewer say little about the whole text).
const MOSTLY_CHANGED_MIN: usize = 3;

/// One fragment (or cue) whose place changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Move {
    pub id: AnnotationId,
    /// The annotation's cue rather than one of its fragments.
    pub cue: bool,
    pub old: Range<usize>,
    /// `None`: the fragment could not be placed.
    pub new: Option<Range<usize>>,
    /// Why the new place is uncertain (the annotation is to review); `None` if it is not.
    pub doubt: Option<Doubt>,
}

/// Why a fragment's new place needs the analyst's review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doubt {
    /// Placed by approximate match: its text was edited.
    Approximate,
    /// Its exact text, but neither side of the stored context agrees there.
    ContextChanged,
}

impl Doubt {
    fn of(placed: &Anchored) -> Option<Doubt> {
        match placed {
            Anchored::Fuzzy { .. } => Some(Doubt::Approximate),
            Anchored::Unconfirmed { .. } => Some(Doubt::ContextChanged),
            Anchored::Exact | Anchored::Moved { .. } | Anchored::Orphan => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocStatus {
    Unchanged,
    /// The text changed; `moves` lists the fragments whose offsets changed or that were lost.
    Reanchored {
        moves: Vec<Move>,
    },
    /// The document is not in the corpus folder (or the folder is missing).
    Missing,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocReport {
    pub path: String,
    pub status: DocStatus,
    pub annotations: usize,
    /// Annotations that could not be placed, old and new.
    pub orphaned: Vec<AnnotationId>,
    pub review: Vec<AnnotationId>,
    /// Annotations that re-anchoring could not place with agreeing context (reviewed or
    /// orphaned); 0 when the text did not change.
    pub unsure: usize,
}

impl DocReport {
    /// Most annotations lost their context: the article was probably replaced by another text.
    pub fn mostly_changed(&self) -> bool {
        self.annotations >= MOSTLY_CHANGED_MIN && 2 * self.unsure > self.annotations
    }

    /// What the analyst is told about a document whose text mostly changed.
    pub fn mostly_changed_note(&self) -> Option<String> {
        self.mostly_changed().then(|| {
            format!(
                "the text of {} mostly changed: {} of {} could not be placed with \
                 their context (to review or orphaned)",
                self.path,
                self.unsure,
                count(self.annotations, "annotation", "annotations")
            )
        })
    }
}

/// What opening found, per document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnchorReport {
    pub docs: Vec<DocReport>,
}

impl AnchorReport {
    /// Anything orphaned or missing: the analyst must act.
    pub fn has_losses(&self) -> bool {
        self.docs.iter().any(|d| {
            !d.orphaned.is_empty() || (d.status == DocStatus::Missing && d.annotations > 0)
        })
    }

    pub fn changed(&self) -> bool {
        self.docs.iter().any(|d| d.status != DocStatus::Unchanged)
    }

    /// One line per document, then one per moved or lost fragment.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for d in &self.docs {
            let _ = match &d.status {
                DocStatus::Unchanged if d.orphaned.is_empty() => {
                    writeln!(out, "{}: unchanged", d.path)
                }
                DocStatus::Unchanged => {
                    writeln!(out, "{}: unchanged, {} orphaned", d.path, d.orphaned.len())
                }
                DocStatus::Missing => writeln!(
                    out,
                    "{}: missing from the corpus ({} kept)",
                    d.path,
                    count(d.annotations, "annotation", "annotations")
                ),
                DocStatus::Reanchored { moves } => {
                    let _ = writeln!(
                        out,
                        "{}: re-anchored ({} moved, {} to review, {} orphaned)",
                        d.path,
                        count(
                            moves.iter().filter(|m| m.new.is_some()).count(),
                            "fragment",
                            "fragments"
                        ),
                        d.review.len(),
                        d.orphaned.len()
                    );
                    if let Some(note) = d.mostly_changed_note() {
                        let _ = writeln!(out, "  {note}");
                    }
                    for m in moves {
                        let part = if m.cue { " cue" } else { "" };
                        let _ = match &m.new {
                            Some(new) => writeln!(
                                out,
                                "  annotation {}{part}: {}..{} -> {}..{}{}",
                                m.id.0,
                                m.old.start,
                                m.old.end,
                                new.start,
                                new.end,
                                match m.doubt {
                                    Some(Doubt::Approximate) => " (approximate: review)",
                                    Some(Doubt::ContextChanged) => " (context changed: review)",
                                    None => "",
                                }
                            ),
                            None => writeln!(
                                out,
                                "  annotation {}{part}: {}..{} -> orphaned",
                                m.id.0, m.old.start, m.old.end
                            ),
                        };
                    }
                    Ok(())
                }
            };
        }
        out
    }
}

impl Workspace {
    /// Re-anchors every document whose text differs from what its annotations were made on.
    /// Changes the project (new offsets, statuses, hashes), so the caller marks it unsaved.
    pub(super) fn reanchor_all(&mut self) -> AnchorReport {
        // Documents are independent: a big project's are checked on every core.
        let corpus = &self.corpus;
        AnchorReport {
            docs: crate::parallel::map_each_mut(
                &mut self.project.documents,
                |d| d.annotations.len() + 1,
                |entry| reanchor_document(entry, corpus),
            ),
        }
    }
}

fn reanchor_document(entry: &mut DocEntry, corpus: &Corpus) -> DocReport {
    let mut report = DocReport {
        path: entry.path.clone(),
        status: DocStatus::Unchanged,
        annotations: entry.annotations.len(),
        orphaned: Vec::new(),
        review: Vec::new(),
        unsure: 0,
    };
    let Some(doc) = corpus.document(&entry.path) else {
        report.status = DocStatus::Missing;
        return report;
    };
    let text = &doc.text;
    let on_text = |f: &Fragment| text.slice(f.start..f.end) == Some(f.text());
    let intact = entry.hash == doc.hash
        && entry.annotations.iter().all(|a| {
            !a.is_placed()
                || (a.fragments.iter().all(on_text) && a.cue.as_deref().is_none_or(on_text))
        });
    if intact {
        // Fragments whose strings are the text's keep their place in it instead of a copy.
        for a in &mut entry.annotations {
            for f in a.fragments.iter_mut().chain(a.cue.as_deref_mut()) {
                f.share(text);
            }
        }
    } else {
        let mut moves = Vec::new();
        for a in &mut entry.annotations {
            if !reanchor_annotation(a, text, &mut moves) {
                report.unsure += 1;
            }
        }
        entry.hash = doc.hash.clone();
        entry.sort_annotations();
        report.status = DocStatus::Reanchored { moves };
    }
    for a in &entry.annotations {
        match a.anchor {
            AnchorStatus::Orphaned => report.orphaned.push(a.id),
            AnchorStatus::Review => report.review.push(a.id),
            AnchorStatus::Placed => {}
        }
    }
    report
}

/// Places an annotation's fragments and cue on the text as it is now, recording in `moves` what
/// changed place. If any of them is lost, the whole annotation is orphaned and keeps its stored
/// offsets (valid as they were loaded); if any is uncertain, it is to review. Returns whether
/// everything was placed with agreeing context.
fn reanchor_annotation(a: &mut Annotation, text: &DocText, moves: &mut Vec<Move>) -> bool {
    let placed = place_fragments(text, &a.fragments);
    let cue = a
        .cue
        .as_deref()
        .map(|c| (place(text, c, 0..text.char_len()), c));
    let parts = || {
        placed
            .iter()
            .zip(&a.fragments)
            .map(|(p, f)| (p, f, false))
            .chain(cue.iter().map(|(p, c)| (p, *c, true)))
    };
    let confirmed = parts().all(|(p, _, _)| p.is_confirmed());
    if parts().any(|(p, _, _)| *p == Anchored::Orphan) {
        for (p, f, is_cue) in parts() {
            if *p != Anchored::Exact {
                moves.push(Move {
                    id: a.id,
                    cue: is_cue,
                    old: f.start..f.end,
                    new: None,
                    doubt: None,
                });
            }
        }
        a.anchor = AnchorStatus::Orphaned;
        return false;
    }
    let mut review = false;
    let mut fragments = Vec::with_capacity(placed.len());
    let mut new_cue = None;
    for (p, f, is_cue) in parts() {
        let new = p.range(f.start..f.end).expect("orphans handled above");
        review |= !p.is_confirmed();
        if *p != Anchored::Exact {
            moves.push(Move {
                id: a.id,
                cue: is_cue,
                old: f.start..f.end,
                new: Some(new.clone()),
                doubt: Doubt::of(p),
            });
        }
        if is_cue {
            new_cue = Some(fragment_at(text, new));
        } else {
            fragments.push(fragment_at(text, new));
        }
    }
    a.fragments = fragments;
    a.sort_fragments();
    a.cue = new_cue.map(Box::new);
    a.anchor = if review || a.anchor == AnchorStatus::Review {
        AnchorStatus::Review
    } else {
        AnchorStatus::Placed
    };
    confirmed
}

/// Places the fragments of one annotation (in text order) so that they stay in that order and do
/// not overlap, as the file format requires. Each is placed on its own first; if two of them then
/// cross, each fragment that is not where it was with its context, or that falls outside the
/// room its neighbours leave, is placed again within that room: after the previous fragment and
/// before the next one placed with confidence. Whatever still does not fit is an orphan.
fn place_fragments(text: &DocText, fragments: &[Fragment]) -> Vec<Anchored> {
    let n = text.char_len();
    let alone: Vec<Anchored> = fragments.iter().map(|f| place(text, f, 0..n)).collect();
    let ranges = |placed: &[Anchored]| -> Option<Vec<Range<usize>>> {
        placed
            .iter()
            .zip(fragments)
            .map(|(p, f)| p.range(f.start..f.end))
            .collect()
    };
    let Some(alone_ranges) = ranges(&alone) else {
        return alone;
    };
    if in_order(&alone_ranges) {
        return alone;
    }
    let mut placed = Vec::with_capacity(fragments.len());
    let mut floor = 0;
    for (i, f) in fragments.iter().enumerate() {
        let ceiling = (i + 1..fragments.len())
            .find(|&j| alone[j].is_confirmed() && alone_ranges[j].start >= floor)
            .map_or(n, |j| alone_ranges[j].start);
        let room = floor..ceiling.max(floor);
        let r = &alone_ranges[i];
        let p = if alone[i].is_confirmed() && room.start <= r.start && r.end <= room.end {
            alone[i].clone()
        } else {
            place(text, f, room)
        };
        match p.range(f.start..f.end) {
            Some(r) => floor = r.end,
            None => return vec![Anchored::Orphan; fragments.len()],
        }
        placed.push(p);
    }
    match ranges(&placed) {
        Some(r) if in_order(&r) => placed,
        _ => vec![Anchored::Orphan; fragments.len()],
    }
}

/// Each range ends before the next starts (and none is empty).
fn in_order(ranges: &[Range<usize>]) -> bool {
    ranges.iter().all(|r| r.start < r.end) && ranges.windows(2).all(|w| w[0].end <= w[1].start)
}

fn place(text: &DocText, f: &Fragment, bounds: Range<usize>) -> Anchored {
    reanchor_within(
        text,
        &AnchorQuery {
            start: f.start,
            end: f.end,
            text: f.text(),
            prefix: f.prefix(),
            suffix: f.suffix(),
        },
        bounds,
    )
}

/// A fragment over `range` of the text as it is now, with fresh context.
pub(super) fn fragment_at(text: &DocText, range: Range<usize>) -> Fragment {
    Fragment::on(text, range)
}
