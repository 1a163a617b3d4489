//! Recovery files: unsaved work written beside the project (`NAME.ron.recovery`) so that a crash
//! or a power cut costs at most a few seconds of work, and what a recovery would change.

use super::{AnnotationId, Project};
use crate::text::plural::count;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where the unsaved work of the project saved at `project` is kept.
pub fn recovery_path(project: &Path) -> PathBuf {
    let mut name = project.file_name().unwrap_or_default().to_os_string();
    name.push(".recovery");
    project.with_file_name(name)
}

/// How a recovered project differs from the saved one, counted in annotations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProjectDiff {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    /// Speakers, done marks and other project-level changes.
    pub other_changes: bool,
}

impl ProjectDiff {
    pub fn between(saved: &Project, recovered: &Project) -> Self {
        let (old, new) = (index(saved), index(recovered));
        let mut diff = ProjectDiff::default();
        for (id, now) in &new {
            match old.get(id) {
                None => diff.added += 1,
                Some(before) if before != now => diff.changed += 1,
                Some(_) => {}
            }
        }
        diff.removed = old.keys().filter(|id| !new.contains_key(id)).count();
        let done = |p: &Project| p.documents.iter().map(|d| d.done).collect::<Vec<_>>();
        diff.other_changes = saved.speakers != recovered.speakers || done(saved) != done(recovered);
        diff
    }

    pub fn is_empty(&self) -> bool {
        *self == ProjectDiff::default()
    }
}

fn index(p: &Project) -> HashMap<AnnotationId, (&String, &super::model::Annotation)> {
    p.annotations().map(|(d, a)| (a.id, (&d.path, a))).collect()
}

impl std::fmt::Display for ProjectDiff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} added, {} changed, {} removed",
            count(self.added, "annotation", "annotations"),
            self.changed,
            self.removed
        )?;
        if self.other_changes {
            write!(f, "; speakers or done marks changed")?;
        }
        Ok(())
    }
}
