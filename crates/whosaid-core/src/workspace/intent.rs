use super::Workspace;
use super::intent_error::IntentError;
use crate::edit::{Edit, MergeKey};
use crate::project::{AnchorStatus, Annotation, AnnotationId, Fragment, Label, Speaker, SpeakerId};
use crate::text::plural::count;
use std::ops::Range;

/// What a user asks for, in the project's terms. The UI and the command line only produce these;
/// [`Workspace::perform`] is the one place that turns them into edits.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    /// Makes a new annotation over `range` (code points, trimmed of whitespace).
    Tag {
        doc: String,
        range: Range<usize>,
        label: Label,
    },
    /// Tags several spans at once (search results), as one undoable step.
    TagMany {
        spans: Vec<(String, Range<usize>)>,
        label: Label,
    },
    /// Adds `range` as another fragment of an annotation (a quote interrupted by its attribution).
    AddFragment {
        id: AnnotationId,
        range: Range<usize>,
    },
    SetLabel {
        id: AnnotationId,
        label: Label,
    },
    /// Sets the main (first) speaker, keeping any others; `None` removes every speaker.
    SetSpeaker {
        id: AnnotationId,
        speaker: Option<SpeakerId>,
    },
    /// Adds another speaker ("said Mr Logan and Prof Michta"), or removes one already there.
    ToggleSpeaker {
        id: AnnotationId,
        speaker: SpeakerId,
    },
    /// Who a demand calls on to act.
    SetAddressee {
        id: AnnotationId,
        addressee: Option<SpeakerId>,
    },
    /// The reporting words as their own small span; `None` removes it.
    SetCue {
        id: AnnotationId,
        range: Option<Range<usize>>,
    },
    /// Registers a new speaker named `name` and attributes the annotation to it, in one undo step.
    CreateSpeakerFor {
        id: AnnotationId,
        name: String,
        role: SpeakerRole,
    },
    SetNote {
        id: AnnotationId,
        note: String,
    },
    /// Replaces a speaker's name, aliases, kind and role (blank and duplicate aliases dropped).
    EditSpeaker {
        speaker: Speaker,
    },
    /// Makes `merge` part of `keep`: its spans (as speaker or addressee) now name `keep`, and
    /// its names become aliases of `keep`.
    MergeSpeakers {
        keep: SpeakerId,
        merge: SpeakerId,
    },
    /// Takes an alias out of a speaker into a speaker of its own; `spans` are re-pointed to it.
    SplitAlias {
        speaker: SpeakerId,
        alias: String,
        spans: Vec<AnnotationId>,
    },
    /// Removes a speaker; its spans lose it, or name `reassign` instead.
    DeleteSpeaker {
        id: SpeakerId,
        reassign: Option<SpeakerId>,
    },
    Delete {
        id: AnnotationId,
    },
    /// Puts an orphaned annotation (or any annotation) on new text, in `doc`, as its only fragment.
    Reattach {
        id: AnnotationId,
        doc: String,
        range: Range<usize>,
    },
    /// The analyst checked an approximately re-anchored annotation.
    MarkReviewed {
        id: AnnotationId,
    },
    SetDone {
        doc: String,
        done: bool,
    },
    /// A document's title, outlet, date and URL (blank fields become empty).
    SetMetadata {
        doc: String,
        metadata: crate::corpus::DocMetadata,
    },
    /// Runs the suggestion engine over these documents (all when empty), replacing their pending
    /// suggestions.
    Suggest {
        docs: Vec<String>,
    },
    /// Takes what a run of the engine on another thread found ([`super::SuggestRun`]) as the
    /// pending suggestions of its documents, as a `Suggest` would.
    TakeSuggestions(Box<super::SuggestionsFound>),
    /// Accepts these pending suggestions of a document as annotations.
    AcceptSuggestions {
        doc: String,
        ids: Vec<u64>,
    },
    /// Rejects a pending suggestion; it is not proposed again.
    RejectSuggestion {
        doc: String,
        id: u64,
    },
    /// Changes a pending suggestion's label or speakers before it is accepted.
    EditSuggestion {
        doc: String,
        pending: crate::project::Pending,
    },
    /// Copies other analysts' spans into this (curated) project, one undoable step.
    AcceptSpans {
        doc: String,
        spans: Vec<super::adjudicate::Accepted>,
    },
}

/// An intent turned into an edit, ready to apply.
pub(super) struct Planned {
    pub edit: Edit,
    /// What undo and redo call it.
    pub description: String,
    /// Merges it with the previous step of the same key (typing in one note).
    pub merge: Option<MergeKey>,
    /// The annotation it made or changed, for the app to select.
    pub touched: Option<AnnotationId>,
    /// The id the next pending suggestion gets, when it gave some.
    pub next_pending: Option<u64>,
}

impl Planned {
    pub fn new(edit: Edit, description: String) -> Self {
        Self {
            edit,
            description,
            merge: None,
            touched: None,
            next_pending: None,
        }
    }

    pub fn numbering(self, next_pending: u64) -> Self {
        Self {
            next_pending: Some(next_pending),
            ..self
        }
    }

    pub fn merging(self, key: MergeKey) -> Self {
        Self {
            merge: Some(key),
            ..self
        }
    }

    pub fn touching(self, id: AnnotationId) -> Self {
        Self {
            touched: Some(id),
            ..self
        }
    }
}

/// The part a speaker plays in an annotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpeakerRole {
    /// The main (first) speaker.
    Main,
    /// Another speaker of the same passage.
    Another,
    /// Who a demand calls on to act.
    Addressee,
}

/// What came of an intent: the annotation it made or touched, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub annotation: Option<AnnotationId>,
}

pub fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Records `annotator` on every annotation and speaker the edit puts. The undo of the edit puts
/// back the previous versions, with their own annotator.
fn stamp_annotator(edit: &mut Edit, annotator: &str) {
    if annotator.is_empty() {
        return;
    }
    match edit {
        Edit::PutAnnotation { annotation, .. } => annotation.annotator = annotator.to_string(),
        Edit::PutSpeaker(speaker) => speaker.annotator = annotator.to_string(),
        Edit::Batch(edits) => {
            for e in edits {
                stamp_annotator(e, annotator);
            }
        }
        _ => {}
    }
}

impl Workspace {
    pub fn perform(&mut self, intent: Intent) -> Result<Outcome, IntentError> {
        let Planned {
            mut edit,
            description,
            merge,
            touched,
            next_pending,
        } = self.plan(intent)?;
        stamp_annotator(&mut edit, &self.annotator);
        // (Noted before it applies: a refused edit leaves a document counted as changed, which
        // only keeps a run's suggestions out of it.)
        self.changes.record(Some(&edit), self.revision + 1);
        self.history.apply(
            &mut self.project,
            &mut self.pending,
            edit,
            &description,
            merge,
        )?;
        self.revision += 1;
        if let Some(next) = next_pending {
            self.next_pending = self.next_pending.max(next);
        }
        Ok(Outcome {
            annotation: touched,
        })
    }

    pub(super) fn fragment(&self, doc: &str, range: Range<usize>) -> Result<Fragment, IntentError> {
        fragment_in(&self.corpus, doc, range)
    }

    fn existing(&self, id: AnnotationId) -> Result<(String, Annotation), IntentError> {
        self.project
            .find_annotation(id)
            .map(|(d, a)| (d.path.clone(), a.clone()))
            .ok_or(IntentError::NoAnnotation(id))
    }

    /// Builds the edit for an intent, its undo description, its coalescing key and the annotation
    /// it concerns.
    fn plan(&self, intent: Intent) -> Result<Planned, IntentError> {
        let now = now_rfc3339();
        let modify = |id: AnnotationId, f: &dyn Fn(&mut Annotation)| -> Result<Edit, IntentError> {
            let (doc, mut annotation) = self.existing(id)?;
            f(&mut annotation);
            annotation.modified = now.as_str().into();
            Ok(Edit::PutAnnotation { doc, annotation })
        };
        Ok(match intent {
            Intent::Suggest { docs } => return self.plan_suggest(docs),
            Intent::TakeSuggestions(found) => return self.plan_take(*found),
            Intent::AcceptSuggestions { doc, ids } => return self.plan_accept(&doc, &ids),
            Intent::AcceptSpans { doc, spans } => return self.plan_accept_spans(&doc, &spans),
            Intent::RejectSuggestion { doc, id } => return self.plan_reject(&doc, id),
            Intent::EditSuggestion { doc, pending } => {
                return self.plan_edit_suggestion(&doc, pending);
            }
            Intent::Tag { doc, range, label } => {
                let fragment = self.fragment(&doc, range)?;
                let id = self.project.next_annotation_id();
                let annotation = Annotation::new(id, label, vec![fragment], now.clone());
                Planned::new(
                    Edit::PutAnnotation { doc, annotation },
                    format!("Tag {}", label.key()),
                )
                .touching(id)
            }
            Intent::TagMany { spans, label } => {
                let first = self.project.next_annotation_id().0;
                let mut edits = Vec::with_capacity(spans.len());
                for (i, (doc, range)) in spans.into_iter().enumerate() {
                    let id = if i == 0 {
                        first
                    } else {
                        crate::project::fresh_session_id()
                    };
                    let annotation = Annotation::new(
                        AnnotationId(id),
                        label,
                        vec![self.fragment(&doc, range)?],
                        now.clone(),
                    );
                    edits.push(Edit::PutAnnotation { doc, annotation });
                }
                let n = edits.len();
                let planned = Planned::new(
                    Edit::Batch(edits),
                    format!("Tag {} as {}", count(n, "match", "matches"), label.key()),
                );
                match n {
                    0 => planned,
                    _ => planned.touching(AnnotationId(first)),
                }
            }
            Intent::AddFragment { id, range } => {
                let (doc, current) = self.existing(id)?;
                if !current.is_placed() {
                    return Err(IntentError::Orphaned);
                }
                let fragment = self.fragment(&doc, range)?;
                let (_, current) = self.existing(id)?;
                if current
                    .fragments
                    .iter()
                    .any(|f| f.start < fragment.end && fragment.start < f.end)
                {
                    return Err(IntentError::Overlap);
                }
                let edit = modify(id, &|a| a.fragments.push(fragment.clone()))?;
                Planned::new(edit, "Add fragment".into()).touching(id)
            }
            Intent::SetLabel { id, label } => Planned::new(
                modify(id, &|a| a.label = label)?,
                format!("Label as {}", label.key()),
            )
            .touching(id),
            Intent::SetSpeaker { id, speaker } => Planned::new(
                modify(id, &|a| set_main_speaker(a, speaker))?,
                "Set speaker".into(),
            )
            .touching(id),
            Intent::ToggleSpeaker { id, speaker } => Planned::new(
                modify(id, &|a| {
                    if let Some(i) = a.speakers.iter().position(|s| *s == speaker) {
                        a.speakers.remove(i);
                    } else {
                        a.speakers.push(speaker);
                    }
                })?,
                "Change speakers".into(),
            )
            .touching(id),
            Intent::SetAddressee { id, addressee } => Planned::new(
                modify(id, &|a| a.addressee = addressee)?,
                "Set addressee".into(),
            )
            .touching(id),
            Intent::SetCue { id, range } => {
                let (doc, _) = self.existing(id)?;
                let cue = range
                    .map(|r| self.fragment(&doc, r).map(Box::new))
                    .transpose()?;
                Planned::new(modify(id, &|a| a.cue = cue.clone())?, "Set cue".into()).touching(id)
            }
            Intent::CreateSpeakerFor { id, name, role } => {
                let name = name.trim().to_string();
                if name.is_empty() {
                    return Err(IntentError::Nameless);
                }
                let sid = self.project.next_speaker_id();
                let speaker = Speaker::new(sid, name);
                Planned::new(
                    Edit::Batch(vec![
                        Edit::PutSpeaker(speaker),
                        modify(id, &|a| match role {
                            SpeakerRole::Main => set_main_speaker(a, Some(sid)),
                            SpeakerRole::Another => a.speakers.push(sid),
                            SpeakerRole::Addressee => a.addressee = Some(sid),
                        })?,
                    ]),
                    "New speaker".into(),
                )
                .touching(id)
            }
            Intent::SetNote { id, note } => {
                Planned::new(modify(id, &|a| a.note = note.clone())?, "Edit note".into())
                    .merging(MergeKey::Note(id))
                    .touching(id)
            }
            Intent::EditSpeaker { .. }
            | Intent::MergeSpeakers { .. }
            | Intent::SplitAlias { .. }
            | Intent::DeleteSpeaker { .. } => self.plan_registry(intent)?,
            Intent::Reattach { id, doc, range } => {
                let (old_doc, mut annotation) = self.existing(id)?;
                annotation.fragments = vec![self.fragment(&doc, range)?];
                // A cue lost with the annotation (or on another document) would point at
                // unrelated words: it is kept only where its text still is.
                let text = self.corpus.document(&doc).map(|d| &d.text);
                if annotation
                    .cue
                    .as_ref()
                    .is_some_and(|c| text.and_then(|t| t.slice(c.start..c.end)) != Some(c.text()))
                {
                    annotation.cue = None;
                }
                annotation.anchor = AnchorStatus::Placed;
                annotation.modified = now.as_str().into();
                let put = Edit::PutAnnotation {
                    doc: doc.clone(),
                    annotation,
                };
                let edit = if old_doc == doc {
                    put
                } else {
                    Edit::Batch(vec![Edit::RemoveAnnotation { doc: old_doc, id }, put])
                };
                Planned::new(edit, "Re-attach annotation".into()).touching(id)
            }
            Intent::MarkReviewed { id } => Planned::new(
                modify(id, &|a| a.anchor = AnchorStatus::Placed)?,
                "Mark reviewed".into(),
            )
            .touching(id),
            Intent::Delete { id } => {
                let (doc, annotation) = self.existing(id)?;
                Planned::new(
                    Edit::RemoveAnnotation { doc, id }, // Undo names what it brings back.
                    format!("Delete {}", describe(&annotation)),
                )
            }
            Intent::SetMetadata { doc, metadata } => {
                let clean =
                    |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
                let metadata = crate::corpus::DocMetadata {
                    title: clean(metadata.title),
                    outlet: clean(metadata.outlet),
                    date: clean(metadata.date),
                    url: clean(metadata.url),
                };
                Planned::new(
                    Edit::SetMetadata { doc, metadata },
                    "Edit document details".into(),
                )
            }
            Intent::SetDone { doc, done } => Planned::new(
                Edit::SetDone { doc, done },
                if done { "Mark done" } else { "Mark not done" }.into(),
            ),
        })
    }
}

/// The text of `range` in `doc`, trimmed of whitespace, with the context that anchors it: of any
/// corpus, so that a run of the engine on another thread can make fragments too.
pub(super) fn fragment_in(
    corpus: &crate::corpus::Corpus,
    doc: &str,
    range: Range<usize>,
) -> Result<Fragment, IntentError> {
    let text = &corpus
        .document(doc)
        .ok_or_else(|| IntentError::NotLoaded(doc.to_string()))?
        .text;
    let range = text.trim(range);
    if range.is_empty() {
        return Err(IntentError::EmptySelection);
    }
    let slice = text
        .slice(range.clone())
        .ok_or_else(|| IntentError::OutsideText {
            doc: doc.to_string(),
            range: range.clone(),
        })?;
    let (prefix, suffix) = text.context_str(range.clone());
    Ok(Fragment::with_context(
        range.start,
        range.end,
        slice,
        prefix,
        suffix,
    ))
}

/// Longest excerpt of an annotation's text that an undo description quotes, in code points.
const EXCERPT_CHARS: usize = 48;

/// An annotation as a person recognises it: its label and the start of its text, "claim “Ukraine
/// cannot accept an arrangement…”".
fn describe(a: &Annotation) -> String {
    let text = a
        .fragments
        .iter()
        .map(|f| f.text().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(" … ");
    let excerpt: String = text.chars().take(EXCERPT_CHARS).collect();
    let more = if excerpt.len() < text.len() {
        "…"
    } else {
        ""
    };
    format!("{} “{}{more}”", a.label.key(), excerpt.trim_end())
}

/// Makes `speaker` the first speaker (others stay), or removes all speakers for `None`.
fn set_main_speaker(a: &mut Annotation, speaker: Option<SpeakerId>) {
    match speaker {
        None => a.speakers.clear(),
        Some(s) => {
            a.speakers.retain(|x| *x != s);
            if a.speakers.is_empty() {
                a.speakers.push(s);
            } else {
                a.speakers[0] = s;
            }
        }
    }
}
