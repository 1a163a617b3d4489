//! Synthetic but realistic data for benchmarks and large-scale tests: news-like sentences with
//! curly quotes, dashes, names and multi-byte characters, and projects annotated over them.
//! Deterministic for a given seed; generated on demand, never committed.

use crate::project::{
    Annotation, AnnotationId, DocEntry, Fragment, Label, Project, Speaker, SpeakerId, SpeakerKind,
};
use crate::text::DocText;
use std::path::Path;

/// A small fast generator (xorshift64*): reproducible without a dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const NAMES: &[&str] = &[
    "Volodymyr Zelenskiy",
    "Mr Zelensky",
    "Justin Logan",
    "Prof Michta",
    "Brett Bruen",
    "Alexander Grushko",
    "Friedrich Merz",
    "Emmanuel Macron",
    "José Álvarez",
    "Zoë Müller",
    "the Kremlin",
    "NATO officials",
    "U.S. security experts",
    "Søren Kierkegaard-Nielsen",
];
const VERBS: &[&str] = &[
    "said",
    "warned",
    "argued",
    "noted",
    "insisted",
    "told reporters",
    "added",
];
const CLAUSES: &[&str] = &[
    "security guarantees must be binding",
    "the talks would resume next week",
    "Ukraine’s NATO bid was not on the table",
    "sanctions on Moscow should stay in place",
    "the ceasefire line – not the border – is what matters",
    "Europe has to spend more on defence",
    "the proposal is “a significant and substantive step”",
    "nobody wants a frozen conflict 🇺🇦",
];
const FILLER: &[&str] = &[
    "Talks continued in Berlin on Sunday.",
    "The statement came after hours of negotiation — again.",
    "Officials declined to comment further.",
    "Markets barely moved on the news.",
    "Analysts were divided over the timing.",
    "The delegation left for Geneva at dawn.",
];

/// One paragraph of news-like text: reported speech, quotes and filler.
pub fn paragraph(rng: &mut Rng) -> String {
    let mut p = String::new();
    for _ in 0..3 + rng.below(4) {
        let name = rng.pick(NAMES);
        let s = match rng.below(4) {
            0 => format!(
                "“{},” {} {}.",
                capitalise(rng.pick(CLAUSES)),
                name,
                rng.pick(VERBS)
            ),
            1 => format!("{} {} that {}.", name, rng.pick(VERBS), rng.pick(CLAUSES)),
            2 => format!("According to {}, {}.", name, rng.pick(CLAUSES)),
            _ => rng.pick(FILLER).to_string(),
        };
        if !p.is_empty() {
            p.push(' ');
        }
        p.push_str(&s);
    }
    p
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// An article of about `bytes` bytes: a headline, then paragraphs.
pub fn article(rng: &mut Rng, bytes: usize) -> String {
    let mut text = format!("Talks on Ukraine’s security – day {}\n", rng.below(1000));
    while text.len() < bytes {
        text.push_str(&paragraph(rng));
        text.push('\n');
    }
    text
}

/// Writes `docs` articles of about `bytes` each into `dir` (in subfolders of 1,000).
pub fn write_corpus(dir: &Path, docs: usize, bytes: usize, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng::new(seed);
    for i in 0..docs {
        let sub = dir.join(format!("batch{:03}", i / 1000));
        std::fs::create_dir_all(&sub)?;
        std::fs::write(
            sub.join(format!("article{i:05}.txt")),
            article(&mut rng, bytes),
        )?;
    }
    Ok(())
}

/// A registry of `n` speakers with aliases.
pub fn speakers(n: usize) -> Vec<Speaker> {
    (0..n)
        .map(|i| {
            let mut s = Speaker::new(
                SpeakerId(i as u64 + 1),
                format!("Speaker {i} {}", NAMES[i % NAMES.len()]),
            );
            s.aliases = vec![format!("Mr Speaker {i}"), format!("S{i}")];
            if i % 7 == 0 {
                s.kind = SpeakerKind::Organisation;
            }
            s
        })
        .collect()
}

/// Adds `per_doc` annotations to each document of `project` whose text is given by `texts`
/// (path, text): word-aligned spans of 3-40 words, some nested in others, some with two fragments.
pub fn annotate(project: &mut Project, texts: &[(String, &DocText)], per_doc: usize, seed: u64) {
    annotate_total(project, texts, per_doc * texts.len(), seed)
}

/// As [`annotate`], with `total` annotations spread as evenly as whole numbers allow over the
/// documents (12 or 13 each for 1,000,000 over 80,000), for sizes that are not a multiple.
pub fn annotate_total(
    project: &mut Project,
    texts: &[(String, &DocText)],
    total: usize,
    seed: u64,
) {
    let mut rng = Rng::new(seed);
    let speaker_count = project.speakers.len().max(1);
    let mut next_id = project.next_annotation_id().0;
    let n = texts.len().max(1);
    for (i, (path, text)) in texts.iter().enumerate() {
        let per_doc = total * (i + 1) / n - total * i / n;
        let words = word_starts(text);
        if words.len() < 50 {
            continue;
        }
        let entry = match project.document_mut(path) {
            Some(e) => e,
            None => {
                project
                    .documents
                    .push(DocEntry::new(path.clone(), String::new()));
                project.documents.sort_by(|a, b| a.path.cmp(&b.path));
                project.document_mut(path).expect("just added")
            }
        };
        for k in 0..per_doc {
            let w = rng.below(words.len() - 45);
            let len = 3 + rng.below(38);
            let start = words[w];
            let end = words[w + len] - 1;
            let mut fragments = vec![fragment(text, start, end)];
            // Every tenth annotation is interrupted: a second fragment a few words on.
            if k % 10 == 9 && w + len + 5 < words.len() {
                let s2 = words[w + len + 2];
                let e2 = words[w + len + 4] - 1;
                fragments.push(fragment(text, s2, e2));
            }
            let label = Label::ALL[rng.below(3)];
            let speaker = SpeakerId(rng.below(speaker_count) as u64 + 1);
            entry.annotations.push(Annotation {
                speakers: vec![speaker],
                addressee: (label == Label::Demand)
                    .then(|| SpeakerId(rng.below(speaker_count) as u64 + 1)),
                ..Annotation::new(
                    AnnotationId(next_id),
                    label,
                    fragments,
                    "2026-01-01T00:00:00Z",
                )
            });
            next_id += 1;
        }
        entry.sort_annotations();
    }
}

/// The large benchmark data: 10,000 articles of about 5 kB (about 50 MB) and 100,000 annotations
/// by 500 speakers, under `root`. Returns the project's path.
pub fn large_project(root: &Path) -> Result<std::path::PathBuf, String> {
    annotated_project(root, 10_000, 5_000, 500, 10, 42)
}

/// Ten times the large data: 80,000 articles of about 5 kB (about 400 MB) and 1,000,000
/// annotations by 5,000 speakers, under `root`. Returns the project's path.
pub fn huge_project(root: &Path) -> Result<std::path::PathBuf, String> {
    project_of_size(root, 80_000, 5_000, 5_000, 1_000_000, 43)
}

/// A corpus of `docs` articles of about `bytes` each under `root/corpus`, annotated with
/// `per_doc` annotations per article by `speakers` speakers, saved as `root/project.ron`. Made
/// once: an existing project there is reused. Returns the project's path.
pub fn annotated_project(
    root: &Path,
    docs: usize,
    bytes: usize,
    speakers_n: usize,
    per_doc: usize,
    seed: u64,
) -> Result<std::path::PathBuf, String> {
    project_of_size(root, docs, bytes, speakers_n, per_doc * docs, seed)
}

/// As [`annotated_project`], with `total` annotations spread over the documents.
pub fn project_of_size(
    root: &Path,
    docs: usize,
    bytes: usize,
    speakers_n: usize,
    total: usize,
    seed: u64,
) -> Result<std::path::PathBuf, String> {
    let project = root.join("project.ron");
    if project.exists() {
        return Ok(project);
    }
    let corpus = root.join("corpus");
    write_corpus(&corpus, docs, bytes, seed).map_err(|e| e.to_string())?;
    let mut ws = crate::workspace::Workspace::open_corpus(&corpus).map_err(|e| e.to_string())?;
    let mut p = ws.project().clone();
    p.speakers = speakers(speakers_n);
    let texts: Vec<(String, &DocText)> = ws
        .corpus()
        .documents
        .iter()
        .map(|d| (d.path.clone(), &d.text))
        .collect();
    annotate_total(&mut p, &texts, total, seed.wrapping_add(1));
    ws.adopt_imported(p);
    ws.save_as(&project).map_err(|e| e.to_string())?;
    Ok(project)
}

fn fragment(text: &DocText, start: usize, end: usize) -> Fragment {
    Fragment::on(text, text.trim(start..end))
}

/// Code point offsets where words start.
fn word_starts(text: &DocText) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut prev_space = true;
    for (i, c) in text.as_str().chars().enumerate() {
        if prev_space && !c.is_whitespace() {
            starts.push(i);
        }
        prev_space = c.is_whitespace();
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    #[test]
    fn generated_projects_are_valid_and_exact() {
        let dir = tempfile::tempdir().unwrap();
        let path = annotated_project(dir.path(), 3, 20_000, 20, 50, 7).unwrap();
        let ws = Workspace::open_project(&path).unwrap();
        assert!(ws.warnings().is_empty(), "{:?}", ws.warnings());
        assert_eq!(ws.project().annotations().count(), 150);
        assert_eq!(ws.project().speakers.len(), 20);
        for (d, a) in ws.project().annotations() {
            let doc = ws.corpus().document(&d.path).unwrap();
            for f in &a.fragments {
                assert_eq!(doc.text.slice(f.start..f.end), Some(f.text()));
            }
        }
        assert!(ws.corpus().documents[0].text.as_str().contains('“'));
    }
}
