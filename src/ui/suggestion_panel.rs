//! Pending suggestions of the open document in the side panel: the list, the current one's
//! details (label, speaker, addressee, cue, confidence) with Accept / Reject, and Accept all;
//! also the hover card the reading view shows over an outlined span.

use super::command::{Action, AppMessage, UiCommand};
use super::labels::{label_color, label_keys};
use crate::project::{Guess, Label, Pending, Project};
use crate::speakers::fold;
use crate::workspace::{Intent, SpeakerRole};
use egui::{RichText, Ui};

/// Keeps the list scrolled to the current suggestion when it changes from elsewhere (Tab, a
/// click in the text).
#[derive(Default)]
pub struct SuggestionList {
    listed: Option<u64>,
}

/// The keys that act on the current suggestion, as shown in the card and the panel.
const KEYS: &str = "Enter accept · Backspace reject · 1/2/3 relabel · S speaker · A addressee";

/// A proposed speaker as the analyst should read it: the registry's name, or the name from the
/// article marked as new when accepting will add it to the registry.
pub fn guess_text(project: &Project, guess: &Guess) -> String {
    if let Some(name) = project.speaker_name(guess.id) {
        return name.to_string();
    }
    let wanted = fold(guess.name.trim());
    match project
        .speakers
        .iter()
        .find(|s| s.names().any(|n| fold(n) == wanted))
    {
        Some(s) => s.name.clone(),
        None => format!("{} (new speaker)", guess.name.trim()),
    }
}

/// "Suggested quote · 86% · Volodymyr Zelensky (new speaker)".
pub fn summary(project: &Project, p: &Pending) -> String {
    let speaker = p
        .speaker
        .as_ref()
        .map_or_else(|| "no speaker".to_string(), |g| guess_text(project, g));
    let changed = if p.edited { " · changed" } else { "" };
    format!(
        "Suggested {} · {}% · {speaker}{changed}",
        p.label.key(),
        p.confidence
    )
}

/// The hover card over an outlined span.
pub fn card(ui: &mut Ui, project: &Project, p: &Pending, current: bool) {
    ui.colored_label(label_color(p.label), summary(project, p));
    if let Some(cue) = &p.cue {
        ui.label(format!("cue: {}", cue.text()));
    }
    if let Some(addressee) = &p.addressee {
        ui.label(format!("calls on {}", guess_text(project, addressee)));
    }
    if current {
        ui.weak(KEYS);
    } else {
        ui.weak("Click (or Tab) to make it current, then Enter accepts, Backspace rejects");
    }
}

/// The suggestions section of the side panel. `pending` is the open document's, in text order.
pub fn show(
    ui: &mut Ui,
    project: &Project,
    doc: &str,
    pending: &[Pending],
    current: Option<u64>,
    list: &mut SuggestionList,
) -> Vec<Action> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        ui.strong(format!("Suggestions ({})", pending.len()));
        let suggest = UiCommand::Suggest {
            all_documents: false,
        };
        let hint = if pending.is_empty() {
            "Find claims, quotes and demands in this document (Ctrl+G)"
        } else {
            "Run the suggestions again on this document (Ctrl+G); rejected ones stay rejected"
        };
        let text = if pending.is_empty() {
            "Find suggestions"
        } else {
            "Run again"
        };
        if ui.small_button(text).on_hover_text(hint).clicked() {
            commands.push(suggest.into());
        }
    });
    if pending.is_empty() {
        ui.weak("None pending. Ctrl+G suggests spans to accept or reject.");
        return commands;
    }
    let accept_all = format!("Accept all in this document ({})", pending.len());
    if ui
        .button(accept_all)
        .on_hover_text("Accept every suggestion listed here, as one undoable step")
        .clicked()
    {
        commands.push(UiCommand::AcceptAllSuggestions.into());
    }
    let row_height = ui.spacing().interact_size.y;
    let pitch = row_height + ui.spacing().item_spacing.y;
    let list_height = (pending.len() as f32 * pitch).min(150.0);
    let mut area = egui::ScrollArea::vertical()
        .id_salt("suggestion-list")
        .max_height(list_height)
        .auto_shrink([false, true]);
    if current != list.listed {
        list.listed = current;
        if let Some(i) = current.and_then(|id| pending.iter().position(|p| p.id == id)) {
            area = area.vertical_scroll_offset((i as f32 * pitch - list_height / 2.0).max(0.0));
        }
    }
    area.show_rows(ui, row_height, pending.len(), |ui, rows| {
        for p in &pending[rows] {
            let r = ui.add(
                egui::Button::selectable(current == Some(p.id), list_row(project, p))
                    .truncate()
                    .min_size(egui::vec2(ui.available_width(), 0.0)),
            );
            if r.on_hover_text(p.display_text()).clicked() {
                commands.push(AppMessage::SelectSuggestion(Some(p.id)).into());
            }
        }
    });
    match current.and_then(|id| pending.iter().find(|p| p.id == id)) {
        Some(p) => details(ui, project, doc, p, &mut commands),
        None => {
            ui.weak("Tab steps through them (Shift+Tab back); click one to see it.");
        }
    }
    commands
}

/// One line of the list: label, speaker, text.
fn list_row(project: &Project, p: &Pending) -> egui::text::LayoutJob {
    let mut job = egui::text::LayoutJob::default();
    let font = egui::FontId::proportional(13.0);
    let format = |color| egui::TextFormat {
        font_id: font.clone(),
        color,
        ..Default::default()
    };
    job.append(
        &format!("{} ", p.label.name()),
        0.0,
        format(label_color(p.label)),
    );
    let speaker = p.speaker.as_ref().map_or("no speaker", |g| {
        project.speaker_name(g.id).unwrap_or(g.name.as_str())
    });
    job.append(&format!("{speaker}: "), 0.0, format(egui::Color32::GRAY));
    job.append(&p.display_text(), 0.0, format(egui::Color32::GRAY));
    job
}

/// The current suggestion: what it proposes, each part changeable before accepting.
fn details(ui: &mut Ui, project: &Project, doc: &str, p: &Pending, commands: &mut Vec<Action>) {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.strong("Current suggestion");
        ui.weak(format!(
            "{}% sure{}",
            p.confidence,
            if p.edited { " · changed by you" } else { "" }
        ));
    });
    ui.add(egui::Label::new(RichText::new(p.display_text()).italics()).truncate())
        .on_hover_text(p.display_text());
    let edit = |changed: Pending| {
        AppMessage::Perform(Intent::EditSuggestion {
            doc: doc.to_string(),
            pending: changed,
        })
    };
    ui.horizontal(|ui| {
        for label in Label::ALL {
            let text = RichText::new(label.name()).color(label_color(label));
            let r = ui
                .selectable_label(p.label == label, text)
                .on_hover_text(format!("Make it a {} ({})", label.key(), label_keys(label)));
            if r.clicked() && p.label != label {
                commands.push(edit(Pending { label, ..p.clone() }).into());
            }
        }
    });
    let mut guess_row = |ui: &mut Ui, caption: &str, role: SpeakerRole, guess: &Option<Guess>| {
        ui.horizontal(|ui| {
            ui.label(caption);
            let (name, verb) = match (guess, role) {
                (Some(g), _) => (guess_text(project, g), "Change"),
                (None, SpeakerRole::Addressee) => ("none (choose…)".into(), "Choose"),
                (None, _) => ("nobody (choose…)".into(), "Choose"),
            };
            let hint = UiCommand::PickSpeaker(role).with_key_hint(verb);
            // Guessed names can be long ("several foreign policy and security experts"):
            // truncated, so the panel keeps its width.
            let room = (ui.available_width() - 28.0).max(40.0);
            let r = ui
                .scope(|ui| {
                    ui.set_max_width(room);
                    ui.add(egui::Button::new(name.as_str()).truncate())
                })
                .inner;
            if r.on_hover_text(format!("{name}: {hint}")).clicked() {
                commands.push(UiCommand::PickSpeaker(role).into());
            }
            if guess.is_some() && ui.small_button("×").on_hover_text("Remove").clicked() {
                let mut changed = p.clone();
                match role {
                    SpeakerRole::Addressee => changed.addressee = None,
                    _ => changed.speaker = None,
                }
                commands.push(edit(changed).into());
            }
        });
    };
    guess_row(ui, "Said by:", SpeakerRole::Main, &p.speaker);
    guess_row(ui, "Addressee:", SpeakerRole::Addressee, &p.addressee);
    ui.horizontal(|ui| {
        ui.label("Cue:");
        match &p.cue {
            Some(cue) => ui.label(RichText::new(cue.text()).italics()),
            None => ui.weak("none"),
        };
    });
    ui.horizontal(|ui| {
        if ui
            .button("Accept")
            .on_hover_text("Make it an annotation (Enter)")
            .clicked()
        {
            commands.push(UiCommand::AcceptSuggestion.into());
        }
        if ui
            .button("Reject")
            .on_hover_text("Drop it; it is not proposed again (Backspace)")
            .clicked()
        {
            commands.push(UiCommand::RejectSuggestion.into());
        }
    });
    ui.weak(KEYS);
}
