//! Suggestions waiting for the analyst: proposed by the engine, accepted or rejected one by one.
//! They live in the project so that running, accepting and rejecting are undoable edits like any
//! other, but they are not saved: the engine makes them again in an instant. What is saved is
//! what came of them: accepted annotations carry their [`Provenance`], and rejected ones are
//! remembered per document as [`Rejected`] so they are not proposed again.

use super::fragment::Fragment;
use super::ids::SpeakerId;
use super::label::Label;
use serde::{Deserialize, Serialize};

/// Suggestions waiting for the analyst, by document path: unsaved editing state that the
/// workspace keeps beside the project, never in its file.
pub type PendingByDoc = std::collections::BTreeMap<String, Vec<Pending>>;

/// A proposed annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    /// Unique among the project's pending suggestions.
    pub id: u64,
    pub label: Label,
    pub fragments: Vec<Fragment>,
    pub speaker: Option<Guess>,
    pub cue: Option<Fragment>,
    pub addressee: Option<Guess>,
    /// How sure the engine is, in percent.
    pub confidence: u8,
    /// Whether the analyst changed the label or a speaker before accepting.
    pub edited: bool,
}

impl Pending {
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

    /// What is remembered when it is rejected.
    pub fn rejection(&self) -> Rejected {
        Rejected {
            label: self.label,
            text: self.display_text(),
        }
    }
}

/// A proposed speaker or addressee: one of the registry, or a name to add to it on accepting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guess {
    pub id: Option<SpeakerId>,
    /// The registry's name for `id`, or the name as the article gives it.
    pub name: String,
}

/// On an annotation accepted from a suggestion: how sure the engine was, and whether the analyst
/// changed it before accepting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// Percent.
    pub confidence: u8,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub edited: bool,
}

/// A suggestion the analyst rejected, by label and text: the engine does not propose it again in
/// that document, wherever the text moves.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rejected {
    pub label: Label,
    pub text: String,
}
