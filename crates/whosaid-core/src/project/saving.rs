//! Saving a project file: under the save lock, the text to be written is checked with the
//! loader's own rules before it replaces anything, and the previous version becomes the backup
//! only once the new one is safely on disk.

use super::atomic::{FileIdentity, keep_as_backup, remove_stale_temporaries, resolve_links, stage};
use super::lock::SaveLock;
use super::storage::{LoadError, parse_project};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("cannot save {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "cannot save {path}: what would be written does not load again, so the file was left as it \
         was ({reason})"
    )]
    WouldNotLoad { path: PathBuf, reason: LoadError },
}

impl SaveError {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        SaveError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// Where the previous version of a project file is kept.
pub fn backup_path(project: &Path) -> PathBuf {
    let mut name = project.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    project.with_file_name(name)
}

/// A project file locked for saving, with what it held when the lock was taken.
pub struct ProjectFile {
    /// As the user named it, for messages.
    path: PathBuf,
    /// The file itself, once symbolic links are followed: it is replaced, and its backup, lock
    /// and temporary files are beside it.
    target: PathBuf,
    previous: Option<(Vec<u8>, Option<FileIdentity>)>,
    _lock: SaveLock,
}

impl ProjectFile {
    /// Takes the save lock of the project at `path` (waiting for another process's save to end),
    /// removes temporary files that killed saves left, and reads the file as it is now.
    pub fn lock(path: &Path) -> Result<Self, SaveError> {
        let io = |e| SaveError::io(path, e);
        let target = resolve_links(path).map_err(io)?;
        let lock = SaveLock::acquire(&target).map_err(io)?;
        remove_stale_temporaries(&target);
        let previous = match fs::File::open(&target) {
            Ok(mut file) => {
                let meta = file.metadata().map_err(io)?;
                if !meta.is_file() {
                    return Err(io(std::io::Error::other(
                        "it is not a regular file (a folder or a device)",
                    )));
                }
                let mut bytes = Vec::with_capacity(meta.len() as usize);
                file.read_to_end(&mut bytes).map_err(io)?;
                Some((bytes, FileIdentity::of(&meta)))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(io(e)),
        };
        Ok(ProjectFile {
            path: path.to_owned(),
            target,
            previous,
            _lock: lock,
        })
    }

    /// The file's content when the lock was taken; `None` if there was no file.
    pub fn previous(&self) -> Option<&[u8]> {
        self.previous.as_ref().map(|(bytes, _)| bytes.as_slice())
    }

    /// Replaces the file with `text` if it loads as a project: the new version is written and
    /// flushed to disk beside the file (checked meanwhile), the previous version becomes the
    /// backup, then the new one takes the file's place. A failure at any step leaves the file and
    /// its backup as they were.
    pub fn replace(self, text: &str) -> Result<(), SaveError> {
        let path = self.path.clone();
        self.replace_checked(text, || parse_project(&path, text).map(drop))
    }

    /// As [`ProjectFile::replace`], with `check` telling whether `text` loads (the loader's own
    /// verdict, possibly reached without parsing what is known to load: see `save_check`).
    pub fn replace_checked(
        self,
        text: &str,
        check: impl FnOnce() -> Result<(), LoadError> + Send,
    ) -> Result<(), SaveError> {
        let io = |e| SaveError::io(&self.path, e);
        let (check, staged) = std::thread::scope(|s| {
            let check = s.spawn(check);
            let staged = stage(&self.target, |out| out.write_all(text.as_bytes()));
            (check.join(), staged)
        });
        let check = check.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        if let Err(reason) = check {
            return Err(SaveError::WouldNotLoad {
                path: self.path.clone(),
                reason,
            });
        }
        let staged = staged.map_err(io)?;
        // Whosaid's own savers wait for the lock; another program may still have replaced the
        // file since it was read: its version is not overwritten unasked.
        let now = fs::metadata(&self.target).ok();
        let unchanged = match (&self.previous, &now) {
            (None, None) => true,
            (Some((_, Some(read))), Some(now)) => FileIdentity::of(now) == Some(*read),
            (Some((_, None)), Some(_)) => true,
            _ => false,
        };
        if !unchanged {
            return Err(io(std::io::Error::other(
                "another program changed it while it was being saved; it was left as that \
                 program wrote it",
            )));
        }
        if let Some((bytes, identity)) = &self.previous
            && bytes.as_slice() != text.as_bytes()
        {
            keep_as_backup(&self.target, &backup_path(&self.target), bytes, *identity)
                .map_err(io)?;
        }
        staged.commit().map_err(io)
    }
}
