//! Whatever whosaid writes must load again: random sequences of corpus changes (articles added,
//! removed and renamed; text inserted, deleted and replaced, often in and around annotated spans
//! and cues) and project edits (tagging, speakers, fragments, cues, deletions), each followed by
//! save -> load -> equal, and by a reopening that finds nothing left to re-anchor.
//!
//! The case count is small enough for CI; raise it by hand with `PROPTEST_CASES=…`.

use proptest::prelude::*;
use proptest::sample::Index;
use std::path::{Path, PathBuf};
use whosaid::project::{AnchorStatus, AnnotationId, Label, load_project};
use whosaid::workspace::{DocStatus, Intent, SpeakerRole, Workspace};

/// Cases run by `cargo test`; `PROPTEST_CASES` overrides it.
const CI_CASES: u32 = 24;

/// News-like words, with the characters that make offsets hard (curly quotes, dashes, emoji, CRLF).
const WORDS: &[&str] = &[
    "NATO",
    "said",
    "Kyiv",
    "Russia",
    "must",
    "withdraw",
    "the",
    "talks",
    "“We",
    "will",
    "not",
    "give",
    "up,”",
    "he",
    "added.",
    "Zelenskiy",
    "warned",
    "–",
    "🇺🇦",
    "ceasefire",
    "Ukraine’s",
    "troops",
    "élan",
    "officials",
    "said,",
    "\n\n",
    "\r\n",
    "a",
    "deal",
    "“now”",
];
const NAMES: &[&str] = &["Logan", "Bruen", "Zelenskiy", "NATO"];

fn words(range: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), range).prop_map(|w| w.join(" "))
}

/// Where an edit lands: anywhere, or a few code points from an edge of an annotated span or cue.
#[derive(Clone, Debug)]
enum Spot {
    Anywhere(Index),
    Near {
        annotation: Index,
        /// 0, 1: a fragment's start or end; 2, 3: the cue's start or end.
        edge: u8,
        delta: i8,
    },
}

#[derive(Clone, Debug)]
enum Step {
    AddArticle(String),
    RemoveArticle(Index),
    RenameArticle(Index),
    Insert(Index, Spot, String),
    Delete(Index, Spot, usize),
    Replace(Index, Spot, usize, String),
    Tag(Index, Index, usize, Label),
    AddFragment(Index, Index, usize),
    SetCue(Index, Index, usize),
    ClearCue(Index),
    NameSpeaker(Index, Index),
    DeleteAnnotation(Index),
    /// Re-attaches an annotation (orphaned or not) to a range of an article.
    Reattach(Index, Index, Index, usize),
    MarkReviewed(Index),
}

fn spot() -> impl Strategy<Value = Spot> {
    prop_oneof![
        any::<Index>().prop_map(Spot::Anywhere),
        (any::<Index>(), 0u8..4, -4i8..5).prop_map(|(annotation, edge, delta)| Spot::Near {
            annotation,
            edge,
            delta
        }),
    ]
}

fn label() -> impl Strategy<Value = Label> {
    prop::sample::select(Label::ALL.to_vec())
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        1 => words(5..40).prop_map(Step::AddArticle),
        1 => any::<Index>().prop_map(Step::RemoveArticle),
        1 => any::<Index>().prop_map(Step::RenameArticle),
        3 => (any::<Index>(), spot(), words(1..6)).prop_map(|(d, s, t)| Step::Insert(d, s, t)),
        3 => (any::<Index>(), spot(), 1usize..30).prop_map(|(d, s, n)| Step::Delete(d, s, n)),
        3 => (any::<Index>(), spot(), 1usize..12, words(1..4))
            .prop_map(|(d, s, n, t)| Step::Replace(d, s, n, t)),
        4 => (any::<Index>(), any::<Index>(), 1usize..40, label())
            .prop_map(|(d, a, n, l)| Step::Tag(d, a, n, l)),
        2 => (any::<Index>(), any::<Index>(), 1usize..20)
            .prop_map(|(a, at, n)| Step::AddFragment(a, at, n)),
        2 => (any::<Index>(), any::<Index>(), 1usize..8)
            .prop_map(|(a, at, n)| Step::SetCue(a, at, n)),
        1 => any::<Index>().prop_map(Step::ClearCue),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, n)| Step::NameSpeaker(a, n)),
        1 => any::<Index>().prop_map(Step::DeleteAnnotation),
        1 => (any::<Index>(), any::<Index>(), any::<Index>(), 1usize..30)
            .prop_map(|(a, d, at, n)| Step::Reattach(a, d, at, n)),
        1 => any::<Index>().prop_map(Step::MarkReviewed),
    ]
}

/// A temporary corpus folder and project file.
struct Setup {
    _dir: tempfile::TempDir,
    corpus: PathBuf,
    project: PathBuf,
    next_article: usize,
}

impl Setup {
    fn new(articles: &[String]) -> (Self, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        for (i, text) in articles.iter().enumerate() {
            std::fs::write(corpus.join(format!("{i:03}.txt")), text).unwrap();
        }
        let project = dir.path().join("p.ron");
        let mut ws = Workspace::open_corpus(&corpus).unwrap();
        ws.save_as(&project).unwrap();
        let setup = Setup {
            _dir: dir,
            corpus,
            project,
            next_article: articles.len(),
        };
        (setup, ws)
    }

    /// The articles now in the corpus folder, sorted.
    fn articles(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.corpus)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        files
    }

    fn pick_article(&self, i: &Index) -> Option<PathBuf> {
        let files = self.articles();
        (!files.is_empty()).then(|| files[i.index(files.len())].clone())
    }
}

fn doc_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// The placed annotations of one document, or of all, sorted by id.
fn placed(ws: &Workspace, doc: Option<&str>) -> Vec<AnnotationId> {
    let mut ids: Vec<AnnotationId> = ws
        .project()
        .annotations()
        .filter(|(d, a)| {
            a.is_placed()
                && doc.is_none_or(|doc| d.path == doc)
                && ws.corpus().document(&d.path).is_some()
        })
        .map(|(_, a)| a.id)
        .collect();
    ids.sort();
    ids
}

/// A code point offset of the article `text` for `spot`, in the workspace as last opened.
fn offset_of(ws: &Workspace, doc: &str, chars: usize, spot: &Spot) -> usize {
    let near = match spot {
        Spot::Anywhere(i) => return i.index(chars + 1),
        Spot::Near {
            annotation,
            edge,
            delta,
        } => {
            let ids = placed(ws, Some(doc));
            if ids.is_empty() {
                return annotation.index(chars + 1);
            }
            let (_, a) = ws
                .project()
                .find_annotation(ids[annotation.index(ids.len())])
                .unwrap();
            let f = match (edge, &a.cue) {
                (2 | 3, Some(cue)) => cue,
                _ => &a.fragments[annotation.index(a.fragments.len())],
            };
            let at = if edge % 2 == 0 { f.start } else { f.end };
            at.saturating_add_signed(*delta as isize)
        }
    };
    near.min(chars)
}

/// Applies a change to the text of an article on disk, in code points.
fn change_text(
    setup: &Setup,
    ws: &Workspace,
    doc: &Index,
    spot: &Spot,
    delete: usize,
    insert: &str,
) {
    let Some(path) = setup.pick_article(doc) else {
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap();
    let mut chars: Vec<char> = text.chars().collect();
    let at = offset_of(ws, &doc_name(&path), chars.len(), spot);
    let end = (at + delete).min(chars.len());
    chars.splice(at..end, insert.chars());
    std::fs::write(&path, chars.into_iter().collect::<String>()).unwrap();
}

/// A range of `len` code points at `at` in a document of the workspace.
fn range_in(ws: &Workspace, doc: &str, at: &Index, len: usize) -> std::ops::Range<usize> {
    let n = ws.corpus().document(doc).map_or(0, |d| d.text.char_len());
    let start = at.index(n.max(1));
    start..(start + len).min(n)
}

/// Runs one step. Corpus changes are made on disk and the project reopened (which re-anchors);
/// project edits go through the workspace like the app's. Edits the workspace refuses are fine.
fn run(setup: &mut Setup, ws: Workspace, step: &Step) -> Workspace {
    let mut ws = ws;
    let pick =
        |ids: Vec<AnnotationId>, i: &Index| (!ids.is_empty()).then(|| ids[i.index(ids.len())]);
    let doc_of = |ws: &Workspace, id: AnnotationId| {
        ws.project()
            .find_annotation(id)
            .map(|(d, _)| d.path.clone())
            .unwrap()
    };
    let reopen =
        |setup: &Setup| Workspace::open_project(&setup.project).expect("the project opens");
    match step {
        Step::AddArticle(text) => {
            let name = format!("{:03}a.txt", setup.next_article);
            setup.next_article += 1;
            std::fs::write(setup.corpus.join(name), text).unwrap();
            return reopen(setup);
        }
        Step::RemoveArticle(i) => {
            if let Some(path) = setup.pick_article(i) {
                std::fs::remove_file(path).unwrap();
            }
            return reopen(setup);
        }
        Step::RenameArticle(i) => {
            if let Some(path) = setup.pick_article(i) {
                let name = format!("{:03}r.txt", setup.next_article);
                setup.next_article += 1;
                std::fs::rename(path, setup.corpus.join(name)).unwrap();
            }
            return reopen(setup);
        }
        Step::Insert(d, s, t) => {
            change_text(setup, &ws, d, s, 0, t);
            return reopen(setup);
        }
        Step::Delete(d, s, n) => {
            change_text(setup, &ws, d, s, *n, "");
            return reopen(setup);
        }
        Step::Replace(d, s, n, t) => {
            change_text(setup, &ws, d, s, *n, t);
            return reopen(setup);
        }
        Step::Tag(d, at, len, label) => {
            if let Some(path) = setup.pick_article(d) {
                let doc = doc_name(&path);
                let range = range_in(&ws, &doc, at, *len);
                let _ = ws.perform(Intent::Tag {
                    doc,
                    range,
                    label: *label,
                });
            }
        }
        Step::AddFragment(a, at, len) => {
            if let Some(id) = pick(placed(&ws, None), a) {
                let range = range_in(&ws, &doc_of(&ws, id), at, *len);
                let _ = ws.perform(Intent::AddFragment { id, range });
            }
        }
        Step::SetCue(a, at, len) => {
            if let Some(id) = pick(placed(&ws, None), a) {
                let range = range_in(&ws, &doc_of(&ws, id), at, *len);
                let _ = ws.perform(Intent::SetCue {
                    id,
                    range: Some(range),
                });
            }
        }
        Step::ClearCue(a) => {
            if let Some(id) = pick(placed(&ws, None), a) {
                let _ = ws.perform(Intent::SetCue { id, range: None });
            }
        }
        Step::NameSpeaker(a, n) => {
            if let Some(id) = pick(placed(&ws, None), a) {
                let name = NAMES[n.index(NAMES.len())];
                let known = ws
                    .project()
                    .speakers
                    .iter()
                    .find(|s| s.name == name)
                    .map(|s| s.id);
                let _ = match known {
                    Some(speaker) => ws.perform(Intent::ToggleSpeaker { id, speaker }),
                    None => ws.perform(Intent::CreateSpeakerFor {
                        id,
                        name: name.into(),
                        role: SpeakerRole::Main,
                    }),
                };
            }
        }
        Step::DeleteAnnotation(a) => {
            let all: Vec<AnnotationId> = ws.project().annotations().map(|(_, a)| a.id).collect();
            if let Some(id) = pick(all, a) {
                let _ = ws.perform(Intent::Delete { id });
            }
        }
        Step::Reattach(a, d, at, len) => {
            let mut all: Vec<(bool, AnnotationId)> = ws
                .project()
                .annotations()
                .map(|(_, a)| (a.is_placed(), a.id))
                .collect();
            all.sort();
            let target = setup.pick_article(d);
            if let (Some(id), Some(path)) =
                (pick(all.into_iter().map(|(_, id)| id).collect(), a), target)
            {
                let doc = doc_name(&path);
                let range = range_in(&ws, &doc, at, *len);
                let _ = ws.perform(Intent::Reattach { id, doc, range });
            }
        }
        Step::MarkReviewed(a) => {
            let review: Vec<AnnotationId> = ws
                .project()
                .annotations()
                .filter(|(_, a)| a.anchor == AnchorStatus::Review)
                .map(|(_, a)| a.id)
                .collect();
            if let Some(id) = pick(review, a) {
                let _ = ws.perform(Intent::MarkReviewed { id });
            }
        }
    }
    ws
}

/// Every annotation that is not orphaned sits on its text (fragments and cue) wherever its
/// document is in the corpus, and its fragments are in order and apart.
fn check_on_text(ws: &Workspace) -> Result<(), TestCaseError> {
    for (d, a) in ws.project().annotations() {
        prop_assert!(
            a.fragments.windows(2).all(|w| w[0].end <= w[1].start),
            "annotation {} in {}: {:?}",
            a.id.0,
            d.path,
            a.fragments
        );
        let Some(doc) = ws.corpus().document(&d.path) else {
            continue;
        };
        if !a.is_placed() {
            continue;
        }
        for f in a.fragments.iter().chain(a.cue.as_deref()) {
            prop_assert_eq!(
                doc.text.slice(f.start..f.end),
                Some(f.text()),
                "annotation {} in {}",
                a.id.0,
                &d.path
            );
        }
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CI_CASES)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        // A failure prints its minimal sequence of steps: it belongs in a regression test.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_save_after_corpus_and_project_edits_loads_again_as_saved(
        articles in prop::collection::vec(words(20..80), 1..4),
        steps in prop::collection::vec(step(), 1..14),
    ) {
        let (mut setup, mut ws) = Setup::new(&articles);
        for (i, step) in steps.iter().enumerate() {
            ws = run(&mut setup, ws, step);
            check_on_text(&ws)?;
            ws.save().map_err(|e| TestCaseError::fail(format!("step {i} {step:?}: {e}")))?;
            let loaded = load_project(&setup.project)
                .map_err(|e| TestCaseError::fail(format!("step {i} {step:?}: {e}")))?;
            prop_assert_eq!(&loaded, ws.project(), "step {} {:?}", i, step);
            // Reopened on the same corpus, the saved project needs no re-anchoring.
            let again = Workspace::open_project(&setup.project)
                .map_err(|e| TestCaseError::fail(format!("step {i} {step:?}: {e}")))?;
            let reanchored = again
                .anchor_report()
                .docs
                .iter()
                .any(|d| matches!(d.status, DocStatus::Reanchored { .. }));
            prop_assert!(!reanchored, "step {} {:?}: {}", i, step, again.anchor_report().render());
            prop_assert_eq!(&again.project(), &ws.project(), "step {} {:?}", i, step);
            ws = again;
        }
    }
}
