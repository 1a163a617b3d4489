//! The document list: title, annotation count and the analyst's done mark.

use super::command::{Action, AppMessage};
use crate::workspace::{Intent, Workspace};
use egui::Ui;

const ROW_HEIGHT: f32 = 24.0;

pub fn show(ui: &mut Ui, ws: &Workspace, current: Option<&str>) -> Vec<Action> {
    let mut commands = Vec::new();
    let docs = &ws.project().documents;
    let done = docs.iter().filter(|d| d.done).count();
    ui.horizontal(|ui| {
        ui.strong("Documents");
        ui.weak(format!("{done}/{} done", docs.len()));
    });
    ui.separator();
    egui::ScrollArea::vertical().auto_shrink(false).show_rows(
        ui,
        ROW_HEIGHT,
        docs.len(),
        |ui, rows| {
            for entry in &docs[rows] {
                let loaded = ws.corpus().document(&entry.path);
                let title = match (&entry.metadata.title, loaded) {
                    (Some(title), _) => title.clone(),
                    (None, Some(d)) => d.title.clone(),
                    (None, None) => format!("{} (missing)", entry.path),
                };
                ui.horizontal(|ui| {
                    ui.set_height(ROW_HEIGHT);
                    let mut is_done = entry.done;
                    let r = ui.add(egui::Checkbox::without_text(&mut is_done));
                    r.widget_info(|| {
                        egui::WidgetInfo::selected(
                            egui::Role::CheckBox,
                            true,
                            is_done,
                            format!("Done: {title}"),
                        )
                    });
                    let r = r.on_hover_text("Mark this document done");
                    if r.changed() {
                        commands.push(
                            AppMessage::Perform(Intent::SetDone {
                                doc: entry.path.clone(),
                                done: is_done,
                            })
                            .into(),
                        );
                    }
                    let selected = current == Some(entry.path.as_str());
                    let r = ui.add(
                        egui::Button::selectable(selected, title.as_str())
                            .right_text(entry.annotations.len().to_string())
                            .truncate()
                            .min_size(egui::vec2(ui.available_width(), 0.0)),
                    );
                    let m = &entry.metadata;
                    let details: Vec<&str> = [&m.outlet, &m.date, &m.url]
                        .into_iter()
                        .filter_map(|v| v.as_deref())
                        .collect();
                    let hover = if details.is_empty() {
                        entry.path.clone()
                    } else {
                        format!("{}\n{}", entry.path, details.join(" · "))
                    };
                    if r.on_hover_text(hover).clicked() && loaded.is_some() {
                        commands.push(AppMessage::SelectDocument(entry.path.clone()).into());
                    }
                });
            }
        },
    );
    commands
}
