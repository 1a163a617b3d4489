//! Per-user preferences kept outside projects: the recent projects list, the analyst's name, and
//! how the window looks (zoom, theme, reading width) and where it was on the screen.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const MAX_RECENT: usize = 10;

/// Light, dark, or whatever the system says (the default).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::Light, ThemeChoice::Dark, ThemeChoice::System];

    pub fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// How wide the reading column may grow: a line of 190 characters on a wide window is hard to
/// follow back to its start, so by default the text stops at about 90 characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReadingWidth {
    /// About 65 characters a line, as a book.
    Narrow,
    /// About 90 characters a line (the default).
    #[default]
    Medium,
    /// As wide as the window.
    Full,
}

impl ReadingWidth {
    pub const ALL: [ReadingWidth; 3] = [
        ReadingWidth::Narrow,
        ReadingWidth::Medium,
        ReadingWidth::Full,
    ];

    /// The most characters of running text a line holds; `None`: no cap.
    pub fn max_chars(self) -> Option<f32> {
        match self {
            ReadingWidth::Narrow => Some(65.0),
            ReadingWidth::Medium => Some(90.0),
            ReadingWidth::Full => None,
        }
    }
}

/// Where the main window was and how large, in logical points at 100 % zoom (what the window
/// system is asked for at the next start).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowPlace {
    /// The outer top-left corner; `None` where the window system does not tell (Wayland).
    pub position: Option<(f32, f32)>,
    /// The inner size (the area egui draws in).
    pub size: (f32, f32),
    /// Maximized when closed; `position` and `size` are then those it had before.
    #[serde(default)]
    pub maximized: bool,
}

fn one() -> f32 {
    1.0
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub recent: Vec<PathBuf>,
    /// The analyst's name, recorded on what they annotate; empty until given (git's
    /// `user.name` is used meanwhile).
    #[serde(default)]
    pub annotator: String,
    /// The View menu's zoom (1.0 = as the system scales); kept so the next start looks the same.
    #[serde(default = "one")]
    pub zoom: f32,
    #[serde(default)]
    pub theme: ThemeChoice,
    #[serde(default)]
    pub reading_width: ReadingWidth,
    /// The main window's place at the last close; `None` until then.
    #[serde(default)]
    pub window: Option<WindowPlace>,
    /// The size of the Speakers and All annotations windows (title bar and frame included), by
    /// title, at the last close.
    #[serde(default)]
    pub window_sizes: BTreeMap<String, [f32; 2]>,
    /// The analyst closed the name prompt with "Later": not asked again in this run.
    #[serde(skip)]
    pub name_put_off: bool,
    /// Where these settings are kept; `None` keeps them in memory only (tests).
    #[serde(skip)]
    pub file: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            annotator: String::new(),
            zoom: 1.0,
            theme: ThemeChoice::default(),
            reading_width: ReadingWidth::default(),
            window: None,
            window_sizes: BTreeMap::new(),
            name_put_off: false,
            file: None,
        }
    }
}

impl Settings {
    /// Reads `$XDG_CONFIG_HOME/whosaid/settings.ron` (or the platform's equivalent). A missing or
    /// unreadable file gives defaults: preferences are never worth refusing to start over.
    pub fn load_default() -> Self {
        let file = dirs::config_dir().map(|d| d.join("whosaid").join("settings.ron"));
        match file {
            Some(file) => Self::load_from(&file),
            None => Self::default(),
        }
    }

    /// Reads the settings kept in `file` (defaults when it is missing or unreadable), and keeps
    /// any change there.
    pub fn load_from(file: &Path) -> Self {
        let mut settings = std::fs::read_to_string(file)
            .ok()
            .and_then(|t| ron::from_str::<Settings>(&t).ok())
            .unwrap_or_default();
        settings.file = Some(file.to_owned());
        settings
    }

    /// What to open when the app starts with no path: the last project or corpus opened, if it
    /// is still there. `None` on the first start (nothing recent), and when everything recent
    /// is gone.
    pub fn last_opened(&self) -> Option<&Path> {
        self.recent
            .iter()
            .find(|p| p.exists())
            .map(PathBuf::as_path)
    }

    /// What the app opens when started with no path: the last thing opened that is still there;
    /// `first_start` (the sample) when nothing was ever opened; nothing when all of it is gone
    /// (a sample the analyst never asked for would be a surprise then).
    pub fn startup_path(&self, first_start: impl FnOnce() -> Option<PathBuf>) -> Option<PathBuf> {
        if self.recent.is_empty() {
            first_start()
        } else {
            self.last_opened().map(Path::to_path_buf)
        }
    }

    /// Remembers the zoom and theme picked in the View menu.
    pub fn set_view(&mut self, zoom: f32, theme: ThemeChoice) {
        if (self.zoom, self.theme) != (zoom, theme) {
            self.zoom = zoom;
            self.theme = theme;
            self.store();
        }
    }

    /// Remembers the reading width picked in the View menu.
    pub fn set_reading_width(&mut self, width: ReadingWidth) {
        if self.reading_width != width {
            self.reading_width = width;
            self.store();
        }
    }

    /// Remembers where the window is, and writes the settings with the sizes of the floating
    /// windows noted meanwhile (it is called as the window closes).
    pub fn set_window(&mut self, place: Option<WindowPlace>) {
        if place.is_some() {
            self.window = place;
        }
        self.store();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_and_recent_come_back_from_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("whosaid/settings.ron");
        let mut settings = Settings::load_from(&file);
        assert_eq!((settings.zoom, settings.theme), (1.0, ThemeChoice::System));
        assert_eq!(settings.last_opened(), None);
        let project = dir.path().join("a.ron");
        std::fs::write(&project, "").unwrap();
        settings.add_recent(&project);
        settings.set_view(1.3, ThemeChoice::Dark);
        let again = Settings::load_from(&file);
        assert_eq!((again.zoom, again.theme), (1.3, ThemeChoice::Dark));
        let project = std::fs::canonicalize(&project).unwrap();
        assert_eq!(again.last_opened(), Some(project.as_path()));
        std::fs::remove_file(&project).unwrap();
        assert_eq!(
            again.last_opened(),
            None,
            "a project since deleted is not reopened"
        );
    }

    #[test]
    fn a_start_without_a_path_reopens_the_last_project_and_the_sample_only_at_first() {
        let dir = tempfile::tempdir().unwrap();
        let sample = || Some(PathBuf::from("sample.ron"));
        let mut settings = Settings::load_from(&dir.path().join("settings.ron"));
        assert_eq!(
            settings.startup_path(sample),
            Some(PathBuf::from("sample.ron"))
        );
        let (old, last) = (dir.path().join("old.ron"), dir.path().join("last"));
        std::fs::write(&old, "").unwrap();
        std::fs::create_dir(&last).unwrap();
        settings.add_recent(&old);
        settings.add_recent(&last);
        let last = std::fs::canonicalize(&last).unwrap();
        assert_eq!(settings.startup_path(sample), Some(last.clone()));
        // The last one gone: the one before it.
        std::fs::remove_dir(&last).unwrap();
        let old = std::fs::canonicalize(&old).unwrap();
        assert_eq!(settings.startup_path(sample), Some(old.clone()));
        std::fs::remove_file(&old).unwrap();
        assert_eq!(settings.startup_path(sample), None);
    }

    #[test]
    fn settings_written_before_the_view_menu_still_load() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("settings.ron");
        std::fs::write(&file, "(recent: [], annotator: \"Ana\")").unwrap();
        let settings = Settings::load_from(&file);
        assert_eq!(settings.annotator, "Ana");
        assert_eq!((settings.zoom, settings.theme), (1.0, ThemeChoice::System));
        assert_eq!(settings.reading_width, ReadingWidth::Medium);
        assert_eq!(settings.window, None);
    }

    #[test]
    fn the_window_place_and_reading_width_come_back_from_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("settings.ron");
        let mut settings = Settings::load_from(&file);
        let place = WindowPlace {
            position: Some((120.0, 40.0)),
            size: (1100.0, 720.0),
            maximized: true,
        };
        settings.set_window(Some(place));
        settings.set_reading_width(ReadingWidth::Narrow);
        let again = Settings::load_from(&file);
        assert_eq!(again.window, Some(place));
        assert_eq!(again.reading_width, ReadingWidth::Narrow);
    }
}
