//! Who is speaking: names (capitalised word sequences with particles, initials and titles),
//! descriptions ("U.S. security experts", "alliance leaders"), pronouns and possessors ("the
//! experts’ analysis"), found around a reporting verb without a parser; and their resolution to a
//! speaker, following pronouns and surnames back to the person the article named.

// Shared by the modules below, each of which reads `use super::*`.
use super::SpeakerGuess;
use super::cues::{ADVERBS, AUXILIARY_SET, DETERMINER_SET, PREPOSITION_SET, SPEECH_NOUNS};
use super::doc::Doc;
use super::fast_hash::WordSet;
use super::fast_hash::{FxMap, KeyMap, key};
use super::registry::Registry;
use crate::project::SpeakerKind;
use crate::speakers::name_key;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

mod names;
mod phrases;
mod resolver;
#[cfg(test)]
mod tests;
mod words;

use names::*;
use words::*;

// What the rules of `suggest` ask of mentions.
pub(super) use names::{
    ends_possessive, is_possessive, name_at, skip_auxiliaries, strip_possessive, strip_titles,
};
pub(super) use phrases::{
    Np, NpKind, Pronoun, after_parenthesis, classify, is_time_word, np_after, sentence_subject,
    subject_before,
};
pub(super) use resolver::{Resolver, Who};
