//! A run of the suggestion engine that can leave the UI thread: it reads a snapshot (the shared,
//! unchanging corpus, a copy of the registry, each document's annotated and rejected spans),
//! counts documents done, stops when cancelled, and filters and numbers what it finds itself.
//!
//! What it finds is taken into the workspace later as one step ([`super::Intent::TakeSuggestions`]).
//! A document whose annotations or rejections changed while the run went on is filtered again
//! against them then; one whose pending suggestions the analyst changed meanwhile (accepted,
//! rejected, edited, suggested again) keeps them: the run's results for it are dropped.

use super::Workspace;
use super::proposal::Proposal;
use super::suggestions::Annotated;
use crate::corpus::Corpus;
use crate::edit::Edit;
use crate::progress::Progress;
use crate::project::{DocEntry, Label, Pending, PendingByDoc, Rejected, Speaker};
use crate::suggest::{KnownSpeakers, suggest_located_among};
use std::collections::HashMap;
use std::sync::Arc;

/// The engine's work, ready to run on any thread: which documents, and what it reads.
pub struct SuggestRun {
    pub(super) corpus: Arc<Corpus>,
    pub(super) speakers: Vec<Speaker>,
    /// Each document, and what it has already (`None`: not in the project).
    pub(super) docs: Vec<(String, Option<Had>)>,
    /// The placed annotations of every document, (label, start, end), one run per document.
    pub(super) spans: Vec<(Label, usize, usize)>,
    /// The workspace's revision when the snapshot was taken.
    revision: u64,
    /// The first id it gives its suggestions.
    first_id: u64,
    /// Whether it reads every document: what it finds then replaces all pending suggestions.
    all: bool,
}

/// What a document had when the run started: its annotations' place in `SuggestRun::spans`, and
/// its rejected suggestions. Copied as plainly as possible: this is taken on the UI thread.
pub(super) struct Had {
    spans: std::ops::Range<usize>,
    rejected: Vec<Rejected>,
}

/// What a document has already, so that the engine's proposals leave it out.
pub(super) struct Settled {
    annotated: Annotated,
    rejected: Vec<Rejected>,
}

impl Settled {
    pub(super) fn of(entry: &DocEntry) -> Self {
        Settled {
            annotated: Annotated::of(entry),
            rejected: entry.rejected.clone(),
        }
    }

    pub(super) fn from_had(had: &Had, spans: &[(Label, usize, usize)]) -> Self {
        Settled {
            annotated: Annotated::from_spans(spans[had.spans.clone()].iter().copied()),
            rejected: had.rejected.clone(),
        }
    }

    /// Whether `p` is still worth proposing: no annotation of its label on its text, and not
    /// rejected before.
    pub(super) fn keeps(&self, p: &Pending) -> bool {
        !self.annotated.overlaps(p.label, p.start()..p.end())
            && (self.rejected.is_empty() || !self.rejected.contains(&p.rejection()))
    }

    /// [`Settled::keeps`] for a proposal not yet made a pending suggestion.
    pub(super) fn keeps_proposal(&self, p: &Proposal) -> bool {
        !self.annotated.overlaps(p.label, p.start()..p.end())
            && (self.rejected.is_empty()
                || !self.rejected.contains(&Rejected {
                    label: p.label,
                    text: p.display_text(),
                }))
    }
}

/// What a run found in one document.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum DocFound {
    /// The document is not in the project.
    NotInProject,
    /// Its text is not loaded (a missing file).
    NotLoaded,
    Found(Vec<Pending>),
}

/// What a run found: per document, the suggestions to propose, numbered from `first_id`.
#[derive(Clone)]
pub struct SuggestionsFound {
    /// The corpus it read: taken only by the workspace that holds this very corpus.
    pub(super) corpus: Arc<Corpus>,
    pub(super) revision: u64,
    pub(super) first_id: u64,
    /// The id after the last one given.
    pub(super) next_id: u64,
    /// Per document; empty for a run over every document, whose findings are in `all` instead.
    pub(super) docs: Vec<(String, DocFound)>,
    /// Every document's pending suggestions as the run found them, ready to replace the
    /// workspace's in one swap (built on the run's thread).
    pub(super) all: Option<PendingByDoc>,
    /// How many documents it looked at.
    looked_at: usize,
}

impl SuggestionsFound {
    /// Documents the run looked at.
    pub fn documents(&self) -> usize {
        self.looked_at
    }
}

impl PartialEq for SuggestionsFound {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.corpus, &other.corpus)
            && (self.revision, self.first_id, self.next_id)
                == (other.revision, other.first_id, other.next_id)
            && self.docs == other.docs
            && self.all == other.all
    }
}

impl std::fmt::Debug for SuggestionsFound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let found: usize = self
            .docs
            .iter()
            .filter_map(|(_, l)| match l {
                DocFound::Found(list) => Some(list),
                _ => None,
            })
            .chain(self.all.iter().flat_map(|m| m.values()))
            .map(Vec::len)
            .sum();
        write!(
            f,
            "SuggestionsFound {{ {} documents, {found} suggestions, revision {} }}",
            self.docs.len(),
            self.revision
        )
    }
}

impl Workspace {
    /// A run of the engine over `docs` (every document when empty), reading the project as it is
    /// now; [`SuggestRun::run`] may be called on another thread.
    pub fn suggest_run(&self, docs: Vec<String>) -> SuggestRun {
        let all = docs.is_empty();
        let docs = if all {
            self.corpus
                .documents
                .iter()
                .map(|d| d.path.clone())
                .collect()
        } else {
            docs
        };
        // Every document of a big corpus passes here in the frame of the key press: a plain copy
        // of spans, with the project's documents walked in step with the corpus's (both sorted).
        let mut spans = Vec::new();
        let entries = &self.project.documents;
        let mut next_entry = 0;
        let docs = docs
            .into_iter()
            .map(|path| {
                let entry = if all {
                    while entries.get(next_entry).is_some_and(|e| e.path < path) {
                        next_entry += 1;
                    }
                    entries.get(next_entry).filter(|e| e.path == path)
                } else {
                    self.project.document(&path)
                };
                let had = entry.map(|entry| {
                    let from = spans.len();
                    spans.extend(
                        (entry.annotations.iter())
                            .filter(|a| a.is_placed())
                            .map(|a| (a.label, a.start(), a.end())),
                    );
                    Had {
                        spans: from..spans.len(),
                        rejected: entry.rejected.clone(),
                    }
                });
                (path, had)
            })
            .collect();
        SuggestRun {
            corpus: Arc::clone(&self.corpus),
            speakers: self.project.speakers.clone(),
            docs,
            spans,
            revision: self.revision,
            first_id: self.next_pending,
            all,
        }
    }

    /// The documents whose annotations (or rejected suggestions) changed after `revision`, for a
    /// view to bring itself up to date with; `None` when the whole project or a speaker changed
    /// (or `revision` is not one of this workspace's).
    pub fn annotations_changed_after(&self, revision: u64) -> Option<Vec<&str>> {
        if revision > self.revision {
            return None;
        }
        self.changes
            .annotated_after(revision)
            .map(Iterator::collect)
    }

    /// Documents of `found` whose pending suggestions changed after the run started: taking it
    /// leaves them as they are.
    pub fn changed_since(&self, found: &SuggestionsFound) -> Vec<String> {
        let in_run = |doc: &str| found.all.is_some() || found.docs.iter().any(|(d, _)| d == doc);
        self.changes
            .pending_after(found.revision)
            .filter(|doc| in_run(doc))
            .map(str::to_string)
            .collect()
    }
}

impl SuggestRun {
    /// How many documents it reads.
    pub fn documents(&self) -> usize {
        self.docs.len()
    }

    /// Runs the engine on every core, counting documents done in `progress`; `None` as soon as
    /// `progress` is cancelled. What is annotated or rejected is left out, the rest numbered.
    pub fn run(self, progress: &Progress) -> Option<SuggestionsFound> {
        progress.stage("Suggesting", self.docs.len());
        let (corpus, speakers, spans) = (&*self.corpus, self.speakers.as_slice(), &self.spans);
        let known = KnownSpeakers::new(speakers);
        let runs = crate::parallel::map_runs(
            &self.docs,
            |(path, _)| {
                corpus
                    .document(path)
                    .map_or(1, |d| d.text.as_str().len() + 1)
            },
            |run| {
                let mut out = Vec::with_capacity(run.len());
                for (path, had) in run {
                    if progress.is_cancelled() {
                        return None;
                    }
                    let found = match (had, corpus.document(path)) {
                        (None, _) => DocFound::NotInProject,
                        (Some(_), None) => DocFound::NotLoaded,
                        (Some(had), Some(d)) => {
                            let settled = Settled::from_had(had, spans);
                            let found = suggest_located_among(&d.text, &known)
                                .iter()
                                .filter_map(|(s, b)| Proposal::new(&d.text, speakers, s, b))
                                .filter(|p| settled.keeps_proposal(p))
                                .map(|p| p.pending(&d.text))
                                .collect();
                            DocFound::Found(found)
                        }
                    };
                    out.push(found);
                    progress.advance();
                }
                Some(out)
            },
        );
        let mut found = Vec::with_capacity(self.docs.len());
        for run in runs {
            found.extend(run?);
        }
        let mut next_id = self.first_id;
        for list in found.iter_mut().filter_map(|l| match l {
            DocFound::Found(list) => Some(list),
            _ => None,
        }) {
            for p in list {
                p.id = next_id;
                next_id += 1;
            }
        }
        let looked_at = self.docs.len();
        let docs: Vec<_> = self
            .docs
            .into_iter()
            .map(|(path, _)| path)
            .zip(found)
            .collect();
        let (docs, all) = if self.all {
            let lists = docs.into_iter().filter_map(|(path, list)| match list {
                DocFound::Found(list) if !list.is_empty() => Some((path, list)),
                _ => None,
            });
            (Vec::new(), Some(lists.collect()))
        } else {
            (docs, None)
        };
        Some(SuggestionsFound {
            docs,
            all,
            looked_at,
            corpus: self.corpus,
            revision: self.revision,
            first_id: self.first_id,
            next_id,
        })
    }
}

/// When each document last changed, as workspace revisions: its pending suggestions, and what
/// decides which suggestions it gets (annotations, rejections).
#[derive(Default)]
pub(super) struct Changes {
    pending: HashMap<String, u64>,
    settled: HashMap<String, u64>,
    /// When every document's pending suggestions were replaced at once.
    all_pending: u64,
    /// When the whole project was (an import, recovered work).
    replaced: u64,
    /// When a speaker was added, changed or removed.
    speakers: u64,
}

impl Changes {
    /// Notes what `edit` changes, at `revision`.
    pub fn record(&mut self, edit: Option<&Edit>, revision: u64) {
        fn stamp(map: &mut HashMap<String, u64>, doc: &str, revision: u64) {
            match map.get_mut(doc) {
                Some(r) => *r = revision,
                None => {
                    map.insert(doc.to_string(), revision);
                }
            }
        }
        match edit {
            Some(Edit::SetPending { doc, .. }) => stamp(&mut self.pending, doc, revision),
            Some(Edit::ReplacePending(_)) => self.all_pending = revision,
            Some(
                Edit::PutAnnotation { doc, .. }
                | Edit::RemoveAnnotation { doc, .. }
                | Edit::SetRejected { doc, .. },
            ) => stamp(&mut self.settled, doc, revision),
            Some(Edit::ReplaceContent(_)) => self.replaced = revision,
            Some(Edit::PutSpeaker(_) | Edit::RemoveSpeaker(_)) => self.speakers = revision,
            Some(Edit::Batch(edits)) => {
                for e in edits {
                    self.record(Some(e), revision);
                }
            }
            _ => {}
        }
    }

    /// The whole project was replaced.
    pub fn all(&mut self, revision: u64) {
        self.all_pending = revision;
        self.replaced = revision;
    }

    /// Whether `doc`'s pending suggestions changed after `revision`.
    pub fn pending_since(&self, doc: &str, revision: u64) -> bool {
        self.all_pending > revision || self.pending.get(doc).is_some_and(|&r| r > revision)
    }

    /// Whether every document's pending suggestions, or the whole project, changed after
    /// `revision`: what a run found then cannot be told apart from the analyst's work.
    pub fn everything_since(&self, revision: u64) -> bool {
        self.all_pending > revision || self.replaced > revision
    }

    /// Whether `doc`'s annotations or rejections changed after `revision`.
    pub fn settled_since(&self, doc: &str, revision: u64) -> bool {
        self.replaced > revision || self.settled.get(doc).is_some_and(|&r| r > revision)
    }

    /// Documents whose pending suggestions changed after `revision`, one by one.
    pub fn pending_after(&self, revision: u64) -> impl Iterator<Item = &str> {
        (self.pending.iter())
            .filter(move |(_, r)| **r > revision)
            .map(|(d, _)| d.as_str())
    }

    /// Documents whose annotations or rejections changed after `revision`; `None` when the
    /// whole project or a speaker did, so that anything showing annotations with their speakers
    /// must be made anew.
    pub fn annotated_after(&self, revision: u64) -> Option<impl Iterator<Item = &str>> {
        (self.replaced <= revision && self.speakers <= revision)
            .then(|| self.settled_after(revision))
    }

    /// Documents whose annotations or rejections changed after `revision`, one by one.
    pub fn settled_after(&self, revision: u64) -> impl Iterator<Item = &str> {
        (self.settled.iter())
            .filter(move |(_, r)| **r > revision)
            .map(|(d, _)| d.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Label;
    use crate::workspace::{Intent, IntentError};

    const A: &str =
        "Talks in Berlin\n“We will not give up our land,” said Volodymyr Zelensky on Sunday.\n";
    const B: &str = "Summit in Vilnius\n“The door is open,” said Jens Stoltenberg on Tuesday.\n";

    fn workspace() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(corpus.join("a.txt"), A).unwrap();
        std::fs::write(corpus.join("b.txt"), B).unwrap();
        let ws = Workspace::open_corpus(&corpus).unwrap();
        (dir, ws)
    }

    fn quote_of(ws: &Workspace, doc: &str) -> Option<Pending> {
        ws.pending_of(doc)
            .iter()
            .find(|p| p.label == Label::Quote)
            .cloned()
    }

    #[test]
    fn a_run_counts_its_documents_and_a_cancelled_one_finds_nothing() {
        let (_dir, ws) = workspace();
        let progress = Progress::default();
        let found = ws.suggest_run(vec![]).run(&progress).unwrap();
        assert_eq!(found.documents(), 2);
        assert_eq!(progress.counts(), (2, 2));
        assert_eq!(progress.describe(), "Suggesting: 2 of 2");

        let cancelled = Progress::default();
        cancelled.cancel();
        assert!(ws.suggest_run(vec![]).run(&cancelled).is_none());
        assert_eq!(cancelled.counts(), (0, 2));
    }

    /// What the analyst does while the engine runs stays: a span tagged meanwhile is not proposed
    /// again, a document whose suggestions were changed meanwhile keeps them, and the rest is
    /// taken as one undoable step.
    #[test]
    fn what_changed_while_the_run_went_on_is_kept() {
        let (_dir, mut ws) = workspace();
        // A suggestion in b.txt, made current and changed by the analyst.
        ws.perform(Intent::Suggest {
            docs: vec!["b.txt".into()],
        })
        .unwrap();
        let run = ws.suggest_run(vec![]);
        let mut changed = quote_of(&ws, "b.txt").unwrap();
        changed.label = Label::Claim;
        ws.perform(Intent::EditSuggestion {
            doc: "b.txt".into(),
            pending: changed.clone(),
        })
        .unwrap();
        // The quote of a.txt tagged by hand before the run ends.
        let found = run.run(&Progress::default()).unwrap();
        let text = ws
            .corpus()
            .document("a.txt")
            .unwrap()
            .text
            .as_str()
            .to_string();
        let at = text[..text.find('“').unwrap()].chars().count();
        ws.perform(Intent::Tag {
            doc: "a.txt".into(),
            range: at..at + "“We will not give up our land,”".chars().count(),
            label: Label::Quote,
        })
        .unwrap();
        assert_eq!(ws.changed_since(&found), vec!["b.txt".to_string()]);

        ws.perform(Intent::TakeSuggestions(Box::new(found)))
            .unwrap();
        assert_eq!(quote_of(&ws, "a.txt"), None, "tagged meanwhile");
        let kept = ws.pending_of("b.txt");
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].label, Label::Claim);
        assert!(kept[0].edited, "the analyst's change is not lost");
        assert_eq!(ws.project().annotations().count(), 1);
        assert_eq!(
            ws.history().undo_description(),
            Some("Suggest (0 found)"),
            "{:?}",
            ws.pending()
        );
    }

    /// Ids are never given twice: a document suggested while the run went on keeps its own
    /// suggestions, and the run's are numbered after them.
    #[test]
    fn suggestions_made_meanwhile_keep_their_ids_and_the_run_numbers_after_them() {
        let (_dir, mut ws) = workspace();
        let run = ws.suggest_run(vec![]);
        ws.perform(Intent::Suggest {
            docs: vec!["b.txt".into()],
        })
        .unwrap();
        let b_before = ws.pending_of("b.txt").to_vec();
        assert!(!b_before.is_empty());
        let found = run.run(&Progress::default()).unwrap();
        ws.perform(Intent::TakeSuggestions(Box::new(found)))
            .unwrap();
        assert_eq!(ws.pending_of("b.txt"), b_before.as_slice());
        let a = ws.pending_of("a.txt");
        assert!(!a.is_empty());
        let mut ids: Vec<u64> = ws.pending().values().flatten().map(|p| p.id).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "every id once");
        let b_last = b_before.iter().map(|p| p.id).max().unwrap();
        assert!(a.iter().all(|p| p.id > b_last), "{a:#?}");
    }

    #[test]
    fn a_run_over_a_project_replaced_meanwhile_is_refused() {
        let (_dir, mut ws) = workspace();
        let run = ws.suggest_run(vec![]);
        let project = ws.project().clone();
        ws.adopt_imported(project);
        let found = run.run(&Progress::default()).unwrap();
        let err = ws
            .perform(Intent::TakeSuggestions(Box::new(found)))
            .unwrap_err();
        assert_eq!(err, IntentError::ChangedMeanwhile);
        assert_eq!(
            err.to_string(),
            "the project changed as a whole while suggesting: suggest again"
        );
        assert!(ws.pending().is_empty());
    }

    #[test]
    fn a_run_found_in_another_project_is_refused() {
        let (_dir, ws) = workspace();
        let (_other_dir, mut other) = workspace();
        let found = ws.suggest_run(vec![]).run(&Progress::default()).unwrap();
        let err = other
            .perform(Intent::TakeSuggestions(Box::new(found)))
            .unwrap_err();
        assert_eq!(err, IntentError::OtherProject);
        assert!(other.pending().is_empty());
    }

    #[test]
    fn a_background_run_takes_the_same_suggestions_as_suggest() {
        let (_dir, mut ws) = workspace();
        let (_dir2, mut direct) = workspace();
        let found = ws.suggest_run(vec![]).run(&Progress::default()).unwrap();
        ws.perform(Intent::TakeSuggestions(Box::new(found)))
            .unwrap();
        direct.perform(Intent::Suggest { docs: vec![] }).unwrap();
        assert_eq!(ws.pending(), direct.pending());
        assert!(quote_of(&ws, "a.txt").is_some() && quote_of(&ws, "b.txt").is_some());
        ws.undo().unwrap();
        assert!(ws.pending().is_empty(), "one step takes them all back");
    }
}
