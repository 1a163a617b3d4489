//! A file being written whose finished parts are handed to the disk as it grows, so that the
//! flush before the rename of a crash-safe write has little left to wait for.
//!
//! A big export or suggestion file is written for seconds and flushed at the end: without this,
//! the whole file waits in memory and the final `fsync` writes it all at once while the command
//! sits idle (40-55 ms for a 75 MB export, a tenth of the whole command).

use std::fs::File;
use std::io::Write;

/// How much is written before it is handed to the disk. Large: each hand-over does the disk's
/// bookkeeping on the writing thread, and for outputs of hundreds of megabytes the kernel's own
/// background writer is already at work (8 MB steps made a 787 MB export slower than leaving it
/// all to the final flush; 32 MB steps did not).
const EVERY: u64 = 32 << 20;

pub struct WritebackFile {
    file: File,
    /// How much is written before it is handed to the disk ([`EVERY`]).
    step: u64,
    written: u64,
    /// Where the part not yet handed to the disk starts.
    handed: u64,
}

impl WritebackFile {
    pub fn new(file: File) -> Self {
        Self::with_step(file, EVERY)
    }

    fn with_step(file: File, step: u64) -> Self {
        Self {
            file,
            step,
            written: 0,
            handed: 0,
        }
    }

    pub fn into_inner(self) -> File {
        self.file
    }

    /// Starts writing `handed..written` to the disk and returns at once: the data is still
    /// flushed by `sync_all` before the file is renamed into place; this only makes that wait
    /// shorter.
    #[cfg(target_os = "linux")]
    fn hand_to_disk(&mut self) {
        use std::os::fd::AsRawFd;
        let (from, len) = (self.handed, self.written - self.handed);
        // Advisory: a file system that cannot do it leaves everything to `sync_all`.
        // SAFETY: the descriptor is this open file's, and the call reads no memory of ours.
        unsafe {
            libc::sync_file_range(
                self.file.as_raw_fd(),
                from as libc::off64_t,
                len as libc::off64_t,
                libc::SYNC_FILE_RANGE_WRITE,
            );
        }
        self.handed = self.written;
    }

    #[cfg(not(target_os = "linux"))]
    fn hand_to_disk(&mut self) {
        self.handed = self.written;
    }
}

impl Write for WritebackFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        if self.written - self.handed >= self.step {
            self.hand_to_disk();
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Many writes across several hand-overs: the file holds exactly what was written.
    #[test]
    fn a_file_handed_to_the_disk_in_parts_holds_every_byte_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        let step = 1 << 20;
        let mut out = WritebackFile::with_step(File::create(&path).unwrap(), step);
        let mut expected = Vec::new();
        for i in 0..30_000u32 {
            let line = format!(
                "{{\"n\":{i},\"text\":\"{}\"}}\n",
                "é".repeat((i % 700) as usize)
            );
            out.write_all(line.as_bytes()).unwrap();
            expected.extend_from_slice(line.as_bytes());
        }
        assert!(out.handed > 0 && out.handed >= expected.len() as u64 - step);
        out.into_inner().sync_all().unwrap();
        assert!(expected.len() as u64 > 2 * step);
        assert_eq!(std::fs::read(&path).unwrap(), expected);
    }
}
