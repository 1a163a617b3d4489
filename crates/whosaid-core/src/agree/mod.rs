//! Agreement between analysts (`whosaid agree`): projects of one corpus compared document by
//! document, with Krippendorff's alpha, strict and overlap F1 and speaker agreement per label.

mod measures;

pub use measures::{
    Span, alpha_codepoints, overlap_f1, overlap_matches, speaker_agreement, strict_f1,
};

use crate::project::{Label, Project, load_project};
use crate::speakers::fold;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What each figure means, carried in the JSON so that a reader of the numbers has it too.
pub const DEFINITIONS: [(&str, &str); 6] = [
    (
        "alpha",
        "Krippendorff's alpha, nominal, per label: every coder rates every code point of every \
         shared document, 1 when a placed annotation of that label covers it with any fragment, \
         else 0; alpha = 1 - (n-1) * sum_u a_u*b_u / ((m-1) * n1 * n0). null when undefined \
         (no coder used the label, or no variation).",
    ),
    (
        "strict_f1",
        "Mean over coder pairs of 2|A∩B| / (|A|+|B|), an annotation being its document, label and \
         sorted fragment offsets. Pairs where both are empty are left out (null if all are).",
    ),
    (
        "overlap_f1",
        "As strict_f1, with a one-to-one matching of same-label annotations of a document that \
         share at least one code point, largest shared length first: 2*matches / (|A|+|B|).",
    ),
    (
        "speakers.equal_share",
        "Over the annotations matched as for overlap_f1: the share whose main speakers have the \
         same canonical name (ignoring case and accents; unattributed counts as a value).",
    ),
    (
        "speakers.kappa",
        "Cohen's kappa of the main speaker on the matched annotations of a pair; overall, the \
         mean over pairs (Light's kappa). null when chance agreement is 1.",
    ),
    (
        "alpha_u",
        "Krippendorff's unitizing alpha is not computed: the code point alpha above is reported \
         instead.",
    ),
];

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub projects: Vec<String>,
    /// Documents in every project with the same content hash.
    pub documents: usize,
    /// Documents left out: not in every project, or annotated on different texts.
    pub left_out: Vec<String>,
    /// Per label key (`claim`, `quote`, `demand`).
    pub labels: BTreeMap<&'static str, LabelFigures>,
    /// All labels together (an annotation matching only one of its own label).
    pub overall: Figures,
    pub speakers: SpeakerFigures,
    /// Per shared document: its path and figures over all labels.
    pub per_document: Vec<DocFigures>,
    pub definitions: BTreeMap<&'static str, &'static str>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LabelFigures {
    pub alpha: Option<f64>,
    pub strict_f1: Option<f64>,
    pub overlap_f1: Option<f64>,
    /// Each coder's number of annotations of the label.
    pub annotations: Vec<usize>,
    pub pairs: Vec<PairFigures>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Figures {
    pub strict_f1: Option<f64>,
    pub overlap_f1: Option<f64>,
    pub annotations: Vec<usize>,
    pub pairs: Vec<PairFigures>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PairFigures {
    /// Indices of the two projects.
    pub a: usize,
    pub b: usize,
    pub alpha: Option<f64>,
    pub strict_f1: Option<f64>,
    pub overlap_f1: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SpeakerFigures {
    /// Matched annotation pairs, over all coder pairs.
    pub matched: usize,
    pub equal_share: Option<f64>,
    pub kappa: Option<f64>,
    pub pairs: Vec<SpeakerPair>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SpeakerPair {
    pub a: usize,
    pub b: usize,
    pub matched: usize,
    pub equal_share: Option<f64>,
    pub kappa: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DocFigures {
    pub path: String,
    pub annotations: Vec<usize>,
    pub strict_f1: Option<f64>,
    pub overlap_f1: Option<f64>,
}

/// One analyst's project, with the folder its corpus is in.
pub struct Coder {
    pub name: String,
    pub project: Project,
    pub corpus: PathBuf,
}

/// Loads the projects; an error names the file and the place.
pub fn load_coders(paths: &[PathBuf]) -> Result<Vec<Coder>, String> {
    paths
        .iter()
        .map(|path| {
            let project = load_project(path).map_err(|e| e.to_string())?;
            let folder = path.parent().unwrap_or(Path::new(""));
            Ok(Coder {
                name: path.display().to_string(),
                corpus: folder.join(&project.corpus),
                project,
            })
        })
        .collect()
}

fn mean(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let defined: Vec<f64> = values.flatten().collect();
    (!defined.is_empty()).then(|| defined.iter().sum::<f64>() / defined.len() as f64)
}

/// The length in code points of a shared document, from the first corpus that holds it with
/// the hash the projects give (the text they annotated).
fn doc_len(coders: &[Coder], path: &str, hash: &str) -> Result<usize, String> {
    for c in coders {
        let file = c.corpus.join(path);
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        if blake3::hash(&bytes).to_hex().as_str() != hash {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        return Ok(text.chars().count());
    }
    Err(format!(
        "{path}: no corpus of the projects holds this document as they annotated it (hash {hash})"
    ))
}

/// Compares the coders over the documents they share.
pub fn agreement(coders: &[Coder]) -> Result<Report, String> {
    if coders.len() < 2 {
        return Err("agreement needs two projects or more".into());
    }
    // Documents by path and hash in every project.
    let first = &coders[0].project;
    let mut shared: Vec<(String, String)> = Vec::new();
    let mut left_out: Vec<String> = Vec::new();
    let mut all_paths: Vec<&str> = coders
        .iter()
        .flat_map(|c| c.project.documents.iter().map(|d| d.path.as_str()))
        .collect();
    all_paths.sort_unstable();
    all_paths.dedup();
    for path in all_paths {
        let hash = first.document(path).map(|d| d.hash.clone());
        let everywhere = hash.as_ref().is_some_and(|h| {
            coders
                .iter()
                .all(|c| c.project.document(path).is_some_and(|d| &d.hash == h))
        });
        match (everywhere, hash) {
            (true, Some(h)) => shared.push((path.to_string(), h)),
            _ => left_out.push(path.to_string()),
        }
    }
    let lens: Vec<usize> = shared
        .iter()
        .map(|(p, h)| doc_len(coders, p, h))
        .collect::<Result<_, _>>()?;
    // Each coder's placed annotations as spans.
    let spans: Vec<Vec<Span>> = coders
        .iter()
        .map(|c| {
            let mut out = Vec::new();
            for (doc, (path, _)) in shared.iter().enumerate() {
                let entry = c.project.document(path).expect("shared");
                for a in entry.annotations.iter().filter(|a| a.is_placed()) {
                    let mut fragments: Vec<(usize, usize)> =
                        a.fragments.iter().map(|f| (f.start, f.end)).collect();
                    fragments.sort_unstable();
                    out.push(Span {
                        doc,
                        label: Label::ALL.iter().position(|l| *l == a.label).unwrap_or(0),
                        fragments,
                        speaker: c
                            .project
                            .speaker_name(a.speaker())
                            .map(fold)
                            .unwrap_or_default(),
                    });
                }
            }
            out
        })
        .collect();
    let pairs: Vec<(usize, usize)> = (0..coders.len())
        .flat_map(|a| (a + 1..coders.len()).map(move |b| (a, b)))
        .collect();
    let select = |coder: usize, keep: &dyn Fn(&Span) -> bool| -> Vec<&Span> {
        spans[coder].iter().filter(|s| keep(s)).collect()
    };
    let figures_for = |keep: &dyn Fn(&Span) -> bool, with_alpha: bool| {
        let per: Vec<Vec<&Span>> = (0..coders.len()).map(|c| select(c, keep)).collect();
        let pair_figures: Vec<PairFigures> = pairs
            .iter()
            .map(|&(a, b)| PairFigures {
                a,
                b,
                alpha: with_alpha
                    .then(|| alpha_codepoints(&lens, &[per[a].clone(), per[b].clone()]))
                    .flatten(),
                strict_f1: strict_f1(&per[a], &per[b]),
                overlap_f1: overlap_f1(&per[a], &per[b]),
            })
            .collect();
        let alpha = with_alpha.then(|| alpha_codepoints(&lens, &per)).flatten();
        (
            per.iter().map(Vec::len).collect::<Vec<_>>(),
            alpha,
            pair_figures,
        )
    };
    let mut labels = BTreeMap::new();
    for (i, label) in Label::ALL.iter().enumerate() {
        let (annotations, alpha, pairs) = figures_for(&|s: &Span| s.label == i, true);
        labels.insert(
            label.key(),
            LabelFigures {
                alpha,
                strict_f1: mean(pairs.iter().map(|p| p.strict_f1)),
                overlap_f1: mean(pairs.iter().map(|p| p.overlap_f1)),
                annotations,
                pairs,
            },
        );
    }
    let (annotations, _, overall_pairs) = figures_for(&|_: &Span| true, false);
    let overall = Figures {
        strict_f1: mean(overall_pairs.iter().map(|p| p.strict_f1)),
        overlap_f1: mean(overall_pairs.iter().map(|p| p.overlap_f1)),
        annotations,
        pairs: overall_pairs,
    };
    // Speakers on the overlap matches of each pair.
    let mut speaker_pairs = Vec::new();
    for &(a, b) in &pairs {
        let (sa, sb) = (select(a, &|_| true), select(b, &|_| true));
        let matched: Vec<(&str, &str)> = overlap_matches(&sa, &sb)
            .into_iter()
            .map(|(i, j)| (sa[i].speaker.as_str(), sb[j].speaker.as_str()))
            .collect();
        let (equal_share, kappa) = speaker_agreement(&matched);
        speaker_pairs.push(SpeakerPair {
            a,
            b,
            matched: matched.len(),
            equal_share,
            kappa,
        });
    }
    let speakers = SpeakerFigures {
        matched: speaker_pairs.iter().map(|p| p.matched).sum(),
        equal_share: mean(speaker_pairs.iter().map(|p| p.equal_share)),
        kappa: mean(speaker_pairs.iter().map(|p| p.kappa)),
        pairs: speaker_pairs,
    };
    let per_document = shared
        .iter()
        .enumerate()
        .map(|(doc, (path, _))| {
            let (annotations, _, pairs) = figures_for(&|s: &Span| s.doc == doc, false);
            DocFigures {
                path: path.clone(),
                annotations,
                strict_f1: mean(pairs.iter().map(|p| p.strict_f1)),
                overlap_f1: mean(pairs.iter().map(|p| p.overlap_f1)),
            }
        })
        .collect();
    Ok(Report {
        projects: coders.iter().map(|c| c.name.clone()).collect(),
        documents: shared.len(),
        left_out,
        labels,
        overall,
        speakers,
        per_document,
        definitions: DEFINITIONS.into_iter().collect(),
    })
}

/// A figure for the table: two decimals, or a dash when undefined.
fn cell(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| format!("{v:.3}"))
}

impl Report {
    /// The readable table `whosaid agree` prints.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (i, p) in self.projects.iter().enumerate() {
            out.push_str(&format!("[{}] {p}\n", i + 1));
        }
        out.push_str(&format!(
            "{} shared documents; {} left out{}\n\n",
            self.documents,
            self.left_out.len(),
            if self.left_out.is_empty() {
                String::new()
            } else {
                format!(" ({})", self.left_out.join(", "))
            }
        ));
        out.push_str(&format!(
            "{:<10} {:>7} {:>9} {:>10}   annotations per project\n",
            "label", "alpha", "strict F1", "overlap F1"
        ));
        let counts = |v: &[usize]| {
            v.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(" / ")
        };
        for label in Label::ALL {
            let f = &self.labels[label.key()];
            out.push_str(&format!(
                "{:<10} {:>7} {:>9} {:>10}   {}\n",
                label.key(),
                cell(f.alpha),
                cell(f.strict_f1),
                cell(f.overlap_f1),
                counts(&f.annotations)
            ));
        }
        out.push_str(&format!(
            "{:<10} {:>7} {:>9} {:>10}   {}\n\n",
            "all",
            "",
            cell(self.overall.strict_f1),
            cell(self.overall.overlap_f1),
            counts(&self.overall.annotations)
        ));
        out.push_str(&format!(
            "{:<10} {:>9} {:>10} {:>13} {:>7}\n",
            "pair", "strict F1", "overlap F1", "same speaker", "kappa"
        ));
        for (p, s) in self.overall.pairs.iter().zip(&self.speakers.pairs) {
            out.push_str(&format!(
                "{:<10} {:>9} {:>10} {:>13} {:>7}   ({} matched)\n",
                format!("[{}]-[{}]", p.a + 1, p.b + 1),
                cell(p.strict_f1),
                cell(p.overlap_f1),
                cell(s.equal_share),
                cell(s.kappa),
                s.matched
            ));
        }
        out.push_str(&format!(
            "{:<10} {:>9} {:>10} {:>13} {:>7}\n\n",
            "mean",
            cell(self.overall.strict_f1),
            cell(self.overall.overlap_f1),
            cell(self.speakers.equal_share),
            cell(self.speakers.kappa)
        ));
        out.push_str(
            "alpha: Krippendorff's nominal alpha over code points (covered by the label or not); \
             strict F1: same document, label and offsets; overlap F1: same label, sharing a code \
             point, matched one to one; same speaker and kappa: main speakers of the overlap \
             matches. `--format json` gives every figure and its definition.\n",
        );
        out
    }
}
