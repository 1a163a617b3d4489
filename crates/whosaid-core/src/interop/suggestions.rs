//! Pending suggestions as JSON Lines, for `whosaid suggest`: one object per suggestion, offsets in
//! Unicode code points like the export.

use super::record::ExportFragment;
use crate::project::Fragment;
use crate::text::DocText;
use crate::workspace::{Piece, Proposal, Workspace};
use serde::Serialize;
use serde::ser::Serializer;
use std::io::Write;

#[derive(Debug, Serialize)]
pub struct SuggestionRecord {
    pub doc: String,
    /// From the first fragment's start to the last fragment's end.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub fragments: Vec<ExportFragment>,
    pub label: &'static str,
    /// The speaker's name: the registry's for a known speaker, else as the article gives it.
    pub speaker: Option<String>,
    /// The reporting words.
    pub cue: Option<String>,
    pub addressee: Option<String>,
    /// How sure the engine is, 0-1.
    pub confidence: f32,
}

/// The workspace's pending suggestions, by document path and then position.
pub fn suggestion_records(ws: &Workspace) -> Vec<SuggestionRecord> {
    let mut out = Vec::new();
    for_each_record(ws, |r| {
        out.push(r);
        Ok(())
    })
    .expect("collecting records does not fail");
    out
}

/// One JSON object per line. Each record is written as it is made, so a run over a big corpus
/// never holds a second copy of every suggestion beside the workspace's.
pub fn write_suggestions_jsonl(ws: &Workspace, out: &mut dyn Write) -> std::io::Result<()> {
    for_each_record(ws, |r| {
        serde_json::to_writer(&mut *out, &r)?;
        out.write_all(b"\n")
    })?;
    out.flush()
}

/// Runs the engine over every document of `ws` and writes what it proposes as
/// [`write_suggestions_jsonl`] would write it after [`crate::workspace::Intent::Suggest`] over
/// all documents, byte for byte, without keeping any of it: each document's lines are made on
/// the core that read it and written as soon as the documents before it are.
pub fn write_fresh_suggestions_jsonl(ws: &Workspace, out: &mut dyn Write) -> std::io::Result<()> {
    ws.suggest_run(Vec::new()).stream(
        |doc, text, proposals| {
            let mut lines = Vec::with_capacity(proposals.len() * 320);
            for p in proposals {
                serde_json::to_writer(&mut lines, &LineRecord::of(doc, text, p))
                    .expect("writing to memory does not fail");
                lines.push(b'\n');
            }
            lines
        },
        |lines| out.write_all(&lines),
    )?;
    out.flush()
}

/// A [`SuggestionRecord`] that borrows its text: the same fields in the same order.
#[derive(Serialize)]
struct LineRecord<'a> {
    doc: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    fragments: Pieces<'a>,
    label: &'static str,
    speaker: Option<&'a str>,
    cue: Option<&'a str>,
    addressee: Option<&'a str>,
    confidence: f32,
}

impl<'a> LineRecord<'a> {
    fn of(doc: &'a str, text: &'a DocText, p: &'a Proposal<'a>) -> Self {
        LineRecord {
            doc,
            start: p.start(),
            end: p.end(),
            text: p.span_text(text),
            fragments: Pieces(&p.fragments),
            label: p.label.key(),
            speaker: p.speaker.map(|n| n.name),
            cue: p.cue.as_ref().map(|c| c.text),
            addressee: p.addressee.map(|n| n.name),
            confidence: f32::from(p.confidence) / 100.0,
        }
    }
}

/// Fragments written as [`ExportFragment`]s.
struct Pieces<'a>(&'a [Piece<'a>]);

#[derive(Serialize)]
struct PieceRecord<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

impl Serialize for Pieces<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|p| PieceRecord {
            start: p.start,
            end: p.end,
            text: p.text,
        }))
    }
}

/// `f` called with the record of each pending suggestion, by document path and then position.
fn for_each_record(
    ws: &Workspace,
    mut f: impl FnMut(SuggestionRecord) -> std::io::Result<()>,
) -> std::io::Result<()> {
    for (doc, pending) in ws.pending() {
        let text = ws.corpus().document(doc).map(|d| &d.text);
        for p in pending {
            let (start, end) = (p.start(), p.end());
            let fragment = |f: &Fragment| ExportFragment {
                start: f.start,
                end: f.end,
                text: f.text.clone(),
            };
            f(SuggestionRecord {
                doc: doc.clone(),
                start,
                end,
                text: text
                    .and_then(|t| t.slice(start..end))
                    .map_or_else(|| p.display_text(), str::to_string),
                fragments: p.fragments.iter().map(fragment).collect(),
                label: p.label.key(),
                speaker: p.speaker.as_ref().map(|g| g.name.clone()),
                cue: p.cue.as_ref().map(|c| c.text.clone()),
                addressee: p.addressee.as_ref().map(|g| g.name.clone()),
                confidence: f32::from(p.confidence) / 100.0,
            })?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Label;
    use crate::workspace::Intent;

    fn written(
        ws: &Workspace,
        write: fn(&Workspace, &mut dyn Write) -> std::io::Result<()>,
    ) -> String {
        let mut out = Vec::new();
        write(ws, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// What `whosaid suggest` writes as the engine goes is what the workspace would hold after
    /// suggesting in all documents: the same lines, less what was annotated or rejected.
    #[test]
    fn fresh_suggestions_are_the_lines_of_suggesting_in_all_documents() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        let a = "Talks\n“We will not give up our land,” said Volodymyr Zelensky on Sunday. \
                 Jens Stoltenberg urged NATO to act.\n";
        let b =
            "Vilnius — “The door is open,” said Mr. Stoltenberg, and “Zoë’s plan\u{a0}works.”\n";
        std::fs::write(corpus.join("a.txt"), a).unwrap();
        std::fs::write(corpus.join("b.txt"), b).unwrap();
        std::fs::write(corpus.join("c.txt"), "Nothing said.").unwrap();
        let mut ws = Workspace::open_corpus(&corpus).unwrap();
        let fresh = written(&ws, write_fresh_suggestions_jsonl);
        ws.perform(Intent::Suggest { docs: vec![] }).unwrap();
        assert_eq!(fresh, written(&ws, write_suggestions_jsonl));
        assert!(fresh.contains(r#""text":"“The door is open,”""#), "{fresh}");
        assert_eq!(fresh.lines().count(), 4, "{fresh}");

        // A quote tagged by hand in a.txt and a rejected suggestion in b.txt are left out.
        let at = a[..a.find('“').unwrap()].chars().count();
        ws.perform(Intent::Tag {
            doc: "a.txt".into(),
            range: at..at + "“We will not give up our land,”".chars().count(),
            label: Label::Quote,
        })
        .unwrap();
        let id = ws.pending_of("b.txt")[0].id;
        ws.perform(Intent::RejectSuggestion {
            doc: "b.txt".into(),
            id,
        })
        .unwrap();
        let left = written(&ws, write_fresh_suggestions_jsonl);
        assert_eq!(left.lines().count(), 2, "{left}");
        assert!(!left.contains("We will not give up"), "{left}");
        ws.perform(Intent::Suggest { docs: vec![] }).unwrap();
        assert_eq!(left, written(&ws, write_suggestions_jsonl));
    }
}
