//! A self-contained, printable HTML report: counts by speaker and label; per speaker, what they
//! claimed, quoted and demanded, each in its sentence with the document's title, outlet and date;
//! and every document with its highlights. One file, no scripts, no external resources.

use crate::corpus::Document;
use crate::project::{Annotation, DocEntry, Label, Speaker, SpeakerId};
use crate::text::plural::count;
use crate::text::sentence_around;
use crate::workspace::Workspace;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

const STYLE: &str = r#"
body { font: 15px/1.5 Georgia, 'Times New Roman', serif; margin: 2em auto; max-width: 52em; color: #222; padding: 0 1em; }
h1, h2, h3, h4, nav, table, .meta, cite { font-family: system-ui, 'Segoe UI', Helvetica, Arial, sans-serif; }
h2 { border-bottom: 2px solid #ccc; margin-top: 2.5em; }
h3 { margin: 1.8em 0 0.2em; }
h4 { margin: 1em 0 0.3em; color: #555; }
.meta, cite { color: #666; font-size: 0.85em; font-style: normal; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { padding: 0.2em 0.8em; border-bottom: 1px solid #ddd; text-align: right; }
th:first-child, td:first-child { text-align: left; }
ol { padding-left: 1.4em; }
li { margin: 0.6em 0; }
blockquote { margin: 0; }
mark { padding: 0 0.1em; border-radius: 2px; color: inherit; }
.claim { background: #dbe7fb; border-bottom: 2px solid #3b73d9; }
.quote { background: #fbeccd; border-bottom: 2px solid #d08a00; }
.demand { background: #f9d9de; border-bottom: 2px solid #c8324a; }
.doc p { margin: 0.5em 0; }
.legend mark { margin-right: 0.6em; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  nav { display: none; }
  h2 { break-before: page; }
  li, blockquote { break-inside: avoid; }
  mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// One placed annotation with where it is.
struct Item<'a> {
    entry: &'a DocEntry,
    doc: Option<&'a Document>,
    annotation: &'a Annotation,
}

/// Writes the report of the workspace's placed annotations (orphans have no place to show).
pub fn write_html_report(ws: &Workspace, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(render(ws).as_bytes())?;
    out.flush()
}

fn render(ws: &Workspace) -> String {
    let items: Vec<Item> = ws
        .project()
        .documents
        .iter()
        .flat_map(|entry| {
            let doc = ws.corpus().document(&entry.path);
            entry
                .annotations
                .iter()
                .filter(|a| a.is_placed())
                .map(move |annotation| Item {
                    entry,
                    doc,
                    annotation,
                })
        })
        .collect();
    let name = ws.display_name();
    let mut h = String::with_capacity(64 * 1024 + items.len() * 600);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Who said what: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&name)
    );
    let _ = write!(
        h,
        "<h1>Who said what</h1>\n<p class=\"meta\">{} · {} · {} · {} · \
         made by whosaid</p>\n<p class=\"legend\"><mark class=\"claim\">claim</mark>\
         <mark class=\"quote\">quote</mark><mark class=\"demand\">demand</mark></p>\n\
         <nav><a href=\"#counts\">Counts</a> · <a href=\"#speakers\">By speaker</a> · \
         <a href=\"#documents\">Documents</a></nav>\n",
        esc(&name),
        count(ws.project().documents.len(), "document", "documents"),
        count(items.len(), "annotation", "annotations"),
        count(ws.project().speakers.len(), "speaker", "speakers")
    );
    let by_speaker = group_by_speaker(&items);
    counts(&mut h, ws, &by_speaker);
    speakers(&mut h, ws, &by_speaker);
    documents(&mut h, ws, &items);
    h.push_str("</body>\n</html>\n");
    h
}

/// Each speaker's items (main or other speaker), in registry order; unattributed last under
/// `None`.
fn group_by_speaker<'a>(items: &'a [Item<'a>]) -> BTreeMap<Option<SpeakerId>, Vec<&'a Item<'a>>> {
    let mut groups: BTreeMap<Option<SpeakerId>, Vec<&Item>> = BTreeMap::new();
    for item in items {
        if item.annotation.speakers.is_empty() {
            groups.entry(None).or_default().push(item);
        }
        for s in &item.annotation.speakers {
            groups.entry(Some(*s)).or_default().push(item);
        }
    }
    groups
}

/// Speakers with spans, most spans first, then by name.
fn ranked<'a>(
    ws: &'a Workspace,
    groups: &BTreeMap<Option<SpeakerId>, Vec<&Item>>,
) -> Vec<(&'a Speaker, usize)> {
    let mut ranked: Vec<(&Speaker, usize)> = ws
        .project()
        .speakers
        .iter()
        .filter_map(|s| groups.get(&Some(s.id)).map(|items| (s, items.len())))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)));
    ranked
}

fn counts(h: &mut String, ws: &Workspace, groups: &BTreeMap<Option<SpeakerId>, Vec<&Item>>) {
    h.push_str(
        "<h2 id=\"counts\">Counts by speaker and label</h2>\n<table>\n<tr><th>speaker</th>\
         <th>claims</th><th>quotes</th><th>demands</th><th>all</th><th>called on</th></tr>\n",
    );
    let count = |items: &[&Item], label: Label| {
        items.iter().filter(|i| i.annotation.label == label).count()
    };
    let addressed = |id: SpeakerId| {
        ws.project()
            .annotations()
            .filter(|(_, a)| a.addressee == Some(id) && a.is_placed())
            .count()
    };
    let mut row = |name: String, anchor: String, items: &[&Item], called: usize| {
        let _ = writeln!(
            h,
            "<tr><td>{anchor}{name}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{called}</td></tr>",
            if anchor.is_empty() { "" } else { "</a>" },
            count(items, Label::Claim),
            count(items, Label::Quote),
            count(items, Label::Demand),
            items.len()
        );
    };
    for (s, _) in ranked(ws, groups) {
        row(
            esc(&s.name),
            format!("<a href=\"#speaker-{}\">", s.id.0),
            &groups[&Some(s.id)],
            addressed(s.id),
        );
    }
    if let Some(items) = groups.get(&None) {
        row("<em>no speaker</em>".into(), String::new(), items, 0);
    }
    h.push_str("</table>\n");
}

fn speakers(h: &mut String, ws: &Workspace, groups: &BTreeMap<Option<SpeakerId>, Vec<&Item>>) {
    h.push_str("<h2 id=\"speakers\">By speaker</h2>\n");
    let mut section = |title: String, anchor: String, about: String, items: &[&Item]| {
        let _ = writeln!(h, "<h3 id=\"{anchor}\">{title}</h3>");
        if !about.is_empty() {
            let _ = writeln!(h, "<p class=\"meta\">{about}</p>");
        }
        for label in Label::ALL {
            let of_label: Vec<&&Item> = items
                .iter()
                .filter(|i| i.annotation.label == label)
                .collect();
            if of_label.is_empty() {
                continue;
            }
            let heading = match label {
                Label::Claim => "Claimed",
                Label::Quote => "Quoted",
                Label::Demand => "Demanded",
            };
            let _ = writeln!(h, "<h4>{heading} ({})</h4>\n<ol>", of_label.len());
            for item in of_label {
                h.push_str("<li>");
                in_sentence(h, item);
                let _ = write!(h, "<br><cite>{}", source(item.entry, item.doc));
                if let Some(addressee) = ws.project().speaker_name(item.annotation.addressee) {
                    let _ = write!(h, " · calls on {}", esc(addressee));
                }
                if let Some(cue) = &item.annotation.cue {
                    let _ = write!(h, " · cue: “{}”", esc(cue.text()));
                }
                if !item.annotation.note.is_empty() {
                    let _ = write!(h, " · note: {}", esc(&item.annotation.note));
                }
                h.push_str("</cite></li>\n");
            }
            h.push_str("</ol>\n");
        }
    };
    for (s, _) in ranked(ws, groups) {
        let mut about = vec![s.kind.key().to_string()];
        if !s.role.is_empty() {
            about.push(s.role.clone());
        }
        if !s.aliases.is_empty() {
            about.push(format!("also: {}", s.aliases.join(", ")));
        }
        section(
            esc(&s.name),
            format!("speaker-{}", s.id.0),
            esc(&about.join(" · ")),
            &groups[&Some(s.id)],
        );
    }
    if let Some(items) = groups.get(&None) {
        section(
            "No speaker".into(),
            "speaker-none".into(),
            String::new(),
            items,
        );
    }
}

/// The annotation in its sentence, the annotated text marked.
fn in_sentence(h: &mut String, item: &Item) {
    let a = item.annotation;
    let Some(doc) = item.doc else {
        let _ = write!(
            h,
            "<blockquote><mark class=\"{}\">{}</mark></blockquote>",
            a.label.key(),
            esc(&a.display_text())
        );
        return;
    };
    let text = &doc.text;
    let around = sentence_around(text, a.start()..a.end());
    h.push_str("<blockquote>");
    let mut at = around.start;
    for f in &a.fragments {
        h.push_str(&esc(text.slice(at..f.start.max(at)).unwrap_or_default()));
        let _ = write!(
            h,
            "<mark class=\"{}\">{}</mark>",
            a.label.key(),
            esc(text.slice(f.start..f.end).unwrap_or(f.text()))
        );
        at = f.end;
    }
    h.push_str(&esc(text.slice(at..around.end.max(at)).unwrap_or_default()));
    h.push_str("</blockquote>");
}

/// "Title — Outlet, 2025-12-14".
fn source(entry: &DocEntry, doc: Option<&Document>) -> String {
    let m = &entry.metadata;
    let title = m
        .title
        .clone()
        .or_else(|| doc.map(|d| d.title.clone()))
        .unwrap_or_else(|| entry.path.clone());
    let mut out = format!(
        "<a href=\"#doc-{}\">{}</a>",
        anchor_id(&entry.path),
        esc(&title)
    );
    let details: Vec<&str> = [&m.outlet, &m.date]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !details.is_empty() {
        let _ = write!(out, " — {}", esc(&details.join(", ")));
    }
    out
}

fn documents(h: &mut String, ws: &Workspace, items: &[Item]) {
    h.push_str("<h2 id=\"documents\">Documents</h2>\n");
    for entry in &ws.project().documents {
        let own: Vec<&Annotation> = items
            .iter()
            .filter(|i| std::ptr::eq(i.entry, entry))
            .map(|i| i.annotation)
            .collect();
        let doc = ws.corpus().document(&entry.path);
        let _ = writeln!(
            h,
            "<h3 id=\"doc-{}\">{}</h3>\n<p class=\"meta\">{} · {}{}</p>",
            anchor_id(&entry.path),
            esc(&entry
                .metadata
                .title
                .clone()
                .or_else(|| doc.map(|d| d.title.clone()))
                .unwrap_or_else(|| entry.path.clone())),
            esc(&entry.path),
            count(own.len(), "annotation", "annotations"),
            [
                &entry.metadata.outlet,
                &entry.metadata.date,
                &entry.metadata.url
            ]
            .into_iter()
            .flatten()
            .map(|v| format!(" · {}", esc(v)))
            .collect::<String>()
        );
        match doc {
            Some(doc) => highlighted(h, ws, doc, &own),
            None => h.push_str("<p><em>missing from the corpus folder</em></p>\n"),
        }
    }
}

/// The document, paragraph by paragraph, each stretch of text marked with the innermost
/// annotation covering it (its label's colour) and, on hover, every annotation there.
fn highlighted(h: &mut String, ws: &Workspace, doc: &Document, annotations: &[&Annotation]) {
    let text = &doc.text;
    // Every fragment boundary cuts the text; each piece is covered by a set of annotations.
    let mut cuts: Vec<usize> = annotations
        .iter()
        .flat_map(|a| a.fragments.iter().flat_map(|f| [f.start, f.end]))
        .collect();
    h.push_str("<div class=\"doc\">\n");
    for para in text.paragraphs() {
        let range = para.chars.clone();
        if text
            .slice(range.clone())
            .is_none_or(|t| t.trim().is_empty())
        {
            continue;
        }
        cuts.extend([range.start, range.end]);
        let mut here: Vec<usize> = cuts
            .iter()
            .copied()
            .filter(|c| range.contains(c) || *c == range.end)
            .collect();
        here.sort_unstable();
        here.dedup();
        h.push_str("<p>");
        for w in here.windows(2) {
            let (s, e) = (w[0], w[1]);
            let piece = esc(text.slice(s..e).unwrap_or_default());
            let covering: Vec<&&Annotation> = annotations
                .iter()
                .filter(|a| a.fragments.iter().any(|f| f.start <= s && e <= f.end))
                .collect();
            match covering.iter().min_by_key(|a| a.covered_len()) {
                Some(inner) => {
                    let title: Vec<String> = covering
                        .iter()
                        .map(|a| {
                            format!(
                                "{}: {}",
                                a.label.name(),
                                ws.project()
                                    .speakers_label(a)
                                    .unwrap_or_else(|| "no speaker".into())
                            )
                        })
                        .collect();
                    let _ = write!(
                        h,
                        "<mark class=\"{}\" title=\"{}\">{piece}</mark>",
                        inner.label.key(),
                        esc(&title.join("; "))
                    );
                }
                None => h.push_str(&piece),
            }
        }
        h.push_str("</p>\n");
        cuts.truncate(cuts.len() - 2);
    }
    h.push_str("</div>\n");
}

/// A document path as an HTML id: letters and digits kept, the rest as `-`.
fn anchor_id(path: &str) -> String {
    path.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Workspace {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../projects/ukraine-nato.ron");
        Workspace::open_project(&path).unwrap()
    }

    #[test]
    fn the_report_groups_by_speaker_and_label_with_sentences_and_sources() {
        let ws = sample();
        let html = render(&ws);
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(!html.contains("<script"), "no scripts");
        assert!(!html.contains("<link"), "no external resources");
        // Logan is a speaker with his own section, quotes among them, with their sentence.
        let logan = ws
            .project()
            .speakers
            .iter()
            .find(|s| s.name == "Justin Logan")
            .unwrap();
        let section = html
            .split(&format!("<h3 id=\"speaker-{}\">", logan.id.0))
            .nth(1)
            .unwrap()
            .split("<h3")
            .next()
            .unwrap();
        assert!(section.contains("<h4>Quoted ("), "{section}");
        assert!(
            section.contains("<mark class=\"quote\">“This doesn’t move the needle at all,”</mark>")
        );
        assert!(section.contains("<mark class=\"claim\">"));
        let placed = ws
            .project()
            .annotations()
            .filter(|(_, a)| a.is_placed())
            .count();
        assert!(html.contains(&format!("{placed} annotations")));
        // One row per speaker with spans.
        let speaking = ws
            .project()
            .speakers
            .iter()
            .filter(|s| {
                ws.project()
                    .annotations()
                    .any(|(_, a)| a.speakers.contains(&s.id))
            })
            .count();
        assert_eq!(html.matches("<tr><td>").count(), speaking);
        // Each document is shown with its highlights.
        for entry in &ws.project().documents {
            assert!(html.contains(&format!("id=\"doc-{}\"", anchor_id(&entry.path))));
        }
        assert!(html.matches("<mark class=").count() > placed);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(anchor_id("batch/a 1.txt"), "batch-a-1-txt");
    }
}
