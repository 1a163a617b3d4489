//! Saving a project file: under the save lock, the text to be written is checked with the
//! loader's own rules before it replaces anything, and the previous version becomes the backup
//! only once the new one is safely on disk.

use super::atomic::{
    BackupFailure, FileIdentity, Staged, keep_as_backup, remove_stale_temporaries, resolve_links,
    stage,
};
use super::lock::SaveLock;
use super::storage::{LoadError, parse_project};
use std::cell::OnceCell;
use std::fs;
use std::io::{Read, Write};
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
    previous: Option<Previous>,
    _lock: SaveLock,
}

/// The file that was there when the lock was taken. Its content is read only when asked for: an
/// import over a big project needs no more of it than a second name for the backup.
struct Previous {
    identity: Option<FileIdentity>,
    len: u64,
    bytes: OnceCell<Vec<u8>>,
}

/// What a streamed save wrote: its length and its BLAKE3 hash, as a workspace remembers a file.
#[derive(Clone, Copy, Debug)]
pub struct Written {
    pub len: u64,
    pub hash: blake3::Hash,
}

/// Why a streamed text was not written: the disk, or the text itself (the loader's verdict).
#[derive(Debug)]
pub enum StreamFailure {
    Io(std::io::Error),
    WouldNotLoad(LoadError),
}

impl From<std::io::Error> for StreamFailure {
    fn from(e: std::io::Error) -> Self {
        StreamFailure::Io(e)
    }
}

impl ProjectFile {
    /// Takes the save lock of the project at `path` (waiting for another process's save to end),
    /// removes temporary files that killed saves left, and notes which file is there now.
    pub fn lock(path: &Path) -> Result<Self, SaveError> {
        let io = |e| SaveError::io(path, e);
        let target = resolve_links(path).map_err(io)?;
        let lock = SaveLock::acquire(&target).map_err(io)?;
        remove_stale_temporaries(&target);
        let previous = match fs::metadata(&target) {
            Ok(meta) => {
                if !meta.is_file() {
                    return Err(io(std::io::Error::other(
                        "it is not a regular file (a folder or a device)",
                    )));
                }
                Some(Previous {
                    identity: FileIdentity::of(&meta),
                    len: meta.len(),
                    bytes: OnceCell::new(),
                })
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

    /// Whether there was a file when the lock was taken.
    pub fn existed(&self) -> bool {
        self.previous.is_some()
    }

    /// The file's content when the lock was taken; `None` if there was no file. Read on the
    /// first call; an error if another program has put another file there since.
    pub fn previous(&self) -> Result<Option<&[u8]>, SaveError> {
        let Some(previous) = &self.previous else {
            return Ok(None);
        };
        if let Some(bytes) = previous.bytes.get() {
            return Ok(Some(bytes));
        }
        let bytes = self
            .read_previous(previous)
            .map_err(|e| SaveError::io(&self.path, e))?;
        Ok(Some(previous.bytes.get_or_init(|| bytes)))
    }

    /// The content of the file noted when the lock was taken, read now (the lock keeps whosaid's
    /// own savers away; another program's file is told apart by its identity).
    fn read_previous(&self, previous: &Previous) -> std::io::Result<Vec<u8>> {
        let mut file = fs::File::open(&self.target)?;
        let meta = file.metadata()?;
        if previous.identity.is_some() && FileIdentity::of(&meta) != previous.identity {
            return Err(changed_meanwhile());
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        file.read_to_end(&mut bytes)?;
        Ok(bytes)
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
        let differs = match &self.previous {
            None => false,
            Some(previous) if previous.len != text.len() as u64 => true,
            Some(_) => self
                .previous()?
                .is_some_and(|bytes| bytes != text.as_bytes()),
        };
        self.put_in_place(staged, differs)
    }

    /// As [`ProjectFile::replace_checked`], the new version written by `write` straight into the
    /// file beside the project, never held whole: `write` checks what it writes as it goes and
    /// fails with the loader's verdict on anything that would not load (the file is then left as
    /// it was). Gives the length and hash of what was written.
    pub fn replace_streamed(
        self,
        write: impl FnOnce(&mut dyn Write) -> Result<(), StreamFailure>,
    ) -> Result<Written, SaveError> {
        let io = |e| SaveError::io(&self.path, e);
        let mut refused = None;
        let mut written = None;
        let staged = stage(&self.target, |out| {
            let mut out = Hashing::new(out);
            match write(&mut out) {
                Ok(()) => {
                    written = Some(out.finish());
                    Ok(())
                }
                Err(StreamFailure::Io(e)) => Err(e),
                Err(StreamFailure::WouldNotLoad(reason)) => {
                    refused = Some(reason);
                    Err(std::io::Error::other("what would be written does not load"))
                }
            }
        });
        if let Some(reason) = refused {
            return Err(SaveError::WouldNotLoad {
                path: self.path.clone(),
                reason,
            });
        }
        let staged = staged.map_err(io)?;
        let written = written.expect("staged only once written");
        let differs = match &self.previous {
            None => false,
            Some(previous) if previous.len != written.len => true,
            Some(previous) => match previous.bytes.get() {
                Some(bytes) => !same_content_as(bytes, staged.path()).map_err(io)?,
                None => !same_files(&self.target, staged.path()).map_err(io)?,
            },
        };
        self.put_in_place(staged, differs)?;
        Ok(written)
    }

    /// Puts the staged new version in the file's place, once the file there is still the one
    /// noted when the lock was taken; `differs` says whether that one becomes the backup.
    fn put_in_place(&self, staged: Staged, differs: bool) -> Result<(), SaveError> {
        let io = |e| SaveError::io(&self.path, e);
        // Whosaid's own savers wait for the lock; another program may still have replaced the
        // file since it was read: its version is not overwritten unasked.
        let now = fs::metadata(&self.target).ok();
        let unchanged = match (&self.previous, &now) {
            (None, None) => true,
            (Some(previous), Some(now)) => match previous.identity {
                Some(read) => FileIdentity::of(now) == Some(read),
                None => true,
            },
            _ => false,
        };
        if !unchanged {
            return Err(io(changed_meanwhile()));
        }
        if let Some(previous) = &self.previous
            && differs
        {
            keep_as_backup(
                &self.target,
                &backup_path(&self.target),
                previous.identity,
                || self.previous().map(|b| b.unwrap_or_default()),
            )
            .map_err(|e| match e {
                BackupFailure::Io(e) => io(e),
                BackupFailure::Read(e) => e,
            })?;
        }
        staged.commit().map_err(io)
    }
}

fn changed_meanwhile() -> std::io::Error {
    std::io::Error::other(
        "another program changed it while it was being saved; it was left as that program wrote it",
    )
}

/// Whether the file at `path` holds exactly `bytes`.
fn same_content_as(bytes: &[u8], path: &Path) -> std::io::Result<bool> {
    Ok(fs::read(path)? == bytes)
}

/// Whether two files hold the same bytes, read side by side in blocks.
fn same_files(a: &Path, b: &Path) -> std::io::Result<bool> {
    const BLOCK: usize = 1 << 20;
    let (mut a, mut b) = (fs::File::open(a)?, fs::File::open(b)?);
    let (mut x, mut y) = (vec![0; BLOCK], vec![0; BLOCK]);
    loop {
        let n = read_full(&mut a, &mut x)?;
        let m = read_full(&mut b, &mut y)?;
        if x[..n] != y[..m] {
            return Ok(false);
        }
        if n == 0 {
            return Ok(true);
        }
    }
}

/// Fills `buf` as far as the file goes; how much was read.
fn read_full(file: &mut fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut at = 0;
    while at < buf.len() {
        match file.read(&mut buf[at..])? {
            0 => break,
            n => at += n,
        }
    }
    Ok(at)
}

/// Passes what is written on, counting and hashing it, so that a streamed save knows the hash of
/// what it wrote without reading it again.
struct Hashing<'a> {
    out: &'a mut dyn Write,
    hasher: blake3::Hasher,
    len: u64,
}

impl<'a> Hashing<'a> {
    fn new(out: &'a mut dyn Write) -> Self {
        Hashing {
            out,
            hasher: blake3::Hasher::new(),
            len: 0,
        }
    }

    fn finish(&self) -> Written {
        Written {
            len: self.len,
            hash: self.hasher.finalize(),
        }
    }
}

impl Write for Hashing<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn streamed(path: &Path, text: &'static str) -> Result<Written, SaveError> {
        ProjectFile::lock(path)?.replace_streamed(|out| {
            out.write_all(text.as_bytes())?;
            Ok(())
        })
    }

    #[test]
    fn a_streamed_save_keeps_the_previous_version_and_tells_what_it_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, "old").unwrap();
        let written = streamed(&path, "new text").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new text");
        assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), "old");
        assert_eq!(written.len, 8);
        assert_eq!(written.hash, blake3::hash(b"new text"));
        // The same text again: the backup still holds the version before it.
        streamed(&path, "new text").unwrap();
        assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), "old");
        // As long, but different: it becomes the backup.
        streamed(&path, "new TEXT").unwrap();
        assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), "new text");
        assert_eq!(names_in(dir.path()), ["p.ron", "p.ron.bak", "p.ron.lock"]);
    }

    #[test]
    fn a_streamed_save_that_fails_halfway_leaves_the_file_and_its_backup_as_they_were() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, "old").unwrap();
        fs::write(backup_path(&path), "older").unwrap();
        let err = ProjectFile::lock(&path)
            .unwrap()
            .replace_streamed(|out| {
                out.write_all(b"half of a project")?;
                Err(StreamFailure::WouldNotLoad(LoadError::Invalid {
                    path: path.clone(),
                    message: "annotation id 7 is used twice".into(),
                }))
            })
            .unwrap_err();
        assert!(matches!(err, SaveError::WouldNotLoad { .. }), "{err}");
        assert!(err.to_string().contains("used twice"), "{err}");
        let err = ProjectFile::lock(&path)
            .unwrap()
            .replace_streamed(|out| {
                out.write_all(b"half of a project")?;
                Err(std::io::Error::other("the disk is full").into())
            })
            .unwrap_err();
        assert!(err.to_string().contains("the disk is full"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), "older");
        assert_eq!(names_in(dir.path()), ["p.ron", "p.ron.bak", "p.ron.lock"]);
    }

    #[test]
    fn the_previous_content_is_read_when_asked_and_only_from_the_file_seen_at_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, "ours").unwrap();
        let file = ProjectFile::lock(&path).unwrap();
        assert!(file.existed());
        assert_eq!(file.previous().unwrap(), Some(&b"ours"[..]));
        drop(file);
        let file = ProjectFile::lock(&path).unwrap();
        // Another program puts its own file there before it was read.
        fs::write(dir.path().join("theirs"), "theirs, longer").unwrap();
        fs::rename(dir.path().join("theirs"), &path).unwrap();
        let err = file.previous().unwrap_err();
        assert!(err.to_string().contains("another program"), "{err}");
        let none = ProjectFile::lock(&dir.path().join("new.ron")).unwrap();
        assert!(!none.existed());
        assert_eq!(none.previous().unwrap(), None);
    }
}
