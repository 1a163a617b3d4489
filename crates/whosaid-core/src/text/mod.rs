//! Document text and the offsets into it. Offsets that leave this module are Unicode code points
//! (`char` indices); byte indices stay inside.

pub mod anchor;
mod chars;
mod doc_text;
mod search;
mod words;

pub use chars::{is_apostrophe, is_hyphen};
pub use doc_text::{CONTEXT_CHARS, DocText, Paragraph};
pub use search::find_all;
pub use words::{next_word_boundary, prev_word_boundary, sentence_around, word_at};
