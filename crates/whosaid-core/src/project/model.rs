use super::fragment::Fragment;
use super::ids::{AnnotationId, SpeakerId};
use super::label::Label;
use super::pending::{Provenance, Rejected};
use crate::corpus::DocMetadata;
use serde::{Deserialize, Serialize};
use smol_str::SmolStr;
use std::path::PathBuf;

/// The version of the project file format this program writes and understands.
/// 2: several speakers per annotation, addressee, cue, speaker kind and role, document metadata.
/// 3: provenance of annotations accepted from suggestions, rejected suggestions per document.
pub const FORMAT_VERSION: u32 = 3;

/// Whether an annotation sits on its text. Only re-anchoring after a text edit changes it from
/// `Placed`; the analyst clears `Review` and re-attaches `Orphaned` annotations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AnchorStatus {
    #[default]
    Placed,
    /// Placed by approximate match after the text changed: check it.
    Review,
    /// Its text could not be found: the offsets are stale and only the stored text remains.
    Orphaned,
}

impl AnchorStatus {
    /// `Placed`, the status the file leaves unwritten. (Whether an annotation has a place at all,
    /// `Placed` or `Review`, is [`Annotation::is_placed`].)
    pub fn is_default(&self) -> bool {
        *self == AnchorStatus::Placed
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    pub id: AnnotationId,
    pub label: Label,
    /// Who said it: usually one, sometimes several ("said Mr Logan and Prof Michta"); empty when
    /// unattributed. The first is the main speaker.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<SpeakerId>,
    /// For demands: who is called on to act (NATO, the United States, Kyiv).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addressee: Option<SpeakerId>,
    /// The reporting words ("said", "warned", "called ... a"), as their own small span; boxed
    /// because most annotations have none and a fragment inline costs 88 bytes each.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Box<Fragment>>,
    /// Sorted by start, non-overlapping; at least one.
    pub fragments: Vec<Fragment>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// RFC 3339, UTC, kept as written. A small string: a timestamp of up to 23 bytes (all that
    /// whosaid writes) lives inline, so a million annotations do not hold two million allocations.
    pub created: SmolStr,
    pub modified: SmolStr,
    #[serde(default, skip_serializing_if = "AnchorStatus::is_default")]
    pub anchor: AnchorStatus,
    /// Set when the annotation was accepted from a suggestion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested: Option<Provenance>,
    /// The analyst who last created or changed it (their name, as set in the app or given to
    /// the command); empty when unknown, as in files made before names were recorded.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub annotator: String,
}

impl Annotation {
    /// A new annotation of `label` on `fragments` (in text order), made at `created` (RFC 3339,
    /// UTC, also its modification time): no speaker, addressee, cue or note yet, placed, and not
    /// from a suggestion.
    pub fn new(
        id: AnnotationId,
        label: Label,
        fragments: Vec<Fragment>,
        created: impl Into<SmolStr>,
    ) -> Self {
        let created = created.into();
        Self {
            id,
            label,
            speakers: Vec::new(),
            addressee: None,
            cue: None,
            fragments,
            note: String::new(),
            modified: created.clone(),
            created,
            anchor: AnchorStatus::Placed,
            suggested: None,
            annotator: String::new(),
        }
    }

    /// Whether it sits on its text, exactly or to be reviewed: only an orphaned annotation has
    /// no place in its document (stale offsets, only the stored text remains).
    pub fn is_placed(&self) -> bool {
        self.anchor != AnchorStatus::Orphaned
    }

    /// The main speaker.
    pub fn speaker(&self) -> Option<SpeakerId> {
        self.speakers.first().copied()
    }

    /// Every speaker the annotation refers to: speakers and addressee.
    pub fn mentions(&self, id: SpeakerId) -> bool {
        self.speakers.contains(&id) || self.addressee == Some(id)
    }

    pub fn start(&self) -> usize {
        Fragment::start_of(&self.fragments)
    }

    pub fn end(&self) -> usize {
        Fragment::end_of(&self.fragments)
    }

    /// The text of all fragments, joined with " … " where they are apart.
    pub fn display_text(&self) -> String {
        Fragment::text_of(&self.fragments)
    }

    /// Whether code point `offset` lies inside one of the fragments.
    pub fn covers(&self, offset: usize) -> bool {
        self.fragments
            .iter()
            .any(|f| f.start <= offset && offset < f.end)
    }

    pub fn covered_len(&self) -> usize {
        self.fragments.iter().map(|f| f.end - f.start).sum()
    }

    /// Keeps fragments in text order so that start/end and exports are well defined.
    /// Where the annotation sorts in its document: by start, longer first, then by id.
    fn order_key(&self) -> (usize, std::cmp::Reverse<usize>, AnnotationId) {
        (self.start(), std::cmp::Reverse(self.end()), self.id)
    }

    pub fn sort_fragments(&mut self) {
        self.fragments.sort_by_key(|f| (f.start, f.end));
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Speaker {
    pub id: SpeakerId,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "SpeakerKind::is_person")]
    pub kind: SpeakerKind,
    /// Role or affiliation: "director of defense and foreign policy studies, Cato Institute".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// The analyst who last created or changed it; empty when unknown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub annotator: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SpeakerKind {
    #[default]
    Person,
    Organisation,
    /// Several people spoken of together: "U.S. security experts".
    Group,
    /// A source the article does not name: "a senior official".
    Unnamed,
}

impl SpeakerKind {
    pub const ALL: [SpeakerKind; 4] = [
        SpeakerKind::Person,
        SpeakerKind::Organisation,
        SpeakerKind::Group,
        SpeakerKind::Unnamed,
    ];

    pub fn is_person(&self) -> bool {
        *self == SpeakerKind::Person
    }

    pub fn key(self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Organisation => "organisation",
            SpeakerKind::Group => "group",
            SpeakerKind::Unnamed => "unnamed",
        }
    }
}

impl Speaker {
    /// A person with no aliases yet.
    pub fn new(id: SpeakerId, name: impl Into<String>) -> Self {
        Self {
            id,
            name: name.into(),
            aliases: Vec::new(),
            kind: SpeakerKind::Person,
            role: String::new(),
            annotator: String::new(),
        }
    }

    /// The canonical name followed by the aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// An annotation changed differently on the two sides of a merge (`whosaid merge`): the document
/// keeps our version (or none, when we deleted it) and their version waits here until the analyst
/// keeps one of the two.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub id: AnnotationId,
    /// Their version; `None` when they deleted the annotation.
    #[serde(default)]
    pub theirs: Option<Annotation>,
}

/// A speaker changed differently on the two sides of a merge: the registry keeps ours.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerConflict {
    pub id: SpeakerId,
    /// Their version; `None` when they deleted the speaker.
    #[serde(default)]
    pub theirs: Option<Speaker>,
}

/// A document of the corpus as the project records it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocEntry {
    /// Path relative to the corpus folder, with `/` separators.
    pub path: String,
    /// BLAKE3 of the file's bytes, hex; tells whether the text changed since annotation.
    pub hash: String,
    #[serde(default)]
    pub done: bool,
    /// Title, outlet, date and URL: from the corpus's `metadata.csv` or edited in the app.
    #[serde(default, skip_serializing_if = "DocMetadata::is_empty")]
    pub metadata: DocMetadata,
    /// Sorted by (start, end, id).
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Suggestions the analyst rejected here, not to be proposed again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<Rejected>,
    /// Annotations a merge could not reconcile, sorted by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

impl DocEntry {
    pub fn new(path: String, hash: String) -> Self {
        Self {
            path,
            hash,
            done: false,
            metadata: DocMetadata::default(),
            annotations: Vec::new(),
            rejected: Vec::new(),
            conflicts: Vec::new(),
        }
    }

    pub fn annotation(&self, id: AnnotationId) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    pub fn sort_annotations(&mut self) {
        self.annotations.sort_by_key(Annotation::order_key);
    }

    /// Fragments and annotations in the order the file keeps them.
    pub fn normalize(&mut self) {
        for a in &mut self.annotations {
            a.sort_fragments();
        }
        self.sort_annotations();
        self.conflicts.sort_by_key(|c| c.id);
    }

    pub fn is_normalized(&self) -> bool {
        self.annotations.is_sorted_by_key(Annotation::order_key)
            && self.conflicts.is_sorted_by_key(|c| c.id)
            && self
                .annotations
                .iter()
                .all(|a| a.fragments.is_sorted_by_key(|f| (f.start, f.end)))
    }
}

/// Where the analyst was: restored on reopen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewState {
    #[serde(default)]
    pub open_document: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub format_version: u32,
    /// The corpus folder, relative to the project file (absolute only if it cannot be relative).
    pub corpus: PathBuf,
    /// For a corpus that is a table of articles: the columns the analyst picked for its text, id
    /// (and metadata), where their usual names do not find them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table_columns: Option<crate::corpus::TableColumns>,
    #[serde(default)]
    pub speakers: Vec<Speaker>,
    /// Speakers a merge could not reconcile, sorted by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speaker_conflicts: Vec<SpeakerConflict>,
    /// Sorted by path.
    #[serde(default)]
    pub documents: Vec<DocEntry>,
    #[serde(default)]
    pub view: ViewState,
}

impl Project {
    pub fn new(corpus: PathBuf) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            corpus,
            table_columns: None,
            speakers: Vec::new(),
            speaker_conflicts: Vec::new(),
            documents: Vec::new(),
            view: ViewState::default(),
        }
    }

    pub fn document(&self, path: &str) -> Option<&DocEntry> {
        self.documents
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.documents[i])
    }

    pub fn document_mut(&mut self, path: &str) -> Option<&mut DocEntry> {
        self.documents
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()
            .map(move |i| &mut self.documents[i])
    }

    pub fn speaker(&self, id: SpeakerId) -> Option<&Speaker> {
        self.speakers.iter().find(|s| s.id == id)
    }

    /// The names of all of an annotation's speakers, "A & B"; `None` when unattributed.
    pub fn speakers_label(&self, a: &Annotation) -> Option<String> {
        let names: Vec<&str> = a
            .speakers
            .iter()
            .filter_map(|s| self.speaker_name(Some(*s)))
            .collect();
        (!names.is_empty()).then(|| names.join(" & "))
    }

    pub fn speaker_name(&self, id: Option<SpeakerId>) -> Option<&str> {
        id.and_then(|id| self.speaker(id)).map(|s| s.name.as_str())
    }

    pub fn annotations(&self) -> impl Iterator<Item = (&DocEntry, &Annotation)> {
        self.documents
            .iter()
            .flat_map(|d| d.annotations.iter().map(move |a| (d, a)))
    }

    pub fn find_annotation(&self, id: AnnotationId) -> Option<(&DocEntry, &Annotation)> {
        self.annotations().find(|(_, a)| a.id == id)
    }

    /// A new annotation id: the next of this editing session's ids (see `ids.rs`), so that
    /// annotations made on two copies of the project never share an id. The ids after it are free
    /// too, for a batch.
    pub fn next_annotation_id(&self) -> AnnotationId {
        AnnotationId(super::ids::next_session_id(
            self.annotations().map(|(_, a)| a.id.0),
        ))
    }

    /// A new speaker id, made as annotation ids are.
    pub fn next_speaker_id(&self) -> SpeakerId {
        SpeakerId(super::ids::next_session_id(
            self.speakers.iter().map(|s| s.id.0),
        ))
    }

    /// Number of annotations that name this speaker, corpus-wide.
    pub fn speaker_use_count(&self, id: SpeakerId) -> usize {
        self.annotations().filter(|(_, a)| a.mentions(id)).count()
    }

    /// Puts everything in the order the file format prescribes, so equal projects write equal bytes.
    pub fn normalize(&mut self) {
        self.speakers.sort_by_key(|s| s.id);
        self.speaker_conflicts.sort_by_key(|c| c.id);
        self.documents.sort_by(|a, b| a.path.cmp(&b.path));
        for d in &mut self.documents {
            d.normalize();
        }
    }

    /// A copy of everything but the documents, which hold nearly all the data.
    pub fn clone_without_documents(&self) -> Project {
        Project {
            format_version: self.format_version,
            corpus: self.corpus.clone(),
            table_columns: self.table_columns.clone(),
            speakers: self.speakers.clone(),
            speaker_conflicts: self.speaker_conflicts.clone(),
            documents: Vec::new(),
            view: self.view.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A project of a million annotations holds a million of these: an empty cue must not cost
    /// a whole fragment inline (it did: 264 bytes an annotation, 88 of them the cue).
    #[test]
    fn an_annotation_without_a_cue_does_not_carry_a_fragment_inline() {
        let size = std::mem::size_of::<Annotation>();
        assert!(size <= 264 - 88 + 8, "Annotation is {size} bytes");
    }

    #[test]
    fn a_new_annotation_is_placed_until_orphaned() {
        let mut a = Annotation::new(
            AnnotationId(4),
            Label::Quote,
            vec![Fragment::new(3, 8, "words")],
            "2026-01-01T00:00:00Z",
        );
        assert_eq!(a.modified, a.created);
        assert_eq!(
            (a.start(), a.end(), a.display_text()),
            (3, 8, "words".into())
        );
        assert!(a.speakers.is_empty() && a.note.is_empty() && a.suggested.is_none());
        assert!(a.is_placed());
        a.anchor = AnchorStatus::Review;
        assert!(a.is_placed(), "an annotation to review still has its place");
        a.anchor = AnchorStatus::Orphaned;
        assert!(!a.is_placed());
    }
}
