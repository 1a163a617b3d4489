//! The check a save passes before it becomes visible: the text must load with the loader's own
//! rules. A full parse says so for any text; after a small change it costs only what changed.

use super::chunked::read_chained;
use super::model::{DocEntry, FORMAT_VERSION, Project};
use super::plain_doc;
use super::ron_scan::top_level_list;
use super::storage::{LoadError, parse_project, validate};
use crate::parallel::map_runs;
use std::ops::Range;
use std::path::Path;

/// Whether `text`, made from `project`, loads again; the error is the loader's own. `fresh` are
/// the ranges of the documents serialized anew; the others were copied byte for byte from the
/// file this project was read from or last saved as, where they were parsed and checked already,
/// so the loader's rules are checked on `project` itself and only the new pieces are parsed.
/// Anything short of a clear pass is decided by a full parse.
pub fn check_saved(
    path: &Path,
    text: &str,
    project: &Project,
    fresh: Option<&[Range<usize>]>,
) -> Result<(), LoadError> {
    let passes = match fresh {
        Some(fresh) => loads_by_parts(text, project, fresh),
        None => loads_plainly(text, project),
    };
    if passes {
        return Ok(());
    }
    parse_project(path, text).map(drop)
}

/// Whether `text`, every document of it made anew from `project`, loads: the plain reader reads
/// every document (each dropped once read, so no second project is held beside the first), the
/// rest loads apart, and the loader's rules hold for `project`. A document the plain reader
/// leaves to ron sends the text to a full parse.
fn loads_plainly(text: &str, project: &Project) -> bool {
    if validate(project).is_err() {
        return false;
    }
    let Some((open, close, read)) = read_chained(text, |_, _| ()) else {
        return false;
    };
    let header = format!("{}[]{}", &text[..open], &text[close + 1..]);
    read.len() == project.documents.len()
        && ron::from_str::<Project>(&header)
            .is_ok_and(|p| p.documents.is_empty() && p.format_version == FORMAT_VERSION)
}

fn loads_by_parts(text: &str, project: &Project, fresh: &[Range<usize>]) -> bool {
    if validate(project).is_err() {
        return false;
    }
    let Some((list, elements)) = top_level_list(text, "documents") else {
        return false;
    };
    // Every document is one element of the list, and the new ones are among them.
    let ends: std::collections::HashSet<(usize, usize)> = elements
        .iter()
        .map(|r| {
            let piece = &text[r.clone()];
            let start = r.start + (piece.len() - piece.trim_start().len());
            (start, start + piece.trim().len())
        })
        .collect();
    if elements.len() != project.documents.len()
        || !fresh.iter().all(|r| ends.contains(&(r.start, r.end)))
    {
        return false;
    }
    let header = format!("{}[]{}", &text[..list.start], &text[list.end..]);
    let header_loads = ron::from_str::<Project>(&header)
        .is_ok_and(|p| p.documents.is_empty() && p.format_version == FORMAT_VERSION);
    header_loads
        && map_runs(
            fresh,
            |r| r.len(),
            |run| {
                run.iter().all(|r| {
                    let piece = &text[r.clone()];
                    plain_doc::document(piece).is_some() || ron::from_str::<DocEntry>(piece).is_ok()
                })
            },
        )
        .into_iter()
        .all(|ok| ok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{SaveCache, parse_project_cached, project_to_ron_cached};

    /// A project over the parallel threshold, read as the app reads it, one note changed, and the
    /// text a save makes of it with the ranges of what was made anew.
    fn changed_big_project(dir: &Path) -> (Project, String, SaveCache) {
        let path = crate::synthetic::annotated_project(dir, 20, 20_000, 30, 120, 5).unwrap();
        let previous = std::fs::read_to_string(&path).unwrap();
        let mut cache = SaveCache::default();
        let mut project = parse_project_cached(&path, &previous, Some(&mut cache)).unwrap();
        project.documents[3].annotations[0].note = "changed".into();
        let corpus = project.corpus.clone();
        let text = project_to_ron_cached(&project, &corpus, &mut cache, Some(&previous));
        (project, text, cache)
    }

    #[test]
    fn after_a_small_change_only_the_changed_document_is_parsed_and_the_text_loads() {
        let dir = tempfile::tempdir().unwrap();
        let (project, text, cache) = changed_big_project(dir.path());
        let fresh = cache.made_anew().expect("the other documents were copied");
        assert_eq!(fresh.len(), 1, "one document made anew");
        assert!(text[fresh[0].clone()].contains("note: \"changed\""));
        assert!(loads_by_parts(&text, &project, fresh));
        check_saved(Path::new("p.ron"), &text, &project, Some(fresh)).unwrap();
        assert_eq!(parse_project(Path::new("p.ron"), &text).unwrap(), project);
    }

    #[test]
    fn a_text_made_all_anew_is_checked_without_a_second_project_and_refused_when_broken() {
        let dir = tempfile::tempdir().unwrap();
        let (project, _, _) = changed_big_project(dir.path());
        let corpus = project.corpus.clone();
        let text = project_to_ron_cached(&project, &corpus, &mut SaveCache::default(), None);
        assert!(loads_plainly(&text, &project));
        check_saved(Path::new("p.ron"), &text, &project, None).unwrap();
        // A document that does not read, deep in the list: refused, with the loader's message.
        let at = text.len() / 2 + text[text.len() / 2..].find("label: ").unwrap();
        let broken = format!("{}label: Clam{}", &text[..at], &text[at + 12..]);
        assert!(!loads_plainly(&broken, &project));
        let err = check_saved(Path::new("p.ron"), &broken, &project, None).unwrap_err();
        assert!(err.to_string().contains("Clam"), "{err}");
        // One document fewer than the project has: not the text of this project.
        let mut more = project.clone();
        more.documents
            .push(crate::project::DocEntry::new("zz.txt".into(), "h".into()));
        assert!(!loads_plainly(&text, &more));
    }

    #[test]
    fn a_new_piece_that_does_not_parse_or_a_project_that_breaks_the_rules_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (mut project, text, cache) = changed_big_project(dir.path());
        let fresh = cache.made_anew().unwrap().to_vec();
        // The new piece made unreadable, the rest as it was.
        let piece = fresh[0].clone();
        let broken = format!(
            "{}{}{}",
            &text[..piece.start],
            text[piece.clone()].replacen("note:", "note", 1),
            &text[piece.end..]
        );
        assert!(!loads_by_parts(&broken, &project, &fresh));
        let err = check_saved(Path::new("p.ron"), &broken, &project, Some(&fresh)).unwrap_err();
        assert!(matches!(err, LoadError::Syntax { .. }), "{err}");
        // The loader's rules, checked on the project itself.
        let twin = project.documents[3].annotations[0].clone();
        project.documents[4].annotations.push(twin);
        assert!(!loads_by_parts(&text, &project, &fresh));
    }
}
