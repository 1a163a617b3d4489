//! Three-way merge of project files by identity (`whosaid merge`, the git merge driver): each
//! annotation and speaker is merged by its id, never by lines, and what cannot be reconciled is
//! recorded in the project as a conflict (ours kept, theirs beside it), never as conflict markers.

use crate::project::{
    Annotation, AnnotationId, Conflict, DocEntry, Project, Speaker, SpeakerConflict, SpeakerId,
};
use crate::speakers::name_key;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What came of a merge.
#[derive(Debug)]
pub struct Merged {
    pub project: Project,
    /// One line per conflict, for the command's report.
    pub conflicts: Vec<String>,
    /// Speakers both sides added under the same name, joined into ours.
    pub joined: Vec<Joined>,
}

/// A speaker they added that is one we have (same name key): their annotations name ours.
#[derive(Clone, Debug, PartialEq)]
pub struct Joined {
    pub theirs: SpeakerId,
    pub ours: SpeakerId,
    /// Their speaker's name and aliases.
    pub names: Vec<String>,
}

impl Merged {
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }
}

/// The three-way choice for one identity.
#[derive(Debug, PartialEq)]
enum Pick<T> {
    Take(T),
    Drop,
    /// Changed differently on both sides (or deleted on one side and changed on the other).
    Conflict {
        ours: Option<T>,
        theirs: Option<T>,
    },
}

/// A change on one side wins over no change; equal changes agree; different changes conflict.
/// `None` is "not there" (never added, or deleted).
fn pick<T: Clone>(
    base: Option<&T>,
    ours: Option<&T>,
    theirs: Option<&T>,
    same: impl Fn(&T, &T) -> bool,
) -> Pick<T> {
    let eq = |a: Option<&T>, b: Option<&T>| match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => same(a, b),
        _ => false,
    };
    let take = |x: Option<&T>| x.map_or(Pick::Drop, |x| Pick::Take(x.clone()));
    if eq(ours, theirs) || eq(theirs, base) {
        take(ours)
    } else if eq(ours, base) {
        take(theirs)
    } else {
        Pick::Conflict {
            ours: ours.cloned(),
            theirs: theirs.cloned(),
        }
    }
}

/// Two versions of an annotation say the same, whoever touched them last and when.
fn same_annotation(a: &Annotation, b: &Annotation) -> bool {
    let strip = |a: &Annotation| Annotation {
        modified: Default::default(),
        annotator: String::new(),
        ..a.clone()
    };
    strip(a) == strip(b)
}

fn same_speaker(a: &Speaker, b: &Speaker) -> bool {
    let strip = |s: &Speaker| Speaker {
        annotator: String::new(),
        ..s.clone()
    };
    strip(a) == strip(b)
}

/// What differs between our and their version of an annotation, for the report.
fn differences(ours: Option<&Annotation>, theirs: Option<&Annotation>) -> String {
    match (ours, theirs) {
        (Some(_), None) => "we changed it, they deleted it".into(),
        (None, Some(_)) => "we deleted it, they changed it".into(),
        (Some(o), Some(t)) => {
            let mut what = Vec::new();
            if o.label != t.label {
                what.push("label");
            }
            if o.speakers != t.speakers {
                what.push("speakers");
            }
            if o.addressee != t.addressee {
                what.push("addressee");
            }
            if o.fragments != t.fragments {
                what.push("fragments");
            }
            if o.cue != t.cue {
                what.push("cue");
            }
            if o.note != t.note {
                what.push("note");
            }
            if what.is_empty() {
                what.push("other fields");
            }
            format!("changed on both sides ({})", what.join(", "))
        }
        (None, None) => String::new(),
    }
}

/// Every annotation of a project by id, with its document's path.
fn by_id(p: &Project) -> HashMap<AnnotationId, (&str, &Annotation)> {
    p.annotations()
        .map(|(d, a)| (a.id, (d.path.as_str(), a)))
        .collect()
}

/// Their speakers that are new on their side and have the name key of one of ours: the same
/// person added on both sides. Their annotations are made to name ours instead, and the names they
/// know the speaker by join ours as aliases.
fn join_speakers(base: &Project, ours: &Project, theirs: &mut Project) -> Vec<Joined> {
    let in_base: BTreeSet<SpeakerId> = base.speakers.iter().map(|s| s.id).collect();
    let in_ours: BTreeSet<SpeakerId> = ours.speakers.iter().map(|s| s.id).collect();
    let mut ours_by_key = HashMap::new();
    for s in &ours.speakers {
        let key = name_key(&s.name);
        if !key.is_empty() {
            ours_by_key.entry(key).or_insert(s.id);
        }
    }
    let mut map: HashMap<SpeakerId, SpeakerId> = HashMap::new();
    let mut joined = Vec::new();
    theirs.speakers.retain(|s| {
        if in_base.contains(&s.id) || in_ours.contains(&s.id) {
            return true;
        }
        match ours_by_key.get(&name_key(&s.name)) {
            Some(&ours_id) => {
                map.insert(s.id, ours_id);
                joined.push(Joined {
                    theirs: s.id,
                    ours: ours_id,
                    names: s.names().map(str::to_string).collect(),
                });
                false
            }
            None => true,
        }
    });
    if map.is_empty() {
        return joined;
    }
    let remap = |id: &mut SpeakerId| {
        if let Some(to) = map.get(id) {
            *id = *to;
        }
    };
    let remap_annotation = |a: &mut Annotation| {
        a.speakers.iter_mut().for_each(remap);
        a.speakers.dedup();
        a.addressee.iter_mut().for_each(remap);
    };
    for d in &mut theirs.documents {
        d.annotations.iter_mut().for_each(remap_annotation);
        for c in &mut d.conflicts {
            c.theirs.iter_mut().for_each(remap_annotation);
        }
    }
    joined
}

/// Merges `ours` and `theirs`, both descended from `base`. Our corpus path and view are kept.
pub fn merge(base: &Project, ours: &Project, theirs: &Project) -> Merged {
    let mut theirs = theirs.clone();
    let joined = join_speakers(base, ours, &mut theirs);
    let mut conflicts = Vec::new();

    // Speakers.
    let index = |p: &Project| -> BTreeMap<SpeakerId, Speaker> {
        p.speakers.iter().map(|s| (s.id, s.clone())).collect()
    };
    let (sb, so, st) = (index(base), index(ours), index(&theirs));
    let ids: BTreeSet<SpeakerId> = sb
        .keys()
        .chain(so.keys())
        .chain(st.keys())
        .copied()
        .collect();
    let mut speakers = Vec::new();
    let mut speaker_conflicts: Vec<SpeakerConflict> = ours.speaker_conflicts.clone();
    for id in ids {
        match pick(sb.get(&id), so.get(&id), st.get(&id), same_speaker) {
            Pick::Take(s) => speakers.push(s),
            Pick::Drop => {}
            Pick::Conflict { ours: o, theirs: t } => {
                let name = o.as_ref().or(t.as_ref()).map_or("", |s| s.name.as_str());
                conflicts.push(format!(
                    "speaker {} ({name}): {}",
                    id.0,
                    match (&o, &t) {
                        (Some(_), None) => "we changed it, they deleted it",
                        (None, Some(_)) => "we deleted it, they changed it",
                        _ => "changed on both sides",
                    }
                ));
                speakers.extend(o);
                speaker_conflicts.retain(|c| c.id != id);
                speaker_conflicts.push(SpeakerConflict { id, theirs: t });
            }
        }
    }
    // The names their joined speakers had become aliases of ours.
    for j in &joined {
        if let Some(s) = speakers.iter_mut().find(|s| s.id == j.ours) {
            for n in &j.names {
                if !s.names().any(|known| known == n) {
                    s.aliases.push(n.clone());
                }
            }
        }
    }

    // Annotations.
    let (ab, ao, at) = (by_id(base), by_id(ours), by_id(&theirs));
    let ids: BTreeSet<AnnotationId> = ab
        .keys()
        .chain(ao.keys())
        .chain(at.keys())
        .copied()
        .collect();
    let mut placed: BTreeMap<String, Vec<Annotation>> = BTreeMap::new();
    let mut recorded: BTreeMap<String, Vec<Conflict>> = BTreeMap::new();
    for id in ids {
        let (b, o, t) = (ab.get(&id), ao.get(&id), at.get(&id));
        let doc = o.or(t).or(b).map_or("", |(d, _)| *d).to_string();
        match pick(
            b.map(|x| x.1),
            o.map(|x| x.1),
            t.map(|x| x.1),
            same_annotation,
        ) {
            Pick::Take(a) => placed.entry(doc).or_default().push(a),
            Pick::Drop => {}
            Pick::Conflict { ours: o, theirs: t } => {
                conflicts.push(format!(
                    "annotation {} in {doc}: {}",
                    id.0,
                    differences(o.as_ref(), t.as_ref())
                ));
                if let Some(o) = o {
                    placed.entry(doc.clone()).or_default().push(o);
                }
                recorded
                    .entry(doc)
                    .or_default()
                    .push(Conflict { id, theirs: t });
            }
        }
    }

    // Documents: the union; their own fields merged field by field, ours winning a tie.
    let docs = |p: &Project| -> BTreeMap<String, DocEntry> {
        p.documents
            .iter()
            .map(|d| (d.path.clone(), d.clone()))
            .collect()
    };
    let (db, dor, dt) = (docs(base), docs(ours), docs(&theirs));
    let paths: BTreeSet<&String> = dor.keys().chain(dt.keys()).collect();
    let mut documents = Vec::new();
    for path in paths {
        let (b, o, t) = (db.get(path), dor.get(path), dt.get(path));
        let mut d = o.or(t).cloned().expect("a path of ours or theirs");
        if let (Some(o), Some(t)) = (o, t) {
            fn field<T: PartialEq + Clone>(b: Option<&T>, o: &T, t: &T) -> T {
                if Some(o) == b { t.clone() } else { o.clone() }
            }
            d.hash = field(b.map(|b| &b.hash), &o.hash, &t.hash);
            d.done = field(b.map(|b| &b.done), &o.done, &t.done);
            d.metadata = field(b.map(|b| &b.metadata), &o.metadata, &t.metadata);
            d.rejected = field(b.map(|b| &b.rejected), &o.rejected, &t.rejected);
        }
        d.annotations = placed.remove(path).unwrap_or_default();
        // Conflicts left from an earlier merge stay until resolved; new ones replace them.
        let mut kept: Vec<Conflict> = o.map(|o| o.conflicts.clone()).unwrap_or_default();
        for c in t.map(|t| t.conflicts.clone()).unwrap_or_default() {
            if !kept.iter().any(|k| k.id == c.id) {
                kept.push(c);
            }
        }
        let new = recorded.remove(path).unwrap_or_default();
        kept.retain(|k| !new.iter().any(|n| n.id == k.id));
        kept.extend(new);
        d.conflicts = kept;
        documents.push(d);
    }

    // A speaker deleted on one side but still named on the other stays, so nothing dangles.
    let mut named: BTreeSet<SpeakerId> = BTreeSet::new();
    for d in &documents {
        let theirs = d.conflicts.iter().filter_map(|c| c.theirs.as_ref());
        for a in d.annotations.iter().chain(theirs) {
            named.extend(a.speakers.iter().chain(&a.addressee).copied());
        }
    }
    for id in named {
        if !speakers.iter().any(|s| s.id == id)
            && let Some(s) = so.get(&id).or(st.get(&id)).or(sb.get(&id))
        {
            speakers.push(s.clone());
        }
    }

    let mut project = Project {
        speakers,
        speaker_conflicts,
        documents,
        ..ours.clone_without_documents()
    };
    project.normalize();
    Merged {
        project,
        conflicts,
        joined,
    }
}

#[cfg(test)]
mod tests;
