//! brat standoff (<https://brat.nlplab.org/standoff.html>): a folder holding, for each document,
//! its text (`NAME.txt`) and its annotations (`NAME.ann`), with the `annotation.conf` and
//! `visual.conf` that make brat show them in the app's colours.
//!
//! - Each annotation is a text-bound annotation of type `Claim`, `Quote` or `Demand`; its
//!   fragments are brat's discontinuous pieces (`T1\tQuote 752 760;769 800\ttext1 text2`).
//! - The cue is a text-bound annotation of type `Cue`, joined to the span it introduces by a
//!   relation `R1\tHas_cue Arg1:T1 Arg2:T2` (one `Cue` per distinct cue span in a document).
//! - Speakers are registry entries, not spans: they go, with the addressee, the note and the
//!   whosaid id, into the span's note, which brat shows when the span is hovered:
//!   `#1\tAnnotatorNotes T1\tspeaker: Volodymyr Zelenskiy; addressee: NATO; id: 27; note: …`.
//!
//! brat counts offsets in code points of the `.txt` as Python reads it without newline
//! translation (`\r\n` is two), as whosaid does. A piece cannot hold a line break (the `.ann`
//! line would break), so fragments are cut at every character Python's `str.splitlines` breaks
//! at; brat checks that the text after the offsets is the pieces' text joined by single spaces.

use super::doc_export::{CUE, ExportDoc, documents, label_colour, parties};
use super::export_error::ExportError;
use super::record::speaker_names;
use crate::project::{Annotation, Label, SpeakerId};
use crate::text::DocText;
use crate::workspace::Workspace;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The first line of the `annotation.conf` whosaid writes: how it knows a folder it may
/// replace.
pub(super) const MARKER: &str = "# whosaid brat export";

/// The relation from a span to its cue.
const HAS_CUE: &str = "Has_cue";

fn annotation_conf() -> String {
    format!(
        "{MARKER} (whosaid recognises the folders it may replace by this line)\n\
         # Claims, quotes and demands, and the reporting words (Cue) that introduce them.\n\
         # Who said it, whom a demand calls on and the analyst's note are in each span's note\n\
         # (AnnotatorNotes), shown when the span is hovered.\n\
         \n\
         [entities]\n\
         Claim\n\
         Quote\n\
         Demand\n\
         {CUE}\n\
         \n\
         [relations]\n\
         {HAS_CUE}\tArg1:Claim|Quote|Demand, Arg2:{CUE}\n\
         # whosaid lets spans nest, overlap and repeat.\n\
         <OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\
         \n\
         [events]\n\
         \n\
         [attributes]\n"
    )
}

/// A light tint of an `#RRGGBB` colour (40% of it over white): brat draws text on it.
fn tint(colour: &str) -> String {
    let c = u32::from_str_radix(colour.trim_start_matches('#'), 16).unwrap_or(0);
    let mix = |shift: u32| 153 + (2 * ((c >> shift) & 0xff) + 2) / 5;
    format!("#{:02X}{:02X}{:02X}", mix(16), mix(8), mix(0))
}

fn visual_conf() -> String {
    let mut out = format!(
        "# whosaid brat export: the app's colours (claim blue, quote amber, demand red).\n\
         \n\
         [labels]\n\
         Claim | Claim | Cl\n\
         Quote | Quote | Q\n\
         Demand | Demand | D\n\
         {CUE} | Cue\n\
         {HAS_CUE} | has cue | cue\n\
         \n\
         [drawing]\n\
         SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken\n\
         ARC_DEFAULT\tcolor:black, arrowHead:triangle-5\n"
    );
    for label in Label::ALL {
        let colour = label_colour(label);
        let _ = writeln!(
            out,
            "{}\tbgColor:{}, borderColor:{colour}",
            label.name(),
            tint(colour)
        );
    }
    let _ = writeln!(out, "{CUE}\tbgColor:#E0E0E0, borderColor:darken");
    let _ = writeln!(out, "{HAS_CUE}\tcolor:#777777, dashArray:3-3");
    out
}

/// Whether Python's `str.splitlines` (which brat's reading of `.ann` lines uses) breaks a line
/// at `c`.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{1c}'..='\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The pieces of `range` between line breaks, each trimmed of whitespace; whitespace-only
/// pieces are left out.
fn pieces(text: &DocText, range: Range<usize>) -> Vec<Range<usize>> {
    let Some(s) = text.slice(range.clone()) else {
        return Vec::new();
    };
    let mut raw = Vec::new();
    let mut start = range.start;
    for (i, c) in s.chars().enumerate() {
        if is_line_break(c) {
            let at = range.start + i;
            raw.push(start..at);
            start = at + 1;
        }
    }
    raw.push(start..range.end);
    raw.into_iter()
        .map(|r| text.trim(r))
        .filter(|r| !r.is_empty())
        .collect()
}

/// `START END;START END` and the pieces' text joined by single spaces, as brat expects.
fn spans_and_text(text: &DocText, pieces: &[Range<usize>]) -> (String, String) {
    let spans: Vec<String> = pieces
        .iter()
        .map(|p| format!("{} {}", p.start, p.end))
        .collect();
    let texts: Vec<&str> = pieces
        .iter()
        .map(|p| text.slice(p.clone()).unwrap_or_default())
        .collect();
    (spans.join(";"), texts.join(" "))
}

/// The span's note: speakers, addressee, whosaid id and the analyst's note, on one line.
fn note(a: &Annotation, names: &HashMap<SpeakerId, &str>) -> String {
    let who = parties(a, names);
    let mut parts: Vec<String> = who
        .speakers
        .iter()
        .map(|s| format!("speaker: {s}"))
        .collect();
    if let Some(addressee) = who.addressee {
        parts.push(format!("addressee: {addressee}"));
    }
    parts.push(format!("id: {}", a.id.0));
    if !a.note.is_empty() {
        parts.push(format!("note: {}", a.note));
    }
    parts
        .join("; ")
        .chars()
        .map(|c| if is_line_break(c) { ' ' } else { c })
        .collect()
}

/// The `.ann` file of one document.
pub(super) fn ann_text(doc: &ExportDoc, names: &HashMap<SpeakerId, &str>) -> String {
    let text = &doc.doc.text;
    let mut out = String::new();
    let (mut t, mut r, mut n) = (0, 0, 0);
    let mut cues: HashMap<(usize, usize), usize> = HashMap::new();
    for a in &doc.annotations {
        let content: Vec<Range<usize>> = a
            .fragments
            .iter()
            .flat_map(|f| pieces(text, f.start..f.end))
            .collect();
        if content.is_empty() {
            continue;
        }
        t += 1;
        let span_id = t;
        let (spans, span_text) = spans_and_text(text, &content);
        let _ = writeln!(out, "T{span_id}\t{} {spans}\t{span_text}", a.label.name());
        if let Some(cue) = &a.cue {
            let cue_id = match cues.get(&(cue.start, cue.end)) {
                Some(&id) => Some(id),
                None => {
                    let cue_pieces = pieces(text, cue.start..cue.end);
                    (!cue_pieces.is_empty()).then(|| {
                        t += 1;
                        let (spans, cue_text) = spans_and_text(text, &cue_pieces);
                        let _ = writeln!(out, "T{t}\t{CUE} {spans}\t{cue_text}");
                        cues.insert((cue.start, cue.end), t);
                        t
                    })
                }
            };
            if let Some(cue_id) = cue_id {
                r += 1;
                let _ = writeln!(out, "R{r}\t{HAS_CUE} Arg1:T{span_id} Arg2:T{cue_id}");
            }
        }
        n += 1;
        let _ = writeln!(out, "#{n}\tAnnotatorNotes T{span_id}\t{}", note(a, names));
    }
    out
}

/// The brat name of a document: its path without `.txt`, to which brat adds `.txt` and `.ann`.
fn base_name(path: &str) -> &str {
    path.strip_suffix(".txt").unwrap_or(path)
}

/// What is at the export folder's place before the export.
#[derive(Debug, PartialEq, Eq)]
enum Existing {
    Nothing,
    EmptyFolder,
    /// An earlier whosaid brat export: replaced as a whole.
    EarlierExport,
}

/// Whether `dir` may receive the export, and what is there now.
fn existing(dir: &Path) -> Result<Existing, ExportError> {
    let meta = match fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Existing::Nothing),
        Err(e) => return Err(ExportError::io(dir, e)),
    };
    if !meta.is_dir() {
        return Err(ExportError::NotAFolder {
            path: dir.to_owned(),
        });
    }
    let mut entries = fs::read_dir(dir).map_err(|e| ExportError::io(dir, e))?;
    if entries.next().is_none() {
        return Ok(Existing::EmptyFolder);
    }
    let in_use = |found: String| ExportError::FolderInUse {
        path: dir.to_owned(),
        found,
    };
    let conf = fs::read_to_string(dir.join("annotation.conf")).unwrap_or_default();
    if !conf.starts_with(MARKER) {
        return Err(in_use(
            "it has no annotation.conf written by whosaid".into(),
        ));
    }
    match foreign_file(dir, dir).map_err(|e| ExportError::io(dir, e))? {
        Some(found) => Err(in_use(format!("it holds {}", found.display()))),
        None => Ok(Existing::EarlierExport),
    }
}

/// The first file under `dir` that a whosaid brat export does not write (relative to `root`),
/// if any: only `annotation.conf`, `visual.conf`, `.txt` and `.ann` files and brat's
/// `.stats_cache` belong there.
fn foreign_file(root: &Path, dir: &Path) -> std::io::Result<Option<PathBuf>> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let kind = entry.file_type()?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = if kind.is_dir() {
            if let Some(found) = foreign_file(root, &path)? {
                return Ok(Some(found));
            }
            true
        } else if kind.is_file() {
            let at_root = dir == root && (name == "annotation.conf" || name == "visual.conf");
            at_root || name == ".stats_cache" || name.ends_with(".txt") || name.ends_with(".ann")
        } else {
            false
        };
        if !ours {
            return Ok(Some(path.strip_prefix(root).unwrap_or(&path).to_path_buf()));
        }
    }
    Ok(None)
}

/// A hidden name beside the export folder for this process's work.
fn beside(parent: &Path, dir: &Path, tag: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    parent.join(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Writes the brat folder `dir`: created when missing (with its parents); an empty folder or an
/// earlier whosaid brat export is replaced; any other folder is refused. The export is written
/// beside `dir` first and then put in its place, so `dir` is never left half written.
pub fn write_brat(ws: &Workspace, dir: &Path) -> Result<(), ExportError> {
    if dir.file_name().is_none() {
        return Err(ExportError::NoFolderName {
            path: dir.to_owned(),
        });
    }
    let existing = existing(dir)?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| ExportError::io(&parent, e))?;
    let fresh = beside(&parent, dir, "whosaid-tmp");
    let _ = fs::remove_dir_all(&fresh);
    fs::create_dir(&fresh).map_err(|e| ExportError::io(&fresh, e))?;
    if let Err(e) = fill(ws, &fresh) {
        let _ = fs::remove_dir_all(&fresh);
        return Err(e);
    }
    let put_in_place = || -> Result<(), ExportError> {
        match existing {
            Existing::Nothing => fs::rename(&fresh, dir).map_err(|e| ExportError::io(dir, e)),
            Existing::EmptyFolder => {
                fs::remove_dir(dir).map_err(|e| ExportError::io(dir, e))?;
                fs::rename(&fresh, dir).map_err(|e| ExportError::io(dir, e))
            }
            Existing::EarlierExport => {
                let old = beside(&parent, dir, "whosaid-old");
                let _ = fs::remove_dir_all(&old);
                fs::rename(dir, &old).map_err(|e| ExportError::io(dir, e))?;
                if let Err(e) = fs::rename(&fresh, dir) {
                    let _ = fs::rename(&old, dir);
                    return Err(ExportError::io(dir, e));
                }
                let _ = fs::remove_dir_all(&old);
                Ok(())
            }
        }
    };
    let placed = put_in_place();
    if placed.is_err() {
        let _ = fs::remove_dir_all(&fresh);
    }
    placed
}

/// The export's files, written into the (new, empty) folder `root`.
fn fill(ws: &Workspace, root: &Path) -> Result<(), ExportError> {
    let write = |path: PathBuf, bytes: &[u8]| -> Result<(), ExportError> {
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).map_err(|e| ExportError::io(p, e))?;
        }
        fs::write(&path, bytes).map_err(|e| ExportError::io(&path, e))
    };
    write(root.join("annotation.conf"), annotation_conf().as_bytes())?;
    write(root.join("visual.conf"), visual_conf().as_bytes())?;
    let names = speaker_names(ws);
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for doc in documents(ws) {
        let path = doc.entry.path.as_str();
        let base = base_name(path);
        if let Some(other) = seen.insert(base, path) {
            return Err(ExportError::NameClash {
                first: other.to_string(),
                second: path.to_string(),
                name: format!("{base}.txt"),
            });
        }
        write(
            root.join(format!("{base}.txt")),
            doc.doc.text.as_str().as_bytes(),
        )?;
        write(
            root.join(format!("{base}.ann")),
            ann_text(&doc, &names).as_bytes(),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_are_cut_at_every_line_break_python_knows() {
        let text = DocText::new("“We will\r\nnot” and\u{2028}more  \n  x".into());
        let all = 0..text.char_len();
        let cut = pieces(&text, all);
        let texts: Vec<&str> = cut.iter().map(|r| text.slice(r.clone()).unwrap()).collect();
        assert_eq!(texts, ["“We will", "not” and", "more", "x"]);
        assert_eq!(cut[0], 0..8);
        assert_eq!(cut[1], 10..18, "CR and LF count one each");
    }

    #[test]
    fn tints_are_light_versions_of_the_app_colours() {
        assert_eq!(tint("#FFFFFF"), "#FFFFFF");
        assert_eq!(tint("#000000"), "#999999");
        assert_eq!(tint("#4285F4"), "#B3CEFB");
    }

    #[test]
    fn notes_stay_on_one_line() {
        let mut a = Annotation {
            id: crate::project::AnnotationId(7),
            label: Label::Demand,
            speakers: vec![SpeakerId(1), SpeakerId(2)],
            addressee: Some(SpeakerId(3)),
            cue: None,
            fragments: vec![crate::project::Fragment::new(0, 1, "x")],
            note: "two\r\nlines\tand a tab".into(),
            created: Default::default(),
            modified: Default::default(),
            anchor: Default::default(),
            suggested: None,
            annotator: String::new(),
        };
        let names = HashMap::from([
            (SpeakerId(1), "Justin Logan"),
            (SpeakerId(2), "Andrew Michta"),
            (SpeakerId(3), "NATO"),
        ]);
        assert_eq!(
            note(&a, &names),
            "speaker: Justin Logan; speaker: Andrew Michta; addressee: NATO; id: 7; \
             note: two  lines\tand a tab"
        );
        a.speakers.clear();
        a.addressee = None;
        a.note.clear();
        assert_eq!(note(&a, &names), "id: 7");
    }
}
