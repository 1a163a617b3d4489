//! Large projects are read and written one document at a time, spread over every core. The bytes
//! are exactly those of a plain ron pass over the whole project (a test holds both to it), and any
//! input the fast path cannot take is left to the plain pass, which also gives the exact error.

use super::model::{DocEntry, Project};
use super::ron_scan::top_level_list;
use crate::parallel::{map_runs, workers};
use std::borrow::Cow;

/// Below this, one pass on one core is fast enough and spawning threads is not worth it.
const MIN_PARALLEL_BYTES: usize = 1 << 20;

/// Parses a current-format project with its documents parsed in parallel. `None` when the text is
/// small, uses ron extensions, or anything in it fails to parse: the caller then parses it whole.
pub fn parse(text: &str) -> Option<Project> {
    if text.len() < MIN_PARALLEL_BYTES || workers() < 2 {
        return None;
    }
    let (list, elements) = top_level_list(text, "documents")?;
    // `#![enable(...)]` changes how values read; the pieces would be read without it.
    if text[..list.start].contains("#!") {
        return None;
    }
    let header = format!("{}[]{}", &text[..list.start], &text[list.end..]);
    let mut project: Project = ron::from_str(&header).ok()?;
    if !project.documents.is_empty() {
        return None;
    }
    let parsed = map_runs(
        &elements,
        |r| r.len(),
        |run| {
            run.iter()
                .map(|r| ron::from_str::<DocEntry>(&text[r.clone()]).ok())
                .collect::<Option<Vec<_>>>()
        },
    );
    project.documents.reserve(elements.len());
    for docs in parsed {
        project.documents.extend(docs?);
    }
    Some(project)
}

/// The pretty configuration of project files, for a value at `depth` levels inside the project.
pub fn pretty(depth: usize) -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .depth_limit(6 - depth)
        .indentor("  ".to_string())
}

/// The project file text, normalized, with documents serialized in parallel, and `corpus` as the
/// corpus path if given. Nothing is copied but what is out of order.
pub fn to_ron(project: &Project, corpus: Option<&std::path::Path>) -> String {
    let mut header = project.clone_without_documents();
    if let Some(corpus) = corpus {
        header.corpus = corpus.to_owned();
    }
    header.speakers.sort_by_key(|s| s.id);
    let mut docs: Vec<&DocEntry> = project.documents.iter().collect();
    docs.sort_by(|a, b| a.path.cmp(&b.path));
    let head = ron::ser::to_string_pretty(&header, pretty(0)).expect("projects always serialize");
    let marker = "\n  documents: [],\n";
    let at = head
        .find(marker)
        .expect("the empty document list is on its own line");
    let bodies = map_runs(
        &docs,
        |d| d.annotations.len() + 1,
        |run| run.iter().map(|d| document_text(d)).collect::<String>(),
    );
    let mut out = String::with_capacity(head.len() + bodies.iter().map(String::len).sum::<usize>());
    out.push_str(&head[..at]);
    if project.documents.is_empty() {
        out.push_str(marker);
    } else {
        out.push_str("\n  documents: [\n");
        bodies.iter().for_each(|b| out.push_str(b));
        out.push_str("  ],\n");
    }
    out.push_str(&head[at + marker.len()..]);
    out
}

/// One document as it appears inside the project's list: indented two levels, with its comma.
fn document_text(doc: &DocEntry) -> String {
    let doc = if doc.is_normalized() {
        Cow::Borrowed(doc)
    } else {
        let mut copy = doc.clone();
        copy.normalize();
        Cow::Owned(copy)
    };
    let text = ron::ser::to_string_pretty(&*doc, pretty(2)).expect("documents always serialize");
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.lines() {
        out.push_str("    ");
        out.push_str(line);
        out.push('\n');
    }
    // The last line is the closing bracket; the list puts a comma after it.
    out.pop();
    out.push_str(",\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{Label, SpeakerId, parse_project};
    use crate::synthetic;
    use crate::text::DocText;
    use std::path::Path;

    /// A project well over the parallel threshold, with notes, cues and odd strings.
    fn big_project() -> Project {
        let mut rng = synthetic::Rng::new(7);
        let texts: Vec<(String, DocText)> = (0..60)
            .map(|i| {
                let name = format!("b{:02}/a{i:03}.txt", 59 - i);
                (name, DocText::new(synthetic::article(&mut rng, 6_000)))
            })
            .collect();
        let refs: Vec<(String, &DocText)> = texts.iter().map(|(p, t)| (p.clone(), t)).collect();
        let mut p = Project::new("corpus".into());
        p.speakers = synthetic::speakers(40);
        p.speakers.reverse();
        p.speakers[3].name = "documents: [],\n  \"x\" r#\"y\"#".into();
        synthetic::annotate(&mut p, &refs, 150, 3);
        for (i, a) in p
            .documents
            .iter_mut()
            .flat_map(|d| &mut d.annotations)
            .enumerate()
        {
            if i % 5 == 0 {
                a.note = format!("note {i}\nsecond line, with ) and ] and \"quotes\"");
            }
            if a.label == Label::Demand {
                a.cue = Some(a.fragments[0].clone());
                a.speakers.push(SpeakerId(1));
            }
        }
        // Out of order on purpose: saving puts documents and annotations in file order.
        p.documents.reverse();
        p.documents[0].annotations.reverse();
        p
    }

    fn plain_ron(project: &Project) -> String {
        let mut p = project.clone();
        p.normalize();
        ron::ser::to_string_pretty(&p, pretty(0)).unwrap()
    }

    #[test]
    fn parallel_text_is_byte_identical_to_one_plain_pass() {
        let p = big_project();
        let text = to_ron(&p, None);
        assert!(text.len() > MIN_PARALLEL_BYTES, "{} bytes", text.len());
        assert_eq!(text, plain_ron(&p));
        let empty = Project::new("c".into());
        assert_eq!(to_ron(&empty, None), plain_ron(&empty));
    }

    #[test]
    fn parallel_parse_reads_what_one_plain_pass_reads() {
        let p = big_project();
        let text = to_ron(&p, None);
        let fast = parse(&text).expect("a saved project takes the fast path");
        let plain: Project = ron::from_str(&text).unwrap();
        assert_eq!(fast, plain);
        let mut expected = p;
        expected.normalize();
        assert_eq!(fast, expected);
    }

    #[test]
    fn anything_unusual_is_left_to_the_plain_parser() {
        let text = to_ron(&big_project(), None);
        let with_extension = format!("#![enable(implicit_some)]\n{text}");
        assert!(parse(&with_extension).is_none());
        assert!(ron::from_str::<Project>(&with_extension).is_ok());

        // A mistake deep in the document list: the error still names its line and field.
        let at = text.find("label: Quote").unwrap() + 200_000;
        let at = at + text[at..].find("label: Claim").unwrap();
        let broken = format!("{}label: Clam{}", &text[..at], &text[at + 12..]);
        assert!(parse(&broken).is_none());
        let line = text[..at].lines().count();
        let err = parse_project(Path::new("big.ron"), &broken)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(&format!("big.ron:{line}:")), "{err}");
        assert!(err.contains("Clam"), "{err}");
    }
}
