//! What another tool's span types, event roles and relation types mean in whosaid: a label
//! (`claim`, `quote`, `demand`, or `auto`), or a part of an annotation (`speaker`, `cue`,
//! `addressee`), or nothing (`ignore`).
//!
//! Names are compared ignoring case and punctuation: `SaidBy`, `said_by` and `said-by` are one
//! name. The defaults cover whosaid's own names and the usual attribution schemes; `--map` adds to
//! them and overrides them.

use crate::project::Label;
use std::collections::BTreeMap;

/// What a type, role or relation of the imported file becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The span is an annotation with this label.
    Label(Label),
    /// The span is an annotation: a quote when it is enclosed in quotation marks, else a claim
    /// (for attribution corpora that mark direct and indirect speech alike as "Content").
    Auto,
    /// Names who said it.
    Speaker,
    /// The reporting words.
    Cue,
    /// Who a demand calls on to act.
    Addressee,
    /// (Relations only) the two spans are pieces of one annotation: doccano and Label Studio have
    /// no discontinuous spans, so whosaid's exports join the pieces with `continues`.
    Fragment,
    /// Left out on purpose: not reported.
    Ignore,
}

impl Target {
    /// Whether the span becomes an annotation of its own.
    pub fn is_label(self) -> bool {
        matches!(self, Target::Label(_) | Target::Auto)
    }

    /// Whether the span is a part of another span's annotation.
    pub fn is_role(self) -> bool {
        matches!(self, Target::Speaker | Target::Cue | Target::Addressee)
    }

    fn parse(value: &str) -> Option<Target> {
        Some(match key(value).as_str() {
            "claim" => Target::Label(Label::Claim),
            "quote" => Target::Label(Label::Quote),
            "demand" => Target::Label(Label::Demand),
            "auto" => Target::Auto,
            "speaker" | "source" => Target::Speaker,
            "cue" => Target::Cue,
            "addressee" => Target::Addressee,
            "fragment" | "continues" => Target::Fragment,
            "ignore" => Target::Ignore,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Target::Label(l) => l.key(),
            Target::Auto => "auto",
            Target::Speaker => "speaker",
            Target::Cue => "cue",
            Target::Addressee => "addressee",
            Target::Fragment => "fragment",
            Target::Ignore => "ignore",
        }
    }
}

/// The values `--map NAME=VALUE` accepts, for messages.
pub const TARGETS: &str =
    "claim, quote, demand, auto, speaker, cue, addressee, fragment (relations) or ignore";

/// Names as compared: lower case, letters and digits only.
pub fn key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Type, role and relation names of the imported file and what each becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    entries: BTreeMap<String, Target>,
}

/// Names every import understands without `--map`.
const DEFAULTS: &[(&str, Target)] = &[
    ("claim", Target::Label(Label::Claim)),
    ("quote", Target::Label(Label::Quote)),
    ("demand", Target::Label(Label::Demand)),
    ("cue", Target::Cue),
    ("hascue", Target::Cue),
    ("source", Target::Speaker),
    ("speaker", Target::Speaker),
    ("saidby", Target::Speaker),
    ("addressee", Target::Addressee),
    ("addressedto", Target::Addressee),
    ("continues", Target::Fragment),
];

impl Default for Mapping {
    fn default() -> Self {
        Self {
            entries: DEFAULTS
                .iter()
                .map(|&(name, target)| (name.to_string(), target))
                .collect(),
        }
    }
}

impl Mapping {
    /// The defaults with `NAME=VALUE` pairs over them; each argument may hold several pairs
    /// separated by commas (`Content=quote,Source=speaker`). The error names the bad pair.
    pub fn parse<S: AsRef<str>>(args: &[S]) -> Result<Mapping, String> {
        let mut mapping = Mapping::default();
        // What each name was mapped to on this command line, and by which pair: a name mapped
        // twice to different things is a mistake, not a choice to be made silently.
        let mut given: BTreeMap<String, (Target, String)> = BTreeMap::new();
        for arg in args {
            for pair in arg.as_ref().split(',').map(str::trim) {
                if pair.is_empty() {
                    continue;
                }
                let Some((name, value)) = pair.split_once('=') else {
                    return Err(format!(
                        "--map {pair:?}: expected NAME=VALUE, VALUE one of {TARGETS}"
                    ));
                };
                let name = key(name);
                if name.is_empty() {
                    return Err(format!("--map {pair:?}: the name is empty"));
                }
                let target = Target::parse(value)
                    .ok_or_else(|| format!("--map {pair:?}: {value:?} is not one of {TARGETS}"))?;
                if let Some((earlier, first)) = given.get(&name)
                    && *earlier != target
                {
                    return Err(format!(
                        "--map {pair:?} contradicts {first:?}: a name can be mapped to one thing \
                         only (names are compared ignoring case and punctuation)"
                    ));
                }
                given.insert(name.clone(), (target, pair.to_string()));
                mapping.entries.insert(name, target);
            }
        }
        Ok(mapping)
    }

    /// What `name` (a span type, an event role or a relation type) becomes; `None` when the mapping
    /// does not say. An event role numbered to repeat it (`Source2`) maps as its base name.
    pub fn get(&self, name: &str) -> Option<Target> {
        let k = key(name);
        self.entries.get(&k).copied().or_else(|| {
            let base = k.trim_end_matches(|c: char| c.is_ascii_digit());
            (base.len() < k.len() && !base.is_empty())
                .then(|| self.entries.get(base).copied())
                .flatten()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_overrides_ignore_case_and_punctuation() {
        let m = Mapping::parse(&["Content=quote, Source=ignore", "Attribution=cue"]).unwrap();
        assert_eq!(m.get("content"), Some(Target::Label(Label::Quote)));
        assert_eq!(m.get("SOURCE"), Some(Target::Ignore));
        assert_eq!(m.get("Attribution"), Some(Target::Cue));
        assert_eq!(m.get("Quote"), Some(Target::Label(Label::Quote)));
        assert_eq!(m.get("said_by"), Some(Target::Speaker));
        assert_eq!(m.get("SaidBy"), Some(Target::Speaker));
        assert_eq!(m.get("Speaker2"), Some(Target::Speaker), "numbered role");
        assert_eq!(m.get("Person"), None);
        assert_eq!(m.get("has_cue"), Some(Target::Cue));
        assert_eq!(m.get("continues"), Some(Target::Fragment));
        assert_eq!(Mapping::parse::<&str>(&[]).unwrap(), Mapping::default());
    }

    #[test]
    fn bad_pairs_are_refused_with_the_pair() {
        let err = Mapping::parse(&["Content"]).unwrap_err();
        assert!(err.contains("\"Content\""), "{err}");
        let err = Mapping::parse(&["Content=statement"]).unwrap_err();
        assert!(err.contains("statement") && err.contains("quote"), "{err}");
        assert!(Mapping::parse(&["=quote"]).is_err());
    }

    #[test]
    fn a_name_mapped_twice_to_different_things_is_refused() {
        let err = Mapping::parse(&["Quote=ignore,Quote=claim"]).unwrap_err();
        assert!(
            err.contains("\"Quote=claim\" contradicts \"Quote=ignore\""),
            "{err}"
        );
        // Across repeated options, and however the name is spelt.
        let err = Mapping::parse(&["said_by=speaker", "SaidBy=cue"]).unwrap_err();
        assert!(
            err.contains("SaidBy=cue") && err.contains("said_by=speaker"),
            "{err}"
        );
        // Saying the same thing twice, or overriding a default, is fine.
        let m = Mapping::parse(&["Quote=ignore", "quote=IGNORE", "Claim=quote"]).unwrap();
        assert_eq!(m.get("Quote"), Some(Target::Ignore));
        assert_eq!(m.get("Claim"), Some(Target::Label(Label::Quote)));
    }
}
