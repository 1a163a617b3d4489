//! Autosave to a recovery file beside the project, and the offer to restore it on the next open.

use super::Workspace;
use super::open::full_path;
use crate::edit::Edit;
use crate::project::{
    Project, ProjectDiff, parse_project, project_to_ron_with_corpus, recovery_path,
};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

/// Unsaved work found on open, newer than the project file.
#[derive(Clone, Debug)]
pub struct RecoveryOffer {
    pub file: PathBuf,
    pub project: Project,
    pub diff: ProjectDiff,
}

impl Workspace {
    /// `NAME.ron.recovery` beside the project; for a corpus not yet saved as a project,
    /// `FOLDER.whosaid.ron.recovery` beside the corpus folder.
    pub fn recovery_file(&self) -> PathBuf {
        match &self.project_path {
            Some(p) => recovery_path(p),
            None => {
                let root = full_path(&self.corpus.root);
                let name = root.file_name().unwrap_or_default().to_string_lossy();
                recovery_path(&root.with_file_name(format!("{name}.whosaid.ron")))
            }
        }
    }

    /// Writes the current state, saved or not, to the recovery file (atomically).
    pub fn write_recovery(&self) -> std::io::Result<PathBuf> {
        let (file, corpus) = self.recovery_target();
        let text = project_to_ron_with_corpus(&self.project, &corpus);
        crate::project::write_atomically(&file, text.as_bytes())?;
        Ok(file)
    }

    /// A copy of the current state that writes the recovery file when run, on any thread: copying
    /// is much quicker than serializing a big project, so the window need not wait for the latter.
    ///
    /// A copy of saved work writes nothing (and removes an older recovery file), and a copy taken before a save that ends while it runs
    /// leaves no file: the save removed the recovery file, or this writer removes what it wrote
    /// (the save is counted before it removes the file, so one of the two sees the other).
    pub fn recovery_writer(&self) -> impl FnOnce() -> std::io::Result<PathBuf> + Send + 'static {
        let (file, corpus) = self.recovery_target();
        let project = self.is_dirty().then(|| self.project.clone());
        let saves = self.saves.clone();
        let seen = saves.load(Ordering::SeqCst);
        move || {
            let Some(project) = project else {
                // Nothing unsaved: an older recovery file would only offer back undone work.
                if saves.load(Ordering::SeqCst) == seen {
                    let _ = std::fs::remove_file(&file);
                }
                return Ok(file);
            };
            let text = project_to_ron_with_corpus(&project, &corpus);
            if saves.load(Ordering::SeqCst) != seen {
                return Ok(file);
            }
            crate::project::write_atomically(&file, text.as_bytes())?;
            if saves.load(Ordering::SeqCst) != seen {
                let _ = std::fs::remove_file(&file);
            }
            Ok(file)
        }
    }

    /// The recovery file, and the corpus path as it is written there.
    fn recovery_target(&self) -> (PathBuf, PathBuf) {
        let file = self.recovery_file();
        let dir = full_path(file.parent().unwrap_or(Path::new(".")));
        let corpus_abs = full_path(&self.corpus.root);
        let corpus = pathdiff::diff_paths(&corpus_abs, &dir).unwrap_or(corpus_abs);
        (file, corpus)
    }

    pub(super) fn remove_recovery(&self) {
        let _ = std::fs::remove_file(self.recovery_file());
    }

    /// A recovery file newer than the project that differs from it, if there is one.
    pub fn recovery_offer(&self) -> Option<RecoveryOffer> {
        let file = self.recovery_file();
        let written = std::fs::metadata(&file).and_then(|m| m.modified()).ok()?;
        if let Some(project) = &self.project_path {
            let saved = std::fs::metadata(project).and_then(|m| m.modified()).ok();
            if saved.is_some_and(|saved| saved > written) {
                return None;
            }
        }
        let text = std::fs::read_to_string(&file).ok()?;
        let project = parse_project(&file, &text).ok()?;
        let diff = ProjectDiff::between(&self.project, &project);
        (!diff.is_empty()).then_some(RecoveryOffer {
            file,
            project,
            diff,
        })
    }

    /// Puts the recovered work in place as one undoable step; it is unsaved until saved.
    pub fn restore(&mut self, offer: RecoveryOffer) -> Result<(), String> {
        self.history
            .apply(
                &mut self.project,
                &mut self.pending,
                Edit::ReplaceContent(Box::new(offer.project)),
                "Restore recovered work",
                None,
            )
            .map_err(|e| e.to_string())?;
        self.project.normalize();
        self.revision += 1;
        self.changes.all(self.revision);
        Ok(())
    }

    /// Keeps a declined recovery file as `NAME.ron.recovery-declined` rather than deleting work.
    pub fn decline_recovery(&self, offer: &RecoveryOffer) {
        let mut declined = offer.file.as_os_str().to_owned();
        declined.push("-declined");
        let _ = std::fs::rename(&offer.file, PathBuf::from(declined));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Label;
    use crate::workspace::Intent;

    fn saved_project() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("corpus")).unwrap();
        std::fs::write(
            dir.path().join("corpus/a.txt"),
            "Logan said no. Michta agreed.\n",
        )
        .unwrap();
        let mut ws = Workspace::open_corpus(&dir.path().join("corpus")).unwrap();
        ws.perform(Intent::Tag {
            doc: "a.txt".into(),
            range: 0..5,
            label: Label::Claim,
        })
        .unwrap();
        let path = dir.path().join("p.ron");
        ws.save_as(&path).unwrap();
        (dir, path)
    }

    #[test]
    fn unsaved_work_is_offered_back_with_what_differs_and_restoring_is_undoable() {
        let (_dir, path) = saved_project();
        let mut ws = Workspace::open_project(&path).unwrap();
        let first = ws.project.annotations().next().unwrap().1.id;
        ws.perform(Intent::Tag {
            doc: "a.txt".into(),
            range: 15..21,
            label: Label::Quote,
        })
        .unwrap();
        ws.perform(Intent::SetNote {
            id: first,
            note: "checked".into(),
        })
        .unwrap();
        let file = ws.write_recovery().unwrap();
        assert_eq!(file, path.with_file_name("p.ron.recovery"));
        drop(ws); // the crash

        let mut ws = Workspace::open_project(&path).unwrap();
        let offer = ws.recovery_offer().expect("recovery offered");
        assert_eq!(
            (offer.diff.added, offer.diff.changed, offer.diff.removed),
            (1, 1, 0)
        );
        assert_eq!(
            offer.diff.to_string(),
            "1 annotation added, 1 changed, 0 removed"
        );
        ws.restore(offer).unwrap();
        assert_eq!(ws.project.annotations().count(), 2);
        assert!(ws.is_dirty());
        ws.undo().unwrap();
        assert_eq!(ws.project.annotations().count(), 1);
        ws.redo().unwrap();
        // Saving makes the recovery file obsolete.
        ws.save().unwrap();
        assert!(!file.exists());
        assert!(
            Workspace::open_project(&path)
                .unwrap()
                .recovery_offer()
                .is_none()
        );
    }

    #[test]
    fn a_recovery_older_than_the_project_or_equal_to_it_is_not_offered() {
        let (_dir, path) = saved_project();
        let ws = Workspace::open_project(&path).unwrap();
        ws.write_recovery().unwrap();
        assert!(ws.recovery_offer().is_none(), "nothing differs");
    }

    #[test]
    fn a_copy_taken_before_a_save_leaves_no_recovery_file() {
        let (_dir, path) = saved_project();
        let mut ws = Workspace::open_project(&path).unwrap();
        ws.perform(Intent::SetDone {
            doc: "a.txt".into(),
            done: true,
        })
        .unwrap();
        // The autosave's copy is taken, then the analyst saves before it is written.
        let autosave = ws.recovery_writer();
        ws.save().unwrap();
        let file = autosave().unwrap();
        assert!(!file.exists(), "{} left after the save", file.display());
        // A copy of saved work writes nothing either.
        let autosave = ws.recovery_writer();
        autosave().unwrap();
        assert!(!file.exists(), "{} written for saved work", file.display());
        // Unsaved work after the save is autosaved again.
        ws.perform(Intent::SetDone {
            doc: "a.txt".into(),
            done: false,
        })
        .unwrap();
        ws.recovery_writer()().unwrap();
        assert!(file.exists());
    }

    #[test]
    fn declining_keeps_the_file_aside() {
        let (_dir, path) = saved_project();
        let mut ws = Workspace::open_project(&path).unwrap();
        ws.perform(Intent::SetDone {
            doc: "a.txt".into(),
            done: true,
        })
        .unwrap();
        ws.write_recovery().unwrap();
        let ws = Workspace::open_project(&path).unwrap();
        let offer = ws.recovery_offer().unwrap();
        assert!(offer.diff.other_changes);
        ws.decline_recovery(&offer);
        assert!(ws.recovery_offer().is_none());
        assert!(path.with_file_name("p.ron.recovery-declined").exists());
    }
}
