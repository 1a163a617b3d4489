use crate::text::DocText;
use std::fs;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct Document {
    /// Relative to the corpus folder, `/`-separated.
    pub path: String,
    /// The first non-empty line.
    pub title: String,
    pub text: DocText,
    /// BLAKE3 of the file's bytes, hex.
    pub hash: String,
}

impl Document {
    pub fn from_bytes(path: String, bytes: &[u8]) -> Result<Self, String> {
        let hash = blake3::hash(bytes).to_hex().to_string();
        if bytes.contains(&0) {
            return Err("contains NUL bytes (binary file?); skipped".to_string());
        }
        let text = std::str::from_utf8(bytes).map_err(|e| {
            format!(
                "is not valid UTF-8 at byte offset {}; skipped",
                e.valid_up_to()
            )
        })?;
        // A byte order mark is not part of the text: offsets start after it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Ok(Self::from_text(path, text.to_string(), hash))
    }

    pub fn from_text(path: String, text: String, hash: String) -> Self {
        let title = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("(empty document)")
            .to_string();
        Self {
            path,
            title,
            text: DocText::new(text),
            hash,
        }
    }
}

/// A file that could not be loaded, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusProblem {
    pub file: PathBuf,
    pub message: String,
}

impl std::fmt::Display for CorpusProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.file.display(), self.message)
    }
}

#[derive(Debug, Default)]
pub struct Corpus {
    pub root: PathBuf,
    /// Sorted by path.
    pub documents: Vec<Document>,
    pub problems: Vec<CorpusProblem>,
}

impl Corpus {
    pub fn document(&self, path: &str) -> Option<&Document> {
        self.documents
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.documents[i])
    }

    pub fn index_of(&self, path: &str) -> Option<usize> {
        self.documents
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()
    }
}

/// Loads every `.txt` file under `root`. Files that cannot be read are reported, not fatal; only a
/// missing or unreadable folder is an error.
pub fn load_corpus(root: &Path) -> Result<Corpus, CorpusProblem> {
    let mut files = Vec::new();
    collect_txt_files(root, root, &mut files).map_err(|e| CorpusProblem {
        file: root.to_owned(),
        message: format!("cannot be read as a corpus folder: {e}"),
    })?;
    files.sort();
    let mut corpus = Corpus {
        root: root.to_owned(),
        ..Default::default()
    };
    for (rel, full) in files {
        match fs::read(&full) {
            Ok(bytes) => match Document::from_bytes(rel, &bytes) {
                Ok(doc) => corpus.documents.push(doc),
                Err(message) => corpus.problems.push(CorpusProblem {
                    file: full,
                    message,
                }),
            },
            Err(e) => corpus.problems.push(CorpusProblem {
                file: full,
                message: format!("cannot be read: {e}"),
            }),
        }
    }
    Ok(corpus)
}

fn collect_txt_files(
    root: &Path,
    dir: &Path,
    out: &mut Vec<(String, PathBuf)>,
) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect_txt_files(root, &path, out)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
        {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push((rel.join("/"), path));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_subfolders_titles_and_reports_bad_files() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        fs::write(dir.path().join("b.txt"), "\n\n  Second title \nbody").unwrap();
        fs::write(dir.path().join("sub/a.txt"), "\u{feff}First\n").unwrap();
        fs::write(dir.path().join("bad.txt"), b"ok \xff\xfe").unwrap();
        fs::write(dir.path().join("notes.md"), "ignored").unwrap();
        let c = load_corpus(dir.path()).unwrap();
        let paths: Vec<&str> = c.documents.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["b.txt", "sub/a.txt"]);
        assert_eq!(c.documents[0].title, "Second title");
        assert_eq!(c.documents[1].text.as_str(), "First\n");
        assert_eq!(c.problems.len(), 1);
        assert!(c.problems[0].to_string().contains("bad.txt"));
        assert!(c.problems[0].message.contains("byte offset 3"));
    }

    #[test]
    fn missing_folder_is_an_error() {
        let err = load_corpus(Path::new("/nonexistent/whosaid")).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/whosaid"));
    }
}
