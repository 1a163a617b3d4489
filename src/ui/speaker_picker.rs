//! The speaker picker: type-ahead over every name and alias in the registry, Enter to pick, or
//! create a speaker from what was typed. Before anything is typed it offers first the speakers
//! named near the span; Enter picks only what was typed or chosen with the arrows, so Enter or
//! Escape on an untouched picker leaves the span unattributed.

use crate::project::{Project, SpeakerId};
use crate::speakers::{find_speakers, fold};
use crate::workspace::{PickTarget, SpeakerRole};
use egui::{Key, Modifiers};

pub struct SpeakerPicker {
    pub target: PickTarget,
    pub role: SpeakerRole,
    pub query: String,
    /// Speakers named near the span, closest first: offered before the rest of the registry.
    near: Vec<SpeakerId>,
    /// The row Enter picks: none until the analyst types or moves with the arrows.
    highlighted: Option<usize>,
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
    /// A picker for `target`; `near` are the speakers named around its span, closest first
    /// (see [`crate::speakers::speakers_named_near`]).
    pub fn new(target: PickTarget, role: SpeakerRole, near: Vec<SpeakerId>) -> Self {
        Self {
            target,
            role,
            query: String::new(),
            near,
            highlighted: None,
            focus_pending: true,
        }
    }

    /// The rows offered, and how many of the first are speakers named near the span.
    fn rows(&self, project: &Project) -> (Vec<Row>, usize) {
        let mut matches = find_speakers(&project.speakers, &self.query);
        let mut near_rows = 0;
        if self.query.trim().is_empty() {
            // Nothing typed: the speakers named near the span first, closest first.
            let rank = |id: &SpeakerId| self.near.iter().position(|n| n == id);
            matches.sort_by_key(|m| rank(&m.id).unwrap_or(usize::MAX));
            near_rows = matches.iter().filter(|m| rank(&m.id).is_some()).count();
        }
        let mut rows: Vec<Row> = matches
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
        (rows, near_rows)
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
                // Typing chooses the best match; clearing the field chooses nothing again.
                self.highlighted = (!self.query.trim().is_empty()).then_some(0);
            }
            let (rows, near_rows) = self.rows(project);
            self.highlighted = match self.highlighted {
                None if down => Some(0),
                Some(h) if down => Some(h + 1),
                Some(h) if up => Some(h.saturating_sub(1)),
                h => h,
            }
            .filter(|_| !rows.is_empty())
            .map(|h| h.min(rows.len() - 1));
            if enter && outcome.is_none() {
                // Enter with nothing typed or chosen leaves the span as it is, as Escape does.
                outcome = Some(
                    self.highlighted
                        .and_then(|h| rows.get(h))
                        .map_or(PickerOutcome::Dismissed, Row::outcome),
                );
            }
            ui.add_space(4.0);
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .show(ui, |ui| {
                    for (i, row) in rows.iter().enumerate() {
                        if near_rows > 0 && i == 0 {
                            ui.weak("Named near the span");
                        } else if near_rows > 0 && i == near_rows {
                            ui.separator();
                        }
                        let text = match row {
                            Row::Speaker(_, shown) => shown.clone(),
                            Row::Create(name) => format!("+ New speaker “{name}”"),
                        };
                        let chosen = self.highlighted == Some(i);
                        let r = ui.selectable_label(chosen, text);
                        if chosen {
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
                PickTarget::Annotation(_) => {
                    "Type or Up/Down, then Enter to pick · Esc or a bare Enter: no speaker"
                }
                PickTarget::Suggestion { .. } => {
                    "Type or Up/Down, then Enter to pick · Esc or a bare Enter: keep the proposal"
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
