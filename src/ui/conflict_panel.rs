//! The conflicts a merge left in the project, listed in a window with both versions side by
//! side; each is settled with one key (O keeps ours, T takes theirs) or one click.

use crate::project::{Annotation, Project};
use crate::workspace::{Keep, Workspace};
use egui::{Key, RichText, Ui};

/// Whether the analyst closed the list for now ("Later"); it opens again with the next project.
#[derive(Default)]
pub struct ConflictList {
    pub put_off: bool,
    /// Whether the project has conflicts, as of a workspace revision: asked every frame (the
    /// window is modal), answered by a scan of every document only when the project changed.
    has_conflicts: std::cell::Cell<Option<(u64, bool)>>,
}

impl ConflictList {
    /// Whether the window is up: the project has conflicts and the analyst did not put them off.
    pub fn is_open(&self, ws: Option<&Workspace>) -> bool {
        !self.put_off
            && ws.is_some_and(|ws| match self.has_conflicts.get() {
                Some((revision, has)) if revision == ws.revision() => has,
                _ => {
                    let has = ws
                        .project()
                        .documents
                        .iter()
                        .any(|d| !d.conflicts.is_empty());
                    self.has_conflicts.set(Some((ws.revision(), has)));
                    has
                }
            })
    }

    /// Shows the window; O and T settle the first conflict listed. What the status bar should say.
    pub fn show(&mut self, ctx: &egui::Context, ws: Option<&mut Workspace>) -> Option<String> {
        let ws = ws?;
        if !self.is_open(Some(&*ws)) {
            return None;
        }
        let conflicts = ws.conflicts();
        let mut chosen: Option<(usize, Keep)> = None;
        // One key each, for the first in the list; the window is modal, so no other shortcut
        // competes for them.
        ctx.input_mut(|i| {
            if i.consume_key(egui::Modifiers::NONE, Key::O) {
                chosen = Some((0, Keep::Ours));
            } else if i.consume_key(egui::Modifiers::NONE, Key::T) {
                chosen = Some((0, Keep::Theirs));
            }
        });
        egui::Window::new(format!("Merge conflicts ({})", conflicts.len()))
            .collapsible(false)
            .default_width(640.0)
            .show(ctx, |ui| {
                ui.label("Changed differently on both sides. O keeps ours, T takes theirs (first in the list).");
                egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
                    for (i, (doc, c)) in conflicts.iter().enumerate() {
                        ui.separator();
                        ui.strong(format!("annotation {} in {doc}", c.id.0));
                        let ours = ws.project().document(doc).and_then(|d| d.annotation(c.id));
                        version(ui, ws.project(), "ours", ours);
                        version(ui, ws.project(), "theirs", c.theirs.as_ref());
                        ui.horizontal(|ui| {
                            if ui.button("Keep ours").clicked() {
                                chosen = Some((i, Keep::Ours));
                            }
                            if ui.button("Take theirs").clicked() {
                                chosen = Some((i, Keep::Theirs));
                            }
                        });
                    }
                });
                ui.separator();
                if ui.button("Later").clicked() {
                    self.put_off = true;
                }
            });
        let (i, keep) = chosen?;
        let (doc, c) = conflicts.get(i)?;
        Some(match ws.resolve_conflict(doc, c.id, keep) {
            Ok(()) => format!(
                "Annotation {}: {}",
                c.id.0,
                match keep {
                    Keep::Ours => "kept our version",
                    Keep::Theirs => "took their version",
                }
            ),
            Err(e) => e,
        })
    }
}

/// One side's version: label, speakers, text (or "deleted").
fn version(ui: &mut Ui, project: &Project, side: &str, a: Option<&Annotation>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{side}:")).weak());
        match a {
            None => {
                ui.label("deleted");
            }
            Some(a) => {
                ui.colored_label(super::labels::label_color(a.label), a.label.name());
                ui.label(
                    project
                        .speakers_label(a)
                        .unwrap_or_else(|| "no speaker".into()),
                );
                ui.label(a.display_text());
                if !a.note.is_empty() {
                    ui.weak(format!("note: {}", a.note));
                }
                if !a.annotator.is_empty() {
                    ui.weak(format!("by {}", a.annotator));
                }
            }
        }
    });
}
