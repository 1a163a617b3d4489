//! The speaker picker: type-ahead over every name and alias in the registry, Enter to pick, or
//! create a speaker from what was typed; Escape leaves the span unattributed.

use crate::project::{AnnotationId, Project, SpeakerId};
use crate::speakers::{find_speakers, fold};
use crate::workspace::SpeakerRole;
use egui::{Key, Modifiers};

/// What the picked speaker goes to.
#[derive(Clone, Debug, PartialEq)]
pub enum PickTarget {
    Annotation(AnnotationId),
    /// A pending suggestion of a document, before it is accepted.
    Suggestion {
        doc: String,
        id: u64,
    },
}

pub struct SpeakerPicker {
    pub target: PickTarget,
    pub role: SpeakerRole,
    pub query: String,
    highlighted: usize,
    focus_pending: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PickerOutcome {
    Pick(SpeakerId),
    Create(String),
    /// Closed without choosing: the annotation keeps the speaker it had (or none).
    Dismissed,
}

enum Row {
    Speaker(SpeakerId, String),
    Create(String),
}

impl SpeakerPicker {
    pub fn new(target: PickTarget, role: SpeakerRole) -> Self {
        Self {
            target,
            role,
            query: String::new(),
            highlighted: 0,
            focus_pending: true,
        }
    }

    fn rows(&self, project: &Project) -> Vec<Row> {
        let mut rows: Vec<Row> = find_speakers(&project.speakers, &self.query)
            .into_iter()
            .map(|m| {
                let name = project.speaker_name(Some(m.id)).unwrap_or_default();
                let shown = if fold(&m.matched) == fold(name) || self.query.trim().is_empty() {
                    name.to_string()
                } else {
                    format!("{name}  ({})", m.matched)
                };
                Row::Speaker(m.id, shown)
            })
            .collect();
        let typed = self.query.trim();
        let exact = project
            .speakers
            .iter()
            .any(|s| s.names().any(|n| fold(n) == fold(typed)));
        if !typed.is_empty() && !exact {
            rows.push(Row::Create(typed.to_string()));
        }
        rows
    }

    pub fn show(&mut self, ctx: &egui::Context, project: &Project) -> Option<PickerOutcome> {
        // Keys are taken before the text field sees them, and acted on after it has taken this
        // frame's typing, so that "type and Enter" in one frame picks from the fresh matches.
        let (down, up, enter, escape) = ctx.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
                i.consume_key(Modifiers::NONE, Key::Enter),
                i.consume_key(Modifiers::NONE, Key::Escape),
            )
        });
        let mut outcome = None;
        if escape {
            outcome = Some(PickerOutcome::Dismissed);
        }
        let modal = egui::Modal::new(egui::Id::unique("speaker-picker")).show(ctx, |ui| {
            ui.set_width(380.0);
            ui.heading(match self.role {
                SpeakerRole::Main => "Who said it?",
                SpeakerRole::Another => "Who else said it? (picking one already there removes it)",
                SpeakerRole::Addressee => "Who is called on to act?",
            });
            let label = ui.label("Speaker name");
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .hint_text("type a name or alias")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if self.focus_pending {
                edit.request_focus();
                self.focus_pending = false;
            }
            if edit.changed() {
                self.highlighted = 0;
            }
            let rows = self.rows(project);
            if down && self.highlighted + 1 < rows.len() {
                self.highlighted += 1;
            }
            if up {
                self.highlighted = self.highlighted.saturating_sub(1);
            }
            self.highlighted = self.highlighted.min(rows.len().saturating_sub(1));
            if enter && outcome.is_none() {
                outcome = rows.get(self.highlighted).map(Row::outcome);
            }
            ui.add_space(4.0);
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .show(ui, |ui| {
                    for (i, row) in rows.iter().enumerate() {
                        let text = match row {
                            Row::Speaker(_, shown) => shown.clone(),
                            Row::Create(name) => format!("+ New speaker “{name}”"),
                        };
                        let r = ui.selectable_label(i == self.highlighted, text);
                        if i == self.highlighted {
                            r.scroll_to_me(None);
                        }
                        if r.clicked() {
                            outcome = Some(row.outcome());
                        }
                    }
                    if rows.is_empty() {
                        ui.weak("No speakers yet: type a name to create one.");
                    }
                });
            ui.add_space(4.0);
            ui.weak(match self.target {
                PickTarget::Annotation(_) => "Up/Down choose · Enter pick · Esc leave unattributed",
                PickTarget::Suggestion { .. } => {
                    "Up/Down choose · Enter pick · Esc keep the proposal"
                }
            });
        });
        if modal.should_close() && outcome.is_none() {
            outcome = Some(PickerOutcome::Dismissed);
        }
        outcome
    }
}

impl Row {
    fn outcome(&self) -> PickerOutcome {
        match self {
            Row::Speaker(id, _) => PickerOutcome::Pick(*id),
            Row::Create(name) => PickerOutcome::Create(name.clone()),
        }
    }
}
