//! Intents made from what the analyst chose: a speaker picked (or named) for an annotation or a
//! pending suggestion, a suggestion relabelled, an alias split out of a speaker.

use super::{Intent, SpeakerRole, Workspace};
use crate::project::{AnnotationId, Guess, Label, SpeakerId};

/// What a picked speaker goes to.
#[derive(Clone, Debug, PartialEq)]
pub enum PickTarget {
    Annotation(AnnotationId),
    /// A pending suggestion of a document, before it is accepted.
    Suggestion {
        doc: String,
        id: u64,
    },
}

/// The speaker chosen: one of the registry, or a new one by the name typed.
#[derive(Clone, Debug, PartialEq)]
pub enum SpeakerChoice {
    Existing(SpeakerId),
    New(String),
}

impl Workspace {
    /// What choosing `choice` as the `role` of `target` changes: the annotation's speakers, or
    /// the suggestion's proposed speaker or addressee (a registry speaker, or a name to add on
    /// accepting). `None` when the target or the speaker is gone.
    pub fn speaker_intent(
        &self,
        target: PickTarget,
        role: SpeakerRole,
        choice: SpeakerChoice,
    ) -> Option<Intent> {
        match target {
            PickTarget::Annotation(id) => Some(match (choice, role) {
                (SpeakerChoice::Existing(speaker), SpeakerRole::Main) => Intent::SetSpeaker {
                    id,
                    speaker: Some(speaker),
                },
                (SpeakerChoice::Existing(speaker), SpeakerRole::Another) => {
                    Intent::ToggleSpeaker { id, speaker }
                }
                (SpeakerChoice::Existing(speaker), SpeakerRole::Addressee) => {
                    Intent::SetAddressee {
                        id,
                        addressee: Some(speaker),
                    }
                }
                (SpeakerChoice::New(name), role) => Intent::CreateSpeakerFor { id, name, role },
            }),
            PickTarget::Suggestion { doc, id } => {
                let guess = match choice {
                    SpeakerChoice::Existing(speaker) => Guess {
                        id: Some(speaker),
                        name: self.project.speaker_name(Some(speaker))?.to_string(),
                    },
                    SpeakerChoice::New(name) => Guess {
                        id: None,
                        name: name.trim().to_string(),
                    },
                };
                let mut changed = self.pending_of(&doc).iter().find(|p| p.id == id)?.clone();
                match role {
                    SpeakerRole::Addressee => changed.addressee = Some(guess),
                    SpeakerRole::Main | SpeakerRole::Another => changed.speaker = Some(guess),
                }
                Some(Intent::EditSuggestion {
                    doc,
                    pending: changed,
                })
            }
        }
    }

    /// The speakers named near the target's span, closest first: what a picker offers first.
    pub fn speakers_near(&self, target: &PickTarget) -> Vec<SpeakerId> {
        let found = || {
            let (doc, fragments) = match target {
                PickTarget::Annotation(id) => {
                    let (entry, a) = self.project.find_annotation(*id)?;
                    (entry.path.as_str(), &a.fragments)
                }
                PickTarget::Suggestion { doc, id } => {
                    let p = self.pending_of(doc).iter().find(|p| p.id == *id)?;
                    (doc.as_str(), &p.fragments)
                }
            };
            let spans: Vec<_> = fragments.iter().map(|f| f.start..f.end).collect();
            let text = &self.corpus.document(doc)?.text;
            Some(crate::speakers::speakers_named_near(
                &self.project.speakers,
                text,
                &spans,
            ))
        };
        found().unwrap_or_default()
    }

    /// Gives the pending suggestion `id` of `doc` the label `label`; `None` when it is gone or
    /// has that label already.
    pub fn relabel_suggestion(&self, doc: &str, id: u64, label: Label) -> Option<Intent> {
        let p = self.pending_of(doc).iter().find(|p| p.id == id)?;
        (p.label != label).then(|| Intent::EditSuggestion {
            doc: doc.to_string(),
            pending: crate::project::Pending { label, ..p.clone() },
        })
    }

    /// Takes `alias` out of `speaker` into a speaker of its own, with the spans whose surrounding
    /// text uses it; also says how many spans go.
    pub fn split_alias(&self, speaker: SpeakerId, alias: &str) -> (Intent, usize) {
        let spans = crate::speakers::spans_using_alias(&self.project, speaker, alias);
        let n = spans.len();
        let intent = Intent::SplitAlias {
            speaker,
            alias: alias.to_string(),
            spans,
        };
        (intent, n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{Fragment, Pending};

    fn workspace() -> (tempfile::TempDir, Workspace, AnnotationId) {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(
            corpus.join("a.txt"),
            "Anna Berg said the bridge will open. The bridge stays shut, said Carl Dahl.\n",
        )
        .unwrap();
        let mut ws = Workspace::open_corpus(&corpus).unwrap();
        let id = ws
            .perform(Intent::Tag {
                doc: "a.txt".into(),
                range: 15..35,
                label: Label::Claim,
            })
            .unwrap()
            .annotation
            .unwrap();
        (dir, ws, id)
    }

    #[test]
    fn a_picked_or_typed_speaker_attributes_the_annotation_in_its_role() {
        let (_dir, mut ws, id) = workspace();
        let intent = ws.speaker_intent(
            PickTarget::Annotation(id),
            SpeakerRole::Main,
            SpeakerChoice::New("Anna Berg".into()),
        );
        ws.perform(intent.unwrap()).unwrap();
        let anna = ws.project.find_annotation(id).unwrap().1.speaker().unwrap();
        assert_eq!(ws.project.speaker_name(Some(anna)), Some("Anna Berg"));
        let role = |role| {
            ws.speaker_intent(
                PickTarget::Annotation(id),
                role,
                SpeakerChoice::Existing(anna),
            )
        };
        assert_eq!(
            role(SpeakerRole::Another),
            Some(Intent::ToggleSpeaker { id, speaker: anna })
        );
        assert_eq!(
            role(SpeakerRole::Addressee),
            Some(Intent::SetAddressee {
                id,
                addressee: Some(anna)
            })
        );
        assert_eq!(
            ws.speakers_near(&PickTarget::Annotation(id)),
            vec![anna],
            "the name in front of the span"
        );
    }

    #[test]
    fn a_speaker_chosen_for_a_suggestion_edits_its_guess() {
        let (_dir, mut ws, _) = workspace();
        let fragment = Fragment::new(37, 58, "The bridge stays shut");
        let p = Pending {
            id: 4,
            label: Label::Claim,
            fragments: vec![fragment],
            speaker: None,
            cue: None,
            addressee: None,
            confidence: 60,
            edited: false,
        };
        ws.set_pending_for_test("a.txt", vec![p]);
        let target = PickTarget::Suggestion {
            doc: "a.txt".into(),
            id: 4,
        };
        let intent = ws.speaker_intent(
            target.clone(),
            SpeakerRole::Main,
            SpeakerChoice::New(" Carl Dahl ".into()),
        );
        let Some(Intent::EditSuggestion { doc, pending }) = intent else {
            panic!("{intent:?}")
        };
        assert_eq!(doc, "a.txt");
        let guess = pending.speaker.unwrap();
        assert_eq!((guess.id, guess.name.as_str()), (None, "Carl Dahl"));
        assert_eq!(ws.relabel_suggestion("a.txt", 4, Label::Claim), None);
        let relabel = ws.relabel_suggestion("a.txt", 4, Label::Quote);
        let Some(Intent::EditSuggestion { pending, .. }) = relabel else {
            panic!("{relabel:?}")
        };
        assert_eq!(pending.label, Label::Quote);
        let gone = PickTarget::Suggestion {
            doc: "a.txt".into(),
            id: 5,
        };
        assert_eq!(
            ws.speaker_intent(gone, SpeakerRole::Main, SpeakerChoice::New("X".into())),
            None
        );
    }
}
