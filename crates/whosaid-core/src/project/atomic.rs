//! Durable file replacement: write a temporary file in the same folder, flush it to disk, rename it
//! over the target, then flush the folder, so a crash at any moment leaves the old or the new file.
//! The target is the file a symbolic link points to (the link stays), the replaced file's
//! permissions are kept, and a device or a FIFO is written to directly: renaming over it would
//! replace the device with a regular file.

use super::writeback::WritebackFile;
use std::fs;
use std::io::{BufWriter, ErrorKind, Write};
use std::path::{Path, PathBuf};

/// Big enough that writing a project or an export costs few system calls.
const BUFFER: usize = 1 << 18;

/// How many links deep a path may point before it is taken for a loop (as Linux's `ELOOP`).
const MAX_LINKS: usize = 40;

pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, |file| file.write_all(bytes))
}

/// As [`write_atomically`], the content streamed by `write` (which need not buffer: it writes
/// into a buffer).
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    // Asked of the path itself: the system follows links that name no path (`/dev/stdout` to a
    // pipe) where `resolve_links` cannot.
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(std::io::Error::new(
            ErrorKind::IsADirectory,
            "it is a folder",
        )),
        Ok(meta) if !meta.is_file() => write_in_place(path, write),
        _ => stage(&resolve_links(path)?, write)?.commit(),
    }
}

/// Writes a device, a FIFO or a socket as it is: such a file has no content to replace.
fn write_in_place(
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let file = fs::OpenOptions::new().write(true).open(target)?;
    let mut out = BufWriter::with_capacity(BUFFER, file);
    write(&mut out)?;
    out.flush()
}

/// The file `path` names once every symbolic link on the way is followed; a link that points
/// nowhere yet gives the path it points to (the file is created there).
pub fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut path = path.to_owned();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) => dir.join(to),
                    None => to,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(std::io::Error::new(
        ErrorKind::InvalidInput,
        "too many levels of symbolic links",
    ))
}

/// A new version of a file, written and flushed to disk under a temporary name beside it but not
/// yet in place: [`Staged::commit`] puts it there; dropping it removes the temporary file.
pub struct Staged {
    target: PathBuf,
    dir: PathBuf,
    tmp: Option<PathBuf>,
}

/// Writes the new content of `target` (a regular file, or none yet; not a link) beside it and
/// flushes it to disk, with the permissions of the file it is to replace.
pub fn stage(
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<Staged> {
    let (dir, tmp) = temporary_beside(target)?;
    let _ = fs::remove_file(&tmp);
    let file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)?;
    let staged = Staged {
        target: target.to_owned(),
        dir,
        tmp: Some(tmp),
    };
    let mut out = BufWriter::with_capacity(BUFFER, WritebackFile::new(file));
    write(&mut out)?;
    let file = out.into_inner().map_err(|e| e.into_error())?.into_inner();
    if let Ok(old) = fs::metadata(target) {
        keep_owner(&file, &old);
        file.set_permissions(old.permissions())?;
    }
    file.sync_all()?;
    drop(file);
    Ok(staged)
}

/// The replaced file's owner and group, where this process may set them (as root); elsewhere the
/// new file belongs to whoever saves, as any new file does.
#[cfg(unix)]
fn keep_owner(file: &fs::File, old: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    if let Ok(new) = file.metadata()
        && (new.uid(), new.gid()) != (old.uid(), old.gid())
    {
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    }
}

#[cfg(not(unix))]
fn keep_owner(_file: &fs::File, _old: &fs::Metadata) {}

impl Staged {
    /// Where the new version is, until it is committed.
    pub fn path(&self) -> &Path {
        self.tmp.as_deref().expect("not yet committed")
    }

    /// Renames the new version over the target and makes the rename durable.
    pub fn commit(mut self) -> std::io::Result<()> {
        let tmp = self.tmp.take().expect("committed once");
        if let Err(e) = fs::rename(&tmp, &self.target) {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        sync_dir(&self.dir);
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            let _ = fs::remove_file(tmp);
        }
    }
}

/// Makes renames in `dir` durable (where the platform can).
fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The folder of `path` and a temporary name in it, `NAME.PID.whosaid-tmp`.
fn temporary_beside(path: &Path) -> std::io::Result<(PathBuf, PathBuf)> {
    let dir = folder_of(path);
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("the path names no file"))?;
    let mut tmp_name = name.to_os_string();
    tmp_name.push(format!(".{}.{TMP_SUFFIX}", std::process::id()));
    let tmp = dir.join(tmp_name);
    Ok((dir, tmp))
}

const TMP_SUFFIX: &str = "whosaid-tmp";

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Removes the temporary files of `target` and of its side files (`NAME.ron.PID.whosaid-tmp`,
/// `NAME.ron.bak.PID.whosaid-tmp`) left by processes that no longer run (killed during a save).
/// Where it cannot be told whether a process runs (no `/proc`), nothing is removed.
pub fn remove_stale_temporaries(target: &Path) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Some(name) = target.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    let Ok(entries) = fs::read_dir(folder_of(target)) else {
        return;
    };
    let own = std::process::id().to_string();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name
            .to_str()
            .and_then(|f| f.strip_prefix(name))
            .and_then(|f| f.strip_suffix(TMP_SUFFIX))
            .and_then(|f| f.strip_suffix('.'))
        else {
            continue;
        };
        // `.PID`, or a side file's `.bak.PID`.
        let Some((side, pid)) = rest.rsplit_once('.') else {
            continue;
        };
        let ours = side.is_empty() || (side.starts_with('.') && !side[1..].contains('.'));
        if ours
            && !pid.is_empty()
            && pid.bytes().all(|b| b.is_ascii_digit())
            && pid != own
            && !proc.join(pid).exists()
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// What tells a file apart from another one put at the same path: its device and inode, size and
/// modification time. `None` where the platform does not say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileIdentity {
    device: u64,
    inode: u64,
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl FileIdentity {
    #[cfg(unix)]
    pub fn of(meta: &fs::Metadata) -> Option<Self> {
        use std::os::unix::fs::MetadataExt;
        Some(FileIdentity {
            device: meta.dev(),
            inode: meta.ino(),
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }

    #[cfg(not(unix))]
    pub fn of(_meta: &fs::Metadata) -> Option<Self> {
        None
    }
}

/// Why a backup was not made: the disk, or reading the replaced file's content (`E`).
#[derive(Debug)]
pub enum BackupFailure<E> {
    Io(std::io::Error),
    Read(E),
}

/// Makes `backup` hold the content of the file at `path` when it was read, atomically. When that
/// very file (`read`, its identity then) is still at `path`, it gets a second name rather than a
/// copy, so a big project costs nothing extra to back up; otherwise (someone put another file
/// there since, or links are not supported) the bytes `content` gives are written.
pub fn keep_as_backup<'b, E>(
    path: &Path,
    backup: &Path,
    read: Option<FileIdentity>,
    content: impl FnOnce() -> Result<&'b [u8], E>,
) -> Result<(), BackupFailure<E>> {
    if let Some(read) = read {
        let (dir, tmp) = temporary_beside(backup).map_err(BackupFailure::Io)?;
        let _ = fs::remove_file(&tmp);
        if fs::hard_link(path, &tmp).is_ok() {
            let same = fs::metadata(&tmp)
                .ok()
                .and_then(|m| FileIdentity::of(&m))
                .is_some_and(|linked| linked == read);
            if same {
                if let Err(e) = fs::rename(&tmp, backup) {
                    let _ = fs::remove_file(&tmp);
                    return Err(BackupFailure::Io(e));
                }
                sync_dir(&dir);
                return Ok(());
            }
            let _ = fs::remove_file(&tmp);
        }
    }
    let bytes = content().map_err(BackupFailure::Read)?;
    write_atomically(backup, bytes).map_err(BackupFailure::Io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{mode:o}");
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let target = dir.path().join("real/p.ron");
        fs::write(&target, "old").unwrap();
        let link = dir.path().join("p.ron");
        std::os::unix::fs::symlink("real/p.ron", &link).unwrap();
        write_atomically(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        // A link to a link, and one that points nowhere yet.
        let link2 = dir.path().join("q.ron");
        std::os::unix::fs::symlink("p.ron", &link2).unwrap();
        write_atomically(&link2, b"newer").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "newer");
        let dangling = dir.path().join("d.ron");
        std::os::unix::fs::symlink("real/d.ron", &dangling).unwrap();
        write_atomically(&dangling, b"made").unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("real/d.ron")).unwrap(),
            "made"
        );
        assert!(
            fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn temporaries_of_dead_processes_are_removed_and_others_kept() {
        if !Path::new("/proc/self").exists() {
            eprintln!("SKIPPED: no /proc to tell whether a process runs");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        // Process ids above the kernel's limit (4194304 at most) belong to no process.
        let dead = dir.path().join("p.ron.99999999.whosaid-tmp");
        let dead_backup = dir.path().join("p.ron.bak.99999999.whosaid-tmp");
        let alive = dir.path().join("p.ron.1.whosaid-tmp");
        let other = dir.path().join("q.ron.99999999.whosaid-tmp");
        for f in [&dead, &dead_backup, &alive, &other] {
            fs::write(f, "x").unwrap();
        }
        remove_stale_temporaries(&path);
        assert!(!dead.exists() && !dead_backup.exists());
        assert!(alive.exists(), "process 1 runs");
        assert!(other.exists(), "another file's");
    }
}
