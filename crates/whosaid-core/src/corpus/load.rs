use crate::progress::Progress;
use crate::text::DocText;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

const BOM: &[u8] = b"\xef\xbb\xbf";

/// How a corpus is loaded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Load files that are not valid UTF-8 anyway, each invalid byte sequence replaced by U+FFFD.
    /// Such a file is still reported in [`Corpus::problems`], so the analyst knows its text is not
    /// exactly the file. Off by default: the file is skipped and reported.
    pub lossy_utf8: bool,
}

/// Longest title shown; the rest of an overlong first line is cut at a character boundary.
const TITLE_CHARS: usize = 120;

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
    /// A document from a file's bytes, with the default [`LoadOptions`]: files that are binary or
    /// not valid UTF-8 are refused with a message saying why and where.
    pub fn from_bytes(path: String, bytes: &[u8]) -> Result<Self, String> {
        Self::from_bytes_with(path, bytes, &LoadOptions::default()).map(|(doc, _)| doc)
    }

    /// A document from a file's bytes. The second value is a warning for a document that loaded
    /// but not exactly as the file is (invalid UTF-8 replaced, with `lossy_utf8`).
    pub fn from_bytes_with(
        path: String,
        bytes: &[u8],
        options: &LoadOptions,
    ) -> Result<(Self, Option<String>), String> {
        Self::from_vec_with(path, bytes.to_vec(), options)
    }

    /// As [`Document::from_bytes_with`], taking the bytes read: valid text becomes the
    /// document's text without a copy (a big corpus is read without copying it a second time).
    pub fn from_vec_with(
        path: String,
        mut bytes: Vec<u8>,
        options: &LoadOptions,
    ) -> Result<(Self, Option<String>), String> {
        let hash = blake3::hash(&bytes).to_hex().to_string();
        if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
            return Err(
                "looks like UTF-16 (it starts with a UTF-16 byte order mark); \
                 save it as UTF-8; skipped"
                    .to_string(),
            );
        }
        if let Some(at) = memchr::memchr(0, &bytes) {
            return Err(format!(
                "contains a NUL byte at byte offset {at} (binary file?); skipped"
            ));
        }
        // A byte order mark is not part of the text: offsets start after it.
        let bom_len = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
        bytes.drain(..bom_len);
        match String::from_utf8(bytes) {
            Ok(text) => Ok((Self::from_text(path, text, hash), None)),
            Err(e) => {
                let at = bom_len + e.utf8_error().valid_up_to();
                if !options.lossy_utf8 {
                    return Err(format!(
                        "is not valid UTF-8 at byte offset {at}; skipped \
                         (it can be loaded with replacement characters instead)"
                    ));
                }
                let body = e.into_bytes();
                let mut text = String::with_capacity(body.len());
                let mut invalid = 0usize;
                for chunk in body.utf8_chunks() {
                    text.push_str(chunk.valid());
                    if !chunk.invalid().is_empty() {
                        text.push(char::REPLACEMENT_CHARACTER);
                        invalid += 1;
                    }
                }
                let warning = format!(
                    "is not valid UTF-8 at byte offset {at} ({invalid} invalid byte \
                     sequence{s} in all); loaded with replacement characters (U+FFFD), so its \
                     text is not exactly the file",
                    s = if invalid == 1 { "" } else { "s" }
                );
                Ok((Self::from_text(path, text, hash), Some(warning)))
            }
        }
    }

    pub fn from_text(path: String, text: String, hash: String) -> Self {
        let title = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("(empty document)");
        // A scraped article may have no headline: its first line is then a whole paragraph.
        let title = match title.char_indices().nth(TITLE_CHARS) {
            Some((cut, _)) => format!("{}…", title[..cut].trim_end()),
            None => title.to_string(),
        };
        Self {
            path,
            title,
            text: DocText::new(text),
            hash,
        }
    }
}

/// A file that could not be loaded (or, with [`LoadOptions::lossy_utf8`], that loaded with its
/// invalid bytes replaced), and why.
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
    /// Metadata that came with the documents (a table's title, outlet, date and url columns), by
    /// document path; applied where the project has none of its own.
    pub metadata: Vec<(String, super::DocMetadata)>,
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

/// Checks a document path as the project file records it: relative to the corpus folder, `/`
/// separators, no `..`, `.` or empty components, so it can never name a file outside the corpus.
/// The error says what is wrong, for a message that names the path.
pub fn check_document_path(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("is empty".to_string());
    }
    if path.contains('\0') {
        return Err("contains a NUL character".to_string());
    }
    if path.contains('\\') {
        return Err("contains `\\`: document paths use `/` separators".to_string());
    }
    if path.starts_with('/') {
        return Err("is absolute: document paths are relative to the corpus folder".to_string());
    }
    let b = path.as_bytes();
    if b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' {
        return Err(
            "starts with a drive letter: document paths are relative to the corpus folder"
                .to_string(),
        );
    }
    for component in path.split('/') {
        match component {
            "" => return Err("has an empty component (`//` or a trailing `/`)".to_string()),
            "." => return Err("has a `.` component".to_string()),
            ".." => return Err("goes up with `..`, out of the corpus folder".to_string()),
            _ => {}
        }
    }
    Ok(())
}

/// Loads every `.txt` file under `root` with the default [`LoadOptions`].
pub fn load_corpus(root: &Path) -> Result<Corpus, CorpusProblem> {
    load_corpus_with(root, &LoadOptions::default())
}

/// Loads every `.txt` file under `root`, subfolders included. Files and subfolders that cannot be
/// read are reported in [`Corpus::problems`], not fatal; only a missing or unreadable `root` is an
/// error. Hidden files and folders (name starting with `.`, such as `.git`) are not looked at;
/// symbolic links to folders are reported and not followed, so a link loop cannot hang the load.
pub fn load_corpus_with(root: &Path, options: &LoadOptions) -> Result<Corpus, CorpusProblem> {
    load_corpus_reporting(root, options, &Progress::default())
}

/// As [`load_corpus_with`], counting the documents read in `progress`.
pub fn load_corpus_reporting(
    root: &Path,
    options: &LoadOptions,
    progress: &Progress,
) -> Result<Corpus, CorpusProblem> {
    load_corpus_columns(root, &super::TableColumns::default(), options, progress)
}

/// As [`load_corpus_reporting`]; a table of articles is read with `columns` (those not named
/// found by their usual names).
pub fn load_corpus_columns(
    root: &Path,
    columns: &super::TableColumns,
    options: &LoadOptions,
    progress: &Progress,
) -> Result<Corpus, CorpusProblem> {
    // A CSV or JSON Lines file of articles is a corpus too.
    if super::table::is_table(root) && root.is_file() {
        return super::table::load_table(root, columns, progress);
    }
    let mut corpus = Corpus {
        root: root.to_owned(),
        ..Default::default()
    };
    progress.stage("Finding the documents", 0);
    let files = collect_txt_files(root, &mut corpus.problems)?;
    progress.stage("Loading the corpus", files.len());
    for ((_, full, _), read) in files.iter().zip(read_files(&files, options, progress)) {
        match read {
            Ok((doc, warning)) => {
                corpus.documents.push(doc);
                if let Some(message) = warning {
                    corpus.problems.push(CorpusProblem {
                        file: full.clone(),
                        message,
                    });
                }
            }
            Err(message) => corpus.problems.push(CorpusProblem {
                file: full.clone(),
                message,
            }),
        }
    }
    corpus.problems.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(corpus)
}

/// A file read into a document (with a warning to show), or why it could not be.
type ReadOutcome = Result<(Document, Option<String>), String>;

/// Reads and indexes `files` on several threads, results in the files' order. More threads than
/// cores: on a cold disk cache most of the time is spent waiting for the disk, and tens of
/// thousands of small files read one after another leave it idle between requests.
fn read_files(
    files: &[(String, PathBuf, PathBuf)],
    options: &LoadOptions,
    progress: &Progress,
) -> Vec<ReadOutcome> {
    let read_one = |(rel, _, source): &(String, PathBuf, PathBuf)| -> ReadOutcome {
        progress.advance();
        let bytes = fs::read(source).map_err(|e| format!("cannot be read: {e}"))?;
        Document::from_vec_with(rel.clone(), bytes, options)
    };
    let threads = (crate::parallel::workers() * 4)
        .min(files.len() / 64)
        .max(1);
    if threads == 1 {
        return files.iter().map(read_one).collect();
    }
    let runs = crate::parallel::balanced_runs(files, threads, |_| 1);
    std::thread::scope(|s| {
        let handles: Vec<_> = runs
            .into_iter()
            .map(|run| s.spawn(|| run.iter().map(read_one).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

fn is_txt(name: &OsStr) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

/// The `.txt` files under `root` as (path relative to root with `/` separators, full path, path to
/// read), sorted by relative path. The path to read is the full path, or for a symbolic link the
/// file it resolves to, which must be inside the corpus folder: a link out of it (to
/// `/etc/passwd`, to another project's articles) is reported and not read, so nothing outside the
/// folder the analyst chose ends up in the project or its exports. Walks with an explicit stack:
/// no recursion depth to exhaust.
fn collect_txt_files(
    root: &Path,
    problems: &mut Vec<CorpusProblem>,
) -> Result<Vec<(String, PathBuf, PathBuf)>, CorpusProblem> {
    // Links are judged by where they resolve, so the folder is too (it may itself be a link).
    let real_root = fs::canonicalize(root).map_err(|e| CorpusProblem {
        file: root.to_owned(),
        message: format!("cannot be read as a corpus folder: {e}"),
    })?;
    let mut out = Vec::new();
    let mut pending: Vec<(String, PathBuf)> = vec![(String::new(), root.to_owned())];
    while let Some((prefix, dir)) = pending.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if prefix.is_empty() => {
                return Err(CorpusProblem {
                    file: root.to_owned(),
                    message: format!("cannot be read as a corpus folder: {e}"),
                });
            }
            Err(e) => {
                problems.push(CorpusProblem {
                    file: dir,
                    message: format!("is a folder that cannot be read: {e}; skipped"),
                });
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    problems.push(CorpusProblem {
                        file: dir.clone(),
                        message: format!("is a folder that cannot be listed in full: {e}"),
                    });
                    break;
                }
            };
            let name = entry.file_name();
            if name.as_encoded_bytes().first() == Some(&b'.') {
                continue; // hidden: .git, .DS_Store, editor swap files…
            }
            let path = entry.path();
            let mut problem = |message: String| {
                problems.push(CorpusProblem {
                    file: path.clone(),
                    message,
                })
            };
            let kind = match entry.file_type() {
                Ok(kind) => kind,
                Err(e) => {
                    problem(format!("cannot be examined: {e}; skipped"));
                    continue;
                }
            };
            // What a symbolic link points to; a broken link counts as a file (reading it reports).
            let target_is_dir = kind.is_symlink() && fs::metadata(&path).is_ok_and(|m| m.is_dir());
            if target_is_dir {
                problem("is a link to a folder; not followed".to_string());
                continue;
            }
            if kind.is_dir() {
                let Some(name) = name.to_str() else {
                    problem("is a folder whose name is not valid UTF-8; skipped".to_string());
                    continue;
                };
                pending.push((format!("{prefix}{name}/"), path));
                continue;
            }
            if !is_txt(&name) {
                continue;
            }
            let Some(name) = name.to_str() else {
                problem("has a file name that is not valid UTF-8; skipped".to_string());
                continue;
            };
            let is_regular = if kind.is_symlink() {
                fs::metadata(&path).map_or(true, |m| m.is_file())
            } else {
                kind.is_file()
            };
            if !is_regular {
                // A FIFO or device would block or never end.
                problem("is not a regular file; skipped".to_string());
                continue;
            }
            let source = if kind.is_symlink() {
                match fs::canonicalize(&path) {
                    Ok(target) if target.starts_with(&real_root) => target,
                    Ok(target) => {
                        problem(format!(
                            "is a link to {}, outside the corpus folder; not read",
                            target.display()
                        ));
                        continue;
                    }
                    // A broken link: reading it reports why.
                    Err(_) => path.clone(),
                }
            } else {
                path.clone()
            };
            let rel = format!("{prefix}{name}");
            if let Err(why) = check_document_path(&rel) {
                problem(format!(
                    "has a name a project file cannot record: the path {rel:?} {why}; skipped"
                ));
                continue;
            }
            out.push((rel, path, source));
        }
    }
    out.sort();
    Ok(out)
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

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_corpus_are_reported_and_not_read() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret.txt");
        fs::write(&secret, "SECRET outside the corpus\n").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        fs::create_dir_all(corpus.join("sub")).unwrap();
        fs::write(corpus.join("a.txt"), "Inside\n").unwrap();
        symlink(&secret, corpus.join("zz.txt")).unwrap();
        symlink("../../outside.txt", corpus.join("sub/up.txt")).unwrap();
        fs::write(
            dir.path().join("outside.txt"),
            "SECRET next to the corpus\n",
        )
        .unwrap();
        // Links that stay inside the corpus are read, relative or absolute.
        symlink("a.txt", corpus.join("b.txt")).unwrap();
        symlink(corpus.join("a.txt"), corpus.join("sub/c.txt")).unwrap();

        let c = load_corpus(&corpus).unwrap();
        let paths: Vec<&str> = c.documents.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["a.txt", "b.txt", "sub/c.txt"]);
        assert!(c.documents.iter().all(|d| d.text.as_str() == "Inside\n"));
        let problems: Vec<String> = c.problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with(&format!("{}", corpus.join("sub/up.txt").display())));
        assert!(
            problems[0].contains("outside the corpus folder; not read"),
            "{problems:?}"
        );
        assert!(problems[1].starts_with(&format!("{}", corpus.join("zz.txt").display())));
        assert!(
            problems[1].contains(&secret.display().to_string()),
            "{problems:?}"
        );

        // A corpus folder reached through a link is judged by where it resolves.
        let link = dir.path().join("corpus-link");
        symlink(&corpus, &link).unwrap();
        let c = load_corpus(&link).unwrap();
        assert_eq!(c.documents.len(), 3);
        assert_eq!(c.problems.len(), 2);
    }

    #[test]
    fn missing_folder_is_an_error() {
        let err = load_corpus(Path::new("/nonexistent/whosaid")).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/whosaid"));
    }

    #[test]
    fn lossy_utf8_replaces_and_still_reports() {
        let bytes = b"\xef\xbb\xbfTitle \xff\xfe here\nok \xc3";
        let err = Document::from_bytes("a.txt".into(), bytes).unwrap_err();
        assert!(err.contains("byte offset 9"), "{err}");
        let options = LoadOptions { lossy_utf8: true };
        let (doc, warning) = Document::from_bytes_with("a.txt".into(), bytes, &options).unwrap();
        // Like `String::from_utf8_lossy`: one U+FFFD per maximal invalid sequence.
        assert_eq!(
            doc.text.as_str(),
            "Title \u{fffd}\u{fffd} here\nok \u{fffd}"
        );
        assert_eq!(doc.title, "Title \u{fffd}\u{fffd} here");
        let warning = warning.unwrap();
        assert!(warning.contains("byte offset 9"), "{warning}");
        assert!(warning.contains("3 invalid byte sequences"), "{warning}");
        assert!(warning.contains("U+FFFD"), "{warning}");
    }

    #[test]
    fn a_big_corpus_read_on_several_threads_keeps_every_text_and_problem_with_its_file() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..500 {
            let body = if i % 97 == 0 {
                b"bin\0ary".to_vec()
            } else {
                format!("Title {i}\nBody of article {i}.").into_bytes()
            };
            std::fs::write(dir.path().join(format!("a{i:04}.txt")), body).unwrap();
        }
        let progress = Progress::default();
        let corpus = load_corpus_reporting(dir.path(), &LoadOptions::default(), &progress).unwrap();
        assert_eq!(progress.counts(), (500, 500));
        let bad: Vec<usize> = (0..500).filter(|i| i % 97 == 0).collect();
        assert_eq!(corpus.documents.len(), 500 - bad.len());
        let good = (0..500).filter(|i| i % 97 != 0);
        for (doc, i) in corpus.documents.iter().zip(good) {
            assert_eq!(doc.path, format!("a{i:04}.txt"));
            assert_eq!(doc.title, format!("Title {i}"));
            assert_eq!(
                doc.text.as_str(),
                format!("Title {i}\nBody of article {i}.")
            );
        }
        let files: Vec<PathBuf> = corpus.problems.iter().map(|p| p.file.clone()).collect();
        let expected: Vec<PathBuf> = bad
            .iter()
            .map(|i| dir.path().join(format!("a{i:04}.txt")))
            .collect();
        assert_eq!(files, expected);
        assert!(
            corpus.problems[0]
                .message
                .contains("NUL byte at byte offset 3")
        );
    }

    #[test]
    fn binary_and_utf16_files_are_refused_with_the_offset() {
        let err = Document::from_bytes("a.txt".into(), b"abc\0def").unwrap_err();
        assert!(err.contains("NUL byte at byte offset 3"), "{err}");
        let err = Document::from_bytes("a.txt".into(), b"\xff\xfea\0b\0").unwrap_err();
        assert!(err.contains("UTF-16"), "{err}");
        // Binary stays refused with lossy UTF-8 too.
        let options = LoadOptions { lossy_utf8: true };
        assert!(Document::from_bytes_with("a.txt".into(), b"\0\xff", &options).is_err());
    }

    #[test]
    fn document_paths_are_checked() {
        for good in [
            "a.txt",
            "sub/a b.txt",
            "x..y.txt",
            "Interview: Zelensky.txt",
            ".a.txt",
        ] {
            assert_eq!(check_document_path(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "../../etc/passwd",
            "/etc/passwd",
            "a/../../b",
            "a/./b",
            "a//b",
            "a/",
            "C:\\x",
            "C:/x",
            "\\\\server\\x",
            "a\0b",
        ] {
            assert!(check_document_path(bad).is_err(), "{bad:?}");
        }
    }
}
