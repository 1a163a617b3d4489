//! Direct quotes: a quotation is proposed only when a speaker goes with it. It is the content of
//! a reporting verb (`“…,” said X`, `X said: “…”`, `“…,” X said. “…”`), a partial quote inside
//! reported speech (`X called it a “non-issue”`), or a paragraph that opens with a quotation
//! right after a quoted speaker's paragraph (it continues that speaker). Scare quotes, titles and
//! terms in quotation marks with no speaker are left alone.

use super::cues::AUXILIARY_SET;
use super::doc::Doc;
use super::indirect::Attribution;
use super::mentions::{
    NpKind, Resolver, Who, after_parenthesis, np_after, sentence_subject, subject_before,
};
use std::ops::Range;

/// A quote to propose: token ranges of its pieces (marks included), the attribution it comes
/// from (`None` when it continues the previous speaker).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct DirectQuote {
    pub pieces: Vec<Range<usize>>,
    pub attribution: Option<usize>,
    pub speaker: Option<Who>,
    pub confidence: f32,
}

/// Words before a quotation that make it a name or a term, not someone's words.
const NAMING: &[&str] = &[
    "so-called",
    "dubbed",
    "titled",
    "entitled",
    "named",
    "nicknamed",
    "term",
    "word",
    "slogan",
    "motto",
    "hashtag",
];

/// Small words a title in title case leaves in lower case.
const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "de",
    "la", "le", "von", "der",
];

/// Whether a partial quotation reads as a title or a name (every word capitalised, no sentence
/// punctuation inside) or is introduced as a term ("the so-called “…”").
fn is_name_or_term(doc: &Doc, piece: &Range<usize>) -> bool {
    let inner = piece.start + 1..piece.end - 1;
    let mut words = inner.clone().filter(|&k| doc.is_word(k)).peekable();
    let titled = words.peek().is_some()
        && words.all(|k| doc.is_cap(k) || doc.is_any(k, TITLE_SMALL_WORDS))
        && !inner.clone().any(|k| doc.is_punct(k, &['.', '!', '?']));
    let introduced = piece.start > 0
        && (doc.is_any(piece.start - 1, NAMING)
            || (piece.start > 1
                && doc.is(piece.start - 1, "as")
                && doc.is(piece.start - 2, "known")));
    titled || introduced
}

/// The quotations that have a speaker, in text order, with interrupted quotes joined.
/// The attributions' content ranges by start, so that those holding a quotation are found
/// without looking at every attribution of a long document.
struct Holders {
    /// (start, end, attribution index), sorted.
    contents: Vec<(usize, usize, usize)>,
    /// The longest content range: a holder starts at most this far before what it holds.
    longest: usize,
    /// Each attribution's total content length: the shortest holder is the most specific.
    sizes: Vec<usize>,
}

impl Holders {
    fn new(attributions: &[Attribution]) -> Self {
        let mut contents: Vec<(usize, usize, usize)> = attributions
            .iter()
            .enumerate()
            .flat_map(|(i, a)| a.content.iter().map(move |r| (r.start, r.end, i)))
            .collect();
        contents.sort_unstable();
        let longest = contents.iter().map(|&(s, e, _)| e - s).max().unwrap_or(0);
        let sizes = attributions
            .iter()
            .map(|a| a.content.iter().map(|r| r.len()).sum())
            .collect();
        Holders {
            contents,
            longest,
            sizes,
        }
    }

    /// The attribution with the shortest content that holds one of `pieces` whole (the first
    /// such attribution on a tie).
    fn holding(&self, pieces: &[Range<usize>]) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        for p in pieces {
            let hi = self.contents.partition_point(|&(s, _, _)| s <= p.start);
            let lo = self
                .contents
                .partition_point(|&(s, _, _)| s + self.longest < p.start);
            for &(_, end, i) in &self.contents[lo..hi] {
                if p.end <= end && best.is_none_or(|b| (self.sizes[i], i) < b) {
                    best = Some((self.sizes[i], i));
                }
            }
        }
        best.map(|(_, i)| i)
    }
}

pub(super) fn direct_quotes(
    doc: &Doc,
    attributions: &[Attribution],
    resolver: &mut Resolver,
) -> Vec<DirectQuote> {
    let mut out: Vec<DirectQuote> = Vec::new();
    let holders = Holders::new(attributions);
    for quote in &doc.quotes {
        let pieces: Vec<Range<usize>> = quote.pieces.iter().map(|p| p.open..p.last + 1).collect();
        // The attribution whose content holds the quotation, the most specific first.
        let covering = holders
            .holding(&pieces)
            .map(|index| (index, &attributions[index]));
        if let Some((index, a)) = covering {
            let whole = a.content.iter().any(|r| pieces.contains(r));
            if !whole && pieces.iter().any(|p| is_name_or_term(doc, p)) {
                continue;
            }
            // "“A,” he said, “B.”": the pieces of one attribution make one quote.
            if let Some(last) = out.last_mut()
                && last.attribution == Some(index)
                && whole
            {
                last.pieces.extend(pieces);
                continue;
            }
            let speaker = a
                .speaker
                .clone()
                .or_else(|| nearby_speaker(doc, &pieces, resolver));
            out.push(DirectQuote {
                pieces,
                attribution: Some(index),
                speaker,
                confidence: if whole { 0.9 } else { 0.75 }
                    * if a.speaker.is_some() { 1.0 } else { 0.7 },
            });
            continue;
        }
        let first = pieces[0].start;
        let Some(last) = out.last_mut() else {
            if let Some(q) = unattributed(doc, pieces, resolver) {
                out.push(q);
            }
            continue;
        };
        let last_end = last.pieces.last().map_or(0, |p| p.end - 1);
        let here = doc.sentence_at(first);
        // "“A,” X said. “B.”": the sentence after the attribution is the quote's next piece.
        let after_attribution = match (last.attribution, here) {
            (Some(a), Some(h)) if h > 0 => {
                let cue = attributions[a].cue.start;
                doc.sentence_at(cue) == Some(h - 1)
                    && doc.sentences[h].tokens.start == first
                    && doc.sentences[h].paragraph == doc.sentences[h - 1].paragraph
                    && cue > last_end
            }
            _ => false,
        };
        if after_attribution {
            last.pieces.extend(pieces);
            continue;
        }
        // A paragraph that opens with a quotation after a quoted speaker's paragraph.
        let paragraph = doc.paragraph_of(first);
        let previous = doc.paragraphs[..paragraph]
            .iter()
            .rposition(|p| !p.is_empty());
        let continues = doc.paragraphs[paragraph].start == first
            && previous.is_some_and(|p| doc.paragraph_of(last_end) == p);
        if continues {
            // Its own "…,” X said" names the speaker; else the previous quote's goes on.
            let own = own_speaker(doc, &pieces, resolver);
            let speaker = own.or_else(|| last.speaker.clone());
            out.push(DirectQuote {
                pieces,
                attribution: None,
                speaker,
                confidence: 0.6,
            });
        } else if let Some(mut q) = unattributed(doc, pieces, resolver) {
            // Nothing near names a speaker: the last quoted speaker, if they were quoted in
            // this paragraph or the one before (the article is still giving their words).
            let recent = paragraph <= doc.paragraph_of(last_end) + 2;
            if q.speaker.is_none() && recent {
                q.speaker = last.speaker.clone();
            }
            out.push(q);
        }
    }
    out
}

/// Words a quotation needs to read as someone's words when nothing names who said them: fewer
/// are scare quotes ("a “deal”") or terms.
const SPEECH_WORDS: usize = 4;

/// A quotation with no reporting word around it (signed with a dash, led in by a colon in the
/// paragraph before, or a speaker's words the article never attributes): proposed with no
/// speaker and a low confidence, unless it reads as a scare quote, a term or a title.
fn unattributed(
    doc: &Doc,
    pieces: Vec<Range<usize>>,
    resolver: &mut Resolver,
) -> Option<DirectQuote> {
    let words: usize = pieces
        .iter()
        .map(|p| p.clone().filter(|&k| doc.is_word(k)).count())
        .sum();
    if words < SPEECH_WORDS || pieces.iter().any(|p| is_name_or_term(doc, p)) {
        return None;
    }
    let speaker = nearby_speaker(doc, &pieces, resolver);
    Some(DirectQuote {
        pieces,
        attribution: None,
        confidence: if speaker.is_some() { 0.5 } else { 0.35 },
        speaker,
    })
}

/// Who a quotation with no speaker is most likely from: a name or description next to a verb
/// right after it ("“…,” Ryan tweeted", "“…,” Trump went on", "“…,” said one Democrat"), or
/// the subject of the text that leads into it.
fn nearby_speaker(doc: &Doc, pieces: &[Range<usize>], resolver: &mut Resolver) -> Option<Who> {
    own_speaker(doc, pieces, resolver).or_else(|| lead_in_speaker(doc, pieces[0].start, resolver))
}

/// Who the words right after a quotation name: "“…,” X said" or a dash signature.
fn own_speaker(doc: &Doc, pieces: &[Range<usize>], resolver: &mut Resolver) -> Option<Who> {
    pieces
        .iter()
        .find_map(|p| trailing_speaker(doc, p.end, resolver))
        .or_else(|| signed_speaker(doc, pieces.last()?.end, resolver))
}

/// How far after a quotation its speaker is looked for, in tokens.
const TRAILING_WORDS: usize = 12;

/// How long an apposition between a trailing name and its verb may be, in tokens.
const APPOSITION_WORDS: usize = 24;

/// "“…,” NAME verb" or "“…,” verb NAME", the words right after a quotation's closing mark.
fn trailing_speaker(doc: &Doc, after: usize, resolver: &mut Resolver) -> Option<Who> {
    // A quotation ending in "?" or "!" ends its sentence before the attribution ("“…?”
    // Scarborough continued."), so the words after it are read to the paragraph's end.
    let paragraph = &doc.paragraphs[doc.paragraph_of(after.checked_sub(1)?)];
    let end = paragraph.end.min(after + TRAILING_WORDS);
    if after >= end || doc.quote_at(after).is_some() {
        return None;
    }
    let verb = |k: usize| doc.is_word(k) && !doc.is_cap(k) && doc.quote_at(k).is_none();
    let speaker_np =
        |np: &super::mentions::Np| matches!(np.kind, NpKind::Name | NpKind::Description);
    // "“…,” Rep. Gwen Moore (D-Wis.) said": over a short parenthesis to the verb.
    if let Some(np) = np_after(doc, after, end)
        .filter(|np| speaker_np(np) && verb(after_parenthesis(doc, np.tokens.end, paragraph.end)))
    {
        return resolver.resolve(doc, &np);
    }
    // "“…,” Jeff Weaver, Sanders’ campaign manager, said": a name, an apposition between
    // commas, then a reporting verb.
    if let Some(np) = np_after(doc, after, end).filter(|np| np.kind == NpKind::Name)
        && doc.is_punct(np.tokens.end, &[','])
    {
        let limit = paragraph.end.min(np.tokens.end + APPOSITION_WORDS);
        let comma = (np.tokens.end + 1..limit)
            .find(|&k| doc.is_punct(k, &[',']) || doc.quote_at(k).is_some())
            .filter(|&k| doc.quote_at(k).is_none());
        let mut buf = [0; 24];
        let reports = |k: usize| {
            verb(k)
                && super::tokens::lower(doc.word(k), &mut buf)
                    .is_some_and(|w| super::cues::verb(w).is_some() || w.ends_with("ed"))
        };
        // "…, has said": over auxiliaries to the verb.
        let verb_at = comma.and_then(|c| (c + 1..limit).find(|&k| !doc.is_in(k, &AUXILIARY_SET)));
        if verb_at.is_some_and(reports) {
            return resolver.resolve(doc, &np);
        }
    }
    let np = np_after(doc, after + 1, end).filter(|np| verb(after) && speaker_np(np))?;
    resolver.resolve(doc, &np)
}

/// Who a quotation with no reporting word is most likely from: the named subject of the text
/// that leads into it, either the start of its own sentence ("Trump returned the compliment,
/// telling Reuters, “…”") or the sentence before that ends with a colon ("Cruz continued:").
fn lead_in_speaker(doc: &Doc, open: usize, resolver: &mut Resolver) -> Option<Who> {
    let here = doc.sentence_at(open)?;
    let sentence = &doc.sentences[here];
    let lead = if sentence.tokens.start < open {
        sentence.tokens.start..open
    } else {
        let before = doc.sentences.get(here.checked_sub(1)?)?;
        let last = before.tokens.end.checked_sub(1)?;
        if !doc.is_punct(last, &[':']) || doc.paragraph_of(open) > before.paragraph + 2 {
            return None;
        }
        before.tokens.start..last
    };
    // Only words outside quotations lead in.
    let lead = lead.start
        ..(lead.start..lead.end)
            .find(|&k| doc.quote_at(k).is_some())
            .unwrap_or(lead.end);
    // The subject of the verb that ends the lead-in ("Growing sharper, Mr. Trump continued:",
    // "…, and then Wallnau continues:", "As Professor Foner put it:"), a name signed with a
    // dash before the colon ("Lessons from the caucus - Carl Bialik:"), else the sentence's subject.
    let mut v = lead.end;
    while v > lead.start && doc.punct(v - 1).is_some() {
        v -= 1;
    }
    let signed = (lead.start..v)
        .rev()
        .take(5)
        .find(|&k| doc.is_punct(k, &['-', '—', '–', '―']))
        .and_then(|dash| np_after(doc, dash + 1, v))
        .filter(|np| np.kind == NpKind::Name && np.tokens.end == v);
    if v > lead.start + 1 && doc.is(v - 1, "it") {
        v -= 1;
    }
    let verb_subject = v
        .checked_sub(1)
        .filter(|&k| k > lead.start && doc.is_word(k) && !doc.is_cap(k))
        .and_then(|verb| subject_before(doc, lead.start, verb))
        .filter(|np| np.kind == NpKind::Name);
    let np = signed
        .or_else(|| sentence_subject(doc, lead.clone()).filter(|np| np.kind == NpKind::Name))
        .or(verb_subject)?;
    resolver.resolve(doc, &np)
}

/// A quotation signed with a dash after it, in its paragraph or at the start of the next
/// ("“…” — Sen. Ann Lee", "“…” ⏎ - Clinton, in the debate").
fn signed_speaker(doc: &Doc, after: usize, resolver: &mut Resolver) -> Option<Who> {
    let paragraph = doc.paragraph_of(after.checked_sub(1)?);
    let dash = if after < doc.paragraphs[paragraph].end {
        after
    } else {
        doc.paragraphs[paragraph + 1..]
            .iter()
            .find(|p| !p.is_empty())?
            .start
    };
    const DASHES: &[char] = &['-', '—', '–', '―'];
    if !doc.is_punct(dash, DASHES) || doc.quote_at(dash).is_some() {
        return None;
    }
    // "--" is a dash too.
    let name = dash + 1 + usize::from(doc.is_punct(dash + 1, DASHES));
    let end = doc.paragraphs[doc.paragraph_of(dash)].end;
    let np = np_after(doc, name, end).filter(|np| np.kind == NpKind::Name)?;
    resolver.resolve(doc, &np)
}

#[cfg(test)]
mod tests {
    use super::super::SpeakerGuess;
    use super::super::indirect::attributions;
    use super::super::mentions::Resolver;
    use super::super::registry::Registry;
    use super::*;

    /// (quote pieces joined by " … ", speaker name) per quote.
    fn quotes(text: &str) -> Vec<(String, String)> {
        let registry = Registry::new(&[]);
        let doc = Doc::new(text);
        let mut resolver = Resolver::new(&registry, &doc);
        let attributions: Vec<_> = doc
            .sentences
            .iter()
            .flat_map(|s| attributions(&doc, s, &mut resolver))
            .collect();
        direct_quotes(&doc, &attributions, &mut resolver)
            .into_iter()
            .map(|q| {
                let text: Vec<&str> = q.pieces.iter().map(|p| doc.text_of(p.clone())).collect();
                let speaker = match q.speaker.map(|w| w.guess) {
                    Some(SpeakerGuess::New(n)) => n.to_string(),
                    other => format!("{other:?}"),
                };
                (text.join(" … "), speaker)
            })
            .collect()
    }

    fn q(text: &str, speaker: &str) -> (String, String) {
        (text.into(), speaker.into())
    }

    #[test]
    fn quotes_with_the_attribution_before_or_after() {
        assert_eq!(
            quotes("“We will stay,” said Mr Tom Hart, a senior adviser. Ann Lee said: “We leave.”"),
            [
                q("“We will stay,”", "Tom Hart"),
                q("“We leave.”", "Ann Lee")
            ]
        );
        assert_eq!(
            quotes("\"It is over,\" Ann Lee told reporters."),
            [q("\"It is over,\"", "Ann Lee")]
        );
    }

    #[test]
    fn an_interrupted_quote_is_one_suggestion() {
        assert_eq!(
            quotes("“It works,” Mr Tom Hart said. “It really does.” Then he left."),
            [q("“It works,” … “It really does.”", "Tom Hart")]
        );
        assert_eq!(
            quotes("‘It works,’ said Ann Lee, ‘and it lasts.’"),
            [q("‘It works,’ … ‘and it lasts.’", "Ann Lee")]
        );
    }

    #[test]
    fn partial_quotes_need_a_speaker_and_scare_quotes_are_left_alone() {
        assert_eq!(
            quotes(
                "Ann Lee called the plan a “non-issue” today. The so-called “Pax Americana” is over. His book “The Long War” sold well. A “deal” was near."
            ),
            [q("“non-issue”", "Ann Lee")]
        );
    }

    #[test]
    fn quotes_without_a_reporting_verb_are_proposed_with_the_speaker_nearby_or_none() {
        assert_eq!(
            quotes("Cruz continued:\n“The questions in this debate show why people distrust you.”"),
            [q(
                "“The questions in this debate show why people distrust you.”",
                "Cruz"
            )]
        );
        assert_eq!(
            quotes("Narration here.\n''We will never give up on this fight,'' Ann Lee tweeted."),
            [q("''We will never give up on this fight,''", "Ann Lee")]
        );
        assert_eq!(
            quotes("Narration here. “We will never give up on this fight.”"),
            [q("“We will never give up on this fight.”", "None")]
        );
        // A description's apposed name is the speaker.
        assert_eq!(
            quotes("“We have to be ready to stop him,” said conservative activist Bob Klaus."),
            [q("“We have to be ready to stop him,”", "Bob Klaus")]
        );
        // Short scare quotes and titles stay unproposed.
        assert_eq!(
            quotes("A “deal” was near. Her book “The Art of the Long War” sold."),
            []
        );
    }

    #[test]
    fn a_quote_names_its_own_speaker_after_an_apposition_a_time_or_an_organisation() {
        assert_eq!(
            quotes(
                "“We stay,” Ann Lee said.\n“Oh, we are so sorry you are leaving,” Clinton said sarcastically.\n“Leaders are raising money for today,” Jeff Weaver, Sanders’ campaign manager, said in a statement.\n''We do not believe troops are the answer,'' Benjamin J. Rhodes, Mr. Obama's deputy, said Sunday.\n“As Americans look to choose a successor,” Gallup’s Jeffrey M. Jones wrote in April."
            ),
            [
                q("“We stay,”", "Ann Lee"),
                q("“Oh, we are so sorry you are leaving,”", "Clinton"),
                q("“Leaders are raising money for today,”", "Jeff Weaver"),
                q(
                    "''We do not believe troops are the answer,''",
                    "Benjamin J. Rhodes"
                ),
                q(
                    "“As Americans look to choose a successor,”",
                    "Jeffrey M. Jones"
                ),
            ]
        );
    }

    #[test]
    fn a_party_label_in_parentheses_stands_between_name_and_verb() {
        assert_eq!(
            quotes(
                "Narration here.\n“It reminds us of how important this election is,” Sen. Marco Rubio (R-Fla.) said Saturday night."
            ),
            [q(
                "“It reminds us of how important this election is,”",
                "Marco Rubio"
            )]
        );
    }

    #[test]
    fn anonymous_descriptions_and_modified_names_speak() {
        assert_eq!(
            quotes(
                "“If she wins New Hampshire, it will be close,” said one New Hampshire Democrat.\n“I think politicians are practical people,” said the senior Cruz adviser.\n“Almost everybody was opposed to the thing,” said former Sen. Evan Bayh, a moderate.\n“It is not a campaign anymore, it is a movement,” said the younger Mr. Trump."
            ),
            [
                q(
                    "“If she wins New Hampshire, it will be close,”",
                    "one New Hampshire Democrat"
                ),
                q(
                    "“I think politicians are practical people,”",
                    "the senior Cruz adviser"
                ),
                q("“Almost everybody was opposed to the thing,”", "Evan Bayh"),
                q("“It is not a campaign anymore, it is a movement,”", "Trump"),
            ]
        );
        assert_eq!(
            quotes(
                "“That can go a long way toward good relationships,” said a longtime adviser to Bill Clinton."
            ),
            [q(
                "“That can go a long way toward good relationships,”",
                "a longtime adviser to Bill Clinton"
            )]
        );
    }

    #[test]
    fn quotes_signed_with_a_dash_or_led_in_by_a_verb_and_a_colon() {
        assert_eq!(
            quotes(
                "Narration here.\n\n\"I went to Wall Street before the crash, and I warned them.\"\n\n- Clinton.\n\n“She is tested. She is ready. She never quits.” ― President Obama, in a tweet.\n\n“We have to be a lot tougher than we are,” -- Ann Lee\n\nThe crowd cheers, and then Wallnau continues: “God has given this man an anointing.”\n\nAs Professor Foner put it: ''The United States does a better job at this.''"
            ),
            [
                q(
                    "\"I went to Wall Street before the crash, and I warned them.\"",
                    "Clinton"
                ),
                q("“She is tested. She is ready. She never quits.”", "Obama"),
                q("“We have to be a lot tougher than we are,”", "Ann Lee"),
                q("“God has given this man an anointing.”", "Wallnau"),
                q("''The United States does a better job at this.''", "Foner"),
            ]
        );
        assert_eq!(
            quotes(
                "Narration here.\n\nLessons from the caucus - Carl Bialik: “One of the biggest lessons was a simple one.”"
            ),
            [q(
                "“One of the biggest lessons was a simple one.”",
                "Carl Bialik"
            )]
        );
        // A nested quotation closing with the outer one ('''): the attribution after it holds.
        assert_eq!(
            quotes(
                "Narration here.\n''We are told all the time, 'Kosovo is a special case,''' Mr. Putin said. ''It is all lies.''"
            ),
            [q(
                "''We are told all the time, 'Kosovo is a special case,''' … ''It is all lies.''",
                "Putin"
            )]
        );
    }

    #[test]
    fn a_quote_paragraph_continues_the_speaker_of_the_previous_one() {
        assert_eq!(
            quotes("“We stay,” Ann Lee said.\n“And we fight.”\nNarration here. “Unattributed.”"),
            [q("“We stay,”", "Ann Lee"), q("“And we fight.”", "Ann Lee")]
        );
    }
}
