//! The speakers of an imported project, found by the names the file gives: by name, by the
//! name's key, by a surname a document's full name has, or by the file's own speaker id.

use super::build::Who;
use crate::project::{Speaker, SpeakerId};
use crate::speakers::{NameKey, fold, name_key};
use rustc_hash::{FxHashMap, FxHashSet};
use std::rc::Rc;

/// Pronouns are not names: a span "he" names whoever the article spoke of last.
pub(super) const PRONOUNS: &[&str] = &[
    "i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "his", "its",
    "their", "one", "who", "which", "this", "that",
];

pub(super) fn is_pronoun(name: &str) -> bool {
    let folded = fold(name.trim());
    PRONOUNS.contains(&folded.as_str())
}

/// The speakers of the imported project, found by the names the file gives. Every lookup is a
/// hash lookup, so resolving n names costs O(n) whatever the number of speakers and aliases.
pub(super) struct Registry {
    speakers: Vec<Speaker>,
    /// Where each speaker is in `speakers`.
    index: FxHashMap<SpeakerId, usize>,
    /// Every name each speaker is known by.
    names: FxHashSet<(SpeakerId, String)>,
    /// The surnames of each speaker's full names (names with given names).
    full_surnames: FxHashMap<SpeakerId, FxHashSet<String>>,
    /// Every name's key tokens (titles, case, accents and transliteration aside).
    by_tokens: FxHashMap<Vec<String>, SpeakerId>,
    /// Speakers the file identifies by an id of its own.
    by_file_id: FxHashMap<u64, SpeakerId>,
    /// The speakers the project had before the import (`--into`): a speaker the file identifies
    /// by an id of its own joins one of these of the same name.
    existing: FxHashSet<SpeakerId>,
    next: u64,
    pub(super) keys: Keys,
}

/// The speakers one document names, and for each surname, those of them with a full name of it.
#[derive(Default)]
pub(super) struct Local {
    ids: FxHashSet<SpeakerId>,
    by_surname: FxHashMap<String, FxHashSet<SpeakerId>>,
}

impl Registry {
    pub(super) fn new(speakers: Vec<Speaker>) -> Self {
        let speakers_before: FxHashSet<SpeakerId> = speakers.iter().map(|s| s.id).collect();
        let mut r = Self {
            // New speakers take this session's ids, as those made in the app do.
            next: crate::project::next_session_id(speakers.iter().map(|s| s.id.0)),
            index: speakers
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id, i))
                .collect(),
            speakers,
            names: FxHashSet::default(),
            full_surnames: FxHashMap::default(),
            by_tokens: FxHashMap::default(),
            by_file_id: FxHashMap::default(),
            keys: Keys::default(),
            existing: speakers_before,
        };
        let names: Vec<(SpeakerId, String)> = r
            .speakers
            .iter()
            .flat_map(|s| s.names().map(|n| (s.id, n.to_string())))
            .collect();
        for (id, name) in names {
            let tokens = r.keys.of(&name).tokens.clone();
            r.by_tokens.entry(tokens).or_insert(id);
            r.know(id, &name, None);
        }
        r
    }

    /// Records that speaker `id` is known as `name`; a full name's surname joins the document's
    /// index when the speaker is one of its speakers.
    pub(super) fn know(&mut self, id: SpeakerId, name: &str, local: Option<&mut Local>) {
        self.names.insert((id, name.to_string()));
        let known = self.keys.of(name);
        let key = &known.key;
        if !key.is_empty() && !key.given_names().is_empty() {
            self.full_surnames
                .entry(id)
                .or_default()
                .insert(key.surname.clone());
            if let Some(local) = local
                && local.ids.contains(&id)
            {
                local
                    .by_surname
                    .entry(key.surname.clone())
                    .or_default()
                    .insert(id);
            }
        }
    }

    /// The speaker `who` is: by the file's id when it has one; else the speaker with a name of the
    /// same key ("Mr Zelensky" = "Zelenskyy"); else, for a surname alone, the one speaker of this
    /// document (`local`) with a full name of that surname; else a new speaker. A new spelling
    /// becomes an alias. The speaker becomes one of the document's.
    pub(super) fn resolve(&mut self, who: &Who, local: &mut Local) -> SpeakerId {
        let name = who.name.trim();
        let known = self.keys.of(name);
        let found = match who.id {
            Some(file_id) => self.by_file_id.get(&file_id).copied().or_else(|| {
                self.by_tokens
                    .get(&known.tokens)
                    .copied()
                    .filter(|id| self.existing.contains(id))
            }),
            None => self.by_tokens.get(&known.tokens).copied().or_else(|| {
                let k = &known.key;
                if k.is_empty() || !k.given_names().is_empty() {
                    return None;
                }
                match local.by_surname.get(&k.surname) {
                    Some(ids) if ids.len() == 1 => ids.iter().next().copied(),
                    _ => None,
                }
            }),
        };
        let id = match found {
            Some(id) => {
                if !self.names.contains(&(id, name.to_string())) {
                    self.speakers[self.index[&id]]
                        .aliases
                        .push(name.to_string());
                    self.know(id, name, Some(local));
                }
                id
            }
            None => {
                let id = SpeakerId(self.next);
                self.next = crate::project::fresh_session_id();
                self.index.insert(id, self.speakers.len());
                self.speakers.push(Speaker::new(id, name));
                self.know(id, name, Some(local));
                id
            }
        };
        if let Some(file_id) = who.id {
            self.by_file_id.insert(file_id, id);
        } else {
            if !self.by_tokens.contains_key(&known.tokens) {
                self.by_tokens.insert(known.tokens.clone(), id);
            }
        }
        if local.ids.insert(id) {
            for surname in self.full_surnames.get(&id).into_iter().flatten() {
                local
                    .by_surname
                    .entry(surname.clone())
                    .or_default()
                    .insert(id);
            }
        }
        id
    }

    /// The speakers, each named by its most complete spelling: the most words of name, then the
    /// shortest (fewest titles), then the first seen.
    pub(super) fn finish(mut self) -> Vec<Speaker> {
        for s in &mut self.speakers {
            let names: Vec<String> = s.names().map(str::to_string).collect();
            let best = names
                .iter()
                .enumerate()
                .max_by_key(|(i, n)| {
                    (
                        self.keys.of(n).key.tokens.len(),
                        std::cmp::Reverse(n.chars().count()),
                        std::cmp::Reverse(*i),
                    )
                })
                .map(|(i, _)| i)
                .unwrap_or(0);
            if best != 0 {
                let name = names[best].clone();
                s.aliases = names.into_iter().filter(|n| *n != name).collect();
                s.name = name;
            }
        }
        self.speakers
    }
}

/// A name's key, and the tokens it is known by: its key's tokens, or the folded name when it has
/// none.
pub(super) struct Known {
    pub(super) key: NameKey,
    tokens: Vec<String>,
}

/// Name keys by name, each worked out once: an import names the same few hundred speakers in
/// thousands of documents, and a key (folding, titles, transliteration) costs far more than a
/// lookup (it was most of the time of a 100,000-annotation import).
#[derive(Default)]
pub(super) struct Keys(FxHashMap<String, Rc<Known>>);

impl Keys {
    pub(super) fn of(&mut self, name: &str) -> Rc<Known> {
        if let Some(known) = self.0.get(name) {
            return Rc::clone(known);
        }
        let key = name_key(name);
        let tokens = if key.is_empty() {
            vec![format!("\u{0}{}", fold(name.trim()))]
        } else {
            key.tokens.clone()
        };
        let known = Rc::new(Known { key, tokens });
        self.0.insert(name.to_string(), Rc::clone(&known));
        known
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve_all(names: &[&str]) -> (Vec<Speaker>, Vec<u64>) {
        let mut r = Registry::new(Vec::new());
        let mut local = Local::default();
        let ids = names
            .iter()
            .map(|n| r.resolve(&Who::named(*n), &mut local).0)
            .collect();
        (r.finish(), ids)
    }

    #[test]
    fn spellings_of_one_name_become_one_speaker_with_aliases() {
        let (speakers, ids) = resolve_all(&[
            "Mr Zelensky",
            "Zelensky",
            "Zelenskyy",
            "Justin Logan",
            "Logan",
            "he",
        ]);
        // Ids are the session's (other tests draw from it too): which names share one is what
        // counts, numbered here in order of first use.
        let mut seen: Vec<u64> = Vec::new();
        let ranks: Vec<usize> = ids
            .iter()
            .map(|id: &u64| match seen.iter().position(|s| s == id) {
                Some(i) => i + 1,
                None => {
                    seen.push(*id);
                    seen.len()
                }
            })
            .collect();
        assert_eq!(ranks, [1, 1, 1, 2, 2, 3]);
        assert!(seen.is_sorted(), "new speakers number upwards: {seen:?}");
        assert_eq!(speakers[0].name, "Zelensky", "the spelling without a title");
        assert_eq!(speakers[0].aliases, ["Mr Zelensky", "Zelenskyy"]);
        assert_eq!(speakers[1].name, "Justin Logan");
        assert_eq!(speakers[1].aliases, ["Logan"]);
    }

    #[test]
    fn a_surname_alone_joins_a_full_name_only_in_the_same_document() {
        let mut r = Registry::new(Vec::new());
        let logan = r.resolve(&Who::named("Justin Logan"), &mut Local::default());
        // Another article: "Logan" may be someone else.
        assert_ne!(
            r.resolve(&Who::named("Logan"), &mut Local::default()),
            logan
        );
        let mut r = Registry::new(Vec::new());
        let mut local = Local::default();
        let a = r.resolve(&Who::named("Justin Logan"), &mut local);
        let b = r.resolve(&Who::named("Jane Logan"), &mut local);
        assert_ne!(a, b);
        assert_ne!(r.resolve(&Who::named("Logan"), &mut local), a, "ambiguous");
    }

    #[test]
    fn file_ids_decide_who_is_who() {
        let mut r = Registry::new(Vec::new());
        let a = r.resolve(
            &Who {
                name: "Experts".into(),
                id: Some(5),
            },
            &mut Local::default(),
        );
        let b = r.resolve(
            &Who {
                name: "experts".into(),
                id: Some(6),
            },
            &mut Local::default(),
        );
        assert_ne!(a, b);
        assert_eq!(
            r.resolve(
                &Who {
                    name: "Experts".into(),
                    id: Some(5)
                },
                &mut Local::default()
            ),
            a
        );
    }

    #[test]
    fn pronouns_are_not_names() {
        assert!(is_pronoun(" He"));
        assert!(is_pronoun("they"));
        assert!(!is_pronoun("Heinz"));
    }
}
