//! The attributions the rules read in a text, as text, for the tests of each rule: what a user
//! would see offered (content, speaker, addressee).

use super::super::SpeakerGuess;
use super::super::doc::Doc;
use super::super::mentions::Resolver;
use super::super::registry::Registry;
use super::attributions;
use crate::project::Label;

/// (label, content texts joined by " … ", speaker name or id, addressee) per attribution.
pub(super) fn run(text: &str) -> Vec<(Label, String, String, String)> {
    let registry = Registry::new(&[]);
    let doc = Doc::new(text);
    let mut resolver = Resolver::new(&registry, &doc);
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        for a in attributions(&doc, sentence, &mut resolver) {
            let content: Vec<&str> = a.content.iter().map(|r| doc.text_of(r.clone())).collect();
            let name = |g: Option<SpeakerGuess>| match g {
                Some(SpeakerGuess::New(n)) => n.to_string(),
                Some(SpeakerGuess::Known(id)) => id.0.to_string(),
                None => "-".into(),
            };
            out.push((
                a.label,
                content.join(" … "),
                name(a.speaker.map(|w| w.guess)),
                name(a.addressee),
            ));
        }
    }
    out
}

pub(super) fn claim(content: &str, speaker: &str) -> (Label, String, String, String) {
    (Label::Claim, content.into(), speaker.into(), "-".into())
}

/// The texts of what suggesting in a document offers for `text` (every label), as a user sees
/// them: the whole engine, the claim model and the filters after it included.
pub(in crate::suggest) fn offered(text: &str) -> Vec<String> {
    let doc = crate::text::DocText::new(text.to_string());
    crate::suggest::suggest(&doc, &[])
        .into_iter()
        .flat_map(|s| s.fragments)
        .map(|f| doc.slice(f).unwrap_or_default().to_string())
        .collect()
}
