//! The speaker registry: every speaker with kind, role, aliases and span counts; edit, merge,
//! delete; the merges the app proposes; and "who said what": everything one speaker said across
//! the corpus, a click away from the text.

use super::command::{Action, AppMessage};
use super::labels::label_color;
use crate::corpus::Corpus;
use crate::project::{AnnotationId, Label, Project, SpeakerId};
use crate::speakers::RegistryReport;
use crate::text::plural::{count, noun};
use crate::text::sentence_around;
use crate::workspace::Intent;
use egui::{RichText, Ui};

/// One span of the selected speaker, for the "who said what" list.
#[derive(Clone, Debug)]
pub struct SaidRow {
    pub id: AnnotationId,
    pub label: Label,
    pub doc_title: String,
    /// The rest of the sentence before and after the span, as the article has it.
    pub before: String,
    pub text: String,
    pub after: String,
    /// The speaker is the addressee, not the speaker.
    pub addressed: bool,
}

/// Everything the registry window shows, rebuilt only when the project or the selection changes.
#[derive(Default)]
pub struct RegistryView {
    pub key: Option<(u64, Option<SpeakerId>)>,
    pub report: RegistryReport,
    pub said: Vec<SaidRow>,
    pub selected: Option<SpeakerId>,
    merge_target: Option<SpeakerId>,
    /// A used speaker waiting for the analyst to confirm its deletion.
    confirm_delete: Option<SpeakerId>,
}

impl RegistryView {
    pub fn refresh(&mut self, project: &Project, corpus: &Corpus, revision: u64) {
        let key = (revision, self.selected);
        if self.key == Some(key) {
            return;
        }
        self.key = Some(key);
        self.report = RegistryReport::of(project);
        self.said = match self.selected {
            None => Vec::new(),
            Some(s) => {
                let mut rows: Vec<SaidRow> = project
                    .annotations()
                    .filter(|(_, a)| a.mentions(s))
                    .map(|(d, a)| {
                        let doc = corpus.document(&d.path);
                        let title = d
                            .metadata
                            .title
                            .clone()
                            .or_else(|| doc.map(|doc| doc.title.clone()))
                            .unwrap_or_else(|| d.path.clone());
                        let placed = a.is_placed();
                        let (before, text, after) = match doc.filter(|_| placed) {
                            Some(doc) => {
                                let t = &doc.text;
                                let span = a.start()..a.end();
                                let sentence = sentence_around(t, span.clone());
                                let cut = |r: std::ops::Range<usize>| {
                                    t.slice(r).unwrap_or_default().replace(['\n', '\r'], " ")
                                };
                                (
                                    cut(sentence.start.min(span.start)..span.start),
                                    cut(span.clone()),
                                    cut(span.end..sentence.end.max(span.end)),
                                )
                            }
                            None => (String::new(), a.display_text(), String::new()),
                        };
                        SaidRow {
                            id: a.id,
                            label: a.label,
                            doc_title: title,
                            before,
                            text,
                            after,
                            addressed: !a.speakers.contains(&s),
                        }
                    })
                    .collect();
                // Grouped by label, then by document, in text order within each.
                rows.sort_by_key(|r| (r.addressed, r.label));
                rows
            }
        };
    }

    pub fn show(&mut self, ui: &mut Ui) -> Vec<Action> {
        let mut commands = Vec::new();
        ui.horizontal(|ui| {
            ui.strong(count(self.report.speakers.len(), "speaker", "speakers"));
            ui.weak("spans = attributed to the speaker; addressed = demands calling on them");
        });
        // The list takes what the window has, less room for what goes under it: the chosen
        // speaker's details and spans, or the proposed merges.
        let below = if self.selected.is_some() {
            420.0
        } else {
            60.0 + 28.0 * self.report.proposals.len().min(8) as f32
        };
        egui::ScrollArea::vertical()
            .id_salt("registry-list")
            .max_height((ui.available_height() - below).max(160.0))
            .auto_shrink([false, true])
            .show(ui, |ui| {
                egui::Grid::new("registry-grid")
                    .striped(true)
                    .show(ui, |ui| {
                        ui.strong("name");
                        ui.strong("kind");
                        ui.strong("spans");
                        ui.strong("addressed");
                        ui.strong("aliases");
                        ui.end_row();
                        for s in &self.report.speakers {
                            let id = SpeakerId(s.id);
                            if ui
                                .selectable_label(self.selected == Some(id), &s.name)
                                .on_hover_text(&s.role)
                                .clicked()
                            {
                                self.selected = Some(id);
                                self.merge_target = None;
                            }
                            ui.label(s.kind);
                            ui.label(s.spans.to_string());
                            ui.label(s.addressed.to_string());
                            ui.add_sized(
                                [260.0, ui.spacing().interact_size.y],
                                egui::Label::new(s.aliases.join(", ")).truncate(),
                            )
                            .on_hover_text(s.aliases.join("\n"));
                            ui.end_row();
                        }
                    });
            });
        if let Some(id) = self.selected
            && let Some(row) = self.report.speakers.iter().find(|s| s.id == id.0)
        {
            ui.separator();
            ui.horizontal(|ui| {
                ui.strong(&row.name);
                if !row.role.is_empty() {
                    ui.weak(&row.role);
                }
            });
            ui.horizontal(|ui| {
                if ui.button("Edit…").clicked() {
                    commands.push(AppMessage::EditSpeaker(id).into());
                }
                let others: Vec<_> = self
                    .report
                    .speakers
                    .iter()
                    .filter(|s| s.id != id.0)
                    .collect();
                let target_name = self
                    .merge_target
                    .and_then(|t| others.iter().find(|s| s.id == t.0))
                    .map_or("choose…".to_string(), |s| s.name.clone());
                ui.label("Merge into");
                egui::ComboBox::from_id_salt("merge-into")
                    .selected_text(target_name)
                    .show_ui(ui, |ui| {
                        for o in &others {
                            ui.selectable_value(
                                &mut self.merge_target,
                                Some(SpeakerId(o.id)),
                                &o.name,
                            );
                        }
                    });
                if let Some(keep) = self.merge_target
                    && ui.button("Merge").clicked()
                {
                    commands.push(
                        AppMessage::Perform(Intent::MergeSpeakers { keep, merge: id }).into(),
                    );
                    self.selected = Some(keep);
                    self.merge_target = None;
                }
                let used = row.spans + row.addressed;
                if ui.button("Delete").clicked() {
                    if used == 0 {
                        commands.push(
                            AppMessage::Perform(Intent::DeleteSpeaker { id, reassign: None })
                                .into(),
                        );
                        self.selected = None;
                    } else {
                        self.confirm_delete = Some(id);
                    }
                }
            });
            if self.confirm_delete == Some(id) {
                let used = row.spans + row.addressed;
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!(
                            "“{}” is on {}: {} will have no speaker (or addressee).",
                            row.name,
                            count(used, "span", "spans"),
                            noun(used, "it", "they"),
                        ),
                    );
                    if ui.button("Delete and unattribute").clicked() {
                        commands.push(
                            AppMessage::Perform(Intent::DeleteSpeaker { id, reassign: None })
                                .into(),
                        );
                        self.selected = None;
                        self.confirm_delete = None;
                    }
                    if ui.button("Keep").clicked() {
                        self.confirm_delete = None;
                    }
                });
            }
            if !row.aliases.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.label("Split an alias out:");
                    for alias in &row.aliases {
                        let r = ui.small_button(alias).on_hover_text(
                            "Make this spelling a speaker of its own; spans whose text around \
                             them uses it go with it",
                        );
                        if r.clicked() {
                            commands.push(AppMessage::SplitAlias(id, alias.clone()).into());
                        }
                    }
                });
            }
            ui.label(RichText::new("Who said what").strong());
            egui::ScrollArea::vertical()
                .id_salt("said-list")
                .max_height(260.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    if self.said.is_empty() {
                        ui.weak("No spans yet.");
                    }
                    let mut group = None;
                    for r in &self.said {
                        // A heading for each label and document, in that order.
                        let this = (r.addressed, r.label, &r.doc_title);
                        if group != Some(this) {
                            group = Some(this);
                            let heading = if r.addressed {
                                format!("{}s addressed to them · {}", r.label.name(), r.doc_title)
                            } else {
                                format!("{}s · {}", r.label.name(), r.doc_title)
                            };
                            ui.add(
                                egui::Label::new(RichText::new(heading).small().strong())
                                    .truncate(),
                            );
                        }
                        let mut job = egui::text::LayoutJob::default();
                        let font = egui::FontId::proportional(13.0);
                        let fmt = |color| egui::TextFormat {
                            font_id: font.clone(),
                            color,
                            ..Default::default()
                        };
                        job.append("| ", 0.0, fmt(label_color(r.label)));
                        job.append(&r.before, 0.0, fmt(egui::Color32::GRAY));
                        job.append(&r.text, 0.0, fmt(ui.visuals().strong_text_color()));
                        job.append(&r.after, 0.0, fmt(egui::Color32::GRAY));
                        if ui
                            .add(egui::Button::selectable(false, job).truncate())
                            .on_hover_text(format!(
                                "{}{}{}\n\n{}",
                                r.before, r.text, r.after, r.doc_title
                            ))
                            .clicked()
                        {
                            commands.push(AppMessage::RevealAnnotation(r.id).into());
                        }
                    }
                });
        }
        if !self.report.proposals.is_empty() {
            ui.separator();
            ui.strong("Proposed merges");
            for (i, p) in self.report.proposals.iter().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(if p.sure { "same person" } else { "check" });
                    ui.label(format!("“{}” into “{}”", p.merge_name, p.keep_name))
                        .on_hover_text(&p.reason);
                    if ui.button(format!("Merge #{}", i + 1)).clicked() {
                        commands.push(
                            AppMessage::Perform(Intent::MergeSpeakers {
                                keep: SpeakerId(p.keep),
                                merge: SpeakerId(p.merge),
                            })
                            .into(),
                        );
                    }
                });
            }
        }
        commands
    }
}
