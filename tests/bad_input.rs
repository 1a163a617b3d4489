//! Bad input never panics and never destroys anything: every broken corpus file, project file or
//! export cell gets a clear message naming the file and the place, and the rest carries on.

use std::fs;
use std::path::{Path, PathBuf};
use whosaid::corpus::{Corpus, LoadOptions, load_corpus, load_corpus_with};
use whosaid::interop::{ExportFragment, ExportRecord, write_csv};
use whosaid::project::{LoadError, Project, load_project, parse_project, project_to_ron};
use whosaid::workspace::Workspace;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/projects/ukraine-nato.ron");

fn sample_text() -> String {
    fs::read_to_string(SAMPLE).unwrap()
}

fn paths(c: &Corpus) -> Vec<&str> {
    c.documents.iter().map(|d| d.path.as_str()).collect()
}

/// The problems reported for files whose name ends with `name`.
fn problems_for(c: &Corpus, name: &str) -> Vec<String> {
    c.problems
        .iter()
        .filter(|p| p.file.to_string_lossy().ends_with(name))
        .map(|p| p.to_string())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Corpus

#[test]
fn invalid_utf8_is_reported_with_its_byte_offset_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.txt"), "Good\n").unwrap();
    fs::write(dir.path().join("bad.txt"), b"Caf\xc3\xa9 \xe9t\xe9\n").unwrap();
    let c = load_corpus(dir.path()).unwrap();
    assert_eq!(paths(&c), ["good.txt"]);
    let problems = problems_for(&c, "bad.txt");
    assert_eq!(problems.len(), 1, "{:?}", c.problems);
    assert!(problems[0].contains("bad.txt"), "{}", problems[0]);
    assert!(problems[0].contains("byte offset 6"), "{}", problems[0]);
}

#[test]
fn lossy_utf8_loads_with_replacement_characters_and_still_says_so() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.txt"), "Good\n").unwrap();
    fs::write(dir.path().join("latin1.txt"), b"Caf\xe9 r\xe9sum\xe9\n").unwrap();
    let options = LoadOptions { lossy_utf8: true };
    assert!(!LoadOptions::default().lossy_utf8);
    let c = load_corpus_with(dir.path(), &options).unwrap();
    assert_eq!(paths(&c), ["good.txt", "latin1.txt"]);
    let doc = c.document("latin1.txt").unwrap();
    assert_eq!(doc.text.as_str(), "Caf\u{fffd} r\u{fffd}sum\u{fffd}\n");
    assert_eq!(doc.text.char_len(), 12);
    // The hash is still of the file's bytes, so a later fix of the file shows as a change.
    assert_eq!(
        doc.hash,
        blake3::hash(b"Caf\xe9 r\xe9sum\xe9\n").to_hex().to_string()
    );
    let problems = problems_for(&c, "latin1.txt");
    assert_eq!(problems.len(), 1, "{:?}", c.problems);
    assert!(problems[0].contains("byte offset 3"), "{}", problems[0]);
    assert!(problems[0].contains("replacement"), "{}", problems[0]);
    assert!(problems_for(&c, "good.txt").is_empty());
}

#[test]
fn binary_files_are_skipped_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.txt"), "Good\n").unwrap();
    fs::write(
        dir.path().join("image.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    fs::write(dir.path().join("utf16.txt"), b"\xff\xfeH\0i\0").unwrap();
    for options in [LoadOptions::default(), LoadOptions { lossy_utf8: true }] {
        let c = load_corpus_with(dir.path(), &options).unwrap();
        assert_eq!(paths(&c), ["good.txt"]);
        let image = problems_for(&c, "image.txt");
        assert_eq!(image.len(), 1, "{:?}", c.problems);
        assert!(
            image[0].contains("NUL byte at byte offset 8"),
            "{}",
            image[0]
        );
        let utf16 = problems_for(&c, "utf16.txt");
        assert!(utf16[0].contains("UTF-16"), "{}", utf16[0]);
    }
}

#[test]
fn empty_files_load_as_empty_documents() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    fs::write(dir.path().join("blank.txt"), " \r\n\n\t\n").unwrap();
    fs::write(dir.path().join("bom.txt"), "\u{feff}").unwrap();
    let c = load_corpus(dir.path()).unwrap();
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    assert_eq!(paths(&c), ["blank.txt", "bom.txt", "empty.txt"]);
    for d in &c.documents {
        assert_eq!(d.title, "(empty document)", "{}", d.path);
    }
    let empty = c.document("empty.txt").unwrap();
    assert_eq!(empty.text.char_len(), 0);
    assert_eq!(empty.text.slice(0..0), Some(""));
    assert_eq!(empty.text.paragraphs().len(), 1);
    assert_eq!(c.document("bom.txt").unwrap().text.char_len(), 0);
}

#[test]
fn a_byte_order_mark_is_stripped_and_offsets_start_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = "\u{feff}“No,” said Zelenskyy\n".as_bytes();
    fs::write(dir.path().join("a.txt"), bytes).unwrap();
    let c = load_corpus(dir.path()).unwrap();
    let d = c.document("a.txt").unwrap();
    assert_eq!(d.text.as_str(), "“No,” said Zelenskyy\n");
    assert_eq!(d.text.slice(0..5), Some("“No,”"));
    assert_eq!(d.text.slice(11..20), Some("Zelenskyy"));
    assert_eq!(d.title, "“No,” said Zelenskyy");
    assert_eq!(d.hash, blake3::hash(bytes).to_hex().to_string());
}

#[test]
fn crlf_is_kept_counts_two_code_points_and_stays_out_of_paragraph_text() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Title\r\n\r\nHe said “yes”.\r\n").unwrap();
    let c = load_corpus(dir.path()).unwrap();
    let d = c.document("a.txt").unwrap();
    assert_eq!(d.title, "Title");
    assert_eq!(d.text.as_str(), "Title\r\n\r\nHe said “yes”.\r\n");
    assert_eq!(d.text.char_len(), 25);
    let p = d.text.paragraphs();
    assert_eq!(d.text.paragraph_text(0), "Title");
    assert_eq!(d.text.paragraph_text(1), "");
    assert_eq!(d.text.paragraph_text(2), "He said “yes”.");
    assert_eq!(p[2].chars, 9..23);
    assert_eq!(d.text.slice(p[2].chars.clone()), Some("He said “yes”."));
    assert_eq!(d.text.slice(5..7), Some("\r\n"));
    for i in 0..p.len() {
        assert!(!d.text.paragraph_text(i).contains(['\r', '\n']));
    }
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_reported_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.txt"), "Good\n").unwrap();
    fs::write(dir.path().join("locked.txt"), "Secret\n").unwrap();
    fs::create_dir(dir.path().join("closed")).unwrap();
    fs::write(dir.path().join("closed/inner.txt"), "Inner\n").unwrap();
    set_mode(&dir.path().join("locked.txt"), 0o000);
    set_mode(&dir.path().join("closed"), 0o000);
    let c = load_corpus(dir.path());
    // Let the temporary folder be removed whatever happens below.
    set_mode(&dir.path().join("closed"), 0o755);
    set_mode(&dir.path().join("locked.txt"), 0o644);
    let c = c.unwrap();
    assert!(c.document("good.txt").is_some());
    // Root (as in many containers) reads files and folders whatever their permissions: then there
    // is nothing unreadable to report, and only that assertion is skipped.
    if c.document("locked.txt").is_some() {
        eprintln!("running with permission to read anything: unreadable-file check skipped");
        assert!(
            problems_for(&c, "locked.txt").is_empty(),
            "{:?}",
            c.problems
        );
    } else {
        let locked = problems_for(&c, "locked.txt");
        assert_eq!(locked.len(), 1, "{:?}", c.problems);
        assert!(locked[0].contains("cannot be read"), "{}", locked[0]);
    }
    if c.document("closed/inner.txt").is_some() {
        eprintln!("running with permission to read anything: unreadable-folder check skipped");
        assert!(problems_for(&c, "closed").is_empty(), "{:?}", c.problems);
    } else {
        let closed = problems_for(&c, "closed");
        assert_eq!(closed.len(), 1, "{:?}", c.problems);
        assert!(closed[0].contains("cannot be read"), "{}", closed[0]);
    }
}

#[test]
fn hidden_files_and_folders_are_not_documents() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join(".git/objects")).unwrap();
    fs::write(root.join(".git/objects/x.txt"), "git internals").unwrap();
    fs::write(root.join(".git/HEAD.txt"), "ref").unwrap();
    fs::write(root.join(".hidden.txt"), "hidden").unwrap();
    fs::create_dir(root.join("sub")).unwrap();
    fs::write(root.join("sub/.a.txt.swp.txt"), "swap").unwrap();
    fs::write(root.join("sub/a.txt"), "A\n").unwrap();
    let c = load_corpus(root).unwrap();
    assert_eq!(paths(&c), ["sub/a.txt"]);
    assert!(c.problems.is_empty(), "{:?}", c.problems);
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang_and_linked_folders_are_not_followed() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("a/b")).unwrap();
    fs::write(root.join("a/b/doc.txt"), "Doc\n").unwrap();
    symlink("..", root.join("a/b/up")).unwrap();
    symlink(root, root.join("a/root")).unwrap();
    symlink(".", root.join("self")).unwrap();
    symlink("loop2", root.join("loop1")).unwrap();
    symlink("loop1", root.join("loop2.txt")).unwrap();
    symlink("a/b/doc.txt", root.join("linked.txt")).unwrap();
    symlink("missing.txt", root.join("dangling.txt")).unwrap();
    let c = load_corpus(root).unwrap();
    assert_eq!(paths(&c), ["a/b/doc.txt", "linked.txt"]);
    for link in ["a/b/up", "a/root", "self"] {
        let p = problems_for(&c, link);
        assert!(
            p[0].contains("link to a folder"),
            "{link}: {:?}",
            c.problems
        );
    }
    assert!(
        !problems_for(&c, "loop2.txt").is_empty(),
        "{:?}",
        c.problems
    );
    assert!(
        !problems_for(&c, "dangling.txt").is_empty(),
        "{:?}",
        c.problems
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_named_txt_does_not_block_the_load() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.txt"), "Good\n").unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("mkfifo unavailable: FIFO check skipped");
        return;
    }
    let c = load_corpus(dir.path()).unwrap();
    assert_eq!(paths(&c), ["good.txt"]);
    assert!(problems_for(&c, "pipe.txt")[0].contains("not a regular file"));
}

#[cfg(target_os = "linux")]
#[test]
fn file_names_a_project_cannot_record_are_reported() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.txt"), "Good\n").unwrap();
    fs::write(dir.path().join("back\\slash.txt"), "x").unwrap();
    let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    fs::write(dir.path().join(latin1), "x").unwrap();
    let c = load_corpus(dir.path()).unwrap();
    assert_eq!(paths(&c), ["good.txt"]);
    assert_eq!(c.problems.len(), 2, "{:?}", c.problems);
    assert!(problems_for(&c, "back\\slash.txt")[0].contains("`\\`"));
    assert!(
        c.problems
            .iter()
            .any(|p| p.message.contains("not valid UTF-8") && p.to_string().contains("caf"))
    );
}

#[test]
fn a_missing_corpus_folder_is_an_error_naming_it() {
    let err = load_corpus(Path::new("/nonexistent/whosaid-corpus")).unwrap_err();
    assert!(
        err.to_string().contains("/nonexistent/whosaid-corpus"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// Project files

fn parse(text: &str) -> Result<Project, LoadError> {
    parse_project(Path::new("dir/p.ron"), text)
}

/// The error of a project text that must fail, with its message.
fn fails(text: &str) -> (LoadError, String) {
    let err = parse(text).expect_err("should not load");
    let msg = err.to_string();
    assert!(
        msg.contains("dir/p.ron"),
        "the message names the file: {msg}"
    );
    (err, msg)
}

fn syntax(text: &str) -> (usize, usize, String) {
    match fails(text) {
        (
            LoadError::Syntax {
                line,
                column,
                message,
                ..
            },
            msg,
        ) => {
            assert!(
                msg.starts_with(&format!("dir/p.ron:{line}:{column}: ")),
                "{msg}"
            );
            (line, column, message)
        }
        (other, _) => panic!("expected a syntax error, got {other:?}"),
    }
}

/// The (1-based) line and column of the first occurrence of `needle` in `text`.
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..at].chars().count() + 1)
}

#[test]
fn the_sample_project_loads() {
    let p = load_project(Path::new(SAMPLE)).unwrap();
    assert!(p.annotations().count() > 0);
}

#[test]
fn malformed_ron_names_file_line_and_column() {
    let text = "(\n  format_version: 1,\n  corpus: \"c\"\n  speakers: [],\n)";
    let (line, column, message) = syntax(text);
    assert_eq!((line, column), (4, 3), "{message}");
    let text = "(\n  format_version: 1,\n  corpus: \"c\",\n  speakers: [(id: 1, name: \"A\"";
    let (line, _, message) = syntax(text);
    assert_eq!(line, 4, "{message}");
    let (_, _, message) = syntax("not ron at all");
    assert!(!message.is_empty());
    let (_, _, message) = syntax("(format_version: 1, corpus: \"c\") trailing");
    assert!(message.contains("trailing"), "{message}");
}

#[test]
fn wrong_types_name_the_field_and_the_expected_type() {
    let sample = sample_text();
    for (from, to, field, expected) in [
        ("start: 1278", "start: \"ten\"", "start", "integer"),
        ("done: false", "done: \"yes\"", "done", "boolean"),
        (
            "addressee: Some(18)",
            "addressee: 18",
            "addressee",
            "option",
        ),
        (
            "label: Quote",
            "label: Qoute",
            "label",
            "`Claim`, `Quote`, or `Demand`",
        ),
        (
            "format_version: 3",
            "format_version: \"3\"",
            "format_version",
            "integer",
        ),
        ("id: 2,", "id: -2,", "id", "out of bounds"),
        ("aliases: [", "aliases: (", "aliases", "`[`"),
    ] {
        let text = sample.replacen(from, to, 1);
        let bad = &to[to.find(": ").unwrap() + 2..];
        let (line, column, message) = syntax(&text);
        assert!(message.contains(&format!("`{field}`")), "{to}: {message}");
        assert!(message.contains(expected), "{to}: {message}");
        let (want_line, want_column) = position_of(&text, to);
        assert_eq!(line, want_line, "{to}: {message}");
        // At the value, or (for the negative number) inside it.
        let value_column = want_column + to.chars().count() - bad.chars().count();
        assert!(
            (value_column..value_column + 2).contains(&column),
            "{to}: column {column}, value at {value_column}: {message}"
        );
    }
    // A missing field is named by ron itself.
    let text = sample.replacen("created: \"", "made: \"", 1);
    let (_, _, message) = syntax(&text);
    assert!(message.contains("`created`"), "{message}");
}

#[test]
fn field_names_inside_strings_and_comments_do_not_mislead() {
    let text = "(\n  format_version: 1,\n  corpus: \"a, b: c\", // note: here\n  /* speakers: */ documents: [(path: \"a.txt\", hash: \"h\", done: 1)],\n)";
    let (line, _, message) = syntax(text);
    assert_eq!(line, 4);
    assert!(message.contains("`done`"), "{message}");
}

#[test]
fn truncated_project_files_fail_with_a_place_never_a_panic() {
    let sample = sample_text();
    let mut cuts = 0;
    for (i, _) in sample.char_indices().step_by(37) {
        let cut = &sample[..i];
        match parse(cut) {
            Err(LoadError::Empty { .. }) => assert!(cut.trim().is_empty()),
            Err(LoadError::Syntax { line, column, .. }) => {
                assert!(line >= 1 && line <= cut.lines().count().max(1) + 1);
                assert!(column >= 1);
            }
            other => panic!("cut at {i}: {other:?}"),
        }
        cuts += 1;
    }
    assert!(cuts > 100);
}

#[test]
fn empty_project_files_are_reported() {
    for text in ["", "  \n\t\n", "\u{feff}", "\u{feff}\n"] {
        let (err, msg) = fails(text);
        assert!(matches!(err, LoadError::Empty { .. }), "{text:?}: {msg}");
    }
}

#[test]
fn a_byte_order_mark_before_the_ron_is_accepted() {
    let text = format!("\u{feff}{}", sample_text());
    assert!(parse(&text).is_ok());
}

#[test]
fn invalid_utf8_in_a_project_file_gives_the_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let mut bytes = sample_text().into_bytes();
    bytes[100] = 0xff;
    fs::write(&path, &bytes).unwrap();
    let err = load_project(&path).unwrap_err();
    assert!(
        matches!(err, LoadError::Encoding { offset: 100, .. }),
        "{err}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("p.ron") && msg.contains("byte offset 100"),
        "{msg}"
    );
}

#[test]
fn duplicate_ids_and_unknown_speakers_are_refused() {
    let p = load_project(Path::new(SAMPLE)).unwrap();

    let mut q = p.clone();
    let dup = q.documents[1].annotations[0].clone();
    let id = dup.id.0;
    q.documents[2].annotations.push(dup);
    let (_, msg) = fails(&project_to_ron(&q));
    assert!(
        msg.contains(&format!("annotation id {id} is used twice")),
        "{msg}"
    );

    let mut q = p.clone();
    let dup = q.speakers[0].clone();
    q.speakers.push(dup);
    let (_, msg) = fails(&project_to_ron(&q));
    assert!(msg.contains("speaker id 1 is used twice"), "{msg}");

    let mut q = p.clone();
    let dup = q.documents[0].clone();
    let path = dup.path.clone();
    q.documents.push(dup);
    // project_to_ron normalizes but keeps both entries.
    let (_, msg) = fails(&project_to_ron(&q));
    assert!(
        msg.contains(&format!("document {path:?} is listed twice")),
        "{msg}"
    );

    let mut q = p.clone();
    let a = q.documents[1].annotations[0].id.0;
    q.documents[1].annotations[0].speakers = vec![whosaid::project::SpeakerId(999)];
    let (_, msg) = fails(&project_to_ron(&q));
    assert!(msg.contains(&format!("annotation {a}")), "{msg}");
    assert!(msg.contains("speaker 999"), "{msg}");
}

#[test]
fn ids_too_large_to_count_on_are_refused() {
    let sample = sample_text();
    let text = sample.replacen("id: 2,", &format!("id: {},", u64::MAX), 1);
    let (_, msg) = fails(&text);
    assert!(msg.contains("too large"), "{msg}");
    let text = sample.replacen("id: 27,", &format!("id: {},", u64::MAX), 1);
    let (_, msg) = fails(&text);
    assert!(msg.contains("annotation id 18446744073709551615"), "{msg}");
}

#[test]
fn a_newer_format_version_is_refused() {
    let text = sample_text().replacen("format_version: 3", "format_version: 4", 1);
    let (err, msg) = fails(&text);
    assert!(matches!(err, LoadError::TooNew { found: 4, .. }), "{msg}");
    assert!(msg.contains("newer"), "{msg}");
}

#[test]
fn document_paths_outside_the_corpus_are_refused() {
    let sample = sample_text();
    let real = load_project(Path::new(SAMPLE)).unwrap().documents[0]
        .path
        .clone();
    for bad in [
        "../../etc/passwd",
        "/etc/passwd",
        "a/../../b",
        "./a.txt",
        "a//b.txt",
        "C:\\\\x",
        "C:/x",
        "\\\\\\\\server\\\\x",
        "",
    ] {
        // `bad` is written as it appears inside the RON string (backslashes escaped).
        let text = sample.replacen(&format!("path: \"{real}\""), &format!("path: \"{bad}\""), 1);
        let (err, msg) = fails(&text);
        assert!(matches!(err, LoadError::Invalid { .. }), "{bad}: {msg}");
        assert!(msg.contains(&format!("document path \"{bad}\"")), "{msg}");
    }
}

#[test]
fn fragments_must_be_ordered_ranges_that_do_not_overlap() {
    let p = load_project(Path::new(SAMPLE)).unwrap();
    let (d, a) = p
        .annotations()
        .find(|(_, a)| a.fragments.len() == 2)
        .map(|(d, a)| (d.path.clone(), a.id))
        .expect("the sample has an interrupted quote");

    let mut q = p.clone();
    let ann = q.documents.iter_mut().find(|x| x.path == d).unwrap();
    let ann = ann.annotations.iter_mut().find(|x| x.id == a).unwrap();
    ann.fragments[1].start = ann.fragments[0].end - 1;
    let (_, msg) = fails(&project_to_ron(&q));
    assert!(msg.contains(&format!("annotation {} ", a.0)), "{msg}");
    assert!(msg.contains("overlapping"), "{msg}");

    let mut q = p.clone();
    let ann = q.documents.iter_mut().find(|x| x.path == d).unwrap();
    let ann = ann.annotations.iter_mut().find(|x| x.id == a).unwrap();
    ann.fragments[1] = ann.fragments[0].clone();
    let (_, msg) = fails(&project_to_ron(&q));
    assert!(msg.contains("overlapping"), "{msg}");

    let mut q = p.clone();
    let ann = q.documents.iter_mut().find(|x| x.path == d).unwrap();
    let ann = ann.annotations.iter_mut().find(|x| x.id == a).unwrap();
    ann.fragments[0].end = ann.fragments[0].start;
    let (_, msg) = fails(&project_to_ron(&q));
    assert!(msg.contains("empty or reversed"), "{msg}");

    // Touching fragments do not overlap.
    let mut q = p.clone();
    let ann = q.documents.iter_mut().find(|x| x.path == d).unwrap();
    let ann = ann.annotations.iter_mut().find(|x| x.id == a).unwrap();
    ann.fragments[1].start = ann.fragments[0].end;
    assert!(parse(&project_to_ron(&q)).is_ok());
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let text = format!(
        "(format_version: 1, corpus: \"c\", extra: {}1{})",
        "(".repeat(50_000),
        ")".repeat(50_000)
    );
    let _ = syntax(&text);
    let text = format!(
        "(format_version: 1, corpus: \"c\", extra: {})",
        "[".repeat(50_000)
    );
    let _ = syntax(&text);
}

/// The file names and bytes of a folder, to check that nothing was written.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let bytes = fs::read(&p).unwrap_or_default();
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_failed_load_leaves_the_file_and_its_folder_untouched() {
    let sample = sample_text();
    let mut latin1 = sample.clone().into_bytes();
    latin1[50] = 0xe9;
    let cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"   \n".to_vec(),
        sample.as_bytes()[..sample.len() / 3].to_vec(),
        sample
            .replacen("start: 1278", "start: \"ten\"", 1)
            .into_bytes(),
        sample
            .replacen("format_version: 3", "format_version: 7", 1)
            .into_bytes(),
        sample
            .replacen("addressee: Some(18)", "addressee: Some(77)", 1)
            .into_bytes(),
        sample.replacen("path: \"0", "path: \"../0", 1).into_bytes(),
        latin1,
    ];
    for (i, bytes) in cases.iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, bytes).unwrap();
        let before = snapshot(dir.path());
        let err = load_project(&path).unwrap_err();
        assert!(err.to_string().contains("p.ron"), "case {i}: {err}");
        let err = Workspace::open_project(&path).err().expect("fails to open");
        assert!(err.to_string().contains("p.ron"), "case {i}: {err}");
        assert_eq!(snapshot(dir.path()), before, "case {i}: the folder changed");
    }
}

// ---------------------------------------------------------------------------------------------
// CSV export

#[test]
fn csv_cells_a_spreadsheet_would_run_are_neutralised() {
    let record = ExportRecord {
        id: 12,
        doc: "=doc.txt".into(),
        title: "+Title".into(),
        start: 5,
        end: 9,
        text: "-1+2".into(),
        fragments: vec![ExportFragment {
            start: 5,
            end: 9,
            text: "-1+2".into(),
        }],
        label: "claim",
        speaker_id: Some(3),
        speaker: Some("@Speaker".into()),
        speaker_ids: vec![3, 4],
        speakers: vec!["@Speaker".into(), "Other".into()],
        addressee_id: Some(5),
        addressee: Some("-NATO".into()),
        cue: None,
        note: "=HYPERLINK(\"http://x\")".into(),
        outlet: Some("=Outlet".into()),
        date: Some("2025-12-14".into()),
        url: None,
        suggested: false,
        suggestion_confidence: None,
        annotator: Some("@analyst".into()),
    };
    let mut out = Vec::new();
    write_csv(std::slice::from_ref(&record), &mut out).unwrap();
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(&r[0], "12");
    assert_eq!(&r[1], "'=doc.txt");
    assert_eq!(&r[2], "'+Title");
    assert_eq!(&r[3], "5");
    assert_eq!(&r[4], "9");
    assert_eq!(&r[5], "'-1+2");
    assert_eq!(&r[6], "5-9");
    assert_eq!(&r[7], "claim");
    assert_eq!(&r[8], "3");
    assert_eq!(&r[9], "'@Speaker");
    assert_eq!(&r[10], "'=HYPERLINK(\"http://x\")");
    assert_eq!(
        &r[22], "'@analyst",
        "the annotator's name is a text cell too"
    );
}
