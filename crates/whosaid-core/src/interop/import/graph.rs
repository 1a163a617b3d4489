//! Spans, events, relations and notes of one document, as brat, doccano and Label Studio all
//! have them, made into annotations through the mapping.
//!
//! - A span whose type maps to a label is an annotation.
//! - An event (brat `E`) is one annotation: the argument whose role (else whose span type) maps to
//!   a label is its text; arguments mapped to `speaker`, `cue` and `addressee` fill those in. The
//!   trigger counts as an argument named by its span type.
//! - A relation whose type maps to `speaker`, `cue` or `addressee` joins an annotation's span to
//!   the span that plays that part; one mapped to `fragment` (`continues`) makes its two spans
//!   pieces of one annotation. A relation without a type (Label Studio) takes the part from the
//!   other span's type.
//! - A note on an annotation's span (or event) becomes its note; in brat, `speaker: NAME` and
//!   `addressee: NAME` in it name those (as whosaid's brat export writes them).
//!
//! Cost: near linear in spans, events, relations and notes: spans by id in hash maps, pieces of one
//! annotation grouped by union-find with path compression (a chain of any length, listed in any
//! order), each group's label found once.

use super::build::{At, Builder, Draft, Who};
use super::mapping::{TARGETS, Target};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

pub struct Span {
    pub id: String,
    pub kind: String,
    /// Code points of the corpus text, checked.
    pub ranges: Vec<Range<usize>>,
    pub at: At,
}

pub struct Event {
    pub id: String,
    pub kind: String,
    pub trigger: Option<String>,
    /// Role and span id.
    pub args: Vec<(String, String)>,
    pub at: At,
}

pub struct Relation {
    pub id: String,
    /// `None` for a relation without a type.
    pub kind: Option<String>,
    pub from: String,
    pub to: String,
    pub at: At,
}

/// What a file says about a span (or event) besides its place: a note, speakers by name.
pub struct Note {
    pub target: String,
    pub text: String,
    pub speakers: Vec<String>,
    pub addressee: Option<String>,
    pub at: At,
}

impl Note {
    /// A note whose text may name the speakers and addressee (`speaker: NAME; …`).
    pub fn parsed(target: String, text: &str, at: At) -> Self {
        let (text, speakers, addressee) = parse_note(text);
        Self {
            target,
            text,
            speakers,
            addressee,
            at,
        }
    }

    /// A note from an export's attribution object (doccano's `attributions`, Label Studio's
    /// task data): `note`, `speakers` (names, main first) and `addressee`, each optional.
    pub fn from_attribution(target: String, x: &serde_json::Value, at: At) -> Self {
        use serde_json::Value;
        let text = x.get("note").and_then(Value::as_str).unwrap_or_default();
        let speakers = x
            .get("speakers")
            .and_then(Value::as_array)
            .map(|l| {
                l.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let addressee = x
            .get("addressee")
            .and_then(Value::as_str)
            .map(str::to_string);
        Self {
            speakers,
            addressee,
            ..Self::plain(target, text.to_string(), at)
        }
    }

    pub fn plain(target: String, text: String, at: At) -> Self {
        Self {
            target,
            text,
            speakers: Vec::new(),
            addressee: None,
            at,
        }
    }
}

/// What one document of the imported file holds.
pub struct Graph {
    /// The corpus document.
    pub doc: String,
    /// "brat type", "doccano label", "Label Studio label": how the file's span types are called,
    /// for messages.
    pub kind_name: &'static str,
    pub spans: Vec<Span>,
    /// Spans already reported as not fitting the text: what uses them is skipped too.
    pub failed: HashSet<String>,
    /// Whether pieces of a span that only a line break separates are one (brat).
    pub join_lines: bool,
    pub events: Vec<Event>,
    pub relations: Vec<Relation>,
    pub notes: Vec<Note>,
}

impl Graph {
    pub fn new(doc: String, kind_name: &'static str) -> Self {
        Self {
            doc,
            kind_name,
            spans: Vec::new(),
            failed: HashSet::new(),
            join_lines: false,
            events: Vec::new(),
            relations: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// An annotation being put together: its span (the first of its group) and the spans of its
/// parts.
struct Part {
    span: usize,
    label: Target,
    speakers: Vec<usize>,
    addressee: Option<usize>,
    cue: Option<usize>,
    notes: Vec<usize>,
    at: At,
}

/// Looks up spans by id and keeps the annotations being made.
struct Assembly<'g> {
    g: &'g Graph,
    by_id: HashMap<&'g str, usize>,
    /// The first span of the group each span is a piece of (`fragment` relations); itself when
    /// alone.
    group: Vec<usize>,
    /// The spans of each group, by its first span, once the groups are made.
    members: HashMap<usize, Vec<usize>>,
    parts: Vec<Part>,
    /// The part made of each group.
    part_of: HashMap<usize, usize>,
    /// Spans some event or relation used.
    used: HashSet<usize>,
    /// Groups whose annotation is not to be made (something it needs did not check).
    blocked: HashSet<usize>,
    /// The part each event made, for notes on events.
    event_parts: HashMap<&'g str, usize>,
    event_ids: HashSet<&'g str>,
    /// For each group (by its first span), the label its spans' types map to, if any.
    group_label: HashMap<usize, Target>,
    /// (part, span) pairs already among a part's speakers.
    speakers_of: HashSet<(usize, usize)>,
}

impl<'g> Assembly<'g> {
    /// The first span of the group `span` belongs to. Groups are flattened once all `fragment`
    /// relations are joined (see [`Assembly::flatten`]), so this is one step then.
    fn root(&self, span: usize) -> usize {
        let mut s = span;
        while self.group[s] != s {
            s = self.group[s];
        }
        s
    }

    /// As [`Assembly::root`], pointing every span on the way straight at the root: a chain of
    /// any length joined in any order costs about a constant per relation (path compression).
    fn root_compressing(&mut self, span: usize) -> usize {
        let root = self.root(span);
        let mut s = span;
        while self.group[s] != root {
            let next = self.group[s];
            self.group[s] = root;
            s = next;
        }
        root
    }

    /// Points every span straight at its group's first span, in one pass.
    fn flatten(&mut self) {
        for i in 0..self.group.len() {
            self.root_compressing(i);
        }
    }

    fn block(&mut self, span: usize) {
        let root = self.root_compressing(span);
        self.blocked.insert(root);
    }

    fn part(&mut self, span: usize, label: Target, at: &At) -> usize {
        let root = self.root(span);
        if let Some(&p) = self.part_of.get(&root) {
            return p;
        }
        self.parts.push(Part {
            span: root,
            label,
            speakers: Vec::new(),
            addressee: None,
            cue: None,
            notes: Vec::new(),
            at: at.clone(),
        });
        self.part_of.insert(root, self.parts.len() - 1);
        self.parts.len() - 1
    }

    /// The span's index; a problem (and `None`) when the id is not a span that checked.
    fn span(&self, b: &mut Builder, id: &str, owner: &str, at: &At) -> Option<usize> {
        if let Some(&i) = self.by_id.get(id) {
            return Some(i);
        }
        let why = if self.g.failed.contains(id) {
            format!("it uses {id}, which did not check (above)")
        } else if self.event_ids.contains(id) {
            format!("it uses event {id}; events inside events are not imported")
        } else {
            format!("it uses {id}, which the file does not define")
        };
        b.problem(at, format!("{owner} skipped: {why}"));
        None
    }

    /// Whether a span can be an annotation's text: it already is one, or its type (or that of a
    /// span of its group) maps to a label.
    fn content_label(&self, span: usize) -> Option<Target> {
        let root = self.root(span);
        if let Some(&p) = self.part_of.get(&root) {
            return Some(self.parts[p].label);
        }
        self.group_label.get(&root).copied()
    }

    fn members(&self, root: usize) -> &[usize] {
        self.members.get(&root).map_or(&[], Vec::as_slice)
    }

    fn attach(&mut self, b: &mut Builder, part: usize, role: Target, span: usize, at: &At) {
        let p = &mut self.parts[part];
        let slot = match role {
            Target::Speaker => {
                if self.speakers_of.insert((part, span)) {
                    p.speakers.push(span);
                }
                return;
            }
            Target::Cue => &mut p.cue,
            Target::Addressee => &mut p.addressee,
            _ => return,
        };
        match slot {
            Some(other) if *other != span => {
                let (kept, extra) = (&self.g.spans[*other].id, &self.g.spans[span].id);
                let what = role.name();
                b.problem(
                    at,
                    format!(
                        "a second {what} ({extra}) for one annotation: kept {kept}, ignored {extra}"
                    ),
                );
            }
            _ => *slot = Some(span),
        }
    }
}

pub fn assemble(b: &mut Builder, g: Graph) {
    let mut a = Assembly {
        g: &g,
        by_id: g
            .spans
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect(),
        group: (0..g.spans.len()).collect(),
        members: HashMap::new(),
        parts: Vec::new(),
        part_of: HashMap::new(),
        used: HashSet::new(),
        blocked: HashSet::new(),
        event_parts: HashMap::new(),
        event_ids: g.events.iter().map(|e| e.id.as_str()).collect(),
        group_label: HashMap::new(),
        speakers_of: HashSet::new(),
    };
    // Pieces of one annotation first: everything else is about the whole.
    let (pieces, others): (Vec<&Relation>, Vec<&Relation>) = g.relations.iter().partition(|r| {
        r.kind
            .as_deref()
            .is_some_and(|k| b.mapping.get(k) == Some(Target::Fragment))
    });
    for r in pieces {
        join(b, &mut a, r);
    }
    a.flatten();
    for i in 0..g.spans.len() {
        let root = a.root(i);
        a.members.entry(root).or_default().push(i);
        if !a.group_label.contains_key(&root)
            && let Some(t) = b.mapping.get(&g.spans[i].kind).filter(|t| t.is_label())
        {
            a.group_label.insert(root, t);
        }
    }
    for e in &g.events {
        event(b, &mut a, e);
    }
    for r in others {
        relation(b, &mut a, r);
    }
    for (i, n) in g.notes.iter().enumerate() {
        note(b, &mut a, n, i);
    }
    // Spans nothing used: annotations of their own when their type is a label.
    for (i, s) in g.spans.iter().enumerate() {
        let root = a.root(i);
        if a.used.contains(&i) || a.blocked.contains(&root) || a.part_of.contains_key(&root) {
            continue;
        }
        match b.mapping.get(&s.kind) {
            Some(t) if t.is_label() => {
                a.part(i, t, &s.at);
            }
            Some(Target::Ignore) => {}
            Some(t) => {
                let kind = &s.kind;
                b.tally(&format!("lone:{kind}"), &s.at, || {
                    format!(
                        "{kind} spans (mapped to {}) that no event or relation joins to a claim, \
                         quote or demand: ignored",
                        t.name()
                    )
                })
            }
            None => unmapped(b, g.kind_name, &s.kind, &s.at, "spans"),
        }
    }
    let parts = std::mem::take(&mut a.parts);
    for p in parts {
        if a.blocked.contains(&p.span) {
            continue;
        }
        if let Some(d) = draft(b, &a, p) {
            b.add(d);
        }
    }
}

/// Reports a type, role or relation the mapping does not know, once per name.
fn unmapped(b: &mut Builder, kind_name: &str, name: &str, at: &At, what: &str) {
    b.tally(&format!("unmapped:{kind_name}:{name}"), at, || {
        format!(
            "{kind_name} {name:?} is not mapped: its {what} are not imported \
             (--map {name}=VALUE, VALUE one of {TARGETS})"
        )
    });
}

/// A `fragment` relation: its spans become pieces of one annotation.
fn join(b: &mut Builder, a: &mut Assembly, r: &Relation) {
    let owner = format!("relation {}", r.id);
    let from = a.span(b, &r.from, &owner, &r.at);
    let to = a.span(b, &r.to, &owner, &r.at);
    let (Some(from), Some(to)) = (from, to) else {
        // One piece did not check: the annotation is incomplete, so none of it is imported.
        for s in [from, to].into_iter().flatten() {
            a.block(s);
        }
        return;
    };
    let (x, y) = (a.root_compressing(from), a.root_compressing(to));
    if x != y {
        let (keep, other) = (x.min(y), x.max(y));
        a.group[other] = keep;
        if a.blocked.remove(&other) {
            a.blocked.insert(keep);
        }
    }
}

fn event<'g>(b: &mut Builder, a: &mut Assembly<'g>, e: &'g Event) {
    let owner = format!("event {} ({})", e.id, e.kind);
    // (role, span): the trigger has no role and counts by its span type.
    let mut items: Vec<(Option<&str>, usize)> = Vec::new();
    let mut broken = false;
    for (role, id) in e
        .trigger
        .iter()
        .map(|t| (None, t))
        .chain(e.args.iter().map(|(r, id)| (Some(r.as_str()), id)))
    {
        match a.span(b, id, &owner, &e.at) {
            Some(i) => items.push((role, i)),
            None => broken = true,
        }
    }
    let mut contents = Vec::new();
    let mut roles = Vec::new();
    for &(role, span) in &items {
        a.used.insert(span);
        let kind = &a.g.spans[span].kind;
        let target = match role {
            Some(role) => b
                .mapping
                .get(role)
                .or_else(|| b.mapping.get(kind))
                .or_else(|| {
                    unmapped(b, "event role", role, &e.at, "arguments");
                    None
                }),
            // A trigger with an unmapped type is only the event's anchor.
            None => b.mapping.get(kind),
        };
        match target {
            Some(t) if t.is_label() => contents.push((t, span)),
            Some(t) if t.is_role() => roles.push((t, span)),
            _ => {}
        }
    }
    if broken {
        for &(_, s) in &contents {
            a.block(s);
        }
        return;
    }
    let content = match contents.as_slice() {
        [one] => *one,
        [] => {
            let args: Vec<String> = e.args.iter().map(|(r, id)| format!("{r}:{id}")).collect();
            let kind = &e.kind;
            b.tally(&format!("nocontent:{kind}"), &e.at, || {
                format!(
                    "{kind} events with no argument mapped to claim, quote, demand or auto \
                     (arguments {}): not imported; map the role of the reported words, e.g. \
                     --map Content=quote",
                    args.join(" ")
                )
            });
            return;
        }
        several => {
            let ids: Vec<&str> = several
                .iter()
                .map(|&(_, s)| a.g.spans[s].id.as_str())
                .collect();
            b.problem(
                &e.at,
                format!(
                    "{owner} skipped: several of its arguments are claims, quotes or demands ({})",
                    ids.join(", ")
                ),
            );
            for &(_, s) in several {
                a.block(s);
            }
            return;
        }
    };
    let part = a.part(content.1, content.0, &e.at);
    a.event_parts.insert(&e.id, part);
    for (role, span) in roles {
        a.attach(b, part, role, span, &e.at);
    }
}

fn relation(b: &mut Builder, a: &mut Assembly, r: &Relation) {
    let owner = format!("relation {}", r.id);
    let mapped = r.kind.as_deref().map(|k| b.mapping.get(k));
    let kind = r.kind.as_deref().unwrap_or_default();
    match mapped {
        Some(None) => return unmapped(b, "relation type", kind, &r.at, "relations"),
        Some(Some(Target::Ignore)) => return,
        Some(Some(t)) if !t.is_role() => {
            b.tally(&format!("relation-label:{kind}"), &r.at, || {
                format!(
                    "relation type {kind:?} is mapped to {}: a relation can only give a speaker, \
                     cue or addressee, or join pieces (fragment); not imported",
                    t.name()
                )
            });
            return;
        }
        _ => {}
    }
    let from = a.span(b, &r.from, &owner, &r.at);
    let to = a.span(b, &r.to, &owner, &r.at);
    let (Some(from), Some(to)) = (from, to) else {
        // The annotation would lack a part the file gives it.
        for s in [from, to].into_iter().flatten() {
            if a.content_label(s).is_some() {
                a.block(s);
            }
        }
        return;
    };
    a.used.insert(from);
    a.used.insert(to);
    let (content, other) = match (a.content_label(from), a.content_label(to)) {
        (Some(l), None) => ((l, from), to),
        (None, Some(l)) => ((l, to), from),
        (Some(_), Some(_)) => {
            let why = "both its spans are claims, quotes or demands";
            b.problem(&r.at, format!("{owner} ({kind}) skipped: {why}"));
            return;
        }
        (None, None) => {
            let why = "neither of its spans is a claim, quote or demand";
            b.problem(&r.at, format!("{owner} ({kind}) skipped: {why}"));
            return;
        }
    };
    let role = match mapped {
        Some(Some(t)) => t,
        // No type: the other span's type says what part it plays.
        _ => match b.mapping.get(&a.g.spans[other].kind) {
            Some(t) if t.is_role() => t,
            Some(Target::Ignore) => return,
            _ => {
                let kind = &a.g.spans[other].kind;
                b.tally(&format!("untyped:{kind}"), &r.at, || {
                    format!(
                        "relations without a type to {kind:?} spans: the part they play is not \
                         known; not imported (--map {kind}=speaker|cue|addressee)"
                    )
                });
                return;
            }
        },
    };
    let part = a.part(content.1, content.0, &r.at);
    a.attach(b, part, role, other, &r.at);
}

fn note(b: &mut Builder, a: &mut Assembly, n: &Note, index: usize) {
    let part = match a.by_id.get(n.target.as_str()) {
        Some(&i) => a.part_of.get(&a.root(i)).copied().or_else(|| {
            let t = a.content_label(i)?;
            (!a.blocked.contains(&a.root(i))).then(|| a.part(i, t, &n.at))
        }),
        None => a.event_parts.get(n.target.as_str()).copied(),
    };
    match part {
        Some(p) => a.parts[p].notes.push(index),
        None if a.g.failed.contains(&n.target) => {}
        None => b.tally("note-target", &n.at, || {
            "notes on something other than a claim, quote or demand (or its event): ignored"
                .to_string()
        }),
    }
}

/// A note as whosaid's brat export writes it, `speaker: A; speaker: B; addressee: C; id: 27;
/// note: …`, split into the note proper, the speakers and the addressee (`speakers: A & B` is
/// read too). Anything else is a note as it is.
pub fn parse_note(text: &str) -> (String, Vec<String>, Option<String>) {
    // What follows `note:` is the analyst's note, whatever it holds.
    let (head, rest) = match text.find("note:") {
        Some(i) if i == 0 || text[..i].trim_end().ends_with(';') => {
            (&text[..i], Some(text[i + "note:".len()..].trim()))
        }
        _ => (text, None),
    };
    let (mut speakers, mut addressee) = (Vec::new(), None);
    for piece in head.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((key, value)) = piece.split_once(':') else {
            return (text.trim().to_string(), Vec::new(), None);
        };
        let value = value.trim();
        match key.trim().to_lowercase().as_str() {
            "speaker" | "speakers" => speakers.extend(
                value
                    .split(" & ")
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            ),
            "addressee" if !value.is_empty() => addressee = Some(value.to_string()),
            "id" => {}
            _ => return (text.trim().to_string(), Vec::new(), None),
        }
    }
    (rest.unwrap_or_default().to_string(), speakers, addressee)
}

fn draft(b: &mut Builder, a: &Assembly, p: Part) -> Option<Draft> {
    let g = a.g;
    let span = &g.spans[p.span];
    let what = format!("{} ({} {})", span.id, g.kind_name, span.kind);
    let ranges: Vec<Range<usize>> = a
        .members(p.span)
        .iter()
        .flat_map(|&i| g.spans[i].ranges.iter().cloned())
        .collect();
    let mut fragments = b.fragments(&g.doc, &ranges, &span.at, &what)?;
    if g.join_lines {
        fragments = b.join_lines(&g.doc, fragments);
    }
    let label = match p.label {
        Target::Label(l) => l,
        _ => b.auto_label(&g.doc, &fragments),
    };
    let name_of = |i: usize| b.span_text(&g.doc, &g.spans[i].ranges).trim().to_string();
    let mut speakers: Vec<Who> = p.speakers.iter().map(|&i| Who::named(name_of(i))).collect();
    let mut addressee = p.addressee.map(|i| Who::named(name_of(i)));
    let mut notes = Vec::new();
    for n in p.notes.iter().map(|&i| &g.notes[i]) {
        speakers.extend(n.speakers.iter().map(Who::named));
        if addressee.is_none() {
            addressee = n.addressee.as_ref().map(Who::named);
        }
        if !n.text.trim().is_empty() {
            notes.push(n.text.clone());
        }
    }
    let cue = p.cue.and_then(|i| {
        let c = &g.spans[i];
        let pieces = b.fragments(&g.doc, &c.ranges, &c.at, &format!("cue {}", c.id))?;
        if pieces.len() > 1 {
            b.tally("cue-pieces", &c.at, || {
                "cues in several pieces: kept as one span from the first piece to the last".into()
            });
        }
        Some(pieces[0].start..pieces[pieces.len() - 1].end)
    });
    Some(Draft {
        doc: g.doc.clone(),
        label,
        fragments,
        speakers,
        addressee,
        cue,
        note: notes.join("\n"),
        suggested: None,
        at: p.at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_carry_speakers_and_addressees_as_the_brat_export_writes_them() {
        let (rest, speakers, to) = parse_note(
            "speaker: Justin Logan; speaker: Andrew Michta; addressee: NATO; id: 28; note: cue: said; joint",
        );
        assert_eq!(speakers, ["Justin Logan", "Andrew Michta"]);
        assert_eq!(to.as_deref(), Some("NATO"));
        assert_eq!(rest, "cue: said; joint");
        let (rest, speakers, _) = parse_note("speakers: A & B");
        assert_eq!((rest.as_str(), speakers.len()), ("", 2));
        for plain in [
            "a plain note; with: a colon",
            "Checked with the editor",
            "note",
        ] {
            let (rest, speakers, to) = parse_note(plain);
            assert_eq!(rest, plain);
            assert!(speakers.is_empty() && to.is_none());
        }
    }
}
