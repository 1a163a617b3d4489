//! Saving: atomic replacement, the previous version kept as `NAME.ron.bak`, and no silent
//! overwrite of a project file that someone else changed since it was read (a git pull, another
//! window).

use super::Workspace;
use super::open::full_path;
use super::outputs::{OutputKind, OutputRefused};
use crate::project::{ProjectFile, SaveError, project_to_ron_cached, write_project_checked};
use std::path::{Path, PathBuf};

pub use crate::project::backup_path;

#[derive(Debug, thiserror::Error)]
pub enum SaveFailure {
    #[error(transparent)]
    Write(#[from] SaveError),
    #[error(
        "{} changed on disk since it was opened (a git pull, another window?); saving would overwrite those changes",
        path.display()
    )]
    ChangedOnDisk { path: PathBuf },
    #[error(transparent)]
    Refused(#[from] OutputRefused),
}

impl Workspace {
    /// Saves to `path` and makes it the project's file. The corpus path is written relative to the
    /// project file so that project and corpus can move together. Saving over the project's own
    /// file fails with [`SaveFailure::ChangedOnDisk`] if that file changed since it was read.
    pub fn save_as(&mut self, path: &Path) -> Result<(), SaveFailure> {
        let own_file = self.project_path.as_deref() == Some(path);
        if !own_file {
            self.check_output(path, OutputKind::Project)?;
        }
        self.write(path, own_file)
    }

    /// Saves to the project's own file; `Ok(false)` if it has none yet (ask for one: Save As).
    pub fn save(&mut self) -> Result<bool, SaveFailure> {
        match self.project_path.clone() {
            Some(path) => self.write(&path, true).map(|_| true),
            None => Ok(false),
        }
    }

    /// Saves over the project's own file even though it changed on disk (the user chose to).
    pub fn save_overwriting(&mut self) -> Result<bool, SaveFailure> {
        match self.project_path.clone() {
            Some(path) => self.write(&path, false).map(|_| true),
            None => Ok(false),
        }
    }

    fn write(&mut self, path: &Path, check_disk: bool) -> Result<(), SaveFailure> {
        let dir = full_path(path.parent().unwrap_or(Path::new(".")));
        let corpus_abs = full_path(&self.corpus.root);
        let corpus = pathdiff::diff_paths(&corpus_abs, &dir).unwrap_or(corpus_abs);
        // From here to the end of the save, another whosaid saving this file waits.
        let file = ProjectFile::lock(path)?;
        // The file there is read only if it may be exactly the one last read or written as this
        // project: an import over another project needs none of it.
        let previous = if self.project_path.as_deref() == Some(path) && self.disk_hash.is_some() {
            file.previous()?
        } else {
            None
        };
        let ours = previous.is_some_and(|bytes| Some(blake3::hash(bytes)) == self.disk_hash);
        if check_disk && file.existed() && self.disk_hash.is_some() && !ours {
            return Err(SaveFailure::ChangedOnDisk {
                path: path.to_owned(),
            });
        }
        // Unchanged documents are copied from our own file rather than serialized again.
        let reusable = previous
            .filter(|_| ours)
            .and_then(|bytes| std::str::from_utf8(bytes).ok());
        let project = &self.project;
        let hash = match reusable {
            Some(reusable) => {
                let text =
                    project_to_ron_cached(project, &corpus, &mut self.save_cache, Some(reusable));
                let fresh = self.save_cache.made_anew();
                file.replace_checked(&text, || {
                    crate::project::check_saved(path, &text, project, fresh)
                })
                .map(|()| blake3::hash(text.as_bytes()))
            }
            // Every document is made anew: written straight to the disk as it is made.
            None => {
                let cache = &mut self.save_cache;
                file.replace_streamed(|out| {
                    write_project_checked(path, project, &corpus, cache, out)
                })
                .map(|written| written.hash)
            }
        };
        let hash = match hash {
            Ok(hash) => hash,
            Err(e) => {
                // The cache now describes a text that is not on disk: the next save makes all anew.
                self.save_cache = Default::default();
                return Err(e.into());
            }
        };
        self.disk_hash = Some(hash);
        self.project.corpus = corpus;
        // The work is on disk: the autosaved copy (under the old or the new name) is obsolete,
        // and so is any copy being written now (counted first: see `recovery_writer`).
        self.saves.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.remove_recovery();
        self.project_path = Some(path.to_owned());
        self.remove_recovery();
        self.saved_state = self.history.state();
        self.history.seal();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Label;
    use crate::workspace::Intent;

    fn workspace_with_file() -> (tempfile::TempDir, Workspace, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("corpus")).unwrap();
        std::fs::write(dir.path().join("corpus/a.txt"), "Logan said no.\n").unwrap();
        let mut ws = Workspace::open_corpus(&dir.path().join("corpus")).unwrap();
        let path = dir.path().join("p.ron");
        ws.save_as(&path).unwrap();
        let ws = Workspace::open_project(&path).unwrap();
        (dir, ws, path)
    }

    fn tag(ws: &mut Workspace) {
        ws.perform(Intent::Tag {
            doc: "a.txt".into(),
            range: 0..5,
            label: Label::Claim,
        })
        .unwrap();
    }

    #[test]
    fn saves_of_a_big_project_copy_what_did_not_change_and_write_what_a_full_save_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = crate::synthetic::annotated_project(dir.path(), 20, 20_000, 30, 120, 5).unwrap();
        assert!(
            std::fs::metadata(&path).unwrap().len() > 1 << 20,
            "big enough to be cached"
        );
        let progress = crate::progress::Progress::default();
        let options = Default::default();
        let mut ws = Workspace::open_project_reporting(&path, &options, &progress).unwrap();
        for round in 0..3 {
            let id = ws.project.documents[round * 7].annotations[0].id;
            ws.perform(Intent::SetNote {
                id,
                note: format!("round {round}"),
            })
            .unwrap();
            ws.save().unwrap();
            let saved = std::fs::read_to_string(&path).unwrap();
            assert!(saved.contains(&format!("note: \"round {round}\"")));
            let reread = crate::project::parse_project(&path, &saved).unwrap();
            assert_eq!(reread, ws.project);
            assert_eq!(crate::project::project_to_ron(&reread), saved);
        }
    }

    #[test]
    fn saving_keeps_the_previous_version_as_a_backup() {
        let (_dir, mut ws, path) = workspace_with_file();
        let before = std::fs::read(&path).unwrap();
        tag(&mut ws);
        ws.save().unwrap();
        assert_eq!(std::fs::read(backup_path(&path)).unwrap(), before);
        assert_ne!(std::fs::read(&path).unwrap(), before);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("text: \"Logan\"")
        );
    }

    #[test]
    fn a_file_changed_by_someone_else_is_not_overwritten_silently() {
        let (_dir, mut ws, path) = workspace_with_file();
        let theirs = std::fs::read_to_string(&path)
            .unwrap()
            .replace("done: false", "done: true");
        std::fs::write(&path, &theirs).unwrap();
        tag(&mut ws);
        let err = ws.save().unwrap_err();
        assert!(matches!(err, SaveFailure::ChangedOnDisk { .. }), "{err}");
        assert!(err.to_string().contains("p.ron"));
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            theirs,
            "their version is intact"
        );
        assert!(ws.is_dirty());
        // The user chose to overwrite.
        ws.save_overwriting().unwrap();
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("text: \"Logan\"")
        );
        assert_eq!(std::fs::read_to_string(backup_path(&path)).unwrap(), theirs);
        // From now on our own saves go through again.
        tag(&mut ws);
        ws.save().unwrap();
    }
}
