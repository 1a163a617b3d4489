//! Every annotation of the corpus in one table: filter by label, speaker, addressee, document and
//! text, sort by any column, and jump to a span with a click.

use super::command::{Action, AppMessage};
use super::labels::label_color;
use crate::corpus::Corpus;
use crate::project::{AnnotationId, Label, Project};
use crate::speakers::fold;
use crate::text::plural::count;
use egui::{RichText, Ui};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Document,
    Label,
    Speaker,
    Addressee,
    /// Who last made or changed the annotation.
    Analyst,
    Text,
}

impl Column {
    const ALL: [Column; 6] = [
        Column::Document,
        Column::Label,
        Column::Speaker,
        Column::Addressee,
        Column::Analyst,
        Column::Text,
    ];

    fn title(self) -> &'static str {
        match self {
            Column::Document => "document",
            Column::Label => "label",
            Column::Speaker => "speakers",
            Column::Addressee => "addressee",
            Column::Analyst => "analyst",
            Column::Text => "text",
        }
    }

    fn width(self) -> f32 {
        match self {
            Column::Document => 150.0,
            Column::Label => 70.0,
            Column::Speaker => 170.0,
            Column::Addressee => 120.0,
            Column::Analyst => 100.0,
            Column::Text => 420.0,
        }
    }
}

#[derive(Clone, Debug)]
struct Row {
    id: AnnotationId,
    /// The document's path, for sorting in corpus order.
    doc: String,
    /// Its title (from the metadata or the text), what the analyst knows it by.
    title: String,
    label: Label,
    speakers: String,
    addressee: String,
    analyst: String,
    text: String,
    start: usize,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Filters {
    label: Option<Label>,
    speaker: String,
    addressee: String,
    document: String,
    text: String,
}

pub struct TableView {
    filters: Filters,
    sort: (Column, bool),
    rows: Vec<Row>,
    /// What `rows` were built for: project revision, filters and sort.
    key: Option<(u64, Filters, (Column, bool))>,
}

impl Default for TableView {
    fn default() -> Self {
        Self {
            filters: Filters::default(),
            sort: (Column::Document, true),
            rows: Vec::new(),
            key: None,
        }
    }
}

impl TableView {
    /// The table opened again with the filters and sort it was closed with; its rows are made
    /// anew, since the project may be another one by now.
    pub fn reopened(mut self) -> Self {
        self.key = None;
        self
    }

    fn refresh(&mut self, project: &Project, corpus: &Corpus, revision: u64) {
        let key = (revision, self.filters.clone(), self.sort);
        if self.key.as_ref() == Some(&key) {
            return;
        }
        self.key = Some(key);
        let f = &self.filters;
        let (speaker, addressee, document, text) = (
            fold(f.speaker.trim()),
            fold(f.addressee.trim()),
            fold(f.document.trim()),
            fold(f.text.trim()),
        );
        let title_of = |d: &crate::project::DocEntry| {
            d.metadata
                .title
                .clone()
                .or_else(|| corpus.document(&d.path).map(|doc| doc.title.clone()))
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| d.path.clone())
        };
        self.rows = project
            .annotations()
            .filter(|(_, a)| f.label.is_none_or(|l| a.label == l))
            .map(|(d, a)| Row {
                id: a.id,
                doc: d.path.clone(),
                title: title_of(d),
                label: a.label,
                speakers: project.speakers_label(a).unwrap_or_default(),
                addressee: project
                    .speaker_name(a.addressee)
                    .unwrap_or_default()
                    .to_string(),
                analyst: a.annotator.clone(),
                text: a.display_text(),
                start: a.start(),
            })
            .filter(|r| {
                fold(&r.speakers).contains(&speaker)
                    && fold(&r.addressee).contains(&addressee)
                    && (fold(&r.title).contains(&document) || fold(&r.doc).contains(&document))
                    && fold(&r.text).contains(&text)
            })
            .collect();
        let (column, ascending) = self.sort;
        self.rows.sort_by(|a, b| {
            let order = match column {
                Column::Document => (&a.doc, a.start).cmp(&(&b.doc, b.start)),
                Column::Label => a.label.cmp(&b.label),
                Column::Speaker => fold(&a.speakers).cmp(&fold(&b.speakers)),
                Column::Addressee => fold(&a.addressee).cmp(&fold(&b.addressee)),
                Column::Analyst => fold(&a.analyst).cmp(&fold(&b.analyst)),
                Column::Text => fold(&a.text).cmp(&fold(&b.text)),
            };
            if ascending { order } else { order.reverse() }
        });
    }

    pub fn show(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        corpus: &Corpus,
        revision: u64,
    ) -> Vec<Action> {
        let mut commands = Vec::new();
        ui.horizontal_wrapped(|ui| {
            ui.label("Label");
            egui::ComboBox::from_id_salt("table-label")
                .selected_text(self.filters.label.map_or("any", |l| l.name()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filters.label, None, "any");
                    for l in Label::ALL {
                        ui.selectable_value(&mut self.filters.label, Some(l), l.name());
                    }
                });
            for (name, value) in [
                ("Speaker", &mut self.filters.speaker),
                ("Addressee", &mut self.filters.addressee),
                ("Document", &mut self.filters.document),
                ("Text", &mut self.filters.text),
            ] {
                let label = ui.label(name);
                ui.add(egui::TextEdit::singleline(value).desired_width(110.0))
                    .labelled_by(label.id);
            }
        });
        self.refresh(project, corpus, revision);
        ui.label(count(self.rows.len(), "annotation", "annotations"));
        ui.horizontal(|ui| {
            for c in Column::ALL {
                let arrow = match self.sort {
                    (s, true) if s == c => " (up)",
                    (s, false) if s == c => " (down)",
                    _ => "",
                };
                let r = ui.add_sized(
                    [c.width(), ui.spacing().interact_size.y],
                    egui::Button::new(RichText::new(format!("{}{arrow}", c.title())).strong())
                        .frame(false),
                );
                if r.on_hover_text("Sort by this column; again to reverse")
                    .clicked()
                {
                    self.sort = if self.sort.0 == c {
                        (c, !self.sort.1)
                    } else {
                        (c, true)
                    };
                }
            }
        });
        let row_height = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical()
            .id_salt("annotation-table")
            .auto_shrink([false, false])
            .show_rows(ui, row_height, self.rows.len(), |ui, range| {
                for r in &self.rows[range] {
                    let response = ui
                        .horizontal(|ui| {
                            // Left-aligned cells of fixed width; a cut text shows whole on hover.
                            let cell = |ui: &mut Ui, c: Column, text: RichText| {
                                ui.allocate_ui_with_layout(
                                    egui::vec2(c.width(), row_height),
                                    egui::Layout::left_to_right(egui::Align::Center),
                                    |ui| {
                                        ui.set_min_width(c.width());
                                        ui.add(
                                            egui::Label::new(text)
                                                .truncate()
                                                .sense(egui::Sense::click()),
                                        )
                                    },
                                )
                                .inner
                            };
                            let mut clicked = cell(ui, Column::Document, RichText::new(&r.title))
                                .on_hover_text(&r.doc)
                                .clicked();
                            clicked |= cell(
                                ui,
                                Column::Label,
                                RichText::new(r.label.name()).color(label_color(r.label)),
                            )
                            .clicked();
                            clicked |=
                                cell(ui, Column::Speaker, RichText::new(&r.speakers)).clicked();
                            clicked |=
                                cell(ui, Column::Addressee, RichText::new(&r.addressee)).clicked();
                            clicked |=
                                cell(ui, Column::Analyst, RichText::new(&r.analyst)).clicked();
                            clicked |= cell(ui, Column::Text, RichText::new(&r.text)).clicked();
                            clicked
                        })
                        .inner;
                    if response {
                        commands.push(AppMessage::RevealAnnotation(r.id).into());
                    }
                }
            });
        commands
    }
}
