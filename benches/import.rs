//! Import at scale: a generated project of 100,000 annotations is exported with whosaid's own
//! exporters in every format that can be imported (brat, doccano, Label Studio, JSONL), and each
//! export is imported back over the corpus and timed. Also one doccano record whose 100,000
//! entities are pieces of one span joined by a `continues` chain, listed last to first. Every
//! importer is meant to be linear (or n log n): ten times the regions should cost about ten
//! times the time. Run with `cargo bench --bench import`; data is generated into
//! `target/bench-data/import` on first use.

use std::path::{Path, PathBuf};
use std::time::Instant;
use whosaid::interop::ExportFormat;
use whosaid::interop::import::{ImportFormat, ImportOptions, Mapping, import};
use whosaid::synthetic;
use whosaid::workspace::Workspace;

/// 2,000 articles of about 5 kB with 50 annotations each.
const DOCS: usize = 2_000;
const PER_DOC: usize = 50;

fn data() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/import");
    let t = Instant::now();
    synthetic::annotated_project(&root, DOCS, 5_000, 300, PER_DOC, 17).unwrap();
    println!(
        "data in {} ({:.1} s)",
        root.display(),
        t.elapsed().as_secs_f64()
    );
    root
}

fn options() -> ImportOptions {
    ImportOptions {
        mapping: Mapping::default(),
        offsets: None,
    }
}

/// Imports `input` over the corpus of `ws`, prints the time, and returns the annotations imported.
fn time_import(ws: &Workspace, name: &str, format: ImportFormat, input: &Path) -> usize {
    let t = Instant::now();
    let result = import(ws, format, input, &options()).unwrap();
    let elapsed = t.elapsed().as_secs_f64();
    println!(
        "import {name:<28} {:>8.2} s   {:>7} annotations   {} problems",
        elapsed,
        result.annotations,
        result.problems.len()
    );
    for p in result.problems.iter().take(3) {
        println!("    {p}");
    }
    result.annotations
}

/// One doccano record: a text of `n` words, each an entity, the entities joined into one span by
/// `continues` relations listed from the last to the first (the order that makes naive group
/// finding walk the whole chain each time).
fn doccano_chain(root: &Path, n: usize) -> PathBuf {
    let corpus = root.join("chain-corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let words: Vec<String> = (0..n).map(|i| format!("w{i}")).collect();
    let text = format!("“{}”\n", words.join(" "));
    std::fs::write(corpus.join("chain.txt"), &text).unwrap();
    let mut entities = Vec::with_capacity(n);
    let mut at = 1; // after the opening quotation mark
    for (i, w) in words.iter().enumerate() {
        entities.push(serde_json::json!({
            "id": i, "label": "Quote", "start_offset": at, "end_offset": at + w.len()
        }));
        at += w.len() + 1;
    }
    let relations: Vec<_> = (1..n)
        .rev()
        .map(|i| serde_json::json!({"from_id": i - 1, "to_id": i, "type": "continues"}))
        .collect();
    let record = serde_json::json!({
        "doc": "chain.txt", "text": text, "entities": entities, "relations": relations
    });
    let file = root.join("chain.jsonl");
    std::fs::write(&file, format!("{record}\n")).unwrap();
    corpus
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let root = data();
    let source = Workspace::open_project(&root.join("project.ron")).unwrap();
    let regions = source.project().annotations().count();
    println!("{regions} annotations in {DOCS} documents");
    let corpus = Workspace::open_corpus(&root.join("corpus")).unwrap();
    for (name, export, format, file) in [
        (
            "JSONL",
            ExportFormat::Jsonl,
            ImportFormat::Jsonl,
            "export.jsonl",
        ),
        (
            "Label Studio",
            ExportFormat::Labelstudio,
            ImportFormat::Labelstudio,
            "export-ls.json",
        ),
        (
            "doccano",
            ExportFormat::Doccano,
            ImportFormat::Doccano,
            "export-doccano.jsonl",
        ),
        (
            "brat",
            ExportFormat::Brat,
            ImportFormat::Brat,
            "export-brat",
        ),
    ] {
        let path = root.join(file);
        let t = Instant::now();
        export.exporter().export_to(&source, &path).unwrap();
        println!("export {name:<28} {:>8.2} s", t.elapsed().as_secs_f64());
        let imported = time_import(&corpus, name, format, &path);
        assert_eq!(imported, regions, "{name}: every annotation comes back");
    }
    for n in [10_000, 100_000] {
        let chain = doccano_chain(&root, n);
        let ws = Workspace::open_corpus(&chain).unwrap();
        let imported = time_import(
            &ws,
            &format!("doccano chain of {n}"),
            ImportFormat::Doccano,
            &root.join("chain.jsonl"),
        );
        assert_eq!(imported, 1, "one annotation of {n} pieces");
    }
}
