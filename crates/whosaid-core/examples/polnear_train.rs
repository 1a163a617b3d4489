//! Trains the model that judges the claims and demands the rules find (`suggest/claim_model.rs`)
//! on PolNeAR's train split and writes its weights; prints how it does on held-out articles.
//!
//! Usage: `cargo run --release -p whosaid-core --example polnear_train -- POLNEAR/train
//! crates/whosaid-core/src/suggest/data/claim_model.tsv`. A candidate is right, as in the
//! `polnear` example's precision, when >= 30% of it lies in some gold Content (first annotator).
//! Logistic regression, AdaGrad, L2; deterministic: the same split gives the same weights.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use whosaid_core::suggest::training_candidates;
use whosaid_core::text::DocText;

#[path = "common/brat.rs"]
mod brat;
use brat::fail;

const EPOCHS: usize = 6;
const RATE: f64 = 0.2;
/// Chosen with MIN_COUNT and the threshold on the held-out tenth: a stronger pull to zero and
/// fewer rare features narrowed the gap between in-sample (0.90) and held-out (0.83) precision.
const L2: f64 = 1e-2;
/// Weights smaller than this are left out of the file (they hardly move a score).
const MIN_WEIGHT: f64 = 0.005;
/// Features seen in fewer candidates than this are not learnt: a word met once ("trucks") would
/// otherwise decide its sentence's fate on any text.
const MIN_COUNT: usize = 20;
/// One article in this many is held out for the printed check (the weights written use all).
const HOLD_OUT_EVERY: usize = 10;

/// The gold Content spans of one article, in code points, in the order the file lists them.
fn contents(ann: &Path, chars: usize) -> Vec<Vec<Range<usize>>> {
    brat::read_ann(ann, chars)
        .spans
        .into_iter()
        .filter(|s| s.kind == "Content")
        .map(|s| s.frags)
        .collect()
}

struct Example {
    features: Vec<usize>,
    right: bool,
    article: usize,
    /// The gold Contents (indices into `golds`) it overlaps >= 30% of.
    finds: Vec<usize>,
    /// The candidate's words and its sentence, for `--show-wrong`.
    shown: String,
}

fn overlap(a: &[Range<usize>], b: &[Range<usize>]) -> usize {
    a.iter()
        .flat_map(|x| {
            b.iter()
                .map(move |y| x.end.min(y.end).saturating_sub(x.start.max(y.start)))
        })
        .sum()
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

fn train(examples: &[&Example], n_features: usize) -> (f64, Vec<f64>) {
    let mut w = vec![0.0; n_features];
    let mut g2 = vec![1e-8; n_features];
    let (mut bias, mut bias_g2) = (0.0, 1e-8);
    // A fixed shuffle per epoch (an LCG), so that runs agree.
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..EPOCHS {
        for i in (1..order.len()).rev() {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            order.swap(i, (seed >> 33) as usize % (i + 1));
        }
        for &k in &order {
            let ex = examples[k];
            let z = bias + ex.features.iter().map(|&f| w[f]).sum::<f64>();
            let g = sigmoid(z) - f64::from(u8::from(ex.right));
            bias_g2 += g * g;
            bias -= RATE * g / bias_g2.sqrt();
            for &f in &ex.features {
                let gf = g + L2 * w[f];
                g2[f] += gf * gf;
                w[f] -= RATE * gf / g2[f].sqrt();
            }
        }
    }
    (bias, w)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(split), Some(out)) = (
        args.first().map(PathBuf::from),
        args.get(1).map(PathBuf::from),
    ) else {
        fail("usage: polnear_train TRAIN_SPLIT_DIR OUT_FILE [--show-wrong]".into())
    };
    // `--show-wrong`: list the held-out candidates kept at the threshold that hit no gold content.
    let show_wrong = args.iter().any(|a| a == "--show-wrong");
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut examples = Vec::new();
    let mut article = 0;
    let mut golds: Vec<usize> = Vec::new();
    for (stem, ann) in brat::articles(&split) {
        let text = brat::text(&split, &stem);
        let gold = contents(&ann, text.chars().count());
        let first_gold = golds.len();
        golds.extend(std::iter::repeat_n(article, gold.len()));
        for (fragments, features) in training_candidates(&DocText::new(text.clone())) {
            let total: usize = fragments.iter().map(Range::len).sum();
            let right = gold
                .iter()
                .any(|g| overlap(&fragments, g) * 10 >= total * 3);
            let finds = gold
                .iter()
                .enumerate()
                .filter(|(_, g)| {
                    overlap(&fragments, g) * 10 >= g.iter().map(Range::len).sum::<usize>() * 3
                })
                .map(|(k, _)| first_gold + k)
                .collect();
            let mut ids = Vec::with_capacity(features.len());
            for f in features {
                let n = index.len();
                ids.push(*index.entry(f).or_insert(n));
            }
            let features = ids;
            let shown = if show_wrong {
                let piece =
                    |r: &Range<usize>| text.chars().skip(r.start).take(r.len()).collect::<String>();
                let from = fragments.first().map_or(0, |r| r.start.saturating_sub(120));
                let to = fragments.last().map_or(0, |r| r.end + 80);
                format!(
                    "{} || {}",
                    fragments.iter().map(piece).collect::<Vec<_>>().join(" … "),
                    piece(&(from..to)).replace('\n', " ")
                )
            } else {
                String::new()
            };
            examples.push(Example {
                shown,
                features,
                right,
                article,
                finds,
            });
        }
        article += 1;
    }
    if examples.is_empty() {
        fail(format!("{}: no candidates", split.display()));
    }
    // Rare features are dropped before training.
    let mut count = vec![0usize; index.len()];
    for e in &examples {
        for &f in &e.features {
            count[f] += 1;
        }
    }
    for e in &mut examples {
        e.features.retain(|&f| count[f] >= MIN_COUNT);
    }
    // The check: train without every tenth article, score those.
    let (held, fit): (Vec<&Example>, Vec<&Example>) = examples
        .iter()
        .partition(|e| e.article % HOLD_OUT_EVERY == 0);
    let (bias, w) = train(&fit, index.len());
    let right_all = held.iter().filter(|e| e.right).count();
    println!(
        "held out ({} articles, {} candidates, {} right, precision {:.3} unfiltered):",
        article.div_ceil(HOLD_OUT_EVERY),
        held.len(),
        right_all,
        right_all as f64 / held.len() as f64
    );
    for t in [0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6] {
        let kept: Vec<&&Example> = held
            .iter()
            .filter(|e| sigmoid(bias + e.features.iter().map(|&f| w[f]).sum::<f64>()) >= t)
            .collect();
        let right = kept.iter().filter(|e| e.right).count();
        let found: std::collections::BTreeSet<usize> =
            kept.iter().flat_map(|e| e.finds.iter().copied()).collect();
        println!(
            "  threshold {t:.2}: kept {} right {right} (precision {:.3}, right kept {:.3}), gold contents found {} of {}",
            kept.len(),
            right as f64 / kept.len().max(1) as f64,
            right as f64 / right_all.max(1) as f64,
            found.len(),
            golds.iter().filter(|&&a| a % HOLD_OUT_EVERY == 0).count()
        );
    }
    if show_wrong {
        let threshold = f64::from(whosaid_core::suggest::CLAIM_THRESHOLD);
        for e in held.iter().filter(|e| {
            !e.right && sigmoid(bias + e.features.iter().map(|&f| w[f]).sum::<f64>()) >= threshold
        }) {
            println!("WRONG {}", e.shown);
        }
    }
    let all: Vec<&Example> = examples.iter().collect();
    let (bias, w) = train(&all, index.len());
    let mut text = format!(
        "# Weights of the claim model (suggest/claim_model.rs), trained on PolNeAR {} ({} candidates) by\n# `cargo run --release -p whosaid-core --example polnear_train -- POLNEAR/{} FILE`.\n# feature\tweight\nbias\t{bias:.4}\n",
        split
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("split"),
        examples.len(),
        split
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("split"),
    );
    let mut named: Vec<(&String, f64)> = index.iter().map(|(f, &k)| (f, w[k])).collect();
    named.retain(|(_, x)| x.abs() >= MIN_WEIGHT);
    for (f, x) in named {
        text.push_str(&format!("{f}\t{x:.4}\n"));
    }
    std::fs::write(&out, text).unwrap_or_else(|e| fail(format!("{}: {e}", out.display())));
    eprintln!("polnear_train: wrote {}", out.display());
}
