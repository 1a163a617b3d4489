//! The adjudication view: one lane per analyst under the reading view, listing that analyst's
//! spans of the open document (agreeing ones marked), with the document's agreement figures;
//! the selected span or every agreeing span is accepted into the open (curated) project.

use crate::agree::Coder;
use crate::project::Label;
use crate::ui::command::{Action, AppMessage, UiCommand};
use crate::ui::labels::label_color;
use crate::workspace::{DocAgreement, Intent, Lane, Workspace};
use egui::Ui;

/// The analysts' projects compared with the open one, and the span selected in a lane.
#[derive(Default)]
pub struct Adjudication {
    pub coders: Vec<Coder>,
    /// (lane, span) in the lanes of the open document.
    pub selected: Option<(usize, usize)>,
    /// Lanes and figures of (document, project revision), rebuilt only when either changes.
    cached: Option<Cached>,
}

/// (document, project revision), the lanes and the figures drawn for them.
type Cached = ((String, u64), Vec<Lane>, Option<DocAgreement>);

/// A figure with three decimals, or a dash when undefined.
fn figure(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| format!("{v:.3}"))
}

impl Adjudication {
    /// Adds analysts' projects; an error names the file and what is wrong with it.
    pub fn add(&mut self, coders: Vec<Coder>) {
        self.coders.extend(coders);
        self.cached = None;
        self.selected = None;
    }

    fn refresh(&mut self, ws: &Workspace, doc: &str) {
        let key = (doc.to_string(), ws.revision());
        if self.cached.as_ref().is_some_and(|(k, ..)| *k == key) {
            return;
        }
        if self.cached.as_ref().is_some_and(|((d, _), ..)| d != doc) {
            self.selected = None;
        }
        let lanes = ws.adjudication(&self.coders, doc);
        let figures = ws.doc_agreement(&self.coders, doc);
        self.cached = Some((key, lanes, figures));
    }

    /// The change accepting the selected span makes, if a span is selected.
    pub fn accept_selected(&mut self, ws: &Workspace, doc: &str) -> Option<Intent> {
        self.refresh(ws, doc);
        let (lane, span) = self.selected?;
        let (_, lanes, _) = self.cached.as_ref()?;
        let span = lanes.get(lane)?.spans.get(span)?;
        Some(Intent::AcceptSpans {
            doc: doc.to_string(),
            spans: vec![span.to_accept()],
        })
    }

    /// The change accepting every agreeing span not yet curated, if there is one.
    pub fn accept_agreeing(&self, ws: &Workspace, doc: &str) -> Option<Intent> {
        let spans = ws.agreeing_to_accept(&self.coders, doc);
        (!spans.is_empty()).then(|| Intent::AcceptSpans {
            doc: doc.to_string(),
            spans,
        })
    }

    /// Draws the figures and the lanes; clicks select a span, the buttons send the commands.
    pub fn show(&mut self, ui: &mut Ui, ws: &Workspace, doc: &str) -> Vec<Action> {
        self.refresh(ws, doc);
        let mut out: Vec<Action> = Vec::new();
        let Some((_, lanes, figures)) = &self.cached else {
            return out;
        };
        ui.horizontal_wrapped(|ui| {
            ui.strong(format!("Adjudication: {} analysts", lanes.len()));
            let button = |ui: &mut Ui, command: UiCommand, words: &str, enabled: bool| {
                let hint = command.with_key_hint(words);
                ui.add_enabled(enabled, egui::Button::new(words))
                    .on_hover_text(hint)
                    .clicked()
            };
            if button(
                ui,
                UiCommand::AcceptAnalystSpan,
                "Accept selected",
                self.selected.is_some(),
            ) {
                out.push(UiCommand::AcceptAnalystSpan.into());
            }
            if button(
                ui,
                UiCommand::AcceptAgreeingSpans,
                "Accept all agreeing",
                true,
            ) {
                out.push(UiCommand::AcceptAgreeingSpans.into());
            }
            ui.separator();
            match figures {
                Some(f) => {
                    let alphas = Label::ALL
                        .iter()
                        .zip(&f.alpha)
                        .map(|(l, a)| format!("{} {}", l.key(), figure(*a)))
                        .collect::<Vec<_>>()
                        .join(", ");
                    ui.label(format!(
                        "This document: strict F1 {} · overlap F1 {} · alpha {alphas}",
                        figure(f.strict_f1),
                        figure(f.overlap_f1)
                    ));
                }
                None => {
                    ui.weak("Agreement needs two analysts on this text.");
                }
            }
        });
        ui.separator();
        let mut clicked = None;
        ui.columns(lanes.len().max(1), |columns| {
            for (i, (lane, ui)) in lanes.iter().zip(columns.iter_mut()).enumerate() {
                ui.strong(&lane.analyst);
                if lane.other_text {
                    ui.weak("annotated another text of this document (or none)");
                    continue;
                }
                ui.weak(format!(
                    "{} spans, {} agreeing",
                    lane.spans.len(),
                    lane.spans.iter().filter(|s| s.agreed).count()
                ));
                egui::ScrollArea::vertical()
                    .id_salt(("lane", i))
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        for (j, s) in lane.spans.iter().enumerate() {
                            let a = &s.annotation;
                            let mut text = egui::text::LayoutJob::default();
                            let plain = |c: egui::Color32| egui::TextFormat {
                                color: c,
                                ..Default::default()
                            };
                            let mark = match (s.agreed, s.in_curated) {
                                (_, true) => "[curated] ",
                                (true, false) => "[agreed] ",
                                _ => "",
                            };
                            text.append(mark, 0.0, plain(ui.visuals().weak_text_color()));
                            text.append(a.label.name(), 0.0, plain(label_color(a.label)));
                            let speaker = match s.speakers.first() {
                                Some(n) => format!(" · {n}"),
                                None => String::new(),
                            };
                            text.append(
                                &format!(" {}{speaker}", a.display_text()),
                                0.0,
                                plain(ui.visuals().text_color()),
                            );
                            let selected = self.selected == Some((i, j));
                            if ui.selectable_label(selected, text).clicked() {
                                clicked = Some((i, j));
                            }
                        }
                    });
            }
        });
        if let Some(at) = clicked {
            self.selected = Some(at);
            let (_, lanes, _) = self.cached.as_ref().expect("drawn from it");
            let a = &lanes[at.0].spans[at.1].annotation;
            if let Some(f) = a.fragments.first() {
                out.push(AppMessage::GoTo(doc.to_string(), f.start..f.end).into());
            }
        }
        out
    }
}
