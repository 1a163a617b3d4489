//! The merge cases one by one: additions on both sides, a change on one side, the same thing
//! changed on both, deletion against a change, and the same speaker added on both sides.

use super::*;
use crate::project::{Fragment, Label, parse_project, project_to_ron};
use std::path::{Path, PathBuf};

const TEXT: &str =
    "“We will not give up,” said Volodymyr Zelensky. NATO must act now, said Mr Logan.";

fn annotation(id: u64, start: usize, end: usize, label: Label) -> Annotation {
    let text: String = TEXT.chars().skip(start).take(end - start).collect();
    Annotation::new(
        AnnotationId(id),
        label,
        vec![Fragment::new(start, end, &text)],
        "2026-11-30T10:00:00Z",
    )
}

/// A base with speakers 1 (Zelensky) and 2 (Logan) and annotations 1 and 2 in `a.txt`.
fn base() -> Project {
    let mut p = Project::new(PathBuf::from("corpus"));
    p.speakers
        .push(Speaker::new(SpeakerId(1), "Volodymyr Zelensky"));
    p.speakers.push(Speaker::new(SpeakerId(2), "Justin Logan"));
    let mut d = DocEntry::new("a.txt".into(), "h".into());
    let mut quote = annotation(1, 0, 22, Label::Quote);
    quote.speakers = vec![SpeakerId(1)];
    d.annotations.push(quote);
    d.annotations.push(annotation(2, 48, 65, Label::Claim));
    p.documents.push(d);
    p.documents.push(DocEntry::new("b.txt".into(), "h2".into()));
    p.normalize();
    p
}

fn edit(p: &mut Project, id: u64, f: impl FnOnce(&mut Annotation)) {
    let a = p
        .documents
        .iter_mut()
        .flat_map(|d| d.annotations.iter_mut())
        .find(|a| a.id.0 == id)
        .unwrap();
    f(a);
    a.modified = "2026-11-30T11:00:00Z".into();
}

fn add(p: &mut Project, a: Annotation) {
    p.document_mut("a.txt").unwrap().annotations.push(a);
    p.normalize();
}

fn remove(p: &mut Project, id: u64) {
    for d in &mut p.documents {
        d.annotations.retain(|a| a.id.0 != id);
    }
}

fn ids(p: &Project) -> Vec<u64> {
    let mut ids: Vec<u64> = p.annotations().map(|(_, a)| a.id.0).collect();
    ids.sort();
    ids
}

fn get(p: &Project, id: u64) -> &Annotation {
    p.find_annotation(AnnotationId(id)).unwrap().1
}

/// The merged project as written, read back: what a user would open.
fn written_and_read(m: &Merged) -> Project {
    let text = project_to_ron(&m.project);
    parse_project(Path::new("merged.ron"), &text).expect("the merged project loads")
}

#[test]
fn additions_on_both_sides_are_all_kept() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    add(&mut o, annotation(4_000_000_001, 28, 46, Label::Claim));
    add(&mut t, annotation(7_000_000_001, 67, 80, Label::Claim));
    let m = merge(&b, &o, &t);
    assert!(m.is_clean(), "{:?}", m.conflicts);
    let read = written_and_read(&m);
    assert_eq!(ids(&read), [1, 2, 4_000_000_001, 7_000_000_001]);
    assert_eq!(read.documents.len(), 2);
}

#[test]
fn a_change_on_one_side_wins_over_no_change() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    edit(&mut t, 1, |a| a.label = Label::Claim);
    edit(&mut o, 2, |a| a.note = "ours".into());
    let m = merge(&b, &o, &t);
    assert!(m.is_clean(), "{:?}", m.conflicts);
    let read = written_and_read(&m);
    assert_eq!(get(&read, 1).label, Label::Claim, "their change");
    assert_eq!(get(&read, 2).note, "ours", "our change");
    // And the same the other way round.
    let m = merge(&b, &t, &o);
    assert_eq!(get(&m.project, 1).label, Label::Claim);
    assert_eq!(get(&m.project, 2).note, "ours");
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    edit(&mut o, 2, |a| a.speakers = vec![SpeakerId(2)]);
    edit(&mut t, 2, |a| {
        a.speakers = vec![SpeakerId(2)];
        a.annotator = "Bo".into();
    });
    let m = merge(&b, &o, &t);
    assert!(m.is_clean(), "{:?}", m.conflicts);
    assert_eq!(get(&m.project, 2).speakers, [SpeakerId(2)]);
}

#[test]
fn the_same_annotation_changed_differently_is_a_conflict_with_ours_kept_and_theirs_beside() {
    let b = base();
    for (what, change_ours, change_theirs) in [
        (
            "label",
            Box::new(|a: &mut Annotation| a.label = Label::Claim) as Box<dyn Fn(&mut Annotation)>,
            Box::new(|a: &mut Annotation| a.label = Label::Demand) as Box<dyn Fn(&mut Annotation)>,
        ),
        (
            "speakers",
            Box::new(|a: &mut Annotation| a.speakers = vec![SpeakerId(2)]),
            Box::new(|a: &mut Annotation| a.speakers = vec![]),
        ),
        (
            "fragments",
            Box::new(|a: &mut Annotation| a.fragments = vec![Fragment::new(1, 21, "x")]),
            Box::new(|a: &mut Annotation| a.fragments = vec![Fragment::new(0, 20, "y")]),
        ),
        (
            "note",
            Box::new(|a: &mut Annotation| a.note = "mine".into()),
            Box::new(|a: &mut Annotation| a.note = "yours".into()),
        ),
    ] {
        let (mut o, mut t) = (b.clone(), b.clone());
        edit(&mut o, 1, &*change_ours);
        edit(&mut t, 1, &*change_theirs);
        let m = merge(&b, &o, &t);
        assert_eq!(m.conflicts.len(), 1, "{what}");
        assert!(m.conflicts[0].contains(what), "{what}: {}", m.conflicts[0]);
        let read = written_and_read(&m);
        assert_eq!(get(&read, 1), get(&o, 1), "{what}: ours kept");
        let doc = read.document("a.txt").unwrap();
        assert_eq!(doc.conflicts.len(), 1);
        assert_eq!(doc.conflicts[0].id, AnnotationId(1));
        assert_eq!(doc.conflicts[0].theirs.as_ref(), Some(get(&t, 1)), "{what}");
    }
}

#[test]
fn deletion_against_a_change_is_a_conflict_either_way() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    remove(&mut o, 1);
    edit(&mut t, 1, |a| a.note = "checked".into());
    let m = merge(&b, &o, &t);
    assert_eq!(
        m.conflicts,
        ["annotation 1 in a.txt: we deleted it, they changed it"]
    );
    let read = written_and_read(&m);
    assert!(
        read.find_annotation(AnnotationId(1)).is_none(),
        "our deletion kept"
    );
    let c = &read.document("a.txt").unwrap().conflicts[0];
    assert_eq!(c.theirs.as_ref().map(|a| a.note.as_str()), Some("checked"));

    let m = merge(&b, &t, &o);
    assert_eq!(
        m.conflicts,
        ["annotation 1 in a.txt: we changed it, they deleted it"]
    );
    let read = written_and_read(&m);
    assert_eq!(get(&read, 1).note, "checked");
    assert_eq!(read.document("a.txt").unwrap().conflicts[0].theirs, None);
}

#[test]
fn deletion_against_no_change_deletes() {
    let b = base();
    let (o, mut t) = (b.clone(), b.clone());
    remove(&mut t, 2);
    let m = merge(&b, &o, &t);
    assert!(m.is_clean());
    assert_eq!(ids(&m.project), [1]);
}

#[test]
fn speakers_added_on_both_sides_with_the_same_name_key_become_one() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.speakers
        .push(Speaker::new(SpeakerId(4_000_000_001), "Mark Rutte"));
    let mut a = annotation(4_000_000_002, 48, 65, Label::Demand);
    a.speakers = vec![SpeakerId(4_000_000_001)];
    add(&mut o, a);
    // They spelled him with a title: the same name key.
    t.speakers
        .push(Speaker::new(SpeakerId(7_000_000_001), "Mr Mark Rutte"));
    let mut a = annotation(7_000_000_002, 67, 80, Label::Claim);
    a.speakers = vec![SpeakerId(7_000_000_001)];
    add(&mut t, a);
    let m = merge(&b, &o, &t);
    assert!(m.is_clean(), "{:?}", m.conflicts);
    let read = written_and_read(&m);
    let rutte: Vec<&Speaker> = read
        .speakers
        .iter()
        .filter(|s| s.name.contains("Rutte"))
        .collect();
    assert_eq!(rutte.len(), 1, "one speaker: {rutte:?}");
    assert_eq!(rutte[0].id, SpeakerId(4_000_000_001));
    assert_eq!(
        rutte[0].aliases,
        ["Mr Mark Rutte"],
        "their spelling joins as an alias"
    );
    assert_eq!(
        get(&read, 7_000_000_002).speakers,
        [SpeakerId(4_000_000_001)]
    );
    assert_eq!(m.joined.len(), 1);
}

#[test]
fn a_speaker_changed_differently_on_both_sides_is_a_conflict() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.speakers[1].role = "Cato Institute".into();
    t.speakers[1].role = "Quincy Institute".into();
    let m = merge(&b, &o, &t);
    assert_eq!(
        m.conflicts,
        ["speaker 2 (Justin Logan): changed on both sides"]
    );
    let read = written_and_read(&m);
    assert_eq!(read.speaker(SpeakerId(2)).unwrap().role, "Cato Institute");
    assert_eq!(
        read.speaker_conflicts[0].theirs.as_ref().unwrap().role,
        "Quincy Institute"
    );
}

#[test]
fn a_speaker_deleted_on_one_side_and_named_on_the_other_stays() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    // We removed Logan (unused in the base); they attributed a span to him.
    o.speakers.retain(|s| s.id != SpeakerId(2));
    edit(&mut t, 2, |a| a.speakers = vec![SpeakerId(2)]);
    let m = merge(&b, &o, &t);
    let read = written_and_read(&m);
    assert_eq!(get(&read, 2).speakers, [SpeakerId(2)]);
    assert!(read.speaker(SpeakerId(2)).is_some());
}

#[test]
fn document_fields_merge_and_identical_sides_give_the_same_project() {
    let b = base();
    let (mut o, t) = (b.clone(), b.clone());
    o.document_mut("b.txt").unwrap().done = true;
    let m = merge(&b, &o, &t);
    assert!(m.project.document("b.txt").unwrap().done);
    let m = merge(&b, &b, &b);
    assert!(m.is_clean());
    assert_eq!(project_to_ron(&m.project), project_to_ron(&b));
}
