//! Optional document metadata: a `metadata.csv` file in the corpus folder.
//!
//! The file has a header row with a `path` column (the document's path relative to the corpus
//! folder, `/`-separated, exactly as whosaid names documents) and any of `title`, `outlet`, `date`
//! and `url`, in any order. Header names are trimmed and compared ignoring case; other columns are
//! ignored (each reported once). The file is UTF-8 with an optional byte order mark, quoted as in
//! RFC 4180 (commas, quotes and line breaks inside `"…"` cells, `""` for a quote), with CRLF or LF
//! line endings.
//!
//! Only a file that cannot be read at all is an error: not UTF-8, no header row with a `path`
//! column. A bad row is reported in [`MetadataFile::problems`] with the file and its line number
//! and the rest of the file still loads.

use super::check_document_path;
use std::collections::BTreeMap;
use std::fs;
use std::io::ErrorKind;
use std::path::Path;

/// The name of the metadata file in a corpus folder.
pub const METADATA_FILE_NAME: &str = "metadata.csv";

const BOM: &[u8] = b"\xef\xbb\xbf";

/// What `metadata.csv` says about one document. Every field is optional: an empty cell (or a
/// column the file does not have) is `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct DocMetadata {
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// Meant to be an ISO date, `YYYY-MM-DD`; any other value is kept as written (and reported).
    pub date: Option<String>,
    /// Meant to start with `http://` or `https://`; any other value is kept as written (and
    /// reported).
    pub url: Option<String>,
}

impl DocMetadata {
    pub fn is_empty(&self) -> bool {
        *self == DocMetadata::default()
    }

    /// Fills the fields this one lacks from `other` (what the analyst set wins over the file).
    pub fn fill_from(&mut self, other: &DocMetadata) {
        for (mine, theirs) in [
            (&mut self.title, &other.title),
            (&mut self.outlet, &other.outlet),
            (&mut self.date, &other.date),
            (&mut self.url, &other.url),
        ] {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        }
    }
}

/// A parsed `metadata.csv`.
#[derive(Clone, Debug, Default)]
pub struct MetadataFile {
    /// By document path (normalised: no leading `./`).
    pub entries: BTreeMap<String, DocMetadata>,
    /// One message per problem, each starting with the file and, for a row, its line number:
    /// `corpus/metadata.csv: line 4: …`. Rows with a problem in their path or shape are skipped;
    /// rows with an odd `date` or `url` are kept.
    pub problems: Vec<String>,
}

/// Reads `root/metadata.csv`; `Ok(None)` when there is none. Errors (the file exists but cannot be
/// read, or [`parse_metadata`] refuses it) name the file.
pub fn load_metadata(root: &Path) -> Result<Option<MetadataFile>, String> {
    let path = root.join(METADATA_FILE_NAME);
    let label = path.display().to_string();
    match fs::metadata(&path) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{label} cannot be read: {e}")),
        // A FIFO or device would block or never end.
        Ok(m) if !m.is_file() => return Err(format!("{label} is not a regular file")),
        Ok(_) => {}
    }
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None), // removed meanwhile
        Err(e) => return Err(format!("{label} cannot be read: {e}")),
    };
    parse_metadata(&label, &bytes).map(Some)
}

/// The columns whosaid reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Path,
    Title,
    Outlet,
    Date,
    Url,
}

impl Column {
    fn from_header(name: &str) -> Option<Self> {
        match name.to_lowercase().as_str() {
            "path" => Some(Self::Path),
            "title" => Some(Self::Title),
            "outlet" => Some(Self::Outlet),
            "date" => Some(Self::Date),
            "url" => Some(Self::Url),
            _ => None,
        }
    }
}

/// Parses the bytes of a `metadata.csv`; `file_label` names the file in messages.
///
/// Errors, for a file that cannot be used at all: bytes that are not UTF-8 (with the byte offset,
/// counting from the start of the file, byte order mark included), UTF-16, or a header row without
/// a `path` column.
///
/// **An empty file** (no bytes, or only a byte order mark, blank lines and whitespace) is not an
/// error: metadata is optional, so it loads as no entries, with one problem saying the file is
/// empty. A file with only a header row loads as no entries and no problems.
///
/// Rows:
/// - line numbers count from 1, the header row's first line included; a record with line breaks
///   inside a quoted cell is reported at the line where it starts;
/// - values are trimmed, a CRLF inside a quoted cell becomes LF, and an empty cell is `None`;
/// - rows whose cells are all empty (`,,,` left by spreadsheets) are skipped silently;
/// - the path loses any leading `./` and must then be a document path as whosaid names documents
///   (see [`check_document_path`]: `/` separators, no backslashes, no `..`, not absolute);
/// - skipped and reported: a row with no path, a refused path, a path already given on an earlier
///   line (the first row counts), a row whose number of cells differs from the header's, and the
///   row with a quoted cell that is never closed (it would run to the end of the file, swallowing
///   the rows after it; in the header row this is an error);
/// - kept but reported: a `date` that is not a valid ISO date `YYYY-MM-DD`, a `url` that does not
///   start with `http://` or `https://`.
///
/// Header problems (ignored columns, a known column given twice: the first is used) are reported
/// once, at the header's line (line 1 unless blank lines come before it).
pub fn parse_metadata(file_label: &str, bytes: &[u8]) -> Result<MetadataFile, String> {
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return Err(format!(
            "{file_label} looks like UTF-16 (it starts with a UTF-16 byte order mark); \
             save it as UTF-8"
        ));
    }
    let (bom_len, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (BOM.len(), rest),
        None => (0, bytes),
    };
    let text = std::str::from_utf8(body).map_err(|e| {
        format!(
            "{file_label} is not valid UTF-8 at byte offset {}; save it as UTF-8",
            bom_len + e.valid_up_to()
        )
    })?;

    let mut out = MetadataFile::default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let read_error = |e: csv::Error| format!("{file_label} cannot be read as CSV: {e}");

    // The header: the first record (csv skips blank lines before it).
    let header = loop {
        match records.next() {
            None => {
                out.problems
                    .push(format!("{file_label} is empty; no metadata loaded"));
                return Ok(out);
            }
            Some(Err(e)) => return Err(read_error(e)),
            Some(Ok(record)) if record.iter().all(|c| c.trim().is_empty()) => continue,
            Some(Ok(record)) => break record,
        }
    };
    let header_line = line_of(&header);
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(header.len());
    for (i, name) in header.iter().enumerate() {
        let name = name.trim();
        let column = Column::from_header(name);
        let seen = column.is_some() && columns.contains(&column);
        if column.is_none() || seen {
            let what = if name.is_empty() {
                format!("ignored column {} (it has no name)", i + 1)
            } else if seen {
                format!("ignored column {name:?}: that column is already given, the first is used")
            } else {
                format!("ignored column {name:?}")
            };
            out.problems
                .push(format!("{file_label}: line {header_line}: {what}"));
            columns.push(None);
        } else {
            columns.push(column);
        }
    }
    if !columns.contains(&Some(Column::Path)) {
        let names: Vec<&str> = header.iter().map(str::trim).collect();
        return Err(format!(
            "{file_label} has no `path` column: its header row (line {header_line}) is {:?}; \
             the first row must name the columns, one of them `path`",
            names.join(",")
        ));
    }

    // The csv reader takes an unclosed quote to run to the end of the file: the last record then
    // swallowed every line after the quote. It is not what the analyst meant: reported, skipped.
    let unclosed = ends_inside_quotes(text);
    let unclosed_message = |line: u64| {
        format!(
            "{file_label}: line {line}: a quoted cell here is never closed (a missing `\"`?), \
             so it runs to the end of the file"
        )
    };
    let mut records = records.peekable();
    if unclosed && records.peek().is_none() {
        return Err(unclosed_message(header_line));
    }

    let mut first_line_of: BTreeMap<String, u64> = BTreeMap::new();
    while let Some(record) = records.next() {
        let record = record.map_err(read_error)?;
        let line = line_of(&record);
        if unclosed && records.peek().is_none() {
            out.problems
                .push(format!("{}; row skipped", unclosed_message(line)));
            break;
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut problem = |message: String| {
            out.problems
                .push(format!("{file_label}: line {line}: {message}"))
        };
        if record.len() != columns.len() {
            problem(format!(
                "{} cell{} where the header has {}; row skipped",
                record.len(),
                if record.len() == 1 { "" } else { "s" },
                columns.len()
            ));
            continue;
        }
        let mut path = None;
        let mut meta = DocMetadata::default();
        for (column, cell) in columns.iter().zip(record.iter()) {
            let Some(column) = column else { continue };
            let value = cell_value(cell);
            match column {
                Column::Path => path = value,
                Column::Title => meta.title = value,
                Column::Outlet => meta.outlet = value,
                Column::Date => meta.date = value,
                Column::Url => meta.url = value,
            }
        }
        let Some(raw_path) = path else {
            problem("no path; row skipped".to_string());
            continue;
        };
        let path = normalise_path(&raw_path);
        if let Err(why) = check_document_path(path) {
            problem(format!("the path {raw_path:?} {why}; row skipped"));
            continue;
        }
        if let Some(first) = first_line_of.get(path) {
            problem(format!(
                "the path {path:?} is already given on line {first}; row skipped"
            ));
            continue;
        }
        if let Some(date) = &meta.date
            && !is_iso_date(date)
        {
            problem(format!(
                "the date {date:?} of {path:?} is not an ISO date (YYYY-MM-DD); kept as written"
            ));
        }
        if let Some(url) = &meta.url
            && !is_web_url(url)
        {
            problem(format!(
                "the url {url:?} of {path:?} does not start with http:// or https://; \
                 kept as written"
            ));
        }
        first_line_of.insert(path.to_string(), line);
        out.entries.insert(path.to_string(), meta);
    }
    Ok(out)
}

/// The 1-based line on which a record starts.
fn line_of(record: &csv::StringRecord) -> u64 {
    record.position().map_or(0, csv::Position::line)
}

/// A cell's value: trimmed, CRLF as LF, `None` when empty.
fn cell_value(cell: &str) -> Option<String> {
    let value = cell.trim();
    if value.is_empty() {
        None
    } else if value.contains("\r\n") {
        Some(value.replace("\r\n", "\n"))
    } else {
        Some(value.to_string())
    }
}

/// A path as whosaid names documents: any leading `./` dropped (the rest is checked by
/// [`check_document_path`]).
fn normalise_path(path: &str) -> &str {
    let mut path = path;
    while let Some(rest) = path.strip_prefix("./") {
        path = rest;
    }
    path
}

/// `YYYY-MM-DD`, exactly ten characters, a real calendar day.
fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        s[..4].parse::<i32>(),
        s[5..7].parse::<u8>(),
        s[8..].parse::<u8>(),
    ) else {
        return false;
    };
    time::Month::try_from(month)
        .and_then(|month| time::Date::from_calendar_date(year, month, day))
        .is_ok()
}

/// Starts with `http://` or `https://` (scheme in any case) and has something after it.
fn is_web_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    let scheme_len = if lower.starts_with("https://") {
        8
    } else if lower.starts_with("http://") {
        7
    } else {
        return false;
    };
    s.len() > scheme_len
}

/// Whether the text ends inside a quoted cell, following the csv reader's rules: a `"` opens a
/// quoted cell only at the start of a cell, `""` inside one is a quote, and after the closing `"`
/// the cell goes on unquoted up to the next `,` or line break.
fn ends_inside_quotes(text: &str) -> bool {
    #[derive(PartialEq)]
    enum State {
        CellStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::CellStart;
    for b in text.bytes() {
        state = match (state, b) {
            (State::CellStart, b'"') => State::Quoted,
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (_, b',' | b'\n' | b'\r') => State::CellStart,
            _ => State::Unquoted,
        };
    }
    state == State::Quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    const LABEL: &str = "corpus/metadata.csv";

    fn parse(text: &str) -> MetadataFile {
        parse_metadata(LABEL, text.as_bytes()).unwrap()
    }

    fn meta(title: &str, outlet: &str, date: &str, url: &str) -> DocMetadata {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        DocMetadata {
            title: some(title),
            outlet: some(outlet),
            date: some(date),
            url: some(url),
        }
    }

    #[test]
    fn reads_a_normal_file() {
        let m = parse(
            "path,title,outlet,date,url\n\
             a.txt,NATO summit,Reuters,2024-07-09,https://example.com/a\n\
             sub/b.txt, Second ,,2023-02-28,http://example.org/b\n\
             c.txt,,,,\n",
        );
        assert_eq!(m.problems, Vec::<String>::new());
        assert_eq!(m.entries.len(), 3);
        assert_eq!(
            m.entries["a.txt"],
            meta(
                "NATO summit",
                "Reuters",
                "2024-07-09",
                "https://example.com/a"
            )
        );
        assert_eq!(
            m.entries["sub/b.txt"],
            meta("Second", "", "2023-02-28", "http://example.org/b")
        );
        assert_eq!(m.entries["c.txt"], DocMetadata::default());
    }

    #[test]
    fn byte_order_mark_and_crlf() {
        let bytes =
            b"\xef\xbb\xbfpath,title\r\na.txt,First\r\nb.txt,\"Two\r\nlines\"\r\nc.txt,x\r\n";
        let m = parse_metadata(LABEL, bytes).unwrap();
        assert_eq!(m.problems, Vec::<String>::new());
        assert_eq!(m.entries["a.txt"].title.as_deref(), Some("First"));
        // A CRLF inside a quoted cell becomes LF.
        assert_eq!(m.entries["b.txt"].title.as_deref(), Some("Two\nlines"));
        assert_eq!(m.entries["c.txt"].title.as_deref(), Some("x"));
        // The BOM is not part of the first header name: `path` is still found.
        assert!(m.entries.keys().all(|k| !k.starts_with('\u{feff}')));
    }

    #[test]
    fn quoted_comma_quote_and_newline() {
        let m = parse(
            "path,title\n\
             a.txt,\"Zelensky, in Vilnius: \"\"We will not give up\"\"\"\n\
             b.txt,\"First line\nsecond line\"\n\
             ../bad.txt,x\n",
        );
        assert_eq!(
            m.entries["a.txt"].title.as_deref(),
            Some("Zelensky, in Vilnius: \"We will not give up\"")
        );
        assert_eq!(
            m.entries["b.txt"].title.as_deref(),
            Some("First line\nsecond line")
        );
        // Line numbers keep counting after a multi-line cell.
        assert_eq!(m.problems.len(), 1);
        assert!(
            m.problems[0].starts_with("corpus/metadata.csv: line 5: "),
            "{:?}",
            m.problems
        );
    }

    #[test]
    fn header_in_any_case_and_order_and_extra_columns() {
        let m = parse(
            " URL ,Notes,Title,PATH,date,\n\
             https://x.org,ignore me,The title,a.txt,2024-01-31,\n",
        );
        assert_eq!(
            m.entries["a.txt"],
            meta("The title", "", "2024-01-31", "https://x.org")
        );
        assert_eq!(
            m.problems,
            [
                "corpus/metadata.csv: line 1: ignored column \"Notes\"",
                "corpus/metadata.csv: line 1: ignored column 6 (it has no name)",
            ]
        );
    }

    #[test]
    fn a_known_column_given_twice_uses_the_first() {
        let m = parse("path,title,Title\na.txt,first,second\n");
        assert_eq!(m.entries["a.txt"].title.as_deref(), Some("first"));
        assert_eq!(m.problems.len(), 1);
        assert!(m.problems[0].contains("\"Title\""), "{:?}", m.problems);
    }

    #[test]
    fn missing_path_column_is_an_error_naming_the_file() {
        let err = parse_metadata(LABEL, b"file,title\na.txt,x\n").unwrap_err();
        assert!(err.starts_with(LABEL), "{err}");
        assert!(err.contains("no `path` column"), "{err}");
    }

    #[test]
    fn bad_rows_are_reported_with_line_numbers_and_good_rows_load() {
        let m = parse(
            "path,title,date,url\n\
             a.txt,A,2024-05-01,https://a\n\
             ./b.txt,B,,\n\
             a.txt,A again,,\n\
             ../etc/passwd,up,,\n\
             /etc/passwd,abs,,\n\
             sub\\c.txt,backslash,,\n\
             ,no path,,\n\
             d.txt,\"Multi\nline\",12/05/2024,https://d\n\
             e.txt,E,2023-02-29,www.e.com\n\
             f.txt,too,many,cells,here\n\
             ,,,\n\
             b.txt,B twice via ./,,\n\
             g.txt,G,2024-02-29,HTTPS://G.example\n",
        );
        let keys: Vec<&str> = m.entries.keys().map(String::as_str).collect();
        assert_eq!(keys, ["a.txt", "b.txt", "d.txt", "e.txt", "g.txt"]);
        assert_eq!(m.entries["a.txt"].title.as_deref(), Some("A"));
        // Odd dates and urls are kept as written.
        assert_eq!(
            m.entries["d.txt"],
            meta("Multi\nline", "", "12/05/2024", "https://d")
        );
        assert_eq!(m.entries["e.txt"].date.as_deref(), Some("2023-02-29"));
        assert_eq!(m.entries["e.txt"].url.as_deref(), Some("www.e.com"));
        let lines: Vec<(&str, &str)> = m
            .problems
            .iter()
            .map(|p| {
                let rest = p.strip_prefix("corpus/metadata.csv: line ").unwrap();
                rest.split_once(": ").unwrap()
            })
            .collect();
        let expected_lines = ["4", "5", "6", "7", "8", "9", "11", "11", "12", "14"];
        assert_eq!(
            lines.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            expected_lines,
            "{:#?}",
            m.problems
        );
        assert!(lines[0].1.contains("already given on line 2"));
        assert!(lines[1].1.contains("`..`"));
        assert!(lines[2].1.contains("absolute"));
        assert!(lines[3].1.contains('\\'));
        assert!(lines[4].1.starts_with("no path"));
        assert!(lines[5].1.contains("\"12/05/2024\""));
        assert!(lines[5].1.contains("not an ISO date"));
        assert!(lines[6].1.contains("\"2023-02-29\"")); // not a leap year
        assert!(lines[7].1.contains("\"www.e.com\""));
        assert!(lines[7].1.contains("http://"));
        assert!(lines[8].1.contains("5 cells where the header has 4"));
        assert!(lines[9].1.contains("already given on line 3"));
    }

    #[test]
    fn an_unclosed_quote_is_reported_not_swallowed_silently() {
        let m = parse("path,title\na.txt,A\nb.txt,\"Oops\nc.txt,C\n");
        assert_eq!(m.entries.keys().collect::<Vec<_>>(), ["a.txt"]);
        assert_eq!(m.problems.len(), 1);
        assert!(
            m.problems[0].starts_with("corpus/metadata.csv: line 3: a quoted cell"),
            "{:?}",
            m.problems
        );
        // Reported once, even when the swallowed row also has the wrong number of cells.
        let m = parse("path,title,outlet\na.txt,A,X\nb.txt,\"Oops,X\nc.txt,C,Y\n");
        assert_eq!(m.entries.keys().collect::<Vec<_>>(), ["a.txt"]);
        assert_eq!(m.problems.len(), 1, "{:?}", m.problems);
        assert!(m.problems[0].contains("line 3: a quoted cell"));
        let err = parse_metadata(LABEL, b"path,\"title\na.txt,x\n").unwrap_err();
        assert!(
            err.starts_with("corpus/metadata.csv: line 1: a quoted cell"),
            "{err}"
        );
        assert!(!ends_inside_quotes("a,\"b\"\"c\",d\"e\n"));
        assert!(!ends_inside_quotes("a,\"b\"x,\"\"\n"));
        assert!(ends_inside_quotes("a,\"b\"\"\n"));
    }

    #[test]
    fn empty_file_loads_as_no_entries_with_a_problem() {
        for bytes in [&b""[..], b"\xef\xbb\xbf", b"\n\r\n  \n"] {
            let m = parse_metadata(LABEL, bytes).unwrap();
            assert!(m.entries.is_empty());
            assert_eq!(
                m.problems,
                ["corpus/metadata.csv is empty; no metadata loaded"]
            );
        }
        // A header alone is a complete (if useless) file.
        let m = parse("path,title\n");
        assert!(m.entries.is_empty());
        assert!(m.problems.is_empty());
    }

    #[test]
    fn non_utf8_is_an_error_with_the_byte_offset() {
        let err = parse_metadata(LABEL, b"path,title\na.txt,caf\xe9\n").unwrap_err();
        assert!(err.starts_with(LABEL), "{err}");
        assert!(err.contains("not valid UTF-8 at byte offset 20"), "{err}");
        // The offset counts the byte order mark.
        let err = parse_metadata(LABEL, b"\xef\xbb\xbfpath\n\xff").unwrap_err();
        assert!(err.contains("byte offset 8"), "{err}");
        let err = parse_metadata(LABEL, b"\xff\xfep\0a\0").unwrap_err();
        assert!(err.contains("UTF-16"), "{err}");
    }

    #[test]
    fn dates_and_urls() {
        for good in ["2024-01-01", "2000-02-29", "1999-12-31"] {
            assert!(is_iso_date(good), "{good}");
        }
        for bad in [
            "2024-1-01",
            "2024-13-01",
            "2024-00-10",
            "2024-04-31",
            "24-01-01",
            "+024-01-01",
            "2024/01/01",
            "2024-01-01T00:00",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
        for good in ["http://a", "https://a.b/c", "HTTP://A"] {
            assert!(is_web_url(good), "{good}");
        }
        for bad in ["https://", "ftp://a", "www.a.com", "https:/a", "é"] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }

    #[test]
    fn load_metadata_reads_the_corpus_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load_metadata(dir.path()).unwrap().is_none());
        fs::write(
            dir.path().join(METADATA_FILE_NAME),
            "path,outlet\na.txt,AP\nb.txt,AP,extra\n",
        )
        .unwrap();
        let m = load_metadata(dir.path()).unwrap().unwrap();
        assert_eq!(m.entries["a.txt"].outlet.as_deref(), Some("AP"));
        assert_eq!(m.problems.len(), 1);
        let file = dir.path().join(METADATA_FILE_NAME).display().to_string();
        assert!(
            m.problems[0].starts_with(&format!("{file}: line 3: ")),
            "{:?}",
            m.problems
        );

        fs::write(dir.path().join(METADATA_FILE_NAME), "title\nx\n").unwrap();
        let err = load_metadata(dir.path()).unwrap_err();
        assert!(err.starts_with(&file), "{err}");

        // A folder named metadata.csv is an error, not a hang or a silent skip.
        let other = tempfile::tempdir().unwrap();
        fs::create_dir(other.path().join(METADATA_FILE_NAME)).unwrap();
        assert!(load_metadata(other.path()).is_err());
    }
}
