//! Adjudication: the other analysts' spans of a document beside the curated project, which of
//! them all analysts agree on, and accepting one span or every agreeing span into the curated
//! project as one undoable step.

use super::IntentError;
use super::Workspace;
use super::intent::{Planned, now_rfc3339};
use crate::agree::{Coder, Span, alpha_codepoints, overlap_f1, strict_f1};
use crate::edit::Edit;
use crate::project::{Annotation, AnnotationId, Fragment, Label, Project, Speaker, SpeakerId};
use crate::speakers::fold;

/// One analyst's span as the adjudication view lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneSpan {
    pub annotation: Annotation,
    /// Names of its speakers, main first, in the analyst's registry.
    pub speakers: Vec<String>,
    pub addressee: Option<String>,
    /// Every analyst has a span of the same label on the same fragments.
    pub agreed: bool,
    /// The curated project already has a span of the same label on the same fragments.
    pub in_curated: bool,
}

impl LaneSpan {
    /// What accepting it puts into the curated project.
    pub fn to_accept(&self) -> Accepted {
        Accepted {
            label: self.annotation.label,
            fragments: self.annotation.fragments.clone(),
            cue: self.annotation.cue.as_deref().cloned(),
            note: self.annotation.note.clone(),
            speakers: self.speakers.clone(),
            addressee: self.addressee.clone(),
        }
    }
}

/// A span to copy into the curated project; speakers by name, joined with the curated
/// project's speakers by name key (case and accents aside, aliases included).
#[derive(Clone, Debug, PartialEq)]
pub struct Accepted {
    pub label: Label,
    pub fragments: Vec<Fragment>,
    pub cue: Option<Fragment>,
    pub note: String,
    pub speakers: Vec<String>,
    pub addressee: Option<String>,
}

/// One analyst's lane for a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    pub analyst: String,
    /// Placed spans in text order; empty when the analyst annotated another text.
    pub spans: Vec<LaneSpan>,
    /// The analyst's project has the document with another content hash (or not at all).
    pub other_text: bool,
}

/// The agreement figures of one document over the analysts whose text matches.
#[derive(Clone, Debug, PartialEq)]
pub struct DocAgreement {
    pub strict_f1: Option<f64>,
    pub overlap_f1: Option<f64>,
    /// Krippendorff's code point alpha per label, in [`Label::ALL`] order.
    pub alpha: Vec<Option<f64>>,
}

/// A measure of a pair of coders' spans, as `strict_f1` and `overlap_f1`.
type PairMeasure = dyn Fn(&[&Span], &[&Span]) -> Option<f64>;

/// Sorted `(start, end)` pairs: what "the same fragments" compares.
fn offsets(a: &Annotation) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = a.fragments.iter().map(|f| (f.start, f.end)).collect();
    v.sort_unstable();
    v
}

fn names(project: &Project, ids: &[SpeakerId]) -> Vec<String> {
    ids.iter()
        .filter_map(|id| project.speaker(*id).map(|s| s.name.clone()))
        .collect()
}

impl Workspace {
    /// The analysts' lanes of `doc`: each analyst's placed spans, marked where all analysts
    /// agree and where the curated project already has them. Analysts whose document has another
    /// hash than the curated one get an empty lane marked `other_text`.
    pub fn adjudication(&self, coders: &[Coder], doc: &str) -> Vec<Lane> {
        let hash = self.project.document(doc).map(|d| d.hash.as_str());
        let entries: Vec<Option<&crate::project::DocEntry>> = coders
            .iter()
            .map(|c| {
                c.project
                    .document(doc)
                    .filter(|d| Some(d.hash.as_str()) == hash)
            })
            .collect();
        let keys = |entry: Option<&crate::project::DocEntry>| -> Vec<(Label, Vec<(usize, usize)>)> {
            entry.map_or_else(Vec::new, |e| {
                e.annotations
                    .iter()
                    .filter(|a| a.is_placed())
                    .map(|a| (a.label, offsets(a)))
                    .collect()
            })
        };
        let all_keys: Vec<_> = entries.iter().map(|e| keys(*e)).collect();
        let curated = keys(self.project.document(doc));
        coders
            .iter()
            .zip(&entries)
            .map(|(coder, entry)| {
                let mut spans: Vec<LaneSpan> = entry
                    .map(|e| e.annotations.as_slice())
                    .unwrap_or_default()
                    .iter()
                    .filter(|a| a.is_placed())
                    .map(|a| {
                        let key = (a.label, offsets(a));
                        LaneSpan {
                            speakers: names(&coder.project, &a.speakers),
                            addressee: a
                                .addressee
                                .and_then(|id| coder.project.speaker(id))
                                .map(|s| s.name.clone()),
                            agreed: coders.len() > 1 && all_keys.iter().all(|k| k.contains(&key)),
                            in_curated: curated.contains(&key),
                            annotation: a.clone(),
                        }
                    })
                    .collect();
                spans.sort_by_key(|s| (s.annotation.start(), s.annotation.end()));
                Lane {
                    analyst: coder.name.clone(),
                    spans,
                    other_text: entry.is_none(),
                }
            })
            .collect()
    }

    /// Agreement over `doc` between the analysts whose document matches the curated one: strict
    /// and overlap F1 (mean over pairs) and code point alpha per label, as `whosaid agree`
    /// defines them. `None` when fewer than two analysts annotated this text.
    pub fn doc_agreement(&self, coders: &[Coder], doc: &str) -> Option<DocAgreement> {
        let lanes = self.adjudication(coders, doc);
        let len = self.corpus.document(doc)?.text.char_len();
        let spans: Vec<Vec<Span>> = lanes
            .iter()
            .filter(|l| !l.other_text)
            .map(|lane| {
                lane.spans
                    .iter()
                    .map(|s| Span {
                        doc: 0,
                        label: Label::ALL
                            .iter()
                            .position(|l| *l == s.annotation.label)
                            .unwrap_or(0),
                        fragments: offsets(&s.annotation),
                        speaker: s.speakers.first().map(|n| fold(n)).unwrap_or_default(),
                    })
                    .collect()
            })
            .collect();
        if spans.len() < 2 {
            return None;
        }
        let refs = |keep: &dyn Fn(&Span) -> bool| -> Vec<Vec<&Span>> {
            spans
                .iter()
                .map(|v| v.iter().filter(|s| keep(s)).collect())
                .collect()
        };
        let all = refs(&|_| true);
        let mean = |f: &PairMeasure| {
            let values: Vec<f64> = (0..all.len())
                .flat_map(|a| (a + 1..all.len()).map(move |b| (a, b)))
                .filter_map(|(a, b)| f(&all[a], &all[b]))
                .collect();
            (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
        };
        Some(DocAgreement {
            strict_f1: mean(&strict_f1),
            overlap_f1: mean(&overlap_f1),
            alpha: (0..Label::ALL.len())
                .map(|i| alpha_codepoints(&[len], &refs(&|s: &Span| s.label == i)))
                .collect(),
        })
    }

    /// Plans copying `spans` into `doc`: fragments re-read from the curated corpus (they must
    /// still say what the analyst tagged), speakers joined with the registry by name key or
    /// added, one undoable step.
    pub(super) fn plan_accept_spans(
        &self,
        doc: &str,
        spans: &[Accepted],
    ) -> Result<Planned, IntentError> {
        if spans.is_empty() {
            return Err(IntentError::NothingToAccept);
        }
        let now = now_rfc3339();
        let mut added: Vec<Speaker> = Vec::new();
        let mut edits = Vec::new();
        let first = self.project.next_annotation_id().0;
        let ids =
            std::iter::once(first).chain(std::iter::repeat_with(crate::project::fresh_session_id));
        for (id, s) in ids.zip(spans) {
            let reread = |f: &Fragment| -> Result<Fragment, IntentError> {
                let fresh = self.fragment(doc, f.start..f.end)?;
                if fresh.text() != f.text() {
                    return Err(IntentError::TextDiffers {
                        doc: doc.to_string(),
                        start: f.start,
                        end: f.end,
                        curated: fresh.text().to_string(),
                        tagged: f.text().to_string(),
                    });
                }
                Ok(fresh)
            };
            let fragments = s.fragments.iter().map(reread).collect::<Result<_, _>>()?;
            let cue = s.cue.as_ref().map(reread).transpose()?;
            let mut speakers: Vec<SpeakerId> = Vec::new();
            for name in &s.speakers {
                let sid = self.speaker_by_name(name, &mut added);
                if !speakers.contains(&sid) {
                    speakers.push(sid);
                }
            }
            let addressee = s
                .addressee
                .as_ref()
                .map(|n| self.speaker_by_name(n, &mut added));
            edits.push(Edit::PutAnnotation {
                doc: doc.to_string(),
                annotation: Annotation {
                    speakers,
                    addressee,
                    cue: cue.map(Box::new),
                    note: s.note.clone(),
                    ..Annotation::new(AnnotationId(id), s.label, fragments, now.clone())
                },
            });
        }
        let edits: Vec<Edit> = added
            .into_iter()
            .map(Edit::PutSpeaker)
            .chain(edits)
            .collect();
        let description = match spans.len() {
            1 => format!("Accept analyst's {}", spans[0].label.key()),
            n => format!("Accept {n} agreeing spans"),
        };
        let planned = Planned::new(Edit::Batch(edits), description);
        Ok(match spans.len() {
            1 => planned.touching(AnnotationId(first)),
            _ => planned,
        })
    }

    /// The curated registry's speaker named `name` (name or alias, case and accents aside), or
    /// a new one added to `added` (reused within the same step).
    fn speaker_by_name(&self, name: &str, added: &mut Vec<Speaker>) -> SpeakerId {
        let wanted = fold(name.trim());
        if let Some(s) = self
            .project
            .speakers
            .iter()
            .chain(added.iter())
            .find(|s| s.names().any(|n| fold(n) == wanted))
        {
            return s.id;
        }
        let id = match added.is_empty() {
            true => self.project.next_speaker_id().0,
            false => crate::project::fresh_session_id(),
        };
        added.push(Speaker::new(SpeakerId(id), name.trim().to_string()));
        SpeakerId(id)
    }

    /// Every agreeing span of `doc` not yet in the curated project, once (from the first lane).
    pub fn agreeing_to_accept(&self, coders: &[Coder], doc: &str) -> Vec<Accepted> {
        let lanes = self.adjudication(coders, doc);
        lanes
            .iter()
            .find(|l| !l.other_text)
            .map(|l| {
                l.spans
                    .iter()
                    .filter(|s| s.agreed && !s.in_curated)
                    .map(LaneSpan::to_accept)
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Intent;

    const TEXT: &str = "“We will not give up,” said Volodymyr Zelensky. Putin demanded talks.";

    fn find(needle: &str) -> (usize, usize) {
        let b = TEXT.find(needle).unwrap();
        let s = TEXT[..b].chars().count();
        (s, s + needle.chars().count())
    }

    fn curated() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), TEXT).unwrap();
        let ws = Workspace::open_corpus(dir.path()).unwrap();
        (dir, ws)
    }

    /// An analyst's project over the same text: `spans` as (label, needle, speaker name).
    fn analyst(ws: &Workspace, name: &str, spans: &[(Label, &str, Option<&str>)]) -> Coder {
        let mut project = ws.project().clone();
        for (next, (label, needle, speaker)) in (1..).zip(spans) {
            let (s, e) = find(needle);
            let mut a = Annotation::new(
                AnnotationId(next),
                *label,
                vec![Fragment::new(s, e, *needle)],
                "2026-11-30T10:00:00Z",
            );
            if let Some(n) = speaker {
                let sid = SpeakerId(100 + next);
                project.speakers.push(Speaker::new(sid, *n));
                a.speakers.push(sid);
            }
            a.note = format!("by {name}");
            project.document_mut("a.txt").unwrap().annotations.push(a);
        }
        Coder {
            name: name.into(),
            project,
            corpus: ws.corpus().root.clone(),
        }
    }

    fn three(ws: &Workspace) -> Vec<Coder> {
        let quote = (
            Label::Quote,
            "We will not give up",
            Some("Volodymyr Zelensky"),
        );
        vec![
            analyst(
                ws,
                "ann",
                &[quote, (Label::Demand, "Putin demanded talks", None)],
            ),
            analyst(
                ws,
                "bo",
                &[quote, (Label::Claim, "Putin demanded talks", None)],
            ),
            analyst(
                ws,
                "cy",
                &[(Label::Quote, "We will not give up", Some("ZELENSKY"))],
            ),
        ]
    }

    #[test]
    fn lanes_mark_what_every_analyst_tagged_the_same_way() {
        let (_dir, ws) = curated();
        let coders = three(&ws);
        let lanes = ws.adjudication(&coders, "a.txt");
        assert_eq!(lanes.len(), 3);
        assert_eq!(lanes[0].analyst, "ann");
        let flags: Vec<Vec<bool>> = lanes
            .iter()
            .map(|l| l.spans.iter().map(|s| s.agreed).collect())
            .collect();
        assert_eq!(
            flags,
            vec![vec![true, false], vec![true, false], vec![true]]
        );
        assert_eq!(lanes[2].spans[0].speakers, vec!["ZELENSKY".to_string()]);
        let figures = ws.doc_agreement(&coders, "a.txt").unwrap();
        // Pairs: ann-bo 2*1/4, ann-cy 2*1/3, bo-cy 2*1/3.
        let expected = (0.5 + 2.0 / 3.0 + 2.0 / 3.0) / 3.0;
        assert!((figures.strict_f1.unwrap() - expected).abs() < 1e-9);
        let quote = Label::ALL.iter().position(|l| *l == Label::Quote).unwrap();
        assert_eq!(
            figures.alpha[quote],
            Some(1.0),
            "all three covered the same points"
        );
    }

    #[test]
    fn accepting_one_span_copies_label_fragments_note_and_joins_the_speaker_by_name() {
        let (_dir, mut ws) = curated();
        let coders = three(&ws);
        let known = Speaker {
            aliases: vec!["Zelensky".into()],
            ..Speaker::new(SpeakerId(7), "Volodymyr Zelensky")
        };
        ws.project_mut_for_tests().speakers.push(known);
        let lanes = ws.adjudication(&coders, "a.txt");
        let span = lanes[2].spans[0].to_accept();
        let id = ws
            .perform(Intent::AcceptSpans {
                doc: "a.txt".into(),
                spans: vec![span],
            })
            .unwrap()
            .annotation
            .unwrap();
        let (_, a) = ws.project().find_annotation(id).unwrap();
        assert_eq!(a.label, Label::Quote);
        assert_eq!(a.fragments[0].text(), "We will not give up");
        assert_eq!(a.note, "by cy");
        // "ZELENSKY" is the alias of the curated speaker, case aside.
        assert_eq!(a.speaker(), Some(SpeakerId(7)));
        assert_eq!(ws.project().speakers.len(), 1);
        let lanes = ws.adjudication(&coders, "a.txt");
        assert!(lanes[0].spans[0].in_curated);
        assert_eq!(
            ws.history().undo_description(),
            Some("Accept analyst's quote")
        );
        ws.undo().unwrap();
        assert!(ws.project().find_annotation(id).is_none());
    }

    #[test]
    fn speakers_join_the_registry_case_and_accents_aside_and_new_ones_are_added_once() {
        let (_dir, mut ws) = curated();
        let coders = vec![analyst(
            &ws,
            "ann",
            &[(
                Label::Quote,
                "We will not give up",
                Some("Volodymyr Zelensky"),
            )],
        )];
        let mut twice = ws.adjudication(&coders, "a.txt")[0].spans[0].to_accept();
        twice.addressee = Some("volodymyr zelenský".into());
        ws.perform(Intent::AcceptSpans {
            doc: "a.txt".into(),
            spans: vec![twice],
        })
        .unwrap();
        assert_eq!(ws.project().speakers.len(), 1, "one speaker, named twice");
        let (_, a) = ws.project().annotations().next().unwrap();
        assert_eq!(a.addressee, a.speaker());
        // A second acceptance finds the speaker now in the registry.
        let again = ws.adjudication(&coders, "a.txt")[0].spans[0].to_accept();
        ws.perform(Intent::AcceptSpans {
            doc: "a.txt".into(),
            spans: vec![again],
        })
        .unwrap();
        assert_eq!(ws.project().speakers.len(), 1);
    }

    #[test]
    fn accepting_all_agreeing_spans_is_one_step_and_skips_what_is_already_curated() {
        let (_dir, mut ws) = curated();
        let both = [
            (Label::Quote, "We will not give up", None),
            (Label::Demand, "Putin demanded talks", None),
            (Label::Claim, "Volodymyr Zelensky", None),
        ];
        let coders = vec![analyst(&ws, "ann", &both), analyst(&ws, "bo", &both[..2])];
        let agreeing = ws.agreeing_to_accept(&coders, "a.txt");
        assert_eq!(agreeing.len(), 2);
        ws.perform(Intent::AcceptSpans {
            doc: "a.txt".into(),
            spans: agreeing,
        })
        .unwrap();
        let texts: Vec<String> = ws
            .project()
            .annotations()
            .map(|(_, a)| a.fragments[0].text().to_string())
            .collect();
        assert_eq!(texts.len(), 2);
        assert!(texts.contains(&"Putin demanded talks".to_string()));
        assert!(ws.agreeing_to_accept(&coders, "a.txt").is_empty());
        assert_eq!(
            ws.history().undo_description(),
            Some("Accept 2 agreeing spans")
        );
        ws.undo().unwrap();
        assert_eq!(ws.project().annotations().count(), 0);
    }

    #[test]
    fn a_span_on_other_text_is_refused_and_changes_nothing() {
        let (_dir, mut ws) = curated();
        let coders = vec![analyst(
            &ws,
            "ann",
            &[(Label::Quote, "We will not give up", None)],
        )];
        let mut span = ws.adjudication(&coders, "a.txt")[0].spans[0].to_accept();
        span.fragments[0].set_text("We shall not give in");
        let err = ws
            .perform(Intent::AcceptSpans {
                doc: "a.txt".into(),
                spans: vec![span],
            })
            .unwrap_err();
        assert!(err.to_string().contains("a.txt 1..20"), "{err}");
        assert_eq!(ws.project().annotations().count(), 0);
    }
}
