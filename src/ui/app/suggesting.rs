//! "Suggest in all documents" on a thread of its own: the window keeps drawing, the status bar
//! counts the documents done and offers Cancel (Escape too), and what was found is taken in one step.

use super::{WhosaidApp, count};
use crate::progress::{Progress, thousands};
use crate::workspace::{Intent, SuggestionsFound};
use egui::{Key, Modifiers, Ui};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

/// A run of the engine over every document, going on in the background.
pub(super) struct Suggesting {
    /// `None` when it was cancelled.
    result: Receiver<Option<SuggestionsFound>>,
    progress: Arc<Progress>,
}

impl Drop for Suggesting {
    /// A run nobody waits for any more (another project opened, the window closed) stops.
    fn drop(&mut self) {
        self.progress.cancel();
    }
}

impl WhosaidApp {
    /// Whether suggestions are being looked for in the background.
    pub fn is_suggesting(&self) -> bool {
        self.suggesting.is_some()
    }

    /// Starts the engine over every document on another thread; the project stays editable.
    pub(super) fn suggest_in_background(&mut self, ctx: &egui::Context) {
        if self.suggesting.is_some() {
            self.status = "Already suggesting in all documents: Escape cancels".into();
            return;
        }
        let Some(ws) = &self.ws else { return };
        let run = ws.suggest_run(Vec::new());
        let total = run.documents();
        let progress = Arc::new(Progress::default());
        progress.stage("Suggesting", total);
        let (tx, rx) = std::sync::mpsc::channel();
        let (thread_progress, ctx) = (progress.clone(), ctx.clone());
        std::thread::spawn(move || {
            let _ = tx.send(run.run(&thread_progress));
            ctx.request_repaint();
        });
        self.suggesting = Some(Suggesting {
            result: rx,
            progress,
        });
        // The count has a place of its own in the status bar; the status says what else happens.
        self.status = String::new();
    }

    /// Documents done and in all, while the run goes on.
    pub fn suggesting_progress(&self) -> Option<(usize, usize)> {
        self.suggesting.as_ref().map(|job| job.progress.counts())
    }

    /// Calls the run off: nothing it found is kept.
    pub(super) fn cancel_suggesting(&mut self) {
        if self.suggesting.take().is_some() {
            self.status = "Suggesting cancelled: no suggestions were added".into();
        }
    }

    /// Escape, while the run goes on and nothing else wants the key (a dialog, a text field, a
    /// current suggestion, which Escape leaves first), cancels it.
    pub(super) fn cancel_key(&mut self, ui: &Ui) {
        if self.suggesting.is_none()
            || self.view.suggestion.is_some()
            || ui.ctx().text_edit_focused()
        {
            return;
        }
        if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.cancel_suggesting();
        }
    }

    /// Looks for the run's result: counts the documents done meanwhile, and takes what it found
    /// as one undoable step once it is there.
    pub(super) fn poll_suggesting(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.suggesting else { return };
        match job.result.try_recv() {
            Err(TryRecvError::Empty) => {
                // The count moves on its own thread; look again soon.
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            Err(TryRecvError::Disconnected) => {
                self.suggesting = None;
                self.status = "Suggesting failed unexpectedly".into();
            }
            Ok(None) => self.cancel_suggesting(),
            Ok(Some(found)) => {
                self.suggesting = None;
                self.take_suggestions(found);
            }
        }
    }

    fn take_suggestions(&mut self, found: SuggestionsFound) {
        let kept = self
            .ws
            .as_ref()
            .map_or(0, |ws| ws.changed_since(&found).len());
        if !self.perform_ok(Intent::TakeSuggestions(Box::new(found))) {
            return;
        }
        // The current suggestion may have been replaced by a fresh one with another id.
        if let (Some(ws), Some(doc), Some(id)) = (&self.ws, &self.current_doc, self.view.suggestion)
            && !ws.pending_of(doc).iter().any(|p| p.id == id)
        {
            self.view.suggestion = None;
        }
        self.status = self.suggestions_found_status(true);
        if kept > 0 {
            self.status.push_str(&format!(
                " · {} changed meanwhile kept as they were",
                count(kept, "document")
            ));
        }
    }

    /// Spinner, the count and a Cancel button in the status bar while the run goes on.
    pub(super) fn suggesting_status(&mut self, ui: &mut Ui) {
        let Some((done, total)) = self.suggesting_progress() else {
            return;
        };
        ui.spinner();
        ui.label(format!(
            "Suggesting in all documents: {} of {} · Escape cancels",
            thousands(done),
            thousands(total)
        ));
        if ui
            .small_button("Cancel")
            .on_hover_text("Stop suggesting (Escape): nothing found so far is added")
            .clicked()
        {
            self.cancel_suggesting();
        }
    }
}
