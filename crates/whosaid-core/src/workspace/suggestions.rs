//! Suggestions in the workspace: running the engine over documents, and accepting, editing or
//! rejecting what it proposes. Each is one undoable edit.

use super::SuggestionsFound;
use super::Workspace;
use super::intent::{Planned, now_rfc3339};
use super::intent_error::IntentError;
use super::suggest_run::{DocFound, Settled};
use crate::edit::Edit;
use crate::project::PendingByDoc;
use crate::project::{
    Annotation, AnnotationId, DocEntry, Guess, Label, Pending, Provenance, Speaker, SpeakerId,
};
use crate::speakers::fold;

/// A document's annotated spans per label, to tell in logarithmic time whether a suggestion
/// overlaps one: spans sorted by start, with the furthest end reached so far.
pub(super) struct Annotated {
    by_label: Vec<(Label, Vec<(usize, usize)>)>,
}

impl Annotated {
    pub(super) fn of(entry: &DocEntry) -> Self {
        Self::from_spans(
            (entry.annotations.iter())
                .filter(|a| a.is_placed())
                .map(|a| (a.label, a.start(), a.end())),
        )
    }

    /// From the (label, start, end) of the placed annotations, in one pass.
    pub(super) fn from_spans(spans: impl Iterator<Item = (Label, usize, usize)>) -> Self {
        let mut by_label: Vec<(Label, Vec<(usize, usize)>)> =
            Label::ALL.iter().map(|&l| (l, Vec::new())).collect();
        for (label, start, end) in spans {
            if let Some((_, spans)) = by_label.iter_mut().find(|(l, _)| *l == label) {
                spans.push((start, end));
            }
        }
        for (_, spans) in &mut by_label {
            spans.sort_unstable();
            let mut reach = 0;
            for span in spans.iter_mut() {
                reach = reach.max(span.1);
                span.1 = reach;
            }
        }
        Annotated { by_label }
    }

    /// Whether an annotation with `label` shares a code point with `range`.
    pub(super) fn overlaps(&self, label: Label, range: std::ops::Range<usize>) -> bool {
        let Some((_, spans)) = self.by_label.iter().find(|(l, _)| *l == label) else {
            return false;
        };
        // Of the spans starting before the range ends, does the furthest reach into it?
        let before = spans.partition_point(|&(start, _)| start < range.end);
        before > 0 && spans[before - 1].1 > range.start
    }
}

impl Workspace {
    /// Runs the engine over `docs` (all loaded documents when empty): their pending suggestions
    /// are replaced by what it proposes now, less spans already annotated with the same label and
    /// suggestions rejected before.
    pub(super) fn plan_suggest(&self, docs: Vec<String>) -> Result<Planned, IntentError> {
        let found = self
            .suggest_run(docs)
            .run(&crate::progress::Progress::default())
            .expect("a run nobody can cancel finishes");
        self.plan_take(found)
    }

    /// What a run of the engine found, as the pending suggestions of its documents. The run has
    /// left out what was annotated or rejected when it started; documents where that changed
    /// since are filtered again, and those whose pending suggestions changed since are left
    /// alone. Work per suggestion happens only there: this runs on the UI thread.
    pub(super) fn plan_take(&self, found: SuggestionsFound) -> Result<Planned, IntentError> {
        if !std::sync::Arc::ptr_eq(&found.corpus, &self.corpus) {
            return Err(IntentError::OtherProject);
        }
        if self.changes.everything_since(found.revision) {
            return Err(IntentError::ChangedMeanwhile);
        }
        if let Some(all) = found.all {
            return Ok(self.plan_take_all(all, found.revision, found.first_id));
        }
        // Ids handed out since the run started (a document suggested meanwhile): number anew.
        let renumber = self.next_pending != found.first_id;
        let mut next_id = if renumber {
            self.next_pending
        } else {
            found.next_id
        };
        let mut edits = Vec::new();
        let mut count = 0;
        for (path, suggestions) in found.docs {
            let entry = self
                .project
                .document(&path)
                .ok_or_else(|| IntentError::NoDocument(path.clone()))?;
            let DocFound::Found(mut pending) = suggestions else {
                continue;
            };
            if self.changes.pending_since(&path, found.revision) {
                continue;
            }
            if self.changes.settled_since(&path, found.revision) {
                let settled = Settled::of(entry);
                pending.retain(|p| settled.keeps(p));
            }
            if renumber {
                for p in &mut pending {
                    p.id = next_id;
                    next_id += 1;
                }
            }
            count += pending.len();
            // Nothing before and nothing now: no step to record for this document.
            if pending.is_empty() && self.pending_of(&path).is_empty() {
                continue;
            }
            edits.push(Edit::SetPending { doc: path, pending });
        }
        Ok(Planned::new(Edit::Batch(edits), format!("Suggest ({count} found)")).numbering(next_id))
    }

    /// A run over every document: its findings replace all pending suggestions in one swap,
    /// patched only where the analyst worked meanwhile.
    fn plan_take_all(&self, mut all: PendingByDoc, revision: u64, first_id: u64) -> Planned {
        let mut next_id = self.next_pending;
        if self.next_pending != first_id {
            // Ids were handed out since the run started: number anew after them.
            for p in all.values_mut().flatten() {
                p.id = next_id;
                next_id += 1;
            }
        } else {
            next_id += all.values().map(|l| l.len() as u64).sum::<u64>();
        }
        for doc in self.changes.settled_after(revision) {
            if let (Some(list), Some(entry)) = (all.get_mut(doc), self.project.document(doc)) {
                let settled = Settled::of(entry);
                list.retain(|p| settled.keeps(p));
            }
        }
        // Suggestions the analyst worked on meanwhile stay as they are.
        let kept: Vec<&str> = self.changes.pending_after(revision).collect();
        for doc in &kept {
            all.remove(*doc);
        }
        all.retain(|_, list| !list.is_empty());
        let count: usize = all.values().map(Vec::len).sum();
        for doc in kept {
            if let Some(list) = self.pending.get(doc) {
                all.insert(doc.to_string(), list.clone());
            }
        }
        Planned::new(
            Edit::ReplacePending(Box::new(all)),
            format!("Suggest ({count} found)"),
        )
        .numbering(next_id)
    }

    /// Accepts suggestions of `doc` as annotations, adding proposed speakers that are not in the
    /// registry yet.
    pub(super) fn plan_accept(&self, doc: &str, ids: &[u64]) -> Result<Planned, IntentError> {
        let list = self.pending_of(doc);
        let (accepted, rest): (Vec<Pending>, Vec<Pending>) =
            list.iter().cloned().partition(|p| ids.contains(&p.id));
        if accepted.is_empty() {
            return Err(IntentError::NoSuggestion);
        }
        let now = now_rfc3339();
        let mut edits = vec![Edit::SetPending {
            doc: doc.to_string(),
            pending: rest,
        }];
        let mut added: Vec<Speaker> = Vec::new();
        let first_id = self.project.next_annotation_id().0;
        let ids = std::iter::once(first_id)
            .chain(std::iter::repeat_with(crate::project::fresh_session_id));
        for (next_annotation, p) in ids.zip(&accepted) {
            let mut speaker_of =
                |guess: &Option<Guess>| guess.as_ref().map(|g| self.speaker_for(g, &mut added));
            let speakers: Vec<SpeakerId> = speaker_of(&p.speaker).into_iter().collect();
            let addressee = speaker_of(&p.addressee);
            edits.push(Edit::PutAnnotation {
                doc: doc.to_string(),
                annotation: Annotation {
                    speakers,
                    addressee,
                    cue: p.cue.clone().map(Box::new),
                    suggested: Some(Provenance {
                        confidence: p.confidence,
                        edited: p.edited,
                    }),
                    ..Annotation::new(
                        AnnotationId(next_annotation),
                        p.label,
                        p.fragments.clone(),
                        now.clone(),
                    )
                },
            });
        }
        // Speakers first, so the annotations can name them.
        let new_speakers = added.into_iter().map(Edit::PutSpeaker);
        let edits: Vec<Edit> = new_speakers.chain(edits).collect();
        let description = match accepted.len() {
            1 => "Accept suggestion".to_string(),
            n => format!("Accept {n} suggestions"),
        };
        Ok(Planned::new(Edit::Batch(edits), description))
    }

    /// Rejects a suggestion: it goes, and is remembered so the engine does not propose it again.
    pub(super) fn plan_reject(&self, doc: &str, id: u64) -> Result<Planned, IntentError> {
        let list = self.pending_of(doc);
        let rejected = list
            .iter()
            .find(|p| p.id == id)
            .ok_or(IntentError::NoSuggestion)?;
        let entry = self
            .project
            .document(doc)
            .ok_or_else(|| IntentError::NoDocument(doc.to_string()))?;
        let mut remembered = entry.rejected.clone();
        if !remembered.contains(&rejected.rejection()) {
            remembered.push(rejected.rejection());
        }
        let edits = vec![
            Edit::SetPending {
                doc: doc.to_string(),
                pending: list.iter().filter(|p| p.id != id).cloned().collect(),
            },
            Edit::SetRejected {
                doc: doc.to_string(),
                rejected: remembered,
            },
        ];
        Ok(Planned::new(Edit::Batch(edits), "Reject suggestion".into()))
    }

    /// Replaces a suggestion with the analyst's change of label or speakers, before accepting.
    pub(super) fn plan_edit_suggestion(
        &self,
        doc: &str,
        changed: Pending,
    ) -> Result<Planned, IntentError> {
        let mut list = self.pending_of(doc).to_vec();
        let slot = list
            .iter_mut()
            .find(|p| p.id == changed.id)
            .ok_or(IntentError::NoSuggestion)?;
        *slot = Pending {
            edited: true,
            ..changed
        };
        Ok(Planned::new(
            Edit::SetPending {
                doc: doc.to_string(),
                pending: list,
            },
            "Change suggestion".into(),
        ))
    }

    /// Every pending suggestion, by document path. They are not part of the project: saving
    /// leaves them out and reopening starts without them.
    pub fn pending(&self) -> &PendingByDoc {
        &self.pending
    }

    /// The pending suggestions of a document, in text order.
    pub fn pending_of(&self, doc: &str) -> &[Pending] {
        self.pending.get(doc).map_or(&[], Vec::as_slice)
    }

    /// The registry's speaker for a guess: the one it names, else one whose name or alias is the
    /// same (case and accents aside), else a new speaker (added to `added`, reused within the
    /// same batch).
    fn speaker_for(&self, guess: &Guess, added: &mut Vec<Speaker>) -> SpeakerId {
        if let Some(id) = guess.id.filter(|id| self.project.speaker(*id).is_some()) {
            return id;
        }
        let wanted = fold(guess.name.trim());
        let same = |s: &Speaker| s.names().any(|n| fold(n) == wanted);
        if let Some(s) = self
            .project
            .speakers
            .iter()
            .chain(added.iter())
            .find(|s| same(s))
        {
            return s.id;
        }
        let next = if added.is_empty() {
            self.project.next_speaker_id().0
        } else {
            crate::project::fresh_session_id()
        };
        let speaker = Speaker::new(SpeakerId(next), guess.name.trim().to_string());
        added.push(speaker);
        SpeakerId(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Label;
    use crate::workspace::Intent;

    const TEXT: &str = "Talks in Berlin\n“We will not give up our land,” said Volodymyr Zelensky on Sunday. \
                        Analysts were divided.\n";

    fn workspace() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("corpus")).unwrap();
        std::fs::write(dir.path().join("corpus/a.txt"), TEXT).unwrap();
        let ws = Workspace::open_corpus(&dir.path().join("corpus")).unwrap();
        (dir, ws)
    }

    fn suggest_all(ws: &mut Workspace) -> Vec<Pending> {
        ws.perform(Intent::Suggest { docs: vec![] }).unwrap();
        ws.pending_of("a.txt").to_vec()
    }

    fn the_quote(pending: &[Pending]) -> Pending {
        pending
            .iter()
            .find(|p| p.label == Label::Quote)
            .cloned()
            .unwrap_or_else(|| panic!("a quote among {pending:#?}"))
    }

    #[test]
    fn overlap_with_annotated_spans_is_found_by_label_even_past_nested_ones() {
        let mut entry = crate::project::DocEntry::new("a.txt".into(), String::new());
        for (id, (start, end, label)) in [
            (0, 100, Label::Claim),
            (10, 20, Label::Claim),
            (150, 160, Label::Quote),
        ]
        .into_iter()
        .enumerate()
        {
            entry.annotations.push(Annotation::new(
                AnnotationId(id as u64 + 1),
                label,
                vec![crate::project::Fragment::new(start, end, "x")],
                "",
            ));
        }
        let a = Annotated::of(&entry);
        // 50..60 lies after the nested 10..20 but inside 0..100.
        assert!(a.overlaps(Label::Claim, 50..60));
        assert!(a.overlaps(Label::Claim, 99..120));
        assert!(!a.overlaps(Label::Claim, 100..120));
        assert!(!a.overlaps(Label::Quote, 50..60));
        assert!(a.overlaps(Label::Quote, 140..151));
        assert!(!a.overlaps(Label::Demand, 0..200));
    }

    #[test]
    fn accepting_makes_an_annotation_with_its_provenance_and_speaker_in_one_undoable_step() {
        let (_dir, mut ws) = workspace();
        let quote = the_quote(&suggest_all(&mut ws));
        assert!(
            !ws.is_dirty(),
            "suggestions are not saved, so nothing is unsaved yet"
        );
        assert_eq!(quote.display_text(), "“We will not give up our land,”");
        assert_eq!(quote.speaker.as_ref().unwrap().name, "Volodymyr Zelensky");
        assert_eq!(quote.cue.as_ref().unwrap().text(), "said");
        assert!(
            ws.project.annotations().next().is_none(),
            "nothing accepted yet"
        );

        ws.perform(Intent::AcceptSuggestions {
            doc: "a.txt".into(),
            ids: vec![quote.id],
        })
        .unwrap();
        let (_, a) = ws.project.annotations().next().unwrap();
        assert_eq!(a.fragments[0].text(), "“We will not give up our land,”");
        assert_eq!(a.suggested.unwrap().confidence, quote.confidence);
        assert!(ws.is_dirty());
        assert!(!a.suggested.unwrap().edited);
        let speaker = ws.project.speaker(a.speakers[0]).unwrap();
        assert_eq!(speaker.name, "Volodymyr Zelensky");
        assert!(!ws.pending_of("a.txt").iter().any(|p| p.id == quote.id));

        ws.undo().unwrap();
        assert!(ws.project.annotations().next().is_none());
        assert!(ws.project.speakers.is_empty(), "the new speaker goes too");
        assert!(ws.pending_of("a.txt").contains(&quote));
    }

    #[test]
    fn rejected_suggestions_stay_rejected_when_the_engine_runs_again_and_after_reopening() {
        let (dir, mut ws) = workspace();
        let quote = the_quote(&suggest_all(&mut ws));
        ws.perform(Intent::RejectSuggestion {
            doc: "a.txt".into(),
            id: quote.id,
        })
        .unwrap();
        let again = suggest_all(&mut ws);
        assert!(!again.iter().any(|p| p.label == Label::Quote), "{again:#?}");

        let path = dir.path().join("p.ron");
        ws.save_as(&path).unwrap();
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("rejected: [")
        );
        let mut reopened = Workspace::open_project(&path).unwrap();
        assert!(
            reopened.pending().is_empty(),
            "pending suggestions are not saved"
        );
        let after = suggest_all(&mut reopened);
        assert!(!after.iter().any(|p| p.label == Label::Quote), "{after:#?}");
    }

    #[test]
    fn a_suggestion_changed_before_accepting_is_marked_edited() {
        let (_dir, mut ws) = workspace();
        let mut quote = the_quote(&suggest_all(&mut ws));
        quote.label = Label::Demand;
        ws.perform(Intent::EditSuggestion {
            doc: "a.txt".into(),
            pending: quote.clone(),
        })
        .unwrap();
        ws.perform(Intent::AcceptSuggestions {
            doc: "a.txt".into(),
            ids: vec![quote.id],
        })
        .unwrap();
        let (_, a) = ws.project.annotations().next().unwrap();
        assert_eq!(a.label, Label::Demand);
        assert!(a.suggested.unwrap().edited);
        let start = a.start();
        // Already annotated with that label: not proposed again.
        let again = suggest_all(&mut ws);
        assert!(
            !again
                .iter()
                .any(|p| p.label == Label::Demand && p.start() == start)
        );
    }

    /// Suggestions sit beside the project: running, changing and undoing them never makes the
    /// project unsaved, and undo and redo still take them away and bring them back.
    #[test]
    fn suggestions_are_undoable_but_never_unsaved_work() {
        let (_dir, mut ws) = workspace();
        let found = suggest_all(&mut ws);
        assert!(!ws.is_dirty());
        let mut quote = the_quote(&found);
        quote.label = Label::Demand;
        ws.perform(Intent::EditSuggestion {
            doc: "a.txt".into(),
            pending: quote.clone(),
        })
        .unwrap();
        assert!(!ws.is_dirty(), "a changed suggestion is not in the file");
        assert_eq!(ws.undo().unwrap().as_deref(), Some("Change suggestion"));
        assert_eq!(ws.pending_of("a.txt"), found.as_slice());
        ws.undo().unwrap();
        assert!(ws.pending().is_empty());
        assert!(
            !ws.is_dirty(),
            "undoing a run of suggestions leaves the file saved"
        );
        ws.redo().unwrap();
        assert_eq!(ws.pending_of("a.txt"), found.as_slice());
        assert!(!ws.is_dirty());
    }
}
