//! Where whosaid may write an export or a new project file: never over the open project or its
//! side files (backup, recovery, lock), nor anywhere in the corpus folder (an export there would
//! overwrite an article or become one), whichever name, symbolic link or hard link leads there.

use super::Workspace;
use super::open::full_path;
use crate::project::{backup_path, lock_path, recovery_path, resolve_links};
use std::path::{Component, Path, PathBuf};

/// What is about to be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputKind {
    /// An export or suggestions: the open project itself is off limits too.
    Export,
    /// The project saved under a name (Save As, import): writing its own file is a save.
    Project,
}

#[derive(Debug, thiserror::Error)]
#[error("will not write {}: {why}", path.display())]
pub struct OutputRefused {
    pub path: PathBuf,
    pub why: String,
}

impl Workspace {
    /// Refuses `path` as the place of an export or a project when it is (or leads to) the open
    /// project, one of its side files, or a place in the corpus folder.
    pub fn check_output(&self, path: &Path, kind: OutputKind) -> Result<(), OutputRefused> {
        let refuse = |why: String| {
            Err(OutputRefused {
                path: path.to_owned(),
                why,
            })
        };
        let at = canonical(path);
        let corpus = canonical(&self.corpus.root);
        if at.starts_with(&corpus) {
            return refuse(format!(
                "it is in the corpus folder {}, which whosaid only reads",
                self.corpus.root.display()
            ));
        }
        for (file, what) in self.own_files(kind) {
            if canonical(&file) == at {
                return refuse(format!("it is {what}"));
            }
        }
        // Another name (a hard link) of the project or of an article.
        if let Some(id) = identity(path) {
            let articles = self
                .corpus
                .documents
                .iter()
                .map(|d| (self.corpus.root.join(&d.path), "an article of the corpus"));
            for (file, what) in self.own_files(kind).into_iter().chain(articles) {
                if identity(&file) == Some(id) {
                    return refuse(format!("it is another name of {what} ({})", file.display()));
                }
            }
        }
        Ok(())
    }

    /// The project's file and side files, under the name it was opened by and beside the file a
    /// link leads to.
    fn own_files(&self, kind: OutputKind) -> Vec<(PathBuf, &'static str)> {
        let mut files = vec![(
            self.recovery_file(),
            "the recovery file of the open project",
        )];
        let Some(project) = &self.project_path else {
            return files;
        };
        let mut names = vec![project.clone()];
        if let Ok(target) = resolve_links(project) {
            names.push(target);
        }
        for p in names {
            if kind == OutputKind::Export {
                files.push((p.clone(), "the open project"));
            }
            let mut declined = recovery_path(&p).into_os_string();
            declined.push("-declined");
            files.extend([
                (backup_path(&p), "the backup of the open project"),
                (recovery_path(&p), "the recovery file of the open project"),
                (declined.into(), "a recovery file of the open project"),
                (lock_path(&p), "the save lock of the open project"),
            ]);
        }
        files
    }
}

/// `path` absolute, with every link followed and `..` resolved, as far as it exists; the part
/// that does not exist yet is appended as written.
fn canonical(path: &Path) -> PathBuf {
    let path = resolve_links(path).unwrap_or_else(|_| path.to_owned());
    let path = full_path(&path);
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(found) = std::fs::canonicalize(existing) {
            let mut out = found;
            for c in rest.iter().rev() {
                match c {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::CurDir => {}
                    c => out.push(c),
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return path,
        }
    }
}

/// The device and inode of the regular file at `path` when it has other names (hard links).
#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    (meta.is_file() && meta.nlink() > 1).then(|| (meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_path: &Path) -> Option<(u64, u64)> {
    None
}
