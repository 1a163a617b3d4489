//! Name keys: one comparable form for the many spellings of a name ("Mr Zelensky",
//! "President Volodymyr Zelenskiy", "Zelenskyy’s" all end in the surname key "zelensky").

use super::fold::fold;
use crate::text::{is_apostrophe, is_hyphen};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A comparable form of a person's or organisation's name.
///
/// `tokens` are the words of the name, folded (case, accents, apostrophes), without leading titles
/// or trailing suffixes, each normalised for transliteration; `surname` is the last of them (empty
/// for an empty name). Organisations get keys the same way, without a leading "the".
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NameKey {
    pub tokens: Vec<String>,
    pub surname: String,
}

impl NameKey {
    /// Whether the name had no word left (an empty name or one of punctuation only).
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The tokens before the surname, without particles ("von", "de"…): empty for a surname alone
    /// ("Zelensky", "von der Leyen").
    pub fn given_names(&self) -> Vec<&str> {
        let Some((_, given)) = self.tokens.split_last() else {
            return Vec::new();
        };
        given
            .iter()
            .map(String::as_str)
            .filter(|t| !is_particle(t))
            .collect()
    }
}

/// The comparable form of `name`; see [`NameKey`].
pub fn name_key(name: &str) -> NameKey {
    analyse(name).key
}

/// What kind of name a string is, as far as its spelling tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameForm {
    /// A proper name: every word capitalised ("Justin Logan", "NATO", "von der Leyen"), or a
    /// single word in lower case, as an analyst may type a surname ("logan").
    Name,
    /// Capitalised and lower-case words mixed, or several words in lower case: a description of a
    /// person or a group ("U.S. security experts", "Russian government", "British leader",
    /// "security experts").
    Description,
    /// Nothing but titles ("US President", "the Prime Minister"): different people hold them.
    Title,
}

pub(crate) struct AnalysedName {
    pub key: NameKey,
    pub form: NameForm,
    /// A [`NameForm::Name`] written with capitals ("Logan", not "logan" or "experts").
    pub capitalised: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lead {
    /// Dropped wherever it leads the name.
    Title,
    /// Dropped only when (more modifiers and then) a title follows: "German Chancellor Friedrich
    /// Merz" loses "German", "German Marshall Fund" and "Russian government" keep it.
    Modifier,
}

/// Words dropped where they lead a name, as spelt after folding and removing punctuation
/// ("U.S." is "us"). Entries of several words match as a phrase; the longest entry wins.
const LEADING: &[(&str, Lead)] = {
    use Lead::{Modifier as M, Title as T};
    &[
        ("the", T),
        // Honorifics.
        ("mr", T),
        ("mrs", T),
        ("ms", T),
        ("mx", T),
        ("miss", T),
        ("dr", T),
        ("doctor", T),
        ("prof", T),
        ("professor", T),
        ("sir", T),
        ("dame", T),
        ("lord", T),
        ("lady", T),
        ("baron", T),
        ("baroness", T),
        // Offices.
        ("president", T),
        ("vice president", T),
        ("vice-president", T),
        ("premier", T),
        ("prime minister", T),
        ("pm", T),
        ("chancellor", T),
        ("minister", T),
        ("secretary", T),
        ("secretary-general", T),
        ("secretary of state", T),
        ("secretary of defense", T),
        ("secretary of defence", T),
        ("attorney general", T),
        ("chief of staff", T),
        ("head of state", T),
        ("supreme leader", T),
        ("sen", T),
        ("senator", T),
        ("rep", T),
        ("representative", T),
        ("congressman", T),
        ("congresswoman", T),
        ("gov", T),
        ("governor", T),
        ("ambassador", T),
        ("envoy", T),
        ("commissioner", T),
        ("chairman", T),
        ("chairwoman", T),
        ("chair", T),
        ("mayor", T),
        ("judge", T),
        ("justice", T),
        ("speaker", T),
        ("spokesman", T),
        ("spokeswoman", T),
        ("spokesperson", T),
        ("king", T),
        ("queen", T),
        ("crown prince", T),
        ("prince", T),
        ("princess", T),
        ("emir", T),
        ("sheikh", T),
        ("pope", T),
        ("rev", T),
        ("reverend", T),
        ("archbishop", T),
        ("bishop", T),
        ("cardinal", T),
        // Military ranks.
        ("gen", T),
        ("general", T),
        ("field marshal", T),
        ("col", T),
        ("colonel", T),
        ("lt", T),
        ("lieutenant", T),
        ("capt", T),
        ("captain", T),
        ("maj", T),
        ("major", T),
        ("sgt", T),
        ("sergeant", T),
        ("adm", T),
        ("admiral", T),
        // Role modifiers.
        ("deputy", M),
        ("vice", M),
        ("prime", M),
        ("foreign", M),
        ("defence", M),
        ("defense", M),
        ("interior", M),
        ("finance", M),
        ("home", M),
        ("state", M),
        ("chief", M),
        ("senior", M),
        ("acting", M),
        ("interim", M),
        ("former", M),
        ("ex", M),
        ("then", M),
        ("assistant", M),
        // Nationalities and places.
        ("us", M),
        ("usa", M),
        ("american", M),
        ("uk", M),
        ("british", M),
        ("eu", M),
        ("european", M),
        ("un", M),
        ("nato", M),
        ("ukrainian", M),
        ("russian", M),
        ("belarusian", M),
        ("german", M),
        ("french", M),
        ("italian", M),
        ("spanish", M),
        ("polish", M),
        ("dutch", M),
        ("turkish", M),
        ("israeli", M),
        ("palestinian", M),
        ("iranian", M),
        ("chinese", M),
        ("japanese", M),
        ("indian", M),
        ("canadian", M),
        ("australian", M),
    ]
};

/// Dropped at the end of a name (while a word is left before them).
const SUFFIXES: &[&str] = &[
    "jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "mp", "qc", "kc",
];

/// Lower-case words inside surnames ("von der Leyen", "da Silva"), as spelt in keys ("della" has
/// lost its double letter). A name of particles and a surname is a surname alone.
const PARTICLES: &[&str] = &[
    "de", "da", "di", "do", "dos", "das", "du", "del", "dela", "der", "den", "van", "von", "la",
    "le", "bin", "ibn", "ter", "ten",
];

pub(crate) fn is_particle(token: &str) -> bool {
    PARTICLES.contains(&token)
}

/// A word of the name: its cleaned, folded spelling and how the original was capitalised.
struct Word {
    text: String,
    case: Case,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Upper,
    Lower,
    /// No letter to tell (digits).
    None,
}

pub(crate) fn analyse(name: &str) -> AnalysedName {
    let mut words = words(name);

    // Leading titles; a name made of nothing else keeps its titles (it is a role), minus "the".
    let lead = leading_titles(&words);
    let mut form = None;
    if lead >= words.len() {
        let articles = words.iter().take_while(|w| w.text == "the").count();
        if articles < words.len() {
            words.drain(..articles);
            form = Some(NameForm::Title);
        }
    } else {
        words.drain(..lead);
    }
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| SUFFIXES.contains(&w.text.as_str()))
    {
        words.pop();
    }

    let (mut upper, mut lower, mut count) = (false, false, 0);
    for word in words.iter().filter(|w| !is_particle(&w.text)) {
        upper |= word.case == Case::Upper;
        lower |= word.case == Case::Lower;
        count += 1;
    }
    let form = form.unwrap_or(if lower && (upper || count > 1) {
        NameForm::Description
    } else {
        NameForm::Name
    });

    let tokens: Vec<String> = words.iter().map(|w| normalise_token(&w.text)).collect();
    let surname = tokens.last().cloned().unwrap_or_default();
    AnalysedName {
        key: NameKey { tokens, surname },
        form,
        capitalised: form == NameForm::Name && upper,
    }
}

/// Splits at white space and punctuation other than full stops, apostrophes and hyphens, which
/// stay inside words ("U.S.", "O'Brien", "Jean-Claude"); folds each word, strips a possessive,
/// removes full stops and apostrophes and keeps hyphens only between letters.
fn words(name: &str) -> Vec<Word> {
    let name: String = name.nfc().collect();
    let is_inside = |c: char| {
        c.is_alphanumeric() || is_combining_mark(c) || c == '.' || is_apostrophe(c) || is_hyphen(c)
    };
    name.split(|c: char| !is_inside(c))
        .filter_map(|raw| {
            let mut folded = fold(raw);
            if let Some(stem) = folded.strip_suffix("'s").filter(|s| !s.is_empty()) {
                folded.truncate(stem.len());
            } else if let Some(stem) = folded.strip_suffix('\'') {
                folded.truncate(stem.len());
            }
            let text = folded
                .split(is_hyphen)
                .map(|part| {
                    part.chars()
                        .filter(|c| c.is_alphanumeric())
                        .collect::<String>()
                })
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join("-");
            if text.is_empty() {
                return None;
            }
            // "al-Assad" is a capitalised word: any part that starts with a capital counts.
            let initials = raw
                .split(is_hyphen)
                .filter_map(|part| part.chars().find(|c| c.is_alphabetic()));
            let mut case = Case::None;
            for c in initials {
                if c.is_uppercase() {
                    case = Case::Upper;
                    break;
                }
                if c.is_lowercase() {
                    case = Case::Lower;
                }
            }
            Some(Word { text, case })
        })
        .collect()
}

/// Words of `words` starting at `at` that form one entry of [`LEADING`], longest first.
fn leading_at(words: &[Word], at: usize) -> Option<(usize, Lead)> {
    LEADING
        .iter()
        .filter_map(|&(entry, lead)| {
            let mut n = 0;
            for part in entry.split(' ') {
                if words.get(at + n).is_none_or(|w| w.text != part) {
                    return None;
                }
                n += 1;
            }
            Some((n, lead))
        })
        .max_by_key(|&(n, _)| n)
}

/// How many words at the start of the name are titles (with the modifiers that lead them).
fn leading_titles(words: &[Word]) -> usize {
    let mut at = 0;
    while at < words.len() {
        match leading_at(words, at) {
            Some((n, Lead::Title)) => at += n,
            Some((n, Lead::Modifier)) => {
                let mut next = at + n;
                while let Some((n, Lead::Modifier)) = leading_at(words, next) {
                    next += n;
                }
                match leading_at(words, next) {
                    Some((n, Lead::Title)) => at = next + n,
                    _ => break,
                }
            }
            None => break,
        }
    }
    at
}

/// Transliteration variants agree: final -skiy/-skyy/-skyi/-skii/-ski/-sky become "sky", final
/// iy/yy/yi/ij/ii become "y", and doubled letters are single ("Zelenskyy" = "Zelenskiy" =
/// "Zelensky", "Dmitriy" = "Dmitrii" = "Dmitry"). Each part of a hyphenated word separately.
fn normalise_token(token: &str) -> String {
    token
        .split('-')
        .map(normalise_part)
        .collect::<Vec<_>>()
        .join("-")
}

fn normalise_part(part: &str) -> String {
    let mut s = part.to_string();
    if let Some(stem) = s
        .strip_suffix("ski")
        .filter(|stem| stem.chars().count() >= 2)
    {
        s = format!("{stem}sky");
    }
    for ending in ["iy", "yy", "yi", "ij", "ii"] {
        if let Some(stem) = s
            .strip_suffix(ending)
            .filter(|stem| stem.chars().count() >= 2)
        {
            s = format!("{stem}y");
            break;
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut last = None;
    for c in s.chars() {
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(name: &str) -> Vec<String> {
        name_key(name).tokens
    }

    fn form(name: &str) -> NameForm {
        analyse(name).form
    }

    #[test]
    fn zelensky_spellings_share_one_surname_key() {
        for name in [
            "Zelensky",
            "Zelenskiy",
            "Zelenskyy",
            "Zelenskyi",
            "Zelenskii",
            "Zelenski",
            "ZELENSKY",
            "Zelenskýy",
            "Mr Zelensky",
            "Mr. Zelensky",
            "Zelensky’s",
            "Zelensky's",
            "Mr Zelenskyy's",
        ] {
            let key = name_key(name);
            assert_eq!(key.tokens, ["zelensky"], "{name}");
            assert_eq!(key.surname, "zelensky", "{name}");
        }
        let full = name_key("Volodymyr Zelenskiy");
        assert_eq!(full.tokens, ["volodymyr", "zelensky"]);
        assert_eq!(full.surname, "zelensky");
        for name in [
            "Volodymyr Zelensky",
            "President Volodymyr Zelensky",
            "President Volodymyr Zelenskiy",
            "Ukrainian President Volodymyr Zelensky",
            "Volodymyr Zelenskyy’s",
        ] {
            assert_eq!(name_key(name), full, "{name}");
        }
    }

    #[test]
    fn titles_and_their_modifiers_are_dropped_where_they_lead() {
        assert_eq!(tokens("Prof Michta"), ["michta"]);
        assert_eq!(tokens("Prof. Michta"), ["michta"]);
        assert_eq!(tokens("Professor Andrew Michta"), tokens("Andrew Michta"));
        assert_eq!(
            tokens("Russian Deputy Foreign Minister Alexander Grushko"),
            ["alexander", "grushko"]
        );
        assert_eq!(
            tokens("German Chancellor Friedrich Merz"),
            ["friedrich", "merz"]
        );
        assert_eq!(tokens("U.S. President Donald Trump"), ["donald", "trump"]);
        assert_eq!(tokens("US President Donald Trump"), ["donald", "trump"]);
        assert_eq!(
            tokens("French President Emmanuel Macron"),
            ["emanuel", "macron"]
        );
        assert_eq!(tokens("Prime Minister Keir Starmer"), ["keir", "starmer"]);
        assert_eq!(
            tokens("British Prime Minister Keir Starmer"),
            ["keir", "starmer"]
        );
        assert_eq!(tokens("PM Keir Starmer"), ["keir", "starmer"]);
        assert_eq!(tokens("Secretary of State Marco Rubio"), ["marco", "rubio"]);
        assert_eq!(tokens("Gen. Mark Milley"), ["mark", "miley"]);
        assert_eq!(tokens("Dr Jane Smith"), ["jane", "smith"]);
        assert_eq!(tokens("Sir Keir Starmer"), ["keir", "starmer"]);
        assert_eq!(
            tokens("Former Prime Minister Boris Johnson"),
            ["boris", "johnson"]
        );
        // Only where they lead: a title word inside or at the end of a name stays.
        assert_eq!(tokens("John Major"), ["john", "major"]);
        assert_eq!(
            tokens("Justin Logan, president"),
            ["justin", "logan", "president"]
        );
    }

    #[test]
    fn modifiers_without_a_title_stay() {
        assert_eq!(tokens("Russian government"), ["rusian", "government"]);
        assert_eq!(
            tokens("German Marshall Fund"),
            ["german", "marshal", "fund"]
        );
        assert_eq!(
            tokens("U.S. security experts"),
            ["us", "security", "experts"]
        );
        assert_eq!(
            tokens("US security experts"),
            tokens("U.S. security experts")
        );
        assert_eq!(tokens("British leader"), ["british", "leader"]);
    }

    #[test]
    fn a_name_of_titles_only_keeps_them() {
        assert_eq!(tokens("President"), ["president"]);
        assert_eq!(tokens("the President"), ["president"]);
        assert_eq!(tokens("Prime Minister"), ["prime", "minister"]);
        assert_eq!(tokens("Ukrainian President"), ["ukrainian", "president"]);
        assert_eq!(form("US President"), NameForm::Title);
        assert_eq!(form("the Prime Minister"), NameForm::Title);
        assert_eq!(name_key("Ukrainian President").surname, "president");
    }

    #[test]
    fn suffixes_are_dropped() {
        assert_eq!(
            tokens("Martin Luther King, Jr."),
            ["martin", "luther", "king"]
        );
        assert_eq!(tokens("Robert F. Kennedy Jr"), ["robert", "f", "kenedy"]);
        assert_eq!(tokens("Pope John Paul II"), ["john", "paul"]);
        assert_eq!(tokens("Jane Smith PhD"), ["jane", "smith"]);
        assert_eq!(tokens("Keir Starmer MP"), ["keir", "starmer"]);
        // Never the last word.
        assert_eq!(tokens("Jr"), ["jr"]);
    }

    #[test]
    fn accents_and_case_are_ignored() {
        assert_eq!(name_key("José Álvarez"), name_key("Jose Alvarez"));
        assert_eq!(name_key("JOSÉ ÁLVAREZ"), name_key("jose alvarez"));
        // Decomposed accents (a combining mark after the letter) stay inside the word.
        assert_eq!(
            name_key("Jose\u{301} A\u{301}lvarez"),
            name_key("José Álvarez")
        );
        assert_eq!(tokens("Élysée Palace"), ["elyse", "palace"]);
    }

    #[test]
    fn possessives_and_apostrophes() {
        assert_eq!(tokens("Zelensky’s"), ["zelensky"]);
        assert_eq!(tokens("Mr Logan's"), ["logan"]);
        assert_eq!(tokens("Jones’"), ["jones"]);
        assert_eq!(tokens("O'Brien"), ["obrien"]);
        assert_eq!(tokens("O’Brien’s"), ["obrien"]);
        assert_eq!(tokens("Ukraine's president"), ["ukraine", "president"]);
        assert_eq!(tokens("'s"), ["s"]);
        // An acute accent typed for the apostrophe is one too, also before a possessive s.
        assert_eq!(tokens("Putin´s"), ["putin"]);
        assert_eq!(tokens("O´Brien"), tokens("O'Brien"));
    }

    #[test]
    fn punctuation_is_removed_but_inner_hyphens_stay() {
        assert_eq!(tokens("J. Logan"), ["j", "logan"]);
        assert_eq!(tokens("Jean-Claude Juncker"), ["jean-claude", "juncker"]);
        assert_eq!(tokens("Jean‐Claude Juncker"), ["jean-claude", "juncker"]);
        assert_eq!(tokens("-Smith-"), ["smith"]);
        assert_eq!(tokens("“Logan”"), ["logan"]);
        assert_eq!(tokens("Logan (analyst)"), ["logan", "analyst"]);
        assert_eq!(tokens("Smith–Jones"), ["smith", "jones"]);
        assert_eq!(tokens("Bashar al-Assad"), ["bashar", "al-asad"]);
    }

    #[test]
    fn transliteration_variants_agree() {
        assert_eq!(tokens("Dmitriy Peskov"), tokens("Dmitry Peskov"));
        assert_eq!(tokens("Dmitrii Peskov"), tokens("Dmitry Peskov"));
        assert_eq!(tokens("Kowalski"), tokens("Kowalsky"));
        assert_eq!(tokens("Emmanuel Macron"), tokens("Emanuel Macron"));
        assert_eq!(tokens("Zelenskyy-Smith"), ["zelensky-smith"]);
        // Short words are left alone.
        assert_eq!(tokens("Yi"), ["yi"]);
        assert_eq!(tokens("Ski"), ["ski"]);
    }

    #[test]
    fn false_friends_keep_different_keys() {
        for (a, b) in [
            ("Johnson", "Johnston"),
            ("Clinton", "Clifton"),
            ("Biden", "Bidet"),
            ("Logan", "Lohan"),
            ("Hunter Biden", "Joe Biden"),
        ] {
            assert_ne!(name_key(a), name_key(b), "{a} / {b}");
        }
        assert_eq!(
            name_key("Hunter Biden").surname,
            name_key("Joe Biden").surname
        );
    }

    #[test]
    fn organisations_lose_a_leading_the() {
        assert_eq!(name_key("the Kremlin"), name_key("Kremlin"));
        assert_eq!(name_key("The Kremlin"), name_key("Kremlin"));
        assert_eq!(tokens("NATO"), ["nato"]);
        assert_eq!(name_key("Nato"), name_key("NATO"));
        // A description stays a description: "the NATO alliance" is not the key of "NATO".
        assert_eq!(tokens("the NATO alliance"), ["nato", "aliance"]);
        assert_eq!(name_key("the NATO alliance").surname, "aliance");
        assert_eq!(tokens("the"), ["the"]);
    }

    #[test]
    fn empty_names_have_empty_keys() {
        for name in ["", "   ", "…", "--", "“ ”"] {
            let key = name_key(name);
            assert!(key.is_empty(), "{name:?}");
            assert_eq!(key.surname, "");
            assert!(key.given_names().is_empty());
        }
        // A title alone is a name of its own, not an empty one.
        assert_eq!(tokens("Mr."), ["mr"]);
    }

    #[test]
    fn given_names_skip_particles() {
        assert_eq!(name_key("Ursula von der Leyen").given_names(), ["ursula"]);
        assert!(name_key("von der Leyen").given_names().is_empty());
        assert_eq!(name_key("Ursula von der Leyen").surname, "leyen");
        assert_eq!(name_key("Justin Logan").given_names(), ["justin"]);
        assert!(name_key("Logan").given_names().is_empty());
    }

    #[test]
    fn forms_tell_names_from_descriptions() {
        assert_eq!(form("Keir Starmer"), NameForm::Name);
        assert_eq!(form("NATO"), NameForm::Name);
        assert_eq!(form("Ursula von der Leyen"), NameForm::Name);
        assert_eq!(form("zelensky"), NameForm::Name);
        assert_eq!(form("experts"), NameForm::Name);
        assert_eq!(form("security experts"), NameForm::Description);
        assert_eq!(form("von der leyen"), NameForm::Name);
        assert_eq!(form("President Volodymyr Zelensky"), NameForm::Name);
        assert_eq!(form("British leader"), NameForm::Description);
        assert_eq!(form("U.S. security experts"), NameForm::Description);
        assert_eq!(form("Russian government"), NameForm::Description);
        assert_eq!(form("President"), NameForm::Title);
    }
}
