//! Moving through the work in text order: the next or previous annotation, pending suggestion or
//! document, from the one selected or else from the caret. The app's keys (N, P, Tab) call these.

use super::Workspace;
use crate::project::AnnotationId;

/// The index `forward` (or back) of `current` in a list of entries in text order, given by their
/// starts; with none current, the first entry at or after the caret (the last one before it).
/// `wrap` goes round the ends (suggestions); otherwise the ends hold (annotations).
pub fn step_in(
    starts: &[usize],
    current: Option<usize>,
    caret: usize,
    forward: bool,
    wrap: bool,
) -> Option<usize> {
    let n = starts.len();
    if n == 0 {
        return None;
    }
    let (first, last) = (0, n - 1);
    Some(match (current, forward) {
        (Some(i), true) if wrap => (i + 1) % n,
        (Some(i), false) if wrap => (i + n - 1) % n,
        (Some(i), true) => (i + 1).min(last),
        (Some(i), false) => i.saturating_sub(1),
        (None, true) => {
            starts
                .iter()
                .position(|&s| s >= caret)
                .unwrap_or(if wrap { first } else { last })
        }
        (None, false) => {
            starts
                .iter()
                .rposition(|&s| s < caret)
                .unwrap_or(if wrap { last } else { first })
        }
    })
}

impl Workspace {
    /// The placed annotation of `doc` after (before) `selected`, or after (before) the caret when
    /// none is selected; the first and last stay where they are.
    pub fn next_annotation(
        &self,
        doc: &str,
        selected: Option<AnnotationId>,
        caret: usize,
        forward: bool,
    ) -> Option<AnnotationId> {
        let entry = self.project.document(doc)?;
        let list: Vec<_> = entry.annotations.iter().filter(|a| a.is_placed()).collect();
        let starts: Vec<usize> = list.iter().map(|a| a.start()).collect();
        let current = selected.and_then(|id| list.iter().position(|a| a.id == id));
        step_in(&starts, current, caret, forward, false).map(|i| list[i].id)
    }

    /// The pending suggestion of `doc` after (before) `current`, or after (before) the caret;
    /// wraps round the document. Gives its index in the list too, for "Suggestion 2 of 5".
    pub fn next_suggestion(
        &self,
        doc: &str,
        current: Option<u64>,
        caret: usize,
        forward: bool,
    ) -> Option<(usize, u64)> {
        let list = self.pending_of(doc);
        let starts: Vec<usize> = list.iter().map(|p| p.start()).collect();
        let here = current.and_then(|id| list.iter().position(|p| p.id == id));
        step_in(&starts, here, caret, forward, true).map(|i| (i, list[i].id))
    }

    /// The suggestion to make current once `id` is settled: the one after it, wrapping; none when
    /// it is the only one.
    pub fn suggestion_after(&self, doc: &str, id: u64) -> Option<u64> {
        let list = self.pending_of(doc);
        let i = list.iter().position(|p| p.id == id)?;
        (list.len() > 1).then(|| list[(i + 1) % list.len()].id)
    }

    /// The loaded document after (before) `current` in the corpus's order, the ends holding; the
    /// first when none is open.
    pub fn next_document(&self, current: Option<&str>, forward: bool) -> Option<String> {
        let docs = &self.corpus.documents;
        if docs.is_empty() {
            return None;
        }
        let here = current.and_then(|d| self.corpus.index_of(d));
        let next = match (here, forward) {
            (Some(i), true) => (i + 1).min(docs.len() - 1),
            (Some(i), false) => i.saturating_sub(1),
            (None, _) => 0,
        };
        Some(docs[next].path.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{Fragment, Label, Pending};
    use crate::workspace::Intent;

    #[test]
    fn annotations_stop_at_the_ends_and_suggestions_wrap() {
        let starts = [10, 20, 30];
        assert_eq!(step_in(&starts, Some(2), 0, true, false), Some(2));
        assert_eq!(step_in(&starts, Some(0), 0, false, false), Some(0));
        assert_eq!(step_in(&starts, Some(2), 0, true, true), Some(0));
        assert_eq!(step_in(&starts, Some(0), 0, false, true), Some(2));
        // From the caret: the first at or after it, the last before it.
        assert_eq!(step_in(&starts, None, 20, true, false), Some(1));
        assert_eq!(step_in(&starts, None, 20, false, false), Some(0));
        // Past the last: annotations stay on the last, suggestions go round to the first.
        assert_eq!(step_in(&starts, None, 31, true, false), Some(2));
        assert_eq!(step_in(&starts, None, 31, true, true), Some(0));
        assert_eq!(step_in(&starts, None, 5, false, false), Some(0));
        assert_eq!(step_in(&starts, None, 5, false, true), Some(2));
        assert_eq!(step_in(&[], None, 0, true, true), None);
    }

    fn workspace() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(corpus.join("a.txt"), "One two three four five six.\n").unwrap();
        std::fs::write(corpus.join("b.txt"), "Seven eight.\n").unwrap();
        let ws = Workspace::open_corpus(&corpus).unwrap();
        (dir, ws)
    }

    fn tag(ws: &mut Workspace, range: std::ops::Range<usize>) -> AnnotationId {
        ws.perform(Intent::Tag {
            doc: "a.txt".into(),
            range,
            label: Label::Claim,
        })
        .unwrap()
        .annotation
        .unwrap()
    }

    #[test]
    fn n_and_p_walk_the_annotations_of_a_document_in_text_order() {
        let (_dir, mut ws) = workspace();
        let late = tag(&mut ws, 19..23); // "five"
        let early = tag(&mut ws, 0..3); // "One"
        let middle = tag(&mut ws, 8..13); // "three"
        let next = |ws: &Workspace, from, caret, forward| {
            ws.next_annotation("a.txt", from, caret, forward)
        };
        assert_eq!(next(&ws, None, 5, true), Some(middle));
        assert_eq!(next(&ws, Some(early), 0, true), Some(middle));
        assert_eq!(next(&ws, Some(middle), 0, true), Some(late));
        assert_eq!(next(&ws, Some(late), 0, true), Some(late));
        assert_eq!(next(&ws, Some(middle), 0, false), Some(early));
        assert_eq!(next(&ws, None, 0, true), Some(early));
        assert_eq!(ws.next_annotation("b.txt", None, 0, true), None);
    }

    #[test]
    fn documents_step_in_corpus_order_and_stop_at_the_ends() {
        let (_dir, ws) = workspace();
        assert_eq!(ws.next_document(None, false).as_deref(), Some("a.txt"));
        assert_eq!(
            ws.next_document(Some("a.txt"), true).as_deref(),
            Some("b.txt")
        );
        assert_eq!(
            ws.next_document(Some("b.txt"), true).as_deref(),
            Some("b.txt")
        );
        assert_eq!(
            ws.next_document(Some("b.txt"), false).as_deref(),
            Some("a.txt")
        );
    }

    fn pending(id: u64, start: usize, end: usize) -> Pending {
        Pending {
            id,
            label: Label::Quote,
            fragments: vec![Fragment::new(start, end, "")],
            speaker: None,
            cue: None,
            addressee: None,
            confidence: 50,
            edited: false,
        }
    }

    #[test]
    fn tab_goes_round_the_suggestions_and_settling_moves_to_the_next() {
        let (_dir, mut ws) = workspace();
        let list = vec![pending(7, 0, 3), pending(8, 8, 13), pending(9, 19, 23)];
        ws.set_pending_for_test("a.txt", list);
        assert_eq!(ws.next_suggestion("a.txt", None, 4, true), Some((1, 8)));
        assert_eq!(ws.next_suggestion("a.txt", Some(9), 0, true), Some((0, 7)));
        assert_eq!(ws.next_suggestion("a.txt", Some(7), 0, false), Some((2, 9)));
        assert_eq!(ws.suggestion_after("a.txt", 9), Some(7));
        assert_eq!(ws.suggestion_after("a.txt", 8), Some(9));
        ws.set_pending_for_test("a.txt", vec![pending(7, 0, 3)]);
        assert_eq!(ws.suggestion_after("a.txt", 7), None);
        assert_eq!(ws.next_suggestion("b.txt", None, 0, true), None);
    }
}
