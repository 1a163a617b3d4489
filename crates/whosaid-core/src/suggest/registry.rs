//! Resolving a name as the article gives it against the project's speakers: by name key (titles,
//! case, accents and transliteration ignored) of the name or an alias, then by a description
//! without its quantifier ("many analysts" = "analysts"), then by surname for people.

use super::fast_hash::{Fx, FxMap};
use crate::project::{Speaker, SpeakerId, SpeakerKind};
use crate::speakers::{NameKey, name_key};
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// Leading words of a description that say how many, not who.
const QUANTIFIERS: &[&str] = &[
    "some", "many", "several", "most", "all", "other", "two", "three", "four", "five", "few",
    "numerous", "various", "both", "more", "senior", "top",
];

/// What tells one list of speakers from another for the registry: everything it reads of them.
/// Worked out once per run of many documents (a project's thousands of speakers, hashed for each
/// article, were 4% of suggesting in all of them).
pub(super) fn fingerprint(speakers: &[Speaker]) -> u64 {
    let mut h = Fx::default();
    for s in speakers {
        s.id.hash(&mut h);
        s.kind.hash(&mut h);
        s.name.hash(&mut h);
        s.aliases.hash(&mut h);
    }
    h.finish()
}

pub(super) struct Registry {
    /// Every name and alias by its key tokens.
    by_tokens: HashMap<Vec<String>, Vec<(SpeakerId, SpeakerKind)>>,
    /// People by surname, with the given names of each of their names.
    by_surname: HashMap<String, Vec<(SpeakerId, Vec<String>)>>,
    /// Names resolved so far: articles repeat the same few names.
    resolved: RefCell<FxMap<String, Option<(SpeakerId, SpeakerKind)>>>,
}

/// Resolved names kept at most, so a long run over many articles does not grow without bound.
const RESOLVED_MAX: usize = 100_000;

impl Registry {
    pub fn new(speakers: &[Speaker]) -> Self {
        let mut by_tokens: HashMap<Vec<String>, Vec<(SpeakerId, SpeakerKind)>> = HashMap::new();
        let mut by_surname: HashMap<String, Vec<(SpeakerId, Vec<String>)>> = HashMap::new();
        for s in speakers {
            for name in s.names() {
                let key = name_key(name);
                if key.is_empty() {
                    continue;
                }
                let entry = by_tokens.entry(key.tokens.clone()).or_default();
                if !entry.iter().any(|(id, _)| *id == s.id) {
                    entry.push((s.id, s.kind));
                }
                if s.kind == SpeakerKind::Person {
                    let given = key.given_names().iter().map(|g| g.to_string()).collect();
                    by_surname
                        .entry(key.surname.clone())
                        .or_default()
                        .push((s.id, given));
                }
            }
        }
        Self {
            by_tokens,
            by_surname,
            resolved: RefCell::default(),
        }
    }

    /// The registry for `speakers`, built once per thread for as long as the speakers are the
    /// same: suggestions are asked a document at a time with one registry.
    pub fn cached(speakers: &[Speaker]) -> Rc<Registry> {
        Self::cached_by(speakers, fingerprint(speakers))
    }

    /// [`Registry::cached`], the speakers' [`fingerprint`] given.
    pub fn cached_by(speakers: &[Speaker], fingerprint: u64) -> Rc<Registry> {
        thread_local! {
            static CACHE: RefCell<Option<(u64, Rc<Registry>)>> = const { RefCell::new(None) };
        }
        CACHE.with_borrow_mut(|cache| match cache {
            Some((f, registry)) if *f == fingerprint => registry.clone(),
            _ => {
                let registry = Rc::new(Registry::new(speakers));
                *cache = Some((fingerprint, registry.clone()));
                registry
            }
        })
    }

    /// The speaker `name` refers to, if exactly one does.
    pub fn resolve(&self, name: &str) -> Option<(SpeakerId, SpeakerKind)> {
        if self.by_tokens.is_empty() {
            return None;
        }
        if let Some(found) = self.resolved.borrow().get(name) {
            return *found;
        }
        let found = self.resolve_uncached(name);
        let mut resolved = self.resolved.borrow_mut();
        if resolved.len() >= RESOLVED_MAX {
            resolved.clear();
        }
        resolved.insert(name.to_string(), found);
        found
    }

    fn resolve_uncached(&self, name: &str) -> Option<(SpeakerId, SpeakerKind)> {
        let key = name_key(name);
        if key.is_empty() {
            return None;
        }
        self.exact(&key.tokens)
            .or_else(|| {
                let lead = key
                    .tokens
                    .iter()
                    .take_while(|t| QUANTIFIERS.contains(&t.as_str()))
                    .count();
                (lead > 0 && lead < key.tokens.len())
                    .then(|| self.exact(&key.tokens[lead..]))
                    .flatten()
            })
            .or_else(|| {
                let capitalised = name.chars().next().is_some_and(char::is_uppercase);
                capitalised.then(|| self.by_surname(&key)).flatten()
            })
    }

    fn exact(&self, tokens: &[String]) -> Option<(SpeakerId, SpeakerKind)> {
        match self.by_tokens.get(tokens)?.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// A person with this surname whose given names agree (an initial agrees with its name).
    fn by_surname(&self, key: &NameKey) -> Option<(SpeakerId, SpeakerKind)> {
        let given = key.given_names();
        let mut found = None;
        for (id, their_given) in self.by_surname.get(&key.surname)? {
            let agrees = match (given.first(), their_given.first()) {
                (Some(a), Some(b)) => a == b || (a.len() == 1 || b.len() == 1) && a[..1] == b[..1],
                _ => true,
            };
            if agrees {
                if found.is_some_and(|f| f != *id) {
                    return None;
                }
                found = Some(*id);
            }
        }
        found.map(|id| (id, SpeakerKind::Person))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Vec<Speaker> {
        let mut zelenskiy = Speaker::new(SpeakerId(1), "Volodymyr Zelenskiy");
        zelenskiy.aliases = vec!["Zelensky".into()];
        let mut experts = Speaker::new(SpeakerId(5), "U.S. security experts");
        experts.kind = SpeakerKind::Group;
        experts.aliases = vec!["analysts".into()];
        let mut kyiv = Speaker::new(SpeakerId(14), "Ukrainian government");
        kyiv.kind = SpeakerKind::Organisation;
        kyiv.aliases = vec!["Kyiv".into()];
        vec![
            zelenskiy,
            experts,
            kyiv,
            Speaker::new(SpeakerId(2), "Justin Logan"),
        ]
    }

    #[test]
    fn names_aliases_and_name_keys_resolve() {
        let r = Registry::new(&registry());
        let id = |name: &str| r.resolve(name).map(|(id, _)| id.0);
        assert_eq!(id("President Volodymyr Zelenskyy"), Some(1));
        assert_eq!(id("Mr Zelensky’s"), Some(1));
        assert_eq!(id("US security experts"), Some(5));
        assert_eq!(id("many analysts"), Some(5));
        assert_eq!(id("Kyiv"), Some(14));
        assert_eq!(id("Mr Logan"), Some(2));
        assert_eq!(id("J. Logan"), Some(2));
        assert_eq!(id("Mary Logan"), None);
        assert_eq!(id("Grushko"), None);
        assert_eq!(id("logan"), None);
    }

    #[test]
    fn the_cache_follows_the_registry() {
        let a = Registry::cached(&registry());
        let b = Registry::cached(&registry());
        assert!(Rc::ptr_eq(&a, &b));
        let c = Registry::cached(&registry()[..1]);
        assert!(c.resolve("Kyiv").is_none());
    }
}
