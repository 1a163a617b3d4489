//! Work done off the frame: opening a project or corpus on another thread, and the autosave that
//! writes unsaved changes to the recovery file on a thread of its own.

use super::WhosaidApp;
use super::modal::Modal;
use crate::application::OpenOptions;
use crate::corpus::LoadOptions;
use crate::progress::Progress;
use crate::ui::annotator_prompt;
use crate::ui::orphan_panel::{self, OrphanEntry};
use crate::workspace::{OpenError, Workspace};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A project or corpus being opened on another thread: where its result will arrive, and how far
/// it has come.
pub(super) struct Loading {
    path: PathBuf,
    /// The workspace, with its orphaned annotations already listed (a look at every annotation:
    /// a tenth of a second with a million, better spent on this thread than in a frame).
    result: std::sync::mpsc::Receiver<Result<(Workspace, Vec<OrphanEntry>), OpenError>>,
    progress: Arc<Progress>,
}

/// Unsaved changes go to the recovery file once editing pauses for `PAUSE` seconds, and at least
/// every `MAX_WAIT` seconds while it does not.
#[derive(Default)]
pub(super) struct Autosave {
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

fn open_workspace(
    path: &Path,
    load: &LoadOptions,
    progress: &Progress,
) -> Result<Workspace, OpenError> {
    let options = OpenOptions {
        load: *load,
        editing: true,
    };
    crate::application::open(path, &options, progress)
}

impl WhosaidApp {
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
            let opened = open_workspace(&thread_path, &options, &thread_progress).map(|ws| {
                let orphans = orphan_panel::collect(&ws);
                (ws, orphans)
            });
            let _ = tx.send(opened);
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

    pub(super) fn poll_loading(&mut self, ctx: &egui::Context) {
        let Some(loading) = &self.loading else {
            return;
        };
        match loading.result.try_recv() {
            Ok(opened) => {
                let path = loading.path.clone();
                self.loading = None;
                let (opened, orphans) = match opened {
                    Ok((ws, orphans)) => (Ok(ws), Some(orphans)),
                    Err(e) => (Err(e), None),
                };
                self.take_opened(&path, opened);
                if let (Some(orphans), Some(ws)) = (orphans, &self.ws) {
                    self.orphans = (Some(ws.revision()), orphans);
                }
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

    pub(super) fn take_opened(&mut self, path: &Path, opened: Result<Workspace, OpenError>) {
        match opened {
            Ok(mut ws) => {
                match annotator_prompt::name_for(&self.settings, path) {
                    Some(name) => ws.set_annotator(name),
                    None if annotator_prompt::should_ask(&self.settings) => {
                        self.name_prompt = Some(Default::default());
                    }
                    None => {}
                }
                if !path.is_dir() {
                    self.settings.add_recent(path);
                }
                if !ws.warnings().is_empty() {
                    self.open_modal(Modal::Message(
                        format!("Opened {} with warnings", path.display()),
                        ws.warnings().to_vec(),
                    ));
                }
                let doc = ws
                    .project()
                    .view
                    .open_document
                    .clone()
                    .filter(|d| ws.corpus().document(d).is_some())
                    .or_else(|| ws.corpus().documents.first().map(|d| d.path.clone()));
                self.status = format!("Opened {}", path.display());
                // An autosave of what was open before lands before anything is read anew.
                self.finish_autosave(true);
                if let Some(offer) = ws.recovery_offer() {
                    self.open_modal(Modal::Recovery(offer));
                }
                self.conflicts = Default::default();
                // What a run found belongs to the project it read: it stops.
                self.suggesting = None;
                self.ws = Some(ws);
                self.counted = None;
                self.orphans = (None, Vec::new());
                self.autosave = Autosave::default();
                self.select_document(doc);
            }
            Err(e) => {
                self.open_modal(Modal::Message("Could not open".into(), vec![e.to_string()]));
                self.status = format!("Could not open {}", path.display());
            }
        }
    }

    /// Waits for a recovery file being written, and reports if writing it failed. Saving waits
    /// for it first, so that an older autosave never lands after the save that made it obsolete.
    pub(super) fn finish_autosave(&mut self, wait: bool) {
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

    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
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
}
