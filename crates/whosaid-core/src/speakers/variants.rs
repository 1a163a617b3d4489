//! Merge proposals for the speaker registry: which speakers are probably one person under several
//! spellings ("Zelensky", "Mr Zelensky", "President Volodymyr Zelenskiy"), surely or not.
//!
//! Every name and alias of each speaker is reduced to its [`NameKey`]. Then, for each pair of
//! speakers:
//!
//! - **Sure** when a name of one and a name of the other have the same key ("Mr Zelensky" =
//!   "Zelenskyy"), or when one speaker is known by a surname only and the other is the one speaker
//!   with a full name of that surname ("Logan" → "Justin Logan"; several speakers whose full names
//!   are identical count as one).
//! - A shared key is only **Unsure** when the two speakers' identifying names differ: both have
//!   full names and none is the same ("Biden" shared by "Joe Biden" and "Hunter Biden"), or both
//!   are groups described differently ("experts" shared by "U.S. security experts" and
//!   "Ukrainian experts"), or the shared name is a title alone ("US President").
//! - **Unsure** as well: a surname alone that several full names share; full names with the same
//!   surname and an initial for a given name ("J. Logan" / "Justin Logan"), other middle names,
//!   similar or different given names; similar surnames (Jaro-Winkler ≥ 0.9: "Johnson" /
//!   "Johnston", "Clinton" / "Clifton", "Biden" / "Bidet").
//! - Descriptions (capitalised and lower-case words mixed, or several lower-case words: "the NATO
//!   alliance", "security experts") are not names: they only ever match on an identical key,
//!   so "NATO" and "the NATO alliance" get no proposal, while "the Kremlin" and "Kremlin" do.

use super::name_key::{NameForm, NameKey, analyse};
use crate::project::{Speaker, SpeakerId};
use std::collections::{BTreeMap, BTreeSet};
use strsim::jaro_winkler;

/// Jaro-Winkler similarity from which two different surnames (or given names) count as similar.
pub const SIMILAR_NAMES: f64 = 0.9;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confidence {
    /// The two speakers are one: merge without asking.
    Sure,
    /// They may be one: ask the analyst.
    Unsure,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeProposal {
    /// The speaker that stays: the one with the more complete canonical name (tie: lower id).
    pub keep: SpeakerId,
    /// The speaker whose annotations and names would move to `keep`.
    pub merge: SpeakerId,
    pub confidence: Confidence,
    /// Why, in one short sentence naming the names concerned.
    pub reason: String,
}

/// Proposes merging speakers that look like one person or group; each pair at most once, sure
/// proposals first, then by the lower and the higher speaker id. See the module documentation for
/// the rules.
pub fn propose_merges(speakers: &[Speaker]) -> Vec<MergeProposal> {
    let entries: Vec<Entry> = speakers.iter().map(Entry::new).collect();
    let registry = Registry::new(&entries);
    let mut proposals = Vec::new();
    for (i, a) in entries.iter().enumerate() {
        for b in &entries[i + 1..] {
            if a.id == b.id || !a.may_match(b) {
                continue;
            }
            let (a, b) = if a.id < b.id { (a, b) } else { (b, a) };
            if let Some(found) = registry.compare(a, b) {
                let keep = found.keep.unwrap_or_else(|| {
                    if b.completeness() > a.completeness() {
                        b.id
                    } else {
                        a.id
                    }
                });
                let merge = if keep == a.id { b.id } else { a.id };
                proposals.push(MergeProposal {
                    keep,
                    merge,
                    confidence: found.evidence.confidence(),
                    reason: found.reason,
                });
            }
        }
    }
    proposals.sort_by_key(|p| {
        (
            p.confidence == Confidence::Unsure,
            p.keep.min(p.merge),
            p.keep.max(p.merge),
        )
    });
    proposals
}

/// One name or alias of a speaker.
struct Name<'a> {
    text: &'a str,
    key: NameKey,
    form: NameForm,
    capitalised: bool,
}

impl Name<'_> {
    /// A proper name with a given name: "Justin Logan", "J. Logan".
    fn is_full(&self) -> bool {
        self.form == NameForm::Name && !self.key.given_names().is_empty()
    }

    /// A proper name that is a surname alone: "Logan", "Mr Logan", "von der Leyen".
    fn is_surname_only(&self) -> bool {
        self.form == NameForm::Name && !self.key.is_empty() && self.key.given_names().is_empty()
    }

    fn first_given(&self) -> Option<&str> {
        self.key.given_names().first().copied()
    }
}

struct Entry<'a> {
    id: SpeakerId,
    /// Canonical name first, then the aliases; names with an empty key left out.
    names: Vec<Name<'a>>,
    /// The canonical name's key.
    canonical: NameKey,
    canonical_is_full: bool,
    /// Indices into `names` of the full names: who this speaker is, if a person.
    full: Vec<usize>,
    /// Indices into `names` of the descriptions when the canonical name is one: who this speaker
    /// is, if a group ("U.S. security experts").
    group: Vec<usize>,
    /// The distinct surname keys of all names.
    surnames: BTreeSet<String>,
}

impl<'a> Entry<'a> {
    fn new(speaker: &'a Speaker) -> Self {
        let canonical = analyse(&speaker.name);
        let canonical_form = canonical.form;
        let names: Vec<Name> = speaker
            .names()
            .map(|text| {
                let analysed = analyse(text);
                Name {
                    text,
                    key: analysed.key,
                    form: analysed.form,
                    capitalised: analysed.capitalised,
                }
            })
            .filter(|n| !n.key.is_empty())
            .collect();
        let indices = |keep: &dyn Fn(&Name) -> bool| -> Vec<usize> {
            (0..names.len()).filter(|&i| keep(&names[i])).collect()
        };
        let full = indices(&|n| n.is_full());
        let group = if canonical_form == NameForm::Description {
            indices(&|n| n.form == NameForm::Description)
        } else {
            Vec::new()
        };
        let surnames = names.iter().map(|n| n.key.surname.clone()).collect();
        Entry {
            id: speaker.id,
            canonical_is_full: canonical_form == NameForm::Name
                && !canonical.key.given_names().is_empty(),
            canonical: canonical.key,
            names,
            full,
            group,
            surnames,
        }
    }

    fn has_full_name(&self) -> bool {
        !self.full.is_empty()
    }

    fn full_names(&self) -> impl Iterator<Item = &Name<'a>> {
        self.full.iter().map(|&i| &self.names[i])
    }

    /// How complete the canonical name is: a full name first, then more words, then more letters.
    fn completeness(&self) -> (bool, usize, usize) {
        let letters = self
            .canonical
            .tokens
            .iter()
            .map(|t| t.chars().count())
            .sum();
        (self.canonical_is_full, self.canonical.tokens.len(), letters)
    }

    /// Whether any two names share or nearly share a surname: the pairs worth comparing.
    fn may_match(&self, other: &Entry) -> bool {
        self.surnames.iter().any(|a| {
            other
                .surnames
                .iter()
                .any(|b| a == b || jaro_winkler(a, b) >= SIMILAR_NAMES)
        })
    }
}

/// Whether both speakers have names of a kind (`pick`: full names, group descriptions) and none
/// of them is the same; if so, the first of each.
fn identities_differ<'x, 'a>(
    a: &'x Entry<'a>,
    b: &'x Entry<'a>,
    pick: impl Fn(&'x Entry<'a>) -> &'x [usize],
) -> Option<(&'a str, &'a str)> {
    let (ia, ib) = (pick(a), pick(b));
    let (&first_a, &first_b) = (ia.first()?, ib.first()?);
    let shared = ia.iter().any(|&i| {
        ib.iter()
            .any(|&j| a.names[i].key.tokens == b.names[j].key.tokens)
    });
    (!shared).then(|| (a.names[first_a].text, b.names[first_b].text))
}

/// What links two speakers, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Evidence {
    SameName,
    OnlySurnameOwner,
    Initial,
    OtherMiddleNames,
    SimilarGivenNames,
    DifferentGivenNames,
    SharedNameOtherIdentity,
    AmbiguousSurname,
    SharedTitle,
    SimilarSurnames,
}

impl Evidence {
    fn confidence(self) -> Confidence {
        match self {
            Evidence::SameName | Evidence::OnlySurnameOwner => Confidence::Sure,
            _ => Confidence::Unsure,
        }
    }
}

struct Found {
    evidence: Evidence,
    reason: String,
    /// Who stays when the rule decides it (the full name over the surname alone).
    keep: Option<SpeakerId>,
}

/// Keeps the strongest evidence offered.
#[derive(Default)]
struct Best(Option<Found>);

impl Best {
    fn offer(
        &mut self,
        evidence: Evidence,
        keep: Option<SpeakerId>,
        reason: impl FnOnce() -> String,
    ) {
        if self.0.as_ref().is_none_or(|f| evidence < f.evidence) {
            self.0 = Some(Found {
                evidence,
                reason: reason(),
                keep,
            });
        }
    }
}

struct Registry<'e, 'a> {
    entries: &'e [Entry<'a>],
    /// Surname key → indices of the speakers with a full name of that surname.
    owners: BTreeMap<&'e str, Vec<usize>>,
}

impl<'e, 'a> Registry<'e, 'a> {
    fn new(entries: &'e [Entry<'a>]) -> Self {
        let mut owners: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, e) in entries.iter().enumerate() {
            let surnames: BTreeSet<&str> = e.full_names().map(|n| n.key.surname.as_str()).collect();
            for s in surnames {
                owners.entry(s).or_default().push(i);
            }
        }
        Registry { entries, owners }
    }

    /// The speakers other than `except` with a full name of surname `surname`, and whether they
    /// are one person as far as names tell (one speaker, or all sharing one full name).
    fn surname_owners(&self, surname: &str, except: SpeakerId) -> (Vec<&'e Entry<'a>>, bool) {
        let owners: Vec<&Entry> = self
            .owners
            .get(surname)
            .into_iter()
            .flatten()
            .map(|&i| &self.entries[i])
            .filter(|e| e.id != except)
            .collect();
        let unique = match owners.split_first() {
            None => false,
            Some((first, rest)) => {
                first
                    .full_names()
                    .filter(|n| n.key.surname == surname)
                    .any(|n| {
                        rest.iter()
                            .all(|o| o.full_names().any(|m| m.key.tokens == n.key.tokens))
                    })
            }
        };
        (owners, unique)
    }

    /// The strongest link between `a` and `b`, if any.
    fn compare(&self, a: &Entry, b: &Entry) -> Option<Found> {
        let mut best = Best::default();
        // Two people with different full names are two people, whatever else they share; two
        // groups described differently are two groups, unless they share a capitalised name.
        let people_differ = identities_differ(a, b, |e| &e.full);
        let groups_differ = identities_differ(a, b, |e| &e.group);
        let differ = |x: &Name, y: &Name| {
            people_differ.or(groups_differ.filter(|_| !(x.capitalised && y.capitalised)))
        };
        let differ_reason = |shared: String, (na, nb): (&str, &str)| {
            format!("{shared}, but their other names differ: “{na}” / “{nb}”")
        };

        // Same key.
        for x in &a.names {
            for y in &b.names {
                if x.key.tokens != y.key.tokens {
                    continue;
                }
                if x.form == NameForm::Title || y.form == NameForm::Title {
                    best.offer(Evidence::SharedTitle, None, || {
                        format!("{}: a title, which different people hold", same(x, y))
                    });
                } else if let Some(names) = differ(x, y) {
                    best.offer(Evidence::SharedNameOtherIdentity, None, || {
                        differ_reason(same(x, y), names)
                    });
                } else if x.is_surname_only()
                    && a.has_full_name() != b.has_full_name()
                    && [a, b]
                        .iter()
                        .flat_map(|e| e.full_names())
                        .any(|n| n.key.surname == x.key.surname)
                {
                    // A surname alone on one side and a full name of it on the other: as sure as
                    // the surname is unambiguous in the registry (below).
                } else {
                    best.offer(Evidence::SameName, None, || {
                        if x.text == y.text {
                            format!("same name: {}", same(x, y))
                        } else {
                            format!(
                                "same name after removing titles and spelling variants: {}",
                                same(x, y)
                            )
                        }
                    });
                }
            }
        }

        // A surname alone and the full names of that surname.
        for (short, long) in [(a, b), (b, a)] {
            if short.has_full_name() || !long.has_full_name() {
                continue;
            }
            for x in short.names.iter().filter(|n| n.is_surname_only()) {
                let Some(y) = long.full_names().find(|n| n.key.surname == x.key.surname) else {
                    continue;
                };
                let (owners, unique) = self.surname_owners(&x.key.surname, short.id);
                if let Some(names) = differ(x, y) {
                    best.offer(Evidence::SharedNameOtherIdentity, Some(long.id), || {
                        differ_reason(
                            format!("“{}” is the surname of “{}”", x.text, y.text),
                            names,
                        )
                    });
                } else if unique {
                    best.offer(Evidence::OnlySurnameOwner, Some(long.id), || {
                        format!(
                            "“{}” is a surname alone, and the only full name with it is “{}”",
                            x.text, y.text
                        )
                    });
                } else {
                    best.offer(Evidence::AmbiguousSurname, Some(long.id), || {
                        let names: Vec<String> = owners
                            .iter()
                            .filter_map(|o| o.full_names().find(|n| n.key.surname == x.key.surname))
                            .map(|n| format!("“{}”", n.text))
                            .collect();
                        format!(
                            "“{}” is a surname alone, and several speakers have it: {}",
                            x.text,
                            names.join(", ")
                        )
                    });
                }
            }
        }

        // Full names of the same surname.
        for x in a.full_names() {
            for y in b.full_names() {
                if x.key.surname != y.key.surname || x.key.tokens == y.key.tokens {
                    continue;
                }
                let (evidence, why) = given_names_relation(x, y);
                best.offer(evidence, None, || {
                    format!("{why}: “{}” / “{}”", x.text, y.text)
                });
            }
        }

        // Similar surnames.
        for x in a.names.iter().filter(|n| n.form == NameForm::Name) {
            for y in b.names.iter().filter(|n| n.form == NameForm::Name) {
                if x.key.surname == y.key.surname
                    || jaro_winkler(&x.key.surname, &y.key.surname) < SIMILAR_NAMES
                {
                    continue;
                }
                // "Hunter Bidet" and "Joe Biden" are not worth asking about.
                if let (Some(g), Some(h)) = (x.first_given(), y.first_given())
                    && !given_names_compatible(g, h)
                {
                    continue;
                }
                best.offer(Evidence::SimilarSurnames, None, || {
                    format!(
                        "similar surnames, perhaps misspelt: “{}” / “{}”",
                        x.text, y.text
                    )
                });
            }
        }

        best.0
    }
}

/// "“a” = “b”", or "“a”" when both are spelt the same.
fn same(x: &Name, y: &Name) -> String {
    if x.text == y.text {
        format!("“{}”", x.text)
    } else {
        format!("“{}” = “{}”", x.text, y.text)
    }
}

/// Whether `a` is an initial of `b` or the reverse ("j" / "justin").
fn is_initial_of(a: &str, b: &str) -> bool {
    (a.chars().count() == 1 && b.starts_with(a)) || (b.chars().count() == 1 && a.starts_with(b))
}

fn given_names_compatible(a: &str, b: &str) -> bool {
    a == b || is_initial_of(a, b) || jaro_winkler(a, b) >= SIMILAR_NAMES
}

/// How two different full names of the same surname relate, by their given names.
fn given_names_relation(x: &Name, y: &Name) -> (Evidence, &'static str) {
    let (gx, gy) = (x.key.given_names(), y.key.given_names());
    match (gx.first(), gy.first()) {
        (Some(a), Some(b)) if a == b => (
            Evidence::OtherMiddleNames,
            "same first name and surname, other names differ",
        ),
        (Some(a), Some(b)) if is_initial_of(a, b) => (
            Evidence::Initial,
            "same surname, and an initial that may stand for the given name",
        ),
        (Some(a), Some(b)) if jaro_winkler(a, b) >= SIMILAR_NAMES => (
            Evidence::SimilarGivenNames,
            "same surname and similar given names, perhaps misspelt",
        ),
        _ => (
            Evidence::DifferentGivenNames,
            "same surname but different given names",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speaker(id: u64, name: &str, aliases: &[&str]) -> Speaker {
        Speaker {
            id: SpeakerId(id),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            kind: Default::default(),
            role: String::new(),
            annotator: String::new(),
        }
    }

    /// One speaker per name, ids from 1.
    fn singles(names: &[&str]) -> Vec<Speaker> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| speaker(i as u64 + 1, n, &[]))
            .collect()
    }

    /// (keep, merge, confidence) of each proposal.
    fn brief(proposals: &[MergeProposal]) -> Vec<(u64, u64, Confidence)> {
        proposals
            .iter()
            .map(|p| (p.keep.0, p.merge.0, p.confidence))
            .collect()
    }

    fn find(proposals: &[MergeProposal], a: u64, b: u64) -> Option<&MergeProposal> {
        proposals
            .iter()
            .find(|p| (p.keep.0, p.merge.0) == (a, b) || (p.keep.0, p.merge.0) == (b, a))
    }

    fn sure_count(proposals: &[MergeProposal]) -> usize {
        proposals
            .iter()
            .filter(|p| p.confidence == Confidence::Sure)
            .count()
    }

    use Confidence::{Sure, Unsure};

    #[test]
    fn every_zelensky_spelling_is_one_speaker() {
        let names = [
            "Volodymyr Zelenskiy",
            "Zelensky",
            "Mr Zelensky",
            "Zelenskyy",
            "President Volodymyr Zelensky",
            "Zelensky’s",
            "Zelenskyi",
        ];
        let proposals = propose_merges(&singles(&names));
        assert_eq!(proposals.len(), 21, "{proposals:#?}");
        assert!(
            proposals.iter().all(|p| p.confidence == Sure),
            "{proposals:#?}"
        );
        // The full name stays; of two equal full names, the lower id.
        assert_eq!(brief(&proposals[..2]), [(1, 2, Sure), (1, 3, Sure)]);
        assert_eq!(find(&proposals, 1, 5).unwrap().keep, SpeakerId(1));
        assert_eq!(find(&proposals, 2, 5).unwrap().keep, SpeakerId(5));
        assert_eq!(find(&proposals, 2, 3).unwrap().keep, SpeakerId(2));
        assert_eq!(
            find(&proposals, 2, 3).unwrap().reason,
            "same name after removing titles and spelling variants: “Zelensky” = “Mr Zelensky”"
        );
        assert_eq!(
            find(&proposals, 1, 3).unwrap().reason,
            "“Mr Zelensky” is a surname alone, and the only full name with it is “Volodymyr Zelenskiy”"
        );
    }

    #[test]
    fn aliases_count_as_names() {
        let speakers = vec![
            speaker(1, "Volodymyr Zelenskiy", &["Zelensky", "Mr Zelensky"]),
            speaker(2, "Ukraine's leader", &["Zelenskyy"]),
        ];
        let proposals = propose_merges(&speakers);
        assert_eq!(brief(&proposals), [(1, 2, Sure)], "{proposals:#?}");
        assert_eq!(
            proposals[0].reason,
            "“Zelenskyy” is a surname alone, and the only full name with it is “Volodymyr Zelenskiy”"
        );
    }

    #[test]
    fn a_professor_and_his_full_name() {
        let proposals = propose_merges(&singles(&["Prof Michta", "Andrew Michta"]));
        assert_eq!(brief(&proposals), [(2, 1, Sure)]);
        let proposals = propose_merges(&singles(&["Professor Andrew Michta", "Andrew Michta"]));
        assert_eq!(brief(&proposals), [(1, 2, Sure)]);
    }

    #[test]
    fn accents_and_possessives_do_not_matter() {
        assert_eq!(
            brief(&propose_merges(&singles(&["José Álvarez", "Jose Alvarez"]))),
            [(1, 2, Sure)]
        );
        assert_eq!(
            brief(&propose_merges(&singles(&["Logan’s", "Justin Logan"]))),
            [(2, 1, Sure)]
        );
        assert_eq!(
            brief(&propose_merges(&singles(&["Mr Bruen's", "Bruen"]))),
            [(1, 2, Sure)]
        );
    }

    #[test]
    fn false_friends_are_never_sure() {
        for (a, b) in [
            ("Johnson", "Johnston"),
            ("Clinton", "Clifton"),
            ("Biden", "Bidet"),
            ("Logan", "Lohan"),
            ("Boris Johnson", "Boris Johnston"),
            ("Hillary Clinton", "Clifton"),
            ("Joe Biden", "Bidet"),
            ("Justin Logan", "Lohan"),
            ("Justin Logan", "Lindsay Lohan"),
        ] {
            let proposals = propose_merges(&singles(&[a, b]));
            assert_eq!(sure_count(&proposals), 0, "{a} / {b}: {proposals:#?}");
        }
        // The similar ones are worth a question; the longer name stays (tie: the lower id).
        for (a, b, keep) in [
            ("Johnson", "Johnston", 2),
            ("Clinton", "Clifton", 1),
            ("Biden", "Bidet", 1),
            ("Boris Johnson", "Boris Johnston", 2),
            ("Johnson", "Boris Johnston", 2),
        ] {
            let proposals = propose_merges(&singles(&[a, b]));
            assert_eq!(brief(&proposals), [(keep, 3 - keep, Unsure)], "{a} / {b}");
            assert!(
                proposals[0].reason.starts_with("similar surnames"),
                "{}",
                proposals[0].reason
            );
        }
        // Different given names and a similar surname: not even a question.
        assert!(propose_merges(&singles(&["Hunter Bidet", "Joe Biden"])).is_empty());
    }

    #[test]
    fn same_surname_different_given_names_is_unsure() {
        let proposals = propose_merges(&singles(&["Hunter Biden", "Joe Biden"]));
        assert_eq!(brief(&proposals), [(1, 2, Unsure)]);
        assert_eq!(
            proposals[0].reason,
            "same surname but different given names: “Hunter Biden” / “Joe Biden”"
        );
        // Even when both are also called "Biden".
        let speakers = vec![
            speaker(1, "Hunter Biden", &["Biden"]),
            speaker(2, "Joe Biden", &["Biden", "President Biden"]),
        ];
        let proposals = propose_merges(&speakers);
        assert_eq!(brief(&proposals), [(1, 2, Unsure)]);
        assert!(proposals[0].reason.contains("different given names"));
    }

    #[test]
    fn a_surname_alone_goes_to_its_only_full_name() {
        let proposals = propose_merges(&singles(&["Logan", "Justin Logan"]));
        assert_eq!(brief(&proposals), [(2, 1, Sure)]);

        let speakers = singles(&["Logan", "Justin Logan", "Jane Logan"]);
        let proposals = propose_merges(&speakers);
        assert_eq!(sure_count(&proposals), 0, "{proposals:#?}");
        assert_eq!(
            brief(&proposals),
            [(2, 1, Unsure), (3, 1, Unsure), (2, 3, Unsure)]
        );
        assert_eq!(
            proposals[0].reason,
            "“Logan” is a surname alone, and several speakers have it: “Justin Logan”, “Jane Logan”"
        );
        assert!(proposals[2].reason.contains("different given names"));

        // Still ambiguous when one of them also answers to the bare surname.
        let speakers = vec![
            speaker(1, "Logan", &[]),
            speaker(2, "Justin Logan", &["Logan"]),
            speaker(3, "Jane Logan", &[]),
        ];
        assert_eq!(sure_count(&propose_merges(&speakers)), 0);

        // Two speakers with the same full name are one owner, not two.
        let proposals = propose_merges(&singles(&["Logan", "Justin Logan", "Mr Justin Logan"]));
        assert_eq!(
            brief(&proposals),
            [(2, 1, Sure), (3, 1, Sure), (2, 3, Sure)]
        );
    }

    #[test]
    fn initials_and_middle_names_are_unsure() {
        let proposals = propose_merges(&singles(&["J. Logan", "Justin Logan"]));
        assert_eq!(brief(&proposals), [(2, 1, Unsure)]);
        assert!(
            proposals[0].reason.contains("initial"),
            "{}",
            proposals[0].reason
        );

        let proposals = propose_merges(&singles(&["Joseph R. Biden", "Joseph Biden"]));
        assert_eq!(brief(&proposals), [(1, 2, Unsure)]);
        assert!(proposals[0].reason.contains("other names differ"));

        let proposals = propose_merges(&singles(&["Volodimir Zelensky", "Volodymyr Zelensky"]));
        assert_eq!(brief(&proposals), [(1, 2, Unsure)]);
        assert!(proposals[0].reason.contains("similar given names"));
    }

    #[test]
    fn organisations_match_on_identical_keys_only() {
        // "NATO" and "the NATO alliance": a name and a description of it; no proposal (the
        // description's last word is no surname), the analyst merges by hand if she wants.
        assert!(propose_merges(&singles(&["NATO", "the NATO alliance"])).is_empty());
        assert_eq!(
            brief(&propose_merges(&singles(&["the Kremlin", "Kremlin"]))),
            [(1, 2, Sure)]
        );
        assert_eq!(
            brief(&propose_merges(&singles(&["NATO", "Nato"]))),
            [(1, 2, Sure)]
        );
        assert_eq!(
            brief(&propose_merges(&singles(&[
                "U.S. security experts",
                "US security experts"
            ]))),
            [(1, 2, Sure)]
        );
        // Two groups that share a vague alias are different groups.
        let speakers = vec![
            speaker(1, "U.S. security experts", &["experts"]),
            speaker(2, "Ukrainian experts", &["the experts"]),
        ];
        let proposals = propose_merges(&speakers);
        assert_eq!(brief(&proposals), [(1, 2, Unsure)]);
        assert_eq!(
            proposals[0].reason,
            "“experts” = “the experts”, but their other names differ: “U.S. security experts” / “Ukrainian experts”"
        );
        // "Russian government" and "Ukrainian government" share a last word, not a surname.
        assert!(
            propose_merges(&singles(&["Russian government", "Ukrainian government"])).is_empty()
        );
    }

    #[test]
    fn a_shared_title_is_not_a_shared_name() {
        let speakers = vec![
            speaker(1, "Donald Trump", &["US President"]),
            speaker(2, "Joe Biden", &["U.S. President"]),
        ];
        let proposals = propose_merges(&speakers);
        assert_eq!(brief(&proposals), [(1, 2, Unsure)]);
        assert!(
            proposals[0].reason.contains("a title"),
            "{}",
            proposals[0].reason
        );
        let proposals = propose_merges(&singles(&["the Prime Minister", "Prime Minister"]));
        assert_eq!(brief(&proposals), [(1, 2, Unsure)]);
    }

    #[test]
    fn particles_make_a_surname() {
        let proposals = propose_merges(&singles(&["von der Leyen", "Ursula von der Leyen"]));
        assert_eq!(brief(&proposals), [(2, 1, Sure)]);
    }

    #[test]
    fn empty_and_unrelated_registries_propose_nothing() {
        assert!(propose_merges(&[]).is_empty());
        assert!(propose_merges(&singles(&["", "  ", "Putin"])).is_empty());
        assert!(propose_merges(&singles(&["Vladimir Putin", "Donald Trump", "NATO"])).is_empty());
        // A speaker never merges with itself, even under a duplicated id.
        let speakers = vec![speaker(1, "Logan", &[]), speaker(1, "Logan", &[])];
        assert!(propose_merges(&speakers).is_empty());
    }

    #[test]
    fn each_pair_once_in_a_stable_order() {
        let mut speakers = vec![
            speaker(4, "Zelenskyy", &["Zelensky’s"]),
            speaker(2, "Hunter Biden", &["Biden"]),
            speaker(7, "Johnston", &[]),
            speaker(1, "Volodymyr Zelenskiy", &["Zelensky", "Mr Zelensky"]),
            speaker(3, "Joe Biden", &["Biden"]),
            speaker(6, "Boris Johnson", &["Johnson"]),
        ];
        let proposals = propose_merges(&speakers);
        let pairs: Vec<(u64, u64)> = proposals
            .iter()
            .map(|p| (p.keep.0.min(p.merge.0), p.keep.0.max(p.merge.0)))
            .collect();
        let unique: BTreeSet<_> = pairs.iter().collect();
        assert_eq!(unique.len(), pairs.len(), "{proposals:#?}");
        assert_eq!(
            brief(&proposals),
            [(1, 4, Sure), (2, 3, Unsure), (6, 7, Unsure)]
        );
        speakers.reverse();
        assert_eq!(propose_merges(&speakers), proposals);
    }

    #[test]
    fn sample_project_has_no_sure_merges() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../projects/ukraine-nato.ron");
        let project = crate::project::load_project(path.as_path()).unwrap();
        let proposals = propose_merges(&project.speakers);
        for p in &proposals {
            let name = |id| project.speaker_name(Some(id)).unwrap_or("?");
            println!(
                "{:?}: keep {} “{}”, merge {} “{}”: {}",
                p.confidence,
                p.keep.0,
                name(p.keep),
                p.merge.0,
                name(p.merge),
                p.reason
            );
        }
        assert_eq!(sure_count(&proposals), 0, "{proposals:#?}");
    }

    /// The sample registry with every name and alias made a speaker of its own (id: the original
    /// id × 100 + the name's index): sure proposals never cross two real speakers, and join all
    /// the names of each person.
    #[test]
    fn sample_names_split_apart_come_back_together() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../projects/ukraine-nato.ron");
        let project = crate::project::load_project(path.as_path()).unwrap();
        let mut split = Vec::new();
        for s in &project.speakers {
            for (i, name) in s.names().enumerate() {
                split.push(speaker(s.id.0 * 100 + i as u64, name, &[]));
            }
        }
        let proposals = propose_merges(&split);
        for p in &proposals {
            assert_eq!(p.keep.0 / 100, p.merge.0 / 100, "{p:#?}");
        }
        // Sure links as components: each person's names are one.
        let mut component: BTreeMap<u64, u64> = split.iter().map(|s| (s.id.0, s.id.0)).collect();
        let root = |c: &BTreeMap<u64, u64>, mut id: u64| {
            while c[&id] != id {
                id = c[&id];
            }
            id
        };
        for p in proposals.iter().filter(|p| p.confidence == Sure) {
            let (a, b) = (root(&component, p.keep.0), root(&component, p.merge.0));
            component.insert(a.max(b), a.min(b));
        }
        for person in [1, 2, 3, 4, 7, 8, 10, 11, 12] {
            let roots: BTreeSet<u64> = split
                .iter()
                .filter(|s| s.id.0 / 100 == person)
                .map(|s| root(&component, s.id.0))
                .collect();
            assert_eq!(roots.len(), 1, "speaker {person}: {proposals:#?}");
        }
    }
}
