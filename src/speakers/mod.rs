//! Speaker names: folding for accent- and case-insensitive matching, and type-ahead search over the
//! registry's names and aliases.

mod fold;
mod lookup;

pub use fold::fold;
pub use lookup::{SpeakerMatch, find_speakers};
