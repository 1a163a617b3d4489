//! A run of the suggestion engine that can leave the UI thread: it reads a snapshot (the shared,
//! unchanging corpus and a copy of the registry), counts documents done, stops when cancelled.
//!
//! What it finds is taken into the workspace later as one step ([`super::Intent::TakeSuggestions`]),
//! filtered then against the project as it is: spans annotated or rejected meanwhile are not
//! proposed. A document whose pending suggestions the analyst changed while the run went on
//! (accepted, rejected, edited, suggested again) keeps them: the run's results for it are dropped.

use super::Workspace;
use super::intent::fragment_in;
use crate::corpus::Corpus;
use crate::edit::Edit;
use crate::progress::Progress;
use crate::project::{Guess, Pending, Speaker};
use crate::suggest::{SpeakerGuess, Suggestion, suggest};
use std::collections::HashMap;
use std::sync::Arc;

/// The engine's work, ready to run on any thread: which documents, and what it reads.
pub struct SuggestRun {
    corpus: Arc<Corpus>,
    speakers: Vec<Speaker>,
    docs: Vec<String>,
    /// The workspace's revision when the snapshot was taken.
    revision: u64,
}

/// What a run found: per document, the suggestions as pending entries (ids not given yet).
#[derive(Clone)]
pub struct SuggestionsFound {
    /// The corpus it read: taken only by the workspace that holds this very corpus.
    pub(super) corpus: Arc<Corpus>,
    pub(super) revision: u64,
    /// `None` for a document whose text is not loaded.
    pub(super) docs: Vec<(String, Option<Vec<Pending>>)>,
}

impl SuggestionsFound {
    /// Documents the run looked at.
    pub fn documents(&self) -> usize {
        self.docs.len()
    }
}

impl PartialEq for SuggestionsFound {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.corpus, &other.corpus)
            && self.revision == other.revision
            && self.docs == other.docs
    }
}

impl std::fmt::Debug for SuggestionsFound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let found: usize = self.docs.iter().flat_map(|(_, l)| l).map(Vec::len).sum();
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
        let docs = if docs.is_empty() {
            self.corpus
                .documents
                .iter()
                .map(|d| d.path.clone())
                .collect()
        } else {
            docs
        };
        SuggestRun {
            corpus: Arc::clone(&self.corpus),
            speakers: self.project.speakers.clone(),
            docs,
            revision: self.revision,
        }
    }

    /// Documents of `found` whose pending suggestions changed after the run started: taking it
    /// leaves them as they are.
    pub fn changed_since(&self, found: &SuggestionsFound) -> Vec<String> {
        found
            .docs
            .iter()
            .filter(|(doc, _)| self.pending_changed.since(doc, found.revision))
            .map(|(doc, _)| doc.clone())
            .collect()
    }
}

impl SuggestRun {
    /// How many documents it reads.
    pub fn documents(&self) -> usize {
        self.docs.len()
    }

    /// Runs the engine on every core, counting documents done in `progress`; `None` as soon as
    /// `progress` is cancelled.
    pub fn run(self, progress: &Progress) -> Option<SuggestionsFound> {
        progress.stage("Suggesting", self.docs.len());
        let (corpus, speakers) = (&*self.corpus, self.speakers.as_slice());
        let runs = crate::parallel::map_runs(
            &self.docs,
            |path| {
                corpus
                    .document(path)
                    .map_or(1, |d| d.text.as_str().len() + 1)
            },
            |run| {
                let mut out = Vec::with_capacity(run.len());
                for path in run {
                    if progress.is_cancelled() {
                        return None;
                    }
                    let found = corpus.document(path).map(|d| {
                        suggest(&d.text, speakers)
                            .iter()
                            .filter_map(|s| pending_from(corpus, speakers, path, s))
                            .collect()
                    });
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
        Some(SuggestionsFound {
            docs: self.docs.into_iter().zip(found).collect(),
            corpus: self.corpus,
            revision: self.revision,
        })
    }
}

/// A suggestion as a pending entry (id 0 until taken): fragments with their text and context,
/// speakers named as the registry names them.
fn pending_from(
    corpus: &Corpus,
    speakers: &[Speaker],
    doc: &str,
    s: &Suggestion,
) -> Option<Pending> {
    let fragments = s
        .fragments
        .iter()
        .map(|r| fragment_in(corpus, doc, r.clone()).ok())
        .collect::<Option<Vec<_>>>()?;
    let guess = |g: &Option<SpeakerGuess>| {
        g.as_ref().map(|g| match g {
            SpeakerGuess::Known(id) => Guess {
                id: Some(*id),
                name: speakers
                    .iter()
                    .find(|s| s.id == *id)
                    .map_or_else(String::new, |s| s.name.clone()),
            },
            SpeakerGuess::New(name) => Guess {
                id: None,
                name: name.clone(),
            },
        })
    };
    Some(Pending {
        id: 0,
        label: s.label,
        fragments,
        speaker: guess(&s.speaker),
        cue: s.cue.clone().and_then(|r| fragment_in(corpus, doc, r).ok()),
        addressee: guess(&s.addressee),
        confidence: (s.confidence.clamp(0.0, 1.0) * 100.0).round() as u8,
        edited: false,
    })
}

/// When each document's pending suggestions last changed, as workspace revisions.
#[derive(Default)]
pub(super) struct PendingStamps {
    by_doc: HashMap<String, u64>,
    /// When all of them did (an import replacing the project).
    all: u64,
}

impl PendingStamps {
    pub fn stamp(&mut self, docs: Vec<String>, revision: u64) {
        for doc in docs {
            self.by_doc.insert(doc, revision);
        }
    }

    pub fn all(&mut self, revision: u64) {
        self.all = revision;
    }

    /// Whether `doc`'s pending suggestions changed after `revision`.
    pub fn since(&self, doc: &str, revision: u64) -> bool {
        self.all > revision || self.by_doc.get(doc).is_some_and(|&r| r > revision)
    }
}

/// The documents whose pending suggestions an edit replaces.
pub(super) fn pending_docs(edit: Option<&Edit>) -> Vec<String> {
    fn walk(edit: &Edit, out: &mut Vec<String>) {
        match edit {
            Edit::SetPending { doc, .. } => out.push(doc.clone()),
            Edit::Batch(edits) => edits.iter().for_each(|e| walk(e, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Some(edit) = edit {
        walk(edit, &mut out);
    }
    out
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
