//! A corpus from a table of articles, as scrapers and newsroom archives hand them out: a CSV file
//! with a header row, or JSON Lines, one object per article; each row a document named by its id.

use super::load::{Corpus, CorpusProblem, Document, check_document_path};
use super::metadata::DocMetadata;
use crate::progress::Progress;
use std::collections::HashSet;
use std::path::Path;

/// Which columns (CSV header names, JSON keys) hold what. `None`: found by its usual names.
/// A project on a table keeps the columns its analyst picked (see [`crate::project::Project`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableColumns {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl TableColumns {
    /// Whether every column is found by its usual name.
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// A table's column names (sorted), and which of them its text and id are by their usual names
/// (`None` where no column has one): what the analyst picks from when they are not obvious.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableShape {
    pub names: Vec<String>,
    pub text: Option<String>,
    pub id: Option<String>,
}

/// Reads the table at `path` for its [`TableShape`].
pub fn table_shape(path: &Path) -> Result<TableShape, CorpusProblem> {
    let (rows, _) = read_rows(path)?;
    let names = column_names(&rows);
    let find = |usual: &[&str]| {
        usual.iter().find_map(|u| {
            names
                .iter()
                .find(|n| n.eq_ignore_ascii_case(u))
                .map(|n| (*n).to_owned())
        })
    };
    Ok(TableShape {
        text: find(TEXT),
        id: find(ID),
        names: names.iter().map(|n| (*n).to_owned()).collect(),
    })
}

/// Every column name of `rows`, sorted, once.
fn column_names(rows: &[(u64, Row)]) -> Vec<&str> {
    rows.iter()
        .flat_map(|(_, row)| row.iter().map(|(k, _)| k.as_str()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Rows with their line numbers.
type Rows = Vec<(u64, Row)>;

/// The rows of the table at `path`, and the lines that could not be read as rows.
fn read_rows(path: &Path) -> Result<(Rows, Vec<CorpusProblem>), CorpusProblem> {
    let problem = |message: String| CorpusProblem {
        file: path.to_owned(),
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| problem(format!("cannot be read: {e}")))?;
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes)).map_err(
        |e| {
            problem(format!(
                "is not valid UTF-8 at byte offset {}",
                e.valid_up_to()
            ))
        },
    )?;
    let jsonl = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| !e.eq_ignore_ascii_case("csv"));
    let mut problems = Vec::new();
    let rows = if jsonl {
        jsonl_rows(text, &mut problems, path)
    } else {
        csv_rows(text, path)?
    };
    Ok((rows, problems))
}

/// The usual names of each column, tried in order, case ignored.
const TEXT: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "full_text",
    "fulltext",
    "story",
];
const ID: &[&str] = &[
    "id",
    "doc_id",
    "docid",
    "doc",
    "article_id",
    "guid",
    "uuid",
    "slug",
    "filename",
    "path",
];
const TITLE: &[&str] = &["title", "headline", "heading"];
const OUTLET: &[&str] = &[
    "outlet",
    "source",
    "publisher",
    "publication",
    "site",
    "media",
];
const DATE: &[&str] = &[
    "date",
    "published",
    "published_at",
    "publish_date",
    "pubdate",
    "datetime",
];
const URL: &[&str] = &["url", "link", "href"];

/// Whether `path` names a table this module reads (by its extension).
pub fn is_table(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "csv" | "jsonl" | "ndjson"))
}

/// One row as (column, value) pairs.
type Row = Vec<(String, String)>;

/// Loads the table at `path` as a corpus whose root is the file itself. Each row is a document: its
/// path is the id column's value (the row number, `row-N`, when the table has no id column), its text
/// the text column's, its hash the BLAKE3 of that text; the title, outlet, date and url columns go into
/// [`Corpus::metadata`]. Rows that cannot be documents are reported in [`Corpus::problems`] with their
/// line; a table without a text column is an error naming the columns it has.
pub fn load_table(
    path: &Path,
    columns: &TableColumns,
    progress: &Progress,
) -> Result<Corpus, CorpusProblem> {
    let problem = |message: String| CorpusProblem {
        file: path.to_owned(),
        message,
    };
    let (rows, problems) = read_rows(path)?;
    let mut corpus = Corpus {
        root: path.to_owned(),
        problems,
        ..Default::default()
    };
    let names = column_names(&rows);
    let pick = |chosen: &Option<String>, usual: &[&str]| -> Option<String> {
        match chosen {
            Some(c) => Some(c.clone()),
            None => usual.iter().find_map(|u| {
                names
                    .iter()
                    .find(|n| n.eq_ignore_ascii_case(u))
                    .map(|n| (*n).to_owned())
            }),
        }
    };
    let Some(text_col) = pick(&columns.text, TEXT) else {
        return Err(problem(format!(
            "has no text column (looked for {}); its columns are: {}",
            TEXT.join(", "),
            names.join(", ")
        )));
    };
    if !names.contains(&text_col.as_str()) && !rows.is_empty() {
        return Err(problem(format!(
            "has no column {text_col:?}; its columns are: {}",
            names.join(", ")
        )));
    }
    if let Some(id) = &columns.id
        && !names.contains(&id.as_str())
        && !rows.is_empty()
    {
        return Err(problem(format!(
            "has no column {id:?}; its columns are: {}",
            names.join(", ")
        )));
    }
    let id_col = pick(&columns.id, ID);
    let meta_cols = [
        pick(&columns.title, TITLE),
        pick(&columns.outlet, OUTLET),
        pick(&columns.date, DATE),
        pick(&columns.url, URL),
    ];
    progress.stage("Loading the corpus", rows.len());
    let mut seen = HashSet::new();
    for (n, (line, row)) in rows.iter().enumerate() {
        progress.advance();
        let get = |col: &Option<String>| {
            col.as_ref().and_then(|c| {
                row.iter()
                    .find(|(k, _)| k == c)
                    .map(|(_, v)| v.trim().to_owned())
                    .filter(|v| !v.is_empty())
            })
        };
        let row_problem = |message: String| problem(format!("line {line}: {message}; skipped"));
        let id = match &id_col {
            Some(_) => match get(&id_col) {
                Some(id) => id,
                None => {
                    corpus.problems.push(row_problem("has no id".to_owned()));
                    continue;
                }
            },
            None => format!("row-{}", n + 1),
        };
        if let Err(why) = check_document_path(&id) {
            corpus
                .problems
                .push(row_problem(format!("the id {id:?} {why}")));
            continue;
        }
        if !seen.insert(id.clone()) {
            corpus.problems.push(row_problem(format!(
                "the id {id:?} is taken by an earlier row"
            )));
            continue;
        }
        let Some(body) = row.iter().find(|(k, _)| *k == text_col).map(|(_, v)| v) else {
            corpus
                .problems
                .push(row_problem(format!("has no {text_col:?}")));
            continue;
        };
        let hash = blake3::hash(body.as_bytes()).to_hex().to_string();
        let mut doc = Document::from_text(id.clone(), body.clone(), hash);
        let [title, outlet, date, url] = meta_cols.each_ref().map(get);
        if let Some(title) = &title {
            doc.title = title.clone();
        }
        let metadata = DocMetadata {
            title,
            outlet,
            date,
            url,
        };
        if !metadata.is_empty() {
            corpus.metadata.push((id, metadata));
        }
        corpus.documents.push(doc);
    }
    corpus.documents.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(corpus)
}

/// CSV rows with their line numbers (the header is line 1).
fn csv_rows(text: &str, path: &Path) -> Result<Vec<(u64, Row)>, CorpusProblem> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader.headers().cloned().map_err(|e| CorpusProblem {
        file: path.to_owned(),
        message: format!("has no readable header row: {e}"),
    })?;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| CorpusProblem {
            file: path.to_owned(),
            message: format!("line {}: {e}", e.position().map_or(0, |p| p.line())),
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let row = headers
            .iter()
            .zip(record.iter())
            .map(|(k, v)| (k.trim().to_owned(), v.to_owned()))
            .collect();
        rows.push((line, row));
    }
    Ok(rows)
}

/// JSON Lines rows (objects; strings and numbers kept, other values ignored) with their line
/// numbers; a line that is not an object is reported and skipped.
fn jsonl_rows(text: &str, problems: &mut Vec<CorpusProblem>, path: &Path) -> Vec<(u64, Row)> {
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(line) {
            Ok(object) => {
                let row = object
                    .into_iter()
                    .filter_map(|(k, v)| match v {
                        serde_json::Value::String(s) => Some((k, s)),
                        serde_json::Value::Number(n) => Some((k, n.to_string())),
                        _ => None,
                    })
                    .collect();
                rows.push((line_no, row));
            }
            Err(e) => problems.push(CorpusProblem {
                file: path.to_owned(),
                message: format!("line {line_no}: not a JSON object ({e}); skipped"),
            }),
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(name: &str, content: &str, columns: &TableColumns) -> Result<Corpus, CorpusProblem> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        load_table(&path, columns, &Progress::default())
    }

    #[test]
    fn csv_rows_become_documents_with_metadata() {
        let csv = "id,headline,body,source,date,link\n\
                   a1,Talks resume,\"The minister said: \"\"talks resume\"\".\nSecond line.\",Reuters,2024-05-01,https://x.org/a1\n\
                   b2,,Short text,,,\n";
        let c = load("news.csv", csv, &TableColumns::default()).unwrap();
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        let paths: Vec<&str> = c.documents.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["a1", "b2"]);
        let a = c.document("a1").unwrap();
        assert_eq!(
            a.text.as_str(),
            "The minister said: \"talks resume\".\nSecond line."
        );
        assert_eq!(a.title, "Talks resume");
        assert_eq!(
            a.hash,
            blake3::hash(a.text.as_str().as_bytes())
                .to_hex()
                .to_string()
        );
        assert_eq!(c.document("b2").unwrap().title, "Short text");
        assert_eq!(c.metadata.len(), 1);
        let (id, m) = &c.metadata[0];
        assert_eq!(id, "a1");
        assert_eq!(m.outlet.as_deref(), Some("Reuters"));
        assert_eq!(m.date.as_deref(), Some("2024-05-01"));
        assert_eq!(m.url.as_deref(), Some("https://x.org/a1"));
    }

    #[test]
    fn jsonl_with_chosen_columns_numbers_and_bad_lines() {
        let jsonl = "{\"n\": 7, \"story\": \"部长表示谈判将继续\", \"txt\": \"x\"}\n\
                     not json\n\
                     {\"n\": 7, \"txt\": \"dup\"}\n\
                     {\"n\": \"../x\", \"txt\": \"escape\"}\n";
        let columns = TableColumns {
            text: Some("txt".into()),
            id: Some("n".into()),
            ..Default::default()
        };
        let c = load("a.jsonl", jsonl, &columns).unwrap();
        assert_eq!(c.documents.len(), 1);
        assert_eq!(c.documents[0].path, "7");
        assert_eq!(c.documents[0].text.as_str(), "x");
        let problems: Vec<String> = c.problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems[0].contains("line 2: not a JSON object"),
            "{problems:?}"
        );
        assert!(
            problems[1].contains("line 3: the id \"7\" is taken"),
            "{problems:?}"
        );
        assert!(
            problems[2].contains("line 4: the id \"../x\""),
            "{problems:?}"
        );
        assert!(problems.iter().all(|p| p.contains("a.jsonl")));
    }

    #[test]
    fn no_text_column_names_the_file_and_its_columns() {
        let err = load("t.csv", "id,name\n1,x\n", &TableColumns::default()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("t.csv"), "{msg}");
        assert!(msg.contains("has no text column"), "{msg}");
        assert!(msg.contains("id, name"), "{msg}");
    }

    #[test]
    fn the_shape_tells_the_columns_and_which_the_usual_names_find() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, "ref,Body,when\nk1,text one,2024\n").unwrap();
        let shape = table_shape(&path).unwrap();
        assert_eq!(shape.names, ["Body", "ref", "when"]);
        assert_eq!(shape.text.as_deref(), Some("Body"));
        assert_eq!(shape.id, None);
        let columns = TableColumns {
            id: Some("reference".into()),
            ..Default::default()
        };
        let err = load_table(&path, &columns, &Progress::default()).unwrap_err();
        assert!(err.to_string().contains("no column \"reference\""), "{err}");
    }

    #[test]
    fn without_an_id_column_rows_are_numbered() {
        let c = load("t.csv", "text\nfirst\nsecond\n", &TableColumns::default()).unwrap();
        let paths: Vec<&str> = c.documents.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["row-1", "row-2"]);
    }
}
