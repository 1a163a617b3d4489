//! Reads PolNeAR's brat files for the `polnear` and `polnear_train` examples: which articles a
//! split holds, each one's text, and its first annotator's spans and attribution events.

// Each example uses part of this file.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Prints a message prefixed with the example's name and exits: the examples stop on bad input.
pub fn fail(msg: String) -> ! {
    let program = std::env::args()
        .next()
        .and_then(|p| {
            Path::new(&p)
                .file_stem()
                .and_then(|s| s.to_str())
                .map(str::to_string)
        })
        .unwrap_or_else(|| "polnear".into());
    eprintln!("{program}: {msg}");
    std::process::exit(2)
}

/// The articles of a split in name order: each one's stem and its first annotator's `.ann`
/// (PolNeAR has one file per annotator, `STEM_ANNOTATOR.ann`; the first in order is taken).
pub fn articles(split: &Path) -> Vec<(String, PathBuf)> {
    let ann_dir = split.join("attributions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&ann_dir)
        .unwrap_or_else(|e| fail(format!("{}: {e}", ann_dir.display())))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    files.sort();
    let mut taken = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for f in files {
        let name = f.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let stem = name.rsplit_once('_').map_or(name, |(s, _)| s).to_string();
        if taken.insert(stem.clone()) {
            out.push((stem, f));
        }
    }
    out
}

/// The text of an article of the split.
pub fn text(split: &Path, stem: &str) -> String {
    let path = split.join("text").join(format!("{stem}.txt"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())))
}

/// One text-bound annotation ("T12\tContent 10 20;25 30").
pub struct Span {
    pub id: String,
    pub kind: String,
    /// Code points, in the order the file lists them.
    pub frags: Vec<Range<usize>>,
}

/// An `.ann` file: its spans in file order and its events, each as role -> span id.
pub struct Ann {
    pub spans: Vec<Span>,
    pub events: Vec<BTreeMap<String, String>>,
}

impl Ann {
    /// The fragments of the span with this id.
    pub fn span(&self, id: &str) -> Option<&Vec<Range<usize>>> {
        self.spans.iter().find(|s| s.id == id).map(|s| &s.frags)
    }
}

fn parse_ranges(s: &str) -> Option<Vec<Range<usize>>> {
    s.split(';')
        .map(|r| {
            let mut it = r.split_whitespace().map(|n| n.parse::<usize>().ok());
            let (a, b) = (it.next()??, it.next()??);
            (a <= b).then_some(a..b)
        })
        .collect()
}

/// Reads an `.ann` file whose text has `chars` code points; a span outside it stops the example
/// with the file and line.
pub fn read_ann(ann: &Path, chars: usize) -> Ann {
    let text =
        std::fs::read_to_string(ann).unwrap_or_else(|e| fail(format!("{}: {e}", ann.display())));
    let mut out = Ann {
        spans: Vec::new(),
        events: Vec::new(),
    };
    for (n, line) in text.lines().enumerate() {
        // A span's text may hold line breaks: its continuation lines have no "T12\t" key.
        let Some((id, rest)) = line.split_once('\t') else {
            continue;
        };
        if !id
            .get(1..)
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        {
            continue;
        }
        let body = rest.split('\t').next().unwrap_or("");
        if id.starts_with('T') {
            let (kind, ranges) = body.split_once(' ').unwrap_or(("", ""));
            let frags = parse_ranges(ranges)
                .filter(|f| f.iter().all(|r| r.end <= chars))
                .unwrap_or_else(|| fail(format!("{}:{}: bad span {body:?}", ann.display(), n + 1)));
            out.spans.push(Span {
                id: id.to_string(),
                kind: kind.to_string(),
                frags,
            });
        } else if id.starts_with('E') {
            let roles = body
                .split_whitespace()
                .filter_map(|a| a.split_once(':'))
                .map(|(r, t)| (r.to_string(), t.to_string()))
                .collect();
            out.events.push(roles);
        }
    }
    out
}
