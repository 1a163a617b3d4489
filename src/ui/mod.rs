//! The desktop front end (egui). Views read the workspace and emit [`UiCommand`]s and messages; the app applies
//! them in one place (`app.rs`), and project changes go through `Workspace::perform` as intents.

mod adjudication;
mod annotation_panel;
mod annotator_prompt;
mod app;
mod bidi_layout;
mod column_picker;
mod command;
mod conflict_panel;
mod dialogs;
mod doc_list;
mod doc_view;
pub mod fonts;
mod import_dialog;
mod labels;
mod layout_cache;
mod metadata_editor;
mod modals;
mod orphan_panel;
mod path_field;
mod registry_window;
pub mod sample;
mod search_panel;
mod settings;
mod span_index;
mod speaker_editor;
mod speaker_picker;
mod suggestion_panel;
mod table_window;

pub use app::WhosaidApp;
pub use app::viewport_from;
pub use command::{Action, AppMessage, UiCommand};
pub use dialogs::{DialogKind, DialogOutcome, FileDialogs, NoDialogs, RfdDialogs};
pub use labels::label_fill;
pub use settings::{ReadingWidth, Settings, ThemeChoice, WindowPlace};

use crate::corpus::LoadOptions;
use std::path::PathBuf;

/// Opens the main window on `path` (a project file or corpus folder), if given.
pub fn run(path: Option<PathBuf>, load_options: LoadOptions) -> eframe::Result {
    run_comparing(path, load_options, Vec::new())
}

/// As [`run`], with other analysts' projects listed in lanes for adjudication.
pub fn run_comparing(
    path: Option<PathBuf>,
    load_options: LoadOptions,
    compare: Vec<PathBuf>,
) -> eframe::Result {
    let settings = Settings::load_default();
    let viewport = egui::ViewportBuilder::default()
        .with_title("whosaid")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0])
        .with_app_id("whosaid")
        .with_icon(window_icon());
    let options = eframe::NativeOptions {
        // Where the window was left, if it was closed before.
        viewport: viewport_from(settings.window.as_ref(), viewport),
        ..Default::default()
    };
    eframe::run_native(
        "whosaid",
        options,
        Box::new(move |cc| {
            fonts::install(&cc.egui_ctx);
            let mut app = WhosaidApp::new(Box::new(RfdDialogs), settings);
            app.set_load_options(load_options);
            if let Some(path) = path {
                app.open_or_ask_columns(&cc.egui_ctx, &path);
            }
            if !compare.is_empty()
                && let Err(e) = app.compare_with(&compare)
            {
                eprintln!("whosaid: {e}");
            }
            Ok(Box::new(app))
        }),
    )
}

/// The window's icon (the same artwork as the installed one), decoded from the bundled 256 px PNG.
pub fn window_icon() -> std::sync::Arc<egui::IconData> {
    let png = include_bytes!("../../assets/icons/whosaid-256.png");
    std::sync::Arc::new(eframe::icon_data::from_png_bytes(png).expect("the bundled icon is a PNG"))
}
