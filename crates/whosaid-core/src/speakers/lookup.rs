use super::fold::fold;
use crate::project::{Speaker, SpeakerId};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerMatch {
    pub id: SpeakerId,
    /// The name or alias that matched (the canonical name when the query is empty).
    pub matched: String,
}

/// Speakers with a name or alias in which `query` starts a word, ignoring case and accents.
/// Matches at the start of the name rank first; ties keep registry order.
pub fn find_speakers(speakers: &[Speaker], query: &str) -> Vec<SpeakerMatch> {
    let q = fold(query.trim());
    let mut found: Vec<(u8, usize, SpeakerMatch)> = Vec::new();
    for (order, s) in speakers.iter().enumerate() {
        let best = s
            .names()
            .filter_map(|name| {
                let folded = fold(name);
                // Only matches at the start of a word: "lo" finds "Logan", not "Volodymyr".
                let rank = folded
                    .match_indices(&q)
                    .map(|(pos, _)| pos)
                    .find(|&pos| pos == 0 || folded[..pos].ends_with([' ', '-', '.', '\'']))
                    .map(|pos| u8::from(pos != 0))?;
                Some((rank, name))
            })
            .min_by_key(|(rank, _)| *rank);
        if let Some((rank, name)) = best {
            found.push((
                rank,
                order,
                SpeakerMatch {
                    id: s.id,
                    matched: name.to_string(),
                },
            ));
        }
    }
    found.sort_by_key(|(rank, order, _)| (*rank, *order));
    found.into_iter().map(|(_, _, m)| m).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Vec<Speaker> {
        vec![
            Speaker {
                id: SpeakerId(1),
                name: "Volodymyr Zelenskiy".into(),
                aliases: vec!["Zelensky".into(), "Mr Zelensky".into()],
                kind: Default::default(),
                role: String::new(),
                annotator: String::new(),
            },
            Speaker {
                id: SpeakerId(2),
                name: "Justin Logan".into(),
                aliases: vec!["Mr Logan".into()],
                kind: Default::default(),
                role: String::new(),
                annotator: String::new(),
            },
            Speaker {
                id: SpeakerId(3),
                name: "Élysée Palace".into(),
                aliases: vec![],
                kind: Default::default(),
                role: String::new(),
                annotator: String::new(),
            },
        ]
    }

    #[test]
    fn matches_any_alias_case_and_accent_insensitively() {
        let r = registry();
        let ids = |q| -> Vec<u64> { find_speakers(&r, q).iter().map(|m| m.id.0).collect() };
        assert_eq!(ids("zelensky"), [1]);
        assert_eq!(ids("MR LO"), [2]);
        assert_eq!(ids("elysee"), [3]);
        assert_eq!(ids("lo"), [2]);
        assert_eq!(ids(""), [1, 2, 3]);
        assert!(ids("Grushko").is_empty());
        assert_eq!(find_speakers(&r, "mr z")[0].matched, "Mr Zelensky");
    }
}
