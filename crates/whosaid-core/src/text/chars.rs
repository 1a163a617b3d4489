//! Which characters are apostrophes and which are hyphens: the marks that stay inside a word.
//! One definition for selection, suggestion tokens and speaker names, so that they agree on words.

/// An apostrophe, or what writers and their keyboards put for one. Inside a word it belongs to
/// the word ("O'Brien", "Ukraine’s"); folded, every one becomes `'`.
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        // The typewriter apostrophe.
        '\''
        // U+2019, the typographic apostrophe (right single quotation mark): most news text.
        | '’'
        // U+2018, left single quotation mark: autocorrect puts it for an apostrophe that starts
        // a word ("‘til") and some feeds turn every apostrophe into it.
        | '‘'
        // U+02BC, modifier letter apostrophe: transliterated Ukrainian and Belarusian names
        // ("Ukrainʼs", "Marʼyana").
        | 'ʼ'
        // Grave and acute accents typed for an apostrophe on keyboards without one ("O`Brien").
        | '`'
        | '´'
    )
}

/// A hyphen: joins the parts of one word ("Jean-Claude", "non-issue", "al-Assad"). Dashes
/// (en dash –, em dash —) are not hyphens: they separate words, so "Smith–Jones" is two names.
pub fn is_hyphen(c: char) -> bool {
    matches!(
        c,
        // Hyphen-minus, what keyboards type.
        '-'
        // U+2010, the typographic hyphen.
        | '‐'
        // U+2011, the non-breaking hyphen of word processors.
        | '‑'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_are_not_hyphens_and_quotes_marks_are_not_all_apostrophes() {
        assert!(['-', '‐', '‑'].into_iter().all(is_hyphen));
        assert!(!['–', '—', '_'].into_iter().any(is_hyphen));
        assert!(
            ['\'', '’', '‘', 'ʼ', '`', '´']
                .into_iter()
                .all(is_apostrophe)
        );
        assert!(!['"', '“', '”', '-'].into_iter().any(is_apostrophe));
    }
}
