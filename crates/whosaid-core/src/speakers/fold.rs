use crate::text::is_apostrophe;
use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Lower-cased, accents removed, every apostrophe made straight: "Zelenskýy’s" -> "zelenskyy's".
pub fn fold(s: &str) -> String {
    let straight = |c: char| if is_apostrophe(c) { '\'' } else { c };
    // Apostrophes are straightened before decomposing, which would turn an acute accent typed
    // for one (´) into a space and a combining mark, and after, for letters that decompose into
    // one (ŉ into ʼn).
    s.chars()
        .map(straight)
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .map(straight)
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_apostrophes() {
        assert_eq!(fold("Zelenskýy’s"), "zelenskyy's");
        assert_eq!(fold("ÉLYSÉE"), "elysee");
        assert_eq!(fold("Grushko"), "grushko");
    }

    #[test]
    fn every_kind_of_apostrophe_folds_to_the_straight_one() {
        for name in [
            "O'Brien",
            "O’Brien",
            "O‘Brien",
            "OʼBrien",
            "O`Brien",
            "O´Brien",
        ] {
            assert_eq!(fold(name), "o'brien", "{name}");
        }
        assert_eq!(fold("ŉ"), "'n");
    }
}
