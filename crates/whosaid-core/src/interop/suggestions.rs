//! Pending suggestions as JSON Lines, for `whosaid suggest`: one object per suggestion, offsets in
//! Unicode code points like the export.

use super::json_text::{optional_string, string};
use super::record::ExportFragment;
use crate::project::Fragment;
use crate::text::DocText;
use crate::workspace::{Proposal, Workspace};
use serde::Serialize;
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
                write_line(&mut lines, doc, text, p);
            }
            lines
        },
        |lines| out.write_all(&lines),
    )?;
    out.flush()
}

/// One suggestion's line: the bytes serde_json writes for its [`SuggestionRecord`], written
/// field by field (serde's generic path, escaping every key, was a tenth of the whole run).
fn write_line(out: &mut Vec<u8>, doc: &str, text: &DocText, p: &Proposal) {
    out.extend_from_slice(b"{\"doc\":");
    string(doc, out);
    out.extend_from_slice(b",\"start\":");
    json_value(out, &p.start());
    out.extend_from_slice(b",\"end\":");
    json_value(out, &p.end());
    out.extend_from_slice(b",\"text\":");
    let span = p.span_text(text);
    let span_at = out.len();
    string(span, out);
    let span_json = span_at..out.len();
    out.extend_from_slice(b",\"fragments\":[");
    for (k, f) in p.fragments.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"start\":");
        json_value(out, &f.start);
        out.extend_from_slice(b",\"end\":");
        json_value(out, &f.end);
        out.extend_from_slice(b",\"text\":");
        // A lone fragment is mostly the whole span: its JSON is already written once.
        if std::ptr::eq(f.text, span) {
            out.extend_from_within(span_json.clone());
        } else {
            string(f.text, out);
        }
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"label\":");
    string(p.label.key(), out);
    out.extend_from_slice(b",\"speaker\":");
    optional_string(p.speaker.map(|n| n.name), out);
    out.extend_from_slice(b",\"cue\":");
    optional_string(p.cue.as_ref().map(|c| c.text), out);
    out.extend_from_slice(b",\"addressee\":");
    optional_string(p.addressee.map(|n| n.name), out);
    out.extend_from_slice(b",\"confidence\":");
    json_value(out, &(f32::from(p.confidence) / 100.0));
    out.extend_from_slice(b"}\n");
}

/// A number (or an escaped string) exactly as serde_json writes it.
fn json_value(out: &mut Vec<u8>, value: &(impl Serialize + ?Sized)) {
    serde_json::to_writer(out, value).expect("writing to memory does not fail");
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
                text: f.text().to_string(),
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
                cue: p.cue.as_ref().map(|c| c.text().to_string()),
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
        // Marks JSON escapes: straight quotes, a backslash, a tab.
        let d = "\"Tabs\tand \\ slashes stay,\" said Jane Doe. Smith said \"no\" to it.\n";
        std::fs::write(corpus.join("d.txt"), d).unwrap();
        let mut ws = Workspace::open_corpus(&corpus).unwrap();
        let fresh = written(&ws, write_fresh_suggestions_jsonl);
        ws.perform(Intent::Suggest { docs: vec![] }).unwrap();
        assert_eq!(fresh, written(&ws, write_suggestions_jsonl));
        assert!(fresh.contains(r#""text":"“The door is open,”""#), "{fresh}");
        assert!(
            fresh.contains(r#""text":"\"Tabs\tand \\ slashes stay,\"""#),
            "{fresh}"
        );
        assert_eq!(fresh.lines().count(), 7, "{fresh}");

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
        assert_eq!(left.lines().count(), 5, "{left}");
        assert!(!left.contains("We will not give up"), "{left}");
        ws.perform(Intent::Suggest { docs: vec![] }).unwrap();
        assert_eq!(left, written(&ws, write_suggestions_jsonl));
    }
}
