use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Lower-cased, accents removed, curly apostrophes made straight: "Zelenskýy’s" -> "zelenskyy's".
pub fn fold(s: &str) -> String {
    s.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            '’' | '‘' | 'ʼ' => '\'',
            _ => c,
        })
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
}
