//! The workflows the command line and the app share, each returning a typed report: open a
//! project file or a corpus folder (with options), import annotations into a new project.

use crate::corpus::LoadOptions;
use crate::interop::import::{ImportFormat, ImportOptions, Mapping, OffsetUnit, import};
use crate::progress::Progress;
use crate::workspace::{OpenError, Workspace};
use std::path::{Path, PathBuf};

/// How a project or corpus is opened.
#[derive(Clone, Copy, Debug, Default)]
pub struct OpenOptions {
    pub load: LoadOptions,
    /// For editing (the app): each document is kept as written, so that saves serialize only what
    /// changed. For reading (export, suggest, check) nothing is kept.
    pub editing: bool,
}

/// Opens `path`: a corpus folder or a table of articles (CSV, JSON Lines) as a new project,
/// anything else as a project file; `progress` hears how far it has come.
pub fn open(
    path: &Path,
    options: &OpenOptions,
    progress: &Progress,
) -> Result<Workspace, OpenError> {
    let corpus = path.is_dir() || crate::corpus::is_table(path);
    match (corpus, options.editing) {
        (true, _) => Workspace::open_corpus_reporting(path, &options.load, progress),
        (false, true) => Workspace::open_project_reporting(path, &options.load, progress),
        (false, false) => Workspace::open_project_with(path, &options.load),
    }
}

/// What to import: a file (or brat folder) in a format, read with a mapping of its names.
#[derive(Debug)]
pub struct ImportPlan {
    pub format: ImportFormat,
    pub input: PathBuf,
    options: ImportOptions,
}

/// Why an import made no project.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The `NAME=VALUE` mapping does not parse.
    #[error("{0}")]
    Mapping(String),
    /// The input could not be read at all.
    #[error("{0}")]
    Input(String),
    /// The input was read, but not one annotation in it fits the corpus.
    #[error("nothing could be imported from {}{}", input.display(), problems.first().map(|p| format!(": {p}")).unwrap_or_default())]
    Nothing {
        input: PathBuf,
        problems: Vec<String>,
    },
}

/// A new project made by an import: unsaved, over the corpus, with what was left out.
pub struct Imported {
    pub workspace: Workspace,
    pub annotations: usize,
    pub speakers: usize,
    /// One line per problem, starting with the file and line it concerns.
    pub problems: Vec<String>,
}

impl ImportPlan {
    /// A plan to import `input` as `format`; `map` are the `NAME=VALUE` pairs given, `offsets`
    /// how the file counts offsets when not as its format does.
    pub fn new<S: AsRef<str>>(
        format: ImportFormat,
        input: &Path,
        map: &[S],
        offsets: Option<OffsetUnit>,
    ) -> Result<Self, ImportError> {
        let mapping = Mapping::parse(map).map_err(ImportError::Mapping)?;
        Ok(Self {
            format,
            input: input.to_owned(),
            options: ImportOptions { mapping, offsets },
        })
    }

    /// Imports into a new project over the corpus of `ws` (opened for it, with nothing in it
    /// yet): the project taken over by the workspace, unsaved, with a fresh undo history.
    pub fn run(&self, mut ws: Workspace) -> Result<Imported, ImportError> {
        let imported =
            import(&ws, self.format, &self.input, &self.options).map_err(ImportError::Input)?;
        if imported.annotations == 0 {
            return Err(ImportError::Nothing {
                input: self.input.clone(),
                problems: imported.problems,
            });
        }
        ws.adopt_imported(imported.project);
        Ok(Imported {
            workspace: ws,
            annotations: imported.annotations,
            speakers: imported.speakers,
            problems: imported.problems,
        })
    }
}

/// How many annotations of the project have a place in the text, and how many are orphaned
/// (and so left out of exports).
pub fn placed_and_orphaned(ws: &Workspace) -> (usize, usize) {
    let (mut placed, mut orphaned) = (0, 0);
    for (_, a) in ws.project().annotations() {
        if a.is_placed() {
            placed += 1;
        } else {
            orphaned += 1;
        }
    }
    (placed, orphaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("corpus")).unwrap();
        std::fs::write(
            dir.path().join("corpus/a.txt"),
            "The mayor said the bridge will open.\n",
        )
        .unwrap();
        dir
    }

    #[test]
    fn a_folder_opens_as_a_corpus_and_a_file_as_a_project() {
        let dir = corpus();
        let folder = dir.path().join("corpus");
        let ws = open(&folder, &OpenOptions::default(), &Progress::default()).unwrap();
        assert_eq!(ws.corpus().documents.len(), 1);
        assert_eq!(ws.project_path(), None);
        let mut ws = ws;
        let file = dir.path().join("p.ron");
        ws.save_as(&file).unwrap();
        for editing in [false, true] {
            let options = OpenOptions {
                editing,
                ..OpenOptions::default()
            };
            let ws = open(&file, &options, &Progress::default()).unwrap();
            assert_eq!(ws.project_path(), Some(file.as_path()));
        }
        let missing = open(
            &dir.path().join("nope.ron"),
            &OpenOptions::default(),
            &Progress::default(),
        );
        let err = missing.err().expect("a missing file does not open");
        assert!(err.to_string().contains("nope.ron"), "{err}");
    }

    #[test]
    fn an_import_makes_an_unsaved_project_or_says_why_not() {
        let dir = corpus();
        let input = dir.path().join("in.jsonl");
        std::fs::write(
            &input,
            r#"{"doc":"a.txt","start":19,"end":35,"label":"claim","text":"bridge will open"}
{"doc":"b.txt","start":0,"end":3,"label":"claim","text":"The"}
"#,
        )
        .unwrap();
        let open_corpus = || Workspace::open_corpus(&dir.path().join("corpus")).unwrap();
        let plan = ImportPlan::new(ImportFormat::Jsonl, &input, &[] as &[&str], None).unwrap();
        let Ok(imported) = plan.run(open_corpus()) else {
            panic!("one annotation fits the corpus")
        };
        assert_eq!(imported.annotations, 1);
        assert_eq!(imported.problems.len(), 1, "{:?}", imported.problems);
        assert!(
            imported.problems[0].contains("b.txt"),
            "{:?}",
            imported.problems
        );
        assert!(imported.workspace.is_dirty());
        assert_eq!(placed_and_orphaned(&imported.workspace), (1, 0));

        std::fs::write(
            &input,
            r#"{"doc":"b.txt","start":0,"end":3,"label":"claim","text":"The"}"#,
        )
        .unwrap();
        let err = plan
            .run(open_corpus())
            .err()
            .expect("nothing fits the corpus");
        assert!(matches!(err, ImportError::Nothing { .. }));
        assert!(
            err.to_string()
                .starts_with("nothing could be imported from "),
            "{err}"
        );
        assert!(matches!(
            ImportPlan::new(ImportFormat::Jsonl, &input, &["Content=nonsense"], None),
            Err(ImportError::Mapping(_))
        ));
    }
}
