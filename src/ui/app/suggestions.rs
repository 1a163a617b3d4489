//! Pending suggestions from the keys and menus: running the engine, stepping through what it
//! proposed (Tab), accepting and rejecting, with the status line saying what is left.

use super::{WhosaidApp, count};
use crate::project::Pending;
use crate::ui::doc_view::TextSelection;
use crate::workspace::Intent;

impl WhosaidApp {
    /// The open document's path and its pending suggestions, in text order.
    pub(super) fn pending_here(&self) -> Option<(String, &[Pending])> {
        let doc = self.current_doc.as_ref()?;
        Some((doc.clone(), self.ws.as_ref()?.pending_of(doc)))
    }

    /// Runs the engine over the open document, here and now (one document is quick).
    pub(super) fn suggest_here(&mut self) {
        let Some(doc) = self.current_doc.clone() else {
            self.status = "Open a document first".into();
            return;
        };
        if !self.perform_ok(Intent::Suggest { docs: vec![doc] }) {
            return;
        }
        // Fresh suggestions have fresh ids: nothing is current any more.
        self.view.suggestion = None;
        self.status = self.suggestions_found_status(false);
    }

    /// What the status bar says after a run: how many suggestions, and how to go through them.
    pub(super) fn suggestions_found_status(&self, all_documents: bool) -> String {
        let Some(ws) = &self.ws else {
            return String::new();
        };
        let here = self
            .current_doc
            .as_ref()
            .map_or(0, |d| ws.pending_of(d).len());
        let mut status = if all_documents {
            let total: usize = ws.pending().values().map(Vec::len).sum();
            format!(
                "{} in all documents · {} in this document",
                count(total, "suggestion"),
                here
            )
        } else {
            format!("{} in this document", count(here, "suggestion"))
        };
        if here > 0 {
            status.push_str(" · Tab steps through them");
        }
        status
    }

    /// Makes a suggestion current (or none), scrolls to it and puts the caret at its start, so
    /// that the label keys act on it rather than on a text selection.
    pub(super) fn select_suggestion(&mut self, id: Option<u64>) {
        self.view.suggestion = id;
        let Some(id) = id else { return };
        self.view.selected = None;
        let start = self
            .pending_here()
            .and_then(|(_, list)| list.iter().find(|p| p.id == id).map(Pending::start));
        if let Some(start) = start {
            self.view.selection = TextSelection::collapse(start);
            self.view.scroll_to = Some(start);
        }
    }

    /// Tab / Shift+Tab: the next (previous) suggestion after the current one, or after the caret
    /// when none is current; wraps around the document.
    pub(super) fn step_suggestion(&mut self, forward: bool) {
        let Some((_, list)) = self.pending_here() else {
            return;
        };
        let n = list.len();
        if n == 0 {
            self.status = "No suggestions in this document: Ctrl+G suggests".into();
            return;
        }
        let (Some(ws), Some(doc)) = (&self.ws, &self.current_doc) else {
            return;
        };
        let caret = self.view.selection.cursor;
        let Some((i, id)) = ws.next_suggestion(doc, self.view.suggestion, caret, forward) else {
            return;
        };
        self.status = format!("Suggestion {} of {n}", i + 1);
        self.select_suggestion(Some(id));
    }

    /// Accepts or rejects the current suggestion, then makes the following one current.
    pub(super) fn settle_suggestion(&mut self, accept: bool) {
        let Some((doc, list)) = self.pending_here() else {
            return;
        };
        let Some(i) = self
            .view
            .suggestion
            .and_then(|id| list.iter().position(|p| p.id == id))
        else {
            self.status = "No suggestion is current: Tab to one, or click it".into();
            return;
        };
        let (id, label) = (list[i].id, list[i].label);
        let left = list.len() - 1;
        let next = self
            .ws
            .as_ref()
            .and_then(|ws| ws.suggestion_after(&doc, id));
        let intent = if accept {
            Intent::AcceptSuggestions { doc, ids: vec![id] }
        } else {
            Intent::RejectSuggestion { doc, id }
        };
        if !self.perform_ok(intent) {
            return;
        }
        self.status = if accept {
            format!("Accepted the {} · {} left", label.key(), left)
        } else {
            format!("Rejected: it will not be proposed again · {left} left")
        };
        match next {
            Some(next) => self.select_suggestion(Some(next)),
            None => self.view.suggestion = None,
        }
    }

    pub(super) fn accept_all_suggestions(&mut self) {
        let Some((doc, list)) = self.pending_here() else {
            return;
        };
        if list.is_empty() {
            self.status = "No suggestions to accept in this document".into();
            return;
        }
        let ids: Vec<u64> = list.iter().map(|p| p.id).collect();
        let n = ids.len();
        if self.perform_ok(Intent::AcceptSuggestions { doc, ids }) {
            self.view.suggestion = None;
            self.status = format!(
                "Accepted {} (Ctrl+Z takes them back)",
                count(n, "suggestion")
            );
        }
    }
}
