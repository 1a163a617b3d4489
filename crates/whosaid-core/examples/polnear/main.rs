//! Scores the suggestion engine against PolNeAR's attributions (real news annotated by trained
//! annotators): prints the quality table and where the misses come from, and writes nothing.
//!
//! Usage: `cargo run --release -p whosaid-core --example polnear -- SPLIT_DIR [--show N]`
//! (SPLIT_DIR holds `text/` and `attributions/`, e.g. `../shared/data/polnear/dev`; `--show N`
//! prints N examples of each kind of miss, for tuning on the train split; `--cues` lists the
//! split's reporting words by frequency, the source of the cue lists).
//!
//! Definitions (those of issue 13). Gold: the first annotator's `.ann` of each article; each
//! attribution's Content is classed by how much of it (non-space characters) lies inside
//! quotation marks (“…”, "…", NYT's ''…''; a quote left open at a line's end runs to it): a
//! direct quote when >= 90%, indirect when none, neither (a partial quote in reported speech)
//! otherwise. A direct quote is found when quote suggestions cover >= 50% of it; a quote
//! suggestion is right when >= 50% of it lies in some gold Content. An indirect attribution is
//! found when a claim or demand overlaps >= 30% of it; a claim or demand is right when >= 30% of
//! it lies in some gold Content. The speaker is right when the surname of the suggested speaker
//! occurs in the gold Source (or the reverse), on found quotes whose Source is a name.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use whosaid_core::project::Label;
use whosaid_core::suggest::{SpeakerGuess, Suggestion, suggest, training_candidates};
use whosaid_core::text::DocText;

#[path = "../common/brat.rs"]
mod brat;
use brat::fail;

mod articles;
mod mine;
mod misses;
mod scoring;

use articles::*;
use mine::*;
use misses::*;
use scoring::*;

#[derive(Default)]
struct Counts {
    direct: usize,
    direct_found: usize,
    quotes: usize,
    quotes_right: usize,
    named_found: usize,
    named_speaker_right: usize,
    named: usize,
    named_found_right: usize,
    indirect: usize,
    indirect_found: usize,
    claims: usize,
    claims_right: usize,
}

fn ratio(a: usize, b: usize) -> String {
    if b == 0 {
        "n/a".into()
    } else {
        format!("{:.2} ({a}/{b})", a as f64 / b as f64)
    }
}

/// A piece of text around a range, on one line, for the miss listings.
fn snippet(chars: &[char], r: Range<usize>) -> String {
    let from = r.start.saturating_sub(60);
    let to = (r.end + 60).min(chars.len());
    let s: String = chars[from..r.start]
        .iter()
        .chain(['⟦'].iter())
        .chain(chars[r.clone()].iter())
        .chain(['⟧'].iter())
        .chain(chars[r.end..to].iter())
        .collect();
    s.replace('\n', " ⏎ ")
}

fn top(map: &BTreeMap<String, usize>, n: usize) -> String {
    let mut v: Vec<_> = map.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter()
        .take(n)
        .map(|(k, c)| format!("{k} {c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(split) = args.first().map(PathBuf::from) else {
        fail("usage: polnear SPLIT_DIR [--show N]".into())
    };
    let show: usize = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|p| args.get(p + 1))
        .map_or(0, |n| {
            n.parse()
                .unwrap_or_else(|_| fail(format!("--show {n}: not a number")))
        });
    let list_cues = args.iter().any(|a| a == "--cues");
    let mine_preps_to = args.iter().position(|a| a == "--mine-preps").map(|p| {
        args.get(p + 1)
            .map(PathBuf::from)
            .unwrap_or_else(|| fail("--mine-preps needs an output file".into()))
    });
    let mine_to = args.iter().position(|a| a == "--mine").map(|p| {
        args.get(p + 1)
            .map(PathBuf::from)
            .unwrap_or_else(|| fail("--mine needs an output file".into()))
    });
    let articles_of_split = brat::articles(&split);
    if articles_of_split.is_empty() {
        fail(format!(
            "{}: no .ann files",
            split.join("attributions").display()
        ));
    }
    let mut articles: Vec<Article> = articles_of_split
        .iter()
        .map(|(stem, ann)| read_article(&split, stem, ann))
        .collect();
    // Suggestions on every core, as `whosaid suggest` runs them; timed without the reading.
    let started = std::time::Instant::now();
    let found = whosaid_core::parallel::map_runs(
        &articles,
        |a| a.text.len() + 1,
        |run| {
            run.iter()
                .map(|a| suggest(&DocText::new(a.text.clone()), &[]))
                .collect::<Vec<_>>()
        },
    );
    let elapsed = started.elapsed();
    for (a, s) in articles.iter_mut().zip(found.into_iter().flatten()) {
        a.suggestions = s;
        a.candidates = training_candidates(&DocText::new(a.text.clone()))
            .into_iter()
            .map(|(fragments, _)| fragments)
            .collect();
    }

    if let Some(out) = mine_preps_to {
        mine_prep_cues(&articles, &split, &out);
        return;
    }
    if let Some(out) = mine_to {
        mine_cue_words(&articles, &split, &out);
        return;
    }
    if list_cues {
        // The reporting words of the split with their frequencies: where the cue lists come from.
        let mut cues: BTreeMap<String, usize> = BTreeMap::new();
        for a in &articles {
            for g in &a.gold {
                *cues.entry(g.cue.to_lowercase()).or_default() += 1;
            }
        }
        println!("{}", top(&cues, 200));
        return;
    }
    let mut n = Counts::default();
    let mut miss_kind: BTreeMap<String, usize> = BTreeMap::new();
    let mut speaker_miss: BTreeMap<String, usize> = BTreeMap::new();
    let mut speaker_miss_cue: BTreeMap<String, usize> = BTreeMap::new();
    let mut miss_cue_direct: BTreeMap<String, usize> = BTreeMap::new();
    let mut miss_cue_indirect: BTreeMap<String, usize> = BTreeMap::new();
    let mut miss_reason: BTreeMap<String, usize> = BTreeMap::new();
    let mut miss_reason_lemma: BTreeMap<String, usize> = BTreeMap::new();
    let mut miss_lemma: BTreeMap<String, usize> = BTreeMap::new();
    let only_lemma = args
        .iter()
        .position(|a| a == "--lemma")
        .and_then(|p| args.get(p + 1))
        .cloned();
    let mut examples: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut note = |kind: &'static str, a: &Article, r: Range<usize>, extra: String| {
        let v = examples.entry(kind).or_default();
        if v.len() < show {
            v.push(format!("{}: {} {extra}", a.name, snippet(&a.chars, r)));
        }
    };
    for a in &articles {
        let quotes: Vec<&Suggestion> = a
            .suggestions
            .iter()
            .filter(|s| s.label == Label::Quote)
            .collect();
        let claims: Vec<&Suggestion> = a
            .suggestions
            .iter()
            .filter(|s| s.label != Label::Quote)
            .collect();
        for g in &a.gold {
            // Discontinuous spans are not always listed in text order.
            let span = g.frags.iter().map(|r| r.start).min().unwrap_or(0)
                ..g.frags.iter().map(|r| r.end).max().unwrap_or(0);
            match g.class {
                Class::Direct => {
                    n.direct += 1;
                    let covered: usize =
                        quotes.iter().map(|s| overlap(&s.fragments, &g.frags)).sum();
                    let found = covered * 2 >= len(&g.frags);
                    let named = is_named(&g.source);
                    n.named += usize::from(named);
                    if found {
                        n.direct_found += 1;
                        let best = quotes
                            .iter()
                            .max_by_key(|s| overlap(&s.fragments, &g.frags))
                            .expect("found quotes overlap a suggestion");
                        if named {
                            n.named_found += 1;
                            if speaker_right(best, &g.source) {
                                n.named_speaker_right += 1;
                                n.named_found_right += 1;
                            } else {
                                let got = speaker_name(best);
                                let class = speaker_class(a, &span, &got);
                                *speaker_miss.entry(class.into()).or_default() += 1;
                                *speaker_miss_cue
                                    .entry(format!("{class}: {}", g.cue.to_lowercase()))
                                    .or_default() += 1;
                                note(
                                    "speaker wrong",
                                    a,
                                    span,
                                    format!("gold {:?} got {:?}", g.source, speaker_name(best)),
                                );
                            }
                        }
                    } else {
                        let body: String = a.chars[span.start.saturating_sub(2)..span.end]
                            .iter()
                            .collect();
                        let kind = if body.contains("''") {
                            "doubled apostrophes"
                        } else if covered > 0 {
                            "partly covered"
                        } else if g.cue.is_empty() {
                            "no cue in gold"
                        } else {
                            "not proposed"
                        };
                        *miss_kind.entry(kind.into()).or_default() += 1;
                        *miss_cue_direct.entry(g.cue.to_lowercase()).or_default() += 1;
                        note(
                            "direct missed",
                            a,
                            span,
                            format!("cue {:?} source {:?}", g.cue, g.source),
                        );
                    }
                }
                Class::Indirect => {
                    n.indirect += 1;
                    let found = claims
                        .iter()
                        .any(|s| overlap(&s.fragments, &g.frags) * 10 >= len(&g.frags) * 3);
                    if found {
                        n.indirect_found += 1;
                    } else {
                        *miss_cue_indirect.entry(g.cue.to_lowercase()).or_default() += 1;
                        let reason = indirect_reason(a, g, &claims, &quotes);
                        let head = cue_head(&g.cue);
                        *miss_reason.entry(reason.into()).or_default() += 1;
                        *miss_lemma.entry(head.clone()).or_default() += 1;
                        *miss_reason_lemma
                            .entry(format!("{reason}: {head}"))
                            .or_default() += 1;
                        if only_lemma.as_ref().is_none_or(|l| *l == head) {
                            note(reason, a, span, format!("cue {:?}", g.cue));
                        }
                    }
                }
                Class::Mixed => {}
            }
        }
        let in_gold = |s: &Suggestion, tenths: usize| {
            let total = len(&s.fragments);
            a.gold
                .iter()
                .any(|g| overlap(&s.fragments, &g.frags) * 10 >= total * tenths)
        };
        for s in &quotes {
            n.quotes += 1;
            if in_gold(s, 5) {
                n.quotes_right += 1;
            } else {
                note(
                    "quote wrong",
                    a,
                    s.start()..s.end(),
                    format!("speaker {:?}", speaker_name(s)),
                );
            }
        }
        for s in &claims {
            n.claims += 1;
            if in_gold(s, 3) {
                n.claims_right += 1;
            } else {
                note(
                    "claim wrong",
                    a,
                    s.start()..s.end(),
                    format!("{:?} speaker {:?}", s.label, speaker_name(s)),
                );
            }
        }
    }

    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    println!(
        "articles: {} ({}, {:.1} MB, suggestions in {:.3} s on {} cores)",
        articles.len(),
        split.display(),
        bytes as f64 / 1e6,
        elapsed.as_secs_f64(),
        whosaid_core::parallel::workers()
    );
    println!("| measure | whosaid |");
    println!("|---|---|");
    println!(
        "| direct quotes recall | {} |",
        ratio(n.direct_found, n.direct)
    );
    println!(
        "| direct quotes precision, strict | {} |",
        ratio(n.quotes_right, n.quotes)
    );
    println!(
        "| speaker right on matched named-source quotes | {} |",
        ratio(n.named_speaker_right, n.named_found)
    );
    println!(
        "| quote found and speaker right (named) | {} |",
        ratio(n.named_found_right, n.named)
    );
    println!(
        "| indirect attributions recall | {} |",
        ratio(n.indirect_found, n.indirect)
    );
    println!(
        "| indirect precision (claims + demands) | {} |",
        ratio(n.claims_right, n.claims)
    );
    println!();
    println!("direct quotes missed by kind: {}", top(&miss_kind, 10));
    println!(
        "speakers wrong on named-source quotes, by class: {}",
        top(&speaker_miss, 10)
    );
    println!(
        "speakers wrong, class and gold cue: {}",
        top(&speaker_miss_cue, 25)
    );
    println!(
        "direct quotes missed, gold cue: {}",
        top(&miss_cue_direct, 25)
    );
    println!("indirect missed, gold cue: {}", top(&miss_cue_indirect, 40));
    println!("indirect missed, by reason: {}", top(&miss_reason, 12));
    println!("indirect missed, by cue lemma: {}", top(&miss_lemma, 40));
    println!(
        "indirect missed, reason and cue lemma: {}",
        top(&miss_reason_lemma, 60)
    );
    for (kind, list) in examples.iter().filter(|(_, l)| !l.is_empty()) {
        println!("\n## {kind}");
        for e in list {
            println!("- {e}");
        }
    }
}
