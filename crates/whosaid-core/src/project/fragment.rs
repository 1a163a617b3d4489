//! One contiguous piece of an annotated span: its offsets, its text and the context that finds
//! it again after the document is edited.

use crate::text::DocText;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::Range;

/// One contiguous piece of an annotation. Offsets are Unicode code points into the document text,
/// end exclusive; [`Fragment::text`] is the document text at those offsets when the fragment was
/// made, and [`Fragment::prefix`]/[`Fragment::suffix`] the text just around it: together they
/// find the span again after the document is edited.
///
/// The three strings live in one allocation (prefix, text, suffix, in the order they have in the
/// document) with the lengths of the first two beside it: a million annotations would otherwise
/// hold three million small blocks and 48 more bytes inline each (about 80 MB).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Fragment {
    pub start: usize,
    pub end: usize,
    /// `prefix`, `text` and `suffix`, one after the other.
    packed: Box<str>,
    prefix_len: u32,
    text_len: u32,
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
        let parts: Vec<&str> = fragments.iter().map(|f| f.text()).collect();
        parts.join(" … ")
    }

    /// A fragment without context (tests, imports); see [`Fragment::with_context`].
    pub fn new(start: usize, end: usize, text: impl AsRef<str>) -> Self {
        Self::with_context(start, end, text.as_ref(), "", "")
    }

    /// A fragment over `start..end` whose text is `text`, found again by the `prefix` before it
    /// and the `suffix` after it.
    pub fn with_context(start: usize, end: usize, text: &str, prefix: &str, suffix: &str) -> Self {
        let mut packed = String::with_capacity(prefix.len() + text.len() + suffix.len());
        packed.push_str(prefix);
        packed.push_str(text);
        packed.push_str(suffix);
        Self {
            start,
            end,
            packed: packed.into_boxed_str(),
            prefix_len: length(prefix),
            text_len: length(text),
        }
    }

    /// A fragment over `range` of `text` as it is now, with fresh context (empty text where the
    /// range is outside the text).
    pub fn on(text: &DocText, range: Range<usize>) -> Self {
        let (prefix, suffix) = text.context_str(range.clone());
        let slice = text.slice(range.clone()).unwrap_or_default();
        Self::with_context(range.start, range.end, slice, prefix, suffix)
    }

    /// The document text at the fragment's offsets when it was made (or last placed).
    pub fn text(&self) -> &str {
        let from = self.prefix_len as usize;
        &self.packed[from..from + self.text_len as usize]
    }

    /// Up to [`crate::text::CONTEXT_CHARS`] code points of text just before the fragment.
    pub fn prefix(&self) -> &str {
        &self.packed[..self.prefix_len as usize]
    }

    /// Up to [`crate::text::CONTEXT_CHARS`] code points of text just after the fragment.
    pub fn suffix(&self) -> &str {
        &self.packed[self.prefix_len as usize + self.text_len as usize..]
    }

    pub fn set_text(&mut self, text: &str) {
        *self = Self::with_context(self.start, self.end, text, self.prefix(), self.suffix());
    }

    pub fn set_prefix(&mut self, prefix: &str) {
        *self = Self::with_context(self.start, self.end, self.text(), prefix, self.suffix());
    }

    pub fn set_suffix(&mut self, suffix: &str) {
        *self = Self::with_context(self.start, self.end, self.text(), self.prefix(), suffix);
    }
}

/// A length kept in 32 bits: a fragment or its context of 4 GiB is no annotation anyone makes,
/// and a corpus document that size could not be opened anyway.
fn length(s: &str) -> u32 {
    u32::try_from(s.len()).expect("a fragment's text and context are under 4 GiB")
}

impl fmt::Debug for Fragment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fragment")
            .field("start", &self.start)
            .field("end", &self.end)
            .field("text", &self.text())
            .field("prefix", &self.prefix())
            .field("suffix", &self.suffix())
            .finish()
    }
}

/// The fragment as the file writes it: the same fields, in the same order, as when the three
/// strings were fields of their own.
#[derive(Serialize)]
#[serde(rename = "Fragment")]
struct Written<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    prefix: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    suffix: &'a str,
}

/// The fragment as the file holds it, read before its strings are packed.
#[derive(Deserialize)]
#[serde(rename = "Fragment", deny_unknown_fields)]
struct Read {
    start: usize,
    end: usize,
    text: String,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    suffix: String,
}

impl Serialize for Fragment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Written {
            start: self.start,
            end: self.end,
            text: self.text(),
            prefix: self.prefix(),
            suffix: self.suffix(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Fragment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let r = Read::deserialize(deserializer)?;
        Ok(Self::with_context(
            r.start, r.end, &r.text, &r.prefix, &r.suffix,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fragment_holds_its_three_strings_in_one_block_and_40_bytes_inline() {
        let f = Fragment::with_context(3, 5, "é!", "«a ", " b»");
        assert_eq!((f.prefix(), f.text(), f.suffix()), ("«a ", "é!", " b»"));
        assert_eq!(&*f.packed, "«a é! b»");
        // start, end, one boxed string and two lengths: the former three Strings took 88.
        assert!(std::mem::size_of::<Fragment>() <= 40);
    }

    #[test]
    fn changing_one_string_keeps_the_others() {
        let mut f = Fragment::with_context(0, 1, "x", "pre", "suf");
        f.set_text("longer");
        assert_eq!((f.prefix(), f.text(), f.suffix()), ("pre", "longer", "suf"));
        f.set_prefix("");
        f.set_suffix("after");
        assert_eq!((f.prefix(), f.text(), f.suffix()), ("", "longer", "after"));
        assert_eq!(f, Fragment::with_context(0, 1, "longer", "", "after"));
        // The same three strings cut elsewhere are another fragment.
        assert_ne!(
            Fragment::with_context(0, 1, "ab", "", "c"),
            Fragment::with_context(0, 1, "a", "", "bc")
        );
    }

    #[test]
    fn the_file_writes_the_fields_as_before_and_reads_them_back() {
        let f = Fragment::with_context(3, 9, "x\"y", "", "after");
        let written = ron::to_string(&f).unwrap();
        assert_eq!(written, r#"(start:3,end:9,text:"x\"y",suffix:"after")"#);
        assert_eq!(ron::from_str::<Fragment>(&written).unwrap(), f);
        let unknown = ron::from_str::<Fragment>(r#"(start:0,end:1,text:"a",colour:"red")"#);
        assert!(unknown.unwrap_err().to_string().contains("colour"));
    }
}
