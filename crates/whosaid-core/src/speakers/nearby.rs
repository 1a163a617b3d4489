//! Speakers named near a span of a document: whom an analyst most likely means when attributing
//! it ("…, Mr Logan said" names Justin Logan), closest first, so the speaker picker can offer them.

use super::name_key::{NameForm, analyse};
use crate::project::{Speaker, SpeakerId, SpeakerKind};
use crate::text::{DocText, is_apostrophe, is_hyphen};
use std::ops::Range;

/// How far around a span (code points) a name counts as near it.
pub const NEAR_CHARS: usize = 400;

/// How far the paragraph holding a span may widen the window beyond [`NEAR_CHARS`]: the whole
/// paragraph of a long quotation is near, a document of one endless line is not.
const PARAGRAPH_CHARS: usize = 2_000;

/// The speakers of `speakers` whose name or an alias occurs within [`NEAR_CHARS`] of a span (the
/// code point ranges of its `fragments` in `text`) or in the paragraph holding it.
///
/// Names next to a reporting word come first ("Mr Logan said", "…, said Mr Logan", "according
/// to X", "US security experts say …" selected whole): that is how a speaker is named. Then other
/// names outside the fragments (between two fragments counts as outside), then names only inside
/// them, since inside a span a name is mostly what the words are about. Within each group the
/// closest come first (inside: the nearest an edge); ties keep registry order.
///
/// Names are compared by their name keys, so spellings, titles and possessives do not matter
/// ("Mr Zelensky’s" names "Volodymyr Zelenskiy"); a person's surname alone names them ("Logan
/// said"); a name written with capitals matches only capitalised words ("Bush", not "bush").
pub fn speakers_named_near(
    speakers: &[Speaker],
    text: &DocText,
    fragments: &[Range<usize>],
) -> Vec<SpeakerId> {
    let len = text.char_len();
    let fragments: Vec<Range<usize>> = fragments
        .iter()
        .map(|f| f.start.min(len)..f.end.clamp(f.start.min(len), len))
        .collect();
    let (Some(first), Some(last)) = (fragments.first(), fragments.last()) else {
        return Vec::new();
    };
    let window = window_around(text, &(first.start..last.end));
    let Some(slice) = text.slice(window.clone()) else {
        return Vec::new();
    };
    let words = words(slice, window.start);
    // (not by a reporting word, only inside a fragment, distance): the smaller, the likelier
    // the speaker.
    let rank = |(w, attributing): (Range<usize>, bool)| {
        let inside = fragments
            .iter()
            .find(|f| w.start < f.end && f.start < w.end);
        let (inside, distance) = match inside {
            Some(f) => (
                true,
                w.start
                    .saturating_sub(f.start)
                    .min(f.end.saturating_sub(w.end)),
            ),
            None => {
                let gap = |f: &Range<usize>| {
                    if w.end <= f.start {
                        f.start - w.end
                    } else {
                        w.start - f.end
                    }
                };
                (false, fragments.iter().map(gap).min().unwrap_or(usize::MAX))
            }
        };
        (!attributing, inside && !attributing, distance)
    };
    let mut found: Vec<((bool, bool, usize), usize, SpeakerId)> = Vec::new();
    for (order, speaker) in speakers.iter().enumerate() {
        let best = speaker
            .names()
            .flat_map(|name| needles(speaker, name))
            .flat_map(|needle| occurrences(&words, &needle))
            .map(rank)
            .min();
        if let Some(r) = best {
            found.push((r, order, speaker.id));
        }
    }
    found.sort_unstable();
    found.into_iter().map(|(_, _, id)| id).collect()
}

/// Code points around `span` whose names count as near.
fn window_around(text: &DocText, span: &Range<usize>) -> Range<usize> {
    let paragraphs = text.paragraphs();
    let first = &paragraphs[text.paragraph_at(span.start)].chars;
    let last = &paragraphs[text.paragraph_at(span.end)].chars;
    let start = span
        .start
        .saturating_sub(NEAR_CHARS)
        .min(first.start.max(span.start.saturating_sub(PARAGRAPH_CHARS)));
    let end = (span.end + NEAR_CHARS)
        .max(last.end.min(span.end + PARAGRAPH_CHARS))
        .min(text.char_len());
    start..end
}

/// A word of the text: its key token and where it is.
struct Word {
    key: String,
    capitalised: bool,
    /// A reporting word ("said", "according").
    reporting: bool,
    /// Right after a comma, a dash or a quotation mark: where "…,” said X" turns round.
    after_mark: bool,
    /// A title or office ("Mr", "President").
    title: bool,
    /// "Zelensky’s": what follows is his, not his saying ("Zelensky’s offer").
    possessive: bool,
    lower: String,
    chars: Range<usize>,
}

/// Whether the name at `words[i..j]` is named as a speaker: followed by a reporting word (with
/// at most one word between: "Mr Logan has said"), or after one that follows a comma or a
/// quotation mark ("…,” said Mr Logan"), or after "according to".
fn by_reporting_word(words: &[Word], i: usize, j: usize) -> bool {
    let follows = !words[j - 1].possessive
        && words[j..(j + 2).min(words.len())]
            .iter()
            .take_while(|w| !w.after_mark)
            .any(|w| w.reporting);
    let mut k = i;
    while k > 0 && i - k < 2 && words[k - 1].title {
        k -= 1;
    }
    let inverted = k > 0 && words[k - 1].reporting && words[k - 1].after_mark;
    let according = k > 1 && words[k - 1].lower == "to" && words[k - 2].lower == "according";
    follows || inverted || according
}

/// The words of `slice` (which starts at code point `base`), split as names are, each with the
/// key its spelling has.
fn words(slice: &str, base: usize) -> Vec<Word> {
    let is_inside = |c: char| c.is_alphanumeric() || c == '.' || is_apostrophe(c) || is_hyphen(c);
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    // The last mark between words, and whether the word being read came right after one.
    let (mut mark, mut after_mark) = (None, false);
    let mut chars = slice.char_indices().enumerate().peekable();
    while let Some((cp, (byte, c))) = chars.next() {
        let inside = is_inside(c) || (start.is_some() && is_combining(c));
        if inside && start.is_none() {
            start = Some((cp, byte));
            after_mark = matches!(mark, Some(',' | ';' | '—' | '–' | '”' | '"' | '»' | '“'));
        }
        if !inside && !c.is_whitespace() {
            mark = Some(c);
        }
        let ends = !inside || chars.peek().is_none();
        if let (true, Some((from_cp, from_byte))) = (ends, start) {
            let (to_cp, to_byte) = if inside {
                (cp + 1, byte + c.len_utf8())
            } else {
                (cp, byte)
            };
            let raw = &slice[from_byte..to_byte];
            let analysed = analyse(raw);
            if let [key] = analysed.key.tokens.as_slice() {
                let lower = raw.trim_end_matches('.').to_lowercase();
                out.push(Word {
                    key: key.clone(),
                    capitalised: raw.starts_with(char::is_uppercase),
                    reporting: crate::suggest::is_reporting_word(&lower),
                    after_mark,
                    title: analysed.form == NameForm::Title,
                    possessive: ["'s", "’s", "s'", "s’"].iter().any(|p| lower.ends_with(p)),
                    lower,
                    chars: base + from_cp..base + to_cp,
                });
            }
            start = None;
            // A word ending at a space leaves no mark before the next one.
            if c.is_whitespace() {
                mark = None;
            }
        }
    }
    out
}

fn is_combining(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// What to look for in the text for one name of a speaker: its key's words in order, and for a
/// person its surname alone; whether the words must be capitalised in the text.
struct Needle {
    tokens: Vec<String>,
    capitalised: bool,
}

fn needles(speaker: &Speaker, name: &str) -> Vec<Needle> {
    let analysed = analyse(name);
    let key = analysed.key;
    if key.is_empty() {
        return Vec::new();
    }
    let capitalised = analysed.capitalised;
    let mut out = vec![Needle {
        tokens: key.tokens.clone(),
        capitalised,
    }];
    let surname_names = speaker.kind == SpeakerKind::Person
        && analysed.form == NameForm::Name
        && key.tokens.len() > 1;
    if surname_names {
        out.push(Needle {
            tokens: vec![key.surname.clone()],
            capitalised: true,
        });
    }
    out
}

/// Where `needle` occurs in `words`, as code point ranges, and whether a reporting word is next
/// to it.
fn occurrences(words: &[Word], needle: &Needle) -> Vec<(Range<usize>, bool)> {
    let n = needle.tokens.len();
    if n == 0 || words.len() < n {
        return Vec::new();
    }
    words
        .windows(n)
        .enumerate()
        .filter(|(_, w)| {
            w.iter().zip(&needle.tokens).all(|(word, token)| {
                word.key == *token && (!needle.capitalised || word.capitalised)
            })
        })
        .map(|(i, w)| {
            let attributing = by_reporting_word(words, i, i + n);
            (w[0].chars.start..w[n - 1].chars.end, attributing)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Vec<Speaker> {
        let mut zelenskiy = Speaker::new(SpeakerId(1), "Volodymyr Zelenskiy");
        zelenskiy.aliases = vec!["Zelensky".into()];
        let mut logan = Speaker::new(SpeakerId(2), "Justin Logan");
        logan.aliases = vec!["Mr Logan".into()];
        let mut experts = Speaker::new(SpeakerId(3), "U.S. security experts");
        experts.kind = SpeakerKind::Group;
        let mut analysts = Speaker::new(SpeakerId(4), "Unnamed analysts");
        analysts.kind = SpeakerKind::Unnamed;
        analysts.aliases = vec!["analysts".into()];
        let mut bush = Speaker::new(SpeakerId(5), "George Bush");
        bush.aliases = vec![];
        vec![zelenskiy, logan, experts, analysts, bush]
    }

    /// The speakers named near the fragments `parts` (found in order in `text`), by id.
    fn near_parts(text: &str, parts: &[&str]) -> Vec<u64> {
        let doc = DocText::new(text.to_string());
        let mut from = 0;
        let fragments: Vec<Range<usize>> = parts
            .iter()
            .map(|p| {
                let byte = from + text[from..].find(p).unwrap();
                from = byte + p.len();
                let start = text[..byte].chars().count();
                start..start + p.chars().count()
            })
            .collect();
        speakers_named_near(&registry(), &doc, &fragments)
            .into_iter()
            .map(|id| id.0)
            .collect()
    }

    fn near(text: &str, span_text: &str) -> Vec<u64> {
        near_parts(text, &[span_text])
    }

    #[test]
    fn the_closest_name_outside_the_span_comes_first_whatever_its_spelling() {
        let text = "Mr Zelensky’s offer stands. There are other ways to ensure security, \
                    Mr Logan said. US security experts reckon so.";
        assert_eq!(
            near(text, "There are other ways to ensure security"),
            [2, 3, 1]
        );
        let text = "Mr Zelensky’s offer stands. There are other ways to ensure security, \
                    Mr Logan says. And US security experts are there.";
        assert_eq!(
            near(text, "There are other ways to ensure security"),
            [2, 1, 3]
        );
        assert_eq!(near("Logan said the deal is off.", "the deal is off"), [2]);
        // Between the parts of an interrupted quote is outside it, at distance 0.
        assert_eq!(
            near_parts(
                "Zelensky spoke. “We stay,” Mr Logan said, “and we fight Zelensky.”",
                &["“We stay,”", "“and we fight Zelensky.”"]
            ),
            [2, 1]
        );
    }

    #[test]
    fn a_name_by_a_reporting_word_comes_first_and_other_names_inside_the_span_last() {
        // The span's own speaker, selected with it; then Logan outside; then Zelensky, whom the
        // words are about.
        let text = "US security experts say the talks will fail for Zelensky. Logan disagrees.";
        assert_eq!(
            near(
                text,
                "US security experts say the talks will fail for Zelensky"
            ),
            [3, 2, 1]
        );
        // The object of a reporting verb is not who spoke: Zelensky comes after Bush.
        assert_eq!(
            near(
                "Bush called Zelensky’s plan a non-issue. There are other ways, Mr Logan said.",
                "There are other ways"
            ),
            [2, 5, 1]
        );
        // Nor is a possessor: "Zelensky’s offer" is not Zelensky offering.
        assert_eq!(
            near(
                "There are other ways, Mr Logan said. Zelensky’s offer stands.",
                "There are other ways"
            ),
            [2, 1]
        );
        // "said Mr Logan" after the span beats a name that is merely closer.
        assert_eq!(
            near(
                "Zelensky met him. Talks are off, said Mr Logan.",
                "Talks are off"
            ),
            [2, 1]
        );
        assert_eq!(near("Zelenskyy said it.", "Zelenskyy said it"), [1]);
    }

    #[test]
    fn far_and_lower_case_words_are_not_names() {
        let far = format!("Mr Logan said so.\n{}\nThe deal is off.", "x ".repeat(400));
        assert!(near(&far, "The deal is off").is_empty());
        // "bush" is not Bush; a lower-case alias matches as written.
        assert_eq!(
            near("The bush burned, analysts said.", "The bush burned"),
            [4]
        );
        assert!(near("", "").is_empty());
        assert!(speakers_named_near(&registry(), &DocText::new("Logan".into()), &[]).is_empty());
    }
}
