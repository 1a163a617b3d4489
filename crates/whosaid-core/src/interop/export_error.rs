//! Why an export could not be written: the file or folder it names, and what was in the way.
//! Shared by the writers of files and of the brat folder, below both.

use crate::workspace::OutputRefused;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{} is not a folder (a file or a link is there); the brat export writes a folder of its own",
        path.display()
    )]
    NotAFolder { path: PathBuf },
    #[error(
        "{} does not name a folder of its own: give the brat export folder by name \
         (e.g. -o brat-export)",
        path.display()
    )]
    NoFolderName { path: PathBuf },
    #[error(
        "{} is not empty and is not an earlier whosaid brat export ({found}); \
         give a new or empty folder",
        path.display()
    )]
    FolderInUse { path: PathBuf, found: String },
    #[error("documents {first} and {second} would both be {name} in the brat folder")]
    NameClash {
        first: String,
        second: String,
        name: String,
    },
    #[error(transparent)]
    Refused(#[from] OutputRefused),
}

impl ExportError {
    pub(super) fn io(path: &Path, source: std::io::Error) -> Self {
        ExportError::Io {
            path: path.to_owned(),
            source,
        }
    }
}
