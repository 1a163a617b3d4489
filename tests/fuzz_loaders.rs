//! Property-based fuzzing of everything that reads untrusted input: project files, corpus files and
//! the offsets into the loaded text. Runs inside `cargo test` in a few seconds; to fuzz longer, scale
//! every case count up, e.g. `WHOSAID_FUZZ_SCALE=50 cargo test --test fuzz_loaders`.
//!
//! Failures are not persisted to files (the seed is printed instead): rerun a failure with
//! `PROPTEST_RNG_SEED`.

use proptest::prelude::*;
use proptest::test_runner::Config;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use whosaid::corpus::{Document, LoadOptions, load_corpus_with};
use whosaid::project::{LoadError, load_project, parse_project, project_to_ron};
use whosaid::text::{DocText, next_word_boundary, prev_word_boundary, word_at};

const SAMPLE: &str = include_str!("../projects/ukraine-nato.ron");
const NAME: &str = "fuzz-case.ron";

fn config(cases: u32) -> Config {
    let scale = std::env::var("WHOSAID_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse::<u32>().ok())
        .unwrap_or(1)
        .max(1);
    Config {
        cases: cases * scale,
        failure_persistence: None,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Project files

/// Parses `text` as the project file `NAME`: no panic, and an error names the file. What loads
/// must save to text that loads back to the same project (a load never leads to a file that can
/// no longer be opened).
fn check_parse(text: &str) -> Result<(), TestCaseError> {
    match parse_project(Path::new(NAME), text) {
        Ok(p) => {
            let saved = project_to_ron(&p);
            let again = parse_project(Path::new(NAME), &saved);
            prop_assert!(
                again.as_ref().ok() == Some(&p),
                "a loaded project does not load back after saving: {again:?}\n{saved}"
            );
        }
        Err(e) => {
            let msg = e.to_string();
            prop_assert!(
                msg.contains(NAME),
                "the message does not name the file: {msg}"
            );
            if let LoadError::Syntax { line, column, .. } = e {
                prop_assert!(line >= 1 && column >= 1, "{msg}");
                prop_assert!(line <= text.split('\n').count(), "line past the end: {msg}");
            }
        }
    }
    Ok(())
}

/// Checks bytes that may not be UTF-8: as a file through `load_project`.
fn check_project_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => check_parse(text),
        Err(e) => {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(NAME);
            fs::write(&path, bytes).unwrap();
            let err = load_project(&path).expect_err("invalid UTF-8 cannot load");
            let msg = err.to_string();
            prop_assert!(
                msg.contains(NAME) && msg.contains(&format!("byte offset {}", e.valid_up_to())),
                "{msg}"
            );
            prop_assert_eq!(fs::read(&path).unwrap(), bytes, "the file was modified");
            Ok(())
        }
    }
}

/// Pieces of RON-like text: random strings made of them get further into the parser than random
/// characters do.
fn ron_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            ",",
            ":",
            " ",
            "\n",
            "\r\n",
            "Some(",
            "None",
            "true",
            "false",
            "\"",
            "\\",
            "r#\"",
            "\"#",
            "//",
            "/*",
            "*/",
            "'",
            "-",
            ".",
            "e",
            "#",
            "format_version: ",
            "format_version: 1,",
            "corpus: \"c\",",
            "speakers: [",
            "documents: [",
            "annotations: [",
            "fragments: [",
            "(start: ",
            "end: ",
            "text: \"",
            "id: ",
            "label: Quote",
            "label: ",
            "speaker: ",
            "name: \"",
            "aliases: [",
            "path: \"",
            "hash: \"",
            "done: ",
            "note: \"",
            "created: \"",
            "modified: \"",
            "view: (",
            "open_document: ",
            "prefix: \"",
            "suffix: \"",
            "0",
            "1",
            "2",
            "18446744073709551616",
            "9007199254740992",
            "-1",
            "1e400",
            "0x",
            "\u{feff}",
            "“",
            "🇺🇦",
            "\u{0}",
        ])
        .prop_map(str::to_string),
        "[a-z_]{1,8}",
        "[0-9]{1,22}",
        "\"[^\"\\\\]{0,6}\"",
    ]
}

fn ron_like() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["", "(", "(format_version: 1, corpus: \"c\", "]),
        prop::collection::vec(ron_piece(), 0..80),
        prop::sample::select(vec!["", ")", "])", ")])])"]),
    )
        .prop_map(|(head, body, tail)| format!("{head}{}{tail}", body.concat()))
}

/// A valid project to start from: a prefix of the sample's fields, closed properly.
fn small_valid_project() -> impl Strategy<Value = String> {
    (0usize..4, 1usize..40).prop_map(|(speakers, annotations)| {
        let mut p = parse_project(Path::new(NAME), SAMPLE).unwrap();
        p.speakers.truncate(speakers + 1);
        let keep: BTreeSet<_> = p.speakers.iter().map(|s| s.id).collect();
        let mut left = annotations;
        for d in &mut p.documents {
            d.annotations
                .retain(|a| a.speakers.iter().all(|s| keep.contains(s)));
            d.annotations.truncate(left);
            left -= d.annotations.len();
        }
        project_to_ron(&p)
    })
}

#[derive(Clone, Debug)]
enum Mutation {
    /// XOR a byte with a non-zero mask.
    Flip(prop::sample::Index, u8),
    /// Put a RON-significant ASCII byte in place of one.
    Poke(prop::sample::Index, u8),
    Truncate(prop::sample::Index),
    DeleteLine(prop::sample::Index),
    DuplicateLine(prop::sample::Index),
    SwapLines(prop::sample::Index, prop::sample::Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<prop::sample::Index>(), 1u8..=255).prop_map(|(i, m)| Mutation::Flip(i, m)),
        (
            any::<prop::sample::Index>(),
            prop::sample::select(b"()[],:\"\\ 0123456789-.#'/*\n\rSomeNonex".to_vec())
        )
            .prop_map(|(i, b)| Mutation::Poke(i, b)),
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
        any::<prop::sample::Index>().prop_map(Mutation::DeleteLine),
        any::<prop::sample::Index>().prop_map(Mutation::DuplicateLine),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>())
            .prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    let mut lines: Vec<Vec<u8>> = bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    match m {
        Mutation::Flip(i, mask) => {
            let i = i.index(bytes.len());
            bytes[i] ^= mask;
            return;
        }
        Mutation::Poke(i, b) => {
            let i = i.index(bytes.len());
            bytes[i] = *b;
            return;
        }
        Mutation::Truncate(i) => {
            bytes.truncate(i.index(bytes.len()));
            return;
        }
        Mutation::DeleteLine(i) => {
            lines.remove(i.index(lines.len()));
        }
        Mutation::DuplicateLine(i) => {
            let i = i.index(lines.len());
            lines.insert(i, lines[i].clone());
        }
        Mutation::SwapLines(a, b) => {
            let (a, b) = (a.index(lines.len()), b.index(lines.len()));
            lines.swap(a, b);
        }
    }
    *bytes = lines.concat();
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn parse_project_on_arbitrary_strings(text in any::<String>()) {
        check_parse(&text)?;
    }

    #[test]
    fn parse_project_on_ron_like_strings(text in ron_like()) {
        check_parse(&text)?;
    }
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn parse_project_on_mutations_of_the_sample(
        mutations in prop::collection::vec(mutation(), 1..5)
    ) {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check_project_bytes(&bytes)?;
    }
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn parse_project_on_mutations_of_small_projects(
        base in small_valid_project(),
        mutations in prop::collection::vec(mutation(), 1..4)
    ) {
        let mut bytes = base.into_bytes();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check_project_bytes(&bytes)?;
    }
}

// ---------------------------------------------------------------------------------------------
// Corpus files and the text offsets of what loads

/// Bytes biased towards what breaks text handling: line ends, BOMs, NULs, multibyte and truncated
/// UTF-8 sequences.
fn text_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        prop::collection::vec(any::<u8>(), 1..4),
        prop::sample::select(vec![
            &b"a"[..],
            b"Word ",
            b" ",
            b"\t",
            b"\n",
            b"\r\n",
            b"\r",
            b"\xef\xbb\xbf",
            b"\0",
            "“".as_bytes(),
            "é".as_bytes(),
            "🇺🇦".as_bytes(),
            "\u{200b}".as_bytes(),
            b"\xe2\x80",
            b"\xc3",
            b"\xff",
            b"\xed\xa0\x80",
        ])
        .prop_map(<[u8]>::to_vec),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// Mostly valid UTF-8 text, to get past the UTF-8 check.
fn text_string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(String::from),
        prop::sample::select(vec![
            "a", "Word ", " ", "\t", "\n", "\r\n", "\r", "\r\r\n", "\n\n", "“", "é", "e\u{301}",
            "🇺🇦", "\u{feff}", "\u{2028}", "\u{85}",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// Every offset conversion of a loaded text agrees with a plain `chars()` walk.
fn check_doc_text(t: &DocText) -> Result<(), TestCaseError> {
    let s = t.as_str();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let n = chars.len();
    prop_assert_eq!(t.char_len(), n);
    prop_assert_eq!(t.slice(0..n), Some(s));
    prop_assert_eq!(t.slice(0..n + 1), None);
    prop_assert_eq!(t.byte_of(n + 1), None);
    let mut last = None;
    for i in 0..=n {
        let b = t.byte_of(i);
        let want = chars.get(i).map_or(s.len(), |&(b, _)| b);
        prop_assert_eq!(b, Some(want), "byte_of({})", i);
        prop_assert!(last < b, "byte_of is not increasing at {}", i);
        last = b;
        prop_assert_eq!(t.char_at(i), chars.get(i).map(|&(_, c)| c));
    }
    // Paragraphs: in order, each the text of its line, separated by exactly one line break.
    let ps = t.paragraphs();
    prop_assert!(!ps.is_empty());
    prop_assert_eq!(ps[0].chars.start, 0);
    for (k, p) in ps.iter().enumerate() {
        prop_assert_eq!(t.slice(p.chars.clone()), Some(t.paragraph_text(k)));
        prop_assert_eq!(&s[p.bytes.clone()], t.paragraph_text(k));
        prop_assert!(!t.paragraph_text(k).contains('\n'));
        match ps.get(k + 1) {
            Some(next) => {
                let gap = t.slice(p.chars.end..next.chars.start);
                prop_assert!(
                    gap == Some("\n") || gap == Some("\r\n"),
                    "between paragraphs {} and {}: {:?}",
                    k,
                    k + 1,
                    gap
                );
            }
            None => prop_assert!(
                p.chars.end == n || t.slice(p.chars.end..n) == Some("\r"),
                "the last paragraph ends at {} of {}",
                p.chars.end,
                n
            ),
        }
        for offset in p.chars.clone() {
            prop_assert_eq!(t.paragraph_at(offset), k);
        }
    }
    prop_assert_eq!(t.paragraph_at(n), ps.len() - 1);
    // Everything that takes an offset or a range copes with any of them, in range or not.
    for a in [0, n / 3, n / 2, n.saturating_sub(1), n, n + 1, n + 40] {
        for b in [0, 1, n / 2, n, n + 1] {
            let want: Option<String> = (a <= b && b <= n).then(|| {
                s[chars.get(a).map_or(s.len(), |c| c.0)..]
                    .chars()
                    .take(b - a)
                    .collect()
            });
            prop_assert_eq!(t.slice(a..b).map(str::to_string), want);
            let trimmed = t.trim(a..b);
            prop_assert!(trimmed.start <= trimmed.end || a > b);
            let _ = t.context(a..b);
        }
        if a <= n {
            let w = word_at(t, a);
            prop_assert!(w.start <= w.end && w.end <= n, "word_at({}) = {:?}", a, w);
            prop_assert!(next_word_boundary(t, a) <= n);
            prop_assert!(prev_word_boundary(t, a) <= a);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(500))]

    #[test]
    fn documents_from_random_bytes(bytes in text_bytes(), lossy in any::<bool>()) {
        let options = LoadOptions { lossy_utf8: lossy };
        let strict = Document::from_bytes("d.txt".into(), &bytes);
        let result = Document::from_bytes_with("d.txt".into(), &bytes, &options);
        let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
        match &strict {
            Ok(doc) => {
                prop_assert_eq!(Some(doc.text.as_str()), std::str::from_utf8(body).ok());
                prop_assert_eq!(&doc.hash, &blake3::hash(&bytes).to_hex().to_string());
                check_doc_text(&doc.text)?;
            }
            Err(msg) => prop_assert!(msg.contains("byte offset") || msg.contains("UTF-16"), "{}", msg),
        }
        match result {
            Ok((doc, warning)) => {
                prop_assert_eq!(doc.text.as_str(), String::from_utf8_lossy(body));
                prop_assert_eq!(warning.is_some(), strict.is_err(), "{:?}", warning);
                check_doc_text(&doc.text)?;
            }
            Err(msg) => {
                prop_assert!(strict.is_err());
                prop_assert!(!lossy || bytes.contains(&0) || bytes.starts_with(b"\xff\xfe")
                    || bytes.starts_with(b"\xfe\xff"), "{}", msg);
            }
        }
    }

    #[test]
    fn doc_text_offsets_are_consistent(text in text_string()) {
        let doc = Document::from_bytes("d.txt".into(), text.as_bytes());
        match doc {
            Ok(doc) => check_doc_text(&doc.text)?,
            Err(msg) => prop_assert!(text.contains('\0'), "{}", msg),
        }
        check_doc_text(&DocText::new(text))?;
    }
}

proptest! {
    #![proptest_config(config(200))]

    #[test]
    fn load_corpus_on_random_files(
        files in prop::collection::vec((0usize..3, text_bytes()), 1..6),
        lossy in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut names = Vec::new();
        for (i, (folder, bytes)) in files.iter().enumerate() {
            let rel = match folder {
                0 => format!("f{i}.txt"),
                1 => format!("sub/f{i}.txt"),
                _ => format!("sub/deeper/f{i}.TXT"),
            };
            let full = dir.path().join(&rel);
            fs::create_dir_all(full.parent().unwrap()).unwrap();
            fs::write(&full, bytes).unwrap();
            names.push(rel);
        }
        let options = LoadOptions { lossy_utf8: lossy };
        let corpus = load_corpus_with(dir.path(), &options).unwrap();
        for rel in &names {
            let loaded = corpus.document(rel).is_some();
            let problems: Vec<String> = corpus
                .problems
                .iter()
                .filter(|p| p.file.ends_with(rel))
                .map(|p| p.to_string())
                .collect();
            // Loaded, or skipped and reported; loaded with a warning only when replaced.
            prop_assert!(loaded || problems.len() == 1, "{} neither loaded nor reported", rel);
            prop_assert!(problems.len() <= 1, "{:?}", problems);
            for p in &problems {
                prop_assert!(p.contains(rel.as_str()), "{}", p);
                prop_assert_eq!(loaded, lossy && p.contains("U+FFFD"), "{}", p);
            }
        }
        prop_assert_eq!(corpus.documents.len() + corpus.problems.len() >= names.len(), true);
        prop_assert!(corpus.problems.len() <= names.len());
        let paths: Vec<&str> = corpus.documents.iter().map(|d| d.path.as_str()).collect();
        prop_assert!(paths.windows(2).all(|w| w[0] < w[1]), "not sorted: {:?}", paths);
        for d in &corpus.documents {
            check_doc_text(&d.text)?;
        }
    }
}
