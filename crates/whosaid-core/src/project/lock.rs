//! The advisory lock a save holds on a project, so that two whosaid processes saving one project
//! take turns: each reads, checks and replaces the file as a whole while the other waits.
//!
//! The lock is on a side file, `NAME.ron.lock`, not on the project: a save replaces the project's
//! file by a rename, and a lock on the replaced file would lock nothing the next saver opens. The
//! side file is kept (empty): removing it would let a waiting process lock a file that a third
//! one no longer sees.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// Where the lock of the project file `project` is taken.
pub fn lock_path(project: &Path) -> PathBuf {
    let mut name = project.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    project.with_file_name(name)
}

/// Held while a save runs; dropping it lets the next one in.
pub struct SaveLock {
    _file: Option<fs::File>,
}

impl SaveLock {
    /// Waits until no other process saves `project` (the file itself, not a link to it).
    pub fn acquire(project: &Path) -> std::io::Result<Self> {
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(lock_path(project))?;
        match file.lock() {
            Ok(()) => Ok(SaveLock { _file: Some(file) }),
            // A file system without locks (some network shares): save as before, unguarded.
            Err(e) if e.kind() == ErrorKind::Unsupported => Ok(SaveLock { _file: None }),
            Err(e) => Err(e),
        }
    }
}
