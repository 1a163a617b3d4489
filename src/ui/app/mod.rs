//! The app's state: the open workspace, what the analyst is looking at, the panels and dialogs up.
//! The frame, the dialogs, the background jobs and the command handling live in the files below.

mod adjudicate;
mod commands;
mod editing;
mod files;
mod floating;
mod frame;
mod jobs;
mod menus;
mod messages;
mod modal;
mod suggesting;
mod suggestions;
mod window;

use super::annotation_panel::NoteBuffer;
use super::dialogs::FileDialogs;
use super::doc_view::DocViewState;
use super::orphan_panel::OrphanEntry;
use super::registry_window::RegistryView;
use super::search_panel::SearchState;
use super::settings::Settings;
use super::span_index::{PendingIndex, SpanIndex};
use super::suggestion_panel::SuggestionList;
use super::table_window::TableView;
use crate::corpus::LoadOptions;
use crate::project::AnnotationId;
use crate::workspace::Workspace;
use egui::Ui;
use jobs::{Autosave, Loading};
use modal::Modal;
use std::collections::VecDeque;
pub use window::viewport_from;

pub struct WhosaidApp {
    ws: Option<Workspace>,
    current_doc: Option<String>,
    view: DocViewState,
    spans: SpanIndex,
    /// Where the open document's pending suggestions fall, rebuilt with `spans`.
    pending_spans: PendingIndex,
    spans_key: Option<(String, u64)>,
    note: NoteBuffer,
    suggestion_list: SuggestionList,
    /// The dialog that has the keyboard and blocks the rest of the window, if any.
    modal: Option<Modal>,
    /// Dialogs asked for while another was up (a recovery offer behind the warnings of an
    /// open), shown in turn.
    waiting: VecDeque<Modal>,
    status: String,
    dialogs: Box<dyn FileDialogs>,
    settings: Settings,
    title: String,
    allow_close: bool,
    /// Annotation count for the status bar, recounted only when the project changes.
    counted: Option<(u64, usize)>,
    autosave: Autosave,
    /// Orphaned annotations, recollected only when the project changes.
    orphans: (Option<u64>, Vec<OrphanEntry>),
    selected_orphan: Option<AnnotationId>,
    registry: Option<RegistryView>,
    search: Option<SearchState>,
    table: Option<TableView>,
    /// Where the registry and table windows are, and a span they revealed.
    floating: floating::FloatingState,
    /// Where the reading view was painted in the last frame.
    reading_rect: egui::Rect,
    /// The table as it was closed: reopened with its filters and sort.
    closed_table: Option<TableView>,
    /// Asks the analyst's name when neither the settings nor git give one.
    name_prompt: Option<super::annotator_prompt::NamePrompt>,
    /// Lists the conflicts a merge left in the project, for settling.
    conflicts: super::conflict_panel::ConflictList,
    load_options: LoadOptions,
    /// A project or corpus being opened in the background.
    loading: Option<Loading>,
    /// Suggestions being looked for in every document, in the background.
    suggesting: Option<suggesting::Suggesting>,
    /// Whether the settings' zoom and theme were put on the window (first frame).
    look_applied: bool,
    /// The window's last place while neither maximized nor fullscreen, and whether it is now:
    /// kept in the settings when it closes.
    window_place: Option<super::settings::WindowPlace>,
    window_maximized: bool,
    /// Other analysts' projects listed in lanes under the text, when adjudicating.
    adjudication: Option<super::adjudication::Adjudication>,
}

impl eframe::App for WhosaidApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}

impl WhosaidApp {
    pub fn new(dialogs: Box<dyn FileDialogs>, settings: Settings) -> Self {
        Self {
            ws: None,
            current_doc: None,
            view: DocViewState::default(),
            spans: SpanIndex::default(),
            pending_spans: PendingIndex::default(),
            spans_key: None,
            note: NoteBuffer::default(),
            suggestion_list: SuggestionList::default(),
            modal: None,
            waiting: VecDeque::new(),
            status: String::new(),
            dialogs,
            settings,
            title: String::new(),
            allow_close: false,
            counted: None,
            autosave: Autosave::default(),
            orphans: (None, Vec::new()),
            selected_orphan: None,
            registry: None,
            search: None,
            table: None,
            closed_table: None,
            floating: Default::default(),
            reading_rect: egui::Rect::NOTHING,
            name_prompt: None,
            conflicts: Default::default(),
            load_options: LoadOptions::default(),
            loading: None,
            suggesting: None,
            look_applied: false,
            window_place: None,
            window_maximized: false,
            adjudication: None,
        }
    }

    /// How corpora are loaded from now on (e.g. lossy UTF-8, from the command line).
    pub fn set_load_options(&mut self, options: LoadOptions) {
        self.load_options = options;
    }

    pub fn workspace(&self) -> Option<&Workspace> {
        self.ws.as_ref()
    }

    pub fn current_document(&self) -> Option<&str> {
        self.current_doc.as_deref()
    }

    pub fn selected_annotation(&self) -> Option<AnnotationId> {
        self.view.selected
    }

    pub fn selection(&self) -> std::ops::Range<usize> {
        self.view.selection.range()
    }

    /// The pending suggestion being looked at (Tab, a click), if any.
    pub fn current_suggestion(&self) -> Option<u64> {
        self.view.suggestion
    }

    /// The pending suggestions whose outlines the reading view painted in the last frame.
    pub fn painted_suggestions(&self) -> &[u64] {
        &self.view.painted_suggestions
    }

    pub fn status(&self) -> &str {
        &self.status
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// Where the gap before code point `offset` of the open document was painted, if visible.
    pub fn screen_pos_of(&mut self, offset: usize) -> Option<egui::Pos2> {
        let ws = self.ws.as_ref()?;
        let doc = ws.corpus().document(self.current_doc.as_deref()?)?;
        self.view.screen_pos_of(&doc.text, offset)
    }

    fn select_document(&mut self, doc: Option<String>) {
        self.current_doc = doc.clone();
        self.view = DocViewState::default();
        self.spans_key = None;
        if let Some(ws) = &mut self.ws {
            // Remembered in the project so reopening returns here; not an edit of the work.
            ws.set_open_document(doc);
        }
    }
}

/// An undo description inside a sentence: "Delete claim “…”" -> "delete claim “…”" ("NATO …"
/// keeps its capitals).
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(s[a.len_utf8()..].chars()).collect()
        }
        _ => s.to_string(),
    }
}

/// "1 suggestion", "3 suggestions".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
