//! Quality of the suggestion engine against hand-made gold: the five sample articles
//! (`tests/gold/sample-gold.ron`) and short texts in other quotation styles
//! (`tests/gold/other-styles/`). Prints a markdown table (run with `--nocapture`), writes it to
//! `target/suggest-eval.md`, and asserts the targets.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use whosaid::project::{Label, Speaker, SpeakerId, load_project};
use whosaid::speakers::name_key;
use whosaid::suggest::{SpeakerGuess, Suggestion, suggest};
use whosaid::text::DocText;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// Who the gold says spoke: a registry speaker, or a name (other-styles texts have no registry).
enum GoldSpeaker {
    Id(SpeakerId),
    Name(String),
}

struct GoldSpan {
    label: Label,
    fragments: Vec<Range<usize>>,
    speaker: GoldSpeaker,
}

struct Case {
    name: String,
    text: DocText,
    gold: Vec<GoldSpan>,
    suggestions: Vec<Suggestion>,
}

fn read_text(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text)
}

fn sample_cases() -> (Vec<Case>, Vec<Speaker>) {
    let path = Path::new(REPO).join("tests/gold/sample-gold.ron");
    let project = load_project(&path).unwrap();
    let corpus = path.parent().unwrap().join(&project.corpus);
    let cases = project
        .documents
        .iter()
        .map(|doc| {
            let text = DocText::new(read_text(&corpus.join(&doc.path)));
            let gold = doc
                .annotations
                .iter()
                .map(|a| GoldSpan {
                    label: a.label,
                    fragments: a.fragments.iter().map(|f| f.start..f.end).collect(),
                    speaker: GoldSpeaker::Id(a.speaker().expect("gold annotations have speakers")),
                })
                .collect();
            let suggestions = suggest(&text, &project.speakers);
            Case {
                name: doc.path.clone(),
                text,
                gold,
                suggestions,
            }
        })
        .collect();
    (cases, project.speakers)
}

/// Code-point range of the `n`-th occurrence of `needle` at or after code point `from`.
fn locate(text: &str, needle: &str, from: usize, n: usize) -> Option<Range<usize>> {
    let from_byte = text.char_indices().nth(from).map_or(text.len(), |(b, _)| b);
    let (byte, _) = text[from_byte..].match_indices(needle).nth(n)?;
    let start = text[..from_byte + byte].chars().count();
    Some(start..start + needle.chars().count())
}

fn parse_gold(text: &str, gold: &str, file: &str) -> Vec<GoldSpan> {
    let mut out = Vec::new();
    for (number, line) in gold.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(" | ").map(str::trim).collect();
        assert!(
            fields.len() >= 3,
            "{file}:{}: label | text | speaker",
            number + 1
        );
        let label = match fields[0] {
            "quote" => Label::Quote,
            "claim" => Label::Claim,
            "demand" => Label::Demand,
            other => panic!("{file}:{}: unknown label {other}", number + 1),
        };
        let mut fragments: Vec<Range<usize>> = Vec::new();
        for piece in fields[1].split(" … ") {
            let (needle, n) = match piece.rsplit_once(" @") {
                Some((needle, n)) if n.parse::<usize>().is_ok() => (needle, n.parse().unwrap()),
                _ => (piece, 0),
            };
            let from = fragments.last().map_or(0, |f| f.end);
            let found = locate(text, needle, from, n)
                .unwrap_or_else(|| panic!("{file}:{}: not found: {needle}", number + 1));
            fragments.push(found);
        }
        out.push(GoldSpan {
            label,
            fragments,
            speaker: GoldSpeaker::Name(fields[2].to_string()),
        });
    }
    out
}

fn other_style_cases() -> Vec<Case> {
    let dir = Path::new(REPO).join("tests/gold/other-styles");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let raw = read_text(path);
            let gold_path = path.with_extension("gold");
            let file = gold_path.file_name().unwrap().to_string_lossy().to_string();
            let gold = parse_gold(&raw, &read_text(&gold_path), &file);
            let text = DocText::new(raw);
            let suggestions = suggest(&text, &[]);
            Case {
                name: path.file_name().unwrap().to_string_lossy().to_string(),
                text,
                gold,
                suggestions,
            }
        })
        .collect()
}

fn overlap(a: &[Range<usize>], b: &[Range<usize>]) -> usize {
    a.iter()
        .flat_map(|x| {
            b.iter()
                .map(move |y| x.end.min(y.end).saturating_sub(x.start.max(y.start)))
        })
        .sum()
}

/// Fragments with surrounding white space trimmed.
fn trimmed(text: &DocText, fragments: &[Range<usize>]) -> Vec<Range<usize>> {
    fragments.iter().map(|f| text.trim(f.clone())).collect()
}

/// One-to-one matches (suggestion index, gold index) of one label, greedily by largest overlap,
/// or by identical trimmed fragments when `exact`.
fn matches(case: &Case, label: Label, exact: bool) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (s, sug) in case.suggestions.iter().enumerate() {
        for (g, gold) in case.gold.iter().enumerate() {
            if sug.label != label || gold.label != label {
                continue;
            }
            let score = if exact {
                usize::from(
                    trimmed(&case.text, &sug.fragments) == trimmed(&case.text, &gold.fragments),
                )
            } else {
                overlap(&sug.fragments, &gold.fragments)
            };
            if score > 0 {
                pairs.push((score, s, g));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_s, mut used_g) = (Vec::new(), Vec::new());
    let mut out = Vec::new();
    for (_, s, g) in pairs {
        if !used_s.contains(&s) && !used_g.contains(&g) {
            used_s.push(s);
            used_g.push(g);
            out.push((s, g));
        }
    }
    out
}

fn speaker_correct(guess: &Option<SpeakerGuess>, gold: &GoldSpeaker, registry: &[Speaker]) -> bool {
    let gold_names: Vec<&str> = match gold {
        GoldSpeaker::Id(id) => registry
            .iter()
            .find(|s| s.id == *id)
            .map(|s| s.names().collect())
            .unwrap_or_default(),
        GoldSpeaker::Name(name) => vec![name.as_str()],
    };
    match (guess, gold) {
        (Some(SpeakerGuess::Known(id)), GoldSpeaker::Id(gold)) => id == gold,
        (Some(SpeakerGuess::New(name)), _) => {
            let key = name_key(name);
            gold_names.iter().any(|n| name_key(n) == key)
        }
        _ => false,
    }
}

#[derive(Default, Clone, Copy)]
struct Counts {
    gold: usize,
    suggested: usize,
    exact: usize,
    overlap: usize,
    speaker_right: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.gold += o.gold;
        self.suggested += o.suggested;
        self.exact += o.exact;
        self.overlap += o.overlap;
        self.speaker_right += o.speaker_right;
    }
}

fn prf(hit: usize, suggested: usize, gold: usize) -> (f64, f64, f64) {
    let p = if suggested == 0 {
        0.0
    } else {
        hit as f64 / suggested as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        hit as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

impl Counts {
    fn overlap_f1(&self) -> f64 {
        prf(self.overlap, self.suggested, self.gold).2
    }

    fn overlap_recall(&self) -> f64 {
        prf(self.overlap, self.suggested, self.gold).1
    }

    fn speaker_accuracy(&self) -> f64 {
        if self.overlap == 0 {
            0.0
        } else {
            self.speaker_right as f64 / self.overlap as f64
        }
    }
}

/// Counts per label over all cases; prints what was missed and what was suggested wrongly.
fn evaluate(cases: &[Case], registry: &[Speaker], log: &mut String) -> BTreeMap<Label, Counts> {
    let mut out = BTreeMap::new();
    for case in cases {
        for label in Label::ALL {
            let overlapping = matches(case, label, false);
            let c = Counts {
                gold: case.gold.iter().filter(|g| g.label == label).count(),
                suggested: case.suggestions.iter().filter(|s| s.label == label).count(),
                exact: matches(case, label, true).len(),
                overlap: overlapping.len(),
                speaker_right: overlapping
                    .iter()
                    .filter(|&&(s, g)| {
                        speaker_correct(
                            &case.suggestions[s].speaker,
                            &case.gold[g].speaker,
                            registry,
                        )
                    })
                    .count(),
            };
            *out.entry(label).or_insert_with(Counts::default) += c;
            let shown = |fragments: &[Range<usize>]| {
                fragments
                    .iter()
                    .map(|f| case.text.slice(f.clone()).unwrap_or("?"))
                    .collect::<Vec<_>>()
                    .join(" … ")
            };
            for (g, gold) in case.gold.iter().enumerate() {
                if gold.label == label && !overlapping.iter().any(|&(_, mg)| mg == g) {
                    log.push_str(&format!(
                        "  missed   {} {label}: {}\n",
                        case.name,
                        shown(&gold.fragments)
                    ));
                }
            }
            for (s, sug) in case.suggestions.iter().enumerate() {
                let matched = overlapping.iter().find(|&&(ms, _)| ms == s);
                match matched {
                    None if sug.label == label => log.push_str(&format!(
                        "  spurious {} {label}: {} [{:?}]\n",
                        case.name,
                        shown(&sug.fragments),
                        sug.speaker
                    )),
                    Some(&(_, g))
                        if !speaker_correct(&sug.speaker, &case.gold[g].speaker, registry) =>
                    {
                        log.push_str(&format!(
                            "  speaker  {} {label}: {} [{:?}]\n",
                            case.name,
                            shown(&sug.fragments),
                            sug.speaker
                        ))
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

fn table(title: &str, counts: &BTreeMap<Label, Counts>) -> String {
    let mut rows = vec![
        ("Quote", counts[&Label::Quote]),
        ("Claim", counts[&Label::Claim]),
        ("Demand", counts[&Label::Demand]),
    ];
    let mut reported = counts[&Label::Claim];
    reported += counts[&Label::Demand];
    rows.push(("Claim + Demand", reported));
    let mut s = format!(
        "### {title}\n\n| label | gold | suggested | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 | speaker accuracy |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    );
    for (name, c) in rows {
        let (ep, er, ef) = prf(c.exact, c.suggested, c.gold);
        let (op, or, of) = prf(c.overlap, c.suggested, c.gold);
        s.push_str(&format!(
            "| {name} | {} | {} | {ep:.2} | {er:.2} | {ef:.2} | {op:.2} | {or:.2} | {of:.2} | {:.2} ({}/{}) |\n",
            c.gold,
            c.suggested,
            c.speaker_accuracy(),
            c.speaker_right,
            c.overlap
        ));
    }
    s
}

#[test]
fn suggestions_meet_the_quality_targets() {
    let (sample, registry) = sample_cases();
    let others = other_style_cases();
    let mut log = String::new();
    log.push_str("Sample articles:\n");
    let sample_counts = evaluate(&sample, &registry, &mut log);
    log.push_str("Other styles:\n");
    let other_counts = evaluate(&others, &[], &mut log);

    let report = format!(
        "{}\n{}\nExact: identical fragments after trimming white space. Overlap: a suggestion and a gold span of the same label share code points (one-to-one, largest overlap first). Speaker accuracy: on overlap matches.\n",
        table(
            "Sample articles (tests/gold/sample-gold.ron)",
            &sample_counts
        ),
        table(
            "Other quotation styles (tests/gold/other-styles)",
            &other_counts
        )
    );
    println!("{report}\n{log}");
    let target = Path::new(REPO).join("target");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::write(target.join("suggest-eval.md"), &report).unwrap();

    let quotes = sample_counts[&Label::Quote];
    let mut reported = sample_counts[&Label::Claim];
    reported += sample_counts[&Label::Demand];
    assert!(
        quotes.overlap_f1() >= 0.95,
        "sample quotes F1 {:.2}",
        quotes.overlap_f1()
    );
    assert!(
        quotes.speaker_accuracy() >= 0.9,
        "sample quote speakers {:.2}",
        quotes.speaker_accuracy()
    );
    assert!(
        reported.overlap_recall() >= 0.6,
        "sample claims+demands recall {:.2}",
        reported.overlap_recall()
    );

    let quotes = other_counts[&Label::Quote];
    let mut reported = other_counts[&Label::Claim];
    reported += other_counts[&Label::Demand];
    assert!(
        quotes.overlap_f1() >= 0.8,
        "other-styles quotes F1 {:.2}",
        quotes.overlap_f1()
    );
    assert!(
        reported.overlap_recall() >= 0.4,
        "other-styles claims+demands recall {:.2}",
        reported.overlap_recall()
    );
}
