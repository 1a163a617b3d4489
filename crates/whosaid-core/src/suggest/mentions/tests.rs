//! Tests of finding and resolving mentions: names, possessives, noun phrases, subjects and the
//! resolver's memory of who spoke last.

use super::*;

/// The shortcut of [`strip_possessive`] knows the last byte of every apostrophe.
#[test]
fn every_apostrophe_ends_in_a_byte_the_possessive_check_knows() {
    let apostrophes = ('\0'..=char::MAX).filter(|&c| crate::text::is_apostrophe(c));
    for c in apostrophes.chain(['s']) {
        let last = *c.to_string().as_bytes().last().unwrap();
        assert!(ends_possessive(last), "{c:?}");
        assert_eq!(
            strip_possessive(&format!("Kyiv{c}")).is_some(),
            c != 's',
            "{c:?}"
        );
    }
}

/// The flag settled once per token answers as reading the word and the token after it
/// does, for every token (marks and the last token included).
#[test]
fn possessives_are_marked_on_the_tokens_that_read_as_possessive() {
    let text = "Kyiv’s plan, the experts’ view, Trump's aides, James' car, Zoë‘s (ok)’ \
                O`Brien`s 'quoted' ’s ''double'' Moscow’ s NATO’";
    let d = doc(text);
    let mut marked = Vec::new();
    for i in 0..d.token_count() + 1 {
        let read = (d.is_word(i) && strip_possessive(d.word(i)).is_some())
            || (d.touching(i, i + 1) && d.is_punct(i + 1, &['’', '\'']));
        assert_eq!(is_possessive(&d, i), read, "token {i} {:?}", d.word(i));
        if read {
            marked.push(d.word(i));
        }
    }
    // A closing quotation mark touching a word reads as a detached apostrophe too.
    let expected = [
        "Kyiv’s",
        "experts",
        "Trump's",
        "James",
        "Zoë‘s",
        ")",
        "O`Brien`s",
        "quoted",
        "double",
        "Moscow",
        "NATO",
    ];
    assert_eq!(marked, expected);
}

#[test]
fn a_possessive_is_stripped_whichever_apostrophe_the_text_uses() {
    for w in ["Trump’s", "Trump's", "Trump‘s", "Trumpʼs"] {
        assert_eq!(strip_possessive(w), Some("Trump"), "{w}");
    }
    assert_eq!(strip_possessive("experts’"), Some("experts"));
    assert_eq!(strip_possessive("Thomas"), None);
    assert_eq!(strip_possessive("’s"), None);
}

fn doc(text: &str) -> Doc<'_> {
    Doc::new(text)
}

fn at(d: &Doc, word: &str) -> usize {
    (0..d.token_count()).find(|&i| d.word(i) == word).unwrap()
}

fn subject<'a>(d: &'a Doc, verb: &str) -> Option<&'a str> {
    let v = at(d, verb);
    subject_before(d, 0, v).map(|np| d.text_of(np.tokens))
}

#[test]
fn names_take_particles_initials_and_stop_at_possessives() {
    let d = doc("Ursula von der Leyen met J. R. Smith and Ukraine’s President.");
    let n = name_at(&d, 0, d.token_count()).unwrap();
    assert_eq!(d.text_of(n), "Ursula von der Leyen");
    let n = name_at(&d, at(&d, "J."), d.token_count()).unwrap();
    assert_eq!(d.text_of(n), "J. R. Smith");
    let n = name_at(&d, at(&d, "Ukraine’s"), d.token_count()).unwrap();
    assert_eq!(d.text_of(n), "Ukraine’s");
    let d = doc("However the deal");
    assert_eq!(name_at(&d, 0, 3), None);
}

#[test]
fn days_datelines_and_sentence_openers_are_no_names() {
    for text in [
        "Tuesday said",
        "WASHINGTON said",
        "VOTERS CARE MORE said",
        "Later said",
        "Indeed said",
    ] {
        let d = doc(text);
        assert_eq!(name_at(&d, 0, d.token_count()), None, "{text}");
    }
    let d = doc("NATO said");
    assert_eq!(d.text_of(name_at(&d, 0, 2).unwrap()), "NATO");
}

#[test]
fn titles_are_stripped_from_names() {
    let d = doc("Russian Deputy Foreign Minister Alexander Grushko spoke");
    let (core, titled) = strip_titles(&d, 0..6);
    assert_eq!(d.text_of(core), "Alexander Grushko");
    assert!(titled);
    let d = doc("John Major spoke");
    assert_eq!(d.text_of(strip_titles(&d, 0..2).0), "John Major");
}

#[test]
fn subjects_skip_auxiliaries_appositions_and_time() {
    let d = doc("Justin Logan, director of studies at the Cato Institute, has repeatedly said so.");
    assert_eq!(subject(&d, "said"), Some("Justin Logan"));
    let d = doc("Germany’s new chancellor, Friedrich Merz, has framed it.");
    assert_eq!(subject(&d, "framed"), Some("Friedrich Merz"));
    let d = doc("Ukrainian President Volodymyr Zelensky on Dec 14 offered to drop it.");
    assert_eq!(
        subject(&d, "offered"),
        Some("Ukrainian President Volodymyr Zelensky")
    );
    let d = doc("Marley Anderson, 21, a junior from Las Vegas, said she came.");
    assert_eq!(subject(&d, "said"), Some("Marley Anderson"));
    let d = doc("Some analysts argue it.");
    assert_eq!(subject(&d, "argue"), Some("Some analysts"));
    let d = doc("The comments from U.S. security experts underscore the limits.");
    assert_eq!(subject(&d, "underscore"), None);
    let d = doc("These irreconcilable positions suggest that it fails.");
    assert_eq!(subject(&d, "suggest"), None);
    let d = doc("The experts’ analysis highlights that it fails.");
    let np = subject_before(&d, 0, at(&d, "highlights")).unwrap();
    assert!(matches!(np.kind, NpKind::Possessor(ref o) if d.text_of(o.clone()) == "experts"));
    let d = doc("He met French President Emmanuel Macron, who has reaffirmed it.");
    assert_eq!(
        subject(&d, "reaffirmed"),
        Some("French President Emmanuel Macron")
    );
}

#[test]
fn noun_phrases_after_a_word() {
    let d = doc("according to several foreign policy and security experts.");
    let np = np_after(&d, 2, d.token_count() - 1).unwrap();
    assert_eq!(
        d.text_of(np.tokens),
        "several foreign policy and security experts"
    );
    let d = doc("said Mr Logan and Professor Andrew Michta, an expert");
    let np = np_after(&d, 1, d.token_count()).unwrap();
    assert_eq!((d.text_of(np.tokens), np.kind), ("Mr Logan", NpKind::Name));
    let d = doc("from the West.");
    assert_eq!(d.text_of(np_after(&d, 1, 3).unwrap().tokens), "West");
}

/// A surname alone is the closest full name before it with that surname, else the first
/// after it, among names of every initial and any spelling the name key joins.
#[test]
fn a_surname_resolves_to_the_closest_full_name_with_that_surname() {
    let registry = Registry::new(&[]);
    let resolved = |text: &str, word: &str| {
        let d = doc(text);
        let mut r = Resolver::new(&registry, &d);
        // The surname that opens a sentence, alone.
        let alone = |i: usize| d.word(i) == word && (i == 0 || d.word(i - 1) == ".");
        let at = (0..d.token_count()).find(|&i| alone(i)).unwrap();
        let np = classify(&d, at..at + 1).unwrap();
        match r.resolve(&d, &np).map(|w| w.guess) {
            Some(SpeakerGuess::New(name)) => name.to_string(),
            other => format!("{other:?}"),
        }
    };
    let text = "Anna Smith spoke. Bob Jones spoke. Carl Smith spoke. Dan Zelensky spoke. \
                Smith said so. Eve Smith spoke. Zelenskiy said so. Jones said so.";
    assert_eq!(resolved(text, "Smith"), "Carl Smith");
    assert_eq!(resolved(text, "Zelenskiy"), "Dan Zelensky");
    assert_eq!(resolved(text, "Jones"), "Bob Jones");
    let text = "Smith said so. Bob Jones spoke. Anna Smith spoke. Carl Smith spoke.";
    assert_eq!(resolved(text, "Smith"), "Anna Smith");
    assert_eq!(
        resolved("Smith said so. Bob Jones spoke.", "Smith"),
        "Smith"
    );
}

#[test]
fn surnames_and_pronouns_resolve_to_the_named_person() {
    let registry = Registry::new(&[]);
    let d = doc("Brett Bruen, a former adviser, spoke. Mr Bruen said so. He left.");
    let mut r = Resolver::new(&registry, &d);
    let mr = at(&d, "Mr");
    let np = classify(&d, mr..mr + 2).unwrap();
    let who = r.resolve(&d, &np).unwrap();
    assert_eq!(who.guess, SpeakerGuess::New("Brett Bruen".into()));
    assert!(who.person);
    r.note(&who);
    let he = at(&d, "He");
    let np = classify(&d, he..he + 1).unwrap();
    assert_eq!(r.resolve(&d, &np).unwrap().guess, who.guess);
}
