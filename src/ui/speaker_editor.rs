//! Editing a speaker: canonical name, aliases (one per line), kind and role.

use crate::project::{Speaker, SpeakerKind};
use crate::workspace::Intent;

pub struct SpeakerEditor {
    speaker: Speaker,
    aliases: String,
}

impl SpeakerEditor {
    pub fn new(speaker: &Speaker) -> Self {
        Self {
            speaker: speaker.clone(),
            aliases: speaker.aliases.join("\n"),
        }
    }

    /// `Some(Some(intent))` when saved, `Some(None)` when cancelled, `None` while open.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Option<Intent>> {
        let mut result = None;
        let modal = egui::Modal::new(egui::Id::unique("speaker-editor")).show(ctx, |ui| {
            ui.set_width(440.0);
            ui.heading("Speaker");
            let label = ui.label("Canonical name");
            ui.add(egui::TextEdit::singleline(&mut self.speaker.name).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            let label = ui.label("Aliases, one per line (other spellings the articles use)");
            ui.add(
                egui::TextEdit::multiline(&mut self.aliases)
                    .desired_rows(4)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.horizontal(|ui| {
                ui.label("Kind:");
                for kind in SpeakerKind::ALL {
                    ui.selectable_value(&mut self.speaker.kind, kind, kind.key());
                }
            });
            let label = ui.label("Role or affiliation");
            ui.add(
                egui::TextEdit::singleline(&mut self.speaker.role)
                    .hint_text("e.g. director of foreign policy studies, Cato Institute")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.horizontal(|ui| {
                if ui.button("Save speaker").clicked() {
                    let mut speaker = self.speaker.clone();
                    speaker.aliases = self.aliases.lines().map(str::to_string).collect();
                    result = Some(Some(Intent::EditSpeaker { speaker }));
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
