//! Shared fixtures: a private copy of the bundled sample (project + corpus) and a UI harness on it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

// The helpers that drive the app headless (egui_kittest), with the app built.
#[cfg(feature = "app")]
mod ui;
// Not every test file drives the app.
#[cfg(feature = "app")]
#[allow(unused_imports)]
pub use ui::*;

pub const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// Copies `projects/ukraine-nato.ron` and `assets/corpus/` into a temporary folder with the same
/// layout, so tests can save without touching the repository.
pub struct SampleCopy {
    pub dir: tempfile::TempDir,
}

impl SampleCopy {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("projects")).unwrap();
        std::fs::create_dir_all(root.join("assets/corpus")).unwrap();
        std::fs::copy(
            Path::new(REPO).join("projects/ukraine-nato.ron"),
            root.join("projects/ukraine-nato.ron"),
        )
        .unwrap();
        for entry in std::fs::read_dir(Path::new(REPO).join("assets/corpus")).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(
                entry.path(),
                root.join("assets/corpus").join(entry.file_name()),
            )
            .unwrap();
        }
        Self { dir }
    }

    pub fn project(&self) -> PathBuf {
        self.dir.path().join("projects/ukraine-nato.ron")
    }

    pub fn corpus(&self) -> PathBuf {
        self.dir.path().join("assets/corpus")
    }
}
