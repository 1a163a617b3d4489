//! Changes to the annotations from the keys and menus: tagging, fragments, speakers, moving from
//! one annotation or document to the next. Each change is an intent the workspace performs.

use super::WhosaidApp;
use super::modal::Modal;
use crate::project::{AnnotationId, Label};
use crate::ui::doc_view::TextSelection;
use crate::ui::speaker_picker::SpeakerPicker;
use crate::workspace::{Intent, PickTarget, SpeakerRole};

impl WhosaidApp {
    /// Like `perform`, telling whether the change was made.
    pub(super) fn perform_ok(&mut self, intent: Intent) -> bool {
        let Some(ws) = self.ws.as_mut() else {
            return false;
        };
        match ws.perform(intent) {
            Ok(_) => true,
            Err(e) => {
                self.status = e.to_string();
                false
            }
        }
    }

    pub(super) fn perform(&mut self, intent: Intent) -> Option<AnnotationId> {
        let ws = self.ws.as_mut()?;
        match ws.perform(intent) {
            Ok(outcome) => outcome.annotation,
            Err(e) => {
                self.status = e.to_string();
                None
            }
        }
    }

    pub(super) fn tag_selection(&mut self, label: Label) {
        let Some(doc) = self.current_doc.clone() else {
            return;
        };
        let range = self.view.selection.range();
        if range.is_empty()
            && let Some(id) = self.view.suggestion
        {
            // With nothing selected, the label keys relabel the current suggestion.
            let relabel = self
                .ws
                .as_ref()
                .and_then(|ws| ws.relabel_suggestion(&doc, id, label));
            if let Some(intent) = relabel
                && self.perform_ok(intent)
            {
                self.status = format!("The suggestion is now a {}", label.key());
            }
            return;
        }
        if range.is_empty() {
            // With nothing selected, the label keys relabel the selected annotation.
            match self.view.selected {
                Some(id) => {
                    self.perform(Intent::SetLabel { id, label });
                }
                None => self.status = "Select some text first".into(),
            }
            return;
        }
        if let Some(id) = self.perform(Intent::Tag { doc, range, label }) {
            self.view.selected = Some(id);
            self.view.suggestion = None;
            self.view.selection = TextSelection::collapse(self.view.selection.range().end);
            self.open_picker(PickTarget::Annotation(id), SpeakerRole::Main);
            self.status = format!("Tagged a {}", label.key());
        }
    }

    /// Opens the speaker picker for `target`, offering first the speakers named near its span.
    pub(super) fn open_picker(&mut self, target: PickTarget, role: SpeakerRole) {
        let near = self
            .ws
            .as_ref()
            .map(|ws| ws.speakers_near(&target))
            .unwrap_or_default();
        self.open_modal(Modal::Picker(SpeakerPicker::new(target, role, near)));
    }

    pub(super) fn add_fragment(&mut self) {
        let range = self.view.selection.range();
        match self.view.selected {
            Some(id) if !range.is_empty() => {
                if self.perform(Intent::AddFragment { id, range }).is_some() {
                    self.view.selection = TextSelection::collapse(self.view.selection.range().end);
                    self.status = "Added a fragment".into();
                }
            }
            Some(_) => self.status = "Select the text to add first".into(),
            None => self.status = "Select the annotation to add to first".into(),
        }
    }

    pub(super) fn reveal(&mut self, id: AnnotationId) {
        let Some(ws) = &self.ws else { return };
        let Some((entry, a)) = ws.project().find_annotation(id) else {
            return;
        };
        let (doc, start) = (entry.path.clone(), a.start());
        if self.current_doc.as_ref() != Some(&doc) {
            self.select_document(Some(doc));
        }
        self.view.selected = Some(id);
        self.view.suggestion = None;
        self.view.scroll_to = Some(start);
    }

    /// Steps to the next (or previous) annotation in text order, from the selected one or the caret.
    pub(super) fn step_annotation(&mut self, forward: bool) {
        let (Some(ws), Some(doc)) = (&self.ws, &self.current_doc) else {
            return;
        };
        let caret = self.view.selection.cursor;
        let Some(id) = ws.next_annotation(doc, self.view.selected, caret, forward) else {
            return;
        };
        self.reveal(id);
    }

    /// Opens the next (or previous) loaded document in the list.
    pub(super) fn step_document(&mut self, forward: bool) {
        let Some(ws) = &self.ws else { return };
        let Some(path) = ws.next_document(self.current_doc.as_deref(), forward) else {
            return;
        };
        if self.current_doc.as_ref() != Some(&path) {
            self.select_document(Some(path));
        }
    }

    /// After undo/redo the selected annotation or the current suggestion may be gone.
    pub(super) fn drop_stale_selection(&mut self) {
        if let (Some(ws), Some(id)) = (&self.ws, self.view.selected)
            && ws.project().find_annotation(id).is_none()
        {
            self.view.selected = None;
        }
        if let Some(id) = self.view.suggestion
            && !self
                .pending_here()
                .is_some_and(|(_, list)| list.iter().any(|p| p.id == id))
        {
            self.view.suggestion = None;
        }
    }
}
