//! Document text and the offsets into it. Offsets that leave this module are Unicode code points
//! (`char` indices); byte indices stay inside.

pub mod anchor;
pub mod bidi;
mod chars;
mod doc_text;
pub mod plural;
mod search;
mod segments;
mod words;

pub use chars::{is_apostrophe, is_hyphen};
pub use doc_text::{CONTEXT_CHARS, DocText, Paragraph};
pub use search::find_all;
pub use segments::{
    next_grapheme, next_word_boundary, prev_grapheme, prev_word_boundary, snap_to_words,
};
pub use words::{sentence_around, word_at};
