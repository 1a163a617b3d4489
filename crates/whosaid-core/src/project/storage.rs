//! Reading and writing project files. Saving is atomic: a temporary file in the same folder is
//! written, flushed to disk and renamed over the project, so a crash leaves the old or the new file.
//! Loading only reads: a file that fails to load is left exactly as it is.

use super::chunked::{self, SaveCache};
use super::model::{FORMAT_VERSION, Project};
use super::ron_scan::{field_at, peek_version};
use super::saving::{ProjectFile, SaveError};
use crate::corpus::check_document_path;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The largest annotation or speaker id a project may use: the largest integer a JSON reader that
/// uses doubles (JavaScript, many spreadsheets) keeps exact, and far from `u64::MAX`, so the next
/// id never overflows.
const MAX_ID: u64 = (1 << 53) - 1;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is empty")]
    Empty { path: PathBuf },
    #[error("{path} is not valid UTF-8 at byte offset {offset}")]
    Encoding { path: PathBuf, offset: usize },
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

/// Reads and checks a project file. The file is never modified.
pub fn load_project(path: &Path) -> Result<Project, LoadError> {
    let bytes = fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|e| LoadError::Encoding {
        path: path.to_owned(),
        offset: e.valid_up_to(),
    })?;
    parse_project(path, text)
}

/// The corpus folder a project file names, read without parsing the rest, so that the corpus can
/// load while the project parses. `None` if it cannot be told this way.
pub fn peek_corpus(text: &str) -> Option<PathBuf> {
    ron::from_str(super::ron_scan::top_level_value(text, "corpus")?).ok()
}

/// Parses and checks the text of a project file; `path` is only used in messages.
pub fn parse_project(path: &Path, text: &str) -> Result<Project, LoadError> {
    parse_project_cached(path, text, None)
}

/// As [`parse_project`]; with a `cache`, the documents of a big file are remembered as written,
/// for [`project_to_ron_cached`].
pub fn parse_project_cached(
    path: &Path,
    text: &str,
    cache: Option<&mut SaveCache>,
) -> Result<Project, LoadError> {
    parse_project_by(path, text, cache, Route::BySize)
}

/// Which parser reads the document list. Both must give the same project or the same error on
/// every input; tests hold them to it by forcing each route on small texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Route {
    /// The parallel pieces above 1 MB, the plain pass below.
    BySize,
    /// The parallel pieces whenever they take the text, whatever its size.
    #[cfg_attr(not(test), allow(dead_code))]
    Pieces,
    /// One plain ron pass.
    #[cfg_attr(not(test), allow(dead_code))]
    Whole,
}

pub(crate) fn parse_project_by(
    path: &Path,
    text: &str,
    cache: Option<&mut SaveCache>,
    route: Route,
) -> Result<Project, LoadError> {
    // Some editors add a byte order mark; it is not part of the RON. (Offsets into the text then
    // differ from offsets into the file, so nothing is remembered for saving.)
    let had_bom = text.starts_with('\u{feff}');
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            path: path.to_owned(),
        });
    }
    // The version decides how to read the rest: a newer file is refused before its unknown
    // fields are, and older files are read in their own shape and migrated.
    let version = peek_version(text).unwrap_or(FORMAT_VERSION);
    if version > FORMAT_VERSION {
        return Err(LoadError::TooNew {
            path: path.to_owned(),
            found: version,
        });
    }
    let parsed = if version <= 1 {
        ron::from_str::<super::migrate::ProjectV1>(text).map(Project::from)
    } else if let Some(project) = match route {
        Route::BySize => chunked::parse(text, cache.filter(|_| !had_bom)),
        Route::Pieces => chunked::parse_pieces(text, cache.filter(|_| !had_bom)),
        Route::Whole => None,
    } {
        Ok(project)
    } else {
        ron::from_str::<Project>(text)
    };
    let project: Project = parsed.map_err(|e| {
        let mut message = match &e.code {
            // ron suggests `r#name`, which means nothing to someone editing a project file.
            ron::Error::SuggestRawIdentifier(found) => {
                format!("Found {found:?} where a name was expected")
            }
            code => code.to_string(),
        };
        let at = byte_at(text, e.span.start);
        if hint_field(&e.code)
            && let Some(field) = field_at(text, at)
        {
            message.push_str(&format!(" (in the value of `{field}`)"));
        }
        // ron points just before the blanks ahead of what it could not read; point at that.
        let blanks = text[at..].len() - text[at..].trim_start_matches([' ', '\t']).len();
        let column = if text[at..].len() > blanks {
            e.span.start.col + blanks
        } else {
            e.span.start.col
        };
        LoadError::Syntax {
            path: path.to_owned(),
            line: e.span.start.line,
            column,
            message,
        }
    })?;
    finish_parsed(path, project)
}

/// The checks and normalization every parsed project goes through, however it was read.
pub(super) fn finish_parsed(path: &Path, mut project: Project) -> Result<Project, LoadError> {
    if project.format_version > FORMAT_VERSION {
        return Err(LoadError::TooNew {
            path: path.to_owned(),
            found: project.format_version,
        });
    }
    // Older files read in the current shape are saved in it.
    project.format_version = FORMAT_VERSION;
    validate(&project).map_err(|message| LoadError::Invalid {
        path: path.to_owned(),
        message,
    })?;
    project.normalize();
    Ok(project)
}

/// Whether naming the field around an error helps: not when ron names the field itself, nor for
/// errors about the file as a whole.
fn hint_field(code: &ron::Error) -> bool {
    use ron::Error as E;
    !matches!(
        code,
        E::MissingStructField { .. }
            | E::NoSuchStructField { .. }
            | E::DuplicateStructField { .. }
            | E::TrailingCharacters
            | E::ExpectedAttribute
            | E::ExpectedAttributeEnd
            | E::ExceededRecursionLimit
            | E::UnclosedBlockComment
            | E::UnclosedLineComment
    )
}

/// The byte index of a ron position (1-based line, and column in code points), clamped to the text.
fn byte_at(text: &str, pos: ron::error::Position) -> usize {
    let mut line_start = 0;
    for _ in 1..pos.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    text[line_start..]
        .char_indices()
        .nth(pos.col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

/// Structural checks that need no corpus: ids unique and in range, references resolvable, document
/// paths inside the corpus folder, fragments and cues well formed (whether they sit on their
/// text is checked against the corpus when the project is opened: see re-anchoring).
pub(super) fn validate(project: &Project) -> Result<(), String> {
    let mut speaker_ids = HashSet::new();
    for s in &project.speakers {
        if !speaker_ids.insert(s.id) {
            return Err(format!("speaker id {} is used twice", s.id.0));
        }
        if s.id.0 > MAX_ID {
            return Err(format!(
                "speaker id {} is too large (ids go up to {MAX_ID})",
                s.id.0
            ));
        }
    }
    for c in &project.speaker_conflicts {
        if let Some(theirs) = &c.theirs
            && theirs.id != c.id
        {
            return Err(format!(
                "the conflict over speaker {} holds speaker {}",
                c.id.0, theirs.id.0
            ));
        }
    }
    // Sized once: a big project's sets would otherwise be rebuilt each time they grow.
    let mut paths = HashSet::with_capacity(project.documents.len());
    let mut ids =
        HashSet::with_capacity(project.documents.iter().map(|d| d.annotations.len()).sum());
    for d in &project.documents {
        check_document_path(&d.path).map_err(|why| format!("document path {:?} {why}", d.path))?;
        if !paths.insert(&d.path) {
            return Err(format!("document {:?} is listed twice", d.path));
        }
        for c in &d.conflicts {
            let Some(theirs) = &c.theirs else { continue };
            if theirs.id != c.id {
                return Err(format!(
                    "the conflict over annotation {} in {:?} holds annotation {}",
                    c.id.0, d.path, theirs.id.0
                ));
            }
            if theirs.fragments.iter().any(|f| f.start >= f.end) || theirs.fragments.is_empty() {
                return Err(format!(
                    "the conflict over annotation {} in {:?} has empty fragments",
                    c.id.0, d.path
                ));
            }
            if let Some(s) = theirs
                .speakers
                .iter()
                .chain(&theirs.addressee)
                .find(|s| !speaker_ids.contains(s))
            {
                return Err(format!(
                    "the conflict over annotation {} in {:?} names speaker {}, which is not in the registry",
                    c.id.0, d.path, s.0
                ));
            }
        }
        for a in &d.annotations {
            if !ids.insert(a.id) {
                return Err(format!("annotation id {} is used twice", a.id.0));
            }
            if a.id.0 > MAX_ID {
                return Err(format!(
                    "annotation id {} in {:?} is too large (ids go up to {MAX_ID})",
                    a.id.0, d.path
                ));
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
            if let Some(cue) = &a.cue
                && cue.start >= cue.end
            {
                return Err(format!(
                    "annotation {} in {:?} has an empty or reversed cue {}..{}",
                    a.id.0, d.path, cue.start, cue.end
                ));
            }
            // Most annotations are one fragment, which cannot overlap: no list to make for them.
            if a.fragments.len() > 1 {
                let mut spans: Vec<(usize, usize)> =
                    a.fragments.iter().map(|f| (f.start, f.end)).collect();
                spans.sort_unstable();
                if let Some(w) = spans.windows(2).find(|w| w[0].1 > w[1].0) {
                    return Err(format!(
                        "annotation {} in {:?} has overlapping fragments {}..{} and {}..{}",
                        a.id.0, d.path, w[0].0, w[0].1, w[1].0, w[1].1
                    ));
                }
            }
            if let Some(p) = &a.suggested
                && p.confidence > 100
            {
                return Err(format!(
                    "annotation {} in {:?} has a suggestion confidence of {} (a percentage, 0 to 100)",
                    a.id.0, d.path, p.confidence
                ));
            }
            if let Some(s) = a
                .speakers
                .iter()
                .chain(&a.addressee)
                .find(|s| !speaker_ids.contains(s))
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
    project_to_ron_with_corpus(project, &project.corpus)
}

/// As [`project_to_ron`], with `corpus` written as the corpus path (relative to where the file
/// goes), without copying the project.
pub fn project_to_ron_with_corpus(project: &Project, corpus: &Path) -> String {
    let mut text = chunked::to_ron(project, Some(corpus), None, None);
    text.push('\n');
    text
}

/// As [`project_to_ron_with_corpus`], recording in `cache` where each document lands; documents
/// unchanged since `previous` (the file `cache` describes) was read or written are copied from it.
pub fn project_to_ron_cached(
    project: &Project,
    corpus: &Path,
    cache: &mut SaveCache,
    previous: Option<&str>,
) -> String {
    let mut text = chunked::to_ron(project, Some(corpus), Some(cache), previous);
    text.push('\n');
    text
}

/// Writes the project atomically, if what is written loads again (see [`ProjectFile::replace`]).
pub fn save_project(project: &Project, path: &Path) -> Result<(), SaveError> {
    ProjectFile::lock(path)?.replace(&project_to_ron(project))
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
            kind: Default::default(),
            role: String::new(),
            annotator: String::new(),
        });
        let mut d = DocEntry::new("a.txt".into(), "abc".into());
        d.annotations.push(Annotation {
            speakers: vec![SpeakerId(1)],
            note: "a \"note\"\nwith lines".into(),
            ..Annotation::new(
                AnnotationId(1),
                Label::Quote,
                vec![Fragment::new(0, 5, "“No,”")],
                "2026-01-01T00:00:00Z",
            )
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
        assert!(text.contains(&format!("format_version: {FORMAT_VERSION}")));
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
        let text = project_to_ron(&sample()).replace("format_version: 3", "format_version: 99");
        let err = parse_project(Path::new("x.ron"), &text).unwrap_err();
        assert!(matches!(err, LoadError::TooNew { found: 99, .. }), "{err}");
    }

    #[test]
    fn unknown_speaker_and_duplicate_ids_are_refused() {
        let mut p = sample();
        p.documents[0].annotations[0].speakers = vec![SpeakerId(9)];
        let err = parse_project(Path::new("x.ron"), &project_to_ron(&p)).unwrap_err();
        assert!(err.to_string().contains("speaker 9"), "{err}");
        let mut p = sample();
        let dup = p.documents[0].annotations[0].clone();
        p.documents[0].annotations.push(dup);
        let err = parse_project(Path::new("x.ron"), &project_to_ron(&p)).unwrap_err();
        assert!(err.to_string().contains("used twice"), "{err}");
    }

    #[test]
    fn a_confidence_beyond_a_hundred_percent_is_refused() {
        let mut p = sample();
        p.documents[0].annotations[0].suggested = Some(Provenance {
            confidence: 100,
            edited: false,
        });
        assert!(parse_project(Path::new("x.ron"), &project_to_ron(&p)).is_ok());
        p.documents[0].annotations[0].suggested = Some(Provenance {
            confidence: 255,
            edited: false,
        });
        let err = parse_project(Path::new("x.ron"), &project_to_ron(&p)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.ron: annotation 1 in \"a.txt\" has a suggestion confidence of 255 (a percentage, 0 to 100)"
        );
    }

    #[test]
    fn empty_file_is_reported() {
        let err = parse_project(Path::new("x.ron"), "  \n").unwrap_err();
        assert!(matches!(err, LoadError::Empty { .. }));
    }
}
