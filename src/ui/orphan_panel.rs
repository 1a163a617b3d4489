//! Orphaned annotations: those whose text could not be found after the article changed, and those
//! of documents missing from the corpus. Never dropped: listed here with their text and speaker,
//! and re-attachable to newly selected text.

use super::command::{Action, AppMessage};
use super::labels::label_color;
use crate::project::{AnnotationId, Label};
use crate::workspace::Workspace;
use egui::{RichText, Ui};

#[derive(Clone, Debug, PartialEq)]
pub struct OrphanEntry {
    pub id: AnnotationId,
    pub doc: String,
    pub label: Label,
    pub speaker: Option<String>,
    pub text: String,
    /// The whole document is missing (rather than the span's text).
    pub doc_missing: bool,
}

pub fn collect(ws: &Workspace) -> Vec<OrphanEntry> {
    let mut orphans = Vec::new();
    for d in &ws.project().documents {
        orphans.extend(of_document(ws, d));
    }
    orphans
}

/// The orphans of one document, in the order of its annotations.
fn of_document<'a>(
    ws: &'a Workspace,
    d: &'a crate::project::DocEntry,
) -> impl Iterator<Item = OrphanEntry> + 'a {
    // Whether the document is loaded is asked once, not once per annotation.
    let doc_missing = ws.corpus().document(&d.path).is_none();
    let orphaned = (d.annotations.iter()).filter(move |a| doc_missing || !a.is_placed());
    orphaned.map(move |a| OrphanEntry {
        id: a.id,
        doc: d.path.clone(),
        label: a.label,
        speaker: ws.project().speakers_label(a),
        text: a.display_text(),
        doc_missing,
    })
}

/// Brings `orphans`, collected at revision `at` (`None`: never), up to the workspace's revision.
/// Only the documents whose annotations changed since are looked at again: with a million
/// annotations, looking at all of them after every change took a tenth of a second.
pub fn refresh(ws: &Workspace, at: &mut Option<u64>, orphans: &mut Vec<OrphanEntry>) {
    let now = ws.revision();
    if *at == Some(now) {
        return;
    }
    match at.and_then(|at| ws.annotations_changed_after(at)) {
        Some(docs) => {
            let docs: std::collections::HashSet<&str> = docs.into_iter().collect();
            orphans.retain(|o| !docs.contains(o.doc.as_str()));
            for doc in docs {
                if let Some(d) = ws.project().document(doc) {
                    orphans.extend(of_document(ws, d));
                }
            }
            // Document order, as `collect` gives (the sort is stable: annotation order stays).
            orphans.sort_by(|a, b| a.doc.cmp(&b.doc));
        }
        None => *orphans = collect(ws),
    }
    *at = Some(now);
}

/// `can_attach`: there is selected text to re-attach to.
pub fn show(
    ui: &mut Ui,
    orphans: &[OrphanEntry],
    selected: Option<AnnotationId>,
    can_attach: bool,
) -> Vec<Action> {
    let mut commands = Vec::new();
    ui.strong(format!("Orphaned annotations ({})", orphans.len()));
    ui.weak("Their text was not found in the article as it is now. Select the right text and re-attach, or delete.");
    egui::ScrollArea::vertical()
        .id_salt("orphans")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for o in orphans {
                let mut job = egui::text::LayoutJob::default();
                let font = egui::FontId::proportional(13.0);
                let fmt = |color| egui::TextFormat {
                    font_id: font.clone(),
                    color,
                    ..Default::default()
                };
                job.append(
                    &format!("{} ", o.label.name()),
                    0.0,
                    fmt(label_color(o.label)),
                );
                job.append(
                    &format!("{}: ", o.speaker.as_deref().unwrap_or("no speaker")),
                    0.0,
                    fmt(egui::Color32::GRAY),
                );
                job.append(&o.text, 0.0, fmt(egui::Color32::GRAY));
                let r = ui.add(
                    egui::Button::selectable(selected == Some(o.id), job)
                        .truncate()
                        .min_size(egui::vec2(ui.available_width(), 0.0)),
                );
                let where_ = if o.doc_missing {
                    format!("{} (document missing)", o.doc)
                } else {
                    o.doc.clone()
                };
                if r.on_hover_text(format!("{where_}\n{}", o.text)).clicked() {
                    commands.push(AppMessage::SelectOrphan(Some(o.id)).into());
                }
            }
        });
    if let Some(id) = selected.filter(|id| orphans.iter().any(|o| o.id == *id)) {
        ui.horizontal(|ui| {
            let attach =
                ui.add_enabled(can_attach, egui::Button::new("Re-attach to selected text"));
            if attach
                .on_disabled_hover_text("Select the text in the open document first")
                .clicked()
            {
                commands.push(AppMessage::ReattachOrphan(id).into());
            }
            if ui.button(RichText::new("Delete")).clicked() {
                commands.push(AppMessage::DeleteOrphan(id).into());
            }
        });
    }
    commands
}
