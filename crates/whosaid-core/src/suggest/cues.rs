//! Reporting words by speech act, with the shape of what follows them (their frame), and the small
//! closed word classes the rules need (auxiliaries, determiners, prepositions, modals).

use super::doc::Doc;
use super::fast_hash::{FxMap, KeyMap, WordSet, exact_key};
use super::tokens::lower;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Act {
    /// Reports a statement or a position.
    Claim,
    /// Calls on someone to act.
    Demand,
    /// Verbs the writer also uses for their own inferences ("signaling that", "suggesting"): they
    /// report speech only as the finite verb of a speaker, never as a participle.
    Inference,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Frame {
    /// (that) + clause: "said (that) …".
    Clause,
    /// A noun phrase, or a that-clause: "reaffirmed France’s commitment", "indicated that …".
    Object,
    /// A hearer, then (that) + clause, or to + verb (a demand): "told reporters …".
    Tell,
    /// Object "as" description: "described X as Y".
    As,
    /// Object "as" description, or a bare object: "framed the conflict in existential terms".
    AsOrObject,
    /// "called X Y", "labeling it Y"; with "on"/"for" after `call`, a demand.
    Name,
    /// to + verb: "offered to drop …".
    ToVerb,
    /// Someone to + verb, or for + something: "urged NATO to …", "pressed for …".
    Urge,
    /// that + clause whose subject is called on, or something (from someone): "demanded that …".
    Require,
    /// Something (from someone): "seeking guarantees from the West".
    Seek,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Form {
    /// "say": present tense with a plural subject, or an infinitive.
    Base,
    /// "says".
    Third,
    /// "said", past tense or participle.
    Past,
    /// "saying".
    Ing,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Cue {
    pub act: Act,
    pub frame: Frame,
    pub form: Form,
}

/// Verbs as "base third past ing [participle]" with their act and frame.
const VERBS: &[(&str, Act, Frame)] = {
    use Act::*;
    use Frame::*;
    &[
        ("say says said saying", Claim, Clause),
        ("add adds added adding", Claim, Clause),
        ("argue argues argued arguing", Claim, Clause),
        ("note notes noted noting", Claim, Clause),
        ("warn warns warned warning", Claim, Clause),
        ("claim claims claimed claiming", Claim, Clause),
        ("insist insists insisted insisting", Claim, Clause),
        ("believe believes believed believing", Claim, Clause),
        ("think thinks thought thinking", Claim, Clause),
        ("stress stresses stressed stressing", Claim, Clause),
        ("emphasise emphasises emphasised emphasising", Claim, Clause),
        ("emphasize emphasizes emphasized emphasizing", Claim, Clause),
        ("assert asserts asserted asserting", Claim, Clause),
        ("state states stated stating", Claim, Clause),
        ("explain explains explained explaining", Claim, Clause),
        ("maintain maintains maintained maintaining", Claim, Clause),
        ("contend contends contended contending", Claim, Clause),
        (
            "acknowledge acknowledges acknowledged acknowledging",
            Claim,
            Clause,
        ),
        ("admit admits admitted admitting", Claim, Clause),
        ("concede concedes conceded conceding", Claim, Clause),
        ("agree agrees agreed agreeing", Claim, Clause),
        ("caution cautions cautioned cautioning", Claim, Clause),
        ("predict predicts predicted predicting", Claim, Clause),
        ("speculate speculates speculated speculating", Claim, Clause),
        ("estimate estimates estimated estimating", Claim, Clause),
        ("announce announces announced announcing", Claim, Clause),
        ("confirm confirms confirmed confirming", Claim, Clause),
        ("declare declares declared declaring", Claim, Clause),
        ("observe observes observed observing", Claim, Clause),
        ("remark remarks remarked remarking", Claim, Clause),
        ("write writes wrote writing written", Claim, Clause),
        ("reply replies replied replying", Claim, Clause),
        ("recall recalls recalled recalling", Claim, Clause),
        ("allege alleges alleged alleging", Claim, Clause),
        ("lament laments lamented lamenting", Claim, Clause),
        ("complain complains complained complaining", Claim, Clause),
        ("conclude concludes concluded concluding", Claim, Clause),
        ("testify testifies testified testifying", Claim, Clause),
        ("counter counters countered countering", Claim, Clause),
        ("reckon reckons reckoned reckoning", Claim, Clause),
        ("tell tells told telling", Claim, Tell),
        ("indicate indicates indicated indicating", Claim, Object),
        ("reaffirm reaffirms reaffirmed reaffirming", Claim, Object),
        ("reiterate reiterates reiterated reiterating", Claim, Object),
        ("dismiss dismisses dismissed dismissing", Claim, Object),
        ("reject rejects rejected rejecting", Claim, Object),
        ("oppose opposes opposed opposing", Claim, Object),
        ("express expresses expressed expressing", Claim, Object),
        ("voice voices voiced voicing", Claim, Object),
        ("welcome welcomes welcomed welcoming", Claim, Object),
        ("criticise criticises criticised criticising", Claim, Object),
        ("criticize criticizes criticized criticizing", Claim, Object),
        ("condemn condemns condemned condemning", Claim, Object),
        ("deny denies denied denying", Claim, Object),
        ("propose proposes proposed proposing", Claim, Object),
        ("accuse accuses accused accusing", Claim, Object),
        ("describe describes described describing", Claim, As),
        ("portray portrays portrayed portraying", Claim, As),
        ("depict depicts depicted depicting", Claim, As),
        (
            "characterise characterises characterised characterising",
            Claim,
            As,
        ),
        (
            "characterize characterizes characterized characterizing",
            Claim,
            As,
        ),
        ("frame frames framed framing", Claim, AsOrObject),
        ("call calls called calling", Claim, Name),
        ("label labels labelled labelling", Claim, Name),
        ("label labels labeled labeling", Claim, Name),
        ("brand brands branded branding", Claim, Name),
        ("dub dubs dubbed dubbing", Claim, Name),
        ("offer offers offered offering", Claim, ToVerb),
        ("promise promises promised promising", Claim, ToVerb),
        ("pledge pledges pledged pledging", Claim, ToVerb),
        ("vow vows vowed vowing", Claim, ToVerb),
        ("threaten threatens threatened threatening", Claim, ToVerb),
        ("suggest suggests suggested suggesting", Inference, Clause),
        ("signal signals signaled signaling", Inference, Clause),
        ("signal signals signalled signalling", Inference, Clause),
        ("hint hints hinted hinting", Inference, Clause),
        (
            "highlight highlights highlighted highlighting",
            Inference,
            Clause,
        ),
        (
            "underscore underscores underscored underscoring",
            Inference,
            Clause,
        ),
        (
            "underline underlines underlined underlining",
            Inference,
            Clause,
        ),
        // The most frequent cues of PolNeAR's train split missing above (`--cues` of the
        // `polnear` example lists them): reports, findings, beliefs, intentions, stances.
        ("report reports reported reporting", Claim, Clause),
        ("show shows showed showing shown", Claim, Clause),
        ("find finds found finding", Claim, Clause),
        ("tweet tweets tweeted tweeting", Claim, Clause),
        ("reveal reveals revealed revealing", Claim, Clause),
        ("respond responds responded responding", Claim, Clause),
        ("hope hopes hoped hoping", Claim, Clause),
        ("know knows knew knowing known", Claim, Clause),
        ("fear fears feared fearing", Claim, Clause),
        ("learn learns learned learning", Claim, Clause),
        ("mention mentions mentioned mentioning", Claim, Clause),
        ("feel feels felt feeling", Claim, Clause),
        ("worry worries worried worrying", Claim, Clause),
        ("boast boasts boasted boasting", Claim, Clause),
        ("assure assures assured assuring", Claim, Tell),
        ("want wants wanted wanting", Claim, ToVerb),
        ("plan plans planned planning", Claim, ToVerb),
        ("decline declines declined declining", Claim, ToVerb),
        ("refuse refuses refused refusing", Claim, ToVerb),
        ("decide decides decided deciding", Claim, ToVerb),
        ("cite cites cited citing", Claim, Object),
        ("endorse endorses endorsed endorsing", Claim, Object),
        ("support supports supported supporting", Claim, Object),
        ("praise praises praised praising", Claim, Object),
        ("defend defends defended defending", Claim, Object),
        ("blame blames blamed blaming", Claim, Object),
        ("attack attacks attacked attacking", Claim, Object),
        ("denounce denounces denounced denouncing", Claim, Object),
        ("question questions questioned questioning", Claim, Object),
        ("blast blasts blasted blasting", Claim, Object),
        ("slam slams slammed slamming", Claim, Object),
        ("back backs backed backing", Claim, Object),
        ("favor favors favored favoring", Claim, Object),
        ("favour favours favoured favouring", Claim, Object),
        ("see sees saw seeing seen", Claim, As),
        ("view views viewed viewing", Claim, As),
        ("doubt doubts doubted doubting", Claim, Clause),
        ("wonder wonders wondered wondering", Claim, Clause),
        ("urge urges urged urging", Demand, Urge),
        ("press presses pressed pressing", Demand, Urge),
        ("push pushes pushed pushing", Demand, Urge),
        ("ask asks asked asking", Demand, Urge),
        ("encourage encourages encouraged encouraging", Demand, Urge),
        ("implore implores implored imploring", Demand, Urge),
        ("exhort exhorts exhorted exhorting", Demand, Urge),
        ("appeal appeals appealed appealing", Demand, Urge),
        ("demand demands demanded demanding", Demand, Require),
        ("seek seeks sought seeking", Demand, Seek),
        ("request requests requested requesting", Demand, Seek),
        ("expect expects expected expecting", Demand, Seek),
    ]
};

/// How often a word form is part of a Cue in PolNeAR's train split, with what its content does
/// after it: written by `cargo run --release -p whosaid-core --example polnear -- TRAIN --mine
/// FILE` (columns in the file's header).
const MINED: &str = include_str!("data/cue_words.tsv");

/// A mined form becomes a cue when at least this share of its occurrences are cues (the claim
/// model then weighs each use)...
const MIN_PRECISION: f64 = 0.3;
/// ...and it was a cue at least this often.
const MIN_CUES: usize = 6;

/// Word endings of nouns, adjectives and adverbs: the verb lexicon takes verbs only (a noun cue
/// needs its possessor, see [`noun_cue`]).
const NOT_VERB_ENDINGS: &[&str] = &[
    "ly", "ment", "ion", "ism", "ity", "ance", "ence", "ness", "ent", "ful", "ous", "ive", "able",
    "ant", "er", "ist",
];

/// Mined forms that other rules read: "seems to", "appeared to" are the writer's view of how
/// things look (`indirect::evidential`), not a speaker's words.
const READ_ELSEWHERE: &[&str] = &["seem", "seems", "seemed", "appear", "appears", "appeared"];

/// The verbs of the mined table that the list above lacks, with the frame their content most
/// often takes: a that-clause, to + verb (or to + object: "referring to"), or an object.
fn mined_verbs() -> impl Iterator<Item = (&'static str, Cue)> {
    MINED
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            let [form, cue, total, _, that, to, _, _] = f[..] else {
                return None;
            };
            let n = |s: &str| s.parse::<usize>().ok();
            let (cue, total, that, to) = (n(cue)?, n(total)?, n(that)?, n(to)?);
            let verb_like = !NOT_VERB_ENDINGS.iter().any(|e| form.ends_with(e))
                && form.bytes().all(|b| b.is_ascii_lowercase())
                && !READ_ELSEWHERE.contains(&form);
            if !verb_like || cue < MIN_CUES || (cue as f64) < MIN_PRECISION * total as f64 {
                return None;
            }
            let frame = if that * 4 >= cue {
                Frame::Clause
            } else if to * 5 >= cue * 2 {
                Frame::ToVerb
            } else {
                Frame::Object
            };
            let form_kind = if form.ends_with("ing") {
                Form::Ing
            } else if form.ends_with("ed") {
                Form::Past
            } else if form.ends_with('s') && !form.ends_with("ss") {
                Form::Third
            } else {
                Form::Base
            };
            Some((
                form,
                Cue {
                    act: Act::Claim,
                    frame,
                    form: form_kind,
                },
            ))
        })
}

static LEXICON: LazyLock<FxMap<&'static str, Cue>> = LazyLock::new(|| {
    let mut map = FxMap::default();
    for &(forms, act, frame) in VERBS {
        for (k, form) in forms.split(' ').enumerate() {
            let form_kind = match k {
                0 => Form::Base,
                1 => Form::Third,
                3 => Form::Ing,
                _ => Form::Past,
            };
            map.insert(
                form,
                Cue {
                    act,
                    frame,
                    form: form_kind,
                },
            );
        }
    }
    for (form, cue) in mined_verbs() {
        map.entry(form).or_insert(cue);
    }
    map
});

/// The lexicon by [`super::fast_hash::Key`]: asked at every word of every sentence, one probe
/// of a small table costs less than hashing the word's text. Forms a key cannot hold (none
/// today) stay in the map.
static LEXICON_KEYED: LazyLock<(KeyMap<Cue>, FxMap<&'static str, Cue>)> = LazyLock::new(|| {
    let keyed = KeyMap::new(LEXICON.iter().map(|(form, cue)| (exact_key(form), *cue)));
    let rest = (LEXICON.iter())
        .filter(|(form, _)| exact_key(form) == 0)
        .map(|(form, cue)| (*form, *cue))
        .collect();
    (keyed, rest)
});

/// The cue a lower-case word is, if any. Always inlined: asked at most words, a call cost
/// as much as the lookup.
#[inline(always)]
pub(super) fn verb(lower: &str) -> Option<Cue> {
    let (keyed, rest) = &*LEXICON_KEYED;
    match exact_key(lower) {
        0 => rest.get(lower).copied(),
        k => keyed.get(k),
    }
}

/// The cue word `i` of a document is, if any: [`verb`] of its lower-case text, looked up by the
/// key the document made for the word (the key is that text packed), without lower-casing it
/// again. Rules ask this at many words of every sentence.
#[inline]
pub(super) fn verb_of(doc: &Doc, i: usize) -> Option<Cue> {
    match doc.key(i) {
        0 => verb(lower(doc.word(i), &mut [0; 24])?),
        k => LEXICON_KEYED.0.get(k),
    }
}

/// Every form of the verb lexicon, in lower case.
pub(super) fn verb_forms() -> impl Iterator<Item = &'static str> {
    LEXICON.keys().copied()
}

/// Nouns that report a claim of their possessor (see [`noun_cue`]).
pub(super) const CLAIM_NOUNS: &[&str] = &[
    "argument",
    "claim",
    "warning",
    "assertion",
    "view",
    "belief",
    "insistence",
    "contention",
    "position",
];

/// Nouns that report a demand of their possessor (see [`noun_cue`]).
pub(super) const DEMAND_NOUNS: &[&str] = &["demand", "demands", "call", "calls", "appeal"];

/// Nouns that report what their possessor said when a that-clause (or "for") follows:
/// "Kyiv’s argument that …", "Moscow’s demand for …".
pub(super) fn noun_cue(lower: &str) -> Option<Act> {
    if CLAIM_NOUNS.contains(&lower) {
        Some(Act::Claim)
    } else if DEMAND_NOUNS.contains(&lower) {
        Some(Act::Demand)
    } else {
        None
    }
}

/// Nouns for what someone said or wrote: their possessor is the speaker ("the experts’ analysis
/// highlights …", "according to their assessment").
pub const SPEECH_NOUNS: &[&str] = &[
    "analysis",
    "assessment",
    "comments",
    "remarks",
    "statement",
    "words",
    "view",
    "report",
    "message",
    "argument",
    "position",
    "letter",
    "speech",
    "testimony",
    "survey",
    "study",
    "poll",
    "research",
    "findings",
    "figures",
    "data",
];

/// Between a subject and its verb.
pub const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "will", "would",
    "could", "should", "may", "might", "must", "can", "did", "does", "do", "shall",
];

pub static AUXILIARY_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(AUXILIARIES));
pub static PREPOSITION_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(PREPOSITIONS));
pub static DETERMINER_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(DETERMINERS));

/// Forms of "be": a past participle after them is passive ("are expected to").
pub const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being"];

pub const ADVERBS: &[&str] = &[
    "also",
    "not",
    "never",
    "now",
    "still",
    "again",
    "further",
    "then",
    "already",
    "once",
    "often",
    "later",
    "earlier",
    "just",
    "even",
    "too",
    "reportedly",
    "allegedly",
];

pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
    "your", "any", "no", "every", "each",
];

pub const PREPOSITIONS: &[&str] = &[
    "of", "from", "with", "by", "to", "for", "in", "on", "at", "about", "over", "under", "into",
    "against", "after", "before", "during", "without", "between", "through", "toward", "towards",
    "among", "like", "unlike", "than", "via", "amid",
];

/// Words that open a reported clause's obligation: its content is a demand.
pub const MODALS: &[&str] = &["must", "should", "ought"];

/// Start a subordinate clause that ends at its first comma ("When X signaled that …, he …").
pub const SUBORDINATORS: &[&str] = &[
    "when", "while", "after", "before", "although", "though", "as", "if", "because", "since",
    "once", "whereas", "until", "unless",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_know_their_act_frame_and_tense() {
        let said = verb("said").unwrap();
        assert_eq!(
            (said.act, said.frame, said.form),
            (Act::Claim, Frame::Clause, Form::Past)
        );
        assert_eq!(verb("urging").unwrap().form, Form::Ing);
        assert_eq!(verb("sought").unwrap().act, Act::Demand);
        assert_eq!(verb("signaling").unwrap().act, Act::Inference);
        assert_eq!(verb("written").unwrap().form, Form::Past);
        assert_eq!(verb("table"), None);
        // Learnt from PolNeAR's train split.
        assert_eq!(verb("tweeted").unwrap().frame, Frame::Clause);
        assert_eq!(verb("found").unwrap().form, Form::Past);
        assert_eq!(verb("plans").unwrap().frame, Frame::ToVerb);
        assert_eq!(noun_cue("argument"), Some(Act::Claim));
    }

    #[test]
    fn a_documents_word_is_the_cue_its_lower_case_text_is() {
        let doc = Doc::new("SAID Urged told, Zoë table SOUGHT characterisations “said”");
        let mut cues = 0;
        for i in 0..doc.token_count() {
            let by_text = lower(doc.word(i), &mut [0; 24]).and_then(verb);
            assert_eq!(verb_of(&doc, i), by_text, "{}", doc.word(i));
            cues += usize::from(by_text.is_some());
        }
        assert_eq!(cues, 5);
        assert_eq!(verb_of(&doc, 1).map(|c| c.act), Some(Act::Demand));
    }

    #[test]
    fn verbs_mined_from_train_cues_join_with_the_frame_their_content_takes() {
        // Cues in >= half their occurrences on PolNeAR train (data/cue_words.tsv).
        let touted = verb("touted").unwrap();
        assert_eq!(
            (touted.act, touted.frame, touted.form),
            (Act::Claim, Frame::Object, Form::Past)
        );
        assert_eq!(verb("referring").unwrap().frame, Frame::ToVerb);
        assert_eq!(verb("joked").unwrap().frame, Frame::Clause);
        // Frequent in cues but mostly not one, or no verb: left out.
        for word in ["against", "support", "repeatedly", "statement", "criticism"] {
            assert!(
                verb(word).is_none_or(|c| word == "support" && c.frame == Frame::Object),
                "{word}"
            );
        }
        assert_eq!(verb("against"), None);
        assert_eq!(verb("repeatedly"), None);
    }
}
