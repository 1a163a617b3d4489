//! Reading and writing project files. Saving is atomic: a temporary file in the same folder is
//! written, flushed to disk and renamed over the project, so a crash leaves the old or the new file.

use super::atomic::write_atomically;
use super::model::{FORMAT_VERSION, Project};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is empty")]
    Empty { path: PathBuf },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path} was written by a newer whosaid (format_version {found}; this one reads up to {FORMAT_VERSION})"
    )]
    TooNew { path: PathBuf, found: u32 },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

#[derive(Debug, thiserror::Error)]
#[error("cannot save {path}: {source}")]
pub struct SaveError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// Reads and checks a project file. The file is never modified.
pub fn load_project(path: &Path) -> Result<Project, LoadError> {
    let text = fs::read_to_string(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    parse_project(path, &text)
}

pub fn parse_project(path: &Path, text: &str) -> Result<Project, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            path: path.to_owned(),
        });
    }
    let mut project: Project = ron::from_str(text).map_err(|e| LoadError::Syntax {
        path: path.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    })?;
    if project.format_version > FORMAT_VERSION {
        return Err(LoadError::TooNew {
            path: path.to_owned(),
            found: project.format_version,
        });
    }
    validate(&project).map_err(|message| LoadError::Invalid {
        path: path.to_owned(),
        message,
    })?;
    project.normalize();
    Ok(project)
}

/// Structural checks that need no corpus: ids unique, references resolvable, spans well formed.
fn validate(project: &Project) -> Result<(), String> {
    let mut speaker_ids = HashSet::new();
    for s in &project.speakers {
        if !speaker_ids.insert(s.id) {
            return Err(format!("speaker id {} is used twice", s.id.0));
        }
    }
    let mut paths = HashSet::new();
    let mut ids = HashSet::new();
    for d in &project.documents {
        if !paths.insert(&d.path) {
            return Err(format!("document {:?} is listed twice", d.path));
        }
        for a in &d.annotations {
            if !ids.insert(a.id) {
                return Err(format!("annotation id {} is used twice", a.id.0));
            }
            if a.fragments.is_empty() {
                return Err(format!(
                    "annotation {} in {:?} has no fragments",
                    a.id.0, d.path
                ));
            }
            for f in &a.fragments {
                if f.start >= f.end {
                    return Err(format!(
                        "annotation {} in {:?} has an empty or reversed fragment {}..{}",
                        a.id.0, d.path, f.start, f.end
                    ));
                }
            }
            if let Some(s) = a.speaker
                && !speaker_ids.contains(&s)
            {
                return Err(format!(
                    "annotation {} in {:?} names speaker {}, which is not in the registry",
                    a.id.0, d.path, s.0
                ));
            }
        }
    }
    Ok(())
}

/// The exact text a project is saved as: deterministic, so an unchanged project writes equal bytes.
pub fn project_to_ron(project: &Project) -> String {
    let mut project = project.clone();
    project.normalize();
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(6)
        .indentor("  ".to_string());
    let mut text =
        ron::ser::to_string_pretty(&project, config).expect("the project model always serializes");
    text.push('\n');
    text
}

/// Writes the project atomically.
pub fn save_project(project: &Project, path: &Path) -> Result<(), SaveError> {
    write_atomically(path, project_to_ron(project).as_bytes()).map_err(|source| SaveError {
        path: path.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::*;

    fn sample() -> Project {
        let mut p = Project::new(PathBuf::from("../assets/corpus"));
        p.speakers.push(Speaker {
            id: SpeakerId(1),
            name: "Volodymyr Zelenskiy".into(),
            aliases: vec!["Zelensky".into(), "Mr Zelensky".into()],
        });
        let mut d = DocEntry::new("a.txt".into(), "abc".into());
        d.annotations.push(Annotation {
            id: AnnotationId(1),
            label: Label::Quote,
            speaker: Some(SpeakerId(1)),
            fragments: vec![Fragment::new(0, 5, "“No,”")],
            note: "a \"note\"\nwith lines".into(),
            created: "2026-01-01T00:00:00Z".into(),
            modified: "2026-01-01T00:00:00Z".into(),
        });
        p.documents.push(d);
        p
    }

    #[test]
    fn round_trip_is_byte_identical() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        save_project(&sample(), &path).unwrap();
        let first = fs::read(&path).unwrap();
        let loaded = load_project(&path).unwrap();
        assert_eq!(loaded, sample());
        save_project(&loaded, &path).unwrap();
        assert_eq!(fs::read(&path).unwrap(), first);
        let text = String::from_utf8(first).unwrap();
        assert!(
            text.contains("“No,”"),
            "curly quotes stay readable:\n{text}"
        );
        assert!(text.contains("format_version: 1"));
    }

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let err = parse_project(
            Path::new("x.ron"),
            "(\n  format_version: 1,\n  corpus: ,\n)",
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("x.ron:3:"), "{msg}");
    }

    #[test]
    fn newer_format_is_refused() {
        let text = project_to_ron(&sample()).replace("format_version: 1", "format_version: 99");
        let err = parse_project(Path::new("x.ron"), &text).unwrap_err();
        assert!(matches!(err, LoadError::TooNew { found: 99, .. }), "{err}");
    }

    #[test]
    fn unknown_speaker_and_duplicate_ids_are_refused() {
        let mut p = sample();
        p.documents[0].annotations[0].speaker = Some(SpeakerId(9));
        let err = parse_project(Path::new("x.ron"), &project_to_ron(&p)).unwrap_err();
        assert!(err.to_string().contains("speaker 9"), "{err}");
        let mut p = sample();
        let dup = p.documents[0].annotations[0].clone();
        p.documents[0].annotations.push(dup);
        let err = parse_project(Path::new("x.ron"), &project_to_ron(&p)).unwrap_err();
        assert!(err.to_string().contains("used twice"), "{err}");
    }

    #[test]
    fn empty_file_is_reported() {
        let err = parse_project(Path::new("x.ron"), "  \n").unwrap_err();
        assert!(matches!(err, LoadError::Empty { .. }));
    }
}
