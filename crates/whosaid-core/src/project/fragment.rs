//! One contiguous piece of an annotated span: its offsets, its text and the context that finds
//! it again after the document is edited.

use serde::{Deserialize, Serialize};

/// One contiguous piece of an annotation. Offsets are Unicode code points into the document text,
/// end exclusive; `text` is the document text at those offsets when the fragment was made, and
/// `prefix`/`suffix` the text just around it: together they find the span again after the
/// document is edited.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fragment {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub suffix: String,
}

impl Fragment {
    /// Where a span of `fragments` (in text order) starts; 0 for none.
    pub fn start_of(fragments: &[Fragment]) -> usize {
        fragments.first().map_or(0, |f| f.start)
    }

    /// Where a span of `fragments` (in text order) ends; 0 for none.
    pub fn end_of(fragments: &[Fragment]) -> usize {
        fragments.last().map_or(0, |f| f.end)
    }

    /// The text of `fragments`, joined with " … " where they are apart.
    pub fn text_of(fragments: &[Fragment]) -> String {
        let parts: Vec<&str> = fragments.iter().map(|f| f.text.as_str()).collect();
        parts.join(" … ")
    }

    /// A fragment without context (tests, imports); see [`crate::text::DocText::fragment`].
    pub fn new(start: usize, end: usize, text: impl Into<String>) -> Self {
        Self {
            start,
            end,
            text: text.into(),
            prefix: String::new(),
            suffix: String::new(),
        }
    }
}
