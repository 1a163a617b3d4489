//! Speaker registry changes: edit, merge, split an alias out, delete. Each is one undoable edit
//! that also re-points every span that names the speaker (as a speaker or as the addressee).

use super::Workspace;
use super::intent::{Intent, Planned, now_rfc3339};
use super::intent_error::IntentError;
use crate::edit::Edit;
use crate::project::{Annotation, Speaker, SpeakerId};

/// The name and aliases cleaned up: trimmed, no blanks, no repeats, no alias equal to the name.
fn tidy(mut speaker: Speaker) -> Result<Speaker, IntentError> {
    speaker.name = speaker.name.trim().to_string();
    if speaker.name.is_empty() {
        return Err(IntentError::Nameless);
    }
    speaker.role = speaker.role.trim().to_string();
    let mut kept: Vec<String> = Vec::new();
    for alias in speaker.aliases.drain(..) {
        let alias = alias.trim().to_string();
        if !alias.is_empty() && alias != speaker.name && !kept.contains(&alias) {
            kept.push(alias);
        }
    }
    speaker.aliases = kept;
    Ok(speaker)
}

impl Workspace {
    fn registered(&self, id: SpeakerId) -> Result<&Speaker, IntentError> {
        self.project.speaker(id).ok_or(IntentError::NoSpeaker(id))
    }

    /// Edits putting back every annotation that names `from`, with `to` in its place (or without
    /// it when `to` is `None`).
    fn repoint(&self, from: SpeakerId, to: Option<SpeakerId>) -> Vec<Edit> {
        let now = now_rfc3339();
        self.project
            .annotations()
            .filter(|(_, a)| a.mentions(from))
            .map(|(d, a)| {
                let mut a: Annotation = a.clone();
                let mut speakers = Vec::with_capacity(a.speakers.len());
                for s in a
                    .speakers
                    .iter()
                    .map(|s| if *s == from { to } else { Some(*s) })
                {
                    if let Some(s) = s
                        && !speakers.contains(&s)
                    {
                        speakers.push(s);
                    }
                }
                a.speakers = speakers;
                if a.addressee == Some(from) {
                    a.addressee = to;
                }
                a.modified = now.as_str().into();
                Edit::PutAnnotation {
                    doc: d.path.clone(),
                    annotation: a,
                }
            })
            .collect()
    }

    pub(super) fn plan_registry(&self, intent: Intent) -> Result<Planned, IntentError> {
        Ok(match intent {
            Intent::EditSpeaker { speaker } => {
                self.registered(speaker.id)?;
                Planned::new(Edit::PutSpeaker(tidy(speaker)?), "Edit speaker".into())
            }
            Intent::MergeSpeakers { keep, merge } => {
                if keep == merge {
                    return Err(IntentError::SelfMerge);
                }
                let mut kept = self.registered(keep)?.clone();
                let merged = self.registered(merge)?;
                kept.aliases.extend(merged.names().map(str::to_string));
                if kept.role.is_empty() {
                    kept.role.clone_from(&merged.role);
                }
                let mut edits = self.repoint(merge, Some(keep));
                edits.push(Edit::PutSpeaker(tidy(kept)?));
                edits.push(Edit::RemoveSpeaker(merge));
                Planned::new(
                    Edit::Batch(edits),
                    format!(
                        "Merge “{}” into “{}”",
                        merged.name,
                        self.registered(keep)?.name
                    ),
                )
            }
            Intent::SplitAlias {
                speaker,
                alias,
                spans,
            } => {
                let mut original = self.registered(speaker)?.clone();
                let Some(i) = original.aliases.iter().position(|a| *a == alias) else {
                    return Err(IntentError::NotAnAlias {
                        alias,
                        speaker: original.name.clone(),
                    });
                };
                original.aliases.remove(i);
                let new_id = self.project.next_speaker_id();
                let mut split = Speaker::new(new_id, alias.clone());
                split.kind = original.kind;
                let now = now_rfc3339();
                let mut edits = vec![Edit::PutSpeaker(original), Edit::PutSpeaker(split)];
                for (d, a) in self.project.annotations() {
                    if spans.contains(&a.id) && a.mentions(speaker) {
                        let mut a = a.clone();
                        for s in a.speakers.iter_mut().chain(a.addressee.iter_mut()) {
                            if *s == speaker {
                                *s = new_id;
                            }
                        }
                        a.modified = now.as_str().into();
                        edits.push(Edit::PutAnnotation {
                            doc: d.path.clone(),
                            annotation: a,
                        });
                    }
                }
                Planned::new(
                    Edit::Batch(edits),
                    format!("Split “{alias}” into its own speaker"),
                )
            }
            Intent::DeleteSpeaker { id, reassign } => {
                let name = self.registered(id)?.name.clone();
                if let Some(r) = reassign {
                    self.registered(r)?;
                }
                let mut edits = self.repoint(id, reassign);
                edits.push(Edit::RemoveSpeaker(id));
                Planned::new(Edit::Batch(edits), format!("Delete speaker “{name}”"))
            }
            other => return Err(IntentError::NotRegistry(format!("{other:?}"))),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{Label, SpeakerKind};

    /// Three spans: Zelenskiy alone, "Mr Zelensky" as a separate speaker, and a joint one.
    fn workspace() -> (tempfile::TempDir, Workspace, [SpeakerId; 3]) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("c")).unwrap();
        std::fs::write(
            dir.path().join("c/a.txt"),
            "Zelenskiy said no. Mr Zelensky said yes. Logan and Zelensky agreed.\n",
        )
        .unwrap();
        let mut ws = Workspace::open_corpus(&dir.path().join("c")).unwrap();
        let mut ids = Vec::new();
        for (range, name) in [
            (0..18, "Volodymyr Zelenskiy"),
            (19..40, "Mr Zelensky"),
            (41..67, "Justin Logan"),
        ] {
            let id = ws
                .perform(Intent::Tag {
                    doc: "a.txt".into(),
                    range,
                    label: Label::Claim,
                })
                .unwrap()
                .annotation
                .unwrap();
            ws.perform(Intent::CreateSpeakerFor {
                id,
                name: name.into(),
                role: crate::workspace::SpeakerRole::Main,
            })
            .unwrap();
            ids.push(id);
        }
        let sp: Vec<SpeakerId> = ws.project.speakers.iter().map(|s| s.id).collect();
        // The joint span is said by Logan and "Mr Zelensky".
        ws.perform(Intent::ToggleSpeaker {
            id: ids[2],
            speaker: sp[1],
        })
        .unwrap();
        (dir, ws, [sp[0], sp[1], sp[2]])
    }

    #[test]
    fn merging_repoints_every_span_unites_aliases_and_undoes_in_one_step() {
        let (_dir, mut ws, [zel, mr, logan]) = workspace();
        let before = ws.project.clone();
        ws.perform(Intent::MergeSpeakers {
            keep: zel,
            merge: mr,
        })
        .unwrap();
        assert!(ws.project.speaker(mr).is_none());
        let kept = ws.project.speaker(zel).unwrap();
        assert_eq!(kept.aliases, ["Mr Zelensky"]);
        let speakers: Vec<Vec<SpeakerId>> = ws
            .project
            .annotations()
            .map(|(_, a)| a.speakers.clone())
            .collect();
        assert_eq!(speakers, [vec![zel], vec![zel], vec![logan, zel]]);
        assert_eq!(ws.project.speaker_use_count(zel), 3);
        ws.undo().unwrap();
        assert_eq!(ws.project, before);
    }

    #[test]
    fn an_alias_split_out_takes_the_chosen_spans() {
        let (_dir, mut ws, [zel, mr, _]) = workspace();
        ws.perform(Intent::MergeSpeakers {
            keep: zel,
            merge: mr,
        })
        .unwrap();
        let second = ws.project.annotations().nth(1).unwrap().1.id;
        ws.perform(Intent::SplitAlias {
            speaker: zel,
            alias: "Mr Zelensky".into(),
            spans: vec![second],
        })
        .unwrap();
        let new = ws
            .project
            .speakers
            .iter()
            .find(|s| s.name == "Mr Zelensky")
            .unwrap()
            .id;
        assert!(ws.project.speaker(zel).unwrap().aliases.is_empty());
        assert_eq!(
            ws.project.find_annotation(second).unwrap().1.speakers,
            [new]
        );
        assert_eq!(ws.project.speaker_use_count(zel), 2);
    }

    #[test]
    fn deleting_a_used_speaker_reassigns_or_unattributes_its_spans() {
        let (_dir, mut ws, [zel, mr, logan]) = workspace();
        ws.perform(Intent::DeleteSpeaker {
            id: mr,
            reassign: None,
        })
        .unwrap();
        let speakers: Vec<Vec<SpeakerId>> = ws
            .project
            .annotations()
            .map(|(_, a)| a.speakers.clone())
            .collect();
        assert_eq!(speakers, [vec![zel], vec![], vec![logan]]);
        ws.undo().unwrap();
        ws.perform(Intent::DeleteSpeaker {
            id: mr,
            reassign: Some(zel),
        })
        .unwrap();
        assert_eq!(ws.project.speaker_use_count(zel), 3);
    }

    #[test]
    fn editing_keeps_kind_and_role_and_tidies_aliases() {
        let (_dir, mut ws, [zel, ..]) = workspace();
        let mut s = ws.project.speaker(zel).unwrap().clone();
        s.aliases = vec![
            " Zelensky ".into(),
            "".into(),
            "Zelensky".into(),
            s.name.clone(),
        ];
        s.kind = SpeakerKind::Person;
        s.role = " President of Ukraine ".into();
        ws.perform(Intent::EditSpeaker { speaker: s }).unwrap();
        let s = ws.project.speaker(zel).unwrap();
        assert_eq!(s.aliases, ["Zelensky"]);
        assert_eq!(s.role, "President of Ukraine");
        assert!(
            ws.perform(Intent::MergeSpeakers {
                keep: zel,
                merge: zel
            })
            .is_err()
        );
    }
}
