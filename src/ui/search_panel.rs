//! Find (Ctrl+F in the document, Ctrl+Shift+F across the corpus): a result list with context; a
//! click selects the match, ready to tag with a key, or tag every match in one undoable step.

use super::command::{Action, AppMessage};
use super::labels::{label_color, label_fill};
use crate::project::Label;
use crate::text::find_all;
use crate::text::plural::count;
use crate::workspace::Workspace;
use egui::{Key, Modifiers, RichText, Ui};
use std::ops::Range;

/// Characters of context shown on each side of a match.
const CONTEXT: usize = 40;

#[derive(Clone, Debug)]
pub struct Hit {
    pub doc: String,
    pub range: Range<usize>,
    pub before: String,
    pub matched: String,
    pub after: String,
}

pub struct SearchState {
    pub query: String,
    pub all_documents: bool,
    pub hits: Vec<Hit>,
    /// What `hits` were found for: query, scope and open document.
    key: Option<(String, bool, Option<String>)>,
    focus_pending: bool,
    field_focused: bool,
    current: usize,
}

impl SearchState {
    pub fn new(all_documents: bool) -> Self {
        Self {
            query: String::new(),
            all_documents,
            hits: Vec::new(),
            key: None,
            focus_pending: true,
            field_focused: false,
            current: 0,
        }
    }

    pub fn focus(&mut self, all_documents: bool) {
        self.all_documents = all_documents;
        self.focus_pending = true;
    }

    fn refresh(&mut self, ws: &Workspace, doc: Option<&str>) {
        let key = (
            self.query.clone(),
            self.all_documents,
            doc.map(str::to_string),
        );
        if self.key.as_ref() == Some(&key) {
            return;
        }
        self.key = Some(key);
        self.current = 0;
        self.hits.clear();
        if self.query.trim().is_empty() {
            return;
        }
        let docs: Vec<&crate::corpus::Document> = if self.all_documents {
            ws.corpus().documents.iter().collect()
        } else {
            doc.and_then(|d| ws.corpus().document(d))
                .into_iter()
                .collect()
        };
        for d in docs {
            for range in find_all(&d.text, &self.query) {
                let cut = |r: Range<usize>| {
                    d.text
                        .slice(r)
                        .unwrap_or_default()
                        .replace(['\n', '\r'], " ")
                };
                let before = range.start.saturating_sub(CONTEXT)..range.start;
                let after = range.end..(range.end + CONTEXT).min(d.text.char_len());
                self.hits.push(Hit {
                    doc: d.path.clone(),
                    range: range.clone(),
                    before: cut(before),
                    matched: cut(range),
                    after: cut(after),
                });
            }
        }
    }

    /// The find bar and its results. Returns the commands and whether the panel should close.
    pub fn show(&mut self, ui: &mut Ui, ws: &Workspace, doc: Option<&str>) -> (Vec<Action>, bool) {
        let mut commands = Vec::new();
        // Enter and Escape belong to the find field only while it has the keyboard.
        // (As of the last frame: egui itself may drop the focus on Escape before we look.)
        let field = egui::Id::unique("search-field");
        let (enter, escape) = if self.field_focused {
            ui.input_mut(|i| {
                (
                    i.consume_key(Modifiers::NONE, Key::Enter),
                    i.consume_key(Modifiers::NONE, Key::Escape),
                )
            })
        } else {
            (false, false)
        };
        let mut close = escape;
        ui.horizontal(|ui| {
            let label = ui.label("Find");
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .id(field)
                        .hint_text("a word or phrase")
                        .desired_width(260.0),
                )
                .labelled_by(label.id);
            if self.focus_pending {
                edit.request_focus();
                self.focus_pending = false;
            }
            self.field_focused = edit.has_focus();
            ui.checkbox(&mut self.all_documents, "All documents");
            self.refresh(ws, doc);
            ui.label(count(self.hits.len(), "match", "matches"));
            ui.separator();
            ui.label("Tag all as");
            for label in Label::ALL {
                let text = RichText::new(label.name())
                    .color(label_color(label))
                    .background_color(label_fill(label));
                if ui
                    .add_enabled(!self.hits.is_empty(), egui::Button::new(text))
                    .clicked()
                {
                    commands.push(
                        AppMessage::TagMatches(
                            self.hits
                                .iter()
                                .map(|h| (h.doc.clone(), h.range.clone()))
                                .collect(),
                            label,
                        )
                        .into(),
                    );
                }
            }
            if ui.button("Close").clicked() {
                close = true;
            }
        });
        if enter && !self.hits.is_empty() {
            let hit = &self.hits[self.current % self.hits.len()];
            commands.push(AppMessage::GoTo(hit.doc.clone(), hit.range.clone()).into());
            self.current = (self.current + 1) % self.hits.len();
        }
        let row_height = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical()
            .id_salt("search-results")
            .auto_shrink([false, true])
            .max_height(180.0)
            .show_rows(ui, row_height, self.hits.len(), |ui, rows| {
                for hit in &self.hits[rows] {
                    let mut job = egui::text::LayoutJob::default();
                    let font = egui::FontId::proportional(13.0);
                    let fmt = |color, background| egui::TextFormat {
                        font_id: font.clone(),
                        color,
                        background,
                        ..Default::default()
                    };
                    let gray = egui::Color32::GRAY;
                    let none = egui::Color32::TRANSPARENT;
                    if self.all_documents {
                        job.append(&format!("{}  ", hit.doc), 0.0, fmt(gray, none));
                    }
                    job.append(&format!("…{}", hit.before), 0.0, fmt(gray, none));
                    job.append(
                        &hit.matched,
                        0.0,
                        fmt(
                            ui.visuals().strong_text_color(),
                            ui.visuals().selection.bg_fill,
                        ),
                    );
                    job.append(&format!("{}…", hit.after), 0.0, fmt(gray, none));
                    if ui
                        .add(egui::Button::selectable(false, job).truncate())
                        .clicked()
                    {
                        commands.push(AppMessage::GoTo(hit.doc.clone(), hit.range.clone()).into());
                    }
                }
            });
        (commands, close)
    }
}
