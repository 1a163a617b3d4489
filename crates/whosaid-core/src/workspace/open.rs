use super::Workspace;
use super::reanchor::DocStatus;
use crate::corpus::{
    Corpus, LoadOptions, TableColumns, load_corpus_columns, load_corpus_reporting,
};
use crate::edit::History;
use crate::progress::Progress;
use crate::project::PendingByDoc;
use crate::project::{DocEntry, LoadError, Project, SaveCache, peek_corpus, read_project_settling};
use crate::text::plural::count;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// What a project is opened for, which decides what is kept of the file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Use {
    /// The app: documents are kept as written, for saves that serialize only what changed.
    Edit,
    /// A command that may save (`check --fix`): the file's hash is kept.
    Check,
    /// A command that never saves (an export).
    Read,
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{0}")]
    Corpus(String),
}

impl Workspace {
    /// Opens a project file and its corpus. A missing corpus or document is a warning, not an
    /// error: the annotations stay in the project and are listed.
    pub fn open_project(path: &Path) -> Result<Self, OpenError> {
        Self::open_project_with(path, &LoadOptions::default())
    }

    /// As [`Workspace::open_project`], with corpus loading options (e.g. lossy UTF-8). For reading
    /// (export, check): nothing is kept to speed up later saves.
    pub fn open_project_with(path: &Path, options: &LoadOptions) -> Result<Self, OpenError> {
        Self::open_project_for(path, options, &Progress::default(), Use::Check)
    }

    /// As [`Workspace::open_project_with`], for a command that reads the project and never saves
    /// it (an export): the file is not hashed, which only a save needs, to see whether the file
    /// changed on disk meanwhile (a save of this workspace could not tell).
    pub fn open_project_to_read(path: &Path, options: &LoadOptions) -> Result<Self, OpenError> {
        Self::open_project_for(path, options, &Progress::default(), Use::Read)
    }

    /// Opens a project for editing, telling `progress` how far it has come. The corpus loads on
    /// its own thread while the project file parses, and each document is kept as written so that
    /// saves serialize only what changed.
    pub fn open_project_reporting(
        path: &Path,
        options: &LoadOptions,
        progress: &Progress,
    ) -> Result<Self, OpenError> {
        Self::open_project_for(path, options, progress, Use::Edit)
    }

    fn open_project_for(
        path: &Path,
        options: &LoadOptions,
        progress: &Progress,
        purpose: Use,
    ) -> Result<Self, OpenError> {
        let editing = purpose == Use::Edit;
        progress.stage("Reading the project", 0);
        // Read once, a block at a time: what was parsed is exactly what `disk_hash` describes,
        // and the corpus loads while the rest of the file is read.
        let base = path.parent().unwrap_or(Path::new(""));
        let load = |corpus: &Path| load_corpus_reporting(&base.join(corpus), options, progress);
        let mut save_cache = SaveCache::default();
        // The corpus read early, as soon as it is read: documents read after it share its text.
        let early_corpus = OnceLock::new();
        let (project, early) = std::thread::scope(|s| {
            let mut early = None;
            let project = read_project_settling(
                path,
                editing.then_some(&mut save_cache),
                |head| {
                    if let Some(guess) = peek_corpus(head) {
                        let loaded = &early_corpus;
                        early = Some((
                            guess.clone(),
                            s.spawn(move || {
                                let _ = loaded.set(load(&guess));
                            }),
                        ));
                    }
                },
                purpose != Use::Read,
                &|entry| {
                    if let Some(Ok(corpus)) = early_corpus.get() {
                        share_text(entry, corpus);
                    }
                },
            );
            let early = early.map(|(guess, h)| {
                h.join().expect("corpus loading does not panic");
                guess
            });
            (project, early)
        });
        let early = early.zip(early_corpus.into_inner());
        let (project, disk_hash) = project?;
        let corpus_root = base.join(&project.corpus);
        let loaded = match (early, &project.table_columns) {
            // A table read with the columns the analyst picked (the early read guessed them).
            (_, Some(columns)) => load_corpus_columns(&corpus_root, columns, options, progress),
            (Some((guess, result)), None) if guess == project.corpus => result,
            _ => load(&project.corpus),
        };
        let mut warnings = Vec::new();
        let corpus = match loaded {
            Ok(c) => c,
            Err(problem) => {
                warnings.push(problem.to_string());
                Corpus {
                    root: corpus_root,
                    ..Default::default()
                }
            }
        };
        progress.stage("Checking the annotations against the texts", 0);
        let mut ws = Self::assemble(project, corpus, Some(path.to_owned()), warnings);
        ws.disk_hash = disk_hash;
        ws.save_cache = save_cache;
        ws.anchor_report = ws.reanchor_all();
        ws.summarize_anchoring();
        Ok(ws)
    }

    /// Starts an unsaved project on a corpus folder.
    pub fn open_corpus(folder: &Path) -> Result<Self, OpenError> {
        Self::open_corpus_with(folder, &LoadOptions::default())
    }

    pub fn open_corpus_with(folder: &Path, options: &LoadOptions) -> Result<Self, OpenError> {
        Self::open_corpus_reporting(folder, options, &Progress::default())
    }

    /// As [`Workspace::open_corpus_with`], counting the documents read in `progress`.
    pub fn open_corpus_reporting(
        folder: &Path,
        options: &LoadOptions,
        progress: &Progress,
    ) -> Result<Self, OpenError> {
        let corpus = load_corpus_reporting(folder, options, progress)
            .map_err(|p| OpenError::Corpus(p.to_string()))?;
        let root = std::path::absolute(folder).unwrap_or_else(|_| folder.to_owned());
        Ok(Self::assemble(Project::new(root), corpus, None, Vec::new()))
    }

    /// Starts an unsaved project on a table of articles read with `columns` (the text and id
    /// columns the analyst picked); the project keeps them for the next opening.
    pub fn open_table_corpus(
        table: &Path,
        columns: &TableColumns,
        options: &LoadOptions,
        progress: &Progress,
    ) -> Result<Self, OpenError> {
        let corpus = load_corpus_columns(table, columns, options, progress)
            .map_err(|p| OpenError::Corpus(p.to_string()))?;
        let root = std::path::absolute(table).unwrap_or_else(|_| table.to_owned());
        let mut project = Project::new(root);
        project.table_columns = (!columns.is_default()).then(|| columns.clone());
        Ok(Self::assemble(project, corpus, None, Vec::new()))
    }

    fn assemble(
        mut project: Project,
        corpus: Corpus,
        project_path: Option<PathBuf>,
        mut warnings: Vec<String>,
    ) -> Self {
        warnings.extend(corpus.problems.iter().map(|p| p.to_string()));
        // New articles are gathered first and appended after: `document` binary-searches the
        // list, which must stay sorted while it is searched (appending inside the loop made later
        // look-ups miss and list a document twice).
        let new: Vec<DocEntry> = corpus
            .documents
            .iter()
            .filter(|doc| project.document(&doc.path).is_none())
            .map(|doc| DocEntry::new(doc.path.clone(), doc.hash.clone()))
            .collect();
        project.documents.extend(new);
        project.normalize();
        apply_metadata_file(&mut project, &corpus, &mut warnings);
        Self {
            project,
            corpus: std::sync::Arc::new(corpus),
            project_path,
            history: History::default(),
            pending: PendingByDoc::new(),
            changes: Default::default(),
            next_pending: 1,
            warnings,
            saved_state: 0,
            revision: 0,
            disk_hash: None,
            anchor_report: Default::default(),
            save_cache: Default::default(),
            saves: Default::default(),
            annotator: String::new(),
        }
    }

    /// Tells the analyst what re-anchoring did; a changed project is unsaved until saved.
    fn summarize_anchoring(&mut self) {
        let report = &self.anchor_report;
        for d in &report.docs {
            match &d.status {
                DocStatus::Missing => self.warnings.push(format!(
                    "{}: missing from the corpus folder {} ({} kept, listed under Orphaned annotations)",
                    d.path,
                    self.corpus.root.display(),
                    count(d.annotations, "annotation", "annotations")
                )),
                DocStatus::Reanchored { moves } => self.warnings.push(format!(
                    "{}: the text changed since it was annotated; {} moved, {} to review, {} orphaned",
                    d.path,
                    count(moves.iter().filter(|m| m.new.is_some()).count(), "fragment", "fragments"),
                    count(d.review.len(), "annotation", "annotations"),
                    d.orphaned.len()
                )),
                DocStatus::Unchanged => {}
            }
            if let Some(note) = d.mostly_changed_note() {
                self.warnings.push(note);
            }
        }
        if report.changed() {
            self.mark_unsaved();
        }
    }
}

/// Absolute, with `..` and symlinks resolved where the path exists, so relative paths come out short.
pub(super) fn full_path(path: &Path) -> PathBuf {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_owned())
}

/// Fills each document's metadata from the corpus's `metadata.csv`, where the project has none
/// of its own for that field (what the analyst edited wins).
fn apply_metadata_file(project: &mut Project, corpus: &Corpus, warnings: &mut Vec<String>) {
    // A table's own columns first; a table has no folder for a metadata.csv.
    for (path, metadata) in &corpus.metadata {
        if let Some(entry) = project.document_mut(path) {
            entry.metadata.fill_from(metadata);
        }
    }
    if corpus.root.is_file() {
        return;
    }
    let file = match crate::corpus::load_metadata(&corpus.root) {
        Ok(Some(file)) => file,
        Ok(None) => return,
        Err(e) => {
            warnings.push(e);
            return;
        }
    };
    warnings.extend(file.problems.iter().cloned());
    for (path, metadata) in &file.entries {
        match project.document_mut(path) {
            Some(entry) => entry.metadata.fill_from(metadata),
            None => warnings.push(format!(
                "{}: lists {path:?}, which is not a document of the corpus",
                corpus
                    .root
                    .join(crate::corpus::METADATA_FILE_NAME)
                    .display()
            )),
        }
    }
}

/// Lets the fragments of `entry` whose text and context are those of its document in `corpus`
/// keep their place in that text rather than a copy: a big project then never holds both.
fn share_text(entry: &mut DocEntry, corpus: &Corpus) {
    if let Some(doc) = corpus.document(&entry.path) {
        for a in &mut entry.annotations {
            for f in a.fragments.iter_mut().chain(a.cue.as_deref_mut()) {
                f.share(&doc.text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every fragment and cue of `ws`, with the text of its document.
    fn fragments(ws: &Workspace) -> Vec<(&str, &crate::project::Fragment)> {
        ws.project()
            .documents
            .iter()
            .flat_map(|d| {
                d.annotations.iter().flat_map(move |a| {
                    a.fragments
                        .iter()
                        .chain(a.cue.as_deref())
                        .map(move |f| (d.path.as_str(), f))
                })
            })
            .collect()
    }

    #[test]
    fn an_opened_project_keeps_no_copy_of_the_text_its_fragments_agree_with() {
        let dir = tempfile::tempdir().unwrap();
        // Over the size read in blocks, where documents share the text as they are read.
        let path = crate::synthetic::annotated_project(dir.path(), 20, 20_000, 30, 120, 5).unwrap();
        let written = std::fs::read(&path).unwrap();
        let corpus = dir.path().join("corpus");
        // One document edited since: its annotations are placed again on its new text.
        let edited = corpus.join("batch000/article00003.txt");
        assert!(
            edited.exists(),
            "the generated corpus names its documents so"
        );
        let text = std::fs::read_to_string(&edited).unwrap();
        std::fs::write(&edited, format!("A new first line.\n{text}")).unwrap();

        let ws = Workspace::open_project(&path).unwrap();
        let all = fragments(&ws);
        assert!(all.len() > 2000, "{} fragments", all.len());
        for (doc, f) in all {
            assert!(!f.holds_own_text(), "{doc} {}..{}", f.start, f.end);
            let text = &ws.corpus().document(doc).unwrap().text;
            assert_eq!(text.slice(f.start..f.end), Some(f.text()));
        }
        // Saved back, the documents that did not change are written as they were read.
        std::fs::write(&edited, text).unwrap();
        let mut ws = Workspace::open_project(&path).unwrap();
        let again = dir.path().join("again.ron");
        ws.save_as(&again).unwrap();
        assert_eq!(std::fs::read(&again).unwrap(), written);
    }
}
