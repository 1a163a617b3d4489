//! Putting annotations back on their text when a document changed since it was annotated, and the
//! report of what moved, what needs review and what could not be placed (orphans, never dropped).

use super::Workspace;
use crate::corpus::Corpus;
use crate::project::{AnchorStatus, AnnotationId, DocEntry, Fragment};
use crate::text::DocText;
use crate::text::anchor::{AnchorQuery, Anchored, reanchor};
use std::fmt::Write as _;
use std::ops::Range;

/// One fragment whose place changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Move {
    pub id: AnnotationId,
    pub old: Range<usize>,
    /// `None`: the fragment could not be placed.
    pub new: Option<Range<usize>>,
    /// Placed by approximate match: the annotation needs the analyst's review.
    pub fuzzy: bool,
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
                    "{}: missing from the corpus ({} annotations kept)",
                    d.path, d.annotations
                ),
                DocStatus::Reanchored { moves } => {
                    let _ = writeln!(
                        out,
                        "{}: re-anchored ({} fragments moved, {} to review, {} orphaned)",
                        d.path,
                        moves.iter().filter(|m| m.new.is_some()).count(),
                        d.review.len(),
                        d.orphaned.len()
                    );
                    for m in moves {
                        let _ = match &m.new {
                            Some(new) => writeln!(
                                out,
                                "  annotation {}: {}..{} -> {}..{}{}",
                                m.id.0,
                                m.old.start,
                                m.old.end,
                                new.start,
                                new.end,
                                if m.fuzzy {
                                    " (approximate: review)"
                                } else {
                                    ""
                                }
                            ),
                            None => writeln!(
                                out,
                                "  annotation {}: {}..{} -> orphaned",
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
        let mut report = AnchorReport::default();
        for entry in &mut self.project.documents {
            report.docs.push(reanchor_document(entry, &self.corpus));
        }
        report
    }
}

fn reanchor_document(entry: &mut DocEntry, corpus: &Corpus) -> DocReport {
    let mut report = DocReport {
        path: entry.path.clone(),
        status: DocStatus::Unchanged,
        annotations: entry.annotations.len(),
        orphaned: Vec::new(),
        review: Vec::new(),
    };
    let Some(doc) = corpus.document(&entry.path) else {
        report.status = DocStatus::Missing;
        return report;
    };
    let text = &doc.text;
    let intact = entry.hash == doc.hash
        && entry.annotations.iter().all(|a| {
            a.anchor == AnchorStatus::Orphaned
                || a.fragments
                    .iter()
                    .all(|f| text.slice(f.start..f.end) == Some(f.text.as_str()))
        });
    if !intact {
        let mut moves = Vec::new();
        for a in &mut entry.annotations {
            let placed: Vec<(Anchored, &Fragment)> =
                a.fragments.iter().map(|f| (place(text, f), f)).collect();
            if placed.iter().any(|(p, _)| *p == Anchored::Orphan) {
                for (p, f) in &placed {
                    if *p != Anchored::Exact {
                        moves.push(Move {
                            id: a.id,
                            old: f.start..f.end,
                            new: None,
                            fuzzy: false,
                        });
                    }
                }
                a.anchor = AnchorStatus::Orphaned;
                continue;
            }
            let mut fuzzy = false;
            let mut fragments = Vec::with_capacity(placed.len());
            for (p, f) in &placed {
                let new = match p {
                    Anchored::Exact => f.start..f.end,
                    Anchored::Moved { start, end } | Anchored::Fuzzy { start, end } => *start..*end,
                    Anchored::Orphan => unreachable!("handled above"),
                };
                let is_fuzzy = matches!(p, Anchored::Fuzzy { .. });
                fuzzy |= is_fuzzy;
                if *p != Anchored::Exact {
                    moves.push(Move {
                        id: a.id,
                        old: f.start..f.end,
                        new: Some(new.clone()),
                        fuzzy: is_fuzzy,
                    });
                }
                fragments.push(fragment_at(text, new));
            }
            a.fragments = fragments;
            a.sort_fragments();
            a.anchor = if fuzzy || a.anchor == AnchorStatus::Review {
                AnchorStatus::Review
            } else {
                AnchorStatus::Placed
            };
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

fn place(text: &DocText, f: &Fragment) -> Anchored {
    reanchor(
        text,
        &AnchorQuery {
            start: f.start,
            end: f.end,
            text: &f.text,
            prefix: &f.prefix,
            suffix: &f.suffix,
        },
    )
}

/// A fragment over `range` of the text as it is now, with fresh context.
pub(super) fn fragment_at(text: &DocText, range: Range<usize>) -> Fragment {
    let (prefix, suffix) = text.context(range.clone());
    Fragment {
        start: range.start,
        end: range.end,
        text: text.slice(range.clone()).unwrap_or_default().to_string(),
        prefix,
        suffix,
    }
}
