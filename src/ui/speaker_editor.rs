//! Editing a speaker's canonical name and aliases (one alias per line).

use crate::project::{Speaker, SpeakerId};
use crate::workspace::Intent;

pub struct SpeakerEditor {
    pub id: SpeakerId,
    name: String,
    aliases: String,
}

impl SpeakerEditor {
    pub fn new(speaker: &Speaker) -> Self {
        Self {
            id: speaker.id,
            name: speaker.name.clone(),
            aliases: speaker.aliases.join("\n"),
        }
    }

    /// `Some(Some(intent))` when saved, `Some(None)` when cancelled, `None` while open.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Option<Intent>> {
        let mut result = None;
        let modal = egui::Modal::new(egui::Id::unique("speaker-editor")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading("Speaker");
            let label = ui.label("Canonical name");
            ui.add(egui::TextEdit::singleline(&mut self.name).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            let label = ui.label("Aliases, one per line (other spellings the articles use)");
            ui.add(
                egui::TextEdit::multiline(&mut self.aliases)
                    .desired_rows(4)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.horizontal(|ui| {
                if ui.button("Save speaker").clicked() {
                    result = Some(Some(Intent::EditSpeaker {
                        id: self.id,
                        name: self.name.clone(),
                        aliases: self.aliases.lines().map(str::to_string).collect(),
                    }));
                }
                if ui.button("Cancel").clicked() {
                    result = Some(None);
                }
            });
        });
        if result.is_none() && modal.should_close() {
            result = Some(None);
        }
        result
    }
}
