//! Durable file replacement: write a temporary file in the same folder, flush it to disk, rename it
//! over the target, then flush the folder, so a crash at any moment leaves the old or the new file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, |file| file.write_all(bytes))
}

/// As [`write_atomically`], the content streamed by `write` (which need not buffer).
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let (dir, tmp) = temporary_beside(path)?;
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        write(&mut file)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        // Make the rename itself durable.
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The folder of `path` and a temporary name in it.
fn temporary_beside(path: &Path) -> std::io::Result<(PathBuf, PathBuf)> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("the path names no file"))?;
    let mut tmp_name = name.to_os_string();
    tmp_name.push(format!(".{}.whosaid-tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    Ok((dir, tmp))
}

/// Makes `backup` hold the file now at `path`, whose content is `bytes`, atomically. The file
/// gets a second name rather than a copy, so a big project costs nothing extra to back up;
/// where links are not supported the bytes are written.
pub fn keep_as_backup(path: &Path, backup: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let (dir, tmp) = temporary_beside(backup)?;
    let _ = fs::remove_file(&tmp);
    if fs::hard_link(path, &tmp).is_err() {
        return write_atomically(backup, bytes);
    }
    if let Err(e) = fs::rename(&tmp, backup) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
