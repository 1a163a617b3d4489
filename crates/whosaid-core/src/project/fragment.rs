//! One contiguous piece of an annotated span: its offsets, its text and the context that finds
//! it again after the document is edited.

use crate::text::{CONTEXT_CHARS, DocText};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

/// One contiguous piece of an annotation. Offsets are Unicode code points into the document text,
/// end exclusive; [`Fragment::text`] is the document text at those offsets when the fragment was
/// made, and [`Fragment::prefix`]/[`Fragment::suffix`] the text just around it: together they
/// find the span again after the document is edited.
///
/// The three strings are one piece of text (prefix, text, suffix, in the order they have in the
/// document) with the lengths of the first two beside it. Where they are the document's text, as
/// they are for nearly every fragment of a big project, the fragment keeps its place in the
/// shared document text and holds no text of its own; otherwise (a text edited since, a file read
/// before its corpus) the piece is its own single block. Three strings of their own each took a
/// million annotations some 330 MB.
#[derive(Clone)]
pub struct Fragment {
    pub start: usize,
    pub end: usize,
    store: Store,
    prefix_len: u32,
    text_len: u32,
}

/// Where a fragment's prefix, text and suffix are, one after the other.
#[derive(Clone)]
enum Store {
    /// A block of its own.
    Own(Box<str>),
    /// Bytes `from..to` of the document text it was made on or found to agree with.
    Doc {
        text: Arc<String>,
        from: u32,
        to: u32,
    },
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
            store: Store::Own(packed.into_boxed_str()),
            prefix_len: length(prefix),
            text_len: length(text),
        }
    }

    /// Whether the fragment holds a copy of its text and context rather than its place in the
    /// document text.
    pub fn holds_own_text(&self) -> bool {
        matches!(self.store, Store::Own(_))
    }

    /// Keeps the fragment's place in `doc` instead of its own copy, where its text and context
    /// are exactly `doc`'s text around its offsets; whether they are (the strings are the same
    /// either way).
    pub fn share(&mut self, doc: &DocText) -> bool {
        if let Store::Doc { text, .. } = &self.store
            && Arc::ptr_eq(text, doc.shared())
        {
            return true;
        }
        let all = doc.as_str();
        let Some(b_start) = doc.byte_of(self.start) else {
            return false;
        };
        let (prefix, text, suffix) = (self.prefix(), self.text(), self.suffix());
        let b_end = b_start + text.len();
        // Equal bytes that are whole UTF-8 on both sides start and end on code point boundaries;
        // as many code points as the offsets say put the end where `end` is (counted in the
        // text, cheaper than finding `end` in the document).
        let agrees = self.end.checked_sub(self.start) == Some(text.chars().count())
            && all.as_bytes().get(b_start..b_end) == Some(text.as_bytes())
            && b_start >= prefix.len()
            && all.as_bytes()[b_start - prefix.len()..b_start] == *prefix.as_bytes()
            && all.as_bytes()[b_end..].starts_with(suffix.as_bytes());
        if !agrees {
            return false;
        }
        let (from, to) = (b_start - prefix.len(), b_end + suffix.len());
        match (u32::try_from(from), u32::try_from(to)) {
            (Ok(from), Ok(to)) => {
                self.store = Store::Doc {
                    text: Arc::clone(doc.shared()),
                    from,
                    to,
                };
                true
            }
            _ => false,
        }
    }

    /// Prefix, text and suffix, one after the other.
    fn piece(&self) -> &str {
        match &self.store {
            Store::Own(packed) => packed,
            Store::Doc { text, from, to } => &text[*from as usize..*to as usize],
        }
    }

    /// A fragment over `range` of `text` as it is now, with fresh context (empty text where the
    /// range is outside the text).
    pub fn on(text: &DocText, range: Range<usize>) -> Self {
        let n = text.char_len();
        if range.start <= range.end && range.end <= n {
            // The context of [`DocText::context_str`], as bytes of the text: nothing is copied.
            let all = text.as_str();
            let byte = |offset| text.byte_of(offset).expect("within the text");
            let (start, end) = (byte(range.start), byte(range.end));
            // The context's ends are a few code points away: walked to, not looked up.
            let before = all[..start]
                .char_indices()
                .rev()
                .take(CONTEXT_CHARS.min(range.start))
                .last()
                .map_or(start, |(b, _)| b);
            let after = all[end..]
                .char_indices()
                .nth(CONTEXT_CHARS.min(n - range.end))
                .map_or(all.len(), |(b, _)| end + b);
            if let (Ok(from), Ok(to)) = (u32::try_from(before), u32::try_from(after)) {
                return Self {
                    start: range.start,
                    end: range.end,
                    store: Store::Doc {
                        text: Arc::clone(text.shared()),
                        from,
                        to,
                    },
                    prefix_len: length(&text.as_str()[before..start]),
                    text_len: length(&text.as_str()[start..end]),
                };
            }
        }
        let (prefix, suffix) = text.context_str(range.clone());
        let slice = text.slice(range.clone()).unwrap_or_default();
        Self::with_context(range.start, range.end, slice, prefix, suffix)
    }

    /// The document text at the fragment's offsets when it was made (or last placed).
    pub fn text(&self) -> &str {
        let from = self.prefix_len as usize;
        &self.piece()[from..from + self.text_len as usize]
    }

    /// Up to [`crate::text::CONTEXT_CHARS`] code points of text just before the fragment.
    pub fn prefix(&self) -> &str {
        &self.piece()[..self.prefix_len as usize]
    }

    /// Up to [`crate::text::CONTEXT_CHARS`] code points of text just after the fragment.
    pub fn suffix(&self) -> &str {
        &self.piece()[self.prefix_len as usize + self.text_len as usize..]
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

/// Fragments are equal when their offsets and strings are, wherever the strings are kept.
impl PartialEq for Fragment {
    fn eq(&self, other: &Self) -> bool {
        (self.start, self.end, self.prefix_len, self.text_len)
            == (other.start, other.end, other.prefix_len, other.text_len)
            && self.piece() == other.piece()
    }
}

impl Eq for Fragment {}

impl Hash for Fragment {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.start, self.end, self.prefix_len, self.text_len).hash(state);
        self.piece().hash(state);
    }
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
    use proptest::prelude::*;

    fn doc(s: &str) -> DocText {
        DocText::new(s.to_string())
    }

    #[test]
    fn a_fragment_holds_its_three_strings_in_one_block_and_48_bytes_inline() {
        let f = Fragment::with_context(3, 5, "é!", "«a ", " b»");
        assert_eq!((f.prefix(), f.text(), f.suffix()), ("«a ", "é!", " b»"));
        assert_eq!(f.piece(), "«a é! b»");
        assert!(f.holds_own_text());
        // start, end, where the strings are and two lengths: three Strings took 88.
        assert!(std::mem::size_of::<Fragment>() <= 48);
    }

    #[test]
    fn a_fragment_made_on_a_text_holds_no_text_of_its_own() {
        let text = doc("Zelensky said: “We will not give up,” and left. 🇺🇦 Later that day");
        let f = Fragment::on(&text, 15..37);
        assert!(!f.holds_own_text());
        assert_eq!(f.text(), "“We will not give up,”");
        assert_eq!(f.prefix(), "Zelensky said: ");
        assert_eq!(f.suffix(), " and left. 🇺🇦 Later that day");
        // Whatever holds them, the same strings are the same fragment.
        assert_eq!(
            f,
            Fragment::with_context(15, 37, f.text(), f.prefix(), f.suffix())
        );
        // Out of the text: empty text, as before, and nothing to point into.
        let outside = Fragment::on(&text, 60..90);
        assert_eq!(outside.text(), "");
    }

    #[test]
    fn a_fragment_read_from_a_file_gives_up_its_copy_only_where_the_text_agrees() {
        let text = doc("He said: “No.” Then he left the room quietly.");
        let agreeing = Fragment::with_context(9, 14, "“No.”", "He said: ", " Then he left the r");
        let mut shared = agreeing.clone();
        assert!(shared.share(&text));
        assert!(!shared.holds_own_text());
        assert_eq!(shared, agreeing);
        // The text was edited since: the fragment keeps its own copy and writes it back as read.
        let mut edited = Fragment::with_context(9, 14, "“Non”", "He said: ", " Then");
        assert!(!edited.share(&text));
        assert!(edited.holds_own_text());
        let written = ron::to_string(&edited).unwrap();
        assert_eq!(
            written,
            r#"(start:9,end:14,text:"“Non”",prefix:"He said: ",suffix:" Then")"#
        );
        // The context alone differs: kept too.
        let mut moved = Fragment::with_context(9, 14, "“No.”", "She said: ", "");
        assert!(!moved.share(&text));
        // Offsets that are not the text's code points, though the bytes would be found.
        let mut off = Fragment::with_context(10, 15, "“No.”", "", "");
        assert!(!off.share(&text));
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
        // A shared fragment changed holds its own copy.
        let mut shared = Fragment::on(&doc("one two three"), 4..7);
        shared.set_text("deux");
        assert!(shared.holds_own_text());
        assert_eq!(
            (shared.prefix(), shared.text(), shared.suffix()),
            ("one ", "deux", " three")
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

    fn cases() -> u32 {
        std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(64)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(cases()))]

        /// A fragment on the text has the strings a copy would have had, hashes as the copy does,
        /// and a copy of it finds its place in the same text again.
        #[test]
        fn a_fragment_on_the_text_is_the_copy_it_replaces(
            text in "[a-z é🇺🇦“”\n]{0,120}",
            a in 0usize..130,
            b in 0usize..130,
        ) {
            use std::hash::BuildHasher;
            let t = doc(&text);
            let range = a.min(b)..a.max(b);
            let (prefix, suffix) = t.context_str(range.clone());
            let slice = t.slice(range.clone()).unwrap_or_default();
            let copy = Fragment::with_context(range.start, range.end, slice, prefix, suffix);
            let on = Fragment::on(&t, range.clone());
            prop_assert_eq!(&on, &copy);
            prop_assert_eq!((on.prefix(), on.text(), on.suffix()), (prefix, slice, suffix));
            let hasher = std::hash::RandomState::new();
            prop_assert_eq!(hasher.hash_one(&on), hasher.hash_one(&copy));
            prop_assert_eq!(ron::to_string(&on).unwrap(), ron::to_string(&copy).unwrap());
            let mut again = copy.clone();
            prop_assert_eq!(again.share(&t), range.end <= t.char_len());
            prop_assert_eq!(again, copy);
        }
    }
}
