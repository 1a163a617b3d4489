//! Why an intent was refused: the one error type of planning and performing, whose messages are
//! the words the app's status bar and the command line show.

use crate::edit::EditError;
use crate::project::{AnnotationId, SpeakerId};

/// Why [`super::Workspace::perform`] did nothing; the project and its history are as they were.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum IntentError {
    /// The document's text is not in the corpus (a missing file), so nothing can be placed on it.
    #[error("document {0:?} is not loaded")]
    NotLoaded(String),
    #[error("document {0:?} is not in the project")]
    NoDocument(String),
    /// The range is empty once trimmed of whitespace.
    #[error("select some text first")]
    EmptySelection,
    #[error("{}..{} is outside {doc:?}", range.start, range.end)]
    OutsideText {
        doc: String,
        range: std::ops::Range<usize>,
    },
    #[error("annotation {} does not exist", .0.0)]
    NoAnnotation(AnnotationId),
    #[error("this annotation is orphaned: re-attach it to text first")]
    Orphaned,
    #[error("the new fragment overlaps the annotation")]
    Overlap,
    #[error("a speaker needs a name")]
    Nameless,
    #[error("speaker {} does not exist", .0.0)]
    NoSpeaker(SpeakerId),
    #[error("a speaker cannot be merged with itself")]
    SelfMerge,
    #[error("\u{201c}{alias}\u{201d} is not an alias of \u{201c}{speaker}\u{201d}")]
    NotAnAlias { alias: String, speaker: String },
    /// An intent handed to the registry planner that is not a registry change (a bug).
    #[error("not a registry change: {0}")]
    NotRegistry(String),
    /// Adjudication: nothing was selected or left to accept.
    #[error("no span to accept")]
    NothingToAccept,
    /// Adjudication: the analyst's copy of the document reads differently at the span.
    #[error(
        "{doc} {start}..{end}: the curated corpus reads {curated:?} where the analyst tagged {tagged:?}"
    )]
    TextDiffers {
        doc: String,
        start: usize,
        end: usize,
        curated: String,
        tagged: String,
    },
    #[error("no such suggestion")]
    NoSuggestion,
    /// Suggestions found in a project that is no longer the one open.
    #[error("these suggestions were found in another project")]
    OtherProject,
    /// The project was replaced (or all its suggestions were) while the engine ran.
    #[error("the project changed as a whole while suggesting: suggest again")]
    ChangedMeanwhile,
    /// The planned edit did not apply.
    #[error(transparent)]
    Edit(#[from] EditError),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Label;
    use crate::workspace::{Intent, Workspace};

    /// The messages the status bar and the command line showed when errors were strings, word
    /// for word, and a refused intent leaves nothing to save.
    #[test]
    fn refusals_read_as_before_and_change_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("c")).unwrap();
        std::fs::write(dir.path().join("c/a.txt"), "Logan said no.\n").unwrap();
        let mut ws = Workspace::open_corpus(&dir.path().join("c")).unwrap();
        let tag = |doc: &str, range| Intent::Tag {
            doc: doc.into(),
            range,
            label: Label::Claim,
        };
        let id = ws.perform(tag("a.txt", 0..14)).unwrap().annotation.unwrap();
        ws.saved_state = ws.history.state(); // As if saved: a refusal must not dirty it.
        let cases = [
            (tag("a.txt", 14..15), "select some text first".to_string()),
            (
                tag("b.txt", 0..3),
                "document \"b.txt\" is not loaded".into(),
            ),
            (
                Intent::Delete {
                    id: AnnotationId(id.0 + 1000),
                },
                format!("annotation {} does not exist", id.0 + 1000),
            ),
            (
                Intent::AddFragment { id, range: 6..10 },
                "the new fragment overlaps the annotation".into(),
            ),
            (
                Intent::CreateSpeakerFor {
                    id,
                    name: "  ".into(),
                    role: crate::workspace::SpeakerRole::Main,
                },
                "a speaker needs a name".into(),
            ),
            (
                Intent::MergeSpeakers {
                    keep: SpeakerId(7),
                    merge: SpeakerId(7),
                },
                "a speaker cannot be merged with itself".into(),
            ),
            (
                Intent::MergeSpeakers {
                    keep: SpeakerId(7),
                    merge: SpeakerId(8),
                },
                "speaker 7 does not exist".into(),
            ),
            (
                Intent::RejectSuggestion {
                    doc: "a.txt".into(),
                    id: 3,
                },
                "no such suggestion".into(),
            ),
        ];
        for (intent, message) in cases {
            let err = ws.perform(intent.clone()).unwrap_err();
            assert_eq!(err.to_string(), message, "{intent:?}");
            assert!(!ws.is_dirty(), "{intent:?} left a change");
        }
        // Trimming keeps a range inside its text, so this one is only reached by a bug.
        let outside = IntentError::OutsideText {
            doc: "a.txt".into(),
            range: 10..90,
        };
        assert_eq!(outside.to_string(), "10..90 is outside \"a.txt\"");
        let not_alias = IntentError::NotAnAlias {
            alias: "Mr L".into(),
            speaker: "Justin Logan".into(),
        };
        assert_eq!(
            not_alias.to_string(),
            "\u{201c}Mr L\u{201d} is not an alias of \u{201c}Justin Logan\u{201d}"
        );
    }
}
