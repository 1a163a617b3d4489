//! Per-user preferences kept outside projects: the recent projects list and the analyst's name.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const MAX_RECENT: usize = 10;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub recent: Vec<PathBuf>,
    /// The analyst's name, recorded on what they annotate; empty until given (git's
    /// `user.name` is used meanwhile).
    #[serde(default)]
    pub annotator: String,
    /// The analyst closed the name prompt with "Later": not asked again in this run.
    #[serde(skip)]
    pub name_put_off: bool,
    /// Where these settings are kept; `None` keeps them in memory only (tests).
    #[serde(skip)]
    pub file: Option<PathBuf>,
}

impl Settings {
    /// Reads `$XDG_CONFIG_HOME/whosaid/settings.ron` (or the platform's equivalent). A missing or
    /// unreadable file gives defaults: preferences are never worth refusing to start over.
    pub fn load_default() -> Self {
        let file = dirs::config_dir().map(|d| d.join("whosaid").join("settings.ron"));
        let mut settings = file
            .as_deref()
            .and_then(|f| std::fs::read_to_string(f).ok())
            .and_then(|t| ron::from_str::<Settings>(&t).ok())
            .unwrap_or_default();
        settings.file = file;
        settings
    }

    pub fn add_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
        self.store();
    }

    pub fn set_annotator(&mut self, name: &str) {
        self.annotator = name.trim().to_string();
        self.store();
    }

    fn store(&self) {
        let Some(file) = &self.file else { return };
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Ok(text) = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new()) {
            let _ = crate::project::write_atomically(file, text.as_bytes());
        }
    }
}
