//! The annotation panel: the open document's annotations in text order, and an editor for the
//! selected one (label, speaker, note, fragments).

use super::command::{Action, AppMessage, UiCommand};
use super::labels::{label_color, label_keys};
use crate::project::{AnchorStatus, Annotation, AnnotationId, Label, Project};
use crate::workspace::{Intent, SpeakerRole};
use egui::{RichText, Ui};

/// The note being typed, kept apart from the project so that typing is smooth; each change is
/// sent as an intent (merged into one undo step per annotation).
#[derive(Default)]
pub struct NoteBuffer {
    pub text: String,
    pub annotation: Option<AnnotationId>,
    /// The selection the list last scrolled to, so it follows N / P and clicks in the text.
    listed: Option<AnnotationId>,
}

pub fn show(
    ui: &mut Ui,
    project: &Project,
    doc: &str,
    selected: Option<AnnotationId>,
    note: &mut NoteBuffer,
) -> Vec<Action> {
    let mut commands = Vec::new();
    let Some(entry) = project.document(doc) else {
        return commands;
    };
    // Orphans have no place in this text: they are listed under Orphaned annotations instead.
    let placed: Vec<&Annotation> = entry.annotations.iter().filter(|a| a.is_placed()).collect();
    let unattributed = placed.iter().filter(|a| a.speakers.is_empty()).count();
    ui.horizontal(|ui| {
        ui.strong(format!("Annotations ({})", placed.len()));
        if unattributed > 0 {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{unattributed} without speaker"),
            );
        }
    });
    ui.separator();
    let list_height = (ui.available_height() * 0.5).max(120.0);
    if placed.is_empty() {
        ui.weak("None yet: select text and press 1, 2 or 3.");
    }
    // Rows are one line each, so only the visible ones are built, however long the list.
    let row_height = ui.spacing().interact_size.y;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("annotation-list")
        .max_height(list_height)
        .auto_shrink([false, true]);
    if selected != note.listed {
        note.listed = selected;
        if let Some(i) = selected.and_then(|id| placed.iter().position(|a| a.id == id)) {
            let pitch = row_height + ui.spacing().item_spacing.y;
            area = area.vertical_scroll_offset((i as f32 * pitch - list_height / 2.0).max(0.0));
        }
    }
    area.show_rows(ui, row_height, placed.len(), |ui, rows| {
        for a in &placed[rows] {
            let is_selected = selected == Some(a.id);
            let r = ui.add(
                egui::Button::selectable(is_selected, list_row(project, a))
                    .truncate()
                    .min_size(egui::vec2(ui.available_width(), 0.0)),
            );
            if r.on_hover_text(a.display_text()).clicked() {
                commands.push(AppMessage::RevealAnnotation(a.id).into());
            }
        }
    });
    ui.separator();
    match selected
        .and_then(|id| entry.annotation(id))
        .filter(|a| a.is_placed())
    {
        Some(a) => editor(ui, project, a, note, &mut commands),
        None => {
            ui.weak("Select an annotation (click it, or N / P) to edit it.");
        }
    }
    commands
}

fn list_row(project: &Project, a: &Annotation) -> egui::text::LayoutJob {
    let mut job = egui::text::LayoutJob::default();
    let font = egui::FontId::proportional(13.0);
    let label_format = egui::TextFormat {
        font_id: font.clone(),
        color: label_color(a.label),
        ..Default::default()
    };
    job.append(&format!("{} ", a.label.name()), 0.0, label_format);
    if a.anchor == AnchorStatus::Review {
        job.append(
            "review ",
            0.0,
            egui::TextFormat {
                font_id: font.clone(),
                color: egui::Color32::from_rgb(200, 120, 0),
                ..Default::default()
            },
        );
    }
    let (speaker, color) = match project.speakers_label(a) {
        Some(names) => (names, egui::Color32::GRAY),
        None => (
            "no speaker".to_string(),
            egui::Color32::from_rgb(200, 120, 0),
        ),
    };
    job.append(
        &format!("{speaker}: "),
        0.0,
        egui::TextFormat {
            font_id: font.clone(),
            color,
            ..Default::default()
        },
    );
    job.append(
        &a.display_text(),
        0.0,
        egui::TextFormat {
            font_id: font,
            color: egui::Color32::GRAY,
            ..Default::default()
        },
    );
    job
}

fn editor(
    ui: &mut Ui,
    project: &Project,
    a: &Annotation,
    note: &mut NoteBuffer,
    commands: &mut Vec<Action>,
) {
    ui.strong("Selected annotation");
    if a.anchor == AnchorStatus::Review {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "The article changed and this span was placed by approximate match: check it.",
        );
        if ui.button("Mark reviewed").clicked() {
            commands.push(AppMessage::Perform(Intent::MarkReviewed { id: a.id }).into());
        }
    }
    ui.horizontal(|ui| {
        for label in Label::ALL {
            let text = RichText::new(label.name()).color(label_color(label));
            let r = ui
                .selectable_label(a.label == label, text)
                .on_hover_text(format!("Label as {} ({})", label.key(), label_keys(label)));
            if r.clicked() && a.label != label {
                commands.push(AppMessage::Perform(Intent::SetLabel { id: a.id, label }).into());
            }
        }
    });
    attribution(ui, project, a, commands);
    if note.annotation != Some(a.id) || !ui.memory(|m| m.has_focus(egui::Id::unique("note-edit"))) {
        note.annotation = Some(a.id);
        if note.text != a.note {
            note.text = a.note.clone();
        }
    }
    let label = ui.label("Note");
    let r = ui
        .add(
            egui::TextEdit::multiline(&mut note.text)
                .id(egui::Id::unique("note-edit"))
                .desired_rows(3)
                .desired_width(f32::INFINITY)
                .hint_text("free-text note"),
        )
        .labelled_by(label.id);
    if r.changed() {
        commands.push(
            AppMessage::Perform(Intent::SetNote {
                id: a.id,
                note: note.text.clone(),
            })
            .into(),
        );
    }
    ui.add_space(4.0);
    ui.label(format!("Fragments ({}):", a.fragments.len()));
    for f in &a.fragments {
        ui.add(
            egui::Label::new(RichText::new(format!("{}–{}  {}", f.start, f.end, f.text())).small())
                .truncate(),
        )
        .on_hover_text(f.text());
    }
    ui.weak("Select more text and press + to add a fragment.");
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        if ui.button("Delete").on_hover_text("Delete (Del)").clicked() {
            commands.push(UiCommand::DeleteSelected.into());
        }
    });
    ui.weak(format!("created {} · modified {}", a.created, a.modified));
}

/// Speakers (main first), addressee and cue of the selected annotation, each changeable.
fn attribution(ui: &mut Ui, project: &Project, a: &Annotation, commands: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Said by:");
        if a.speakers.is_empty() {
            let r = ui.button("nobody yet (choose…)").on_hover_text(
                UiCommand::PickSpeaker(SpeakerRole::Main).with_key_hint("Choose the speaker"),
            );
            if r.clicked() {
                commands.push(UiCommand::PickSpeaker(SpeakerRole::Main).into());
            }
        }
        for (i, s) in a.speakers.iter().enumerate() {
            let name = project.speaker_name(Some(*s)).unwrap_or("?");
            let hint = if i == 0 {
                "Main speaker: click to edit the speaker (S changes it)"
            } else {
                "Also said by: click to edit the speaker"
            };
            if ui.button(name).on_hover_text(hint).clicked() {
                commands.push(AppMessage::EditSpeaker(*s).into());
            }
            if ui
                .small_button("×")
                .on_hover_text(format!("Remove {name}"))
                .clicked()
            {
                commands.push(
                    AppMessage::Perform(Intent::ToggleSpeaker {
                        id: a.id,
                        speaker: *s,
                    })
                    .into(),
                );
            }
        }
        if !a.speakers.is_empty()
            && ui
                .small_button("+")
                .on_hover_text("Another speaker of this passage (Shift+S)")
                .clicked()
        {
            commands.push(UiCommand::PickSpeaker(SpeakerRole::Another).into());
        }
    });
    ui.horizontal(|ui| {
        ui.label("Addressee:");
        let name = project
            .speaker_name(a.addressee)
            .unwrap_or("none (choose…)");
        if ui
            .button(name)
            .on_hover_text("Who is called on to act (A)")
            .clicked()
        {
            commands.push(UiCommand::PickSpeaker(SpeakerRole::Addressee).into());
        }
        if a.addressee.is_some() && ui.small_button("×").on_hover_text("No addressee").clicked() {
            commands.push(
                AppMessage::Perform(Intent::SetAddressee {
                    id: a.id,
                    addressee: None,
                })
                .into(),
            );
        }
    });
    ui.horizontal(|ui| {
        ui.label("Cue:");
        match &a.cue {
            Some(cue) => {
                ui.label(RichText::new(cue.text()).italics());
                if ui
                    .small_button("×")
                    .on_hover_text("Remove the cue")
                    .clicked()
                {
                    commands.push(
                        AppMessage::Perform(Intent::SetCue {
                            id: a.id,
                            range: None,
                        })
                        .into(),
                    );
                }
            }
            None => {
                ui.weak("select the reporting words and press K");
            }
        }
    });
}
