//! Counted nouns for messages, reports and the status bar: "1 match", "2 matches", "0 annotations",
//! so no text says "1 annotations".

/// `n` and the noun, singular for exactly one: `count(1, "match", "matches")` is "1 match".
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", noun(n, singular, plural))
}

/// The noun alone, for a count written elsewhere in the sentence.
pub fn noun<'a>(n: usize, singular: &'a str, plural: &'a str) -> &'a str {
    if n == 1 { singular } else { plural }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(count(1, "match", "matches"), "1 match");
        assert_eq!(count(0, "match", "matches"), "0 matches");
        assert_eq!(count(2, "annotation", "annotations"), "2 annotations");
        assert_eq!(noun(1, "speaker", "speakers"), "speaker");
        assert_eq!(noun(11, "speaker", "speakers"), "speakers");
    }
}
