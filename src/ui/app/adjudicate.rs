//! Adjudication commands: opening other analysts' projects beside the curated one, and accepting
//! their spans into it (each acceptance one undoable step, like any other change).

use super::WhosaidApp;
use super::modal::Modal;
use crate::agree::load_coders;
use crate::text::plural::count;
use crate::ui::adjudication::Adjudication;
use crate::ui::command::UiCommand;
use crate::ui::dialogs::{DialogKind, DialogOutcome};
use std::path::PathBuf;

impl WhosaidApp {
    /// Lists these analysts' projects in lanes under the text (added to those already listed).
    /// An unreadable file is reported naming it and the place, and nothing is added.
    pub fn compare_with(&mut self, paths: &[PathBuf]) -> Result<(), String> {
        let coders = load_coders(paths)?;
        let adjudication = self.adjudication.get_or_insert_with(Adjudication::default);
        adjudication.add(coders);
        self.status = format!(
            "Adjudicating against {}",
            count(
                adjudication.coders.len(),
                "analyst's project",
                "analysts' projects"
            )
        );
        Ok(())
    }

    pub(super) fn run_adjudication_command(&mut self, command: UiCommand) {
        match command {
            UiCommand::AdjudicateAgainst => {
                let start = self
                    .ws
                    .as_ref()
                    .and_then(|ws| ws.project_path())
                    .and_then(|p| p.parent())
                    .map(std::path::Path::to_path_buf);
                match self
                    .dialogs
                    .ask(DialogKind::OpenProject, start.as_deref(), None)
                {
                    DialogOutcome::Picked(p) => {
                        if let Err(e) = self.compare_with(&[p]) {
                            self.open_modal(Modal::Message(
                                "Could not open the analyst's project".into(),
                                vec![e],
                            ));
                        }
                    }
                    DialogOutcome::Cancelled => {}
                    DialogOutcome::Unavailable => {
                        self.status = "No file dialog here: give the analysts' projects on the \
                                       command line, whosaid PROJECT --compare A.ron B.ron"
                            .into()
                    }
                }
            }
            UiCommand::AcceptAnalystSpan | UiCommand::AcceptAgreeingSpans => {
                let (Some(adjudication), Some(ws), Some(doc)) =
                    (&mut self.adjudication, &self.ws, &self.current_doc)
                else {
                    self.status =
                        "Adjudicate against an analyst's project first (File menu)".into();
                    return;
                };
                let intent = match command {
                    UiCommand::AcceptAnalystSpan => adjudication.accept_selected(ws, doc),
                    _ => adjudication.accept_agreeing(ws, doc),
                };
                match intent {
                    Some(intent) => {
                        if let Some(id) = self.perform(intent) {
                            self.view.selected = Some(id);
                        }
                    }
                    None => {
                        self.status = match command {
                            UiCommand::AcceptAnalystSpan => {
                                "Select a span in an analyst's lane first"
                            }
                            _ => "No agreeing span left to accept in this document",
                        }
                        .into()
                    }
                }
            }
            _ => {}
        }
    }
}
