//! Rule-based suggestions of claims, quotes and demands with their speakers: no model, no
//! network, a document at a time.
//!
//! The rules read tokens with byte offsets (`tokens`), pair quotation marks in every style
//! (`quotes`), split sentences (`doc`), find reporting words by speech act (`cues`) and who
//! they belong to ([`mentions`], resolved against the project's speakers by [`registry`]), then
//! read reported speech (`indirect`) and attribute quotations (`direct`). Offsets in results
//! are code points (`offsets`).

mod claim_model;
mod cues;
mod direct;
mod doc;
mod fast_hash;
mod indirect;
mod mentions;
mod offsets;
mod quotes;
mod registry;
mod tokens;

use crate::project::{Label, Speaker, SpeakerId};
use crate::text::DocText;
pub use claim_model::{THRESHOLD as CLAIM_THRESHOLD, training_candidates};
use doc::Doc;
use mentions::Resolver;
use offsets::CodePoints;
use registry::Registry;
use std::ops::Range;
use std::sync::Arc;

/// One proposed annotation.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub label: Label,
    /// Code-point ranges, sorted, non-overlapping, at least one (a quote interrupted by its
    /// attribution has several).
    pub fragments: Vec<Range<usize>>,
    pub speaker: Option<SpeakerGuess>,
    /// The reporting words ("said", "according to", "called on"), code points.
    pub cue: Option<Range<usize>>,
    pub addressee: Option<SpeakerGuess>,
    /// 0..=1
    pub confidence: f32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SpeakerGuess {
    /// A speaker of the registry (matched by name, alias or name key).
    Known(SpeakerId),
    /// Not in the registry: the name as the article gives it, cleaned of titles where sensible
    /// ("Mr Bruen" -> "Brett Bruen" if the full name appeared earlier in the article; otherwise
    /// the fullest form seen). Shared: a speaker named at many places is one copy of the name.
    New(Arc<str>),
}

impl Suggestion {
    pub fn start(&self) -> usize {
        self.fragments.first().map_or(0, |f| f.start)
    }

    pub fn end(&self) -> usize {
        self.fragments.last().map_or(0, |f| f.end)
    }
}

/// Whether a lower-case word is a reporting word ("said", "told", "urged", "according"): a name
/// next to one is probably who spoke.
pub fn is_reporting_word(lower: &str) -> bool {
    lower == "according" || cues::verb(lower).is_some()
}

/// All suggestions for one document, sorted by start.
pub fn suggest(text: &DocText, speakers: &[Speaker]) -> Vec<Suggestion> {
    suggest_located(text, speakers)
        .into_iter()
        .map(|(s, _)| s)
        .collect()
}

/// Where a suggestion's fragments and cue lie in the text as byte ranges, beside its code point
/// ranges: whoever cuts the text for it need not count code points again.
#[derive(Clone, Debug, PartialEq)]
pub struct ByteSpans {
    pub fragments: Vec<Range<usize>>,
    pub cue: Option<Range<usize>>,
}

/// The project's speakers as suggestions resolve names against them, for a run over many
/// documents: what tells this list from another is worked out once, not for each document.
pub struct KnownSpeakers<'a> {
    list: &'a [Speaker],
    fingerprint: u64,
}

impl<'a> KnownSpeakers<'a> {
    pub fn new(list: &'a [Speaker]) -> Self {
        Self {
            list,
            fingerprint: registry::fingerprint(list),
        }
    }
}

/// [`suggest`], each suggestion with its byte ranges.
pub fn suggest_located(text: &DocText, speakers: &[Speaker]) -> Vec<(Suggestion, ByteSpans)> {
    suggest_located_among(text, &KnownSpeakers::new(speakers))
}

/// [`suggest_located`] with speakers made known once for many documents.
pub fn suggest_located_among(
    text: &DocText,
    speakers: &KnownSpeakers,
) -> Vec<(Suggestion, ByteSpans)> {
    let registry = Registry::cached_by(speakers.list, speakers.fingerprint);
    let doc = Doc::new(text.as_str());
    let mut resolver = Resolver::new(&registry, &doc);
    let attributions: Vec<_> = doc
        .sentences
        .iter()
        .flat_map(|s| indirect::attributions(&doc, s, &mut resolver))
        .collect();
    let quotes = direct::direct_quotes(&doc, &attributions, &mut resolver);

    let code_points = CodePoints::new(doc.text);
    let bytes = |r: &Range<usize>| doc.bytes(r.clone());
    let range = |b: &Range<usize>| code_points.of(b.start)..code_points.of(b.end);
    let located = |pieces: Vec<Range<usize>>, cue: Option<Range<usize>>| {
        let fragments = pieces.iter().map(range).collect();
        let spans = ByteSpans {
            fragments: pieces,
            cue,
        };
        (fragments, spans)
    };
    // Quotes and attributions are consumed: their speakers move into the suggestions.
    let mut out: Vec<(Suggestion, ByteSpans)> = quotes
        .into_iter()
        .map(|q| {
            let cue = q.attribution.map(|a| bytes(&attributions[a].cue));
            let (fragments, spans) = located(q.pieces.iter().map(bytes).collect(), cue);
            let suggestion = Suggestion {
                label: Label::Quote,
                fragments,
                speaker: q.speaker.map(|w| w.guess),
                cue: spans.cue.as_ref().map(range),
                addressee: None,
                confidence: q.confidence,
            };
            (suggestion, spans)
        })
        .collect();
    // Which attributions are offered is settled on the whole list (a restatement needs its
    // neighbours) before they are consumed.
    let offered = indirect::offered(&doc, &attributions);
    for (a, offered) in attributions.into_iter().zip(offered) {
        // Direct speech is a quote only; a partial quote inside reported speech is both.
        if !offered {
            continue;
        }
        let (fragments, spans) =
            located(a.content.iter().map(bytes).collect(), Some(bytes(&a.cue)));
        out.push((
            Suggestion {
                label: a.label,
                fragments,
                speaker: a.speaker.map(|w| w.guess),
                cue: spans.cue.as_ref().map(range),
                addressee: a.addressee,
                confidence: a.confidence,
            },
            spans,
        ));
    }
    out.sort_by(|(a, _), (b, _)| {
        (a.start(), a.end(), a.label)
            .cmp(&(b.start(), b.end(), b.label))
            .then(b.confidence.total_cmp(&a.confidence))
    });
    out.dedup_by(|(later, _), (kept, _)| {
        later.label == kept.label && later.fragments == kept.fragments
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::SpeakerKind;

    fn registry() -> Vec<Speaker> {
        let mut logan = Speaker::new(SpeakerId(2), "Justin Logan");
        logan.aliases = vec!["Mr Logan".into()];
        let mut nato = Speaker::new(SpeakerId(15), "NATO");
        nato.kind = SpeakerKind::Organisation;
        vec![logan, nato]
    }

    #[test]
    fn suggestions_are_in_code_points_sorted_and_resolved() {
        let text = DocText::new(
            "Ukraine’s “offer” stands.\n“It doesn’t move the needle,” said Mr Justin Logan. “It’s an effort.”\nJane Doe urged NATO to act, he said.\n"
                .to_string(),
        );
        let s = suggest(&text, &registry());
        let quote = &s[0];
        assert_eq!(quote.label, Label::Quote);
        assert_eq!(quote.fragments.len(), 2);
        assert_eq!(
            text.slice(quote.fragments[0].clone()),
            Some("“It doesn’t move the needle,”")
        );
        assert_eq!(
            text.slice(quote.fragments[1].clone()),
            Some("“It’s an effort.”")
        );
        assert_eq!(quote.speaker, Some(SpeakerGuess::Known(SpeakerId(2))));
        assert_eq!(text.slice(quote.cue.clone().unwrap()), Some("said"));
        assert!(s.windows(2).all(|w| w[0].start() <= w[1].start()));
        let demand = s.iter().find(|s| s.label == Label::Demand).unwrap();
        assert_eq!(text.slice(demand.fragments[0].clone()), Some("act"));
        assert_eq!(demand.speaker, Some(SpeakerGuess::New("Jane Doe".into())));
        assert_eq!(demand.addressee, Some(SpeakerGuess::Known(SpeakerId(15))));
        // The scare-quoted “offer” has no speaker: not proposed.
        assert!(s.iter().all(|s| s.start() > 20));
    }

    #[test]
    fn byte_ranges_cut_the_same_text_as_the_code_points() {
        let text = DocText::new(
            "Ukraine’s “offer” stands.\n“It doesn’t move the needle,” said Mr Justin Logan. “It’s an effort.”\nJane Doe urged NATO to act, he said.\n"
                .to_string(),
        );
        let located = suggest_located(&text, &registry());
        assert!(located.len() >= 2, "{located:?}");
        for (s, b) in &located {
            assert_eq!(s.fragments.len(), b.fragments.len());
            for (cps, bytes) in s.fragments.iter().zip(&b.fragments) {
                assert_eq!(text.slice(cps.clone()), Some(&text.as_str()[bytes.clone()]));
            }
            let cue_by_bytes = b.cue.clone().map(|b| &text.as_str()[b]);
            assert_eq!(s.cue.clone().and_then(|c| text.slice(c)), cue_by_bytes);
        }
        let plain: Vec<Suggestion> = located.into_iter().map(|(s, _)| s).collect();
        assert_eq!(plain, suggest(&text, &registry()));
    }

    #[test]
    fn texts_that_crashed_the_engine_get_suggestions_on_text_that_is_there() {
        for text in [
            "After Smith said it, he left.",
            "In the debate, Smith gave Clinton said",
            "''We stay,'' said",
            "''",
            "Cruz continued:\n\n“We will fight on and on",
        ] {
            let doc = DocText::new(text.to_string());
            let len = text.chars().count();
            for s in suggest(&doc, &registry()) {
                assert!(
                    s.fragments.iter().all(|f| f.start < f.end && f.end <= len),
                    "{text:?}: {s:?}"
                );
            }
        }
        // "said it": the object only points back, so nothing is proposed.
        let doc = DocText::new("After Smith said it, he left.".into());
        assert_eq!(suggest(&doc, &[]), []);
    }

    #[test]
    fn empty_and_quote_free_texts_have_no_suggestions() {
        assert!(suggest(&DocText::new(String::new()), &[]).is_empty());
        assert!(suggest(&DocText::new("Plain text. Nothing said.".into()), &[]).is_empty());
    }
}
