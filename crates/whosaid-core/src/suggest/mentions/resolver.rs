//! Resolving mentions to speakers through one document: names against the registry, surnames
//! to the full names the article gave, pronouns to who spoke last.

use super::*;

/// The first byte of a word in ASCII lower case (0 for an empty word): what sorts the full
/// names for [`Resolver::full_name`].
pub(super) fn initial(word: &str) -> u8 {
    word.as_bytes().first().map_or(0, u8::to_ascii_lowercase)
}

/// A speaker found in the text.
#[derive(Clone, Debug, PartialEq)]
pub(in crate::suggest) struct Who {
    pub guess: SpeakerGuess,
    pub person: bool,
}

/// Resolves mentions to speakers through one document, remembering who spoke last so that
/// pronouns find their antecedent.
pub(in crate::suggest) struct Resolver<'r> {
    registry: &'r Registry,
    /// Names as written and as resolved, to their speaker.
    /// Keys share their text with the names they lead to where they can.
    memo: FxMap<Arc<str>, Option<Who>>,
    last_person: Option<Who>,
    last_group: Option<Who>,
    /// Multi-word person names of the document: surnames alone resolve to them. Sorted by the
    /// first byte of their last word in ASCII lower case, then in text order: a surname is
    /// compared only with the names whose last word starts as it does.
    full_names: Vec<(u8, Range<usize>)>,
}

impl<'r> Resolver<'r> {
    pub fn new(registry: &'r Registry, doc: &Doc) -> Self {
        let mut full_names = Vec::new();
        for (p, para) in doc.paragraphs.iter().enumerate() {
            if doc.is_headline(p) {
                continue;
            }
            let mut i = para.start;
            while i < para.end {
                // Names start with a capital: most words are passed over without a call.
                if !doc.is_cap(i) {
                    i += 1;
                    continue;
                }
                match name_at(doc, i, para.end) {
                    Some(name) => {
                        let (core, _) = strip_titles(doc, name.clone());
                        if looks_like_person(doc, &core) {
                            full_names.push((initial(doc.word(core.end - 1)), core));
                        }
                        i = name.end;
                    }
                    None => i += 1,
                }
            }
        }
        // Stable: names of one initial stay in text order.
        full_names.sort_by_key(|(first, _)| *first);
        Self {
            registry,
            memo: FxMap::default(),
            last_person: None,
            last_group: None,
            full_names,
        }
    }

    /// The speaker a noun phrase refers to; pronouns take the last speaker of their kind.
    pub fn resolve(&mut self, doc: &Doc, np: &Np) -> Option<Who> {
        match &np.kind {
            NpKind::Pronoun(Pronoun::Person) => self.last_person.clone(),
            NpKind::Pronoun(Pronoun::Plural) => self.last_group.clone(),
            NpKind::Possessor(owner) => {
                let owner = classify(doc, owner.clone()).or_else(|| {
                    // A possessive name: drop the ending.
                    Some(Np {
                        tokens: owner.clone(),
                        kind: NpKind::Name,
                    })
                })?;
                self.resolve(doc, &owner)
            }
            NpKind::Name => self.resolve_name(doc, np.tokens.clone()),
            NpKind::Description => {
                let text = doc.text_of(np.tokens.clone());
                self.lookup(text, false)
            }
        }
    }

    fn resolve_name(&mut self, doc: &Doc, name: Range<usize>) -> Option<Who> {
        let (core, titled) = strip_titles(doc, name.clone());
        let written = doc.text_of(core.clone());
        let written = strip_possessive(written).unwrap_or(written);
        if let Some(found) = self.memo.get(written) {
            return found.clone();
        }
        let mut person = titled || looks_like_person(doc, &core);
        let mut text = written;
        if core.len() == 1
            && self.registry.resolve(text).is_none()
            && let Some(full) = self.full_name(doc, core.start)
        {
            text = doc.text_of(full);
            person = true;
        }
        let who = self.lookup(text, person);
        let key = match &who {
            Some(Who {
                guess: SpeakerGuess::New(name),
                ..
            }) if **name == *written => name.clone(),
            _ => Arc::from(written),
        };
        self.memo.insert(key, who.clone());
        who
    }

    /// The closest multi-word name (before, else after `at`) whose surname is the word at `at`.
    fn full_name(&self, doc: &Doc, at: usize) -> Option<Range<usize>> {
        let word = doc.word(at);
        let word = strip_possessive(word).unwrap_or(word);
        // Spellings that differ (Zelensky, Zelenskiy) are compared by name key.
        let key = std::cell::OnceCell::new();
        let first = word.as_bytes().first();
        let same = |r: &&Range<usize>| {
            let last = doc.word(r.end - 1);
            // Both tests below need the same first letter, which rules out most names at once
            // (a possessive ending leaves the first letter as it is).
            let first_agrees = (last.as_bytes().first())
                .zip(first)
                .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b));
            if !first_agrees {
                return false;
            }
            let last = strip_possessive(last).unwrap_or(last);
            last.eq_ignore_ascii_case(word)
                || (last.chars().take(4).eq(word.chars().take(4))
                    && name_key(last).surname == *key.get_or_init(|| name_key(word).surname))
        };
        // Only names whose last word starts with the same letter can agree (`first_agrees`).
        let letter = word.as_bytes().first()?.to_ascii_lowercase();
        let from = self.full_names.partition_point(|(l, _)| *l < letter);
        let to = self.full_names.partition_point(|(l, _)| *l <= letter);
        let names = &self.full_names[from..to];
        let before = names.partition_point(|(_, r)| r.start < at);
        let same = |(_, r): &&(u8, Range<usize>)| same(&r);
        names[..before]
            .iter()
            .rev()
            .find(same)
            .or_else(|| names[before..].iter().find(same))
            .map(|(_, r)| r.clone())
    }

    fn lookup(&mut self, text: &str, person: bool) -> Option<Who> {
        if let Some(found) = self.memo.get(text) {
            return found.clone();
        }
        let key: Arc<str> = Arc::from(text);
        let who = match self.registry.resolve(text) {
            Some((id, kind)) => Who {
                guess: SpeakerGuess::Known(id),
                person: kind == SpeakerKind::Person,
            },
            None => Who {
                guess: SpeakerGuess::New(key.clone()),
                person,
            },
        };
        self.memo.insert(key, Some(who.clone()));
        Some(who)
    }

    /// Records who spoke, for the pronouns that follow.
    pub fn note(&mut self, who: &Who) {
        let last = match who.person {
            true => &mut self.last_person,
            false => &mut self.last_group,
        };
        // The same speaker again (a run of quotes): no copy of the name to make.
        if last.as_ref() != Some(who) {
            *last = Some(who.clone());
        }
    }
}
