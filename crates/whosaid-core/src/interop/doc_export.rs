//! What the brat, W3C, Label Studio and doccano exports share: the documents with the annotations
//! they carry, the parties of an annotation by name, offsets in UTF-16 code units, the labels'
//! colours and document IRIs.

use crate::corpus::Document;
use crate::project::{Annotation, DocEntry, Label, SpeakerId};
use crate::workspace::Workspace;
use std::collections::HashMap;

/// A document of the corpus and the annotations an export carries from it, in document order.
pub(super) struct ExportDoc<'a> {
    pub entry: &'a DocEntry,
    pub doc: &'a Document,
    pub annotations: Vec<&'a Annotation>,
}

/// A document's text and details as the Label Studio and doccano exports write them.
#[derive(serde::Serialize)]
pub(super) struct DocFields<'a> {
    pub text: &'a str,
    pub doc: &'a str,
    pub title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
}

impl<'a> ExportDoc<'a> {
    /// Its text and details; the title from the metadata, else the first non-empty line.
    pub fn fields(&self) -> DocFields<'a> {
        let meta = &self.entry.metadata;
        DocFields {
            text: self.doc.text.as_str(),
            doc: &self.entry.path,
            title: self
                .entry
                .metadata
                .title
                .as_deref()
                .unwrap_or(&self.doc.title),
            outlet: meta.outlet.as_deref(),
            date: meta.date.as_deref(),
            url: meta.url.as_deref(),
        }
    }
}

/// Whether an export carries the annotation at all: orphans have no place in the text.
pub(super) fn is_exported(a: &Annotation) -> bool {
    a.is_placed()
}

/// Whether every fragment and the cue of a placed annotation lie inside the document's text.
/// Always so for a loaded project; checked so that no format ever writes an offset past the end.
pub(super) fn fits(doc: &Document, a: &Annotation) -> bool {
    let len = doc.text.char_len();
    a.fragments
        .iter()
        .chain(a.cue.as_deref())
        .all(|f| f.start <= f.end && f.end <= len)
        && !a.fragments.is_empty()
}

/// Every document of the project that is in the corpus, in path order, with its exported
/// annotations. Documents missing from the corpus have no text to export (see
/// [`documents_without_text`]).
pub(super) fn documents(ws: &Workspace) -> Vec<ExportDoc<'_>> {
    ws.project()
        .documents
        .iter()
        .filter_map(|entry| {
            let doc = ws.corpus().document(&entry.path)?;
            let annotations = entry
                .annotations
                .iter()
                .filter(|a| is_exported(a) && fits(doc, a))
                .collect();
            Some(ExportDoc {
                entry,
                doc,
                annotations,
            })
        })
        .collect()
}

/// The documents that have annotations to export but are missing from the corpus: the formats
/// that carry the document text (brat, Label Studio, doccano) leave them out.
pub fn documents_without_text(ws: &Workspace) -> Vec<&str> {
    ws.project()
        .documents
        .iter()
        .filter(|e| {
            e.annotations.iter().any(is_exported) && ws.corpus().document(&e.path).is_none()
        })
        .map(|e| e.path.as_str())
        .collect()
}

/// Who said it and whom it calls on, by name.
pub(super) struct Parties<'a> {
    /// Main speaker first.
    pub speakers: Vec<&'a str>,
    pub addressee: Option<&'a str>,
}

pub(super) fn parties<'a>(a: &Annotation, names: &HashMap<SpeakerId, &'a str>) -> Parties<'a> {
    Parties {
        speakers: a
            .speakers
            .iter()
            .filter_map(|s| names.get(s).copied())
            .collect(),
        addressee: a.addressee.and_then(|s| names.get(&s).copied()),
    }
}

/// Code point offsets of one text turned into UTF-16 code units (what JavaScript string indices
/// and doccano count): every character from U+10000 on (emoji, flags' letters) is two units.
pub(super) struct Utf16Offsets {
    /// Code point offsets of the characters that take two units, ascending.
    astral: Vec<usize>,
}

impl Utf16Offsets {
    pub fn new(text: &str) -> Self {
        Self {
            astral: text
                .chars()
                .enumerate()
                .filter(|(_, c)| c.len_utf16() == 2)
                .map(|(i, _)| i)
                .collect(),
        }
    }

    /// The UTF-16 offset of code point offset `offset`.
    pub fn of(&self, offset: usize) -> usize {
        offset + self.astral.partition_point(|&a| a < offset)
    }
}

/// The app's colour of each label (`src/ui/labels.rs`): claim blue, quote amber, demand red.
pub(super) fn label_colour(label: Label) -> &'static str {
    match label {
        Label::Claim => "#4285F4",
        Label::Quote => "#E69614",
        Label::Demand => "#D6336C",
    }
}

/// Reporting words: grey, as they are not a label of their own in the app.
pub(super) const CUE_COLOUR: &str = "#9E9E9E";

/// The type (brat) or label (Label Studio, doccano) of the reporting words, beside `Claim`,
/// `Quote` and `Demand`.
pub(super) const CUE: &str = "Cue";

/// `urn:whosaid:doc:` and the document path, percent-encoded (RFC 3986: every byte of its UTF-8
/// but letters, digits, `-._~` and `/`).
pub(super) fn document_iri(path: &str) -> String {
    let mut iri = String::from("urn:whosaid:doc:");
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            iri.push(b as char);
        } else {
            iri.push_str(&format!("%{b:02X}"));
        }
    }
    iri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_astral_characters_twice() {
        let text = "a🇺🇦b😀e\u{301}“c”";
        let units = Utf16Offsets::new(text);
        for (cp, _) in text
            .chars()
            .enumerate()
            .chain([(text.chars().count(), ' ')])
        {
            let prefix: String = text.chars().take(cp).collect();
            assert_eq!(units.of(cp), prefix.encode_utf16().count(), "at {cp}");
        }
        assert_eq!(units.of(3), 5, "after the flag: 2 code points, 4 units");
    }

    #[test]
    fn document_iris_are_percent_encoded() {
        assert_eq!(document_iri("a/b c.txt"), "urn:whosaid:doc:a/b%20c.txt");
        assert_eq!(document_iri("é#?.txt"), "urn:whosaid:doc:%C3%A9%23%3F.txt");
    }
}
