//! Speaker names: folding for accent- and case-insensitive matching, type-ahead search over the
//! registry's names and aliases, name keys, the speakers named near a span, and proposals to merge
//! speakers that are one.

mod fold;
mod lookup;
mod name_key;
mod nearby;
mod report;
mod variants;

pub use fold::fold;
pub use lookup::{SpeakerMatch, find_speakers};
pub use name_key::{NameKey, name_key};
pub use nearby::{NEAR_CHARS, speakers_named_near};
pub use report::{ProposalRow, RegistryReport, SpeakerRow, spans_using_alias};
pub use variants::{Confidence, MergeProposal, SIMILAR_NAMES, propose_merges};
