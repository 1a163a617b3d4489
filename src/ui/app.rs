//! The app shell: panels, shortcuts, modals, and `run_action`, the one place commands take effect.

use super::annotation_panel::{self, NoteBuffer};
use super::command::{
    Action, AppMessage, UiCommand, help_lines, plain_key_command, spell_shortcut,
    suggestion_key_command,
};
use super::dialogs::{DialogKind, DialogOutcome, FileDialogs};
use super::doc_list;
use super::doc_view::{self, DocViewInput, DocViewState, TextSelection};
use super::import_dialog::{ImportDialog, ImportRequest};
use super::labels::{label_color, label_fill, label_keys};
use super::metadata_editor::MetadataEditor;
use super::modals::{self, ConflictChoice, DiscardChoice, PathPrompt, PathPurpose, PromptOutcome};
use super::orphan_panel::{self, OrphanEntry};
use super::registry_window::RegistryView;
use super::search_panel::SearchState;
use super::settings::Settings;
use super::span_index::{PendingIndex, SpanIndex};
use super::speaker_editor::SpeakerEditor;
use super::speaker_picker::{PickTarget, PickerOutcome, SpeakerPicker};
use super::suggestion_panel::{self, SuggestionList};
use super::table_window::TableView;
use crate::corpus::LoadOptions;
use crate::interop::exporters;
use crate::progress::Progress;
use crate::project::{AnnotationId, Guess, Label, Pending};
use crate::workspace::{Intent, OpenError, RecoveryOffer, SaveFailure, SpeakerRole, Workspace};
use egui::{Key, RichText, Ui};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What to do once the unsaved-changes question is answered.
#[derive(Clone, Debug, PartialEq)]
enum AfterConfirm {
    Close,
    Open(PathBuf),
    Import,
}

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
    picker: Option<SpeakerPicker>,
    speaker_editor: Option<SpeakerEditor>,
    metadata_editor: Option<MetadataEditor>,
    import_dialog: Option<ImportDialog>,
    prompt: Option<PathPrompt>,
    confirm: Option<AfterConfirm>,
    /// Saving found the project file changed on disk: ask what to do.
    disk_conflict: bool,
    message: Option<(String, Vec<String>)>,
    show_shortcuts: bool,
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
    load_options: LoadOptions,
    /// A project or corpus being opened in the background.
    loading: Option<Loading>,
    /// Unsaved work found beside the project on open, waiting for the user's answer.
    recovery: Option<RecoveryOffer>,
}

/// Unsaved changes go to the recovery file once editing pauses for `PAUSE` seconds, and at least
/// every `MAX_WAIT` seconds while it does not.
#[derive(Default)]
struct Autosave {
    revision: u64,
    /// When the newest change was seen, and when the oldest not yet written (egui time, seconds).
    last_change: f64,
    first_pending: Option<f64>,
    /// The recovery file being written on another thread.
    writing: Option<std::thread::JoinHandle<std::io::Result<PathBuf>>>,
}

impl Autosave {
    const PAUSE: f64 = 3.0;
    const MAX_WAIT: f64 = 20.0;
}

impl Drop for WhosaidApp {
    /// A panic unwinds through here: write the unsaved work to the recovery file on the way out.
    /// An autosave still being written is let finish, so no half-written temporary is left.
    fn drop(&mut self) {
        if let Some(handle) = self.autosave.writing.take() {
            let _ = handle.join();
        }
        if std::thread::panicking()
            && let Some(ws) = &self.ws
            && ws.is_dirty()
        {
            match ws.write_recovery() {
                Ok(file) => eprintln!("whosaid: unsaved work written to {}", file.display()),
                Err(e) => eprintln!("whosaid: could not write the recovery file: {e}"),
            }
        }
    }
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
            picker: None,
            speaker_editor: None,
            metadata_editor: None,
            import_dialog: None,
            prompt: None,
            confirm: None,
            disk_conflict: false,
            message: None,
            show_shortcuts: false,
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
            load_options: LoadOptions::default(),
            loading: None,
            recovery: None,
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
        let doc = ws.corpus.document(self.current_doc.as_deref()?)?;
        self.view.screen_pos_of(&doc.text, offset)
    }

    /// Opens a project file or a corpus folder, replacing what is open (without asking).
    pub fn open_path(&mut self, path: &Path) {
        let opened = open_workspace(path, &self.load_options, &Progress::default());
        self.take_opened(path, opened);
    }

    /// Opens in a background thread so that a huge corpus never freezes the window; the current
    /// project stays until the new one is ready.
    pub fn open_path_in_background(&mut self, ctx: &egui::Context, path: &Path) {
        let (tx, rx) = std::sync::mpsc::channel();
        let progress = Arc::new(Progress::default());
        let (path, options, ctx) = (path.to_owned(), self.load_options, ctx.clone());
        let (thread_path, thread_progress) = (path.clone(), progress.clone());
        std::thread::spawn(move || {
            let _ = tx.send(open_workspace(&thread_path, &options, &thread_progress));
            ctx.request_repaint();
        });
        self.status = format!("Opening {}…", path.display());
        self.loading = Some(Loading {
            path,
            result: rx,
            progress,
        });
    }

    /// Whether a project or corpus is being opened in the background.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    fn poll_loading(&mut self, ctx: &egui::Context) {
        let Some(loading) = &self.loading else {
            return;
        };
        match loading.result.try_recv() {
            Ok(opened) => {
                let path = loading.path.clone();
                self.loading = None;
                self.take_opened(&path, opened);
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                self.status = format!(
                    "Opening {}: {}…",
                    loading.path.display(),
                    loading.progress.describe()
                );
                // The count moves on its own thread; look again soon.
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.loading = None;
                self.status = "Opening failed unexpectedly".into();
            }
        }
    }

    fn take_opened(&mut self, path: &Path, opened: Result<Workspace, OpenError>) {
        match opened {
            Ok(ws) => {
                if !path.is_dir() {
                    self.settings.add_recent(path);
                }
                if !ws.warnings.is_empty() {
                    self.message = Some((
                        format!("Opened {} with warnings", path.display()),
                        ws.warnings.clone(),
                    ));
                }
                let doc = ws
                    .project
                    .view
                    .open_document
                    .clone()
                    .filter(|d| ws.corpus.document(d).is_some())
                    .or_else(|| ws.corpus.documents.first().map(|d| d.path.clone()));
                self.status = format!("Opened {}", path.display());
                // An autosave of what was open before lands before anything is read anew.
                self.finish_autosave(true);
                self.recovery = ws.recovery_offer();
                self.ws = Some(ws);
                self.counted = None;
                self.orphans = (None, Vec::new());
                self.autosave = Autosave::default();
                self.select_document(doc);
            }
            Err(e) => {
                self.message = Some(("Could not open".into(), vec![e.to_string()]));
                self.status = format!("Could not open {}", path.display());
            }
        }
    }

    fn open_import_dialog(&mut self) {
        let corpus = self.ws.as_ref().map(|ws| {
            std::fs::canonicalize(&ws.corpus.root).unwrap_or_else(|_| ws.corpus.root.clone())
        });
        self.import_dialog = Some(ImportDialog::new(corpus));
    }

    /// Imports as asked: the result replaces the open project, unsaved, with the problems found
    /// listed; nothing changes when nothing could be imported.
    fn import(&mut self, request: &ImportRequest) {
        use crate::interop::import::{ImportOptions, Mapping, import};
        let attempt = || -> Result<(Workspace, Vec<String>, usize), String> {
            let mapping = Mapping::parse(&[request.map.as_str()])?;
            let mut ws = Workspace::open_corpus_with(&request.corpus, &self.load_options)
                .map_err(|e| e.to_string())?;
            let options = ImportOptions {
                mapping,
                offsets: None,
            };
            let imported = import(&ws, request.format, &request.input, &options)?;
            let mut problems = ws.warnings.clone();
            problems.extend(imported.problems);
            if imported.annotations == 0 {
                return Err(format!(
                    "nothing could be imported from {}{}",
                    request.input.display(),
                    problems
                        .first()
                        .map(|p| format!(": {p}"))
                        .unwrap_or_default()
                ));
            }
            ws.adopt_imported(imported.project);
            Ok((ws, problems, imported.annotations))
        };
        match attempt() {
            Ok((ws, problems, count)) => {
                let title = format!(
                    "Imported {count} annotations from {} ({} problems)",
                    request.input.display(),
                    problems.len()
                );
                if !problems.is_empty() {
                    self.message = Some((title.clone(), problems));
                }
                let first = ws.corpus.documents.first().map(|d| d.path.clone());
                self.finish_autosave(true);
                self.ws = Some(ws);
                self.counted = None;
                self.orphans = (None, Vec::new());
                self.autosave = Autosave::default();
                self.select_document(first);
                self.status = format!("{title}; save it with Save as (Ctrl+Shift+S)");
            }
            Err(e) => self.message = Some(("Could not import".into(), vec![e])),
        }
    }

    fn select_document(&mut self, doc: Option<String>) {
        self.current_doc = doc.clone();
        self.view = DocViewState::default();
        self.spans_key = None;
        if let Some(ws) = &mut self.ws {
            // Remembered in the project so reopening returns here; not an edit of the work.
            ws.project.view.open_document = doc;
        }
    }

    /// Draws the whole app for one frame and carries out what the user asked for.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let mut commands = Vec::new();
        self.poll_loading(&ctx);
        self.handle_close_request(&ctx);
        let modal_open = self.picker.is_some()
            || self.speaker_editor.is_some()
            || self.metadata_editor.is_some()
            || self.import_dialog.is_some()
            || self.prompt.is_some()
            || self.confirm.is_some()
            || self.disk_conflict
            || self.recovery.is_some()
            || self.message.is_some()
            || self.show_shortcuts;
        if !modal_open {
            self.shortcut_commands(ui, &mut commands);
        }
        self.refresh_spans();

        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| self.menu(ui, &mut commands));
            self.toolbar(ui, &mut commands);
        });
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if let Some(ws) = &self.ws {
            if self.orphans.0 != Some(ws.revision()) {
                self.orphans = (Some(ws.revision()), orphan_panel::collect(ws));
            }
            egui::Panel::left("documents")
                .resizable(true)
                .default_size(270.0)
                .show(ui, |ui| {
                    if !self.orphans.1.is_empty() {
                        egui::Panel::bottom("orphans")
                            .resizable(true)
                            .default_size(220.0)
                            .show(ui, |ui| {
                                let can_attach = !self.view.selection.is_empty();
                                commands.extend(orphan_panel::show(
                                    ui,
                                    &self.orphans.1,
                                    self.selected_orphan,
                                    can_attach,
                                ));
                            });
                    }
                    commands.extend(doc_list::show(ui, ws, self.current_doc.as_deref()));
                });
            if let Some(doc) = &self.current_doc {
                egui::Panel::right("annotations")
                    .resizable(true)
                    .default_size(340.0)
                    .show(ui, |ui| {
                        commands.extend(suggestion_panel::show(
                            ui,
                            &ws.project,
                            doc,
                            ws.pending_of(doc),
                            self.view.suggestion,
                            &mut self.suggestion_list,
                        ));
                        ui.separator();
                        commands.extend(annotation_panel::show(
                            ui,
                            &ws.project,
                            doc,
                            self.view.selected,
                            &mut self.note,
                        ));
                    });
            }
        }
        if let (Some(search), Some(ws)) = (&mut self.search, &self.ws) {
            let mut close = false;
            egui::Panel::bottom("search")
                .resizable(true)
                .show(ui, |ui| {
                    let (found, closing) = search.show(ui, ws, self.current_doc.as_deref());
                    commands.extend(found);
                    close = closing;
                });
            if close {
                self.search = None;
            }
        }
        egui::CentralPanel::default().show(ui, |ui| {
            let doc = self.ws.as_ref().and_then(|ws| {
                let path = self.current_doc.as_deref()?;
                Some((ws, ws.corpus.document(path)?, ws.project.document(path)?))
            });
            match doc {
                Some((ws, doc, entry)) => {
                    let input = DocViewInput {
                        doc,
                        entry,
                        project: &ws.project,
                        spans: &self.spans,
                        pending: ws.pending_of(&doc.path),
                        pending_spans: &self.pending_spans,
                    };
                    commands.extend(doc_view::show(ui, &input, &mut self.view));
                }
                None if self.loading.is_some() => {
                    ui.centered_and_justified(|ui| {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label(&self.status);
                        });
                    });
                }
                None => {
                    ui.centered_and_justified(|ui| {
                        ui.label(
                            "Open a project (Ctrl+O) or a corpus folder (Ctrl+Shift+O) from the File menu.",
                        );
                    });
                }
            }
        });
        if let (Some(registry), Some(ws)) = (&mut self.registry, &self.ws) {
            registry.refresh(&ws.project, &ws.corpus, ws.revision());
            let mut open = true;
            egui::Window::new("Speakers")
                .open(&mut open)
                .default_size([660.0, 600.0])
                .resizable(true)
                .show(&ctx, |ui| commands.extend(registry.show(ui)));
            if !open {
                commands.push(UiCommand::ToggleRegistry.into());
            }
        }
        if let (Some(table), Some(ws)) = (&mut self.table, &self.ws) {
            let mut open = true;
            egui::Window::new("All annotations")
                .open(&mut open)
                .default_size([980.0, 520.0])
                .resizable(true)
                .show(&ctx, |ui| {
                    commands.extend(table.show(ui, &ws.project, ws.revision()))
                });
            if !open {
                commands.push(UiCommand::ToggleTable.into());
            }
        }
        self.modals(&ctx, &mut commands);
        for action in commands {
            self.run_action(&ctx, action);
        }
        self.autosave(&ctx);
        self.update_title(&ctx);
    }

    /// Waits for a recovery file being written, and reports if writing it failed. Saving waits
    /// for it first, so that an older autosave never lands after the save that made it obsolete.
    fn finish_autosave(&mut self, wait: bool) {
        let state = &mut self.autosave;
        if state
            .writing
            .as_ref()
            .is_some_and(|h| wait || h.is_finished())
            && let Some(handle) = state.writing.take()
        {
            match handle.join() {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => self.status = format!("Autosave failed: {e}"),
                Err(_) => self.status = "Autosave failed unexpectedly".into(),
            }
        }
    }

    fn autosave(&mut self, ctx: &egui::Context) {
        self.finish_autosave(false);
        let Some(ws) = &self.ws else { return };
        let now = ctx.input(|i| i.time);
        let state = &mut self.autosave;
        if ws.revision() != state.revision {
            state.revision = ws.revision();
            state.last_change = now;
            state.first_pending = if ws.is_dirty() {
                state.first_pending.or(Some(now))
            } else {
                None
            };
        }
        if !ws.is_dirty() {
            // Saved since the change (a save does not change the revision): nothing to recover.
            state.first_pending = None;
        }
        let Some(first) = state.first_pending else {
            return;
        };
        let due = (state.last_change + Autosave::PAUSE).min(first + Autosave::MAX_WAIT);
        if now >= due {
            if state.writing.is_some() {
                // The previous copy is still being written; try again next frame.
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                return;
            }
            state.first_pending = None;
            let write = ws.recovery_writer();
            let ctx = ctx.clone();
            state.writing = Some(std::thread::spawn(move || {
                let result = write();
                ctx.request_repaint();
                result
            }));
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - now));
        }
    }

    fn refresh_spans(&mut self) {
        let (Some(ws), Some(path)) = (&self.ws, &self.current_doc) else {
            return;
        };
        let key = (path.clone(), ws.revision());
        if self.spans_key.as_ref() == Some(&key) {
            return;
        }
        if let (Some(doc), Some(entry)) = (ws.corpus.document(path), ws.project.document(path)) {
            self.spans = SpanIndex::build(entry, &doc.text);
            self.pending_spans = PendingIndex::build(ws.pending_of(path), &doc.text);
        }
        self.spans_key = Some(key);
    }

    fn shortcut_commands(&mut self, ui: &Ui, commands: &mut Vec<Action>) {
        ui.input_mut(|i| {
            for (c, s) in UiCommand::with_shortcuts() {
                if i.consume_shortcut(&s) {
                    commands.push(c.into());
                }
            }
        });
        if ui.ctx().text_edit_focused() {
            return;
        }
        if let (Some(ws), Some(path)) = (&self.ws, &self.current_doc)
            && let Some(doc) = ws.corpus.document(path)
        {
            doc_view::handle_selection_keys(ui, &doc.text, &mut self.view);
        }
        self.suggestion_keys(ui, commands);
        ui.input_mut(|i| {
            i.events.retain(|e| match e {
                egui::Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } if !modifiers.command && !modifiers.alt => {
                    match plain_key_command(*key, modifiers.shift) {
                        Some(c) => {
                            commands.push(c.into());
                            false
                        }
                        None => true,
                    }
                }
                _ => true,
            })
        });
    }

    /// Tab / Shift+Tab, Enter, Backspace and Escape for pending suggestions. Egui has already
    /// read Tab as "move the keyboard focus" for this frame: that is called off when we take it.
    fn suggestion_keys(&mut self, ui: &Ui, commands: &mut Vec<Action>) {
        let pending = match (&self.ws, &self.current_doc) {
            (Some(ws), Some(doc)) => ws.pending_of(doc).len(),
            _ => return,
        };
        let current = self.view.suggestion.is_some();
        let mut took_tab = false;
        ui.input_mut(|i| {
            i.events.retain(|e| match e {
                egui::Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } => match suggestion_key_command(*key, *modifiers, pending > 0, current) {
                    Some(c) => {
                        took_tab |= *key == Key::Tab;
                        commands.push(c.into());
                        false
                    }
                    None => true,
                },
                _ => true,
            })
        });
        if took_tab {
            ui.memory_mut(|m| {
                m.move_focus(egui::FocusDirection::None);
                // A button focused before keeps no focus ring: the text has the keyboard.
                if let Some(focused) = m.focused() {
                    m.surrender_focus(focused);
                }
            });
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        let dirty = self.ws.as_ref().is_some_and(Workspace::is_dirty);
        if dirty && !self.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm = Some(AfterConfirm::Close);
        }
    }

    fn menu(&mut self, ui: &mut Ui, commands: &mut Vec<Action>) {
        // A menu item in the command's own words (or `text`), with its main key beside it.
        let item_as = |ui: &mut Ui, text: &str, command: UiCommand, commands: &mut Vec<Action>| {
            let info = command.info();
            let mut button = egui::Button::new(text);
            if let Some(s) = command.menu_shortcut() {
                button = button.shortcut_text(spell_shortcut(&s, |s| ui.ctx().format_shortcut(s)));
            }
            if ui.add(button).on_hover_text(info.tooltip).clicked() {
                commands.push(command.into());
            }
        };
        let item = |ui: &mut Ui, command: UiCommand, commands: &mut Vec<Action>| {
            item_as(ui, command.info().words, command, commands);
        };
        ui.menu_button("File", |ui| {
            item(ui, UiCommand::OpenProject, commands);
            item(ui, UiCommand::OpenCorpus, commands);
            ui.menu_button("Open recent", |ui| {
                if self.settings.recent.is_empty() {
                    ui.weak("No recent projects");
                }
                for p in &self.settings.recent {
                    if ui.button(p.display().to_string()).clicked() {
                        commands.push(AppMessage::Open(p.clone()).into());
                    }
                }
            });
            ui.separator();
            item(ui, UiCommand::Save, commands);
            item(ui, UiCommand::SaveAs, commands);
            item(ui, UiCommand::Import, commands);
            ui.menu_button("Export", |ui| {
                for exporter in exporters() {
                    item(ui, UiCommand::Export(exporter.format), commands);
                }
            });
            ui.separator();
            item(ui, UiCommand::Quit, commands);
        });
        ui.menu_button("Edit", |ui| {
            let history = self.ws.as_ref().map(|ws| &ws.history);
            let undo = history
                .and_then(|h| h.undo_description())
                .map(str::to_string);
            let redo = history
                .and_then(|h| h.redo_description())
                .map(str::to_string);
            ui.add_enabled_ui(undo.is_some(), |ui| {
                let text = format!("Undo {}", lower_first(&undo.unwrap_or_default()));
                item_as(ui, text.trim(), UiCommand::Undo, commands);
            });
            ui.add_enabled_ui(redo.is_some(), |ui| {
                let text = format!("Redo {}", lower_first(&redo.unwrap_or_default()));
                item_as(ui, text.trim(), UiCommand::Redo, commands);
            });
            ui.separator();
            item(ui, UiCommand::PickSpeaker(SpeakerRole::Main), commands);
            item(ui, UiCommand::PickSpeaker(SpeakerRole::Another), commands);
            item(ui, UiCommand::PickSpeaker(SpeakerRole::Addressee), commands);
            item(ui, UiCommand::SetCue, commands);
            item(ui, UiCommand::NextAnnotation, commands);
            item(ui, UiCommand::PreviousAnnotation, commands);
            item(ui, UiCommand::ToggleRegistry, commands);
            item(ui, UiCommand::ToggleTable, commands);
            item(ui, UiCommand::EditDocumentDetails, commands);
            item(ui, UiCommand::DeleteSelected, commands);
            ui.separator();
            item(ui, UiCommand::NextDocument, commands);
            item(ui, UiCommand::PreviousDocument, commands);
            item(ui, UiCommand::ToggleDone, commands);
        });
        ui.menu_button("Suggest", |ui| {
            for all_documents in [false, true] {
                item(ui, UiCommand::Suggest { all_documents }, commands);
            }
            ui.separator();
            item(ui, UiCommand::NextSuggestion, commands);
            item(ui, UiCommand::PreviousSuggestion, commands);
            item(ui, UiCommand::AcceptSuggestion, commands);
            item(ui, UiCommand::RejectSuggestion, commands);
            item(ui, UiCommand::AcceptAllSuggestions, commands);
        });
        ui.menu_button("Help", |ui| {
            item(ui, UiCommand::ShowShortcuts, commands);
        });
    }

    fn toolbar(&self, ui: &mut Ui, commands: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            ui.label("Tag selection:");
            for label in Label::ALL {
                let text = RichText::new(format!("{}  {}", label.name(), label_keys(label)))
                    .color(label_color(label))
                    .background_color(label_fill(label));
                if ui
                    .button(text)
                    .on_hover_text(format!("Tag the selected text as a {}", label.key()))
                    .clicked()
                {
                    commands.push(UiCommand::TagSelection(label).into());
                }
            }
            if ui
                .button("+ Fragment")
                .on_hover_text("Add the selected text to the selected annotation (+)")
                .clicked()
            {
                commands.push(UiCommand::AddFragment.into());
            }
            ui.separator();
            ui.weak(
                "underline: one per span, dashed = no speaker · click again to cycle overlapping spans · \
                 outline: a suggestion (Tab, Enter, Backspace)",
            );
        });
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if self.loading.is_some() {
                ui.spinner();
            }
            ui.label(&self.status);
            if let Some(ws) = &self.ws {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let total = match self.counted {
                        Some((rev, n)) if rev == ws.revision() => n,
                        _ => {
                            let n = ws.project.annotations().count();
                            self.counted = Some((ws.revision(), n));
                            n
                        }
                    };
                    ui.weak(format!(
                        "{} documents · {total} annotations · {} speakers{}",
                        ws.project.documents.len(),
                        ws.project.speakers.len(),
                        if ws.is_dirty() { " · unsaved" } else { "" }
                    ));
                    if !ws.warnings.is_empty()
                        && ui
                            .small_button(if ws.warnings.len() == 1 {
                                "1 warning".to_string()
                            } else {
                                format!("{} warnings", ws.warnings.len())
                            })
                            .clicked()
                    {
                        self.message = Some(("Warnings".into(), ws.warnings.clone()));
                    }
                });
            }
        });
    }

    fn modals(&mut self, ctx: &egui::Context, commands: &mut Vec<Action>) {
        if let (Some(picker), Some(ws)) = (&mut self.picker, &self.ws)
            && let Some(outcome) = picker.show(ctx, &ws.project)
        {
            let (target, role) = (picker.target.clone(), picker.role);
            self.picker = None;
            commands.extend(
                picked_intent(ws, target, role, outcome).map(|m| AppMessage::Perform(m).into()),
            );
        }
        if let Some(editor) = &mut self.metadata_editor
            && let Some(result) = editor.show(ctx)
        {
            self.metadata_editor = None;
            commands.extend(result.map(|m| AppMessage::Perform(m).into()));
        }
        if let Some(dialog) = &mut self.import_dialog
            && let Some(result) = dialog.show(ctx)
        {
            self.import_dialog = None;
            commands.extend(result.map(|m| AppMessage::ImportFrom(m).into()));
        }
        if let Some(editor) = &mut self.speaker_editor
            && let Some(result) = editor.show(ctx)
        {
            self.speaker_editor = None;
            if let Some(intent) = result {
                commands.push(AppMessage::Perform(intent).into());
            }
        }
        if let Some(prompt) = &mut self.prompt
            && let Some(outcome) = prompt.show(ctx)
        {
            let purpose = prompt.purpose;
            self.prompt = None;
            if let PromptOutcome::Accepted(path) = outcome {
                commands.push(
                    match purpose {
                        PathPurpose::Open => AppMessage::Open(path),
                        PathPurpose::SaveAs => AppMessage::SaveTo(path),
                        PathPurpose::Export(f) => AppMessage::ExportTo(f, path),
                    }
                    .into(),
                );
            }
        }
        if let Some(after) = self.confirm.clone() {
            let name = self
                .ws
                .as_ref()
                .map(Workspace::display_name)
                .unwrap_or_default();
            if let Some(choice) = modals::confirm_discard(ctx, &name) {
                self.confirm = None;
                let proceed = match choice {
                    DiscardChoice::Cancel => false,
                    DiscardChoice::Discard => true,
                    DiscardChoice::Save => self.save(ctx),
                };
                if proceed {
                    match after {
                        AfterConfirm::Close => {
                            self.allow_close = true;
                            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                        }
                        AfterConfirm::Open(path) => self.open_path_in_background(ctx, &path),
                        AfterConfirm::Import => self.open_import_dialog(),
                    }
                }
            }
        }
        if self.disk_conflict {
            let path = self
                .ws
                .as_ref()
                .and_then(|ws| ws.project_path.clone())
                .unwrap_or_default();
            if let Some(choice) = modals::disk_conflict(ctx, &path) {
                self.disk_conflict = false;
                match choice {
                    ConflictChoice::Overwrite => {
                        self.save_with(ctx, true);
                    }
                    ConflictChoice::SaveAs => commands.push(UiCommand::SaveAs.into()),
                    ConflictChoice::Cancel => {
                        self.status = "Not saved: the file on disk was left as it is".into()
                    }
                }
            }
        }
        if let Some(offer) = &self.recovery
            && let Some(restore) = modals::offer_recovery(ctx, offer)
        {
            let offer = self.recovery.take().expect("shown above");
            if let Some(ws) = &mut self.ws {
                if restore {
                    match ws.restore(offer) {
                        Ok(()) => self.status = "Restored the unsaved work".into(),
                        Err(e) => self.status = e,
                    }
                } else {
                    ws.decline_recovery(&offer);
                    self.status = "Kept the saved version; the recovery file was set aside".into();
                }
            }
        }
        if let Some((title, lines)) = &self.message
            && modals::message(ctx, title, lines)
        {
            self.message = None;
        }
        if self.show_shortcuts {
            let lines = help_lines(|s| ctx.format_shortcut(s));
            if modals::message(ctx, "Keyboard shortcuts", &lines) {
                self.show_shortcuts = false;
            }
        }
    }

    /// Saves; asks for a path if the project has none. Returns true when the work is on disk.
    fn save(&mut self, ctx: &egui::Context) -> bool {
        self.save_with(ctx, false)
    }

    /// Saves, overwriting a file that changed on disk only when `overwrite` (the user's choice).
    fn save_with(&mut self, ctx: &egui::Context, overwrite: bool) -> bool {
        self.finish_autosave(true);
        let Some(ws) = &mut self.ws else { return false };
        let result = if overwrite {
            ws.save_overwriting()
        } else {
            ws.save()
        };
        match result {
            Ok(true) => {
                self.status = format!(
                    "Saved {}",
                    ws.project_path
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                );
                true
            }
            Ok(false) => {
                self.run_command(ctx, UiCommand::SaveAs);
                false
            }
            Err(SaveFailure::ChangedOnDisk { .. }) => {
                self.disk_conflict = true;
                false
            }
            Err(e) => {
                self.message = Some(("Could not save".into(), vec![e.to_string()]));
                false
            }
        }
    }

    fn ask_path(&mut self, kind: DialogKind, purpose: PathPurpose) -> Option<PathBuf> {
        let start = self
            .ws
            .as_ref()
            .and_then(|ws| ws.project_path.as_ref())
            .and_then(|p| p.parent())
            .map(Path::to_path_buf);
        match self.dialogs.ask(kind, start.as_deref()) {
            DialogOutcome::Picked(p) => Some(p),
            DialogOutcome::Cancelled => None,
            DialogOutcome::Unavailable => {
                let suggestion = match (purpose, start) {
                    (PathPurpose::Open, _) | (_, None) => String::new(),
                    (PathPurpose::SaveAs, Some(dir)) => {
                        dir.join("project.ron").display().to_string()
                    }
                    (PathPurpose::Export(f), Some(dir)) if f.exporter().writes_folder() => dir
                        .join(f.exporter().default_folder_name())
                        .display()
                        .to_string(),
                    (PathPurpose::Export(f), Some(dir)) => dir
                        .join(format!("annotations.{}", f.extension()))
                        .display()
                        .to_string(),
                };
                self.prompt = Some(PathPrompt::new(purpose, suggestion));
                None
            }
        }
    }

    /// The one place where commands and messages take effect.
    pub fn run_action(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Command(c) => self.run_command(ctx, c),
            Action::Message(m) => self.run_message(ctx, *m),
        }
    }

    fn run_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        match command {
            UiCommand::Undo => {
                if let Some(ws) = &mut self.ws {
                    self.status = match ws.undo() {
                        Ok(Some(d)) => format!("Undid: {}", lower_first(&d)),
                        Ok(None) => "Nothing to undo".into(),
                        Err(e) => e.to_string(),
                    };
                }
                self.drop_stale_selection();
            }
            UiCommand::Redo => {
                if let Some(ws) = &mut self.ws {
                    self.status = match ws.redo() {
                        Ok(Some(d)) => format!("Redid: {}", lower_first(&d)),
                        Ok(None) => "Nothing to redo".into(),
                        Err(e) => e.to_string(),
                    };
                }
                self.drop_stale_selection();
            }
            UiCommand::OpenProject => {
                if let Some(p) = self.ask_path(DialogKind::OpenProject, PathPurpose::Open) {
                    self.run_message(ctx, AppMessage::Open(p));
                }
            }
            UiCommand::OpenCorpus => {
                if let Some(p) = self.ask_path(DialogKind::OpenFolder, PathPurpose::Open) {
                    self.run_message(ctx, AppMessage::Open(p));
                }
            }
            UiCommand::Save => {
                self.save(ctx);
            }
            UiCommand::SaveAs => {
                if self.ws.is_some()
                    && let Some(p) = self.ask_path(DialogKind::SaveProject, PathPurpose::SaveAs)
                {
                    self.run_message(ctx, AppMessage::SaveTo(p));
                }
            }
            UiCommand::Export(format) => {
                if self.ws.is_some() {
                    let kind = if format.exporter().writes_folder() {
                        DialogKind::ExportFolder
                    } else {
                        DialogKind::SaveExport(format.extension())
                    };
                    if let Some(p) = self.ask_path(kind, PathPurpose::Export(format)) {
                        self.run_message(ctx, AppMessage::ExportTo(format, p));
                    }
                }
            }
            UiCommand::Import => {
                if self.ws.as_ref().is_some_and(Workspace::is_dirty) {
                    self.confirm = Some(AfterConfirm::Import);
                } else {
                    self.open_import_dialog();
                }
            }
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiCommand::TagSelection(label) => self.tag_selection(label),
            UiCommand::AddFragment => self.add_fragment(),
            UiCommand::NextAnnotation => self.step_annotation(true),
            UiCommand::NextDocument => self.step_document(true),
            UiCommand::PreviousDocument => self.step_document(false),
            UiCommand::ToggleDone => {
                let done = self
                    .current_doc
                    .as_deref()
                    .and_then(|d| self.ws.as_ref()?.project.document(d))
                    .map(|d| d.done);
                if let (Some(doc), Some(done)) = (self.current_doc.clone(), done) {
                    self.perform(Intent::SetDone { doc, done: !done });
                }
            }
            UiCommand::PreviousAnnotation => self.step_annotation(false),
            UiCommand::DeleteSelected => {
                if let Some(id) = self.view.selected
                    && self.perform_ok(Intent::Delete { id })
                {
                    self.view.selected = None;
                    // Say what went, and how to get it back.
                    let what = self
                        .ws
                        .as_ref()
                        .and_then(|ws| ws.history.undo_description());
                    if let Some(what) = what.and_then(|d| d.strip_prefix("Delete ")) {
                        self.status = format!("Deleted {what} · Ctrl+Z brings it back");
                    }
                }
            }
            UiCommand::PickSpeaker(role) => match (self.view.suggestion, self.view.selected) {
                (Some(_), _) if role == SpeakerRole::Another => {
                    self.status =
                        "A suggestion has one speaker: accept it, then Shift+S adds another".into();
                }
                (Some(id), _) => {
                    if let Some(doc) = self.current_doc.clone() {
                        self.open_picker(PickTarget::Suggestion { doc, id }, role);
                    }
                }
                (None, Some(id)) => {
                    self.open_picker(PickTarget::Annotation(id), role);
                }
                (None, None) => self.status = "Select an annotation first".into(),
            },
            UiCommand::ShowShortcuts => self.show_shortcuts = true,
            UiCommand::SetCue => match self.view.selected {
                Some(id) if !self.view.selection.is_empty() => {
                    let range = Some(self.view.selection.range());
                    if self.perform(Intent::SetCue { id, range }).is_some() {
                        self.view.selection =
                            TextSelection::collapse(self.view.selection.range().end);
                        self.status = "Marked the cue".into();
                    }
                }
                Some(_) => self.status = "Select the reporting words first".into(),
                None => self.status = "Select the annotation first".into(),
            },
            UiCommand::Find { all_documents } => match &mut self.search {
                Some(search) => search.focus(all_documents),
                None => self.search = Some(SearchState::new(all_documents)),
            },
            UiCommand::EditDocumentDetails => {
                let entry = self
                    .current_doc
                    .as_deref()
                    .and_then(|d| self.ws.as_ref()?.project.document(d));
                self.metadata_editor = entry.map(|e| MetadataEditor::new(&e.path, &e.metadata));
            }
            UiCommand::ToggleTable => {
                self.table = match self.table.take() {
                    Some(_) => None,
                    None => Some(TableView::default()),
                };
            }
            UiCommand::ToggleRegistry => {
                self.registry = match self.registry.take() {
                    Some(_) => None,
                    None => Some(RegistryView::default()),
                };
            }
            UiCommand::Suggest { all_documents } => self.suggest(all_documents),
            UiCommand::NextSuggestion => self.step_suggestion(true),
            UiCommand::PreviousSuggestion => self.step_suggestion(false),
            UiCommand::AcceptSuggestion => self.settle_suggestion(true),
            UiCommand::RejectSuggestion => self.settle_suggestion(false),
            UiCommand::AcceptAllSuggestions => self.accept_all_suggestions(),
            UiCommand::LeaveSuggestion => self.select_suggestion(None),
        }
    }

    /// Where messages from the views (carrying their data) take effect.
    fn run_message(&mut self, ctx: &egui::Context, message: AppMessage) {
        match message {
            AppMessage::Perform(intent) => {
                self.perform(intent);
            }
            AppMessage::Open(path) => {
                if self.ws.as_ref().is_some_and(Workspace::is_dirty) {
                    self.confirm = Some(AfterConfirm::Open(path));
                } else {
                    self.open_path_in_background(ctx, &path);
                }
            }
            AppMessage::SaveTo(path) => {
                self.finish_autosave(true);
                if let Some(ws) = &mut self.ws {
                    match ws.save_as(&path) {
                        Ok(()) => {
                            self.settings.add_recent(&path);
                            self.status = format!("Saved {}", path.display());
                        }
                        Err(SaveFailure::ChangedOnDisk { .. }) => self.disk_conflict = true,
                        Err(e) => {
                            self.message = Some(("Could not save".into(), vec![e.to_string()]))
                        }
                    }
                }
            }
            AppMessage::ExportTo(format, path) => {
                if let Some(ws) = &self.ws {
                    match format.exporter().export_to(ws, &path) {
                        Ok(_) => {
                            let exported = ws
                                .project
                                .annotations()
                                .filter(|(_, a)| a.is_placed())
                                .count();
                            self.status =
                                format!("Exported {exported} annotations to {}", path.display())
                        }
                        Err(e) => {
                            self.message = Some((
                                "Could not export".into(),
                                vec![format!("{}: {e}", path.display())],
                            ))
                        }
                    }
                }
            }
            AppMessage::ImportFrom(request) => self.import(&request),
            AppMessage::SelectDocument(doc) => {
                if self.current_doc.as_ref() != Some(&doc) {
                    self.select_document(Some(doc));
                }
            }
            AppMessage::SelectAnnotation(id) => {
                self.view.selected = id;
                self.view.suggestion = None;
            }
            AppMessage::RevealAnnotation(id) => self.reveal(id),
            AppMessage::EditSpeaker(id) => {
                let speaker = self.ws.as_ref().and_then(|ws| ws.project.speaker(id));
                self.speaker_editor = speaker.map(SpeakerEditor::new);
            }
            AppMessage::SelectOrphan(id) => self.selected_orphan = id,
            AppMessage::GoTo(doc, range) => {
                if self.current_doc.as_ref() != Some(&doc) {
                    self.select_document(Some(doc));
                }
                self.view.selection = TextSelection {
                    anchor: range.start,
                    cursor: range.end,
                };
                self.view.scroll_to = Some(range.start);
            }
            AppMessage::TagMatches(spans, label) => {
                let n = spans.len();
                if self.perform(Intent::TagMany { spans, label }).is_some() {
                    self.status = format!("Tagged {n} matches as {}", label.key());
                }
            }
            AppMessage::SplitAlias(speaker, alias) => {
                let Some(ws) = self.ws.as_mut() else { return };
                // The spans that go with the alias: those whose surrounding text uses it.
                let spans = crate::speakers::spans_using_alias(&ws.project, speaker, &alias);
                let n = spans.len();
                let intent = Intent::SplitAlias {
                    speaker,
                    alias: alias.clone(),
                    spans,
                };
                self.status = match ws.perform(intent) {
                    Ok(_) => format!("“{alias}” is now a speaker of its own, with {n} spans"),
                    Err(e) => e,
                };
            }
            AppMessage::ReattachOrphan(id) => {
                let Some(doc) = self.current_doc.clone() else {
                    return;
                };
                let range = self.view.selection.range();
                if self.perform(Intent::Reattach { id, doc, range }).is_some() {
                    self.selected_orphan = None;
                    self.view.selected = Some(id);
                    self.view.selection = TextSelection::collapse(self.view.selection.range().end);
                    self.status = "Re-attached the annotation".into();
                }
            }
            AppMessage::DeleteOrphan(id) => {
                self.perform(Intent::Delete { id });
                self.selected_orphan = None;
            }
            AppMessage::SelectSuggestion(id) => self.select_suggestion(id),
        }
    }

    /// The open document's path and its pending suggestions, in text order.
    fn pending_here(&self) -> Option<(String, &[Pending])> {
        let doc = self.current_doc.as_ref()?;
        Some((doc.clone(), self.ws.as_ref()?.pending_of(doc)))
    }

    fn suggest(&mut self, all_documents: bool) {
        let Some(doc) = self.current_doc.clone() else {
            self.status = "Open a document first".into();
            return;
        };
        let docs = if all_documents {
            Vec::new()
        } else {
            vec![doc.clone()]
        };
        if !self.perform_ok(Intent::Suggest { docs }) {
            return;
        }
        // Fresh suggestions have fresh ids: nothing is current any more.
        self.view.suggestion = None;
        let Some(ws) = &self.ws else { return };
        let here = ws.pending_of(&doc).len();
        self.status = if all_documents {
            let total: usize = ws.project.pending.values().map(Vec::len).sum();
            format!(
                "{} in all documents · {} in this document",
                count(total, "suggestion"),
                here
            )
        } else {
            format!("{} in this document", count(here, "suggestion"))
        };
        if here > 0 {
            self.status.push_str(" · Tab steps through them");
        }
    }

    /// Makes a suggestion current (or none), scrolls to it and puts the caret at its start, so
    /// that the label keys act on it rather than on a text selection.
    fn select_suggestion(&mut self, id: Option<u64>) {
        self.view.suggestion = id;
        let Some(id) = id else { return };
        self.view.selected = None;
        let start = self
            .pending_here()
            .and_then(|(_, list)| list.iter().find(|p| p.id == id).map(Pending::start));
        if let Some(start) = start {
            self.view.selection = TextSelection::collapse(start);
            self.view.scroll_to = Some(start);
        }
    }

    /// Tab / Shift+Tab: the next (previous) suggestion after the current one, or after the caret
    /// when none is current; wraps around the document.
    fn step_suggestion(&mut self, forward: bool) {
        let Some((_, list)) = self.pending_here() else {
            return;
        };
        let n = list.len();
        if n == 0 {
            self.status = "No suggestions in this document: Ctrl+G suggests".into();
            return;
        }
        let caret = self.view.selection.cursor;
        let here = self
            .view
            .suggestion
            .and_then(|id| list.iter().position(|p| p.id == id));
        let i = match (here, forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, true) => list.iter().position(|p| p.start() >= caret).unwrap_or(0),
            (None, false) => list
                .iter()
                .rposition(|p| p.start() < caret)
                .unwrap_or(n - 1),
        };
        let id = list[i].id;
        self.status = format!("Suggestion {} of {n}", i + 1);
        self.select_suggestion(Some(id));
    }

    /// Accepts or rejects the current suggestion, then makes the following one current.
    fn settle_suggestion(&mut self, accept: bool) {
        let Some((doc, list)) = self.pending_here() else {
            return;
        };
        let Some(i) = self
            .view
            .suggestion
            .and_then(|id| list.iter().position(|p| p.id == id))
        else {
            self.status = "No suggestion is current: Tab to one, or click it".into();
            return;
        };
        let (id, label) = (list[i].id, list[i].label);
        let next = match list.len() {
            1 => None,
            n => Some(list[(i + 1) % n].id),
        };
        let left = list.len() - 1;
        let intent = if accept {
            Intent::AcceptSuggestions { doc, ids: vec![id] }
        } else {
            Intent::RejectSuggestion { doc, id }
        };
        if !self.perform_ok(intent) {
            return;
        }
        self.status = if accept {
            format!("Accepted the {} · {} left", label.key(), left)
        } else {
            format!("Rejected: it will not be proposed again · {left} left")
        };
        match next {
            Some(next) => self.select_suggestion(Some(next)),
            None => self.view.suggestion = None,
        }
    }

    fn accept_all_suggestions(&mut self) {
        let Some((doc, list)) = self.pending_here() else {
            return;
        };
        if list.is_empty() {
            self.status = "No suggestions to accept in this document".into();
            return;
        }
        let ids: Vec<u64> = list.iter().map(|p| p.id).collect();
        let n = ids.len();
        if self.perform_ok(Intent::AcceptSuggestions { doc, ids }) {
            self.view.suggestion = None;
            self.status = format!(
                "Accepted {} (Ctrl+Z takes them back)",
                count(n, "suggestion")
            );
        }
    }

    /// Like `perform`, telling whether the change was made.
    fn perform_ok(&mut self, intent: Intent) -> bool {
        let Some(ws) = self.ws.as_mut() else {
            return false;
        };
        match ws.perform(intent) {
            Ok(_) => true,
            Err(e) => {
                self.status = e;
                false
            }
        }
    }

    fn perform(&mut self, intent: Intent) -> Option<AnnotationId> {
        let ws = self.ws.as_mut()?;
        match ws.perform(intent) {
            Ok(outcome) => outcome.annotation,
            Err(e) => {
                self.status = e;
                None
            }
        }
    }

    fn tag_selection(&mut self, label: Label) {
        let Some(doc) = self.current_doc.clone() else {
            return;
        };
        let range = self.view.selection.range();
        if range.is_empty()
            && let Some(id) = self.view.suggestion
        {
            // With nothing selected, the label keys relabel the current suggestion.
            let found = self
                .ws
                .as_ref()
                .and_then(|ws| ws.pending_of(&doc).iter().find(|p| p.id == id).cloned());
            if let Some(p) = found
                && p.label != label
                && self.perform_ok(Intent::EditSuggestion {
                    doc,
                    pending: Pending { label, ..p },
                })
            {
                self.status = format!("The suggestion is now a {}", label.key());
            }
            return;
        }
        if range.is_empty() {
            // With nothing selected, the label keys relabel the selected annotation.
            match self.view.selected {
                Some(id) => {
                    self.perform(Intent::SetLabel { id, label });
                }
                None => self.status = "Select some text first".into(),
            }
            return;
        }
        if let Some(id) = self.perform(Intent::Tag { doc, range, label }) {
            self.view.selected = Some(id);
            self.view.suggestion = None;
            self.view.selection = TextSelection::collapse(self.view.selection.range().end);
            self.open_picker(PickTarget::Annotation(id), SpeakerRole::Main);
            self.status = format!("Tagged a {}", label.key());
        }
    }

    /// Opens the speaker picker for `target`, offering first the speakers named near its span.
    fn open_picker(&mut self, target: PickTarget, role: SpeakerRole) {
        let near = self
            .ws
            .as_ref()
            .and_then(|ws| {
                let (doc, fragments) = match &target {
                    PickTarget::Annotation(id) => {
                        let (entry, a) = ws.project.find_annotation(*id)?;
                        (entry.path.as_str(), &a.fragments)
                    }
                    PickTarget::Suggestion { doc, id } => {
                        let p = ws.pending_of(doc).iter().find(|p| p.id == *id)?;
                        (doc.as_str(), &p.fragments)
                    }
                };
                let spans: Vec<_> = fragments.iter().map(|f| f.start..f.end).collect();
                let text = &ws.corpus.document(doc)?.text;
                Some(crate::speakers::speakers_named_near(
                    &ws.project.speakers,
                    text,
                    &spans,
                ))
            })
            .unwrap_or_default();
        self.picker = Some(SpeakerPicker::new(target, role, near));
    }

    fn add_fragment(&mut self) {
        let range = self.view.selection.range();
        match self.view.selected {
            Some(id) if !range.is_empty() => {
                if self.perform(Intent::AddFragment { id, range }).is_some() {
                    self.view.selection = TextSelection::collapse(self.view.selection.range().end);
                    self.status = "Added a fragment".into();
                }
            }
            Some(_) => self.status = "Select the text to add first".into(),
            None => self.status = "Select the annotation to add to first".into(),
        }
    }

    fn reveal(&mut self, id: AnnotationId) {
        let Some(ws) = &self.ws else { return };
        let Some((entry, a)) = ws.project.find_annotation(id) else {
            return;
        };
        let (doc, start) = (entry.path.clone(), a.start());
        if self.current_doc.as_ref() != Some(&doc) {
            self.select_document(Some(doc));
        }
        self.view.selected = Some(id);
        self.view.suggestion = None;
        self.view.scroll_to = Some(start);
    }

    /// Steps to the next (or previous) annotation in text order, from the selected one or the caret.
    fn step_annotation(&mut self, forward: bool) {
        let (Some(ws), Some(doc)) = (&self.ws, &self.current_doc) else {
            return;
        };
        let Some(entry) = ws.project.document(doc) else {
            return;
        };
        let list: Vec<_> = entry.annotations.iter().filter(|a| a.is_placed()).collect();
        if list.is_empty() {
            return;
        }
        let current = self
            .view
            .selected
            .and_then(|id| list.iter().position(|a| a.id == id));
        let next = match (current, forward) {
            (Some(i), true) => (i + 1).min(list.len() - 1),
            (Some(i), false) => i.saturating_sub(1),
            (None, true) => {
                let caret = self.view.selection.cursor;
                list.iter()
                    .position(|a| a.start() >= caret)
                    .unwrap_or(list.len() - 1)
            }
            (None, false) => {
                let caret = self.view.selection.cursor;
                list.iter().rposition(|a| a.start() < caret).unwrap_or(0)
            }
        };
        let id = list[next].id;
        self.reveal(id);
    }

    /// Opens the next (or previous) loaded document in the list.
    fn step_document(&mut self, forward: bool) {
        let Some(ws) = &self.ws else { return };
        let docs = &ws.corpus.documents;
        if docs.is_empty() {
            return;
        }
        let here = self
            .current_doc
            .as_deref()
            .and_then(|d| ws.corpus.index_of(d));
        let next = match (here, forward) {
            (Some(i), true) => (i + 1).min(docs.len() - 1),
            (Some(i), false) => i.saturating_sub(1),
            (None, _) => 0,
        };
        let path = docs[next].path.clone();
        if self.current_doc.as_ref() != Some(&path) {
            self.select_document(Some(path));
        }
    }

    /// After undo/redo the selected annotation or the current suggestion may be gone.
    fn drop_stale_selection(&mut self) {
        if let (Some(ws), Some(id)) = (&self.ws, self.view.selected)
            && ws.project.find_annotation(id).is_none()
        {
            self.view.selected = None;
        }
        if let Some(id) = self.view.suggestion
            && !self
                .pending_here()
                .is_some_and(|(_, list)| list.iter().any(|p| p.id == id))
        {
            self.view.suggestion = None;
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.ws {
            Some(ws) => format!(
                "{}{} — whosaid",
                ws.display_name(),
                if ws.is_dirty() { " •" } else { "" }
            ),
            None => "whosaid".into(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

/// What the speaker picker's answer changes: the annotation's speakers, or the suggestion's
/// proposed speaker or addressee (a registry speaker, or a name to add on accepting).
fn picked_intent(
    ws: &Workspace,
    target: PickTarget,
    role: SpeakerRole,
    outcome: PickerOutcome,
) -> Option<Intent> {
    match target {
        PickTarget::Annotation(id) => match outcome {
            PickerOutcome::Pick(speaker) => Some(match role {
                SpeakerRole::Main => Intent::SetSpeaker {
                    id,
                    speaker: Some(speaker),
                },
                SpeakerRole::Another => Intent::ToggleSpeaker { id, speaker },
                SpeakerRole::Addressee => Intent::SetAddressee {
                    id,
                    addressee: Some(speaker),
                },
            }),
            PickerOutcome::Create(name) => Some(Intent::CreateSpeakerFor { id, name, role }),
            PickerOutcome::Dismissed => None,
        },
        PickTarget::Suggestion { doc, id } => {
            let guess = match outcome {
                PickerOutcome::Pick(speaker) => Guess {
                    id: Some(speaker),
                    name: ws.project.speaker_name(Some(speaker))?.to_string(),
                },
                PickerOutcome::Create(name) => Guess {
                    id: None,
                    name: name.trim().to_string(),
                },
                PickerOutcome::Dismissed => return None,
            };
            let mut changed = ws.pending_of(&doc).iter().find(|p| p.id == id)?.clone();
            match role {
                SpeakerRole::Addressee => changed.addressee = Some(guess),
                SpeakerRole::Main | SpeakerRole::Another => changed.speaker = Some(guess),
            }
            Some(Intent::EditSuggestion {
                doc,
                pending: changed,
            })
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

fn open_workspace(
    path: &Path,
    options: &LoadOptions,
    progress: &Progress,
) -> Result<Workspace, OpenError> {
    if path.is_dir() || crate::corpus::is_table(path) {
        Workspace::open_corpus_reporting(path, options, progress)
    } else {
        Workspace::open_project_reporting(path, options, progress)
    }
}

/// A project or corpus being opened on another thread: where its result will arrive, and how far
/// it has come.
struct Loading {
    path: PathBuf,
    result: std::sync::mpsc::Receiver<Result<Workspace, OpenError>>,
    progress: Arc<Progress>,
}
