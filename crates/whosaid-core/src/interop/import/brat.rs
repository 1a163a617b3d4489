//! brat standoff: `NAME.ann` files, each annotating the corpus document `NAME.txt`.
//!
//! Read: `T` text-bound spans (`T1<TAB>Quote 0 5;16 23<TAB>text`, several pieces for a
//! discontinuous span), `E` events, `R` relations, `#` AnnotatorNotes. Attributes (`A`, `M`),
//! normalizations (`N`) and equivalences (`*`) are reported and left out. brat offsets are code
//! points of the `.txt` as brat reads it (a byte order mark counts as a character; CRLF as two),
//! so they are ours but for a byte order mark, which the `.txt` beside the `.ann` tells.
//!
//! Cost: linear in the `.ann` files and the texts beside them: each line is read once, ids are
//! checked for duplicates with a hash map, and spans are put together in `graph.rs` (near linear).

use super::build::{At, Builder};
use super::graph::{Event, Graph, Note, Relation, Span, assemble};
use super::text::{TextMap, quoted};
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Reads one `.ann` file or every `.ann` file under a folder.
pub fn read(b: &mut Builder, input: &Path) -> Result<(), String> {
    let files = if input.is_dir() {
        let mut files = Vec::new();
        collect(input, &mut files)
            .map_err(|e| format!("cannot read the folder {}: {e}", input.display()))?;
        files.sort();
        if files.is_empty() {
            return Err(format!("no .ann files in {}", input.display()));
        }
        files
    } else {
        vec![input.to_path_buf()]
    };
    let base = if input.is_dir() {
        input
    } else {
        input.parent().unwrap_or(Path::new(""))
    };
    for file in files {
        let rel = file.strip_prefix(base).unwrap_or(&file);
        let rel = rel.to_string_lossy().replace('\\', "/");
        let shown = file.display().to_string();
        match std::fs::read(&file) {
            Ok(bytes) => read_ann(b, &file, &rel, &shown, &bytes),
            Err(e) => b.problem(&At::new(&shown, 0), format!("cannot read it: {e}")),
        }
    }
    Ok(())
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "ann") {
            out.push(path);
        }
    }
    Ok(())
}

/// How offsets of the `.ann` may count: first as brat counted them in the `.txt` beside it, then
/// as code points of the corpus text.
fn candidates(b: &mut Builder, ann: &Path, doc: &str, at: &At) -> Vec<TextMap> {
    let corpus_text = b.text(doc).as_str();
    let beside = ann.with_extension("txt");
    let tool = match std::fs::read(&beside) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(_) => {
                b.problem(
                    at,
                    format!(
                        "{} is not UTF-8: offsets are taken as code points of the corpus text",
                        beside.display()
                    ),
                );
                None
            }
        },
        // No text beside the annotations: the corpus file is the text, as brat would read it.
        Err(_) => std::fs::read(b.corpus().root.join(doc))
            .ok()
            .filter(|bytes| bytes.starts_with(b"\xef\xbb\xbf"))
            .map(|_| format!("\u{feff}{corpus_text}")),
    };
    let mut maps = Vec::new();
    if let Some(tool) = tool {
        match TextMap::new(&tool, corpus_text) {
            Some(map) => maps.push(map),
            None => b.problem(
                at,
                format!(
                    "{} differs from the corpus document {doc}: spans are checked against the corpus text",
                    beside.display()
                ),
            ),
        }
    }
    if maps.first().is_none_or(|m| !m.is_identity()) {
        maps.push(TextMap::default());
    }
    maps
}

fn read_ann(b: &mut Builder, path: &Path, rel: &str, shown: &str, bytes: &[u8]) {
    let whole = At::new(shown, 0);
    let text = match std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)) {
        Ok(t) => t,
        Err(e) => {
            b.problem(
                &whole,
                format!("not UTF-8 (byte {}); skipped", e.valid_up_to()),
            );
            return;
        }
    };
    let name = rel.strip_suffix(".ann").unwrap_or(rel);
    let doc = match b.finder.by_name(&format!("{name}.txt")) {
        Ok(doc) => doc,
        Err(e) => {
            b.problem(&whole, format!("{e}; its annotations are not imported"));
            return;
        }
    };
    let maps = candidates(b, path, &doc, &whole);
    let mut g = Graph::new(doc.clone(), "brat type");
    g.join_lines = true;
    // The line each id was first defined on: brat ids are unique in a file, and which of two
    // definitions the relations and notes mean cannot be told.
    let mut defined: HashMap<&str, usize> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let at = At::in_file(&whole.file, n + 1);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let mut fields = line.splitn(3, '\t');
        let id = fields.next().unwrap_or_default();
        let body = fields.next().unwrap_or_default();
        let extra = fields.next();
        if id.starts_with(['T', 'E', 'R', 'A', 'M', 'N', '#']) {
            if let Some(first) = defined.get(id) {
                b.problem(
                    &at,
                    format!(
                        "{id} is defined twice (first on line {first}); this definition is \
                         skipped"
                    ),
                );
                continue;
            }
            defined.insert(id, n + 1);
        }
        match id.chars().next() {
            Some('T') => text_bound(b, &mut g, &maps, id, body, extra, at),
            Some('E') => {
                let mut parts = body.split_whitespace();
                let Some((kind, trigger)) = parts.next().and_then(|p| p.split_once(':')) else {
                    b.problem(
                        &at,
                        format!("{id}: expected TYPE:TRIGGER ROLE:ID …; skipped"),
                    );
                    continue;
                };
                let args = parts
                    .filter_map(|p| p.split_once(':'))
                    .map(|(r, i)| (r.to_string(), i.to_string()))
                    .collect();
                g.events.push(Event {
                    id: id.to_string(),
                    kind: kind.to_string(),
                    trigger: Some(trigger.to_string()),
                    args,
                    at,
                });
            }
            Some('R') => {
                let mut parts = body.split_whitespace();
                let kind = parts.next().unwrap_or_default().to_string();
                let args: Vec<&str> = parts
                    .filter_map(|p| p.split_once(':').map(|(_, i)| i))
                    .collect();
                match args.as_slice() {
                    [from, to] => g.relations.push(Relation {
                        id: id.to_string(),
                        kind: Some(kind),
                        from: from.to_string(),
                        to: to.to_string(),
                        at,
                    }),
                    _ => b.problem(&at, format!("{id}: expected TYPE Arg1:ID Arg2:ID; skipped")),
                }
            }
            Some('#') => {
                let mut parts = body.split_whitespace();
                let kind = parts.next().unwrap_or_default();
                match (kind, parts.next()) {
                    ("AnnotatorNotes", Some(target)) => g.notes.push(Note::parsed(
                        target.to_string(),
                        extra.unwrap_or_default(),
                        at,
                    )),
                    _ => b.tally("brat-comment", &at, || {
                        "comments other than AnnotatorNotes on a span or event: ignored".into()
                    }),
                }
            }
            Some('A' | 'M') => {
                let name = body
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string();
                b.tally(&format!("brat-attribute:{name}"), &at, || {
                    format!("attribute {name:?} (brat A lines): whosaid has no attributes; ignored")
                });
            }
            Some('N') => b.tally("brat-normalization", &at, || {
                "normalizations (brat N lines): ignored".into()
            }),
            Some('*') => b.tally("brat-equiv", &at, || {
                "equivalences (brat * lines): ignored".into()
            }),
            _ => b.problem(
                &at,
                format!("not a brat standoff line ({}); skipped", quoted(line)),
            ),
        }
    }
    assemble(b, g);
}

/// Parses `0 5;16 23`.
fn ranges(offsets: &str) -> Option<Vec<Range<usize>>> {
    offsets
        .split(';')
        .map(|piece| {
            let mut it = piece.split_whitespace();
            let (s, e) = (it.next()?.parse().ok()?, it.next()?.parse().ok()?);
            it.next().is_none().then_some(s..e)
        })
        .collect()
}

fn text_bound(
    b: &mut Builder,
    g: &mut Graph,
    maps: &[TextMap],
    id: &str,
    body: &str,
    given: Option<&str>,
    at: At,
) {
    let (kind, offsets) = body.split_once(' ').unwrap_or((body, ""));
    let Some(raw) = ranges(offsets) else {
        b.problem(
            &at,
            format!(
                "{id}: expected TYPE START END[;START END…], got {}; skipped",
                quoted(body)
            ),
        );
        g.failed.insert(id.to_string());
        return;
    };
    let mut first_error = None;
    for (k, map) in maps.iter().enumerate() {
        let mapped: Vec<Range<usize>> = raw
            .iter()
            .map(|r| map.map(r.start)..map.map(r.end))
            .collect();
        match b.place(&g.doc, &mapped, given) {
            Ok(()) => {
                if k > 0 {
                    b.tally("brat-fallback", &at, || {
                        "spans whose offsets fit the corpus text but not the .txt beside the .ann \
                         (byte order mark or line endings): taken as code points of the corpus text"
                            .into()
                    });
                }
                g.spans.push(Span {
                    id: id.to_string(),
                    kind: kind.to_string(),
                    ranges: mapped,
                    at,
                });
                return;
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    let e = first_error.expect("at least one way to count");
    b.problem(&at, format!("{id} ({kind} {offsets}): {e}; not imported"));
    g.failed.insert(id.to_string());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_parse_with_pieces() {
        let one: Vec<Range<usize>> = std::iter::once(0..5).collect();
        assert_eq!(ranges("0 5"), Some(one));
        assert_eq!(ranges("752 760;769 800"), Some(vec![752..760, 769..800]));
        assert_eq!(ranges("0"), None);
        assert_eq!(ranges("0 5 7"), None);
        assert_eq!(ranges("a 5"), None);
    }
}
